//===- QTInterpreter.h - reference semantics of qt ops ----------*- C++ -*-===//
#ifndef TESSEL_DIALECT_QT_INTERPRETER_QTINTERPRETER_H
#define TESSEL_DIALECT_QT_INTERPRETER_QTINTERPRETER_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel::qt {
/// Attaches EvaluateOpInterface to qt.quantize, dequantize and requantize.
/// A quantized tensor's runtime value is its packed encoding (the codes at
/// their bit width with their scales or block exponents, the layout of
/// tessel-quant's packed files).
void registerInterpreterExternalModels(DialectRegistry &registry);
} // namespace mlir::tessel::qt

#endif // TESSEL_DIALECT_QT_INTERPRETER_QTINTERPRETER_H
