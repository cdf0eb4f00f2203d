"""Gemmini's own tile choices, as gemmini.h makes them: the reference for
tessel's policy=gemmini tiling (lib/Schedule/GemminiTiling.cpp).

    gemmini_tiling_reference.py [--sdk DIR] [--target PRESET ...] CASES [-o OUT]

Compiles a small C driver natively against the SDK's unmodified gemmini.h
(gemmini-rocc-tests' include/gemmini.h), with an include-path overlay whose
rocc-software/src/xcustom.h records every RoCC command instead of issuing
it, and whose include/gemmini_params.h is the SDK's own (gemmini-default,
and gemmini-dim8 from sdk/dim8) or the SDK's default with DIM, BANK_NUM,
BANK_ROWS and ACC_ROWS set to a preset's values (gemmini-dim32,
gemmini-bigspad). For each case the driver calls tiled_matmul_auto,
tiled_conv_auto, tiled_conv_dw_auto or tiled_conv_downsample and recovers
what they chose from the commands alone:

- weight-stationary matmuls: the first LOOP_WS_CONFIG_BOUNDS (funct 9) rs2
  = K<<32 | J<<16 | I is the first, full tile; the count of LOOP_WS (8) is
  the number of tiles;
- output-stationary matmuls (explicit moves and computes): in the first
  tile the preloads number I*J*K, the largest A row a compute reads is
  (I*K - 1)*DIM and B's first row is BANK_NUM*BANK_ROWS - K*J*DIM; each
  tile issues two config_ld after the loop's three;
- convolutions: LOOP_CONV_WS_CONFIG_2 (17) rs2 holds batches, porows,
  pocols, pochs and CONFIG_3 (18) rs1 krows, kcols, kchs of the first tile;
  the count of LOOP_CONV_WS (15) is the number of tiles.

The rows one tile uses come from gemmini.h's own tiled_matmul_total_*_rows
and tiled_conv_total_spad_rows, applied to the recovered tile and the
stride, dilations, pooling and mode bits the loop words carry. A case that
gemmini.h refuses (it prints a message and exits) is an `error`.

CASES has one case per line ('#' starts a comment):

    matmul IxJxK ws|os [act=none|relu|layernorm|igelu|softmax] [a_transpose] [b_transpose]
    conv [name=LABEL] batch=N in=HxWxC och=C kernel=K [stride=S] [pad=P]
         [kdil=D] [idil=D] [pool=SIZE,STRIDE,PAD] [groups=G] [wrot180]
         [trans_output_1203] [trans_input_3120] [trans_weight_1203] [trans_weight_0132]
    downsample [name=LABEL] batch=N in=HxWxC och=C

(`groups` equal to the channels is a depthwise convolution, run by
tiled_conv_dw_auto; `downsample` is tiled_conv_downsample, one
tiled_matmul_auto per output row). Output dimensions follow ONNX's rule,
(dilated input + 2 pad - dilated kernel) / stride + 1.

Each output line is `TARGET dim=D spad_rows=S acc_rows=A | CASE => RESULT`
with RESULT `tile=I,J,K tiles=N spad=S acc=A` (matmul, downsample: the
per-row matmul's tile, tiles over all rows), `args=B,PR,PC,PO,KR,KC,KCH
tiles=N spad=S acc=A` (conv) or `error (WHAT GEMMINI.H SAID)`.
unittests/GemminiTilingTest.cpp compares tessel's choices with these lines
(test/Schedule/gemmini-tiling-reference.test). Needs `cc`.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SDK = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "spike", "sdk"))

# tessel's target presets (lib/Dialect/Gemmini/IR/GemminiTarget.cpp) as the
# params header's values, and the SDK file holding them, if there is one.
PRESETS = {
    "gemmini-default": (dict(DIM=16, BANK_NUM=4, BANK_ROWS=4096, ACC_ROWS=1024),
                        "include/gemmini_params.h"),
    "gemmini-dim8": (dict(DIM=8, BANK_NUM=4, BANK_ROWS=8192, ACC_ROWS=2048),
                     "dim8/include/gemmini_params.h"),
    "gemmini-dim32": (dict(DIM=32, BANK_NUM=4, BANK_ROWS=2048, ACC_ROWS=512),
                      None),
    "gemmini-bigspad": (dict(DIM=16, BANK_NUM=4, BANK_ROWS=16384, ACC_ROWS=4096),
                        None),
}

# A layer's tiling takes milliseconds; gemmini.h loops forever on layers
# that do not fit with every tile argument at 1.
TIMEOUT = 20

ACTS = {"none": 0, "relu": 1, "layernorm": 2, "igelu": 3, "softmax": 4}

# The overlay's xcustom.h: gemmini.h reaches the accelerator only through
# these two macros (ROCC_INSTRUCTION_RS1_RS2 wraps the first).
RECORDER_H = r"""
#ifndef TESSEL_TILING_RECORDER_H
#define TESSEL_TILING_RECORDER_H
#include <stdint.h>
void tessel_record(uint64_t funct, uint64_t rs1, uint64_t rs2);
#define ROCC_INSTRUCTION_0_R_R(x, rs1, rs2, func7)                             \
  { tessel_record((func7), (uint64_t)(rs1), (uint64_t)(rs2)); }
#define ROCC_INSTRUCTION(x, rd, rs1, rs2, func7) { (rd) = 0; }
#endif
"""

DRIVER_C = r"""
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* gemmini_fence() is RISC-V's fence; on the host it assembles to nothing. */
__asm__(".macro fence\n.endm\n");

#include "include/gemmini.h"

static struct {
  long loop_ws, loop_conv_ws, config_ld;
  int have_bounds, have_conv;
  uint64_t bounds;                        /* first LOOP_WS_CONFIG_BOUNDS rs2 */
  uint64_t c1_rs2, c2_rs1, c2_rs2, c3_rs1, c4_rs1, conv_rs1, conv_rs2;
  long os_preloads;                       /* output-stationary, first tile */
  uint64_t os_b_row, os_a_max;
  int os_b_seen;
} rec;

void tessel_record(uint64_t funct, uint64_t rs1, uint64_t rs2) {
  /* Output-stationary tiles: config_ld #4 and #5 belong to the first. */
  int first_os_tile = rec.config_ld == 4 || rec.config_ld == 5;
  switch (funct) {
  case k_CONFIG:
    if ((rs1 & 3) == CONFIG_LD)
      rec.config_ld++;
    break;
  case k_MVIN:
    if (rec.config_ld == 4 && !rec.os_b_seen) {
      rec.os_b_row = rs2 & 0xffffffffu;
      rec.os_b_seen = 1;
    }
    break;
  case k_PRELOAD:
    if (first_os_tile)
      rec.os_preloads++;
    break;
  case k_COMPUTE_PRELOADED:
  case k_COMPUTE_ACCUMULATE:
    if (first_os_tile && (rs1 & 0xffffffffu) > rec.os_a_max)
      rec.os_a_max = rs1 & 0xffffffffu;
    break;
  case k_LOOP_WS_CONFIG_BOUNDS:
    if (!rec.have_bounds) {
      rec.bounds = rs2;
      rec.have_bounds = 1;
    }
    break;
  case k_LOOP_WS:
    rec.loop_ws++;
    break;
  case k_LOOP_CONV_WS_CONFIG_1:
    if (!rec.have_conv) rec.c1_rs2 = rs2;
    break;
  case k_LOOP_CONV_WS_CONFIG_2:
    if (!rec.have_conv) { rec.c2_rs1 = rs1; rec.c2_rs2 = rs2; }
    break;
  case k_LOOP_CONV_WS_CONFIG_3:
    if (!rec.have_conv) rec.c3_rs1 = rs1;
    break;
  case k_LOOP_CONV_WS_CONFIG_4:
    if (!rec.have_conv) rec.c4_rs1 = rs1;
    break;
  case k_LOOP_CONV_WS:
    if (!rec.have_conv) { rec.conv_rs1 = rs1; rec.conv_rs2 = rs2; }
    rec.have_conv = 1;
    rec.loop_conv_ws++;
    break;
  }
}

static void *buffer(size_t bytes) { return calloc(bytes + 64, 1); }

static int arg(char **argv, int i) { return atoi(argv[i]); }

static int report_ws_matmul(void) {
  if (!rec.have_bounds) return 1;
  size_t I = rec.bounds & 0xffff, J = (rec.bounds >> 16) & 0xffff,
         K = (rec.bounds >> 32) & 0xffff;
  printf("tessel-result: tile=%zu,%zu,%zu tiles=%ld spad=%zu acc=%zu\n", I, J,
         K, rec.loop_ws, tiled_matmul_total_spad_rows(I, J, K),
         tiled_matmul_total_acc_rows(I, J));
  return 0;
}

static int report_os_matmul(void) {
  if (!rec.os_b_seen || rec.os_preloads == 0) return 1;
  size_t ijk = rec.os_preloads;
  size_t ik = rec.os_a_max / DIM + 1;
  size_t kj = (BANK_NUM * BANK_ROWS - rec.os_b_row) / DIM;
  size_t K = ik * kj / ijk, I = ik / K, J = kj / K;
  printf("tessel-result: tile=%zu,%zu,%zu tiles=%ld spad=%zu acc=%zu\n", I, J,
         K, (rec.config_ld - 3) / 2, tiled_matmul_total_spad_rows(I, J, K),
         tiled_matmul_total_acc_rows(I, J));
  return 0;
}

static int report_conv(void) {
  if (!rec.have_conv) return 1;
  int batches = rec.c2_rs2 >> 48, porows = (rec.c2_rs2 >> 32) & 0xffff,
      pocols = (rec.c2_rs2 >> 16) & 0xffff, pochs = rec.c2_rs2 & 0xffff;
  int krows = rec.c3_rs1 >> 48, kcols = (rec.c3_rs1 >> 32) & 0xffff,
      kchs = (rec.c3_rs1 >> 16) & 0xffff;
  int stride = (rec.c1_rs2 >> 48) & 0xff;
  int pool_size = (rec.c2_rs1 >> 16) & 0xffff, pool_stride = (rec.c2_rs1 >> 8) & 0xff;
  int kdil = rec.c4_rs1 & 0x3ff;
  int idil = (rec.conv_rs2 >> 2) & 1 ? 2 : 1;
  int downsample = (rec.conv_rs2 >> 1) & 1;
  int tw0132 = (rec.conv_rs1 >> 4) & 1, tin3120 = (rec.conv_rs1 >> 5) & 1;
  int spad = tiled_conv_total_spad_rows(false, stride, idil, kdil, downsample,
      tw0132, tin3120, batches, porows, pocols, pochs, krows, kcols, kchs,
      pool_size, pool_stride);
  int acc = tiled_conv_total_spad_rows(true, stride, idil, kdil, downsample,
      tw0132, tin3120, batches, porows, pocols, pochs, krows, kcols, kchs,
      pool_size, pool_stride);
  printf("tessel-result: args=%d,%d,%d,%d,%d,%d,%d tiles=%ld spad=%d acc=%d\n",
         batches, porows, pocols, pochs, krows, kcols, kchs, rec.loop_conv_ws,
         spad, acc);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  const char *kind = argv[1];
  if (!strcmp(kind, "matmul") && argc == 9) {
    size_t I = arg(argv, 2), J = arg(argv, 3), K = arg(argv, 4);
    int os = !strcmp(argv[5], "os"), act = arg(argv, 6);
    int ta = arg(argv, 7), tb = arg(argv, 8);
    elem_t *A = buffer(I * K), *B = buffer(K * J), *C = buffer(I * J);
    tiled_matmul_auto(I, J, K, A, B, NULL, C, ta ? I : K, tb ? K : J, J, J,
                      MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY,
                      MVIN_SCALE_IDENTITY, act, ACC_SCALE_IDENTITY, 0.05,
                      false, ta, tb, false, false, 0, os ? OS : WS);
    return os ? report_os_matmul() : report_ws_matmul();
  }
  if (!strcmp(kind, "conv") && argc == 22) {
    int batch = arg(argv, 2), irows = arg(argv, 3), icols = arg(argv, 4),
        ich = arg(argv, 5), och = arg(argv, 6), orows = arg(argv, 7),
        ocols = arg(argv, 8), stride = arg(argv, 9), idil = arg(argv, 10),
        kdil = arg(argv, 11), pad = arg(argv, 12), kdim = arg(argv, 13),
        psize = arg(argv, 14), pstride = arg(argv, 15), ppad = arg(argv, 16);
    int wrot180 = arg(argv, 17), tout = arg(argv, 18), tin = arg(argv, 19),
        tw1203 = arg(argv, 20), tw0132 = arg(argv, 21);
    elem_t *in = buffer((size_t)batch * irows * icols * ich);
    elem_t *w = buffer((size_t)kdim * kdim * ich * och);
    elem_t *out = buffer((size_t)batch * orows * ocols * och);
    tiled_conv_auto(batch, irows, icols, ich, och, orows, ocols, stride, idil,
                    kdil, pad, kdim, wrot180, tout, tin, tw1203, tw0132, in, w,
                    NULL, out, NO_ACTIVATION, ACC_SCALE_IDENTITY, psize,
                    pstride, ppad, WS);
    return report_conv();
  }
  if (!strcmp(kind, "dw") && argc == 14) {
    int batch = arg(argv, 2), irows = arg(argv, 3), icols = arg(argv, 4),
        ch = arg(argv, 5), orows = arg(argv, 6), ocols = arg(argv, 7),
        stride = arg(argv, 8), pad = arg(argv, 9), kdim = arg(argv, 10),
        psize = arg(argv, 11), pstride = arg(argv, 12), ppad = arg(argv, 13);
    elem_t *in = buffer((size_t)batch * irows * icols * ch);
    elem_t *w = buffer((size_t)kdim * kdim * ch);
    elem_t *out = buffer((size_t)batch * orows * ocols * ch);
    tiled_conv_dw_auto(batch, irows, icols, ch, orows, ocols, stride, pad,
                       kdim, in, w, NULL, out, NO_ACTIVATION,
                       ACC_SCALE_IDENTITY, psize, pstride, ppad, WS);
    return report_conv();
  }
  if (!strcmp(kind, "downsample") && argc == 9) {
    int batch = arg(argv, 2), irows = arg(argv, 3), icols = arg(argv, 4),
        ich = arg(argv, 5), och = arg(argv, 6), orows = arg(argv, 7),
        ocols = arg(argv, 8);
    elem_t *in = buffer((size_t)batch * irows * icols * ich);
    elem_t *w = buffer((size_t)ich * och);
    elem_t *out = buffer((size_t)batch * orows * ocols * och);
    tiled_conv_downsample(batch, irows, icols, ich, och, orows, ocols, ich,
                          och, och, in, w, NULL, out, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, WS);
    return report_ws_matmul();
  }
  return 2;
}
"""


def fail(msg):
    sys.exit("gemmini_tiling_reference.py: " + msg)


def params_header(sdk, preset):
    """The params header for a preset: the SDK's own when it has one
    (checked against the preset's values), else the SDK's default with the
    memory sizes replaced."""
    values, own = PRESETS[preset]
    path = os.path.join(sdk, own or "include/gemmini_params.h")
    try:
        text = open(path).read()
    except OSError as e:
        fail("cannot read %s: %s" % (path, e))
    for name, value in values.items():
        pattern = re.compile(r"^#define %s [^\n]*$" % name, re.M)
        if not pattern.search(text):
            fail("%s defines no %s" % (path, name))
        if own:
            got = pattern.search(text).group(0).split()[2]
            if got != str(value):
                fail("%s has %s %s, preset %s expects %d"
                     % (path, name, got, preset, value))
        else:
            text = pattern.sub("#define %s %d" % (name, value), text)
    return text


def build(sdk, preset, work, source=None, name="driver"):
    """Compiles `source` (the tiling driver by default) against gemmini.h
    with the preset's params and the recording xcustom.h."""
    overlay = os.path.join(work, preset)
    os.makedirs(os.path.join(overlay, "include"), exist_ok=True)
    os.makedirs(os.path.join(overlay, "rocc-software", "src"), exist_ok=True)
    open(os.path.join(overlay, "include", "gemmini_params.h"), "w").write(
        params_header(sdk, preset))
    open(os.path.join(overlay, "rocc-software", "src", "xcustom.h"), "w").write(
        RECORDER_H)
    src = os.path.join(work, name + ".c")
    if not os.path.exists(src):
        open(src, "w").write(source or DRIVER_C)
    exe = os.path.join(overlay, name)
    # The overlay precedes the SDK, so gemmini.h's quoted includes of its
    # params and of xcustom.h find the overlay's copies.
    cmd = ["cc", "-std=gnu99", "-O1", "-w", "-fno-toplevel-reorder",
           "-I", overlay, "-I", sdk, src, "-o", exe, "-lm"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        fail("compiling the driver failed:\n%s\n%s" % (shlex.join(cmd), r.stderr))
    return exe


def parse_case(line):
    words = line.split()
    kind, fields, flags, pos = words[0], {}, set(), []
    for w in words[1:]:
        if "=" in w:
            k, v = w.split("=", 1)
            fields[k] = v
        elif w in ("ws", "os") or re.fullmatch(r"\d+(x\d+)*", w):
            pos.append(w)
        else:
            flags.add(w)
    return kind, pos, fields, flags


def dims(text, n):
    parts = [int(p) for p in text.split("x")]
    if len(parts) != n:
        fail("expected %d dimensions in '%s'" % (n, text))
    return parts


def driver_args(line):
    kind, pos, f, flags = parse_case(line)
    if kind == "matmul":
        i, j, k = dims(pos[0], 3)
        return ["matmul", i, j, k, pos[1], ACTS[f.get("act", "none")],
                int("a_transpose" in flags), int("b_transpose" in flags)]
    batch = int(f["batch"])
    irows, icols, ich = dims(f["in"], 3)
    och = int(f["och"])
    if kind == "downsample":
        return ["downsample", batch, irows, icols, ich, och,
                (irows - 1) // 2 + 1, (icols - 1) // 2 + 1]
    kdim = int(f["kernel"])
    stride, pad = int(f.get("stride", 1)), int(f.get("pad", 0))
    kdil, idil = int(f.get("kdil", 1)), int(f.get("idil", 1))
    psize, pstride, ppad = (int(x) for x in f.get("pool", "1,0,0").split(","))
    dk = kdim + (kdil - 1) * (kdim - 1)
    orows = (irows + (idil - 1) * (irows - 1) + 2 * pad - dk) // stride + 1
    ocols = (icols + (idil - 1) * (icols - 1) + 2 * pad - dk) // stride + 1
    groups = int(f.get("groups", 1))
    if groups != 1:
        if groups != ich or och != ich:
            fail("gemmini.h runs groups = 1 or depthwise only: " + line)
        return ["dw", batch, irows, icols, ich, orows, ocols, stride, pad,
                kdim, psize, pstride, ppad]
    return ["conv", batch, irows, icols, ich, och, orows, ocols, stride, idil,
            kdil, pad, kdim, psize, pstride, ppad] + [
        int(x in flags) for x in ("wrot180", "trans_output_1203",
                                  "trans_input_3120", "trans_weight_1203",
                                  "trans_weight_0132")]


def run_case(exe, line):
    """The driver's result, or `error (...)` with what gemmini.h said."""
    try:
        r = subprocess.run([exe] + [str(a) for a in driver_args(line)],
                           capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "error (gemmini.h did not finish in %d s)" % TIMEOUT
    if r.returncode == 2:
        fail("the driver did not understand: " + line)
    lines = r.stdout.splitlines()
    results = [l for l in lines if l.startswith("tessel-result: ")]
    if r.returncode == 0 and results:
        return results[-1][len("tessel-result: "):]
    said = [l.strip() for l in lines if l.strip() and l not in results]
    if r.returncode < 0:
        said.append("signal %d" % -r.returncode)
    return "error (%s)" % (said[-1] if said else "no tile issued")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases")
    ap.add_argument("--sdk", default=DEFAULT_SDK)
    ap.add_argument("--target", action="append", choices=sorted(PRESETS))
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.sdk, "include", "gemmini.h")):
        fail("no include/gemmini.h under %s" % args.sdk)
    cases = []
    for raw in open(args.cases):
        line = " ".join(raw.split("#", 1)[0].split())
        if line:
            cases.append(line)
    out = []
    with tempfile.TemporaryDirectory() as work:
        for preset in args.target or ["gemmini-default"]:
            exe = build(args.sdk, preset, work)
            v = PRESETS[preset][0]
            head = "%s dim=%d spad_rows=%d acc_rows=%d" % (
                preset, v["DIM"], v["BANK_NUM"] * v["BANK_ROWS"], v["ACC_ROWS"])
            for line in cases:
                out.append("%s | %s => %s" % (head, line, run_case(exe, line)))
    text = "\n".join(out) + "\n"
    if args.output:
        open(args.output, "w").write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
