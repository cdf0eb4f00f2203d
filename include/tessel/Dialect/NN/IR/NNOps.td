//===- NNOps.td - nn operations ----------------------------*- tablegen -*-===//
//
// Each operation mirrors one ONNX operator (or a family of them) with every
// implicit or opset-dependent attribute made explicit by the importer.
//
//===----------------------------------------------------------------------===//

#ifndef TESSEL_DIALECT_NN_IR_NNOPS_TD
#define TESSEL_DIALECT_NN_IR_NNOPS_TD

include "tessel/Dialect/NN/IR/NNDialect.td"
include "tessel/Dialect/NN/IR/NNInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Refuses quantized element types (!qt.*, !quant.*) in every operand and
// result: the kernels of these ops read elements as numbers, while a
// quantized tensor's runtime value is its packed encoding. Verified before
// the type inference, so the message names the quantized operand.
def NN_NoQuantizedElements : NativeOpTrait<"NoQuantizedElements"> {
  let cppNamespace = "::mlir::tessel::nn";
}

// Refuses element types other than floats in every operand and result: the
// ops whose ONNX definitions take floating-point tensors only (logarithms,
// roundings, smooth activations).
def NN_FloatElements : NativeOpTrait<"FloatElements"> {
  let cppNamespace = "::mlir::tessel::nn";
}

// Requires i1 (boolean) elements in every operand and result: ONNX's
// logical operators.
def NN_BoolElements : NativeOpTrait<"BoolElements"> {
  let cppNamespace = "::mlir::tessel::nn";
}

// All nn operations are pure and infer their result types from operands and
// attributes; a shape mismatch is an error at the offending operation. Only
// the linear ops (NN_LinearOp) run quantized operands.
class NN_PureOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat([NN_NoQuantizedElements, Pure,
                                   InferTypeOpAdaptor], traits)>;

// The linear ops (NN_LinearOpInterface, implemented in NNInterfaces.cpp)
// also take quantized operands (QuantizedLinear.h): their declared result
// may then be an accumulator type instead of the inferred float one, which
// their verifiers check.
class NN_LinearOp<string mnemonic>
    : NN_Op<mnemonic, [Pure, InferTypeOpAdaptorWithIsCompatible,
                       DeclareOpInterfaceMethods<NN_LinearOpInterface>]> {
  let hasVerifier = 1;
}

// Appended with !strconcat: `[{...}] # Name` pastes the name itself.
defvar NN_QuantizedLinearDoc = [{
    Quantized operands: with input and weight in quantized element types
    (`!quant.uniform`, `!qt.flint`, `!qt.pot`, `!qt.ovp`: the input per
    tensor, the weight per tensor or per output channel), the product is
    exact: integer images (each code's mantissa << shift) are multiplied and
    summed in 64-bit integers. The result is then either the accumulator,
    an i32 `!quant.uniform` whose scale is input scale x weight scale (per
    channel) x the formats' units, or its value as a float. A bias is then
    in the accumulator's type (added as integers) or, with a float result,
    a float. Block formats (`!qt.bfp`, `!qt.mx`, blocks along the contracted
    dimension) give a float result: decoded elements, products summed in
    binary64.
}];

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def NN_ConstantOp : NN_PureOp<"constant", [ConstantLike]> {
  let summary = "a constant tensor (weights, biases, folded shapes)";
  let description = [{
    Produces the tensor given by `value`. Weights imported from ONNX are held
    in `dense_resource` blobs, so they are stored once, outside the IR text.

    ```mlir
    %w = nn.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
    %s = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Convolution and matrix products
//===----------------------------------------------------------------------===//

// Attributes shared by the convolution family. `pads` holds all begin pads,
// then all end pads (ONNX order); `auto_pad` is resolved at import.
defvar NN_ConvAttrs = (ins
  DenseI64ArrayAttr:$strides,
  DenseI64ArrayAttr:$pads,
  DenseI64ArrayAttr:$dilations,
  DefaultValuedAttr<I64Attr, "1">:$group);

def NN_ConvOp : NN_LinearOp<"conv"> {
  let summary = "N-d grouped convolution (ONNX Conv)";
  let description = !strconcat([{
    Cross-correlation of `input` (N x C x D1 x ... x Dk) with `weight`
    (M x C/group x K1 x ... x Kk), plus an optional `bias` of shape (M). One to
    three spatial dimensions; `group` = C gives depthwise convolution. Output
    size per spatial dimension:
    `floor((D + pad_begin + pad_end - dilation*(K-1) - 1) / stride) + 1`.

    ```mlir
    %y = nn.conv %x, %w, %b {strides = array<i64: 2, 2>,
            pads = array<i64: 3, 3, 3, 3>, dilations = array<i64: 1, 1>,
            group = 1 : i64}
        : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>)
        -> tensor<1x64x112x112xf32>
    ```
  }], NN_QuantizedLinearDoc);
  let arguments = !con((ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                            Optional<AnyRankedTensor>:$bias), NN_ConvAttrs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_ConvTransposeOp : NN_PureOp<"conv_transpose"> {
  let summary = "N-d transposed convolution (ONNX ConvTranspose)";
  let description = [{
    The gradient of `nn.conv` with respect to its input. `weight` has shape
    (C x M/group x K1 x ... x Kk). Output size per spatial dimension:
    `stride*(D-1) + output_padding + dilation*(K-1) + 1 - pad_begin - pad_end`.
    ONNX's `output_shape` and `auto_pad` are turned into `pads` at import.

    ```mlir
    %y = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>,
            pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>,
            output_padding = array<i64: 0, 0>, group = 1 : i64}
        : (tensor<1x8x4x4xf32>, tensor<8x4x2x2xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = !con((ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                            Optional<AnyRankedTensor>:$bias), NN_ConvAttrs,
                       (ins DenseI64ArrayAttr:$output_padding));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_GemmOp : NN_LinearOp<"gemm"> {
  let summary = "general matrix multiply (ONNX Gemm)";
  let description = !strconcat([{
    `alpha * op(a) * op(b) + beta * c`, where `op` transposes when `trans_a` /
    `trans_b` is set, and `c` broadcasts unidirectionally to (M x N).
    With quantized operands `alpha` and `beta` must be 1 and `c` is the
    bias.

    ```mlir
    %y = nn.gemm %a, %b, %c {trans_b = true}
        : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>)
        -> tensor<1x1000xf32>
    ```
  }], NN_QuantizedLinearDoc);
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       Optional<AnyRankedTensor>:$c,
                       DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
                       DefaultValuedAttr<F32Attr, "1.0f">:$beta,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_a,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_b);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_MatMulOp : NN_LinearOp<"matmul"> {
  let summary = "numpy-style batched matrix product (ONNX MatMul)";
  let description = !strconcat([{
    Matrix product with numpy semantics: 1-D operands are promoted to matrices
    and the promoted dimension removed afterwards; leading batch dimensions
    broadcast.

    ```mlir
    %y = nn.matmul %a, %b : (tensor<2x8x64x32xf32>, tensor<32x16xf32>)
        -> tensor<2x8x64x16xf32>
    ```
  }], NN_QuantizedLinearDoc);
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$a `,` $b attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class NN_BroadcastBinaryOp<string mnemonic, string onnx, list<Trait> traits = []>
    : NN_PureOp<mnemonic, traits> {
  let summary = "elementwise " # onnx # " with numpy broadcasting";
  let description = [{
    Applies ONNX `}] # onnx # [{` elementwise; the operand shapes broadcast
    numpy-style (aligned at the trailing dimension, size 1 stretches). Both
    operands have the same element type.

    ```mlir
    %z = nn.}] # mnemonic # [{ %x, %y : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>)
        -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def NN_AddOp : NN_BroadcastBinaryOp<"add", "Add", [Commutative]>;
def NN_SubOp : NN_BroadcastBinaryOp<"sub", "Sub">;
def NN_MulOp : NN_BroadcastBinaryOp<"mul", "Mul", [Commutative]>;
def NN_DivOp : NN_BroadcastBinaryOp<"div", "Div">;
def NN_PowOp : NN_BroadcastBinaryOp<"pow", "Pow"> {
  let description = [{
    `lhs` raised to `rhs`, elementwise with numpy broadcasting. Unlike the
    other binary operations the exponent may have another element type; the
    result has the element type of `lhs`.

    ```mlir
    %z = nn.pow %x, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    ```
  }];
}

def NN_ModOp : NN_BroadcastBinaryOp<"mod", "Mod"> {
  let description = [{
    The remainder of `lhs / rhs`, elementwise with numpy broadcasting. With
    `fmod = false` (ONNX's default) the remainder has the sign of the divisor
    (Python's `%`, integers only); with `fmod = true` it has the sign of the
    dividend (C's `fmod`). Floating-point operands require `fmod = true`, as
    in ONNX. A zero divisor gives 0 for integers.

    ```mlir
    %z = nn.mod %x, %y : (tensor<6xi32>, tensor<6xi32>) -> tensor<6xi32>
    %w = nn.mod %a, %b {fmod = true} : (tensor<6xf32>, tensor<f32>) -> tensor<6xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
                       DefaultValuedAttr<BoolAttr, "false">:$fmod);
  let hasVerifier = 1;
}

def NN_PReluOp : NN_BroadcastBinaryOp<"prelu", "PRelu"> {
  let description = [{
    `x < 0 ? slope * x : x` elementwise; `slope` broadcasts unidirectionally
    to `x` (per channel: a slope of shape C x 1 x 1 for an N x C x H x W
    input), so the result has the type of `x`.

    ```mlir
    %y = nn.prelu %x, %slope : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>)
        -> tensor<1x8x4x4xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
}

class NN_VariadicOp<string mnemonic, string onnx, string what>
    : NN_PureOp<mnemonic, [Commutative]> {
  let summary = "elementwise " # what # " of its inputs (ONNX " # onnx # ")";
  let description = [{
    The elementwise }] # what # [{ of one or more inputs of one element
    type, whose shapes broadcast numpy-style to the result's.

    ```mlir
    %y = nn.}] # mnemonic # [{ %a, %b, %c : (tensor<3xf32>, tensor<2x1xf32>, tensor<f32>)
        -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def NN_MinOp : NN_VariadicOp<"min", "Min", "minimum">;
def NN_MaxOp : NN_VariadicOp<"max", "Max", "maximum">;
def NN_SumOp : NN_VariadicOp<"sum", "Sum", "sum">;
def NN_MeanOp : NN_VariadicOp<"mean", "Mean", "mean">;

class NN_CompareOp<string mnemonic, string onnx, string formula>
    : NN_PureOp<mnemonic> {
  let summary = "elementwise comparison " # formula # " (ONNX " # onnx # ")";
  let description = [{
    `}] # formula # [{` elementwise with numpy broadcasting, as an i1 tensor.
    Both operands have the same element type.

    ```mlir
    %z = nn.}] # mnemonic # [{ %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def NN_EqualOp : NN_CompareOp<"equal", "Equal", "lhs == rhs">;
def NN_LessOp : NN_CompareOp<"less", "Less", "lhs < rhs">;
def NN_LessOrEqualOp : NN_CompareOp<"less_or_equal", "LessOrEqual", "lhs <= rhs">;
def NN_GreaterOp : NN_CompareOp<"greater", "Greater", "lhs > rhs">;
def NN_GreaterOrEqualOp : NN_CompareOp<"greater_or_equal", "GreaterOrEqual", "lhs >= rhs">;

def NN_AndOp : NN_BroadcastBinaryOp<"and", "And", [Commutative, NN_BoolElements]>;
def NN_OrOp : NN_BroadcastBinaryOp<"or", "Or", [Commutative, NN_BoolElements]>;
def NN_XorOp : NN_BroadcastBinaryOp<"xor", "Xor", [Commutative, NN_BoolElements]>;

def NN_WhereOp : NN_PureOp<"where"> {
  let summary = "elementwise selection (ONNX Where)";
  let description = [{
    `condition ? x : y` elementwise; the three shapes broadcast numpy-style,
    `condition` is i1 and `x` and `y` have one element type.

    ```mlir
    %z = nn.where %c, %x, %y : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>)
        -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$condition, AnyRankedTensor:$x,
                       AnyRankedTensor:$y);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

class NN_UnaryOp<string mnemonic, string onnx, string formula,
                 list<Trait> traits = []>
    : NN_PureOp<mnemonic, traits> {
  let summary = "elementwise " # onnx;
  let description = [{
    Computes `}] # formula # [{` for every element; the result has the type of
    the input.

    ```mlir
    %y = nn.}] # mnemonic # [{ %x : tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def NN_ReluOp : NN_UnaryOp<"relu", "Relu", "max(x, 0)">;
def NN_SigmoidOp : NN_UnaryOp<"sigmoid", "Sigmoid", "1 / (1 + exp(-x))">;
def NN_TanhOp : NN_UnaryOp<"tanh", "Tanh", "tanh(x)">;
def NN_ErfOp : NN_UnaryOp<"erf", "Erf", "erf(x)">;
def NN_SqrtOp : NN_UnaryOp<"sqrt", "Sqrt", "sqrt(x)">;
def NN_ExpOp : NN_UnaryOp<"exp", "Exp", "exp(x)">;
def NN_IdentityOp : NN_UnaryOp<"identity", "Identity", "x"> {
  let hasFolder = 1;
}

def NN_LeakyReluOp : NN_UnaryOp<"leaky_relu", "LeakyRelu", "x < 0 ? alpha * x : x"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.01f">:$alpha);
}

def NN_NegOp : NN_UnaryOp<"neg", "Neg", "-x">;
def NN_AbsOp : NN_UnaryOp<"abs", "Abs", "|x|">;
def NN_SignOp : NN_UnaryOp<"sign", "Sign", "x > 0 ? 1 : (x < 0 ? -1 : 0)">;

def NN_NotOp : NN_UnaryOp<"not", "Not", "!x", [NN_BoolElements]>;

// ONNX defines these for floating-point tensors only.
class NN_FloatUnaryOp<string mnemonic, string onnx, string formula>
    : NN_UnaryOp<mnemonic, onnx, formula, [NN_FloatElements]>;

def NN_FloorOp : NN_FloatUnaryOp<"floor", "Floor", "floor(x)">;
def NN_CeilOp : NN_FloatUnaryOp<"ceil", "Ceil", "ceil(x)">;
def NN_RoundOp : NN_FloatUnaryOp<"round", "Round", "round(x)"> {
  let description = [{
    Rounds every element to the nearest integer, halves to the even one
    (`round(2.5) = 2`, `round(-1.5) = -2`); the result has the type of the
    input.

    ```mlir
    %y = nn.round %x : tensor<1x64x56x56xf32>
    ```
  }];
}
def NN_ReciprocalOp : NN_FloatUnaryOp<"reciprocal", "Reciprocal", "1 / x">;
def NN_LogOp : NN_FloatUnaryOp<"log", "Log", "log(x)">;
def NN_SoftplusOp : NN_FloatUnaryOp<"softplus", "Softplus", "log(exp(x) + 1)">;
def NN_SoftsignOp : NN_FloatUnaryOp<"softsign", "Softsign", "x / (1 + |x|)">;

// The trigonometric and hyperbolic family, each ONNX's from opset 7 (9 for
// the hyperbolic ones), defined for floats.
def NN_SinOp : NN_FloatUnaryOp<"sin", "Sin", "sin(x)">;
def NN_CosOp : NN_FloatUnaryOp<"cos", "Cos", "cos(x)">;
def NN_TanOp : NN_FloatUnaryOp<"tan", "Tan", "tan(x)">;
def NN_AsinOp : NN_FloatUnaryOp<"asin", "Asin", "asin(x)">;
def NN_AcosOp : NN_FloatUnaryOp<"acos", "Acos", "acos(x)">;
def NN_AtanOp : NN_FloatUnaryOp<"atan", "Atan", "atan(x)">;
def NN_SinhOp : NN_FloatUnaryOp<"sinh", "Sinh", "sinh(x)">;
def NN_CoshOp : NN_FloatUnaryOp<"cosh", "Cosh", "cosh(x)">;
def NN_AsinhOp : NN_FloatUnaryOp<"asinh", "Asinh", "asinh(x)">;
def NN_AcoshOp : NN_FloatUnaryOp<"acosh", "Acosh", "acosh(x)">;
def NN_AtanhOp : NN_FloatUnaryOp<"atanh", "Atanh", "atanh(x)">;
def NN_HardSwishOp : NN_FloatUnaryOp<"hard_swish", "HardSwish",
    "x * max(0, min(1, x / 6 + 0.5))">;

// The attributes' defaults are ONNX's: the importer copies only the
// attributes a node sets.
def NN_HardSigmoidOp : NN_FloatUnaryOp<"hard_sigmoid", "HardSigmoid",
    "max(0, min(1, alpha * x + beta))"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.2f">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.5f">:$beta);
}

def NN_EluOp : NN_FloatUnaryOp<"elu", "Elu", "x < 0 ? alpha * (exp(x) - 1) : x"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.0f">:$alpha);
}

def NN_SeluOp : NN_FloatUnaryOp<"selu", "Selu",
    "x > 0 ? gamma * x : gamma * alpha * (exp(x) - 1)"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.67326319217681884765625f">:$alpha,
                       DefaultValuedAttr<F32Attr, "1.05070102214355468750f">:$gamma);
}

def NN_CeluOp : NN_FloatUnaryOp<"celu", "Celu",
    "max(0, x) + min(0, alpha * (exp(x / alpha) - 1))"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.0f">:$alpha);
  let hasVerifier = 1;
}

def NN_ThresholdedReluOp : NN_FloatUnaryOp<"thresholded_relu", "ThresholdedRelu",
    "x > alpha ? x : 0"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.0f">:$alpha);
}

def NN_GeluOp : NN_UnaryOp<"gelu", "Gelu",
    "0.5 * x * (1 + erf(x / sqrt(2)))` (or its tanh approximation when `approximate = \"tanh\"`)"> {
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedStrAttr<StrAttr, "none">:$approximate);
  let hasVerifier = 1;
}

def NN_ClipOp : NN_UnaryOp<"clip", "Clip", "min(max(x, min), max)"> {
  let description = [{
    Clamps every element to [`min`, `max`]; an absent bound does not clamp.
    ONNX's attribute form (opset < 11) and input form (opset >= 11, constant
    bounds) both import to this operation.

    ```mlir
    %y = nn.clip %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x32x112x112xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       OptionalAttr<F64Attr>:$min, OptionalAttr<F64Attr>:$max);
  let hasVerifier = 1;
}

def NN_CastOp : NN_PureOp<"cast"> {
  let summary = "element type conversion (ONNX Cast)";
  let description = [{
    Converts every element to the element type `to`, with ONNX's rules
    (float to integer truncates toward zero; out-of-range is saturated).
    Both element types are integers or floats (not `index`).

    ```mlir
    %y = nn.cast %x {to = i64} : (tensor<4xf32>) -> tensor<4xi64>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, TypeAttr:$to);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def NN_SoftmaxOp : NN_PureOp<"softmax"> {
  let summary = "softmax along one axis (ONNX Softmax, opset 13 semantics)";
  let description = [{
    `exp(x) / sum(exp(x))` along `axis`. The flattening semantics of opset < 13
    are expressed at import with reshapes around this operation.

    ```mlir
    %y = nn.softmax %x {axis = -1 : i64} : tensor<1x8x128x128xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def NN_LayerNormOp : NN_PureOp<"layer_norm"> {
  let summary = "layer normalization (ONNX LayerNormalization)";
  let description = [{
    Normalizes over the dimensions from `axis` to the last to zero mean and unit
    variance, then scales by `scale` and adds `bias`; both broadcast to the
    normalized shape.

    ```mlir
    %y = nn.layer_norm %x, %g, %b {axis = -1 : i64, epsilon = 1.0e-05 : f32}
        : (tensor<1x128x512xf32>, tensor<512xf32>, tensor<512xf32>)
        -> tensor<1x128x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
                       Optional<AnyRankedTensor>:$bias,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_BatchNormOp : NN_PureOp<"batch_norm"> {
  let summary = "inference-mode batch normalization (ONNX BatchNormalization)";
  let description = [{
    `scale * (x - mean) / sqrt(var + epsilon) + bias`, per channel (dimension
    1). All four parameters have shape (C).

    ```mlir
    %y = nn.batch_norm %x, %s, %b, %m, %v {epsilon = 1.0e-05 : f32}
        : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>,
           tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
                       AnyRankedTensor:$bias, AnyRankedTensor:$mean,
                       AnyRankedTensor:$variance,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

def NN_MaxPoolOp : NN_PureOp<"maxpool"> {
  let summary = "N-d max pooling (ONNX MaxPool)";
  let description = [{
    Maximum over windows of `kernel_shape`; padded positions never win. With
    `ceil_mode` the output size rounds up, but a window that would start in the
    end padding is dropped.

    ```mlir
    %y = nn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
            pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>}
        : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def NN_AvgPoolOp : NN_PureOp<"avgpool"> {
  let summary = "N-d average pooling (ONNX AveragePool)";
  let description = [{
    Mean over windows of `kernel_shape`. With `count_include_pad` the divisor
    counts padded positions, otherwise only the input positions in the window.

    ```mlir
    %y = nn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>,
            pads = array<i64: 0, 0, 0, 0>}
        : (tensor<1x8x8x8xf32>) -> tensor<1x8x4x4xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def NN_GlobalAvgPoolOp : NN_PureOp<"global_avgpool"> {
  let summary = "mean over all spatial dimensions (ONNX GlobalAveragePool)";
  let description = [{
    Averages every spatial dimension (all but the first two) down to size 1.

    ```mlir
    %y = nn.global_avgpool %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

class NN_ReduceOp<string mnemonic, string onnx, string what>
    : NN_PureOp<mnemonic> {
  let summary = what # " over the listed axes (ONNX " # onnx # ")";
  let description = [{
    Reduces `input` over `axes` (an empty list means every axis); with
    `keepdims` the reduced dimensions stay with size 1. ONNX's attribute and
    input forms of `axes` and `noop_with_empty_axes` are resolved at import.

    ```mlir
    %y = nn.}] # mnemonic # [{ %x {axes = array<i64: 2, 3>, keepdims = true}
        : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

class NN_ArgReduceOp<string mnemonic, string onnx, string what>
    : NN_PureOp<mnemonic> {
  let summary = "index of the " # what # " element along an axis (ONNX " # onnx # ")";
  let description = [{
    The i64 index along `axis` of the }] # what # [{ element; ties pick the
    first index, or the last with `select_last_index`. With `keepdims` the
    reduced dimension stays with size 1.

    ```mlir
    %i = nn.}] # mnemonic # [{ %x {axis = 1 : i64, keepdims = false}
        : (tensor<2x5xf32>) -> tensor<2xi64>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def NN_ReduceMeanOp : NN_ReduceOp<"reduce_mean", "ReduceMean", "mean">;
def NN_ReduceSumOp : NN_ReduceOp<"reduce_sum", "ReduceSum", "sum">;
def NN_ReduceMaxOp : NN_ReduceOp<"reduce_max", "ReduceMax", "maximum">;
def NN_ReduceMinOp : NN_ReduceOp<"reduce_min", "ReduceMin", "minimum">;
def NN_ReduceProdOp : NN_ReduceOp<"reduce_prod", "ReduceProd", "product">;
def NN_ReduceL1Op : NN_ReduceOp<"reduce_l1", "ReduceL1", "sum of absolute values">;
def NN_ReduceL2Op : NN_ReduceOp<"reduce_l2", "ReduceL2", "square root of the sum of squares">;
def NN_ReduceLogSumOp : NN_ReduceOp<"reduce_log_sum", "ReduceLogSum", "logarithm of the sum">;
def NN_ReduceLogSumExpOp : NN_ReduceOp<"reduce_log_sum_exp", "ReduceLogSumExp",
    "logarithm of the sum of exponentials">;
def NN_ReduceSumSquareOp : NN_ReduceOp<"reduce_sum_square", "ReduceSumSquare",
    "sum of squares">;

def NN_ArgMaxOp : NN_ArgReduceOp<"argmax", "ArgMax", "largest">;
def NN_ArgMinOp : NN_ArgReduceOp<"argmin", "ArgMin", "smallest">;

def NN_CumSumOp : NN_PureOp<"cumsum"> {
  let summary = "running sum along one axis (ONNX CumSum)";
  let description = [{
    Element `i` along `axis` is the sum of the elements up to and including
    it; `exclusive` leaves element `i` itself out, `reverse` sums from the
    end instead.

    ```mlir
    %y = nn.cumsum %x {axis = 1 : i64, exclusive = true} : tensor<2x5xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                       DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def NN_ReshapeOp : NN_PureOp<"reshape"> {
  let summary = "row-major reshape to a static shape";
  let description = [{
    Reinterprets the elements in row-major order with the shape `shape`. ONNX
    Reshape (with its 0 and -1 entries and `allowzero` resolved), Flatten,
    Squeeze and Unsqueeze all import to this operation.

    ```mlir
    %y = nn.reshape %x {shape = array<i64: 1, 512>}
        : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def NN_TransposeOp : NN_PureOp<"transpose"> {
  let summary = "dimension permutation (ONNX Transpose)";
  let description = [{
    Output dimension `i` is input dimension `perm[i]`.

    ```mlir
    %y = nn.transpose %x {perm = array<i64: 0, 2, 1, 3>}
        : (tensor<1x128x8x64xf32>) -> tensor<1x8x128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def NN_ConcatOp : NN_PureOp<"concat"> {
  let summary = "concatenation along an axis (ONNX Concat)";
  let description = [{
    Joins the inputs along `axis`; all other dimensions agree.

    ```mlir
    %y = nn.concat %a, %b {axis = 1 : i64}
        : (tensor<1x32x28x28xf32>, tensor<1x64x28x28xf32>) -> tensor<1x96x28x28xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def NN_SplitOp : NN_PureOp<"split"> {
  let summary = "split along an axis into pieces of given sizes (ONNX Split)";
  let description = [{
    Cuts `input` along `axis` into consecutive pieces of `sizes`, which sum to
    the dimension. ONNX's even split and its attribute or input `split` forms
    are resolved at import.

    ```mlir
    %a, %b = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 4>}
        : (tensor<2x6xf32>) -> (tensor<2x2xf32>, tensor<2x4xf32>)
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis,
                       DenseI64ArrayAttr:$sizes);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def NN_SliceOp : NN_PureOp<"slice"> {
  let summary = "strided slice with normalized bounds (ONNX Slice)";
  let description = [{
    One `start`, `end` and `step` per dimension, already clamped as ONNX
    prescribes: for a positive step `0 <= start <= end <= dim`; for a negative
    step `-1 <= end <= start < dim`. Output dimension:
    `max(0, ceil((end - start) / step))`.

    ```mlir
    %y = nn.slice %x {starts = array<i64: 0, 1>, ends = array<i64: 4, 7>,
            steps = array<i64: 1, 2>} : (tensor<4x8xf32>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$steps);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def NN_GatherOp : NN_PureOp<"gather"> {
  let summary = "gather slices along an axis (ONNX Gather)";
  let description = [{
    Output shape `data.shape[:axis] + indices.shape + data.shape[axis+1:]`.
    Negative indices count from the end of the axis.

    ```mlir
    %y = nn.gather %emb, %ids {axis = 0 : i64}
        : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$data,
                       RankedTensorOf<[I32, I64]>:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$data `,` $indices attr-dict `:` functional-type(operands, results)";
}

def NN_PadOp : NN_PureOp<"pad"> {
  let summary = "padding with a constant, reflection or edge values (ONNX Pad)";
  let description = [{
    `pads` lists the begin amounts of every dimension, then the end amounts;
    negative amounts crop. `mode` is `constant` (fill with `value`),
    `reflect` or `edge`.

    ```mlir
    %y = nn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, mode = "reflect"}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$pads,
                       DefaultValuedStrAttr<StrAttr, "constant">:$mode,
                       DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def NN_ResizeOp : NN_PureOp<"resize"> {
  let summary = "resize by interpolation (ONNX Resize and Upsample)";
  let description = [{
    Resamples every dimension independently. Output coordinate `x` of
    dimension `d` maps to the input coordinate `x'` through
    `coordinate_transformation_mode`, with `s = scales[d]`, the input length
    `n` and the fractional output length `w = s * n` (`sizes[d]`, the output
    length, is `floor(w)` or ONNX's `sizes` input):

    | mode | `x'` |
    |---|---|
    | `half_pixel` | `(x + 0.5) / s - 0.5` |
    | `half_pixel_symmetric` | that plus `n / 2 * (1 - sizes[d] / w)` |
    | `pytorch_half_pixel` | as `half_pixel` if `w > 1`, else 0 |
    | `align_corners` | `x * (n - 1) / (w - 1)` if `w > 1`, else 0 |
    | `asymmetric` | `x / s` |
    | `tf_half_pixel_for_nn` | `(x + 0.5) / s` |
    | `tf_crop_and_resize` | `a * (n - 1) + x * (b - a) * (n - 1) / (w - 1)` if `w > 1`, else `(a + b) / 2 * (n - 1)` |

    where `[a, b]` is the dimension's region in `roi` (starts, then ends,
    normalized to the input; only this mode has one). In this mode an output
    element with any `x'` outside `[0, n - 1]` is `extrapolation_value`.

    `mode` then interpolates at `x'` from the input elements around it,
    indices beyond the input reading its edge:
    - `nearest` takes one element, `x'` rounded by `nearest_mode`
      (`round_prefer_floor`, `round_prefer_ceil`, `floor`, `ceil`);
    - `linear` weighs the two neighbours by the triangle filter `1 - |t|`,
      one dimension after another (bilinear on the two last of a 4-D tensor);
    - `cubic` weighs four by Keys' cubic filter with `a = cubic_coeff_a`.

    With `antialias` (linear and cubic), a dimension that shrinks (`s < 1`)
    stretches its filter by `1 / s` and normalizes the weights to sum 1.
    With `exclude_outside` (linear and cubic), neighbours beyond the input
    weigh 0 and the others are renormalized. Integer elements are truncated
    toward zero from the interpolated value.

    ```mlir
    %y = nn.resize %x {mode = "linear", sizes = array<i64: 1, 3, 8, 8>,
            scales = array<f64: 1.0, 1.0, 2.0, 2.0>}
        : (tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$sizes,
                       DenseF64ArrayAttr:$scales,
                       DefaultValuedStrAttr<StrAttr, "nearest">:$mode,
                       DefaultValuedStrAttr<StrAttr, "half_pixel">:$coordinate_transformation_mode,
                       DefaultValuedStrAttr<StrAttr, "round_prefer_floor">:$nearest_mode,
                       DefaultValuedAttr<F64Attr, "-0.75">:$cubic_coeff_a,
                       DefaultValuedAttr<BoolAttr, "false">:$exclude_outside,
                       DefaultValuedAttr<BoolAttr, "false">:$antialias,
                       OptionalAttr<DenseF64ArrayAttr>:$roi,
                       DefaultValuedAttr<F64Attr, "0.0">:$extrapolation_value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Quantization (ONNX's integer operators)
//===----------------------------------------------------------------------===//

def NN_QuantizeLinearOp : NN_PureOp<"quantize_linear"> {
  let summary = "float to integer: saturate(round(x / scale) + zero_point)";
  let description = [{
    Rounds half to even. `scale` and `zero_point` are scalars (per tensor) or
    1-D along `axis` (per channel). The result element type is that of
    `zero_point`, or `ui8` without one.

    ```mlir
    %q = nn.quantize_linear %x, %s, %zp {axis = 1 : i64}
        : (tensor<1x8xf32>, tensor<f32>, tensor<i8>) -> tensor<1x8xi8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
                       Optional<AnyRankedTensor>:$zero_point,
                       DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $zero_point^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_DequantizeLinearOp : NN_PureOp<"dequantize_linear"> {
  let summary = "integer to float: (x - zero_point) * scale";
  let description = [{
    The inverse of `nn.quantize_linear`; the result has the element type of
    `scale`.

    ```mlir
    %x = nn.dequantize_linear %q, %s, %zp
        : (tensor<1x8xi8>, tensor<f32>, tensor<i8>) -> tensor<1x8xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
                       Optional<AnyRankedTensor>:$zero_point,
                       DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $zero_point^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_QLinearConvOp : NN_PureOp<"qlinear_conv"> {
  let summary = "quantized convolution (ONNX QLinearConv)";
  let description = [{
    Convolution of dequantized `x` and `w` (per-tensor or per-output-channel
    weight scales), plus the int32 `bias` at scale `x_scale * w_scale`,
    requantized to `y_scale` / `y_zero_point`. Attributes as `nn.conv`.

    ```mlir
    %y = nn.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz
            {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
             dilations = array<i64: 1, 1>, group = 1 : i64}
        : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>, tensor<1x1x1x1xui8>,
           tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> tensor<1x1x4x4xui8>
    ```
  }];
  let arguments = !con((ins AnyRankedTensor:$x, AnyRankedTensor:$x_scale,
                            AnyRankedTensor:$x_zero_point, AnyRankedTensor:$w,
                            AnyRankedTensor:$w_scale, AnyRankedTensor:$w_zero_point,
                            AnyRankedTensor:$y_scale, AnyRankedTensor:$y_zero_point,
                            Optional<AnyRankedTensor>:$bias), NN_ConvAttrs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def NN_QLinearMatMulOp : NN_PureOp<"qlinear_matmul"> {
  let summary = "quantized matrix product (ONNX QLinearMatMul)";
  let description = [{
    `nn.matmul` of the dequantized operands, requantized to `y_scale` /
    `y_zero_point`.

    ```mlir
    %y = nn.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz
        : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>, tensor<4x3xui8>,
           tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$a_scale,
                       AnyRankedTensor:$a_zero_point, AnyRankedTensor:$b,
                       AnyRankedTensor:$b_scale, AnyRankedTensor:$b_zero_point,
                       AnyRankedTensor:$y_scale, AnyRankedTensor:$y_zero_point);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def NN_MatMulIntegerOp : NN_PureOp<"matmul_integer", [AttrSizedOperandSegments]> {
  let summary = "integer matrix product with zero points, int32 result (ONNX MatMulInteger)";
  let description = [{
    `(a - a_zero_point) * (b - b_zero_point)` accumulated in int32, with
    `nn.matmul`'s shape rules.

    ```mlir
    %y = nn.matmul_integer %a, %b a_zero_point(%az) b_zero_point(%bz)
        : (tensor<4x3xui8>, tensor<3x2xui8>, tensor<ui8>, tensor<ui8>) -> tensor<4x2xi32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
                       Optional<AnyRankedTensor>:$a_zero_point,
                       Optional<AnyRankedTensor>:$b_zero_point);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $a `,` $b (`a_zero_point` `(` $a_zero_point^ `)`)? (`b_zero_point` `(` $b_zero_point^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def NN_ConvIntegerOp : NN_PureOp<"conv_integer", [AttrSizedOperandSegments]> {
  let summary = "integer convolution with zero points, int32 result (ONNX ConvInteger)";
  let description = [{
    `nn.conv` of `(x - x_zero_point)` and `(w - w_zero_point)`, accumulated in
    int32.

    ```mlir
    %y = nn.conv_integer %x, %w x_zero_point(%xz)
            {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
             dilations = array<i64: 1, 1>, group = 1 : i64}
        : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, tensor<ui8>) -> tensor<1x1x2x2xi32>
    ```
  }];
  let arguments = !con((ins AnyRankedTensor:$x, AnyRankedTensor:$w,
                            Optional<AnyRankedTensor>:$x_zero_point,
                            Optional<AnyRankedTensor>:$w_zero_point), NN_ConvAttrs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $x `,` $w (`x_zero_point` `(` $x_zero_point^ `)`)? (`w_zero_point` `(` $w_zero_point^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
}

#endif // TESSEL_DIALECT_NN_IR_NNOPS_TD
