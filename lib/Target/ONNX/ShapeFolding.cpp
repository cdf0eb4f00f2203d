//===- ShapeFolding.cpp - ONNX ops that only compute shapes ---------------===//
//
// Shape, Size, ConstantOfShape, Range, Expand, ScatterND and Constant are
// evaluated at import: exporters (PyTorch in particular) compute Reshape
// targets and masks with them. tessel compiles static shapes, so these must
// fold. Comparisons, logic and Where fold the same way on known inputs and
// become nn ops on run-time tensors.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"
#include "TensorConversion.h"

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/NN/IR/NNShapes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::onnx_import;

static LogicalResult notFoldable(NodeContext &nc) {
  return nc.error("this shape computation depends on values or dimensions "
                  "unknown at import; pin the input shapes with --input-shape");
}

static Literal i64Literal(MLIRContext *ctx, llvm::ArrayRef<int64_t> values,
                          llvm::ArrayRef<int64_t> shape) {
  Literal lit;
  lit.elementType = IntegerType::get(ctx, 64);
  lit.shape.assign(shape.begin(), shape.end());
  lit.ints.assign(values.begin(), values.end());
  return lit;
}

/// Binds output 0 to `lit`, or to a constant op when it is too large to keep
/// as a literal.
static void setLiteralOrConstant(NodeContext &nc, Literal lit) {
  if (lit.numElements() <= kMaxFoldElements) {
    nc.setOutput(0, std::move(lit));
    return;
  }
  nc.setOutput(0, nn::ConstantOp::create(nc.builder(), nc.loc, lit.toAttr()));
}

static LogicalResult convertConstant(NodeContext &nc) {
  MLIRContext *ctx = nc.context();
  if (const auto *a = nc.attr("value")) {
    std::string error;
    llvm::SmallVector<int64_t> dims(a->t().dims().begin(), a->t().dims().end());
    if (!isBoundedShape(dims))
      return nc.error("value has a negative dimension or is too large");
    if (RankedTensorType::get(dims, nc.builder().getNoneType())
            .getNumElements() <= kMaxFoldElements) {
      auto lit = tensorToLiteral(ctx, a->t(), "", error);
      if (failed(lit))
        return nc.error(error);
      nc.setOutput(0, std::move(*lit));
      return success();
    }
    auto attr = tensorToAttr(ctx, a->t(), "", nc.resourceThreshold(), error);
    if (failed(attr))
      return nc.error(error);
    nc.setOutput(0, nn::ConstantOp::create(nc.builder(), nc.loc, *attr));
    return success();
  }
  Literal lit;
  if (const auto *a = nc.attr("value_float")) {
    lit.elementType = Float32Type::get(ctx);
    lit.floats = {a->f()};
  } else if (const auto *a = nc.attr("value_floats")) {
    lit.elementType = Float32Type::get(ctx);
    lit.floats.assign(a->floats().begin(), a->floats().end());
    lit.shape = {static_cast<int64_t>(lit.floats.size())};
  } else if (const auto *a = nc.attr("value_int")) {
    lit = i64Literal(ctx, {a->i()}, {});
  } else if (const auto *a = nc.attr("value_ints")) {
    llvm::SmallVector<int64_t> v(a->ints().begin(), a->ints().end());
    lit = i64Literal(ctx, v, {static_cast<int64_t>(v.size())});
  } else {
    return nc.error("only tensor, float and int values are supported "
                    "(not sparse or string constants)");
  }
  nc.setOutput(0, std::move(lit));
  return success();
}

static LogicalResult convertShape(NodeContext &nc) {
  RankedTensorType type = nc.inputType(0);
  if (!type.hasStaticShape())
    return notFoldable(nc);
  int64_t rank = type.getRank();
  int64_t start = nc.attrInt("start", 0), end = nc.attrInt("end", rank);
  auto clampIdx = [&](int64_t v) {
    if (v < 0)
      v += rank;
    return std::clamp<int64_t>(v, 0, rank);
  };
  start = clampIdx(start);
  end = std::max(start, clampIdx(end));
  llvm::ArrayRef<int64_t> dims = type.getShape().slice(start, end - start);
  nc.setOutput(0, i64Literal(nc.context(), dims, {(int64_t)dims.size()}));
  return success();
}

static LogicalResult convertSize(NodeContext &nc) {
  RankedTensorType type = nc.inputType(0);
  if (!type.hasStaticShape())
    return notFoldable(nc);
  nc.setOutput(0, i64Literal(nc.context(), {type.getNumElements()}, {}));
  return success();
}

static LogicalResult convertConstantOfShape(NodeContext &nc) {
  auto shape = nc.intsInput(0, "shape");
  if (failed(shape))
    return failure();
  if (!isBoundedShape(*shape))
    return nc.error("shape has a negative entry or is too large");
  Literal fill;
  fill.elementType = Float32Type::get(nc.context());
  fill.floats = {0.0};
  if (const auto *a = nc.attr("value")) {
    std::string error;
    auto lit = tensorToLiteral(nc.context(), a->t(), "", error);
    if (failed(lit) || lit->numElements() != 1)
      return nc.error("value must be a one-element tensor");
    fill = *lit;
  }
  Literal out;
  out.elementType = fill.elementType;
  out.shape.assign(shape->begin(), shape->end());
  int64_t count = out.numElements();
  if (count > kMaxFoldElements) {
    auto type = RankedTensorType::get(out.shape, out.elementType);
    Attribute splat = fill.toAttr().getSplatValue<Attribute>();
    nc.setOutput(0, nn::ConstantOp::create(nc.builder(), nc.loc,
                                           DenseElementsAttr::get(type, splat)));
    return success();
  }
  for (int64_t i = 0; i < count; ++i)
    out.push(fill.at(0));
  nc.setOutput(0, std::move(out));
  return success();
}

static LogicalResult convertRange(NodeContext &nc) {
  auto lits = nc.allConstInputs();
  if (!lits)
    return notFoldable(nc);
  double start = (*lits)[0]->at(0), limit = (*lits)[1]->at(0),
         delta = (*lits)[2]->at(0);
  if (delta == 0)
    return nc.error("delta must be non-zero");
  double count = std::ceil((limit - start) / delta);
  if (!(count <= kMaxFoldElements))
    return nc.error("range of " + std::to_string(count) +
                    " elements cannot be evaluated at import");
  int64_t n = std::max<int64_t>(0, static_cast<int64_t>(count));
  Literal out;
  out.elementType = (*lits)[0]->elementType;
  out.shape = {n};
  for (int64_t i = 0; i < n; ++i)
    out.push(start + i * delta);
  nc.setOutput(0, std::move(out));
  return success();
}

/// Comparisons, logic and Where: evaluated at import when every input is
/// known (shape computations), an nn op on run-time tensors otherwise.
/// `rule` maps the inputs' elements to the result's; the result is i1 or,
/// for Where, of input 1's element type.
template <typename OpTy>
static LogicalResult convertLogical(NodeContext &nc,
                                    double (*rule)(llvm::ArrayRef<double>)) {
  constexpr bool isWhere = std::is_same_v<OpTy, nn::WhereOp>;
  if (auto lits = nc.allConstInputs()) {
    Type element = isWhere ? (*lits)[1]->elementType
                           : IntegerType::get(nc.context(), 1);
    auto out = broadcastMap(*lits, element, rule);
    if (!out)
      return nc.error("operand shapes are not broadcast-compatible");
    setLiteralOrConstant(nc, std::move(*out));
    return success();
  }
  llvm::SmallVector<Value> operands;
  for (unsigned i = 0; i < nc.numInputs(); ++i)
    operands.push_back(nc.input(i));
  auto op = nc.createOp<OpTy>(operands);
  if (failed(op))
    return failure();
  nc.setOutput(0, op->getResult());
  return success();
}

#define NN_LOGICAL(OP, EXPR)                                                   \
  [](NodeContext &nc) {                                                        \
    return convertLogical<nn::OP>(                                             \
        nc, [](llvm::ArrayRef<double> v) { return double(EXPR); });            \
  }

static LogicalResult convertExpand(NodeContext &nc) {
  const Literal *input = nc.constInput(0);
  auto shape = nc.intsInput(1, "shape");
  if (failed(shape))
    return failure();
  if (!input)
    return nc.error("expanding a tensor computed at run time is not "
                    "supported; only constant inputs are expanded at import");
  if (!isBoundedShape(*shape))
    return nc.error("shape has a negative entry or is too large");
  nn::Shape result;
  std::string error;
  if (failed(nn::broadcastShapes(input->shape, *shape, result, error)))
    return nc.error(error);
  // A zero tensor of the requested shape carries that shape into the map.
  Literal probe;
  probe.elementType = input->elementType;
  probe.shape.assign(shape->begin(), shape->end());
  if (probe.numElements() > kMaxFoldElements)
    return nc.error("expanding to " + llvm::Twine(probe.numElements()) +
                    " elements is too large to evaluate at import");
  for (int64_t i = 0, n = probe.numElements(); i < n; ++i)
    probe.push(0);
  auto out = broadcastMap({input, &probe}, input->elementType,
                          [](llvm::ArrayRef<double> v) { return v[0]; });
  if (!out)
    return nc.error("input does not broadcast to the requested shape");
  setLiteralOrConstant(nc, std::move(*out));
  return success();
}

/// ScatterND on known tensors (PyTorch exports slice assignments to masks
/// built from shapes, e.g. swin's shifted-window attention mask, with it):
/// a copy of data with the slices that indices' rows address replaced by
/// (or, with `reduction`, combined with) the updates.
static LogicalResult convertScatterND(NodeContext &nc) {
  auto lits = nc.allConstInputs();
  if (!lits) {
    unsigned i = 0;
    while (i < 2 && nc.constInput(i))
      ++i;
    return nc.error("input " + llvm::Twine(i) + " ('" + nc.node.input(i) +
                    "') is computed at run time; ScatterND is evaluated at "
                    "import only, on known tensors");
  }
  const Literal &data = *(*lits)[0], &indices = *(*lits)[1],
                &updates = *(*lits)[2];
  std::string reduction = nc.attrString("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul")
    return nc.error("reduction '" + reduction + "' is not supported");
  int64_t rank = data.shape.size();
  if (indices.shape.empty())
    return nc.error("indices must have rank at least 1");
  int64_t k = indices.shape.back();
  if (k < 1 || k > rank)
    return nc.error("the last dimension of indices (" + llvm::Twine(k) +
                    ") must be in [1, " + llvm::Twine(rank) + "]");
  llvm::SmallVector<int64_t> expected(indices.shape.begin(),
                                      indices.shape.end() - 1);
  expected.append(data.shape.begin() + k, data.shape.end());
  if (llvm::ArrayRef<int64_t>(updates.shape) != llvm::ArrayRef(expected))
    return nc.error("updates do not have the shape indices.shape[:-1] + "
                    "data.shape[k:]");
  auto strides = stridesOf(data.shape);
  int64_t slice = 1;
  for (int64_t d = k; d < rank; ++d)
    slice *= data.shape[d];
  std::vector<double> out(data.numElements());
  for (int64_t i = 0, n = data.numElements(); i < n; ++i)
    out[i] = data.at(i);
  int64_t rows = k ? indices.numElements() / k : 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t base = 0;
    for (int64_t d = 0; d < k; ++d) {
      int64_t idx = indices.intAt(r * k + d);
      if (idx < 0)
        idx += data.shape[d];
      if (idx < 0 || idx >= data.shape[d])
        return nc.error("index " + llvm::Twine(indices.intAt(r * k + d)) +
                        " is out of range for dimension " + llvm::Twine(d));
      base += idx * strides[d];
    }
    for (int64_t j = 0; j < slice; ++j) {
      double u = updates.at(r * slice + j);
      double &o = out[base + j];
      o = reduction == "add" ? o + u : reduction == "mul" ? o * u : u;
    }
  }
  Literal lit;
  lit.elementType = data.elementType;
  lit.shape = data.shape;
  for (double v : out)
    lit.push(v);
  setLiteralOrConstant(nc, std::move(lit));
  return success();
}

void mlir::tessel::onnx_import::addShapeFolders(
    llvm::StringMap<Converter> &table) {
  table["Constant"] = convertConstant;
  table["Shape"] = convertShape;
  table["Size"] = convertSize;
  table["ConstantOfShape"] = convertConstantOfShape;
  table["Range"] = convertRange;
  table["Equal"] = NN_LOGICAL(EqualOp, v[0] == v[1]);
  table["Less"] = NN_LOGICAL(LessOp, v[0] < v[1]);
  table["LessOrEqual"] = NN_LOGICAL(LessOrEqualOp, v[0] <= v[1]);
  table["Greater"] = NN_LOGICAL(GreaterOp, v[0] > v[1]);
  table["GreaterOrEqual"] = NN_LOGICAL(GreaterOrEqualOp, v[0] >= v[1]);
  table["And"] = NN_LOGICAL(AndOp, v[0] != 0 && v[1] != 0);
  table["Or"] = NN_LOGICAL(OrOp, v[0] != 0 || v[1] != 0);
  table["Xor"] = NN_LOGICAL(XorOp, (v[0] != 0) != (v[1] != 0));
  table["Not"] = NN_LOGICAL(NotOp, v[0] == 0);
  table["Where"] = NN_LOGICAL(WhereOp, v[0] != 0 ? v[1] : v[2]);
  table["Expand"] = convertExpand;
  table["ScatterND"] = convertScatterND;
}
