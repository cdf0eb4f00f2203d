//===- TesselRunMain.cpp - the tessel-run tool as a library ---------------===//
//
// tessel-run file.mlir --input name=x.npy ... [--output-dir d] [--entry main]
//                      [--stats] [--repeat N] [--dump-intermediates d]
//                      [--trace]
//
// The entry is a function, or a gemmini program run through a host
// function (ProgramHost.h); either way it runs in the interpreter.
//
//===----------------------------------------------------------------------===//

#include "tessel/Tools/tessel-run/TesselRunMain.h"
#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/Interpreter/Interpreter.h"
#include "tessel/Tools/tessel-run/Inputs.h"
#include "tessel/Tools/tessel-run/Outputs.h"
#include "tessel/Tools/tessel-run/ProgramHost.h"
#include "tessel/Support/WholeFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <malloc.h>

using namespace mlir;
using namespace mlir::tessel;
using interp::Tensor;
namespace cl = llvm::cl;

namespace {

struct Options {
  cl::opt<std::string> inputFile{cl::Positional, cl::desc("<file.mlir>"),
                                 cl::Required};
  cl::list<std::string> inputs{"input", cl::desc("name=file.npy|file.pb"),
                               cl::value_desc("name=file")};
  cl::opt<std::string> outputDir{"output-dir",
                                 cl::desc("Write outputs as .npy here")};
  cl::opt<std::string> entry{"entry",
                             cl::desc("Function or gemmini program to run"),
                             cl::init("main")};
  cl::opt<std::string> dumpDir{
      "dump-intermediates",
      cl::desc("Write every intermediate value as .npy here")};
  cl::opt<bool> trace{"trace",
                      cl::desc("Print each Gemmini instruction with the "
                               "cycles the timing model gives it")};
  cl::opt<std::string> statsJson{
      "stats-json",
      cl::desc("Write what --stats prints as JSON to this file (run times, "
               "time per op kind, each accelerator program's counters)"),
      cl::value_desc("file")};
  cl::opt<unsigned> repeat{
      "repeat",
      cl::desc("Run the function this many times; --stats then reports the "
               "median run (for timing warm runs)"),
      cl::init(1)};
};

int fail(const llvm::Twine &message) {
  llvm::WithColor::error() << message << "\n";
  return 1;
}

/// Writes the entry's results into `outputDir`: each to a temporary file
/// first, renamed into place once all are written, so a failed write leaves
/// none of them.
int writeResults(func::FuncOp func, llvm::ArrayRef<Tensor> results,
                 llvm::StringRef outputDir) {
  if (auto ec = llvm::sys::fs::create_directories(outputDir))
    return fail("cannot create '" + outputDir + "': " + ec.message());
  run::FileNamer names;
  std::vector<std::pair<std::string, std::string>> written; // temp, final
  auto discard = [&] {
    for (auto &[temp, path] : written)
      llvm::sys::fs::remove(temp);
  };
  for (auto [i, t] : llvm::enumerate(results)) {
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(
        path, names.get(run::resultName(func, i), run::extensionFor(t)));
    std::string temp = (path + ".partial").str();
    std::string error;
    if (failed(run::writeValue(temp, t, error))) {
      discard();
      return fail(error);
    }
    written.emplace_back(temp, path.str().str());
  }
  for (auto &[temp, path] : written)
    if (auto ec = llvm::sys::fs::rename(temp, path)) {
      discard();
      return fail("cannot write '" + path + "': " + ec.message());
    }
  for (auto [i, t] : llvm::enumerate(results))
    llvm::outs() << run::resultName(func, i) << ": " << t.getType() << " -> "
                 << written[i].second << "\n";
  return 0;
}

/// Prints a summary of the entry's results.
void printResults(func::FuncOp func, llvm::ArrayRef<Tensor> results) {
  for (auto [i, t] : llvm::enumerate(results)) {
    std::string name = run::resultName(func, i);
    if (!t.getElementType().isIntOrFloat()) {
      llvm::outs() << name << ": " << t.getType() << " (" << t.bytes().size()
                   << " bytes encoded)\n";
      continue;
    }
    llvm::outs() << name << ": " << t.getType() << " [";
    for (int64_t k = 0, n = std::min<int64_t>(t.getNumElements(), 8); k < n;
         ++k)
      llvm::outs() << (k ? ", " : "") << t.getAsDouble(k);
    llvm::outs() << (t.getNumElements() > 8 ? ", ...]\n" : "]\n");
  }
}

} // namespace

int mlir::tessel::tesselRunMain(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // Keep freed tensor buffers in the process: by default glibc returns large
  // blocks to the kernel, and every op's result then page-faults afresh
  // (half the run time of a CNN).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  // LLVM's own -stats-json (print its statistics as JSON) would take the
  // name of tessel-run's report file; it keeps working under another name.
  if (cl::Option *llvmStatsJson = cl::getRegisteredOptions().lookup("stats-json"))
    llvmStatsJson->setArgStr("llvm-stats-json");
  Options opts;
  cl::ParseCommandLineOptions(argc, argv, "tessel reference interpreter\n");
  // --stats is LLVM's own flag; tessel-run answers it with time per op kind
  // and what accelerator programs report.
  bool json = !opts.statsJson.empty();
  bool stats = llvm::AreStatisticsEnabled();
  if (opts.repeat == 0)
    return fail("--repeat must be at least 1");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllInterpreters(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(opts.inputFile, sourceMgr, &context);
  if (!module)
    return 1;
  std::string error;
  auto files = run::parseInputSpecs(opts.inputs, error);
  if (failed(files))
    return fail(error);

  func::FuncOp func;
  llvm::SmallVector<Tensor> args;
  if (auto program =
          module->lookupSymbol<gemmini::ProgramOp>(opts.entry.getValue())) {
    auto host = run::buildProgramHost(program, *files, error);
    if (failed(host))
      return fail(error);
    func = host->func;
    args = std::move(host->args);
  } else {
    func = module->lookupSymbol<func::FuncOp>(opts.entry.getValue());
    if (!func)
      return fail("no function or gemmini program '" + opts.entry + "' in " +
                  opts.inputFile);
    if (func.isDeclaration())
      return fail("'" + opts.entry + "' in " + opts.inputFile +
                  " is a declaration, with no body to run");
    auto read = run::readFunctionInputs(func, *files, error);
    if (failed(read))
      return fail(error);
    args = std::move(*read);
  }

  interp::RunOptions options;
  interp::KernelCache cache;
  options.cache = &cache;
  if (opts.trace)
    options.trace = &llvm::outs();
  std::vector<std::pair<Operation *, interp::OpReport>> reports;
  options.onReport = [&](Operation *op, interp::OpReport report) {
    reports.emplace_back(op, std::move(report));
  };
  std::string dumpError;
  run::FileNamer dumpNames;
  if (!opts.dumpDir.empty()) {
    if (auto ec = llvm::sys::fs::create_directories(opts.dumpDir))
      return fail("cannot create '" + opts.dumpDir + "': " + ec.message());
    options.onResult = [&](Operation *op, unsigned i, const Tensor &t) {
      std::string name = op->getName().getStringRef().str();
      if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
        name = loc.getName().str();
      llvm::SmallString<256> path(opts.dumpDir.getValue());
      llvm::sys::path::append(
          path, dumpNames.get(name + "_" + std::to_string(i),
                              run::extensionFor(t)));
      std::string error;
      if (failed(run::writeValue(path, t, error)) && dumpError.empty())
        dumpError = error;
    };
  }
  // Each run's wall time and time per op kind; the median run is reported.
  using OpTimes = std::map<std::string, std::chrono::duration<double>>;
  std::vector<std::pair<std::chrono::duration<double>, OpTimes>> runs(
      opts.repeat);
  FailureOr<llvm::SmallVector<Tensor>> results = failure();
  for (auto &[runTime, times] : runs) {
    if (stats || json)
      options.timePerOp = &times;
    // Reports are the same every run; the last run's are kept.
    reports.clear();
    auto start = std::chrono::steady_clock::now();
    results = interp::run(func, args, options);
    runTime = std::chrono::steady_clock::now() - start;
    if (failed(results))
      return 1;
    if (!dumpError.empty())
      return fail(dumpError);
    options.onResult = nullptr;
    options.trace = nullptr;
  }
  std::chrono::duration<double> firstRun = runs.front().first;
  std::sort(runs.begin(), runs.end(),
            [](auto &a, auto &b) { return a.first < b.first; });
  auto &[runTime, times] = runs[runs.size() / 2];

  if (opts.outputDir.empty())
    printResults(func, *results);
  else if (int rc = writeResults(func, *results, opts.outputDir))
    return rc;
  if (stats) {
    if (opts.repeat > 1)
      llvm::outs() << "first run: "
                   << llvm::format("%.3f", firstRun.count() * 1e3) << " ms\n";
    llvm::outs() << "run: " << llvm::format("%.3f", runTime.count() * 1e3)
                 << " ms" << (opts.repeat > 1 ? " (median)" : "") << "\n";
    for (auto &[op, report] : reports) {
      // A heading per op only where several ops reported.
      if (reports.size() > 1) {
        std::string where;
        llvm::raw_string_ostream(where) << op->getLoc();
        llvm::outs() << op->getName() << " at " << where << ":\n";
      }
      llvm::outs() << report.text;
    }
    llvm::outs() << "time per op kind:\n";
    for (auto &[name, d] : times)
      llvm::outs() << "  " << name << ": "
                   << llvm::format("%.3f", d.count() * 1e3) << " ms\n";
  }
  if (json) {
    llvm::json::Object perKind;
    for (auto &[name, d] : times)
      perKind[name] = d.count() * 1e3;
    llvm::json::Array programs;
    for (auto &[op, report] : reports) {
      std::string where;
      llvm::raw_string_ostream(where) << op->getLoc();
      llvm::json::Object entry{{"op", op->getName().getStringRef()},
                               {"location", where}};
      if (auto call = dyn_cast<gemmini::CallOp>(op))
        entry["program"] = call.getProgram();
      entry["counters"] = std::move(report.data);
      programs.push_back(std::move(entry));
    }
    llvm::json::Object doc{{"runs", int64_t(opts.repeat)},
                           {"first_run_ms", firstRun.count() * 1e3},
                           {"run_ms", runTime.count() * 1e3},
                           {"time_per_op_kind_ms", std::move(perKind)},
                           {"reports", std::move(programs)}};
    std::string text, error;
    llvm::raw_string_ostream(text)
        << llvm::formatv("{0:2}", llvm::json::Value(std::move(doc))) << "\n";
    if (failed(writeWholeFile(opts.statsJson, text, error)))
      return fail(error);
  }
  return 0;
}
