//===- TensorConversion.cpp - ONNX tensors and types to MLIR --------------===//

#include "TensorConversion.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::tessel::onnx_import;
using onnx::TensorProto;

Type mlir::tessel::onnx_import::elementTypeOf(MLIRContext *ctx,
                                              int32_t onnxType) {
  Builder b(ctx);
  switch (onnxType) {
  case TensorProto::FLOAT:
    return b.getF32Type();
  case TensorProto::DOUBLE:
    return b.getF64Type();
  case TensorProto::FLOAT16:
    return b.getF16Type();
  case TensorProto::BFLOAT16:
    return b.getBF16Type();
  case TensorProto::INT8:
    return b.getIntegerType(8);
  case TensorProto::INT16:
    return b.getIntegerType(16);
  case TensorProto::INT32:
    return b.getIntegerType(32);
  case TensorProto::INT64:
    return b.getIntegerType(64);
  case TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case TensorProto::UINT16:
    return b.getIntegerType(16, false);
  case TensorProto::UINT32:
    return b.getIntegerType(32, false);
  case TensorProto::UINT64:
    return b.getIntegerType(64, false);
  case TensorProto::BOOL:
    return b.getI1Type();
  default:
    return {};
  }
}

std::string mlir::tessel::onnx_import::dataTypeName(int32_t onnxType) {
  if (TensorProto::DataType_IsValid(onnxType))
    return TensorProto::DataType_Name(
        static_cast<TensorProto::DataType>(onnxType));
  return "data type " + std::to_string(onnxType);
}

/// Bytes per element in MLIR's raw layout.
static int64_t byteWidth(Type t) {
  unsigned bits = t.getIntOrFloatBitWidth();
  return bits == 1 ? 1 : bits / 8;
}

template <typename Src, typename Field>
static void copyField(const Field &field, int64_t width,
                      std::vector<char> &bytes) {
  bytes.resize(field.size() * width);
  for (int i = 0; i < field.size(); ++i) {
    Src v = field.Get(i);
    // Narrow integers and 16-bit floats are stored widened; the low bytes
    // (little endian) are the value.
    std::memcpy(bytes.data() + i * width, &v, width);
  }
}

static LogicalResult readExternal(const TensorProto &tensor,
                                  llvm::StringRef baseDir,
                                  std::vector<char> &bytes,
                                  std::string &error) {
  std::string location;
  int64_t offset = 0;
  std::optional<int64_t> length;
  for (const auto &entry : tensor.external_data()) {
    int64_t value = 0;
    bool number = entry.key() == "offset" || entry.key() == "length";
    if (entry.key() == "location")
      location = entry.value();
    if (number && (llvm::StringRef(entry.value()).getAsInteger(10, value) ||
                   value < 0)) {
      error = "external data of '" + tensor.name() + "' has a malformed " +
              entry.key() + " '" + entry.value() + "'";
      return failure();
    }
    if (entry.key() == "offset")
      offset = value;
    else if (entry.key() == "length")
      length = value;
  }
  auto outside = [&] {
    error = "external data location '" + location +
            "' must be a relative path inside the model's directory";
    return failure();
  };
  if (location.empty() || llvm::sys::path::is_absolute(location))
    return outside();
  for (llvm::StringRef part : llvm::make_range(
           llvm::sys::path::begin(location), llvm::sys::path::end(location)))
    if (part == "..")
      return outside();
  llvm::SmallString<256> path(baseDir);
  llvm::sys::path::append(path, location);
  // Links are followed, but only to files inside the model's directory.
  llvm::SmallString<256> realDir, realFile;
  if (auto ec = llvm::sys::fs::real_path(path, realFile)) {
    error = "cannot read external data file '" + std::string(path) +
            "': " + ec.message();
    return failure();
  }
  if (llvm::sys::fs::real_path(baseDir.empty() ? "." : baseDir, realDir))
    return outside();
  if (!llvm::StringRef(realFile).starts_with(
          (realDir + llvm::sys::path::get_separator()).str()))
    return outside();
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(realFile, status) ||
      status.type() != llvm::sys::fs::file_type::regular_file) {
    error = "external data file '" + std::string(path) +
            "' is not a regular file";
    return failure();
  }
  int64_t size = int64_t(status.getSize());
  int64_t n = length ? *length : size - std::min(offset, size);
  if (offset > size || n > size - offset) {
    error = "external data of '" + tensor.name() + "' (offset " +
            std::to_string(offset) + ", length " + std::to_string(n) +
            ") lies outside '" + std::string(path) + "' (" +
            std::to_string(size) + " bytes)";
    return failure();
  }
  // Only the slice the tensor names is read.
  auto file = llvm::MemoryBuffer::getFileSlice(realFile, uint64_t(n),
                                               uint64_t(offset));
  if (!file) {
    error = "cannot read external data file '" + std::string(path) +
            "': " + file.getError().message();
    return failure();
  }
  bytes.assign((*file)->getBufferStart(), (*file)->getBufferEnd());
  return success();
}

LogicalResult mlir::tessel::onnx_import::tensorBytes(
    const TensorProto &tensor, llvm::StringRef baseDir,
    std::vector<char> &bytes, std::string &error) {
  llvm::SmallVector<int64_t> dims(tensor.dims().begin(), tensor.dims().end());
  if (!isBoundedShape(dims)) {
    error = "tensor '" + tensor.name() +
            "' has a negative dimension or is too large (a dimension above "
            "2^31 or more than 2^40 elements)";
    return failure();
  }
  int64_t count = 1;
  for (int64_t d : dims)
    count *= d;
  int64_t width;
  switch (tensor.data_type()) {
  case TensorProto::DOUBLE:
  case TensorProto::INT64:
  case TensorProto::UINT64:
    width = 8;
    break;
  case TensorProto::FLOAT:
  case TensorProto::INT32:
  case TensorProto::UINT32:
    width = 4;
    break;
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
  case TensorProto::INT16:
  case TensorProto::UINT16:
    width = 2;
    break;
  case TensorProto::INT8:
  case TensorProto::UINT8:
  case TensorProto::BOOL:
    width = 1;
    break;
  default:
    error = "tensor '" + tensor.name() + "' has unsupported data type " +
            dataTypeName(tensor.data_type());
    return failure();
  }

  if (tensor.data_location() == TensorProto::EXTERNAL) {
    if (failed(readExternal(tensor, baseDir, bytes, error)))
      return failure();
  } else if (tensor.has_raw_data()) {
    bytes.assign(tensor.raw_data().begin(), tensor.raw_data().end());
  } else {
    switch (tensor.data_type()) {
    case TensorProto::FLOAT:
      copyField<float>(tensor.float_data(), width, bytes);
      break;
    case TensorProto::DOUBLE:
      copyField<double>(tensor.double_data(), width, bytes);
      break;
    case TensorProto::INT64:
      copyField<int64_t>(tensor.int64_data(), width, bytes);
      break;
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      copyField<uint64_t>(tensor.uint64_data(), width, bytes);
      break;
    default: // int32_data holds every narrower type.
      copyField<int32_t>(tensor.int32_data(), width, bytes);
      break;
    }
  }
  if (static_cast<int64_t>(bytes.size()) != count * width) {
    error = "tensor '" + tensor.name() + "' holds " +
            std::to_string(bytes.size()) + " bytes of data, its shape needs " +
            std::to_string(count * width);
    return failure();
  }
  if (tensor.data_type() == TensorProto::BOOL)
    for (char &c : bytes)
      c = c != 0;
  return success();
}

static FailureOr<RankedTensorType> tensorType(MLIRContext *ctx,
                                              const TensorProto &tensor,
                                              std::string &error) {
  Type element = elementTypeOf(ctx, tensor.data_type());
  if (!element) {
    error = "tensor '" + tensor.name() + "' has unsupported data type " +
            dataTypeName(tensor.data_type());
    return failure();
  }
  llvm::SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  if (!isBoundedShape(shape)) {
    error = "tensor '" + tensor.name() +
            "' has a negative dimension or is too large";
    return failure();
  }
  return RankedTensorType::get(shape, element);
}

FailureOr<ElementsAttr> mlir::tessel::onnx_import::tensorToAttr(
    MLIRContext *ctx, const TensorProto &tensor, llvm::StringRef baseDir,
    int64_t resourceThreshold, std::string &error) {
  auto type = tensorType(ctx, tensor, error);
  if (failed(type))
    return failure();
  std::vector<char> bytes;
  if (failed(tensorBytes(tensor, baseDir, bytes, error)))
    return failure();
  Type element = type->getElementType();
  if (element.isInteger(1)) {
    llvm::SmallVector<bool> values(bytes.begin(), bytes.end());
    return ElementsAttr(
        DenseElementsAttr::get(*type, llvm::ArrayRef<bool>(values)));
  }
  if (type->getNumElements() > resourceThreshold) {
    std::string name = tensor.name().empty() ? "tensor" : tensor.name();
    // Resource keys must be identifiers; the blob manager makes them unique.
    for (char &c : name)
      if (!llvm::isAlnum(c) && c != '_' && c != '.')
        c = '_';
    if (llvm::isDigit(name.front()))
      name = "t" + name;
    AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
        llvm::ArrayRef<char>(bytes.data(), bytes.size()), byteWidth(element));
    return ElementsAttr(DenseResourceElementsAttr::get(*type, name,
                                                       std::move(blob)));
  }
  return ElementsAttr(DenseElementsAttr::getFromRawBuffer(
      *type, llvm::ArrayRef<char>(bytes.data(), bytes.size())));
}

FailureOr<Literal> mlir::tessel::onnx_import::tensorToLiteral(
    MLIRContext *ctx, const TensorProto &tensor, llvm::StringRef baseDir,
    std::string &error) {
  auto attr = tensorToAttr(ctx, tensor, baseDir,
                           std::numeric_limits<int64_t>::max(), error);
  if (failed(attr))
    return failure();
  auto lit = Literal::fromAttr(cast<DenseElementsAttr>(*attr));
  if (!lit) {
    error = "tensor '" + tensor.name() + "' cannot be evaluated at import";
    return failure();
  }
  return *lit;
}

FailureOr<tessel::interp::Tensor> mlir::tessel::readTensorProto(llvm::StringRef path,
                                                        MLIRContext *ctx,
                                                        std::string &error) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file) {
    error = "cannot read '" + path.str() + "': " + file.getError().message();
    return failure();
  }
  return parseTensorProto((*file)->getBuffer(), path,
                          llvm::sys::path::parent_path(path), ctx, error);
}

FailureOr<tessel::interp::Tensor> mlir::tessel::parseTensorProto(
    llvm::StringRef buffer, llvm::StringRef name, llvm::StringRef baseDir,
    MLIRContext *ctx, std::string &error) {
  TensorProto tensor;
  // protobuf takes an int size: a larger buffer is no TensorProto it reads.
  if (buffer.size() > size_t(std::numeric_limits<int>::max()) ||
      !tensor.ParseFromArray(buffer.data(), static_cast<int>(buffer.size()))) {
    error = "'" + name.str() + "' is not an ONNX TensorProto";
    return failure();
  }
  auto type = tensorType(ctx, tensor, error);
  std::vector<char> bytes;
  if (failed(type) ||
      failed(onnx_import::tensorBytes(tensor, baseDir, bytes, error))) {
    error = name.str() + ": " + error;
    return failure();
  }
  tessel::interp::Tensor t(*type);
  // std::copy, not memcpy: an empty tensor has no buffer to pass.
  std::copy(bytes.begin(), bytes.end(), t.bytes().data());
  return t;
}
