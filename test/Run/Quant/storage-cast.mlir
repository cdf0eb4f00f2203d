// qt.storage_cast: the stored integers of !quant.uniform values, and back,
// against NumPy evaluations of the definitions: quantization stores
// k = sat(round_half_even(x / s) + z), which stands for (k - z) * s.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/storage-cast.mlir.py inputs %t
// RUN: tessel-run %s --input x=%t/x.npy --input k8=%t/k8.npy --input ku8=%t/ku8.npy --input k16=%t/k16.npy --input ku32=%t/ku32.npy --output-dir %t/out
// RUN: %python %S/storage-cast.mlir.py check %t | FileCheck %s
// CHECK: i8 stored ok
// CHECK: i8 values ok
// CHECK: per-axis stored ok
// CHECK: per-axis values ok
// CHECK: u8 stored ok
// CHECK: u8 values ok
// CHECK: i32 stored ok
// CHECK: i16 round trip ok
// CHECK: u32 round trip ok

!i8 = !quant.uniform<i8:f32, 0.5>
!pa = !quant.uniform<i8:f32:1, {0.1:3, 0.2:-5, 0.05:0, 0.5:10, 0.25:-1, 1.0:0}>
!u8 = !quant.uniform<u8:f32, 0.25:128>
!i32 = !quant.uniform<i32:f32, 0.001>
!i16 = !quant.uniform<i16:f32, 0.01:-300>
!u32 = !quant.uniform<u32:f32:0, {0.5:7, 2.0:100000, 0.125:0, 1.0:1}>

func.func @main(%x: tensor<4x6xf32> {onnx.name = "x"},
                %k8: tensor<4x6xi8> {onnx.name = "k8"},
                %ku8: tensor<4x6xui8> {onnx.name = "ku8"},
                %k16: tensor<4x6xi16> {onnx.name = "k16"},
                %ku32: tensor<4x6xui32> {onnx.name = "ku32"})
    -> (tensor<4x6xi8> {onnx.name = "i8_stored"}, tensor<4x6xf32> {onnx.name = "i8_values"},
        tensor<4x6xi8> {onnx.name = "pa_stored"}, tensor<4x6xf32> {onnx.name = "pa_values"},
        tensor<4x6xui8> {onnx.name = "u8_stored"}, tensor<4x6xf32> {onnx.name = "u8_values"},
        tensor<4x6xi32> {onnx.name = "i32_stored"},
        tensor<4x6xi16> {onnx.name = "i16_back"}, tensor<4x6xui32> {onnx.name = "u32_back"}) {
  // Quantized -> integers after qt.quantize; integers -> quantized before
  // qt.dequantize, from integers NumPy chose.
  %q8 = qt.quantize %x : tensor<4x6xf32> -> tensor<4x6x!i8>
  %s8 = qt.storage_cast %q8 : tensor<4x6x!i8> -> tensor<4x6xi8>
  %c8 = qt.storage_cast %k8 : tensor<4x6xi8> -> tensor<4x6x!i8>
  %v8 = qt.dequantize %c8 : tensor<4x6x!i8> -> tensor<4x6xf32>

  %qa = qt.quantize %x : tensor<4x6xf32> -> tensor<4x6x!pa>
  %sa = qt.storage_cast %qa : tensor<4x6x!pa> -> tensor<4x6xi8>
  %ca = qt.storage_cast %k8 : tensor<4x6xi8> -> tensor<4x6x!pa>
  %va = qt.dequantize %ca : tensor<4x6x!pa> -> tensor<4x6xf32>

  %qu = qt.quantize %x : tensor<4x6xf32> -> tensor<4x6x!u8>
  %su = qt.storage_cast %qu : tensor<4x6x!u8> -> tensor<4x6xui8>
  %cu = qt.storage_cast %ku8 : tensor<4x6xui8> -> tensor<4x6x!u8>
  %vu = qt.dequantize %cu : tensor<4x6x!u8> -> tensor<4x6xf32>

  // Accumulators are plain storage integers.
  %q32 = qt.quantize %x : tensor<4x6xf32> -> tensor<4x6x!i32>
  %s32 = qt.storage_cast %q32 : tensor<4x6x!i32> -> tensor<4x6xi32>
  %c16 = qt.storage_cast %k16 : tensor<4x6xi16> -> tensor<4x6x!i16>
  %b16 = qt.storage_cast %c16 : tensor<4x6x!i16> -> tensor<4x6xi16>
  %cu32 = qt.storage_cast %ku32 : tensor<4x6xui32> -> tensor<4x6x!u32>
  %bu32 = qt.storage_cast %cu32 : tensor<4x6x!u32> -> tensor<4x6xui32>
  return %s8, %v8, %sa, %va, %su, %vu, %s32, %b16, %bu32
      : tensor<4x6xi8>, tensor<4x6xf32>, tensor<4x6xi8>, tensor<4x6xf32>,
        tensor<4x6xui8>, tensor<4x6xf32>, tensor<4x6xi32>, tensor<4x6xi16>,
        tensor<4x6xui32>
}
