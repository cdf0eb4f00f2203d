//===- Quant.cpp - kernels of ONNX's integer operators --------------------===//
//
// QuantizeLinear rounds half to even and saturates; the QLinear ops compute
// on dequantized values in double and requantize the result, as ONNX's
// reference does.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <cfenv>
#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

/// Per-element index into a per-tensor (1 element) or per-axis parameter.
int64_t paramIndex(const Tensor *param, llvm::ArrayRef<int64_t> shape,
                   int64_t axis, int64_t i) {
  if (!param || param->getNumElements() == 1)
    return 0;
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  return (i / inner) % shape[axis];
}

double zeroPoint(const Tensor *zp, int64_t i) {
  return zp ? zp->getAsDouble(i) : 0.0;
}

/// round half to even (the default floating-point rounding mode).
double roundEven(double v) { return std::nearbyint(v); }

/// Quantizes `v` (the values of `out`, in double) with scale and zero point.
void quantizeInto(Tensor &out, const std::vector<double> &v, const Tensor &scale,
                  const Tensor *zp, int64_t axis) {
  for (int64_t i = 0, n = out.getNumElements(); i < n; ++i) {
    int64_t p = paramIndex(&scale, out.getShape(), axis, i);
    out.setFromDouble(i, roundEven(v[i] / scale.getAsDouble(p)) + zeroPoint(zp, p));
  }
}

/// (x - zp) * scale for every element, per tensor or along `axis`.
std::vector<double> dequantize(const Tensor &x, const Tensor &scale,
                               const Tensor *zp, int64_t axis) {
  std::vector<double> v(x.getNumElements());
  for (int64_t i = 0, n = v.size(); i < n; ++i) {
    int64_t p = paramIndex(&scale, x.getShape(), axis, i);
    v[i] = (x.getAsDouble(i) - zeroPoint(zp, p)) * scale.getAsDouble(p);
  }
  return v;
}

LogicalResult quantizeKernel(QuantizeLinearOp op, Operands operands,
                             Results &results) {
  Tensor out = resultFor(op);
  int64_t axis = axisIn(op.getAxis(), out.getRank());
  quantizeInto(out, values(*operands[0]), *operands[1],
               operands.size() > 2 ? operands[2] : nullptr, axis);
  results.push_back(std::move(out));
  return success();
}

LogicalResult dequantizeKernel(DequantizeLinearOp op, Operands operands,
                               Results &results) {
  int64_t axis = axisIn(op.getAxis(), operands[0]->getRank());
  results.push_back(fromValues(
      op, dequantize(*operands[0], *operands[1],
                     operands.size() > 2 ? operands[2] : nullptr, axis)));
  return success();
}

/// x - zp with a per-tensor zero point, or per row (axis -2) / column.
std::vector<double> centered(const Tensor &x, const Tensor *zp, int64_t axis) {
  std::vector<double> v(x.getNumElements());
  for (int64_t i = 0, n = v.size(); i < n; ++i)
    v[i] = x.getAsDouble(i) -
           zeroPoint(zp, paramIndex(zp, x.getShape(), axis, i));
  return v;
}

LogicalResult matmulIntegerKernel(MatMulIntegerOp op, Operands operands,
                                  Results &results) {
  const Tensor &a = *operands[0], &b = *operands[1];
  const Tensor *az = op.getAZeroPoint() ? operands[2] : nullptr;
  const Tensor *bz = op.getBZeroPoint() ? operands[op.getAZeroPoint() ? 3 : 2]
                                        : nullptr;
  results.push_back(fromValues(
      op, matmulValues(centered(a, az, std::max<int64_t>(a.getRank() - 2, 0)),
                       llvm::SmallVector<int64_t>(a.getShape()),
                       centered(b, bz, b.getRank() - 1),
                       llvm::SmallVector<int64_t>(b.getShape()))));
  return success();
}

LogicalResult convIntegerKernel(ConvIntegerOp op, Operands operands,
                                Results &results) {
  const Tensor &x = *operands[0], &w = *operands[1];
  const Tensor *xz = op.getXZeroPoint() ? operands[2] : nullptr;
  const Tensor *wz = op.getWZeroPoint() ? operands[op.getXZeroPoint() ? 3 : 2]
                                        : nullptr;
  Tensor out = resultFor(op);
  results.push_back(fromValues(
      op, convValues(centered(x, xz, 1), x.getShape(), centered(w, wz, 0),
                     w.getShape(), out.getShape(), op.getStrides(),
                     op.getPads(), op.getDilations(), op.getGroup(), false)));
  return success();
}

LogicalResult qlinearMatmulKernel(QLinearMatMulOp op, Operands operands,
                                  Results &results) {
  const Tensor &a = *operands[0], &b = *operands[3];
  std::vector<double> y = matmulValues(
      dequantize(a, *operands[1], operands[2],
                 std::max<int64_t>(a.getRank() - 2, 0)),
      llvm::SmallVector<int64_t>(a.getShape()),
      dequantize(b, *operands[4], operands[5], b.getRank() - 1),
      llvm::SmallVector<int64_t>(b.getShape()));
  Tensor out = resultFor(op);
  quantizeInto(out, y, *operands[6], operands[7], 0);
  results.push_back(std::move(out));
  return success();
}

LogicalResult qlinearConvKernel(QLinearConvOp op, Operands operands,
                                Results &results) {
  const Tensor &x = *operands[0], &w = *operands[3];
  Tensor out = resultFor(op);
  std::vector<double> y = convValues(
      dequantize(x, *operands[1], operands[2], 1), x.getShape(),
      dequantize(w, *operands[4], operands[5], 0), w.getShape(),
      out.getShape(), op.getStrides(), op.getPads(), op.getDilations(),
      op.getGroup(), false);
  if (operands.size() > 8) {
    // The int32 bias is at scale x_scale * w_scale (per output channel).
    const Tensor &bias = *operands[8], &ws = *operands[4];
    double xs = operands[1]->getAsDouble(0);
    int64_t cout = out.getShape()[1], plane = out.getNumElements() /
                                              (out.getShape()[0] * cout);
    for (int64_t i = 0, n = y.size(); i < n; ++i) {
      int64_t m = (i / plane) % cout;
      y[i] += bias.getAsDouble(m) * xs *
              ws.getAsDouble(ws.getNumElements() == 1 ? 0 : m);
    }
  }
  quantizeInto(out, y, *operands[6], operands[7], 0);
  results.push_back(std::move(out));
  return success();
}

NN_KERNEL_MODEL(QuantizeLinearOp, quantizeKernel)
NN_KERNEL_MODEL(DequantizeLinearOp, dequantizeKernel)
NN_KERNEL_MODEL(MatMulIntegerOp, matmulIntegerKernel)
NN_KERNEL_MODEL(ConvIntegerOp, convIntegerKernel)
NN_KERNEL_MODEL(QLinearMatMulOp, qlinearMatmulKernel)
NN_KERNEL_MODEL(QLinearConvOp, qlinearConvKernel)

} // namespace

void nn::registerQuantKernels(MLIRContext *ctx) {
  QuantizeLinearOp::attachInterface<QuantizeLinearOpEvaluate>(*ctx);
  DequantizeLinearOp::attachInterface<DequantizeLinearOpEvaluate>(*ctx);
  MatMulIntegerOp::attachInterface<MatMulIntegerOpEvaluate>(*ctx);
  ConvIntegerOp::attachInterface<ConvIntegerOpEvaluate>(*ctx);
  QLinearMatMulOp::attachInterface<QLinearMatMulOpEvaluate>(*ctx);
  QLinearConvOp::attachInterface<QLinearConvOpEvaluate>(*ctx);
}
