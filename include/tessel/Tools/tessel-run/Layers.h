//===- Layers.h - --compare's named intermediates -------------*- C++ -*-===//
//
// Where two modules' outputs differ, the first layer whose values differ
// says where a lowering went wrong. A layer is the ops whose location is
// named n (nn::getNodeName: the ONNX node the importer names every op
// after, or the first of those an op was folded from); its value
// is what the last of them computed, so a layer lowered into several ops
// is compared by its final value.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_LAYERS_H
#define TESSEL_TOOLS_TESSEL_RUN_LAYERS_H

#include "tessel/Interpreter/Tensor.h"
#include "tessel/Tools/tessel-run/Compare.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/MapVector.h"

#include <optional>

namespace mlir::tessel::run {

struct Layer {
  /// The last op with the layer's name, and its results.
  Operation *op = nullptr;
  llvm::SmallVector<interp::Tensor> results;
};

/// The layers of one run, in the order their names first ran. Only the
/// last op of each name is held, but that is still one value per named op
/// alive until the comparison: what --compare costs in memory.
class LayerRecorder {
public:
  /// For RunOptions::onResult.
  void record(Operation *op, unsigned result, const interp::Tensor &value);

  const llvm::MapVector<StringAttr, Layer> &layers() const { return byName; }

private:
  llvm::MapVector<StringAttr, Layer> byName;
};

struct LayerDifference {
  StringAttr name;
  const Layer *layer, *reference;
  unsigned result;
  Difference difference;
};

/// The first layer, in the reference's order, that both runs have with the
/// same result types and whose values differ. `compared` counts the layers
/// both have with the same result types.
std::optional<LayerDifference>
firstDifferingLayer(const LayerRecorder &run, const LayerRecorder &reference,
                    unsigned &compared);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_LAYERS_H
