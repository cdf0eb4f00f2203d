//===- KernelSupport.cpp - helpers of the nn kernels ----------------------===//

#include "Kernels.h"

#include "tessel/Dialect/NN/Interpreter/NNInterpreter.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <omp.h>

#include <cstring>

using namespace mlir;
using namespace mlir::tessel;

llvm::SmallVector<int64_t> nn::stridesOf(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

llvm::SmallVector<int64_t>
nn::broadcastIndices(llvm::ArrayRef<int64_t> inShape,
                     llvm::ArrayRef<int64_t> outShape) {
  int64_t rank = outShape.size(), off = rank - inShape.size();
  llvm::SmallVector<int64_t> inStrides = stridesOf(inShape), step(rank, 0);
  for (int64_t d = 0; d < static_cast<int64_t>(inShape.size()); ++d)
    step[off + d] = inShape[d] == 1 ? 0 : inStrides[d];
  int64_t count = 1;
  for (int64_t d : outShape)
    count *= d;
  llvm::SmallVector<int64_t> indices(count);
  llvm::SmallVector<int64_t> idx(rank, 0);
  int64_t lin = 0;
  for (int64_t i = 0; i < count; ++i) {
    indices[i] = lin;
    // Increment the multi-index, maintaining the input offset.
    for (int64_t d = rank - 1; d >= 0; --d) {
      lin += step[d];
      if (++idx[d] < outShape[d])
        break;
      lin -= step[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return indices;
}

namespace {

/// One dimension of a strided copy: its size and its source and
/// destination strides, in elements.
struct CopyDim {
  int64_t size, src, dst;
};

/// Calls `body(srcOffset, dstOffset)` for every index of the loop nest
/// `dims` (outermost first), on the OpenMP team when `bytesPerCall` times
/// the count is large. Each thread takes a contiguous range and walks it
/// by incrementing its index, so no division is done per call.
template <typename Fn>
void forEachOffset(llvm::ArrayRef<CopyDim> dims, int64_t bytesPerCall,
                   Fn body) {
  int64_t total = 1;
  for (const CopyDim &d : dims)
    total *= d.size;
  int64_t rank = dims.size();
  auto range = [&](int64_t begin, int64_t end) {
    if (begin >= end)
      return;
    llvm::SmallVector<int64_t, 8> idx(rank);
    int64_t so = 0, dof = 0, rem = begin;
    for (int64_t d = rank - 1; d >= 0; --d) {
      idx[d] = rem % dims[d].size;
      rem /= dims[d].size;
      so += idx[d] * dims[d].src;
      dof += idx[d] * dims[d].dst;
    }
    for (int64_t i = begin; i < end; ++i) {
      body(so, dof);
      for (int64_t d = rank - 1; d >= 0; --d) {
        so += dims[d].src;
        dof += dims[d].dst;
        if (++idx[d] < dims[d].size)
          break;
        so -= dims[d].src * dims[d].size;
        dof -= dims[d].dst * dims[d].size;
        idx[d] = 0;
      }
    }
  };
  if (total > 1 && total * bytesPerCall >= 4 * nn::kParallelElements &&
      omp_get_max_threads() > 1) {
#pragma omp parallel
    {
      int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
      range(total * t / nt, total * (t + 1) / nt);
    }
  } else {
    range(0, total);
  }
}

/// `n` elements of `W` bytes from `src` at stride `s` to contiguous `dst`.
template <int W>
void copyRun(char *dst, const char *src, int64_t n, int64_t s) {
  for (int64_t i = 0; i < n; ++i)
    std::memcpy(dst + i * W, src + i * s * W, W);
}

/// dst[i * dstRow + j] = src[i + j * srcCol] for i < rows, j < cols, in
/// square tiles so both sides stay in cache.
template <int W>
void transposeTile(char *dst, const char *src, int64_t rows, int64_t cols,
                   int64_t dstRow, int64_t srcCol) {
  constexpr int64_t B = 16;
  for (int64_t i0 = 0; i0 < rows; i0 += B)
    for (int64_t j0 = 0; j0 < cols; j0 += B) {
      int64_t i1 = std::min(rows, i0 + B), j1 = std::min(cols, j0 + B);
      for (int64_t i = i0; i < i1; ++i)
        for (int64_t j = j0; j < j1; ++j)
          std::memcpy(dst + (i * dstRow + j) * W, src + (i + j * srcCol) * W,
                      W);
    }
}

template <int W>
void stridedCopyOf(char *dst, const char *src,
                   llvm::SmallVectorImpl<CopyDim> &dims) {
  CopyDim inner = dims.back();
  dims.pop_back();
  // A dimension contiguous in the source: transpose it with the innermost.
  auto unit = llvm::find_if(dims, [](const CopyDim &d) { return d.src == 1; });
  if (unit != dims.end() && unit->size >= 4 && inner.size >= 4) {
    CopyDim row = *unit;
    dims.erase(unit);
    forEachOffset(dims, row.size * inner.size * W, [&](int64_t so, int64_t dof) {
      transposeTile<W>(dst + dof * W, src + so * W, row.size, inner.size,
                       row.dst, inner.src);
    });
    return;
  }
  forEachOffset(dims, inner.size * W, [&](int64_t so, int64_t dof) {
    copyRun<W>(dst + dof * W, src + so * W, inner.size, inner.src);
  });
}

} // namespace

void nn::stridedCopy(char *dst, const char *src, llvm::ArrayRef<int64_t> shape,
                     llvm::ArrayRef<int64_t> srcStrides, int64_t w) {
  // Dimensions of size 1 do not move anything; the destination is dense.
  llvm::SmallVector<CopyDim, 8> dims;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 0)
      return;
    if (shape[d] != 1)
      dims.push_back({shape[d], srcStrides[d], 0});
  }
  int64_t ds = 1;
  for (int64_t d = static_cast<int64_t>(dims.size()) - 1; d >= 0; --d) {
    dims[d].dst = ds;
    ds *= dims[d].size;
  }
  // Merge a dimension into the next inner one where the source is
  // contiguous across them (the destination always is).
  llvm::SmallVector<CopyDim, 8> merged;
  for (const CopyDim &d : dims) {
    if (!merged.empty() && merged.back().src == d.src * d.size)
      merged.back() = {merged.back().size * d.size, d.src, d.dst};
    else
      merged.push_back(d);
  }
  if (merged.empty()) {
    std::memcpy(dst, src, w);
    return;
  }
  if (merged.back().src == 1) {
    // Contiguous runs.
    int64_t run = merged.back().size * w;
    merged.pop_back();
    forEachOffset(merged, run, [&](int64_t so, int64_t dof) {
      std::memcpy(dst + dof * w, src + so * w, run);
    });
    return;
  }
  switch (w) {
  case 1:
    return stridedCopyOf<1>(dst, src, merged);
  case 2:
    return stridedCopyOf<2>(dst, src, merged);
  case 4:
    return stridedCopyOf<4>(dst, src, merged);
  case 8:
    return stridedCopyOf<8>(dst, src, merged);
  default: {
    // Wider elements: one memcpy each.
    CopyDim inner = merged.back();
    merged.pop_back();
    forEachOffset(merged, inner.size * w, [&](int64_t so, int64_t dof) {
      for (int64_t i = 0; i < inner.size; ++i)
        std::memcpy(dst + (dof + i) * w, src + (so + i * inner.src) * w, w);
    });
  }
  }
}

nn::MatmulPlan nn::planMatmul(llvm::ArrayRef<int64_t> shapeA,
                              llvm::ArrayRef<int64_t> shapeB) {
  // 1-D operands are promoted to matrices; batch dimensions broadcast.
  llvm::SmallVector<int64_t> sa(shapeA), sb(shapeB);
  if (sa.size() == 1)
    sa.insert(sa.begin(), 1);
  if (sb.size() == 1)
    sb.push_back(1);
  llvm::ArrayRef<int64_t> batchA = llvm::ArrayRef(sa).drop_back(2),
                          batchB = llvm::ArrayRef(sb).drop_back(2);
  size_t rank = std::max(batchA.size(), batchB.size());
  llvm::SmallVector<int64_t> batch(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i + batchA.size() >= rank ? batchA[i + batchA.size() - rank] : 1;
    int64_t db = i + batchB.size() >= rank ? batchB[i + batchB.size() - rank] : 1;
    batch[i] = std::max(da, db);
  }
  return {sa[sa.size() - 2], sa.back(), sb.back(),
          broadcastIndices(batchA, batch), broadcastIndices(batchB, batch)};
}

void nn::registerInterpreterExternalModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, NNDialect *) {
    registerElementwiseKernels(ctx);
    registerLinearKernels(ctx);
    registerPoolingKernels(ctx);
    registerMovementKernels(ctx);
    registerResizeKernels(ctx);
    registerNormalizationKernels(ctx);
    registerQuantKernels(ctx);
  });
}
