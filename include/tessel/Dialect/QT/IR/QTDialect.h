//===- QTDialect.h - quantized number formats as types ----------*- C++ -*-===//
#ifndef TESSEL_DIALECT_QT_IR_QTDIALECT_H
#define TESSEL_DIALECT_QT_IR_QTDIALECT_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "tessel/Dialect/QT/IR/QTDialect.h.inc"
#include "tessel/Dialect/QT/IR/QTTypeInterfaces.h.inc"

#define GET_TYPEDEF_CLASSES
#include "tessel/Dialect/QT/IR/QTTypes.h.inc"

#define GET_OP_CLASSES
#include "tessel/Dialect/QT/IR/QTOps.h.inc"

#endif // TESSEL_DIALECT_QT_IR_QTDIALECT_H
