// A segment named @main: a dumped program keeps its own name then.
gemmini.segment @main : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.segment @out : outputs, base 8192, size 256, type tensor<16x16xi8>
gemmini.program @copy {
  gemmini.config_ld stride = 16
  gemmini.mvin dram = @main, local = spad[0], local_cols = 16, local_rows = 16
  gemmini.config_st stride = 16
  gemmini.mvout dram = @out, local = spad[0], local_cols = 16, local_rows = 16
}
