//===- NNDialect.td - the nn graph dialect -----------------*- tablegen -*-===//
//
// The top level of tessel: ONNX-like graph operations on ranked tensors.
//
//===----------------------------------------------------------------------===//

#ifndef TESSEL_DIALECT_NN_IR_NNDIALECT_TD
#define TESSEL_DIALECT_NN_IR_NNDIALECT_TD

include "mlir/IR/OpBase.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let cppNamespace = "::mlir::tessel::nn";
  let summary = "Graph-level neural-network operations on tensors";
  let description = [{
    The `nn` dialect is the entry level of tessel. Its operations mirror ONNX
    operators one to one (NCHW layouts, numpy broadcasting), with every
    attribute that ONNX leaves implicit or opset-dependent made explicit at
    import: padding is always a list of explicit begin/end amounts, axes are
    listed, shapes are static attributes. Result types are inferred from the
    operands and attributes, so a shape mismatch is reported at the operation
    that causes it.

    Weights are `nn.constant` operations whose value is usually a
    `dense_resource` blob, so large models print and parse quickly.

    Element types are not restricted to floats: ONNX's integer tensors run
    through the same operations. Quantized element types (`!qt.*`,
    `!quant.*`) are taken by the linear layers alone; every other operation
    refuses them in its operands and results (dequantize first with
    `qt.dequantize`), since it computes on numbers while a quantized
    tensor's value is its encoding.

    The linear layers `nn.conv`, `nn.gemm` and `nn.matmul` implement
    `LinearOpInterface` (`NNInterfaces.td`), so passes, verifiers and kernels
    ask them instead of switching over op kinds: which operand is the input,
    the weight and the optional bias, the dimensions the product contracts,
    the weight's output-channel dimension (the axis of per-channel scales),
    the contracted size, the accumulator type of quantized operands, and the
    layer as the systolic array runs it (`LinearLayer`: M, N and K of a
    matrix product with nn.matmul's batch folded where the weight is shared,
    or a convolution's batch, channels, groups, input, kernel and output
    sizes, strides, padding and dilations).
  }];
  let hasConstantMaterializer = 1;
}

class NN_Op<string mnemonic, list<Trait> traits = []>
    : Op<NN_Dialect, mnemonic, traits>;

#endif // TESSEL_DIALECT_NN_IR_NNDIALECT_TD
