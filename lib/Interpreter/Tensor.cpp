//===- Tensor.cpp - runtime values of the reference interpreter -----------===//

#include "tessel/Interpreter/Tensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::tessel::interp;

int64_t mlir::tessel::interp::elementBytes(Type type) {
  unsigned bits = type.getIntOrFloatBitWidth();
  return bits == 1 ? 1 : bits / 8;
}

Tensor::Tensor(RankedTensorType type)
    : type(type),
      storage(type.getNumElements() * elementBytes(type.getElementType()),
              0) {}

Tensor Tensor::uninitialized(RankedTensorType type) {
  Tensor t;
  t.type = type;
  t.storage.resize(type.getNumElements() * elementBytes(type.getElementType()));
  return t;
}

Encoding::~Encoding() = default;

llvm::ArrayRef<char> Encoding::raw() const {
  std::call_once(decoded, [this] {
    rawBytes.resize(rawSize);
    decode({rawBytes.data(), rawBytes.size()});
  });
  return {rawBytes.data(), rawBytes.size()};
}

std::vector<char, DefaultInitAllocator<char>>
Encoding::takeRaw(const std::shared_ptr<Encoding> &self) const {
  llvm::ArrayRef<char> bytes = raw();
  if (self.use_count() == 1)
    return std::move(rawBytes);
  return {bytes.begin(), bytes.end()};
}

llvm::MutableArrayRef<char> Tensor::bytes() {
  if (encoding) {
    storage = encoding->takeRaw(encoding);
    encoding.reset();
  } else if (view.data()) {
    storage.assign(view.begin(), view.end());
    view = {};
  }
  return {storage.data(), storage.size()};
}

template <typename T> static T load(const char *p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T> static void store(char *p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

/// `v` truncated toward zero and saturated to [lo, hi]; NaN becomes 0.
static double saturate(double v, double lo, double hi) {
  if (std::isnan(v))
    return 0;
  return std::min(std::max(std::trunc(v), lo), hi);
}

double Tensor::getAsDouble(int64_t i) const {
  Type t = getElementType();
  int64_t w = elementBytes(t);
  const char *p = bytes().data() + i * w;
  if (t.isF32())
    return load<float>(p);
  if (t.isF64())
    return load<double>(p);
  if (t.isF16() || t.isBF16()) {
    auto &sem = t.isF16() ? APFloat::IEEEhalf() : APFloat::BFloat();
    return APFloat(sem, APInt(16, load<uint16_t>(p))).convertToDouble();
  }
  auto it = cast<IntegerType>(t);
  bool isUnsigned = it.isUnsigned() || it.getWidth() == 1;
  switch (w) {
  case 1:
    return isUnsigned ? double(load<uint8_t>(p)) : double(load<int8_t>(p));
  case 2:
    return isUnsigned ? double(load<uint16_t>(p)) : double(load<int16_t>(p));
  case 4:
    return isUnsigned ? double(load<uint32_t>(p)) : double(load<int32_t>(p));
  default:
    return isUnsigned ? double(load<uint64_t>(p)) : double(load<int64_t>(p));
  }
}

void Tensor::setFromDouble(int64_t i, double v) {
  Type t = getElementType();
  int64_t w = elementBytes(t);
  char *p = bytes().data() + i * w;
  if (t.isF32())
    return store<float>(p, static_cast<float>(v));
  if (t.isF64())
    return store<double>(p, v);
  if (t.isF16() || t.isBF16()) {
    APFloat f(v);
    bool lost;
    f.convert(t.isF16() ? APFloat::IEEEhalf() : APFloat::BFloat(),
              APFloat::rmNearestTiesToEven, &lost);
    return store<uint16_t>(p, f.bitcastToAPInt().getZExtValue());
  }
  auto it = cast<IntegerType>(t);
  if (it.getWidth() == 1)
    return store<uint8_t>(p, v != 0);
  bool isUnsigned = it.isUnsigned();
  unsigned bits = it.getWidth();
  double lo = isUnsigned ? 0 : -std::ldexp(1.0, bits - 1);
  double hi = isUnsigned ? std::ldexp(1.0, bits) - 1 : std::ldexp(1.0, bits - 1) - 1;
  double s = saturate(v, lo, hi);
  switch (w) {
  case 1:
    return isUnsigned ? store<uint8_t>(p, s) : store<int8_t>(p, s);
  case 2:
    return isUnsigned ? store<uint16_t>(p, s) : store<int16_t>(p, s);
  case 4:
    return isUnsigned ? store<uint32_t>(p, s) : store<int32_t>(p, s);
  default:
    // 2^63 is not representable; saturate explicitly.
    if (isUnsigned)
      return store<uint64_t>(p, s >= 0x1p64 ? UINT64_MAX : uint64_t(s));
    return store<int64_t>(p, s >= 0x1p63 ? INT64_MAX : int64_t(s));
  }
}

FailureOr<Tensor> Tensor::fromAttr(ElementsAttr attr) {
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.getElementType().isIntOrFloat())
    return failure();
  size_t size = type.getNumElements() * elementBytes(type.getElementType());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || blob->getData().size() != size)
      return failure();
    Tensor t;
    t.type = type;
    t.view = blob->getData();
    return t;
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense)
    return failure();
  if (type.getElementType().isInteger(1)) {
    // i1 is bit-packed in dense attributes, one byte per element here.
    Tensor t(type);
    int64_t i = 0;
    for (bool b : dense.getValues<bool>())
      t.storage[i++] = b;
    return t;
  }
  if (dense.isSplat()) {
    Tensor t(type);
    ArrayRef<char> raw = dense.getRawData();
    for (size_t off = 0; off < t.storage.size(); off += raw.size())
      std::memcpy(t.storage.data() + off, raw.data(), raw.size());
    return t;
  }
  ArrayRef<char> raw = dense.getRawData();
  if (raw.size() != size)
    return failure();
  Tensor t;
  t.type = type;
  t.view = raw;
  return t;
}

DenseElementsAttr Tensor::toAttr() const {
  if (getElementType().isInteger(1)) {
    llvm::SmallVector<bool> values(bytes().begin(), bytes().end());
    return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(values));
  }
  return DenseElementsAttr::getFromRawBuffer(type, bytes());
}
