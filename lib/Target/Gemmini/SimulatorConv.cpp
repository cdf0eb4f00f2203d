//===- SimulatorConv.cpp - loop_conv_ws expansion -------------------------===//
//
// A convolution tile as Gemmini's functional model runs it: the bias into
// the accumulator (a stride-0 move broadcasts it over the output pixels),
// the input pixels (NHWC, with zeros for the padding) and the weights
// (kernel row, kernel column, input channel, output channel) into the
// scratchpad, one preload/compute per output pixel block, kernel position
// and channel block, and the outputs moved out, max-pooled on the way when
// the tile pools. Successive convolutions alternate between the two halves
// of the accumulator.
//
// Supported: strides, padding, kernel dilation, pooling, with or without
// bias. The transposed layouts, depthwise, downsampling, dilated inputs and
// several pixels per row are errors.
//
//===----------------------------------------------------------------------===//

#include "tessel/Target/Gemmini/Simulator.h"

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

uint64_t bits(uint64_t word, unsigned lsb, unsigned width) {
  return word >> lsb & ((uint64_t(1) << width) - 1);
}

uint64_t cdiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

uint64_t operand(uint64_t rows, uint64_t cols, uint32_t addr) {
  return rows << 48 | cols << 32 | addr;
}

} // namespace

bool Simulator::loopConvWs(uint64_t rs1, uint64_t rs2, std::string &error) {
  const auto &w = conv.words;
  // Whole-layer shape (config 1) and this tile (configs 2-4).
  uint64_t inRows = bits(w[0].first, 16, 16), inChannels = bits(w[0].first, 32, 16),
           outChannels = bits(w[0].first, 48, 16);
  uint64_t outRows = bits(w[0].second, 0, 16), outCols = bits(w[0].second, 32, 16),
           stride = bits(w[0].second, 48, 8);
  uint64_t poolStride = bits(w[1].first, 8, 8), poolSize = bits(w[1].first, 16, 16),
           poolOutCols = bits(w[1].first, 32, 16), kernelDim = bits(w[1].first, 48, 16);
  uint64_t pochs = bits(w[1].second, 0, 16), pocols = bits(w[1].second, 16, 16),
           porows = bits(w[1].second, 32, 16), batches = bits(w[1].second, 48, 16);
  uint64_t lpad = bits(w[2].first, 0, 16), kchs = bits(w[2].first, 16, 16),
           kcols = bits(w[2].first, 32, 16), krows = bits(w[2].first, 48, 16);
  uint64_t inCols = bits(w[2].second, 0, 16), plpad = bits(w[2].second, 16, 8),
           dpad = bits(w[2].second, 24, 8), upad = bits(w[2].second, 32, 16),
           rpad = bits(w[2].second, 48, 16);
  uint64_t kdil = bits(w[3].first, 0, 10), pupad = bits(w[3].first, 21, 11),
           orows = bits(w[3].first, 48, 16);
  uint64_t ocols = bits(w[3].second, 0, 16), outStride = bits(w[3].second, 16, 16),
           weightStride = bits(w[3].second, 32, 16),
           inStride = bits(w[3].second, 48, 16);
  uint64_t weights = w[4].first, output = w[4].second, bias = w[5].first,
           input = w[5].second;
  bool noBias = rs1 & 1, noPool = rs2 & 1;
  uint64_t pixels = bits(rs1, 8, 8);
  unsigned act = unsigned(bits(rs2, 3, 2));

  if (bits(rs1, 1, 6) || bits(rs2, 1, 2) || pixels > 1) {
    error = "loop_conv_ws with transposed layouts, wrot180, depthwise, "
            "downsampling, dilated inputs or several pixels per row is not "
            "supported by the simulator yet";
    return false;
  }
  if (act > 1) {
    error = "loop_conv_ws activation " + std::to_string(act) +
            " is not supported by the simulator (none and relu are)";
    return false;
  }
  if (!ex.set || !ex.weightStationary || ex.aStride != stride) {
    error = "loop_conv_ws needs a weight-stationary config_ex with a_stride "
            "equal to the convolution stride (" + std::to_string(stride) + ")";
    return false;
  }
  if (!store.set) {
    error = "loop_conv_ws before any config_st";
    return false;
  }
  if (kdil == 0)
    kdil = 1;
  // DRAM strides in elements; 0 means the channel count.
  if (!inStride)
    inStride = inChannels;
  if (!weightStride)
    weightStride = outChannels;
  if (!outStride)
    outStride = outChannels;

  uint64_t ochs = pochs, n = uint64_t(dim);
  uint64_t dilatedKrows = krows + (kdil - 1) * (krows - 1),
           dilatedKcols = kcols + (kdil - 1) * (kcols - 1);
  uint64_t irows = orows * stride + dilatedKrows - 1,
           icols = ocols * stride + dilatedKcols - 1;
  if (irows < upad + dpad || icols < lpad + rpad) {
    error = "loop_conv_ws padding exceeds the tile's input";
    return false;
  }
  int64_t irowsUnpadded = int64_t(irows - upad - dpad),
          icolsUnpadded = int64_t(icols - lpad - rpad);
  uint64_t bRows = cdiv(ochs, n) * kcols * krows * kchs;
  uint64_t aRows = cdiv(kchs, n) * batches * irows * icols;
  uint64_t cRows = cdiv(ochs, n) * batches * orows * ocols;
  if (aRows + bRows > uint64_t(spadRows) || cRows > uint64_t(accRows) / 2) {
    error = "loop_conv_ws tile needs " + std::to_string(aRows + bRows) +
            " scratchpad and " + std::to_string(cRows) +
            " accumulator rows, more than the scratchpad and half the "
            "accumulator";
    return false;
  }
  uint32_t aStart = 0, bStart = uint32_t(spadRows - bRows);
  uint32_t half = uint32_t(conv.accHalf);
  uint32_t dStart = (1u << 31) + half, cStart = (3u << 30) + half;
  // The accumulator row of an output pixel, relative to D's or C's start:
  // channel blocks outermost, then batch, row and column.
  auto outRow = [&](uint64_t och, uint64_t b, uint64_t orow, uint64_t ocol) {
    return uint32_t((och / n) * batches * orows * ocols + b * orows * ocols +
                    orow * ocols + ocol);
  };
  if (bias || output)
    conv.accHalf = (conv.accHalf + uint64_t(accRows) / 2) % uint64_t(accRows);
  uint64_t accBlocks = uint64_t(target.getMaxBlockLenAcc()),
           spadBlocks = uint64_t(target.getMaxBlockLen());
  auto configLd = [&](unsigned id, uint64_t dramStride, uint64_t blockStride) {
    // scale 1.0, one pixel per row
    uint64_t word = uint64_t(0x3f800000) << 32 | blockStride << 16 | 1 << 8 |
                    uint64_t(id) << 3 | 1;
    return config(word, dramStride, error);
  };

  // The bias, broadcast over every output pixel (zeros without bias).
  if (bias) {
    if (!configLd(2, 0, batches * orows * ocols))
      return false;
    uint64_t perMvin = std::min(ochs, accBlocks * n);
    for (uint64_t b = 0; b < batches; ++b)
      for (uint64_t orow = 0; orow < orows; ++orow)
        for (uint64_t ocol = 0; ocol < ocols; ocol += n)
          for (uint64_t och = 0; och < ochs; och += perMvin) {
            uint64_t rows = std::min(n, ocols - ocol),
                     cols = std::min(perMvin, ochs - och);
            uint32_t row = dStart + outRow(och, b, orow, ocol);
            if (!mvin(noBias ? 0 : bias + och * 4, operand(rows, cols, row), 2,
                      error))
              return false;
          }
  }

  // The input pixels, zeros where the tile's padding is.
  {
    uint64_t perMvin = std::min(kchs, spadBlocks * n);
    uint64_t spadStride = batches * irows * icols;
    if (!configLd(0, inStride, spadStride))
      return false;
    for (uint64_t b = 0; b < batches; ++b)
      for (int64_t irow = -int64_t(upad); irow < irowsUnpadded + int64_t(dpad);
           ++irow)
        for (int64_t icol = -int64_t(lpad);
             icol < icolsUnpadded + int64_t(rpad);) {
          int64_t count;
          if (icol < 0)
            count = std::min<int64_t>(n, -icol);
          else if (icol >= icolsUnpadded)
            count = std::min<int64_t>(n, icolsUnpadded + int64_t(rpad) - icol);
          else
            count = std::min<int64_t>(n, icolsUnpadded - icol);
          bool zeros = irow < 0 || irow >= irowsUnpadded || icol < 0 ||
                       icol >= icolsUnpadded;
          for (uint64_t ich = 0; ich < kchs; ich += perMvin) {
            uint64_t cols = std::min(perMvin, kchs - ich);
            uint32_t row = aStart + uint32_t((ich / n) * spadStride +
                                             b * irows * icols +
                                             uint64_t(irow + int64_t(upad)) * icols +
                                             uint64_t(icol + int64_t(lpad)));
            uint64_t addr =
                zeros ? 0
                      : input + ((b * inRows + uint64_t(irow)) * inCols +
                                 uint64_t(icol)) * inStride + ich;
            if (!mvin(addr, operand(uint64_t(count), cols, row), 0, error))
              return false;
          }
          icol += count;
        }
  }

  // The weights: kernel row, kernel column, input channel, output channel.
  {
    uint64_t perMvin = std::min(ochs, spadBlocks * n);
    if (!configLd(1, weightStride, krows * kcols * kchs))
      return false;
    for (uint64_t och = 0; och < ochs; och += perMvin)
      for (uint64_t krow = 0; krow < krows; ++krow)
        for (uint64_t kcol = 0; kcol < kcols; ++kcol)
          for (uint64_t kch = 0; kch < kchs; kch += n) {
            uint64_t rows = std::min(n, kchs - kch),
                     cols = std::min(perMvin, ochs - och);
            uint32_t row = bStart + uint32_t((och / n) * krows * kcols * kchs +
                                             krow * kcols * kchs + kcol * kchs +
                                             kch);
            uint64_t addr = weights +
                            ((krow * kernelDim + kcol) * inChannels + kch) *
                                weightStride +
                            och;
            if (!mvin(addr, operand(rows, cols, row), 1, error))
              return false;
          }
  }

  // One matmul per output pixel block, kernel position and channel block;
  // A's rows step by the stride (config_ex's a_stride).
  for (uint64_t och = 0; och < ochs; och += n)
    for (uint64_t krow = 0; krow < krows; ++krow)
      for (uint64_t kcol = 0; kcol < kcols; ++kcol)
        for (uint64_t kch = 0; kch < kchs; kch += n) {
          bool newWeights = true;
          for (uint64_t b = 0; b < batches; ++b)
            for (uint64_t orow = 0; orow < orows; ++orow)
              for (uint64_t ocol = 0; ocol < ocols; ocol += n) {
                uint64_t irow = orow * stride + krow * kdil,
                         icol = ocol * stride + kcol * kdil;
                uint64_t I = std::min(n, ocols - ocol), J = std::min(n, ochs - och),
                         K = std::min(n, kchs - kch);
                uint32_t c = cStart + outRow(och, b, orow, ocol);
                uint32_t a = aStart + uint32_t((kch / n) * batches * irows * icols +
                                               b * irows * icols + irow * icols +
                                               icol);
                uint32_t bw = bStart + uint32_t((och / n) * krows * kcols * kchs +
                                                krow * kcols * kchs +
                                                kcol * kchs + kch);
                if (!preload(operand(K, J, newWeights ? bw : kGarbageAddr),
                             operand(I, J, c), error) ||
                    !compute(operand(I, K, a), operand(I, J, kGarbageAddr),
                             newWeights, error))
                  return false;
                newWeights = false;
              }
        }

  if (!output)
    return true;
  // Outputs (NHWC, out_stride elements between pixels), activated with the
  // loop's activation and pooled when the tile pools.
  StoreState saved = store;
  store.activation = act;
  store.stride = outStride;
  auto done = [&](bool ok) {
    store = saved;
    return ok;
  };
  if (noPool) {
    store.poolStride = 0;
    for (uint64_t b = 0; b < batches; ++b)
      for (uint64_t orow = 0; orow < orows; ++orow)
        for (uint64_t ocol = 0; ocol < ocols; ocol += n)
          for (uint64_t och = 0; och < ochs; och += n) {
            uint64_t I = std::min(n, ocols - ocol), J = std::min(n, ochs - och);
            uint32_t c = cStart + outRow(och, b, orow, ocol);
            uint64_t addr =
                output + ((b * outRows + orow) * outCols + ocol) * outStride + och;
            if (!mvout(addr, operand(I, J, c), error))
              return done(false);
          }
    return done(true);
  }
  store.poolStride = unsigned(poolStride);
  store.poolSize = unsigned(poolSize);
  store.poolOutDim = unsigned(poolOutCols);
  store.porows = unsigned(porows);
  store.pocols = unsigned(pocols);
  store.orows = unsigned(orows);
  store.ocols = unsigned(ocols);
  store.upad = unsigned(pupad);
  store.lpad = unsigned(plpad);
  uint64_t poolOutRows = bits(w[0].second, 16, 16);
  for (uint64_t b = 0; b < batches; ++b)
    for (uint64_t poch = 0; poch < pochs; poch += n) {
      uint64_t channels = std::min(n, pochs - poch);
      uint32_t c = cStart + outRow(poch, b, 0, 0);
      uint64_t addr = output + b * poolOutRows * poolOutCols * outStride + poch;
      if (!mvout(addr, operand(0, channels, c), error))
        return done(false);
    }
  return done(true);
}
