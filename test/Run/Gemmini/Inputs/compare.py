"""Compares tessel-run's outputs with the expected arrays, exactly."""
import os
import sys

import numpy as np

got_dir, want_dir = sys.argv[1], sys.argv[2]
names = sorted(f for f in os.listdir(want_dir) if f.endswith(".npy"))
assert names, "no expected outputs"
for f in names:
    want = np.load(os.path.join(want_dir, f))
    got = np.load(os.path.join(got_dir, f))
    assert got.dtype == want.dtype and got.shape == want.shape, (f, got.dtype, got.shape, want.dtype, want.shape)
    bad = np.argwhere(got != want)
    assert bad.size == 0, "%s: %d mismatches, first at %s: got %s, want %s" % (
        f, len(bad), tuple(bad[0]), got[tuple(bad[0])], want[tuple(bad[0])])
print("%d outputs match" % len(names))
