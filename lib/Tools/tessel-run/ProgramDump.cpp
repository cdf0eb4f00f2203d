//===- ProgramDump.cpp - accelerator programs as directories --------------===//

#include "tessel/Tools/tessel-run/ProgramDump.h"
#include "tessel/Support/WholeFile.h"
#include "tessel/Tools/tessel-run/ProgramHost.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using interp::MemoryRegion;
using interp::Tensor;

namespace {

/// `word` as one word of a POSIX shell (and of Python's shlex.split).
std::string shellWord(llvm::StringRef word) {
  if (!word.empty() && llvm::all_of(word, [](char c) {
        return llvm::isAlnum(c) || llvm::StringRef("_-./=:@,+%").contains(c);
      }))
    return word.str();
  std::string quoted = "'";
  for (char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

/// The first bytes of `bytes` as a tensor of `type` (zeros past their end).
Tensor tensorOf(RankedTensorType type, llvm::ArrayRef<uint8_t> bytes) {
  Tensor t(type);
  llvm::MutableArrayRef<char> out = t.bytes();
  std::copy_n(bytes.begin(), std::min(out.size(), bytes.size()), out.begin());
  return t;
}

std::string joinPath(llvm::StringRef dir, llvm::StringRef name) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, name);
  return path.str().str();
}

LogicalResult createDirectory(llvm::StringRef path, std::string &error) {
  if (auto ec = llvm::sys::fs::create_directories(path)) {
    error = ("cannot create '" + path + "': " + ec.message()).str();
    return failure();
  }
  return success();
}

/// prog.mlir's text: the module's target, `segments` and `program`, which
/// is called `entry` there.
std::string standaloneModule(ModuleOp module, ProgramOp program,
                             llvm::ArrayRef<SegmentOp> segments,
                             llvm::StringRef entry) {
  OpBuilder b(module.getContext());
  OwningOpRef<ModuleOp> standalone = ModuleOp::create(b, module.getLoc());
  if (Attribute target = module->getAttr("gemmini.target"))
    (*standalone)->setAttr("gemmini.target", target);
  b.setInsertionPointToEnd(standalone->getBody());
  for (SegmentOp seg : segments)
    b.clone(*seg);
  cast<ProgramOp>(b.clone(*program)).setSymName(entry);
  std::string text;
  llvm::raw_string_ostream os(text);
  standalone->print(os);
  return text;
}

} // namespace

FailureOr<run::ProgramDumper> run::ProgramDumper::create(llvm::StringRef dir,
                                                         std::string &error) {
  llvm::SmallString<256> path(dir);
  if (failed(createDirectory(path, error)))
    return failure();
  if (auto ec = llvm::sys::fs::make_absolute(path)) {
    error = ("cannot find where '" + dir + "' is: " + ec.message()).str();
    return failure();
  }
  return ProgramDumper(path.str().str());
}

LogicalResult run::ProgramDumper::dump(CallOp call,
                                       llvm::ArrayRef<MemoryRegion> memory,
                                       std::string &error) {
  auto module = call->getParentOfType<ModuleOp>();
  auto program = module.lookupSymbol<ProgramOp>(call.getProgramAttr());
  std::string out = joinPath(dir, names.get(program.getSymName(), ""));
  if (failed(createDirectory(joinPath(out, "expected"), error)))
    return failure();

  // The segments the call held, in the module's order, with their bytes.
  llvm::StringMap<const MemoryRegion *> regions;
  for (const MemoryRegion &r : memory)
    regions[r.name] = &r;
  llvm::SmallVector<SegmentOp> segments;
  for (SegmentOp seg : module.getOps<SegmentOp>())
    if (regions.contains(seg.getSymName()))
      segments.push_back(seg);

  // The program runs as @main, tessel-run's default entry, unless a segment
  // has that name.
  bool asMain = llvm::none_of(
      segments, [](SegmentOp seg) { return seg.getSymName() == "main"; });
  llvm::StringRef entry = asMain ? "main" : program.getSymName();
  if (failed(writeWholeFile(joinPath(out, "prog.mlir"),
                            standaloneModule(module, program, segments, entry),
                            error)))
    return failure();

  // What the call wrote into its segments, as its operands' types; input and
  // weight segments it left alone start as zeros, which tessel-run needs a
  // file for too.
  llvm::StringMap<RankedTensorType> written;
  for (auto [name, value] :
       llvm::zip(call.getInputSegments().getAsRange<FlatSymbolRefAttr>(),
                 call.getInputs()))
    written[name.getValue()] = cast<RankedTensorType>(value.getType());
  llvm::SmallVector<std::string> flags;
  if (!asMain)
    flags.push_back("--entry " + shellWord(entry));
  FileNamer inputNames, outputNames;
  for (SegmentOp seg : segments) {
    llvm::StringRef name = seg.getSymName();
    const MemoryRegion &region = *regions.lookup(name);
    RankedTensorType type = written.lookup(name);
    if (!type && (seg.getKind() == SegmentKind::inputs ||
                  seg.getKind() == SegmentKind::weights))
      type = segmentTensorType(seg);
    if (type) {
      std::string file = joinPath(out, inputNames.get(name, ".npy"));
      if (failed(writeValue(file, tensorOf(type, region.start), error)))
        return failure();
      flags.push_back("--input " + shellWord((name + "=" + file).str()));
    }
    if (seg.getKind() == SegmentKind::outputs &&
        failed(writeValue(
            joinPath(joinPath(out, "expected"), outputNames.get(name, ".npy")),
            tensorOf(segmentTensorType(seg), region.end), error)))
      return failure();
  }
  if (failed(writeWholeFile(joinPath(out, "inputs.txt"),
                            llvm::join(flags, " ") + "\n", error)))
    return failure();
  ++dumped;
  return success();
}
