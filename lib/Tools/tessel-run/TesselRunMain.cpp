//===- TesselRunMain.cpp - the tessel-run tool as a library ---------------===//
//
// tessel-run file.mlir --input name=x.npy ... [--output-dir d] [--entry main]
//                      [--stats] [--repeat N] [--dump-intermediates d]
//                      [--trace] [--compare ref.mlir]
//                      [--dump-programs d]
//
// The entry is a function, or a gemmini program run through a host
// function (ProgramHost.h); either way it runs in the interpreter. With
// --compare the reference's entry runs too and the results are compared
// (Compare.h, Layers.h). --dump-programs writes each accelerator program
// the run calls as a directory that runs alone (ProgramDump.h).
//
//===----------------------------------------------------------------------===//

#include "tessel/Tools/tessel-run/TesselRunMain.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/Interpreter/Interpreter.h"
#include "tessel/Tools/tessel-run/Compare.h"
#include "tessel/Tools/tessel-run/Entry.h"
#include "tessel/Tools/tessel-run/Inputs.h"
#include "tessel/Tools/tessel-run/Layers.h"
#include "tessel/Tools/tessel-run/Outputs.h"
#include "tessel/Tools/tessel-run/ProgramDump.h"
#include "tessel/Tools/tessel-run/SourceModule.h"
#include "tessel/Support/WholeFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <malloc.h>
#include <optional>

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
  cl::opt<std::string> programDir{
      "dump-programs",
      cl::desc("Write each gemmini.call of the (first) run as a program "
               "directory here: prog.mlir, its inputs, expected/ outputs"),
      cl::value_desc("dir")};
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
  cl::opt<std::string> compare{
      "compare",
      cl::desc("Run this reference module's entry on the same inputs too and "
               "compare the results bit for bit (holds each named op's value "
               "until then)"),
      cl::value_desc("ref.mlir")};
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

/// Prints how the results compare with the reference's and returns the
/// exit code: 0 when all are bit-identical, else 1, naming the first
/// differing output and the first differing layer.
int reportComparison(func::FuncOp func, llvm::ArrayRef<Tensor> results,
                     llvm::ArrayRef<Tensor> refResults,
                     const run::SourceModule &source,
                     const run::SourceModule &refSource,
                     const run::LayerRecorder &layers,
                     const run::LayerRecorder &refLayers) {
  llvm::SmallVector<std::pair<unsigned, run::Difference>> differing;
  for (auto [i, pair] : llvm::enumerate(llvm::zip(results, refResults))) {
    auto &[value, refValue] = pair;
    run::Difference d = run::compareValues(value, refValue);
    if (d.count)
      differing.emplace_back(i, d);
  }
  if (differing.empty()) {
    for (auto [i, t] : llvm::enumerate(results))
      llvm::outs() << run::resultName(func, i) << ": bit-identical ("
                   << t.getNumElements() << " elements)\n";
    return 0;
  }
  auto [first, d] = differing.front();
  llvm::outs() << run::resultName(func, first) << ": "
               << run::describeDifference(results[first], refResults[first], d)
               << "\n";
  if (differing.size() > 1)
    llvm::outs() << differing.size() << " of " << results.size()
                 << " outputs differ\n";
  unsigned compared;
  auto layer = run::firstDifferingLayer(layers, refLayers, compared);
  if (!layer) {
    llvm::outs() << "no named layer differs (" << compared
                 << " in both modules)\n";
    return 1;
  }
  llvm::outs() << "first differing layer: '" << layer->name.getValue() << "'";
  if (layer->layer->op->getNumResults() > 1)
    llvm::outs() << " result " << layer->result;
  llvm::SmallVector<std::string> at;
  for (std::string where : {source.where(layer->layer->op),
                            refSource.where(layer->reference->op)})
    if (!where.empty())
      at.push_back(where);
  if (!at.empty())
    llvm::outs() << " (" << llvm::join(at, ", ") << ")";
  llvm::outs() << ": "
               << run::describeDifference(
                      layer->layer->results[layer->result],
                      layer->reference->results[layer->result],
                      layer->difference)
               << "\n";
  return 1;
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
  // Diagnostics show the lines of whichever file they name (both modules'
  // with --compare); the handler loads them as needed.
  llvm::SourceMgr diagnosticSources;
  SourceMgrDiagnosticHandler handler(diagnosticSources, &context);
  bool comparing = !opts.compare.empty();
  std::string error;
  auto source =
      run::parseSourceModule(opts.inputFile, &context, comparing, error);
  if (!source)
    return error.empty() ? 1 : fail(error);
  auto files = run::parseInputSpecs(opts.inputs, error);
  if (failed(files))
    return fail(error);
  auto entry = run::loadEntry(*source->module, opts.inputFile, opts.entry,
                              *files, error);
  if (failed(entry))
    return fail(error);
  func::FuncOp func = entry->func;

  // The reference: the same entry on the same input files, with the same
  // arguments and results.
  std::unique_ptr<run::SourceModule> refSource;
  FailureOr<run::Entry> refEntry = failure();
  if (comparing) {
    refSource = run::parseSourceModule(opts.compare, &context, true, error);
    if (!refSource)
      return error.empty() ? 1 : fail(error);
    refEntry = run::loadEntry(
        *refSource->module, opts.compare, opts.entry, *files, error,
        [&](func::FuncOp ref, std::string &message) {
          return run::checkSameSignature(func, opts.inputFile, ref,
                                         opts.compare, message);
        });
    if (failed(refEntry))
      return fail(error);
  }

  interp::RunOptions options;
  interp::KernelCache cache;
  options.cache = &cache;
  if (opts.trace)
    options.trace = &llvm::outs();
  std::vector<std::pair<Operation *, interp::OpReport>> reports;
  std::optional<run::ProgramDumper> programs;
  std::string programError;
  if (!opts.programDir.empty()) {
    auto dumper = run::ProgramDumper::create(opts.programDir, error);
    if (failed(dumper))
      return fail(error);
    programs = std::move(*dumper);
    options.reportMemory = true;
  }
  options.onReport = [&](Operation *op, interp::OpReport report) {
    auto call = dyn_cast<gemmini::CallOp>(op);
    if (call && programs && options.reportMemory && programError.empty())
      (void)programs->dump(call, report.memory, programError);
    report.memory = {};
    reports.emplace_back(op, std::move(report));
  };
  std::string dumpError;
  run::FileNamer dumpNames;
  std::function<void(Operation *, unsigned, const Tensor &)> dump;
  if (!opts.dumpDir.empty()) {
    if (auto ec = llvm::sys::fs::create_directories(opts.dumpDir))
      return fail("cannot create '" + opts.dumpDir + "': " + ec.message());
    dump = [&](Operation *op, unsigned i, const Tensor &t) {
      std::string name = op->getName().getStringRef().str();
      if (StringAttr node = nn::getNodeName(op->getLoc()))
        name = node.str();
      llvm::SmallString<256> path(opts.dumpDir.getValue());
      llvm::sys::path::append(
          path, dumpNames.get(name + "_" + std::to_string(i),
                              run::extensionFor(t)));
      std::string error;
      if (failed(run::writeValue(path, t, error)) && dumpError.empty())
        dumpError = error;
    };
  }
  run::LayerRecorder layers;
  if (dump || comparing)
    options.onResult = [&](Operation *op, unsigned i, const Tensor &t) {
      if (dump)
        dump(op, i, t);
      if (comparing)
        layers.record(op, i, t);
    };
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
    results = interp::run(func, entry->args, options);
    runTime = std::chrono::steady_clock::now() - start;
    if (failed(results))
      return 1;
    if (!dumpError.empty())
      return fail(dumpError);
    if (!programError.empty())
      return fail(programError);
    options.onResult = nullptr;
    options.trace = nullptr;
    options.reportMemory = false;
  }
  if (programs && !programs->count())
    llvm::WithColor::warning()
        << "--dump-programs: the run called no gemmini program\n";
  else if (programs)
    llvm::outs() << "programs: " << programs->count() << " dumped to "
                 << programs->directory() << "\n";
  std::chrono::duration<double> firstRun = runs.front().first;
  std::sort(runs.begin(), runs.end(),
            [](auto &a, auto &b) { return a.first < b.first; });
  auto &[runTime, times] = runs[runs.size() / 2];

  // The reference runs once, on its own kernel cache, with no dump,
  // trace or timing: those are the module's.
  FailureOr<llvm::SmallVector<Tensor>> refResults = failure();
  run::LayerRecorder refLayers;
  if (comparing) {
    interp::RunOptions refOptions;
    refOptions.onResult = [&](Operation *op, unsigned i, const Tensor &t) {
      refLayers.record(op, i, t);
    };
    refResults = interp::run(refEntry->func, refEntry->args, refOptions);
    if (failed(refResults))
      return 1;
  }

  if (!opts.outputDir.empty()) {
    if (int written = writeResults(func, *results, opts.outputDir))
      return written;
  } else if (!comparing) {
    printResults(func, *results);
  }
  int rc = comparing ? reportComparison(func, *results, *refResults, *source,
                                        *refSource, layers, refLayers)
                      : 0;
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
        if (StringAttr name = nn::getNodeName(op->getLoc()))
          llvm::outs() << "layer '" << name.getValue() << "' ("
                       << op->getName() << "):\n";
        else
          llvm::outs() << op->getName() << " at " << where << ":\n";
      }
      if (auto tiles = op->getAttrOfType<DenseI64ArrayAttr>("tile.tiles")) {
        // A matmul's blocks, or tiled_conv's seven tile arguments.
        llvm::outs() << (tiles.size() == 3
                             ? "tiles (I, J, K blocks): "
                             : "tiles (batches, output rows, columns, "
                               "channels, kernel rows, columns, input "
                               "channels): ");
        llvm::interleaveComma(tiles.asArrayRef(), llvm::outs());
        llvm::outs() << "\n";
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
      if (StringAttr name = nn::getNodeName(op->getLoc()))
        entry["layer"] = name.getValue();
      if (auto tiles = op->getAttrOfType<DenseI64ArrayAttr>("tile.tiles"))
        entry["tiles"] = llvm::json::Array(tiles.asArrayRef());
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
  return rc;
}
