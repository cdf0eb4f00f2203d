//===- AcceleratorForm.cpp - quantized nn layers as the array computes them ===//
//
// Each int8 linear layer becomes a tile layer on the codes of its operands.
// A layer whose (activated) result is quantized again requantizes in its
// store path and hands int8 on; any other keeps its int32 accumulator and
// is dequantized exactly as before. See the pass description in
// include/tessel/Conversion/Passes.td.
//
//===----------------------------------------------------------------------===//

#include "IntegerOperands.h"

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/NN/IR/NNInterfaces.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Interpreter/Tensor.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"

#include <cmath>
#include <limits>

namespace mlir::tessel {
#define GEN_PASS_DEF_TESSELACCELERATORFORM
#include "tessel/Conversion/Passes.h.inc"
} // namespace mlir::tessel

using namespace mlir;
using namespace mlir::tessel;
namespace mq = mlir::quant;

namespace {

/// The format of a layer's 8-bit input or weight; failure with the reason
/// for any other type.
FailureOr<IntegerFormat> operandFormat(Type elem, std::string &reason) {
  auto f = integerFormat(elem, 8, reason);
  if (failed(f))
    reason += ": the array multiplies 8-bit integers";
  return f;
}

/// The scales of a bias: a signed, symmetric 32-bit type.
FailureOr<IntegerFormat> biasFormat(Type elem, std::string &reason) {
  auto f = integerFormat(elem, 32, reason);
  if (succeeded(f) && !f->isArrayForm()) {
    llvm::raw_string_ostream(reason)
        << "'" << elem << "' is not signed with zero point 0";
    return failure();
  }
  return f;
}

/// The tensor an nn.constant holds, or nullopt for any other value.
std::optional<interp::Tensor> constantTensor(Value v) {
  auto constant = v.getDefiningOp<nn::ConstantOp>();
  if (!constant)
    return std::nullopt;
  auto t = interp::Tensor::fromAttr(constant.getValue());
  if (failed(t))
    return std::nullopt;
  return std::move(*t);
}

/// The elements of an integer tensor.
std::vector<int64_t> integersOf(const interp::Tensor &t) {
  std::vector<int64_t> k(t.getNumElements());
  for (int64_t i = 0; i < t.getNumElements(); ++i)
    k[i] = int64_t(t.getAsDouble(i));
  return k;
}

/// The results of `op` on `operands` by its registered semantics (the
/// interpreter's, as the tools register them), or nullopt.
std::optional<interp::Tensor> evaluate(Operation *op,
                                       ArrayRef<const interp::Tensor *> in) {
  auto semantics = dyn_cast<interp::EvaluateOpInterface>(op);
  SmallVector<interp::Tensor> results;
  if (!semantics || failed(semantics.evaluate(in, results)))
    return std::nullopt;
  return std::move(results[0]);
}

/// The stored integers of the quantized value `v` when it is a constant:
/// a constant's integers viewed as the type (qt.storage_cast, as
/// --qt-from-qdq writes them), or a constant quantized (qt.quantize, as
/// --qt-quantize does), evaluated as the interpreter would.
std::optional<std::vector<int64_t>> constantCodes(Value v) {
  if (auto view = v.getDefiningOp<qt::StorageCastOp>()) {
    std::optional<interp::Tensor> k = constantTensor(view.getInput());
    return k ? std::optional(integersOf(*k)) : std::nullopt;
  }
  auto quantize = v.getDefiningOp<qt::QuantizeOp>();
  std::optional<interp::Tensor> floats =
      quantize ? constantTensor(quantize.getInput()) : std::nullopt;
  std::optional<interp::Tensor> codes =
      floats ? evaluate(quantize, {&*floats}) : std::nullopt;
  if (!codes)
    return std::nullopt;
  // The stored integers, by qt.storage_cast's semantics, of an op made for
  // the purpose.
  OpBuilder b(quantize);
  auto type = quantize.getOutput().getType();
  auto view = qt::StorageCastOp::create(
      b, quantize.getLoc(),
      type.clone(qt::storageIntegerType(type.getElementType())), quantize);
  std::optional<interp::Tensor> k = evaluate(view, {&*codes});
  view->erase();
  return k ? std::optional(integersOf(*k)) : std::nullopt;
}

/// The codes of a quantized value as a plain integer tensor: the operand
/// of a storage cast that produced it, or a new storage cast.
Value storageOf(OpBuilder &b, Location loc, Value v) {
  if (auto cast = v.getDefiningOp<qt::StorageCastOp>())
    if (!isa<mq::QuantizedType>(
            cast.getInput().getType().getElementType()))
      return cast.getInput();
  auto type = cast<RankedTensorType>(v.getType());
  return qt::StorageCastOp::create(
      b, loc, type.clone(qt::storageIntegerType(type.getElementType())), v);
}

/// The int8 codes of a per-tensor 8-bit value in `format`: its own, or for
/// uint8 codes the same values with the zero point 128 lower (exact).
Value signedCodes(OpBuilder &b, Location loc, Value v,
                  const IntegerFormat &format) {
  if (!format.isSigned) {
    auto type = cast<RankedTensorType>(v.getType());
    Type shifted = qt::uniformQuantizedType(
        b.getContext(), 8, true, format.scales, {format.signedZero()}, -1);
    v = qt::RequantizeOp::create(b, loc, type.clone(shifted), v);
  }
  return storageOf(b, loc, v);
}

Value transpose(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> perm) {
  return nn::TransposeOp::create(b, loc, v, b.getDenseI64ArrayAttr(perm));
}

template <typename T>
Value constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
               Type elem, ArrayRef<T> values) {
  auto type = RankedTensorType::get(shape, elem);
  return nn::ConstantOp::create(b, loc, type,
                                DenseElementsAttr::get(type, values));
}

/// Where a layer's result is quantized again: the ops whose results the
/// layer's codes replace, their type, the activated value they read and
/// the activation to fuse.
struct Requantization {
  /// qt.quantize ops of the activated value, or the qt.requantize of the
  /// accumulator itself.
  SmallVector<Operation *> targets;
  RankedTensorType type;
  double scale = 0;
  /// The zero point of the codes once signed (see IntegerFormat).
  int64_t zero = 0;
  Operation *activation = nullptr; ///< nn.relu / nn.clip, or null
  nn::MaxPoolOp pool;              ///< the max pooling to fuse, or null
  SmallVector<int64_t, 3> poolWindow; ///< its size, stride and padding
  Value activated;                 ///< what the quantizes read
};

/// The window (size, stride, padding) of a max pooling Gemmini's store
/// path runs as `pool` does: square, one stride and padding, undilated,
/// output sizes rounded down. Its padding counts as 0 where ONNX's never
/// wins, so with padding the values pooled must be a ReLU's.
std::optional<SmallVector<int64_t, 3>> storePathPool(nn::MaxPoolOp pool,
                                                     bool afterRelu) {
  ArrayRef<int64_t> k = pool.getKernelShape(), s = pool.getStrides(),
                    p = pool.getPads(), d = pool.getDilations();
  if (k.size() != 2 || pool.getCeilMode() || k[0] != k[1] || s[0] != s[1] ||
      llvm::any_of(d, [](int64_t v) { return v != 1; }) ||
      llvm::any_of(p, [&](int64_t v) { return v != p[0]; }) ||
      (p[0] != 0 && !afterRelu) || k[0] > 65535 || s[0] > 255 || p[0] > 255)
    return std::nullopt;
  return SmallVector<int64_t, 3>{k[0], s[0], p[0]};
}

/// The per-tensor 8-bit format of a requantization's result, or nullopt.
std::optional<IntegerFormat> requantizedFormat(RankedTensorType type) {
  std::string ignored;
  auto f = integerFormat(type.getElementType(), 8, ignored);
  if (failed(f) || f->axis != -1)
    return std::nullopt;
  return *f;
}

/// Finds the requantization of a layer's accumulator `acc`, if any: a
/// qt.requantize of it, or qt.quantize of its dequantized value after an
/// optional activation and, for a convolution (`mayPool`), max pooling.
std::optional<Requantization> findRequantization(Value acc, bool mayPool) {
  if (!acc.hasOneUse())
    return std::nullopt;
  Operation *reader = *acc.getUsers().begin();
  Requantization r;
  if (auto rq = dyn_cast<qt::RequantizeOp>(reader)) {
    auto f = requantizedFormat(rq.getOutput().getType());
    if (!f)
      return std::nullopt;
    r.targets.push_back(rq);
    r.type = rq.getOutput().getType();
    r.scale = f->scales[0];
    r.zero = f->signedZero();
    return r;
  }
  auto dq = dyn_cast<qt::DequantizeOp>(reader);
  if (!dq)
    return std::nullopt;
  r.activated = dq.getOutput();
  if (dq->hasOneUse()) {
    Operation *user = *dq->getUsers().begin();
    if (isa<nn::ReluOp, nn::ClipOp>(user)) {
      r.activation = user;
      r.activated = user->getResult(0);
    }
  }
  // Requantizing before the pooling instead of after it is exact: both
  // are monotonic.
  if (mayPool && r.activated.hasOneUse())
    if (auto pool = dyn_cast<nn::MaxPoolOp>(*r.activated.getUsers().begin()))
      if (auto window = storePathPool(pool, r.activation != nullptr)) {
        r.pool = pool;
        r.poolWindow = *window;
        r.activated = pool.getOutput();
      }
  for (Operation *user : r.activated.getUsers()) {
    auto q = dyn_cast<qt::QuantizeOp>(user);
    if (!q)
      continue;
    auto type = cast<RankedTensorType>(q.getOutput().getType());
    auto f = requantizedFormat(type);
    if (!f)
      continue;
    if (!r.type) {
      r.type = type;
      r.scale = f->scales[0];
      r.zero = f->signedZero();
    }
    if (type == r.type)
      r.targets.push_back(q);
  }
  if (r.targets.empty())
    return std::nullopt;
  // The store path pools with padding 0, which is code 0: only where that
  // stands for 0 (no ReLU output is below it).
  if (r.pool && r.poolWindow[2] != 0 && r.zero != 0)
    return findRequantization(acc, /*mayPool=*/false);
  // The store path's ReLU clamps codes at 0: a ReLU there where code 0
  // stands for 0, and none is needed where the saturation at code -128
  // does (a uint8 output with zero point 0); else it stays a host op.
  if (r.activation && r.zero != 0 && r.zero != -128)
    return std::nullopt;
  if (auto clip = dyn_cast_if_present<nn::ClipOp>(r.activation)) {
    // The store path saturates at code 127, so a clip from 0 to at least
    // its value is a ReLU there; any other clip stays a host op.
    auto lo = clip.getMin(), hi = clip.getMax();
    if (!lo || !lo->isZero() ||
        (hi && hi->convertToDouble() < (127 - r.zero) * r.scale))
      return std::nullopt;
  }
  return r;
}

struct AcceleratorFormPass
    : mlir::tessel::impl::TesselAcceleratorFormBase<AcceleratorFormPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<nn::LinearOpInterface> layers;
    getOperation().walk([&](nn::LinearOpInterface op) {
      if (op.hasQuantizedOperands())
        layers.push_back(op);
    });
    for (nn::LinearOpInterface layer : layers)
      if (failed(convert(layer)))
        return signalPassFailure();
  }

  /// Refuses `layer` with `reason`, or keeps it on the host.
  LogicalResult refuse(nn::LinearOpInterface layer, const Twine &reason) {
    if (hostFallback) {
      layer->emitRemark("stays on the host: ") << reason;
      return success();
    }
    return layer->emitError("the array cannot run this layer: ")
           << reason << " (host-fallback=true keeps it on the host)";
  }

  LogicalResult convert(nn::LinearOpInterface layer) {
    std::string reason;
    auto in = operandFormat(
        getElementTypeOrSelf(layer.getInput().getType()), reason);
    if (failed(in))
      return refuse(layer, "input: " + reason);
    if (in->axis != -1)
      return refuse(layer, "the input has per-channel scales; the array "
                           "scales its input per tensor");
    auto w = operandFormat(
        getElementTypeOrSelf(layer.getWeight().getType()), reason);
    if (failed(w))
      return refuse(layer, "weight: " + reason);
    if (w->axis != -1 && w->axis != layer.getWeightChannelDim())
      return refuse(layer, "the weight's scales run along dimension " +
                               Twine(w->axis) +
                               ", not its output channels");
    if (!layer.isPlainProduct())
      return refuse(layer, "alpha and beta must be 1");
    // A product with a float result (its bias kept float, or sums that may
    // not fit 32 bits) is not the int32 accumulator the array writes.
    if (!isa<mq::QuantizedType>(
            getElementTypeOrSelf(layer.getOutput().getType())))
      return refuse(layer, "the product is a float result, not the int32 "
                           "accumulator the array writes");
    std::optional<nn::LinearLayer> geometry = layer.getLinearLayer();
    if (!geometry)
      return refuse(layer, "a dimension is dynamic");
    auto conv = dyn_cast<nn::ConvOp>(layer.getOperation());
    if (conv && geometry->spatialRank() != 2)
      return refuse(layer, "only 2-D convolutions run on the array");
    auto wType = cast<RankedTensorType>(layer.getWeight().getType());
    if (isa<nn::MatMulOp>(layer.getOperation())) {
      ArrayRef<int64_t> as =
          cast<RankedTensorType>(layer.getInput().getType()).getShape();
      ArrayRef<int64_t> bs = wType.getShape();
      if (as.size() < 2 || bs.size() < 2)
        return refuse(layer, "a 1-D matmul operand has no lowering yet");
      if (bs.size() != 2 &&
          (bs.size() != as.size() || as.drop_back(2) != bs.drop_back(2)))
        return refuse(layer, "broadcast batch dimensions have no lowering "
                             "yet");
    }
    // Output channels: a convolution's over all its groups.
    ArrayRef<int64_t> accShape =
        cast<RankedTensorType>(layer.getOutput().getType()).getShape();
    int64_t channels = accShape[layer.getResultChannelDim()];
    bool fullBias = false; ///< a bias per result element (Gemmini's D)
    Value biasValue = layer.getBias();
    if (biasValue) {
      auto b = biasFormat(getElementTypeOrSelf(biasValue.getType()), reason);
      if (failed(b))
        return refuse(layer, "bias: " + reason);
      // The bias is added to the accumulator as it is, so its scales must
      // be the product's.
      for (size_t c = 0; c < b->scales.size(); ++c) {
        double want = in->scales[0] *
                      w->scales[w->scales.size() == 1 ? 0 : c];
        if (std::abs(b->scales[c] - want) > 1e-9 * want)
          return refuse(layer, "the bias's scale is not the product of the "
                               "input's and the weight's");
      }
      auto biasShape = cast<RankedTensorType>(biasValue.getType()).getShape();
      fullBias = biasShape.size() > 1 && biasShape == accShape &&
                 !isa<nn::ConvOp>(layer.getOperation());
      if (!fullBias && ShapedType::getNumElements(biasShape) != channels)
        return refuse(layer, "the bias is neither one value per output "
                             "channel nor one per result element");
    }

    Value acc = layer.getOutput();
    auto accType = cast<RankedTensorType>(acc.getType());
    std::optional<Requantization> requant = findRequantization(acc, bool(conv));
    SmallVector<float> scales;
    if (requant) {
      for (double sw : w->scales)
        scales.push_back(float(in->scales[0] * sw / requant->scale));
      // The output's zero point joins the bias as z / acc_scale, rounded:
      // within half an output step when acc_scale <= 1, else the layer
      // keeps its int32 accumulator.
      if (requant->zero != 0 &&
          llvm::any_of(scales, [](float s) { return s > 1; })) {
        requant.reset();
        scales.clear();
      }
    }

    // The array's operands: int8 codes with zero point 0 (IntegerOperands.h).
    int64_t xZero = in->signedZero();
    int64_t outZero = requant ? requant->zero : 0;
    std::optional<WeightPieces> pieces;
    if (!w->isArrayForm() || xZero != 0) {
      auto k = constantCodes(layer.getWeight());
      if (!k)
        return refuse(layer, "the weight is not a constant, and its format "
                             "(unsigned or with zero points) or the input's "
                             "zero point needs its integers at compile time");
      pieces = splitWeight(*k, wType.getShape(), *w,
                           layer.getWeightContractedDim(),
                           layer.getWeightChannelDim(), bool(conv));
      if (pieces->count > 1 && conv && conv.getGroup() != 1)
        return refuse(layer, "the weight's integers do not fit int8 and the "
                             "convolution is grouped");
    }
    // The bias the array adds: the layer's own, less the input's zero point
    // times the weight's sums, plus the output's zero point.
    std::optional<std::vector<int32_t>> arrayBias;
    SmallVector<int64_t> arrayBiasShape{channels};
    if (fullBias && (xZero != 0 || outZero != 0))
      return refuse(layer, "a bias per result element does not take the "
                           "zero points yet");
    if (xZero != 0 || outZero != 0) {
      std::vector<int64_t> own(channels, 0);
      if (biasValue) {
        auto k = constantCodes(biasValue);
        if (!k)
          return refuse(layer, "the bias is not a constant, and the zero "
                               "points join it");
        own = *k;
      }
      // One row per batch element of a batched weight.
      int64_t rows = pieces ? int64_t(pieces->channelSums.size()) / channels
                            : 1;
      if (rows > 1) {
        arrayBiasShape.assign(wType.getShape().begin(),
                              wType.getShape().end() - 2);
        arrayBiasShape.push_back(channels);
      }
      arrayBias.emplace(rows * channels);
      int64_t largest = 0;
      for (int64_t i = 0; i < rows * channels; ++i) {
        int64_t n = i % channels;
        int64_t v = own[n];
        if (pieces)
          v -= xZero * pieces->channelSums[i];
        if (outZero)
          v += int64_t(std::nearbyint(
              double(outZero) / scales[scales.size() == 1 ? 0 : n]));
        largest = std::max(largest, std::abs(v));
        (*arrayBias)[i] = int32_t(v);
      }
      // Every partial sum of the array's accumulator must fit: at most
      // 128 |v| per term.
      int64_t bound = largest + (pieces ? 128 * pieces->maxAbsSum : 0);
      if (bound > std::numeric_limits<int32_t>::max())
        return refuse(layer, "with the zero points in the bias, the sums "
                             "may not fit the int32 accumulator");
    }

    Location loc = layer.getLoc();
    OpBuilder b(layer);
    Type resultElem = requant ? b.getI8Type() : b.getI32Type();
    DenseF32ArrayAttr accScale;
    tile::Activation act = tile::Activation::none;
    if (requant) {
      accScale = b.getDenseF32ArrayAttr(scales);
      // With zero point -128 the saturation is the ReLU.
      if (requant->activation && requant->zero == 0)
        act = tile::Activation::relu;
    }

    Value x = signedCodes(b, loc, layer.getInput(), *in);
    DenseI64ArrayAttr pads = conv ? conv.getPadsAttr() : DenseI64ArrayAttr();
    if (conv && xZero != 0 &&
        llvm::any_of(pads.asArrayRef(), [](int64_t p) { return p != 0; })) {
      // The array pads with code 0; the input's zero is code xZero.
      ArrayRef<int64_t> p = pads.asArrayRef();
      x = nn::PadOp::create(
          b, loc, x,
          b.getDenseI64ArrayAttr({0, 0, p[0], p[1], 0, 0, p[2], p[3]}),
          b.getStringAttr("constant"), b.getF64FloatAttr(double(xZero)));
      pads = b.getDenseI64ArrayAttr({0, 0, 0, 0});
    }
    Value wt;
    if (pieces) {
      wt = constant<int8_t>(b, loc, pieces->shape, b.getI8Type(),
                            pieces->codes);
      if (pieces->count > 1) {
        // Each piece multiplies its own copy of the input.
        int64_t dim = layer.getInputContractedDim();
        SmallVector<Value> copies(pieces->count, x);
        x = nn::ConcatOp::create(b, loc, copies, b.getI64IntegerAttr(dim));
      }
    } else {
      wt = storageOf(b, loc, layer.getWeight());
    }
    Value bias;
    if (arrayBias) {
      bias = constant<int32_t>(b, loc, arrayBiasShape, b.getI32Type(),
                               *arrayBias);
    } else if (biasValue) {
      bias = storageOf(b, loc, biasValue);
      auto bt = cast<RankedTensorType>(bias.getType());
      if (bt.getRank() != 1 && !fullBias)
        bias = nn::ReshapeOp::create(
            b, loc, bias, b.getDenseI64ArrayAttr({bt.getNumElements()}));
    }

    auto resultType = accType.clone(resultElem);
    Value result;
    if (conv) {
      DenseI64ArrayAttr pool;
      if (requant && requant->pool) {
        pool = b.getDenseI64ArrayAttr(requant->poolWindow);
        resultType = cast<RankedTensorType>(requant->pool.getOutput().getType())
                         .clone(resultElem);
      }
      result = tile::ConvOp::create(
          b, loc, resultType, x, wt, bias, conv.getStridesAttr(), pads,
          conv.getDilationsAttr(), b.getI64IntegerAttr(conv.getGroup()),
          accScale, tile::ActivationAttr::get(b.getContext(), act), pool,
          /*tiles=*/DenseI64ArrayAttr());
    } else {
      if (auto gemm = dyn_cast<nn::GemmOp>(layer.getOperation())) {
        if (gemm.getTransA())
          x = transpose(b, loc, x, {1, 0});
        if (gemm.getTransB())
          wt = transpose(b, loc, wt, {1, 0});
      }
      result = tile::MatmulOp::create(
          b, loc, resultType, x, wt, bias, accScale,
          tile::ActivationAttr::get(b.getContext(), act),
          /*tiles=*/DenseI64ArrayAttr(), /*estimated_cycles=*/IntegerAttr(),
          /*dataflow=*/tile::DataflowAttr());
    }

    if (!requant) {
      acc.replaceAllUsesWith(
          qt::StorageCastOp::create(b, loc, accType, result).getResult());
      layer->erase();
      return success();
    }
    // The int8 result stands for every target; float readers of the
    // activated value read it dequantized.
    Value codes;
    Type signedElem = qt::uniformQuantizedType(
        b.getContext(), 8, true, {requant->scale}, {requant->zero}, -1);
    if (requant->type.getElementType() == signedElem) {
      codes = qt::StorageCastOp::create(b, loc, requant->type, result);
    } else {
      // uint8 codes: the int8 ones shifted back by 128.
      Value s = qt::StorageCastOp::create(
          b, loc, requant->type.clone(signedElem), result);
      codes = qt::RequantizeOp::create(b, loc, requant->type, s);
    }
    Operation *reader = *acc.getUsers().begin();
    for (Operation *target : requant->targets) {
      target->getResult(0).replaceAllUsesWith(codes);
      if (target != reader)
        target->erase();
    }
    Value activated = requant->activated;
    if (activated && !activated.use_empty()) {
      b.setInsertionPointAfterValue(codes);
      activated.replaceAllUsesWith(
          qt::DequantizeOp::create(b, loc, activated.getType(), codes)
              .getResult());
    }
    if (requant->pool)
      requant->pool->erase();
    if (requant->activation)
      requant->activation->erase();
    reader->erase();
    layer->erase();
    return success();
  }
};

} // namespace
