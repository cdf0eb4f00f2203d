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

    The explicit tiled form (`--tile-expand`) spells a tiled layer out as
    what its program does: DRAM regions (`tile.dram`), loads of tiles into
    scratchpad and accumulator buffers (tensors encoded
    `#tile.memory<spad>` or `#tile.memory<acc>`), products accumulated
    into them (`tile.compute`) and stores through the store path
    (`tile.store`), in the program's order. Each buffer is an SSA value, so
    an operand kept on chip between products is one load used twice, and
    a buffer's lifetime is its value's.
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

def Tile_Memory : I32EnumAttr<"Memory",
    "the on-chip memory a tile buffer lives in", [
    I32EnumAttrCase<"spad", 0>, I32EnumAttrCase<"acc", 1>]> {
  let cppNamespace = "::mlir::tessel::tile";
  let genSpecializedAttr = 0;
}

def Tile_MemoryAttr : EnumAttr<Tile_Dialect, Tile_Memory, "memory"> {
  let summary = "memory must be spad (the scratchpad) or acc (the "
                "accumulator)";
  let description = [{
    The encoding of a tensor that is a tile buffer on chip rather than a
    DRAM region: `tensor<64x32xi8, #tile.memory<spad>>` holds int8 rows of
    the scratchpad, `tensor<64x32xi32, #tile.memory<acc>>` int32 rows of
    the accumulator. Written by `--tile-expand`, read by the explicit ops
    (`tile.load`, `tile.compute`, `tile.store`).
  }];
  let assemblyFormat = "`<` $value `>`";
}

class Tile_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tile_Dialect, mnemonic, traits>;

#endif // TESSEL_DIALECT_TILE_IR_TILEDIALECT_TD
