//===- QTOps.cpp - the qt operations --------------------------------------===//

#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::tessel::qt;

/// Whether `t` is an element type the qt ops treat as quantized.
static bool isQuantized(Type t) {
  return isa<QuantizedTypeInterface, mlir::quant::QuantizedType>(t);
}

/// Checks a quantized tensor type's axis and scales against its shape.
static LogicalResult checkQuantizedTensor(Operation *op, RankedTensorType t,
                                          llvm::StringRef what) {
  Type elem = t.getElementType();
  if (auto perAxis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(elem)) {
    int64_t axis = perAxis.getQuantizedDimension();
    if (axis >= t.getRank())
      return op->emitOpError() << what << "'s quantized dimension " << axis
                               << " is not a dimension of " << t;
    if (!t.isDynamicDim(axis) &&
        int64_t(perAxis.getScales().size()) != t.getDimSize(axis))
      return op->emitOpError()
             << what << " has " << perAxis.getScales().size()
             << " scales for " << t.getDimSize(axis) << " channels";
    return success();
  }
  auto q = dyn_cast<QuantizedTypeInterface>(elem);
  if (!q)
    return success();
  int64_t axis = q.getQuantizedAxis();
  if (axis >= t.getRank())
    return op->emitOpError() << what << "'s axis " << axis
                             << " is not a dimension of " << t;
  if (axis < 0 && t.getRank() == 0 && q.getBlockSize() > 1)
    return op->emitOpError() << what << ": block formats need a tensor of "
                                        "rank 1 or more";
  if (axis >= 0 && !q.getScaleValues().empty() && !t.isDynamicDim(axis) &&
      int64_t(q.getScaleValues().size()) != t.getDimSize(axis))
    return op->emitOpError() << what << " has " << q.getScaleValues().size()
                             << " scales for " << t.getDimSize(axis)
                             << " channels";
  return success();
}

/// The checks every qt op shares: same shape, the element kinds, and the
/// quantized side's axis and scales.
static LogicalResult verifyConversion(Operation *op, bool inQuantized,
                                      bool outQuantized) {
  auto in = cast<RankedTensorType>(op->getOperand(0).getType());
  auto out = cast<RankedTensorType>(op->getResult(0).getType());
  if (in.getShape() != out.getShape())
    return op->emitOpError() << "changes the shape from " << in << " to "
                             << out;
  auto check = [&](RankedTensorType t, bool quantized,
                   llvm::StringRef what) -> LogicalResult {
    Type e = t.getElementType();
    if (quantized && !isQuantized(e))
      return op->emitOpError() << "expects a quantized " << what
                               << " element type, got " << e;
    if (!quantized && !isa<FloatType>(e))
      return op->emitOpError() << "expects a float " << what
                               << " element type, got " << e;
    return quantized ? checkQuantizedTensor(op, t, what) : success();
  };
  if (failed(check(in, inQuantized, "input")))
    return failure();
  return check(out, outQuantized, "result");
}

LogicalResult QuantizeOp::verify() {
  return verifyConversion(*this, false, true);
}
LogicalResult DequantizeOp::verify() {
  return verifyConversion(*this, true, false);
}
LogicalResult RequantizeOp::verify() {
  return verifyConversion(*this, true, true);
}

/// Whether every code of `from` stands for the same value in `to`: both
/// per-tensor integer types of one scale, `to`'s zero point a shift of
/// `from`'s that keeps `from`'s whole range in `to`'s.
static bool shiftsExactly(Type from, Type to) {
  auto a = dyn_cast<mlir::quant::UniformQuantizedType>(from);
  auto b = dyn_cast<mlir::quant::UniformQuantizedType>(to);
  if (!a || !b || a.getScale() != b.getScale() ||
      a.getExpressedType() != b.getExpressedType())
    return false;
  int64_t shift = b.getZeroPoint() - a.getZeroPoint();
  return a.getStorageTypeMin() + shift >= b.getStorageTypeMin() &&
         a.getStorageTypeMax() + shift <= b.getStorageTypeMax();
}

OpFoldResult RequantizeOp::fold(FoldAdaptor) {
  Type elem = getInput().getType().getElementType();
  if (getInput().getType() == getOutput().getType() &&
      shiftsExactly(elem, elem))
    return getInput();
  auto inner = getInput().getDefiningOp<RequantizeOp>();
  if (inner && inner.getInput().getType() == getOutput().getType() &&
      shiftsExactly(inner.getInput().getType().getElementType(), elem))
    return inner.getInput();
  return {};
}

LogicalResult StorageCastOp::verify() {
  RankedTensorType in = getInput().getType(), out = getOutput().getType();
  if (in.getShape() != out.getShape())
    return emitOpError() << "changes the shape from " << in << " to " << out;
  Type inElem = in.getElementType(), outElem = out.getElementType();
  bool inQuantized = isQuantized(inElem);
  if (inQuantized == isQuantized(outElem))
    return emitOpError() << "expects one side of an integer !quant.uniform "
                            "element type and the other of its storage "
                            "type, got "
                         << inElem << " and " << outElem;
  Type elem = inQuantized ? inElem : outElem;
  Type other = inQuantized ? outElem : inElem;
  if (isa<QuantizedTypeInterface>(elem))
    return emitOpError() << elem
                         << " has no integer storage; qt.storage_cast takes "
                            "integer !quant.uniform types";
  if (!isa<mlir::quant::UniformQuantizedType,
           mlir::quant::UniformQuantizedPerAxisType>(
          elem))
    return emitOpError() << "expects a !quant.uniform type per tensor or per "
                            "axis, got "
                         << elem;
  auto q = cast<mlir::quant::QuantizedType>(elem);
  // 8-bit storage runs as its packed encoding and 16- and 32-bit storage as
  // plain integers (QuantizedTensor.h); narrower codes are bit-packed
  // several to a byte, and runtime tensors hold no other widths.
  unsigned width = q.getStorageTypeIntegralWidth();
  if (width != 8 && width != 16 && width != 32)
    return emitOpError()
           << elem << " has " << width << "-bit storage"
           << (width < 8 ? ", which is bit-packed at runtime" : "")
           << "; qt.storage_cast takes 8-, 16- or 32-bit storage";
  IntegerType storage = storageIntegerType(q);
  if (other != storage)
    return emitOpError() << "expects " << storage << ", the storage type of "
                         << elem << ", on the other side, got " << other;
  return checkQuantizedTensor(*this, inQuantized ? in : out,
                              inQuantized ? "input" : "result");
}

#define GET_OP_CLASSES
#include "tessel/Dialect/QT/IR/QTOps.cpp.inc"
