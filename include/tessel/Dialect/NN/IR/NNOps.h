//===- NNOps.h - nn operations ----------------------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_IR_NNOPS_H
#define TESSEL_DIALECT_NN_IR_NNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/NN/IR/NNInterfaces.h"

namespace mlir::tessel::nn {

/// The check of NoQuantizedElements: an error naming the first operand or
/// result of a quantized element type.
LogicalResult verifyNoQuantizedElements(Operation *op);

/// Every nn op but the linear ones: its kernels read elements as numbers,
/// so quantized element types (whose runtime value is a packed encoding)
/// are refused in its operands and results.
template <typename ConcreteType>
class NoQuantizedElements
    : public OpTrait::TraitBase<ConcreteType, NoQuantizedElements> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return verifyNoQuantizedElements(op);
  }
};

/// The check of FloatElements: an error naming the first operand or result
/// whose element type is not a float.
LogicalResult verifyFloatElements(Operation *op);

/// The ops ONNX defines for floating-point tensors only.
template <typename ConcreteType>
class FloatElements : public OpTrait::TraitBase<ConcreteType, FloatElements> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return verifyFloatElements(op);
  }
};

/// The check of BoolElements: an error naming the first operand or result
/// whose element type is not i1.
LogicalResult verifyBoolElements(Operation *op);

/// ONNX's logical operators, on i1 tensors.
template <typename ConcreteType>
class BoolElements : public OpTrait::TraitBase<ConcreteType, BoolElements> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return verifyBoolElements(op);
  }
};

} // namespace mlir::tessel::nn

#define GET_OP_CLASSES
#include "tessel/Dialect/NN/IR/NNOps.h.inc"

#endif // TESSEL_DIALECT_NN_IR_NNOPS_H
