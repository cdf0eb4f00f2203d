"""Prints the instructions of a tessel gemmini program file as
"funct rs1 rs2" in hex, reading the layout documented in docs/gemmini.md."""
import struct, sys

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"TSLGEMM1", "bad magic"
pos = 8
def u32():
    global pos
    v, = struct.unpack_from("<I", data, pos); pos += 4; return v
def u64():
    global pos
    v, = struct.unpack_from("<Q", data, pos); pos += 8; return v
def string():
    global pos
    n = u32(); s = data[pos:pos + n]; pos += n; return s
string(); string()
for _ in range(u32()):
    string(); string(); u64(); u64(); string()
for _ in range(u64()):
    f, a, b = u64(), u64(), u64()
    print("%x %x %x" % (f, a, b))
assert pos == len(data), "trailing bytes"
