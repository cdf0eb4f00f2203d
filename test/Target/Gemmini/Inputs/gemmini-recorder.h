// A stand-in for gemmini.h that records instead of issuing: the macros
// tessel's C uses, with gemmini.h's names and argument orders, packing rs1
// and rs2 as the ISA defines (ADDR_LEN = 32), and printing each command as
// "funct rs1 rs2" in hex.
#include <stdint.h>
#include <stdio.h>

#define XCUSTOM_ACC 3
#define ROCC_INSTRUCTION_RS1_RS2(x, rs1, rs2, funct)                          \
  printf("%llx %llx %llx\n", (unsigned long long)(funct),                      \
         (unsigned long long)(rs1), (unsigned long long)(rs2))

#define TESSEL_OPERAND(addr, cols, rows)                                       \
  (((uint64_t)(rows) << 48) | ((uint64_t)(cols) << 32) | (uint64_t)(addr))

#define gemmini_extended_mvin(dram, spad, cols, rows)                         \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram, TESSEL_OPERAND(spad, cols, rows), 2)
#define gemmini_extended_mvin2(dram, spad, cols, rows)                        \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram, TESSEL_OPERAND(spad, cols, rows), 1)
#define gemmini_extended_mvin3(dram, spad, cols, rows)                        \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram, TESSEL_OPERAND(spad, cols, rows), 14)
#define gemmini_extended_mvout(dram, spad, cols, rows)                        \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram, TESSEL_OPERAND(spad, cols, rows), 3)
#define gemmini_extended_preload(BD, C, BD_cols, BD_rows, C_cols, C_rows)     \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, TESSEL_OPERAND(BD, BD_cols, BD_rows), \
                           TESSEL_OPERAND(C, C_cols, C_rows), 6)
#define gemmini_extended_compute_preloaded(A, BD, A_cols, A_rows, BD_cols,    \
                                           BD_rows)                           \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, TESSEL_OPERAND(A, A_cols, A_rows),    \
                           TESSEL_OPERAND(BD, BD_cols, BD_rows), 4)
#define gemmini_extended_compute_accumulated(A, BD, A_cols, A_rows, BD_cols,  \
                                             BD_rows)                         \
  ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, TESSEL_OPERAND(A, A_cols, A_rows),    \
                           TESSEL_OPERAND(BD, BD_cols, BD_rows), 5)
#define gemmini_flush(skip) ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, skip, 0, 7)
#define gemmini_fence() printf("ffffffffffffffff 0 0\n")
