//===- TileKernels.cpp - reference semantics of tile ops ------------------===//
//
// Layers accumulate in wrapping int32 and store through Gemmini's scaler
// (GemminiArithmetic.h), the rules the simulator executes instructions
// with. A convolution is computed as its im2col matrix times its weights,
// group by group: the same sums in another order, which wrapping int32
// addition does not see.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Tile/Interpreter/TileInterpreter.h"
#include "BufferKernels.h"
#include "tessel/Dialect/Gemmini/IR/GemminiArithmetic.h"
#include "tessel/Dialect/NN/IR/NNShapes.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;
using interp::Tensor;

namespace {

using Operands = llvm::ArrayRef<const Tensor *>;
using Results = llvm::SmallVectorImpl<Tensor>;

/// What the store path does to one accumulator, per channel.
struct Store {
  std::optional<ArrayRef<float>> scales;
  bool relu = false;
  float scale(int64_t channel) const {
    return scales->size() == 1 ? (*scales)[0] : (*scales)[channel];
  }
};

/// acc[m][n] = bias[m*ldbias + n] + sum_k a[m*lda + k] * b[k*ldb + n] in
/// wrapping int32 (ldbias 0: one bias row for every row), each row stored
/// through `store` into `out` (int8 or int32, row stride ldo, column offset
/// of the channel `n0 + n` for the scales).
void matmulRows(const int8_t *a, int64_t lda, const int8_t *b, int64_t ldb,
                const int32_t *bias, int64_t ldbias, int64_t m, int64_t n,
                int64_t k, const Store &store, int64_t n0, char *out,
                int64_t ldo) {
  std::vector<uint32_t> acc(n);
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j)
      acc[j] = bias ? uint32_t(bias[i * ldbias + j]) : 0u;
    const int8_t *row = a + i * lda;
    for (int64_t kk = 0; kk < k; ++kk) {
      int32_t x = row[kk];
      if (!x)
        continue;
      const int8_t *w = b + kk * ldb;
      for (int64_t j = 0; j < n; ++j)
        acc[j] += uint32_t(x * int32_t(w[j]));
    }
    if (store.scales) {
      int8_t *o = reinterpret_cast<int8_t *>(out) + i * ldo;
      for (int64_t j = 0; j < n; ++j)
        o[j] = gemmini::storeInt8(int32_t(acc[j]), store.scale(n0 + j),
                                  store.relu);
    } else {
      int32_t *o = reinterpret_cast<int32_t *>(out) + i * ldo;
      for (int64_t j = 0; j < n; ++j)
        o[j] = int32_t(acc[j]);
    }
  }
}

LogicalResult matmulKernel(MatmulOp op, Operands operands, Results &results) {
  RankedTensorType type = op.getResult().getType();
  Tensor out(type);
  Store store{op.getAccScale(), op.getActivation() == Activation::relu};
  int64_t n = op.getN(), k = op.getK();
  int64_t elem = store.scales ? 1 : 4;
  const int8_t *a = operands[0]->data<int8_t>();
  const int8_t *b = operands[1]->data<int8_t>();
  const int32_t *bias = op.getBias() ? operands[2]->data<int32_t>() : nullptr;
  char *o = out.data<char>();
  int64_t ldbias = op.hasFullBias() ? n : 0;
  if (op.hasSharedB()) {
    matmulRows(a, k, b, n, bias, ldbias, op.getM(), n, k, store, 0, o, n);
  } else {
    int64_t m = op.getM();
    bool batchedBias =
        op.getBias() && op.getBias().getType().getRank() > 1;
    int64_t biasStep = op.hasFullBias() ? m * n : batchedBias ? n : 0;
    for (int64_t p = 0; p < op.getBatch(); ++p)
      matmulRows(a + p * m * k, k, b + p * k * n, n,
                 bias ? bias + p * biasStep : bias, ldbias, m, n, k, store, 0,
                 o + p * m * n * elem, n);
  }
  results.push_back(std::move(out));
  return success();
}

/// Geometry shared by im2col and the convolution.
struct Window {
  int64_t n, c, h, w, kh, kw, sy, sx, top, left, dy, dx, oh, ow;
  Window(ArrayRef<int64_t> in, ArrayRef<int64_t> kernel,
         ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
         ArrayRef<int64_t> dilations, ArrayRef<int64_t> outHW)
      : n(in[0]), c(in[1]), h(in[2]), w(in[3]), kh(kernel[0]), kw(kernel[1]),
        sy(strides[0]), sx(strides[1]), top(pads[0]), left(pads[1]),
        dy(dilations[0]), dx(dilations[1]), oh(outHW[0]), ow(outHW[1]) {}
};

/// Patches of channels [c0, c0 + cn) as rows of (cn*kh*kw) elements of
/// `size` bytes, zero outside the input.
void im2col(const char *x, const Window &g, int64_t c0, int64_t cn,
            int64_t size, char *out) {
  int64_t cols = cn * g.kh * g.kw;
  std::memset(out, 0, size_t(g.n * g.oh * g.ow * cols * size));
  for (int64_t b = 0; b < g.n; ++b)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        char *row = out + ((b * g.oh + oy) * g.ow + ox) * cols * size;
        for (int64_t ci = 0; ci < cn; ++ci)
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            int64_t iy = oy * g.sy - g.top + ky * g.dy;
            if (iy < 0 || iy >= g.h)
              continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              int64_t ix = ox * g.sx - g.left + kx * g.dx;
              if (ix < 0 || ix >= g.w)
                continue;
              std::memcpy(row + ((ci * g.kh + ky) * g.kw + kx) * size,
                          x + (((b * g.c + c0 + ci) * g.h + iy) * g.w + ix) *
                                  size,
                          size_t(size));
            }
          }
      }
}

LogicalResult im2colKernel(Im2ColOp op, Operands operands, Results &results) {
  auto in = op.getInput().getType();
  ArrayRef<int64_t> shape = in.getShape();
  // The output pixels, by the rule the verifier checked the result with.
  int64_t hw[2];
  std::string error;
  for (int i = 0; i < 2; ++i)
    if (failed(nn::windowOutputSize(shape[2 + i], op.getKernel()[i],
                                    op.getStrides()[i], op.getPads()[i],
                                    op.getPads()[i + 2], op.getDilations()[i],
                                    false, hw[i], error)))
      return op.emitOpError(error);
  Window g(shape, op.getKernel(), op.getStrides(), op.getPads(),
           op.getDilations(), hw);
  Tensor out(op.getResult().getType());
  im2col(operands[0]->data<char>(), g, 0, g.c,
         interp::elementBytes(in.getElementType()), out.data<char>());
  results.push_back(std::move(out));
  return success();
}

/// Gemmini's store-path max pooling of NCHW int8 `x` (channels x h x w
/// per image) into `out`: positions outside `x` count as 0.
void maxPool(const int8_t *x, int64_t planes, int64_t h, int64_t w,
             ArrayRef<int64_t> pool, int64_t ph, int64_t pw, int8_t *out) {
  int64_t size = pool[0], stride = pool[1], pad = pool[2];
  for (int64_t p = 0; p < planes; ++p)
    for (int64_t py = 0; py < ph; ++py)
      for (int64_t px = 0; px < pw; ++px) {
        int8_t best = -128;
        for (int64_t wy = 0; wy < size; ++wy)
          for (int64_t wx = 0; wx < size; ++wx) {
            int64_t iy = py * stride + wy - pad, ix = px * stride + wx - pad;
            bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
            best = std::max(best, inside ? x[(p * h + iy) * w + ix] : int8_t(0));
          }
        out[(p * ph + py) * pw + px] = best;
      }
}

LogicalResult convKernel(ConvOp op, Operands operands, Results &results) {
  RankedTensorType type = op.getResult().getType();
  // The convolution's result; pooled afterwards when the op pools.
  SmallVector<int64_t, 4> y = op.getConvShape();
  ArrayRef<int64_t> wshape = op.getWeight().getType().getShape();
  Window g(op.getInput().getType().getShape(), wshape.drop_front(2),
           op.getStrides(), op.getPads(), op.getDilations(),
           ArrayRef<int64_t>(y).drop_front(2));
  int64_t groups = op.getGroups(), cg = g.c / groups, og = y[1] / groups;
  int64_t k = cg * g.kh * g.kw, pixels = g.oh * g.ow, m = g.n * pixels;
  Store store{op.getAccScale(), op.getActivation() == Activation::relu};
  int64_t elem = store.scales ? 1 : 4;
  const int8_t *w = operands[1]->data<int8_t>();
  const int32_t *bias = op.getBias() ? operands[2]->data<int32_t>() : nullptr;
  std::vector<char> patches(size_t(m * k));
  std::vector<int8_t> wt(size_t(k * og));
  std::vector<char> prod(size_t(m * og * elem));
  Tensor out(type);
  std::optional<ArrayRef<int64_t>> pool = op.getPool();
  std::vector<char> unpooled(pool ? size_t(y[0] * y[1] * pixels) : 0);
  char *o = pool ? unpooled.data() : out.data<char>();
  for (int64_t grp = 0; grp < groups; ++grp) {
    im2col(operands[0]->data<char>(), g, grp * cg, cg, 1, patches.data());
    // The group's weights as a K x O matrix.
    for (int64_t oc = 0; oc < og; ++oc)
      for (int64_t kk = 0; kk < k; ++kk)
        wt[kk * og + oc] = w[(grp * og + oc) * k + kk];
    matmulRows(reinterpret_cast<const int8_t *>(patches.data()), k, wt.data(),
               og, bias ? bias + grp * og : nullptr, 0, m, og, k, store,
               grp * og, prod.data(), og);
    // (n, pixel) x channel to NCHW.
    for (int64_t b = 0; b < g.n; ++b)
      for (int64_t oc = 0; oc < og; ++oc)
        for (int64_t p = 0; p < pixels; ++p)
          std::memcpy(o + ((b * y[1] + grp * og + oc) * pixels + p) * elem,
                      prod.data() + ((b * pixels + p) * og + oc) * elem,
                      size_t(elem));
  }
  if (pool)
    maxPool(reinterpret_cast<const int8_t *>(o), y[0] * y[1], g.oh, g.ow,
            *pool, type.getDimSize(2), type.getDimSize(3),
            out.data<int8_t>());
  results.push_back(std::move(out));
  return success();
}

LogicalResult requantizeKernel(RequantizeOp op, Operands operands,
                               Results &results) {
  auto type = op.getInput().getType();
  ArrayRef<int64_t> shape = type.getShape();
  int64_t axis = op.getAxis(), channels = shape[axis], inner = 1;
  for (int64_t d : shape.drop_front(axis + 1))
    inner *= d;
  Store store{op.getAccScale(), op.getActivation() == Activation::relu};
  Tensor out(op.getResult().getType());
  const int32_t *in = operands[0]->data<int32_t>();
  int8_t *o = out.data<int8_t>();
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i)
    o[i] = gemmini::storeInt8(in[i], store.scale((i / inner) % channels),
                              store.relu);
  results.push_back(std::move(out));
  return success();
}


} // namespace

void mlir::tessel::tile::registerInterpreterExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, TileDialect *) {
    MatmulOp::attachInterface<interp::KernelModel<MatmulOp, matmulKernel>>(*ctx);
    ConvOp::attachInterface<interp::KernelModel<ConvOp, convKernel>>(*ctx);
    Im2ColOp::attachInterface<interp::KernelModel<Im2ColOp, im2colKernel>>(
        *ctx);
    RequantizeOp::attachInterface<
        interp::KernelModel<RequantizeOp, requantizeKernel>>(*ctx);
  });
  registerBufferKernels(registry);
}
