//===- TileBufferOps.td - the explicit tiled form ----------*- tablegen -*-===//
//
// DRAM regions, on-chip tile buffers and the moves and products between
// them: a tiled layer as its program runs it, at the granularity of tiles.
//
//===----------------------------------------------------------------------===//

#ifndef TESSEL_DIALECT_TILE_IR_TILEBUFFEROPS_TD
#define TESSEL_DIALECT_TILE_IR_TILEBUFFEROPS_TD

def Tile_DramTensor : Type<
    CPred<"::mlir::tessel::tile::isDram($_self)">,
    "a DRAM tensor of int8 or int32 (no memory encoding)",
    "::mlir::RankedTensorType">;

def Tile_SpadBuffer : Type<
    CPred<"::mlir::tessel::tile::isBuffer($_self, "
          "::mlir::tessel::tile::Memory::spad)">,
    "an int8 scratchpad tile (tensor<RxCxi8, #tile.memory<spad>>)",
    "::mlir::RankedTensorType">;

def Tile_AccBuffer : Type<
    CPred<"::mlir::tessel::tile::isBuffer($_self, "
          "::mlir::tessel::tile::Memory::acc)">,
    "an int32 accumulator tile (tensor<RxCxi32, #tile.memory<acc>>)",
    "::mlir::RankedTensorType">;

def Tile_AnyBuffer : AnyTypeOf<[Tile_SpadBuffer, Tile_AccBuffer]>;

def Tile_DramOp : Tile_Op<"dram", [MemoryEffects<[MemAlloc]>]> {
  let summary = "The DRAM region a layer's stores write";
  let description = [{
    ```mlir
    %c = tile.dram : tensor<196x256xi8>
    ```
    A region of the result's type, zero until `tile.store`s write it: the
    segment a layer's result occupies. Every element is written by the
    layer's stores before anything reads it. Each op is a region of its
    own (an allocation, which CSE does not merge), so two layers never
    write one.
  }];
  let results = (outs Tile_DramTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Tile_LoadOp : Tile_Op<"load", [Pure]> {
  let summary = "A tile moved in from DRAM";
  let description = [{
    ```mlir
    %a = tile.load %x [64, 256] : tensor<1x196x2304xi8> -> tensor<64x256xi8, #tile.memory<spad>>
    %d = tile.load %bias [0, 64] broadcast : tensor<256xi32> -> tensor<64x64xi32, #tile.memory<acc>>
    ```
    The source is read as a matrix: its last dimension is the columns,
    every other dimension is folded into the rows (a rank-1 source is one
    row). The result holds rows `[r, r + R)` and columns `[c, c + C)` of it
    for `offsets = [r, c]` and an R x C buffer: int8 into the scratchpad
    (Gemmini's `mvin` to a scratchpad address), int32 into the accumulator
    (`mvin` of a bias, D). With `broadcast`, row `r` is repeated into all R
    rows, as Gemmini does for a bias with row stride 0 (`repeating_bias`).
    A buffer holds exactly the elements it names; the edge tiles of a
    layer are smaller, as the hardware's padded blocks are.
  }];
  let arguments = (ins Tile_DramTensor:$source, DenseI64ArrayAttr:$offsets,
                   UnitAttr:$broadcast);
  let results = (outs Tile_AnyBuffer:$result);
  let assemblyFormat = [{
    $source $offsets (`broadcast` $broadcast^)? attr-dict `:` type($source)
    `->` type($result)
  }];
  let hasVerifier = 1;
}

def Tile_ComputeOp : Tile_Op<"compute", [Pure]> {
  let summary = "A tile product accumulated on chip";
  let description = [{
    ```mlir
    %c1 = tile.compute %a, %b, %c0 : (tensor<64x256xi8, #tile.memory<spad>>,
        tensor<256x64xi8, #tile.memory<spad>>, tensor<64x64xi32, #tile.memory<acc>>)
        -> tensor<64x64xi32, #tile.memory<acc>>
    ```
    `acc[i, j] + sum_k a[i, k] * b[k, j]` in wrapping int32, `acc` zero
    when absent: the block products Gemmini's `preload` and `compute`
    instructions (or one `loop_ws`) accumulate into the accumulator for
    one tile. `dataflow` is the array's for this tile (`ws` or `os`); it
    changes the instructions, not the sums.
  }];
  let arguments = (ins Tile_SpadBuffer:$a, Tile_SpadBuffer:$b,
                   Optional<Tile_AccBuffer>:$acc,
                   DefaultValuedAttr<Tile_DataflowAttr,
                                     "::mlir::tessel::tile::Dataflow::ws">:$dataflow);
  let results = (outs Tile_AccBuffer:$result);
  let assemblyFormat = [{
    $a `,` $b (`,` $acc^)? (`dataflow` $dataflow^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Tile_StoreOp : Tile_Op<"store", [Pure, AllTypesMatch<["dest", "result"]>]> {
  let summary = "A tile moved out through the store path";
  let description = [{
    ```mlir
    %c2 = tile.store %acc into %c1 [64, 0] activation relu {acc_scale = 1.250000e-02 : f32}
        : tensor<64x64xi32, #tile.memory<acc>> into tensor<196x256xi8>
    ```
    `dest` with rows `[r, r + R)` and columns `[c, c + C)` of its matrix
    view (as `tile.load` reads one) replaced by the R x C accumulator
    tile: with `acc_scale`, `act(sat8(rne(float32(acc) * acc_scale)))`
    into an int8 `dest`, Gemmini's `mvout` through the store path;
    without it, the raw int32 accumulators into an int32 `dest`.
  }];
  let arguments = (ins Tile_AccBuffer:$acc, Tile_DramTensor:$dest,
                   DenseI64ArrayAttr:$offsets,
                   OptionalAttr<F32Attr>:$acc_scale,
                   DefaultValuedAttr<Tile_ActivationAttr,
                                     "::mlir::tessel::tile::Activation::none">:$activation);
  let results = (outs Tile_DramTensor:$result);
  let assemblyFormat = [{
    $acc `into` $dest $offsets (`activation` $activation^)? attr-dict `:`
    type($acc) `into` type($dest)
  }];
  let hasVerifier = 1;
}

#endif // TESSEL_DIALECT_TILE_IR_TILEBUFFEROPS_TD
