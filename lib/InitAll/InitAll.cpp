//===- InitAll.cpp - dialect and pass registration for tessel tools -------===//

#include "tessel/InitAllDialects.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Dialect/Gemmini/Transforms/Passes.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/QT/Interpreter/QTInterpreter.h"
#include "tessel/Dialect/QT/Transforms/Passes.h"
#include "tessel/Dialect/NN/Interpreter/NNInterpreter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/Passes.h"

void mlir::tessel::registerAllDialects(DialectRegistry &registry) {
  registry.insert<nn::NNDialect, gemmini::GemminiDialect, qt::QTDialect, func::FuncDialect, arith::ArithDialect,
                  tensor::TensorDialect, quant::QuantDialect>();
  // Reference semantics, so every tool can run what it loads.
  nn::registerInterpreterExternalModels(registry);
  qt::registerInterpreterExternalModels(registry);
}

void mlir::tessel::registerAllPasses() {
  gemmini::registerGemminiPasses();
  qt::registerQTPasses();
  // Upstream cleanups used between tessel's own passes.
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
  mlir::registerInlinerPass();
}
