//===- Passes.td - conversions between tessel's dialects ---*- tablegen -*-===//

#ifndef TESSEL_CONVERSION_PASSES_TD
#define TESSEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def TesselAcceleratorForm : Pass<"tessel-accelerator-form", "::mlir::func::FuncOp"> {
  let summary = "Quantized nn layers as the array computes them (tile ops)";
  let description = [{
    Rewrites each 8-bit linear layer of a quantized model (`nn.conv`,
    `nn.gemm`, `nn.matmul` on `!quant.uniform<i8|u8:f32, ...>` operands, as
    `--qt-quantize` and `--qt-from-qdq` write them) into the accelerator
    form: `tile.conv` / `tile.matmul` on the operands' int8 codes
    (`qt.storage_cast`), with the int32 bias (one per output channel, or
    for a matrix product one per result element: Gemm's matrix C),
    accumulating in int32.

    The array multiplies int8 codes with zero point 0; other 8-bit
    operands are made so, exactly:
    - uint8 codes become int8 ones on the host (`qt.requantize` to the
      same scale, zero point 128 lower);
    - a weight with zero points or uint8 codes must be a constant: its
      integers `k - z_w` become int8 pieces, as many as the largest needs
      (at most 3), stacked along the contracted dimension, the input
      repeated as often along its own (`nn.concat`);
    - an input zero point `z_x` joins the bias as `-z_x` times each output
      channel's sum of the weight's integers (the weight and the bias must
      be constants), and a padded convolution is padded on the host with
      `z_x` (`nn.pad`), since the array pads with code 0.

    When the layer's accumulator is requantized (`qt.requantize`, as
    `--qt-from-qdq` writes ONNX's QLinear ops), or its dequantized result,
    through at most one `nn.relu` (or an `nn.clip` from 0 whose upper bound
    is at least the output format's largest value), is quantized again
    (`qt.quantize`), to a per-tensor 8-bit type with scale `s_out`, the
    layer requantizes as Gemmini's store path does:
    `acc_scale = s_in * s_w / s_out` in float32 (one per output channel for
    per-channel weights), round half to even, saturation to int8, the ReLU
    fused; its int8 result (shifted back to uint8 on the host for a uint8
    type) replaces every such op, and float users of the activated value
    read it dequantized. An output zero point `z` (less 128 for uint8)
    joins the bias as `rne(z / acc_scale)`, which needs `acc_scale <= 1`;
    a ReLU fuses where `z` is 0 and is the saturation itself where `z` is
    -128. The numerics change by at most about one output step (float32
    scale, the output zero point rounded into the bias, and the float ReLU
    replaced by the quantized one). Otherwise the layer keeps its int32
    accumulator, dequantized exactly as before.

    A convolution's activated result may pass through an `nn.maxpool`
    before it is quantized: a square window with one stride and padding,
    undilated, output sizes rounded down, and, when padded, after the ReLU
    and into codes whose zero point is 0 (Gemmini pads its pooling with
    code 0, which no ReLU output is below). The
    layer then pools on the store path (`tile.conv`'s `pool`), which is
    exact: requantizing before the maximum or after it gives the same
    codes, both being monotonic.

    Everything else stays as it was and runs on the host. The array
    multiplies 8-bit integers with a per-tensor input scale; a layer in any
    other format, or one whose zero points need a weight or bias that is
    not a constant, is an error naming it and the reason, unless
    `host-fallback` keeps it as it is.
  }];
  let options = [
    Option<"hostFallback", "host-fallback", "bool", "false",
           "keep layers the array cannot multiply on the host instead of "
           "failing">,
  ];
  let dependentDialects = ["::mlir::tessel::tile::TileDialect",
                           "::mlir::tessel::qt::QTDialect",
                           "::mlir::tessel::nn::NNDialect"];
}

def TesselLowerToGemmini : Pass<"tessel-lower-to-gemmini", "::mlir::ModuleOp"> {
  let summary = "Tiled layers to gemmini programs called from the host";
  let description = [{
    Replaces each tiled `tile.matmul` by a `gemmini.program` and a
    `gemmini.call` of it, with `gemmini.segment`s for its operands in the
    module's DRAM plan (inputs, weights, the bias, the output; one region
    per layer, consecutive and 64-byte aligned). The program is what
    Gemmini's `tiled_matmul_outer` issues for weight-stationary tiles:
    config_ex, config_st, config_ld for A, B and the bias (a row stride of
    0 repeats the bias over every row), then one `loop_ws` per tile with
    its bounds, padding, addresses and strides, the bias moved in by the
    first K tile, the output moved out by the last.

    With `explicit`, each tile is written as the instructions `loop_ws`
    stands for (the bias moved in, then per block `mvin` / `mvin2`,
    `preload`, `compute_preloaded` or `compute_accumulated`, and `mvout`),
    the form a later scheduling pass can reorder; the results are the same.

    A per-tensor `acc_scale` is applied by the store path; per-channel
    scales cannot be (Gemmini's store path holds one scale), so the array
    writes its int32 accumulators and `tile.requantize` applies them on the
    host. Batched products with a batch of `b` operands run one set of
    tiles per batch element.

    A tiled `tile.conv` (one `--tile-conv-to-matmul{conv-loops=...}` kept)
    becomes what Gemmini's `tiled_conv` (`tiled_conv_dw` for a depthwise
    layer) issues: config_st with the layer's scale and activation,
    config_ex, then per tile the six `loop_conv_ws` configurations and
    `loop_conv_ws`, the bias moved in by a tile's first kernel position and
    input-channel block, the output moved out by its last, operands
    reused across tiles in their own scratchpad buffers where at most two
    tiles of them exist (gemmini.h's `a_spad_id` / `b_spad_id`). The host
    moves the input to NHWC and the weights to HWIO (depthwise weights
    stay as they are, one kernel per channel) and the NHWC output back to
    NCHW. Its tiles have no explicit form: `explicit` refuses them.

    A layer in the explicit tiled form (`--tile-expand`: the stores into a
    `tile.dram` and the loads and products they depend on) becomes one
    program of exactly those moves and products, in their order: each
    `tile.load` as `mvin`s of up to DIM rows and `max_block_len` column
    blocks (load states 0 and 1 for the scratchpad's operands, 2 for
    biases; a broadcast bias with row stride 0), each `tile.compute` as the
    block products of its dataflow (`preload`, `compute_preloaded`,
    `compute_accumulated`), each `tile.store` as one `mvout` per block
    through the store path (`config_st` with its scale and activation).
    Every buffer gets scratchpad or accumulator rows of its own from its
    op until its last reader (ceil(R/DIM) x ceil(C/DIM) blocks of DIM
    rows, Gemmini's tile layout), taken round the memory rather than from
    its bottom, so consecutive tiles do not wait on each other's rows. A
    product accumulates onto its accumulator operand in place, so that
    operand must have no later reader: a bias tile several products start
    from (as `--cse` leaves it) is moved in once for each. A load that
    other layers read too is repeated in each layer's program; any other
    value one layer's program holds and another reads is an error, and so
    is a load from a region the form writes. Buffers that do not fit
    together are an error at the op that needs the rows, with the rows in
    use and the target's.
  }];
  let options = [
    Option<"explicitInstructions", "explicit", "bool", "false",
           "write each tile as mvin/preload/compute/mvout instead of loop_ws">,
  ];
  let dependentDialects = ["::mlir::tessel::gemmini::GemminiDialect",
                           "::mlir::tessel::nn::NNDialect",
                           "::mlir::tessel::tile::TileDialect"];
}

#endif // TESSEL_CONVERSION_PASSES_TD
