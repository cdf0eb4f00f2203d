"""Every command Gemmini's own library issues for one convolution, the
reference for tessel's loop_conv_ws lowering
(lib/Dialect/Gemmini/Programs/TiledConv.cpp).

    gemmini_conv_commands.py [--sdk DIR] [--target PRESET] CASE
    gemmini_conv_commands.py --tessel PROG.mlir ASM.txt

The first form compiles a C driver natively against the SDK's unmodified
gemmini.h, as gemmini_tiling_reference.py does (its recording xcustom.h
captures each RoCC command instead of issuing it), calls tiled_conv_auto
(tiled_conv_dw_auto for a depthwise layer) on NHWC input, HWIO weights
(depthwise: one kernel per channel), an int32 bias or none, and an NHWC
output, and prints one line per command. CASE is

    batch=N in=HxWxC och=C kernel=K [stride=S] [pad=P] [kdil=D]
    [groups=C] [pool=SIZE,STRIDE,PAD] [bias] [relu] [scale=F]

The second form prints a tessel program the same way, from its
`tessel-translate --gemmini-to-asm` listing and the segments of its
module (a `tessel-run --dump-programs` prog.mlir), so the two outputs are
equal exactly when tessel issues what gemmini.h issues.

Each line is `funct rs1 rs2` in hex, except that a DRAM address is written
as its operand and offset (`input+20`, `weights+0`, `bias+64`,
`output+288`): the words of loop_conv_ws_config_5 (weights, output) and
_config_6 (bias, input). 0 is `0`; gemmini.h's stand-in for an absent bias
(the pointer 1, advanced by 4 bytes per output channel) is written as the
number it is.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tessel import gemmini_commands as cmd  # noqa: E402
from tessel import gemmini_tiling_reference as ref  # noqa: E402

CONFIG_5, CONFIG_6 = 20, 21  # loop_conv_ws_config_5 / _6

DRIVER_C = cmd.driver_prelude(("input", "weights", "bias", "output")) + r"""
void tessel_record(uint64_t funct, uint64_t rs1, uint64_t rs2) {
  printf("%llu", (unsigned long long)funct);
  if (funct == k_LOOP_CONV_WS_CONFIG_5 || funct == k_LOOP_CONV_WS_CONFIG_6) {
    address(rs1);
    address(rs2);
  } else {
    printf(" 0x%016llx 0x%016llx", (unsigned long long)rs1,
           (unsigned long long)rs2);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc != 18) return 2;
  int batch = atoi(argv[1]), irows = atoi(argv[2]), icols = atoi(argv[3]),
      ich = atoi(argv[4]), och = atoi(argv[5]), orows = atoi(argv[6]),
      ocols = atoi(argv[7]), stride = atoi(argv[8]), pad = atoi(argv[9]),
      kdim = atoi(argv[10]), kdil = atoi(argv[11]), dw = atoi(argv[12]),
      has_bias = atoi(argv[13]);
  float scale = (float)atof(argv[14]);
  int psize = atoi(argv[15]), pstride = atoi(argv[16]), ppad = atoi(argv[17]);
  int porows = pstride ? (orows + 2 * ppad - psize) / pstride + 1 : orows;
  int pocols = pstride ? (ocols + 2 * ppad - psize) / pstride + 1 : ocols;
  int act = 0;
  if (getenv("TESSEL_RELU")) act = RELU;
  elem_t *in = buffer(0, (size_t)batch * irows * icols * ich);
  elem_t *w = buffer(1, (size_t)kdim * kdim * ich * (dw ? 1 : och));
  acc_t *b = has_bias ? buffer(2, (size_t)och * sizeof(acc_t)) : NULL;
  elem_t *out = buffer(3, (size_t)batch * porows * pocols * och);
  if (dw)
    tiled_conv_dw_auto(batch, irows, icols, ich, orows, ocols, stride, pad,
                       kdim, in, w, b, out, act, scale, psize, pstride, ppad,
                       WS);
  else
    tiled_conv_auto(batch, irows, icols, ich, och, orows, ocols, stride, 1,
                    kdil, pad, kdim, false, false, false, false, false, in,
                    w, b, out, act, scale, psize, pstride, ppad, WS);
  return 0;
}
"""


def reference(args):
    import subprocess
    f = dict(w.split("=", 1) for w in args.case if "=" in w)
    flags = {w for w in args.case if "=" not in w}
    unknown = flags - {"bias", "relu"}
    if unknown:
        ref.fail("unknown case words: " + " ".join(sorted(unknown)))
    batch = int(f["batch"])
    irows, icols, ich = ref.dims(f["in"], 3)
    och, kdim = int(f["och"]), int(f["kernel"])
    stride, pad, kdil = (int(f.get(k, d)) for k, d in
                         (("stride", 1), ("pad", 0), ("kdil", 1)))
    dw = int(f.get("groups", 1)) != 1
    psize, pstride, ppad = (int(x) for x in f.get("pool", "1,0,0").split(","))
    dk = kdim + (kdil - 1) * (kdim - 1)
    orows = (irows + 2 * pad - dk) // stride + 1
    ocols = (icols + 2 * pad - dk) // stride + 1
    with tempfile.TemporaryDirectory() as work:
        exe = ref.build(args.sdk, args.target, work, DRIVER_C, "commands")
        env = dict(os.environ)
        if "relu" in flags:
            env["TESSEL_RELU"] = "1"
        r = subprocess.run(
            [exe] + [str(a) for a in (batch, irows, icols, ich, och, orows,
                                      ocols, stride, pad, kdim, kdil, int(dw),
                                      int("bias" in flags),
                                      f.get("scale", "1.0"), psize, pstride,
                                      ppad)],
            capture_output=True, text=True, timeout=ref.TIMEOUT, env=env)
    if r.returncode:
        ref.fail("the driver failed (%d): %s" % (r.returncode, r.stdout[-300:]))
    sys.stdout.write(r.stdout)


# A tessel program's segments name their operand by the suffix the
# lowering gives them.
ROLES = {"x": "input", "w": "weights", "bias": "bias", "y": "output"}


def tessel(prog, asm):
    cmd.print_tessel(prog, asm, ROLES, {CONFIG_5: (True, True),
                                        CONFIG_6: (True, True)})


if __name__ == "__main__":
    cmd.main(__doc__, reference, tessel)
