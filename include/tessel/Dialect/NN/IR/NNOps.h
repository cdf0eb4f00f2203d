//===- NNOps.h - nn operations ----------------------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_IR_NNOPS_H
#define TESSEL_DIALECT_NN_IR_NNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/NN/IR/NNInterfaces.h"

#define GET_OP_CLASSES
#include "tessel/Dialect/NN/IR/NNOps.h.inc"

#endif // TESSEL_DIALECT_NN_IR_NNOPS_H
