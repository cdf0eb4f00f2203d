//===- NNInterfaces.cpp - nn.conv, nn.gemm, nn.matmul as linear layers ----===//
//
// The one place that knows, per linear op, which operand is which and how
// its dimensions map onto a matrix product or a convolution on the array.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/NN/IR/NNInterfaces.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/NN/IR/QuantizedLinear.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

#include "tessel/Dialect/NN/IR/NNInterfaces.cpp.inc"

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

static int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

/// The optional operand of `range`, or null.
static OpOperand *optionalOperand(MutableOperandRange range) {
  return range.empty() ? nullptr : &range[0];
}

//===----------------------------------------------------------------------===//
// The interface's shared methods
//===----------------------------------------------------------------------===//

bool LinearOpInterface::hasQuantizedOperands() {
  return qt::isQuantizedElement(rankedType(getInput()).getElementType()) ||
         qt::isQuantizedElement(rankedType(getWeight()).getElementType());
}

Type LinearOpInterface::getAccumulatorType(const qt::FormatOf &input,
                                           const qt::FormatOf &weight) {
  return accumulatorType(getContext(), input, weight, getResultChannelDim());
}

Type LinearOpInterface::getBiasAccumulatorType(const qt::FormatOf &input,
                                               const qt::FormatOf &weight) {
  // A bias broadcasts along the result's trailing dimensions, so its
  // channels are its last dimension.
  int64_t rank = rankedType(getBias()).getRank();
  return accumulatorType(getContext(), input, weight,
                         std::max<int64_t>(rank - 1, 0));
}

//===----------------------------------------------------------------------===//
// nn.conv: input N x C x D..., weight M x C/group x K..., bias (M)
//===----------------------------------------------------------------------===//

OpOperand &ConvOp::getInputOperand() { return getInputMutable(); }
OpOperand &ConvOp::getWeightOperand() { return getWeightMutable(); }
OpOperand *ConvOp::getBiasOperand() { return optionalOperand(getBiasMutable()); }
int64_t ConvOp::getInputContractedDim() { return 1; }
int64_t ConvOp::getWeightContractedDim() { return 1; }
int64_t ConvOp::getWeightChannelDim() { return 0; }
int64_t ConvOp::getResultChannelDim() { return 1; }
bool ConvOp::isPlainProduct() { return true; }

int64_t ConvOp::getContractedSize() {
  auto w = rankedType(getWeight());
  return w.getNumElements() / std::max<int64_t>(w.getDimSize(0), 1);
}

std::optional<LinearLayer> ConvOp::getLinearLayer() {
  auto x = rankedType(getInput()), w = rankedType(getWeight()),
       y = rankedType(getOutput());
  if (!x.hasStaticShape() || !w.hasStaticShape() || !y.hasStaticShape())
    return std::nullopt;
  size_t spatial = x.getRank() - 2;
  LinearLayer l;
  l.kind = LinearKind::Conv;
  l.batch = x.getDimSize(0);
  l.inChannels = x.getDimSize(1);
  l.outChannels = w.getDimSize(0);
  l.groups = getGroup();
  l.hasBias = bool(getBias());
  l.inputSize.assign(x.getShape().drop_front(2).begin(), x.getShape().end());
  l.kernelSize.assign(w.getShape().drop_front(2).begin(), w.getShape().end());
  l.outputSize.assign(y.getShape().drop_front(2).begin(), y.getShape().end());
  l.strides.assign(getStrides().begin(), getStrides().end());
  l.dilations.assign(getDilations().begin(), getDilations().end());
  ArrayRef<int64_t> pads = getPads();
  l.padsBegin.assign(pads.begin(), pads.begin() + spatial);
  l.padsEnd.assign(pads.begin() + spatial, pads.end());
  // The im2col product of one group.
  l.m = l.batch * product(l.outputSize);
  l.n = l.outChannels / l.groups;
  l.k = l.inChannels / l.groups * product(l.kernelSize);
  return l;
}

//===----------------------------------------------------------------------===//
// nn.gemm: op(a) (M x K) x op(b) (K x N) + c
//===----------------------------------------------------------------------===//

OpOperand &GemmOp::getInputOperand() { return getAMutable(); }
OpOperand &GemmOp::getWeightOperand() { return getBMutable(); }
OpOperand *GemmOp::getBiasOperand() { return optionalOperand(getCMutable()); }
int64_t GemmOp::getInputContractedDim() { return getTransA() ? 0 : 1; }
int64_t GemmOp::getWeightContractedDim() { return getTransB() ? 1 : 0; }
int64_t GemmOp::getWeightChannelDim() { return getTransB() ? 0 : 1; }
int64_t GemmOp::getResultChannelDim() { return 1; }

int64_t GemmOp::getContractedSize() {
  return rankedType(getA()).getDimSize(getInputContractedDim());
}

bool GemmOp::isPlainProduct() {
  return getAlpha().convertToDouble() == 1.0 &&
         getBeta().convertToDouble() == 1.0;
}

std::optional<LinearLayer> GemmOp::getLinearLayer() {
  auto a = rankedType(getA()), b = rankedType(getB());
  if (!a.hasStaticShape() || !b.hasStaticShape())
    return std::nullopt;
  LinearLayer l;
  l.transposeA = getTransA();
  l.transposeB = getTransB();
  l.m = a.getDimSize(l.transposeA ? 1 : 0);
  l.k = a.getDimSize(getInputContractedDim());
  l.n = b.getDimSize(getWeightChannelDim());
  l.hasBias = bool(getC());
  return l;
}

//===----------------------------------------------------------------------===//
// nn.matmul: numpy matmul, a (... x M x K) x b (... x K x N)
//===----------------------------------------------------------------------===//

OpOperand &MatMulOp::getInputOperand() { return getAMutable(); }
OpOperand &MatMulOp::getWeightOperand() { return getBMutable(); }
OpOperand *MatMulOp::getBiasOperand() { return nullptr; }
bool MatMulOp::isPlainProduct() { return true; }

int64_t MatMulOp::getInputContractedDim() {
  return rankedType(getA()).getRank() - 1;
}
int64_t MatMulOp::getWeightContractedDim() {
  int64_t rank = rankedType(getB()).getRank();
  return rank == 1 ? 0 : rank - 2;
}
int64_t MatMulOp::getWeightChannelDim() {
  int64_t rank = rankedType(getB()).getRank();
  return rank == 1 ? -1 : rank - 1;
}
int64_t MatMulOp::getResultChannelDim() {
  if (rankedType(getB()).getRank() == 1)
    return -1;
  return rankedType(getOutput()).getRank() - 1;
}

int64_t MatMulOp::getContractedSize() {
  return rankedType(getA()).getDimSize(getInputContractedDim());
}

std::optional<LinearLayer> MatMulOp::getLinearLayer() {
  auto a = rankedType(getA()), b = rankedType(getB());
  if (!a.hasStaticShape() || !b.hasStaticShape())
    return std::nullopt;
  ArrayRef<int64_t> sa = a.getShape(), sb = b.getShape();
  // A 1-D operand is one row of A or one column of B, without batch.
  ArrayRef<int64_t> batchA = sa.drop_back(std::min<size_t>(sa.size(), 2));
  ArrayRef<int64_t> batchB = sb.drop_back(std::min<size_t>(sb.size(), 2));
  LinearLayer l;
  l.m = sa.size() == 1 ? 1 : sa[sa.size() - 2];
  l.k = sa.back();
  l.n = sb.size() == 1 ? 1 : sb.back();
  // The batch dimensions broadcast right-aligned, a 1 to the other size.
  int64_t batch = 1;
  for (size_t i = 1; i <= std::max(batchA.size(), batchB.size()); ++i) {
    int64_t da = i <= batchA.size() ? batchA[batchA.size() - i] : 1;
    int64_t db = i <= batchB.size() ? batchB[batchB.size() - i] : 1;
    batch *= da == 1 ? db : da;
  }
  // One weight for every batch: the batches are consecutive rows of A and
  // of the result, so they fold into one product.
  if (product(batchB) == 1)
    l.m *= batch;
  else
    l.batch = batch;
  return l;
}
