//===- Layers.cpp - --compare's named intermediates -----------------------===//

#include "tessel/Tools/tessel-run/Layers.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"

#include "mlir/IR/Location.h"

using namespace mlir;
using namespace mlir::tessel;

void run::LayerRecorder::record(Operation *op, unsigned result,
                                const interp::Tensor &value) {
  StringAttr name = nn::getNodeName(op->getLoc());
  if (!name)
    return;
  Layer &layer = byName[name];
  // A later op of the layer replaces the earlier one's values.
  if (layer.op != op) {
    layer.op = op;
    layer.results.assign(op->getNumResults(), interp::Tensor());
  }
  layer.results[result] = value;
}

std::optional<run::LayerDifference>
run::firstDifferingLayer(const LayerRecorder &run,
                         const LayerRecorder &reference, unsigned &compared) {
  compared = 0;
  for (const auto &[name, ref] : reference.layers()) {
    auto it = run.layers().find(name);
    if (it == run.layers().end())
      continue;
    const Layer &layer = it->second;
    if (layer.op->getResultTypes() != ref.op->getResultTypes())
      continue;
    ++compared;
    for (auto [i, pair] :
         llvm::enumerate(llvm::zip(layer.results, ref.results))) {
      auto &[value, refValue] = pair;
      Difference d = compareValues(value, refValue);
      if (d.count)
        return LayerDifference{name, &layer, &ref, unsigned(i), d};
    }
  }
  return std::nullopt;
}
