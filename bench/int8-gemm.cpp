//===- int8-gemm.cpp - the baseline for the simulator benchmark -----------===//
//
// C = A * B with int8 operands and int32 sums, n x n x n, two ways:
// a plain loop nest the compiler vectorizes (i, k, j order, -O3
// -march=native), and oneDNN's dnnl_gemm_s8s8s32. Prints the best of 5
// of each as MACs per second. Run by bench/gemmini-sim.sh.
//
//===----------------------------------------------------------------------===//

#include <dnnl.h>

#include "best-seconds.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

int main(int argc, char **argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 512;
  std::mt19937 gen(0);
  std::uniform_int_distribution<int> dist(-20, 19);
  std::vector<int8_t> a(n * n), b(n * n);
  for (auto &v : a)
    v = int8_t(dist(gen));
  for (auto &v : b)
    v = int8_t(dist(gen));
  std::vector<int32_t> c(n * n), ref(n * n);
  double plain = bestSeconds([&] {
    std::fill(c.begin(), c.end(), 0);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < n; ++k) {
        int32_t aik = a[i * n + k];
        const int8_t *brow = &b[k * n];
        int32_t *crow = &c[i * n];
        for (int j = 0; j < n; ++j)
          crow[j] += aik * brow[j];
      }
  });
  ref = c;
  int32_t co = 0;
  double onednn = bestSeconds([&] {
    dnnl_gemm_s8s8s32('N', 'N', 'F', n, n, n, 1.0f, a.data(), n, 0, b.data(),
                      n, 0, 0.0f, c.data(), n, &co);
  });
  if (c != ref) {
    std::fprintf(stderr, "int8 GEMMs disagree\n");
    return 1;
  }
  double macs = double(n) * n * n;
  std::printf("plain int8 GEMM (%d^3, 1 thread): %.3f ms, %.3g MAC/s\n", n,
              plain * 1e3, macs / plain);
  std::printf("oneDNN gemm_s8s8s32 (%d^3): %.3f ms, %.3g MAC/s\n", n,
              onednn * 1e3, macs / onednn);
  return 0;
}
