// RUN: tessel-opt %s | FileCheck %s
// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// Ops with every field at its default print bare and read back before the
// next op, whose name is not taken for a field.

// CHECK-LABEL: gemmini.program @bare
// CHECK-NEXT: gemmini.flush{{$}}
// CHECK-NEXT: gemmini.fence
// CHECK-NEXT: gemmini.loop_ws{{$}}
// CHECK-NEXT: gemmini.loop_conv_ws{{$}}
// CHECK-NEXT: gemmini.flush skip = true
gemmini.program @bare {
  gemmini.flush
  gemmini.fence
  gemmini.loop_ws
  gemmini.loop_conv_ws
  gemmini.flush skip = true
}
