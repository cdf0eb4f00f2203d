module attributes {gemmini.target = #gemmini.target<dim = 256, spad_banks = 1, spad_bank_rows = 67108864, acc_rows = 67108864>} {
  gemmini.program @main {
    gemmini.fence
  }
}
