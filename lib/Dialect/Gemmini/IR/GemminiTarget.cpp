//===- GemminiTarget.cpp - target presets and overrides -------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"

#include <map>

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

using Fields = std::map<std::string, std::string>;

/// Each preset as the fields that differ from Gemmini's defaults. The
/// memories keep their byte sizes as DIM changes (256 KiB scratchpad, 64 KiB
/// accumulator), and MAX_BYTES = 64 fixes the block lengths.
const std::pair<llvm::StringRef, Fields> kPresets[] = {
    {"gemmini-default", {}},
    {"gemmini-dim8",
     {{"dim", "8"},
      {"spad_bank_rows", "8192"},
      {"acc_rows", "2048"},
      {"max_block_len", "8"},
      {"max_block_len_acc", "2"}}},
    {"gemmini-dim32",
     {{"dim", "32"},
      {"spad_bank_rows", "2048"},
      {"acc_rows", "512"},
      {"max_block_len", "2"}}},
    {"gemmini-bigspad",
     {{"spad_bank_rows", "16384"}, {"acc_banks", "4"}, {"acc_rows", "4096"}}},
};

const char *const kFieldNames[] = {
    "dim",          "spad_banks",        "spad_bank_rows",
    "acc_banks",    "acc_rows",          "input_bits",
    "acc_bits",     "dataflows",         "dma_bytes",
    "max_block_len", "max_block_len_acc", "dram_latency",
    "dma_bytes_per_cycle", "store_bytes_per_cycle"};

} // namespace

llvm::ArrayRef<llvm::StringRef> mlir::tessel::gemmini::getTargetPresetNames() {
  static const llvm::SmallVector<llvm::StringRef> names = [] {
    llvm::SmallVector<llvm::StringRef> n;
    for (const auto &p : kPresets)
      n.push_back(p.first);
    return n;
  }();
  return names;
}

TargetAttr mlir::tessel::gemmini::getDefaultTarget(MLIRContext *ctx) {
  std::string error;
  return parseTargetSpec(ctx, "gemmini-default", error);
}

TargetAttr mlir::tessel::gemmini::parseTargetSpec(MLIRContext *ctx,
                                                  llvm::StringRef spec,
                                                  std::string &error) {
  auto [name, overrides] = spec.split(':');
  const Fields *preset = nullptr;
  for (const auto &p : kPresets)
    if (p.first == name)
      preset = &p.second;
  if (!preset) {
    error = "unknown target '" + name.str() + "' (presets: " +
            llvm::join(getTargetPresetNames(), ", ") + ")";
    return {};
  }
  Fields fields = *preset;
  llvm::SmallVector<llvm::StringRef> items;
  overrides.split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    auto [key, value] = item.split('=');
    key = key.trim();
    value = value.trim();
    if (!llvm::is_contained(kFieldNames, key)) {
      error = "unknown target field '" + key.str() + "'";
      return {};
    }
    if (key != "dataflows" && !llvm::all_of(value, llvm::isDigit)) {
      error = "target field '" + key.str() + "' expects a number, got '" +
              value.str() + "'";
      return {};
    }
    if (value.empty()) {
      error = "target field '" + key.str() + "' has no value";
      return {};
    }
    fields[key.str()] = value.str();
  }
  std::string text = "#gemmini.target<";
  bool first = true;
  for (const auto &[k, v] : fields) {
    text += (first ? "" : ", ") + k + " = " +
            (k == "dataflows" ? "\"" + v + "\"" : v);
    first = false;
  }
  text += ">";
  std::string diag;
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &d) {
    diag = d.str();
    return success();
  });
  Attribute attr = parseAttribute(text, ctx);
  if (!attr) {
    error = "invalid target '" + spec.str() + "': " + diag;
    return {};
  }
  return cast<TargetAttr>(attr);
}
