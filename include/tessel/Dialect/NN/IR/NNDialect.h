//===- NNDialect.h - the nn graph dialect -----------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_IR_NNDIALECT_H
#define TESSEL_DIALECT_NN_IR_NNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "tessel/Dialect/NN/IR/NNDialect.h.inc"

#endif // TESSEL_DIALECT_NN_IR_NNDIALECT_H
