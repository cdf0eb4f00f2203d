//===- QuantizedRewrite.cpp - a float linear op made quantized ------------===//

#include "QuantizedRewrite.h"

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"

#include "mlir/IR/Verifier.h"

#include <limits>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;

bool qt::fitsAccumulator(const FormatOf &input, const FormatOf &weight,
                         int64_t contracted) {
  if (input.isBlock() || weight.isBlock())
    return false;
  // Zero points widen an image to the storage range's full span.
  auto largest = [](const FormatOf &f) {
    double m = f.format.maxImage();
    return f.zeroPoints.empty() ? m : 2 * m + 1;
  };
  return double(contracted) * largest(input) * largest(weight) <
         double(std::numeric_limits<int32_t>::max());
}

int64_t qt::contractedSize(Operation *op, const nn::LinearRoles &r) {
  auto w = cast<ShapedType>(r.weight.getType());
  if (isa<nn::ConvOp>(op))
    return w.getNumElements() / std::max<int64_t>(w.getDimSize(0), 1);
  return cast<ShapedType>(r.input.getType()).getDimSize(r.inputK);
}

Operation *qt::replaceWithQuantized(Operation *op, Value input, Value weight,
                                    Value bias, Type accumulator) {
  nn::LinearRoles r = nn::linearRoles(op);
  OpBuilder b(op);
  Operation *q = b.clone(*op);
  q->setOperand(0, input);
  q->setOperand(1, weight);
  if (r.bias) {
    if (bias)
      q->setOperand(2, bias);
    else
      q->eraseOperand(2);
  }
  auto resultType = cast<RankedTensorType>(r.result.getType());
  Value result = q->getResult(0);
  if (accumulator) {
    result.setType(resultType.clone(accumulator));
    b.setInsertionPointAfter(q);
    result = DequantizeOp::create(b, op->getLoc(), resultType, result);
  }
  if (failed(mlir::verify(q))) {
    if (result != q->getResult(0))
      result.getDefiningOp()->erase();
    q->erase();
    return nullptr;
  }
  r.result.replaceAllUsesWith(result);
  op->erase();
  return q;
}
