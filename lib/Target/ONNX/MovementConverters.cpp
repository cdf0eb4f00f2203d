//===- MovementConverters.cpp - reshapes and data movement ------------------===//
//
// Reshape, Flatten, Squeeze and Unsqueeze become nn.reshape; these and Concat,
// Slice, Gather and Cast evaluate at import when their input is known.
//
//===----------------------------------------------------------------------===//

#include "ConverterUtils.h"
#include "TensorConversion.h"

#include "tessel/Dialect/NN/IR/NNShapes.h"

#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::onnx_import;

//===----------------------------------------------------------------------===//
// Shape-changing ops: all become nn.reshape (or fold when the input is known)
//===----------------------------------------------------------------------===//

/// Binds output 0 to `input` reshaped to `shape`: a literal when the input is
/// known, an nn.reshape otherwise.
static LogicalResult reshapeTo(NodeContext &nc, llvm::ArrayRef<int64_t> shape) {
  if (const Literal *lit = nc.constInput(0)) {
    int64_t count = 1;
    for (int64_t d : shape)
      count *= d;
    if (count != lit->numElements())
      return nc.error("cannot reshape " + llvm::Twine(lit->numElements()) +
                      " elements into " + llvm::Twine(count));
    Literal out = *lit;
    out.shape.assign(shape.begin(), shape.end());
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::ReshapeOp>(nc, {nc.input(0)},
                              {nc.named("shape", nc.i64Array(shape))});
}

/// The input's shape, from its literal or its type.
static llvm::SmallVector<int64_t> inputShape(NodeContext &nc) {
  if (const Literal *lit = nc.constInput(0))
    return lit->shape;
  return llvm::SmallVector<int64_t>(nc.inputType(0).getShape());
}

static bool isStatic(llvm::ArrayRef<int64_t> shape) {
  return llvm::none_of(shape, [](int64_t d) { return d == kDyn; });
}

static LogicalResult convertReshape(NodeContext &nc) {
  auto requested = nc.intsInput(1, "shape");
  if (failed(requested))
    return failure();
  llvm::SmallVector<int64_t> in = inputShape(nc), shape;
  bool allowZero = nc.opset >= 14 && nc.attrInt("allowzero", 0);
  int64_t inferIdx = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(*requested)) {
    if (d == 0 && !allowZero) {
      if (i >= in.size())
        return nc.error("shape entry " + llvm::Twine(i) +
                        " copies a dimension the input does not have");
      d = in[i];
    }
    if (d == -1) {
      if (inferIdx >= 0)
        return nc.error("shape has more than one -1 entry");
      inferIdx = i;
    } else if (d < 0 || d > kMaxDim) {
      return nc.error("shape entry " + llvm::Twine(i) + " (" + llvm::Twine(d) +
                      ") is invalid or dynamic");
    } else if (llvm::MulOverflow(known, d, known)) {
      return nc.error("shape has too many elements");
    }
    shape.push_back(d);
  }
  if (!isStatic(in))
    return nc.error("Reshape needs a static input shape; pin the graph "
                    "inputs with --input-shape");
  int64_t total = 1;
  for (int64_t d : in)
    total *= d;
  if (inferIdx >= 0) {
    if (known == 0 || total % known != 0)
      return nc.error("cannot infer the -1 entry: " + llvm::Twine(total) +
                      " elements are not divisible by " + llvm::Twine(known));
    shape[inferIdx] = total / known;
  }
  return reshapeTo(nc, shape);
}

static LogicalResult convertFlatten(NodeContext &nc) {
  llvm::SmallVector<int64_t> in = inputShape(nc);
  if (!isStatic(in))
    return nc.error("Flatten needs a static input shape");
  int64_t rank = in.size(), axis = nc.attrInt("axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return nc.error("axis " + llvm::Twine(nc.attrInt("axis", 1)) +
                    " is out of range for rank " + llvm::Twine(rank));
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= in[i];
  return reshapeTo(nc, {outer, inner});
}

/// Squeeze/Unsqueeze axes: an attribute before opset 13, an input after.
static FailureOr<std::optional<llvm::SmallVector<int64_t>>>
squeezeAxes(NodeContext &nc) {
  if (nc.opset < 13)
    return nc.attrInts("axes");
  if (!nc.hasInput(1))
    return std::optional<llvm::SmallVector<int64_t>>();
  auto v = nc.intsInput(1, "axes");
  if (failed(v))
    return failure();
  return std::optional<llvm::SmallVector<int64_t>>(*v);
}

static LogicalResult convertSqueeze(NodeContext &nc) {
  auto axes = squeezeAxes(nc);
  if (failed(axes))
    return failure();
  llvm::SmallVector<int64_t> in = inputShape(nc), shape;
  int64_t rank = in.size();
  llvm::SmallVector<bool> drop(rank, false);
  if (*axes) {
    for (int64_t a : **axes) {
      int64_t axis;
      std::string error;
      if (failed(nn::normalizeAxis(a, rank, axis, error)))
        return nc.error(error);
      if (in[axis] != 1)
        return nc.error("cannot squeeze dimension " + llvm::Twine(a) +
                        " of size " + llvm::Twine(in[axis]));
      drop[axis] = true;
    }
  } else {
    if (!isStatic(in))
      return nc.error("Squeeze without axes needs a static input shape");
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = in[i] == 1;
  }
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      shape.push_back(in[i]);
  if (!isStatic(shape))
    return nc.error("Squeeze needs a static input shape");
  return reshapeTo(nc, shape);
}

static LogicalResult convertUnsqueeze(NodeContext &nc) {
  auto axes = squeezeAxes(nc);
  if (failed(axes))
    return failure();
  if (!*axes)
    return nc.error("axes is required");
  llvm::SmallVector<int64_t> in = inputShape(nc);
  if (!isStatic(in))
    return nc.error("Unsqueeze needs a static input shape");
  int64_t outRank = in.size() + (*axes)->size();
  llvm::SmallVector<bool> inserted(outRank, false);
  for (int64_t a : **axes) {
    int64_t axis;
    std::string error;
    if (failed(nn::normalizeAxis(a, outRank, axis, error)))
      return nc.error(error);
    if (inserted[axis])
      return nc.error("axis " + llvm::Twine(a) + " is listed twice");
    inserted[axis] = true;
  }
  llvm::SmallVector<int64_t> shape;
  for (int64_t i = 0, k = 0; i < outRank; ++i)
    shape.push_back(inserted[i] ? 1 : in[k++]);
  return reshapeTo(nc, shape);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

/// Transpose; a known input (a shape computation, e.g. PyTorch's reordered
/// Pad amounts) is permuted at import.
static LogicalResult convertTranspose(NodeContext &nc) {
  const Literal *lit = nc.constInput(0);
  int64_t rank = lit ? static_cast<int64_t>(lit->shape.size())
                     : nc.inputType(0).getRank();
  llvm::SmallVector<int64_t> perm;
  if (auto p = nc.attrInts("perm"))
    perm = *p;
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  if (lit) {
    llvm::SmallVector<bool> seen(rank, false);
    if (static_cast<int64_t>(perm.size()) != rank)
      return nc.error("perm has " + llvm::Twine(perm.size()) +
                      " entries for rank " + llvm::Twine(rank));
    for (int64_t p : perm) {
      if (p < 0 || p >= rank || seen[p])
        return nc.error("perm is not a permutation of [0, rank)");
      seen[p] = true;
    }
    Literal out;
    out.elementType = lit->elementType;
    for (int64_t p : perm)
      out.shape.push_back(lit->shape[p]);
    auto inStrides = stridesOf(lit->shape), outStrides = stridesOf(out.shape);
    for (int64_t i = 0, n = lit->numElements(); i < n; ++i) {
      // Output element i reads the input at the permuted multi-index.
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d)
        src += ((i / outStrides[d]) % out.shape[d]) * inStrides[perm[d]];
      out.push(lit->at(src));
    }
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::TransposeOp>(nc, {nc.input(0)},
                                {nc.named("perm", nc.i64Array(perm))});
}

static LogicalResult convertConcat(NodeContext &nc) {
  int64_t axisAttr = nc.attrInt("axis", 0);
  if (auto lits = nc.allConstInputs()) {
    // Concatenation of known tensors (typically shape vectors).
    const Literal &first = *(*lits)[0];
    int64_t rank = first.shape.size(), axis;
    std::string error;
    if (failed(nn::normalizeAxis(axisAttr, rank, axis, error)))
      return nc.error(error);
    Literal out;
    out.elementType = first.elementType;
    out.shape = first.shape;
    out.shape[axis] = 0;
    for (const Literal *l : *lits) {
      if (static_cast<int64_t>(l->shape.size()) != rank)
        return nc.error("inputs differ in rank");
      out.shape[axis] += l->shape[axis];
    }
    int64_t outer = 1;
    for (int64_t i = 0; i < axis; ++i)
      outer *= first.shape[i];
    for (int64_t o = 0; o < outer; ++o)
      for (const Literal *l : *lits) {
        int64_t chunk = l->numElements() / std::max<int64_t>(outer, 1);
        for (int64_t k = 0; k < chunk; ++k)
          out.push(l->at(o * chunk + k));
      }
    if (out.numElements() <= kMaxFoldElements) {
      nc.setOutput(0, std::move(out));
      return success();
    }
  }
  llvm::SmallVector<Value> inputs;
  for (unsigned i = 0; i < nc.numInputs(); ++i)
    inputs.push_back(nc.input(i));
  return build<nn::ConcatOp>(
      nc, inputs, {nc.named("axis", nc.builder().getI64IntegerAttr(axisAttr))});
}

static LogicalResult convertSplit(NodeContext &nc) {
  RankedTensorType type = nc.inputType(0);
  int64_t axis;
  std::string error;
  if (failed(nn::normalizeAxis(nc.attrInt("axis", 0), type.getRank(), axis,
                               error)))
    return nc.error(error);
  unsigned outputs = nc.node.output_size();
  llvm::SmallVector<int64_t> sizes;
  if (nc.opset < 13) {
    if (auto s = nc.attrInts("split"))
      sizes = *s;
  } else if (nc.hasInput(1)) {
    auto s = nc.intsInput(1, "split");
    if (failed(s))
      return failure();
    sizes = *s;
  }
  if (sizes.empty()) {
    int64_t dim = type.getDimSize(axis);
    if (dim == kDyn)
      return nc.error("an even Split needs a static dimension");
    if (dim % outputs != 0)
      return nc.error("dimension " + llvm::Twine(dim) +
                      " does not split evenly into " + llvm::Twine(outputs) +
                      " outputs");
    sizes.assign(outputs, dim / outputs);
  }
  if (sizes.size() != outputs)
    return nc.error("split lists " + llvm::Twine(sizes.size()) +
                    " sizes for " + llvm::Twine(outputs) + " outputs");
  if (failed(checkRange(nc, sizes, "split", 0, kMaxDim)))
    return failure();
  return build<nn::SplitOp>(
      nc, {nc.input(0)},
      {nc.named("axis", nc.builder().getI64IntegerAttr(axis)),
       nc.named("sizes", nc.i64Array(sizes))},
      outputs);
}

static LogicalResult convertSlice(NodeContext &nc) {
  llvm::SmallVector<int64_t> starts, ends, axes, steps;
  if (nc.opset < 10) {
    starts = nc.attrInts("starts").value_or(llvm::SmallVector<int64_t>());
    ends = nc.attrInts("ends").value_or(llvm::SmallVector<int64_t>());
    axes = nc.attrInts("axes").value_or(llvm::SmallVector<int64_t>());
  } else {
    auto s = nc.intsInput(1, "starts"), e = nc.intsInput(2, "ends");
    if (failed(s) || failed(e))
      return failure();
    starts = *s;
    ends = *e;
    if (nc.hasInput(3)) {
      auto a = nc.intsInput(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (nc.hasInput(4)) {
      auto st = nc.intsInput(4, "steps");
      if (failed(st))
        return failure();
      steps = *st;
    }
  }
  llvm::SmallVector<int64_t> in = inputShape(nc);
  int64_t rank = in.size();
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(i);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return nc.error("starts, ends, axes and steps differ in length");
  // Normalize to one clamped (start, end, step) per dimension.
  llvm::SmallVector<int64_t> nStarts(rank, 0), nEnds(in), nSteps(rank, 1);
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t axis;
    std::string error;
    if (failed(nn::normalizeAxis(axes[k], rank, axis, error)))
      return nc.error(error);
    int64_t dim = in[axis], step = steps[k];
    if (dim == kDyn)
      return nc.error("Slice needs static sliced dimensions");
    if (step == 0)
      return nc.error("steps must be non-zero");
    auto clampIdx = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0)
        v = v < std::numeric_limits<int64_t>::min() + dim ? lo : v + dim;
      return std::clamp(v, lo, hi);
    };
    nSteps[axis] = step;
    if (step > 0) {
      nStarts[axis] = clampIdx(starts[k], 0, dim);
      nEnds[axis] = clampIdx(ends[k], 0, dim);
    } else {
      nStarts[axis] = clampIdx(starts[k], 0, dim - 1);
      nEnds[axis] = clampIdx(ends[k], -1, dim - 1);
    }
  }
  if (const Literal *lit = nc.constInput(0)) {
    // Slicing a known tensor (a shape vector, usually).
    Literal out;
    out.elementType = lit->elementType;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t n = nSteps[d] > 0
                      ? (nEnds[d] - nStarts[d] + nSteps[d] - 1) / nSteps[d]
                      : (nStarts[d] - nEnds[d] - nSteps[d] - 1) / -nSteps[d];
      out.shape.push_back(std::max<int64_t>(n, 0));
    }
    llvm::SmallVector<int64_t> inStrides = stridesOf(lit->shape),
                               outStrides = stridesOf(out.shape);
    for (int64_t i = 0, n = out.numElements(); i < n; ++i) {
      int64_t src = 0, rem = i;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t idx = rem / outStrides[d];
        rem %= outStrides[d];
        src += (nStarts[d] + idx * nSteps[d]) * inStrides[d];
      }
      out.push(lit->at(src));
    }
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::SliceOp>(nc, {nc.input(0)},
                            {nc.named("starts", nc.i64Array(nStarts)),
                             nc.named("ends", nc.i64Array(nEnds)),
                             nc.named("steps", nc.i64Array(nSteps))});
}

static LogicalResult convertGather(NodeContext &nc) {
  int64_t axisAttr = nc.attrInt("axis", 0);
  const Literal *data = nc.constInput(0);
  const Literal *indices = data ? nc.constInput(1) : nullptr;
  if (data && indices) {
    int64_t rank = data->shape.size(), axis;
    std::string error;
    if (failed(nn::normalizeAxis(axisAttr, rank, axis, error)))
      return nc.error(error);
    int64_t outer = 1, inner = 1, dim = data->shape[axis];
    for (int64_t i = 0; i < axis; ++i)
      outer *= data->shape[i];
    for (int64_t i = axis + 1; i < rank; ++i)
      inner *= data->shape[i];
    Literal out;
    out.elementType = data->elementType;
    out.shape.assign(data->shape.begin(), data->shape.begin() + axis);
    out.shape.append(indices->shape.begin(), indices->shape.end());
    out.shape.append(data->shape.begin() + axis + 1, data->shape.end());
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t k = 0, n = indices->numElements(); k < n; ++k) {
        int64_t idx = indices->intAt(k);
        if (idx < -dim || idx >= dim)
          return nc.error("index " + llvm::Twine(idx) +
                          " is out of range for dimension " +
                          llvm::Twine(dim));
        if (idx < 0)
          idx += dim;
        for (int64_t i = 0; i < inner; ++i)
          out.push(data->at((o * dim + idx) * inner + i));
      }
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::GatherOp>(
      nc, {nc.input(0), nc.input(1)},
      {nc.named("axis", nc.builder().getI64IntegerAttr(axisAttr))});
}

static LogicalResult convertPad(NodeContext &nc) {
  llvm::SmallVector<int64_t> pads;
  double value = 0;
  if (nc.opset < 11) {
    pads = nc.attrInts("pads").value_or(llvm::SmallVector<int64_t>());
    value = nc.attrFloat("value", 0.0f);
  } else {
    auto p = nc.intsInput(1, "pads");
    if (failed(p))
      return failure();
    pads = *p;
    if (nc.hasInput(2)) {
      auto v = nc.scalarInput(2, "constant_value");
      if (failed(v))
        return failure();
      value = *v;
    }
  }
  if (failed(checkRange(nc, pads, "pads", -kMaxDim, kMaxDim)))
    return failure();
  Builder &b = nc.builder();
  return build<nn::PadOp>(
      nc, {nc.input(0)},
      {nc.named("pads", nc.i64Array(pads)),
       nc.named("mode", b.getStringAttr(nc.attrString("mode", "constant"))),
       nc.named("value", b.getF64FloatAttr(value))});
}

/// The per-dimension scales of a Resize or Upsample node, or its output
/// sizes (the other left empty), as its opset passes them.
static LogicalResult resizeTarget(NodeContext &nc,
                                  llvm::SmallVectorImpl<double> &scales,
                                  llvm::SmallVectorImpl<int64_t> &sizes) {
  bool upsample = nc.node.op_type() == "Upsample";
  if (upsample && nc.opset < 9) {
    auto s = nc.attrFloats("scales");
    if (!s)
      return nc.error("scales is required");
    scales.assign(s->begin(), s->end());
    return success();
  }
  // Resize-11 names both and leaves the unused one empty.
  unsigned scalesIdx = upsample || nc.opset < 11 ? 1 : 2;
  bool hasScales =
      nc.hasInput(scalesIdx) && !(nc.constInput(scalesIdx) &&
                                  nc.constInput(scalesIdx)->numElements() == 0);
  bool hasSizes = !upsample && nc.opset >= 11 && nc.hasInput(3);
  if (hasScales && hasSizes)
    return nc.error("scales and sizes are both given");
  if (hasSizes) {
    auto s = nc.intsInput(3, "sizes");
    if (failed(s))
      return failure();
    sizes.assign(s->begin(), s->end());
    return success();
  }
  if (!hasScales)
    return nc.error("one of scales and sizes is required");
  const Literal *s = nc.constInput(scalesIdx);
  if (!s)
    return nc.error("scales must be known at import");
  for (int64_t i = 0; i < s->numElements(); ++i)
    scales.push_back(s->at(i));
  return success();
}

/// Fails unless `value` of attribute `what` is one of `allowed` at this
/// opset.
static LogicalResult checkChoice(NodeContext &nc, llvm::StringRef what,
                                 llvm::StringRef value,
                                 llvm::ArrayRef<llvm::StringRef> allowed) {
  if (llvm::is_contained(allowed, value))
    return success();
  return nc.error(what + " '" + value + "' is not defined at opset " +
                  llvm::Twine(nc.opset));
}

/// The dimensions Resize's scales, sizes and roi list: Resize-18's `axes`
/// (negative from the back, each once), or all of them.
static FailureOr<llvm::SmallVector<int64_t>> resizeAxes(NodeContext &nc,
                                                        int64_t rank) {
  llvm::SmallVector<int64_t> axes;
  std::optional<llvm::SmallVector<int64_t>> given;
  if (nc.node.op_type() == "Resize" && nc.opset >= 18)
    given = nc.attrInts("axes");
  if (!given) {
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
    return axes;
  }
  if (failed(checkRange(nc, *given, "axes", -rank, rank - 1)))
    return failure();
  for (int64_t a : *given) {
    a = a < 0 ? a + rank : a;
    if (llvm::is_contained(axes, a))
      return nc.error("axes lists dimension " + llvm::Twine(a) + " twice");
    axes.push_back(a);
  }
  return axes;
}

/// The output length of a dimension of `length` scaled by `scale`, rounded
/// down (or half up, with `roundHalfUp`), if it is valid.
static FailureOr<int64_t> scaledLength(NodeContext &nc, int64_t length,
                                       double scale, int64_t dim,
                                       bool roundHalfUp = false) {
  double size = std::floor(length * scale + (roundHalfUp ? 0.5 : 0.0));
  if (!(scale > 0) || !(size >= 1 && size <= kMaxDim))
    return nc.error("scale " + std::to_string(scale) + " of dimension " +
                    llvm::Twine(dim) + " gives no valid output size");
  return static_cast<int64_t>(size);
}

/// Completes `scales` or `sizes` (one entry per listed axis) into both, one
/// entry per dimension of `shape`: an unlisted dimension keeps its length
/// and scale 1, a listed one's length is floor(length * scale) and the
/// scale of a given size size / length. Resize-18's keep_aspect_ratio_policy
/// instead scales every listed dimension by the smallest (not_larger) or
/// largest (not_smaller) of those, to the rounded length.
static LogicalResult resolveResize(NodeContext &nc,
                                   llvm::ArrayRef<int64_t> shape,
                                   llvm::ArrayRef<int64_t> axes,
                                   llvm::SmallVectorImpl<double> &scales,
                                   llvm::SmallVectorImpl<int64_t> &sizes) {
  llvm::SmallVector<double> given(scales.begin(), scales.end());
  llvm::SmallVector<int64_t> givenSizes(sizes.begin(), sizes.end());
  bool bySizes = !givenSizes.empty();
  size_t listed = bySizes ? givenSizes.size() : given.size();
  if (listed != axes.size())
    return nc.error(llvm::Twine(bySizes ? "sizes" : "scales") + " needs " +
                    llvm::Twine(axes.size()) + " entries");
  if (bySizes && failed(checkRange(nc, givenSizes, "sizes", 1, kMaxDim)))
    return failure();
  scales.assign(shape.size(), 1.0);
  sizes.assign(shape.begin(), shape.end());
  std::string policy = "stretch";
  if (nc.node.op_type() == "Resize" && nc.opset >= 18)
    policy = nc.attrString("keep_aspect_ratio_policy", "stretch");
  if (failed(checkChoice(nc, "keep_aspect_ratio_policy", policy,
                         {"stretch", "not_larger", "not_smaller"})))
    return failure();
  if (bySizes && policy == "stretch") {
    for (auto [i, d] : llvm::enumerate(axes)) {
      sizes[d] = givenSizes[i];
      scales[d] = static_cast<double>(givenSizes[i]) / shape[d];
    }
    return success();
  }
  if (bySizes) {
    double common = policy == "not_larger" ? INFINITY : 0.0;
    for (auto [i, d] : llvm::enumerate(axes)) {
      double s = static_cast<double>(givenSizes[i]) / shape[d];
      common =
          policy == "not_larger" ? std::min(common, s) : std::max(common, s);
    }
    given.assign(axes.size(), common);
  }
  for (auto [i, d] : llvm::enumerate(axes)) {
    auto size = scaledLength(nc, shape[d], given[i], d, bySizes);
    if (failed(size))
      return failure();
    sizes[d] = *size;
    scales[d] = given[i];
  }
  return success();
}

/// tf_crop_and_resize's roi (starts, then ends, of the listed `axes`) for
/// every dimension of a rank-`rank` input; an unlisted one is whole.
static FailureOr<llvm::SmallVector<double>>
resizeRoi(NodeContext &nc, int64_t rank, llvm::ArrayRef<int64_t> axes) {
  const Literal *roi = nc.hasInput(1) ? nc.constInput(1) : nullptr;
  if (!roi)
    return nc.error("tf_crop_and_resize needs roi known at import");
  int64_t n = axes.size();
  if (roi->numElements() != 2 * n)
    return nc.error("roi needs " + llvm::Twine(2 * n) + " entries");
  llvm::SmallVector<double> r(rank, 0.0);
  r.append(rank, 1.0);
  for (auto [i, d] : llvm::enumerate(axes)) {
    r[d] = roi->at(i);
    r[rank + d] = roi->at(n + i);
  }
  return r;
}

/// Resize's attributes beyond the mode as its opset defines them (Resize-10
/// and Upsample are asymmetric and round down; 11 adds the coordinate
/// transformations, 18 antialias, 19 half_pixel_symmetric).
static LogicalResult
resizeAttributes(NodeContext &nc, llvm::StringRef mode, int64_t rank,
                 llvm::ArrayRef<int64_t> axes,
                 llvm::SmallVectorImpl<NamedAttribute> &attrs) {
  Builder &b = nc.builder();
  bool resize = nc.node.op_type() == "Resize";
  bool v11 = resize && nc.opset >= 11;
  std::string coord =
      v11 ? nc.attrString("coordinate_transformation_mode", "half_pixel")
          : "asymmetric";
  std::string nearest =
      v11 ? nc.attrString("nearest_mode", "round_prefer_floor") : "floor";
  llvm::SmallVector<llvm::StringRef> coords = {
      "half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric",
      "tf_crop_and_resize"};
  if (nc.opset < 13)
    coords.push_back("tf_half_pixel_for_nn");
  if (nc.opset >= 19)
    coords.push_back("half_pixel_symmetric");
  if (failed(
          checkChoice(nc, "coordinate_transformation_mode", coord, coords)) ||
      failed(checkChoice(
          nc, "nearest_mode", nearest,
          {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"})))
    return failure();
  attrs.push_back(nc.named("mode", b.getStringAttr(mode)));
  attrs.push_back(
      nc.named("coordinate_transformation_mode", b.getStringAttr(coord)));
  attrs.push_back(nc.named("nearest_mode", b.getStringAttr(nearest)));
  if (!v11)
    return success();
  attrs.push_back(nc.named("cubic_coeff_a", b.getF64FloatAttr(nc.attrFloat(
                                                "cubic_coeff_a", -0.75f))));
  attrs.push_back(nc.named("exclude_outside",
                           b.getBoolAttr(nc.attrInt("exclude_outside", 0))));
  if (nc.opset >= 18 && nc.attrInt("antialias", 0)) {
    if (mode == "nearest")
      return nc.error("antialias applies to modes linear and cubic");
    attrs.push_back(nc.named("antialias", b.getBoolAttr(true)));
  }
  if (coord != "tf_crop_and_resize")
    return success();
  attrs.push_back(
      nc.named("extrapolation_value",
               b.getF64FloatAttr(nc.attrFloat("extrapolation_value", 0.0f))));
  auto roi = resizeRoi(nc, rank, axes);
  if (failed(roi))
    return failure();
  attrs.push_back(nc.named("roi", b.getDenseF64ArrayAttr(*roi)));
  return success();
}

/// Resize (opset 10-19) and Upsample (7-9): the output shape and the
/// per-dimension scales resolved at import.
static LogicalResult convertResize(NodeContext &nc) {
  std::string mode = nc.attrString("mode", "nearest");
  llvm::SmallVector<llvm::StringRef> modes = {"nearest", "linear"};
  if (nc.node.op_type() == "Resize" && nc.opset >= 11)
    modes.push_back("cubic");
  if (failed(checkChoice(nc, "mode", mode, modes)))
    return failure();
  RankedTensorType type = nc.inputType(0);
  if (failed(requireStatic(nc, type, nc.node.op_type())))
    return failure();
  auto axes = resizeAxes(nc, type.getRank());
  if (failed(axes))
    return failure();
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> sizes;
  llvm::SmallVector<NamedAttribute> attrs;
  if (failed(resizeTarget(nc, scales, sizes)) ||
      failed(resolveResize(nc, type.getShape(), *axes, scales, sizes)) ||
      failed(resizeAttributes(nc, mode, type.getRank(), *axes, attrs)))
    return failure();
  attrs.push_back(nc.named("sizes", nc.i64Array(sizes)));
  attrs.push_back(
      nc.named("scales", nc.builder().getDenseF64ArrayAttr(scales)));
  return build<nn::ResizeOp>(nc, {nc.input(0)}, attrs);
}

//===----------------------------------------------------------------------===//
// Rearrangements ONNX defines as reshape, transpose, reshape (or concat)
//===----------------------------------------------------------------------===//

/// Binds output 0 to the input reshaped to `first`, permuted by `perm` and
/// reshaped to `last`.
static LogicalResult reshapePermuteReshape(NodeContext &nc,
                                           llvm::ArrayRef<int64_t> first,
                                           llvm::ArrayRef<int64_t> perm,
                                           llvm::ArrayRef<int64_t> last) {
  auto a = nc.createOp<nn::ReshapeOp>({nc.input(0)},
                                      {nc.named("shape", nc.i64Array(first))});
  if (failed(a))
    return failure();
  auto t = nc.createOp<nn::TransposeOp>({a->getResult()},
                                        {nc.named("perm", nc.i64Array(perm))});
  if (failed(t))
    return failure();
  auto b = nc.createOp<nn::ReshapeOp>({t->getResult()},
                                      {nc.named("shape", nc.i64Array(last))});
  if (failed(b))
    return failure();
  nc.setOutput(0, b->getResult());
  return success();
}

/// The static NCHW input and the `blocksize` of DepthToSpace / SpaceToDepth.
static FailureOr<std::pair<llvm::SmallVector<int64_t>, int64_t>>
blockedInput(NodeContext &nc) {
  llvm::SmallVector<int64_t> in = inputShape(nc);
  if (in.size() != 4 || !isStatic(in))
    return nc.error("needs a static 4-D (NCHW) input");
  if (!nc.attr("blocksize"))
    return nc.error("blocksize is required");
  int64_t bs = nc.attrInt("blocksize", 0);
  if (bs < 1 || bs > 65536)
    return nc.error("blocksize " + llvm::Twine(bs) + " is outside [1, 65536]");
  return std::make_pair(in, bs);
}

/// DepthToSpace: channel blocks of blocksize^2 become blocksize x blocksize
/// pixels, depth-column-row (DCR, the only mode before opset 11) or
/// column-row-depth (CRD) ordered.
static LogicalResult convertDepthToSpace(NodeContext &nc) {
  auto in = blockedInput(nc);
  if (failed(in))
    return failure();
  auto [shape, bs] = *in;
  int64_t b = shape[0], c = shape[1], h = shape[2], w = shape[3];
  if (c % (bs * bs))
    return nc.error(llvm::Twine(c) + " channels are not a multiple of "
                    "blocksize^2 = " + llvm::Twine(bs * bs));
  std::string mode = nc.opset < 11 ? "DCR" : nc.attrString("mode", "DCR");
  int64_t cs = c / (bs * bs);
  llvm::SmallVector<int64_t> last = {b, cs, h * bs, w * bs};
  if (mode == "DCR")
    return reshapePermuteReshape(nc, {b, bs, bs, cs, h, w}, {0, 3, 4, 1, 5, 2},
                                 last);
  if (mode == "CRD")
    return reshapePermuteReshape(nc, {b, cs, bs, bs, h, w}, {0, 1, 4, 2, 5, 3},
                                 last);
  return nc.error("mode '" + mode + "' is not DCR or CRD");
}

/// SpaceToDepth: blocksize x blocksize pixels become channels.
static LogicalResult convertSpaceToDepth(NodeContext &nc) {
  auto in = blockedInput(nc);
  if (failed(in))
    return failure();
  auto [shape, bs] = *in;
  int64_t b = shape[0], c = shape[1], h = shape[2], w = shape[3];
  if (h % bs || w % bs)
    return nc.error("the spatial size " + llvm::Twine(h) + "x" +
                    llvm::Twine(w) + " is not a multiple of blocksize " +
                    llvm::Twine(bs));
  return reshapePermuteReshape(nc, {b, c, h / bs, bs, w / bs, bs},
                               {0, 3, 5, 1, 2, 4},
                               {b, c * bs * bs, h / bs, w / bs});
}

/// Tile: `repeats` (known at import) copies along each dimension, as one
/// concatenation per repeated dimension.
static LogicalResult convertTile(NodeContext &nc) {
  RankedTensorType type = nc.inputType(0);
  auto repeats = nc.intsInput(1, "repeats");
  if (failed(repeats))
    return failure();
  if (static_cast<int64_t>(repeats->size()) != type.getRank())
    return nc.error("repeats has " + llvm::Twine(repeats->size()) +
                    " values for an input of rank " +
                    llvm::Twine(type.getRank()));
  if (failed(checkRange(nc, *repeats, "repeats", 1, 65536)))
    return failure();
  Value v = nc.input(0);
  for (auto [axis, r] : llvm::enumerate(*repeats)) {
    if (r == 1)
      continue;
    llvm::SmallVector<Value> copies(r, v);
    auto cat = nc.createOp<nn::ConcatOp>(
        copies, {nc.named("axis", nc.builder().getI64IntegerAttr(axis))});
    if (failed(cat))
      return failure();
    v = cat->getResult();
  }
  nc.setOutput(0, v);
  return success();
}

void mlir::tessel::onnx_import::addMovementConverters(llvm::StringMap<Converter> &table) {
  table["Reshape"] = convertReshape;
  table["Flatten"] = convertFlatten;
  table["Squeeze"] = convertSqueeze;
  table["Unsqueeze"] = convertUnsqueeze;
  table["Transpose"] = convertTranspose;
  table["Concat"] = convertConcat;
  table["Split"] = convertSplit;
  table["Slice"] = convertSlice;
  table["Gather"] = convertGather;
  table["Pad"] = convertPad;
  table["Resize"] = convertResize;
  table["Upsample"] = convertResize;
  table["DepthToSpace"] = convertDepthToSpace;
  table["SpaceToDepth"] = convertSpaceToDepth;
  table["Tile"] = convertTile;
}
