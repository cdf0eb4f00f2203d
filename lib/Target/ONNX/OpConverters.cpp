//===- OpConverters.cpp - the table of ONNX op converters -----------------===//
//
// One converter per ONNX op type (default domain); the categories live in
// ConvConverters.cpp, ElementwiseConverters.cpp, MovementConverters.cpp and
// ShapeFolding.cpp.
//
//===----------------------------------------------------------------------===//

#include "ConverterUtils.h"

using namespace mlir;
using namespace mlir::tessel::onnx_import;

const llvm::StringMap<Converter> &mlir::tessel::onnx_import::converters() {
  static const llvm::StringMap<Converter> table = [] {
    llvm::StringMap<Converter> t;
    addConvConverters(t);
    addElementwiseConverters(t);
    addMovementConverters(t);
    addShapeFolders(t);
    return t;
  }();
  return table;
}
