//===- TileOps.cpp - verifiers of the accelerator form ---------------------===//

#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/NN/IR/NNShapes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

namespace {

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(shape, os, "x");
  return s;
}

/// The rules every layer result follows: int8 with requantization scales
/// (one, or one per channel), the raw int32 accumulator without, and no
/// activation on a raw accumulator.
LogicalResult verifyRequantization(Operation *op,
                                   std::optional<ArrayRef<float>> scales,
                                   Activation activation, Type resultElem,
                                   int64_t channels) {
  if (scales) {
    if (!resultElem.isInteger(8))
      return op->emitOpError("with acc_scale the result holds int8, not ")
             << resultElem;
    if (scales->size() != 1 && int64_t(scales->size()) != channels)
      return op->emitOpError("acc_scale has ")
             << scales->size() << " scales; expected 1 or one per channel ("
             << channels << ")";
    for (float s : *scales)
      if (!std::isfinite(s) || s <= 0)
        return op->emitOpError("acc_scale ")
               << s << " is not a positive finite number";
    return success();
  }
  if (!resultElem.isInteger(32))
    return op->emitOpError("without acc_scale the result is the int32 "
                           "accumulator, not ")
           << resultElem;
  if (activation != Activation::none)
    return op->emitOpError("the raw accumulator is not activated: an "
                           "activation needs acc_scale");
  return success();
}

/// One bias per output channel; for a matrix product (`result`, its
/// shape) one per result element is the other form.
LogicalResult verifyBias(Operation *op, Value bias, int64_t channels,
                         std::optional<ArrayRef<int64_t>> result = {}) {
  if (!bias)
    return success();
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getRank() == 1 && type.getDimSize(0) == channels)
    return success();
  auto diag = op->emitOpError("bias must be tensor<")
              << channels << "xi32> (one per output channel)";
  if (result)
    diag << " or tensor<" << shapeString(*result)
         << "xi32> (one per result element)";
  return diag << ", got " << type;
}

} // namespace

//===----------------------------------------------------------------------===//
// tile.matmul
//===----------------------------------------------------------------------===//

int64_t MatmulOp::getK() { return getA().getType().getShape().back(); }
int64_t MatmulOp::getN() { return getB().getType().getShape().back(); }
int64_t MatmulOp::getBatch() {
  ArrayRef<int64_t> shape = getA().getType().getShape();
  int64_t batch = 1;
  for (int64_t d : shape.drop_back(2))
    batch *= d;
  return batch;
}
int64_t MatmulOp::getM() {
  return getA().getType().getShape().drop_back().back() *
         (hasSharedB() ? getBatch() : 1);
}

LogicalResult MatmulOp::verify() {
  ArrayRef<int64_t> a = getA().getType().getShape(),
                    b = getB().getType().getShape(),
                    c = getResult().getType().getShape();
  if (a.size() < 2)
    return emitOpError("a must have rank 2 or more, got rank ") << a.size();
  if (b.size() != 2 && b.size() != a.size())
    return emitOpError("b must have rank 2 (shared) or a's rank ")
           << a.size() << ", got rank " << b.size();
  if (b.size() == a.size() && a.drop_back(2) != b.drop_back(2))
    return emitOpError("batch dimensions of a (")
           << shapeString(a.drop_back(2)) << ") and b ("
           << shapeString(b.drop_back(2)) << ") differ";
  if (a.back() != b[b.size() - 2])
    return emitOpError("contracted sizes differ: a has ")
           << a.back() << " columns, b has " << b[b.size() - 2] << " rows";
  SmallVector<int64_t> want(a.drop_back());
  want.push_back(b.back());
  if (c != ArrayRef<int64_t>(want))
    return emitOpError("result shape must be ")
           << shapeString(want) << ", got " << shapeString(c);
  for (int64_t d : llvm::concat<const int64_t>(a, b))
    if (d == 0)
      return emitOpError("has an empty dimension");
  // A bias per result element has the result's shape; a batch of weights
  // may come with a batch of biases.
  TypedValue<RankedTensorType> bias = getBias();
  if (bias && !hasFullBias() && !hasSharedB() &&
      bias.getType().getRank() > 1) {
    SmallVector<int64_t> batched(b.drop_back());
    batched.back() = b.back();
    if (bias.getType().getShape() != ArrayRef<int64_t>(batched))
      return emitOpError("a batched bias must be tensor<")
             << shapeString(batched) << "xi32> (one per batch element and "
             << "output channel), got " << bias.getType();
  } else if (!hasFullBias() && failed(verifyBias(*this, bias, b.back(), c))) {
    return failure();
  }
  if (failed(verifyRequantization(*this, getAccScale(), getActivation(),
                                  getResult().getType().getElementType(),
                                  b.back())))
    return failure();
  if (std::optional<ArrayRef<int64_t>> tiles = getTiles()) {
    if (tiles->size() != 3 || llvm::any_of(*tiles, [](int64_t t) {
          return t < 1 || t > 65535;
        }))
      return emitOpError("tiles must be three block counts (I, J, K) in "
                         "1..65535");
  }
  if (std::optional<uint64_t> cycles = getEstimatedCycles();
      cycles && int64_t(*cycles) < 0)
    return emitOpError("estimated_cycles must not be negative");
  return success();
}

//===----------------------------------------------------------------------===//
// tile.conv
//===----------------------------------------------------------------------===//

namespace {

/// The output pixels of a 2-D window, or failure with `error`.
LogicalResult windowOutput(ArrayRef<int64_t> in, ArrayRef<int64_t> kernel,
                           ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                           ArrayRef<int64_t> dilations,
                           SmallVectorImpl<int64_t> &out, std::string &error) {
  if (failed(nn::checkWindowAttrs(2, strides, pads, dilations, error)))
    return failure();
  for (int i = 0; i < 2; ++i) {
    int64_t o = 0;
    if (failed(nn::windowOutputSize(in[i], kernel[i], strides[i], pads[i],
                                    pads[i + 2], dilations[i], false, o,
                                    error)))
      return failure();
    out.push_back(o);
  }
  return success();
}

} // namespace

LogicalResult ConvOp::verify() {
  ArrayRef<int64_t> x = getInput().getType().getShape(),
                    w = getWeight().getType().getShape(),
                    y = getResult().getType().getShape();
  if (x.size() != 4 || w.size() != 4)
    return emitOpError("input and weight must have rank 4 (NCHW, OIHW)");
  int64_t groups = getGroups();
  if (groups < 1 || x[1] % groups || w[0] % groups)
    return emitOpError("groups ")
           << groups << " must divide the input channels (" << x[1]
           << ") and the output channels (" << w[0] << ")";
  if (w[1] * groups != x[1])
    return emitOpError("weight has ")
           << w[1] << " input channels per group; the input has " << x[1]
           << " channels in " << groups << " groups";
  std::string error;
  SmallVector<int64_t> want = {x[0], w[0]};
  if (failed(windowOutput(x.drop_front(2), w.drop_front(2), getStrides(),
                          getPads(), getDilations(), want, error)))
    return emitOpError(error);
  if (std::optional<ArrayRef<int64_t>> pool = getPool()) {
    if (pool->size() != 3 || (*pool)[0] < 1 || (*pool)[1] < 1 ||
        (*pool)[2] < 0 || (*pool)[0] > 65535 || (*pool)[1] > 255 ||
        (*pool)[2] > 255)
      return emitOpError("pool must be a window size in 1..65535, a stride "
                         "in 1..255 and a padding in 0..255");
    if (!getAccScale())
      return emitOpError("pool needs acc_scale: the store path pools the "
                         "int8 result");
    for (int i = 2; i < 4; ++i) {
      int64_t padded = want[i] + 2 * (*pool)[2];
      if (padded < (*pool)[0])
        return emitOpError("pool window ")
               << (*pool)[0] << " exceeds the padded output (" << padded
               << ")";
      want[i] = (padded - (*pool)[0]) / (*pool)[1] + 1;
    }
  }
  if (y != ArrayRef<int64_t>(want))
    return emitOpError("result shape must be ")
           << shapeString(want) << ", got " << shapeString(y);
  if (failed(verifyBias(*this, getBias(), w[0])))
    return failure();
  if (std::optional<ArrayRef<int64_t>> tiles = getTiles())
    if (tiles->size() != 7 || llvm::any_of(*tiles, [](int64_t t) {
          return t < 1 || t > 65535;
        }))
      return emitOpError("tiles must be seven sizes (batches, pooled output "
                         "rows and columns, output channels, kernel rows and "
                         "columns, input channels) in 1..65535");
  return verifyRequantization(*this, getAccScale(), getActivation(),
                              getResult().getType().getElementType(), w[0]);
}

SmallVector<int64_t, 4> ConvOp::getConvShape() {
  ArrayRef<int64_t> x = getInput().getType().getShape(),
                    w = getWeight().getType().getShape();
  SmallVector<int64_t> shape = {x[0], w[0]};
  std::string error;
  (void)windowOutput(x.drop_front(2), w.drop_front(2), getStrides(), getPads(),
                     getDilations(), shape, error);
  return SmallVector<int64_t, 4>(shape.begin(), shape.end());
}

//===----------------------------------------------------------------------===//
// tile.im2col
//===----------------------------------------------------------------------===//

LogicalResult Im2ColOp::verify() {
  ArrayRef<int64_t> x = getInput().getType().getShape(),
                    r = getResult().getType().getShape();
  if (x.size() != 4)
    return emitOpError("input must have rank 4 (NCHW), got rank ") << x.size();
  if (getKernel().size() != 2 || llvm::any_of(getKernel(), [](int64_t k) {
        return k < 1;
      }))
    return emitOpError("kernel must be two positive sizes");
  if (getInput().getType().getElementType() !=
      getResult().getType().getElementType())
    return emitOpError("result element type must be the input's");
  std::string error;
  SmallVector<int64_t> out;
  if (failed(windowOutput(x.drop_front(2), getKernel(), getStrides(),
                          getPads(), getDilations(), out, error)))
    return emitOpError(error);
  SmallVector<int64_t> want = {x[0] * out[0] * out[1],
                               x[1] * getKernel()[0] * getKernel()[1]};
  if (r != ArrayRef<int64_t>(want))
    return emitOpError("result shape must be ")
           << shapeString(want) << ", got " << shapeString(r);
  return success();
}

//===----------------------------------------------------------------------===//
// tile.requantize
//===----------------------------------------------------------------------===//

LogicalResult RequantizeOp::verify() {
  auto in = getInput().getType();
  if (in.getShape() != getResult().getType().getShape())
    return emitOpError("result shape must be the input's");
  int64_t axis = getAxis();
  if (axis < 0 || axis >= in.getRank())
    return emitOpError("axis ") << axis << " is outside rank " << in.getRank();
  return verifyRequantization(*this, getAccScale(), getActivation(),
                              getResult().getType().getElementType(),
                              in.getDimSize(axis));
}

#define GET_OP_CLASSES
#include "tessel/Dialect/Tile/IR/TileOps.cpp.inc"
