//===- NNInterpreter.h - reference semantics of nn ops ----------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_INTERPRETER_NNINTERPRETER_H
#define TESSEL_DIALECT_NN_INTERPRETER_NNINTERPRETER_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel::nn {
/// Attaches EvaluateOpInterface to every nn op (float semantics).
void registerInterpreterExternalModels(DialectRegistry &registry);
} // namespace mlir::tessel::nn

#endif // TESSEL_DIALECT_NN_INTERPRETER_NNINTERPRETER_H
