//===- QuantizedTensor.cpp - runtime values of quantized types ------------===//

#include "tessel/Dialect/QT/Interpreter/QuantizedTensor.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;
using interp::Tensor;
namespace q = mlir::tessel::quant;

FailureOr<q::EncodedTensor> qt::encodingOf(Operation *op, const Tensor &t) {
  llvm::ArrayRef<char> raw = t.bytes();
  q::EncodedTensor encoded;
  std::string error;
  if (!q::readPackedTensor(std::string(raw.begin(), raw.end()), encoded,
                           error))
    return op->emitError("cannot decode the ")
           << t.getType() << " operand: " << error;
  if (llvm::ArrayRef<int64_t>(encoded.shape) != t.getShape())
    return op->emitError("the operand's encoding has another shape than ")
           << t.getType();
  return encoded;
}

std::vector<int64_t> qt::accumulatorIntegers(const Tensor &t,
                                             const AccumulatorOf &acc) {
  llvm::ArrayRef<char> raw = t.bytes();
  Tensor view = Tensor::fromBytes(
      RankedTensorType::get(t.getShape(), acc.storage),
      std::vector<char>(raw.begin(), raw.end()));
  std::vector<int64_t> v(t.getNumElements());
  for (int64_t i = 0, n = v.size(); i < n; ++i)
    v[i] = int64_t(view.getAsDouble(i));
  return v;
}

FailureOr<std::vector<int32_t>>
qt::integerImagesOf(Operation *op, const Tensor &t,
                    const q::EncodedTensor &encoded) {
  std::string error;
  auto f = formatOf(t.getElementType(), error);
  if (failed(f))
    return op->emitError("no codec for ") << t.getElementType() << ": "
                                          << error;
  if (f->zeroPoints.empty())
    return std::vector<int32_t>();
  std::vector<int32_t> images;
  if (!q::integerImages(encoded, images, error))
    return op->emitError("cannot decode the ")
           << t.getType() << " operand: " << error;
  for (size_t i = 0; i < images.size(); ++i)
    images[i] -= int32_t(
        f->zeroPoints[channelAt(int64_t(i), t.getShape(), f->axis)]);
  return images;
}

FailureOr<std::vector<int64_t>> qt::storedIntegers(Operation *op,
                                                   const Tensor &t) {
  auto encoded = encodingOf(op, t);
  if (failed(encoded))
    return failure();
  // An integer code's image is the stored integer itself (no fraction
  // bits, no shift).
  std::vector<int32_t> images;
  std::string error;
  if (!q::integerImages(*encoded, images, error))
    return op->emitError("cannot decode the ")
           << t.getType() << " operand: " << error;
  return std::vector<int64_t>(images.begin(), images.end());
}

FailureOr<Tensor> qt::packStoredIntegers(Operation *op, RankedTensorType type,
                                         llvm::ArrayRef<int64_t> k) {
  std::string error;
  auto f = formatOf(type.getElementType(), error);
  if (failed(f))
    return op->emitError("no codec for ")
           << type.getElementType() << ": " << error;
  // The header encodeTensor writes for these scales, and each integer's
  // own code: k is a value of the format's grid, so it encodes exactly.
  q::EncodedTensor encoded;
  encoded.format = f->format.name();
  encoded.rounding = f->rounding;
  encoded.shape.assign(type.getShape().begin(), type.getShape().end());
  encoded.axis = f->axis;
  encoded.scales.assign(f->scales.begin(), f->scales.end());
  encoded.codes.resize(k.size());
  for (size_t i = 0; i < k.size(); ++i)
    encoded.codes[i] =
        uint8_t(f->format.scalar().encode(double(k[i]), f->rounding));
  std::string bytes = q::writePackedTensor(encoded);
  return Tensor::fromBytes(type, std::vector<char>(bytes.begin(), bytes.end()));
}

FailureOr<std::optional<AccumulatorOf>> qt::accumulatorAt(Operation *op,
                                                          Type elem) {
  auto acc = accumulatorOf(elem);
  if (acc && !acc->symmetric)
    return op->emitError("only symmetric accumulator types (zero point 0) "
                         "are supported, got ")
           << elem;
  return acc;
}

FailureOr<std::vector<double>> qt::decodeValues(Operation *op,
                                                const Tensor &t) {
  auto acc = accumulatorAt(op, t.getElementType());
  if (failed(acc))
    return failure();
  if (*acc) {
    std::vector<int64_t> ints = accumulatorIntegers(t, **acc);
    std::vector<double> v(ints.size());
    for (size_t i = 0; i < v.size(); ++i)
      v[i] = double(ints[i]) * (*acc)->scaleAt(int64_t(i), t.getShape());
    return v;
  }
  auto encoded = encodingOf(op, t);
  if (failed(encoded))
    return failure();
  std::vector<float> values;
  std::string error;
  auto images = integerImagesOf(op, t, *encoded);
  if (failed(images))
    return failure();
  if (!images->empty()) {
    // (k - z) * s, exactly in binary64.
    auto f = *formatOf(t.getElementType(), error);
    std::vector<double> v(images->size());
    for (size_t i = 0; i < v.size(); ++i)
      v[i] = double((*images)[i]) *
             f.scales[channelAt(int64_t(i), t.getShape(), f.axis)];
    return v;
  }
  if (!q::decodeTensor(*encoded, values, error))
    return op->emitError("cannot decode the ")
           << t.getType() << " operand: " << error;
  return std::vector<double>(values.begin(), values.end());
}
