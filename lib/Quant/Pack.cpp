//===- Pack.cpp - packed storage of narrow codes --------------------------===//

#include "tessel/Quant/Pack.h"

using namespace mlir::tessel::quant;

std::vector<uint8_t> mlir::tessel::quant::packCodes(unsigned bits,
                                              const uint8_t *codes, size_t n) {
  std::vector<uint8_t> out(packedBytes(bits, n), 0);
  if (bits == 8) {
    out.assign(codes, codes + n);
    return out;
  }
  size_t bit = 0;
  for (size_t i = 0; i < n; ++i)
    for (int b = int(bits) - 1; b >= 0; --b, ++bit)
      if ((codes[i] >> b) & 1)
        out[bit / 8] |= uint8_t(0x80 >> (bit % 8));
  return out;
}

void mlir::tessel::quant::unpackCodes(unsigned bits, const uint8_t *bytes, size_t n,
                                uint8_t *codes) {
  if (bits == 8) {
    for (size_t i = 0; i < n; ++i)
      codes[i] = bytes[i];
    return;
  }
  size_t bit = 0;
  for (size_t i = 0; i < n; ++i) {
    uint8_t c = 0;
    for (unsigned b = 0; b < bits; ++b, ++bit)
      c = uint8_t((c << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1));
    codes[i] = c;
  }
}
