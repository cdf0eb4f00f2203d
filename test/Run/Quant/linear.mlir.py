"""NumPy references for linear.mlir: quantize by the formats' definitions,
multiply the integers exactly (int64), then scale as the ops define."""
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(11)
f32 = np.float32

if mode == "inputs":
    shapes = {"x": (1, 3, 6, 6), "w": (4, 3, 3, 3), "b": (4,), "a": (2, 3, 8),
              "bm": (8, 5), "g": (3, 16), "gw": (6, 16), "gc": (6,),
              "xm": (1, 32, 4, 4), "wm": (2, 32, 3, 3)}
    for name, shape in shapes.items():
        v = rng.standard_normal(shape)
        if name in ("w", "gw"):
            v *= 0.2
        if name == "gw":
            v[0, 3] = 4.0  # an outlier for OVP
        np.save(f"{d}/{name}.npy", v.astype(f32))
    sys.exit(0)

load = lambda n: np.load(f"{d}/{n}.npy").astype(np.float64)
out = lambda n: np.load(f"{d}/out/{n}.npy")


def int_quant(v, scale, bits=8):
    return np.clip(np.rint(v / scale), -2 ** (bits - 1), 2 ** (bits - 1) - 1).astype(np.int64)


def conv_int(x, w, pad, stride):
    """Direct convolution of integer (or float) NCHW x with OIHW w."""
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    (pt, pl, pb, pr) = pad
    xp = np.zeros((n, c, h + pt + pb, wd + pl + pr), dtype=x.dtype)
    xp[:, :, pt:pt + h, pl:pl + wd] = x
    oh = (h + pt + pb - kh) // stride + 1
    ow = (wd + pl + pr - kw) // stride + 1
    y = np.zeros((n, o, oh, ow), dtype=x.dtype)
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            y[:, :, i, j] = np.einsum("nchw,ochw->no", patch, w)
    return y


# int8 conv: accumulator, Gemmini requantization, float value.
sx, sw = 0.05, np.array([0.01, 0.02, 0.015, 0.03])
sacc = sx * sw
xi = int_quant(load("x"), sx)
wi = int_quant(load("w"), sw[:, None, None, None])
bi = np.rint(load("b") / sacc).astype(np.int64)
acc = conv_int(xi, wi, (1, 1, 1, 1), 1) + bi[None, :, None, None]
assert np.array_equal(out("acc"), acc.astype(np.int32))
print("accumulator ok")
ratio = (sacc / 0.02).astype(f32)[None, :, None, None]
y8 = np.clip(np.rint(acc.astype(f32) * ratio), -128, 127).astype(np.float64)
assert np.array_equal(out("requant"), (y8 * 0.02).astype(f32))
print("gemmini requantization ok")
acc_f = conv_int(xi, wi, (1, 1, 1, 1), 1) * sacc[None, :, None, None]
want = acc_f.astype(np.float64) + load("b")[None, :, None, None]
assert np.array_equal(out("value"), want.astype(f32))
print("accumulator value ok")

# Signed flint4: magnitudes 0,1,2,3,4,6,8,16 in quarters (ANT's table);
# nearest, ties to the larger value; images are the quarters.
mag = np.array([0, 1, 2, 3, 4, 6, 8, 16])
grid = np.unique(np.concatenate([-mag, mag]))  # in quarters


def flint_images(v, scale):
    q = v / scale * 4
    dist = np.abs(q[..., None] - grid)
    return grid[len(grid) - 1 - np.argmin(dist[..., ::-1], axis=-1)]


ai = flint_images(load("a"), 0.1)
sb = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
bmi = flint_images(load("bm"), sb[None, :])
want = np.matmul(ai, bmi) * (0.1 * sb * 2.0 ** -4)
assert np.array_equal(out("mm"), want.astype(f32))
print("flint matmul ok")

# int8 x OVP int4 (trans_b): the decoded operands (the codecs are checked
# against the spec elsewhere) multiplied in float64, plus the float bias.
gd, gwd = out("g_deq").astype(np.float64), out("gw_deq").astype(np.float64)
assert np.array_equal(gd, (int_quant(load("g"), 0.05) * 0.05).astype(f32))
assert np.abs(gwd).max() > 32 * 0.02, "the OVP weights hold an outlier"
want = gd @ gwd.T + load("gc")
assert np.allclose(out("gemm"), want, rtol=1e-6, atol=1e-6)
print("ovp gemm ok")

# MXINT8 conv: decoded operands, convolution in float64.
want = conv_int(out("xm_deq").astype(np.float64), out("wm_deq").astype(np.float64),
                (0, 0, 1, 1), 2)
assert np.allclose(out("mxconv"), want, rtol=1e-6, atol=1e-6)
print("mx conv ok")
