//===- FastMath.h - vectorizable float32 exp and erf ------------*- C++ -*-===//
//
// Branch-free float32 approximations the compiler vectorizes in a loop
// (libm's expf and erff are calls it cannot), for the float fast paths of
// softmax, erf and gelu. exp is within 1e-7 relative error of the exact
// value and erf within 5e-7 absolute (checked against libm in unittests),
// far inside ONNX's conformance tolerances; the double kernels stay the
// definition for other types.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_DIALECT_NN_INTERPRETER_FASTMATH_H
#define TESSEL_LIB_DIALECT_NN_INTERPRETER_FASTMATH_H

#include <cstdint>
#include <cstring>
#include <limits>

namespace mlir::tessel::nn {

/// exp(x): x = n ln2 + r with |r| <= ln2/2, Cephes' degree-6 polynomial for
/// exp(r), 2^n from the exponent bits. Results below 2^-125 (x < -86.64)
/// flush to 0, those above FLT_MAX are infinite.
inline float fastExp(float x) {
  constexpr float lo = -86.64f, hi = 88.72283935546875f;
  // Clamped so that NaN becomes lo too: 2^n below is then defined.
  float xc = x > lo ? x : lo;
  xc = xc < hi ? xc : hi;
  // Round to nearest by the 1.5 * 2^23 trick (no libm call).
  float n = (xc * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = xc - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  float e = p * r * r + r + 1.0f;
  // 2^(n-1) times 2: n reaches 128 just below FLT_MAX's logarithm.
  int32_t bits = (static_cast<int32_t>(n) + 126) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  float y = e * scale * 2.0f;
  y = x < lo ? 0.0f : y;
  y = x > hi ? std::numeric_limits<float>::infinity() : y;
  return x != x ? x : y;
}

/// erf(x): the odd rational approximation of Eigen and XLA on [-4, 4]
/// (erf is 1 to float precision beyond).
inline float fastErf(float x) {
  float xc = x < -4.0f ? -4.0f : (x > 4.0f ? 4.0f : x);
  float x2 = xc * xc;
  float p = -2.72614225801306e-10f;
  p = p * x2 + 2.77068142495902e-08f;
  p = p * x2 + -2.10102402082508e-06f;
  p = p * x2 + -5.69250639462346e-05f;
  p = p * x2 + -7.34990630326855e-04f;
  p = p * x2 + -2.95459980854025e-03f;
  p = p * x2 + -1.60960333262415e-02f;
  p = p * xc;
  float q = -1.45660718464996e-05f;
  q = q * x2 + -2.13374055278905e-04f;
  q = q * x2 + -1.68282697438203e-03f;
  q = q * x2 + -7.37332916720468e-03f;
  q = q * x2 + -1.42647390514189e-02f;
  // NaN passes the clamp and stays NaN.
  return p / q;
}

/// y[i] = fastErf(x[i]) for i < n (`y` may be `x`), vectorized for the
/// machine's widest vectors (FastMath.cpp).
void erfF32(const float *x, float *y, int64_t n);
/// y[i] = fastExp(x[i] - shift) for i < n, and their sum in double (in a
/// fixed order), vectorized likewise.
double expShiftedF32(const float *x, float *y, int64_t n, float shift);

} // namespace mlir::tessel::nn

#endif // TESSEL_LIB_DIALECT_NN_INTERPRETER_FASTMATH_H
