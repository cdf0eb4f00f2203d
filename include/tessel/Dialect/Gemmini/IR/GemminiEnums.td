//===- GemminiEnums.td - gemmini enumerations --------------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIENUMS_TD
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIENUMS_TD

include "tessel/Dialect/Gemmini/IR/GemminiDialect.td"
include "mlir/IR/EnumAttr.td"

// The values are the ISA's: config_ex's rs1[2].
def Gemmini_Dataflow : I32EnumAttr<"Dataflow", "a dataflow of the array", [
    I32EnumAttrCase<"os", 0>, I32EnumAttrCase<"ws", 1>]> {
  let cppNamespace = "::mlir::tessel::gemmini";
  let genSpecializedAttr = 0;
}

def Gemmini_Dataflows : I32EnumAttr<"Dataflows",
    "the dataflows a target supports", [
    I32EnumAttrCase<"os", 0>, I32EnumAttrCase<"ws", 1>,
    I32EnumAttrCase<"both", 2>]> {
  let cppNamespace = "::mlir::tessel::gemmini";
  let genSpecializedAttr = 0;
}

def Gemmini_SegmentKind : I32EnumAttr<"SegmentKind",
    "what a DRAM segment holds", [
    I32EnumAttrCase<"weights", 0>, I32EnumAttrCase<"inputs", 1>,
    I32EnumAttrCase<"outputs", 2>, I32EnumAttrCase<"scratch", 3>]> {
  let cppNamespace = "::mlir::tessel::gemmini";
  let genSpecializedAttr = 0;
}

def Gemmini_SegmentKindAttr
    : EnumAttr<Gemmini_Dialect, Gemmini_SegmentKind, "segment_kind"> {
  // Also the diagnostic of a `kind` that is not one.
  let summary = "segment kind must be weights, inputs, outputs or scratch";
}

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIENUMS_TD
