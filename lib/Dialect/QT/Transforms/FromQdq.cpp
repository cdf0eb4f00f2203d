//===- FromQdq.cpp - --qt-from-qdq ----------------------------------------===//
//
// ONNX keeps quantized tensors as plain integers beside scale and zero-point
// tensors. Where those parameters are constants, each integer tensor can be
// a value of a !quant.uniform type instead: the same stored integers
// (qt.storage_cast), or the float input of a quantize_linear encoded with
// the same parameters. The pass moves the users it understands
// (dequantize_linear, the QLinear and Integer ops) onto those values. Then
// float linear ops on dequantized operands become quantized ones.
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
/// `rank` with `scales` and `zeros` (one of each, or one per index of
/// `axis`). Null when they do not fit.
Type uniformType(Type storage, llvm::ArrayRef<double> scales,
                 llvm::ArrayRef<double> zeros, int64_t axis, int64_t rank) {
  auto intType = dyn_cast<IntegerType>(storage);
  if (!intType || intType.getWidth() > 32 || scales.empty() ||
      zeros.size() != scales.size())
    return {};
  if (scales.size() > 1) {
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return {};
  } else {
    axis = -1;
  }
  llvm::SmallVector<int64_t> zp(zeros.begin(), zeros.end());
  return uniformQuantizedType(storage.getContext(), intType.getWidth(),
                              !intType.isUnsigned(), scales, zp, axis);
}

/// The same with constant `scale` and (optional) `zeroPoint` operands; null
/// when they are not constants.
Type uniformType(Type storage, Value scale, Value zeroPoint, int64_t axis,
                 int64_t rank) {
  auto scales = constantValues(scale);
  if (!scales)
    return {};
  std::vector<double> zeros(scales->size(), 0.0);
  if (zeroPoint) {
    auto z = constantValues(zeroPoint);
    if (!z)
      return {};
    zeros = *z;
  }
  return uniformType(storage, *scales, zeros, axis, rank);
}

/// An Integer op's operand type: scale 1 and the constant `zeroPoint` (0
/// when absent), one value or one per index of `axis`.
Type integerOperandType(Type storage, Value zeroPoint, int64_t axis,
                        int64_t rank) {
  std::vector<double> zeros{0.0};
  if (zeroPoint) {
    auto z = constantValues(zeroPoint);
    if (!z || z->empty())
      return {};
    zeros = *z;
  }
  std::vector<double> ones(zeros.size(), 1.0);
  return uniformType(storage, ones, zeros, axis, rank);
}

/// The nn.conv (for `op` a QLinearConv or ConvInteger, with its attributes)
/// or nn.matmul of `x` and `w` (and `bias`, or null) with result `type`,
/// built in front of `op`; null when it does not verify.
Operation *createProduct(Operation *op, Value x, Value w, Value bias,
                         Type type) {
  bool conv = isa<nn::QLinearConvOp, nn::ConvIntegerOp>(op);
  OperationState state(op->getLoc(), conv ? nn::ConvOp::getOperationName()
                                          : nn::MatMulOp::getOperationName());
  state.addOperands({x, w});
  if (bias)
    state.addOperands(bias);
  state.addTypes(type);
  // The convolutions' attributes are nn.conv's (strides, pads, dilations,
  // group).
  if (conv)
    for (NamedAttribute a : op->getAttrs())
      if (a.getName() != "operandSegmentSizes")
        state.addAttribute(a.getName(), a.getValue());
  OpBuilder b(op);
  Operation *product = b.create(state);
  if (failed(mlir::verify(product))) {
    product->erase();
    return nullptr;
  }
  return product;
}

struct FromQdqPass : mlir::tessel::qt::impl::QTFromQdqBase<FromQdqPass> {
  void runOnOperation() override;

private:
  /// `v` (an integer tensor) as a value of element type `type`; null when
  /// `type` does not store `v`'s integers.
  Value quantized(Value v, Type type);
  void convertQLinear(Operation *op);
  void convertInteger(Operation *op);
  void convertDequantize(nn::DequantizeLinearOp op);
  void fuseLinear(nn::LinearOpInterface op);

  /// Integer tensors already given a quantized value, by type.
  llvm::DenseMap<std::pair<Value, Type>, Value> known;
};

Value FromQdqPass::quantized(Value v, Type type) {
  if (!type)
    return {};
  auto key = std::make_pair(v, type);
  if (auto it = known.find(key); it != known.end())
    return it->second;
  auto shaped = cast<RankedTensorType>(v.getType());
  RankedTensorType qType = shaped.clone(type);
  Value result;
  auto q = v.getDefiningOp<nn::QuantizeLinearOp>();
  if (q && uniformType(shaped.getElementType(), q.getScale(),
                       q.getZeroPoint(), q.getAxis(),
                       shaped.getRank()) == type &&
      isa<FloatType>(q.getInput().getType().getElementType())) {
    // The same parameters: encode the float input directly.
    OpBuilder b(q->getNextNode());
    result = QuantizeOp::create(b, q.getLoc(), qType, q.getInput());
  } else if (auto view = v.getDefiningOp<StorageCastOp>();
             view && view.getInput().getType() == qType) {
    // An integer view of a value of this type: the value itself.
    result = view.getInput();
  } else if (shaped.getElementType() == storageIntegerType(type)) {
    // Any other integer tensor (a graph input, a constant, an integer op's
    // result, a quantize_linear with other parameters): the same stored
    // integers.
    OpBuilder b(&getContext());
    b.setInsertionPointAfterValue(v);
    result = StorageCastOp::create(b, v.getLoc(), qType, v);
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
  Value xq = quantized(x, xe), wq = quantized(w, we);
  if (!xq || !wq)
    return;
  OpBuilder b(op);
  MLIRContext *ctx = &getContext();
  int64_t resultAxis = isa<nn::QLinearConvOp>(op) ? 1 : yt.getRank() - 1;
  Type acc = nn::accumulatorType(ctx, *fx, *fw, resultAxis);
  Value bq;
  if (bias && !(bq = quantized(bias, nn::accumulatorType(ctx, *fx, *fw, 0))))
    return;
  Operation *product = createProduct(op, xq, wq, bq, yt.clone(acc));
  if (!product)
    return;
  Value y = RequantizeOp::create(b, op->getLoc(), yt.clone(ye),
                                 product->getResult(0));
  // Integer readers (the function's results, host ops) read the same codes.
  op->getResult(0).replaceAllUsesWith(
      StorageCastOp::create(b, op->getLoc(), yt, y).getResult());
}

/// ConvInteger / MatMulInteger: the product of operands of scale 1 with
/// their zero points, into the i32 accumulator of scale 1, which is the
/// op's result.
void FromQdqPass::convertInteger(Operation *op) {
  Value x, xz, w, wz;
  int64_t wAxis;
  if (auto c = dyn_cast<nn::ConvIntegerOp>(op)) {
    x = c.getX(), xz = c.getXZeroPoint(), w = c.getW(),
    wz = c.getWZeroPoint();
    wAxis = 0;
  } else {
    auto m = cast<nn::MatMulIntegerOp>(op);
    x = m.getA(), xz = m.getAZeroPoint(), w = m.getB(),
    wz = m.getBZeroPoint();
    wAxis = -1;
  }
  auto xt = cast<RankedTensorType>(x.getType()),
       wt = cast<RankedTensorType>(w.getType());
  auto yt = cast<RankedTensorType>(op->getResult(0).getType());
  // The input's zero point is one value: ONNX's per-row one has no
  // per-tensor form.
  Type xe = integerOperandType(xt.getElementType(), xz, -1, xt.getRank());
  Type we = integerOperandType(wt.getElementType(), wz, wAxis, wt.getRank());
  if (!xe || !we || !yt.getElementType().isInteger(32))
    return;
  std::string error;
  auto fx = formatOf(xe, error), fw = formatOf(we, error);
  if (failed(fx) || failed(fw) || !yt.hasStaticShape())
    return;
  Value xq = quantized(x, xe), wq = quantized(w, we);
  if (!xq || !wq)
    return;
  MLIRContext *ctx = &getContext();
  int64_t resultAxis = isa<nn::ConvIntegerOp>(op) ? 1 : yt.getRank() - 1;
  Type acc = nn::accumulatorType(ctx, *fx, *fw, resultAxis);
  Operation *product = createProduct(op, xq, wq, Value(), yt.clone(acc));
  if (!product)
    return;
  auto linear = cast<nn::LinearOpInterface>(product);
  if (!fitsAccumulator(*fx, *fw, linear.getContractedSize())) {
    product->erase();
    return;
  }
  OpBuilder b(op);
  op->getResult(0).replaceAllUsesWith(
      StorageCastOp::create(b, op->getLoc(), yt, product->getResult(0))
          .getResult());
}

void FromQdqPass::convertDequantize(nn::DequantizeLinearOp op) {
  auto in = cast<RankedTensorType>(op.getInput().getType());
  Type type = uniformType(in.getElementType(), op.getScale(),
                          op.getZeroPoint(), op.getAxis(), in.getRank());
  if (!type || !op.getOutput().getType().getElementType().isF32())
    return;
  Value q = quantized(op.getInput(), type);
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
    else if (isa<nn::ConvIntegerOp, nn::MatMulIntegerOp>(op))
      convertInteger(op);
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
