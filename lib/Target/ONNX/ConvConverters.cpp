//===- ConvConverters.cpp - convolution, products, pooling ------------------===//
//
// Resolves auto_pad, kernel, stride and dilation defaults and ConvTranspose's
// output_shape into the explicit window attributes of the nn operations.
//
//===----------------------------------------------------------------------===//

#include "ConverterUtils.h"
#include "TensorConversion.h"

#include "tessel/Dialect/NN/IR/NNShapes.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <map>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::onnx_import;

//===----------------------------------------------------------------------===//
// Windows: auto_pad, kernel, strides, dilations
//===----------------------------------------------------------------------===//

namespace {
struct Window {
  llvm::SmallVector<int64_t> kernel, strides, pads, dilations;
};
} // namespace

/// Reads the window attributes shared by Conv and the pools and resolves
/// auto_pad into explicit pads.
static FailureOr<Window> readWindow(NodeContext &nc, RankedTensorType input,
                                    llvm::ArrayRef<int64_t> kernelFromWeight) {
  Window w;
  if (input.getRank() < 3)
    return nc.error("expects an input of rank at least 3, got " +
                    llvm::Twine(input.getRank()));
  size_t spatial = input.getRank() - 2;
  if (auto k = nc.attrInts("kernel_shape"))
    w.kernel = *k;
  else if (!kernelFromWeight.empty())
    w.kernel.assign(kernelFromWeight.begin(), kernelFromWeight.end());
  else
    return nc.error("kernel_shape is required");
  w.strides = nc.attrInts("strides").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  w.dilations = nc.attrInts("dilations").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  if (w.kernel.size() != spatial || w.strides.size() != spatial ||
      w.dilations.size() != spatial)
    return nc.error("kernel_shape, strides and dilations need " +
                    llvm::Twine(spatial) + " entries");
  if (failed(checkRange(nc, w.kernel, "kernel_shape", 1, kMaxDim)) ||
      failed(checkRange(nc, w.strides, "strides", 1, kMaxDim)) ||
      failed(checkRange(nc, w.dilations, "dilations", 1, kMaxDim)))
    return failure();
  std::string autoPad = nc.attrString("auto_pad", "NOTSET");
  if (autoPad == "NOTSET") {
    w.pads = nc.attrInts("pads").value_or(
        llvm::SmallVector<int64_t>(2 * spatial, 0));
    if (w.pads.size() != 2 * spatial)
      return nc.error("pads needs " + llvm::Twine(2 * spatial) + " entries");
    if (failed(checkRange(nc, w.pads, "pads", 0, kMaxDim)))
      return failure();
  } else if (autoPad == "VALID") {
    w.pads.assign(2 * spatial, 0);
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    w.pads.assign(2 * spatial, 0);
    for (size_t i = 0; i < spatial; ++i) {
      int64_t in = input.getDimSize(i + 2);
      if (in == kDyn)
        return nc.error("auto_pad needs static spatial dimensions; pin the "
                        "graph inputs with --input-shape");
      int64_t out = (in + w.strides[i] - 1) / w.strides[i];
      int64_t extent = w.dilations[i] * (w.kernel[i] - 1) + 1;
      int64_t total =
          std::max<int64_t>(0, (out - 1) * w.strides[i] + extent - in);
      int64_t small = total / 2;
      bool upper = autoPad == "SAME_UPPER";
      w.pads[i] = upper ? small : total - small;
      w.pads[i + spatial] = upper ? total - small : small;
    }
  } else {
    return nc.error("unknown auto_pad '" + autoPad + "'");
  }
  return w;
}

static llvm::SmallVector<NamedAttribute> convAttrs(NodeContext &nc,
                                                   const Window &w) {
  return {nc.named("strides", nc.i64Array(w.strides)),
          nc.named("pads", nc.i64Array(w.pads)),
          nc.named("dilations", nc.i64Array(w.dilations)),
          nc.named("group", nc.builder().getI64IntegerAttr(
                                nc.attrInt("group", 1)))};
}

static FailureOr<Window> convWindow(NodeContext &nc, unsigned inputIdx,
                                    unsigned weightIdx) {
  RankedTensorType w = nc.inputType(weightIdx);
  llvm::ArrayRef<int64_t> kernel =
      w.getRank() > 2 ? w.getShape().drop_front(2) : llvm::ArrayRef<int64_t>();
  return readWindow(nc, nc.inputType(inputIdx), kernel);
}


static LogicalResult convertConv(NodeContext &nc) {
  auto w = convWindow(nc, 0, 1);
  if (failed(w))
    return failure();
  return build<nn::ConvOp>(nc, presentInputs(nc, {0, 1, 2}), convAttrs(nc, *w));
}

static LogicalResult convertConvTranspose(NodeContext &nc) {
  RankedTensorType input = nc.inputType(0), weight = nc.inputType(1);
  if (input.getRank() < 3 || weight.getRank() != input.getRank())
    return nc.error("expects input and weight of the same rank >= 3");
  size_t spatial = input.getRank() - 2;
  Window w;
  w.kernel = nc.attrInts("kernel_shape")
                 .value_or(llvm::SmallVector<int64_t>(
                     weight.getShape().drop_front(2)));
  w.strides = nc.attrInts("strides").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  w.dilations = nc.attrInts("dilations").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  auto outPad = nc.attrInts("output_padding")
                    .value_or(llvm::SmallVector<int64_t>(spatial, 0));
  if (w.kernel.size() != spatial || w.strides.size() != spatial ||
      w.dilations.size() != spatial || outPad.size() != spatial)
    return nc.error("kernel_shape, strides, dilations and output_padding "
                    "need " + llvm::Twine(spatial) + " entries");
  if (failed(checkRange(nc, w.kernel, "kernel_shape", 1, kMaxDim)) ||
      failed(checkRange(nc, w.strides, "strides", 1, kMaxDim)) ||
      failed(checkRange(nc, w.dilations, "dilations", 1, kMaxDim)) ||
      failed(checkRange(nc, outPad, "output_padding", 0, kMaxDim)))
    return failure();
  std::string autoPad = nc.attrString("auto_pad", "NOTSET");
  auto outputShape = nc.attrInts("output_shape");
  if (outputShape && failed(checkRange(nc, *outputShape, "output_shape", 1, kMaxDim)))
    return failure();
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (outputShape || same) {
    // ONNX derives the pads from the requested output size.
    llvm::SmallVector<int64_t> target;
    if (outputShape)
      target.assign(outputShape->end() - std::min(outputShape->size(), spatial),
                    outputShape->end());
    w.pads.assign(2 * spatial, 0);
    for (size_t i = 0; i < spatial; ++i) {
      int64_t in = input.getDimSize(i + 2);
      if (in == kDyn)
        return nc.error("output_shape/auto_pad need static spatial "
                        "dimensions; pin the graph inputs with --input-shape");
      int64_t out = outputShape ? target[i] : in * w.strides[i];
      int64_t total = w.strides[i] * (in - 1) + outPad[i] +
                      (w.kernel[i] - 1) * w.dilations[i] + 1 - out;
      if (total < 0) {
        // A larger output than the natural one: ONNX pads the end.
        outPad[i] -= total;
        total = 0;
      }
      // Without auto_pad, ONNX puts the larger half at the beginning.
      bool upper = autoPad == "SAME_UPPER";
      w.pads[i] = upper ? total / 2 : total - total / 2;
      w.pads[i + spatial] = upper ? total - total / 2 : total / 2;
    }
  } else if (autoPad == "VALID") {
    w.pads.assign(2 * spatial, 0);
  } else {
    w.pads = nc.attrInts("pads").value_or(
        llvm::SmallVector<int64_t>(2 * spatial, 0));
    if (failed(checkRange(nc, w.pads, "pads", 0, kMaxDim)))
      return failure();
  }
  auto attrs = convAttrs(nc, w);
  attrs.push_back(nc.named("output_padding", nc.i64Array(outPad)));
  return build<nn::ConvTransposeOp>(nc, presentInputs(nc, {0, 1, 2}), attrs);
}

static LogicalResult convertQLinearConv(NodeContext &nc) {
  auto w = convWindow(nc, 0, 3);
  if (failed(w))
    return failure();
  return build<nn::QLinearConvOp>(
      nc, presentInputs(nc, {0, 1, 2, 3, 4, 5, 6, 7, 8}), convAttrs(nc, *w));
}

static Attribute segments(NodeContext &nc, llvm::ArrayRef<int32_t> sizes) {
  return nc.builder().getDenseI32ArrayAttr(sizes);
}

static LogicalResult convertConvInteger(NodeContext &nc) {
  auto w = convWindow(nc, 0, 1);
  if (failed(w))
    return failure();
  auto attrs = convAttrs(nc, *w);
  attrs.push_back(nc.named(
      "operandSegmentSizes",
      segments(nc, {1, 1, nc.hasInput(2) ? 1 : 0, nc.hasInput(3) ? 1 : 0})));
  return build<nn::ConvIntegerOp>(nc, presentInputs(nc, {0, 1, 2, 3}), attrs);
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

static LogicalResult convertGemm(NodeContext &nc) {
  Builder &b = nc.builder();
  return build<nn::GemmOp>(
      nc, presentInputs(nc, {0, 1, 2}),
      {nc.named("alpha", b.getF32FloatAttr(nc.attrFloat("alpha", 1.0f))),
       nc.named("beta", b.getF32FloatAttr(nc.attrFloat("beta", 1.0f))),
       nc.named("trans_a", b.getBoolAttr(nc.attrInt("transA", 0))),
       nc.named("trans_b", b.getBoolAttr(nc.attrInt("transB", 0)))});
}

static LogicalResult convertMatMul(NodeContext &nc) {
  return build<nn::MatMulOp>(nc, {nc.input(0), nc.input(1)});
}

static LogicalResult convertQLinearMatMul(NodeContext &nc) {
  return build<nn::QLinearMatMulOp>(nc,
                                    presentInputs(nc, {0, 1, 2, 3, 4, 5, 6, 7}));
}

static LogicalResult convertMatMulInteger(NodeContext &nc) {
  return build<nn::MatMulIntegerOp>(
      nc, presentInputs(nc, {0, 1, 2, 3}),
      {nc.named("operandSegmentSizes",
                segments(nc, {1, 1, nc.hasInput(2) ? 1 : 0,
                              nc.hasInput(3) ? 1 : 0}))});
}

//===----------------------------------------------------------------------===//
// Einsum: sums, transposes and one matrix product
//===----------------------------------------------------------------------===//

namespace {
/// An Einsum equation: one letter per dimension of each operand and of the
/// result.
struct EinsumTerms {
  llvm::SmallVector<std::string> inputs;
  std::string output;
};
} // namespace

/// Parses `equation` (spaces ignored), each "..." kept as one '.'; without
/// "->" the result's letters are the ellipsis, if any, then the letters that
/// occur once, in alphabetical order. Fails on anything but letters, at most
/// one ellipsis per term, commas and one "->".
static std::optional<EinsumTerms> parseEinsum(llvm::StringRef equation) {
  std::string eq;
  for (char c : equation)
    if (c != ' ')
      eq.push_back(c);
  llvm::StringRef lhs = eq, rhs;
  bool explicitOutput = lhs.contains("->");
  if (explicitOutput)
    std::tie(lhs, rhs) = lhs.split("->");
  auto term = [](llvm::StringRef t) -> std::optional<std::string> {
    std::string r = t.str();
    if (size_t at = r.find("..."); at != std::string::npos)
      r.replace(at, 3, ".");
    if (llvm::count(r, '.') > 1 ||
        !llvm::all_of(r, [](char c) { return llvm::isAlpha(c) || c == '.'; }))
      return std::nullopt;
    return r;
  };
  EinsumTerms terms;
  llvm::SmallVector<llvm::StringRef> parts;
  lhs.split(parts, ',');
  for (llvm::StringRef t : parts) {
    auto r = term(t);
    if (!r)
      return std::nullopt;
    terms.inputs.push_back(*r);
  }
  auto out = term(rhs);
  if (!out)
    return std::nullopt;
  if (explicitOutput) {
    terms.output = *out;
    return terms;
  }
  std::map<char, int> count;
  for (const std::string &t : terms.inputs)
    for (char c : t)
      ++count[c];
  if (count.erase('.'))
    terms.output.push_back('.');
  for (auto [c, n] : count)
    if (n == 1)
      terms.output.push_back(c);
  return terms;
}

/// Replaces each term's ellipsis by the digits 0, 1, ... of the dimensions
/// it covers: the same number in every operand (ellipses that broadcast are
/// refused).
static LogicalResult
expandEllipses(NodeContext &nc, EinsumTerms &terms,
               llvm::function_ref<LogicalResult(const llvm::Twine &)> refuse) {
  std::optional<int64_t> covered;
  for (auto [i, t] : llvm::enumerate(terms.inputs)) {
    if (!llvm::is_contained(t, '.'))
      continue;
    int64_t n = nc.inputType(i).getRank() - (t.size() - 1);
    if (n < 0)
      return nc.error("term '" + t + "' has more letters than operand " +
                      llvm::Twine(i) + " has dimensions");
    if (covered && *covered != n)
      return refuse("its ellipses cover different numbers of dimensions");
    covered = n;
  }
  if (covered.value_or(0) > 10)
    return refuse("an ellipsis covers more than 10 dimensions");
  if (llvm::is_contained(terms.output, '.') && !covered)
    return refuse("the result has an ellipsis and no operand does");
  std::string digits;
  for (int64_t k = 0; k < covered.value_or(0); ++k)
    digits.push_back('0' + k);
  auto expand = [&](std::string &t) {
    if (size_t at = t.find('.'); at != std::string::npos)
      t.replace(at, 1, digits);
  };
  for (std::string &t : terms.inputs)
    expand(t);
  expand(terms.output);
  return success();
}

/// Whether a letter occurs twice in `term`.
static bool repeatsLetter(llvm::StringRef term) {
  return llvm::any_of(term, [&](char c) { return term.count(c) > 1; });
}

/// The letters of `term` for which `keep` holds, in `term`'s order.
static std::string lettersWhere(llvm::StringRef term,
                                llvm::function_ref<bool(char)> keep) {
  std::string r;
  for (char c : term)
    if (keep(c))
      r.push_back(c);
  return r;
}

/// `v` with the dimensions of letters `term` permuted to `order`'s.
static FailureOr<Value> permuteTo(NodeContext &nc, Value v,
                                  llvm::StringRef term, llvm::StringRef order) {
  llvm::SmallVector<int64_t> perm;
  for (char c : order)
    perm.push_back(term.find(c));
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return v;
  auto t =
      nc.createOp<nn::TransposeOp>({v}, {nc.named("perm", nc.i64Array(perm))});
  if (failed(t))
    return failure();
  return t->getResult();
}

static FailureOr<Value> reshapedTo(NodeContext &nc, Value v,
                                   llvm::ArrayRef<int64_t> shape) {
  if (cast<RankedTensorType>(v.getType()).getShape() == shape)
    return v;
  auto r =
      nc.createOp<nn::ReshapeOp>({v}, {nc.named("shape", nc.i64Array(shape))});
  if (failed(r))
    return failure();
  return r->getResult();
}

/// Operand `i` (letters `term`) summed over the letters no other term
/// holds; `term` becomes the remaining letters.
static FailureOr<Value> sumOwnLetters(NodeContext &nc, unsigned i,
                                      std::string &term,
                                      llvm::StringRef others) {
  llvm::SmallVector<int64_t> axes;
  std::string kept;
  for (auto [d, c] : llvm::enumerate(term)) {
    if (others.contains(c))
      kept.push_back(c);
    else
      axes.push_back(d);
  }
  term = kept;
  if (axes.empty())
    return nc.input(i);
  auto r = nc.createOp<nn::ReduceSumOp>(
      {nc.input(i)}, {nc.named("axes", nc.i64Array(axes)),
                      nc.named("keepdims", nc.builder().getBoolAttr(false))});
  if (failed(r))
    return failure();
  return r->getResult();
}

namespace {
/// The size of each letter of an Einsum equation.
using LetterSizes = std::map<char, int64_t>;
} // namespace

/// The letter sizes of `terms` for the node's operands: each term names one
/// static dimension per letter, no letter twice, a letter one size.
static FailureOr<LetterSizes>
letterSizes(NodeContext &nc, const EinsumTerms &terms,
            llvm::function_ref<LogicalResult(const llvm::Twine &)> refuse) {
  LetterSizes size;
  for (auto [i, term] : llvm::enumerate(terms.inputs)) {
    RankedTensorType type = nc.inputType(i);
    if (failed(requireStatic(nc, type, "Einsum")))
      return failure();
    if (static_cast<int64_t>(term.size()) != type.getRank())
      return nc.error("term '" + term + "' has " + llvm::Twine(term.size()) +
                      " letters for operand " + llvm::Twine(i) + " of rank " +
                      llvm::Twine(type.getRank()));
    if (repeatsLetter(term))
      return refuse("a letter repeats within a term (a diagonal)");
    for (auto [c, d] : llvm::zip(term, type.getShape())) {
      auto [it, fresh] = size.try_emplace(c, d);
      if (!fresh && it->second != d)
        return nc.error(
            (llvm::isDigit(c) ? "ellipsis dimension " + llvm::Twine(c)
                              : "letter '" + llvm::Twine(c) + "'") +
            " has sizes " + llvm::Twine(it->second) + " and " + llvm::Twine(d));
    }
  }
  const std::string &out = terms.output;
  if (repeatsLetter(out) ||
      llvm::any_of(out, [&](char c) { return !size.count(c); }))
    return refuse("the result's letters must each name one operand dimension");
  return size;
}

/// The product of `x` (letters `a`) and `y` (letters `b`), every letter of
/// each also in the other or in `out`: both permuted to batch, kept and
/// contracted letters and reshaped to (batched) matrices, multiplied, and
/// reshaped back; `letters` becomes the product's (batch, kept of `a`, kept
/// of `b`).
static FailureOr<Value> contract(NodeContext &nc, Value x, llvm::StringRef a,
                                 Value y, llvm::StringRef b,
                                 llvm::StringRef out, const LetterSizes &size,
                                 std::string &letters) {
  auto has = [](llvm::StringRef t) {
    return [t](char c) { return t.contains(c); };
  };
  auto hasNot = [](llvm::StringRef t) {
    return [t](char c) { return !t.contains(c); };
  };
  std::string batch = lettersWhere(lettersWhere(out, has(a)), has(b)),
              keptA = lettersWhere(lettersWhere(out, has(a)), hasNot(b)),
              keptB = lettersWhere(lettersWhere(out, has(b)), hasNot(a)),
              contracted = lettersWhere(lettersWhere(a, has(b)), hasNot(out));
  auto product = [&](llvm::StringRef ls) {
    int64_t p = 1;
    for (char c : ls)
      p *= size.at(c);
    return p;
  };
  // Without batch letters the product is of matrices.
  auto matrixShape = [&](llvm::StringRef rows, llvm::StringRef cols) {
    llvm::SmallVector<int64_t> s;
    if (!batch.empty())
      s.push_back(product(batch));
    s.append({product(rows), product(cols)});
    return s;
  };
  auto lhs = permuteTo(nc, x, a, batch + keptA + contracted);
  auto rhs = permuteTo(nc, y, b, batch + contracted + keptB);
  if (failed(lhs) || failed(rhs) ||
      failed(lhs = reshapedTo(nc, *lhs, matrixShape(keptA, contracted))) ||
      failed(rhs = reshapedTo(nc, *rhs, matrixShape(contracted, keptB))))
    return failure();
  auto mm = nc.createOp<nn::MatMulOp>({*lhs, *rhs});
  if (failed(mm))
    return failure();
  letters = batch + keptA + keptB;
  llvm::SmallVector<int64_t> shape;
  for (char c : letters)
    shape.push_back(size.at(c));
  return reshapedTo(nc, mm->getResult(), shape);
}

/// Einsum of one or two operands without repeated letters in a term (an
/// ellipsis covering the same dimensions in each): each operand summed over
/// the letters only it has, two then contracted, the result permuted to the
/// equation's letters. Other equations are refused.
static LogicalResult convertEinsum(NodeContext &nc) {
  std::string equation = nc.attrString("equation", "");
  auto refuse = [&](const llvm::Twine &why) {
    return nc.error("equation '" + equation + "' is not supported: " + why);
  };
  std::optional<EinsumTerms> terms = parseEinsum(equation);
  if (!terms)
    return refuse("only letters, one '...' per term, commas and '->' are");
  if (terms->inputs.size() != nc.numInputs())
    return nc.error("equation '" + equation + "' has " +
                    llvm::Twine(terms->inputs.size()) + " operands, the node " +
                    llvm::Twine(nc.numInputs()));
  if (nc.numInputs() > 2)
    return refuse("more than two operands");
  if (failed(expandEllipses(nc, *terms, refuse)))
    return failure();
  auto size = letterSizes(nc, *terms, refuse);
  if (failed(size))
    return failure();
  const std::string &out = terms->output;
  std::string a = terms->inputs[0],
              b = nc.numInputs() == 2 ? terms->inputs[1] : "";
  auto result = sumOwnLetters(nc, 0, a, out + b);
  if (failed(result))
    return failure();
  std::string letters = a;
  if (nc.numInputs() == 2) {
    auto rhs = sumOwnLetters(nc, 1, b, out + a);
    if (failed(rhs) ||
        failed(result = contract(nc, *result, a, *rhs, b, out, *size, letters)))
      return failure();
  }
  result = permuteTo(nc, *result, letters, out);
  if (failed(result))
    return failure();
  nc.setOutput(0, *result);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

static LogicalResult convertMaxPool(NodeContext &nc) {
  if (failed(rejectUsedOutputs(nc, 1)))
    return failure();
  auto w = readWindow(nc, nc.inputType(0), {});
  if (failed(w))
    return failure();
  return build<nn::MaxPoolOp>(
      nc, {nc.input(0)},
      {nc.named("kernel_shape", nc.i64Array(w->kernel)),
       nc.named("strides", nc.i64Array(w->strides)),
       nc.named("pads", nc.i64Array(w->pads)),
       nc.named("dilations", nc.i64Array(w->dilations)),
       nc.named("ceil_mode",
                nc.builder().getBoolAttr(nc.attrInt("ceil_mode", 0)))});
}

static LogicalResult convertAveragePool(NodeContext &nc) {
  auto w = readWindow(nc, nc.inputType(0), {});
  if (failed(w))
    return failure();
  if (llvm::any_of(w->dilations, [](int64_t d) { return d != 1; }))
    return nc.error("dilated average pooling is not supported");
  Builder &b = nc.builder();
  return build<nn::AvgPoolOp>(
      nc, {nc.input(0)},
      {nc.named("kernel_shape", nc.i64Array(w->kernel)),
       nc.named("strides", nc.i64Array(w->strides)),
       nc.named("pads", nc.i64Array(w->pads)),
       nc.named("ceil_mode", b.getBoolAttr(nc.attrInt("ceil_mode", 0))),
       nc.named("count_include_pad",
                b.getBoolAttr(nc.attrInt("count_include_pad", 0)))});
}

void mlir::tessel::onnx_import::addConvConverters(llvm::StringMap<Converter> &table) {
  table["Conv"] = convertConv;
  table["ConvTranspose"] = convertConvTranspose;
  table["Gemm"] = convertGemm;
  table["MatMul"] = convertMatMul;
  table["Einsum"] = convertEinsum;
  table["MaxPool"] = convertMaxPool;
  table["AveragePool"] = convertAveragePool;
  table["QLinearConv"] = convertQLinearConv;
  table["QLinearMatMul"] = convertQLinearMatMul;
  table["MatMulInteger"] = convertMatMulInteger;
  table["ConvInteger"] = convertConvInteger;
}
