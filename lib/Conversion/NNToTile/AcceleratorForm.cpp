//===- AcceleratorForm.cpp - quantized nn layers as the array computes them ===//
//
// Each int8 linear layer becomes a tile layer on the codes of its operands.
// A layer whose (activated) result is quantized again requantizes in its
// store path and hands int8 on; any other keeps its int32 accumulator and
// is dequantized exactly as before. See the pass description in
// include/tessel/Conversion/Passes.td.
//
//===----------------------------------------------------------------------===//

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/NN/IR/NNInterfaces.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"

#include <cmath>

namespace mlir::tessel {
#define GEN_PASS_DEF_TESSELACCELERATORFORM
#include "tessel/Conversion/Passes.h.inc"
} // namespace mlir::tessel

using namespace mlir;
using namespace mlir::tessel;
namespace mq = mlir::quant;

namespace {

/// The scales of a signed 8-bit (or 32-bit) symmetric !quant.uniform type:
/// one, or one per channel along `axis`; failure with the reason otherwise.
struct Scales {
  SmallVector<double> values;
  int64_t axis = -1; ///< -1 per tensor
};

FailureOr<Scales> symmetricScales(Type elem, unsigned width,
                                  std::string &reason) {
  auto q = dyn_cast<mq::QuantizedType>(elem);
  if (!q || !isa<mq::UniformQuantizedType, mq::UniformQuantizedPerAxisType>(q)) {
    llvm::raw_string_ostream(reason)
        << "'" << elem << "' is not an integer !quant.uniform type";
    return failure();
  }
  if (!q.isSigned() || q.getStorageTypeIntegralWidth() != width) {
    llvm::raw_string_ostream(reason)
        << "'" << elem << "' is not signed " << width
        << "-bit: the array multiplies signed int8 (quantize activations "
           "with activations=signed)";
    return failure();
  }
  Scales s;
  if (auto t = dyn_cast<mq::UniformQuantizedType>(q)) {
    if (t.getZeroPoint() != 0) {
      llvm::raw_string_ostream(reason)
          << "'" << elem << "' has zero point " << t.getZeroPoint()
          << "; the array's int8 is symmetric (zero point 0)";
      return failure();
    }
    s.values.push_back(t.getScale());
    return s;
  }
  auto t = cast<mq::UniformQuantizedPerAxisType>(q);
  if (llvm::any_of(t.getZeroPoints(), [](int64_t z) { return z != 0; })) {
    llvm::raw_string_ostream(reason)
        << "'" << elem
        << "' has non-zero zero points; the array's int8 is symmetric";
    return failure();
  }
  s.values.assign(t.getScales().begin(), t.getScales().end());
  s.axis = t.getQuantizedDimension();
  return s;
}

/// The codes of a quantized value as a plain integer tensor: the operand
/// of a storage cast that produced it, or a new storage cast.
Value storageOf(OpBuilder &b, Location loc, Value v) {
  if (auto cast = v.getDefiningOp<qt::StorageCastOp>())
    if (!isa<mq::QuantizedType>(
            cast.getInput().getType().getElementType()))
      return cast.getInput();
  auto type = cast<RankedTensorType>(v.getType());
  auto q = cast<mq::QuantizedType>(type.getElementType());
  Type storage = IntegerType::get(
      b.getContext(), q.getStorageTypeIntegralWidth(),
      q.isSigned() ? IntegerType::Signless : IntegerType::Unsigned);
  return qt::StorageCastOp::create(b, loc, type.clone(storage), v);
}

Value transpose(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> perm) {
  return nn::TransposeOp::create(b, loc, v, b.getDenseI64ArrayAttr(perm));
}

/// Where a layer's result is quantized again: the quantize ops, their
/// type, the activated value they read and the activation to fuse.
struct Requantization {
  SmallVector<qt::QuantizeOp> quantizes;
  RankedTensorType type;
  double scale = 0;
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

/// Finds the requantization of a layer's accumulator `acc`, if any; a
/// convolution's (`mayPool`) may max-pool before it.
std::optional<Requantization> findRequantization(Value acc, bool mayPool) {
  if (!acc.hasOneUse())
    return std::nullopt;
  auto dq = dyn_cast<qt::DequantizeOp>(*acc.getUsers().begin());
  if (!dq)
    return std::nullopt;
  Requantization r;
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
    std::string ignored;
    auto s = symmetricScales(type.getElementType(), 8, ignored);
    if (failed(s) || s->axis != -1)
      continue;
    if (!r.type) {
      r.type = type;
      r.scale = s->values[0];
    }
    if (type == r.type)
      r.quantizes.push_back(q);
  }
  if (r.quantizes.empty())
    return std::nullopt;
  if (auto clip = dyn_cast_if_present<nn::ClipOp>(r.activation)) {
    // The store path saturates at 127 steps, so a clip from 0 to at least
    // that is a ReLU there; any other clip stays a host op.
    auto lo = clip.getMin(), hi = clip.getMax();
    if (!lo || !lo->isZero() || (hi && hi->convertToDouble() < 127 * r.scale))
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
    auto in = symmetricScales(
        getElementTypeOrSelf(layer.getInput().getType()), 8, reason);
    if (failed(in))
      return refuse(layer, "input: " + reason);
    if (in->axis != -1)
      return refuse(layer, "the input has per-channel scales; the array "
                           "scales its input per tensor");
    auto w = symmetricScales(
        getElementTypeOrSelf(layer.getWeight().getType()), 8, reason);
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
    if (Value bias = layer.getBias()) {
      auto b = symmetricScales(getElementTypeOrSelf(bias.getType()), 32, reason);
      if (failed(b))
        return refuse(layer, "bias: " + reason);
      // The bias is added to the accumulator as it is, so its scales must
      // be the product's.
      for (size_t c = 0; c < b->values.size(); ++c) {
        double want = in->values[0] *
                      w->values[w->values.size() == 1 ? 0 : c];
        if (std::abs(b->values[c] - want) > 1e-9 * want)
          return refuse(layer, "the bias's scale is not the product of the "
                               "input's and the weight's");
      }
    }

    Location loc = layer.getLoc();
    OpBuilder b(layer);
    Value acc = layer.getOutput();
    auto accType = cast<RankedTensorType>(acc.getType());
    std::optional<Requantization> requant =
        findRequantization(acc, isa<nn::ConvOp>(layer.getOperation()));
    Type resultElem = requant ? b.getI8Type() : b.getI32Type();
    DenseF32ArrayAttr accScale;
    tile::Activation act = tile::Activation::none;
    if (requant) {
      SmallVector<float> scales;
      for (double sw : w->values)
        scales.push_back(float(in->values[0] * sw / requant->scale));
      accScale = b.getDenseF32ArrayAttr(scales);
      if (requant->activation)
        act = tile::Activation::relu;
    }

    Value x = storageOf(b, loc, layer.getInput());
    Value wt = storageOf(b, loc, layer.getWeight());
    Value bias;
    if (Value bq = layer.getBias()) {
      bias = storageOf(b, loc, bq);
      auto bt = cast<RankedTensorType>(bias.getType());
      if (bt.getRank() != 1) {
        if (bt.getNumElements() != geometry->n)
          return refuse(layer, "the bias is not one value per output channel");
        bias = nn::ReshapeOp::create(
            b, loc, bias, b.getDenseI64ArrayAttr({bt.getNumElements()}));
      }
    }

    auto resultType = accType.clone(resultElem);
    Value result;
    if (auto conv = dyn_cast<nn::ConvOp>(layer.getOperation())) {
      if (geometry->spatialRank() != 2)
        return refuse(layer, "only 2-D convolutions run on the array");
      DenseI64ArrayAttr pool;
      if (requant && requant->pool) {
        pool = b.getDenseI64ArrayAttr(requant->poolWindow);
        resultType = cast<RankedTensorType>(requant->pool.getOutput().getType())
                         .clone(resultElem);
      }
      result = tile::ConvOp::create(
          b, loc, resultType, x, wt, bias, conv.getStridesAttr(),
          conv.getPadsAttr(), conv.getDilationsAttr(),
          b.getI64IntegerAttr(conv.getGroup()), accScale,
          tile::ActivationAttr::get(b.getContext(), act), pool,
          /*tiles=*/DenseI64ArrayAttr());
    } else {
      if (auto gemm = dyn_cast<nn::GemmOp>(layer.getOperation())) {
        if (gemm.getTransA())
          x = transpose(b, loc, x, {1, 0});
        if (gemm.getTransB())
          wt = transpose(b, loc, wt, {1, 0});
      } else {
        ArrayRef<int64_t> as =
            cast<RankedTensorType>(x.getType()).getShape();
        ArrayRef<int64_t> bs =
            cast<RankedTensorType>(wt.getType()).getShape();
        if (as.size() < 2 || bs.size() < 2)
          return refuse(layer, "a 1-D matmul operand has no lowering yet");
        if (bs.size() != 2 &&
            (bs.size() != as.size() || as.drop_back(2) != bs.drop_back(2)))
          return refuse(layer, "broadcast batch dimensions have no lowering "
                               "yet");
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
    // The int8 result stands for every quantize of the activated value;
    // float readers of that value read it dequantized.
    Value codes = qt::StorageCastOp::create(b, loc, requant->type, result);
    for (qt::QuantizeOp q : requant->quantizes) {
      q.getOutput().replaceAllUsesWith(codes);
      q->erase();
    }
    Value activated = requant->activated;
    if (!activated.use_empty()) {
      b.setInsertionPointAfterValue(codes);
      activated.replaceAllUsesWith(
          qt::DequantizeOp::create(b, loc, activated.getType(), codes)
              .getResult());
    }
    Operation *dq = *acc.getUsers().begin();
    if (requant->pool)
      requant->pool->erase();
    if (requant->activation)
      requant->activation->erase();
    dq->erase();
    layer->erase();
    return success();
  }
};

} // namespace
