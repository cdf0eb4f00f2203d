//===- OneDnn.cpp - float32 fast paths of the linear kernels --------------===//
//
// Convolution, matmul and gemm on f32 tensors through oneDNN (Debian's
// libdnnl, threaded with OpenMP over the machine's cores): its convolution
// primitive for conv, its matmul primitive for a matmul by constant
// weights, its sgemm for other matmuls, gemm and the im2col fallback.
// The double loops in Linear.cpp remain the definition; these paths must
// agree with them (the ONNX conformance suite checks both through the same
// cases).
//
// The convolution primitive runs fastest on blocked layouts: its result
// stays in the primitive's layout (an encoded tensor, see interp::Encoding)
// for the next convolution to read as it is, a row-major input is reordered
// in, constant weights once per KernelCache (see KernelCache.h). A ReLU or
// Clip that only reads the result is applied as the primitive's post-op
// where that maps NaN as the op's definition does.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "tessel/Interpreter/KernelCache.h"

#include "llvm/Support/raw_ostream.h"

#include <dnnl.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

struct PrimitiveDeleter {
  void operator()(dnnl_primitive *p) const { dnnl_primitive_destroy(p); }
};
struct MemoryDeleter {
  void operator()(dnnl_memory *m) const { dnnl_memory_destroy(m); }
};
struct PrimitiveDescDeleter {
  void operator()(dnnl_primitive_desc *d) const {
    dnnl_primitive_desc_destroy(d);
  }
};
using Primitive = std::unique_ptr<dnnl_primitive, PrimitiveDeleter>;
using Memory = std::unique_ptr<dnnl_memory, MemoryDeleter>;
using PrimitiveDesc = std::unique_ptr<dnnl_primitive_desc, PrimitiveDescDeleter>;

/// The CPU engine and its stream, made once per process.
struct Runtime {
  dnnl_engine_t engine = nullptr;
  dnnl_stream_t stream = nullptr;
};

const Runtime *runtime() {
  static Runtime r = [] {
    Runtime r;
    if (dnnl_engine_create(&r.engine, dnnl_cpu, 0) != dnnl_success ||
        dnnl_stream_create(&r.stream, r.engine, dnnl_stream_default_flags) !=
            dnnl_success)
      r.engine = nullptr;
    return r;
  }();
  return r.engine ? &r : nullptr;
}

/// A row-major f32 memory descriptor of `dims`.
bool plainDesc(dnnl_memory_desc_t &md, llvm::ArrayRef<int64_t> dims) {
  static const dnnl_format_tag_t tags[] = {dnnl_a, dnnl_ab, dnnl_abc,
                                          dnnl_abcd, dnnl_abcde, dnnl_abcdef};
  if (dims.empty() || dims.size() > 6)
    return false;
  return dnnl_memory_desc_init_by_tag(&md, dims.size(), dims.data(), dnnl_f32,
                                      tags[dims.size() - 1]) == dnnl_success;
}

Memory makeMemory(const dnnl_memory_desc_t &md, void *handle) {
  dnnl_memory_t m = nullptr;
  if (dnnl_memory_create(&m, &md, runtime()->engine, handle) != dnnl_success)
    return nullptr;
  return Memory(m);
}

/// A reorder from `from` to `to`, or null when the layouts are equal.
bool makeReorder(const dnnl_memory_desc_t &from, const dnnl_memory_desc_t &to,
                 Primitive &reorder) {
  if (dnnl_memory_desc_equal(&from, &to))
    return true;
  dnnl_primitive_desc_t pd = nullptr;
  if (dnnl_reorder_primitive_desc_create(&pd, &from, runtime()->engine, &to,
                                         runtime()->engine,
                                         nullptr) != dnnl_success)
    return false;
  PrimitiveDesc owned(pd);
  dnnl_primitive_t p = nullptr;
  if (dnnl_primitive_create(&p, pd) != dnnl_success)
    return false;
  reorder.reset(p);
  return true;
}

bool execute(dnnl_primitive *p, llvm::ArrayRef<dnnl_exec_arg_t> args) {
  return dnnl_primitive_execute(p, runtime()->stream, args.size(),
                                args.data()) == dnnl_success;
}

bool reorder(dnnl_primitive *p, dnnl_memory *from, dnnl_memory *to) {
  return execute(p, {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
}

/// Elements in one of oneDNN's layouts (the blocked layout a convolution
/// writes), decoded to row-major by a reorder.
class DnnlEncoding : public interp::Encoding {
public:
  DnnlEncoding(const dnnl_memory_desc_t &md, const dnnl_memory_desc_t &plain)
      : Encoding(dnnl_memory_desc_get_size(&plain)), md(md), plain(plain),
        buffer(dnnl_memory_desc_get_size(&md)) {}

  std::shared_ptr<Encoding> sameLayout() const override {
    return std::make_shared<DnnlEncoding>(md, plain);
  }
  bool isSameLayout(const Encoding &other) const override {
    auto *o = dynamic_cast<const DnnlEncoding *>(&other);
    return o && dnnl_memory_desc_equal(&md, &o->md) &&
           dnnl_memory_desc_equal(&plain, &o->plain);
  }
  using Encoding::encoded;
  llvm::MutableArrayRef<char> encoded() override {
    return {buffer.data(), buffer.size()};
  }
  const dnnl_memory_desc_t &desc() const { return md; }

protected:
  void decode(llvm::MutableArrayRef<char> raw) const override {
    Primitive p;
    Memory from = makeMemory(md, const_cast<char *>(buffer.data())),
           to = makeMemory(plain, raw.data());
    // Both descriptors were accepted by a primitive already; a failure
    // here is a bug, and a reader of the elements has no error path.
    if (!from || !to || !makeReorder(md, plain, p) || !p ||
        !reorder(p.get(), from.get(), to.get()) ||
        dnnl_stream_wait(runtime()->stream) != dnnl_success)
      llvm::report_fatal_error("decoding a oneDNN layout failed");
  }

private:
  dnnl_memory_desc_t md, plain;
  std::vector<char, interp::DefaultInitAllocator<char>> buffer;
};

const DnnlEncoding *dnnlEncoding(const Tensor &t) {
  return dynamic_cast<const DnnlEncoding *>(t.getEncoding());
}

/// A key naming a memory layout: its blocking, which is all a convolution
/// plan depends on beyond the shape.
std::string layoutKey(const dnnl_memory_desc_t &md) {
  std::string key;
  llvm::raw_string_ostream os(key);
  os << md.format_kind;
  if (md.format_kind != dnnl_blocked)
    return key;
  const dnnl_blocking_desc_t &b = md.format_desc.blocking;
  for (int i = 0; i < md.ndims; ++i)
    os << "," << md.padded_dims[i] << "/" << b.strides[i];
  for (int i = 0; i < b.inner_nblks; ++i)
    os << ";" << b.inner_idxs[i] << "x" << b.inner_blks[i];
  return key;
}

/// A convolution primitive for one shape and parameter set, with the
/// reorders from ONNX's layouts into the primitive's. Its result stays in
/// the primitive's layout (an encoded tensor): the next convolution reads
/// it as it is, and other readers decode it.
struct ConvPlan {
  Primitive conv, srcReorder, weightsReorder;
  // Plain (ONNX-layout) views of the caller's buffers; handles set per call.
  Memory plainSrc, plainWeights, bias;
  // The source as the primitive reads it (its handle set per call where no
  // reorder fills it), the reordered weights, the result.
  Memory src, weights, dst;
  dnnl_memory_desc_t srcPlain, srcMd, dstMd, dstPlain;
  /// `weights` holds the reordered constant weights already.
  bool weightsReady = false;
};

struct AttrDeleter {
  void operator()(dnnl_primitive_attr *a) const { dnnl_primitive_attr_destroy(a); }
};
using Attr = std::unique_ptr<dnnl_primitive_attr, AttrDeleter>;

/// Primitive attributes applying `activation` to the result as a post-op.
Attr postOpAttr(const ConvActivation &activation) {
  dnnl_post_ops_t ops = nullptr;
  dnnl_primitive_attr_t attr = nullptr;
  if (dnnl_post_ops_create(&ops) != dnnl_success)
    return nullptr;
  bool ok = (activation.clip
                 ? dnnl_post_ops_append_eltwise(ops, 1.0f, dnnl_eltwise_clip,
                                                activation.lo, activation.hi)
                 : dnnl_post_ops_append_eltwise(ops, 1.0f, dnnl_eltwise_relu,
                                                0.0f, 0.0f)) == dnnl_success &&
            dnnl_primitive_attr_create(&attr) == dnnl_success &&
            dnnl_primitive_attr_set_post_ops(attr, ops) == dnnl_success;
  dnnl_post_ops_destroy(ops);
  if (!ok && attr)
    dnnl_primitive_attr_destroy(attr);
  return ok ? Attr(attr) : nullptr;
}

/// Whether the plan's fused activation maps NaN as its definition does
/// (ReLU to +0, Clip keeps it), which oneDNN's documentation leaves open and
/// its implementations differ on: the plan runs once on a source of NaNs
/// with zero weights and bias, and every result that reads the source must
/// be NaN's image, every other one the activation of 0 (and some result
/// must read the source).
bool activationKeepsDefinition(ConvPlan &plan,
                               const dnnl_memory_desc_t &weightsMd,
                               const dnnl_memory_desc_t *biasMd,
                               const ConvActivation &activation,
                               llvm::ArrayRef<int64_t> xShape,
                               llvm::ArrayRef<int64_t> wShape,
                               llvm::ArrayRef<int64_t> yShape,
                               llvm::ArrayRef<int64_t> strides,
                               llvm::ArrayRef<int64_t> pads,
                               llvm::ArrayRef<int64_t> dilations) {
  auto buffer = [](const dnnl_memory_desc_t &md, float fill) {
    return std::vector<float>(dnnl_memory_desc_get_size(&md) / sizeof(float) +
                                  1,
                              fill);
  };
  std::vector<float> src = buffer(plan.srcMd, NAN),
                     weights = buffer(weightsMd, 0.0f),
                     dst = buffer(plan.dstMd, 1.0f);
  std::vector<float> bias = biasMd ? buffer(*biasMd, 0.0f) : std::vector<float>();
  Memory s = makeMemory(plan.srcMd, src.data()),
         w = makeMemory(weightsMd, weights.data()),
         d = makeMemory(plan.dstMd, dst.data()),
         b = biasMd ? makeMemory(*biasMd, bias.data()) : nullptr;
  if (!s || !w || !d || (biasMd && !b))
    return false;
  bool ran = biasMd ? execute(plan.conv.get(), {{DNNL_ARG_SRC, s.get()},
                                                {DNNL_ARG_WEIGHTS, w.get()},
                                                {DNNL_ARG_BIAS, b.get()},
                                                {DNNL_ARG_DST, d.get()}})
                    : execute(plan.conv.get(), {{DNNL_ARG_SRC, s.get()},
                                                {DNNL_ARG_WEIGHTS, w.get()},
                                                {DNNL_ARG_DST, d.get()}});
  if (!ran || dnnl_stream_wait(runtime()->stream) != dnnl_success)
    return false;
  // Results reading at least one source element (the rest read padding
  // only): per spatial dimension, the output indices with a tap inside.
  int64_t reading = yShape[0] * yShape[1];
  for (size_t i = 0; i + 2 < yShape.size(); ++i) {
    int64_t count = 0;
    for (int64_t o = 0; o < yShape[2 + i]; ++o)
      for (int64_t t = 0; t < wShape[2 + i]; ++t) {
        int64_t at = o * strides[i] - pads[i] + t * dilations[i];
        if (at >= 0 && at < xShape[2 + i]) {
          ++count;
          break;
        }
      }
    reading *= count;
  }
  // Clip keeps NaN; ReLU maps it to +0, like 0 itself; padding holds +0.
  float zero = activation.clip ? std::min(std::max(0.0f, activation.lo),
                                          activation.hi)
                               : 0.0f;
  int64_t nans = 0;
  for (float v : llvm::ArrayRef<float>(dst).drop_back()) {
    if (std::isnan(v))
      ++nans;
    else if (std::memcmp(&v, &zero, sizeof v) && v != 0.0f)
      return false;
  }
  return reading > 0 && nans == (activation.clip ? reading : 0);
}

/// A plan reading its source in `srcGiven`'s layout when that is not null
/// (an encoded input), in the layout the primitive prefers otherwise.
std::shared_ptr<ConvPlan>
planConv(llvm::ArrayRef<int64_t> xShape, llvm::ArrayRef<int64_t> wShape,
         llvm::ArrayRef<int64_t> yShape, bool hasBias,
         llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
         llvm::ArrayRef<int64_t> dilations, int64_t group,
         const dnnl_memory_desc_t *srcGiven,
         const ConvActivation *activation) {
  size_t sp = xShape.size() - 2;
  // Grouped weights are (g, O/g, I/g, k...): the same bytes as ONNX's
  // (O, I/g, k...).
  llvm::SmallVector<int64_t> wDims(wShape);
  if (group > 1) {
    wDims[0] /= group;
    wDims.insert(wDims.begin(), group);
  }
  llvm::SmallVector<int64_t> dil, padL(pads.take_front(sp)),
      padR(pads.drop_front(sp));
  for (int64_t d : dilations)
    dil.push_back(d - 1);
  dnnl_memory_desc_t srcPlain, wPlain, dstPlain, biasMd, srcAny, wAny, dstAny;
  if (!plainDesc(srcPlain, xShape) || !plainDesc(wPlain, wDims) ||
      !plainDesc(dstPlain, yShape) || !plainDesc(biasMd, {yShape[1]}))
    return nullptr;
  dnnl_memory_desc_init_by_tag(&srcAny, xShape.size(), xShape.data(), dnnl_f32,
                               dnnl_format_tag_any);
  dnnl_memory_desc_init_by_tag(&wAny, wDims.size(), wDims.data(), dnnl_f32,
                               dnnl_format_tag_any);
  dnnl_memory_desc_init_by_tag(&dstAny, yShape.size(), yShape.data(), dnnl_f32,
                               dnnl_format_tag_any);
  dnnl_convolution_desc_t desc;
  if (dnnl_dilated_convolution_forward_desc_init(
          &desc, dnnl_forward_inference, dnnl_convolution_direct,
          srcGiven ? srcGiven : &srcAny, &wAny, hasBias ? &biasMd : nullptr,
          &dstAny, strides.data(), dil.data(), padL.data(),
          padR.data()) != dnnl_success)
    return nullptr;
  Attr attr;
  if (activation && !(attr = postOpAttr(*activation)))
    return nullptr;
  dnnl_primitive_desc_t pd = nullptr;
  if (dnnl_primitive_desc_create(&pd, &desc, attr.get(), runtime()->engine,
                                 nullptr) != dnnl_success)
    return nullptr;
  PrimitiveDesc owned(pd);
  auto plan = std::make_shared<ConvPlan>();
  dnnl_primitive_t conv = nullptr;
  if (dnnl_primitive_create(&conv, pd) != dnnl_success)
    return nullptr;
  plan->conv.reset(conv);
  plan->srcMd = *dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0);
  if (srcGiven && !dnnl_memory_desc_equal(srcGiven, &plan->srcMd))
    return nullptr;
  plan->dstMd = *dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
  plan->srcPlain = srcPlain;
  plan->dstPlain = dstPlain;
  const dnnl_memory_desc_t &weights =
      *dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
  if ((!srcGiven && !makeReorder(srcPlain, plan->srcMd, plan->srcReorder)) ||
      !makeReorder(wPlain, weights, plan->weightsReorder))
    return nullptr;
  plan->plainSrc = makeMemory(srcPlain, nullptr);
  plan->plainWeights = makeMemory(wPlain, nullptr);
  plan->dst = makeMemory(plan->dstMd, nullptr);
  if (!plan->plainSrc || !plan->plainWeights || !plan->dst)
    return nullptr;
  if (hasBias && !(plan->bias = makeMemory(biasMd, nullptr)))
    return nullptr;
  plan->src = makeMemory(plan->srcMd, plan->srcReorder ? DNNL_MEMORY_ALLOCATE
                                                       : nullptr);
  if (!plan->src || (plan->weightsReorder &&
                     !(plan->weights = makeMemory(weights, DNNL_MEMORY_ALLOCATE))))
    return nullptr;
  // A fused activation's result must say so (its encoding's fusedInto), and
  // must treat NaN as the op's definition does.
  if (activation && (dnnl_memory_desc_equal(&plan->dstMd, &dstPlain) ||
                     !activationKeepsDefinition(
                         *plan, weights, hasBias ? &biasMd : nullptr,
                         *activation, xShape, wShape, yShape, strides, pads,
                         dilations)))
    return nullptr;
  return plan;
}

/// Runs the plan on `x` (read as it is when encoded in the plan's source
/// layout, decoded otherwise) into `out`; false if oneDNN fails.
bool runConv(ConvPlan &plan, const Tensor &x, const Tensor &w,
             const Tensor *bias, RankedTensorType type, Tensor &out,
             bool constantWeights) {
  auto set = [](dnnl_memory *m, const void *p) {
    return dnnl_memory_set_data_handle(m, const_cast<void *>(p)) ==
           dnnl_success;
  };
  dnnl_memory *weights = plan.plainWeights.get();
  if (!set(weights, w.data<float>()) ||
      (bias && !set(plan.bias.get(), bias->data<float>())))
    return false;
  // An encoded input in the plan's layout is read as it is, unless the plan
  // owns a source buffer (made for row-major input), which must stay its.
  const DnnlEncoding *enc = dnnlEncoding(x);
  if (enc && !plan.srcReorder &&
      dnnl_memory_desc_equal(&enc->desc(), &plan.srcMd)) {
    if (!set(plan.src.get(), enc->encoded().data()))
      return false;
  } else if (plan.srcReorder) {
    if (!set(plan.plainSrc.get(), x.data<float>()) ||
        !reorder(plan.srcReorder.get(), plan.plainSrc.get(), plan.src.get()))
      return false;
  } else if (!dnnl_memory_desc_equal(&plan.srcPlain, &plan.srcMd) ||
             !set(plan.src.get(), x.data<float>())) {
    // A plan for another encoding of the input.
    return false;
  }
  if (plan.weightsReorder) {
    if (!plan.weightsReady &&
        !reorder(plan.weightsReorder.get(), weights, plan.weights.get()))
      return false;
    plan.weightsReady = constantWeights;
    weights = plan.weights.get();
  }
  // The result in the primitive's layout, unless that is row-major.
  std::shared_ptr<DnnlEncoding> result;
  if (dnnl_memory_desc_equal(&plan.dstMd, &plan.dstPlain))
    out = Tensor::uninitialized(type);
  else
    result = std::make_shared<DnnlEncoding>(plan.dstMd, plan.dstPlain);
  if (!set(plan.dst.get(),
           result ? static_cast<void *>(result->encoded().data())
                  : static_cast<void *>(out.data<float>())))
    return false;
  dnnl_memory *src = plan.src.get(), *dst = plan.dst.get();
  bool ok = bias ? execute(plan.conv.get(), {{DNNL_ARG_SRC, src},
                                             {DNNL_ARG_WEIGHTS, weights},
                                             {DNNL_ARG_BIAS, plan.bias.get()},
                                             {DNNL_ARG_DST, dst}})
                 : execute(plan.conv.get(), {{DNNL_ARG_SRC, src},
                                             {DNNL_ARG_WEIGHTS, weights},
                                             {DNNL_ARG_DST, dst}});
  if (!ok || dnnl_stream_wait(runtime()->stream) != dnnl_success)
    return false;
  if (result)
    out = Tensor::encoded(type, std::move(result));
  return true;
}

/// Row-major C = alpha * op(A) * op(B) + beta * C.
void sgemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, float alpha,
           const float *a, int64_t lda, const float *b, int64_t ldb,
           float beta, float *c, int64_t ldc) {
  dnnl_status_t status = dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k,
                                    alpha, a, lda, b, ldb, beta, c, ldc);
  // The arguments are consistent by construction; a failure is a bug.
  if (status != dnnl_success)
    llvm::report_fatal_error("dnnl_sgemm failed");
}

/// Convolution as im2col and sgemm, for what the primitive does not take.
void convIm2col(const Tensor &x, const Tensor &w, const Tensor *bias,
                llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                llvm::ArrayRef<int64_t> dilations, int64_t group,
                Tensor &out) {
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
      sgemm(false, false, coutG, oSize, rows, 1.0f, wd + g * coutG * rows,
            rows, col.data(), oSize, 0.0f,
            yd + (b * cout + g * coutG) * oSize, oSize);
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

/// A 1x1 convolution with stride 1 and no padding is, per image, the
/// matrix product W (O x C) * X (C x HW) on NCHW as it is.
void pointwiseF32(const Tensor &x, const Tensor &w, const Tensor *bias,
                  Tensor &out) {
  int64_t n = x.getShape()[0], c = x.getShape()[1], o = out.getShape()[1];
  int64_t hw = x.getNumElements() / std::max<int64_t>(n * c, 1);
  const float *xd = x.data<float>(), *wd = w.data<float>();
  float *yd = out.data<float>();
  for (int64_t b = 0; b < n; ++b)
    sgemm(false, false, o, hw, c, 1.0f, wd, c, xd + b * c * hw, hw, 0.0f,
          yd + b * o * hw, hw);
  if (!bias)
    return;
  const float *bd = bias->data<float>();
#pragma omp parallel for if (n * o * hw >= kParallelElements)
  for (int64_t row = 0; row < n * o; ++row) {
    float v = bd[row % o], *y = yd + row * hw;
    for (int64_t i = 0; i < hw; ++i)
      y[i] += v;
  }
}

/// A matmul primitive for a constant weight matrix: (M x K) * (K x N), B
/// stored as K x N or (transposed) N x K, with the weights reordered once
/// into the primitive's layout (the packing onnxruntime does at load), an
/// optional bias of N added to every row, activations and result in
/// row-major.
struct MatmulPrimPlan {
  Primitive matmul, weightsReorder;
  Memory src, plainWeights, weights, bias, dst;
  bool weightsReady = false;
};

std::shared_ptr<MatmulPrimPlan> planMatmulPrim(int64_t m, int64_t k,
                                               int64_t n, bool transB,
                                               bool hasBias) {
  dnnl_memory_desc_t srcMd, wPlain, wAny, biasMd, dstMd;
  int64_t wDims[2] = {k, n};
  if (!plainDesc(srcMd, {m, k}) || !plainDesc(dstMd, {m, n}) ||
      !plainDesc(biasMd, {1, n}) ||
      dnnl_memory_desc_init_by_tag(&wPlain, 2, wDims, dnnl_f32,
                                   transB ? dnnl_ba : dnnl_ab) != dnnl_success)
    return nullptr;
  dnnl_memory_desc_init_by_tag(&wAny, 2, wDims, dnnl_f32, dnnl_format_tag_any);
  dnnl_matmul_desc_t desc;
  if (dnnl_matmul_desc_init(&desc, &srcMd, &wAny, hasBias ? &biasMd : nullptr,
                            &dstMd) != dnnl_success)
    return nullptr;
  dnnl_primitive_desc_t pd = nullptr;
  if (dnnl_primitive_desc_create(&pd, &desc, nullptr, runtime()->engine,
                                 nullptr) != dnnl_success)
    return nullptr;
  PrimitiveDesc owned(pd);
  auto plan = std::make_shared<MatmulPrimPlan>();
  dnnl_primitive_t prim = nullptr;
  if (dnnl_primitive_create(&prim, pd) != dnnl_success)
    return nullptr;
  plan->matmul.reset(prim);
  const dnnl_memory_desc_t &weights =
      *dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
  if (!makeReorder(wPlain, weights, plan->weightsReorder))
    return nullptr;
  plan->src = makeMemory(srcMd, nullptr);
  plan->plainWeights = makeMemory(wPlain, nullptr);
  plan->dst = makeMemory(dstMd, nullptr);
  plan->weights = plan->weightsReorder
                      ? makeMemory(weights, DNNL_MEMORY_ALLOCATE)
                      : makeMemory(wPlain, nullptr);
  if (hasBias)
    plan->bias = makeMemory(biasMd, nullptr);
  if (!plan->src || !plan->plainWeights || !plan->dst || !plan->weights ||
      (hasBias && !plan->bias))
    return nullptr;
  return plan;
}

/// C = A * B (+ bias on every row) through a cached primitive for constant
/// B, stored transposed if `transB`; false if oneDNN has none for the shape.
bool matmulConstantWeights(const float *a, const float *b, const float *bias,
                           float *c, int64_t m, int64_t k, int64_t n,
                           bool transB = false) {
  if (!runtime())
    return false;
  std::string key;
  llvm::raw_string_ostream os(key);
  os << "nn.matmul:" << m << "," << k << "," << n << ":" << transB << ":"
     << (bias != nullptr) << ":" << static_cast<const void *>(b);
  interp::KernelCache local;
  interp::KernelCache *cache = interp::KernelCache::active();
  MatmulPrimPlan *plan =
      (cache ? *cache : local).getOrCreate<MatmulPrimPlan>(key, [&] {
        return planMatmulPrim(m, k, n, transB, bias != nullptr);
      });
  if (!plan)
    return false;
  auto set = [](dnnl_memory *mem, const void *p) {
    return dnnl_memory_set_data_handle(mem, const_cast<void *>(p)) ==
           dnnl_success;
  };
  if (!set(plan->src.get(), a) || !set(plan->dst.get(), c) ||
      (bias && !set(plan->bias.get(), bias)))
    return false;
  if (plan->weightsReorder) {
    if (!plan->weightsReady) {
      if (!set(plan->plainWeights.get(), b) ||
          !reorder(plan->weightsReorder.get(), plan->plainWeights.get(),
                   plan->weights.get()))
        return false;
      plan->weightsReady = true;
    }
  } else if (!set(plan->weights.get(), b)) {
    return false;
  }
  llvm::SmallVector<dnnl_exec_arg_t, 4> args = {
      {DNNL_ARG_SRC, plan->src.get()},
      {DNNL_ARG_WEIGHTS, plan->weights.get()},
      {DNNL_ARG_DST, plan->dst.get()}};
  if (bias)
    args.push_back({DNNL_ARG_BIAS, plan->bias.get()});
  return execute(plan->matmul.get(), args) &&
         dnnl_stream_wait(runtime()->stream) == dnnl_success;
}

} // namespace

namespace {
/// The layouts of channel vectors, and the tag naming each.
constexpr dnnl_format_tag_t kChannelVectorTags[] = {
    dnnl_acdb, dnnl_aBcd16b, dnnl_aBcd8b, dnnl_aBcd4b};
constexpr int64_t kChannelVectorBlocks[] = {0, 16, 8, 4};

/// The index into kChannelVectorTags of `t`'s layout, or -1.
int channelVectorTag(const Tensor &t) {
  const DnnlEncoding *enc = dnnlEncoding(t);
  if (!enc || enc->desc().ndims != 4 || enc->desc().data_type != dnnl_f32)
    return -1;
  const dnnl_memory_desc_t &md = enc->desc();
  for (int i = 0; i < 4; ++i) {
    dnnl_memory_desc_t tagged;
    if (dnnl_memory_desc_init_by_tag(&tagged, 4, md.dims, dnnl_f32,
                                     kChannelVectorTags[i]) == dnnl_success &&
        dnnl_memory_desc_equal(&tagged, &md))
      return i;
  }
  return -1;
}
} // namespace

std::optional<nn::ChannelVectors> nn::channelVectors(const Tensor &t) {
  int tag = channelVectorTag(t);
  if (tag < 0)
    return std::nullopt;
  const int64_t *dims = dnnlEncoding(t)->desc().dims;
  int64_t c = dims[1], h = dims[2], w = dims[3];
  // Strides follow from the tag: NHWC is one vector of all channels.
  if (kChannelVectorBlocks[tag] == 0)
    return ChannelVectors{c, 1, {h * w * c, 0, w * c, c}};
  int64_t b = kChannelVectorBlocks[tag], groups = (c + b - 1) / b;
  return ChannelVectors{b, groups, {groups * h * w * b, h * w * b, w * b, b}};
}

Tensor nn::encodedLike(const Tensor &like, RankedTensorType type) {
  dnnl_memory_desc_t md, plain;
  int tag = channelVectorTag(like);
  // The caller checked channelVectors(like); the shape is an op's result's.
  if (tag < 0 || !plainDesc(plain, type.getShape()) ||
      dnnl_memory_desc_init_by_tag(&md, 4, type.getShape().data(), dnnl_f32,
                                   kChannelVectorTags[tag]) != dnnl_success)
    llvm::report_fatal_error("encodedLike: not a channel-vector layout");
  return Tensor::encoded(type, std::make_shared<DnnlEncoding>(md, plain));
}

bool nn::isF32(llvm::ArrayRef<const Tensor *> tensors) {
  return llvm::all_of(tensors,
                      [](const Tensor *t) { return t->getElementType().isF32(); });
}

void nn::matmulF32(const Tensor &a, const Tensor &b, Tensor &c) {
  MatmulPlan p = planMatmul(a.getShape(), b.getShape());
  // One weight matrix for A's own batch (a linear layer on 3-D input,
  // attention's 197x1x768 projections): the batch folds into M, one sgemm
  // instead of a matrix-vector product per batch element.
  bool sharedB = true, ownA = true;
  for (size_t i = 0; i < p.batchA.size(); ++i) {
    sharedB &= p.batchB[i] == p.batchB[0];
    ownA &= p.batchA[i] == static_cast<int64_t>(i);
  }
  if (sharedB && ownA) {
    int64_t m = p.batchA.size() * p.m;
    const float *w = b.data<float>() + p.batchB[0] * p.k * p.n;
    // Constant weights (the attribute's bytes, fixed for the context's
    // lifetime) go through a primitive holding them packed.
    if (b.isView() && matmulConstantWeights(a.data<float>(), w, nullptr,
                                            c.data<float>(), m, p.k, p.n))
      return;
    sgemm(false, false, m, p.n, p.k, 1.0f, a.data<float>(), p.k, w, p.n,
          0.0f, c.data<float>(), p.n);
    return;
  }
  // Small products (attention's per-head matrices) on the team, one each:
  // a thread's sgemm inside the region runs on that thread alone, where
  // each small product split over both threads is mostly synchronization.
  constexpr int64_t kSmallProduct = 1 << 22;
  int64_t batch = p.batchA.size();
  bool small = batch > 1 && p.m * p.n * p.k <= kSmallProduct;
#pragma omp parallel for schedule(dynamic) if (small)
  for (int64_t i = 0; i < batch; ++i)
    sgemm(false, false, p.m, p.n, p.k, 1.0f,
          a.data<float>() + p.batchA[i] * p.m * p.k, p.k,
          b.data<float>() + p.batchB[i] * p.k * p.n, p.n, 0.0f,
          c.data<float>() + i * p.m * p.n, p.n);
}

void nn::gemmF32(const Tensor &a, const Tensor &b, const Tensor *c, bool ta,
                 bool tb, float alpha, float beta, Tensor &out) {
  int64_t m = out.getShape()[0], n = out.getShape()[1];
  int64_t k = a.getShape()[ta ? 0 : 1];
  float *y = out.data<float>();
  // A linear layer (constant B, C a bias of N or none, alpha and beta 1)
  // through the primitive that holds B packed.
  bool rowBias = c && c->getNumElements() == n &&
                 (c->getRank() == 1 ||
                  (c->getRank() == 2 && c->getShape()[0] == 1));
  if (!ta && alpha == 1.0f && b.isView() &&
      (!c || (rowBias && beta == 1.0f)) &&
      matmulConstantWeights(a.data<float>(), b.data<float>(),
                            c ? c->data<float>() : nullptr, y, m, k, n, tb))
    return;
  if (c) {
    auto ic = broadcastIndices(c->getShape(), out.getShape());
    for (int64_t i = 0; i < m * n; ++i)
      y[i] = c->data<float>()[ic[i]];
  }
  sgemm(ta, tb, m, n, k, alpha, a.data<float>(), ta ? m : k, b.data<float>(),
        tb ? k : n, c ? beta : 0.0f, y, n);
}

Tensor nn::convF32(const Tensor &x, const Tensor &w, const Tensor *bias,
                  llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                  llvm::ArrayRef<int64_t> dilations, int64_t group,
                  RankedTensorType type, const ConvActivation *activation) {
  int64_t sp = x.getRank() - 2;
  const DnnlEncoding *enc = dnnlEncoding(x);
  // The primitive runs on blocked activations and leaves its result in its
  // layout; only a row-major input is reordered in. (A pointwise
  // convolution on NCHW as it is, one sgemm per image, was faster while
  // every result was reordered back too; now it would leave row-major
  // results that every later convolution reorders. A direct depthwise loop
  // on NCHW was slower than the primitive.)
  if (sp >= 1 && sp <= 3 && runtime()) {
    // Plans are keyed by everything they depend on; constant weights also
    // by their address, since the plan keeps them reordered.
    std::string key;
    llvm::raw_string_ostream os(key);
    os << "nn.conv";
    for (auto list : {x.getShape(), w.getShape(), type.getShape(), strides,
                      pads, dilations}) {
      os << ":";
      for (int64_t v : list)
        os << v << ",";
    }
    os << ":" << group << ":" << (bias != nullptr);
    if (w.isView())
      os << ":" << static_cast<const void *>(w.data<float>());
    interp::KernelCache local;
    interp::KernelCache *cache = interp::KernelCache::active();
    // The plan for a source layout (null: the primitive's choice for a
    // row-major input) and an activation; one that cannot be made is
    // cached as a plan without a primitive, so it is not tried again.
    auto planFor = [&](const dnnl_memory_desc_t *src,
                       const ConvActivation *act) -> ConvPlan * {
      std::string k = key;
      llvm::raw_string_ostream ks(k);
      if (src)
        ks << ":" << layoutKey(*src);
      if (act)
        ks << (act->clip ? ":clip" : ":relu") << act->lo << "," << act->hi;
      ConvPlan *plan =
          (cache ? *cache : local).getOrCreate<ConvPlan>(k, [&] {
            auto made = planConv(x.getShape(), w.getShape(), type.getShape(),
                                 bias, strides, pads, dilations, group, src,
                                 act);
            return made ? made : std::make_shared<ConvPlan>();
          });
      return plan->conv ? plan : nullptr;
    };
    // The input read in its own layout first, then decoded; the activation
    // applied first, then left to its op.
    llvm::SmallVector<const dnnl_memory_desc_t *, 2> srcs = {nullptr};
    llvm::SmallVector<const ConvActivation *, 2> acts = {nullptr};
    if (enc)
      srcs.insert(srcs.begin(), &enc->desc());
    if (activation)
      acts.insert(acts.begin(), activation);
    for (const dnnl_memory_desc_t *src : srcs)
      for (const ConvActivation *act : acts) {
        ConvPlan *plan = planFor(src, act);
        Tensor out;
        if (plan && runConv(*plan, x, w, bias, type, out, w.isView())) {
          if (act)
            out.getUniqueEncoding()->fusedInto = act->op;
          return out;
        }
      }
  }
  // What the primitive does not take.
  bool pointwise = group == 1 && sp >= 1;
  for (int64_t i = 0; i < sp; ++i)
    pointwise &= w.getShape()[2 + i] == 1 && strides[i] == 1 &&
                 pads[i] == 0 && pads[sp + i] == 0;
  Tensor out = Tensor::uninitialized(type);
  if (pointwise)
    pointwiseF32(x, w, bias, out);
  else
    convIm2col(x, w, bias, strides, pads, dilations, group, out);
  return out;
}
