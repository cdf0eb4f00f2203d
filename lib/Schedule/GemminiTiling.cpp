//===- GemminiTiling.cpp - Gemmini's own tile choices ---------------------===//
//
// The rules are stated in GemminiTiling.h and docs/tiling.md. The arithmetic
// follows gemmini.h's where the result depends on it: integer divisions
// truncate, the square root is taken in double precision and truncated, and
// ties and raise orders are gemmini.h's.
//
//===----------------------------------------------------------------------===//

#include "tessel/Schedule/GemminiTiling.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <array>
#include <climits>
#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// Row counts of absurd layers must not wrap around: they saturate, and the
// caller refuses anything beyond gemmini.h's int.
int64_t mul(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
}
int64_t mul(int64_t a, int64_t b, int64_t c, int64_t d) {
  return mul(mul(a, b), mul(c, d));
}
int64_t add(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}

LogicalResult fail(std::string &error, std::string message) {
  error = std::move(message);
  return failure();
}

std::string memoryText(const GemminiMemory &m) {
  return llvm::formatv("DIM {0}, {1} scratchpad rows, {2} accumulator rows",
                       m.dim, m.spadRows, m.accRows);
}

LogicalResult checkMemory(const GemminiMemory &m, std::string &error) {
  if (m.dim < 1 || m.spadRows < 1 || m.accRows < 1)
    return fail(error, "invalid target (" + memoryText(m) + ")");
  return success();
}

} // namespace

GemminiMemory GemminiMemory::of(gemmini::TargetAttr target) {
  GemminiMemory m;
  m.dim = target.getDim();
  m.spadRows = target.getSpadRows();
  m.accRows = target.getAccRows();
  m.hasWS = target.hasWeightStationary();
  m.hasOS = target.hasOutputStationary();
  return m;
}

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

int64_t schedule::matmulTileSpadRows(int64_t dim, const MatmulTile &t) {
  return (t.i * t.k + t.k * t.j) * dim;
}

int64_t schedule::matmulTileAccRows(int64_t dim, const MatmulTile &t) {
  return t.i * t.j * dim;
}

MatmulTileNest::MatmulTileNest(int64_t m, int64_t n, int64_t k,
                               const MatmulTile &tile, int64_t dim) {
  auto tiles = [&](int64_t x, int64_t t) {
    int64_t blocks = (x + dim - 1) / dim;
    return (blocks + t - 1) / t;
  };
  i0 = tiles(m, tile.i), j0 = tiles(n, tile.j), k0 = tiles(k, tile.k);
}

FailureOr<MatmulTiling> schedule::gemminiMatmulTiling(const MatmulProblem &p,
                                                      const GemminiMemory &mem,
                                                      std::string &error) {
  if (failed(checkMemory(mem, error)))
    return failure();
  const bool ws = p.dataflow == GemminiDataflow::WS;
  const char *flow = ws ? "WS" : "OS";
  std::string shape =
      llvm::formatv("{0}x{1}x{2} {3} matmul", p.m, p.n, p.k, flow);
  if (p.m < 1 || p.n < 1 || p.k < 1 || p.m > INT32_MAX || p.n > INT32_MAX ||
      p.k > INT32_MAX)
    return fail(error, shape + ": every dimension must be in 1..2^31-1");
  if (ws ? !mem.hasWS : !mem.hasOS)
    return fail(error, shape + ": the target has no " + flow + " dataflow");
  // What the array can feed: OS transposes neither operand, WS one of them.
  if (ws ? (p.transposeA && p.transposeB) : (p.transposeA || p.transposeB))
    return fail(error, shape + ": gemmini.h cannot transpose " +
                           (ws ? "both operands" : "operands") + " with " +
                           flow);

  const int64_t dim = mem.dim;
  MatmulTiling r;
  r.blocks = {ceilDiv(p.m, dim), ceilDiv(p.n, dim), ceilDiv(p.k, dim)};
  // WS double-buffers, so one tile gets half of each memory.
  r.spadBudget = ws ? mem.spadRows / 2 : mem.spadRows;
  r.accBudget = ws ? mem.accRows / 2 : mem.accRows;

  const bool wholeRows = p.activation == GemminiActivation::LayerNorm ||
                         p.activation == GemminiActivation::Softmax;
  MatmulTile t;
  if (wholeRows) {
    t = {1, r.blocks.j, 1};
  } else {
    // A square C tile filling the accumulator budget, and the deepest K
    // whose A fits one half (a partition) of the scratchpad budget.
    const int64_t accBlocks = r.accBudget / dim;
    const int64_t partitionBlocks = r.spadBudget / 2 / dim;
    const auto side =
        static_cast<int64_t>(std::sqrt(static_cast<double>(accBlocks)));
    if (side == 0)
      return fail(error, shape + ": the accumulator budget (" +
                             std::to_string(r.accBudget) +
                             " rows) holds no DIM x DIM block (" +
                             memoryText(mem) + ")");
    const int64_t depth = partitionBlocks / side;
    t = {std::min(r.blocks.i, side), std::min(r.blocks.j, side),
         std::min(r.blocks.k, depth)};
  }
  r.start = t;

  auto fits = [&](const MatmulTile &c) {
    return matmulTileSpadRows(dim, c) <= r.spadBudget &&
           matmulTileAccRows(dim, c) <= r.accBudget;
  };
  for (bool raised = true; raised;) {
    raised = false;
    if (t.j + 1 <= r.blocks.j && fits({t.i, t.j + 1, t.k})) {
      ++t.j;
      raised = true;
    }
    if (t.i + 1 <= r.blocks.i && fits({t.i + 1, t.j, t.k})) {
      ++t.i;
      raised = true;
    }
    // K does not touch the accumulator.
    if (t.k + 1 <= r.blocks.k &&
        matmulTileSpadRows(dim, {t.i, t.j, t.k + 1}) <= r.spadBudget) {
      ++t.k;
      raised = true;
    }
  }
  r.tile = t;
  r.spadRows = matmulTileSpadRows(dim, t);
  r.accRows = matmulTileAccRows(dim, t);

  std::string tileText = llvm::formatv("{0} x {1} x {2} blocks", t.i, t.j, t.k);
  if (t.i < 1 || t.j < 1 || t.k < 1)
    return fail(error, shape + ": no tile fits, the choice is " + tileText +
                           " (" + memoryText(mem) + ")");
  if (r.spadRows > r.spadBudget || r.accRows > r.accBudget)
    return fail(error,
                llvm::formatv("{0}: the {1} tile needs {2} scratchpad rows of "
                              "{3} and {4} accumulator rows of {5} ({6}{7})",
                              shape, tileText, r.spadRows, r.spadBudget,
                              r.accRows, r.accBudget,
                              wholeRows ? "a LAYERNORM/SOFTMAX tile holds "
                                          "whole rows of C; "
                                        : "",
                              memoryText(mem)));
  // LOOP_WS's bounds are 16-bit fields.
  if (t.i > 65535 || t.j > 65535 || t.k > 65535)
    return fail(error,
                shape + ": the " + tileText + " tile exceeds 65535 blocks");
  r.count = {ceilDiv(r.blocks.i, t.i), ceilDiv(r.blocks.j, t.j),
             ceilDiv(r.blocks.k, t.k)};
  return r;
}

FailureOr<MatmulTiling>
schedule::gemminiMatmulTiling(const MatmulProblem &p,
                              gemmini::TargetAttr target, std::string &error) {
  return gemminiMatmulTiling(p, GemminiMemory::of(target), error);
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

namespace {

/// The problem with pooling spelled out as gemmini.h runs it: without
/// pooling, a 1x1 window of stride 1.
struct Pooling {
  int64_t size = 1, stride = 1, padding = 0;
  bool none = true;
};

Pooling poolingOf(const ConvProblem &p) {
  if (p.poolStride == 0)
    return {};
  return {p.poolSize, p.poolStride, p.poolPadding, false};
}

int64_t dilated(int64_t size, int64_t dilation) {
  return size + (dilation - 1) * (size - 1);
}

int64_t outSize(const ConvProblem &p, int64_t in, int64_t kernel) {
  const int64_t span = dilated(in, p.inputDilation) + 2 * p.padding -
                       dilated(kernel, p.kernelDilation);
  return span < 0 ? 0 : span / p.stride + 1;
}

std::string tileText(const ConvTile &t) {
  return llvm::formatv("batches {0}, porows {1}, pocols {2}, pochs {3}, "
                       "krows {4}, kcols {5}, kchs {6}",
                       t.batches, t.porows, t.pocols, t.pochs, t.krows, t.kcols,
                       t.kchs);
}

std::array<int64_t *, 7> argsOf(ConvTile &t) {
  return {&t.batches, &t.porows, &t.pocols, &t.pochs,
          &t.krows,   &t.kcols,  &t.kchs};
}

} // namespace

int64_t schedule::convOutRows(const ConvProblem &p) {
  return p.outRows > 0 ? p.outRows : outSize(p, p.inRows, p.kernelRows);
}

int64_t schedule::convOutCols(const ConvProblem &p) {
  return p.outCols > 0 ? p.outCols : outSize(p, p.inCols, p.kernelCols);
}

ConvRows schedule::convTileRows(const ConvProblem &p, const ConvTile &t,
                                int64_t dim, bool downsample) {
  const Pooling pool = poolingOf(p);
  const int64_t orows = add(mul(t.porows, pool.stride), pool.size - 1);
  const int64_t ocols = add(mul(t.pocols, pool.stride), pool.size - 1);
  auto inputSpan = [&](int64_t out, int64_t kernel) {
    const int64_t span =
        add(mul(out, p.stride), dilated(kernel, p.kernelDilation) - 1);
    return ceilDiv(span, p.inputDilation) >> (downsample ? 1 : 0);
  };
  const int64_t irows = inputSpan(orows, t.krows);
  const int64_t icols = inputSpan(ocols, t.kcols);
  ConvRows r;
  r.a = p.transInput3120 ? mul(ceilDiv(t.batches, dim), t.kchs, irows, icols)
                         : mul(ceilDiv(t.kchs, dim), t.batches, irows, icols);
  r.b = p.transWeight0132
            ? mul(ceilDiv(t.kchs, dim), t.kcols, t.krows, t.pochs)
            : mul(ceilDiv(t.pochs, dim), t.kcols, t.krows, t.kchs);
  r.c = mul(ceilDiv(t.pochs, dim), t.batches, orows, ocols);
  return r;
}

bool schedule::convLoopDownsample(const ConvProblem &p) {
  return p.groups == 1 && p.stride == 2 && p.kernelRows == 1 &&
         p.padding == 0 && poolingOf(p).none && p.inRows % 2 == 0 &&
         p.inCols % 2 == 0 && p.inputDilation == 1 && !p.transInput3120;
}

FailureOr<ConvTiling> schedule::gemminiConvTiling(const ConvProblem &p,
                                                  const GemminiMemory &mem,
                                                  std::string &error) {
  if (failed(checkMemory(mem, error)))
    return failure();
  if (!mem.hasWS)
    return fail(error, "gemmini.h runs convolutions weight-stationary only; "
                       "the target has no WS dataflow");
  for (auto [name, v] : {std::pair<const char *, int64_t>{"batch", p.batch},
                         {"input rows", p.inRows},
                         {"input columns", p.inCols},
                         {"input channels", p.inChannels},
                         {"output channels", p.outChannels},
                         {"kernel rows", p.kernelRows},
                         {"kernel columns", p.kernelCols},
                         {"stride", p.stride},
                         {"kernel dilation", p.kernelDilation},
                         {"input dilation", p.inputDilation}})
    if (v < 1 || v > INT32_MAX)
      return fail(error, llvm::formatv("convolution: {0} must be in 1..{1}, "
                                       "got {2}",
                                       name, INT32_MAX, v));
  if (p.padding < 0 || p.poolStride < 0 ||
      (p.poolStride > 0 && (p.poolSize < 1 || p.poolPadding < 0)))
    return fail(error, "convolution: negative padding or pooling");
  if (p.padding > INT32_MAX || p.poolSize > INT32_MAX ||
      p.poolStride > INT32_MAX || p.poolPadding > INT32_MAX)
    return fail(error, "convolution: padding or pooling beyond gemmini.h's "
                       "int");
  if (p.kernelRows != p.kernelCols)
    return fail(error, llvm::formatv("convolution: gemmini.h takes square "
                                     "kernels, got {0}x{1}",
                                     p.kernelRows, p.kernelCols));
  const bool dw = p.groups != 1;
  if (dw && (p.groups != p.inChannels || p.outChannels != p.inChannels))
    return fail(error,
                llvm::formatv("convolution: gemmini.h runs groups = 1 or "
                              "depthwise (groups = channels = {0}) "
                              "convolutions only, got groups = {1} with {2} "
                              "input and {3} output channels",
                              p.inChannels, p.groups, p.inChannels,
                              p.outChannels));
  const int64_t kdim = p.kernelRows;
  const Pooling pool = poolingOf(p);
  // The refusals of tiled_conv (tiled_conv_dw for depthwise ones).
  if (kdim <= p.padding)
    return fail(error, llvm::formatv("convolution: the kernel ({0}) must be "
                                     "larger than the padding ({1})",
                                     kdim, p.padding));
  if (dw && (p.kernelDilation != 1 || p.inputDilation != 1 || p.wrot180 ||
             p.transOutput1203 || p.transInput3120 || p.transWeight1203 ||
             p.transWeight0132))
    return fail(error, "depthwise convolution: gemmini.h has no dilation or "
                       "layout options for it");
  if (p.inputDilation > 2)
    return fail(error, "convolution: an input dilation above 2 runs only on "
                       "the CPU");
  if (p.inputDilation > 1 && p.stride > 1)
    return fail(error, "convolution: input dilation needs stride 1");
  if (p.transOutput1203 && !pool.none)
    return fail(error, "convolution: a transposed output cannot be pooled");
  if (p.transWeight1203 && p.transWeight0132)
    return fail(error, "convolution: one weight transposition at a time");
  if (p.transInput3120 && p.transWeight0132)
    return fail(error, "convolution: trans_input_3120 and trans_weight_0132 "
                       "together are not possible with WS");

  ConvTiling r;
  r.depthwise = dw;
  r.outRows = convOutRows(p);
  r.outCols = convOutCols(p);
  if (r.outRows < 1 || r.outCols < 1)
    return fail(error, llvm::formatv("convolution: the output is empty "
                                     "({0}x{1})",
                                     r.outRows, r.outCols));
  if (!pool.none && (r.outRows + 2 * pool.padding < pool.size ||
                     r.outCols + 2 * pool.padding < pool.size))
    return fail(error, "convolution: the pooling window exceeds the padded "
                       "output");
  r.poolOutRows = (r.outRows + 2 * pool.padding - pool.size) / pool.stride + 1;
  r.poolOutCols = (r.outCols + 2 * pool.padding - pool.size) / pool.stride + 1;
  r.spadBudget = mem.spadRows / 2;
  r.accBudget = mem.accRows / 2;

  const int64_t dim = mem.dim;
  // The tiling assumes downsample mode for these; the loop that runs the
  // tiles asks for more (no input dilation, no trans_input_3120).
  const bool evenInput = p.inRows % 2 == 0 && p.inCols % 2 == 0;
  const bool tilingDownsample = !dw && p.stride == 2 && kdim == 1 &&
                                p.padding == 0 && pool.none && evenInput;
  r.downsample = convLoopDownsample(p);

  r.full = {
      p.batch, r.poolOutRows, r.poolOutCols,        dw ? 1 : p.outChannels,
      kdim,    kdim,          dw ? 1 : p.inChannels};
  // gemmini.h counts rows in int; beyond that its choice is not defined.
  const ConvRows fullRows = convTileRows(p, r.full, dim, tilingDownsample);
  if (add(fullRows.a, fullRows.b) > INT32_MAX || fullRows.c > INT32_MAX)
    return fail(error, "convolution: the layer's row counts exceed "
                       "gemmini.h's int arithmetic");

  auto fits = [&](const ConvTile &t) {
    const ConvRows rows = convTileRows(p, t, dim, tilingDownsample);
    return rows.spad() <= r.spadBudget && rows.acc() <= r.accBudget;
  };
  enum { kPocols = 2, kPochs = 3, kKchs = 6 };
  ConvTile t = r.full;
  while (!fits(t)) {
    auto args = argsOf(t);
    int best = -1;
    for (int i = 0; i < 7; ++i) {
      // pocols are the array's rows: keep them while porows can give.
      if (i == kPocols && *args[i] <= dim && t.porows > 1)
        continue;
      if (best < 0 || *args[i] > *args[best])
        best = i;
    }
    // With every argument at 1 gemmini.h would shrink one to 0 and never
    // finish the layer.
    if (*args[best] <= 1) {
      const ConvRows rows = convTileRows(p, t, dim, tilingDownsample);
      return fail(error,
                  llvm::formatv("convolution does not fit: the smallest tile "
                                "({0}) needs {1} scratchpad rows of {2} and "
                                "{3} accumulator rows of {4} ({5})",
                                tileText(t), rows.spad(), r.spadBudget,
                                rows.acc(), r.accBudget, memoryText(mem)));
    }
    int64_t &v = *args[best];
    if (best == kPochs || (best == kKchs && !dw)) {
      // Channels go by whole DIM blocks.
      v = v % dim != 0 ? v / dim * dim : v - dim;
      if (v == 0)
        v = 1;
    } else {
      --v;
    }
  }
  // Wider rows of pixels first, then anything that still fits.
  while (t.pocols + 1 <= r.full.pocols) {
    ConvTile c = t;
    ++c.pocols;
    if (!fits(c))
      break;
    t = c;
  }
  ConvTile full = r.full;
  for (bool raised = true; raised;) {
    raised = false;
    for (int i = 0; i < 7; ++i) {
      ConvTile c = t;
      int64_t &v = *argsOf(c)[i];
      if (v + 1 > *argsOf(full)[i])
        continue;
      ++v;
      if (fits(c)) {
        t = c;
        raised = true;
      }
    }
  }
  r.tile = t;
  r.rows = convTileRows(p, t, dim, r.downsample);
  // tiled_conv checks again, in its own mode.
  if (r.rows.spad() > r.spadBudget || r.rows.acc() > r.accBudget)
    return fail(error,
                llvm::formatv("convolution: the tile ({0}) was chosen for "
                              "downsample mode, which the loop does not use "
                              "here; it needs {1} scratchpad rows of {2} and "
                              "{3} accumulator rows of {4}",
                              tileText(t), r.rows.spad(), r.spadBudget,
                              r.rows.acc(), r.accBudget));
  r.count = {ceilDiv(p.batch, t.batches),
             ceilDiv(r.poolOutRows, t.porows),
             ceilDiv(r.poolOutCols, t.pocols),
             dw ? p.outChannels : ceilDiv(p.outChannels, t.pochs),
             ceilDiv(kdim, t.krows),
             ceilDiv(kdim, t.kcols),
             dw ? 1 : ceilDiv(p.inChannels, t.kchs)};
  return r;
}

FailureOr<ConvTiling> schedule::gemminiConvTiling(const ConvProblem &p,
                                                  gemmini::TargetAttr target,
                                                  std::string &error) {
  return gemminiConvTiling(p, GemminiMemory::of(target), error);
}

FailureOr<ConvDownsampleTiling> schedule::gemminiConvDownsampleTiling(
    const ConvProblem &p, const GemminiMemory &mem, std::string &error) {
  if (p.kernelRows != 1 || p.kernelCols != 1 || p.stride != 2 ||
      p.padding != 0 || p.poolStride != 0 || p.groups != 1 ||
      p.kernelDilation != 1 || p.inputDilation != 1 || p.wrot180 ||
      p.transOutput1203 || p.transInput3120 || p.transWeight1203 ||
      p.transWeight0132)
    return fail(error, "tiled_conv_downsample runs 1x1 stride-2 unpadded "
                       "unpooled convolutions without options only");
  if (p.batch < 1 || p.inRows < 1 || p.inChannels < 1 || p.outChannels < 1)
    return fail(error, "tiled_conv_downsample: sizes must be positive");
  if (p.inRows != p.inCols || convOutRows(p) != convOutCols(p))
    return fail(error, "tiled_conv_downsample takes square images only");
  // It takes every other pixel of every other row: an odd size would lose
  // its last column.
  if (p.inRows % 2 != 0)
    return fail(error, llvm::formatv("tiled_conv_downsample: the input size "
                                     "({0}) must be even",
                                     p.inRows));
  MatmulProblem row;
  row.m = p.inCols / 2;
  row.n = p.outChannels;
  row.k = p.inChannels;
  FailureOr<MatmulTiling> m = gemminiMatmulTiling(row, mem, error);
  if (failed(m))
    return failure();
  ConvDownsampleTiling r;
  r.rowMatmul = *m;
  r.matmuls = p.batch * ceilDiv(p.inRows, 2);
  return r;
}

FailureOr<ConvDownsampleTiling> schedule::gemminiConvDownsampleTiling(
    const ConvProblem &p, gemmini::TargetAttr target, std::string &error) {
  return gemminiConvDownsampleTiling(p, GemminiMemory::of(target), error);
}
