"""Gemmini programs in the spirit of gemmini-rocc-tests' bareMetalC tests,
each with a NumPy reference computed from the ISA's formulas (Gemmini's
matmul_cpu: act(sat(RNE(scale * (A.B + D))))). Used by the simulator's tests
and benchmark.

    gemmini_programs.py NAME SEED OUTDIR [--dim 8|16|32]
                        [--tessel-translate PATH]
    gemmini_programs.py matmul SEED OUTDIR M K N TILE_I TILE_J TILE_K

--dim picks the gemmini-dim8 / gemmini-default / gemmini-dim32 target
(tiled_matmul only; the other programs are written for DIM 16). The
target's parameters come from `tessel-translate --print-target`: the tool
given with --tessel-translate, else $TESSEL_TRANSLATE (the lit suite sets
it), else tessel-translate on the PATH.

writes OUTDIR/prog.mlir, one .npy per input segment, OUTDIR/expected/*.npy
for the outputs, and OUTDIR/inputs.txt with the tessel-run --input flags.
"""
import os
import re
import subprocess
import sys

import numpy as np

DIM = 16
# tessel's target preset of each supported DIM.
PRESETS = {8: "gemmini-dim8", 16: "gemmini-default", 32: "gemmini-dim32"}


def preset_target(tool, dim):
    """The #gemmini.target attribute of DIM's preset, every parameter
    written out, as tessel-translate prints it."""
    out = subprocess.run([tool, "--print-target=" + PRESETS[dim]],
                         check=True, capture_output=True, text=True).stdout
    return out.strip()


def target_param(target, name):
    """An integer parameter of a #gemmini.target attribute's text."""
    return int(re.search(r"\b%s = (\d+)" % name, target).group(1))


def rne_scale_int8(x, scale):
    """float32 multiply, round half to even, saturate to int8."""
    y = np.rint(np.float32(x) * np.float32(scale))
    return np.clip(y, -128, 127).astype(np.int8)


def shift_rne(x, shift):
    """x >> shift rounded half to even, on int64."""
    x = np.asarray(x, np.int64)
    if shift == 0:
        return x
    q = x >> shift
    rem = x & ((1 << shift) - 1)
    half = 1 << (shift - 1)
    return q + ((rem > half) | ((rem == half) & (q & 1 == 1)))


class Program:
    def __init__(self, out):
        self.out = out
        self.segments = []
        self.lines = []
        self.inputs = {}
        self.expected = {}
        self.base = 1 << 20

    def segment(self, name, kind, array=None, shape=None, dtype=None):
        if array is not None:
            shape, dtype = array.shape, array.dtype
        size = int(np.prod(shape)) * np.dtype(dtype).itemsize
        mlir_elem = {np.int8: "i8", np.int32: "i32", np.uint8: "ui8"}[np.dtype(dtype).type]
        ty = "tensor<%sx%s>" % ("x".join(str(d) for d in shape), mlir_elem)
        self.segments.append('  gemmini.segment @%s : %s, base %d, size %d, type %s'
                             % (name, kind, self.base, size, ty))
        self.base += (size + 4095) // 4096 * 4096 + 4096
        if array is not None:
            self.inputs[name] = array

    def op(self, text):
        self.lines.append("    gemmini." + text)

    def write(self, target=""):
        os.makedirs(os.path.join(self.out, "expected"), exist_ok=True)
        attrs = ' attributes {gemmini.target = %s}' % target if target else ""
        text = "module%s {\n%s\n  gemmini.program @main {\n%s\n  }\n}\n" % (
            attrs, "\n".join(self.segments), "\n".join(self.lines))
        open(os.path.join(self.out, "prog.mlir"), "w").write(text)
        flags = []
        for name, a in self.inputs.items():
            np.save(os.path.join(self.out, name + ".npy"), a)
            flags.append("--input %s=%s/%s.npy" % (name, self.out, name))
        for name, a in self.expected.items():
            np.save(os.path.join(self.out, "expected", name + ".npy"), a)
        if getattr(self, "check_close", None):
            # A float reference the exact result must stay within tol of.
            name, ref, tol = self.check_close
            os.makedirs(os.path.join(self.out, "approx"), exist_ok=True)
            np.save(os.path.join(self.out, "approx", name + ".npy"), ref)
            open(os.path.join(self.out, "approx", name + ".tol"), "w").write(repr(float(tol)))
        open(os.path.join(self.out, "inputs.txt"), "w").write(" ".join(flags))


def mat(rng, shape, lo=-8, hi=8, dtype=np.int8):
    return rng.integers(lo, hi, size=shape).astype(dtype)


def mvin_mvout(p, rng):
    """Strided moves, the mvin scale, multi-block moves, and accumulator
    moves of raw int32 with and without accumulation."""
    a = mat(rng, (DIM, 80), -128, 128)          # row stride 80 bytes
    acc = mat(rng, (DIM, DIM), -100000, 100000, np.int32)
    p.segment("a", "inputs", a)
    p.segment("acc_in", "inputs", acc)
    p.segment("scaled", "outputs", shape=(DIM, 64), dtype=np.int8)
    p.segment("acc_out", "outputs", shape=(DIM, DIM), dtype=np.int32)
    p.op("config_ld stride = 80, block_stride = %d, scale = 0.75" % DIM)
    p.op("config_ld id = 1, stride = %d" % (DIM * 4))
    p.op("config_st stride = 64")
    # 64 columns = 4 blocks of DIM into rows 0, 16, 32, 48.
    p.op("mvin dram = @a + 8, local = spad[0], local_cols = 64, local_rows = %d" % DIM)
    for b in range(4):
        p.op("mvout dram = @scaled + %d, local = spad[%d], local_cols = %d, local_rows = %d"
             % (b * DIM, b * DIM, DIM, DIM))
    p.expected["scaled"] = rne_scale_int8(a[:, 8:72].astype(np.int64), 0.75)
    # int32 into the accumulator, then accumulate the same again.
    p.op("mvin2 dram = @acc_in, local = acc[0], local_cols = %d, local_rows = %d" % (DIM, DIM))
    p.op("mvin2 dram = @acc_in, local = acc[0] accumulate, local_cols = %d, local_rows = %d" % (DIM, DIM))
    p.op("config_st stride = %d" % (DIM * 4))
    p.op("mvout dram = @acc_out, local = acc[0] full, local_cols = %d, local_rows = %d" % (DIM, DIM))
    p.expected["acc_out"] = (2 * acc.astype(np.int64)).astype(np.int32)


def matmul_ws(p, rng, accumulate):
    a, a2, b = mat(rng, (DIM, DIM)), mat(rng, (DIM, DIM)), mat(rng, (DIM, DIM))
    d = mat(rng, (DIM, DIM), -1000, 1000, np.int32)
    for name, arr in [("a", a), ("a2", a2), ("b", b), ("d", d)]:
        p.segment(name, "inputs", arr)
    p.segment("c8", "outputs", shape=(DIM, DIM), dtype=np.int8)
    p.segment("c32", "outputs", shape=(DIM, DIM), dtype=np.int32)
    scale = 0.0625
    p.op("config_ex dataflow = ws, a_stride = 1, c_stride = 1")
    p.op("config_ld stride = %d" % DIM)
    p.op("config_ld id = 2, stride = %d" % (DIM * 4))
    p.op("mvin dram = @a, local = spad[0], local_cols = 16, local_rows = 16")
    p.op("mvin dram = @a2, local = spad[16], local_cols = 16, local_rows = 16")
    p.op("mvin dram = @b, local = spad[32], local_cols = 16, local_rows = 16")
    p.op("mvin3 dram = @d, local = acc[0], local_cols = 16, local_rows = 16")
    p.op("preload bd = spad[32], bd_cols = 16, bd_rows = 16, c = acc[0] accumulate, c_cols = 16, c_rows = 16")
    p.op("compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16")
    c = d.astype(np.int64) + a.astype(np.int64) @ b
    if accumulate:
        # The weights stay in the array: a second A accumulates onto C.
        p.op("preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0] accumulate, c_cols = 16, c_rows = 16")
        p.op("compute_accumulated a = spad[16], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16")
        c = c + a2.astype(np.int64) @ b
    p.op("config_st stride = 16, activation = 1, acc_scale = %r" % scale)
    p.op("mvout dram = @c8, local = acc[0], local_cols = 16, local_rows = 16")
    p.op("config_st stride = 64")
    p.op("mvout dram = @c32, local = acc[0] full, local_cols = 16, local_rows = 16")
    p.expected["c32"] = c.astype(np.int32)
    p.expected["c8"] = np.maximum(rne_scale_int8(c, scale), 0).astype(np.int8)


def matmul_os(p, rng, accumulate):
    a, b, a2, b2 = (mat(rng, (DIM, DIM)) for _ in range(4))
    d = mat(rng, (DIM, DIM))
    for name, arr in [("a", a), ("b", b), ("a2", a2), ("b2", b2), ("d", d)]:
        p.segment(name, "inputs", arr)
    p.segment("c8", "outputs", shape=(DIM, DIM), dtype=np.int8)
    p.segment("c32", "outputs", shape=(DIM, DIM), dtype=np.int32)
    shift = 3
    p.op("config_ex dataflow = os, a_stride = 1, c_stride = 1, sys_shift = %d" % shift)
    p.op("config_ld stride = %d" % DIM)
    for row, name in enumerate(["a", "b", "a2", "b2", "d"]):
        p.op("mvin dram = @%s, local = spad[%d], local_cols = 16, local_rows = 16" % (name, 16 * row))
    # Preload D into the PEs; the result goes to the scratchpad, shifted.
    p.op("preload bd = spad[64], bd_cols = 16, bd_rows = 16, c = spad[80], c_cols = 16, c_rows = 16")
    p.op("compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = spad[16], bd_cols = 16, bd_rows = 16")
    acc = d.astype(np.int64) + a.astype(np.int64) @ b
    c8 = np.clip(shift_rne(acc, shift), -128, 127).astype(np.int8)
    if accumulate:
        # The partial sums stay in the PEs; raw values go to the accumulator.
        p.op("preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16")
        p.op("compute_accumulated a = spad[32], a_cols = 16, a_rows = 16, bd = spad[48], bd_cols = 16, bd_rows = 16")
        acc = acc + a2.astype(np.int64) @ b2
    else:
        p.op("preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16")
        p.op("compute_preloaded a = spad[32], a_cols = 16, a_rows = 16, bd = spad[48], bd_cols = 16, bd_rows = 16")
        acc = a2.astype(np.int64) @ b2
    p.op("config_st stride = 16")
    p.op("mvout dram = @c8, local = spad[80], local_cols = 16, local_rows = 16")
    p.op("config_st stride = 64")
    p.op("mvout dram = @c32, local = acc[0] full, local_cols = 16, local_rows = 16")
    p.expected["c8"] = c8
    p.expected["c32"] = acc.astype(np.int32)


def transposes(p, rng):
    """WS with A transposed, WS with B transposed, OS with both."""
    a, b = mat(rng, (DIM, DIM)), mat(rng, (DIM, DIM))
    p.segment("at", "inputs", np.ascontiguousarray(a.T))
    p.segment("b", "inputs", b)
    p.segment("bt", "inputs", np.ascontiguousarray(b.T))
    p.segment("a", "inputs", a)
    for name in ["ws_at", "ws_bt", "os_both"]:
        p.segment(name, "outputs", shape=(DIM, DIM), dtype=np.int32)
    p.op("config_ld stride = 16")
    p.op("config_st stride = 64")
    for row, name in enumerate(["at", "b", "bt", "a"]):
        p.op("mvin dram = @%s, local = spad[%d], local_cols = 16, local_rows = 16" % (name, 16 * row))
    p.op("config_ex dataflow = ws, a_transpose = true, a_stride = 1, c_stride = 1")
    p.op("preload bd = spad[16], bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16")
    p.op("compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16")
    p.op("mvout dram = @ws_at, local = acc[0] full, local_cols = 16, local_rows = 16")
    p.op("config_ex dataflow = ws, b_transpose = true, a_stride = 1, c_stride = 1")
    p.op("preload bd = spad[32], bd_cols = 16, bd_rows = 16, c = acc[16], c_cols = 16, c_rows = 16")
    p.op("compute_preloaded a = spad[48], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16")
    p.op("mvout dram = @ws_bt, local = acc[16] full, local_cols = 16, local_rows = 16")
    p.op("config_ex dataflow = os, a_transpose = true, b_transpose = true, a_stride = 1, c_stride = 1")
    p.op("preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[32], c_cols = 16, c_rows = 16")
    p.op("compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = spad[32], bd_cols = 16, bd_rows = 16")
    p.op("mvout dram = @os_both, local = acc[32] full, local_cols = 16, local_rows = 16")
    ab = (a.astype(np.int64) @ b).astype(np.int32)
    p.expected.update(ws_at=ab, ws_bt=ab, os_both=ab)


def tiled_matmul(p, rng, m, k, n, bias, relu, scale, target_acc_rows,
                 tiles=None):
    """C = act(sat(RNE(scale * (A.B + D)))) through loop_ws, tiled over the
    matrix like gemmini.h's tiled_matmul_outer: each tile one loop_ws, bias
    only with the first K tile, output only after the last. `tiles` gives
    the tile sizes in DIM blocks (I, J, K)."""
    a = mat(rng, (m, k), -20, 20)
    b = mat(rng, (k, n), -20, 20)
    d = mat(rng, (m, n), -2000, 2000, np.int32)
    p.segment("a", "inputs", a)
    p.segment("b", "inputs", b)
    if bias:
        p.segment("d", "inputs", d)
    p.segment("c", "outputs", shape=(m, n), dtype=np.int8)
    cdiv = lambda x, y: (x + y - 1) // y
    I, J, K = cdiv(m, DIM), cdiv(n, DIM), cdiv(k, DIM)
    # Tiles (in DIM blocks) within half the accumulator and scratchpad.
    if tiles:
        ti, tj, tk = (min(t, x) for t, x in zip(tiles, (I, J, K)))
    else:
        tj = min(J, 4)
        ti = max(1, min(I, target_acc_rows // 2 // DIM // tj))
        tk = min(K, 3)
    p.op("config_ex dataflow = ws, a_stride = 1, c_stride = 1")
    p.op("config_st stride = %d, acc_scale = %r%s" % (n, scale, ", activation = 1" if relu else ""))
    p.op("config_ld stride = %d" % k)
    p.op("config_ld id = 1, stride = %d" % n)
    p.op("config_ld id = 2, stride = %d" % (n * 4))
    for i0 in range(0, I, ti):
        for j0 in range(0, J, tj):
            for k0 in range(0, K, tk):
                ii, jj, kk = min(ti, I - i0), min(tj, J - j0), min(tk, K - k0)
                pad_i = ii * DIM - min(ii * DIM, m - i0 * DIM)
                pad_j = jj * DIM - min(jj * DIM, n - j0 * DIM)
                pad_k = kk * DIM - min(kk * DIM, k - k0 * DIM)
                first, last = k0 == 0, k0 + tk >= K
                p.op("loop_ws_config_bounds pad_i = %d, pad_j = %d, pad_k = %d, i = %d, j = %d, k = %d"
                     % (pad_i, pad_j, pad_k, ii, jj, kk))
                p.op("loop_ws_config_addrs_ab a = @a + %d, b = @b + %d"
                     % ((i0 * DIM) * k + k0 * DIM, (k0 * DIM) * n + j0 * DIM))
                dd = "@d + %d" % (((i0 * DIM) * n + j0 * DIM) * 4) if bias and first else "zeros"
                cc = "@c + %d" % ((i0 * DIM) * n + j0 * DIM) if last else "zeros"
                p.op("loop_ws_config_addrs_dc d = %s, c = %s" % (dd, cc))
                p.op("loop_ws_config_strides_ab a_stride = %d, b_stride = %d" % (k, n))
                p.op("loop_ws_config_strides_dc d_stride = %d, c_stride = %d" % (n, n))
                acc = "true" if (not first) or bias else "false"
                p.op("loop_ws ex_accumulate = %s" % acc)
    p.op("fence")
    c = a.astype(np.int64) @ b + (d if bias else 0)
    out = rne_scale_int8(c, scale)
    p.expected["c"] = np.maximum(out, 0).astype(np.int8) if relu else out


def reuse_matmul(p, rng):
    """C = sat(RNE(A.B / 64)) (20 x 40 from 20 x 30 and 30 x 40) in 2 x 2
    loop_ws tiles (1 x 2 blocks, the last column of tiles 1 block) of one K
    tile, each operand kept in the scratchpad for the
    tile that shares it, as gemmini.h's tiled_matmul_outer does when at
    most two tiles hold it: A in buffer a_spad_id = 1 + (i0 > 0), moved by
    j0 = 0 and given as zeros (not moved) for j0 = 1; B likewise in
    b_spad_id = 1 + (j0 > 0), moved by i0 = 0."""
    m, k, n = 20, 30, 40
    a = mat(rng, (m, k), -20, 20)
    b = mat(rng, (k, n), -20, 20)
    p.segment("a", "inputs", a)
    p.segment("b", "inputs", b)
    p.segment("c", "outputs", shape=(m, n), dtype=np.int8)
    p.op("config_ex dataflow = ws, a_stride = 1, c_stride = 1")
    p.op("config_st stride = %d, acc_scale = 0.015625" % n)
    p.op("config_ld stride = %d" % k)
    p.op("config_ld id = 1, stride = %d" % n)
    for i0 in range(2):
        for j0 in range(2):
            # J: 2 blocks, then the last 8 columns in one.
            jj = 2 - j0
            rows, cols = min(DIM, m - i0 * DIM), min(jj * DIM, n - j0 * 2 * DIM)
            p.op("loop_ws_config_bounds pad_i = %d, pad_j = %d, pad_k = %d, i = 1, j = %d, k = 2"
                 % (DIM - rows, jj * DIM - cols, 2 * DIM - k, jj))
            aa = "@a + %d" % (i0 * DIM * k) if j0 == 0 else "zeros"
            bb = "@b + %d" % (j0 * 2 * DIM) if i0 == 0 else "zeros"
            p.op("loop_ws_config_addrs_ab a = %s, b = %s" % (aa, bb))
            p.op("loop_ws_config_addrs_dc d = zeros, c = @c + %d" % (i0 * DIM * n + j0 * 2 * DIM))
            p.op("loop_ws_config_strides_ab a_stride = %d, b_stride = %d" % (k, n))
            p.op("loop_ws_config_strides_dc c_stride = %d" % n)
            p.op("loop_ws a_spad_id = %d, b_spad_id = %d" % (1 + i0, 1 + j0))
    p.op("fence")
    p.expected["c"] = rne_scale_int8(a.astype(np.int64) @ b, 1 / 64)


def pooling(p, rng):
    """A WS matmul whose rows are the pixels of a 5x5 output map (16
    channels), moved out with 3x3 max pooling, stride 2, padding 1."""
    orows = ocols = 5
    a = mat(rng, (orows * ocols, DIM))
    b = mat(rng, (DIM, DIM))
    p.segment("a", "inputs", a)
    p.segment("b", "inputs", b)
    pool = 3, 2, 1
    po = (orows + 2 * pool[2] - pool[0]) // pool[1] + 1
    p.segment("pooled", "outputs", shape=(po, po, DIM), dtype=np.int8)
    p.op("config_ex dataflow = ws, a_stride = 1, c_stride = 1")
    p.op("config_ld stride = 16")
    p.op("mvin dram = @a, local = spad[0], local_cols = 16, local_rows = 16")
    p.op("mvin dram = @a + 256, local = spad[16], local_cols = 16, local_rows = 9")
    p.op("mvin dram = @b, local = spad[32], local_cols = 16, local_rows = 16")
    p.op("preload bd = spad[32], bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16")
    p.op("compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16")
    p.op("preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[16], c_cols = 16, c_rows = 9")
    p.op("compute_accumulated a = spad[16], a_cols = 16, a_rows = 9, bd = garbage, bd_cols = 16, bd_rows = 16")
    scale = 0.125
    p.op("config_st stride = 16, acc_scale = %r, activation = 1, pool_stride = %d, pool_size = %d, "
         "upper_pad = %d, left_pad = %d, pool_out_dim = %d, porows = %d, pocols = %d, orows = %d, ocols = %d"
         % (scale, pool[1], pool[0], pool[2], pool[2], po, po, po, orows, ocols))
    p.op("mvout dram = @pooled, local = acc[0], local_cols = 16, local_rows = 16")
    y = np.maximum(rne_scale_int8(a.astype(np.int64) @ b, scale), 0).reshape(orows, ocols, DIM)
    padded = np.zeros((orows + 2, ocols + 2, DIM), np.int8)  # padding reads as 0
    padded[1:-1, 1:-1] = y
    out = np.zeros((po, po, DIM), np.int8)
    for r in range(po):
        for c in range(po):
            out[r, c] = padded[2 * r:2 * r + 3, 2 * c:2 * c + 3].max(axis=(0, 1))
    p.expected["pooled"] = out


def conv(p, rng, batch, size, cin, cout, k, stride, pad, dil, pool, relu,
         bias, spad_ids=None):
    """A convolution (NHWC input, HWIO weights, int32 bias) through
    loop_conv_ws as one tile, optionally max-pooled on the way out
    (pool = (size, stride, padding), padding read as 0); spad_ids =
    (a_spad_id, b_spad_id) places A and B in the scratchpad."""
    x = mat(rng, (batch, size, size, cin), -20, 20)
    w = mat(rng, (k, k, cin, cout), -20, 20)
    b = mat(rng, (cout,), -3000, 3000, np.int32)
    dk = k + (dil - 1) * (k - 1)
    out = (size + 2 * pad - dk) // stride + 1
    irows = out * stride + dk - 1
    dpad = irows - pad - size
    p.segment("x", "inputs", x)
    p.segment("w", "weights", w)
    p.segment("bias", "weights", b)
    scale = 1 / 128
    y = np.zeros((batch, out, out, cout), np.int64)
    xp = np.zeros((batch, size + pad + dpad, size + pad + dpad, cin), np.int64)
    xp[:, pad:pad + size, pad:pad + size] = x
    for kh in range(k):
        for kw in range(k):
            win = xp[:, kh * dil:kh * dil + (out - 1) * stride + 1:stride,
                     kw * dil:kw * dil + (out - 1) * stride + 1:stride]
            y += np.einsum("bhwc,co->bhwo", win, w[kh, kw].astype(np.int64))
    if bias:
        y += b
    y8 = rne_scale_int8(y, scale)
    if relu:
        y8 = np.maximum(y8, 0).astype(np.int8)
    if pool:
        ps, pst, pp = pool
        po = (out + 2 * pp - ps) // pst + 1
        padded = np.zeros((batch, out + 2 * pp + ps, out + 2 * pp + ps, cout), np.int8)
        padded[:, pp:pp + out, pp:pp + out] = y8
        res = np.zeros((batch, po, po, cout), np.int8)
        for r in range(po):
            for c in range(po):
                res[:, r, c] = padded[:, r * pst:r * pst + ps, c * pst:c * pst + ps].max(axis=(1, 2))
    else:
        ps = pst = pp = 0
        po = out
        res = y8
    p.segment("y", "outputs", shape=res.shape, dtype=np.int8)
    p.expected["y"] = res
    p.op("config_ex dataflow = ws, a_stride = %d, c_stride = 1" % stride)
    # Unpooled outputs leave through config_st's activation; the loop's
    # own activation applies when it pools.
    p.op("config_st stride = %d, acc_scale = %r%s"
         % (cout, scale, ", activation = 1" if relu and not pool else ""))
    p.op("loop_conv_ws_config_1 batch = %d, in_rows = %d, in_channels = %d, out_channels = %d, "
         "out_rows = %d, pool_out_rows = %d, out_cols = %d, stride = %d, pad = %d"
         % (batch, size, cin, cout, out, po, out, stride, pad))
    p.op("loop_conv_ws_config_2 pool_pad = %d, pool_stride = %d, pool_size = %d, pool_out_cols = %d, "
         "kernel_dim = %d, pochs = %d, pocols = %d, porows = %d, batches = %d"
         % (pp, pst, ps, po, k, cout, po, po, batch))
    p.op("loop_conv_ws_config_3 lpad = %d, kchs = %d, kcols = %d, krows = %d, in_cols = %d, "
         "plpad = %d, dpad = %d, upad = %d, rpad = %d" % (pad, cin, k, k, size, pp, dpad, pad, dpad))
    p.op("loop_conv_ws_config_4 kernel_dilation = %d, pdpad = %d, pupad = %d, prpad = %d, orows = %d, "
         "ocols = %d, out_stride = %d, weight_stride = %d, in_stride = %d"
         % (dil, pp, pp, pp, out, out, cout, cout, cin))
    p.op("loop_conv_ws_config_5 weights = @w, output = @y")
    p.op("loop_conv_ws_config_6 bias = @bias, input = @x")
    flags = ([] if pool else ["no_pool = true"]) + (["activation = 1"] if relu else []) + \
        ([] if bias else ["no_bias = true"])
    if spad_ids:
        flags += ["a_spad_id = %d, b_spad_id = %d" % spad_ids]
    p.op("loop_conv_ws " + ", ".join(flags))
    p.op("fence")


def conv_reference(x, w, stride, pad, dil, out_rows, out_cols):
    """int64 NHWC convolution of x with HWIO w; `pad` is (up, left), the
    padding below and right is whatever the output size needs."""
    batch, size_r, size_c, _ = x.shape
    k = w.shape[0]
    dk = k + (dil - 1) * (k - 1)
    rows = (out_rows - 1) * stride + dk
    cols = (out_cols - 1) * stride + dk
    xp = np.zeros((batch, max(rows, size_r + pad[0]), max(cols, size_c + pad[1]),
                   x.shape[3]), np.int64)
    xp[:, pad[0]:pad[0] + size_r, pad[1]:pad[1] + size_c] = x
    y = np.zeros((batch, out_rows, out_cols, w.shape[3]), np.int64)
    for kh in range(k):
        for kw in range(w.shape[1]):
            win = xp[:, kh * dil:kh * dil + (out_rows - 1) * stride + 1:stride,
                     kw * dil:kw * dil + (out_cols - 1) * stride + 1:stride]
            y += np.einsum("bhwc,co->bhwo", win, w[kh, kw].astype(np.int64))
    return y


def conv_layout(p, rng, variant):
    """One loop_conv_ws tile with one of Gemmini's layout and mode options,
    checked against the plain convolution it stands for:
    trans_input_3120 (CHWN input, A transposed), trans_weight_1203 (IHWO),
    trans_weight_0132 (HWOI, B transposed), trans_output_1203 (HWNC
    output), wrot180 (the kernel rotated by 180 degrees), downsample (a 1x1
    stride-2 convolution reading every other pixel), input_dilated (zeros
    between the input's pixels, as a transposed convolution needs),
    pixels (3 kernel columns of a 3-channel image per matmul), dw (a
    depthwise convolution, one loop per channel)."""
    batch, size, cin, cout, k, stride, pad = 2, 7, 6, 10, 3, 1, 1
    if variant == "trans_input_3120":
        batch = 5
    if variant == "downsample":
        size, cin, k, stride, pad = 10, 12, 1, 2, 0
    if variant == "pixels":
        size, cin, k, pad = 8, 3, 3, 1
    if variant == "dw":
        cin = cout = 4
    x = mat(rng, (batch, size, size, cin), -20, 20)
    w = mat(rng, (k, k, cin, cout), -20, 20)
    b = mat(rng, (cout,), -3000, 3000, np.int32)
    scale = 1 / 128
    ex = "config_ex dataflow = ws, a_stride = %d, c_stride = 1" % (1 if variant == "downsample" else stride)
    flags = ["no_pool = true"]
    kdim = k
    if variant == "input_dilated":
        # The dilated input (2 * size - 1 pixels a side) convolved as usual.
        xd = np.zeros((batch, 2 * size - 1, 2 * size - 1, cin), np.int64)
        xd[:, ::2, ::2] = x
        out = 2 * size - 1 + 2 * pad - k + 1
        y = conv_reference(xd, w, 1, (pad, pad), 1, out, out)
        in_extent = 2 * size - 1
        ex = "config_ex dataflow = ws, a_stride = 1, c_stride = 2"
        flags.append("input_dilated = true")
    elif variant == "dw":
        out = size + 2 * pad - k + 1
        y = np.concatenate([conv_reference(x[..., c:c + 1], w[:, :, c:c + 1, c:c + 1],
                                           1, (pad, pad), 1, out, out)
                            for c in range(cin)], axis=3)
        in_extent = size
    else:
        wr = w[::-1, ::-1] if variant == "wrot180" else w
        out = (size + 2 * pad - k) // stride + 1
        y = conv_reference(x, wr, stride, (pad, pad), 1, out, out)
        in_extent = size
    y = y + b
    y8 = np.maximum(rne_scale_int8(y, scale), 0).astype(np.int8)
    irows = (out - 1 + 1) * stride + k - 1
    dpad = irows - pad - in_extent
    if variant == "downsample":
        dpad = 0
    p.segment("bias", "weights", b)
    x_dram, w_dram, y_shape = x, w, y8.shape
    batch_size, in_ch, out_ch = batch, cin, cout
    if variant == "trans_input_3120":
        x_dram = np.ascontiguousarray(x.transpose(3, 1, 2, 0))
        ex = "config_ex dataflow = ws, a_stride = %d, c_stride = 1, a_transpose = true" % stride
        flags.append("trans_input_3120 = true")
    elif variant == "trans_weight_1203":
        w_dram = np.ascontiguousarray(w.transpose(2, 0, 1, 3))
        flags.append("trans_weight_1203 = true")
    elif variant == "trans_weight_0132":
        w_dram = np.ascontiguousarray(w.transpose(0, 1, 3, 2))
        ex += ", b_transpose = true"
        flags.append("trans_weight_0132 = true")
    elif variant == "trans_output_1203":
        y_shape = (out, out, batch, cout)
        y8 = np.ascontiguousarray(y8.transpose(1, 2, 0, 3))
        flags.append("trans_output_1203 = true")
    elif variant == "wrot180":
        flags.append("wrot180 = true")
    elif variant == "downsample":
        flags.append("downsample = true")
    elif variant == "pixels":
        flags.append("max_pixels_per_row = 3")
    elif variant == "dw":
        w_dram = np.ascontiguousarray(np.stack([w[:, :, c, c] for c in range(cin)]))
        flags.append("dw = true")
    p.segment("x", "inputs", x_dram)
    p.segment("w", "weights", w_dram)
    p.segment("y", "outputs", shape=y_shape, dtype=np.int8)
    p.expected["y"] = y8
    p.op(ex)
    # HWNC output: a row of pixels is batch x channels apart in DRAM.
    store_stride = cout * (batch if variant == "trans_output_1203" else 1)
    p.op("config_st stride = %d, acc_scale = %r, activation = 1" % (store_stride, scale))
    # dw: one loop per channel, pointers offset by the channel.
    loops = range(cin) if variant == "dw" else [None]
    for c in loops:
        kchs, ochs = (1, 1) if c is not None else (cin, cout)
        p.op("loop_conv_ws_config_1 batch = %d, in_rows = %d, in_channels = %d, out_channels = %d, "
             "out_rows = %d, pool_out_rows = %d, out_cols = %d, stride = %d, pad = %d"
             % (batch_size, size, in_ch, out_ch, out, out, out, stride, pad))
        p.op("loop_conv_ws_config_2 pool_pad = 0, pool_stride = 0, pool_size = 0, pool_out_cols = %d, "
             "kernel_dim = %d, pochs = %d, pocols = %d, porows = %d, batches = %d"
             % (out, kdim, ochs, out, out, batch))
        p.op("loop_conv_ws_config_3 lpad = %d, kchs = %d, kcols = %d, krows = %d, in_cols = %d, "
             "plpad = 0, dpad = %d, upad = %d, rpad = %d" % (pad, kchs, k, k, size, dpad, pad, dpad))
        p.op("loop_conv_ws_config_4 kernel_dilation = 1, pdpad = 0, pupad = 0, prpad = 0, orows = %d, "
             "ocols = %d, out_stride = %d, weight_stride = %d, in_stride = %d"
             % (out, out, cout, cout, cin))
        off = lambda n: "" if c is None or n == 0 else " + %d" % n
        p.op("loop_conv_ws_config_5 weights = @w%s, output = @y%s"
             % (off(c * k * k if c else 0), off(c or 0)))
        p.op("loop_conv_ws_config_6 bias = @bias%s, input = @x%s"
             % (off(4 * c if c else 0), off(c or 0)))
        p.op("loop_conv_ws " + ", ".join(flags))
    p.op("fence")


def wrap32(v):
    """int64 values wrapped to int32, as the accumulator's arithmetic does."""
    return ((np.asarray(v, np.int64) + 2 ** 31) % 2 ** 32 - 2 ** 31).astype(np.int64)


def trunc32(f):
    """C's float to int32: truncate; NaN and out of range give INT32_MIN."""
    f = np.asarray(f, np.float64)
    ok = (f > -2147483649.0) & (f < 2147483648.0)
    return np.where(ok, np.trunc(np.where(ok, f, 0)), -2 ** 31).astype(np.int64)


def iexp(q, qb, qc, qln2, qln2_inv):
    """I-BERT's integer exp of q <= 0 (shift counts modulo 32)."""
    z = wrap32(wrap32(-q) * qln2_inv) >> 16
    qp = wrap32(q + wrap32(z * qln2))
    poly = wrap32(wrap32((qp + qb) * (qp + qb)) + qc)
    return poly >> (z & 31)


def acc_scale8(x, scale):
    """Gemmini's ACC_SCALE: float32 product, round half to even, int8."""
    y = np.rint(np.asarray(x).astype(np.float32) * np.float32(scale))
    return np.clip(y, -128, 127).astype(np.int64)


def layernorm_reference(xi, out_scale):
    """Row-wise LayerNorm of int32 rows as the normalization unit computes
    it (truncating integer mean, variance and standard deviation, float32
    inverse), scaled to int8; and the float LayerNorm times the scale."""
    cols = xi.shape[1]
    mean = np.trunc(xi.sum(axis=1) / cols).astype(np.int64)
    var = np.trunc(((xi - mean[:, None]) ** 2).sum(axis=1) / cols).astype(np.int64)
    std = np.where(var == 0, 1, trunc32(np.sqrt(var.astype(np.float64))))
    inv = np.float32(1.0) / std.astype(np.float32)
    pre = trunc32((xi - mean[:, None]).astype(np.float32) * inv[:, None])
    ref = (xi - xi.mean(axis=1, keepdims=True)) / xi.std(axis=1, keepdims=True) * out_scale
    return acc_scale8(pre, out_scale), ref


def norm_loop_ws(p, rng):
    """loop_ws with the LAYERNORM activation: C = A.B (20 x 40 from 20 x 24
    and 24 x 40: padded tiles, three column tiles) with each row normalized
    through the statistics passes the loop runs itself."""
    m, k, n = 20, 24, 40
    a = mat(rng, (m, k), -20, 20)
    b = mat(rng, (k, n), -20, 20)
    p.segment("a", "inputs", a)
    p.segment("b", "inputs", b)
    p.segment("c", "outputs", shape=(m, n), dtype=np.int8)
    cdiv = lambda x, y: (x + y - 1) // y
    I, J, K = cdiv(m, DIM), cdiv(n, DIM), cdiv(k, DIM)
    out_scale = 32.0
    p.op("config_ex dataflow = ws, a_stride = 1, c_stride = 1")
    p.op("config_st stride = %d, activation = 2, acc_scale = %r" % (n, out_scale))
    p.op("config_ld stride = %d" % k)
    p.op("config_ld id = 1, stride = %d" % n)
    p.op("loop_ws_config_bounds pad_i = %d, pad_j = %d, pad_k = %d, i = %d, j = %d, k = %d"
         % (I * DIM - m, J * DIM - n, K * DIM - k, I, J, K))
    p.op("loop_ws_config_addrs_ab a = @a, b = @b")
    p.op("loop_ws_config_addrs_dc d = zeros, c = @c")
    p.op("loop_ws_config_strides_ab a_stride = %d, b_stride = %d" % (k, n))
    p.op("loop_ws_config_strides_dc d_stride = %d, c_stride = %d" % (n, n))
    p.op("loop_ws activation = 2")
    y, ref = layernorm_reference(a.astype(np.int64) @ b.astype(np.int64), out_scale)
    p.expected["c"] = y.astype(np.int8)
    p.check_close = ("c", ref, out_scale)


def norm(p, rng, kind):
    """The normalization unit on 4 accumulator rows of 40 values (3 column
    blocks, so the non-terminating commands run too): LayerNorm (MEAN then
    INV_STDDEV passes, then a LAYERNORM move), softmax (MAX then
    INV_SUM_EXP, then a move with config_norm's act_msb) and I-BERT's GELU,
    each against NumPy's evaluation of the functional model's integer
    formulas and, within a few steps, against the float function."""
    rows, cols = 4, 40
    s_in = 1 / 64  # real value of one accumulator unit
    if kind == "layernorm":
        x = mat(rng, (rows, cols), -3000, 3000, np.int32)
    else:
        x = mat(rng, (rows, cols), -200, 200, np.int32)
    p.segment("x", "inputs", x)
    p.segment("y", "outputs", shape=(rows, cols), dtype=np.int8)
    p.op("config_ld id = 2, stride = %d" % (cols * 4))
    for b in range(0, cols, DIM):
        p.op("mvin3 dram = @x + %d, local = acc[%d], local_cols = %d, local_rows = %d"
             % (b * 4, b, min(DIM, cols - b), rows))
    xi = x.astype(np.int64)
    if kind == "layernorm":
        out_scale = 32.0
        p.op("config_st stride = %d, activation = 2, acc_scale = %r" % (cols, out_scale))
        for r in range(rows):
            for cmd in (2, 4, 0):  # MEAN, INV_STDDEV, then the move out
                p.op("mvout dram = @y + %d, local = acc[%d]%s, local_cols = %d, local_rows = 1"
                     % (r * cols, r, " norm(%d)" % cmd if cmd else "", cols))
        y, ref = layernorm_reference(xi, out_scale)
        p.check_close = ("y", ref, 1.0 * out_scale)
    elif kind == "softmax":
        a, b_, c = 0.3585, 1.353, 0.344
        qb = int(np.floor(b_ / s_in))
        qc = int(np.floor(c / (a * s_in ** 2)))
        qln2 = int(np.floor(np.log(2) / s_in))
        qln2_inv = (1 << 16) // qln2
        p.op("config_st stride = %d, acc_scale = 1.0" % cols)
        p.op("config_norm act_msb = true, q_const = %d, qb = %d, qc = %d" % (qln2, qb, qc))
        p.op("config_norm q_const_type = true, q_const = %d, qb = %d, qc = %d" % (qln2_inv, qb, qc))
        for r in range(rows):
            for cmd in (5, 7, 0):  # MAX, INV_SUM_EXP, then the move out
                p.op("mvout dram = @y + %d, local = acc[%d]%s, local_cols = %d, local_rows = 1"
                     % (r * cols, r, " norm(%d)" % cmd if cmd else "", cols))
        mx = xi.max(axis=1, keepdims=True)
        e = iexp(xi - mx, qb, qc, qln2, qln2_inv)
        inv = np.float32(127.0) / wrap32(e.sum(axis=1)).astype(np.float32)
        y = acc_scale8(acc_scale8(e, inv[:, None]), 1.0)
        f = np.exp((xi - mx) * s_in)
        ref = 127 * f / f.sum(axis=1, keepdims=True)
        p.check_close = ("y", ref, 3.0)
    else:  # igelu
        a, b_ = -0.2888, -1.769
        s_erf = s_in / np.sqrt(2)
        qb = int(np.floor(b_ / s_erf))
        qc = int(np.floor(1 / (a * s_erf ** 2)))
        out_unit = s_in * a * s_erf ** 2 / 2  # real value of one output unit
        out_scale = out_unit * 16  # 1/16 steps in int8
        p.op("config_norm qb = %d, qc = %d" % (qb, qc))
        p.op("config_st stride = %d, activation = 3, acc_scale = %r" % (cols, out_scale))
        p.op("mvout dram = @y, local = acc[0], local_cols = %d, local_rows = %d" % (cols, rows))
        sign = np.where(xi < 0, -1, 1)
        clipped = np.minimum(np.abs(xi), -qb)
        poly = wrap32(wrap32((clipped + qb) * (clipped + qb)) + qc)
        y = acc_scale8(wrap32(xi * wrap32(sign * poly + qc)), out_scale)
        from math import erf
        xr = xi * s_in
        gelu = xr * 0.5 * (1 + np.vectorize(erf)(xr / np.sqrt(2)))
        ref = np.clip(gelu * 16, -128, 127)
        p.check_close = ("y", ref, 2.0)
    p.expected["y"] = y.astype(np.int8)


def resadd(p, rng, m, n, a_scale, b_scale, c_scale, relu):
    """C = act(sat(RNE(c_scale * (sat(RNE(a_scale A)) + sat(RNE(b_scale B))))))
    through loop_ws with is_resadd (both moved into the accumulator as int8
    with their load states' scales)."""
    a = mat(rng, (m, n), -128, 128)
    b = mat(rng, (m, n), -128, 128)
    p.segment("a", "inputs", a)
    p.segment("b", "inputs", b)
    p.segment("c", "outputs", shape=(m, n), dtype=np.int8)
    cdiv = lambda x, y: (x + y - 1) // y
    I, J = cdiv(m, DIM), cdiv(n, DIM)
    p.op("config_st stride = %d, acc_scale = %r%s" % (n, c_scale, ", activation = 1" if relu else ""))
    p.op("config_ld shrunk = true, stride = %d, scale = %r" % (n, a_scale))
    p.op("config_ld id = 1, shrunk = true, stride = %d, scale = %r" % (n, b_scale))
    p.op("loop_ws_config_bounds pad_i = %d, pad_j = %d, i = %d, j = %d" % (I * DIM - m, J * DIM - n, I, J))
    p.op("loop_ws_config_addrs_ab a = @a, b = @b")
    p.op("loop_ws_config_addrs_dc d = zeros, c = @c")
    p.op("loop_ws_config_strides_ab a_stride = %d, b_stride = %d" % (n, n))
    p.op("loop_ws_config_strides_dc c_stride = %d" % n)
    p.op("loop_ws ex_accumulate = true, is_resadd = true%s" % (", activation = 1" if relu else ""))
    s = rne_scale_int8(a, a_scale).astype(np.int64) + rne_scale_int8(b, b_scale)
    out = rne_scale_int8(s, c_scale)
    p.expected["c"] = np.maximum(out, 0).astype(np.int8) if relu else out


def pop_option(args, flag, default):
    """The value after `flag` in `args` (both removed), or `default`."""
    if flag not in args:
        return default
    i = args.index(flag)
    value = args[i + 1]
    del args[i:i + 2]
    return value


def main():
    global DIM
    args = sys.argv[1:]
    DIM = int(pop_option(args, "--dim", DIM))
    tool = pop_option(args, "--tessel-translate",
                      os.environ.get("TESSEL_TRANSLATE", "tessel-translate"))
    sys.argv[1:] = args
    name, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if DIM not in PRESETS:
        sys.exit("--dim must be one of %s" % sorted(PRESETS))
    target = preset_target(tool, DIM)
    acc_rows = target_param(target, "acc_rows")
    rng = np.random.default_rng(seed)
    p = Program(out)
    if name == "mvin_mvout":
        mvin_mvout(p, rng)
    elif name in ("matmul_ws", "matmul_ws_acc"):
        matmul_ws(p, rng, name.endswith("acc"))
    elif name in ("matmul_os", "matmul_os_acc"):
        matmul_os(p, rng, name.endswith("acc"))
    elif name == "transposes":
        transposes(p, rng)
    elif name == "tiled_matmul":
        # Random sizes, including ones that are not multiples of DIM.
        m, k, n = (int(x) for x in rng.integers(1, 90, size=3))
        tiled_matmul(p, rng, m, k, n, bias=bool(seed % 2), relu=bool(seed % 3),
                     scale=float(rng.choice([0.5, 0.25, 0.0625, 1 / 3])),
                     target_acc_rows=acc_rows)
    elif name == "pooling":
        pooling(p, rng)
    elif name == "reuse_matmul":
        reuse_matmul(p, rng)
    elif name == "resadd":
        resadd(p, rng, 37, 45, 0.75, 1.5, 0.5, relu=bool(seed % 2))
    elif name == "conv":
        conv(p, rng, batch=2, size=9, cin=5, cout=20, k=3, stride=1, pad=1,
             dil=1, pool=None, relu=True, bias=True)
    elif name == "conv_strided":
        conv(p, rng, batch=1, size=12, cin=19, cout=7, k=3, stride=2, pad=1,
             dil=1, pool=None, relu=False, bias=True)
    elif name == "conv_pool":
        conv(p, rng, batch=1, size=10, cin=8, cout=16, k=3, stride=1, pad=1,
             dil=1, pool=(3, 2, 1), relu=True, bias=True)
    elif name == "conv_dilated":
        conv(p, rng, batch=1, size=11, cin=3, cout=9, k=3, stride=1, pad=2,
             dil=2, pool=None, relu=True, bias=False)
    elif name == "conv_a_upper":
        # A in the upper half (a_spad_id 2) above a B ending at the middle.
        conv(p, rng, batch=1, size=8, cin=6, cout=10, k=3, stride=1, pad=1,
             dil=1, pool=None, relu=True, bias=True, spad_ids=(2, 1))
    elif name == "norm_loop_ws":
        norm_loop_ws(p, rng)
    elif name in ("norm_layernorm", "norm_softmax", "norm_igelu"):
        norm(p, rng, name[len("norm_"):])
    elif name.startswith("conv_layout_"):
        conv_layout(p, rng, name[len("conv_layout_"):])
    elif name == "matmul":
        m, k, n, ti, tj, tk = (int(x) for x in sys.argv[4:10])
        tiled_matmul(p, rng, m, k, n, bias=True, relu=True, scale=1 / 64,
                     target_acc_rows=acc_rows, tiles=(ti, tj, tk))
    else:
        sys.exit("unknown program " + name)
    if DIM != 16 and name != "tiled_matmul":
        sys.exit("--dim applies to tiled_matmul only")
    p.write(target)


if __name__ == "__main__":
    main()
