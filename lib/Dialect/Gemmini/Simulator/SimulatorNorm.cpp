//===- SimulatorNorm.cpp - normalization and I-BERT activations -----------===//
//
// Gemmini's functional model of its normalization unit: mvouts from the
// accumulator carry a norm command that feeds their rows to a statistics
// slot (sum and mean, variance and inverse standard deviation, maximum and
// sum of exponentials), and the LAYERNORM, IGELU and SOFTMAX activations
// transform each value before it is scaled, with I-BERT's integer
// polynomials for erf and exp. The arithmetic is the functional model's:
// 32-bit integers that wrap, float32 scales, C's truncating conversions
// and x86's results where C leaves them undefined (a float beyond int32
// converts to INT32_MIN; a shift count is taken modulo 32).
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

enum NormCmd : unsigned {
  kReset = 0,
  kSum = 1,
  kMean = 2,
  kVariance = 3,
  kInvStddev = 4,
  kMax = 5,
  kSumExp = 6,
  kInvSumExp = 7
};

/// int32 arithmetic that wraps, as the functional model's acc_t does.
int32_t wrap(int64_t v) { return int32_t(uint32_t(uint64_t(v))); }
int32_t add(int32_t a, int32_t b) { return wrap(int64_t(a) + b); }
int32_t sub(int32_t a, int32_t b) { return wrap(int64_t(a) - b); }
int32_t mul(int32_t a, int32_t b) { return wrap(int64_t(a) * b); }
int32_t shr(int32_t a, int32_t n) { return a >> (n & 31); }

/// C's truncating division, wrapping its one overflow; b != 0.
int32_t quotient(int32_t a, int32_t b) { return b == 0 ? 0 : wrap(int64_t(a) / b); }

/// A float or double to int32, truncating; NaN or out of range gives
/// INT32_MIN (x86's cvtt result).
int32_t truncate(double f) {
  if (!(f > -2147483649.0 && f < 2147483648.0))
    return std::numeric_limits<int32_t>::min();
  return int32_t(f);
}

/// Gemmini's ACC_SCALE: float multiply, round half to even, saturate to
/// int8.
int32_t accScale(int32_t x, float scale) {
  float y = std::nearbyint(float(x) * scale);
  return y > 127 ? 127 : y < -128 ? -128 : int32_t(y);
}

/// I-BERT's integer GELU: q * (sign(q) * ((min(|q|, -qb) + qb)^2 + qc) + qc).
int32_t igelu(int32_t q, int32_t qb, int32_t qc) {
  int32_t sign = q < 0 ? -1 : 1;
  int32_t mag = q < 0 ? wrap(-int64_t(q)) : q;
  int32_t clipped = mag > wrap(-int64_t(qb)) ? wrap(-int64_t(qb)) : mag;
  int32_t poly = add(mul(add(clipped, qb), add(clipped, qb)), qc);
  return mul(q, add(mul(sign, poly), qc));
}

/// I-BERT's integer exp of q <= 0: q = qp - z ln2, exp = poly(qp) >> z.
int32_t iexp(int32_t q, int32_t qb, int32_t qc, int32_t qln2,
             int32_t qln2Inv) {
  int32_t z = shr(mul(wrap(-int64_t(q)), qln2Inv), 16);
  int32_t qp = add(q, mul(z, qln2));
  int32_t poly = add(mul(add(qp, qb), add(qp, qb)), qc);
  return shr(poly, z);
}

} // namespace

bool Simulator::configNorm(const ConfigNormOp::Decoded &cfg,
                           std::string &error) {
  unsigned statId = unsigned(cfg.statId);
  if (statId >= norm.stats.size()) {
    error = "config_norm statistics slot " + std::to_string(statId) +
            " does not exist (Gemmini has " +
            std::to_string(norm.stats.size()) + ")";
    return false;
  }
  norm.statId = statId;
  if (cfg.setStatsIdOnly)
    return true;
  norm.qb = int32_t(cfg.qb);
  norm.qc = int32_t(cfg.qc);
  // act_msb is the activation's bit 2.
  unsigned act = unsigned(cfg.actMsb) << 2 | store.activation;
  if (act > kSoftmax) {
    error = "config_norm's act_msb turns activation " +
            std::to_string(store.activation) +
            " into " + std::to_string(act) + ", which does not exist";
    return false;
  }
  store.activation = act;
  int32_t q = int32_t(cfg.qConst);
  (cfg.qConstType ? norm.qln2Inv : norm.qln2) = q;
  return true;
}

bool Simulator::applyNorm(const int32_t *x, uint64_t len, unsigned cmd) {
  NormStat &s = norm.stats[norm.statId];
  if (s.reset) {
    s.sum = 0;
    s.count = 0;
    s.runningMax = std::numeric_limits<int32_t>::min();
  }
  s.reset = cmd == kReset || cmd == kMean || cmd == kInvStddev;
  if (cmd == kSum || cmd == kMean) {
    for (uint64_t i = 0; i < len; ++i)
      s.sum = add(s.sum, x[i]);
    s.count = add(s.count, int32_t(len));
  } else if (cmd == kVariance || cmd == kInvStddev) {
    for (uint64_t i = 0; i < len; ++i) {
      int32_t d = sub(x[i], s.mean);
      s.sum = add(s.sum, mul(d, d));
    }
    s.count = add(s.count, int32_t(len));
  } else if (cmd == kMax) {
    for (uint64_t i = 0; i < len; ++i)
      s.runningMax = std::max(s.runningMax, x[i]);
  } else if (cmd == kSumExp || cmd == kInvSumExp) {
    s.max = s.runningMax;
    for (uint64_t i = 0; i < len; ++i)
      s.sum = add(s.sum, iexp(sub(x[i], s.max), norm.qb, norm.qc, norm.qln2,
                              norm.qln2Inv));
  }
  // count >= 1 here: every call adds at least one element after a reset.
  if (cmd == kMean) {
    s.mean = quotient(s.sum, s.count);
  } else if (cmd == kInvStddev) {
    int32_t variance = quotient(s.sum, s.count);
    int32_t stddev = variance == 0 ? 1 : truncate(std::sqrt(double(variance)));
    s.invStddev = 1.0f / float(stddev);
  } else if (cmd == kInvSumExp) {
    s.runningMax = std::numeric_limits<int32_t>::min();
    s.invSumExp = 127.0f / float(s.sum);
  }
  return cmd == kReset;
}

int32_t Simulator::preActivation(int32_t v) const {
  const NormStat &s = norm.stats[norm.statId];
  switch (store.activation) {
  case kIGelu:
    return igelu(v, norm.qb, norm.qc);
  case kLayerNorm:
    return truncate(float(sub(v, s.mean)) * s.invStddev);
  case kSoftmax:
    return accScale(iexp(sub(v, s.max), norm.qb, norm.qc, norm.qln2,
                         norm.qln2Inv),
                    s.invSumExp);
  default:
    return v;
  }
}

bool Simulator::normRows(uint64_t i, uint64_t J, unsigned act, uint64_t sizeC,
                         uint32_t cStart, std::string &error) {
  // Per pass, the command of a row's non-final and final column tiles.
  static const unsigned layerNorm[3][2] = {{kSum, kMean},
                                           {kVariance, kInvStddev},
                                           {kReset, kReset}};
  static const unsigned softmax[3][2] = {{kMax, kMax},
                                         {kSumExp, kInvSumExp},
                                         {kReset, kReset}};
  const auto &cmds = act == kLayerNorm ? layerNorm : softmax;
  uint64_t n = uint64_t(dim), slots = norm.stats.size();
  uint64_t rows = n - (i == loop.i - 1 ? loop.padI : 0);
  for (uint64_t row = 0; row < rows; row += slots) {
    uint64_t ids = std::min(slots, rows - row);
    for (const auto &cmd : cmds)
      for (uint64_t id = 0; id < ids; ++id) {
        ConfigNormOp::Decoded slot;
        slot.statId = id;
        slot.setStatsIdOnly = true;
        if (!issueConfig(slot, error))
          return false;
        uint64_t r = row + id;
        for (uint64_t jj = 0; jj < J; ++jj) {
          uint32_t addr = cStart + uint32_t((i * J + jj) * n + r);
          addr |= uint32_t(
              insertField(jj + 1 == J ? cmd[1] : cmd[0], kLocalNormLsb, 3));
          uint64_t dram = loop.c + (i * loop.cStride + jj) * n * sizeC +
                          r * loop.cStride * sizeC;
          uint64_t cols = n - (jj + 1 == J ? loop.padJ : 0);
          if (!mvout(dram, operand(1, cols, addr), error))
            return false;
        }
      }
  }
  return true;
}
