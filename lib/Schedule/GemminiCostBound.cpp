//===- GemminiCostBound.cpp - a lower bound of the cost model -------------===//
//
// Each unit works its busy cycles one after another, so the estimate is at
// least any unit's total. The execute unit also idles wherever a compute
// waits for a chain of other units' work through a window in which the
// array has less than that to do. The windows taken here run from a
// compute of one tile to the first compute of the next, so they are
// disjoint and their idle cycles add up:
//
// - k0 -> k0 + 1: the next tile's first A waits for the last read of its
//   rows, this tile's compute (k 0, j J-1, i 0), plus DIM; then that A and
//   the first B move in and land.
// - output tile u -> v: v's bias for block b (moved in, by block, before
//   v's A and B) waits for u's move out of block b, which waits for u's
//   last compute of b; v's first compute, of block 0, waits for u's move
//   out of block 0 in any case.
//
//===----------------------------------------------------------------------===//

#include "tessel/Schedule/GemminiCostModel.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

struct Bound {
  const MatmulLayer &layer;
  const MatmulTile &tile;
  const GemminiTiming &t;
  int64_t d, bi, bj, bk, i0n, j0n, k0n, lastRows, lastCols, lastDepth;
  /// How often A and B move in: once per column (row) of output tiles, or
  /// once when the program keeps them in the scratchpad.
  int64_t aMoves, bMoves;
  bool reuse;

  Bound(const MatmulLayer &layer, const MatmulTile &tile,
        const GemminiTiming &t)
      : layer(layer), tile(tile), t(t), d(t.dim) {
    bi = ceilDiv(layer.m, d), bj = ceilDiv(layer.n, d), bk = ceilDiv(layer.k, d);
    i0n = ceilDiv(bi, tile.i), j0n = ceilDiv(bj, tile.j), k0n = ceilDiv(bk, tile.k);
    lastRows = layer.m - (bi - 1) * d, lastCols = layer.n - (bj - 1) * d;
    lastDepth = layer.k - (bk - 1) * d;
    aMoves = i0n * k0n <= 2 ? 1 : j0n;
    bMoves = j0n * k0n <= 2 ? 1 : i0n;
    reuse = aMoves == 1 || bMoves == 1;
  }
  int64_t in(int64_t bytes) const {
    return std::max<int64_t>(1, ceilDiv(bytes, t.dmaBytesPerCycle));
  }
  int64_t out(int64_t bytes) const {
    return std::max<int64_t>(1, ceilDiv(bytes, t.storeBytesPerCycle));
  }

  /// An output tile: the last along I and/or J, or not.
  struct Shape {
    int64_t i, j, lastRows, lastCols, dim;
    int64_t rows(int64_t i1) const { return i1 == i - 1 ? lastRows : dim; }
    int64_t cols(int64_t j1) const { return j1 == j - 1 ? lastCols : dim; }
  };
  Shape shape(bool lastI, bool lastJ) const {
    return {lastI ? bi - (i0n - 1) * tile.i : tile.i,
            lastJ ? bj - (j0n - 1) * tile.j : tile.j,
            lastI ? lastRows : d, lastJ ? lastCols : d, d};
  }
  /// Depth of the first K block of an output tile.
  int64_t firstDepth() const { return bk == 1 ? lastDepth : d; }

  /// Idle cycles forced between output tiles u and v.
  int64_t between(const Shape &u, const Shape &v) const {
    const int64_t sizeC = layer.fullC ? 4 : 1, lat = t.dramLatency;
    const int64_t nu = u.i * u.j;
    // Both compute and move out block b = i*J + j (j, i)-th, column by
    // column: its position.
    auto position = [](const Shape &s, int64_t b) {
      return (b % s.j) * s.i + b / s.j;
    };
    // u's moves out, one after another from u's last slice's first compute
    // (+ 3 DIM): when each block's ends, at the earliest.
    llvm::SmallVector<int64_t, 64> outDone(nu);
    for (int64_t b = 0; b < nu; ++b)
      outDone[position(u, b)] = out(u.rows(b / u.j) * u.cols(b % u.j) * sizeC);
    for (int64_t n = 1; n < nu; ++n)
      outDone[n] += outDone[n - 1];
    // v's first computes of block b wait for u's move out of b. The window
    // ends at that compute; it stops short of the next window: the first
    // k0 -> k0 + 1 window of v starts at its compute (0, J-1, 0).
    const int64_t limit = bk == 1 ? 0 : k0n > 1 ? (v.j - 1) * v.i : v.i * v.j - 1;
    int64_t idle = 0;
    for (int64_t i = 0; i < v.i; ++i)
      for (int64_t j = 0; j < v.j; ++j) {
        int64_t b = i * v.j + j, n = j * v.i + i;
        if (b < nu && n <= limit)
          idle = std::max(idle, 3 * d + outDone[position(u, b)] - (nu + n) * d);
      }
    // (With an operand reused, v's first A or B may not move: no window.)
    if (layer.bias && !reuse) {
      // v's bias moves in, by block, before its first A and B; the bias of
      // block b waits for u's move out of b. Windows from u's compute of b,
      // or from its last slice's first (the moves out before b's count),
      // to v's first compute.
      const int64_t e0 = firstDepth();
      int64_t after = in(v.rows(0) * e0) + in(e0 * v.cols(0)) + lat;
      for (int64_t i = v.i - 1; i >= 0; --i)
        for (int64_t j = v.j - 1; j >= 0; --j) {
          after += in(v.rows(i) * v.cols(j) * 4);
          int64_t b = i * v.j + j;
          if (b >= nu)
            continue;
          int64_t n = position(u, b);
          int64_t moveOut = outDone[n] - (n ? outDone[n - 1] : 0);
          idle = std::max({idle, 3 * d + moveOut + after - (nu - n) * d,
                           3 * d + outDone[n] + after - nu * d});
        }
    }
    return idle;
  }

  /// Idle cycles forced between the k0 tiles of an output tile of shape s.
  int64_t withinOutputTile(const Shape &s) const {
    if (k0n == 1 || reuse)
      return 0;
    auto chain = [&](int64_t e) {
      return d + in(s.rows(0) * e) + in(e * s.cols(0)) + t.dramLatency;
    };
    int64_t work = (s.i + (tile.k - 1) * s.i * s.j) * d;
    // The last pair's second tile may start with the last K block.
    int64_t lastFirst = bk - (k0n - 1) * tile.k == 1 ? lastDepth : d;
    return (k0n - 2) * std::max<int64_t>(0, chain(d) - work) +
           std::max<int64_t>(0, chain(lastFirst) - work);
  }

  int64_t cycles() const {
    const int64_t sizeC = layer.fullC ? 4 : 1, batch = layer.batch;
    // A sum over the blocks of an x by y grid whose last row and column
    // are partial.
    auto grid = [&](int64_t nx, int64_t lx, int64_t ny, int64_t ly, auto cost) {
      return (nx - 1) * (ny - 1) * cost(d, d) + (nx - 1) * cost(d, ly) +
             (ny - 1) * cost(lx, d) + cost(lx, ly);
    };
    auto moveIn = [&](int64_t r, int64_t c) { return in(r * c); };
    int64_t load = batch * (aMoves * grid(bi, lastRows, bk, lastDepth, moveIn) +
                            bMoves * grid(bk, lastDepth, bj, lastCols, moveIn));
    if (layer.bias)
      load += batch * grid(bi, lastRows, bj, lastCols,
                           [&](int64_t r, int64_t c) { return in(r * c * 4); });
    int64_t store = batch * grid(bi, lastRows, bj, lastCols,
                                 [&](int64_t r, int64_t c) {
                                   return out(r * c * sizeC);
                                 });
    int64_t computes = batch * bi * bj * bk;
    int64_t instructions =
        5 + batch * (5 * i0n * j0n * k0n + (layer.bias ? bi * bj : 0) +
                     bi * bk * aMoves + bk * bj * bMoves + computes + bi * bj);

    // Output tiles run row by row (I), each row's along J, the last of
    // each the last along J; the rows of each batch element likewise.
    int64_t idle = 0;
    const Shape shapes[2][2] = {{shape(false, false), shape(false, true)},
                                {shape(true, false), shape(true, true)}};
    auto add = [&](int64_t times, auto windows) {
      if (times > 0)
        idle += times * windows();
    };
    for (int lastI : {0, 1}) {
      int64_t rows = batch * (lastI ? 1 : i0n - 1);
      const Shape &full = shapes[lastI][0], &last = shapes[lastI][1];
      add(rows * (j0n - 1), [&] { return withinOutputTile(full); });
      add(rows, [&] { return withinOutputTile(last); });
      add(rows * (j0n - 2), [&] { return between(full, full); });
      add(j0n >= 2 ? rows : 0, [&] { return between(full, last); });
    }
    // From the last output tile of a row to the first of the next.
    const int firstJ = j0n >= 2 ? 0 : 1;
    auto rowToRow = [&](int fromLastI, int toLastI) {
      return [&, fromLastI, toLastI] {
        return between(shapes[fromLastI][1], shapes[toLastI][firstJ]);
      };
    };
    add(batch * (i0n - 2), rowToRow(0, 0));
    add(i0n >= 2 ? batch : 0, rowToRow(0, 1));
    add(batch - 1, rowToRow(1, i0n >= 2 ? 0 : 1));

    // The first compute waits for the first tile's bias, A and B to move in
    // (after 10 configurations) and land; the last move out waits for the
    // last compute to land.
    const Shape &first = shapes[i0n == 1][j0n == 1];
    int64_t fill = 10 + in(first.rows(0) * firstDepth()) +
                   in(firstDepth() * first.cols(0)) + t.dramLatency;
    if (layer.bias)
      for (int64_t i = 0; i < first.i; ++i)
        for (int64_t j = 0; j < first.j; ++j)
          fill += in(first.rows(i) * first.cols(j) * 4);
    int64_t drain = 2 * d + out(lastRows * lastCols * sizeC);
    return std::max({5 + load + t.dramLatency, fill + computes * d + idle + drain,
                     2 + store, instructions});
  }
};

} // namespace

int64_t schedule::matmulCyclesLowerBound(const MatmulLayer &layer,
                                         const MatmulTile &tile,
                                         const GemminiTiming &t) {
  return Bound(layer, tile, t).cycles();
}
