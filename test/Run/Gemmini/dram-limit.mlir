// A DRAM plan larger than the simulator holds is an error at the segment
// that passes the limit, not an allocation that exhausts the host.
// RUN: not tessel-run %s 2>&1 | FileCheck %s
// CHECK: error: 'gemmini.segment' op makes the DRAM plan larger than the simulator's 16 GiB

gemmini.segment @x : scratch, base 4096, size 9223372036854000000
gemmini.program @main {
  gemmini.fence
}

// RUN: not tessel-run %S/Inputs/huge-target.mlir 2>&1 | FileCheck %s --check-prefix=LOCAL
// LOCAL: error: 'gemmini.program' op targets memories of 85899345920 bytes, more than the simulator's 4 GiB
