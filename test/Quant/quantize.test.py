"""The scale-search check of quantize.test: tessel-quant's searched scales
and values equal an independent NumPy search (python/tessel/
format_reference.py: ANT's alpha = max|x| * i/100 for i in [75, 150), from
95 above 6 bits, OliVe's base * i/100 for even i in [75, 250); scale =
alpha / the format's largest value; the first least MSE), and the search
moves the scale off max|x| for some channels, so a search that returned
the max (or any other) candidate fails.
Usage: quantize.test.py TMPDIR SRC-ROOT FORMAT ROUNDING NAME"""
import sys

import numpy as np

d, src, fmt, rounding, name = sys.argv[1:6]
sys.path.insert(0, f"{src}/python")
import tessel.format_reference as ref  # noqa: E402

x = np.load(f"{d}/x.npy").astype(np.float64)
t = ref.read_tq(f"{d}/{name}.tq")
assert t["rounding"] == rounding and t["axis"] == 0, (t["rounding"], t["axis"])
if fmt.startswith("ovp"):
    normal, bits = fmt[3:-1], int(fmt[-1])
    want, _, scales = ref.ovp_quantize(x, normal, bits, search=True, axis=0)
    plain = [ref.ovp_base(r) / ref.ovp_tables(normal, bits)[0][-1] for r in x]
else:
    want, scales = ref.ant_search(x, fmt, rounding, axis=0)
    plain = [np.abs(r).max() / ref.scalar_values(fmt).max() for r in x]
assert t["scales"] == scales, (t["scales"], scales)
got = np.load(f"{d}/{name}.npy")
assert np.array_equal(got, want.astype(np.float32)), abs(got - want).max()
moved = sum(s != p for s, p in zip(scales, plain))
assert moved > 0, "every searched scale is the plain one: the check cannot tell"
print(f"{fmt} search ok: {len(scales)} scales, {moved} off the plain scale")
