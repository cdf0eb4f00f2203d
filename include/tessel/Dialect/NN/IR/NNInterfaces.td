//===- NNInterfaces.td - interfaces of nn operations -------*- tablegen -*-===//
//
// What passes, verifiers and kernels ask of nn operations without naming
// each operation.
//
//===----------------------------------------------------------------------===//

#ifndef TESSEL_DIALECT_NN_IR_NNINTERFACES_TD
#define TESSEL_DIALECT_NN_IR_NNINTERFACES_TD

include "mlir/IR/OpBase.td"

def NN_LinearOpInterface : OpInterface<"LinearOpInterface"> {
  let cppNamespace = "::mlir::tessel::nn";
  let description = [{
    A linear layer, `output = input x weight (+ bias)`: the operations the
    systolic array runs and the ones that take quantized operands
    (`QuantizedLinear.h`). It tells which operand is the activation, the
    weight and the bias, which dimensions the product contracts and where the
    weight's output channels are (the axis of per-channel scales), and
    describes the layer as the array runs it (`LinearLayer`: a matrix product
    `M x K` by `K x N`, or a convolution with its geometry).

    `nn.conv`, `nn.gemm` and `nn.matmul` implement it. ONNX's QLinear and
    Integer variants do not: they carry scale and zero-point operands, and
    `--qt-from-qdq` turns the QLinear ones into `nn.conv` / `nn.matmul`.
  }];
  let methods = [
    InterfaceMethod<"The input (activation) operand.",
      "::mlir::OpOperand &", "getInputOperand">,
    InterfaceMethod<"The weight operand.",
      "::mlir::OpOperand &", "getWeightOperand">,
    InterfaceMethod<"The bias operand, or null when the op has none.",
      "::mlir::OpOperand *", "getBiasOperand">,
    InterfaceMethod<[{
        The dimension of the input that the product contracts (for a
        convolution: its channels; blocks of a block format run along it).
      }], "int64_t", "getInputContractedDim">,
    InterfaceMethod<"The dimension of the weight that the product contracts.",
      "int64_t", "getWeightContractedDim">,
    InterfaceMethod<[{
        The weight's output-channel dimension, along which per-channel
        scales run, or -1 when the weight has none (a 1-D matmul operand).
      }], "int64_t", "getWeightChannelDim">,
    InterfaceMethod<[{
        The result dimension the weight's output channels land in, or -1
        when the weight has none.
      }], "int64_t", "getResultChannelDim">,
    InterfaceMethod<[{
        The number of products summed into one result element (for a
        convolution: input channels per group x kernel elements). The
        shapes it reads must be static.
      }], "int64_t", "getContractedSize">,
    InterfaceMethod<[{
        Whether the result is exactly `input x weight + bias`, with no
        further scaling (`nn.gemm`: alpha = beta = 1). Quantized operands
        need this form.
      }], "bool", "isPlainProduct">,
    InterfaceMethod<[{
        The layer as the array runs it (see `LinearLayer`), or nullopt when
        a dimension it needs is dynamic.
      }], "::std::optional<::mlir::tessel::nn::LinearLayer>",
      "getLinearLayer">,
  ];
  let extraClassDeclaration = [{
    ::mlir::Value getInput() { return getInputOperand().get(); }
    ::mlir::Value getWeight() { return getWeightOperand().get(); }
    /// The bias, or null.
    ::mlir::Value getBias() {
      ::mlir::OpOperand *bias = getBiasOperand();
      return bias ? bias->get() : ::mlir::Value();
    }
    ::mlir::Value getOutput() { return (*this)->getResult(0); }

    /// Whether input or weight has a quantized element type.
    bool hasQuantizedOperands();
    /// The i32 accumulator element type the product of operands in these
    /// formats produces: per output channel when the weight is.
    ::mlir::Type getAccumulatorType(const ::mlir::tessel::qt::FormatOf &input,
                                    const ::mlir::tessel::qt::FormatOf &weight);
    /// The accumulator element type an integer bias of this op must have:
    /// the result's scales, along the bias's last dimension.
    ::mlir::Type getBiasAccumulatorType(
        const ::mlir::tessel::qt::FormatOf &input,
        const ::mlir::tessel::qt::FormatOf &weight);
  }];
}

#endif // TESSEL_DIALECT_NN_IR_NNINTERFACES_TD
