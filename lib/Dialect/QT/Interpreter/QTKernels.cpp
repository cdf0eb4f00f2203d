//===- QTKernels.cpp - reference semantics of qt ops ----------------------===//
//
// The codecs of include/tessel/Quant applied with the formats the element
// types name: scales, axis and rounding come from the type. Integer
// formats (!quant.uniform) must be symmetric (zero point 0).
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/QT/Interpreter/QTInterpreter.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Quant/TensorQuantizer.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;
using interp::Tensor;
namespace q = mlir::tessel::quant;

namespace {

using Operands = llvm::ArrayRef<const Tensor *>;
using Results = llvm::SmallVectorImpl<Tensor>;

struct Format {
  std::optional<q::TensorFormat> format;
  q::QuantizeOptions options;
};

/// The codec and fixed scales a quantized element type stands for.
FailureOr<Format> formatOf(Operation *op, Type elem) {
  Format f;
  std::string name, error;
  if (auto t = dyn_cast<QuantizedTypeInterface>(elem)) {
    name = t.getFormatName();
    f.options.rounding = q::parseRounding(t.getRounding().str());
    llvm::ArrayRef<double> scales = t.getScaleValues();
    int64_t axis = t.getQuantizedAxis();
    if (axis >= 0)
      f.options.axis = axis;
    if (scales.size() == 1 && axis < 0)
      f.options.scale = scales.front();
    else
      f.options.scales.assign(scales.begin(), scales.end());
  } else if (auto u = dyn_cast<mlir::quant::UniformQuantizedType>(elem)) {
    if (u.getZeroPoint() != 0)
      return op->emitError("the interpreter supports symmetric integer "
                           "formats only (zero point 0), got ")
             << elem;
    name = (u.isSigned() ? "int" : "uint") +
           std::to_string(u.getStorageTypeIntegralWidth());
    f.options.scale = u.getScale();
    f.options.rounding = q::Rounding::TiesEven;
  } else if (auto p = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(elem)) {
    if (llvm::any_of(p.getZeroPoints(), [](int64_t z) { return z != 0; }))
      return op->emitError("the interpreter supports symmetric integer "
                           "formats only (zero point 0), got ")
             << elem;
    name = (p.isSigned() ? "int" : "uint") +
           std::to_string(p.getStorageTypeIntegralWidth());
    f.options.axis = p.getQuantizedDimension();
    f.options.scales.assign(p.getScales().begin(), p.getScales().end());
    f.options.rounding = q::Rounding::TiesEven;
  } else {
    return op->emitError("no codec for element type ") << elem;
  }
  f.format = q::TensorFormat::parse(name, error);
  if (!f.format)
    return op->emitError("no codec for ") << elem << ": " << error;
  return f;
}

std::vector<int64_t> shapeOf(const Tensor &t) {
  return {t.getShape().begin(), t.getShape().end()};
}

/// Encodes `values` in `resultType`'s format as the result tensor.
LogicalResult encode(Operation *op, const std::vector<float> &values,
                     RankedTensorType resultType, Results &results) {
  auto f = formatOf(op, resultType.getElementType());
  if (failed(f))
    return failure();
  q::EncodedTensor encoded;
  std::string error;
  if (!q::encodeTensor(*f->format, values,
                       {resultType.getShape().begin(),
                        resultType.getShape().end()},
                       f->options, encoded, error))
    return op->emitError("cannot encode in ")
           << resultType.getElementType() << ": " << error;
  std::string bytes = q::writePackedTensor(encoded);
  results.push_back(
      Tensor::fromBytes(resultType, std::vector<char>(bytes.begin(), bytes.end())));
  return success();
}

/// The real values of a quantized runtime tensor.
FailureOr<std::vector<float>> decode(Operation *op, const Tensor &t) {
  llvm::ArrayRef<char> raw = t.bytes();
  q::EncodedTensor encoded;
  std::vector<float> values;
  std::string error;
  if (!q::readPackedTensor(std::string(raw.begin(), raw.end()), encoded,
                           error) ||
      !q::decodeTensor(encoded, values, error))
    return op->emitError("cannot decode the ")
           << t.getType() << " operand: " << error;
  if (encoded.shape != shapeOf(t))
    return op->emitError("the operand's encoding has another shape than ")
           << t.getType();
  return values;
}

LogicalResult quantizeKernel(QuantizeOp op, Operands operands,
                             Results &results) {
  const Tensor &in = *operands[0];
  std::vector<float> values(in.getNumElements());
  for (int64_t i = 0; i < in.getNumElements(); ++i)
    values[i] = float(in.getAsDouble(i));
  return encode(op, values, op.getOutput().getType(), results);
}

LogicalResult dequantizeKernel(DequantizeOp op, Operands operands,
                               Results &results) {
  auto values = decode(op, *operands[0]);
  if (failed(values))
    return failure();
  Tensor out(op.getOutput().getType());
  for (size_t i = 0; i < values->size(); ++i)
    out.setFromDouble(int64_t(i), (*values)[i]);
  results.push_back(std::move(out));
  return success();
}

LogicalResult requantizeKernel(RequantizeOp op, Operands operands,
                               Results &results) {
  auto values = decode(op, *operands[0]);
  if (failed(values))
    return failure();
  return encode(op, *values, op.getOutput().getType(), results);
}

#define QT_KERNEL_MODEL(OP, FN)                                                \
  struct OP##Evaluate                                                          \
      : interp::EvaluateOpInterface::ExternalModel<OP##Evaluate, OP> {         \
    LogicalResult evaluate(Operation *op, Operands operands,                   \
                           Results &results) const {                           \
      return FN(cast<OP>(op), operands, results);                              \
    }                                                                          \
  };
QT_KERNEL_MODEL(QuantizeOp, quantizeKernel)
QT_KERNEL_MODEL(DequantizeOp, dequantizeKernel)
QT_KERNEL_MODEL(RequantizeOp, requantizeKernel)
#undef QT_KERNEL_MODEL

} // namespace

void mlir::tessel::qt::registerInterpreterExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, QTDialect *) {
    QuantizeOp::attachInterface<QuantizeOpEvaluate>(*ctx);
    DequantizeOp::attachInterface<DequantizeOpEvaluate>(*ctx);
    RequantizeOp::attachInterface<RequantizeOpEvaluate>(*ctx);
  });
}
