//===- Passes.td - tile passes -----------------------------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_TILE_TRANSFORMS_PASSES_TD
#define TESSEL_DIALECT_TILE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TileConvToMatmul : Pass<"tile-conv-to-matmul", "::mlir::func::FuncOp"> {
  let summary = "Convolutions as im2col and matrix products";
  let description = [{
    Rewrites each `tile.conv` with one group into `tile.im2col` of the input
    (on the host), the weights reshaped and transposed to (C*KH*KW) x O,
    `tile.matmul` with the bias, scales and activation, and the
    (N*OH*OW) x O product reshaped and transposed back to NCHW:

    ```
    %p = tile.im2col %x {...} : tensor<1x3x32x32xi8> -> tensor<256x27xi8>
    %c = tile.matmul %p, %wt, %bias ... : (...) -> tensor<256x8xi8>
    %r = nn.reshape %c {shape = array<i64: 1, 16, 16, 8>} ...
    %y = nn.transpose %r {perm = array<i64: 0, 3, 1, 2>} ...
    ```

    A grouped (or depthwise) convolution becomes a batch of products, one
    per group, with a bias row per group; per-channel scales are then
    applied to the NCHW result by `tile.requantize` (Gemmini's store path
    holds one scale). The sums are the convolution's, so the result is
    bit-identical.

    `conv-loops` keeps convolutions whole for Gemmini's convolution loop
    (`loop_conv_ws`), which runs a convolution with one store-path scale,
    groups 1 or depthwise, a square kernel with one stride, padding and
    dilation, and a tile of `tiled_conv_auto` that fits the module's
    `gemmini.target`. Such a convolution stays a `tile.conv`, for
    `--tessel-tile` to tile and `--tessel-lower-to-gemmini` to run as
    Gemmini's `tiled_conv` does:

    - `none` (the default) keeps none;
    - `all` keeps every one, as Gemmini's own library runs them;
    - `faster` keeps one when its loop program, timed in the simulator's
      timing model (a timing run of exactly the instructions the lowering
      writes), takes fewer cycles than the cost model's estimate for the
      im2col product with the cost policy's tile.
  }];
  let options = [
    Option<"convLoops", "conv-loops", "::mlir::tessel::tile::ConvLoops",
           "::mlir::tessel::tile::ConvLoops::none",
           "which convolutions to keep for loop_conv_ws: none, all, faster",
           [{::llvm::cl::values(
               clEnumValN(::mlir::tessel::tile::ConvLoops::none, "none",
                          "every convolution as im2col"),
               clEnumValN(::mlir::tessel::tile::ConvLoops::all, "all",
                          "every one loop_conv_ws runs"),
               clEnumValN(::mlir::tessel::tile::ConvLoops::faster, "faster",
                          "those loop_conv_ws runs faster than im2col"))}]>,
  ];
  let dependentDialects = ["::mlir::tessel::nn::NNDialect"];
}

def TesselTile : Pass<"tessel-tile", "::mlir::ModuleOp"> {
  let summary = "Chooses each layer's tiles for the module's Gemmini target";
  let description = [{
    Sets `tiles` on every `tile.matmul` (the tile size in DIM x DIM blocks
    along I, J and K) and `estimated_cycles`, the cost model's estimate of
    the cycles the simulator reports for the layer's program with those
    tiles (docs/tiling.md). Sets `tiles` on every `tile.conv` (one that
    `--tile-conv-to-matmul{conv-loops=...}` kept) to `tiled_conv_auto`'s
    seven arguments, under either policy: the cost model covers the
    matrix products, and convolutions kept whole are Gemmini's baseline.

    - `policy=gemmini` reproduces Gemmini's own `tiled_matmul_auto`
      (weight-stationary, double-buffered budgets: half the scratchpad and
      half the accumulator), the choice a user of Gemmini's C library gets.
    - `policy=cost` searches every tile loop_ws accepts ((I*K + K*J)*DIM
      rows within half the scratchpad, I*J*DIM within half the
      accumulator, each at most the layer's blocks) for the fewest
      estimated cycles; ties go to fewer DRAM bytes, then to the gemmini
      policy's tile. Layers of the same shape are searched once.

    `dataflow` sets which operand stays in the array (`tile.matmul`'s
    `dataflow`). `ws` (the default) is weight-stationary throughout; `os`
    is output-stationary throughout, with `tiled_matmul_auto`'s OS tile
    (its budgets are the whole scratchpad and accumulator) under either
    policy, the cost model searching weight-stationary tiles only; `auto`
    takes per layer the faster of the policy's weight-stationary tile and
    the output-stationary one. An output-stationary layer's
    `estimated_cycles` is a timing run of its program (the simulator's
    timing mode), so it is what the simulator reports. Its program is
    explicit instructions, one per block move and block product (Gemmini
    has no output-stationary loop), so it is far larger than a `loop_ws`
    program. Convolutions kept whole stay weight-stationary, as Gemmini's
    convolution loop is.

    `target=PRESET[:field=value,...]` sets the module's `gemmini.target`
    first; without it the module's target (or Gemmini's default) is used.
    A layer no tile fits is an error naming the layer, its sizes and the
    target's limits.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "preset[:field=value,...]; empty keeps the module's target">,
    Option<"policy", "policy", "std::string", "\"gemmini\"",
           "how tiles are chosen: gemmini (Gemmini's tiled_matmul_auto) or "
           "cost (the fewest estimated cycles)">,
    Option<"dataflow", "dataflow", "::mlir::tessel::tile::DataflowChoice",
           "::mlir::tessel::tile::DataflowChoice::ws",
           "the matrix products' dataflow: ws, os or auto",
           [{::llvm::cl::values(
               clEnumValN(::mlir::tessel::tile::DataflowChoice::ws, "ws",
                          "weight-stationary"),
               clEnumValN(::mlir::tessel::tile::DataflowChoice::os, "os",
                          "output-stationary"),
               clEnumValN(::mlir::tessel::tile::DataflowChoice::automatic,
                          "auto", "per layer the faster"))}]>,
  ];
  let dependentDialects = ["::mlir::tessel::gemmini::GemminiDialect"];
}

def TileExpand : Pass<"tile-expand", "::mlir::ModuleOp"> {
  let summary = "Tiled matrix products as their tiles' loads, products and "
                "stores";
  let description = [{
    Rewrites each tiled `tile.matmul` into the explicit tiled form: the
    loads, products and stores its program performs, tile by tile, in the
    order Gemmini's `tiled_matmul_outer` runs them (batch, then I, J and K
    tiles, K innermost), with the tile sizes `--tessel-tile` chose and the
    module's `gemmini.target`'s DIM:

    ```
    %c = tile.dram : tensor<40x50xi8>
    %a = tile.load %x [0, 0] : tensor<40x30xi8> -> tensor<16x16xi8, #tile.memory<spad>>
    %b = tile.load %w [0, 0] : tensor<30x50xi8> -> tensor<16x16xi8, #tile.memory<spad>>
    %d = tile.load %bias [0, 0] broadcast : tensor<50xi32> -> tensor<16x16xi32, #tile.memory<acc>>
    %p = tile.compute %a, %b, %d : (...) -> tensor<16x16xi32, #tile.memory<acc>>
    ...
    %c1 = tile.store %q into %c [0, 0] {acc_scale = 1.0e-02 : f32} : ... into tensor<40x50xi8>
    ```

    The bias initializes the accumulator at the first K tile (a repeated
    row, one row per batch element, or a tile of a bias per result element),
    the result is stored through the store path after the last. Where the
    program keeps an operand in the scratchpad between tiles
    (weight-stationary, at most two tiles of it), the explicit form loads it
    once and uses it again; otherwise every product has its own loads, as
    the program moves them. Per-column scales are applied on the host to the
    int32 results (`tile.requantize`), as the lowering does. The result is
    the layer's bit for bit.

    Convolutions kept whole for Gemmini's convolution loop stay layers. A
    matrix product without tiles is an error: run `--tessel-tile` first.
  }];
  let dependentDialects = ["::mlir::tessel::gemmini::GemminiDialect"];
}

#endif // TESSEL_DIALECT_TILE_TRANSFORMS_PASSES_TD
