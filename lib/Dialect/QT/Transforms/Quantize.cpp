//===- Quantize.cpp - --qt-quantize ------------------------------------===//
//
// Chooses a format and scales for each operand of the float linear ops
// (weights from their constants, activations from calibration runs) and
// rewrites the ops to multiply quantized operands (QuantizedLinear.h).
//
//===----------------------------------------------------------------------===//

#include "Calibration.h"
#include "QuantizedRewrite.h"

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/NN/IR/QuantizedLinear.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/QT/Transforms/Passes.h"
#include "tessel/Interpreter/Tensor.h"
#include "tessel/Quant/TensorQuantizer.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/GlobPattern.h"

#include <cmath>
#include <limits>

namespace mlir::tessel::qt {
#define GEN_PASS_DEF_QTQUANTIZE
#include "tessel/Dialect/QT/Transforms/Passes.h.inc"
} // namespace mlir::tessel::qt

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;
namespace q = mlir::tessel::quant;

namespace {

/// A layer's scheme: left in float, or the formats to choose from (one, or
/// ANT's candidates).
struct Scheme {
  bool isFloat = false;
  std::vector<std::string> candidates;
};

FailureOr<Scheme> parseScheme(llvm::StringRef name, std::string &error) {
  if (name == "float" || name == "none")
    return Scheme{true, {}};
  unsigned bits;
  if (name.starts_with("ant") && !name.drop_front(3).getAsInteger(10, bits)) {
    if (bits < 3 || bits > 8) {
      error = "ant<n> takes 3 to 8 bits, got '" + name.str() + "'";
      return failure();
    }
    std::string n = std::to_string(bits);
    return Scheme{false, {"int" + n, "pot" + n, "flint" + n}};
  }
  std::string format = llvm::StringSwitch<std::string>(name)
                           .Case("ovp4", "ovpint4")
                           .Case("ovp8", "ovpint8")
                           .Case("mxfp8", "mxfp8_e4m3")
                           .Case("mxfp6", "mxfp6_e3m2")
                           .Case("mxfp4", "mxfp4_e2m1")
                           .Default(name.str());
  if (!q::TensorFormat::parse(format, error))
    return failure();
  return Scheme{false, {format}};
}

/// The format, scales and error chosen for one operand.
struct Choice {
  q::TensorFormat format;
  std::vector<double> scales;
  int64_t axis = -1;
  double mse = std::numeric_limits<double>::quiet_NaN();
};

/// What is known of one operand's values: the constant, or samples.
struct OperandValues {
  std::vector<float> x;
  std::vector<int64_t> shape;
  bool isConstant = false;
  bool nonNegative = false;
};

bool hasUnsignedVariant(const std::string &name) {
  return llvm::StringRef(name).starts_with("int") ||
         llvm::StringRef(name).starts_with("pot") ||
         llvm::StringRef(name).starts_with("flint");
}

/// The candidate with the lowest MSE on `v`. Scaled formats: per-channel
/// along `channelAxis` (when >= 0), scale searched or from the maximum.
/// Block formats: blocks along `blockAxis`.
FailureOr<Choice> choose(const Scheme &scheme, const OperandValues &v,
                         int64_t channelAxis, int64_t blockAxis,
                         bool unsignedOk, bool searchMse, std::string &error) {
  std::optional<Choice> best;
  for (std::string name : scheme.candidates) {
    if (unsignedOk && hasUnsignedVariant(name))
      name = "u" + name;
    auto format = q::TensorFormat::parse(name, error);
    if (!format)
      return failure();
    Choice c{*format, {}, -1};
    q::QuantizeOptions options;
    options.scaleSearch = searchMse && format->hasScale();
    if (!format->hasScale()) {
      c.axis = blockAxis;
      options.axis = blockAxis;
      // Blocks carry their own scales; an activation needs no samples.
      if (!v.isConstant) {
        best = c;
        continue;
      }
    } else if (channelAxis >= 0) {
      c.axis = channelAxis;
      options.axis = channelAxis;
    }
    q::Quantized result;
    if (!q::fakeQuantize(*format, v.x, v.shape, options, result, error))
      return failure();
    c.mse = q::compareTensors(v.x, result.values).mse;
    // An all-zero channel or tensor encodes as 0 under any scale.
    for (double s : result.scales)
      c.scales.push_back(s > 0 && std::isfinite(s) ? s : 1.0);
    if (!best || c.mse < best->mse)
      best = std::move(c);
  }
  return *best;
}

std::string layerName(Operation *op) {
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    return name.getName().str();
  return "";
}

struct QuantizePass
    : mlir::tessel::qt::impl::QTQuantizeBase<QuantizePass> {
  using Base::Base;

  void runOnOperation() override;

private:
  struct LayerRule {
    std::string pattern;
    Scheme scheme;
  };
  LogicalResult parseOptions();
  const Scheme &schemeFor(Operation *op) const;
  OperandValues valuesOf(Value v) const;
  LogicalResult rewrite(nn::LinearOpInterface op);

  Scheme defaultScheme;
  std::vector<LayerRule> rules;
  llvm::DenseMap<Value, Samples> samples;
};

LogicalResult QuantizePass::parseOptions() {
  func::FuncOp f = getOperation();
  auto fail = [&](const llvm::Twine &message) {
    return f.emitError("--qt-quantize: ") << message;
  };
  std::string error;
  auto s = parseScheme(scheme, error);
  if (failed(s))
    return fail("scheme: " + error);
  defaultScheme = *s;
  if (granularity != "per-channel" && granularity != "per-tensor")
    return fail("granularity must be per-channel or per-tensor, got '" +
                granularity + "'");
  if (activations != "auto" && activations != "signed")
    return fail("activations must be auto or signed, got '" + activations +
                "'");
  if (search != "mse" && search != "max")
    return fail("search must be mse or max, got '" + search + "'");
  rules.clear();
  for (const std::string &entry : layers) {
    size_t eq = entry.rfind('=');
    if (eq == std::string::npos || eq == 0)
      return fail("layers: expected name-pattern=scheme, got '" + entry +
                  "'");
    std::string pattern = entry.substr(0, eq);
    if (auto glob = llvm::GlobPattern::create(pattern); !glob)
      return fail("layers: " + llvm::toString(glob.takeError()));
    auto layerScheme = parseScheme(entry.substr(eq + 1), error);
    if (failed(layerScheme))
      return fail("layers: " + error);
    rules.push_back({pattern, *layerScheme});
  }
  return success();
}

const Scheme &QuantizePass::schemeFor(Operation *op) const {
  std::string name = layerName(op);
  // A GlobPattern refers to its text, so it is built where the text lives.
  for (const LayerRule &rule : rules)
    if (auto glob = llvm::GlobPattern::create(rule.pattern);
        glob && glob->match(name))
      return rule.scheme;
  return defaultScheme;
}

OperandValues QuantizePass::valuesOf(Value v) const {
  OperandValues out;
  if (auto c = v.getDefiningOp<nn::ConstantOp>()) {
    auto t = interp::Tensor::fromAttr(c.getValue());
    if (succeeded(t)) {
      out.isConstant = true;
      out.shape.assign(t->getShape().begin(), t->getShape().end());
      out.x.resize(t->getNumElements());
      for (int64_t i = 0; i < t->getNumElements(); ++i)
        out.x[i] = float(t->getAsDouble(i));
      return out;
    }
  }
  auto it = samples.find(v);
  if (it != samples.end()) {
    out.x = it->second.values;
    out.nonNegative = it->second.min >= 0;
  }
  out.shape = {int64_t(out.x.size())};
  return out;
}

/// Whether `op` is a float linear op the pass rewrites.
bool isCandidate(Operation *op) {
  auto linear = dyn_cast<nn::LinearOpInterface>(op);
  if (!linear || !linear.isPlainProduct())
    return false;
  for (Value v : {linear.getInput(), linear.getWeight(), linear.getOutput()})
    if (!cast<ShapedType>(v.getType()).getElementType().isF32())
      return false;
  Value bias = linear.getBias();
  return !bias || cast<ShapedType>(bias.getType()).getElementType().isF32();
}

LogicalResult QuantizePass::rewrite(nn::LinearOpInterface op) {
  const Scheme &s = schemeFor(op);
  if (s.isFloat)
    return success();
  MLIRContext *ctx = op->getContext();
  Value input = op.getInput(), weight = op.getWeight(), bias = op.getBias();
  bool perChannel = granularity == "per-channel";
  std::string error;
  auto fail = [&](const llvm::Twine &what) {
    return op->emitError("--qt-quantize: ") << what << ": " << error;
  };

  // Formats and scales of both operands.
  OperandValues xv = valuesOf(input), wv = valuesOf(weight);
  auto x = choose(s, xv, -1, op.getInputContractedDim(),
                  !xv.isConstant && activations == "auto" && xv.nonNegative,
                  search == "mse", error);
  if (failed(x))
    return fail("the input");
  auto w = choose(s, wv,
                  wv.isConstant && perChannel ? op.getWeightChannelDim() : -1,
                  op.getWeightContractedDim(), false, search == "mse", error);
  if (failed(w))
    return fail("the weight");
  Type xe = elementTypeFor(ctx, x->format, x->scales, x->axis, error);
  if (!xe)
    return fail("the input");
  Type we = elementTypeFor(ctx, w->format, w->scales, w->axis, error);
  if (!we)
    return fail("the weight");

  auto fx = formatOf(xe, error), fw = formatOf(we, error);
  if (failed(fx) || failed(fw))
    return fail("the formats");
  bool accumulate = fitsAccumulator(*fx, *fw, op.getContractedSize());
  // An integer bias is one value per output channel (along its last
  // dimension, the others 1) or one per result element (Gemm's C of M x N):
  // a single value broadcast over the channels becomes one per channel
  // (added to zeros); any other broadcast is added to the float result
  // instead.
  OpBuilder b(op);
  Location loc = op->getLoc();
  if (bias) {
    int64_t dim = op.getResultChannelDim();
    int64_t channels =
        dim < 0 ? -1
                : cast<ShapedType>(op.getOutput().getType()).getDimSize(dim);
    if (cast<ShapedType>(bias.getType()).getNumElements() == 1 &&
        channels > 1) {
      auto zerosType = RankedTensorType::get({channels}, b.getF32Type());
      Value zeros = nn::ConstantOp::create(
          b, loc, DenseElementsAttr::get(zerosType, 0.0f));
      bias = nn::AddOp::create(b, loc, bias, zeros);
    }
    auto shape = cast<ShapedType>(bias.getType()).getShape();
    bool perElement =
        shape == cast<ShapedType>(op.getOutput().getType()).getShape();
    if (!perElement &&
        (shape.empty() || shape.back() != channels ||
         llvm::any_of(shape.drop_back(), [](int64_t d) { return d != 1; })))
      accumulate = false;
  }

  auto quantize = [&](Value v, Type element) -> Value {
    auto t = cast<RankedTensorType>(v.getType());
    return QuantizeOp::create(b, loc, t.clone(element), v);
  };
  Value xq = quantize(input, xe), wq = quantize(weight, we);
  if (accumulate && bias)
    bias = quantize(bias, op.getBiasAccumulatorType(*fx, *fw));
  if (report) {
    auto remark = op->emitRemark("quantized: input ") << xe;
    if (!std::isnan(x->mse))
      remark << " (MSE " << x->mse << ")";
    remark << ", weight " << we << " (MSE " << w->mse << "), "
           << (accumulate ? "i32 accumulator" : "float result");
  }
  Type acc = accumulate ? op.getAccumulatorType(*fx, *fw) : Type();
  return success(replaceWithQuantized(op, xq, wq, bias, acc));
}

/// alpha * A.B + beta * C as A.(alpha * B) + (beta * C): a plain product
/// the quantized operands can take, with the factors in the weight's and
/// the bias's values (and so in their scales).
void foldGemmScales(nn::GemmOp op) {
  float alpha = op.getAlpha().convertToFloat(),
        beta = op.getBeta().convertToFloat();
  if (alpha == 1 && beta == 1)
    return;
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto scaled = [&](Value v, float k) -> Value {
    auto one = RankedTensorType::get({1}, b.getF32Type());
    Value c = nn::ConstantOp::create(b, loc, DenseElementsAttr::get(one, k));
    return nn::MulOp::create(b, loc, v, c);
  };
  if (alpha != 1)
    op.getBMutable().assign(scaled(op.getB(), alpha));
  if (beta != 1 && op.getC())
    op.getCMutable().assign(scaled(op.getC(), beta));
  op.setAlphaAttr(b.getF32FloatAttr(1));
  op.setBetaAttr(b.getF32FloatAttr(1));
}

void QuantizePass::runOnOperation() {
  func::FuncOp f = getOperation();
  if (f.isExternal())
    return;
  if (failed(parseOptions()))
    return signalPassFailure();
  f.walk([&](nn::GemmOp op) {
    auto f32 = [](Value v) {
      return !v || cast<ShapedType>(v.getType()).getElementType().isF32();
    };
    if (f32(op.getA()) && f32(op.getB()) && f32(op.getC()) &&
        !schemeFor(op).isFloat)
      foldGemmScales(op);
  });
  llvm::SmallVector<nn::LinearOpInterface> ops;
  llvm::SmallVector<Value> toCalibrate;
  f.walk([&](Operation *op) {
    if (!isCandidate(op) || schemeFor(op).isFloat)
      return;
    auto linear = cast<nn::LinearOpInterface>(op);
    ops.push_back(linear);
    for (Value v : {linear.getInput(), linear.getWeight()})
      if (!v.getDefiningOp<nn::ConstantOp>())
        toCalibrate.push_back(v);
  });
  if (!rules.empty() && llvm::none_of(ops, [](nn::LinearOpInterface op) {
        return !layerName(op).empty();
      }))
    f.emitWarning("--qt-quantize: layers: no linear op has a name to "
                  "match (ONNX node names are locations; keep them in "
                  "printed IR with --mlir-print-debuginfo)");
  if (ops.empty())
    return;
  samples.clear();
  if (!toCalibrate.empty()) {
    CalibrationOptions options;
    options.files.assign(calib.begin(), calib.end());
    options.randomRuns = calibSamples;
    options.seed = seed;
    auto calibrated = calibrate(f, toCalibrate, options);
    if (failed(calibrated))
      return signalPassFailure();
    samples = std::move(*calibrated);
  }
  for (nn::LinearOpInterface op : ops)
    if (failed(rewrite(op)))
      return signalPassFailure();
}

} // namespace
