//===- RunGemmini.cpp - tessel-run on gemmini programs --------------------===//
//
// Segments are the program's DRAM. Input and weight segments take the bytes
// of the .npy given for them (checked against the segment's tensor type when
// it has one); output segments are written back as .npy, typed when the
// segment is.
//
//===----------------------------------------------------------------------===//

#include "RunGemmini.h"

#include "tessel/Support/Npy.h"
#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <chrono>
#include <cstring>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using interp::Tensor;

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error() << message << "\n";
  return 1;
}

static std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream(s) << t;
  return s;
}

int mlir::tessel::runGemminiProgram(
    ProgramOp program, const std::map<std::string, std::string> &inputs,
    llvm::StringRef outputDir, bool stats, bool trace) {
  MLIRContext *ctx = program.getContext();
  auto module = program->getParentOfType<ModuleOp>();
  TargetAttr target = getTarget(program);
  int64_t dim = target.getDim();
  Simulator sim(target);
  std::map<std::string, std::string> unused = inputs;
  for (SegmentOp seg : module.getOps<SegmentOp>()) {
    sim.dram().addSegment(seg.getSymName().str(), uint64_t(seg.getBase()),
                          uint64_t(seg.getSize()));
    auto it = unused.find(seg.getSymName().str());
    bool needsInput = seg.getKind() == SegmentKind::inputs ||
                      seg.getKind() == SegmentKind::weights;
    if (it == unused.end()) {
      if (needsInput)
        return fail("missing input for " + stringifySegmentKind(seg.getKind()) +
                    " segment @" + seg.getSymName() + ", pass --input " +
                    seg.getSymName() + "=file.npy");
      continue;
    }
    std::string error;
    auto tensor = readNpy(it->second, ctx, error);
    if (failed(tensor))
      return fail(error);
    if (auto type = seg.getType(); type && tensor->getType() != *type)
      return fail("input for segment @" + seg.getSymName() + " from " +
                  it->second + " is " + typeString(tensor->getType()) +
                  ", the segment holds " + typeString(*type));
    llvm::ArrayRef<char> bytes = tensor->bytes();
    if (int64_t(bytes.size()) > seg.getSize())
      return fail("input for segment @" + seg.getSymName() + " from " +
                  it->second + " has " + llvm::Twine(bytes.size()) +
                  " bytes, the segment " + llvm::Twine(seg.getSize()));
    std::memcpy(sim.dram().find(seg.getSymName())->bytes.data(), bytes.data(),
                bytes.size());
    unused.erase(it);
  }
  if (!unused.empty())
    return fail("'" + unused.begin()->first + "' is not a segment of the "
                "program's module");

  auto start = std::chrono::steady_clock::now();
  if (failed(simulate(program, sim, trace ? &llvm::outs() : nullptr)))
    return 1;
  std::chrono::duration<double> seconds =
      std::chrono::steady_clock::now() - start;

  if (!outputDir.empty())
    if (auto ec = llvm::sys::fs::create_directories(outputDir))
      return fail("cannot create '" + outputDir + "': " + ec.message());
  for (SegmentOp seg : module.getOps<SegmentOp>()) {
    if (seg.getKind() != SegmentKind::outputs)
      continue;
    auto type = seg.getType()
                    ? cast<RankedTensorType>(*seg.getType())
                    : RankedTensorType::get({int64_t(seg.getSize())},
                                            IntegerType::get(ctx, 8, IntegerType::Unsigned));
    Tensor t(type);
    llvm::MutableArrayRef<char> out = t.bytes();
    std::memcpy(out.data(), sim.dram().find(seg.getSymName())->bytes.data(),
                out.size());
    if (outputDir.empty()) {
      llvm::outs() << seg.getSymName() << ": " << type << "\n";
      continue;
    }
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(path, seg.getSymName() + ".npy");
    std::string error;
    if (failed(writeNpy(path, t, error)))
      return fail(error);
    llvm::outs() << seg.getSymName() << ": " << type << " -> " << path << "\n";
  }
  if (stats) {
    const SimStats &s = sim.stats();
    llvm::outs() << "run: " << llvm::format("%.3f", seconds.count() * 1e3)
                 << " ms\ninstructions:\n";
    for (auto &[name, n] : s.instructions)
      llvm::outs() << "  " << name << ": " << n << "\n";
    llvm::outs() << "DRAM bytes read: " << s.dramBytesRead
                 << "\nDRAM bytes written: " << s.dramBytesWritten
                 << "\nscratchpad rows used: " << s.spadRowsUsed
                 << "\naccumulator rows used: " << s.accRowsUsed
                 << "\ncomputes: " << s.computes
                 << "\nMACs: " << s.usefulMacs
                 << "\nestimated cycles: " << s.cycles << "\narray utilization: "
                 << llvm::format("%.1f%%",
                                 s.cycles ? 100.0 * double(s.usefulMacs) /
                                                (double(s.cycles) * dim * dim)
                                          : 0.0)
                 << "\n";
  }
  return 0;
}
