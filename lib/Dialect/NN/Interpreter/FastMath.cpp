//===- FastMath.cpp - float32 exp and erf over arrays, per ISA ------------===//
//
// The array forms of FastMath.h's approximations, each built for AVX-512,
// AVX2 and baseline x86-64 and picked when the library loads (the loops are
// compute-bound: AVX-512 takes four times the elements of baseline SSE2 per
// instruction). This file compiles without floating-point contraction, so
// every build computes the same operations and gives the same bits; sums
// keep a fixed order of 16 lanes for the same reason.
//
//===----------------------------------------------------------------------===//

#include "FastMath.h"

using namespace mlir::tessel;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TESSEL_ISA_CLONES                                                      \
  __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TESSEL_ISA_CLONES
#endif

TESSEL_ISA_CLONES
void nn::erfF32(const float *x, float *y, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = fastErf(x[i]);
}

TESSEL_ISA_CLONES
double nn::expShiftedF32(const float *x, float *y, int64_t n, float shift) {
  constexpr int L = 16;
  double lanes[L] = {};
  int64_t k = 0;
  for (; k + L <= n; k += L)
    for (int l = 0; l < L; ++l) {
      float e = fastExp(x[k + l] - shift);
      y[k + l] = e;
      lanes[l] += e;
    }
  double sum = 0;
  for (int l = 0; l < L; ++l)
    sum += lanes[l];
  for (; k < n; ++k) {
    y[k] = fastExp(x[k] - shift);
    sum += y[k];
  }
  return sum;
}
