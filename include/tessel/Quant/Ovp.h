//===- Ovp.h - OliVe's outlier-victim pairs ---------------------*- C++ -*-===//
//
// Values are taken in adjacent pairs (2k, 2k+1) of the flattened tensor. A
// pair holds two normal values, or one outlier and a victim: the victim's
// slot holds the identifier code (1000, or 0x80 for 8 bits) and decodes to
// 0, and the other slot is read in the outlier type ("abfloat": sign, 2
// exponent bits with bias 5, bits-3 mantissa bits). Values are in units;
// real values are units times the tensor's scale. docs/number-formats.md
// has the grids.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_QUANT_OVP_H
#define TESSEL_QUANT_OVP_H

#include "tessel/Quant/ScalarFormat.h"

#include <cstddef>
#include <optional>

namespace mlir::tessel::quant {

class OvpFormat {
public:
  enum class Normal { Int, Flint };
  /// bits is 4 or 8.
  static std::optional<OvpFormat> get(Normal normal, unsigned bits);

  Normal normalKind() const { return kind; }
  unsigned bits() const { return normalFormat.bits(); }
  /// ovp<int|flint><bits>, e.g. ovpint4.
  std::string name() const;
  /// The normal and outlier types on their own.
  const ScalarFormat &normal() const { return normalFormat; }
  const ScalarFormat &outlier() const { return outlierFormat; }
  uint32_t identifier() const { return 1u << (bits() - 1); }

  /// Encodes n values (units), one code per element, with OliVe's rules:
  /// nearest over normal and outlier values (ties within a type go up, a
  /// normal/outlier tie goes to the outlier); an outlier in the even slot
  /// makes the odd one its victim, else an outlier in the odd slot makes the
  /// even one its victim. With an odd n the last value has no partner and
  /// takes the normal type only.
  void encode(const double *u, size_t n, uint8_t *codes) const;
  void decode(const uint8_t *codes, size_t n, double *u) const;

private:
  OvpFormat(Normal kind, ScalarFormat normal, ScalarFormat outlier)
      : kind(kind), normalFormat(std::move(normal)),
        outlierFormat(std::move(outlier)) {}

  Normal kind;
  ScalarFormat normalFormat, outlierFormat;
};

} // namespace mlir::tessel::quant

#endif // TESSEL_QUANT_OVP_H
