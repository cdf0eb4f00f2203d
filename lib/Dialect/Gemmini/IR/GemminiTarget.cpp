//===- GemminiTarget.cpp - target presets and overrides -------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectImplementation.h"
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

/// The parameter named `name`, or null.
const TargetAttr::Param *findParam(llvm::StringRef name) {
  for (const TargetAttr::Param &p : TargetAttr::kParams)
    if (p.name == name)
      return &p;
  return nullptr;
}

/// `<name = value, ...>`: every parameter with `all`, else those that differ
/// from their defaults.
void printParams(llvm::raw_ostream &os, TargetAttr t, bool all) {
  os << "<";
  auto values = t.getValues();
  bool first = true;
  for (auto [p, v] : llvm::zip_equal(TargetAttr::kParams, values)) {
    if (!all && v == p.defaultValue)
      continue;
    os << (first ? "" : ", ") << p.name << " = ";
    first = false;
    if (p.isDataflows)
      os << '"' << stringifyDataflows(Dataflows(v)) << '"';
    else
      os << v;
  }
  os << ">";
}

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
    const TargetAttr::Param *param = findParam(key);
    if (!param) {
      error = "unknown target field '" + key.str() + "'";
      return {};
    }
    if (!param->isDataflows && !llvm::all_of(value, llvm::isDigit)) {
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
            (findParam(k)->isDataflows ? "\"" + v + "\"" : v);
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

void mlir::tessel::gemmini::printTargetInFull(llvm::raw_ostream &os,
                                              TargetAttr target) {
  os << "#gemmini.target";
  printParams(os, target, /*all=*/true);
}

void TargetAttr::print(AsmPrinter &printer) const {
  printParams(printer.getStream(), *this, /*all=*/false);
}

Attribute TargetAttr::parse(AsmParser &parser, Type) {
  llvm::SMLoc loc = parser.getCurrentLocation();
  std::array<int64_t, kNumParams> values;
  for (size_t i = 0; i < kNumParams; ++i)
    values[i] = kParams[i].defaultValue;
  llvm::SmallVector<bool, kNumParams> seen(kNumParams, false);
  if (parser.parseLess())
    return {};
  if (failed(parser.parseOptionalGreater())) {
    do {
      llvm::StringRef key;
      llvm::SMLoc keyLoc = parser.getCurrentLocation();
      if (parser.parseKeyword(&key))
        return {};
      const Param *param = findParam(key);
      size_t i = param ? size_t(param - kParams) : 0;
      if (!param || seen[i]) {
        parser.emitError(keyLoc, "duplicate or unknown struct parameter name: ")
            << key;
        return {};
      }
      seen[i] = true;
      if (parser.parseEqual())
        return {};
      if (!param->isDataflows) {
        if (parser.parseInteger(values[i]))
          return {};
        continue;
      }
      std::string text;
      llvm::SMLoc valueLoc = parser.getCurrentLocation();
      if (parser.parseString(&text))
        return {};
      std::optional<Dataflows> dataflows = symbolizeDataflows(text);
      if (!dataflows) {
        parser.emitError(valueLoc, "dataflows must be os, ws or both, got '")
            << text << "'";
        return {};
      }
      values[i] = int64_t(*dataflows);
    } while (succeeded(parser.parseOptionalComma()));
    if (parser.parseGreater())
      return {};
  }
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    values);
}
