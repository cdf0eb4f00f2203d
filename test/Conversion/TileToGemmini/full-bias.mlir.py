"""NumPy's reference for full-bias.mlir: the int32 product plus a bias per
element, and Gemmini's store path on it (float32 scale, round half to
even, saturation to int8, ReLU), for the outputs of each form named after
the directory (by default loop and explicit)."""
import sys

import numpy as np

d = sys.argv[1]
a = np.load(f"{d}/a.npy").astype(np.int64)
b = np.load(f"{d}/b.npy").astype(np.int64)
acc = a @ b + np.load(f"{d}/bias.npy").astype(np.int64)
scaled = np.rint(acc.astype(np.float32) * np.float32(0.01))
scaled = np.maximum(np.clip(scaled, -128, 127), 0).astype(np.int8)
for form in sys.argv[2:] or ("loop", "explicit"):
    ws = np.load(f"{d}/{form}/ws.npy")
    assert ws.dtype == np.int32 and np.array_equal(ws, acc), form
    print(f"{form} ws: equal to a @ b + bias")
    os_ = np.load(f"{d}/{form}/os.npy")
    assert os_.dtype == np.int8 and np.array_equal(os_, scaled), form
    print(f"{form} os: equal to a @ b + bias, scaled")
