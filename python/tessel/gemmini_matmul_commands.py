"""Every command Gemmini's own library issues for one matrix product, the
reference for tessel's matmul lowering (lib/Dialect/Gemmini/Programs/
TiledMatmul.cpp): one loop_ws per weight-stationary tile, explicit moves,
preloads and computes per output-stationary one.

    gemmini_matmul_commands.py [--sdk DIR] [--target PRESET] CASE
    gemmini_matmul_commands.py --tessel PROG.mlir ASM.txt

The first form compiles a C driver natively against the SDK's unmodified
gemmini.h, as gemmini_tiling_reference.py does (its recording xcustom.h
captures each RoCC command instead of issuing it), calls tiled_matmul_auto
on a row-major IxK A and KxJ B, an int32 bias of J repeated over the rows
(or with `full_bias` a row-major IxJ one, repeating_bias false) or none,
and a row-major IxJ C, and prints one line per command. CASE is

    IxJxK ws|os [bias [full_bias]] [relu] [full_c] [scale=F]

(`full_c`: C holds the raw int32 accumulator, unscaled).

The second form prints a tessel program the same way, from its
`tessel-translate --gemmini-to-asm` listing and the segments of its
module (a `tessel-run --dump-programs` prog.mlir), so the two outputs are
equal exactly when tessel issues what gemmini.h issues.

Each line is `funct rs1 rs2` in hex, except that a DRAM address is written
as its operand and offset (`a+32`, `b+0`, `bias+64`, `c+288`): rs1 of
mvin, mvin2, mvin3 and mvout, and both words of loop_ws_config_addrs_ab
(A, B) and _dc (D, C). 0 (no bias, no C yet, an operand already in the
scratchpad) is `0`; any other address outside the operands is written as
the number it is.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tessel import gemmini_commands as cmd  # noqa: E402
from tessel import gemmini_tiling_reference as ref  # noqa: E402

# Commands whose rs1 is a DRAM address (mvin2, mvin, mvout, mvin3), and
# those whose rs1 and rs2 both are (loop_ws_config_addrs_ab, _dc).
DRAM_RS1 = {1, 2, 3, 14}
DRAM_BOTH = {10, 11}

DRIVER_C = cmd.driver_prelude(("a", "b", "bias", "c")) + r"""
static void word(uint64_t w) { printf(" 0x%016llx", (unsigned long long)w); }

void tessel_record(uint64_t funct, uint64_t rs1, uint64_t rs2) {
  printf("%llu", (unsigned long long)funct);
  switch (funct) {
  case k_MVIN: case k_MVIN2: case k_MVIN3: case k_MVOUT:
    address(rs1);
    word(rs2);
    break;
  case k_LOOP_WS_CONFIG_ADDRS_AB: case k_LOOP_WS_CONFIG_ADDRS_DC:
    address(rs1);
    address(rs2);
    break;
  default:
    word(rs1);
    word(rs2);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc != 10) return 2;
  size_t I = atoi(argv[1]), J = atoi(argv[2]), K = atoi(argv[3]);
  int os = !strcmp(argv[4], "os"), has_bias = atoi(argv[5]),
      act = atoi(argv[6]) ? RELU : NO_ACTIVATION, full_C = atoi(argv[7]);
  float scale = (float)atof(argv[8]);
  bool repeating_bias = !atoi(argv[9]);
  elem_t *A = buffer(0, I * K), *B = buffer(1, K * J);
  acc_t *D = has_bias
                 ? buffer(2, (repeating_bias ? 1 : I) * J * sizeof(acc_t))
                 : NULL;
  void *C = buffer(3, I * J * (full_C ? sizeof(acc_t) : sizeof(elem_t)));
  tiled_matmul_auto(I, J, K, A, B, D, C, K, J, J, J, MVIN_SCALE_IDENTITY,
                    MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, act, scale, 0,
                    repeating_bias, false, false, full_C, false, 0,
                    os ? OS : WS);
  return 0;
}
"""


def parse(words):
    """The case's sizes, dataflow, flags and scale."""
    sizes = [w for w in words if re.fullmatch(r"\d+x\d+x\d+", w)]
    flows = [w for w in words if w in ("ws", "os")]
    f = dict(w.split("=", 1) for w in words if "=" in w)
    flags = set(words) - set(sizes) - set(flows) - {w for w in words if "=" in w}
    unknown = flags - {"bias", "full_bias", "relu", "full_c"}
    if (len(sizes) != 1 or len(flows) != 1 or unknown or set(f) - {"scale"}
            or ("full_bias" in flags and "bias" not in flags)):
        ref.fail("expected IxJxK ws|os [bias [full_bias]] [relu] [full_c] "
                 "[scale=F]: " + " ".join(words))
    if "full_c" in flags and ("relu" in flags or "scale" in f):
        ref.fail("a full_c product is unscaled, with no activation")
    return ref.dims(sizes[0], 3), flows[0], flags, f.get("scale", "1.0")


def reference(args):
    (i, j, k), flow, flags, scale = parse(args.case)
    with tempfile.TemporaryDirectory() as work:
        exe = ref.build(args.sdk, args.target, work, DRIVER_C, "commands")
        r = subprocess.run(
            [exe] + [str(a) for a in (i, j, k, flow, int("bias" in flags),
                                      int("relu" in flags),
                                      int("full_c" in flags), scale,
                                      int("full_bias" in flags))],
            capture_output=True, text=True, timeout=ref.TIMEOUT)
    if r.returncode:
        ref.fail("the driver failed (%d): %s" % (r.returncode, r.stdout[-300:]))
    sys.stdout.write(r.stdout)


# A tessel program's segments name their operand by the suffix the
# lowering gives them.
ROLES = {"a", "b", "bias", "c"}


def tessel(prog, asm):
    cmd.print_tessel(prog, asm, {r: r for r in ROLES},
                     {**{f: (True, False) for f in DRAM_RS1},
                      **{f: (True, True) for f in DRAM_BOTH}})


if __name__ == "__main__":
    cmd.main(__doc__, reference, tessel)
