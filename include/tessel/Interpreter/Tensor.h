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
#include <mutex>
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

/// Elements held in a layout of a kernel library's own (oneDNN's blocked
/// layouts), so that a chain of kernels that read and write that layout
/// (convolutions and the elementwise ops between them) does not convert at
/// every op. Every other reader sees the raw layout, decoded once on first
/// access. Immutable once its tensor is published, so copies share it.
class Encoding {
public:
  explicit Encoding(int64_t rawSize) : rawSize(rawSize) {}
  virtual ~Encoding();
  /// The elements in the raw layout, decoded on first use; safe to call
  /// from several threads (kernels read elements inside OpenMP loops).
  llvm::ArrayRef<char> raw() const;
  /// The raw bytes for a tensor that will own them: moved out when this
  /// encoding is the only holder, copied otherwise.
  std::vector<char, DefaultInitAllocator<char>>
  takeRaw(const std::shared_ptr<Encoding> &self) const;
  /// An encoding of the same layout and shape, its elements unspecified:
  /// the result of an elementwise op over this one.
  virtual std::shared_ptr<Encoding> sameLayout() const = 0;
  /// Whether `other` lays the same shape out identically.
  virtual bool isSameLayout(const Encoding &other) const = 0;
  /// The encoded elements, padding included (the layout's padding holds
  /// zeros, which an elementwise op must keep: f(0) == 0).
  virtual llvm::MutableArrayRef<char> encoded() = 0;
  llvm::ArrayRef<char> encoded() const {
    return const_cast<Encoding *>(this)->encoded();
  }

  /// The operation whose effect the producer already applied to these
  /// elements: a convolution whose only reader is an activation runs it as
  /// its library's post-op. interp::run then passes the elements through
  /// that operation as its result. Null when there is none.
  Operation *fusedInto = nullptr;

protected:
  /// Writes the elements in the raw layout into `raw` (rawSize bytes).
  virtual void decode(llvm::MutableArrayRef<char> raw) const = 0;

private:
  int64_t rawSize;
  mutable std::once_flag decoded;
  mutable std::vector<char, DefaultInitAllocator<char>> rawBytes;
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
    if (encoding)
      return encoding->raw();
    return view.data() ? view
                       : llvm::ArrayRef<char>(storage.data(), storage.size());
  }
  /// Whether the elements are borrowed from an attribute (and so immutable
  /// and at a fixed address for the MLIRContext's lifetime).
  bool isView() const { return view.data() != nullptr; }
  /// Mutable access; a view is copied into owned storage first, an encoded
  /// tensor decoded into it (and no longer encoded).
  llvm::MutableArrayRef<char> bytes();

  /// A tensor of `type` whose elements `encoding` holds.
  static Tensor encoded(RankedTensorType type,
                        std::shared_ptr<Encoding> encoding) {
    Tensor t;
    t.type = type;
    t.encoding = std::move(encoding);
    return t;
  }
  /// The same elements under `newType`, of the same element type and count
  /// (a reshape), not copied: the storage moves over, a view stays a view,
  /// an encoding (whose layout is its shape's) is decoded first.
  Tensor reshaped(RankedTensorType newType) && {
    if (encoding)
      (void)bytes();
    Tensor t;
    t.type = newType;
    t.storage = std::move(storage);
    t.view = view;
    return t;
  }

  /// The encoding holding the elements, or null for the raw layout.
  const Encoding *getEncoding() const { return encoding.get(); }
  /// The encoding, for writing into in place: only when this tensor is its
  /// sole holder (null otherwise, or for the raw layout).
  Encoding *getUniqueEncoding() {
    return encoding && encoding.use_count() == 1 ? encoding.get() : nullptr;
  }

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
  /// Set when the elements are held in a kernel library's layout.
  std::shared_ptr<Encoding> encoding;
};

} // namespace mlir::tessel::interp

#endif // TESSEL_INTERPRETER_TENSOR_H
