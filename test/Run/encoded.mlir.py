"""Inputs and references for encoded.mlir: convolution, ReLU, Clip, Add,
MaxPool and Sigmoid written from ONNX's definitions in float64 NumPy."""
import sys

import numpy as np

d, mode = sys.argv[1], sys.argv[2]

if mode == "inputs":
    rng = np.random.default_rng(21)
    x = rng.standard_normal((1, 3, 9, 9)).astype(np.float32)
    # NaNs reach some outputs of the convolutions of x.
    x[0, 1, 2, 3] = np.nan
    x[0, 2, 7, 7] = np.nan
    arrays = dict(x=x, w0=rng.standard_normal((24, 3, 3, 3)),
                  b0=rng.standard_normal(24), wd=rng.standard_normal((24, 1, 3, 3)),
                  wp=rng.standard_normal((24, 24, 1, 1)) * 0.3,
                  wq=rng.standard_normal((24, 24, 1, 1)) * 0.3)
    for name, a in arrays.items():
        np.save(f"{d}/{name}.npy", np.asarray(a, dtype=np.float32))
    sys.exit(0)

x, w0, b0, wd, wp, wq = (np.load(f"{d}/{n}.npy").astype(np.float64)
                         for n in ("x", "w0", "b0", "wd", "wp", "wq"))


def conv(x, w, b=None, stride=1, pad=0, group=1):
    n, c, h, wi = x.shape
    o, cg, kh, kw = w.shape
    xp = np.zeros((n, c, h + 2 * pad, wi + 2 * pad))
    xp[:, :, pad:pad + h, pad:pad + wi] = x
    oh, ow = (h + 2 * pad - kh) // stride + 1, (wi + 2 * pad - kw) // stride + 1
    y = np.zeros((n, o, oh, ow))
    og = o // group
    for m in range(o):
        g = m // og
        for i in range(oh):
            for j in range(ow):
                win = xp[:, g * cg:(g + 1) * cg, i * stride:i * stride + kh,
                         j * stride:j * stride + kw]
                y[:, m, i, j] = (win * w[m]).sum(axis=(1, 2, 3))
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def relu(v):
    # ONNX's Relu as tessel defines it on NaN: x > 0 ? x : 0.
    return np.where(v > 0, v, 0.0)


def clip(v, lo, hi):
    # NaN compares false both ways and is kept.
    v = np.where(v < lo, lo, v)
    return np.where(hi < v, hi, v)


def maxpool(v, k, s, pad=0):
    # Padding never wins; max ignores NaN (tessel's rule: the running
    # maximum, from -inf, is replaced only by a larger value).
    n, c, h, w = v.shape
    vp = np.full((n, c, h + 2 * pad, w + 2 * pad), -np.inf)
    vp[:, :, pad:pad + h, pad:pad + w] = np.where(np.isnan(v), -np.inf, v)
    oh, ow = (h + 2 * pad - k) // s + 1, (w + 2 * pad - k) // s + 1
    y = np.empty((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            y[:, :, i, j] = vp[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=(2, 3))
    return y


c1 = conv(x, w0, pad=1)
r0 = relu(conv(x, w0, b0, pad=1))
dc = clip(conv(r0, wd, stride=2, pad=1, group=24), 0.0, 6.0)
p, q = conv(dc, wp), conv(dc, wq)
s = p + q
ec = clip(conv(x, w0, stride=2, pad=1), 0.0, 6.0)
mn = maxpool(c1, 3, 2, pad=1)
want = dict(relu_fused=r0, conv_twice=c1, relu_of_twice=relu(c1), clip_fused=dc,
            clip_nan=ec,
            pointwise=p, sum=s, pooled=maxpool(s, 3, 2),
            shifted=clip(p, 0.5, 2.0), squashed=1 / (1 + np.exp(-q)),
            pooled_nan=mn, pooled_conv=conv(relu(mn), wp),
            averaged=s.mean(axis=(2, 3), keepdims=True))
# NaNs reach the convolutions of x, and the ReLU maps them to 0.
assert np.isnan(c1).any() and np.isnan(ec).any() and not np.isnan(r0).any()
# Windows of NaNs and numbers take the numbers' maximum; the corner window
# holds only NaNs and padding: -inf.
assert np.isneginf(mn).any() and np.isfinite(mn[:, :, :2, :2]).all()
for name, v in want.items():
    got = np.load(f"{d}/out/{name}.npy")
    assert got.shape == v.shape, (name, got.shape, v.shape)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(v), err_msg=name)
    np.testing.assert_allclose(got, v, rtol=1e-4, atol=1e-5, err_msg=name)
    print(name, "ok")
