//===- QuantizedLinear.cpp - nn.conv/gemm/matmul on quantized types -------===//

#include "tessel/Dialect/NN/IR/QuantizedLinear.h"
#include "tessel/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

static Type elementOf(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}
static int64_t rankOf(Value v) {
  return cast<ShapedType>(v.getType()).getRank();
}

Type nn::accumulatorType(MLIRContext *ctx, const qt::FormatOf &input,
                         const qt::FormatOf &weight, int64_t axis) {
  int units = input.format.unitFracBits() + weight.format.unitFracBits();
  llvm::SmallVector<double> scales;
  for (double w : weight.scales)
    scales.push_back(std::ldexp(input.scales.front() * w, -units));
  bool perTensor = weight.scales.size() == 1 && weight.axis < 0;
  return qt::uniformQuantizedType(ctx, 32, true, scales, {},
                                  perTensor ? -1 : axis);
}

bool nn::sameAccumulator(Type a, Type b, double tolerance) {
  auto x = qt::accumulatorOf(a), y = qt::accumulatorOf(b);
  if (!x || !y || x->storage != y->storage || x->axis != y->axis ||
      !x->symmetric || x->scales.size() != y->scales.size())
    return false;
  for (size_t i = 0; i < x->scales.size(); ++i)
    if (std::fabs(x->scales[i] - y->scales[i]) >
        tolerance * std::fabs(y->scales[i]))
      return false;
  return true;
}

LogicalResult nn::verifyLinearElementTypes(LinearOpInterface op) {
  Value input = op.getInput(), weight = op.getWeight(), bias = op.getBias();
  int64_t inputK = op.getInputContractedDim(),
          weightK = op.getWeightContractedDim(),
          weightOut = op.getWeightChannelDim();
  Type inE = elementOf(input), wE = elementOf(weight),
       outE = elementOf(op.getOutput());
  bool qi = qt::isQuantizedElement(inE), qw = qt::isQuantizedElement(wE);
  if (!qi && !qw) {
    if (outE != inE)
      return op->emitOpError("expects the result element type ")
             << inE << " of its input, got " << outE;
    return success();
  }
  if (qi != qw)
    return op->emitOpError("expects input and weight both quantized or "
                           "both not, got ")
           << inE << " and " << wE;
  std::string error;
  auto fi = qt::formatOf(inE, error);
  if (failed(fi))
    return op->emitOpError("cannot multiply ") << inE << ": " << error;
  auto fw = qt::formatOf(wE, error);
  if (failed(fw))
    return op->emitOpError("cannot multiply ") << wE << ": " << error;
  auto blockAxis = [](const qt::FormatOf &f, int64_t rank) {
    return f.axis < 0 ? rank - 1 : f.axis;
  };
  if (fi->isBlock() ? blockAxis(*fi, rankOf(input)) != inputK
                    : fi->axis >= 0)
    return op->emitOpError("expects the input quantized per tensor or in "
                           "blocks along its contracted dimension ")
           << inputK << ", got " << inE;
  if (fw->isBlock() ? blockAxis(*fw, rankOf(weight)) != weightK
                    : (fw->axis >= 0 && fw->axis != weightOut))
    return op->emitOpError("expects the weight quantized per tensor, per "
                           "output channel (dimension ")
           << weightOut << ") or in blocks along its contracted dimension "
           << weightK << ", got " << wE;
  bool scaled = !fi->isBlock() && !fw->isBlock();
  bool accumulates = !isa<FloatType>(outE);
  if (accumulates) {
    auto acc = qt::accumulatorOf(outE);
    if (!acc || acc->storage != IntegerType::get(op->getContext(), 32))
      return op->emitOpError("expects a float result or an i32 accumulator, "
                             "got ")
             << outE;
    if (!scaled)
      return op->emitOpError("has block-format operands, whose product is a "
                             "float result, not an accumulator");
    Type expected = op.getAccumulatorType(*fi, *fw);
    if (!sameAccumulator(outE, expected, 1e-9))
      return op->emitOpError("expects the accumulator type ")
             << expected << ", got " << outE;
  }
  if (bias && (accumulates || qt::isQuantizedElement(elementOf(bias)))) {
    Type be = elementOf(bias);
    if (!scaled)
      return op->emitOpError("has block-format operands; expects a float "
                             "bias, got ")
             << be;
    Type expected = op.getBiasAccumulatorType(*fi, *fw);
    if (!sameAccumulator(be, expected, 1e-9))
      return op->emitOpError("expects a bias in the accumulator's type ")
             << expected << ", got " << be;
  }
  return success();
}
