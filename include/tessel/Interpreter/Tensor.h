//===- Tensor.h - runtime values of the reference interpreter ---*- C++ -*-===//
//
// A tensor is a RankedTensorType and its elements in MLIR's raw layout
// (row-major, little endian, one byte per i1), the layout of dense and
// dense_resource attributes and of NumPy's .npy files.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_INTERPRETER_TENSOR_H
#define TESSEL_INTERPRETER_TENSOR_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace mlir::tessel::interp {

/// Bytes per element of `type` in the raw layout.
int64_t elementBytes(Type type);

/// An allocator whose value-less construct leaves elements uninitialized,
/// so a tensor a kernel overwrites entirely is not zero-filled first.
template <typename T> struct DefaultInitAllocator : std::allocator<T> {
  template <typename U> struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;
  template <typename U> void construct(U *p) { ::new (static_cast<void *>(p)) U; }
  template <typename U, typename... Args>
  void construct(U *p, Args &&...args) {
    ::new (static_cast<void *>(p)) U(std::forward<Args>(args)...);
  }
};

class Tensor {
public:
  Tensor() = default;
  /// A zero-filled tensor of `type`.
  explicit Tensor(RankedTensorType type);
  /// A tensor of `type` whose elements are unspecified until written: for
  /// kernels that write every element.
  static Tensor uninitialized(RankedTensorType type);

  RankedTensorType getType() const { return type; }
  llvm::ArrayRef<int64_t> getShape() const { return type.getShape(); }
  Type getElementType() const { return type.getElementType(); }
  int64_t getNumElements() const { return type.getNumElements(); }
  int64_t getRank() const { return type.getRank(); }

  llvm::ArrayRef<char> bytes() const {
    return view.data() ? view
                       : llvm::ArrayRef<char>(storage.data(), storage.size());
  }
  /// Whether the elements are borrowed from an attribute (and so immutable
  /// and at a fixed address for the MLIRContext's lifetime).
  bool isView() const { return view.data() != nullptr; }
  /// Mutable access; a view is copied into owned storage first.
  llvm::MutableArrayRef<char> bytes();

  template <typename T> const T *data() const {
    return reinterpret_cast<const T *>(bytes().data());
  }
  template <typename T> T *data() {
    return reinterpret_cast<T *>(bytes().data());
  }

  /// Element `i` converted to double (float and integer types).
  double getAsDouble(int64_t i) const;
  /// Stores `v` at element `i`, converted to the element type (integers
  /// truncate toward zero and saturate).
  void setFromDouble(int64_t i, double v);

  /// A tensor whose elements are `bytes` in a layout its element type
  /// defines (quantized formats hold their packed encoding).
  static Tensor fromBytes(RankedTensorType type, std::vector<char> bytes) {
    Tensor t;
    t.type = type;
    t.storage.assign(bytes.begin(), bytes.end());
    return t;
  }

  /// The tensor held by a dense or dense_resource attribute. Where the
  /// attribute holds the raw layout it is viewed, not copied: the attribute
  /// must outlive the tensor (it lives in the MLIRContext).
  static FailureOr<Tensor> fromAttr(ElementsAttr attr);
  /// The tensor as a dense attribute.
  DenseElementsAttr toAttr() const;

private:
  RankedTensorType type;
  std::vector<char, DefaultInitAllocator<char>> storage;
  /// Set when the elements are borrowed from an attribute.
  llvm::ArrayRef<char> view;
};

} // namespace mlir::tessel::interp

#endif // TESSEL_INTERPRETER_TENSOR_H
