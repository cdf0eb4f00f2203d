// An entry that is only a declaration, or names nothing, is an error.
// RUN: not tessel-run %s --entry decl 2>&1 | FileCheck %s --check-prefix=DECL
// RUN: not tessel-run %s --entry nothing 2>&1 | FileCheck %s --check-prefix=NONE
// DECL: error: 'decl' in {{.*}}entry-errors.mlir is a declaration, with no body to run
// NONE: error: no function or gemmini program 'nothing' in {{.*}}entry-errors.mlir

func.func private @decl(tensor<2xf32>) -> tensor<2xf32>
