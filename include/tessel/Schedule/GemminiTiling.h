//===- GemminiTiling.h - Gemmini's own tile choices -------------*- C++ -*-===//
//
// The tiles Gemmini's C library (gemmini-rocc-tests' include/gemmini.h)
// picks for a matmul (tiled_matmul_auto) and a convolution (tiled_conv_auto
// through tiled_conv_stride_auto; tiled_conv_dw_auto for depthwise ones),
// reproduced exactly: the baseline policy of tessel's tiler
// (policy=gemmini). Plain functions of shapes and a target, no IR; the
// row counts are exposed for the cost model and the scratchpad report.
// docs/tiling.md states the rules with examples; in short:
//
// Matmul. Tiles count DIM x DIM blocks of I (rows of A and C), J (columns
// of B and C) and K, each dimension padded up to a multiple of DIM.
// - A tile uses (I*K + K*J)*DIM scratchpad rows (A and B) and I*J*DIM
//   accumulator rows (C). Weight-stationary runs double-buffered, so its
//   budgets are half of each memory; output-stationary gets all of them.
// - Start: I and J at min(their blocks, s) with s = floor(sqrt(accumulator
//   budget / DIM)) (a square C tile filling the accumulator); K at
//   min(its blocks, (scratchpad budget / 2 / DIM) / s), so A's partition,
//   half the scratchpad budget, holds an s x K tile. LAYERNORM and SOFTMAX
//   start at (1, all of J, 1) instead: the normalization needs whole rows
//   of C in the accumulator.
// - Growth, after either start: rounds that try J + 1, then I + 1 (seeing
//   the J just raised), then K + 1, keeping each raise that stays within
//   the dimension and both budgets (K within the scratchpad's), until a
//   round raises nothing. So LAYERNORM/SOFTMAX tiles grow in I and K too.
// - Refused: a zero tile (an empty dimension, or memories too small for one
//   block), tiles above 65535 blocks, a tile beyond the budgets (a
//   LAYERNORM/SOFTMAX row wider than the accumulator budget), transposes
//   with OS, both transposes with WS.
//
// Convolution (weight-stationary only; budgets always half of each
// memory). Seven arguments: batches, porows and pocols (pooled output
// pixels), pochs (output channels), krows, kcols, kchs (input channels).
// - A tile's rows: orows = porows * pool_stride + pool_size - 1 (ocols
//   alike); irows = orows * stride + dilated krows - 1, divided by the
//   input dilation rounding up, halved in downsample mode (icols alike).
//   Scratchpad: A = ceil(kchs/DIM) * batches * irows * icols (with
//   trans_input_3120 ceil(batches/DIM) * kchs * irows * icols) plus
//   B = ceil(pochs/DIM) * krows * kcols * kchs (with trans_weight_0132
//   ceil(kchs/DIM) * krows * kcols * pochs); accumulator:
//   C = ceil(pochs/DIM) * batches * orows * ocols.
// - Start at the whole problem. Shrink while a budget is exceeded: take the
//   largest argument (the first on ties), passing over pocols while it is
//   at most DIM and porows is above 1 (keeping the array's rows busy); a
//   channel count drops to the multiple of DIM below it (by DIM when it is
//   one, never below 1), anything else by one.
// - Grow: pocols by one while it fits; then rounds over the seven in order,
//   each raised by one when it stays within the problem and fits, until a
//   round raises nothing.
// - Downsample mode (every other input pixel moved in) is what the tiling
//   assumes for 1x1 stride-2 unpadded unpooled convolutions with even input
//   sizes; the loop that runs the tiles also needs no input dilation and no
//   trans_input_3120, and checks the budgets again with its own mode.
// - Depthwise: pochs = kchs = 1 fixed, no dilation, downsample or
//   transposes, one channel per tile. Refused as gemmini.h refuses: kernel
//   <= padding, input dilation above 2 or with a stride, a transposed
//   output with pooling, both weight transposes, trans_input_3120 with
//   trans_weight_0132, groups other than 1 or depthwise, rectangular
//   kernels, a problem that does not fit even with every argument at 1.
// - tiled_conv_downsample, a separate entry point for 1x1 stride-2 layers,
//   runs one tiled_matmul_auto per output row: I = input columns / 2,
//   J = output channels, K = input channels.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_SCHEDULE_GEMMINITILING_H
#define TESSEL_SCHEDULE_GEMMINITILING_H

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"

#include "mlir/Support/LLVM.h"

#include <cstdint>
#include <string>

namespace mlir::tessel::schedule {

/// What Gemmini's tiling reads of a target.
struct GemminiMemory {
  int64_t dim = 16;
  int64_t spadRows = 16384; ///< all banks
  int64_t accRows = 1024;
  bool hasWS = true, hasOS = true;

  static GemminiMemory of(gemmini::TargetAttr target);
};

enum class GemminiDataflow { OS = 0, WS = 1 };

/// gemmini.h's activation codes; only LayerNorm and Softmax change tiling.
enum class GemminiActivation {
  None = 0,
  Relu = 1,
  LayerNorm = 2,
  IGelu = 3,
  Softmax = 4
};

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

/// C[m x n] = A[m x k] . B[k x n] (+ D): gemmini.h's dim_I, dim_J, dim_K.
struct MatmulProblem {
  int64_t m = 0, n = 0, k = 0;
  GemminiDataflow dataflow = GemminiDataflow::WS;
  GemminiActivation activation = GemminiActivation::None;
  bool transposeA = false, transposeB = false;
};

/// Sizes in DIM blocks along I, J, K.
struct MatmulTile {
  int64_t i = 0, j = 0, k = 0;
  bool operator==(const MatmulTile &o) const {
    return i == o.i && j == o.j && k == o.k;
  }
};

struct MatmulTiling {
  MatmulTile tile;   ///< the choice
  MatmulTile start;  ///< before growth
  MatmulTile blocks; ///< the padded problem
  MatmulTile count;  ///< tiles along each dimension (the last may be partial)
  int64_t spadRows = 0, accRows = 0;     ///< one full tile
  int64_t spadBudget = 0, accBudget = 0; ///< what a tile may use
  int64_t numTiles() const { return count.i * count.j * count.k; }
};

/// Rows a matmul tile uses: A and B in the scratchpad, C in the accumulator.
int64_t matmulTileSpadRows(int64_t dim, const MatmulTile &t);
int64_t matmulTileAccRows(int64_t dim, const MatmulTile &t);

/// The tile nest tiled_matmul_outer walks for an m x n x k product: i0 x
/// j0 x k0 tiles. Weight-stationary, it keeps an operand in the scratchpad
/// between loops when at most two tiles of it exist (one per half): A
/// along I and K, B along J and K. Otherwise A moves in once per column
/// of output tiles, B once per row of them.
struct MatmulTileNest {
  int64_t i0 = 0, j0 = 0, k0 = 0;
  MatmulTileNest(int64_t m, int64_t n, int64_t k, const MatmulTile &tile,
                 int64_t dim);
  bool keepsA() const { return i0 * k0 <= 2; }
  bool keepsB() const { return j0 * k0 <= 2; }
  int64_t aMoves() const { return keepsA() ? 1 : j0; }
  int64_t bMoves() const { return keepsB() ? 1 : i0; }
};

/// tiled_matmul_auto's tile, or failure with `error` naming the sizes and
/// the limits when gemmini.h would refuse the problem.
FailureOr<MatmulTiling> gemminiMatmulTiling(const MatmulProblem &problem,
                                            const GemminiMemory &memory,
                                            std::string &error);
FailureOr<MatmulTiling> gemminiMatmulTiling(const MatmulProblem &problem,
                                            gemmini::TargetAttr target,
                                            std::string &error);

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// An NHWC convolution with square kernels and symmetric padding, as
/// gemmini.h runs them, optionally followed by max pooling.
struct ConvProblem {
  int64_t batch = 1;
  int64_t inRows = 0, inCols = 0, inChannels = 0, outChannels = 0;
  int64_t kernelRows = 0, kernelCols = 0;
  int64_t stride = 1, padding = 0;
  int64_t kernelDilation = 1, inputDilation = 1;
  int64_t groups = 1; ///< 1, or the channel count for a depthwise one
  /// Max pooling (pool_size, pool_stride, pool_padding); stride 0 is none.
  int64_t poolSize = 0, poolStride = 0, poolPadding = 0;
  /// The convolution's output size; 0 derives it from the input, kernel,
  /// stride, padding and dilations.
  int64_t outRows = 0, outCols = 0;
  /// gemmini.h's layout options (each changes the row counts or validity).
  bool wrot180 = false, transOutput1203 = false, transInput3120 = false,
       transWeight1203 = false, transWeight0132 = false;
};

/// tiled_conv's seven tile arguments, in its order.
struct ConvTile {
  int64_t batches = 0, porows = 0, pocols = 0, pochs = 0, krows = 0, kcols = 0,
          kchs = 0;
  bool operator==(const ConvTile &o) const {
    return batches == o.batches && porows == o.porows && pocols == o.pocols &&
           pochs == o.pochs && krows == o.krows && kcols == o.kcols &&
           kchs == o.kchs;
  }
};

/// Rows of one convolution tile: A (inputs) and B (weights) in the
/// scratchpad, C (outputs) in the accumulator.
struct ConvRows {
  int64_t a = 0, b = 0, c = 0;
  int64_t spad() const { return a + b; }
  int64_t acc() const { return c; }
};

struct ConvTiling {
  ConvTile tile;  ///< the choice
  ConvTile full;  ///< the whole problem (the shrinking's start)
  ConvTile count; ///< tiles along each argument (depthwise: one per channel)
  ConvRows rows;  ///< one full tile, in the mode the loop runs it
  int64_t spadBudget = 0, accBudget = 0;
  bool depthwise = false;
  bool downsample = false; ///< loop_conv_ws's downsample mode
  int64_t outRows = 0, outCols = 0, poolOutRows = 0, poolOutCols = 0;
  int64_t numTiles() const {
    return count.batches * count.porows * count.pocols * count.pochs *
           count.krows * count.kcols * count.kchs;
  }
};

/// The convolution's output size: the problem's, or derived.
int64_t convOutRows(const ConvProblem &p);
int64_t convOutCols(const ConvProblem &p);

/// tiled_conv_total_spad_rows: the rows a tile uses in downsample mode or
/// not.
ConvRows convTileRows(const ConvProblem &p, const ConvTile &tile, int64_t dim,
                      bool downsample);

/// Whether tiled_conv runs the layer in loop_conv_ws's downsample mode
/// (every other input pixel moved in): a 1x1 stride-2 unpadded, unpooled,
/// undilated, ungrouped convolution of an even-sized input in NHWC.
bool convLoopDownsample(const ConvProblem &p);

/// tiled_conv_auto's tile (tiled_conv_dw_auto's for a depthwise problem),
/// or failure with `error` when gemmini.h would refuse the problem.
FailureOr<ConvTiling> gemminiConvTiling(const ConvProblem &problem,
                                        const GemminiMemory &memory,
                                        std::string &error);
FailureOr<ConvTiling> gemminiConvTiling(const ConvProblem &problem,
                                        gemmini::TargetAttr target,
                                        std::string &error);

/// tiled_conv_downsample: a 1x1 stride-2 unpadded convolution on square
/// images as one matmul per output row.
struct ConvDownsampleTiling {
  MatmulTiling rowMatmul; ///< every row's matmul (they are all alike)
  int64_t matmuls = 0;    ///< batch x output rows
  int64_t numTiles() const { return rowMatmul.numTiles() * matmuls; }
};
FailureOr<ConvDownsampleTiling>
gemminiConvDownsampleTiling(const ConvProblem &problem,
                            const GemminiMemory &memory, std::string &error);
FailureOr<ConvDownsampleTiling>
gemminiConvDownsampleTiling(const ConvProblem &problem,
                            gemmini::TargetAttr target, std::string &error);

} // namespace mlir::tessel::schedule

#endif // TESSEL_SCHEDULE_GEMMINITILING_H
