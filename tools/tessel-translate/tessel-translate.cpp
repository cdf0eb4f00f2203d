//===- tessel-translate.cpp - tessel's emitters and importers -------------===//
//
//   tessel-translate --gemmini-to-asm prog.mlir
//   tessel-translate --gemmini-to-bin prog.mlir -o prog.bin
//   tessel-translate --gemmini-to-c prog.mlir -o prog.c
//   tessel-translate --import-gemmini-bin prog.bin
//   tessel-translate --print-target=gemmini-dim8[:field=value,...]
//   tessel-translate --print-target=list
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/InitAllTranslations.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace {

// Parsed by hand before mlirTranslateMain, which insists on a translation
// and an input; declared here so that --help lists it.
llvm::cl::opt<std::string> printTargetOption(
    "print-target",
    llvm::cl::desc("Print a Gemmini target preset (PRESET[:field=value,...]) "
                   "with every parameter, or 'list' for the preset names"),
    llvm::cl::value_desc("preset"));

/// Handles --print-target: its exit code, or nothing when it is absent.
std::optional<int> printTarget(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (!arg.consume_front("--print-target") &&
        !arg.consume_front("-print-target"))
      continue;
    std::string spec;
    if (arg.consume_front("="))
      spec = arg.str();
    else if (!arg.empty())
      continue; // another option that starts alike
    else if (i + 1 < argc)
      spec = argv[i + 1];
    if (spec.empty()) {
      llvm::errs() << "tessel-translate: --print-target needs a preset\n";
      return 1;
    }
    if (spec == "list") {
      for (llvm::StringRef name : mlir::tessel::gemmini::getTargetPresetNames())
        llvm::outs() << name << "\n";
      return 0;
    }
    mlir::MLIRContext ctx;
    ctx.loadDialect<mlir::tessel::gemmini::GemminiDialect>();
    std::string error;
    auto target = mlir::tessel::gemmini::parseTargetSpec(&ctx, spec, error);
    if (!target) {
      llvm::errs() << "tessel-translate: --print-target: " << error << "\n";
      return 1;
    }
    mlir::tessel::gemmini::printTargetInFull(llvm::outs(), target);
    llvm::outs() << "\n";
    return 0;
  }
  return std::nullopt;
}

} // namespace

int main(int argc, char **argv) {
  if (std::optional<int> code = printTarget(argc, argv))
    return *code;
  mlir::tessel::registerAllTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "tessel translation tool"));
}
