//===- GemminiArithmetic.h - the array's integer arithmetic -----*- C++ -*-===//
//
// The scalar rules of Gemmini's datapath (libgemmini's gemmini.cc and
// gemmini_params.h), written once: the simulator executes instructions with
// them and the tile dialect's reference semantics are defined by them, so
// a layer and the program it lowers to agree by construction of the rules
// and by test of everything else.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIARITHMETIC_H
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIARITHMETIC_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace mlir::tessel::gemmini {

inline int8_t saturateInt8(int64_t v) {
  return int8_t(std::min<int64_t>(127, std::max<int64_t>(-128, v)));
}

/// Float multiply, round half to even, saturate to int8: the scalers of
/// mvin and of the accumulator's store path. A NaN product stores 0.
inline int8_t scaleToInt8(int64_t x, float scale) {
  float y = std::nearbyint(float(x) * scale);
  if (std::isnan(y))
    return 0;
  return saturateInt8(int64_t(std::max(-1e10f, std::min(1e10f, y))));
}

/// The store path: scale, then ReLU when asked.
inline int8_t storeInt8(int64_t acc, float scale, bool relu) {
  int8_t x = scaleToInt8(acc, scale);
  return relu && x < 0 ? int8_t(0) : x;
}

/// x >> shift, rounding half to even (ROUNDING_RIGHT_SHIFT).
inline int64_t roundingShift(int64_t x, uint32_t shift) {
  if (shift == 0)
    return x;
  if (shift >= 63)
    return 0;
  int64_t q = x >> shift;
  int64_t rem = x & ((int64_t(1) << shift) - 1);
  int64_t half = int64_t(1) << (shift - 1);
  if (rem > half || (rem == half && (q & 1)))
    ++q;
  return q;
}

/// The int32 accumulator's two's-complement wrap-around.
inline int32_t wrapInt32(int64_t v) { return int32_t(uint32_t(uint64_t(v))); }

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIARITHMETIC_H
