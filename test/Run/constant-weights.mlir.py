"""Module, inputs and references for constant-weights.mlir: Gemm and MatMul
written from ONNX's definitions in float64 NumPy, their weights and biases
as constants in the module."""
import sys

import numpy as np

d, mode = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(5)
f32 = lambda *s: rng.standard_normal(s).astype(np.float32)
# Constants, drawn in this order each time the script runs.
bt, b, bias, bias_row, c_full = f32(24, 16), f32(16, 24), f32(24), f32(1, 24), f32(5, 24)
w3 = f32(16, 24)


def const(name, a):
    data = a.astype("<f4").tobytes().hex().upper()
    shape = "x".join(map(str, a.shape))
    return f'  %{name} = nn.constant dense<"0x{data}"> : tensor<{shape}xf32>\n'


if mode == "inputs":
    arrays = dict(a=f32(5, 16), x=f32(3, 7, 16), q=f32(12, 7, 5), k=f32(12, 5, 6))
    for name, v in arrays.items():
        np.save(f"{d}/{name}.npy", v)
    with open(f"{d}/model.mlir", "w") as m:
        m.write("func.func @main(%a: tensor<5x16xf32> {onnx.name = \"a\"}, "
                "%x: tensor<3x7x16xf32> {onnx.name = \"x\"}, "
                "%q: tensor<12x7x5xf32> {onnx.name = \"q\"}, "
                "%k: tensor<12x5x6xf32> {onnx.name = \"k\"})\n"
                "    -> (tensor<5x24xf32> {onnx.name = \"linear_t\"}, "
                "tensor<5x24xf32> {onnx.name = \"linear_row\"}, "
                "tensor<5x24xf32> {onnx.name = \"full_bias\"}, "
                "tensor<5x24xf32> {onnx.name = \"scaled\"}, "
                "tensor<5x24xf32> {onnx.name = \"no_bias\"}, "
                "tensor<3x7x24xf32> {onnx.name = \"projected\"}, "
                "tensor<12x7x6xf32> {onnx.name = \"heads\"}) {\n")
        for name, v in dict(bt=bt, b=b, bias=bias, bias_row=bias_row,
                            c_full=c_full, w3=w3).items():
            m.write(const(name, v))
        m.write("""  %0 = nn.gemm %a, %bt, %bias {trans_b = true} : (tensor<5x16xf32>, tensor<24x16xf32>, tensor<24xf32>) -> tensor<5x24xf32>
  %1 = nn.gemm %a, %b, %bias_row : (tensor<5x16xf32>, tensor<16x24xf32>, tensor<1x24xf32>) -> tensor<5x24xf32>
  %2 = nn.gemm %a, %b, %c_full {beta = 0.5 : f32} : (tensor<5x16xf32>, tensor<16x24xf32>, tensor<5x24xf32>) -> tensor<5x24xf32>
  %3 = nn.gemm %a, %bt, %bias {alpha = 2.0 : f32, trans_b = true} : (tensor<5x16xf32>, tensor<24x16xf32>, tensor<24xf32>) -> tensor<5x24xf32>
  %4 = nn.gemm %a, %bt {trans_b = true} : (tensor<5x16xf32>, tensor<24x16xf32>) -> tensor<5x24xf32>
  %5 = nn.matmul %x, %w3 : (tensor<3x7x16xf32>, tensor<16x24xf32>) -> tensor<3x7x24xf32>
  %6 = nn.matmul %q, %k : (tensor<12x7x5xf32>, tensor<12x5x6xf32>) -> tensor<12x7x6xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<5x24xf32>, tensor<5x24xf32>, tensor<5x24xf32>, tensor<5x24xf32>, tensor<5x24xf32>, tensor<3x7x24xf32>, tensor<12x7x6xf32>
}
""")
    sys.exit(0)

L = lambda n: np.load(f"{d}/{n}.npy").astype(np.float64)
a, x, q, k = L("a"), L("x"), L("q"), L("k")
bt, b, bias, bias_row, c_full, w3 = (v.astype(np.float64) for v in
                                     (bt, b, bias, bias_row, c_full, w3))
# Gemm: alpha * A' * B' + beta * C, C broadcast to the result.
want = dict(linear_t=a @ bt.T + bias, linear_row=a @ b + bias_row,
            full_bias=a @ b + 0.5 * c_full, scaled=2 * (a @ bt.T) + bias,
            no_bias=a @ bt.T, projected=x @ w3, heads=q @ k)
for name, v in want.items():
    got = np.load(f"{d}/out/{name}.npy")
    assert got.shape == v.shape, (name, got.shape, v.shape)
    np.testing.assert_allclose(got, v, rtol=1e-5, atol=1e-5, err_msg=name)
    print(name, "ok")
