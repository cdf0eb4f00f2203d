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

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

uint64_t cdiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

} // namespace

bool Simulator::loopConvWs(const LoopConvWsOp::Decoded &loopOp,
                           std::string &error) {
  // Whole-layer shape (configs 1, 2) and this tile (configs 2-4).
  const LoopConvWsConfig1Op::Decoded &c1 = conv.shape1;
  const LoopConvWsConfig2Op::Decoded &c2 = conv.shape2;
  const LoopConvWsConfig3Op::Decoded &c3 = conv.shape3;
  const LoopConvWsConfig4Op::Decoded &c4 = conv.shape4;
  uint64_t batchSize = c1.batch, inRows = c1.inRows, inChannels = c1.inChannels,
           outChannels = c1.outChannels;
  uint64_t outRows = c1.outRows, poolOutRows = c1.poolOutRows,
           outCols = c1.outCols, stride = c1.stride;
  uint64_t poolStride = c2.poolStride, poolSize = c2.poolSize,
           poolOutCols = c2.poolOutCols, kernelDim = c2.kernelDim;
  uint64_t pochs = c2.pochs, pocols = c2.pocols, porows = c2.porows,
           batches = c2.batches;
  uint64_t lpad = c3.lpad, kchs = c3.kchs, kcols = c3.kcols, krows = c3.krows;
  uint64_t inCols = c3.inCols, plpad = c3.plpad, dpad = c3.dpad, upad = c3.upad,
           rpad = c3.rpad;
  uint64_t kdil = c4.kernelDilation, pupad = c4.pupad, orows = c4.orows;
  uint64_t ocols = c4.ocols, outStride = c4.outStride,
           weightStride = c4.weightStride, inStride = c4.inStride;
  uint64_t weights = conv.weightsOutput.weights,
           output = conv.weightsOutput.output, bias = conv.biasInput.bias,
           input = conv.biasInput.input;
  bool noBias = loopOp.noBias, wrot180 = loopOp.wrot180,
       transOutput1203 = loopOp.transOutput1203,
       transWeight1203 = loopOp.transWeight1203,
       transWeight0132 = loopOp.transWeight0132,
       transInput3120 = loopOp.transInput3120, dw = loopOp.dw;
  uint64_t pixels = std::max<uint64_t>(loopOp.maxPixelsPerRow, 1);
  unsigned bSpadId = unsigned(loopOp.bSpadId),
           aSpadId = unsigned(loopOp.aSpadId);
  bool noPool = loopOp.noPool, downsample = loopOp.downsample,
       inputDilated = loopOp.inputDilated;
  // Gemmini's functional model keeps the activation in a bool: any nonzero
  // value is ReLU.
  unsigned act = loopOp.activation != 0;

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
  // Where libgemmini's loop_conv_ws puts them: A from row 0, or from the
  // middle with a_spad_id 2; B ending at the middle, or at the end with
  // b_spad_id 2. Each must fit the scratchpad and they must not overlap
  // (A in the upper half lies above a B that ends at the middle).
  uint64_t halfSpad = uint64_t(spadRows) / 2;
  uint64_t aStart = aSpadId == 2 ? halfSpad : 0, aEnd = aStart + aRows;
  uint64_t bEnd = bSpadId == 2 ? uint64_t(spadRows) : halfSpad;
  bool bFits = bRows <= bEnd;
  bool apart = bFits && (aEnd <= bEnd - bRows || bEnd <= aStart);
  if (!apart || aEnd > uint64_t(spadRows) ||
      cRows > uint64_t(accRows) / 2) {
    error = "loop_conv_ws tile needs " + std::to_string(aRows) +
            " input rows from row " + std::to_string(aStart) + " and " +
            std::to_string(bRows) + " weight rows ending at row " +
            std::to_string(bEnd) + ", apart within the scratchpad's " +
            std::to_string(spadRows) + " rows, and " + std::to_string(cRows) +
            " accumulator rows (at most half)";
    return false;
  }
  uint64_t bStart = bEnd - bRows;
  // LoopConv's rows for the timing model (LoopRows): the slot's half for an
  // operand without a spad id; the accumulator halves alternate here too.
  LoopRows rows;
  rows.active = true;
  if (aSpadId == 0)
    rows.a = slotRows(aStart, aEnd, convSlot);
  if (bSpadId == 0)
    rows.b = slotRows(bStart, bEnd, convSlot);
  LoopRowsScope scope(loopRows, rows);
  convSlot ^= 1;
  uint32_t dStart = kLocalAccumulator + uint32_t(conv.dHalf),
           cStart =
               (kLocalAccumulator | kLocalAccumulate) + uint32_t(conv.cHalf);
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
    ConfigLdOp::Decoded ld; // scale 1.0, not shrunk
    ld.id = id;
    ld.stride = dramStride;
    ld.blockStride = blockStride;
    ld.pixelRepeats = pixelsPerRow;
    return issueConfig(ld, error);
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
    ConfigExOp::Decoded strides;
    strides.setOnlyStrides = true;
    strides.aStride = irows * icols;
    strides.cStride = orows * ocols;
    if (!issueConfig(strides, error))
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
  ConfigStOp::Decoded pool;
  pool.activation = act;
  pool.stride = outStride;
  pool.accScale = store.accScale;
  pool.poolStride = poolStride;
  pool.poolSize = poolSize;
  pool.upperPad = pupad;
  pool.leftPad = plpad;
  pool.poolOutDim = poolOutCols;
  pool.porows = porows;
  pool.pocols = pocols;
  pool.orows = orows;
  pool.ocols = ocols;
  if (!issueConfig(pool, error))
    return false;
  for (uint64_t b = 0; b < batches; ++b)
    for (uint64_t poch = 0; poch < pochs; poch += n) {
      uint64_t channels = std::min(n, pochs - poch);
      uint32_t c = cStart + outRow(poch, b, 0, 0);
      uint64_t addr = output + b * poolOutRows * poolOutCols * outStride + poch;
      if (!mvout(addr, operand(0, channels, c), error))
        return false;
    }
  ConfigStOp::Decoded after;
  after.activation = act;
  after.stride = outStride;
  after.accScale = store.accScale;
  return issueConfig(after, error);
}
