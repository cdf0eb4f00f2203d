//===- QTTypes.td - qt element types -----------------------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_QT_IR_QTTYPES_TD
#define TESSEL_DIALECT_QT_IR_QTTYPES_TD

include "tessel/Dialect/QT/IR/QTDialect.td"

def QT_QuantizedTypeInterface : TypeInterface<"QuantizedTypeInterface"> {
  let cppNamespace = "::mlir::tessel::qt";
  let description = [{
    What every qt format answers alike: its codec (a tessel-quant format
    name with the rounding rule), the bits of one element's code, the block
    it shares an exponent with, and where its scales are.
  }];
  let methods = [
    InterfaceMethod<"The format's name as tessel-quant takes it.",
                    "std::string", "getFormatName">,
    InterfaceMethod<"The rounding rule (up, even, away or zero).",
                    "::llvm::StringRef", "getRounding">,
    InterfaceMethod<"Bits of one element's code.", "unsigned",
                    "getStorageBits">,
    InterfaceMethod<"Elements sharing one exponent (1 for scaled formats).",
                    "int64_t", "getBlockSize">,
    InterfaceMethod<[{The axis scales (per channel) or blocks run along; -1
                      for a per-tensor scale or the last axis.}],
                    "int64_t", "getQuantizedAxis">,
    InterfaceMethod<"The scales (empty for block formats).",
                    "::llvm::ArrayRef<double>", "getScaleValues">,
  ];
}

/// Scaled formats: `<width, signed|unsigned, scale = s>` or
/// `<..., scales = [s0, s1, ...], axis = a>`, optionally `rounding = r`.
class QT_ScaledType<string name, string typeMnemonic>
    : TypeDef<QT_Dialect, name, [DeclareTypeInterfaceMethods<
          QT_QuantizedTypeInterface, ["getFormatName", "getStorageBits",
                                      "getBlockSize", "getScaleValues"]>]> {
  let mnemonic = typeMnemonic;
  let parameters = (ins "unsigned":$width, "bool":$isSigned,
                        "::mlir::DenseF64ArrayAttr":$scales,
                        "int64_t":$axis, StringRefParameter<>:$roundingRule);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def QT_FlintType : QT_ScaledType<"Flint", "flint"> {
  let summary = "ANT's flint: a float-int hybrid of 3 to 8 bits";
  let description = [{
    `!qt.flint<4, signed, scale = 0.25>`: codes of ANT's flint (first-one
    prefix code; signed is sign + (width-1)-bit flint), real value = code
    value x scale. Per-channel: `scales = [...], axis = a`. Rounding
    defaults to ANT's (`up`: nearest, ties to the larger value).
  }];
}

def QT_PotType : QT_ScaledType<"Pot", "pot"> {
  let summary = "ANT's power of two: 0 and +-2^i, 2 to 8 bits";
  let description = [{
    `!qt.pot<4, signed, scale = 0.5>`: 0 and powers of two (sign-magnitude
    when signed), times the scale. Rounding defaults to `up`.
  }];
}

def QT_OvpType : TypeDef<QT_Dialect, "Ovp", [DeclareTypeInterfaceMethods<
    QT_QuantizedTypeInterface, ["getFormatName", "getStorageBits",
                                "getBlockSize", "getScaleValues",
                                "getRounding", "getQuantizedAxis"]>]> {
  let mnemonic = "ovp";
  let summary = "OliVe's outlier-victim pairs, 4 or 8 bits";
  let description = [{
    `!qt.ovp<int, 4, scale = 0.25>` or `!qt.ovp<flint, 4, scales = [...],
    axis = 0>`: adjacent pairs of the flattened tensor hold two normal
    values (int or flint) or an outlier (abfloat) and a zeroed victim
    marked by the identifier code. Values are units x scale, the outlier
    threshold at 32 units.
  }];
  let parameters = (ins StringRefParameter<>:$normal, "unsigned":$width,
                        "::mlir::DenseF64ArrayAttr":$scales, "int64_t":$axis);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def QT_BfpType : TypeDef<QT_Dialect, "Bfp", [DeclareTypeInterfaceMethods<
    QT_QuantizedTypeInterface, ["getFormatName", "getStorageBits",
                                "getBlockSize", "getScaleValues",
                                "getQuantizedAxis"]>]> {
  let mnemonic = "bfp";
  let summary = "Block floating point: p-bit mantissas, one 8-bit exponent a block";
  let description = [{
    `!qt.bfp<8, block = 64, axis = 1, rounding = even>` (d-Matrix's BFP16):
    blocks of consecutive elements along `axis` (-1 or absent: the last
    axis) share an 8-bit exponent; mantissas are p-bit two's complement.
    Rounding defaults to `even`.
  }];
  let parameters = (ins "unsigned":$mantissaBits, "int64_t":$block,
                        "int64_t":$axis, StringRefParameter<>:$roundingRule);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def QT_MxType : TypeDef<QT_Dialect, "Mx", [DeclareTypeInterfaceMethods<
    QT_QuantizedTypeInterface, ["getFormatName", "getStorageBits",
                                "getBlockSize", "getScaleValues",
                                "getQuantizedAxis"]>]> {
  let mnemonic = "mx";
  let summary = "OCP MX: MXINT8, MXFP8/6/4 with an E8M0 scale a block";
  let description = [{
    `!qt.mx<fp8_e4m3, block = 32, axis = 1, rounding = away>`: elements
    `int8`, `fp8_e4m3`, `fp8_e5m2`, `fp6_e3m2`, `fp6_e2m3`, `fp4_e2m1`;
    blocks of `block` elements along `axis` (the last axis by default) share
    an E8M0 scale. Rounding defaults to microxcaling's `away`.
  }];
  let parameters = (ins StringRefParameter<>:$element, "int64_t":$block,
                        "int64_t":$axis, StringRefParameter<>:$roundingRule);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

#endif // TESSEL_DIALECT_QT_IR_QTTYPES_TD
