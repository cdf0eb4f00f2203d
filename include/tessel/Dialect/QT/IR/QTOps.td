//===- QTOps.td - the qt operations ------------------------*- tablegen -*-===//

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

    Folds to its input when that is already of the result's per-tensor
    `!quant.uniform` type, and a requantization back to the type a
    requantization came from folds to that one's input when the trip is
    exact: per-tensor integer types of
    one scale whose zero points differ by a shift that keeps every code in
    range (int8 with zero point z - 128 and uint8 with z).
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QT_StorageCastOp : QT_Op<"storage_cast", [Pure]> {
  let summary = "Reinterprets !quant.uniform values as their stored integers, or back";
  let description = [{
    ```mlir
    %i = qt.storage_cast %q : tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<2x3xi8>
    %r = qt.storage_cast %i : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>>
    ```

    One side has an integer `!quant.uniform` element type (per tensor or per
    axis, zero points allowed), the other its storage type: `iN` for signed
    storage, `uiN` for unsigned, of the same shape. The stored integers are
    kept as they are, nothing is rounded: an element standing for
    `(k - zero_point) * scale` is the integer `k`, and back, so integer
    tensors (ONNX's, an accelerator's) and quantized values convert
    exactly.

    Storage of 8, 16 or 32 bits. Narrower storage is bit-packed at runtime
    and the qt formats (`!qt.flint`, ...) have no integer storage, so
    neither is accepted.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // TESSEL_DIALECT_QT_IR_QTOPS_TD
