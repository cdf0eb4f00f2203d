//===- Calibration.cpp - values an IR function takes on sample inputs -----===//

#include "Calibration.h"

#include "tessel/Interpreter/Interpreter.h"
#include "tessel/Support/Npy.h"

#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::qt;
using interp::Tensor;

namespace {

std::string argName(func::FuncOp f, unsigned i) {
  if (auto name = f.getArgAttrOfType<StringAttr>(i, "onnx.name"))
    return name.str();
  return "arg" + std::to_string(i);
}

/// The argument tensors of each run.
FailureOr<std::vector<std::vector<Tensor>>>
calibrationInputs(func::FuncOp f, const CalibrationOptions &options) {
  unsigned numArgs = f.getNumArguments();
  std::vector<std::vector<Tensor>> perArg(numArgs);
  for (const std::string &entry : options.files) {
    size_t eq = entry.find('=');
    unsigned index = 0;
    std::string path = entry;
    if (eq == std::string::npos) {
      if (numArgs != 1)
        return f.emitError("calib: '")
               << entry << "' names no argument; with " << numArgs
               << " arguments use name=file.npy";
    } else {
      std::string name = entry.substr(0, eq);
      path = entry.substr(eq + 1);
      for (index = 0; index < numArgs && argName(f, index) != name; ++index)
        ;
      if (index == numArgs)
        return f.emitError("calib: no argument is named '") << name << "'";
    }
    std::string error;
    auto t = readNpy(path, f.getContext(), error);
    if (failed(t))
      return f.emitError("calib: ") << error;
    if (t->getType() != f.getArgumentTypes()[index])
      return f.emitError("calib: '")
             << path << "' holds " << t->getType() << ", argument '"
             << argName(f, index) << "' is " << f.getArgumentTypes()[index];
    // A NaN or infinity would make every scale searched from it meaningless.
    if (isa<FloatType>(t->getElementType()))
      for (int64_t i = 0; i < t->getNumElements(); ++i)
        if (!std::isfinite(t->getAsDouble(i)))
          return f.emitError("calib: '")
                 << path << "' holds " << t->getAsDouble(i) << " at element "
                 << i << "; calibration data must be finite";
    perArg[index].push_back(std::move(*t));
  }
  size_t runs = options.files.empty() ? options.randomRuns
                                      : perArg.empty() ? 0 : perArg[0].size();
  for (unsigned i = 0; i < numArgs && !options.files.empty(); ++i)
    if (perArg[i].size() != runs)
      return f.emitError("calib: argument '")
             << argName(f, i) << "' has " << perArg[i].size()
             << " files, argument '" << argName(f, 0) << "' " << runs;
  if (options.files.empty()) {
    std::mt19937_64 rng(options.seed);
    std::normal_distribution<double> normal;
    for (unsigned i = 0; i < numArgs; ++i) {
      auto type = dyn_cast<RankedTensorType>(f.getArgumentTypes()[i]);
      if (!type || !isa<FloatType>(type.getElementType()))
        return f.emitError("calib: argument '")
               << argName(f, i) << "' is not a float tensor; random "
               << "calibration inputs need float arguments, pass calib=";
      for (size_t r = 0; r < runs; ++r) {
        Tensor t(type);
        for (int64_t e = 0; e < t.getNumElements(); ++e)
          t.setFromDouble(e, normal(rng));
        perArg[i].push_back(std::move(t));
      }
    }
  }
  std::vector<std::vector<Tensor>> byRun(runs);
  for (size_t r = 0; r < runs; ++r)
    for (unsigned i = 0; i < numArgs; ++i)
      byRun[r].push_back(perArg[i][r]);
  return byRun;
}

/// Adds every `stride`-th element of `t` and its extremes to `s`.
void sample(const Tensor &t, size_t budget, Samples &s) {
  int64_t n = t.getNumElements();
  if (n == 0)
    return;
  int64_t stride = std::max<int64_t>(1, n / int64_t(std::max<size_t>(budget, 1)));
  double lo = t.getAsDouble(0), hi = lo;
  int64_t loAt = 0, hiAt = 0;
  for (int64_t i = 0; i < n; ++i) {
    double v = t.getAsDouble(i);
    if (v < lo)
      lo = v, loAt = i;
    if (v > hi)
      hi = v, hiAt = i;
    if (i % stride == 0)
      s.values.push_back(float(v));
  }
  if (stride > 1) {
    s.values.push_back(float(t.getAsDouble(loAt)));
    s.values.push_back(float(t.getAsDouble(hiAt)));
  }
  s.min = s.runs ? std::min(s.min, lo) : lo;
  s.max = s.runs ? std::max(s.max, hi) : hi;
  ++s.runs;
}

} // namespace

FailureOr<llvm::DenseMap<Value, Samples>>
qt::calibrate(func::FuncOp func, llvm::ArrayRef<Value> wanted,
              const CalibrationOptions &options) {
  auto inputs = calibrationInputs(func, options);
  if (failed(inputs))
    return failure();
  if (inputs->empty())
    return func.emitError("calib: no calibration runs");
  llvm::DenseSet<Value> want(wanted.begin(), wanted.end());
  llvm::DenseMap<Value, Samples> samples;
  size_t budget = options.sampleSize / inputs->size();
  for (std::vector<Tensor> &args : *inputs) {
    for (auto [arg, t] : llvm::zip(func.getArguments(), args))
      if (want.contains(arg))
        sample(t, budget, samples[arg]);
    interp::RunOptions run;
    run.onResult = [&](Operation *op, unsigned i, const Tensor &t) {
      Value v = op->getResult(i);
      if (want.contains(v))
        sample(t, budget, samples[v]);
    };
    if (failed(interp::run(func, args, run)))
      return func.emitError("calib: the float function failed to run on "
                            "the calibration inputs");
  }
  return samples;
}
