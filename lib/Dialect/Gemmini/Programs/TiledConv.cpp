//===- TiledConv.cpp - a convolution as Gemmini's tiled_conv runs it ------===//
//
// gemmini-rocc-tests include/gemmini.h: tiled_conv (tiled_conv_dw for a
// depthwise layer) walks the tiles, sp_tiled_conv issues each as the six
// loop_conv_ws configurations and loop_conv_ws. The loop moves in the bias
// on a tile's first kernel position and input-channel block and moves out
// the output on its last, so partial sums stay in the accumulator between
// them. With max pooling the store path pools a tile's output on the way
// out, so tiles count pooled output pixels and a tile computes the
// convolution outputs its windows cover (padding marks those outside).
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/Programs/TiledConv.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;

namespace {

int64_t cdiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The layer's fixed arguments of sp_tiled_conv.
struct ConvShape {
  const schedule::ConvProblem &p;
  int64_t dim;
  bool depthwise, downsample;
  int64_t inStride, weightStride, outStride;
  unsigned activation;
  /// Pooling (gemmini.h's 1, 1, 0 without it) and the pooled output.
  bool noPool;
  int64_t poolSize, poolStride, poolPadding, poolOutRows, poolOutCols;
};

/// One tile: its (trimmed) sizes, the convolution outputs it computes,
/// padding of its input and of its pooling windows, spad ids and DRAM
/// addresses (0: not moved).
struct ConvTileWork {
  int64_t batches, porows, pocols, pochs, krows, kcols, kchs;
  int64_t orows, ocols;
  int64_t lpad, rpad, upad, dpad;
  int64_t plpad, prpad, pupad, pdpad;
  uint64_t input, weights, bias, output;
  unsigned aSpadId = 0, bSpadId = 0;
};

/// sp_tiled_conv: the tile's loop_conv_ws.
LogicalResult emitTile(InstructionSink &w, const ConvShape &s,
                       const ConvTileWork &t, bool noBias) {
  const schedule::ConvProblem &p = s.p;
  LoopConvWsConfig1Op::Decoded c1;
  c1.batch = uint64_t(p.batch);
  c1.inRows = uint64_t(p.inRows);
  c1.inChannels = uint64_t(p.inChannels);
  c1.outChannels = uint64_t(p.outChannels);
  c1.outRows = uint64_t(p.outRows);
  c1.poolOutRows = uint64_t(s.poolOutRows);
  c1.outCols = uint64_t(p.outCols);
  c1.stride = uint64_t(p.stride);
  c1.pad = uint64_t(p.padding);
  LoopConvWsConfig2Op::Decoded c2;
  c2.kernelDim = uint64_t(p.kernelRows);
  c2.poolOutCols = uint64_t(s.poolOutCols);
  c2.poolSize = uint64_t(s.poolSize);
  c2.poolStride = uint64_t(s.poolStride);
  c2.poolPad = uint64_t(s.poolPadding);
  c2.batches = uint64_t(t.batches);
  c2.porows = uint64_t(t.porows);
  c2.pocols = uint64_t(t.pocols);
  c2.pochs = uint64_t(t.pochs);
  LoopConvWsConfig3Op::Decoded c3;
  c3.krows = uint64_t(t.krows);
  c3.kcols = uint64_t(t.kcols);
  c3.kchs = uint64_t(t.kchs);
  c3.lpad = uint64_t(t.lpad);
  c3.rpad = uint64_t(t.rpad);
  c3.upad = uint64_t(t.upad);
  c3.dpad = uint64_t(t.dpad);
  c3.plpad = uint64_t(t.plpad);
  c3.inCols = uint64_t(p.inCols);
  LoopConvWsConfig4Op::Decoded c4;
  c4.orows = uint64_t(t.orows);
  c4.ocols = uint64_t(t.ocols);
  c4.prpad = uint64_t(t.prpad);
  c4.pupad = uint64_t(t.pupad);
  c4.pdpad = uint64_t(t.pdpad);
  c4.kernelDilation = uint64_t(p.kernelDilation);
  c4.inStride = uint64_t(s.inStride);
  c4.weightStride = uint64_t(s.weightStride);
  c4.outStride = uint64_t(s.outStride);
  LoopConvWsConfig5Op::Decoded c5;
  c5.weights = t.weights;
  c5.output = t.output;
  LoopConvWsConfig6Op::Decoded c6;
  c6.bias = t.bias;
  c6.input = t.input;
  // HAS_FIRST_LAYER_OPTIMIZATIONS: kernel columns side by side in one
  // matmul when a pixel's channels leave the array's rows free.
  int64_t pixels = s.downsample || p.kernelDilation > 1 || t.kchs > s.dim
                       ? 1
                       : s.dim / t.kchs;
  LoopConvWsOp::Decoded loop;
  loop.noBias = noBias;
  loop.dw = s.depthwise;
  loop.maxPixelsPerRow = uint64_t(std::min(pixels, t.kcols));
  loop.aSpadId = t.aSpadId;
  loop.bSpadId = t.bSpadId;
  loop.noPool = s.noPool;
  loop.downsample = s.downsample;
  loop.inputDilated = false;
  loop.activation = s.activation;
  if (failed(w.emit<LoopConvWsConfig1Op>(c1)) ||
      failed(w.emit<LoopConvWsConfig2Op>(c2)) ||
      failed(w.emit<LoopConvWsConfig3Op>(c3)) ||
      failed(w.emit<LoopConvWsConfig4Op>(c4)) ||
      failed(w.emit<LoopConvWsConfig5Op>(c5)) ||
      failed(w.emit<LoopConvWsConfig6Op>(c6)) ||
      failed(w.emit<LoopConvWsOp>(loop)))
    return failure();
  return success();
}

/// tiled_conv's windows of a tile at pooled output (porow, pocol) and
/// kernel position (krow, kcol): the convolution outputs its pooling
/// windows cover (those outside the output are padding), and the input
/// they read (outside the input: padding). Sets `irow`, `icol` to the
/// first input pixel, which may lie in the padding.
void setWindows(const ConvShape &s, ConvTileWork &t, int64_t porow,
                int64_t pocol, int64_t krow, int64_t kcol, int64_t &irow,
                int64_t &icol) {
  const schedule::ConvProblem &p = s.p;
  int64_t orow = porow * s.poolStride - s.poolPadding;
  int64_t ocol = pocol * s.poolStride - s.poolPadding;
  int64_t orows = t.porows * s.poolStride + s.poolSize - 1;
  int64_t ocols = t.pocols * s.poolStride + s.poolSize - 1;
  t.plpad = ocol < 0 ? -ocol : 0;
  t.prpad = ocol + ocols > p.outCols ? ocol + ocols - p.outCols : 0;
  t.pupad = orow < 0 ? -orow : 0;
  t.pdpad = orow + orows > p.outRows ? orow + orows - p.outRows : 0;
  t.orows = orows - t.pupad - t.pdpad;
  t.ocols = ocols - t.plpad - t.prpad;
  irow = std::max<int64_t>(orow, 0) * p.stride + krow * p.kernelDilation -
         p.padding;
  icol = std::max<int64_t>(ocol, 0) * p.stride + kcol * p.kernelDilation -
         p.padding;
  int64_t dilatedKrows = t.krows + (p.kernelDilation - 1) * (t.krows - 1);
  int64_t dilatedKcols = t.kcols + (p.kernelDilation - 1) * (t.kcols - 1);
  // gemmini.h's spans: one stride more than the window needs, cut by the
  // padding below.
  int64_t irows = t.orows * p.stride + dilatedKrows - 1;
  int64_t icols = t.ocols * p.stride + dilatedKcols - 1;
  t.lpad = icol < 0 ? -icol : 0;
  t.rpad = icol + icols > p.inCols ? icol + icols - p.inCols : 0;
  t.upad = irow < 0 ? -irow : 0;
  t.dpad = irow + irows > p.inRows ? irow + irows - p.inRows : 0;
}

} // namespace

LogicalResult gemmini::writeTiledConv(InstructionSink &w,
                                      const schedule::ConvProblem &p,
                                      const schedule::ConvTile &tile,
                                      int64_t dim, const ConvAddresses &at,
                                      unsigned activation, float scale) {
  bool depthwise = p.groups != 1;
  bool downsample = schedule::convLoopDownsample(p);
  bool noPool = p.poolStride == 0;
  int64_t poolSize = noPool ? 1 : p.poolSize,
          poolStride = noPool ? 1 : p.poolStride,
          poolPadding = noPool ? 0 : p.poolPadding;
  ConvShape s{p,
              dim,
              depthwise,
              downsample,
              p.inChannels,
              depthwise ? 1 : p.outChannels,
              p.outChannels,
              activation,
              noPool,
              poolSize,
              poolStride,
              poolPadding,
              (p.outRows + 2 * poolPadding - poolSize) / poolStride + 1,
              (p.outCols + 2 * poolPadding - poolSize) / poolStride + 1};
  ConfigStOp::Decoded st;
  st.stride = uint64_t(s.outStride); // int8 outputs
  st.activation = activation;
  st.accScale = scale;
  // Weight-stationary; A's row stride is the convolution's (halved in
  // downsample mode), C's the input dilation (1).
  ConfigExOp::Decoded ex;
  ex.dataflow = Dataflow::ws;
  ex.activation = 0;
  ex.accScale = 0.0f;
  ex.aStride = uint64_t(p.stride >> (downsample ? 1 : 0));
  ex.cStride = 1;
  if (failed(w.emit<ConfigStOp>(st)) || failed(w.emit<ConfigExOp>(ex)))
    return failure();
  // Without a bias gemmini.h passes the address 1 with no_bias set: the
  // loop still initialises the accumulator (with zeros) where a bias would
  // be moved in.
  uint64_t bias = at.bias ? at.bias : 1;
  bool noBias = at.bias == 0;
  const int64_t kdim = p.kernelRows;

  if (depthwise) {
    for (int64_t b = 0; b < p.batch; b += tile.batches)
      for (int64_t porow = 0; porow < s.poolOutRows; porow += tile.porows)
        for (int64_t pocol = 0; pocol < s.poolOutCols; pocol += tile.pocols)
          for (int64_t ch = 0; ch < p.inChannels; ++ch)
            for (int64_t krow = 0; krow < kdim; krow += tile.krows)
              for (int64_t kcol = 0; kcol < kdim; kcol += tile.kcols) {
                ConvTileWork t;
                t.batches = std::min(tile.batches, p.batch - b);
                t.porows = std::min(tile.porows, s.poolOutRows - porow);
                t.pocols = std::min(tile.pocols, s.poolOutCols - pocol);
                t.pochs = 1;
                t.krows = std::min(tile.krows, kdim - krow);
                t.kcols = std::min(tile.kcols, kdim - kcol);
                t.kchs = 1;
                int64_t irow, icol;
                setWindows(s, t, porow, pocol, krow, kcol, irow, icol);
                bool last = krow + tile.krows >= kdim && kcol + tile.kcols >= kdim;
                t.output = last ? at.output + uint64_t(((b * s.poolOutRows + porow) *
                                                            s.poolOutCols +
                                                        pocol) *
                                                           p.outChannels +
                                                       ch)
                                : 0;
                t.bias = krow == 0 && kcol == 0 ? bias + uint64_t(ch) * 4 : 0;
                t.weights = at.weights + uint64_t((ch * kdim + krow) * kdim + kcol);
                t.input = at.input +
                          uint64_t(((b * p.inRows + irow + t.upad) * p.inCols +
                                    icol + t.lpad) *
                                       p.inChannels +
                                   ch);
                if (failed(emitTile(w, s, t, noBias)))
                  return failure();
              }
    return success();
  }

  // Operands reused across tiles sit in their own scratchpad buffers (ids
  // 1 and 2) when at most two tiles of them exist.
  int64_t numKch = cdiv(p.inChannels, tile.kchs),
          numPoch = cdiv(p.outChannels, tile.pochs),
          numB = cdiv(p.batch, tile.batches),
          numPorow = cdiv(s.poolOutRows, tile.porows),
          numPocol = cdiv(s.poolOutCols, tile.pocols),
          numKrow = cdiv(kdim, tile.krows), numKcol = cdiv(kdim, tile.kcols);
  bool bReuse = numKch * numPoch * numKrow * numKcol <= 2;
  bool aReuse = numKch * numKrow * numKcol * numB * numPorow * numPocol <= 2;
  for (int64_t b = 0; b < p.batch; b += tile.batches)
    for (int64_t porow = 0; porow < s.poolOutRows; porow += tile.porows)
      for (int64_t pocol = 0; pocol < s.poolOutCols; pocol += tile.pocols)
        for (int64_t poch = 0; poch < p.outChannels; poch += tile.pochs)
          for (int64_t krow = 0; krow < kdim; krow += tile.krows)
            for (int64_t kcol = 0; kcol < kdim; kcol += tile.kcols)
              for (int64_t kch = 0; kch < p.inChannels; kch += tile.kchs) {
                ConvTileWork t;
                if (aReuse)
                  t.aSpadId = kch + krow + kcol + b + porow + pocol == 0 ? 1 : 2;
                if (bReuse)
                  t.bSpadId = kch + poch + krow + kcol == 0 ? 1 : 2;
                t.batches = std::min(tile.batches, p.batch - b);
                t.porows = std::min(tile.porows, s.poolOutRows - porow);
                t.pocols = std::min(tile.pocols, s.poolOutCols - pocol);
                t.pochs = std::min(tile.pochs, p.outChannels - poch);
                t.krows = std::min(tile.krows, kdim - krow);
                t.kcols = std::min(tile.kcols, kdim - kcol);
                t.kchs = std::min(tile.kchs, p.inChannels - kch);
                int64_t irow, icol;
                setWindows(s, t, porow, pocol, krow, kcol, irow, icol);
                bool last = krow + tile.krows >= kdim &&
                            kcol + tile.kcols >= kdim &&
                            kch + tile.kchs >= p.inChannels;
                t.output = last ? at.output + uint64_t(((b * s.poolOutRows + porow) *
                                                            s.poolOutCols +
                                                        pocol) *
                                                           s.outStride +
                                                       poch)
                                : 0;
                t.bias = krow == 0 && kcol == 0 && kch == 0
                             ? bias + uint64_t(poch) * 4
                             : 0;
                t.weights =
                    at.weights +
                    uint64_t((krow * kdim * p.inChannels + kcol * p.inChannels +
                              kch) *
                                 s.weightStride +
                             poch);
                t.input = at.input +
                          uint64_t(((b * p.inRows + irow + t.upad) * p.inCols +
                                    icol + t.lpad) *
                                       s.inStride +
                                   kch);
                if (bReuse && pocol + porow + b > 0)
                  t.weights = 0;
                if (aReuse && poch > 0)
                  t.input = 0;
                if (failed(emitTile(w, s, t, noBias)))
                  return failure();
              }
  return success();
}
