//===- TileDialect.cpp - layers mapped onto the array ---------------------===//

#include "tessel/Dialect/Tile/IR/TileDialect.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::tessel::tile;

#include "tessel/Dialect/Tile/IR/TileDialect.cpp.inc"
#include "tessel/Dialect/Tile/IR/TileEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "tessel/Dialect/Tile/IR/TileAttrs.cpp.inc"

void TileDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "tessel/Dialect/Tile/IR/TileOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "tessel/Dialect/Tile/IR/TileAttrs.cpp.inc"
      >();
}
