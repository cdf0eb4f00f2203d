"""NumPy reference for zero-points.mlir."""
import sys

import numpy as np

d = sys.argv[1]
f32 = np.float32
a = np.load(f"{d}/a.npy").astype(np.float64)
b = np.load(f"{d}/b.npy").astype(np.float64)
out = lambda n: np.load(f"{d}/out/{n}.npy")

ka = np.clip(np.rint(a / 0.02) + 64, 0, 255)
assert np.array_equal(out("a_deq"), ((ka - 64) * 0.02).astype(f32))
print("u8 ok")

s = np.array([0.01, 0.02, 0.015, 0.03])
z = np.array([3, -5, 0, 7])
kb = np.clip(np.rint(b / s) + z, -128, 127)
assert np.array_equal(out("b_deq"), ((kb - z) * s).astype(f32))
print("per-axis ok")

acc = (ka - 64).astype(np.int64) @ (kb - z).astype(np.int64)
assert np.array_equal(out("acc"), acc.astype(np.int32))
print("product ok")

ratio = (0.02 * s / 0.05).astype(f32)
k = np.clip(np.rint(acc.astype(f32) * ratio).astype(np.float64) + 100, 0, 255)
assert np.array_equal(out("y"), ((k - 100) * 0.05).astype(f32))
print("requantized ok")
