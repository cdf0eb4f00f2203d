"""Writes a tessel gemmini program file with the given instruction words:
make-bin.py out.bin [options] funct:rs1:rs2 ... (hex). By default the
program is named p, with no target and no segments. Options, for files
that are wrong in one place:
  --name=NAME                 the program name
  --target=TEXT               the target attribute text
  --segment=NAME,KIND,BASE,SIZE[,TYPE]   a segment (BASE, SIZE decimal)
  --count=N                   the instruction count written (default: the
                              number of words)
  --trailing=N                N zero bytes after the instructions"""
import struct, sys


def string(s):
    b = s.encode()
    return struct.pack("<I", len(b)) + b


opts = {"name": "p", "target": "", "count": None, "trailing": 0}
segments, words = [], []
for arg in sys.argv[2:]:
    if arg.startswith("--"):
        key, _, value = arg[2:].partition("=")
        if key == "segment":
            segments.append(value.split(",", 4))
        else:
            opts[key] = value
    else:
        words.append(tuple(int(x, 16) for x in arg.split(":")))
out = b"TSLGEMM1" + string(opts["name"]) + string(opts["target"])
out += struct.pack("<I", len(segments))
for seg in segments:
    name, kind, base, size = seg[:4]
    out += string(name) + string(kind)
    out += struct.pack("<QQ", int(base), int(size)) + string(seg[4] if len(seg) > 4 else "")
count = len(words) if opts["count"] is None else int(opts["count"])
out += struct.pack("<Q", count)
for f, a, b in words:
    out += struct.pack("<QQQ", f, a, b)
out += b"\0" * int(opts["trailing"])
open(sys.argv[1], "wb").write(out)
