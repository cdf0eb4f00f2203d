"""NumPy's reference for buffers.mlir: `inputs DIR` writes the operands,
`check DIR FORM...` compares each form's outputs with the definitions."""
import sys

import numpy as np

cmd, d = sys.argv[1], sys.argv[2]
if cmd == "inputs":
    r = np.random.default_rng(3)
    np.save(f"{d}/x.npy", r.integers(-128, 128, (2, 20, 40)).astype(np.int8))
    np.save(f"{d}/w.npy", r.integers(-128, 128, (40, 24)).astype(np.int8))
    np.save(f"{d}/bias.npy", r.integers(-5000, 5000, (24,)).astype(np.int32))
    sys.exit(0)
x = np.load(f"{d}/x.npy").astype(np.int64).reshape(40, 40)
w = np.load(f"{d}/w.npy").astype(np.int64)
bias = np.load(f"{d}/bias.npy").astype(np.int64)
raw = x[16:32] @ w
acc = x @ w + bias
scaled = np.rint(acc.astype(np.float32) * np.float32(1 / 64))
scaled = np.maximum(np.clip(scaled, -128, 127), 0).astype(np.int8).reshape(2, 20, 24)
for form in sys.argv[3:]:
    got = np.load(f"{d}/{form}/raw.npy")
    assert got.dtype == np.int32 and np.array_equal(got, raw), form
    print(f"{form} raw ok")
    got = np.load(f"{d}/{form}/scaled.npy")
    assert got.dtype == np.int8 and np.array_equal(got, scaled), form
    print(f"{form} scaled ok")
