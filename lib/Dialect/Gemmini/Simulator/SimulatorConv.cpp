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
// Every option of Gemmini's functional model: strides, padding, kernel
// dilation, pooling, bias or none, the transposed input, weight and output
// layouts, rotated weights, depthwise weights, downsampled and dilated
// inputs, and several kernel columns per matmul (pixels per row).
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"

#include <cstring>

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
  // Whole-layer shape (configs 1, 2) and this tile (configs 2-4).
  uint64_t batchSize = bits(w[0].first, 0, 16), inRows = bits(w[0].first, 16, 16),
           inChannels = bits(w[0].first, 32, 16),
           outChannels = bits(w[0].first, 48, 16);
  uint64_t outRows = bits(w[0].second, 0, 16),
           poolOutRows = bits(w[0].second, 16, 16),
           outCols = bits(w[0].second, 32, 16), stride = bits(w[0].second, 48, 8);
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
  bool noBias = rs1 & 1, wrot180 = rs1 >> 1 & 1, transOutput1203 = rs1 >> 2 & 1,
       transWeight1203 = rs1 >> 3 & 1, transWeight0132 = rs1 >> 4 & 1,
       transInput3120 = rs1 >> 5 & 1, dw = rs1 >> 6 & 1;
  uint64_t pixels = std::max<uint64_t>(bits(rs1, 8, 8), 1);
  unsigned bSpadId = unsigned(bits(rs1, 16, 2)), aSpadId = unsigned(bits(rs1, 18, 2));
  bool noPool = rs2 & 1, downsample = rs2 >> 1 & 1, inputDilated = rs2 >> 2 & 1;
  // Gemmini's functional model keeps the activation in a bool: any nonzero
  // value is ReLU.
  unsigned act = bits(rs2, 3, 2) != 0;

  if (!ex.set || !ex.weightStationary) {
    error = "loop_conv_ws needs a weight-stationary config_ex";
    return false;
  }
  if (inputDilated && stride != 1) {
    error = "loop_conv_ws with input_dilated needs stride 1, got " +
            std::to_string(stride);
    return false;
  }
  if (kdil == 0)
    kdil = 1;

  uint64_t ochs = pochs, ichs = kchs, n = uint64_t(dim);
  // Downsampled moves keep every other pixel; dilated inputs hold every
  // other one (the zeros between are skipped in the compute loop).
  auto ds = [&](uint64_t x) { return x >> (downsample ? 1 : 0); };
  auto undilated = [&](int64_t x) {
    return inputDilated ? (x + 1) >> 1 : x;
  };
  int64_t dilatedKrows = int64_t(krows + (kdil - 1) * (krows - 1)),
          dilatedKcols = int64_t(kcols + (kdil - 1) * (kcols - 1));
  int64_t irowsFull = int64_t(orows * stride) + dilatedKrows - 1,
          icolsFull = int64_t(ocols * stride) + dilatedKcols - 1;
  int64_t irowsUnpadded = irowsFull - int64_t(upad + dpad),
          icolsUnpadded = icolsFull - int64_t(lpad + rpad);
  if (irowsUnpadded < 0 || icolsUnpadded < 0) {
    error = "loop_conv_ws padding exceeds the tile's input";
    return false;
  }
  if (inputDilated) {
    irowsUnpadded = (irowsUnpadded + 1) / 2;
    icolsUnpadded = (icolsUnpadded + 1) / 2;
  }
  uint64_t irows = inputDilated ? uint64_t(irowsUnpadded + undilated(upad) +
                                           undilated(dpad))
                                : uint64_t(irowsFull);
  uint64_t icols = inputDilated ? uint64_t(icolsUnpadded + undilated(lpad) +
                                           undilated(rpad))
                                : uint64_t(icolsFull);
  uint64_t pixelsPerChannel = ds(irows) * ds(icols);
  uint64_t bRows = transWeight0132 ? cdiv(kchs, n) * kcols * krows * ochs
                                   : cdiv(ochs, n) * kcols * krows * kchs;
  uint64_t aRows = transInput3120 ? cdiv(batches, n) * ichs * pixelsPerChannel
                                  : cdiv(ichs, n) * batches * pixelsPerChannel;
  uint64_t cRows = cdiv(ochs, n) * batches * orows * ocols;
  uint64_t halfSpad = uint64_t(spadRows) / 2;
  uint64_t aStart = aSpadId == 2 ? halfSpad : 0;
  uint64_t bEnd = bSpadId == 2 ? uint64_t(spadRows) : halfSpad;
  if (bRows > bEnd || aStart + aRows > bEnd - bRows ||
      cRows > uint64_t(accRows) / 2) {
    error = "loop_conv_ws tile needs " + std::to_string(aRows) + " input and " +
            std::to_string(bRows) + " weight rows below row " +
            std::to_string(bEnd) + " of the scratchpad and " +
            std::to_string(cRows) + " accumulator rows (at most half)";
    return false;
  }
  uint64_t bStart = bEnd - bRows;
  uint32_t dStart = (1u << 31) + uint32_t(conv.dHalf),
           cStart = (3u << 30) + uint32_t(conv.cHalf);
  if (bias)
    conv.dHalf = (conv.dHalf + uint64_t(accRows) / 2) % uint64_t(accRows);
  if (output)
    conv.cHalf = (conv.cHalf + uint64_t(accRows) / 2) % uint64_t(accRows);
  // The accumulator row of an output pixel, relative to D's or C's start:
  // channel blocks outermost, then batch, row and column.
  auto outRow = [&](uint64_t och, uint64_t b, uint64_t orow, uint64_t ocol) {
    return uint32_t((och / n) * batches * orows * ocols + b * orows * ocols +
                    orow * ocols + ocol);
  };
  uint64_t accBlocks = uint64_t(target.getMaxBlockLenAcc()),
           spadBlocks = uint64_t(target.getMaxBlockLen());
  auto configLd = [&](unsigned id, uint64_t dramStride, uint64_t blockStride,
                      uint64_t pixelsPerRow) {
    // scale 1.0
    uint64_t word = uint64_t(0x3f800000) << 32 | blockStride << 16 |
                    pixelsPerRow << 8 | uint64_t(id) << 3 | 1;
    return config(word, dramStride, error);
  };

  // The bias, broadcast over every output pixel (zeros without bias).
  if (bias) {
    if (!configLd(2, 0, batches * orows * ocols, 1))
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

  // The input pixels, zeros where the tile's padding is. NHWC, or CHWN
  // with trans_input_3120 (channels of a pixel are then batches).
  if (input) {
    uint64_t perMvin = std::min(transInput3120 ? batches : ichs, spadBlocks * n);
    uint64_t dramStride = transInput3120 ? batchSize : inStride;
    uint64_t spadStride = (transInput3120 ? ichs : batches) * pixelsPerChannel;
    if (!configLd(0, dramStride << (downsample ? 1 : 0), spadStride, pixels))
      return false;
    uint64_t bStep = transInput3120 ? perMvin : 1,
             chStep = transInput3120 ? 1 : perMvin;
    int64_t rowStep = downsample ? 2 : 1;
    int64_t rowEnd = irowsUnpadded + undilated(int64_t(dpad)),
            colEnd = icolsUnpadded + undilated(int64_t(rpad));
    for (uint64_t b = 0; b < batches; b += bStep)
      for (int64_t irow = -undilated(int64_t(upad)); irow < rowEnd;
           irow += rowStep) {
        uint64_t irowPadded = uint64_t(irow + undilated(int64_t(upad)));
        for (int64_t icol = -undilated(int64_t(lpad)); icol < colEnd;) {
          int64_t count;
          if (icol < 0)
            count = std::min<int64_t>(int64_t(n), -icol);
          else if (icol >= icolsUnpadded)
            count = std::min<int64_t>(int64_t(n), colEnd - icol);
          else
            count = std::min<int64_t>(int64_t(n) * rowStep, icolsUnpadded - icol);
          uint64_t icolPadded = uint64_t(icol + undilated(int64_t(lpad)));
          bool zeros = irow < 0 || irow >= irowsUnpadded || icol < 0 ||
                       icol >= icolsUnpadded;
          for (uint64_t ich = 0; ich < ichs; ich += chStep) {
            uint64_t cols = transInput3120 ? std::min(perMvin, batches - b)
                                           : std::min(perMvin, ichs - ich);
            uint64_t pixel = ds(irowPadded) * ds(icols) + ds(icolPadded);
            uint64_t row = transInput3120
                               ? aStart + (b / n) * spadStride +
                                     ich * pixelsPerChannel + pixel
                               : aStart + (ich / n) * spadStride +
                                     b * pixelsPerChannel + pixel;
            uint64_t addr = 0;
            if (!zeros)
              addr = transInput3120
                         ? input + ((ich * inRows + uint64_t(irow)) * inCols +
                                    uint64_t(icol)) * batchSize + b
                         : input + ((b * inRows + uint64_t(irow)) * inCols +
                                    uint64_t(icol)) * inStride + ich;
            if (!mvin(addr, operand(ds(uint64_t(count)), cols, uint32_t(row)),
                      0, error))
              return false;
          }
          icol += count;
        }
      }
  }

  // The weights: HWIO (kernel row, column, input and output channel), IHWO
  // with trans_weight_1203, HWOI with trans_weight_0132 (held transposed:
  // rows are output channels), one channel's kernel with dw.
  if (weights) {
    uint64_t perMvin = std::min(transWeight0132 ? kchs : ochs, spadBlocks * n);
    uint64_t dramStride = dw ? 1
                          : transWeight1203 ? kernelDim * kernelDim * outChannels
                          : transWeight0132 ? inChannels
                                            : weightStride;
    uint64_t blockStride = transWeight0132 ? krows * kcols * ochs
                                           : krows * kcols * kchs;
    if (!configLd(1, dramStride, blockStride, 1))
      return false;
    uint64_t ochStep = transWeight0132 ? n : perMvin,
             kchStep = transWeight0132 ? perMvin : n;
    for (uint64_t och = 0; och < ochs; och += ochStep)
      for (uint64_t krow = 0; krow < krows; ++krow)
        for (uint64_t kcol = 0; kcol < kcols; ++kcol)
          for (uint64_t kch = 0; kch < kchs; kch += kchStep) {
            uint64_t rows = transWeight0132 ? std::min(n, ochs - och)
                                            : std::min(n, kchs - kch);
            uint64_t cols = transWeight0132 ? std::min(perMvin, kchs - kch)
                                            : std::min(perMvin, ochs - och);
            uint64_t row =
                transWeight0132
                    ? bStart + (kch / n) * krows * kcols * ochs +
                          krow * kcols * ochs + kcol * ochs + och
                    : bStart + (och / n) * krows * kcols * kchs +
                          krow * kcols * kchs + kcol * kchs + kch;
            uint64_t addr;
            if (dw)
              addr = weights + krow * kernelDim + kcol;
            else if (transWeight1203)
              addr = weights + ((kch * kernelDim + krow) * kernelDim + kcol) *
                                   outChannels + och;
            else if (transWeight0132)
              addr = weights + ((krow * kernelDim + kcol) * outChannels + och) *
                                   inChannels + kch;
            else
              addr = weights + ((krow * kernelDim + kcol) * inChannels + kch) *
                                   weightStride + och;
            if (!mvin(addr, operand(rows, cols, uint32_t(row)), 1, error))
              return false;
          }
  }

  // One matmul per output pixel block, kernel position (several columns
  // at once with pixels per row > 1) and channel block; A's rows step by
  // config_ex's a_stride. trans_input_3120 multiplies batches instead of
  // pixels, with strides the loop sets itself.
  if (transInput3120) {
    uint64_t word = (irows * icols) << 16 | 1 << 7;
    if (!config(word, (orows * ocols) << 48, error))
      return false;
  }
  uint64_t bStep = transInput3120 ? n : 1;
  uint64_t ocolStep = transInput3120 ? 1 : n << (inputDilated ? 1 : 0);
  for (uint64_t och = 0; och < ochs; och += n)
    for (uint64_t krow = 0; krow < krows; ++krow)
      for (uint64_t kcol = 0; kcol < kcols; kcol += pixels)
        for (uint64_t kch = 0; kch < kchs; kch += n) {
          bool newWeights = true;
          for (uint64_t b = 0; b < batches; b += bStep)
            for (uint64_t orow = 0; orow < orows; ++orow) {
              // With dilated inputs, only output pixels on the input's grid.
              if (inputDilated && (int64_t(krow * kdil + orow) - int64_t(upad)) % 2)
                continue;
              for (uint64_t ocol = 0; ocol < ocols;) {
                if (inputDilated &&
                    (int64_t(kcol * kdil + ocol) - int64_t(lpad)) % 2) {
                  ++ocol;
                  continue;
                }
                uint64_t irow = uint64_t(undilated(int64_t(orow * stride + krow * kdil))),
                         icol = uint64_t(undilated(int64_t(ocol * stride + kcol * kdil)));
                uint64_t span = n << (inputDilated ? 1 : 0);
                uint64_t I = uint64_t(undilated(int64_t(std::min(span, ocols - ocol))));
                if (transInput3120)
                  I = std::min(n, batches - b);
                uint64_t J = std::min(n, ochs - och),
                         K = std::min(pixels, kcols - kcol) * std::min(n, kchs - kch);
                uint32_t c = cStart + outRow(och, b, orow, ocol);
                uint64_t pixel = ds(irow) * ds(icols) + ds(icol);
                uint64_t a = transInput3120
                                 ? aStart + (b / n) * kchs * pixelsPerChannel +
                                       kch * pixelsPerChannel + pixel
                                 : aStart + (kch / n) * batches * pixelsPerChannel +
                                       b * pixelsPerChannel + pixel;
                uint64_t kr = wrot180 ? krows - krow - 1 : krow,
                         kc = wrot180 ? kcols - kcol - 1 : kcol;
                uint64_t bw = transWeight0132
                                  ? bStart + (kch / n) * krows * kcols * ochs +
                                        kr * kcols * ochs + kc * ochs + och
                                  : bStart + (och / n) * krows * kcols * kchs +
                                        kr * kcols * kchs + kc * kchs + kch;
                if (!preload(operand(K, J, newWeights ? uint32_t(bw) : kGarbageAddr),
                             operand(I, J, c), error) ||
                    !compute(operand(I, K, uint32_t(a)), operand(I, J, kGarbageAddr),
                             newWeights, error))
                  return false;
                ocol += ocolStep;
                newWeights = false;
              }
            }
        }

  if (!output)
    return true;
  // Outputs through the store state config_st left (NHWC, or HWNC with
  // trans_output_1203); a pooling loop configures the store to pool with its
  // activation and leaves it configured with that activation, not pooling.
  if (noPool) {
    for (uint64_t b = 0; b < batches; ++b)
      for (uint64_t orow = 0; orow < orows; ++orow)
        for (uint64_t ocol = 0; ocol < ocols; ocol += n)
          for (uint64_t och = 0; och < ochs; och += n) {
            uint64_t I = std::min(n, ocols - ocol), J = std::min(n, ochs - och);
            uint32_t c = cStart + outRow(och, b, orow, ocol);
            uint64_t addr =
                transOutput1203
                    ? output + ((orow * outCols + ocol) * batchSize + b) *
                                   outChannels + och
                    : output + ((b * outRows + orow) * outCols + ocol) *
                                   outStride + och;
            if (!mvout(addr, operand(I, J, c), error))
              return false;
          }
    return true;
  }
  uint32_t scaleWord;
  std::memcpy(&scaleWord, &store.accScale, 4);
  uint64_t scaleBits = uint64_t(scaleWord) << 32;
  uint64_t poolWord = ocols << 56 | orows << 48 | pocols << 40 | porows << 32 |
                      poolOutCols << 24 | plpad << 10 | pupad << 8 |
                      poolSize << 6 | poolStride << 4 | uint64_t(act) << 2 | 2;
  if (!config(poolWord, scaleBits | outStride, error))
    return false;
  for (uint64_t b = 0; b < batches; ++b)
    for (uint64_t poch = 0; poch < pochs; poch += n) {
      uint64_t channels = std::min(n, pochs - poch);
      uint32_t c = cStart + outRow(poch, b, 0, 0);
      uint64_t addr = output + b * poolOutRows * poolOutCols * outStride + poch;
      if (!mvout(addr, operand(0, channels, c), error))
        return false;
    }
  return config(uint64_t(act) << 2 | 2, scaleBits | outStride, error);
}
