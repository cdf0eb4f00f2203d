// --qt-quantize: what it rewrites and into which types.
// RUN: tessel-opt %s --qt-quantize="scheme=int8" | FileCheck %s --check-prefix=INT8
// RUN: tessel-opt %s --qt-quantize="scheme=int8 granularity=per-tensor activations=signed" | FileCheck %s --check-prefix=TENSOR
// RUN: tessel-opt %s --qt-quantize="scheme=mxint8" | FileCheck %s --check-prefix=MX
// RUN: tessel-opt %s --qt-quantize="scheme=ovp8" | FileCheck %s --check-prefix=OVP
// RUN: tessel-opt %s --qt-quantize="scheme=pot8" | FileCheck %s --check-prefix=WIDE
// RUN: tessel-opt %s --qt-quantize="scheme=ant4" | FileCheck %s --check-prefix=ANT
// RUN: tessel-opt %s --qt-quantize="scheme=int8 layers=fc=float,c*=flint4" | FileCheck %s --check-prefix=LAYERS
// RUN: tessel-opt %s --qt-quantize="scheme=int8 report=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT

func.func @main(%x: tensor<1x2x6x6xf32> {onnx.name = "x"}, %k: tensor<1x8x4xf32> {onnx.name = "k"})
    -> (tensor<1x3xf32>, tensor<1x8x8xf32>) {
  %w = nn.constant dense<[[[[0.5]], [[-1.0]]], [[[0.25]], [[2.0]]], [[[1.5]], [[0.0]]], [[[-0.75]], [[1.0]]]]> : tensor<4x2x1x1xf32>
  %b = nn.constant dense<[0.1, -0.2, 0.3, 0.0]> : tensor<4xf32>
  %c = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>, tensor<4x2x1x1xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32> loc("conv1")
  %r = nn.relu %c : tensor<1x4x3x3xf32>
  %f = nn.reshape %r {shape = array<i64: 1, 36>} : (tensor<1x4x3x3xf32>) -> tensor<1x36xf32>
  %fw = nn.constant dense<0.125> : tensor<3x36xf32>
  %fb = nn.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %g = nn.gemm %f, %fw, %fb {trans_b = true} : (tensor<1x36xf32>, tensor<3x36xf32>, tensor<3xf32>) -> tensor<1x3xf32> loc("fc")
  // Two activations: both calibrated, one scale each.
  %kt = nn.transpose %k {perm = array<i64: 0, 2, 1>} : (tensor<1x8x4xf32>) -> tensor<1x4x8xf32>
  %m = nn.matmul %k, %kt : (tensor<1x8x4xf32>, tensor<1x4x8xf32>) -> tensor<1x8x8xf32> loc("attn")
  return %g, %m : tensor<1x3xf32>, tensor<1x8x8xf32>
}

// The input is signed, the gemm's post-ReLU input unsigned; weights per
// output channel (the gemm's all-equal rows have equal scales); biases in
// the accumulators' scales; accumulators dequantized for the float users.
// INT8: %[[XQ:.*]] = qt.quantize %arg0 : tensor<1x2x6x6xf32> -> tensor<1x2x6x6x!quant.uniform<i8:f32, {{[^>]*}}>>
// INT8: %[[WQ:.*]] = qt.quantize %{{.*}} : tensor<4x2x1x1xf32> -> tensor<4x2x1x1x!quant.uniform<i8:f32:0, {{{[^}]*}}}>>
// INT8: %[[BQ:.*]] = qt.quantize %{{.*}} : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32:0, {{{[^}]*}}}>>
// INT8: %[[ACC:.*]] = nn.conv %[[XQ]], %[[WQ]], %[[BQ]] {{.*}} -> tensor<1x4x3x3x!quant.uniform<i32:f32:1, {{{[^}]*}}}>>
// INT8: qt.dequantize %[[ACC]] : {{.*}} -> tensor<1x4x3x3xf32>
// INT8: qt.quantize %{{.*}} : tensor<1x36xf32> -> tensor<1x36x!quant.uniform<u8:f32, {{[^>]*}}>>
// INT8: qt.quantize %{{.*}} : tensor<3x36xf32> -> tensor<3x36x!quant.uniform<i8:f32:0, {[[S:[^,]*]],[[S]],[[S]]}>>
// INT8: nn.gemm {{.*}} -> tensor<1x3x!quant.uniform<i32:f32:1,
// INT8: qt.quantize %arg1 : tensor<1x8x4xf32> -> tensor<1x8x4x!quant.uniform<i8:f32,
// INT8: qt.quantize %{{.*}} : tensor<1x4x8xf32> -> tensor<1x4x8x!quant.uniform<i8:f32,
// INT8: nn.matmul {{.*}} -> tensor<1x8x8x!quant.uniform<i32:f32, {{[^>]*}}>>

// TENSOR: qt.quantize %{{.*}} : tensor<4x2x1x1xf32> -> tensor<4x2x1x1x!quant.uniform<i8:f32, {{[^>]*}}>>
// TENSOR: nn.conv {{.*}} -> tensor<1x4x3x3x!quant.uniform<i32:f32, {{[^>]*}}>>
// TENSOR: qt.quantize %{{.*}} : tensor<1x36xf32> -> tensor<1x36x!quant.uniform<i8:f32,

// Blocks along the contracted dimension; float results and biases.
// MX: qt.quantize %arg0 : tensor<1x2x6x6xf32> -> tensor<1x2x6x6x!qt.mx<int8, axis = 1>>
// MX: qt.quantize %{{.*}} : tensor<4x2x1x1xf32> -> tensor<4x2x1x1x!qt.mx<int8, axis = 1>>
// MX: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {{.*}} : (tensor<1x2x6x6x!qt.mx<int8, axis = 1>>, tensor<4x2x1x1x!qt.mx<int8, axis = 1>>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
// MX: qt.quantize %{{.*}} : tensor<1x36xf32> -> tensor<1x36x!qt.mx<int8, axis = 1>>
// MX: qt.quantize %{{.*}} : tensor<3x36xf32> -> tensor<3x36x!qt.mx<int8, axis = 1>>
// MX: qt.quantize %{{.*}} : tensor<1x4x8xf32> -> tensor<1x4x8x!qt.mx<int8, axis = 1>>
// MX-NOT: qt.dequantize

// OVP8 (its outliers' images reach 2016) still fits an i32 accumulator
// here; PoT8 (2^126 units) cannot, so its products are float results.
// OVP: nn.conv {{.*}} : (tensor<1x2x6x6x!qt.ovp<int, 8, scale = {{.*}}>>, tensor<4x2x1x1x!qt.ovp<int, 8, scales = [{{.*}}], axis = 0>>, tensor<4x!quant.uniform<i32{{.*}}>>) -> tensor<1x4x3x3x!quant.uniform<i32:f32:1,
// WIDE: nn.conv {{.*}} : (tensor<1x2x6x6x!qt.pot<8, signed, scale = {{.*}}>>, tensor<4x2x1x1x!qt.pot<8, signed, scales = [{{.*}}], axis = 0>>, tensor<4xf32>) -> tensor<1x4x3x3xf32>

// ANT's choice per tensor among int4, PoT4 and flint4 (unsigned after ReLU).
// ANT: qt.quantize %arg0 : tensor<1x2x6x6xf32> -> tensor<1x2x6x6x{{!quant.uniform<i4|!qt.pot<4, signed|!qt.flint<4, signed}}
// ANT: qt.quantize %{{.*}} : tensor<1x36xf32> -> tensor<1x36x{{!quant.uniform<u4|!qt.pot<4, unsigned|!qt.flint<4, unsigned}}

// First match wins: fc stays float, conv1 takes flint4, attn the default.
// LAYERS: nn.conv {{.*}} : (tensor<1x2x6x6x!qt.flint<4, signed
// LAYERS: nn.gemm {{.*}} : (tensor<1x36xf32>, tensor<3x36xf32>, tensor<3xf32>) -> tensor<1x3xf32>
// LAYERS: nn.matmul {{.*}} : (tensor<1x8x4x!quant.uniform<i8

// REPORT: remark: {{.*}}quantized: input '!quant.uniform<i8:f32, {{.*}}>' (MSE {{.*}}), weight '!quant.uniform<i8:f32:0, {{.*}}>' (MSE {{.*}}), i32 accumulator
// REPORT: remark: {{.*}}quantized: input '!quant.uniform<u8:f32,
// REPORT: remark: {{.*}}quantized: input '!quant.uniform<i8:f32,
