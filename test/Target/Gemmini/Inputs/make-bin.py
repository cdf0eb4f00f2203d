"""Writes a tessel gemmini program file with the given instruction words:
make-bin.py out.bin funct:rs1:rs2 ... (hex), no segments and no target."""
import struct, sys

words = [tuple(int(x, 16) for x in w.split(":")) for w in sys.argv[2:]]
out = b"TSLGEMM1" + struct.pack("<I", 1) + b"p" + struct.pack("<I", 0)
out += struct.pack("<I", 0) + struct.pack("<Q", len(words))
for f, a, b in words:
    out += struct.pack("<QQQ", f, a, b)
open(sys.argv[1], "wb").write(out)
