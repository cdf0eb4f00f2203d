//===- EvaluateOpInterface.td - interpreter semantics of ops -*- tablegen -*-===//

#ifndef TESSEL_INTERPRETER_EVALUATEOPINTERFACE_TD
#define TESSEL_INTERPRETER_EVALUATEOPINTERFACE_TD

include "mlir/IR/OpBase.td"

def EvaluateOpInterface : OpInterface<"EvaluateOpInterface"> {
  let cppNamespace = "::mlir::tessel::interp";
  let description = [{
    The reference semantics of an operation: given its operands as runtime
    tensors, compute its results. Each dialect attaches implementations in its
    own Interpreter library (as external models), so the interpreter has no
    central switch over operations. An implementation reports problems with
    `op->emitError` and returns failure.
  }];
  let methods = [
    InterfaceMethod<
      "Computes the results from the operands.",
      "::llvm::LogicalResult", "evaluate",
      (ins "::llvm::ArrayRef<const ::mlir::tessel::interp::Tensor *>":$operands,
           "::llvm::SmallVectorImpl<::mlir::tessel::interp::Tensor> &":$results)>
  ];
}

#endif // TESSEL_INTERPRETER_EVALUATEOPINTERFACE_TD
