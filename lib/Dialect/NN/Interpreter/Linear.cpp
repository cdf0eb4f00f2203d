//===- Linear.cpp - nn matrix product and convolution kernels -------------===//

#include "Kernels.h"

#include "tessel/Dialect/NN/IR/QuantizedLinear.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Interpreter/Interpreter.h"

#include <optional>

#include <vector>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

/// All elements as doubles (kernels then index plain arrays).
std::vector<double> nn::values(const Tensor &t) {
  std::vector<double> v(t.getNumElements());
  for (int64_t i = 0, n = v.size(); i < n; ++i)
    v[i] = t.getAsDouble(i);
  return v;
}

Tensor nn::fromValues(Operation *op, const std::vector<double> &v) {
  Tensor out = resultFor(op);
  for (int64_t i = 0, n = v.size(); i < n; ++i)
    out.setFromDouble(i, v[i]);
  return out;
}

/// Numpy matmul of `a` and `b` (shapes `sa`, `sb`) in double.
std::vector<double> nn::matmulValues(const std::vector<double> &a,
                                     llvm::ArrayRef<int64_t> sa,
                                     const std::vector<double> &b,
                                     llvm::ArrayRef<int64_t> sb) {
  MatmulPlan p = planMatmul(sa, sb);
  std::vector<double> c(p.batchA.size() * p.m * p.n, 0.0);
  for (size_t q = 0; q < p.batchA.size(); ++q) {
    const double *pa = a.data() + p.batchA[q] * p.m * p.k,
                 *pb = b.data() + p.batchB[q] * p.k * p.n;
    double *pc = c.data() + q * p.m * p.n;
    for (int64_t i = 0; i < p.m; ++i)
      for (int64_t kk = 0; kk < p.k; ++kk) {
        double av = pa[i * p.k + kk];
        for (int64_t j = 0; j < p.n; ++j)
          pc[i * p.n + j] += av * pb[kk * p.n + j];
      }
  }
  return c;
}

namespace {
/// Spatial shape padded to three dimensions (leading 1s), as are the window
/// attributes, so one loop nest serves 1-, 2- and 3-D convolutions.
struct Spatial3 {
  int64_t d[3] = {1, 1, 1};
};
Spatial3 spatial3(llvm::ArrayRef<int64_t> dims, int64_t fill = 1) {
  Spatial3 s;
  for (int i = 0; i < 3; ++i)
    s.d[i] = fill;
  size_t off = 3 - dims.size();
  for (size_t i = 0; i < dims.size(); ++i)
    s.d[off + i] = dims[i];
  return s;
}

} // namespace

std::vector<double> nn::convValues(const std::vector<double> &xv,
                               llvm::ArrayRef<int64_t> xs,
                               const std::vector<double> &wv,
                               llvm::ArrayRef<int64_t> ws,
                               llvm::ArrayRef<int64_t> os,
                               llvm::ArrayRef<int64_t> strides,
                               llvm::ArrayRef<int64_t> pads,
                               llvm::ArrayRef<int64_t> dilations,
                               int64_t group, bool transposed) {
  size_t sp = xs.size() - 2;
  int64_t batch = xs[0], cin = xs[1], cout = os[1];
  Spatial3 in = spatial3(xs.drop_front(2)), ker = spatial3(ws.drop_front(2)),
           on = spatial3(os.drop_front(2)), st = spatial3(strides),
           dl = spatial3(dilations), pb = spatial3(pads.take_front(sp), 0);
  int64_t cinG = cin / group, coutG = cout / group;
  int64_t total = 1;
  for (int64_t d : os)
    total *= d;
  std::vector<double> y(total, 0.0);
  int64_t inSize = in.d[0] * in.d[1] * in.d[2],
          kSize = ker.d[0] * ker.d[1] * ker.d[2],
          oSize = on.d[0] * on.d[1] * on.d[2];
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t g = 0; g < group; ++g)
      for (int64_t ci = 0; ci < cinG; ++ci)
        for (int64_t co = 0; co < coutG; ++co) {
          int64_t c = g * cinG + ci, m = g * coutG + co;
          const double *wk =
              wv.data() + (transposed ? (c * coutG + co) : (m * cinG + ci)) * kSize;
          const double *xs = xv.data() + (b * cin + c) * inSize;
          double *ys = y.data() + (b * cout + m) * oSize;
          for (int64_t k0 = 0; k0 < ker.d[0]; ++k0)
            for (int64_t k1 = 0; k1 < ker.d[1]; ++k1)
              for (int64_t k2 = 0; k2 < ker.d[2]; ++k2) {
                double wgt = wk[(k0 * ker.d[1] + k1) * ker.d[2] + k2];
                int64_t kk[3] = {k0, k1, k2};
                // Forward: out o reads in o*s - p + k*d. Transposed: in i
                // writes out i*s - p + k*d.
                const Spatial3 &iter = transposed ? in : on;
                for (int64_t a0 = 0; a0 < iter.d[0]; ++a0)
                  for (int64_t a1 = 0; a1 < iter.d[1]; ++a1)
                    for (int64_t a2 = 0; a2 < iter.d[2]; ++a2) {
                      int64_t a[3] = {a0, a1, a2}, t[3];
                      const Spatial3 &target = transposed ? on : in;
                      bool inside = true;
                      for (int q = 0; q < 3 && inside; ++q) {
                        t[q] = a[q] * st.d[q] - pb.d[q] + kk[q] * dl.d[q];
                        inside = t[q] >= 0 && t[q] < target.d[q];
                      }
                      if (!inside)
                        continue;
                      int64_t ai = (a0 * iter.d[1] + a1) * iter.d[2] + a2;
                      int64_t ti = (t[0] * target.d[1] + t[1]) * target.d[2] + t[2];
                      if (transposed)
                        ys[ti] += xs[ai] * wgt;
                      else
                        ys[ai] += xs[ti] * wgt;
                    }
              }
        }
  return y;
}

/// Adds bias[m] * scale to every element of output channel m.
void nn::addBias(std::vector<double> &y, llvm::ArrayRef<int64_t> os,
                 const Tensor &bias, double scale) {
  int64_t batch = os[0], cout = os[1], plane = 1;
  for (int64_t d : os.drop_front(2))
    plane *= d;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t m = 0; m < cout; ++m)
      for (int64_t i = 0; i < plane; ++i)
        y[(b * cout + m) * plane + i] += bias.getAsDouble(m) * scale;
}


namespace {

LogicalResult matmulKernel(MatMulOp op, Operands operands, Results &results) {
  if (cast<LinearOpInterface>(op.getOperation()).hasQuantizedOperands())
    return quantizedLinearKernel(op, operands, results);
  if (isF32(operands)) {
    // sgemm with beta 0 writes every element.
    Tensor out = uninitializedResultFor(op);
    matmulF32(*operands[0], *operands[1], out);
    results.push_back(std::move(out));
    return success();
  }
  results.push_back(fromValues(
      op, matmulValues(values(*operands[0]),
                       llvm::SmallVector<int64_t>(operands[0]->getShape()),
                       values(*operands[1]),
                       llvm::SmallVector<int64_t>(operands[1]->getShape()))));
  return success();
}

LogicalResult gemmKernel(GemmOp op, Operands operands, Results &results) {
  if (cast<LinearOpInterface>(op.getOperation()).hasQuantizedOperands())
    return quantizedLinearKernel(op, operands, results);
  if (isF32(operands)) {
    // C is copied in, or sgemm's beta is 0: every element is written.
    Tensor out = uninitializedResultFor(op);
    gemmF32(*operands[0], *operands[1],
            operands.size() > 2 ? operands[2] : nullptr, op.getTransA(),
            op.getTransB(), op.getAlpha().convertToFloat(),
            op.getBeta().convertToFloat(), out);
    results.push_back(std::move(out));
    return success();
  }
  Tensor out = resultFor(op);
  int64_t m = out.getShape()[0], n = out.getShape()[1];
  bool ta = op.getTransA(), tb = op.getTransB();
  int64_t k = operands[0]->getShape()[ta ? 0 : 1];
  std::vector<double> a = values(*operands[0]), b = values(*operands[1]);
  double alpha = op.getAlpha().convertToDouble(),
         beta = op.getBeta().convertToDouble();
  llvm::SmallVector<int64_t> ic;
  if (operands.size() > 2)
    ic = broadcastIndices(operands[2]->getShape(), out.getShape());
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double acc = 0;
      for (int64_t kk = 0; kk < k; ++kk)
        acc += a[ta ? kk * m + i : i * k + kk] * b[tb ? j * k + kk : kk * n + j];
      double v = alpha * acc;
      if (!ic.empty())
        v += beta * operands[2]->getAsDouble(ic[i * n + j]);
      out.setFromDouble(i * n + j, v);
    }
  results.push_back(std::move(out));
  return success();
}

template <typename OpTy>
LogicalResult convKernel(OpTy op, Operands operands, Results &results,
                         bool transposed) {
  Tensor out = resultFor(op);
  std::vector<double> y = convValues(
      values(*operands[0]), operands[0]->getShape(), values(*operands[1]),
      operands[1]->getShape(), out.getShape(), op.getStrides(), op.getPads(),
      op.getDilations(), op.getGroup(), transposed);
  if (operands.size() > 2)
    addBias(y, out.getShape(), *operands[2]);
  results.push_back(fromValues(op, y));
  return success();
}

/// The ReLU or Clip (float bounds) that is the only reader of `op`'s
/// result, for the convolution to apply as it writes it; none while a run
/// shows intermediate values (the convolution's own would not be seen).
std::optional<ConvActivation> fusableActivation(ConvOp op) {
  const interp::RunOptions *options = interp::activeRunOptions();
  Value result = op.getResult();
  if ((options && options->onResult) || !result.hasOneUse())
    return std::nullopt;
  Operation *user = *result.getUsers().begin();
  if (user->getBlock() != op->getBlock() || user->getNumResults() != 1 ||
      user->getResult(0).getType() != result.getType())
    return std::nullopt;
  if (isa<ReluOp>(user))
    return ConvActivation{user, false, 0.0f, 0.0f};
  auto clip = dyn_cast<ClipOp>(user);
  if (!clip)
    return std::nullopt;
  ClipBounds bounds = clipBounds(clip);
  float lo = static_cast<float>(bounds.lo), hi = static_cast<float>(bounds.hi);
  if (!bounds.areFloats() || !(lo <= hi))
    return std::nullopt;
  return ConvActivation{user, true, lo, hi};
}

LogicalResult convOpKernel(ConvOp op, Operands operands, Results &results) {
  if (cast<LinearOpInterface>(op.getOperation()).hasQuantizedOperands())
    return quantizedLinearKernel(op, operands, results);
  if (isF32(operands)) {
    std::optional<ConvActivation> activation = fusableActivation(op);
    results.push_back(convF32(
        *operands[0], *operands[1],
        operands.size() > 2 ? operands[2] : nullptr, op.getStrides(),
        op.getPads(), op.getDilations(), op.getGroup(),
        cast<RankedTensorType>(op.getResult().getType()),
        activation ? &*activation : nullptr));
    return success();
  }
  return convKernel(op, operands, results, false);
}
LogicalResult convTransposeOpKernel(ConvTransposeOp op, Operands operands,
                                    Results &results) {
  return convKernel(op, operands, results, true);
}

NN_KERNEL_MODEL(MatMulOp, matmulKernel)
NN_KERNEL_MODEL(GemmOp, gemmKernel)
NN_KERNEL_MODEL(ConvOp, convOpKernel)
NN_KERNEL_MODEL(ConvTransposeOp, convTransposeOpKernel)

} // namespace

void nn::registerLinearKernels(MLIRContext *ctx) {
  MatMulOp::attachInterface<MatMulOpEvaluate>(*ctx);
  GemmOp::attachInterface<GemmOpEvaluate>(*ctx);
  ConvOp::attachInterface<ConvOpEvaluate>(*ctx);
  ConvTransposeOp::attachInterface<ConvTransposeOpEvaluate>(*ctx);
}
