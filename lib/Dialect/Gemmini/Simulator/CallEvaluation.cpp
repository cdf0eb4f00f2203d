//===- CallEvaluation.cpp - gemmini.call in the interpreter ---------------===//

#include "tessel/Dialect/Gemmini/Simulator/CallEvaluation.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using interp::Tensor;

interp::OpReport mlir::tessel::gemmini::makeReport(const SimStats &s,
                                                   TargetAttr target) {
  int64_t dim = target.getDim();
  double utilization =
      s.cycles ? double(s.usefulMacs) / (double(s.cycles) * dim * dim) : 0.0;
  interp::OpReport report;
  llvm::json::Object instructions;
  llvm::raw_string_ostream os(report.text);
  os << "instructions:\n";
  for (auto &[name, n] : s.instructions) {
    os << "  " << name << ": " << n << "\n";
    instructions[name] = n;
  }
  os << "DRAM bytes read: " << s.dramBytesRead
     << "\nDRAM bytes written: " << s.dramBytesWritten
     << "\nscratchpad rows used: " << s.spadRowsUsed
     << "\naccumulator rows used: " << s.accRowsUsed
     << "\ncomputes: " << s.computes << "\nMACs: " << s.usefulMacs
     << "\nestimated cycles: " << s.cycles << "\narray utilization: "
     << llvm::format("%.1f%%", 100.0 * utilization) << "\n";
  report.data = llvm::json::Object{
      {"instructions", std::move(instructions)},
      {"dram_bytes_read", s.dramBytesRead},
      {"dram_bytes_written", s.dramBytesWritten},
      {"spad_rows_used", s.spadRowsUsed},
      {"acc_rows_used", s.accRowsUsed},
      {"computes", s.computes},
      {"macs", s.usefulMacs},
      {"cycles", s.cycles},
      {"utilization", utilization}};
  return report;
}

namespace {

/// The segments a call can touch: its own and those its program names. A
/// program that also addresses DRAM absolutely (`addr(n)`) may reach any,
/// and gets them all. Holding only these keeps a call of a model's layer
/// from allocating and zeroing the DRAM plan of every other layer.
llvm::SmallVector<SegmentOp> segmentsOf(CallOp call, ProgramOp program,
                                        ModuleOp module) {
  llvm::StringSet<> names;
  for (auto list : {call.getInputSegments(), call.getOutputSegments()})
    for (auto name : list.getAsRange<FlatSymbolRefAttr>())
      names.insert(name.getValue());
  bool absolute = false;
  for (Operation &op : program.getBody().front()) {
    auto instr = dyn_cast<InstructionOpInterface>(&op);
    if (!instr)
      continue;
    for (const Field &f : instr.getFields()) {
      if (f.kind != FieldKind::Dram)
        continue;
      if (auto seg = op.getAttrOfType<FlatSymbolRefAttr>(f.name))
        names.insert(seg.getValue());
      else if (op.getAttrOfType<IntegerAttr>(f.offsetName()).getInt() != 0)
        absolute = true;
    }
  }
  llvm::SmallVector<SegmentOp> segments;
  for (SegmentOp seg : module.getOps<SegmentOp>())
    if (absolute || names.contains(seg.getSymName()))
      segments.push_back(seg);
  return segments;
}

LogicalResult evaluateCall(CallOp call,
                           llvm::ArrayRef<const Tensor *> operands,
                           llvm::SmallVectorImpl<Tensor> &results) {
  auto program = SymbolTable::lookupNearestSymbolFrom<ProgramOp>(
      call, call.getProgramAttr());
  auto module = call->getParentOfType<ModuleOp>();
  if (!program || !module)
    return call.emitOpError("finds no program ") << call.getProgramAttr();
  TargetAttr target = getTarget(program);
  // The simulator holds every segment in memory: a plan larger than this
  // is refused rather than exhausting the host.
  constexpr uint64_t kMaxDramBytes = uint64_t(16) << 30;
  llvm::SmallVector<SegmentOp> segments = segmentsOf(call, program, module);
  uint64_t total = 0;
  for (SegmentOp seg : segments) {
    total += uint64_t(seg.getSize());
    if (uint64_t(seg.getSize()) > kMaxDramBytes || total > kMaxDramBytes)
      return seg.emitOpError("makes the DRAM plan larger than the "
                             "simulator's 16 GiB");
  }
  // Likewise the target's memories, which the simulator allocates whole.
  constexpr uint64_t kMaxLocalBytes = uint64_t(4) << 30;
  uint64_t localBytes = uint64_t(target.getDim()) *
                        (uint64_t(target.getSpadRows()) +
                         4 * uint64_t(target.getAccRows()));
  if (localBytes > kMaxLocalBytes)
    return program.emitOpError("targets memories of ")
           << localBytes << " bytes, more than the simulator's 4 GiB";
  Simulator sim(target);
  for (SegmentOp seg : segments)
    sim.dram().addSegment(seg.getSymName().str(), uint64_t(seg.getBase()),
                          uint64_t(seg.getSize()));
  for (auto [name, tensor] : llvm::zip(
           call.getInputSegments().getAsRange<FlatSymbolRefAttr>(), operands)) {
    Dram::Segment *seg = sim.dram().find(name.getValue());
    llvm::ArrayRef<char> bytes = tensor->bytes();
    if (!seg || bytes.size() > seg->bytes.size())
      return call.emitOpError("operand for ")
             << name << " does not fit its segment";
    std::copy(bytes.begin(), bytes.end(), seg->bytes.data());
  }
  const interp::RunOptions *options = interp::activeRunOptions();
  bool reportMemory = options && options->onReport && options->reportMemory;
  std::vector<interp::MemoryRegion> memory;
  if (reportMemory)
    for (Dram::Segment &seg : sim.dram().segments())
      memory.push_back({seg.name, seg.bytes, {}});
  if (failed(simulate(program, sim, options ? options->trace : nullptr)))
    return failure();
  for (auto [name, value] :
       llvm::zip(call.getOutputSegments().getAsRange<FlatSymbolRefAttr>(),
                 call.getOutputs())) {
    Dram::Segment *seg = sim.dram().find(name.getValue());
    Tensor t(cast<RankedTensorType>(value.getType()));
    llvm::MutableArrayRef<char> out = t.bytes();
    if (!seg || out.size() > seg->bytes.size())
      return call.emitOpError("result from ")
             << name << " does not fit its segment";
    std::copy_n(seg->bytes.data(), out.size(), out.data());
    results.push_back(std::move(t));
  }
  if (options && options->onReport) {
    interp::OpReport report = makeReport(sim.stats(), target);
    // The simulator's DRAM is done with: its bytes move into the report.
    for (auto [region, seg] : llvm::zip(memory, sim.dram().segments()))
      region.end = std::move(seg.bytes);
    report.memory = std::move(memory);
    options->onReport(call, std::move(report));
  }
  return success();
}

struct CallOpEvaluate
    : interp::EvaluateOpInterface::ExternalModel<CallOpEvaluate, CallOp> {
  LogicalResult evaluate(Operation *op,
                         llvm::ArrayRef<const Tensor *> operands,
                         llvm::SmallVectorImpl<Tensor> &results) const {
    return evaluateCall(cast<CallOp>(op), operands, results);
  }
};

} // namespace

void mlir::tessel::gemmini::registerInterpreterExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, GemminiDialect *) {
    CallOp::attachInterface<CallOpEvaluate>(*ctx);
  });
}
