//===- ByteReader.h - bounds-checked reads of little-endian files -*- C++ -*-===//
//
// Plain C++, shared by the readers of tessel's binary files (Gemmini program
// files, packed tensors). Every read checks the remaining length; the first
// short read records an error naming what was being read and where, and
// later reads return zeros.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_SUPPORT_BYTEREADER_H
#define TESSEL_SUPPORT_BYTEREADER_H

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mlir::tessel {

class ByteReader {
public:
  /// `kind` names the file in errors ("program file").
  ByteReader(std::string_view data, size_t pos, std::string kind)
      : data(data), pos(pos), kind(std::move(kind)) {}

  bool need(uint64_t n, const char *what) {
    // After the first short read nothing more is read: a count read then is
    // 0, never bytes from where the short read stopped.
    if (error.empty() && data.size() - pos >= n)
      return true;
    if (error.empty())
      error = "truncated " + kind + " (reading " + what + " at byte " +
              std::to_string(pos) + ")";
    return false;
  }
  /// An unsigned little-endian integer of `bytes` bytes.
  uint64_t getUnsigned(unsigned bytes, const char *what) {
    if (!need(bytes, what))
      return 0;
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; ++i)
      v |= uint64_t(uint8_t(data[pos + i])) << (8 * i);
    pos += bytes;
    return v;
  }
  double getDouble(const char *what) {
    uint64_t bits = getUnsigned(8, what);
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  /// A u32 length, then that many bytes.
  std::string getString(const char *what) {
    uint64_t n = getUnsigned(4, what);
    if (!need(n, what))
      return {};
    std::string s(data.substr(pos, n));
    pos += n;
    return s;
  }
  /// `n` raw bytes.
  std::string_view getBytes(uint64_t n, const char *what) {
    if (!need(n, what))
      return {};
    std::string_view s = data.substr(pos, n);
    pos += n;
    return s;
  }

  std::string_view data;
  size_t pos;
  std::string kind, error;
};

} // namespace mlir::tessel

#endif // TESSEL_SUPPORT_BYTEREADER_H
