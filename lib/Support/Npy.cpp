//===- Npy.cpp - NumPy .npy files -----------------------------------------===//

#include "tessel/Support/Npy.h"

#include "mlir/IR/Builders.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::tessel;

static constexpr llvm::StringLiteral kMagic("\x93NUMPY");

/// The MLIR element type of a NumPy dtype string such as "<f4".
static Type typeOfDescr(llvm::StringRef descr, MLIRContext *ctx) {
  if (descr.size() < 3 || (descr[0] != '<' && descr[0] != '|'))
    return {};
  char kind = descr[1];
  unsigned bytes;
  if (descr.drop_front(2).getAsInteger(10, bytes))
    return {};
  Builder b(ctx);
  switch (kind) {
  case 'f':
    return bytes == 2 ? b.getF16Type() : bytes == 4 ? b.getF32Type()
         : bytes == 8 ? b.getF64Type() : Type();
  case 'i':
    return bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8
               ? b.getIntegerType(bytes * 8) : Type();
  case 'u':
    return bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8
               ? b.getIntegerType(bytes * 8, false) : Type();
  case 'b':
    return bytes == 1 ? b.getI1Type() : Type();
  default:
    return {};
  }
}

static std::string descrOfType(Type t) {
  if (t.isF16())
    return "<f2";
  if (t.isF32())
    return "<f4";
  if (t.isF64())
    return "<f8";
  if (t.isInteger(1))
    return "|b1";
  if (auto it = dyn_cast<IntegerType>(t)) {
    unsigned bytes = it.getWidth() / 8;
    return std::string(bytes == 1 ? "|" : "<") + (it.isUnsigned() ? "u" : "i") +
           std::to_string(bytes);
  }
  return "";
}

/// The value of `key` in the header dict, e.g. "'<f4'" or "(1, 3)".
static llvm::StringRef dictValue(llvm::StringRef header, llvm::StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == llvm::StringRef::npos)
    return {};
  llvm::StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return {};
  rest = rest.ltrim();
  char close = rest.starts_with("(") ? ')' : rest.starts_with("'") ? '\'' : ',';
  size_t end = rest.find(close, close == ',' ? 0 : 1);
  if (end == llvm::StringRef::npos)
    return {};
  return rest.take_front(close == ',' ? end : end + 1).trim();
}

FailureOr<interp::Tensor> mlir::tessel::parseNpy(llvm::StringRef buffer,
                                                 MLIRContext *ctx,
                                                 std::string &error) {
  if (!buffer.starts_with(kMagic) || buffer.size() < 10) {
    error = "not an .npy file (bad magic)";
    return failure();
  }
  unsigned major = static_cast<uint8_t>(buffer[6]);
  size_t headerLen, offset;
  if (major == 1) {
    headerLen = static_cast<uint8_t>(buffer[8]) |
                (static_cast<uint8_t>(buffer[9]) << 8);
    offset = 10;
  } else if ((major == 2 || major == 3) && buffer.size() >= 12) {
    headerLen = 0;
    for (int i = 3; i >= 0; --i)
      headerLen = (headerLen << 8) | static_cast<uint8_t>(buffer[8 + i]);
    offset = 12;
  } else {
    error = "unsupported .npy version " + std::to_string(major);
    return failure();
  }
  if (offset + headerLen > buffer.size()) {
    error = "truncated .npy header";
    return failure();
  }
  llvm::StringRef header = buffer.substr(offset, headerLen);
  llvm::StringRef descr = dictValue(header, "descr").trim("'");
  llvm::StringRef fortran = dictValue(header, "fortran_order");
  llvm::StringRef shapeText = dictValue(header, "shape");
  Type element = typeOfDescr(descr, ctx);
  if (!element) {
    error = "unsupported .npy dtype '" + descr.str() + "'";
    return failure();
  }
  if (fortran != "False") {
    error = "Fortran-ordered .npy arrays are not supported";
    return failure();
  }
  if (!shapeText.consume_front("(") || !shapeText.consume_back(")")) {
    error = "malformed .npy shape";
    return failure();
  }
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<llvm::StringRef> parts;
  shapeText.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.trim().getAsInteger(10, d) || d < 0 || d > (int64_t(1) << 40)) {
      error = "malformed .npy shape entry '" + p.trim().str() + "'";
      return failure();
    }
    shape.push_back(d);
  }
  auto type = RankedTensorType::get(shape, element);
  llvm::StringRef data = buffer.drop_front(offset + headerLen);
  size_t need = type.getNumElements() * interp::elementBytes(element);
  if (data.size() != need) {
    error = "the .npy data holds " + std::to_string(data.size()) +
            " bytes, its shape needs " + std::to_string(need);
    return failure();
  }
  interp::Tensor t(type);
  std::memcpy(t.bytes().data(), data.data(), need);
  return t;
}

FailureOr<interp::Tensor> mlir::tessel::readNpy(llvm::StringRef path,
                                                MLIRContext *ctx,
                                                std::string &error) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file) {
    error = "cannot read '" + path.str() + "': " + file.getError().message();
    return failure();
  }
  auto t = parseNpy((*file)->getBuffer(), ctx, error);
  if (failed(t))
    error = path.str() + ": " + error;
  return t;
}

FailureOr<std::string> mlir::tessel::toNpy(const interp::Tensor &tensor,
                                           std::string &error) {
  std::string descr = descrOfType(tensor.getElementType());
  if (descr.empty()) {
    error = "no .npy dtype for element type";
    return failure();
  }
  std::string shape = "(";
  for (int64_t d : tensor.getShape())
    shape += std::to_string(d) + ", ";
  if (tensor.getRank() > 1)
    shape.resize(shape.size() - 2);
  else if (tensor.getRank() == 1)
    shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad so the data starts at a multiple of 64, header ends with '\n'.
  size_t total = kMagic.size() + 4 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(tensor.bytes().data(), tensor.bytes().size());
  return out;
}

LogicalResult mlir::tessel::writeNpy(llvm::StringRef path,
                                     const interp::Tensor &tensor,
                                     std::string &error) {
  auto data = toNpy(tensor, error);
  if (failed(data))
    return failure();
  auto file = openOutputFile(path, &error);
  if (!file)
    return failure();
  file->os() << *data;
  file->os().flush();
  if (file->os().has_error()) {
    error = "cannot write '" + path.str() + "'";
    file->os().clear_error();
    return failure();
  }
  file->keep();
  return success();
}
