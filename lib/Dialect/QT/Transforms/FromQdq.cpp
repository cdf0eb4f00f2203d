//===- FromQdq.cpp - --qt-from-qdq ----------------------------------------===//
//
// ONNX keeps quantized tensors as plain integers beside scale and zero-point
// tensors. Where those parameters are constants, each integer tensor can be
// a value of a !quant.uniform type instead; the pass builds that value for
// every integer tensor whose producer it understands (quantize_linear, an
// integer constant, a converted QLinear op) and moves the users it
// understands (dequantize_linear, QLinear ops) onto it. Then float linear
// ops on dequantized operands become quantized ones.
//
//===----------------------------------------------------------------------===//

#include "QuantizedRewrite.h"

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/QT/Transforms/Passes.h"
#include "tessel/Interpreter/Tensor.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::tessel::qt {
#define GEN_PASS_DEF_QTFROMQDQ
#include "tessel/Dialect/QT/Transforms/Passes.h.inc"
} // namespace mlir::tessel::qt

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;

namespace {

/// The elements of a constant, or nothing.
std::optional<std::vector<double>> constantValues(Value v) {
  auto c = v ? v.getDefiningOp<nn::ConstantOp>() : nullptr;
  if (!c)
    return std::nullopt;
  auto t = interp::Tensor::fromAttr(c.getValue());
  if (failed(t))
    return std::nullopt;
  std::vector<double> values(t->getNumElements());
  for (int64_t i = 0; i < t->getNumElements(); ++i)
    values[i] = t->getAsDouble(i);
  return values;
}

/// The !quant.uniform type of an integer tensor of `storage` elements and
/// `rank` with constant `scale` and (optional) `zeroPoint`: per tensor for
/// one scale, else along `axis`. Null when the parameters are not
/// constants or do not fit.
Type uniformType(Type storage, Value scale, Value zeroPoint, int64_t axis,
                 int64_t rank) {
  auto intType = dyn_cast<IntegerType>(storage);
  auto scales = constantValues(scale);
  if (!intType || intType.getWidth() > 32 || !scales || scales->empty())
    return {};
  std::vector<double> zeros(scales->size(), 0.0);
  if (zeroPoint) {
    auto z = constantValues(zeroPoint);
    if (!z || z->size() != scales->size())
      return {};
    zeros = *z;
  }
  if (scales->size() > 1) {
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return {};
  } else {
    axis = -1;
  }
  llvm::SmallVector<int64_t> zp(zeros.begin(), zeros.end());
  return uniformQuantizedType(storage.getContext(), intType.getWidth(),
                              !intType.isUnsigned(), *scales, zp, axis);
}

struct FromQdqPass : mlir::tessel::qt::impl::QTFromQdqBase<FromQdqPass> {
  void runOnOperation() override;

private:
  /// `v` (an integer tensor) as a value of element type `type`, built in
  /// front of `user`; null if its producer is not understood.
  Value quantized(Value v, Type type, Operation *user);
  void convertQLinear(Operation *op);
  void convertDequantize(nn::DequantizeLinearOp op);
  void fuseLinear(nn::LinearOpInterface op);

  /// Integer tensors already given a quantized value, by type.
  llvm::DenseMap<std::pair<Value, Type>, Value> known;
};

Value FromQdqPass::quantized(Value v, Type type, Operation *user) {
  if (!type)
    return {};
  auto key = std::make_pair(v, type);
  if (auto it = known.find(key); it != known.end())
    return it->second;
  auto shaped = cast<RankedTensorType>(v.getType());
  RankedTensorType qType = shaped.clone(type);
  Value result;
  if (auto q = v.getDefiningOp<nn::QuantizeLinearOp>()) {
    // The same parameters: encode the float input directly.
    Type own = uniformType(shaped.getElementType(), q.getScale(),
                           q.getZeroPoint(), q.getAxis(), shaped.getRank());
    if (own != type || !isa<FloatType>(q.getInput().getType().getElementType()))
      return {};
    OpBuilder b(q->getNextNode());
    result = QuantizeOp::create(b, q.getLoc(), qType, q.getInput());
  } else if (auto c = v.getDefiningOp<nn::ConstantOp>()) {
    // The constant's values, requantized: (k - z) * s in f64 encodes back
    // to k exactly.
    auto ints = constantValues(v);
    if (!ints)
      return {};
    // Scales and zero points from the format or the accumulator type.
    llvm::SmallVector<double> scales;
    llvm::SmallVector<int64_t> zeros;
    int64_t axis;
    if (auto acc = accumulatorOf(type)) {
      if (!acc->symmetric)
        return {};
      scales = acc->scales;
      axis = acc->axis;
    } else {
      std::string error;
      auto f = formatOf(type, error);
      if (failed(f))
        return {};
      scales = f->scales;
      zeros = f->zeroPoints;
      axis = f->axis;
    }
    std::vector<double> values(ints->size());
    for (size_t i = 0; i < values.size(); ++i) {
      int64_t ch = channelAt(int64_t(i), shaped.getShape(), axis);
      values[i] = ((*ints)[i] - (zeros.empty() ? 0 : zeros[ch])) * scales[ch];
    }
    OpBuilder b(user);
    auto f64 = shaped.clone(Float64Type::get(&getContext()));
    Value floats = nn::ConstantOp::create(
        b, c.getLoc(), f64,
        DenseElementsAttr::get(f64, llvm::ArrayRef<double>(values)));
    result = QuantizeOp::create(b, c.getLoc(), qType, floats);
  } else {
    return {};
  }
  known[key] = result;
  return result;
}

/// QLinearConv / QLinearMatMul: the quantized op into the accumulator,
/// then qt.requantize to the output's type.
void FromQdqPass::convertQLinear(Operation *op) {
  Value x, xs, xz, w, ws, wz, ys, yz, bias;
  int64_t wAxis;
  if (auto c = dyn_cast<nn::QLinearConvOp>(op)) {
    x = c.getX(), xs = c.getXScale(), xz = c.getXZeroPoint();
    w = c.getW(), ws = c.getWScale(), wz = c.getWZeroPoint();
    ys = c.getYScale(), yz = c.getYZeroPoint(), bias = c.getBias();
    wAxis = 0;
  } else {
    auto m = cast<nn::QLinearMatMulOp>(op);
    x = m.getA(), xs = m.getAScale(), xz = m.getAZeroPoint();
    w = m.getB(), ws = m.getBScale(), wz = m.getBZeroPoint();
    ys = m.getYScale(), yz = m.getYZeroPoint();
    wAxis = -1;
  }
  auto xt = cast<RankedTensorType>(x.getType()),
       wt = cast<RankedTensorType>(w.getType());
  auto yt = cast<RankedTensorType>(op->getResult(0).getType());
  Type xe = uniformType(xt.getElementType(), xs, xz, 1, xt.getRank());
  Type we = uniformType(wt.getElementType(), ws, wz, wAxis, wt.getRank());
  Type ye = uniformType(yt.getElementType(), ys, yz, 1, yt.getRank());
  if (!xe || !we || !ye)
    return;
  std::string error;
  auto fx = formatOf(xe, error), fw = formatOf(we, error);
  if (failed(fx) || failed(fw))
    return;
  Value xq = quantized(x, xe, op), wq = quantized(w, we, op);
  if (!xq || !wq)
    return;
  OpBuilder b(op);
  MLIRContext *ctx = &getContext();
  int64_t resultAxis = isa<nn::QLinearConvOp>(op) ? 1 : yt.getRank() - 1;
  Type acc = nn::accumulatorType(ctx, *fx, *fw, resultAxis);
  Value bq;
  if (bias && !(bq = quantized(bias, nn::accumulatorType(ctx, *fx, *fw, 0), op)))
    return;
  OperationState state(op->getLoc(), isa<nn::QLinearConvOp>(op)
                                         ? nn::ConvOp::getOperationName()
                                         : nn::MatMulOp::getOperationName());
  state.addOperands({xq, wq});
  if (bq)
    state.addOperands(bq);
  state.addTypes(yt.clone(acc));
  // QLinearConv's attributes are nn.conv's (strides, pads, dilations, group).
  if (isa<nn::QLinearConvOp>(op))
    state.addAttributes(op->getAttrs());
  Operation *product = b.create(state);
  if (failed(mlir::verify(product))) {
    product->erase();
    return;
  }
  Value y = RequantizeOp::create(b, op->getLoc(), yt.clone(ye),
                                 product->getResult(0));
  known[{op->getResult(0), ye}] = y;
}

void FromQdqPass::convertDequantize(nn::DequantizeLinearOp op) {
  auto in = cast<RankedTensorType>(op.getInput().getType());
  Type type = uniformType(in.getElementType(), op.getScale(),
                          op.getZeroPoint(), op.getAxis(), in.getRank());
  if (!type || !op.getOutput().getType().getElementType().isF32())
    return;
  Value q = quantized(op.getInput(), type, op);
  if (!q)
    return;
  OpBuilder b(op);
  Value d = DequantizeOp::create(b, op.getLoc(), op.getOutput().getType(), q);
  op.getOutput().replaceAllUsesWith(d);
}

/// A float linear op on dequantized input and weight: the same op on the
/// quantized values.
void FromQdqPass::fuseLinear(nn::LinearOpInterface op) {
  auto xd = op.getInput().getDefiningOp<DequantizeOp>();
  auto wd = op.getWeight().getDefiningOp<DequantizeOp>();
  if (!xd || !wd || !op.isPlainProduct())
    return;
  Type xe = xd.getInput().getType().getElementType(),
       we = wd.getInput().getType().getElementType();
  std::string error;
  auto fx = formatOf(xe, error), fw = formatOf(we, error);
  if (failed(fx) || failed(fw))
    return;
  bool accumulate = fitsAccumulator(*fx, *fw, op.getContractedSize());
  Value bias = op.getBias();
  if (accumulate && bias) {
    // An integer bias in the accumulator's scales is added as integers;
    // a float one needs a float result.
    auto bd = bias.getDefiningOp<DequantizeOp>();
    Type want = op.getBiasAccumulatorType(*fx, *fw);
    // Exporters' float32 products of the scales agree to about 1e-7.
    if (bd && nn::sameAccumulator(bd.getInput().getType().getElementType(),
                                  want, 1e-6)) {
      // Exporters compute the bias scale in float32; re-encode it in the
      // accumulator's exact scales (a no-op when they agree).
      OpBuilder b(op);
      bias = bd.getInput();
      if (bd.getInput().getType().getElementType() != want)
        bias = RequantizeOp::create(b, op->getLoc(),
                                    bd.getInput().getType().clone(want), bias);
    } else {
      accumulate = false;
    }
  }
  Type acc = accumulate ? op.getAccumulatorType(*fx, *fw) : Type();
  replaceWithQuantized(op, xd.getInput(), wd.getInput(), bias, acc);
}

void FromQdqPass::runOnOperation() {
  func::FuncOp f = getOperation();
  known.clear();
  llvm::SmallVector<Operation *> ops;
  f.walk([&](Operation *op) { ops.push_back(op); });
  for (Operation *op : ops) {
    if (isa<nn::QLinearConvOp, nn::QLinearMatMulOp>(op))
      convertQLinear(op);
    else if (auto dq = dyn_cast<nn::DequantizeLinearOp>(op))
      convertDequantize(dq);
  }
  llvm::SmallVector<nn::LinearOpInterface> linears;
  f.walk([&](nn::LinearOpInterface op) {
    if (cast<ShapedType>(op.getOutput().getType()).getElementType().isF32())
      linears.push_back(op);
  });
  for (nn::LinearOpInterface op : linears)
    fuseLinear(op);
  // Drop what no longer has users, last first.
  llvm::SmallVector<Operation *> all;
  f.walk([&](Operation *op) { all.push_back(op); });
  for (Operation *op : llvm::reverse(all))
    if (op->getDialect() &&
        isa<nn::NNDialect, QTDialect>(op->getDialect()) && op->use_empty() &&
        isMemoryEffectFree(op))
      op->erase();
}

} // namespace
