//===- InitAllDialects.h - every dialect tessel tools load ------*- C++ -*-===//
//
// The IR of tessel's dialects and of the upstream dialects its pipeline
// uses. Registering them pulls in no execution: tools that also run what
// they load add InitAllInterpreters.h.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_INITALLDIALECTS_H
#define TESSEL_INITALLDIALECTS_H

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/Tile/IR/TileDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel {

inline void registerAllDialects(DialectRegistry &registry) {
  registry.insert<nn::NNDialect, qt::QTDialect, gemmini::GemminiDialect, tile::TileDialect,
                  func::FuncDialect, arith::ArithDialect,
                  tensor::TensorDialect, mlir::quant::QuantDialect>();
}

} // namespace mlir::tessel

#endif // TESSEL_INITALLDIALECTS_H
