//===- TileOps.td - layers and host ops of the accelerator form -*- tablegen -*-===//

#ifndef TESSEL_DIALECT_TILE_IR_TILEOPS_TD
#define TESSEL_DIALECT_TILE_IR_TILEOPS_TD

include "tessel/Dialect/Tile/IR/TileDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Tile_Int8Tensor : RankedTensorOf<[I8]>;
def Tile_Int32Tensor : RankedTensorOf<[I32]>;
def Tile_LayerResult : RankedTensorOf<[I8, I32]>;

def Tile_MatmulOp : Tile_Op<"matmul", [Pure]> {
  let summary = "A matrix product as the array computes it";
  let description = [{
    ```mlir
    %c = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.0125>, estimated_cycles = 584226 : i64, tiles = array<i64: 5, 6, 32>}
        : (tensor<512x512xi8>, tensor<512x512xi8>, tensor<512xi32>) -> tensor<512x512xi8>
    %d = tile.matmul %a, %b dataflow os {acc_scale = array<f32: 0.0125>, tiles = array<i64: 8, 8, 64>}
        : (tensor<512x512xi8>, tensor<512x512xi8>) -> tensor<512x512xi8>
    ```
    `acc[..., m, n] = bias[n] + sum_k a[..., m, k] * b[(...,) k, n]`
    (or `bias[..., m, n]`: one bias per result element, Gemmini's D
    without repeating_bias, when the bias has the result's shape),
    accumulated in int32 with two's-complement wrap-around as the array's
    accumulator does. With `acc_scale` (one scale, or one per column n)
    the result is int8: `act(sat8(rne(float32(acc) * acc_scale[n])))`,
    Gemmini's store path. Without it the result is the raw int32
    accumulator and the activation must be `none`. `a` may carry batch
    dimensions; `b` is shared (rank 2) or has the same batch dimensions,
    and then the bias may too (one bias row per batch element).

    `tiles`, set by `--tessel-tile`, is the tile size in DIM x DIM blocks
    along I (rows of a), J (columns of b) and K. `estimated_cycles`, set
    with it, is the cost model's estimate (docs/tiling.md) of the cycles the
    simulator's timing model reports for the program
    `--tessel-lower-to-gemmini` writes with those tiles: what the `cost`
    policy minimises, and for the `gemmini` policy what its choice costs.
    `dataflow` is the array's: `ws` (weight-stationary, the default: each
    B block stays in the array while A streams through) or `os`
    (output-stationary: each C block stays while A and B stream). It
    changes the program, not the result.
  }];
  let arguments = (ins Tile_Int8Tensor:$a, Tile_Int8Tensor:$b,
                   Optional<Tile_Int32Tensor>:$bias,
                   OptionalAttr<DenseF32ArrayAttr>:$acc_scale,
                   DefaultValuedAttr<Tile_ActivationAttr,
                                     "::mlir::tessel::tile::Activation::none">:$activation,
                   OptionalAttr<DenseI64ArrayAttr>:$tiles,
                   OptionalAttr<I64Attr>:$estimated_cycles,
                   DefaultValuedAttr<Tile_DataflowAttr,
                                     "::mlir::tessel::tile::Dataflow::ws">:$dataflow);
  let results = (outs Tile_LayerResult:$result);
  let assemblyFormat = [{
    $a `,` $b (`,` $bias^)? (`activation` $activation^)?
    (`dataflow` $dataflow^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Rows (batch folded in), columns and contracted size.
    int64_t getM();
    int64_t getN();
    int64_t getK();
    /// Batch elements of `a` (1 without batch dimensions).
    int64_t getBatch();
    /// Whether every batch element multiplies the same `b`.
    bool hasSharedB() { return getB().getType().getRank() == 2; }
    /// Whether the bias has one value per result element (the result's
    /// shape) rather than one per column.
    bool hasFullBias() {
      return getBias() && getBias().getType().getRank() > 1 &&
             getBias().getType().getShape() ==
                 getResult().getType().getShape();
    }
    /// Whether the array writes the int32 accumulators: no single scale
    /// for the store path (none, or one per column, applied on the host).
    bool hasFullC() {
      std::optional<::llvm::ArrayRef<float>> scales = getAccScale();
      return !scales || scales->size() != 1;
    }
  }];
}

def Tile_ConvOp : Tile_Op<"conv", [Pure]> {
  let summary = "A 2-D convolution as the array computes it";
  let description = [{
    ```mlir
    %y = tile.conv %x, %w, %bias activation relu {acc_scale = array<f32: 0.01>,
        strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>,
        dilations = array<i64: 1, 1>, groups = 1 : i64}
        : (tensor<1x3x32x32xi8>, tensor<8x3x3x3xi8>, tensor<8xi32>) -> tensor<1x8x16x16xi8>
    ```
    NCHW input, OIHW weights (`groups` groups; depthwise when it is the
    channel count), explicit pads (top, left, bottom, right), zero padding
    (int8 code 0, the real 0 of a symmetric format). The accumulator is
    `bias[o] + sum x * w` in wrapping int32 and the result follows
    `tile.matmul`'s rules, with `acc_scale` per output channel.

    `pool = array<i64: size, stride, padding>` max-pools the int8 result
    (so it needs `acc_scale`) over size x size windows as Gemmini's store
    path does: positions outside the convolution's output count as 0, which
    after a ReLU is ONNX MaxPool's rule (a result is never below 0). The
    result is then the pooled size, `(out + 2 * padding - size) / stride + 1`.

    `tiles`, set by `--tessel-tile` on a convolution the array runs whole
    (Gemmini's `loop_conv_ws`: one store-path scale, groups 1 or
    depthwise, a square kernel with one stride, padding and dilation), is
    `tiled_conv`'s seven tile arguments: batches, pooled output rows and
    columns, output channels, kernel rows and columns, input channels.
    A depthwise tile has one channel, so its channel arguments are 1.
  }];
  let arguments = (ins Tile_Int8Tensor:$input, Tile_Int8Tensor:$weight,
                   Optional<Tile_Int32Tensor>:$bias,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                   DenseI64ArrayAttr:$dilations,
                   DefaultValuedAttr<I64Attr, "1">:$groups,
                   OptionalAttr<DenseF32ArrayAttr>:$acc_scale,
                   DefaultValuedAttr<Tile_ActivationAttr,
                                     "::mlir::tessel::tile::Activation::none">:$activation,
                   OptionalAttr<DenseI64ArrayAttr>:$pool,
                   OptionalAttr<DenseI64ArrayAttr>:$tiles);
  let results = (outs Tile_LayerResult:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? (`activation` $activation^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The convolution's NCHW result before pooling (the op is verified).
    ::llvm::SmallVector<int64_t, 4> getConvShape();
  }];
}

def Tile_Im2ColOp : Tile_Op<"im2col", [Pure]> {
  let summary = "Convolution patches as the rows of a matrix (host)";
  let description = [{
    ```mlir
    %p = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>,
        pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>}
        : tensor<1x8x16x16xi8> -> tensor<256x72xi8>
    ```
    Row `(n, oy, ox)` (in that order) holds the input patch of output pixel
    (oy, ox) of image n, column `(c, ky, kx)` element
    `x[n, c, oy*sy - top + ky*dy, ox*sx - left + kx*dx]`, 0 outside the
    input: the matrix whose product with the weights reshaped to
    (C*KH*KW) x O is the convolution. Data movement the host does before
    the array multiplies; exact for any element type.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                   DenseI64ArrayAttr:$dilations);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Tile_RequantizeOp : Tile_Op<"requantize", [Pure]> {
  let summary = "The store path's requantization, on the host";
  let description = [{
    ```mlir
    %y = tile.requantize %acc activation relu {acc_scale = array<f32: 0.5, 0.25>, axis = 1 : i64}
        : tensor<4x2xi32> -> tensor<4x2xi8>
    ```
    `act(sat8(rne(float32(acc) * acc_scale[c])))` with `c` the index along
    `axis` (one scale for all when `acc_scale` has one element): what
    Gemmini's store path computes, for scales it cannot apply itself (its
    store path holds one scale, so per-channel scales are applied here to
    the int32 accumulators the array wrote).
  }];
  let arguments = (ins Tile_Int32Tensor:$input, DenseF32ArrayAttr:$acc_scale,
                   DefaultValuedAttr<I64Attr, "0">:$axis,
                   DefaultValuedAttr<Tile_ActivationAttr,
                                     "::mlir::tessel::tile::Activation::none">:$activation);
  let results = (outs Tile_Int8Tensor:$result);
  let assemblyFormat = [{
    $input (`activation` $activation^)? attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

include "tessel/Dialect/Tile/IR/TileBufferOps.td"

#endif // TESSEL_DIALECT_TILE_IR_TILEOPS_TD
