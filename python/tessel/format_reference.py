"""Independent NumPy references for OliVe's OVP, OCP MX and d-Matrix BFP
tensors, and for the ANT / OliVe MSE scale searches.

Written from ../shared/specs/number-formats.md ("spec" below) and
docs/number-formats.md ("docs"); it uses no tessel code. Arithmetic is
float64 (units = x / scale, values = units * scale), sums run in order
(np.cumsum) as a plain loop would; every function returns the decoded
values (float64) and, where a bit layout is specified, the codes (one per
element, row-major) and the block exponent bytes.
"""
import re

import numpy as np


def nearest(u, grid):
    """Indices of the nearest entries of `grid`, ties to the later entry
    (spec 1.4: ANT's and OliVe's kernels scan with `<=`)."""
    d = np.abs(np.asarray(u, np.float64)[:, None] - np.asarray(grid)[None, :])
    return len(grid) - 1 - np.argmin(d[:, ::-1], axis=1)


def flint_unsigned(n):
    """Values of the n-bit unsigned flint codes 0 .. 2^n - 1 (spec 1.2)."""
    vals = []
    for c in range(2 ** n):
        bits = format(c, f"0{n}b")
        if c == 0:
            vals.append(0.0)
        elif c == 2 ** n - 1:
            vals.append(2.0 ** (n - 1))
        elif bits[0] == "0":  # Z leading zeros, a 1, then n-Z-1 mantissa bits
            z = bits.index("1")
            mb = n - z - 1
            vals.append(2.0 ** -z * (1 + (c & (2 ** mb - 1)) / 2 ** mb))
        else:  # L leading ones, a 0, then n-L-1 mantissa bits
            l = bits.index("0")
            mb = n - l - 1
            vals.append(2.0 ** (l - 1) * (1 + (c & (2 ** mb - 1)) / 2 ** mb))
    return np.array(vals)


def scalar_values(name):
    """Code -> units of the ANT scalar formats used by the searches: int<n>
    (two's complement, spec 1.3) and flint<n> (sign + (n-1)-bit flint,
    docs "Scalar formats"; code 100..0 is -0)."""
    n = int(name.lstrip("intfl"))
    if name.startswith("int"):
        return np.array([c - 2 ** n if c >= 2 ** (n - 1) else c for c in range(2 ** n)], float)
    if name.startswith("flint"):
        mags = flint_unsigned(n - 1)
        return np.concatenate([mags, -mags])
    raise ValueError(name)


def scalar_quantize(u, name, rounding="up"):
    """Units -> quantized units: the nearest value, saturating, ties to the
    larger ("up", ANT's rule) or, for int, to the even integer (docs
    "Units, scales and rounding")."""
    vals = np.unique(scalar_values(name))  # ascending, one 0
    if rounding == "even" and name.startswith("int"):
        return np.clip(np.rint(u), vals[0], vals[-1])
    assert rounding == "up", rounding
    return vals[nearest(u, vals)]


# --- OVP (spec 2, docs "OVP (OliVe)") --------------------------------------

def ovp_tables(normal, bits):
    """(normal magnitudes by code, outlier magnitudes by code) in units with
    the outlier threshold at 32 (spec 2.1, 2.3; docs)."""
    m = 2 ** (bits - 1)
    if normal == "int":  # int4: 4k, k <= 7; int8: k/4, k <= 127
        nmag = np.arange(m) * (4.0 if bits == 4 else 0.25)
    else:  # flint4: 3-bit flint x 8; flint8: 7-bit flint x 1/2
        nmag = flint_unsigned(bits - 1) * (8.0 if bits == 4 else 0.5)
    mb = bits - 3  # abfloat: sign, 2 exponent bits, bits-3 mantissa bits
    omag = np.array([(1 + (c & (2 ** mb - 1)) / 2 ** mb) * 2.0 ** ((c >> mb) + 5)
                     for c in range(m)])
    omag[0] = np.nan  # magnitude code 0 is unused (the identifier 100..0)
    return nmag, omag


def ovp_group(u, normal, bits):
    """One group's units (in pair order) -> (quantized units, codes)."""
    u = np.asarray(u, np.float64)
    m = 2 ** (bits - 1)
    nmag, omag = ovp_tables(normal, bits)
    # Spec 2.2 step 2: nearest over cat(normal, outlier), ascending within
    # each, not re-sorted: ties go up within a type and to the outlier
    # between types. Entries are (value, code, is_outlier).
    nv = np.concatenate([-nmag[:0:-1], nmag])
    nc = np.concatenate([m + np.arange(m - 1, 0, -1), np.arange(m)])
    ov = np.concatenate([-omag[:0:-1], omag[1:]])
    oc = np.concatenate([m + np.arange(m - 1, 0, -1), np.arange(1, m)])
    grid = np.concatenate([nv, ov])
    code = np.concatenate([nc, oc])
    is_out = np.r_[np.zeros(len(nv), bool), np.ones(len(ov), bool)]
    i = nearest(u, grid)
    q, c, out = grid[i], code[i], is_out[i]
    n2 = len(u) // 2 * 2
    if len(u) % 2:  # docs: a lone last element takes normal values only
        j = nearest(u[-1:], nv)[0]
        q[-1], c[-1], out[-1] = nv[j], nc[j], False
    # Step 4: pairs (2k, 2k+1); mask = |q| > 32 (the outliers). An outlier
    # in the even slot victimises the odd one; else an odd outlier the even.
    mask = out[:n2].reshape(-1, 2)
    victim = np.zeros_like(mask)
    victim[:, 1] = mask[:, 0]
    victim[:, 0] = mask[:, 1] & ~victim[:, 1]
    victim = np.r_[victim.ravel(), np.zeros(len(u) - n2, bool)]
    q[victim] = 0
    c[victim] = m  # the identifier 1000 / 0x80 (spec 2.3)
    return q + 0.0, c  # +0: zero encodes as +0 (docs)


def _groups(x, axis):
    """Index arrays of the groups: the flattened tensor, or each channel of
    `axis` in row-major order (docs: "per channel ... in order")."""
    idx = np.arange(x.size).reshape(x.shape)
    if axis is None:
        return [idx.ravel()]
    return [np.take(idx, a, axis=axis).ravel() for a in range(x.shape[axis])]


def seq_sum(v):
    return np.cumsum(v)[-1] if len(v) else 0.0


def mse(x, q):
    return seq_sum((x - q) ** 2) / len(x) if len(x) else 0.0


def ovp_base(x):
    """OliVe's clipping base max(|mean +- 3 std|), population std (spec 2.2)."""
    mean = seq_sum(x) / len(x)
    sd = np.sqrt(seq_sum((x - mean) ** 2) / len(x))
    return max(abs(mean + 3 * sd), abs(mean - 3 * sd))


def ovp_quantize(x, normal, bits, scale=None, search=False, axis=None):
    """OVP fake quantization. `scale`: a fixed scale; otherwise alpha = the
    base (or the searched alpha, OliVe: base * i/100 for even i in
    [75, 250), least MSE, spec 2.2) with scale = alpha / normal max.
    Returns (values, codes, scales)."""
    x = np.asarray(x, np.float64)
    vals, codes, scales = np.zeros(x.size), np.zeros(x.size, np.int64), []
    nmax = ovp_tables(normal, bits)[0][-1]
    for g in _groups(x, axis):
        xg = x.ravel()[g]
        if scale is not None:
            s = scale
        else:
            base = ovp_base(xg)
            s = 1.0 if base == 0 else pick_scale(xg, [base * i / 100 for i in range(75, 250, 2)] if search else [base],
                           nmax, lambda u: ovp_group(u, normal, bits)[0])
        q, c = ovp_group(xg / s, normal, bits)
        vals[g], codes[g] = q * s, c
        scales.append(s)
    return vals.reshape(x.shape), codes.reshape(x.shape), scales


# --- scale search (spec 1.5, docs "Fake quantization and scale search") ----

def pick_scale(x, alphas, fmax, quantize_units):
    """The first candidate alpha of least MSE; scale = alpha / fmax."""
    best, best_scale = np.inf, 1.0
    for a in alphas:
        s = a / fmax
        e = mse(x, quantize_units(x / s) * s)
        if e < best:
            best, best_scale = e, s
    return best_scale


def ant_search(x, name, rounding="up", axis=None):
    """ANT's search: alpha = max|x| * i/100 for i in [75, 150) (from 95
    above 6 bits), scale = alpha / max, least MSE, per channel along
    `axis`. Returns (values, scales)."""
    x = np.asarray(x, np.float64)
    n = int(name.lstrip("intfl"))
    fmax = scalar_values(name).max()
    out, scales = np.zeros(x.size), []
    for g in _groups(x, axis):
        xg = x.ravel()[g]
        base = np.abs(xg).max()
        s = 1.0 if base == 0 else pick_scale(xg, [base * i / 100 for i in range(95 if n > 6 else 75, 150)], fmax,
                       lambda u: scalar_quantize(u, name, rounding))
        out[g] = scalar_quantize(xg / s, name, rounding) * s
        scales.append(s)
    return out.reshape(x.shape), scales


# --- OCP MX (spec 3.1, 3.2, docs "OCP MX") ---------------------------------

# name: (ebits, mantissa bits, emax_elem); int8 is k/64, |k| <= 127.
MX = {"mxint8": (0, 6, 0), "mxfp8_e4m3": (4, 3, 8), "mxfp8_e5m2": (5, 2, 15),
      "mxfp6_e3m2": (3, 2, 4), "mxfp6_e2m3": (2, 3, 2), "mxfp4_e2m1": (2, 1, 2)}


def mx_max(name):
    eb, mb, emax = MX[name]
    if eb == 0:
        return 127 / 64
    if name == "mxfp8_e4m3":
        return 448.0  # 0x7E: 0x7F is NaN (spec 3.1)
    return 2.0 ** emax * (2 - 2.0 ** -mb)


def _round(a, rounding):
    if rounding == "away":  # microxcaling's "nearest" (spec 3.2)
        return np.sign(a) * np.floor(np.abs(a) + 0.5)
    if rounding == "even":
        return np.rint(a)
    if rounding == "zero":
        return np.trunc(a)
    raise ValueError(rounding)


def floor_log2(v):
    """floor(log2 v) for v > 0, exactly (frexp, not log2)."""
    return np.frexp(v)[1] - 1


def mx_element(a, name, rounding):
    """Spec 3.2 step 4: p = floor(log2|a|) clipped to emin; round
    a * 2^(M - p); clamp to +-max_norm. Returns (value, code)."""
    eb, mb, _ = MX[name]
    if eb == 0:
        k = np.clip(_round(a * 64, rounding), -127, 127)
        return k / 64 + 0.0, k.astype(np.int64) & 0xFF  # two's complement
    bias = 2 ** (eb - 1) - 1
    emin = 1 - bias
    p = np.maximum(floor_log2(np.where(a == 0, 1.0, np.abs(a))), emin)
    v = np.clip(_round(a * 2.0 ** (mb - p), rounding) * 2.0 ** (p - mb), -mx_max(name), mx_max(name))
    # Code: sign | exponent field (0 = subnormal) | mantissa.
    mag = np.abs(v)
    e = np.maximum(floor_log2(np.where(mag == 0, 1.0, mag)), emin)
    field = np.where(mag >= 2.0 ** emin, e + bias, 0)
    mant = np.where(field > 0, mag / 2.0 ** e - 1, mag / 2.0 ** emin) * 2 ** mb
    code = (np.signbit(v) & (mag > 0)).astype(np.int64) << (eb + mb) | field << mb | mant.astype(np.int64)
    return v + 0.0, code


def _blocked(x, axis, block, fn):
    """Applies fn(block values) -> (values, codes, exponent byte) to blocks
    of `block` along each line of `axis`, lines in row-major order of the
    other axes. Returns (values, codes, exponent bytes in file order)."""
    x = np.asarray(x, np.float64)
    xl = np.moveaxis(x, axis, -1)
    lines = xl.reshape(-1, xl.shape[-1])
    vals, codes, exps = np.zeros_like(lines), np.zeros(lines.shape, np.int64), []
    for r in range(lines.shape[0]):
        for b in range(0, lines.shape[1], block):
            vals[r, b:b + block], codes[r, b:b + block], e = fn(lines[r, b:b + block])
            exps.append(e)
    back = lambda a: np.moveaxis(a.reshape(xl.shape), -1, axis)
    return back(vals), back(codes), np.array(exps, np.int64)


def mx_quantize(x, name, rounding="away", axis=-1, block=32):
    """MX: per block se = floor(log2 amax) - emax_elem (FP32's smallest
    normal for an all-zero block), clamped below at -127; byte se + 127;
    elements V / 2^se rounded (spec 3.2 steps 1-4). Finite inputs only."""
    def one(v):
        amax = np.abs(v).max()
        se = max(floor_log2(amax if amax > 0 else 2.0 ** -126) - MX[name][2], -127)
        q, c = mx_element(v / 2.0 ** se, name, rounding)
        return q * 2.0 ** se, c, se + 127
    return _blocked(x, axis, block, one)


# --- d-Matrix BFP (spec 3.3, docs "Block floating point") ------------------

def bfp_quantize(x, p, rounding="even", axis=-1, block=64):
    """BFP[p|8]{block}: e = floor(log2 max|x|) (0 for an all-zero block,
    at least -127),
    step 2^(e+2-p), k = round(x / step) (RNE by default), |k| <= 2^(p-1)-1;
    byte e + 127; codes p-bit two's complement (docs)."""
    def one(v):
        amax = np.abs(v).max()
        # Spec 3.3: e is FP32's exponent field of the max, so a subnormal
        # max gives field 0, e = -127 (byte 0x00; docs leave this implicit).
        e = max(floor_log2(amax), -127) if amax > 0 else 0
        lim = 2 ** (p - 1) - 1
        k = np.clip(_round(v / 2.0 ** (e + 2 - p), rounding), -lim, lim)
        return k * 2.0 ** (e + 2 - p) + 0.0, k.astype(np.int64) & (2 ** p - 1), e + 127
    return _blocked(x, axis, block, one)


# --- packed files (docs "Packing", "Packed files") -------------------------

def read_tq(path):
    """A tessel-quant packed file -> dict(format, rounding, shape, axis,
    scales, block_exps, codes), parsed from the docs' table alone."""
    b = open(path, "rb").read()
    assert b[:8] == b"TSLQNT01", "bad magic"
    pos = 8

    def take(fmt, n=1):
        nonlocal pos
        a = np.frombuffer(b, fmt, n, pos)
        pos += a.nbytes
        return a

    def string():
        n = int(take("<u4")[0])
        return bytes(take("u1", n)).decode()

    t = {"format": string(), "rounding": string()}
    t["shape"] = tuple(take("<i8", int(take("<u4")[0])))
    t["axis"] = int(take("<i8")[0])
    t["scales"] = take("<f8", int(take("<u4")[0])).tolist()
    t["block_exps"] = take("u1", int(take("<u8")[0])).astype(np.int64)
    n = int(take("<u8")[0])
    bits = int(re.match(r"[a-z]+(\d+)", t["format"]).group(1))  # int4, mxfp6_e3m2, bfp6_16
    stream = np.unpackbits(np.frombuffer(b[pos:], np.uint8))[:n * bits].reshape(n, bits)
    t["codes"] = (stream.astype(np.int64) << np.arange(bits - 1, -1, -1)).sum(axis=1)
    return t
