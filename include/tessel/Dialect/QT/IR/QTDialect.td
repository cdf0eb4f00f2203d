//===- QTDialect.td - quantized number formats as types ----*- tablegen -*-===//

#ifndef TESSEL_DIALECT_QT_IR_QTDIALECT_TD
#define TESSEL_DIALECT_QT_IR_QTDIALECT_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/OpBase.td"

def QT_Dialect : Dialect {
  let name = "qt";
  let cppNamespace = "::mlir::tessel::qt";
  let summary = "Exotic number formats as tensor element types";
  let description = [{
    ANT's flint and power-of-two types, OliVe's outlier-victim pairs, block
    floating point and OCP MX as element types of tensors, with the scale
    (per tensor, or per channel along an axis) or the block structure in the
    type, and operations that quantize, dequantize and requantize. The
    integer formats use upstream `!quant.uniform`, whose stored integers
    `qt.storage_cast` reads and writes. Every qt type implements
    `QuantizedTypeInterface`, so passes and the interpreter treat all
    formats alike; the codecs behind them are `include/tessel/Quant`, and
    `docs/number-formats.md` gives their bit layouts and rounding rules.
  }];
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
}

class QT_Op<string mnemonic, list<Trait> traits = []>
    : Op<QT_Dialect, mnemonic, traits>;

#endif // TESSEL_DIALECT_QT_IR_QTDIALECT_TD
