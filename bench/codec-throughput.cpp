//===- codec-throughput.cpp - encode and decode speed of each format ------===//
//
// Elements per second, one thread, for encode (float to codes) and decode
// (codes to float) of a Gaussian tensor. Run by bench/quant-formats.sh.
//
//===----------------------------------------------------------------------===//

#include "tessel/Quant/TensorQuantizer.h"

#include "best-seconds.h"

#include <chrono>
#include <cstdio>
#include <random>

using namespace mlir::tessel::quant;

int main() {
  const size_t n = 1 << 20;
  std::mt19937 gen(0);
  std::normal_distribution<float> dist;
  std::vector<float> x(n), y(n);
  for (float &v : x)
    v = dist(gen);
  std::vector<double> u(n), back(n);
  std::vector<uint8_t> codes(n), scales(n);
  std::printf("| format | encode Melem/s | decode Melem/s |\n|---|---|---|\n");
  for (const char *name : {"int4", "int8", "flint4", "pot4", "float4",
                           "ovpint4", "ovpflint4", "ovpint8", "bfp8",
                           "mxint8", "mxfp8_e4m3", "mxfp4_e2m1"}) {
    std::string error;
    auto f = TensorFormat::parse(name, error);
    double enc = 0, dec = 0;
    switch (f->kind()) {
    case TensorFormat::Kind::Scalar: {
      const ScalarFormat &s = f->scalar();
      double scale = 4.0 / s.maxValue();
      enc = bestSeconds([&] {
        for (size_t i = 0; i < n; ++i)
          codes[i] = uint8_t(s.encode(x[i] / scale));
      });
      dec = bestSeconds([&] {
        for (size_t i = 0; i < n; ++i)
          y[i] = float(s.decode(codes[i]) * scale);
      });
      break;
    }
    case TensorFormat::Kind::Ovp: {
      double scale = 3.0 / f->ovp().normal().maxValue();
      for (size_t i = 0; i < n; ++i)
        u[i] = x[i] / scale;
      enc = bestSeconds([&] { f->ovp().encode(u.data(), n, codes.data()); });
      dec = bestSeconds([&] { f->ovp().decode(codes.data(), n, back.data()); });
      break;
    }
    case TensorFormat::Kind::Mx:
      enc = bestSeconds(
          [&] { mxEncode(f->mx(), x.data(), n, scales.data(), codes.data()); });
      dec = bestSeconds(
          [&] { mxDecode(f->mx(), scales.data(), codes.data(), n, y.data()); });
      break;
    case TensorFormat::Kind::Bfp:
      enc = bestSeconds(
          [&] { bfpEncode(f->bfp(), x.data(), n, scales.data(), codes.data()); });
      dec = bestSeconds(
          [&] { bfpDecode(f->bfp(), scales.data(), codes.data(), n, y.data()); });
      break;
    }
    std::printf("| %s | %.0f | %.0f |\n", name, n / enc / 1e6, n / dec / 1e6);
  }
  return 0;
}
