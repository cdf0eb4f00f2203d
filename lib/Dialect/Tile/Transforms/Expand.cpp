//===- Expand.cpp - tiled matrix products in the explicit tiled form ------===//
//
// The tiles of a tile.matmul in tiled_matmul_outer's order and with its
// operand reuse (TiledMatmul.h writes the same nest as instructions), so
// the explicit form moves what the program moves.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/MatmulProgram.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"
#include "tessel/Schedule/GemminiTiling.h"

#include <map>
#include <tuple>

namespace mlir::tessel::tile {
#define GEN_PASS_DEF_TILEEXPAND
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace mlir::tessel::tile

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

namespace {

/// Builds the tiles of one layer at its place.
struct Expander {
  MatmulOp op;
  gemmini::MatmulShape l;
  int64_t dim;
  OpBuilder b;
  Location loc;

  Expander(MatmulOp op, int64_t dim)
      : op(op), l(matmulShapeOf(op)), dim(dim), b(op), loc(op.getLoc()) {}

  Value load(Value source, int64_t row, int64_t col, int64_t rows,
             int64_t cols, Memory memory, bool broadcast = false) {
    return LoadOp::create(
        b, loc, getBufferType(b.getContext(), rows, cols, memory), source,
        b.getDenseI64ArrayAttr({row, col}), broadcast);
  }

  /// The accumulator's first value for the tile at (`p`, `row`, `col`):
  /// the bias, or none.
  Value bias(int64_t p, int64_t row, int64_t col, int64_t rows,
             int64_t cols) {
    Value bias = op.getBias();
    if (!bias)
      return {};
    if (l.fullBias)
      return load(bias, p * l.m + row, col, rows, cols, Memory::acc);
    return load(bias, l.batchedBias ? p : 0, col, rows, cols, Memory::acc,
                /*broadcast=*/true);
  }

  Value run(const schedule::MatmulTile &tile) {
    gemmini::MatmulStore store = matmulStoreOf(op);
    bool os = op.getDataflow() == Dataflow::os;
    schedule::MatmulTileNest nest(l.m, l.n, l.k, tile, dim);
    bool keepA = !os && nest.keepsA(), keepB = !os && nest.keepsB();
    RankedTensorType cType = op.getResult().getType().clone(
        b.getIntegerType(store.fullC ? 32 : 8));
    auto dram = DramOp::create(b, loc, cType);
    // What the layer was tiled with, for the lowering's reports.
    dram->setAttr("tile.tiles", op.getTilesAttr());
    Value c = dram;
    FloatAttr scale =
        store.fullC ? FloatAttr() : b.getF32FloatAttr(store.scale);
    ActivationAttr act = ActivationAttr::get(
        b.getContext(), store.activation ? Activation::relu : Activation::none);
    int64_t tm = tile.i * dim, tn = tile.j * dim, tk = tile.k * dim;
    // Operands kept on chip, by (batch element, tile row, tile column).
    std::map<std::tuple<int64_t, int64_t, int64_t>, Value> keptA, keptB;
    for (int64_t p = 0; p < l.batch; ++p)
      for (int64_t i0 = 0; i0 < nest.i0; ++i0)
        for (int64_t j0 = 0; j0 < nest.j0; ++j0) {
          int64_t row = i0 * tm, col = j0 * tn;
          int64_t rows = std::min(tm, l.m - row), cols = std::min(tn, l.n - col);
          Value acc = bias(p, row, col, rows, cols);
          for (int64_t k0 = 0; k0 < nest.k0; ++k0) {
            int64_t depth = k0 * tk, deep = std::min(tk, l.k - depth);
            auto operand = [&](auto &kept, bool keep, auto key,
                               auto make) -> Value {
              if (!keep)
                return make();
              Value &v = kept[key];
              if (!v)
                v = make();
              return v;
            };
            Value a = operand(keptA, keepA, std::make_tuple(p, i0, k0), [&] {
              return load(op.getA(), p * l.m + row, depth, rows, deep,
                          Memory::spad);
            });
            Value bt = operand(keptB, keepB, std::make_tuple(p, k0, j0), [&] {
              return load(op.getB(), (l.sharedB ? 0 : p * l.k) + depth, col,
                          deep, cols, Memory::spad);
            });
            acc = ComputeOp::create(
                b, loc, getBufferType(b.getContext(), rows, cols, Memory::acc),
                a, bt, acc, op.getDataflowAttr());
          }
          c = StoreOp::create(b, loc, cType, acc, c,
                              b.getDenseI64ArrayAttr({p * l.m + row, col}),
                              scale, act);
        }
    // Per-column scales, on the host, as the lowering applies them.
    if (store.fullC && op.getAccScale())
      c = RequantizeOp::create(
          b, loc, op.getResult().getType(), c, op.getAccScaleAttr(),
          b.getI64IntegerAttr(cType.getRank() - 1), op.getActivationAttr());
    return c;
  }
};

struct ExpandPass : mlir::tessel::tile::impl::TileExpandBase<ExpandPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t dim = gemmini::getTarget(module).getDim();
    SmallVector<MatmulOp> layers;
    module.walk([&](MatmulOp op) { layers.push_back(op); });
    for (MatmulOp op : layers) {
      std::optional<ArrayRef<int64_t>> tiles = op.getTiles();
      if (!tiles) {
        op.emitError("has no tiles: run --tessel-tile first");
        return signalPassFailure();
      }
      Expander e(op, dim);
      Value result = e.run({(*tiles)[0], (*tiles)[1], (*tiles)[2]});
      op.getResult().replaceAllUsesWith(result);
      op->erase();
    }
  }
};

} // namespace
