"""Inputs and NumPy references for layers.mlir: the tile ops written from
their definitions (int32 accumulation, Gemmini's float32 store scaler with
round half to even and int8 saturation, ReLU after it)."""
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
r = np.random.default_rng(11)
if mode == "inputs":
    i8 = lambda *s: r.integers(-128, 128, s).astype(np.int8)
    np.save(f"{d}/a.npy", i8(2, 37, 45))
    np.save(f"{d}/b.npy", i8(45, 19))
    np.save(f"{d}/bias.npy", r.integers(-5000, 5000, 19).astype(np.int32))
    np.save(f"{d}/x.npy", i8(2, 5, 9, 11))
    np.save(f"{d}/w.npy", i8(6, 5, 3, 3))
    np.save(f"{d}/cb.npy", r.integers(-5000, 5000, 6).astype(np.int32))
    np.save(f"{d}/dw.npy", i8(5, 1, 3, 3))
    sys.exit(0)

L = lambda n: np.load(f"{d}/{n}.npy").astype(np.int64)
got = lambda n: np.load(f"{d}/out/{n}.npy")


def store(acc, scale, relu):
    y = np.rint(acc.astype(np.float32) * np.float32(scale)).astype(np.float64)
    y = np.clip(y, -128, 127)
    if relu:
        y = np.maximum(y, 0)
    return y.astype(np.int8)


def conv(x, w, stride, pads, dil, groups):
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    top, left, bottom, right = pads
    xp = np.zeros((n, c, h + top + bottom, wd + left + right), np.int64)
    xp[:, :, top:top + h, left:left + wd] = x
    oh = (h + top + bottom - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd + left + right - dil[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, o, oh, ow), np.int64)
    og = o // groups
    for oc in range(o):
        g = oc // og
        for ky in range(kh):
            for kx in range(kw):
                patch = xp[:, g * cg:(g + 1) * cg,
                           ky * dil[0]:ky * dil[0] + stride[0] * (oh - 1) + 1:stride[0],
                           kx * dil[1]:kx * dil[1] + stride[1] * (ow - 1) + 1:stride[1]]
                out[:, oc] += np.einsum("nchw,c->nhw", patch, w[oc, :, ky, kx])
    return out


def check(name, want):
    g = got(name)
    assert g.dtype == want.dtype and g.shape == want.shape, (name, g.dtype, g.shape, want.shape)
    assert (g == want).all(), (name, np.argwhere(g != want)[:5])
    print(name, "ok")


a, b, bias = L("a"), L("b"), L("bias")
acc = a @ b + bias
check("matmul", store(acc, 0.0123, True))
check("matmul_raw", acc.astype(np.int32))
check("matmul_batched", (a @ a.transpose(0, 2, 1)).astype(np.int32))
x, w, cb, dw = L("x"), L("w"), L("cb"), L("dw")
scales = np.array([0.01, 0.02, 0.03, 0.004, 0.05, 0.006], np.float32)
cacc = conv(x, w, (2, 2), (1, 0, 1, 2), (1, 1), 1) + cb[None, :, None, None]
check("conv", store(cacc, scales[None, :, None, None], True))
check("depthwise", store(conv(x, dw, (1, 1), (2, 2, 2, 2), (2, 2), 5), 0.05, False))
# The store path's max pooling (3x3 windows, stride 2): positions outside
# the output count as 0, here where results can be negative.
y = store(conv(x, w, (1, 1), (1, 1, 1, 1), (1, 1), 1) + cb[None, :, None, None],
          scales[None, :, None, None], False).astype(np.int64)
yp = np.zeros(y.shape[:2] + (y.shape[2] + 2, y.shape[3] + 2), np.int64)
yp[:, :, 1:-1, 1:-1] = y
ph, pw = (y.shape[2] + 2 - 3) // 2 + 1, (y.shape[3] + 2 - 3) // 2 + 1
pooled = np.full(y.shape[:2] + (ph, pw), -128, np.int64)
for wy in range(3):
    for wx in range(3):
        pooled = np.maximum(pooled, yp[:, :, wy:wy + 2 * (ph - 1) + 1:2, wx:wx + 2 * (pw - 1) + 1:2])
check("pooled", pooled.astype(np.int8))
# im2col by its definition: row (n, oy, ox), column (c, ky, kx).
xp = np.zeros((2, 5, 10, 12), np.int64)
xp[:, :, 1:, 1:] = x
cols = []
for n in range(2):
    for oy in range(4):
        for ox in range(4):
            cols.append(xp[n, :, oy * 2:oy * 2 + 3, ox * 3:ox * 3 + 3].reshape(-1))
check("im2col", np.array(cols).astype(np.int8))
rs = (np.arange(19, dtype=np.float32) + 1) * np.float32(0.01)
rs = np.array([0.01 * (i + 1) for i in range(19)], np.float32)
check("requantize", store(acc, rs, True))
