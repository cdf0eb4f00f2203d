//===- NNDialect.h - the nn graph dialect -----------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_IR_NNDIALECT_H
#define TESSEL_DIALECT_NN_IR_NNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "tessel/Dialect/NN/IR/NNDialect.h.inc"

#include "mlir/IR/Location.h"

namespace mlir::tessel::nn {
/// The ONNX node an op came from: the name of its location (the importer's
/// NameLoc), or of the first named location a fused one holds (an op
/// folded from several nodes); null when it has none.
StringAttr getNodeName(Location loc);
} // namespace mlir::tessel::nn

#endif // TESSEL_DIALECT_NN_IR_NNDIALECT_H
