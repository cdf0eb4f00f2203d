//===- QTKernels.cpp - reference semantics of qt ops ----------------------===//
//
// The codecs of include/tessel/Quant applied with the formats the element
// types name: scales, axis and rounding come from the type. Integer
// formats (!quant.uniform) may have zero points; those wider than 8 bits
// are accumulators, held as plain integers.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/QT/Interpreter/QTInterpreter.h"
#include "tessel/Dialect/QT/Interpreter/QuantizedTensor.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Quant/TensorQuantizer.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;
using interp::Tensor;
namespace q = mlir::tessel::quant;

namespace {

using Operands = llvm::ArrayRef<const Tensor *>;
using Results = llvm::SmallVectorImpl<Tensor>;

/// The codec and fixed scales a quantized element type stands for.
FailureOr<FormatOf> formatFor(Operation *op, Type elem) {
  std::string error;
  auto f = formatOf(elem, error);
  if (failed(f))
    return op->emitError("no codec for ") << elem << ": " << error;
  return f;
}

/// Encodes `values` in `resultType`'s format as the result tensor.
LogicalResult encode(Operation *op, const std::vector<double> &values,
                     RankedTensorType resultType, Results &results) {
  auto accumulator = accumulatorAt(op, resultType.getElementType());
  if (failed(accumulator))
    return failure();
  if (const std::optional<AccumulatorOf> &acc = *accumulator) {
    // Round half to even and saturate, as every integer quantizer here.
    Tensor out(RankedTensorType::get(resultType.getShape(), acc->storage));
    for (size_t i = 0; i < values.size(); ++i)
      out.setFromDouble(
          int64_t(i),
          std::nearbyint(values[i] /
                         acc->scaleAt(int64_t(i), resultType.getShape())));
    llvm::ArrayRef<char> raw = out.bytes();
    results.push_back(Tensor::fromBytes(
        resultType, std::vector<char>(raw.begin(), raw.end())));
    return success();
  }
  auto f = formatFor(op, resultType.getElementType());
  if (failed(f))
    return failure();
  q::EncodedTensor encoded;
  std::string error;
  std::vector<float> x(values.begin(), values.end());
  if (!f->zeroPoints.empty()) {
    // k = sat(round_even(x / s) + z) is stored; the codec holds k as the
    // value k * s of its zero-point-free grid.
    const q::ScalarFormat &grid = f->format.scalar();
    for (size_t i = 0; i < x.size(); ++i) {
      int64_t c = channelAt(int64_t(i), resultType.getShape(), f->axis);
      double k = std::nearbyint(values[i] / f->scales[c]) +
                 double(f->zeroPoints[c]);
      x[i] = float(std::min(grid.maxValue(), std::max(grid.minValue(), k)) *
                   f->scales[c]);
    }
  }
  if (!q::encodeTensor(f->format, x,
                       {resultType.getShape().begin(),
                        resultType.getShape().end()},
                       f->options(), encoded, error))
    return op->emitError("cannot encode in ")
           << resultType.getElementType() << ": " << error;
  std::string bytes = q::writePackedTensor(encoded);
  results.push_back(
      Tensor::fromBytes(resultType, std::vector<char>(bytes.begin(), bytes.end())));
  return success();
}


LogicalResult quantizeKernel(QuantizeOp op, Operands operands,
                             Results &results) {
  const Tensor &in = *operands[0];
  std::vector<double> values(in.getNumElements());
  for (int64_t i = 0; i < in.getNumElements(); ++i)
    values[i] = in.getAsDouble(i);
  return encode(op, values, op.getOutput().getType(), results);
}

LogicalResult dequantizeKernel(DequantizeOp op, Operands operands,
                               Results &results) {
  auto values = decodeValues(op, *operands[0]);
  if (failed(values))
    return failure();
  Tensor out(op.getOutput().getType());
  for (size_t i = 0; i < values->size(); ++i)
    out.setFromDouble(int64_t(i), (*values)[i]);
  results.push_back(std::move(out));
  return success();
}

/// An accumulator scaled into an integer format as Gemmini's scalers do:
/// the accumulator as float32 times the float32 ratio of the scales, round
/// half to even, saturate. Values on the target grid encode exactly.
LogicalResult scaleAccumulator(RequantizeOp op, const Tensor &in,
                               const AccumulatorOf &acc, const FormatOf &out,
                               Results &results) {
  RankedTensorType type = op.getOutput().getType();
  const q::ScalarFormat &grid = out.format.scalar();
  std::vector<int64_t> ints = accumulatorIntegers(in, acc);
  std::vector<double> values(ints.size());
  for (size_t i = 0; i < ints.size(); ++i) {
    int64_t c = channelAt(int64_t(i), type.getShape(), out.axis);
    double so = out.scales[c];
    double z = out.zeroPoints.empty() ? 0 : double(out.zeroPoints[c]);
    float ratio = float(acc.scaleAt(int64_t(i), type.getShape()) / so);
    double k = std::nearbyint(float(ints[i]) * ratio) + z;
    values[i] = (std::min(grid.maxValue(), std::max(grid.minValue(), k)) - z) * so;
  }
  return encode(op, values, type, results);
}

LogicalResult requantizeKernel(RequantizeOp op, Operands operands,
                               Results &results) {
  Type inElem = op.getInput().getType().getElementType();
  Type outElem = op.getOutput().getType().getElementType();
  auto acc = accumulatorOf(inElem);
  if (acc && acc->symmetric && isa<mlir::quant::QuantizedType>(outElem) &&
      !accumulatorOf(outElem)) {
    auto out = formatFor(op, outElem);
    if (failed(out))
      return failure();
    return scaleAccumulator(op, *operands[0], *acc, *out, results);
  }
  auto values = decodeValues(op, *operands[0]);
  if (failed(values))
    return failure();
  return encode(op, *values, op.getOutput().getType(), results);
}

/// The stored integers kept as they are. An accumulator's runtime value
/// already is its storage integers; an 8-bit type's is its packed encoding,
/// decoded to or encoded from plain integers.
LogicalResult storageCastKernel(StorageCastOp op, Operands operands,
                                Results &results) {
  const Tensor &in = *operands[0];
  RankedTensorType type = op.getOutput().getType();
  bool toStorage = isQuantizedElement(in.getElementType());
  Type elem = toStorage ? in.getElementType() : type.getElementType();
  if (accumulatorOf(elem)) {
    llvm::ArrayRef<char> raw = in.bytes();
    results.push_back(
        Tensor::fromBytes(type, std::vector<char>(raw.begin(), raw.end())));
    return success();
  }
  if (toStorage) {
    auto k = storedIntegers(op, in);
    if (failed(k))
      return failure();
    Tensor out(type);
    for (size_t i = 0; i < k->size(); ++i)
      out.setFromDouble(int64_t(i), double((*k)[i]));
    results.push_back(std::move(out));
    return success();
  }
  std::vector<int64_t> k(in.getNumElements());
  for (int64_t i = 0; i < in.getNumElements(); ++i)
    k[i] = int64_t(in.getAsDouble(i));
  auto out = packStoredIntegers(op, type, k);
  if (failed(out))
    return failure();
  results.push_back(std::move(*out));
  return success();
}


} // namespace

void mlir::tessel::qt::registerInterpreterExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, QTDialect *) {
    QuantizeOp::attachInterface<interp::KernelModel<QuantizeOp, quantizeKernel>>(
        *ctx);
    DequantizeOp::attachInterface<
        interp::KernelModel<DequantizeOp, dequantizeKernel>>(*ctx);
    RequantizeOp::attachInterface<
        interp::KernelModel<RequantizeOp, requantizeKernel>>(*ctx);
    StorageCastOp::attachInterface<
        interp::KernelModel<StorageCastOp, storageCastKernel>>(*ctx);
  });
}
