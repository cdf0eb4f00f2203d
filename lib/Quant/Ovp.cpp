//===- Ovp.cpp - OliVe's outlier-victim pairs -----------------------------===//

#include "tessel/Quant/Ovp.h"

#include <cmath>

using namespace mlir::tessel::quant;

std::optional<OvpFormat> OvpFormat::get(Normal normal, unsigned bits) {
  if (bits != 4 && bits != 8)
    return std::nullopt;
  unsigned magBits = bits - 1;
  std::string suffix = std::to_string(bits);
  // Normal grids, all with the outlier threshold at 32 units: int4 is 4k
  // (k <= 7), int8 is k/4 (k <= 127); flint is the magnitude flint scaled
  // so that its maximum is 32.
  ScalarFormat::MagnitudeFn mag;
  int fracBits = 0;
  if (normal == Normal::Int) {
    int shift = bits == 4 ? 2 : 0;
    fracBits = bits == 4 ? 0 : 2;
    mag = [=](uint32_t k) -> std::pair<double, IntShift> {
      return {std::ldexp(double(k), shift - fracBits),
              {int32_t(k), int32_t(shift)}};
    };
  } else {
    ScalarFormat flint = ScalarFormat::flint(magBits, false);
    // The flint's maximum is 2^(magBits-1); scale it to 32 = 2^5.
    int up = 5 - int(magBits - 1);
    fracBits = flint.fracBits() - up;
    mag = [=](uint32_t c) -> std::pair<double, IntShift> {
      return {std::ldexp(flint.decode(c), up), flint.decodeIntShift(c)};
    };
  }
  ScalarFormat normalFormat = ScalarFormat::fromMagnitudes(
      std::string(normal == Normal::Int ? "int" : "flint") + suffix, bits,
      fracBits, Rounding::TiesUp, mag);
  // abfloat: (1 + m/2^mb) * 2^(e+5), the magnitude code 0 unused.
  unsigned mb = bits - 3;
  ScalarFormat outlierFormat = ScalarFormat::fromMagnitudes(
      "abfloat" + suffix, bits, int(mb) - 5, Rounding::TiesUp,
      [=](uint32_t c) -> std::pair<double, IntShift> {
        if (c == 0)
          return {NAN, {0, 0}};
        uint32_t e = c >> mb, m = c & ((1u << mb) - 1);
        int32_t mant = int32_t((1u << mb) | m);
        return {std::ldexp(double(mant), int(e) + 5 - int(mb)),
                {mant, int32_t(e)}};
      });
  return OvpFormat(normal, std::move(normalFormat), std::move(outlierFormat));
}

std::string OvpFormat::name() const {
  return std::string("ovp") + (kind == Normal::Int ? "int" : "flint") +
         std::to_string(bits());
}

void OvpFormat::encode(const double *u, size_t n, uint8_t *codes) const {
  // Per element: the nearest value of either type.
  struct Pick {
    uint32_t code;
    bool outlier;
  };
  auto pick = [&](double x) -> Pick {
    if (std::isnan(x))
      x = 0;
    uint32_t nc = normalFormat.encode(x), oc = outlierFormat.encode(x);
    double dn = std::fabs(x - normalFormat.decode(nc)),
           dout = std::fabs(x - outlierFormat.decode(oc));
    return dout <= dn ? Pick{oc, true} : Pick{nc, false};
  };
  uint32_t id = identifier();
  for (size_t i = 0; i < n; i += 2) {
    Pick even = pick(u[i]);
    if (i + 1 == n) {
      // A lone last value has no slot for an identifier: normal only.
      codes[i] = uint8_t(even.outlier ? normalFormat.encode(u[i]) : even.code);
      break;
    }
    Pick odd = pick(u[i + 1]);
    if (even.outlier)
      odd = {id, false};
    else if (odd.outlier)
      even = {id, false};
    codes[i] = uint8_t(even.code);
    codes[i + 1] = uint8_t(odd.code);
  }
}

void OvpFormat::decode(const uint8_t *codes, size_t n, double *u) const {
  uint32_t id = identifier();
  for (size_t i = 0; i < n; i += 2) {
    uint32_t even = codes[i], odd = i + 1 < n ? codes[i + 1] : 0;
    double a, b;
    if (even == id) {
      a = 0;
      b = outlierFormat.decode(odd);
    } else if (odd == id) {
      a = outlierFormat.decode(even);
      b = 0;
    } else {
      a = normalFormat.decode(even);
      b = normalFormat.decode(odd);
    }
    // Two identifiers (never written by encode) read as zeros.
    u[i] = std::isnan(a) ? 0 : a;
    if (i + 1 < n)
      u[i + 1] = std::isnan(b) ? 0 : b;
  }
}
