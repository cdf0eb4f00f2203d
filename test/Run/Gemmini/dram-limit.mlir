// A DRAM plan larger than the simulator holds is an error at the segment
// that passes the limit, not an allocation that exhausts the host. A call
// holds only the segments it and its program name, so a huge segment no
// program uses costs nothing.
// RUN: not tessel-run %s 2>&1 | FileCheck %s
// CHECK: error: 'gemmini.segment' op makes the DRAM plan larger than the simulator's 16 GiB
// RUN: tessel-run %s --entry unused

gemmini.segment @x : scratch, base 4096, size 9223372036854000000
gemmini.program @main {
  gemmini.config_ld stride = 16
  gemmini.mvin dram = @x, local = spad[0], local_cols = 16, local_rows = 1
}
gemmini.program @unused {
  gemmini.fence
}

// RUN: not tessel-run %S/Inputs/huge-target.mlir 2>&1 | FileCheck %s --check-prefix=LOCAL
// LOCAL: error: 'gemmini.program' op targets memories of 85899345920 bytes, more than the simulator's 4 GiB
