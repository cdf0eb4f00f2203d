"""Random valid Gemmini programs for differential testing: a seed picks a
program mixing every instruction kind (configurations with random fields,
moves in and out of the scratchpad and accumulator, preloads and computes
in both dataflows, loop_ws with residual additions, loop_conv_ws layers
tiled as gemmini.h's tiled_conv tiles them, with its layout and mode
options, the normalization unit's LayerNorm, softmax and GELU, flush and
fence), run in tessel-run and on Spike with libgemmini (spike_check.py)
and compared byte for byte.

    gemmini_random_programs.py SEED OUTDIR [--dim 8|16]
                               [--tessel-translate PATH]
    gemmini_random_programs.py FIRST-LAST OUTDIR [--dim 8|16] ...

writes OUTDIR in gemmini_programs.py's layout (prog.mlir, one .npy per
input segment, inputs.txt) without expected/: the oracle is Spike. A range
of seeds writes one such directory per seed, OUTDIR/s<SEED> (s<SEED>-dim8
for --dim 8), so spike_check.py takes them all as OUTDIR/s*. --dim picks
the gemmini-default or gemmini-dim8 target, the two libgemmini is built
for.

Valid means what both models define alike. The generator tracks which
local rows hold data (the simulator rejects reads of rows nothing wrote)
and keeps every address in range and every DRAM access inside a segment.
It also stays clear of what C leaves undefined in libgemmini, where the
two models may legitimately disagree: int32 sums stay far from overflow
(small operands, few accumulations), OS shifts stay below 16, and scales
are exact float32 values of moderate size, so value x scale never nears
2^63 and is never NaN (there tessel saturates while libgemmini's
conversion to long long gives -128). A never reads garbage (libgemmini
would read an uninitialized value), pooling reads at most DIM channels and
pixel repeats never reach past a row (libgemmini indexes with bounds
checks there).
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gemmini_programs import (Program, mat, pop_option, preset_target,  # noqa: E402
                              target_param)

# Exact float32 scales; products with the generated values stay small.
SCALES = [1.0, 0.5, 0.25, 0.125, 0.0625, 1 / 32, 1 / 64, 1 / 128, 0.75, 1.5,
          2.0, 0.375, -0.5]
ACC_SCALES = [1 / 16, 1 / 32, 1 / 64, 1 / 128, 1 / 256, 0.125, 0.5, 1.0, -1 / 64]


def cdiv(a, b):
    return (a + b - 1) // b


def runs(rows):
    """Sorted rows as (first, count) runs of consecutive rows."""
    out = []
    for r in sorted(rows):
        if out and out[-1][0] + out[-1][1] == r:
            out[-1][1] += 1
        else:
            out.append([r, 1])
    return out


class Gen:
    """One random program and the accelerator state it leaves, as far as
    validity needs it."""

    def __init__(self, rng, out, target):
        self.rng = rng
        self.p = Program(out)
        self.target = target
        self.dim = target_param(target, "dim")
        self.spad_rows = target_param(target, "spad_banks") * target_param(target, "spad_bank_rows")
        self.acc_rows = target_param(target, "acc_rows")
        self.mbl = target_param(target, "max_block_len")
        self.mbl_acc = target_param(target, "max_block_len_acc")
        self.written = {False: set(), True: set()}  # accumulator? -> rows
        self.ex = None  # the execute state's fields (set_only_strides keeps the rest)
        self.out_used = 0
        self.nseg = 0
        # Shared sources for the raw moves.
        self.p.segment("src8", "inputs", mat(rng, (8192,), -128, 128))
        self.p.segment("src32", "inputs", mat(rng, (2048,), -50000, 50000, np.int32))
        # Raw operations work in a small window so that they meet each
        # other's rows; sometimes near the top of the memories.
        d = self.dim
        self.spad_base = int(rng.choice([0, self.spad_rows // 2 - 16 * d, self.spad_rows - 16 * d]))
        self.acc_base = int(rng.choice([0, self.acc_rows // 2 - 8 * d, self.acc_rows - 8 * d]))

    # -- helpers ------------------------------------------------------------
    def r(self, lo, hi):
        """A random integer in [lo, hi]."""
        return int(self.rng.integers(lo, hi + 1))

    def chance(self, p):
        return bool(self.rng.random() < p)

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def op(self, text):
        self.p.op(text)

    def segment(self, prefix, array):
        self.nseg += 1
        name = "%s%d" % (prefix, self.nseg)
        self.p.segment(name, "weights" if prefix in ("w", "bias") else "inputs", array)
        return name

    def out_alloc(self, nbytes):
        """An offset in @out for nbytes bytes (the segment is sized at the end)."""
        off = self.out_used
        self.out_used += max(nbytes, 1) + self.r(0, 3) * 16
        return off

    def mark(self, acc, rows):
        self.written[acc].update(rows)

    def config_ld(self, id, stride, scale=1.0, shrunk=False, pixels=1, block_stride=None):
        if block_stride is None:
            block_stride = self.dim
        fields = ["id = %d" % id] if id else []
        if shrunk:
            fields.append("shrunk = true")
        if pixels != 1 or self.chance(0.1):
            fields.append("pixel_repeats = %d" % (0 if pixels == 1 else pixels))
        fields.append("block_stride = %d" % block_stride)
        if scale != 1.0:
            fields.append("scale = %r" % scale)
        fields.append("stride = %d" % stride)
        self.op("config_ld " + ", ".join(fields))

    def config_st(self, stride, act=0, scale=1.0, pool=None):
        fields = ["stride = %d" % stride]
        if act:
            fields.append("activation = %d" % act)
        if scale != 1.0:
            fields.append("acc_scale = %r" % scale)
        if pool:
            fields += ["%s = %d" % kv for kv in pool.items()]
        self.op("config_st " + ", ".join(fields))

    def config_ex(self, ws, at=False, bt=False, a_stride=1, c_stride=1, act=0, shift=0,
                  only_strides=False):
        fields = ["dataflow = %s" % ("ws" if ws else "os")]
        if act:
            fields.append("activation = %d" % act)
        if only_strides:
            fields.append("set_only_strides = true")
        if at:
            fields.append("a_transpose = true")
        if bt:
            fields.append("b_transpose = true")
        fields.append("a_stride = %d" % a_stride)
        if self.chance(0.1):
            fields.append("acc_scale = %r" % self.pick(SCALES))
        if shift:
            fields.append("sys_shift = %d" % shift)
        fields.append("c_stride = %d" % c_stride)
        self.op("config_ex " + ", ".join(fields))
        if only_strides:
            self.ex.update(a_stride=a_stride, c_stride=c_stride)
        else:
            self.ex = dict(ws=ws, at=at, bt=bt, a_stride=a_stride, c_stride=c_stride)

    def fill(self, acc, rows):
        """Moves data into the rows of `rows` nothing has written yet, so
        that what follows reads only written rows."""
        todo = [r for r in rows if r not in self.written[acc]]
        if not todo:
            return
        d = self.dim
        id = self.r(0, 2)
        mv = ["mvin", "mvin2", "mvin3"][id]
        if acc:
            self.config_ld(id, d * 4)
        else:
            self.config_ld(id, d, scale=self.pick(SCALES))
        for first, count in runs(todo):
            for r0 in range(first, first + count, d):
                n = min(d, first + count - r0)
                if acc:
                    src = "@src32 + %d" % (4 * self.r(0, 2048 - n * d))
                else:
                    src = "@src8 + %d" % self.r(0, 8192 - n * d)
                loc = "acc[%d]" % r0 if acc else "spad[%d]" % r0
                self.op("%s dram = %s, local = %s, local_cols = %d, local_rows = %d"
                        % (mv, src, loc, d, n))
        self.mark(acc, todo)

    # -- raw moves ----------------------------------------------------------
    def raw_mvin(self):
        d = self.dim
        id = self.r(0, 2)
        acc = self.chance(0.4)
        shrunk = acc and self.chance(0.5)
        wide = acc and not shrunk
        pixels = self.r(2, 4) if self.chance(0.2) else 1
        if pixels > 1:
            cols = self.r(1, d // pixels)
        else:
            cols = self.r(1, d * (self.mbl_acc if wide else self.mbl))
        rows = self.r(1, d)
        blocks = cdiv(cols, d)
        base_lo, cap = (self.acc_base, 8 * d) if acc else (self.spad_base, 16 * d)
        if blocks > 1:
            block_stride = self.r(1, min(2 * d, (cap - rows) // (blocks - 1)))
        else:
            block_stride = self.pick([d, self.r(0, 3 * d)])
        elem = 4 if wide else 1
        stride = self.pick([cols * elem, cols * elem + self.r(1, 40), self.r(0, cols * elem), 0])
        scale = self.pick(SCALES)
        self.config_ld(id, stride, scale=scale, shrunk=shrunk, pixels=pixels,
                       block_stride=block_stride)
        span = (blocks - 1) * block_stride + rows
        base = base_lo + self.r(0, max(0, cap - span))
        extent = (rows - 1) * stride + cols * elem
        if self.chance(0.1):
            src = "zeros"
        elif wide:
            src = "@src32 + %d" % self.r(0, 8192 - extent)
        else:
            src = "@src8 + %d" % self.r(0, 8192 - extent)
        loc = ("acc[%d]%s" % (base, " accumulate" if self.chance(0.4) else "")) if acc \
            else "spad[%d]" % base
        self.op("%s dram = %s, local = %s, local_cols = %d, local_rows = %d"
                % (["mvin", "mvin2", "mvin3"][id], src, loc, cols, rows))
        touched = set()
        for r in range(rows):
            for b in range(blocks):
                row = base + r + b * block_stride
                for px in range(pixels):
                    if px <= row:
                        touched.add(row - px)
        self.mark(acc, touched)

    def raw_mvout(self):
        d = self.dim
        acc = self.chance(0.6)
        full = acc and self.chance(0.3)
        pool = None
        if not full and self.chance(0.25):
            size, pstride = self.r(1, 3), self.r(1, 3)
            orows, ocols = self.r(1, 6), self.r(1, 6)
            upad, lpad = self.r(0, min(2, size - 1)), self.r(0, min(2, size - 1))
            porows = max(1, (orows + 2 * upad - size) // pstride + 1) + self.r(-1, 1)
            pocols = max(1, (ocols + 2 * lpad - size) // pstride + 1) + self.r(-1, 1)
            porows, pocols = max(1, porows), max(1, pocols)
            pool = dict(pool_stride=pstride, pool_size=size, upper_pad=upad, left_pad=lpad,
                        pool_out_dim=pocols + self.r(0, 2), porows=porows, pocols=pocols,
                        orows=orows, ocols=ocols)
        elem = 4 if full else 1
        if pool:
            cols = self.r(1, d)
        else:
            cols = self.r(1, d * (self.mbl_acc if full else self.mbl))
        rows = self.r(1, d)
        stride = self.pick([cols * elem, cols * elem + self.r(1, 24), self.r(1, cols * elem)])
        self.config_st(stride, act=self.r(0, 1), scale=self.pick(ACC_SCALES), pool=pool)
        blocks = cdiv(cols, d)
        base_lo, cap = (self.acc_base, 8 * d) if acc else (self.spad_base, 16 * d)
        if pool:
            need = pool["orows"] * pool["ocols"]
            base = base_lo + self.r(0, cap - need)
            read = range(base, base + need)
            extent = ((pool["porows"] - 1) * pool["pool_out_dim"] + pool["pocols"] - 1) * stride + cols
        else:
            span = (blocks - 1) * d + rows
            base = base_lo + self.r(0, cap - span)
            read = [base + b * d + i for b in range(blocks) for i in range(rows)]
            extent = (rows - 1) * stride + cols * elem
        self.fill(acc, read)
        loc = ("acc[%d]%s" % (base, " full" if full else "")) if acc else "spad[%d]" % base
        self.op("mvout dram = @out + %d, local = %s, local_cols = %d, local_rows = %d"
                % (self.out_alloc(extent), loc, cols, rows))

    # -- preloads and computes ---------------------------------------------
    def raw_matmul(self):
        d = self.dim
        ws = self.chance(0.5)
        at, bt = self.pick([(False, False), (True, False), (False, True)] if ws else
                           [(False, False), (True, False), (True, True)])
        a_stride, c_stride = self.pick([1, 1, 2, 3]), self.pick([1, 1, 2])
        if self.ex and self.ex["ws"] == ws and self.chance(0.15):
            self.config_ex(ws, a_stride=a_stride, c_stride=c_stride, only_strides=True)
            at, bt = self.ex["at"], self.ex["bt"]
        else:
            self.config_ex(ws, at, bt, a_stride, c_stride, act=self.r(0, 1),
                           shift=self.r(0, 12) if self.chance(0.6) else 0)
        base, cap = self.spad_base, 16 * d

        def spad_operand(max_rows_read, stride=1):
            return base + self.r(0, cap - 1 - stride * (max_rows_read - 1))

        for n in range(self.r(1, 3)):
            preloaded = n == 0 or self.chance(0.3)
            # Preload: B (WS) or D (OS), then C.
            b_rows, b_cols = self.r(1, d), self.r(1, d)
            b_garbage = self.chance(0.15)
            b_addr = spad_operand(d)
            if preloaded and not b_garbage:
                read = b_cols if (ws and bt) else b_rows
                self.fill(False, range(b_addr, b_addr + read))
            c_rows, c_cols = self.r(1, d), self.r(1, d)
            c_kind = self.pick(["acc", "acc", "spad", "garbage"])
            if c_kind == "acc":
                c_addr = self.acc_base + self.r(0, 8 * d - 1 - c_stride * (c_rows - 1))
                c = "acc[%d]%s" % (c_addr, " accumulate" if self.chance(0.5) else "")
            elif c_kind == "spad":
                c_addr = spad_operand(c_rows, c_stride)
                c = "spad[%d]" % c_addr
            else:
                c = "garbage"
            self.op("preload bd = %s, bd_cols = %d, bd_rows = %d, c = %s, c_cols = %d, c_rows = %d"
                    % ("garbage" if b_garbage else "spad[%d]" % b_addr, b_cols, b_rows,
                       c, c_cols, c_rows))
            # Compute: A (never garbage), then D (WS) or B (OS).
            a_rows, a_cols = self.r(1, d), self.r(1, d)
            read = a_cols if at else a_rows
            a_addr = spad_operand(read, a_stride)
            self.fill(False, [a_addr + a_stride * t for t in range(read)])
            bd_rows, bd_cols = self.r(1, d), self.r(1, d)
            bd_garbage = self.chance(0.3)
            bd_addr = spad_operand(d)
            if not bd_garbage:
                read = bd_cols if (not ws and bt) else bd_rows
                self.fill(False, range(bd_addr, bd_addr + read))
            self.op("%s a = spad[%d], a_cols = %d, a_rows = %d, bd = %s, bd_cols = %d, bd_rows = %d"
                    % ("compute_preloaded" if preloaded else "compute_accumulated", a_addr,
                       a_cols, a_rows, "garbage" if bd_garbage else "spad[%d]" % bd_addr,
                       bd_cols, bd_rows))
            if c_kind != "garbage":
                self.mark(c_kind == "acc", [c_addr + c_stride * i for i in range(c_rows)])

    # -- loop_ws ------------------------------------------------------------
    def loop_ws(self):
        d = self.dim
        I, J, K = self.r(1, 3), self.r(1, 3), self.r(1, 3)
        pad_i, pad_j, pad_k = (self.r(0, d - 1) if self.chance(0.6) else 0 for _ in range(3))
        if self.chance(0.2):
            return self.resadd(I, J, pad_i, pad_j)
        at, bt = self.pick([(False, False), (True, False), (False, True)])
        M, N, Kd = I * d - pad_i, J * d - pad_j, K * d - pad_k
        a_spad, b_spad = self.r(0, 2), self.r(0, 2)
        full_c, low_d = self.chance(0.3), self.chance(0.3)
        half = self.spad_rows // 2
        a_start = half if a_spad == 2 else 0
        b_start = (self.spad_rows if b_spad == 2 else half) - K * J * d
        last = lambda x, n, pad: d - (pad if x == n - 1 else 0)
        # Rows the computes read from the A and B buffers.
        a_read, b_read = set(), set()
        for k in range(K):
            for j in range(J):
                for i in range(I):
                    aa = a_start + (k * I + i if at else i * K + k) * d
                    bb = b_start + (j * K + k if bt else k * J + j) * d
                    a_read.update(range(aa, aa + (last(k, K, pad_k) if at else last(i, I, pad_i))))
                    if i == 0:
                        b_read.update(range(bb, bb + (last(j, J, pad_j) if bt else last(k, K, pad_k))))
        reuse_a = a_read <= self.written[False] and self.chance(0.3)
        reuse_b = b_read <= self.written[False] and self.chance(0.3)
        self.config_ex(True, at, bt, 1, 1, act=self.r(0, 1))
        a_rows_dram, a_cols_dram = (Kd, M) if at else (M, Kd)
        b_rows_dram, b_cols_dram = (N, Kd) if bt else (Kd, N)
        a_stride = a_cols_dram + self.r(0, 8)
        b_stride = b_cols_dram + self.r(0, 8)
        a = self.segment("a", mat(self.rng, (a_rows_dram, a_stride), -128, 128))
        b = self.segment("b", mat(self.rng, (b_rows_dram, b_stride), -128, 128))
        self.config_ld(0, a_stride, scale=self.pick(SCALES))
        self.config_ld(1, b_stride, scale=self.pick(SCALES))
        d_stride = N + self.r(0, 4)
        dd = "zeros"
        if self.chance(0.6):
            if low_d:
                dd = "@" + self.segment("d", mat(self.rng, (M, d_stride), -128, 128))
                self.config_ld(2, d_stride, scale=self.pick(SCALES), shrunk=True)
            else:
                dd = "@" + self.segment("d", mat(self.rng, (M, d_stride), -3000, 3000, np.int32))
                self.config_ld(2, d_stride * 4)
        size_c = 4 if full_c else 1
        c_stride = N + self.r(0, 4)
        cc = "zeros"
        if self.chance(0.9):
            cc = "@out + %d" % self.out_alloc(M * c_stride * size_c)
        self.config_st(c_stride * size_c, act=self.r(0, 1), scale=self.pick(ACC_SCALES))
        self.op("loop_ws_config_bounds pad_i = %d, pad_j = %d, pad_k = %d, i = %d, j = %d, k = %d"
                % (pad_i, pad_j, pad_k, I, J, K))
        self.op("loop_ws_config_addrs_ab a = %s, b = %s"
                % ("zeros" if reuse_a else "@" + a, "zeros" if reuse_b else "@" + b))
        self.op("loop_ws_config_addrs_dc d = %s, c = %s" % (dd, cc))
        self.op("loop_ws_config_strides_ab a_stride = %d, b_stride = %d" % (a_stride, b_stride))
        self.op("loop_ws_config_strides_dc d_stride = %d, c_stride = %d" % (d_stride, c_stride))
        flags = []
        if self.chance(0.5):
            flags.append("ex_accumulate = true")
        if full_c:
            flags.append("full_c = true")
        if low_d:
            flags.append("low_d = true")
        if self.chance(0.3):
            flags.append("activation = 1")
        if b_spad:
            flags.append("b_spad_id = %d" % b_spad)
        if a_spad:
            flags.append("a_spad_id = %d" % a_spad)
        if at:
            flags.append("a_transpose = true")
        if bt:
            flags.append("b_transpose = true")
        self.op("loop_ws" + (" " + ", ".join(flags) if flags else ""))
        self.mark(False, a_read | b_read)
        self.mark(True, [(i * J + j) * d + r for i in range(I) for j in range(J)
                         for r in range(last(i, I, pad_i))])

    def resadd(self, I, J, pad_i, pad_j):
        """loop_ws with is_resadd: C = act(scale (A' + B')), A' and B' the
        int8 inputs scaled by their load states."""
        d = self.dim
        M, N = I * d - pad_i, J * d - pad_j
        a_stride, b_stride, c_stride = (N + self.r(0, 6) for _ in range(3))
        a = self.segment("a", mat(self.rng, (M, a_stride), -128, 128))
        b = self.segment("b", mat(self.rng, (M, b_stride), -128, 128))
        self.config_ld(0, a_stride, scale=self.pick(SCALES), shrunk=True)
        self.config_ld(1, b_stride, scale=self.pick(SCALES), shrunk=True)
        full_c = self.chance(0.2)
        size_c = 4 if full_c else 1
        self.config_st(c_stride * size_c, act=self.r(0, 1), scale=self.pick(ACC_SCALES + [1.0]))
        cc = "@out + %d" % self.out_alloc(M * c_stride * size_c)
        self.op("loop_ws_config_bounds pad_i = %d, pad_j = %d, i = %d, j = %d, k = 1"
                % (pad_i, pad_j, I, J))
        self.op("loop_ws_config_addrs_ab a = @%s, b = @%s" % (a, b))
        self.op("loop_ws_config_addrs_dc d = zeros, c = %s" % cc)
        self.op("loop_ws_config_strides_ab a_stride = %d, b_stride = %d" % (a_stride, b_stride))
        self.op("loop_ws_config_strides_dc c_stride = %d" % c_stride)
        self.op("loop_ws ex_accumulate = true, is_resadd = true%s%s"
                % (", full_c = true" if full_c else "", ", activation = 1" if self.chance(0.5) else ""))
        last = lambda x, n, pad: d - (pad if x == n - 1 else 0)
        self.mark(True, [(i * J + j) * d + r for i in range(I) for j in range(J)
                         for r in range(last(i, I, pad_i))])

    # -- loop_conv_ws -------------------------------------------------------
    def conv_options(self):
        """A layer's shape and options within what gemmini.h's tiled_conv
        generates."""
        o = dict(batch=self.r(1, 2), in_rows=self.r(2, 9), in_cols=self.r(2, 9),
                 cin=self.r(1, 24), cout=self.r(1, 24), k=self.r(1, 3), stride=self.r(1, 2),
                 dil=1, wrot180=False, trans_input_3120=False, trans_weight_1203=False,
                 trans_weight_0132=False, trans_output_1203=False, downsample=False,
                 input_dilated=False, pixels=False, pool=None)
        if o["k"] > 1 and self.chance(0.2):
            o["dil"] = 2
        mode = self.pick(["plain", "plain", "wrot180", "trans_input_3120", "trans_weight_1203",
                          "trans_weight_0132", "trans_output_1203", "downsample",
                          "input_dilated", "pixels", "mixed"])
        if mode == "mixed":
            o["wrot180"] = self.chance(0.5)
            o[self.pick(["trans_weight_1203", "trans_weight_0132", "trans_input_3120"])] = True
            o["trans_output_1203"] = self.chance(0.5)
        elif mode != "plain":
            o[mode] = True
        if o["downsample"]:
            o.update(k=1, stride=2, dil=1, in_rows=2 * self.r(1, 5), in_cols=2 * self.r(1, 5))
        if o["input_dilated"]:
            o["stride"] = 1
        if o["pixels"]:
            o.update(dil=1, cin=self.r(1, self.dim // 2), k=self.r(2, 3))
        o["pad"] = 0 if o["downsample"] else self.r(0, o["k"] - 1 if o["k"] > 1 else 0)
        dk = o["k"] + (o["dil"] - 1) * (o["k"] - 1)
        in_r = 2 * o["in_rows"] - 1 if o["input_dilated"] else o["in_rows"]
        in_c = 2 * o["in_cols"] - 1 if o["input_dilated"] else o["in_cols"]
        o["out_rows"] = (in_r + 2 * o["pad"] - dk) // o["stride"] + 1
        o["out_cols"] = (in_c + 2 * o["pad"] - dk) // o["stride"] + 1
        if o["out_rows"] < 1 or o["out_cols"] < 1:
            return None
        can_pool = not (o["trans_output_1203"] or o["downsample"] or o["input_dilated"])
        if can_pool and self.chance(0.3):
            size, pst, pp = self.r(2, 3), self.r(1, 2), self.r(0, 1)
            por = (o["out_rows"] + 2 * pp - size) // pst + 1
            poc = (o["out_cols"] + 2 * pp - size) // pst + 1
            if por >= 1 and poc >= 1:
                o["pool"] = (size, pst, pp)
        return o

    def conv(self):
        o = None
        while o is None:
            o = self.conv_options()
        B, IR, IC, C, O, k = (o[x] for x in ("batch", "in_rows", "in_cols", "cin", "cout", "k"))
        s, pad, OR, OC = o["stride"], o["pad"], o["out_rows"], o["out_cols"]
        ps, pst, pp = o["pool"] or (1, 1, 0)
        POR, POC = (OR + 2 * pp - ps) // pst + 1, (OC + 2 * pp - ps) // pst + 1
        in_stride = C if o["trans_input_3120"] else C + self.r(0, 3)
        weight_stride = O if (o["trans_weight_1203"] or o["trans_weight_0132"]) else O + self.r(0, 3)
        out_stride = O if o["trans_output_1203"] else O + self.r(0, 3)
        # DRAM tensors in their layouts.
        if o["trans_input_3120"]:
            x = mat(self.rng, (C, IR, IC, B), -20, 20)
        else:
            x = mat(self.rng, (B, IR, IC, in_stride), -20, 20)
        if o["trans_weight_1203"]:
            w = mat(self.rng, (C, k, k, O), -20, 20)
        elif o["trans_weight_0132"]:
            w = mat(self.rng, (k, k, O, C), -20, 20)
        else:
            w = mat(self.rng, (k, k, C, weight_stride), -20, 20)
        xs, ws = self.segment("x", x), self.segment("w", w)
        bias = self.segment("bias", mat(self.rng, (O,), -3000, 3000, np.int32))
        if o["trans_output_1203"]:
            out_bytes = POR * POC * B * O
        else:
            out_bytes = B * POR * POC * out_stride
        y = self.out_alloc(out_bytes)
        no_bias = self.chance(0.2)
        act = self.r(0, 1)
        st_stride = B * O if o["trans_output_1203"] else out_stride
        scale = self.pick(ACC_SCALES)
        self.config_ex(True, at=o["trans_input_3120"], bt=o["trans_weight_0132"],
                       a_stride=s >> (1 if o["downsample"] else 0),
                       c_stride=2 if o["input_dilated"] else 1)
        self.config_st(st_stride, act=self.r(0, 1), scale=scale)
        self.op("loop_conv_ws_config_1 batch = %d, in_rows = %d, in_channels = %d, out_channels = %d, "
                "out_rows = %d, pool_out_rows = %d, out_cols = %d, stride = %d, pad = %d"
                % (B, IR, C, O, OR, POR, OC, s, pad))
        # Tile sizes; halved until the tile fits the memories.
        t = dict(batches=self.r(1, B), porows=self.r(1, POR), pocols=self.r(1, POC),
                 pochs=self.r(1, O), krows=self.r(1, k), kcols=self.r(1, k), kchs=self.r(1, C))
        if self.chance(0.4):
            t.update(batches=B, porows=POR, pocols=POC, pochs=O, krows=k, kcols=k, kchs=C)
        if o["downsample"] or o["input_dilated"] or o["pixels"]:
            t.update(krows=k, kcols=k)
        while not self.conv_tiles_fit(o, t):
            name = max(t, key=lambda n: t[n])
            if t[name] == 1:
                return  # cannot happen at these sizes; nothing emitted
            t[name] = max(1, t[name] // 2)
        # Few enough tiles to keep a program quick: grow tiles to full
        # size while there are many and a fitting larger tile exists.
        full = dict(batches=B, porows=POR, pocols=POC, pochs=O, krows=k, kcols=k, kchs=C)
        while sum(1 for _ in self.conv_tiles(o, t)) > 24:
            grown = [n for n in t if t[n] < full[n] and self.conv_tiles_fit(o, dict(t, **{n: full[n]}))]
            if not grown:
                break
            name = self.pick(grown)
            t[name] = full[name]
        for tile in self.conv_tiles(o, t):
            self.conv_tile(o, tile, xs, ws, bias, y, no_bias, act,
                           (in_stride, weight_stride, out_stride), (POR, POC))
        # The loop leaves the load states (and after pooling the store
        # state) configured its own way: every later use configures them.
        if self.chance(0.5):
            self.op("fence")

    def conv_tiles(self, o, t):
        """gemmini.h's tiled_conv order: output tiles, then the kernel and
        channel tiles that accumulate into each (bias with the first,
        output with the last)."""
        ps, pst, pp = o["pool"] or (1, 1, 0)
        POR = (o["out_rows"] + 2 * pp - ps) // pst + 1
        POC = (o["out_cols"] + 2 * pp - ps) // pst + 1
        k, C = o["k"], o["cin"]
        for b in range(0, o["batch"], t["batches"]):
            for porow in range(0, POR, t["porows"]):
                for pocol in range(0, POC, t["pocols"]):
                    for poch in range(0, o["cout"], t["pochs"]):
                        for krow in range(0, k, t["krows"]):
                            for kcol in range(0, k, t["kcols"]):
                                for kch in range(0, C, t["kchs"]):
                                    yield dict(
                                        b=b, porow=porow, pocol=pocol, poch=poch, krow=krow,
                                        kcol=kcol, kch=kch,
                                        batches=min(t["batches"], o["batch"] - b),
                                        porows=min(t["porows"], POR - porow),
                                        pocols=min(t["pocols"], POC - pocol),
                                        pochs=min(t["pochs"], o["cout"] - poch),
                                        krows=min(t["krows"], k - krow),
                                        kcols=min(t["kcols"], k - kcol),
                                        kchs=min(t["kchs"], C - kch),
                                        first=krow == 0 and kcol == 0 and kch == 0,
                                        last=krow + t["krows"] >= k and kcol + t["kcols"] >= k
                                        and kch + t["kchs"] >= C)

    def tile_geometry(self, o, tl):
        """The loop's padding and sizes for one tile, as gemmini.h computes
        them."""
        ps, pst, pp = o["pool"] or (1, 1, 0)
        s, dil, pad, idl = o["stride"], o["dil"], o["pad"], o["input_dilated"]
        in_r = 2 * o["in_rows"] - 1 if idl else o["in_rows"]
        in_c = 2 * o["in_cols"] - 1 if idl else o["in_cols"]
        orow = tl["porow"] * pst - pp
        ocol = tl["pocol"] * pst - pp
        irow = max(orow, 0) * s + tl["krow"] * dil - pad
        icol = max(ocol, 0) * s + tl["kcol"] * dil - pad
        orows_ = tl["porows"] * pst + ps - 1
        ocols_ = tl["pocols"] * pst + ps - 1
        g = dict(plpad=max(0, -ocol), prpad=max(0, ocol + ocols_ - o["out_cols"]),
                 pupad=max(0, -orow), pdpad=max(0, orow + orows_ - o["out_rows"]))
        dkr = tl["krows"] + (dil - 1) * (tl["krows"] - 1)
        dkc = tl["kcols"] + (dil - 1) * (tl["kcols"] - 1)
        g["orows"] = orows_ - g["pupad"] - g["pdpad"]
        g["ocols"] = ocols_ - g["plpad"] - g["prpad"]
        icols_ = g["ocols"] * s + dkc - 1
        irows_ = g["orows"] * s + dkr - 1
        g["lpad"] = max(0, -icol)
        g["rpad"] = max(0, icol + icols_ - in_c)
        g["upad"] = max(0, -irow)
        g["dpad"] = max(0, irow + irows_ - in_r)
        if idl:
            g["lpad"] += g["lpad"] == 0 and icol % 2 != 0
            g["rpad"] += g["rpad"] == 0 and (icol + icols_) % 2 != 1
            g["upad"] += g["upad"] == 0 and irow % 2 != 0
            g["dpad"] += g["dpad"] == 0 and (irow + irows_) % 2 != 1
        g["irow"], g["icol"] = irow, icol
        g["irows"], g["icols"] = irows_, icols_
        return g

    def tile_rows(self, o, tl, g):
        """(A, B, C) rows of a tile, as the simulator and libgemmini count
        them."""
        d = self.dim
        idl, ds = o["input_dilated"], o["downsample"]
        irows, icols = g["irows"], g["icols"]
        if idl:
            und = lambda v: (v + 1) // 2
            irows = (irows - g["upad"] - g["dpad"] + 1) // 2 + und(g["upad"]) + und(g["dpad"])
            icols = (icols - g["lpad"] - g["rpad"] + 1) // 2 + und(g["lpad"]) + und(g["rpad"])
        sh = 1 if ds else 0
        ppc = (irows >> sh) * (icols >> sh)
        kchs, ochs = tl["kchs"], tl["pochs"]
        rows_b = (cdiv(kchs, d) * tl["kcols"] * tl["krows"] * ochs if o["trans_weight_0132"]
                  else cdiv(ochs, d) * tl["kcols"] * tl["krows"] * kchs)
        rows_a = (cdiv(tl["batches"], d) * kchs * ppc if o["trans_input_3120"]
                  else cdiv(kchs, d) * tl["batches"] * ppc)
        rows_c = cdiv(ochs, d) * tl["batches"] * g["orows"] * g["ocols"]
        return rows_a, rows_b, rows_c

    def conv_tiles_fit(self, o, t):
        for tl in self.conv_tiles(o, t):
            g = self.tile_geometry(o, tl)
            if g["irows"] - g["upad"] - g["dpad"] < 0 or g["icols"] - g["lpad"] - g["rpad"] < 0:
                return False
            a, b, c = self.tile_rows(o, tl, g)
            if a + b > self.spad_rows // 2 or c > self.acc_rows // 2:
                return False
        return True

    def spad_ids(self, rows_a, rows_b):
        """Random a_spad_id and b_spad_id whose buffers fit apart."""
        half = self.spad_rows // 2
        for _ in range(4):
            a_id, b_id = self.r(0, 2), self.r(0, 2)
            a0 = half if a_id == 2 else 0
            b_end = self.spad_rows if b_id == 2 else half
            if rows_b <= b_end and a0 + rows_a <= self.spad_rows and \
                    (a0 + rows_a <= b_end - rows_b or b_end <= a0):
                return a_id, b_id
        return 0, 0

    def conv_tile(self, o, tl, xs, ws, bias, y, no_bias, act, strides, pooled):
        in_stride, weight_stride, out_stride = strides
        POR, POC = pooled
        ps, pst, pp = o["pool"] or (1, 1, 0)
        g = self.tile_geometry(o, tl)
        k, C, O, B = o["k"], o["cin"], o["cout"], o["batch"]
        IR, IC = o["in_rows"], o["in_cols"]
        idl = 1 if o["input_dilated"] else 0
        pixels = 1
        if o["pixels"]:
            most = max(1, min(self.dim // tl["kchs"], tl["kcols"]))
            pixels = most if self.chance(0.7) else self.r(1, most)
        self.op("loop_conv_ws_config_2 pool_pad = %d, pool_stride = %d, pool_size = %d, "
                "pool_out_cols = %d, kernel_dim = %d, pochs = %d, pocols = %d, porows = %d, "
                "batches = %d" % (pp, pst, ps, POC, k, tl["pochs"], tl["pocols"], tl["porows"],
                                  tl["batches"]))
        self.op("loop_conv_ws_config_3 lpad = %d, kchs = %d, kcols = %d, krows = %d, in_cols = %d, "
                "plpad = %d, dpad = %d, upad = %d, rpad = %d"
                % (g["lpad"], tl["kchs"], tl["kcols"], tl["krows"], IC, g["plpad"], g["dpad"],
                   g["upad"], g["rpad"]))
        self.op("loop_conv_ws_config_4 kernel_dilation = %d, pdpad = %d, pupad = %d, prpad = %d, "
                "orows = %d, ocols = %d, out_stride = %d, weight_stride = %d, in_stride = %d"
                % (o["dil"], g["pdpad"], g["pupad"], g["prpad"], g["orows"], g["ocols"],
                   out_stride, weight_stride, in_stride))
        kr, kc = tl["krow"], tl["kcol"]
        if o["wrot180"]:
            kr, kc = k - tl["krow"] - tl["krows"], k - tl["kcol"] - tl["kcols"]
        if o["trans_weight_1203"]:
            w_off = (tl["kch"] * k * k + kr * k + kc) * O + tl["poch"]
        elif o["trans_weight_0132"]:
            w_off = (kr * k * O + kc * O + tl["poch"]) * C + tl["kch"]
        else:
            w_off = (kr * k * C + kc * C + tl["kch"]) * weight_stride + tl["poch"]
        if o["trans_output_1203"]:
            y_off = (tl["porow"] * POC * B + tl["pocol"] * B + tl["b"]) * O + tl["poch"]
        else:
            y_off = (tl["b"] * POR * POC + tl["porow"] * POC + tl["pocol"]) * out_stride + tl["poch"]
        r0 = (g["irow"] + g["upad"]) >> idl
        c0 = (g["icol"] + g["lpad"]) >> idl
        if o["trans_input_3120"]:
            x_off = (tl["kch"] * IR * IC + r0 * IC + c0) * B + tl["b"]
        else:
            x_off = (tl["b"] * IR * IC + r0 * IC + c0) * in_stride + tl["kch"]
        out = "@out + %d" % (y + y_off) if tl["last"] else "zeros"
        self.op("loop_conv_ws_config_5 weights = @%s + %d, output = %s" % (ws, w_off, out))
        b = "@%s + %d" % (bias, 4 * tl["poch"]) if tl["first"] else "zeros"
        self.op("loop_conv_ws_config_6 bias = %s, input = @%s + %d" % (b, xs, x_off))
        rows_a, rows_b, _ = self.tile_rows(o, tl, g)
        a_id, b_id = self.spad_ids(rows_a, rows_b)
        flags = []
        for name in ("wrot180", "trans_output_1203", "trans_weight_1203", "trans_weight_0132",
                     "trans_input_3120", "downsample", "input_dilated"):
            if o[name]:
                flags.append("%s = true" % name)
        if no_bias:
            flags.append("no_bias = true")
        if not o["pool"]:
            flags.append("no_pool = true")
        if pixels > 1:
            flags.append("max_pixels_per_row = %d" % pixels)
        if act:
            flags.append("activation = %d" % act)
        if a_id:
            flags.append("a_spad_id = %d" % a_id)
        if b_id:
            flags.append("b_spad_id = %d" % b_id)
        self.op("loop_conv_ws" + (" " + ", ".join(flags) if flags else ""))
        a0 = self.spad_rows // 2 if a_id == 2 else 0
        b_end = self.spad_rows if b_id == 2 else self.spad_rows // 2
        self.mark(False, range(a0, a0 + rows_a))
        self.mark(False, range(b_end - rows_b, b_end))

    def dw_conv(self):
        """A depthwise convolution: one loop per channel, each with one
        channel's kernel and the pointers offset by the channel."""
        B, size, C, k = self.r(1, 2), self.r(3, 9), self.r(1, 6), self.r(1, 3)
        s, pad = self.r(1, 2), self.r(0, k - 1)
        out = (size + 2 * pad - k) // s + 1
        irows = out * s + k - 1
        dpad = irows - pad - size
        x = self.segment("x", mat(self.rng, (B, size, size, C), -20, 20))
        w = self.segment("w", mat(self.rng, (C, k, k), -20, 20))
        bias = self.segment("bias", mat(self.rng, (C,), -3000, 3000, np.int32))
        y = self.out_alloc(B * out * out * C)
        self.config_ex(True, a_stride=s, c_stride=1)
        self.config_st(C, act=self.r(0, 1), scale=self.pick(ACC_SCALES))
        for c in range(C):
            self.op("loop_conv_ws_config_1 batch = %d, in_rows = %d, in_channels = %d, "
                    "out_channels = %d, out_rows = %d, pool_out_rows = %d, out_cols = %d, "
                    "stride = %d, pad = %d" % (B, size, C, C, out, out, out, s, pad))
            self.op("loop_conv_ws_config_2 kernel_dim = %d, pochs = 1, pocols = %d, porows = %d, "
                    "batches = %d, pool_out_cols = %d" % (k, out, out, B, out))
            self.op("loop_conv_ws_config_3 lpad = %d, kchs = 1, kcols = %d, krows = %d, "
                    "in_cols = %d, dpad = %d, upad = %d, rpad = %d" % (pad, k, k, size, dpad, pad, dpad))
            self.op("loop_conv_ws_config_4 kernel_dilation = 1, orows = %d, ocols = %d, "
                    "out_stride = %d, weight_stride = %d, in_stride = %d" % (out, out, C, C, C))
            self.op("loop_conv_ws_config_5 weights = @%s + %d, output = @out + %d"
                    % (w, c * k * k, y + c))
            self.op("loop_conv_ws_config_6 bias = @%s + %d, input = @%s + %d" % (bias, 4 * c, x, c))
            self.op("loop_conv_ws dw = true, no_pool = true%s"
                    % (", activation = 1" if self.chance(0.5) else ""))
            rows_a = B * irows * irows
            self.mark(False, range(rows_a))
            self.mark(False, range(self.spad_rows // 2 - k * k, self.spad_rows // 2))

    # -- the normalization unit ---------------------------------------------
    def norm(self):
        """LayerNorm, softmax or I-BERT's GELU on accumulator rows of up to
        three column blocks through mvout's norm commands, with I-BERT's
        constants for a random input scale; the values stay small enough
        that libgemmini's int32 statistics never overflow."""
        d = self.dim
        rows, cols = self.r(1, 4), self.r(1, 3 * d)
        kind = self.pick(["layernorm", "softmax", "igelu"])
        lim = 1000 if kind == "layernorm" else 200
        x = self.segment("n", mat(self.rng, (rows, cols), -lim, lim, np.int32))
        base = self.acc_base + self.r(0, 8 * d - 3 * d - rows)
        self.config_ld(2, cols * 4)
        per = d * self.mbl_acc
        for c in range(0, cols, per):
            self.op("mvin3 dram = @%s + %d, local = acc[%d], local_cols = %d, local_rows = %d"
                    % (x, 4 * c, base + c // d * d, min(per, cols - c), rows))
        blocks = cdiv(cols, d)
        self.mark(True, [base + b * d + i for b in range(blocks) for i in range(rows)])
        s_in = self.pick([1 / 32, 1 / 64, 1 / 128])
        stat = self.r(0, 3)
        y = self.out_alloc(rows * cols)
        if kind == "layernorm":
            self.config_st(cols, act=2, scale=self.pick([16.0, 32.0, 64.0]))
            self.op("config_norm stat_id = %d, set_stats_id_only = true" % stat)
            cmds = (2, 4)
        elif kind == "softmax":
            a, b_, c = 0.3585, 1.353, 0.344
            qb, qc = int(np.floor(b_ / s_in)), int(np.floor(c / (a * s_in ** 2)))
            qln2 = int(np.floor(np.log(2) / s_in))
            self.config_st(cols)
            self.op("config_norm stat_id = %d, act_msb = true, q_const = %d, qb = %d, qc = %d"
                    % (stat, qln2, qb, qc))
            self.op("config_norm stat_id = %d, q_const_type = true, q_const = %d, qb = %d, qc = %d"
                    % (stat, (1 << 16) // qln2, qb, qc))
            cmds = (5, 7)
        else:
            a, b_ = -0.2888, -1.769
            s_erf = s_in / np.sqrt(2)
            qb, qc = int(np.floor(b_ / s_erf)), int(np.floor(1 / (a * s_erf ** 2)))
            self.op("config_norm stat_id = %d, qb = %d, qc = %d" % (stat, qb, qc))
            self.config_st(cols, act=3, scale=self.pick([-2.0 ** -14, -2.0 ** -16, -2.0 ** -18]))
            cmds = ()
        for r in range(rows):
            for cmd in cmds:
                self.op("mvout dram = @out + %d, local = acc[%d] norm(%d), local_cols = %d, local_rows = 1"
                        % (y + r * cols, base + r, cmd, cols))
            if cmds:
                self.op("mvout dram = @out + %d, local = acc[%d], local_cols = %d, local_rows = 1"
                        % (y + r * cols, base + r, cols))
        if not cmds:
            self.op("mvout dram = @out + %d, local = acc[%d], local_cols = %d, local_rows = %d"
                    % (y, base, cols, rows))
        # A nonzero activation ends softmax (a zero one would keep it).
        self.config_st(d, act=1)

    # -- the program --------------------------------------------------------
    def generate(self):
        d = self.dim
        # Every state configured first, with random fields.
        self.config_ex(self.chance(0.5), a_stride=1, c_stride=1)
        for id in range(3):
            self.config_ld(id, d, scale=self.pick(SCALES))
        self.config_st(d, act=self.r(0, 1), scale=self.pick(ACC_SCALES))
        kinds = ["mvin", "mvin", "mvout", "mvout", "matmul", "matmul", "loop_ws", "conv",
                 "conv", "dw", "norm", "flush", "fence"]
        for _ in range(self.r(3, 9)):
            kind = self.pick(kinds)
            if kind == "mvin":
                self.raw_mvin()
            elif kind == "mvout":
                self.raw_mvout()
            elif kind == "matmul":
                self.raw_matmul()
            elif kind == "loop_ws":
                self.loop_ws()
            elif kind == "conv":
                self.conv()
            elif kind == "dw":
                if self.chance(0.3):
                    self.dw_conv()
            elif kind == "norm":
                self.norm()
            elif kind == "flush":
                self.op("flush" + (" skip = true" if self.chance(0.5) else ""))
            else:
                self.op("fence")
        # The end state of a window of both memories, always moved out.
        self.raw_mvout()
        self.p.segment("out", "outputs", shape=(self.out_used + 64,), dtype=np.uint8)
        self.p.write(self.target)
        os.rmdir(os.path.join(self.p.out, "expected"))


def main():
    args = sys.argv[1:]
    dim = int(pop_option(args, "--dim", 16))
    tool = pop_option(args, "--tessel-translate",
                      os.environ.get("TESSEL_TRANSLATE", "tessel-translate"))
    if len(args) != 2 or dim not in (8, 16):
        sys.exit(__doc__.split("\n\n")[1])
    target = preset_target(tool, dim)
    first, _, last = args[0].partition("-")
    if not last:
        Gen(np.random.default_rng(int(first)), args[1], target).generate()
        return
    for seed in range(int(first), int(last) + 1):
        out = os.path.join(args[1], "s%d%s" % (seed, "" if dim == 16 else "-dim%d" % dim))
        Gen(np.random.default_rng(seed), out, target).generate()


if __name__ == "__main__":
    main()
