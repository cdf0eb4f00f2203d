//===- GemminiCostTile.cpp - the cost model of one loop_ws ----------------===//
//
// One tile, K slice by K slice, as the simulator's loopWs expands it: per
// slice A(0,k), B(k,0), A(1..I-1,k), B(k,1..J-1) move in (one chain on the
// load unit, each landing dram_latency later), then the computes column by
// column (j outer, i inner; a compute of column j > 0, row 0 waits for its
// B, every one of column 0 for its A), DIM cycles each on the array and
// landing 2 DIM later; in the last slice each compute's block moves out.
// Chains over evenly spaced arrivals are solved in closed form: the latest
// term of max(previous + busy, ready) over a run is at the run's ends.
//
//===----------------------------------------------------------------------===//

#include "GemminiCostState.h"

using namespace mlir;
using namespace mlir::tessel::schedule::cost;

namespace {

class TileRun {
public:
  TileRun(const Units &u, State &s, const Tile &g)
      : u(u), s(s), g(g), I(g.i), J(g.j), K(g.k), d(u.dim), pI(s.warI),
        pK(s.warK), oI(s.olderI), oK(s.olderK) {
    // Same geometry: slice k's A blocks are those of slice k of the tile
    // that last used this half of the scratchpad (the one before the
    // previous).
    regular = oK == 0 || (oK == K && oI >= I);
  }

  void run() {
    s.issue += 5; // the loop_ws configuration
    if (g.bias)
      moveBias();
    records.clear();
    starts.clear();
    for (k = 0; k < K; ++k) {
      beginSlice();
      moveSlice();
      if ((g.first && k == 0) || last)
        computeByItem();
      else
        computeByColumn();
      s.hasPrev = true;
      s.prevFirst = first;
      s.prevLast = lastStart;
      records.push_back(lastColumn);
      s.issue = base + count;
      skipAlike();
      before = {s.load, s.ex, s.prevFirst, s.prevLast};
    }
    // This tile's records, the previous tile's as the older ones.
    s.olderWar.swap(s.war);
    s.war.swap(records);
    s.olderStarts.swap(s.warStarts);
    s.warStarts.swap(starts);
    s.olderI = pI, s.olderK = pK;
    s.warI = I, s.warK = K;
    // The next output tile uses the other accumulator half.
    if (g.out)
      s.accIdle.swap(s.accIdleOther);
  }

private:
  int64_t rows(int64_t i) const { return i == I - 1 ? g.lastRows : d; }
  int64_t cols(int64_t j) const { return j == J - 1 ? g.lastCols : d; }

  /// The bias, int32 blocks, each after the previous move out of its rows.
  void moveBias() {
    for (int64_t i = 0; i < I; ++i)
      for (int64_t j = 0; j < J; ++j) {
        int64_t start = std::max({s.issue, s.load, s.accIdle[i * J + j]});
        s.load = start + u.moveIn(rows(i) * cols(j) * 4);
        ++s.issue;
      }
  }

  /// When A(i, k) may move in: after the compute of the tile before the
  /// previous one (the last in this half) that read its rows last (in that
  /// tile's last column; between the column's ends, evenly spaced), plus
  /// DIM; past that tile's blocks, the rows' readers are taken as done.
  int64_t warAt(int64_t i, int64_t k1) const {
    if (!oK)
      return kNever;
    if (oK == K && i < oI)
      return lastRead(s.olderWar, s.olderStarts, oI, i, k1);
    int64_t block = i * K + k1;
    if (block < oI * oK)
      return lastRead(s.olderWar, s.olderStarts, oI, block / oK, block % oK);
    return kNever;
  }
  /// Block (pi, pk) of a tile of `rows` x last.size() A blocks whose last
  /// columns were `last` (and their computes `starts`, if kept).
  int64_t lastRead(const llvm::SmallVectorImpl<Column> &last,
                   const llvm::SmallVectorImpl<int64_t> &starts, int64_t rows,
                   int64_t pi, int64_t pk) const {
    if (!starts.empty())
      return starts[pk * rows + pi] + d;
    auto [w0, wl] = last[pk];
    // Mostly a column run back to back: DIM apart, no division.
    if (rows <= 1 || pi == 0)
      return w0 + d;
    if (wl - w0 == (rows - 1) * d)
      return w0 + pi * d + d;
    return w0 + floorDiv((wl - w0) * pi, rows - 1) + d;
  }
  /// The spacing of the constraints of A(1..I-1), from their ends.
  int64_t spacing(int64_t w1, int64_t wl) const {
    if (I <= 2)
      return 0;
    return wl - w1 == (I - 2) * d ? d : floorDiv(wl - w1, I - 2);
  }

  void beginSlice() {
    int64_t e = k == K - 1 ? g.lastDepth : d;
    a = u.moveIn(d * e), aI = u.moveIn(g.lastRows * e);
    b = u.moveIn(e * d), bJ = u.moveIn(e * g.lastCols);
    last = g.out && k == K - 1;
    base = s.issue;
    const int64_t m = last; // a move out after each compute
    count = I + J + I * J * (1 + m);
    // The slice's last move in, where the front end issues it: B(k, J-1)
    // heads the last column; with one column, A(I-1, k) (or B(k, 0)).
    if (J > 1)
      lastMove = (I * (2 + m) + 1) + (J - 2) * (1 + I * (1 + m));
    else
      lastMove = I > 1 ? (3 + m) + (I - 2) * (2 + m) : 1;
    // Past that tile's A blocks no constraint is left either.
    closed = regular || k >= oI * oK;
    // Each compute accumulates on the previous one of its block: the
    // previous slice's, except in an output tile's first slice (onto its
    // own bias, or not at all). It binds with one or two blocks only.
    bool raw = (k > 0 || !g.first) && s.hasPrev && I * J <= 2;
    rawFirst = raw ? s.prevFirst + 3 * d : kNever;
    rawLast = raw ? s.prevLast + 3 * d : kNever;
  }

  int64_t lastBusy() const { return J > 1 ? bJ : I > 1 ? aI : B(0); }
  int64_t A(int64_t i) const { return i == I - 1 ? aI : a; }
  int64_t B(int64_t j) const { return j == J - 1 ? bJ : b; }
  int64_t S(int64_t i) const { return (i - 1) * a + A(i); } ///< A1..Ai
  /// The latest end of A(i) a chain over the evenly spaced constraints
  /// gives: the constraint itself when they space wider than the moves,
  /// else the first one followed by back-to-back moves.
  int64_t warTerm(int64_t i) const {
    if (W1 == kNever)
      return kNever;
    return wd >= a ? W1 + (i - 1) * wd + A(i) : W1 + S(i);
  }
  int64_t endA(int64_t i) const {
    if (i == 0)
      return eA0;
    if (!ends.empty())
      return ends[i];
    return std::max(eB0 + S(i), warTerm(i));
  }
  int64_t endB(int64_t j) const {
    return j == 0 ? eB0 : endAs + (j - 1) * b + B(j);
  }
  int64_t arrA(int64_t i) const { return endA(i) + u.latency; }
  int64_t arrB(int64_t j) const { return endB(j) + u.latency; }

  /// The slice's moves in.
  void moveSlice() {
    eA0 = std::max({s.load, base, warAt(0, k)}) + A(0);
    eB0 = eA0 + B(0);
    W1 = kNever, wd = 0;
    ends.clear();
    if (I > 1 && !closed) {
      ends.push_back(eA0);
      int64_t t = eB0;
      for (int64_t i = 1; i < I; ++i)
        ends.push_back(t = std::max(t, warAt(i, k)) + A(i));
    } else if (I > 1) {
      W1 = warAt(1, k);
      wd = spacing(W1, warAt(I - 1, k));
    }
    endAs = I > 1 ? endA(I - 1) : eB0;
    s.load = std::max(J > 1 ? endB(J - 1) : endAs, base + lastMove + lastBusy());
  }

  /// Compute by compute: the previous output tile's moves out of each
  /// block (in an output tile's first slice), this tile's moves out (in
  /// its last).
  void computeByItem() {
    int64_t c = s.ex - d, issue = base;
    first = kNever;
    for (int64_t j = 0; j < J; ++j)
      for (int64_t i = 0; i < I; ++i) {
        issue += (j == 0) + (i == 0);
        int64_t ready = kNever;
        if (j == 0)
          ready = arrA(i);
        if (i == 0)
          ready = std::max(ready, arrB(j));
        int64_t n = j * I + i, block = i * J + j;
        if (n == 0)
          ready = std::max(ready, rawFirst);
        if (n == I * J - 1)
          ready = std::max(ready, rawLast);
        if (g.first && k == 0)
          ready = std::max(ready, s.accIdle[block]);
        c = std::max({c + d, ready, issue++});
        if (first == kNever)
          first = c;
        if (J == 1)
          starts.push_back(c);
        if (j == J - 1 && i == 0)
          lastColumn.first = c;
        if (j == J - 1 && i == I - 1)
          lastColumn.second = c;
        if (last) {
          int64_t start = std::max({s.store, c + 3 * d, issue++});
          s.store = start + u.moveOut(rows(i) * cols(j) * u.sizeC);
          s.accIdle[block] = s.store;
        }
      }
    s.ex = c + d;
    lastStart = c;
  }

  /// Column 0 follows A's arrivals; columns 1.. each wait for their B.
  /// Each start is the latest of the array's own chain and of terms from
  /// the moves in and the front end; whether the latter bind decides
  /// whether the next slices can be skipped.
  void computeByColumn() {
    loadBinds = false;
    auto pick = [&](int64_t own, int64_t moves) {
      loadBinds |= moves > own;
      return std::max(own, moves);
    };
    int64_t c0 = pick(std::max(s.ex, rawFirst), std::max(arrB(0), base + 2));
    int64_t cI = c0;
    if (J == 1)
      starts.push_back(c0);
    if (I > 1 && (!closed || J == 1)) {
      // Item by item: the moves' constraints are not evenly spaced, or the
      // next tile needs each start of this only column.
      for (int64_t i = 1; i < I; ++i) {
        int64_t own = cI + d;
        cI = std::max(own, arrA(i));
        loadBinds |= !closed || cI > own;
        if (J == 1)
          starts.push_back(cI);
      }
    } else if (I > 1) {
      const int64_t i = I - 1, p1 = eB0 + u.latency;
      int64_t moves = std::max(p1 + S(1) + (i - 1) * d, p1 + S(i));
      if (I > 2)
        moves = std::max(moves, p1 + S(I - 2) + d);
      if (W1 != kNever) {
        moves = std::max({moves, warTerm(1) + u.latency + (i - 1) * d,
                          warTerm(i) + u.latency});
        if (I > 2)
          moves = std::max(moves, warTerm(I - 2) + u.latency + d);
      }
      cI = pick(c0 + i * d, moves);
    }
    const int64_t end0 = cI + d, column = I * d;
    if (J > 1) {
      int64_t cs = J == 2 ? pick(end0, arrB(1))
                          : pick(end0 + (J - 2) * column,
                                 std::max({arrB(1) + (J - 2) * column,
                                           arrB(J - 2) + column, arrB(J - 1)}));
      lastColumn = {cs, cs + (I - 1) * d};
      lastStart = pick(std::max(cs + (I - 1) * d, rawLast), base + count - 1);
    } else {
      lastColumn = {c0, cI};
      lastStart = pick(std::max(cI, rawLast), base + count - 1);
    }
    first = c0;
    s.ex = lastStart + d;
  }

  /// The latest constraint on the end of a middle slice k1's moves, given
  /// its first instruction's index: the front end's and the previous
  /// tile's (the slice takes `busy` cycles from there).
  int64_t loadBound(int64_t k1, int64_t base1, int64_t busy, int64_t tailB) const {
    int64_t t = std::max(base1 + std::max(busy, lastMove + lastBusy()),
                         warAt(0, k1) + busy);
    int64_t w1 = I > 1 ? warAt(1, k1) : kNever;
    if (w1 != kNever) {
      int64_t wd1 = spacing(w1, warAt(I - 1, k1));
      t = std::max(t, (wd1 >= a ? w1 + (I - 2) * wd1 + A(I - 1) : w1 + S(I - 1)) +
                          tailB);
    }
    return t;
  }

  /// The middle slices (1 .. K-2) are alike: once one leaves the state as
  /// the one before shifted by delta, on inputs shifted by delta, so does
  /// every next one whose inputs keep shifting by delta.
  void skipAlike() {
    const int64_t delta = s.ex - before.ex;
    if (!(regular || k - 1 >= oI * oK) || k < 2 || k + 1 > K - 2 ||
        delta < count || s.prevFirst - before.prevFirst != delta ||
        s.prevLast - before.prevLast != delta ||
        records[k].first - records[k - 1].first != delta ||
        records[k].second - records[k - 1].second != delta)
      return;
    auto inputsShift = [&](int64_t k1) {
      const auto &prev = s.olderWar; // the tile's before the previous
      return !regular || !oK ||
             (prev[k1].first - prev[k1 - 1].first == delta &&
              prev[k1].second - prev[k1 - 1].second == delta);
    };
    if (!inputsShift(k))
      return;
    // Either everything shifts by delta, or the moves bind nothing and keep
    // up (busy <= delta): their terms then grow by at most delta a slice
    // and stay below the array's chain.
    const int64_t tailB = J > 1 ? (J - 2) * b + bJ : 0;
    const int64_t busy = A(0) + B(0) + (I > 1 ? S(I - 1) : 0) + tailB;
    const bool loadShifts = s.load - before.load == delta;
    if (!loadShifts && (loadBinds || busy > delta))
      return;
    int64_t n = 0;
    while (n < K - 2 - k && inputsShift(k + 1 + n))
      ++n;
    if (!n)
      return;
    for (int64_t m = 1; m <= n; ++m) {
      records.push_back({lastColumn.first + m * delta, lastColumn.second + m * delta});
      if (J == 1)
        for (int64_t i = 0; i < I; ++i)
          starts.push_back(starts[k * I + i] + m * delta);
    }
    if (loadShifts)
      s.load += n * delta;
    else
      // Max-plus over affine terms: the extreme slices decide.
      s.load = std::max({s.load + n * busy,
                         loadBound(k + 1, s.issue, busy, tailB) + (n - 1) * busy,
                         loadBound(k + n, s.issue + (n - 1) * count, busy, tailB)});
    s.ex += n * delta;
    s.prevFirst += n * delta, s.prevLast += n * delta;
    s.issue += n * count;
    k += n;
  }

  const Units &u;
  State &s;
  const Tile &g;
  const int64_t I, J, K, d, pI, pK, oI, oK;
  bool regular;
  // The slice.
  int64_t k = 0, a = 0, aI = 0, b = 0, bJ = 0, base = 0, count = 0, lastMove = 0;
  bool last = false, closed = false, loadBinds = false;
  int64_t rawFirst = kNever, rawLast = kNever;
  int64_t eA0 = 0, eB0 = 0, endAs = 0, W1 = kNever, wd = 0;
  llvm::SmallVector<int64_t, 32> ends;
  int64_t first = 0, lastStart = 0;
  Column lastColumn;
  /// This tile's records, per slice.
  llvm::SmallVector<Column, 32> records;
  llvm::SmallVector<int64_t, 0> starts;
  struct {
    int64_t load, ex, prevFirst, prevLast;
  } before{};
};

} // namespace

void mlir::tessel::schedule::cost::runTile(const Units &units, State &s,
                                           const Tile &tile) {
  TileRun(units, s, tile).run();
}
