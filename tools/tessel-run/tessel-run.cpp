//===- tessel-run.cpp - the reference interpreter driver ------------------===//
//
// tessel-run file.mlir --input name=x.npy ... [--output-dir d] [--entry main]
//                      [--stats] [--dump-intermediates d]
//
// Inputs are NumPy .npy files or ONNX TensorProto .pb files, matched to the
// entry function's arguments by their `onnx.name` (or arg0, arg1, ...).
// Outputs are written as <name>.npy into --output-dir, or summarized.
//
//===----------------------------------------------------------------------===//

#include "RunGemmini.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/Interpreter/Interpreter.h"
#include "tessel/Support/Npy.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <malloc.h>
#include <map>

using namespace mlir;
using mlir::tessel::interp::Tensor;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<file.mlir>"),
                                      cl::Required);
static cl::list<std::string> inputs("input",
                                    cl::desc("name=file.npy|file.pb"),
                                    cl::value_desc("name=file"));
static cl::opt<std::string> outputDir("output-dir",
                                      cl::desc("Write outputs as .npy here"));
static cl::opt<std::string> entry("entry", cl::desc("Function to run"),
                                  cl::init("main"));
static cl::opt<std::string>
    dumpDir("dump-intermediates",
            cl::desc("Write every intermediate value as .npy here"));

static cl::opt<bool>
    trace("trace", cl::desc("Print each Gemmini instruction with the cycles "
                            "the timing model gives it"));
static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Run the function this many times; --stats then reports "
                    "the median run (for timing warm runs)"),
           cl::init(1));

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error() << message << "\n";
  return 1;
}

static std::string argName(func::FuncOp f, unsigned i) {
  if (auto name = f.getArgAttrOfType<StringAttr>(i, "onnx.name"))
    return name.str();
  return "arg" + std::to_string(i);
}

static std::string resultName(func::FuncOp f, unsigned i) {
  if (auto name = f.getResultAttrOfType<StringAttr>(i, "onnx.name"))
    return name.str();
  return "result" + std::to_string(i);
}

/// A file name for a value: its ONNX name with path separators replaced.
static std::string fileNameFor(llvm::StringRef name) {
  std::string s = name.str();
  for (char &c : s)
    if (!llvm::isAlnum(c) && c != '_' && c != '-' && c != '.')
      c = '_';
  return s;
}

/// Quantized values are written as their packed encoding (.tq, the layout
/// of tessel-quant's packed files), accumulators as .npy of their storage
/// integers, everything else as .npy.
static std::string extensionFor(const Tensor &t) {
  return t.getElementType().isIntOrFloat() ||
                 tessel::qt::accumulatorOf(t.getElementType())
             ? ".npy"
             : ".tq";
}

static LogicalResult writeValue(llvm::StringRef path, const Tensor &t,
                                std::string &error) {
  if (t.getElementType().isIntOrFloat())
    return tessel::writeNpy(path, t, error);
  if (auto acc = tessel::qt::accumulatorOf(t.getElementType()))
    return tessel::writeNpy(
        path,
        Tensor::fromBytes(RankedTensorType::get(t.getShape(), acc->storage),
                          std::vector<char>(t.bytes().begin(),
                                            t.bytes().end())),
        error);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    error = "cannot write '" + path.str() + "': " + ec.message();
    return failure();
  }
  os.write(t.bytes().data(), t.bytes().size());
  return success();
}

static FailureOr<Tensor> readInput(llvm::StringRef path,
                                           MLIRContext *ctx,
                                           std::string &error) {
  if (path.ends_with(".pb"))
    return tessel::readTensorProto(path, ctx, error);
  return tessel::readNpy(path, ctx, error);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // Keep freed tensor buffers in the process: by default glibc returns large
  // blocks to the kernel, and every op's result then page-faults afresh
  // (half the run time of a CNN).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  cl::ParseCommandLineOptions(argc, argv, "tessel reference interpreter\n");
  // --stats is LLVM's own flag; tessel-run answers it with time per op kind.
  bool stats = llvm::AreStatisticsEnabled();

  DialectRegistry registry;
  tessel::registerAllDialects(registry);
  tessel::registerAllInterpreters(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(inputFile, sourceMgr, &context);
  if (!module)
    return 1;
  // Match --input files to arguments (or DRAM segments) by name.
  std::map<std::string, std::string> given;
  for (const std::string &spec : inputs) {
    auto [name, path] = llvm::StringRef(spec).split('=');
    if (name.empty() || path.empty())
      return fail("--input expects name=file, got '" + spec + "'");
    if (!given.emplace(name.str(), path.str()).second)
      return fail("input '" + name + "' is given twice");
  }
  if (auto program = module->lookupSymbol<tessel::gemmini::ProgramOp>(entry))
    return tessel::runGemminiProgram(program, given, outputDir, stats, trace);
  auto func = module->lookupSymbol<func::FuncOp>(entry);
  if (!func)
    return fail("no function or gemmini program '" + entry + "' in " +
                inputFile);
  llvm::SmallVector<Tensor> args;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    std::string name = argName(func, i);
    auto it = given.find(name);
    if (it == given.end())
      return fail("missing input '" + name + "' (" +
                  llvm::Twine(i) + "), pass --input " + name + "=file.npy");
    std::string error;
    auto tensor = readInput(it->second, &context, error);
    if (failed(tensor))
      return fail(error);
    Type expected = func.getArgument(i).getType();
    if (tensor->getType() != expected) {
      std::string got, want;
      llvm::raw_string_ostream(got) << tensor->getType();
      llvm::raw_string_ostream(want) << expected;
      return fail("input '" + name + "' from " + it->second + " is " + got +
                  ", the function expects " + want);
    }
    args.push_back(std::move(*tensor));
    given.erase(it);
  }
  if (!given.empty())
    return fail("'" + given.begin()->first + "' is not an input of '" + entry +
                "'");

  if (repeat == 0)
    return fail("--repeat must be at least 1");
  tessel::interp::RunOptions options;
  tessel::interp::KernelCache cache;
  options.cache = &cache;
  std::string dumpError;
  if (!dumpDir.empty()) {
    if (auto ec = llvm::sys::fs::create_directories(dumpDir))
      return fail("cannot create '" + dumpDir + "': " + ec.message());
    options.onResult = [&](Operation *op, unsigned i,
                           const Tensor &t) {
      std::string name = op->getName().getStringRef().str();
      if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
        name = loc.getName().str();
      llvm::SmallString<256> path(dumpDir.getValue());
      llvm::sys::path::append(path, fileNameFor(name) + "_" +
                                        std::to_string(i) + extensionFor(t));
      std::string error;
      if (failed(writeValue(path, t, error)) && dumpError.empty())
        dumpError = error;
    };
  }
  // Each run's wall time and time per op kind; the median run is reported.
  using OpTimes = std::map<std::string, std::chrono::duration<double>>;
  std::vector<std::pair<std::chrono::duration<double>, OpTimes>> runs(repeat);
  FailureOr<llvm::SmallVector<Tensor>> results = failure();
  for (auto &[runTime, times] : runs) {
    if (stats)
      options.timePerOp = &times;
    auto start = std::chrono::steady_clock::now();
    results = tessel::interp::run(func, args, options);
    runTime = std::chrono::steady_clock::now() - start;
    if (failed(results))
      return 1;
    if (!dumpError.empty())
      return fail(dumpError);
    options.onResult = nullptr;
  }
  std::chrono::duration<double> firstRun = runs.front().first;
  std::sort(runs.begin(), runs.end(),
            [](auto &a, auto &b) { return a.first < b.first; });
  auto &[runTime, times] = runs[runs.size() / 2];

  if (!outputDir.empty()) {
    if (auto ec = llvm::sys::fs::create_directories(outputDir))
      return fail("cannot create '" + outputDir + "': " + ec.message());
  }
  for (auto [i, t] : llvm::enumerate(*results)) {
    std::string name = resultName(func, i);
    if (!outputDir.empty()) {
      llvm::SmallString<256> path(outputDir.getValue());
      llvm::sys::path::append(path, fileNameFor(name) + extensionFor(t));
      std::string error;
      if (failed(writeValue(path, t, error)))
        return fail(error);
      llvm::outs() << name << ": " << t.getType() << " -> " << path << "\n";
      continue;
    }
    if (!t.getElementType().isIntOrFloat()) {
      llvm::outs() << name << ": " << t.getType() << " (" << t.bytes().size()
                   << " bytes encoded)\n";
      continue;
    }
    llvm::outs() << name << ": " << t.getType() << " [";
    for (int64_t k = 0, n = std::min<int64_t>(t.getNumElements(), 8); k < n; ++k)
      llvm::outs() << (k ? ", " : "") << t.getAsDouble(k);
    llvm::outs() << (t.getNumElements() > 8 ? ", ...]\n" : "]\n");
  }
  if (stats) {
    if (repeat > 1)
      llvm::outs() << "first run: "
                   << llvm::format("%.3f", firstRun.count() * 1e3) << " ms\n";
    llvm::outs() << "run: " << llvm::format("%.3f", runTime.count() * 1e3)
                 << " ms" << (repeat > 1 ? " (median)" : "")
                 << "\ntime per op kind:\n";
    for (auto &[name, d] : times)
      llvm::outs() << "  " << name << ": " << llvm::format("%.3f", d.count() * 1e3)
                   << " ms\n";
  }
  return 0;
}
