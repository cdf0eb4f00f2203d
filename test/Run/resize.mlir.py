"""References for resize.mlir: PyTorch's interpolate where it computes the
function ONNX defines, and otherwise each dimension's interpolation matrix
built from ONNX Resize's definition, applied with NumPy."""
import sys

import numpy as np
import torch
import torch.nn.functional as F

d = sys.argv[1]
x = np.load(f"{d}/x.npy").astype(np.float64)
v = np.load(f"{d}/v.npy").astype(np.float64)
n = np.load(f"{d}/n.npy")


def check(name, want, rtol=1e-5, atol=1e-6):
    got = np.load(f"{d}/out/{name}.npy")
    assert got.shape == want.shape, (name, got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=name)
    print(name, "ok")


def torch_resize(a, size, mode, **kw):
    return F.interpolate(torch.from_numpy(a), size=size, mode=mode, **kw).numpy()


def source(coord, x, n_in, n_out, s):
    """x_original of output coordinate x (ONNX's table)."""
    w = s * n_in
    if coord == "half_pixel_symmetric":
        return n_in / 2 * (1 - n_out / w) + (x + 0.5) / s - 0.5
    return (x + 0.5) / s - 0.5  # half_pixel


def keys(t, a):
    t = abs(t)
    if t <= 1:
        return (a + 2) * t**3 - (a + 3) * t**2 + 1
    if t < 2:
        return a * t**3 - 5 * a * t**2 + 8 * a * t - 4 * a
    return 0.0


def matrix(n_in, n_out, s, mode, coord="half_pixel", a=-0.75, aa=False,
           exclude=False, rounding="round_prefer_floor"):
    """Row x: the weight of each input element in output element x. A
    neighbour beyond the input reads the edge element; the filter is
    stretched by 1/s when antialiasing a shrinking dimension."""
    m = np.zeros((n_out, n_in))
    for x in range(n_out):
        xo = source(coord, x, n_in, n_out, s)
        if mode == "nearest":
            f = np.floor(xo)
            r = xo - f
            i = xo if r == 0 else f + (r > 0.5 if rounding == "round_prefer_floor" else r >= 0.5)
            m[x, int(np.clip(i, 0, n_in - 1))] = 1
            continue
        # Every neighbour the filter reaches (ONNX's list of neighbours may
        # add some it gives weight 0).
        stretch = max(1.0, 1 / s) if aa else 1.0
        radius = (2 if mode == "cubic" else 1) * stretch
        lo, hi = int(np.floor(xo - radius)), int(np.ceil(xo + radius))
        ws = {}
        for p in range(lo, hi + 1):
            t = (p - xo) / stretch
            w = keys(t, a) if mode == "cubic" else max(0.0, 1 - abs(t))
            if exclude and not 0 <= p < n_in:
                w = 0.0
            ws[p] = w
        total = sum(ws.values())
        for p, w in ws.items():
            m[x, min(max(p, 0), n_in - 1)] += w / total
    return m


def apply(a, mats):
    """Each dimension's matrix applied in turn (None leaves it)."""
    for axis, m in enumerate(mats):
        if m is not None:
            a = np.moveaxis(np.tensordot(m, a, axes=([1], [axis])), 0, axis)
    return a


check("bilinear", torch_resize(x, (9, 12), "bilinear", align_corners=False))
check("bilinear_corners", torch_resize(x, (9, 12), "bilinear", align_corners=True))
check("bicubic", torch_resize(x, (9, 12), "bicubic", align_corners=False))
check("bicubic_corners", torch_resize(x, (9, 12), "bicubic", align_corners=True))
check("trilinear", torch_resize(v, (5, 7, 3), "trilinear", align_corners=False))
# PyTorch's antialiased filters skip neighbours beyond the input
# (exclude_outside); its bicubic one has a = -0.5.
check("aa_bilinear", torch_resize(x, (2, 3), "bilinear", antialias=True, align_corners=False))
check("aa_bicubic", torch_resize(x, (2, 3), "bicubic", antialias=True, align_corners=False))
check("aa_edge", apply(x, [None, None, matrix(5, 2, 0.4, "cubic", aa=True),
                            matrix(7, 3, 3 / 7, "cubic", aa=True)]))
sym = dict(coord="half_pixel_symmetric")
check("symmetric", apply(x, [None, None, matrix(5, 8, 1.7, "linear", **sym),
                              matrix(7, 4, 0.6, "linear", **sym)]))
check("symmetric_nearest", apply(x, [None, None, matrix(5, 8, 1.7, "nearest", **sym),
                                      matrix(7, 4, 0.6, "nearest", **sym)]), rtol=0, atol=0)
check("int_linear", np.trunc(apply(n.astype(np.float64), [None, matrix(6, 9, 1.5, "linear")])).astype(np.int32),
      rtol=0, atol=0)
