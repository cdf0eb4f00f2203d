// Float fields written as hex bit patterns (how the printer writes NaN and
// infinities) read back as those bits. config_st's acc_scale is rs2[63:32]
// and its stride rs2[31:0], so the words are the patterns shifted up 32.
// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// RUN: tessel-translate --gemmini-to-asm %s | FileCheck %s --check-prefix=ASM
// CHECK: gemmini.config_st stride = 16, acc_scale = 0x7FC00000
// CHECK: gemmini.config_st stride = 16, acc_scale = 0x7F800000
// CHECK: gemmini.config_st stride = 16, acc_scale = 0xFF800000
// ASM: rs2=0x7fc0000000000010
// ASM: rs2=0x7f80000000000010
// ASM: rs2=0xff80000000000010
gemmini.program @p {
  gemmini.config_st stride = 16, acc_scale = 0x7FC00000
  gemmini.config_st stride = 16, acc_scale = 0x7F800000
  gemmini.config_st stride = 16, acc_scale = 0xFF800000
}
