//===- Npy.cpp - NumPy .npy files -----------------------------------------===//

#include "tessel/Support/Npy.h"
#include "tessel/Support/WholeFile.h"

#include "mlir/IR/Builders.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

#include <algorithm>

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
    unsigned width = it.getWidth();
    // NumPy has integers of 1, 2, 4 and 8 bytes only.
    if (width != 8 && width != 16 && width != 32 && width != 64)
      return "";
    unsigned bytes = width / 8;
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

namespace {
/// What an .npy header says: the tensor type and where its data starts.
struct NpyHeader {
  RankedTensorType type;
  size_t dataOffset = 0;
  uint64_t dataBytes = 0;
};
} // namespace

/// The bytes of the magic, version and header length fields, and of the
/// header after them, given at least the first 12 bytes of a file (fewer
/// if the file is shorter). 0 when the prefix is not an .npy file.
static size_t headerEnd(llvm::StringRef prefix, std::string &error) {
  if (!prefix.starts_with(kMagic) || prefix.size() < 10) {
    error = "not an .npy file (bad magic)";
    return 0;
  }
  unsigned major = static_cast<uint8_t>(prefix[6]);
  if (major == 1)
    return 10 + (static_cast<uint8_t>(prefix[8]) |
                 (static_cast<uint8_t>(prefix[9]) << 8));
  if ((major == 2 || major == 3) && prefix.size() >= 12) {
    size_t headerLen = 0;
    for (int i = 3; i >= 0; --i)
      headerLen = (headerLen << 8) | static_cast<uint8_t>(prefix[8 + i]);
    return 12 + headerLen;
  }
  error = "unsupported .npy version " + std::to_string(major);
  return 0;
}

/// Parses the header of `buffer`, which holds at least headerEnd() bytes.
static FailureOr<NpyHeader> parseHeader(llvm::StringRef buffer,
                                        MLIRContext *ctx, std::string &error) {
  size_t end = headerEnd(buffer, error);
  if (!end)
    return failure();
  if (end > buffer.size()) {
    error = "truncated .npy header";
    return failure();
  }
  size_t offset = static_cast<uint8_t>(buffer[6]) == 1 ? 10 : 12;
  llvm::StringRef header = buffer.slice(offset, end);
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
  // Every dimension and their product are bounded before anything is
  // allocated: 2^40 elements at most.
  constexpr int64_t kMaxElements = int64_t(1) << 40;
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<llvm::StringRef> parts;
  shapeText.split(parts, ',', -1, /*KeepEmpty=*/false);
  int64_t count = 1;
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.trim().getAsInteger(10, d) || d < 0 || d > kMaxElements) {
      error = "malformed .npy shape entry '" + p.trim().str() + "'";
      return failure();
    }
    shape.push_back(d);
    if (count != 0 && d > kMaxElements / count) {
      error = "the .npy shape has more than 2^40 elements";
      return failure();
    }
    count *= d;
  }
  NpyHeader h;
  h.type = RankedTensorType::get(shape, element);
  h.dataOffset = end;
  h.dataBytes = uint64_t(count) * uint64_t(interp::elementBytes(element));
  return h;
}

static std::string sizeMismatch(uint64_t have, bool more, uint64_t need) {
  return "the .npy data holds " + std::string(more ? "more than " : "") +
         std::to_string(have) + " bytes, its shape needs " +
         std::to_string(need);
}

FailureOr<interp::Tensor> mlir::tessel::parseNpy(llvm::StringRef buffer,
                                                 MLIRContext *ctx,
                                                 std::string &error) {
  auto h = parseHeader(buffer, ctx, error);
  if (failed(h))
    return failure();
  llvm::StringRef data = buffer.drop_front(h->dataOffset);
  if (data.size() != h->dataBytes) {
    error = sizeMismatch(data.size(), false, h->dataBytes);
    return failure();
  }
  interp::Tensor t(h->type);
  std::copy(data.begin(), data.end(), t.bytes().data());
  return t;
}

/// Reads up to `n` bytes of `fd` into `out`; the count read (short only at
/// the end of the file), or an error.
static llvm::Expected<size_t> readUpTo(llvm::sys::fs::file_t fd, char *out,
                                       size_t n) {
  size_t got = 0;
  while (got < n) {
    auto r = llvm::sys::fs::readNativeFile(
        fd, llvm::MutableArrayRef<char>(out + got, n - got));
    if (!r)
      return r.takeError();
    if (*r == 0)
      break;
    got += *r;
  }
  return got;
}

FailureOr<interp::Tensor> mlir::tessel::readNpy(llvm::StringRef path,
                                                MLIRContext *ctx,
                                                std::string &error) {
  // Read only what the header says the file holds (plus one byte to see
  // that nothing follows), so a device or a huge file is never slurped.
  auto fail = [&](const std::string &message) {
    error = path.str() + ": " + message;
    return failure();
  };
  auto fd = llvm::sys::fs::openNativeFileForRead(path);
  if (!fd) {
    error = "cannot read '" + path.str() +
            "': " + llvm::toString(fd.takeError());
    return failure();
  }
  llvm::scope_exit close([&] { llvm::sys::fs::closeFile(*fd); });
  std::string prefix(12, '\0');
  auto got = readUpTo(*fd, prefix.data(), prefix.size());
  if (!got)
    return fail(llvm::toString(got.takeError()));
  prefix.resize(*got);
  std::string message;
  size_t end = headerEnd(prefix, message);
  if (!end)
    return fail(message);
  if (end > prefix.size()) {
    size_t have = prefix.size();
    prefix.resize(end);
    auto more = readUpTo(*fd, prefix.data() + have, end - have);
    if (!more)
      return fail(llvm::toString(more.takeError()));
    prefix.resize(have + *more);
  }
  auto h = parseHeader(prefix, ctx, message);
  if (failed(h))
    return fail(message);
  // A regular file's size is known: refuse a short one before allocating.
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(*fd, status) &&
      status.type() == llvm::sys::fs::file_type::regular_file &&
      status.getSize() != h->dataOffset + h->dataBytes)
    return fail(sizeMismatch(
        status.getSize() - std::min<uint64_t>(status.getSize(), h->dataOffset),
        false, h->dataBytes));
  // Otherwise the data grows with what arrives, never past what the header
  // says, plus one byte to see that nothing follows.
  std::vector<char> data(prefix.begin() + std::min(prefix.size(),
                                                   h->dataOffset),
                         prefix.end());
  constexpr uint64_t kChunk = uint64_t(64) << 20;
  while (data.size() <= h->dataBytes) {
    size_t have = data.size();
    size_t want = size_t(std::min<uint64_t>(kChunk, h->dataBytes + 1 - have));
    data.resize(have + want);
    auto got = readUpTo(*fd, data.data() + have, want);
    if (!got)
      return fail(llvm::toString(got.takeError()));
    data.resize(have + *got);
    if (*got < want)
      break;
  }
  if (data.size() != h->dataBytes)
    return fail(sizeMismatch(std::min<uint64_t>(data.size(), h->dataBytes),
                             data.size() > h->dataBytes, h->dataBytes));
  return interp::Tensor::fromBytes(h->type, std::move(data));
}

FailureOr<std::string> mlir::tessel::toNpy(const interp::Tensor &tensor,
                                           std::string &error) {
  std::string descr = descrOfType(tensor.getElementType());
  if (descr.empty()) {
    std::string type;
    llvm::raw_string_ostream(type) << tensor.getElementType();
    error = "no .npy dtype for element type " + type;
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
  return writeWholeFile(path, *data, error);
}
