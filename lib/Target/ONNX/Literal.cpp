//===- Literal.cpp - compile-time tensors of the ONNX importer ------------===//

#include "Literal.h"

#include "tessel/Dialect/NN/IR/NNShapes.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel::onnx_import;

bool mlir::tessel::onnx_import::isBoundedShape(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > kMaxDim)
      return false;
    // Compared before multiplying: count (up to 2^40) times d (up to 2^31)
    // would overflow int64.
    if (d != 0 && count > kMaxElements / d)
      return false;
    count *= d;
  }
  return true;
}

int64_t Literal::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

void Literal::push(double v) {
  if (isFloat()) {
    floats.push_back(v);
    return;
  }
  unsigned width = elementType.getIntOrFloatBitWidth();
  if (width == 1)
    ints.push_back(v != 0);
  else
    ints.push_back(static_cast<int64_t>(std::trunc(v)));
}

DenseElementsAttr Literal::toAttr() const {
  RankedTensorType t = type();
  if (auto ft = dyn_cast<FloatType>(elementType)) {
    llvm::SmallVector<APFloat> values;
    values.reserve(floats.size());
    for (double f : floats) {
      APFloat v(f);
      bool lost;
      v.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(v);
    }
    return DenseElementsAttr::get(t, values);
  }
  unsigned width = elementType.getIntOrFloatBitWidth();
  if (width == 1) {
    llvm::SmallVector<bool> values(ints.begin(), ints.end());
    return DenseElementsAttr::get(t, llvm::ArrayRef<bool>(values));
  }
  llvm::SmallVector<APInt> values;
  values.reserve(ints.size());
  for (int64_t i : ints)
    values.push_back(APInt(width, static_cast<uint64_t>(i), /*isSigned=*/true,
                           /*implicitTrunc=*/true));
  return DenseElementsAttr::get(t, values);
}

std::optional<Literal> Literal::fromAttr(DenseElementsAttr attr) {
  Literal lit;
  auto type = cast<RankedTensorType>(attr.getType());
  lit.elementType = type.getElementType();
  lit.shape.assign(type.getShape().begin(), type.getShape().end());
  if (isa<FloatType>(lit.elementType)) {
    for (APFloat v : attr.getValues<APFloat>())
      lit.floats.push_back(v.convertToDouble());
    return lit;
  }
  auto it = dyn_cast<IntegerType>(lit.elementType);
  if (!it)
    return std::nullopt;
  for (APInt v : attr.getValues<APInt>())
    lit.ints.push_back(it.isUnsigned() || it.getWidth() == 1
                           ? static_cast<int64_t>(v.getZExtValue())
                           : v.getSExtValue());
  return lit;
}

llvm::SmallVector<int64_t> mlir::tessel::onnx_import::stridesOf(
    llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

std::optional<Literal> mlir::tessel::onnx_import::broadcastMap(
    llvm::ArrayRef<const Literal *> inputs, Type resultType,
    llvm::function_ref<double(llvm::ArrayRef<double>)> fn) {
  nn::Shape shape;
  for (const Literal *in : inputs) {
    nn::Shape next;
    std::string error;
    if (failed(nn::broadcastShapes(shape, in->shape, next, error)))
      return std::nullopt;
    shape = next;
  }
  Literal out;
  out.elementType = resultType;
  out.shape.assign(shape.begin(), shape.end());
  int64_t rank = shape.size(), count = out.numElements();
  // Per input: the stride of each output dimension (0 where broadcast).
  llvm::SmallVector<llvm::SmallVector<int64_t>> strides;
  for (const Literal *in : inputs) {
    llvm::SmallVector<int64_t> own = stridesOf(in->shape), s(rank, 0);
    int64_t off = rank - in->shape.size();
    for (size_t d = 0; d < in->shape.size(); ++d)
      s[off + d] = in->shape[d] == 1 ? 0 : own[d];
    strides.push_back(s);
  }
  llvm::SmallVector<int64_t> outStrides = stridesOf(shape);
  llvm::SmallVector<double> args(inputs.size());
  for (int64_t i = 0; i < count; ++i) {
    for (size_t k = 0; k < inputs.size(); ++k) {
      int64_t idx = 0, rem = i;
      for (int64_t d = 0; d < rank; ++d) {
        idx += (rem / outStrides[d]) * strides[k][d];
        rem %= outStrides[d];
      }
      args[k] = inputs[k]->at(idx);
    }
    out.push(fn(args));
  }
  return out;
}
