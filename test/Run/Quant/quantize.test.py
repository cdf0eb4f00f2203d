"""NumPy side of quantize.test: writes the model and inputs, then checks the
quantized IR's scales and the quantized run's output."""
import re
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
f32 = np.float32
rng = np.random.default_rng(5)
# Weights: conv channel c has largest magnitude 1.27 * (c + 1), so its
# max-mapped int8 scale is 0.01 * (c + 1).
w = rng.uniform(-1, 1, (4, 2, 3, 3))
w /= np.abs(w).reshape(4, -1).max(axis=1)[:, None, None, None]
w *= (1.27 * np.arange(1, 5))[:, None, None, None]
w = w.astype(f32)
b = np.array([0.1, -0.2, 0.3, 0.05], dtype=f32)
fw = rng.uniform(-0.5, 0.5, (3, 36)).astype(f32)


def dense(a):
    return "dense<" + np.array2string(
        a.astype(np.float64), separator=", ", threshold=10 ** 6,
        floatmode="unique").replace("\n", "") + f"> : tensor<{'x'.join(map(str, a.shape))}xf32>"


if mode == "model":
    with open(f"{d}/model.mlir", "w") as out:
        out.write(f"""func.func @main(%x: tensor<1x2x5x5xf32> {{onnx.name = "x"}}) -> (tensor<1x3xf32> {{onnx.name = "y"}}) {{
  %w = nn.constant {dense(w)}
  %b = nn.constant {dense(b)}
  %c = nn.conv %x, %w, %b {{strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}} : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  %r = nn.relu %c : tensor<1x4x3x3xf32>
  %f = nn.reshape %r {{shape = array<i64: 1, 36>}} : (tensor<1x4x3x3xf32>) -> tensor<1x36xf32>
  %fw = nn.constant {dense(fw)}
  %g = nn.gemm %f, %fw {{trans_b = true}} : (tensor<1x36xf32>, tensor<3x36xf32>) -> tensor<1x3xf32>
  return %g : tensor<1x3xf32>
}}
""")
    for name in ("calib0", "calib1", "x"):
        np.save(f"{d}/{name}.npy", rng.standard_normal((1, 2, 5, 5)).astype(f32))
    sys.exit(0)

ir = open(f"{d}/q.mlir").read()


def conv(x, w):
    y = np.zeros((1, 4, 3, 3), dtype=np.result_type(x, w))
    for i in range(3):
        for j in range(3):
            y[:, :, i, j] = np.einsum("nchw,ochw->no", x[:, :, i:i + 3, j:j + 3], w)
    return y


# Weight scales: max |w| per output channel / 127.
wscales = [float(s) for s in re.search(
    r"tensor<4x2x3x3x!quant.uniform<i8:f32:0, \{([^}]*)\}>>", ir).group(1).split(",")]
want = np.abs(w.astype(np.float64)).reshape(4, -1).max(axis=1) / 127
assert np.allclose(wscales, want, rtol=1e-12), (wscales, want)
fscales = [float(s) for s in re.search(
    r"tensor<3x36x!quant.uniform<i8:f32:0, \{([^}]*)\}>>", ir).group(1).split(",")]
assert np.allclose(fscales, np.abs(fw.astype(np.float64)).max(axis=1) / 127, rtol=1e-12)
print("weight scales ok")

# Activation scales: the input is signed (max |x| / 127 over both
# calibration inputs); the gemm's input is post-ReLU, so unsigned (max / 255).
calib = [np.load(f"{d}/calib{i}.npy").astype(np.float64) for i in (0, 1)]
sx = float(re.search(r"tensor<1x2x5x5x!quant.uniform<i8:f32, ([^>]*)>>", ir).group(1))
assert np.isclose(sx, max(np.abs(c).max() for c in calib) / 127, rtol=1e-12)
hidden = [np.maximum(conv(c, w.astype(np.float64)) + b[None, :, None, None], 0) for c in calib]
sf = float(re.search(r"tensor<1x36x!quant.uniform<u8:f32, ([^>]*)>>", ir).group(1))
assert np.isclose(sf, max(h.max() for h in hidden) / 255, rtol=1e-6)
print("activation scales ok")

# The quantized model, evaluated from the definitions with the IR's scales.
wscales, fscales = np.array(wscales), np.array(fscales)
x = np.load(f"{d}/x.npy").astype(np.float64)
q = lambda v, s, lo, hi: np.clip(np.rint(v / s), lo, hi).astype(np.int64)
xi = q(x, sx, -128, 127)
wi = q(w.astype(np.float64), wscales[:, None, None, None], -128, 127)
sacc = sx * wscales
bi = np.clip(np.rint(b.astype(np.float64) / sacc), -2 ** 31, 2 ** 31 - 1).astype(np.int64)
acc = conv(xi, wi) + bi[None, :, None, None]
h = (acc * sacc[None, :, None, None]).astype(f32)
h = np.maximum(h, 0).reshape(1, 36).astype(np.float64)
hi = q(h, sf, 0, 255)
fi = q(fw.astype(np.float64), fscales[:, None], -128, 127)
y = (hi @ fi.T) * (sf * fscales)[None, :]
got = np.load(f"{d}/out/y.npy")
assert np.array_equal(got, y.astype(f32)), (got, y)
print("output ok")
