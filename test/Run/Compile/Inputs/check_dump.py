"""Checks tessel-run --dump-programs' directories of the MLP (mlp.py) with
NumPy: `check_dump.py DIR`, DIR holding x.npy, out/fc2.npy and programs/."""
import sys

import numpy as np

d = sys.argv[1]
p = d + "/programs"


def load(prog, name):
    return np.load("%s/%s/%s_%s.npy" % (p, prog, prog, name))


for prog in ("fc0", "fc1", "fc2"):
    a, b, bias = load(prog, "a"), load(prog, "b"), load(prog, "bias")
    c = np.load("%s/%s/expected/%s_c.npy" % (p, prog, prog))
    assert (a.dtype, b.dtype, bias.dtype, c.dtype) == (np.int8, np.int8, np.int32, np.int32)
    want = a.astype(np.int64) @ b.astype(np.int64) + bias
    assert c.shape == want.shape and (c == want).all(), prog
    print("%s: c = a @ b + bias" % prog)

# One scale quantizes the input: x / a is about constant where a is large.
x, a = np.load(d + "/x.npy"), load("fc0", "a").astype(np.float64)
big = np.abs(a) >= 16
ratio = x[big] / a[big]
assert np.abs(ratio / np.median(ratio) - 1).max() < 0.05, ratio
print("fc0's a is x quantized")

# The model's float output is the last accumulators times a scale per column.
y, c = np.load(d + "/out/fc2.npy").astype(np.float64), np.load(p + "/fc2/expected/fc2_c.npy")
assert (c != 0).all()
ratio = y / c
assert np.abs(ratio / ratio[0] - 1).max() < 1e-5, ratio
print("fc2 is fc2's accumulators scaled")
