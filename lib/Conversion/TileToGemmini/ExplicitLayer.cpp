//===- ExplicitLayer.cpp - explicit tiled ops as Gemmini instructions -----===//
//
// A buffer of R x C elements occupies ceil(R/DIM) x ceil(C/DIM) blocks of
// DIM rows, row of blocks after row of blocks (Gemmini's own tile layout,
// block stride DIM), from when its op runs until its last reader has.
// Loads move up to DIM rows per mvin and as many column blocks as the
// target's max_block_len allows; products are the block products
// loop_ws's expansion issues (weight-stationary) or sp_tiled_matmul_os's
// (output-stationary); a store moves each block out through the store
// path. A product accumulates onto its accumulator operand in place, so
// that operand must have no later reader.
//
//===----------------------------------------------------------------------===//

#include "ExplicitLayer.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <map>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using namespace mlir::tessel::gemmini::lowering;

FailureOr<ExplicitLayer> lowering::collectExplicitLayer(tile::StoreOp last) {
  ExplicitLayer layer;
  layer.last = last;
  llvm::SetVector<Operation *> ops;
  SmallVector<Operation *> work = {last};
  while (!work.empty()) {
    Operation *op = work.pop_back_val();
    if (!ops.insert(op))
      continue;
    if (auto dram = dyn_cast<tile::DramOp>(op)) {
      layer.dram = dram;
      continue;
    }
    for (Value v : op->getOperands()) {
      Operation *def = v.getDefiningOp();
      bool inForm = isa_and_nonnull<tile::LoadOp, tile::ComputeOp,
                                    tile::StoreOp, tile::DramOp>(def);
      if (isa<tile::LoadOp>(op)) {
        // A program reads DRAM that exists before it runs.
        if (inForm)
          return op->emitError("loads from a region the explicit tiled form "
                               "writes: a layer's program reads only what "
                               "its caller passes it");
      } else if (inForm) {
        work.push_back(def);
      } else {
        return op->emitError("reads ")
               << v.getType() << " from outside the explicit tiled form: a "
               << "store writes into a tile.dram, a product reads buffers";
      }
    }
  }
  Block *block = last->getBlock();
  for (Operation *op : SmallVector<Operation *>(ops.begin(), ops.end())) {
    if (op->getBlock() != block)
      return op->emitError("is in another block than its layer's last store");
    if (op == last || llvm::all_of(op->getUsers(), [&](Operation *user) {
          return ops.contains(user);
        }))
      continue;
    // A load other layers read too (CSE merges equal loads) is repeated
    // for this one; anything else is this layer's program's alone.
    if (auto load = dyn_cast<tile::LoadOp>(op)) {
      OpBuilder b(load);
      Operation *copy = b.clone(*load);
      load.getResult().replaceUsesWithIf(
          copy->getResult(0),
          [&](OpOperand &use) { return ops.contains(use.getOwner()); });
      ops.remove(op);
      ops.insert(copy);
      continue;
    }
    for (Operation *user : op->getUsers())
      if (!ops.contains(user))
        return user->emitError("reads a buffer or partial result of a "
                               "layer in the explicit tiled form, which only "
                               "that layer's program holds");
  }
  // A product adds onto its accumulator operand in place, so a bias tile
  // several products start from (CSE merges equal loads) is moved in once
  // for each of them.
  for (Operation *op : SmallVector<Operation *>(ops.begin(), ops.end())) {
    auto load = dyn_cast<tile::LoadOp>(op);
    if (!load || !tile::isBuffer(load.getResult().getType(), tile::Memory::acc))
      continue;
    SmallVector<OpOperand *> uses;
    for (OpOperand &use : load.getResult().getUses())
      uses.push_back(&use);
    llvm::sort(uses, [](OpOperand *a, OpOperand *b) {
      return a->getOwner()->isBeforeInBlock(b->getOwner());
    });
    for (OpOperand *use : llvm::drop_begin(uses)) {
      OpBuilder b(use->getOwner());
      Operation *copy = b.clone(*load);
      use->set(copy->getResult(0));
      ops.insert(copy);
    }
  }
  layer.ops.assign(ops.begin(), ops.end());
  llvm::sort(layer.ops, [](Operation *a, Operation *b) {
    return a->isBeforeInBlock(b);
  });
  for (Operation *op : layer.ops)
    if (auto load = dyn_cast<tile::LoadOp>(op)) {
      auto *at = llvm::find(layer.sources, load.getSource());
      if (at == layer.sources.end()) {
        layer.sources.push_back(load.getSource());
        layer.accSources.push_back(
            tile::isBuffer(load.getResult().getType(), tile::Memory::acc));
      }
    }
  return layer;
}

namespace {

/// The rows of one memory, taken first fit going round it.
class Rows {
public:
  explicit Rows(int64_t capacity) : capacity(capacity) {
    free[0] = capacity;
  }
  /// `n` free rows at the first address from the last one taken on
  /// (wrapping around), or -1. Going round rather than back to the lowest
  /// free row puts consecutive tiles' buffers apart, so a tile's loads do
  /// not wait for the previous tile's products to finish reading the same
  /// rows: the double buffering Gemmini's loops do by halves.
  int64_t take(int64_t n) {
    auto fits = [&](std::map<int64_t, int64_t>::iterator it) -> int64_t {
      int64_t from = std::max(it->first, cursor);
      if (from >= it->first + it->second || it->first + it->second - from < n)
        from = it->first;
      return it->first + it->second - from >= n ? from : -1;
    };
    for (int pass = 0; pass < 2; ++pass) {
      for (auto it = free.begin(); it != free.end(); ++it) {
        if (pass == 0 && it->first + it->second <= cursor)
          continue;
        int64_t from = pass == 0 ? fits(it)
                       : it->second >= n ? it->first
                                         : -1;
        if (from < 0)
          continue;
        int64_t start = it->first, size = it->second;
        free.erase(it);
        if (from > start)
          free[start] = from - start;
        if (start + size > from + n)
          free[from + n] = start + size - from - n;
        cursor = from + n;
        used += n;
        return from;
      }
    }
    return -1;
  }
  void give(int64_t at, int64_t n) {
    used -= n;
    auto next = free.lower_bound(at);
    if (next != free.end() && next->first == at + n) {
      n += next->second;
      next = free.erase(next);
    }
    if (next != free.begin()) {
      auto prev = std::prev(next);
      if (prev->first + prev->second == at) {
        prev->second += n;
        return;
      }
    }
    free[at] = n;
  }
  int64_t capacity, used = 0, cursor = 0;

private:
  std::map<int64_t, int64_t> free; ///< address -> free rows from it
};

struct Writer {
  InstructionSink &w;
  const ExplicitLayer &layer;
  TargetAttr target;
  ArrayRef<uint64_t> sourceBases;
  uint64_t resultBase;
  int64_t dim;
  Rows spad, acc;
  /// Each live buffer's first row.
  DenseMap<Value, int64_t> at;
  DenseMap<Value, Operation *> lastUse;
  /// What each load state and the store and execute units are set to.
  std::optional<uint64_t> ldStride[3];
  DenseMap<Value, unsigned> ldId;
  unsigned spadIds = 0;
  std::optional<std::pair<uint64_t, std::pair<float, unsigned>>> st;
  std::optional<tile::Dataflow> ex;

  Writer(InstructionSink &w, const ExplicitLayer &layer, TargetAttr target,
         ArrayRef<uint64_t> sourceBases, uint64_t resultBase)
      : w(w), layer(layer), target(target), sourceBases(sourceBases),
        resultBase(resultBase), dim(target.getDim()),
        spad(target.getSpadRows()), acc(target.getAccRows()) {}

  int64_t blocks(int64_t x) const { return (x + dim - 1) / dim; }
  /// Rows of DIM elements, or none past 64 bits.
  std::optional<int64_t> footprint(Type type) const {
    ArrayRef<int64_t> s = cast<RankedTensorType>(type).getShape();
    std::optional<int64_t> n = llvm::checkedMul(blocks(s[0]), blocks(s[1]));
    return n ? llvm::checkedMul(*n, dim) : std::nullopt;
  }
  bool inAcc(Value v) const {
    return tile::isBuffer(v.getType(), tile::Memory::acc);
  }
  /// A buffer's local address of block (bi, bj).
  uint32_t block(Value v, int64_t bi, int64_t bj) const {
    int64_t cols = cast<RankedTensorType>(v.getType()).getDimSize(1);
    uint32_t row = uint32_t(at.lookup(v) + (bi * blocks(cols) + bj) * dim);
    return inAcc(v) ? kLocalAccumulator | row : row;
  }
  uint64_t sourceBase(Value source) const {
    return sourceBases[llvm::find(layer.sources, source) -
                       layer.sources.begin()];
  }

  LogicalResult place(Operation *op, Value v) {
    Rows &rows = inAcc(v) ? acc : spad;
    const char *memory = inAcc(v) ? "accumulator" : "scratchpad";
    std::optional<int64_t> size = footprint(v.getType());
    if (!size || *size > rows.capacity)
      return op->emitError("needs a buffer of ")
             << v.getType() << ", more than the target's " << rows.capacity
             << " " << memory << " rows";
    int64_t n = *size;
    int64_t row = rows.take(n);
    if (row < 0)
      return op->emitError("needs ")
             << n << " more " << memory << " rows with " << rows.used << " of the target's "
             << rows.capacity << " in use: the layer's buffers do not fit "
             << "on chip together";
    at[v] = row;
    return success();
  }
  void release(Operation *op) {
    for (Value v : op->getOperands())
      if (lastUse.lookup(v) == op && at.count(v)) {
        (inAcc(v) ? acc : spad).give(at[v], *footprint(v.getType()));
        at.erase(v);
      }
  }

  LogicalResult configLd(unsigned id, uint64_t stride) {
    if (ldStride[id] == stride)
      return success();
    ldStride[id] = stride;
    return w.configLd(id, stride, uint64_t(dim));
  }
  LogicalResult configEx(tile::Dataflow dataflow) {
    if (ex == dataflow)
      return success();
    ex = dataflow;
    ConfigExOp::Decoded d;
    d.dataflow =
        dataflow == tile::Dataflow::os ? Dataflow::os : Dataflow::ws;
    d.aStride = 1;
    d.cStride = 1;
    return w.emit<ConfigExOp>(d);
  }

  LogicalResult load(tile::LoadOp op) {
    Value v = op.getResult();
    if (failed(place(op, v)))
      return failure();
    Value source = op.getSource();
    RankedTensorType srcType = op.getSource().getType();
    int64_t size = srcType.getElementType().getIntOrFloatBitWidth() / 8;
    int64_t srcCols = srcType.getShape().back();
    // Load states as Gemmini's library uses them: 0 and 1 for the
    // scratchpad's operands (in order of first use), 2 for biases.
    bool toAcc = inAcc(v);
    auto [it, inserted] =
        ldId.try_emplace(source, toAcc ? 2u : unsigned(spadIds++ % 2));
    unsigned id = it->second;
    uint64_t stride = op.getBroadcast() ? 0 : uint64_t(srcCols * size);
    if (failed(configLd(id, stride)))
      return failure();
    auto shape = cast<RankedTensorType>(v.getType()).getShape();
    int64_t span = inAcc(v) ? target.getMaxBlockLenAcc()
                            : target.getMaxBlockLen();
    int64_t r0 = op.getOffsets()[0], c0 = op.getOffsets()[1];
    for (int64_t bi = 0; bi < blocks(shape[0]); ++bi)
      for (int64_t bj = 0; bj < blocks(shape[1]); bj += span) {
        int64_t rows = std::min(dim, shape[0] - bi * dim);
        int64_t cols = std::min(span * dim, shape[1] - bj * dim);
        int64_t row = op.getBroadcast() ? r0 : r0 + bi * dim;
        uint64_t dram = sourceBase(source) +
                        uint64_t((row * srcCols + c0 + bj * dim) * size);
        uint32_t local = block(v, bi, bj);
        LogicalResult moved =
            id == 0   ? w.move<MvinOp>(dram, local, rows, cols)
            : id == 1 ? w.move<Mvin2Op>(dram, local, rows, cols)
                      : w.move<Mvin3Op>(dram, local, rows, cols);
        if (failed(moved))
          return failure();
      }
    return success();
  }

  LogicalResult compute(tile::ComputeOp op) {
    Value a = op.getA(), b = op.getB(), c = op.getResult();
    if (Value prior = op.getAcc()) {
      if (lastUse.lookup(prior) != op.getOperation())
        return op.emitError("accumulates onto a buffer that is read again "
                            "later: a product adds to its accumulator in "
                            "place");
      int64_t row = at.lookup(prior);
      at.erase(prior);
      at[c] = row;
    } else if (failed(place(op, c))) {
      return failure();
    }
    bool os = op.getDataflow() == tile::Dataflow::os;
    if (os ? !target.hasOutputStationary() : !target.hasWeightStationary())
      return op.emitError("is ")
             << (os ? "output" : "weight") << "-stationary, which the "
             << "target's array does not run";
    if (failed(configEx(op.getDataflow())))
      return failure();
    auto sa = cast<RankedTensorType>(a.getType()).getShape();
    auto sb = cast<RankedTensorType>(b.getType()).getShape();
    int64_t bi = blocks(sa[0]), bk = blocks(sa[1]), bj = blocks(sb[1]);
    auto extent = [&](int64_t x, int64_t size) {
      return uint64_t(std::min(dim, size - x * dim));
    };
    bool onto = op.getAcc() != nullptr;
    if (!os) {
      // Each B block stays in the array while A's blocks stream past it.
      for (int64_t k = 0; k < bk; ++k)
        for (int64_t j = 0; j < bj; ++j)
          for (int64_t i = 0; i < bi; ++i) {
            uint64_t rows = extent(i, sa[0]), cols = extent(j, sb[1]),
                     depth = extent(k, sa[1]);
            uint32_t cLocal = block(c, i, j) | kLocalAccumulate;
            if (!onto && k == 0)
              cLocal &= ~kLocalAccumulate;
            if (failed(w.preload(i == 0 ? block(b, k, j) : kGarbageAddr,
                                 depth, cols, cLocal, rows, cols)) ||
                failed(w.compute(i == 0, block(a, i, k), rows, depth,
                                 kGarbageAddr, dim, dim)))
              return failure();
          }
      return success();
    }
    // Each C block stays in the array over K; its last product writes it.
    for (int64_t i = 0; i < bi; ++i)
      for (int64_t j = 0; j < bj; ++j) {
        uint64_t rows = extent(i, sa[0]), cols = extent(j, sb[1]);
        for (int64_t k = 0; k < bk; ++k) {
          uint64_t depth = extent(k, sa[1]);
          uint32_t cLocal = kGarbageAddr;
          if (k == bk - 1)
            cLocal = onto ? block(c, i, j) | kLocalAccumulate : block(c, i, j);
          if (failed(w.preload(kGarbageAddr, dim, dim, cLocal, rows, cols)) ||
              failed(w.compute(k == 0, block(a, i, k), rows, depth,
                               block(b, k, j), depth, cols)))
            return failure();
        }
      }
    return success();
  }

  LogicalResult store(tile::StoreOp op) {
    auto destType = op.getDest().getType();
    int64_t size = destType.getElementType().getIntOrFloatBitWidth() / 8;
    int64_t destCols = destType.getShape().back();
    std::optional<APFloat> scale = op.getAccScale();
    float s = scale ? scale->convertToFloat() : 1.0f;
    unsigned act = op.getActivation() == tile::Activation::relu ? 1 : 0;
    std::pair<uint64_t, std::pair<float, unsigned>> want = {
        uint64_t(destCols * size), {s, act}};
    if (st != want) {
      st = want;
      ConfigStOp::Decoded d;
      d.activation = act;
      d.stride = want.first;
      d.accScale = s;
      if (failed(w.emit<ConfigStOp>(d)))
        return failure();
    }
    Value v = op.getAcc();
    auto shape = cast<RankedTensorType>(v.getType()).getShape();
    int64_t r0 = op.getOffsets()[0], c0 = op.getOffsets()[1];
    for (int64_t bi = 0; bi < blocks(shape[0]); ++bi)
      for (int64_t bj = 0; bj < blocks(shape[1]); ++bj) {
        uint64_t dram =
            resultBase +
            uint64_t(((r0 + bi * dim) * destCols + c0 + bj * dim) * size);
        uint32_t local = block(v, bi, bj) | (scale ? 0 : kLocalReadFull);
        if (failed(w.move<MvoutOp>(dram, local,
                                   uint64_t(std::min(dim, shape[0] - bi * dim)),
                                   uint64_t(std::min(dim, shape[1] - bj * dim)))))
          return failure();
      }
    return success();
  }

  LogicalResult run() {
    for (Operation *op : layer.ops)
      for (Value v : op->getOperands())
        lastUse[v] = op;
    for (Operation *op : layer.ops) {
      LogicalResult done = success();
      if (auto l = dyn_cast<tile::LoadOp>(op))
        done = load(l);
      else if (auto c = dyn_cast<tile::ComputeOp>(op))
        done = compute(c);
      else if (auto s = dyn_cast<tile::StoreOp>(op))
        done = store(s);
      if (failed(done))
        return failure();
      release(op);
    }
    return success();
  }
};

} // namespace

LogicalResult
lowering::writeExplicitLayer(InstructionSink &sink, const ExplicitLayer &layer,
                             TargetAttr target, ArrayRef<uint64_t> sourceBases,
                             uint64_t resultBase) {
  return Writer(sink, layer, target, sourceBases, resultBase).run();
}
