//===- QTDialect.cpp - quantized number formats as types ------------------===//

#include "tessel/Dialect/QT/IR/QTDialect.h"

using namespace mlir;
using namespace mlir::tessel::qt;

#include "tessel/Dialect/QT/IR/QTDialect.cpp.inc"

void QTDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "tessel/Dialect/QT/IR/QTOps.cpp.inc"
      >();
}
