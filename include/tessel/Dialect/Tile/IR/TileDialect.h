//===- TileDialect.h - layers mapped onto the array -------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_TILE_IR_TILEDIALECT_H
#define TESSEL_DIALECT_TILE_IR_TILEDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "tessel/Dialect/Tile/IR/TileDialect.h.inc"
#include "tessel/Dialect/Tile/IR/TileEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "tessel/Dialect/Tile/IR/TileAttrs.h.inc"

#endif // TESSEL_DIALECT_TILE_IR_TILEDIALECT_H
