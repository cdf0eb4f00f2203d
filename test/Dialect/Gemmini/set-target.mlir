// RUN: tessel-opt %s --gemmini-set-target | FileCheck %s --check-prefix=DEFAULT
// RUN: tessel-opt %s --gemmini-set-target="target=gemmini-dim8:acc_rows=512,dram_latency=80" | FileCheck %s --check-prefix=DIM8
// RUN: tessel-opt %s --gemmini-set-target="target=gemmini-dim32" | FileCheck %s --check-prefix=DIM32
// RUN: tessel-opt %s --gemmini-set-target="target=gemmini-bigspad:dataflows=ws" | FileCheck %s --check-prefix=BIG
// RUN: not tessel-opt %s --gemmini-set-target="target=tpu" 2>&1 | FileCheck %s --check-prefix=PRESET
// RUN: not tessel-opt %s --gemmini-set-target="target=gemmini-default:rows=4" 2>&1 | FileCheck %s --check-prefix=FIELD
// RUN: not tessel-opt %s --gemmini-set-target="target=gemmini-default:dim=x" 2>&1 | FileCheck %s --check-prefix=NUMBER
// RUN: not tessel-opt %s --gemmini-set-target="target=gemmini-default:dim=1000" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not tessel-opt %s --gemmini-set-target="target=gemmini-default:max_block_len=1" 2>&1 | FileCheck %s --check-prefix=VERIFY

// DEFAULT: module attributes {gemmini.target = #gemmini.target<>}
// DIM8: #gemmini.target<dim = 8, spad_bank_rows = 8192, acc_rows = 512, max_block_len = 8, max_block_len_acc = 2, dram_latency = 80>
// DIM32: #gemmini.target<dim = 32, spad_bank_rows = 2048, acc_rows = 512, max_block_len = 2>
// BIG: #gemmini.target<spad_bank_rows = 16384, acc_banks = 4, acc_rows = 4096, dataflows = "ws">
// PRESET: error: --gemmini-set-target: unknown target 'tpu' (presets: gemmini-default, gemmini-dim8, gemmini-dim32, gemmini-bigspad)
// FIELD: error: --gemmini-set-target: unknown target field 'rows'
// NUMBER: error: --gemmini-set-target: target field 'dim' expects a number, got 'x'
// RANGE: error: --gemmini-set-target: invalid target 'gemmini-default:dim=1000': dim must be in 1..256, got 1000
// The program below moves 32 columns: two blocks of DIM 16, more than one.
// VERIFY: error: 'gemmini.mvin' op local_cols = 32 exceeds the limit of 16

gemmini.program @p {
  gemmini.mvin dram = zeros, local = spad[0], local_cols = 32, local_rows = 8
}
