//===- TileBufferOps.cpp - verifiers of the explicit tiled form -----------===//

#include "tessel/Dialect/Tile/IR/TileOps.h"

#include "llvm/Support/CheckedArithmetic.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

bool tile::isBuffer(Type type, Memory memory) {
  auto t = dyn_cast<RankedTensorType>(type);
  if (!t || t.getRank() != 2)
    return false;
  auto encoding = dyn_cast_or_null<MemoryAttr>(t.getEncoding());
  return encoding && encoding.getValue() == memory &&
         t.getElementType().isInteger(memory == Memory::spad ? 8 : 32);
}

bool tile::isDram(Type type) {
  auto t = dyn_cast<RankedTensorType>(type);
  return t && t.getRank() >= 1 && !t.getEncoding() &&
         (t.getElementType().isInteger(8) || t.getElementType().isInteger(32));
}

RankedTensorType tile::getBufferType(MLIRContext *ctx, int64_t rows,
                                     int64_t cols, Memory memory) {
  Type elem = IntegerType::get(ctx, memory == Memory::spad ? 8 : 32);
  return RankedTensorType::get({rows, cols}, elem,
                               MemoryAttr::get(ctx, memory));
}

std::optional<DramMatrix> tile::getDramMatrix(RankedTensorType type) {
  ArrayRef<int64_t> shape = type.getShape();
  DramMatrix m{1, shape.back()};
  for (int64_t d : shape.drop_back()) {
    std::optional<int64_t> rows = llvm::checkedMul(m.rows, d);
    if (!rows)
      return std::nullopt;
    m.rows = *rows;
  }
  // The bytes too: an int32 region's size must be a 64-bit count.
  if (!llvm::checkedMul(m.rows, m.cols) ||
      !llvm::checkedMul(m.rows * m.cols, int64_t(4)))
    return std::nullopt;
  return m;
}

namespace {

/// `dram`'s matrix view holds rows [r, r + rows) (row r alone with
/// `oneRow`) and columns [c, c + cols) for `offsets` = [r, c].
LogicalResult verifyWindow(Operation *op, StringRef role,
                           RankedTensorType dram, ArrayRef<int64_t> offsets,
                           int64_t rows, int64_t cols, bool oneRow = false) {
  if (offsets.size() != 2)
    return op->emitOpError("offsets must be a row and a column, got ")
           << offsets.size() << " values";
  std::optional<DramMatrix> m = getDramMatrix(dram);
  if (!m)
    return op->emitOpError("the ") << role << "'s size overflows 64 bits";
  int64_t r = offsets[0], c = offsets[1];
  int64_t lastRow = oneRow ? r + 1 : r + rows;
  if (r < 0 || c < 0 || lastRow > m->rows || c + cols > m->cols)
    return op->emitOpError("rows [")
           << r << ", " << lastRow << ") and columns [" << c << ", "
           << c + cols << ") are outside the " << role << "'s " << m->rows
           << "x" << m->cols << " matrix";
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// tile.dram
//===----------------------------------------------------------------------===//

LogicalResult DramOp::verify() {
  if (!getDramMatrix(getResult().getType()))
    return emitOpError("the region's size overflows 64 bits");
  return success();
}

//===----------------------------------------------------------------------===//
// tile.load
//===----------------------------------------------------------------------===//

LogicalResult LoadOp::verify() {
  auto buffer = cast<RankedTensorType>(getResult().getType());
  RankedTensorType source = getSource().getType();
  if (source.getElementType() != buffer.getElementType())
    return emitOpError("source holds ")
           << source.getElementType() << " but the buffer holds "
           << buffer.getElementType()
           << " (int8 for the scratchpad, int32 for the accumulator)";
  if (getBroadcast() && isBuffer(buffer, Memory::spad))
    return emitOpError("broadcast repeats a bias row, which loads into the "
                       "accumulator");
  return verifyWindow(*this, "source", source, getOffsets(),
                      buffer.getDimSize(0), buffer.getDimSize(1),
                      getBroadcast());
}

//===----------------------------------------------------------------------===//
// tile.compute
//===----------------------------------------------------------------------===//

LogicalResult ComputeOp::verify() {
  ArrayRef<int64_t> a = getA().getType().getShape(),
                    b = getB().getType().getShape(),
                    c = getResult().getType().getShape();
  if (a[1] != b[0])
    return emitOpError("contracted sizes differ: a has ")
           << a[1] << " columns, b has " << b[0] << " rows";
  if (c[0] != a[0] || c[1] != b[1])
    return emitOpError("result must be ")
           << a[0] << "x" << b[1] << " (a's rows, b's columns), got " << c[0]
           << "x" << c[1];
  if (TypedValue<RankedTensorType> acc = getAcc();
      acc && acc.getType() != getResult().getType())
    return emitOpError("acc must have the result's type");
  return success();
}

//===----------------------------------------------------------------------===//
// tile.store
//===----------------------------------------------------------------------===//

LogicalResult StoreOp::verify() {
  Type elem = getDest().getType().getElementType();
  if (std::optional<APFloat> scale = getAccScale()) {
    float s = scale->convertToFloat();
    if (!elem.isInteger(8))
      return emitOpError("with acc_scale the destination holds int8, not ")
             << elem;
    if (!std::isfinite(s) || s <= 0)
      return emitOpError("acc_scale ") << s << " is not a positive finite "
                                       << "number";
  } else {
    if (!elem.isInteger(32))
      return emitOpError("without acc_scale the destination holds the int32 "
                         "accumulators, not ")
             << elem;
    if (getActivation() != Activation::none)
      return emitOpError("the raw accumulator is not activated: an "
                         "activation needs acc_scale");
  }
  ArrayRef<int64_t> acc = getAcc().getType().getShape();
  return verifyWindow(*this, "destination", getDest().getType(), getOffsets(),
                      acc[0], acc[1]);
}
