//===- Pack.h - packed storage of narrow codes ------------------*- C++ -*-===//
//
// Codes of `bits` (1..8) are packed as one big-endian bit stream: the first
// code takes the most significant bits of the first byte. Two 4-bit codes
// per byte therefore put element 2k in the high nibble and 2k+1 in the low
// one (the order OliVe writes its pairs in); 6-bit codes pack four to three
// bytes. The last byte is padded with zero bits.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_QUANT_PACK_H
#define TESSEL_QUANT_PACK_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mlir::tessel::quant {

inline size_t packedBytes(unsigned bits, size_t n) {
  return (bits * n + 7) / 8;
}

std::vector<uint8_t> packCodes(unsigned bits, const uint8_t *codes, size_t n);
/// Reads n codes; `bytes` must hold packedBytes(bits, n).
void unpackCodes(unsigned bits, const uint8_t *bytes, size_t n,
                 uint8_t *codes);

} // namespace mlir::tessel::quant

#endif // TESSEL_QUANT_PACK_H
