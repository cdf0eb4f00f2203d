//===- BlockFormats.cpp - OCP MX and block floating point -----------------===//

#include "tessel/Quant/BlockFormats.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::tessel::quant;

namespace {

/// floor(log2(x)) for finite x > 0, exactly.
int floorLog2(double x) {
  int e;
  std::frexp(x, &e);
  return e - 1;
}

/// The block's largest magnitude, or NaN when it holds Inf or NaN.
double blockMax(const float *x, size_t n) {
  double m = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]))
      return NAN;
    m = std::max(m, double(std::fabs(x[i])));
  }
  return m;
}

} // namespace

std::string MxFormat::name() const {
  switch (element) {
  case MxElement::Int8:
    return "mxint8";
  case MxElement::E4M3:
    return "mxfp8_e4m3";
  case MxElement::E5M2:
    return "mxfp8_e5m2";
  case MxElement::E3M2:
    return "mxfp6_e3m2";
  case MxElement::E2M3:
    return "mxfp6_e2m3";
  case MxElement::E2M1:
    return "mxfp4_e2m1";
  }
  return "?";
}

std::optional<MxElement> MxFormat::parseElement(const std::string &name) {
  for (MxElement e : {MxElement::Int8, MxElement::E4M3, MxElement::E5M2,
                      MxElement::E3M2, MxElement::E2M3, MxElement::E2M1})
    if (MxFormat{e}.name() == name)
      return e;
  return std::nullopt;
}

const ScalarFormat &MxFormat::elementFormat() const {
  using S = ScalarFormat::Specials;
  static const ScalarFormat int8 = ScalarFormat::integer(8, true, true, 6),
                            e4m3 = ScalarFormat::minifloat(4, 3, 7, S::E4M3),
                            e5m2 = ScalarFormat::minifloat(5, 2, 15, S::IEEE),
                            e3m2 = ScalarFormat::minifloat(3, 2, 3, S::None),
                            e2m3 = ScalarFormat::minifloat(2, 3, 1, S::None),
                            e2m1 = ScalarFormat::minifloat(2, 1, 1, S::None);
  switch (element) {
  case MxElement::Int8:
    return int8;
  case MxElement::E4M3:
    return e4m3;
  case MxElement::E5M2:
    return e5m2;
  case MxElement::E3M2:
    return e3m2;
  case MxElement::E2M3:
    return e2m3;
  case MxElement::E2M1:
    return e2m1;
  }
  return e4m3;
}

int MxFormat::emax() const {
  switch (element) {
  case MxElement::Int8:
    return 0;
  case MxElement::E4M3:
    return 8;
  case MxElement::E5M2:
    return 15;
  case MxElement::E3M2:
    return 4;
  case MxElement::E2M3:
  case MxElement::E2M1:
    return 2;
  }
  return 0;
}

double mlir::tessel::quant::e8m0Value(uint8_t byte) {
  return byte == kMxNaNScale ? NAN : std::ldexp(1.0, int(byte) - 127);
}

void mlir::tessel::quant::mxEncode(const MxFormat &format, const float *x, size_t n,
                             uint8_t *scales, uint8_t *codes) {
  const ScalarFormat &elem = format.elementFormat();
  for (size_t start = 0, b = 0; start < n; start += format.blockSize, ++b) {
    size_t len = std::min<size_t>(format.blockSize, n - start);
    double amax = blockMax(x + start, len);
    if (std::isnan(amax)) {
      scales[b] = kMxNaNScale;
      std::fill(codes + start, codes + start + len, 0);
      continue;
    }
    // An all-zero block takes FP32's smallest normal as its maximum.
    if (amax == 0)
      amax = std::numeric_limits<float>::min();
    int se = std::max(floorLog2(amax) - format.emax(), -127);
    scales[b] = uint8_t(se + 127);
    for (size_t i = start; i < start + len; ++i)
      codes[i] = uint8_t(elem.encode(std::ldexp(double(x[i]), -se),
                                     format.rounding));
  }
}

void mlir::tessel::quant::mxDecode(const MxFormat &format, const uint8_t *scales,
                             const uint8_t *codes, size_t n, float *y) {
  const ScalarFormat &elem = format.elementFormat();
  for (size_t i = 0; i < n; ++i) {
    uint8_t s = scales[i / format.blockSize];
    y[i] = s == kMxNaNScale
               ? NAN
               : float(std::ldexp(elem.decode(codes[i]), int(s) - 127));
  }
}

std::string BfpFormat::name() const {
  return "bfp" + std::to_string(mantissaBits) + "_" +
         std::to_string(blockSize);
}

ScalarFormat BfpFormat::mantissaFormat() const {
  return ScalarFormat::integer(mantissaBits, true, true);
}

void mlir::tessel::quant::bfpEncode(const BfpFormat &format, const float *x,
                              size_t n, uint8_t *exponents, uint8_t *codes) {
  ScalarFormat mant = format.mantissaFormat();
  for (size_t start = 0, b = 0; start < n; start += format.blockSize, ++b) {
    size_t len = std::min<size_t>(format.blockSize, n - start);
    double amax = blockMax(x + start, len);
    if (std::isnan(amax)) {
      exponents[b] = 0xFF;
      std::fill(codes + start, codes + start + len, 0);
      continue;
    }
    int e = amax == 0 ? 0 : std::max(floorLog2(amax), -127);
    exponents[b] = uint8_t(e + 127);
    // step = 2^(e + 2 - p): the largest magnitude lands in [2^(p-2), 2^(p-1)).
    int stepExp = e + 2 - int(format.mantissaBits);
    for (size_t i = start; i < start + len; ++i)
      codes[i] = uint8_t(mant.encode(std::ldexp(double(x[i]), -stepExp),
                                     format.rounding));
  }
}

void mlir::tessel::quant::bfpDecode(const BfpFormat &format,
                              const uint8_t *exponents, const uint8_t *codes,
                              size_t n, float *y) {
  ScalarFormat mant = format.mantissaFormat();
  for (size_t i = 0; i < n; ++i) {
    uint8_t e = exponents[i / format.blockSize];
    y[i] = e == 0xFF ? NAN
                     : float(std::ldexp(mant.decode(codes[i]),
                                        int(e) - 127 + 2 -
                                            int(format.mantissaBits)));
  }
}
