//===- EvaluateOpInterface.h - interpreter semantics of ops -----*- C++ -*-===//
#ifndef TESSEL_INTERPRETER_EVALUATEOPINTERFACE_H
#define TESSEL_INTERPRETER_EVALUATEOPINTERFACE_H

#include "tessel/Interpreter/Tensor.h"

#include "mlir/IR/OpDefinition.h"

#include "tessel/Interpreter/EvaluateOpInterface.h.inc"

#endif // TESSEL_INTERPRETER_EVALUATEOPINTERFACE_H
