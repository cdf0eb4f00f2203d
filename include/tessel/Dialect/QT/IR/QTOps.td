//===- QTOps.td - quantize, dequantize, requantize ---------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_QT_IR_QTOPS_TD
#define TESSEL_DIALECT_QT_IR_QTOPS_TD

include "tessel/Dialect/QT/IR/QTTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def QT_QuantizeOp : QT_Op<"quantize", [Pure]> {
  let summary = "Encodes a float tensor in a quantized format";
  let description = [{
    `%q = qt.quantize %x : tensor<64x3x3x3xf32> -> tensor<64x3x3x3x!qt.flint<4, signed, scales = [...], axis = 0>>`:
    each element (or block) encoded in the result's element type, a qt type
    or `!quant.uniform`. The shapes must agree; a per-channel axis must exist
    and have one scale per channel; a block axis must exist.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QT_DequantizeOp : QT_Op<"dequantize", [Pure]> {
  let summary = "Decodes a quantized tensor to floats";
  let description = [{
    `%x = qt.dequantize %q : tensor<...x!qt.mx<fp8_e4m3>> -> tensor<...xf32>`:
    the real values the codes stand for.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QT_RequantizeOp : QT_Op<"requantize", [Pure]> {
  let summary = "Re-encodes a quantized tensor in another format";
  let description = [{
    `%r = qt.requantize %q : tensor<...x!quant.uniform<i32:f32, 0.001>> -> tensor<...x!qt.flint<4, unsigned, scale = 0.1>>`:
    decode, then encode in the result's format (what a requantizing store
    does after an integer accumulation).
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // TESSEL_DIALECT_QT_IR_QTOPS_TD
