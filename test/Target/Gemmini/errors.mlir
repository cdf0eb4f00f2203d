// Bad program files and modules are diagnostics, not crashes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf 'NOTAPROGRAM' > %t/magic.bin
// RUN: not tessel-translate --import-gemmini-bin %t/magic.bin 2>&1 | FileCheck %s --check-prefix=MAGIC
// MAGIC: magic.bin:0:0: error: not a tessel gemmini program (bad magic)

// RUN: %python %S/Inputs/make-bin.py %t/ok.bin 2:1000:0010001000000000 7:1:0
// RUN: head -c 25 %t/ok.bin > %t/short.bin
// RUN: not tessel-translate --import-gemmini-bin %t/short.bin 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: error: truncated program file (reading the instruction count at byte 21)

// RUN: head -c 60 %t/ok.bin > %t/cut.bin
// RUN: not tessel-translate --import-gemmini-bin %t/cut.bin 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: the instruction count 2 exceeds the file

// RUN: %python %S/Inputs/make-bin.py %t/funct.bin 7:0:0 7e:0:0
// RUN: not tessel-translate --import-gemmini-bin %t/funct.bin 2>&1 | FileCheck %s --check-prefix=FUNCT
// FUNCT: funct.bin:1:0: error: instruction 1: funct7 126 is not a Gemmini instruction tessel knows

// Decoded fields are verified against the target: 17 rows on a DIM-16 array.
// RUN: %python %S/Inputs/make-bin.py %t/rows.bin 2:1000:0011001000000000
// RUN: not tessel-translate --import-gemmini-bin %t/rows.bin 2>&1 | FileCheck %s --check-prefix=ROWS
// ROWS: rows.bin:0:0: error: 'gemmini.mvin' op local_rows = 17 exceeds the array dimension 16

// RUN: not tessel-translate --gemmini-to-bin %s 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: error: expected one gemmini.program, found 2

gemmini.program @a {
  gemmini.fence
}
gemmini.program @b {
  gemmini.fence
}
