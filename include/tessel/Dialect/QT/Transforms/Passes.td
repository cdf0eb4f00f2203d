//===- Passes.td - qt passes -------------------------------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_QT_TRANSFORMS_PASSES_TD
#define TESSEL_DIALECT_QT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QTQuantize : Pass<"qt-quantize", "::mlir::func::FuncOp"> {
  let summary = "Quantizes nn.conv, nn.gemm and nn.matmul with calibrated scales";
  let description = [{
    Rewrites every float `nn.conv`, `nn.gemm` (alpha = beta = 1) and
    `nn.matmul` to multiply quantized operands:

    ```
    %xq  = qt.quantize %x : tensor<...xf32> -> tensor<...x!quant.uniform<u8:f32, 0.021>>
    %wq  = qt.quantize %w : ... -> tensor<64x3x7x7x!quant.uniform<i8:f32:0, {...}>>
    %bq  = qt.quantize %b : ... -> tensor<64x!quant.uniform<i32:f32:0, {...}>>
    %acc = nn.conv %xq, %wq, %bq ... -> tensor<1x64x112x112x!quant.uniform<i32:f32:1, {...}>>
    %y   = qt.dequantize %acc : ... -> tensor<1x64x112x112xf32>
    ```

    Weights (operands defined by `nn.constant`) get per-channel scales
    along their output channels (`granularity=per-tensor` for one scale);
    every other operand is an activation with one scale, found from the
    values it takes when the float function runs on the calibration inputs
    (`calib=x.npy,...` or `calib=name=x.npy,...`, one run per file; without
    files, `calib-samples` seeded standard-normal inputs). Scales are
    searched by MSE as ANT does (`search=mse`) or map the largest magnitude
    to the format's largest value (`search=max`). Activations that are never
    negative take the unsigned variant of integer, PoT and flint formats
    (`activations=auto`, ANT's rule; `signed` keeps the signed ones).

    Schemes: `int8`, `int4`, `flint4`, `ovp4`, `ovp8` (OliVe, int normals),
    `bfp8`, `mxint8`, `mxfp8`, `mxfp4`, `ant4` (ANT's adaptive type: per
    tensor, whichever of int4, PoT4 and flint4 has the lowest MSE), or any
    format name tessel-quant takes. Block formats (BFP, MX) put their blocks
    along the contracted dimension and need no calibration. `layers` sets
    the scheme per layer by the op's name (the ONNX node name), `*` matching
    any run of characters, first match wins: `layers=conv1=int8,fc=float`.

    With scaled formats the product is the i32 accumulator when the formats'
    largest values times the contracted size fit 32 bits (its bias, one per
    output channel or, for Gemm's matrix C, one per result element,
    quantized to the accumulator's scales), and a float result otherwise
    (or with a bias broadcast any other way); block formats give a float
    result. `report` emits a remark at each rewritten
    op naming its formats and errors.

    Named `-tessel-quantize` before passes took their dialect's prefix.
  }];
  let options = [
    Option<"scheme", "scheme", "std::string", "\"int8\"",
           "number format scheme">,
    Option<"granularity", "granularity", "std::string", "\"per-channel\"",
           "weight scales: per-channel or per-tensor">,
    ListOption<"calib", "calib", "std::string",
               "calibration inputs: file.npy or name=file.npy">,
    Option<"calibSamples", "calib-samples", "unsigned", "4",
           "random calibration runs when no files are given">,
    Option<"seed", "seed", "unsigned", "0", "seed of the random inputs">,
    Option<"activations", "activations", "std::string", "\"auto\"",
           "auto (unsigned when never negative) or signed">,
    Option<"search", "search", "std::string", "\"mse\"",
           "scale choice: mse or max">,
    ListOption<"layers", "layers", "std::string",
               "per-layer schemes: name-pattern=scheme">,
    Option<"report", "report", "bool", "false",
           "emit a remark per rewritten op">,
  ];
  let dependentDialects = ["::mlir::tessel::qt::QTDialect",
                           "::mlir::quant::QuantDialect"];
}

def QTFromQdq : Pass<"qt-from-qdq", "::mlir::func::FuncOp"> {
  let summary = "Maps ONNX QDQ and QLinear ops onto qt types and quantized nn ops";
  let description = [{
    Imported ONNX quantization (`nn.quantize_linear`, `nn.dequantize_linear`,
    `nn.qlinear_conv`, `nn.qlinear_matmul`, `nn.conv_integer`,
    `nn.matmul_integer` with constant scales and zero points) becomes the
    form `--qt-quantize` produces, so both kinds of quantized model run on
    the same types and kernels:

    - an integer tensor made by `nn.quantize_linear(x, s, z)` becomes
      `qt.quantize x` to `!quant.uniform<i8|u8:f32, s:z>` (per axis for
      1-D scales); any other integer tensor a converted op reads (a graph
      input, a constant, an integer op's result) becomes the same stored
      integers of that type (`qt.storage_cast`, exact);
      `nn.dequantize_linear` of either becomes `qt.dequantize`;
    - `nn.qlinear_conv` / `nn.qlinear_matmul` become `nn.conv` /
      `nn.matmul` on those types producing the i32 accumulator (the int32
      bias added to it), then `qt.requantize` to the output's type:
      float32 multiplier, round half to even, zero point, saturation, as
      onnxruntime's kernels (and Gemmini's scalers) compute;
    - `nn.conv_integer` / `nn.matmul_integer` become `nn.conv` /
      `nn.matmul` on operands of scale 1 with their zero points (the input's
      one value; the weight's one or one per output channel), whose i32
      accumulator of scale 1 is the op's int32 result, when the sums
      provably fit 32 bits;
    - integer readers of a converted op's result (a function result, an
      integer op) read its stored integers (`qt.storage_cast`);
    - a float `nn.conv`, `nn.gemm` or `nn.matmul` whose input and weight
      are `qt.dequantize` results (the QDQ form of a quantized layer)
      multiplies the quantized values instead: exact integer products,
      with a bias `qt.dequantize`d from the accumulator's type added as
      integers.

    Ops with non-constant scales or zero points keep their nn ops; ops left
    without users are removed.

    Named `-nn-qdq-to-qt` before passes took their dialect's prefix.
  }];
  let dependentDialects = ["::mlir::tessel::qt::QTDialect",
                           "::mlir::quant::QuantDialect"];
}

#endif // TESSEL_DIALECT_QT_TRANSFORMS_PASSES_TD
