//===- ConvProgram.cpp - a convolution as Gemmini's tiled_conv runs it ----===//
//
// gemmini-rocc-tests include/gemmini.h: tiled_conv (tiled_conv_dw for a
// depthwise layer) walks the tiles, sp_tiled_conv issues each as the six
// loop_conv_ws configurations and loop_conv_ws. The loop moves in the bias
// on a tile's first kernel position and input-channel block and moves out
// the output on its last, so partial sums stay in the accumulator between
// them. Without pooling, which the lowering does not fuse (yet), the
// pooled output is the output.
//
//===----------------------------------------------------------------------===//

#include "ProgramWriter.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using namespace mlir::tessel::gemmini::lowering;

namespace {

int64_t cdiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The layer's fixed arguments of sp_tiled_conv.
struct ConvShape {
  const schedule::ConvProblem &p;
  int64_t dim;
  bool depthwise, downsample;
  int64_t inStride, weightStride, outStride;
  unsigned activation;
};

/// One tile: its (trimmed) sizes, padding, spad ids and DRAM addresses
/// (0: not moved).
struct ConvTileWork {
  int64_t batches, porows, pocols, pochs, krows, kcols, kchs;
  int64_t lpad, rpad, upad, dpad;
  uint64_t input, weights, bias, output;
  unsigned aSpadId = 0, bSpadId = 0;
};

/// sp_tiled_conv: the tile's loop_conv_ws.
LogicalResult emitTile(ProgramWriter &w, const ConvShape &s,
                       const ConvTileWork &t, bool noBias) {
  const schedule::ConvProblem &p = s.p;
  LoopConvWsConfig1Op::Decoded c1;
  c1.batch = uint64_t(p.batch);
  c1.inRows = uint64_t(p.inRows);
  c1.inChannels = uint64_t(p.inChannels);
  c1.outChannels = uint64_t(p.outChannels);
  c1.outRows = uint64_t(p.outRows);
  c1.poolOutRows = uint64_t(p.outRows);
  c1.outCols = uint64_t(p.outCols);
  c1.stride = uint64_t(p.stride);
  c1.pad = uint64_t(p.padding);
  LoopConvWsConfig2Op::Decoded c2;
  c2.kernelDim = uint64_t(p.kernelRows);
  c2.poolOutCols = uint64_t(p.outCols);
  c2.poolSize = 1;
  c2.poolStride = 1;
  c2.poolPad = 0;
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
  c3.plpad = 0;
  c3.inCols = uint64_t(p.inCols);
  LoopConvWsConfig4Op::Decoded c4;
  c4.orows = uint64_t(t.porows);
  c4.ocols = uint64_t(t.pocols);
  c4.prpad = 0;
  c4.pupad = 0;
  c4.pdpad = 0;
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
  loop.noPool = true;
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

/// tiled_conv's input window of a tile at output (orow, ocol) and kernel
/// position (krow, kcol): the padding on each side, from which the first
/// input pixel moved in follows.
void setPadding(const schedule::ConvProblem &p, ConvTileWork &t, int64_t orow,
                int64_t ocol, int64_t krow, int64_t kcol, int64_t &irow,
                int64_t &icol) {
  irow = orow * p.stride + krow * p.kernelDilation - p.padding;
  icol = ocol * p.stride + kcol * p.kernelDilation - p.padding;
  int64_t dilatedKrows = t.krows + (p.kernelDilation - 1) * (t.krows - 1);
  int64_t dilatedKcols = t.kcols + (p.kernelDilation - 1) * (t.kcols - 1);
  // gemmini.h's spans: one stride more than the window needs, cut by the
  // padding below.
  int64_t irows = t.porows * p.stride + dilatedKrows - 1;
  int64_t icols = t.pocols * p.stride + dilatedKcols - 1;
  t.lpad = icol < 0 ? -icol : 0;
  t.rpad = icol + icols > p.inCols ? icol + icols - p.inCols : 0;
  t.upad = irow < 0 ? -irow : 0;
  t.dpad = irow + irows > p.inRows ? irow + irows - p.inRows : 0;
}

} // namespace

LogicalResult lowering::writeConvProgram(ProgramWriter &w,
                                         const schedule::ConvProblem &p,
                                         const schedule::ConvTile &tile,
                                         int64_t dim, const ConvAddresses &at,
                                         unsigned activation, float scale) {
  bool depthwise = p.groups != 1;
  bool downsample = schedule::convLoopDownsample(p);
  ConvShape s{p,
              dim,
              depthwise,
              downsample,
              p.inChannels,
              depthwise ? 1 : p.outChannels,
              p.outChannels,
              activation};
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
      for (int64_t porow = 0; porow < p.outRows; porow += tile.porows)
        for (int64_t pocol = 0; pocol < p.outCols; pocol += tile.pocols)
          for (int64_t ch = 0; ch < p.inChannels; ++ch)
            for (int64_t krow = 0; krow < kdim; krow += tile.krows)
              for (int64_t kcol = 0; kcol < kdim; kcol += tile.kcols) {
                ConvTileWork t;
                t.batches = std::min(tile.batches, p.batch - b);
                t.porows = std::min(tile.porows, p.outRows - porow);
                t.pocols = std::min(tile.pocols, p.outCols - pocol);
                t.pochs = 1;
                t.krows = std::min(tile.krows, kdim - krow);
                t.kcols = std::min(tile.kcols, kdim - kcol);
                t.kchs = 1;
                int64_t irow, icol;
                setPadding(p, t, porow, pocol, krow, kcol, irow, icol);
                bool last = krow + tile.krows >= kdim && kcol + tile.kcols >= kdim;
                t.output = last ? at.output + uint64_t(((b * p.outRows + porow) *
                                                            p.outCols +
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
          numPorow = cdiv(p.outRows, tile.porows),
          numPocol = cdiv(p.outCols, tile.pocols),
          numKrow = cdiv(kdim, tile.krows), numKcol = cdiv(kdim, tile.kcols);
  bool bReuse = numKch * numPoch * numKrow * numKcol <= 2;
  bool aReuse = numKch * numKrow * numKcol * numB * numPorow * numPocol <= 2;
  for (int64_t b = 0; b < p.batch; b += tile.batches)
    for (int64_t porow = 0; porow < p.outRows; porow += tile.porows)
      for (int64_t pocol = 0; pocol < p.outCols; pocol += tile.pocols)
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
                t.porows = std::min(tile.porows, p.outRows - porow);
                t.pocols = std::min(tile.pocols, p.outCols - pocol);
                t.pochs = std::min(tile.pochs, p.outChannels - poch);
                t.krows = std::min(tile.krows, kdim - krow);
                t.kcols = std::min(tile.kcols, kdim - kcol);
                t.kchs = std::min(tile.kchs, p.inChannels - kch);
                int64_t irow, icol;
                setPadding(p, t, porow, pocol, krow, kcol, irow, icol);
                bool last = krow + tile.krows >= kdim &&
                            kcol + tile.kcols >= kdim &&
                            kch + tile.kchs >= p.inChannels;
                t.output = last ? at.output + uint64_t(((b * p.outRows + porow) *
                                                            p.outCols +
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
