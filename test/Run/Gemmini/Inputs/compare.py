"""Compares tessel-run's outputs with the expected arrays, exactly, and
with float references within their tolerance where the program has them
(OUTDIR/approx, beside OUTDIR/expected)."""
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
approx = os.path.join(os.path.dirname(os.path.normpath(want_dir)), "approx")
if os.path.isdir(approx):
    for f in sorted(x for x in os.listdir(approx) if x.endswith(".npy")):
        ref = np.load(os.path.join(approx, f))
        tol = float(open(os.path.join(approx, f[:-4] + ".tol")).read())
        err = np.abs(np.load(os.path.join(got_dir, f)).astype(np.float64) - ref).max()
        assert err <= tol, "%s: %g from the float function, more than %g" % (f, err, tol)
print("%d outputs match" % len(names))
