//===- Blas.cpp - float32 fast paths of the linear kernels ----------------===//
//
// Convolution (as im2col + SGEMM), matmul and gemm on f32 tensors through
// OpenBLAS, which also spreads the work over the machine's cores. The double
// loops in Linear.cpp remain the definition; these paths must agree with them
// (the ONNX conformance suite checks both through the same cases).
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cblas.h>

#include <vector>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

bool nn::isF32(llvm::ArrayRef<const Tensor *> tensors) {
  return llvm::all_of(tensors,
                      [](const Tensor *t) { return t->getElementType().isF32(); });
}

void nn::matmulF32(const Tensor &a, const Tensor &b, Tensor &c) {
  MatmulPlan p = planMatmul(a.getShape(), b.getShape());
  for (size_t i = 0; i < p.batchA.size(); ++i)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, p.m, p.n, p.k, 1.0f,
                a.data<float>() + p.batchA[i] * p.m * p.k, p.k,
                b.data<float>() + p.batchB[i] * p.k * p.n, p.n, 0.0f,
                c.data<float>() + i * p.m * p.n, p.n);
}

void nn::gemmF32(const Tensor &a, const Tensor &b, const Tensor *c, bool ta,
                 bool tb, float alpha, float beta, Tensor &out) {
  int64_t m = out.getShape()[0], n = out.getShape()[1];
  int64_t k = a.getShape()[ta ? 0 : 1];
  float *y = out.data<float>();
  if (c) {
    auto ic = broadcastIndices(c->getShape(), out.getShape());
    for (int64_t i = 0; i < m * n; ++i)
      y[i] = c->data<float>()[ic[i]];
  }
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
              tb ? CblasTrans : CblasNoTrans, m, n, k, alpha, a.data<float>(),
              ta ? m : k, b.data<float>(), tb ? k : n, c ? beta : 0.0f, y, n);
}

void nn::convF32(const Tensor &x, const Tensor &w, const Tensor *bias,
                 llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                 llvm::ArrayRef<int64_t> dilations, int64_t group, Tensor &out) {
  int64_t sp = x.getRank() - 2;
  // Pad everything to three spatial dimensions.
  auto pad3 = [](llvm::ArrayRef<int64_t> v, int64_t fill) {
    llvm::SmallVector<int64_t, 3> r(3 - v.size(), fill);
    r.append(v.begin(), v.end());
    return r;
  };
  auto in = pad3(x.getShape().drop_front(2), 1),
       ker = pad3(w.getShape().drop_front(2), 1),
       on = pad3(out.getShape().drop_front(2), 1), st = pad3(strides, 1),
       dl = pad3(dilations, 1), pb = pad3(pads.take_front(sp), 0);
  int64_t batch = x.getShape()[0], cin = x.getShape()[1],
          cout = out.getShape()[1];
  int64_t cinG = cin / group, coutG = cout / group;
  int64_t inSize = in[0] * in[1] * in[2], kSize = ker[0] * ker[1] * ker[2],
          oSize = on[0] * on[1] * on[2];
  int64_t rows = cinG * kSize;
  std::vector<float> col(rows * oSize);
  const float *xd = x.data<float>(), *wd = w.data<float>();
  float *yd = out.data<float>();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t g = 0; g < group; ++g) {
      // col[(c, k), o] = x[c, o*s - p + k*d] (0 outside the input).
      for (int64_t c = 0; c < cinG; ++c) {
        const float *xs = xd + (b * cin + g * cinG + c) * inSize;
        for (int64_t k = 0; k < kSize; ++k) {
          int64_t kk[3] = {k / (ker[1] * ker[2]), (k / ker[2]) % ker[1],
                           k % ker[2]};
          float *row = col.data() + (c * kSize + k) * oSize;
          for (int64_t o0 = 0; o0 < on[0]; ++o0) {
            int64_t t0 = o0 * st[0] - pb[0] + kk[0] * dl[0];
            for (int64_t o1 = 0; o1 < on[1]; ++o1) {
              int64_t t1 = o1 * st[1] - pb[1] + kk[1] * dl[1];
              float *dst = row + (o0 * on[1] + o1) * on[2];
              bool rowInside = t0 >= 0 && t0 < in[0] && t1 >= 0 && t1 < in[1];
              const float *src = xs + (t0 * in[1] + t1) * in[2];
              for (int64_t o2 = 0; o2 < on[2]; ++o2) {
                int64_t t2 = o2 * st[2] - pb[2] + kk[2] * dl[2];
                dst[o2] = rowInside && t2 >= 0 && t2 < in[2] ? src[t2] : 0.0f;
              }
            }
          }
        }
      }
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, coutG, oSize,
                  rows, 1.0f, wd + g * coutG * rows, rows, col.data(), oSize,
                  0.0f, yd + (b * cout + g * coutG) * oSize, oSize);
    }
  if (bias)
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t m = 0; m < cout; ++m) {
        float v = bias->data<float>()[m];
        float *y = yd + (b * cout + m) * oSize;
        for (int64_t i = 0; i < oSize; ++i)
          y[i] += v;
      }
}
