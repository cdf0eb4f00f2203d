//===- EvaluateOpInterface.h - interpreter semantics of ops -----*- C++ -*-===//
#ifndef TESSEL_INTERPRETER_EVALUATEOPINTERFACE_H
#define TESSEL_INTERPRETER_EVALUATEOPINTERFACE_H

#include "tessel/Interpreter/Tensor.h"

#include "mlir/IR/OpDefinition.h"

#include "tessel/Interpreter/EvaluateOpInterface.h.inc"

namespace mlir::tessel::interp {

/// The external model of an op whose semantics are the function `Kernel`:
/// `OpTy::attachInterface<KernelModel<OpTy, kernel>>(*ctx)`.
template <typename OpTy,
          LogicalResult (*Kernel)(OpTy, ArrayRef<const Tensor *>,
                                  SmallVectorImpl<Tensor> &)>
struct KernelModel
    : EvaluateOpInterface::ExternalModel<KernelModel<OpTy, Kernel>, OpTy> {
  LogicalResult evaluate(Operation *op, ArrayRef<const Tensor *> operands,
                         SmallVectorImpl<Tensor> &results) const {
    return Kernel(cast<OpTy>(op), operands, results);
  }
};

} // namespace mlir::tessel::interp

#endif // TESSEL_INTERPRETER_EVALUATEOPINTERFACE_H
