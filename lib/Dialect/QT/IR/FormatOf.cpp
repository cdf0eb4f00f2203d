//===- FormatOf.cpp - the codec a quantized element type names ------------===//

#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;
namespace q = mlir::tessel::quant;

bool qt::isQuantizedElement(Type t) {
  return isa<QuantizedTypeInterface, mlir::quant::QuantizedType>(t);
}

q::QuantizeOptions FormatOf::options() const {
  q::QuantizeOptions o;
  o.rounding = rounding;
  if (axis >= 0)
    o.axis = axis;
  if (scales.size() == 1 && axis < 0)
    o.scale = scales.front();
  else
    o.scales.assign(scales.begin(), scales.end());
  return o;
}

FailureOr<FormatOf> qt::formatOf(Type elem, std::string &error) {
  std::string name;
  FormatOf f;
  auto integerName = [](mlir::quant::QuantizedType t) {
    return (t.isSigned() ? "int" : "uint") +
           std::to_string(t.getStorageTypeIntegralWidth());
  };
  if (auto t = dyn_cast<QuantizedTypeInterface>(elem)) {
    name = t.getFormatName();
    auto rounding = q::parseRounding(t.getRounding().str());
    if (!rounding) {
      error = "unknown rounding '" + t.getRounding().str() + "'";
      return failure();
    }
    f.rounding = *rounding;
    f.scales.assign(t.getScaleValues().begin(), t.getScaleValues().end());
    f.axis = t.getQuantizedAxis();
  } else if (auto u = dyn_cast<mlir::quant::UniformQuantizedType>(elem)) {
    name = integerName(u);
    f.scales = {u.getScale()};
    if (u.getZeroPoint() != 0)
      f.zeroPoints = {u.getZeroPoint()};
  } else if (auto p = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(elem)) {
    name = integerName(p);
    f.axis = p.getQuantizedDimension();
    f.scales.assign(p.getScales().begin(), p.getScales().end());
    if (llvm::any_of(p.getZeroPoints(), [](int64_t z) { return z != 0; }))
      f.zeroPoints.assign(p.getZeroPoints().begin(), p.getZeroPoints().end());
  } else {
    error = "not a quantized element type";
    return failure();
  }
  auto format = q::TensorFormat::parse(name, error);
  if (!format)
    return failure();
  f.format = *format;
  return f;
}

IntegerType qt::storageIntegerType(Type elem) {
  auto q = dyn_cast<mlir::quant::QuantizedType>(elem);
  if (!q)
    return {};
  return IntegerType::get(elem.getContext(), q.getStorageTypeIntegralWidth(),
                          q.isSigned() ? IntegerType::Signless
                                       : IntegerType::Unsigned);
}

std::optional<AccumulatorOf> qt::accumulatorOf(Type elem) {
  auto q = dyn_cast<mlir::quant::QuantizedType>(elem);
  if (!q || !isa<mlir::quant::UniformQuantizedType,
                 mlir::quant::UniformQuantizedPerAxisType>(elem) ||
      q.getStorageTypeIntegralWidth() <= 8)
    return std::nullopt;
  AccumulatorOf a;
  a.storage = storageIntegerType(q);
  if (auto u = dyn_cast<mlir::quant::UniformQuantizedType>(elem)) {
    a.scales = {u.getScale()};
    a.symmetric = u.getZeroPoint() == 0;
  } else {
    auto p = cast<mlir::quant::UniformQuantizedPerAxisType>(elem);
    a.scales.assign(p.getScales().begin(), p.getScales().end());
    a.axis = p.getQuantizedDimension();
    a.symmetric =
        llvm::all_of(p.getZeroPoints(), [](int64_t z) { return z == 0; });
  }
  return a;
}

int64_t qt::channelAt(int64_t i, llvm::ArrayRef<int64_t> shape,
                      int64_t axis) {
  if (axis < 0)
    return 0;
  int64_t inner = 1;
  for (size_t d = size_t(axis) + 1; d < shape.size(); ++d)
    inner *= shape[d];
  return (i / inner) % shape[axis];
}

double AccumulatorOf::scaleAt(int64_t i, llvm::ArrayRef<int64_t> shape) const {
  return scales[channelAt(i, shape, axis)];
}

Type qt::uniformQuantizedType(MLIRContext *ctx, unsigned bits, bool isSigned,
                              llvm::ArrayRef<double> scales,
                              llvm::ArrayRef<int64_t> zeroPoints,
                              int64_t axis) {
  int64_t lo = isSigned ? -(int64_t(1) << (bits - 1)) : 0;
  int64_t hi = isSigned ? (int64_t(1) << (bits - 1)) - 1
                        : (int64_t(1) << bits) - 1;
  if (scales.empty() ||
      (!zeroPoints.empty() && zeroPoints.size() != scales.size()))
    return {};
  for (double s : scales)
    if (!(s > 0) || !std::isfinite(s))
      return {};
  for (int64_t z : zeroPoints)
    if (z < lo || z > hi)
      return {};
  unsigned flags = isSigned ? mlir::quant::QuantizationFlags::Signed : 0;
  auto storage = IntegerType::get(ctx, bits);
  auto f32 = Float32Type::get(ctx);
  if (scales.size() == 1 && axis < 0)
    return mlir::quant::UniformQuantizedType::get(
        flags, storage, f32, scales.front(),
        zeroPoints.empty() ? 0 : zeroPoints.front(), lo, hi);
  llvm::SmallVector<int64_t> zeros(zeroPoints.begin(), zeroPoints.end());
  zeros.resize(scales.size(), 0);
  return mlir::quant::UniformQuantizedPerAxisType::get(
      flags, storage, f32, scales, zeros, int32_t(axis), lo, hi);
}

Type qt::elementTypeFor(MLIRContext *ctx, const q::TensorFormat &format,
                        llvm::ArrayRef<double> scales, int64_t axis,
                        std::string &error) {
  const std::string &name = format.name();
  auto f32 = Float32Type::get(ctx);
  auto scalesAttr = DenseF64ArrayAttr::get(ctx, scales);
  switch (format.kind()) {
  case q::TensorFormat::Kind::Mx: {
    std::string element = format.mx().name().substr(2);
    return MxType::get(ctx, element, format.mx().blockSize, axis,
                       q::roundingName(format.mx().rounding));
  }
  case q::TensorFormat::Kind::Bfp:
    return BfpType::get(ctx, format.bfp().mantissaBits,
                        format.bfp().blockSize, axis,
                        q::roundingName(format.bfp().rounding));
  case q::TensorFormat::Kind::Ovp:
    return OvpType::get(
        ctx,
        format.ovp().normalKind() == q::OvpFormat::Normal::Int ? "int"
                                                               : "flint",
        format.ovp().bits(), scalesAttr, axis);
  case q::TensorFormat::Kind::Scalar:
    break;
  }
  bool isUnsigned = name[0] == 'u';
  llvm::StringRef base = llvm::StringRef(name).drop_front(isUnsigned ? 1 : 0);
  unsigned bits = format.bits();
  const char *rounding = q::roundingName(format.defaultRounding());
  if (base.starts_with("int")) {
    if (Type t = uniformQuantizedType(ctx, bits, !isUnsigned, scales, {}, axis))
      return t;
    error = "scales must be positive and finite";
    return {};
  }
  if (base.starts_with("flint"))
    return FlintType::get(ctx, bits, !isUnsigned, scalesAttr, axis, rounding);
  if (base.starts_with("pot"))
    return PotType::get(ctx, bits, !isUnsigned, scalesAttr, axis, rounding);
  error = "no element type names the format " + name;
  return {};
}
