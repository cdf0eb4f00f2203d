//===- SetTarget.cpp - attach a Gemmini target to a module ----------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Dialect/Gemmini/Transforms/Passes.h"

namespace mlir::tessel::gemmini {
#define GEN_PASS_DEF_GEMMINISETTARGET
#include "tessel/Dialect/Gemmini/Transforms/Passes.h.inc"
} // namespace mlir::tessel::gemmini

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {
struct SetTargetPass
    : mlir::tessel::gemmini::impl::GemminiSetTargetBase<SetTargetPass> {
  using Base::Base;
  void runOnOperation() override {
    std::string error;
    TargetAttr t = parseTargetSpec(&getContext(), target, error);
    if (!t) {
      getOperation().emitError() << "--gemmini-set-target: " << error;
      return signalPassFailure();
    }
    getOperation()->setAttr("gemmini.target", t);
  }
};
} // namespace
