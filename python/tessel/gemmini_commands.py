"""What gemmini_conv_commands.py and gemmini_matmul_commands.py share: a
tessel program's commands printed as gemmini.h's recording driver prints
them (DRAM addresses as operand and offset), and their command line."""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tessel import gemmini_tiling_reference as ref  # noqa: E402


def driver_prelude(names):
    """The C a recording driver starts with: gemmini.h (its fence macro
    emptied: nothing runs), four operand buffers named `names`, and
    address(), which prints an address as its buffer and offset."""
    quoted = ", ".join('"%s"' % n for n in names)
    return r"""
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
__asm__(".macro fence\n.endm\n");
#include "include/gemmini.h"

static uintptr_t base[4];
static size_t size[4];
static const char *names[4] = {%s};

/* An address as its buffer and offset, or the number it is. */
static void address(uint64_t a) {
  for (int i = 0; i < 4; ++i)
    if (base[i] && a >= base[i] && a < base[i] + size[i]) {
      printf(" %%s+%%llu", names[i], (unsigned long long)(a - base[i]));
      return;
    }
  printf(" %%llu", (unsigned long long)a);
}

static void *buffer(int i, size_t bytes) {
  void *p = calloc(bytes + 64, 1);
  base[i] = (uintptr_t)p;
  size[i] = bytes;
  return p;
}
""" % quoted


def listing_words(path):
    """(funct, rs1, rs2) of each instruction of an assembly listing
    (`tessel-translate --gemmini-to-asm`); fences carry no words."""
    for line in open(path):
        m = re.search(r"funct=(\d+)\s+rs1=0x([0-9a-f]+) rs2=0x([0-9a-f]+)", line)
        if m:
            yield int(m.group(1)), int(m.group(2), 16), int(m.group(3), 16)


def print_tessel(prog, asm, roles, addresses):
    """Prints the program of `asm` with the segments of `prog` (a
    `tessel-run --dump-programs` prog.mlir). `roles` maps a segment's
    suffix (the lowering's operand name) to the driver's buffer name;
    `addresses[funct]` says which of (rs1, rs2) are DRAM addresses."""
    segments = []
    for m in re.finditer(r"gemmini\.segment @(\w+) : \w+, base (\d+), size (\d+)",
                         open(prog).read()):
        role = roles.get(m.group(1).rsplit("_", 1)[-1])
        if role:
            segments.append((role, int(m.group(2)), int(m.group(3))))

    def address(a):
        for role, base, size in segments:
            if base <= a < base + size:
                return "%s+%d" % (role, a - base)
        return str(a)

    out = []
    for funct, rs1, rs2 in listing_words(asm):
        first, second = addresses.get(funct, (False, False))
        out.append("%d %s %s" % (funct, address(rs1) if first else "0x%016x" % rs1,
                                 address(rs2) if second else "0x%016x" % rs2))
    sys.stdout.write("\n".join(out) + "\n")


def main(doc, reference, tessel):
    """`reference(args)` prints gemmini.h's commands for args.case,
    `tessel(prog, asm)` a tessel program's."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--sdk", default=ref.DEFAULT_SDK)
    ap.add_argument("--target", default="gemmini-default",
                    choices=sorted(ref.PRESETS))
    ap.add_argument("--tessel", nargs=2, metavar=("PROG", "ASM"))
    ap.add_argument("case", nargs="*")
    args = ap.parse_args()
    if args.tessel:
        tessel(*args.tessel)
    elif args.case:
        reference(args)
    else:
        ap.error("give a CASE or --tessel PROG ASM")
