// --qt-quantize's diagnostics for bad options and calibration inputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.ones((1, 2, 6, 6), np.float32)); np.save('%t/bad.npy', np.ones((2, 2), np.float32)); n = np.ones((1, 2, 6, 6), np.float32); n[0, 1, 2, 3] = np.nan; np.save('%t/nan.npy', n)"
// RUN: not tessel-opt %s --qt-quantize="scheme=int9" 2>&1 | FileCheck %s --check-prefix=SCHEME
// RUN: not tessel-opt %s --qt-quantize="scheme=ant9" 2>&1 | FileCheck %s --check-prefix=ANT
// RUN: not tessel-opt %s --qt-quantize="granularity=per-row" 2>&1 | FileCheck %s --check-prefix=GRAN
// RUN: not tessel-opt %s --qt-quantize="activations=both" 2>&1 | FileCheck %s --check-prefix=ACT
// RUN: not tessel-opt %s --qt-quantize="search=exhaustive" 2>&1 | FileCheck %s --check-prefix=SEARCH
// RUN: not tessel-opt %s --qt-quantize="layers=conv1" 2>&1 | FileCheck %s --check-prefix=LAYERS
// RUN: not tessel-opt %s --qt-quantize="layers=conv1=int3x" 2>&1 | FileCheck %s --check-prefix=LSCHEME
// RUN: not tessel-opt %s --qt-quantize="scheme=float8" 2>&1 | FileCheck %s --check-prefix=NOTYPE
// RUN: not tessel-opt %s --qt-quantize="calib=%t/missing.npy" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not tessel-opt %s --qt-quantize="calib=%t/bad.npy" 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not tessel-opt %s --qt-quantize="calib=%t/nan.npy" 2>&1 | FileCheck %s --check-prefix=NAN
// RUN: not tessel-opt %s --qt-quantize="calib=y=%t/x.npy" 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not tessel-opt %s --qt-quantize="calib=%t/x.npy" --split-input-file 2>&1 | FileCheck %s --check-prefix=PLAIN
// RUN: not tessel-opt %s --qt-quantize="calib=x=%t/x.npy,x=%t/x.npy" --split-input-file 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not tessel-opt %s --qt-quantize --split-input-file 2>&1 | FileCheck %s --check-prefix=INT
// RUN: not tessel-opt %s --qt-quantize="layers=conv9=float" --split-input-file 2>&1 | FileCheck %s --check-prefix=UNNAMED

// SCHEME: error: --qt-quantize: scheme: unknown format 'int9': scalar formats have 2 to 8 bits
// ANT: error: --qt-quantize: scheme: ant<n> takes 3 to 8 bits, got 'ant9'
// GRAN: error: --qt-quantize: granularity must be per-channel or per-tensor, got 'per-row'
// ACT: error: --qt-quantize: activations must be auto or signed, got 'both'
// SEARCH: error: --qt-quantize: search must be mse or max, got 'exhaustive'
// LAYERS: error: --qt-quantize: layers: expected name-pattern=scheme, got 'conv1'
// LSCHEME: error: --qt-quantize: layers: unknown format 'int3x'
// NOTYPE: error: --qt-quantize: the input: no element type names the format float8
// MISSING: error: calib: cannot read '{{.*}}missing.npy': No such file or directory
// SHAPE: error: calib: '{{.*}}bad.npy' holds 'tensor<2x2xf32>', argument 'x' is 'tensor<1x2x6x6xf32>'
// NAN: error: calib: '{{.*}}nan.npy' holds nan at element 51; calibration data must be finite
// NAME: error: calib: no argument is named 'y'
// PLAIN: error: calib: '{{.*}}x.npy' names no argument; with 2 arguments use name=file.npy
// COUNT: error: calib: argument 'n' has 0 files, argument 'x' 2
// INT: error: calib: argument 'n' is not a float tensor; random calibration inputs need float arguments, pass calib=
// UNNAMED: warning: --qt-quantize: layers: no linear op has a name to match

func.func @main(%x: tensor<1x2x6x6xf32> {onnx.name = "x"}) -> tensor<1x4x3x3xf32> {
  %w = nn.constant dense<0.5> : tensor<4x2x1x1xf32>
  %c = nn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x3x3xf32>
  return %c : tensor<1x4x3x3xf32>
}

// -----

func.func @two(%x: tensor<1x2x6x6xf32> {onnx.name = "x"}, %n: tensor<1xi64> {onnx.name = "n"}) -> tensor<1x4x3x3xf32> {
  %w = nn.constant dense<0.5> : tensor<4x2x1x1xf32>
  %c = nn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x3x3xf32>
  return %c : tensor<1x4x3x3xf32>
}
