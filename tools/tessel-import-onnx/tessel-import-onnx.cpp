//===- tessel-import-onnx.cpp - ONNX model to nn dialect ------------------===//
//
// tessel-import-onnx model.onnx [-o out.mlir] [--input-shape name=1x3x224x224]
//
//===----------------------------------------------------------------------===//

#include "tessel/InitAllDialects.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.onnx|model.onnxtext>"),
                                      cl::Required);
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::value_desc("file"), cl::init("-"));
static cl::list<std::string>
    inputShapes("input-shape",
                cl::desc("Pin an input's shape: name=D0xD1x... (repeatable)"),
                cl::value_desc("name=shape"));
static cl::list<std::string> freezeInputs(
    "freeze-input",
    cl::desc("Bind a graph input to a constant: name=tensor.pb (repeatable)"),
    cl::value_desc("name=file"));
static cl::opt<bool> emitBytecode("emit-bytecode",
                                  cl::desc("Write MLIR bytecode"));
static cl::opt<bool> noChecker("no-checker",
                               cl::desc("Skip ONNX's model checker"));
static cl::opt<bool> debugLocs("mlir-print-debuginfo",
                               cl::desc("Print locations (ONNX node names)"));
static cl::opt<int64_t> resourceThreshold(
    "resource-threshold",
    cl::desc("Constants with more elements become dense_resource blobs"),
    cl::init(64));

/// Prints "<file>: error: node '<name>': <message>", the form users see for
/// every import problem.
static void printDiagnostic(Diagnostic &diag) {
  std::string where;
  Location loc = diag.getLocation();
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (auto file = dyn_cast<FileLineColLoc>(name.getChildLoc()))
      where = file.getFilename().str() + ": ";
    where += "node '" + name.getName().str() + "': ";
  } else if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    where = file.getFilename().str() + ": ";
  }
  const char *kind = diag.getSeverity() == DiagnosticSeverity::Error ? "error"
                     : diag.getSeverity() == DiagnosticSeverity::Warning
                         ? "warning"
                         : "note";
  llvm::errs() << where << kind << ": " << diag.str() << "\n";
  for (Diagnostic &note : diag.getNotes())
    printDiagnostic(note);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "tessel ONNX importer\n");

  DialectRegistry registry;
  tessel::registerAllDialects(registry);
  MLIRContext context(registry);
  context.getDiagEngine().registerHandler([](Diagnostic &diag) {
    printDiagnostic(diag);
    return success();
  });

  tessel::ONNXImportOptions options;
  options.runChecker = !noChecker;
  options.resourceThreshold = resourceThreshold;
  for (const std::string &spec : freezeInputs) {
    std::string error;
    if (failed(tessel::parseFrozenInput(spec, options, error))) {
      llvm::WithColor::error() << error << "\n";
      return 1;
    }
  }
  for (const std::string &spec : inputShapes) {
    std::string error;
    if (failed(tessel::parseInputShape(spec, options, error))) {
      llvm::WithColor::error() << error << "\n";
      return 1;
    }
  }

  OwningOpRef<ModuleOp> module =
      tessel::importONNXModel(inputFile, &context, options);
  if (!module)
    return 1;

  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output) {
    llvm::WithColor::error() << error << "\n";
    return 1;
  }
  if (emitBytecode) {
    if (failed(writeBytecodeToFile(*module, output->os())))
      return 1;
  } else {
    OpPrintingFlags flags;
    if (debugLocs)
      flags.enableDebugInfo();
    module->print(output->os(), flags);
  }
  output->keep();
  return 0;
}
