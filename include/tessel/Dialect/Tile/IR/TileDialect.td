//===- TileDialect.td - layers mapped onto the array -------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_TILE_IR_TILEDIALECT_TD
#define TESSEL_DIALECT_TILE_IR_TILEDIALECT_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"

def Tile_Dialect : Dialect {
  let name = "tile";
  let cppNamespace = "::mlir::tessel::tile";
  let summary = "Layers as a systolic array computes them";
  let description = [{
    The accelerator form of a quantized model: each linear layer is one op
    with the array's integer semantics (signed int8 operands, int32
    accumulation with an int32 bias, Gemmini's requantization: a float32
    multiply by the layer's `acc_scale`, round half to even, saturation to
    int8, then the store path's activation), and later the tile sizes it
    runs with. Host ops (`tile.im2col`, `tile.requantize`) do exactly what
    the host does around the array. Every op runs in the reference
    interpreter with these semantics, which the gemmini programs the layers
    lower to must reproduce bit for bit. Written by `--tessel-accelerator-form`,
    tiled by `--tessel-tile`, lowered by `--tessel-lower-to-gemmini`.
  }];
  let useDefaultAttributePrinterParser = 1;
}

def Tile_Activation : I32EnumAttr<"Activation",
    "what the store path applies after requantization", [
    I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"relu", 1>]> {
  let cppNamespace = "::mlir::tessel::tile";
  let genSpecializedAttr = 0;
}

def Tile_ActivationAttr
    : EnumAttr<Tile_Dialect, Tile_Activation, "activation"> {
  let summary = "activation must be none or relu";
  let assemblyFormat = "$value";
}

def Tile_Dataflow : I32EnumAttr<"Dataflow",
    "which operand stays in the array", [
    I32EnumAttrCase<"ws", 0>, I32EnumAttrCase<"os", 1>]> {
  let cppNamespace = "::mlir::tessel::tile";
  let genSpecializedAttr = 0;
}

def Tile_DataflowAttr : EnumAttr<Tile_Dialect, Tile_Dataflow, "dataflow"> {
  let summary = "dataflow must be ws (weight-stationary) or os "
                "(output-stationary)";
  let assemblyFormat = "$value";
}

class Tile_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tile_Dialect, mnemonic, traits>;

#endif // TESSEL_DIALECT_TILE_IR_TILEDIALECT_TD
