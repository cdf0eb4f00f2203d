"""Models and NumPy references for from-qdq.test."""
import sys

import numpy as np

mode, d = sys.argv[1], sys.argv[2]
f32 = np.float32
rng = np.random.default_rng(1)
w = rng.integers(-127, 128, (3, 2, 3, 3))
ws = np.array([0.01, 0.02, 0.015], dtype=f32)
b = rng.integers(-500, 500, 3)
xs, xz, ys, yz = f32(0.05), 128, f32(0.1), 100


def ints(a):
    return ", ".join(str(int(v)) for v in np.ravel(a))


def floats(a):
    return ", ".join(repr(float(v)) for v in np.ravel(a))


HEADER = '<\n  ir_version: 7,\n  opset_import: ["" : 13]\n>\n'
# ConvInteger and MatMulInteger: uint8 operands, the weights' zero points
# one per output channel.
irng = np.random.default_rng(2)
WU, WZU = irng.integers(0, 256, (3, 2, 3, 3)), np.array([0, 128, 255])
BM, BZ = irng.integers(0, 256, (6, 3)), np.array([7, 130, 250])
XZU, AZ = 140, 3
if mode == "models":
    params = (f"float xs = {{{float(xs)!r}}}, uint8 xz = {{{xz}}}, "
              f"int8[3,2,3,3] w = {{{ints(w)}}}, float[3] ws = {{{floats(ws)}}}, "
              f"int8[3] wz = {{0, 0, 0}}, int32[3] b = {{{ints(b)}}}")
    with open(f"{d}/qlinear.onnxtext", "w") as out:
        out.write(HEADER + f"""qlinear (float[1,2,5,5] x) => (float[1,3,3,3] y)
<{params}, float ys = {{{float(ys)!r}}}, uint8 yz = {{{yz}}}>
{{
  xq = QuantizeLinear(x, xs, xz)
  yq = QLinearConv(xq, xs, xz, w, ws, wz, ys, yz, b)
  y = DequantizeLinear(yq, ys, yz)
}}
""")
    bs = (xs * ws).astype(f32)
    with open(f"{d}/qdq.onnxtext", "w") as out:
        out.write(HEADER + f"""qdq (float[1,2,5,5] x) => (float[1,3,3,3] y)
<{params}, float[3] bs = {{{floats(bs)}}}>
{{
  xq = QuantizeLinear(x, xs, xz)
  xd = DequantizeLinear(xq, xs, xz)
  wd = DequantizeLinear <axis = 0> (w, ws, wz)
  bd = DequantizeLinear <axis = 0> (b, bs)
  y = Conv(xd, wd, bd)
}}
""")
    np.save(f"{d}/x.npy", (rng.standard_normal((1, 2, 5, 5)) * 3).astype(f32))
    with open(f"{d}/integer.onnxtext", "w") as out:
        out.write(HEADER + f"""integer (uint8[1,2,5,5] xu, uint8[4,6] a) => (int32[1,3,5,5] yc, int32[4,3] ym)
<uint8[3,2,3,3] wu = {{{ints(WU)}}}, uint8 xzu = {{{XZU}}}, uint8[3] wzu = {{{ints(WZU)}}},
 uint8[6,3] bm = {{{ints(BM)}}}, uint8 az = {{{AZ}}}, uint8[3] bz = {{{ints(BZ)}}}>
{{
  yc = ConvInteger <pads = [1, 1, 1, 1]> (xu, wu, xzu, wzu)
  ym = MatMulInteger(a, bm, az, bz)
}}
""")
    np.save(f"{d}/xu.npy", rng.integers(0, 256, (1, 2, 5, 5)).astype(np.uint8))
    np.save(f"{d}/a.npy", rng.integers(0, 256, (4, 6)).astype(np.uint8))
    sys.exit(0)

out = lambda n: np.load(f"{d}/{n}/y.npy")
x = np.load(f"{d}/x.npy").astype(np.float64)
xk = np.clip(np.rint(x / np.float64(xs)) + xz, 0, 255)
acc = np.zeros((1, 3, 3, 3), dtype=np.int64)
for i in range(3):
    for j in range(3):
        acc[:, :, i, j] = np.einsum("nchw,ochw->no",
                                    (xk - xz)[:, :, i:i + 3, j:j + 3].astype(np.int64), w)
acc += b[None, :, None, None]

# onnxruntime: float32 multiplier, round half to even, zero point, saturate.
ratio = (np.float64(xs) * ws.astype(np.float64) / np.float64(ys)).astype(f32)
yk = np.clip(np.rint(acc.astype(f32) * ratio[None, :, None, None]).astype(np.float64) + yz, 0, 255)
want = ((yk - yz) * np.float64(ys)).astype(f32)
assert np.array_equal(out("qlinear.qt"), want), (out("qlinear.qt"), want)
print("qlinear: equal to onnxruntime's integer semantics")
assert np.abs(out("qlinear.qt") - out("qlinear")).max() <= float(ys) * 1.0001
print("qlinear: within one step of the imported model")

# QDQ: the accumulator (bias re-encoded in the exact product scales) times
# those scales.
sacc = np.float64(xs) * ws.astype(np.float64)
bs = (xs * ws).astype(f32).astype(np.float64)
bk = np.rint(b * bs / sacc)
want = ((acc - b[None, :, None, None] + bk[None, :, None, None])
        * sacc[None, :, None, None]).astype(f32)
assert np.array_equal(out("qdq.qt"), want)
print("qdq: equal to the exact integer evaluation")
assert np.allclose(out("qdq.qt"), out("qdq"), rtol=1e-5, atol=1e-5)
print("qdq: within float rounding of the imported model")

# Integer ops: exact int32 sums of (x - zx) (w - zw), the conv padded with
# the input's zero point (so padding adds nothing).
xu = np.load(f"{d}/xu.npy").astype(np.int64) - XZU
xp = np.pad(xu, ((0, 0), (0, 0), (1, 1), (1, 1)))
wv = WU - WZU[:, None, None, None]
yc = np.zeros((1, 3, 5, 5), dtype=np.int64)
for i in range(5):
    for j in range(5):
        yc[:, :, i, j] = np.einsum("nchw,ochw->no", xp[:, :, i:i + 3, j:j + 3], wv)
ym = (np.load(f"{d}/a.npy").astype(np.int64) - AZ) @ (BM - BZ[None, :])
for name, ref in (("yc", yc), ("ym", ym)):
    got = np.load(f"{d}/integer.qt/{name}.npy")
    assert got.dtype == np.int32 and np.array_equal(got, ref), (name, got, ref)
print("integer: equal to the exact integer sums")
