//===- ShapeFolding.cpp - ONNX ops that only compute shapes ---------------===//
//
// Shape, Size, ConstantOfShape, Range, Equal, Where, Expand and Constant are
// evaluated at import: exporters (PyTorch in particular) compute Reshape
// targets with them. tessel compiles static shapes, so these must fold.
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

static LogicalResult convertEqual(NodeContext &nc) {
  auto lits = nc.allConstInputs();
  if (!lits)
    return notFoldable(nc);
  auto out = broadcastMap(*lits, IntegerType::get(nc.context(), 1),
                          [](llvm::ArrayRef<double> v) {
                            return double(v[0] == v[1]);
                          });
  if (!out)
    return nc.error("operand shapes are not broadcast-compatible");
  setLiteralOrConstant(nc, std::move(*out));
  return success();
}

static LogicalResult convertWhere(NodeContext &nc) {
  auto lits = nc.allConstInputs();
  if (!lits)
    return notFoldable(nc);
  auto out = broadcastMap(*lits, (*lits)[1]->elementType,
                          [](llvm::ArrayRef<double> v) {
                            return v[0] != 0 ? v[1] : v[2];
                          });
  if (!out)
    return nc.error("operand shapes are not broadcast-compatible");
  setLiteralOrConstant(nc, std::move(*out));
  return success();
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

void mlir::tessel::onnx_import::addShapeFolders(
    llvm::StringMap<Converter> &table) {
  table["Constant"] = convertConstant;
  table["Shape"] = convertShape;
  table["Size"] = convertSize;
  table["ConstantOfShape"] = convertConstantOfShape;
  table["Range"] = convertRange;
  table["Equal"] = convertEqual;
  table["Where"] = convertWhere;
  table["Expand"] = convertExpand;
}
