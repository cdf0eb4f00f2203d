//===- BlockFormats.h - OCP MX and block floating point ---------*- C++ -*-===//
//
// Formats whose elements share one 8-bit exponent per block of consecutive
// values: OCP MX (microxcaling's algorithm, E8M0 scales) and d-Matrix's
// block floating point. Blocks run along the given array; the last block
// may be short. Codes are one element per byte here; pack.h packs them.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_QUANT_BLOCKFORMATS_H
#define TESSEL_QUANT_BLOCKFORMATS_H

#include "tessel/Quant/ScalarFormat.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace mlir::tessel::quant {

enum class MxElement { Int8, E4M3, E5M2, E3M2, E2M3, E2M1 };

struct MxFormat {
  MxElement element = MxElement::E4M3;
  unsigned blockSize = 32;
  /// microxcaling's default: ties away from zero.
  Rounding rounding = Rounding::TiesAway;

  /// mxint8, mxfp8_e4m3, mxfp8_e5m2, mxfp6_e3m2, mxfp6_e2m3, mxfp4_e2m1.
  std::string name() const;
  static std::optional<MxElement> parseElement(const std::string &name);
  const ScalarFormat &elementFormat() const;
  /// The exponent of the element type's largest power of two (emax_elem).
  int emax() const;
};

/// The E8M0 byte of a NaN block, and the scale a byte stands for.
constexpr uint8_t kMxNaNScale = 0xFF;
double e8m0Value(uint8_t byte);

/// Encodes n values: one scale byte per block, one code per element. A
/// block holding Inf or NaN becomes a NaN block (scale 0xFF, codes 0).
void mxEncode(const MxFormat &format, const float *x, size_t n,
              uint8_t *scales, uint8_t *codes);
void mxDecode(const MxFormat &format, const uint8_t *scales,
              const uint8_t *codes, size_t n, float *y);

struct BfpFormat {
  /// p: sign plus p-1 magnitude bits, two's complement with the most
  /// negative code unused.
  unsigned mantissaBits = 8;
  unsigned blockSize = 64;
  /// d-Matrix's rule: round half to even.
  Rounding rounding = Rounding::TiesEven;

  /// bfp<p>_<block>, e.g. bfp8_64 (d-Matrix's BFP16).
  std::string name() const;
  ScalarFormat mantissaFormat() const;
};

/// The shared exponent byte is e + 127, e the FP32 exponent of the block's
/// largest magnitude (0 for an all-zero block); 0xFF marks a block holding
/// Inf or NaN, which decodes to NaN.
void bfpEncode(const BfpFormat &format, const float *x, size_t n,
               uint8_t *exponents, uint8_t *codes);
void bfpDecode(const BfpFormat &format, const uint8_t *exponents,
               const uint8_t *codes, size_t n, float *y);

} // namespace mlir::tessel::quant

#endif // TESSEL_QUANT_BLOCKFORMATS_H
