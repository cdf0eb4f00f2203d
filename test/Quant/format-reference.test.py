"""Driver of format-reference.test: runs `tessel-quant quantize` and
`encode` on random tensors and compares values, codes, scales and block
exponents with python/tessel/format_reference.py (NumPy, from the specs).
Usage: format-reference.test.py TMPDIR TESSEL-QUANT SRC-ROOT"""
import subprocess
import sys

import numpy as np

d, tool, src = sys.argv[1:4]
sys.path.insert(0, f"{src}/python")
import tessel.format_reference as ref  # noqa: E402

rng = np.random.default_rng(11)
f32 = np.float32


def gauss(shape):
    return rng.standard_normal(shape)


def outliers(shape):
    """Gaussian with 4% of the entries 10-40x larger, and some zeros."""
    x = rng.standard_normal(shape)
    x[rng.random(shape) < 0.04] *= rng.uniform(10, 40)
    x[rng.random(shape) < 0.05] = 0
    return x


def shuffled_with_zeros(v, shape):
    v = np.concatenate([v, np.zeros(len(v) // 8)])
    return rng.choice(v, size=int(np.prod(shape))).reshape(shape)


def ovp_ties(normal, bits):
    """Units on the grid, at midpoints between neighbours (ties), and 0,
    times the scale 0.25 the test passes (all exact in float32)."""
    nmag, omag = ref.ovp_tables(normal, bits)
    g = np.unique(np.concatenate([nmag, omag[1:]]))
    g = np.concatenate([-g[::-1], g])
    u = np.concatenate([g, (g[1:] + g[:-1]) / 2, [600, -600]])
    return shuffled_with_zeros(u, (6, 50)) * 0.25


def mx_ties(name, shape=(4, 96)):
    """Blocks of 32: element 0 sets the shared exponent (max_norm * 2^s),
    the others lie on the element grid or halfway between its points."""
    eb, mb, emax = ref.MX[name]
    if eb == 0:
        g = np.arange(128) / 64
    else:
        emin = 2 - 2 ** (eb - 1)
        g = np.concatenate([np.arange(2 ** mb) * 2.0 ** (emin - mb)] +
                           [(1 + np.arange(2 ** mb) / 2 ** mb) * 2.0 ** e for e in range(emin, emax + 1)])
        g = g[g <= ref.mx_max(name)]
    u = np.concatenate([g, (g[1:] + g[:-1]) / 2])
    x = shuffled_with_zeros(np.concatenate([u, -u]), shape)
    x[:, ::32] = ref.mx_max(name) * rng.choice([-1, 1], x[:, ::32].shape)
    x *= 2.0 ** rng.integers(-4, 5, (shape[0], shape[1] // 32)).repeat(32, axis=1)
    x[0, 32:64] = 0  # an all-zero block
    return x


def bfp_ties(p, shape=(3, 128)):
    """Blocks of 64 with max 1.5 * 2^e; elements k or k + 1/2 steps."""
    lim = 2 ** (p - 1) - 1
    k = np.arange(-lim, lim + 1)
    x = shuffled_with_zeros(np.concatenate([k, k[:-1] + 0.5]) * 2.0 ** (2 - p), shape)
    x[:, ::64] = 1.5
    x *= 2.0 ** rng.integers(-5, 6, (shape[0], shape[1] // 64)).repeat(64, axis=1)
    x[1, 64:] = 0  # an all-zero block
    return x


def tiny(shape=(2, 64)):
    """Blocks whose largest value is a float32 subnormal or near FP32's
    smallest normal: MX's se clamps at -127 (spec 3.2 step 3)."""
    x = rng.standard_normal(shape) * 2.0 ** rng.integers(-150, -124, shape)
    x[:, 32:] *= 2.0 ** -20
    return x


failures = []
counts = {}


def compare(family, label, what, got, want):
    if np.array_equal(got, want):
        return
    bad = np.flatnonzero(np.asarray(got).ravel() != np.asarray(want).ravel())
    i = bad[0] if len(bad) else 0
    failures.append(f"{label}: {what}: {len(bad)} differ, first at {i}: "
                    f"tessel {np.asarray(got).ravel()[i]!r} vs reference {np.asarray(want).ravel()[i]!r}")


def run(family, fmt, name, x, args, expected):
    """Quantize and encode `x` with `args`; expected = (values, codes,
    scales or block exponent bytes)."""
    x = x.astype(f32)
    label = f"{fmt} {name} {' '.join(args)}".strip()
    np.save(f"{d}/in.npy", x)
    subprocess.run([tool, "quantize", "--format", fmt, *args, f"{d}/in.npy", "-o", f"{d}/q.npy"],
                   check=True, capture_output=True)
    subprocess.run([tool, "encode", "--format", fmt, *args, f"{d}/in.npy", "-o", f"{d}/e.tq"],
                   check=True, capture_output=True)
    vals, codes, meta = expected(x.astype(np.float64))
    compare(family, label, "values", np.load(f"{d}/q.npy"), vals.astype(f32))
    t = ref.read_tq(f"{d}/e.tq")
    compare(family, label, "codes", t["codes"], codes.ravel())
    compare(family, label, "scales" if family == "ovp" else "block exponents",
            np.array(t["scales"] if family == "ovp" else t["block_exps"]), np.array(meta))
    counts[family] = counts.get(family, 0) + 1


# OVP: per tensor (flattened pairs), per channel (odd rows: a lone last
# element), fixed power-of-two scale with ties, and OliVe's search.
for normal in ("int", "flint"):
    for bits in (4, 8):
        fmt = f"ovp{normal}{bits}"
        for name, x, args, kw in [
                ("gauss", gauss((4, 70)), [], {}),
                ("outliers", outliers((5, 37)), ["--axis", "0"], {"axis": 0}),
                ("outliers", outliers((2, 3, 20)), ["--axis", "1"], {"axis": 1}),
                ("ties", ovp_ties(normal, bits), ["--scale", "0.25"], {"scale": 0.25}),
                ("outliers", outliers((4, 40)), ["--scale-search", "--axis", "0"],
                 {"search": True, "axis": 0})]:
            run("ovp", fmt, name, x, args, lambda v: ref.ovp_quantize(v, normal, bits, **kw))

# MX: blocks of 32 along the last axis (or axis 0), ties away and even.
for fmt in ref.MX:
    for rounding in ("away", "even"):
        for name, x, axis in [("gauss", gauss((4, 70)), -1), ("outliers", outliers((40, 3)), 0),
                              ("ties", mx_ties(fmt), -1), ("tiny", tiny(), -1)]:
            args = ["--rounding", rounding] + (["--axis", "0"] if axis == 0 else [])
            run("mx", fmt, name, x, args, lambda v: ref.mx_quantize(v, fmt, rounding, axis))

# BFP: blocks of 64 (or 16), RNE.
for fmt, p, block in [("bfp8", 8, 64), ("bfp4", 4, 64), ("bfp6_16", 6, 16)]:
    for name, x, axis in [("gauss", gauss((3, 150)), -1), ("outliers", outliers((70, 2)), 0),
                          ("ties", bfp_ties(p), -1), ("tiny", tiny(), -1)]:
        args = ["--axis", "0"] if axis == 0 else []
        run("bfp", fmt, name, x, args, lambda v: ref.bfp_quantize(v, p, "even", axis, block))

for f in failures:
    print("MISMATCH", f)
for family, n in counts.items():
    print(f"{family}: {n} cases")
sys.exit(1 if failures else 0)
