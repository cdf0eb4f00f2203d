//===- best-seconds.h - timing helper of the benchmark programs -*- C++ -*-===//
#ifndef TESSEL_BENCH_BEST_SECONDS_H
#define TESSEL_BENCH_BEST_SECONDS_H

#include <algorithm>
#include <chrono>

/// The fastest of `runs` calls of `fn`, in seconds.
template <typename Fn> double bestSeconds(Fn fn, int runs = 5) {
  double best = 1e9;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - t0)
                              .count());
  }
  return best;
}

#endif // TESSEL_BENCH_BEST_SECONDS_H
