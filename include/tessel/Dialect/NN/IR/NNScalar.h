//===- NNScalar.h - scalar semantics of nn elementwise ops ------*- C++ -*-===//
//
// The per-element rules that both the reference kernels and the ONNX
// importer's constant folding apply, written once. Values are doubles;
// `isInt` tells that the element type is an integer.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_NN_IR_NNSCALAR_H
#define TESSEL_DIALECT_NN_IR_NNSCALAR_H

#include <cmath>

namespace mlir::tessel::nn::scalar {

/// ONNX Div: integers truncate toward zero (0 for a zero divisor).
inline double div(double a, double b, bool isInt) {
  if (!isInt)
    return a / b;
  return b == 0 ? 0.0 : std::trunc(a / b);
}

/// ONNX Mod: the remainder with the sign of the divisor (`fmod = false`,
/// Python's %) or of the dividend (`fmod = true`, C's fmod). An integer
/// zero divisor gives 0, as numpy's reference does.
inline double mod(double a, double b, bool fmod, bool isInt) {
  if (isInt && b == 0)
    return 0.0;
  double r = std::fmod(a, b);
  if (!fmod && r != 0 && ((r < 0) != (b < 0)))
    r += b;
  return r;
}

} // namespace mlir::tessel::nn::scalar

#endif // TESSEL_DIALECT_NN_IR_NNSCALAR_H
