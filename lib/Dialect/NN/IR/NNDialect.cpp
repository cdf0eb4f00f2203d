//===- NNDialect.cpp - the nn graph dialect -------------------------------===//

#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace mlir::tessel::nn;

#include "tessel/Dialect/NN/IR/NNDialect.cpp.inc"

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "tessel/Dialect/NN/IR/NNOps.cpp.inc"
      >();
}

Operation *NNDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}

StringAttr mlir::tessel::nn::getNodeName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (StringAttr name = getNodeName(l))
        return name;
  return {};
}
