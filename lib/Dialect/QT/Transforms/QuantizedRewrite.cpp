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

Operation *qt::replaceWithQuantized(nn::LinearOpInterface op, Value input,
                                    Value weight, Value bias,
                                    Type accumulator) {
  OpBuilder b(op);
  Operation *q = b.clone(*op);
  q->setOperand(op.getInputOperand().getOperandNumber(), input);
  q->setOperand(op.getWeightOperand().getOperandNumber(), weight);
  if (OpOperand *old = op.getBiasOperand()) {
    if (bias)
      q->setOperand(old->getOperandNumber(), bias);
    else
      q->eraseOperand(old->getOperandNumber());
  }
  auto resultType = cast<RankedTensorType>(op.getOutput().getType());
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
  op.getOutput().replaceAllUsesWith(result);
  op->erase();
  return q;
}
