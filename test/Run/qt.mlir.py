"""NumPy references for qt.mlir: each format evaluated from its definition."""
import os
import sys

import numpy as np

x = np.load(sys.argv[1]).astype(np.float64)
out = sys.argv[2]


def nearest(v, grid, ties_up=True):
    """The grid value nearest each v; ties to the larger value (ANT)."""
    d = np.abs(v[..., None] - grid)
    if ties_up:
        return grid[len(grid) - 1 - np.argmin(d[..., ::-1], axis=-1)]
    return grid[np.argmin(d, axis=-1)]


# Unsigned flint4 (values x 8: 0..7, 8, 10, 12, 14, 16, 24, 32, 64) / 8, scale 1/8.
uflint = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24, 32, 64]) / 8
want = nearest(x / 0.125, uflint) * 0.125
assert np.array_equal(np.load(f"{out}/flint.npy"), want.astype(np.float32))
print("flint ok")

# MXINT8 along the last axis: blocks of 32, se = floor(log2 amax), k/64.
want = np.zeros_like(x)
for r in range(x.shape[0]):
    for b in range(0, x.shape[1], 32):
        v = x[r, b:b + 32]
        se = np.floor(np.log2(np.abs(v).max()))
        a = v / 2 ** se * 64
        k = np.clip(np.sign(a) * np.floor(np.abs(a) + 0.5), -127, 127)
        want[r, b:b + 32] = k / 64 * 2 ** se
assert np.array_equal(np.load(f"{out}/mx.npy"), want.astype(np.float32))
print("mx ok")

# int8 (round half to even, scale 0.05), then signed flint4 per row.
i8 = np.clip(np.rint(x / 0.05), -128, 127) * 0.05
sflint = np.array([0, 1, 2, 3, 4, 6, 8, 16]) / 4
grid = np.unique(np.concatenate([-sflint, sflint]))
scales = np.array([0.25, 0.5, 1.0, 2.0])[:, None]
i8 = i8.astype(np.float32).astype(np.float64)  # the decoded int8 values are float32
want = nearest(i8 / scales, grid) * scales
assert np.array_equal(np.load(f"{out}/requant.npy"), want.astype(np.float32))
print("requant ok")

# The packed OVP encoding: header, one scale, 280 4-bit codes.
name, rnd = "ovpint4", "up"
size = 8 + 4 + len(name) + 4 + len(rnd) + 4 + 2 * 8 + 8 + 4 + 8 + 8 + 8 + 140
assert os.path.getsize(f"{out}/packed.tq") == size
print("packed ok")
