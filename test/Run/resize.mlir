// nn.resize's interpolations beyond libonnx-testdata's Resize cases (those
// run in onnx-conformance.test), against PyTorch's interpolate where it
// computes the same function and NumPy written from ONNX's definition
// elsewhere (resize.mlir.py).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(14); np.save('%t/x.npy', rng.standard_normal((1, 2, 5, 7)).astype(np.float32)); np.save('%t/v.npy', rng.standard_normal((1, 1, 3, 4, 5)).astype(np.float32)); np.save('%t/n.npy', rng.integers(-50, 50, (2, 6)).astype(np.int32))"
// RUN: tessel-run %s --input x=%t/x.npy --input v=%t/v.npy --input n=%t/n.npy --output-dir %t/out > /dev/null
// RUN: %python %s.py %t | FileCheck %s
// CHECK: bilinear ok
// CHECK: bilinear_corners ok
// CHECK: bicubic ok
// CHECK: bicubic_corners ok
// CHECK: trilinear ok
// CHECK: aa_bilinear ok
// CHECK: aa_bicubic ok
// CHECK: aa_edge ok
// CHECK: symmetric ok
// CHECK: symmetric_nearest ok
// CHECK: int_linear ok

func.func @main(%x: tensor<1x2x5x7xf32> {onnx.name = "x"},
                %v: tensor<1x1x3x4x5xf32> {onnx.name = "v"},
                %n: tensor<2x6xi32> {onnx.name = "n"})
    -> (tensor<1x2x9x12xf32> {onnx.name = "bilinear"},
        tensor<1x2x9x12xf32> {onnx.name = "bilinear_corners"},
        tensor<1x2x9x12xf32> {onnx.name = "bicubic"},
        tensor<1x2x9x12xf32> {onnx.name = "bicubic_corners"},
        tensor<1x1x5x7x3xf32> {onnx.name = "trilinear"},
        tensor<1x2x2x3xf32> {onnx.name = "aa_bilinear"},
        tensor<1x2x2x3xf32> {onnx.name = "aa_bicubic"},
        tensor<1x2x2x3xf32> {onnx.name = "aa_edge"},
        tensor<1x2x8x4xf32> {onnx.name = "symmetric"},
        tensor<1x2x8x4xf32> {onnx.name = "symmetric_nearest"},
        tensor<2x9xi32> {onnx.name = "int_linear"}) {
  %0 = nn.resize %x {mode = "linear", sizes = array<i64: 1, 2, 9, 12>,
                     scales = array<f64: 1.0, 1.0, 1.8, 1.7142857142857142>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x9x12xf32>
  %1 = nn.resize %x {mode = "linear", coordinate_transformation_mode = "align_corners",
                     sizes = array<i64: 1, 2, 9, 12>,
                     scales = array<f64: 1.0, 1.0, 1.8, 1.7142857142857142>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x9x12xf32>
  %2 = nn.resize %x {mode = "cubic", sizes = array<i64: 1, 2, 9, 12>,
                     scales = array<f64: 1.0, 1.0, 1.8, 1.7142857142857142>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x9x12xf32>
  %3 = nn.resize %x {mode = "cubic", coordinate_transformation_mode = "align_corners",
                     sizes = array<i64: 1, 2, 9, 12>,
                     scales = array<f64: 1.0, 1.0, 1.8, 1.7142857142857142>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x9x12xf32>
  %4 = nn.resize %v {mode = "linear", sizes = array<i64: 1, 1, 5, 7, 3>,
                     scales = array<f64: 1.0, 1.0, 1.6666666666666667, 1.75, 0.6>}
      : (tensor<1x1x3x4x5xf32>) -> tensor<1x1x5x7x3xf32>
  %5 = nn.resize %x {mode = "linear", antialias = true, exclude_outside = true,
                     sizes = array<i64: 1, 2, 2, 3>,
                     scales = array<f64: 1.0, 1.0, 0.4, 0.42857142857142855>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x2x3xf32>
  %6 = nn.resize %x {mode = "cubic", cubic_coeff_a = -0.5, antialias = true,
                     exclude_outside = true, sizes = array<i64: 1, 2, 2, 3>,
                     scales = array<f64: 1.0, 1.0, 0.4, 0.42857142857142855>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x2x3xf32>
  %7 = nn.resize %x {mode = "cubic", antialias = true, sizes = array<i64: 1, 2, 2, 3>,
                     scales = array<f64: 1.0, 1.0, 0.4, 0.42857142857142855>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x2x3xf32>
  %8 = nn.resize %x {mode = "linear", coordinate_transformation_mode = "half_pixel_symmetric",
                     sizes = array<i64: 1, 2, 8, 4>, scales = array<f64: 1.0, 1.0, 1.7, 0.6>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x8x4xf32>
  %9 = nn.resize %x {coordinate_transformation_mode = "half_pixel_symmetric",
                     sizes = array<i64: 1, 2, 8, 4>, scales = array<f64: 1.0, 1.0, 1.7, 0.6>}
      : (tensor<1x2x5x7xf32>) -> tensor<1x2x8x4xf32>
  %10 = nn.resize %n {mode = "linear", sizes = array<i64: 2, 9>, scales = array<f64: 1.0, 1.5>}
      : (tensor<2x6xi32>) -> tensor<2x9xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10
      : tensor<1x2x9x12xf32>, tensor<1x2x9x12xf32>, tensor<1x2x9x12xf32>,
        tensor<1x2x9x12xf32>, tensor<1x1x5x7x3xf32>, tensor<1x2x2x3xf32>,
        tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>, tensor<1x2x8x4xf32>,
        tensor<1x2x8x4xf32>, tensor<2x9xi32>
}
