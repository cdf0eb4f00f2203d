//===- TileOps.h - layers and host ops of the accelerator form --*- C++ -*-===//
#ifndef TESSEL_DIALECT_TILE_IR_TILEOPS_H
#define TESSEL_DIALECT_TILE_IR_TILEOPS_H

#include "tessel/Dialect/Tile/IR/TileDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "tessel/Dialect/Tile/IR/TileOps.h.inc"

#endif // TESSEL_DIALECT_TILE_IR_TILEOPS_H
