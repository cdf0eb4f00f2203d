//===- GemminiEncoding.cpp - gemmini ops to instruction words -------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

/// The bits a field's attribute stands for.
uint64_t fieldBits(Operation *op, const Field &f) {
  switch (f.kind) {
  case FieldKind::Bool:
    return op->getAttrOfType<BoolAttr>(f.name).getValue();
  case FieldKind::F32:
    return f32ToField(
        op->getAttrOfType<FloatAttr>(f.name).getValue().convertToFloat());
  case FieldKind::Dram: {
    uint64_t address = uint64_t(
        op->getAttrOfType<IntegerAttr>(f.offsetName()).getInt());
    if (auto seg = op->getAttrOfType<FlatSymbolRefAttr>(f.name))
      if (auto s = SymbolTable::lookupNearestSymbolFrom<SegmentOp>(op, seg))
        address += uint64_t(s.getBase());
    return address;
  }
  default:
    return uint64_t(op->getAttrOfType<IntegerAttr>(f.name).getInt());
  }
}

/// The op name whose funct7 (and CONFIG sub-op) is `instr`'s.
std::optional<RegisteredOperationName> findOp(MLIRContext *ctx,
                                              const EncodedInstr &instr) {
  for (RegisteredOperationName name : ctx->getRegisteredOperations()) {
    auto *concept = name.getInterface<InstructionOpInterface>();
    if (!concept || concept->getFunct() != instr.funct)
      continue;
    int sub = concept->getConfigSubOp();
    if (sub < 0 || unsigned(sub) == getConfigSubOp(instr.rs1))
      return name;
  }
  return std::nullopt;
}

} // namespace

EncodedInstr mlir::tessel::gemmini::encodeInstruction(Operation *op) {
  if (isa<FenceOp>(op))
    return {kFenceFunct, 0, 0};
  auto instr = cast<InstructionOpInterface>(op);
  EncodedInstr e;
  e.funct = instr.getFunct();
  if (instr.getConfigSubOp() >= 0)
    e.rs1 = uint64_t(instr.getConfigSubOp());
  for (const Field &f : instr.getFields()) {
    (f.rs == 1 ? e.rs1 : e.rs2) |=
        insertField(fieldBits(op, f), f.lsb, f.width);
  }
  return e;
}

std::vector<EncodedInstr>
mlir::tessel::gemmini::encodeProgram(ProgramOp program) {
  std::vector<EncodedInstr> out;
  for (Operation &op : program.getBody().front())
    out.push_back(encodeInstruction(&op));
  return out;
}

FailureOr<Operation *> mlir::tessel::gemmini::decodeInstruction(
    OpBuilder &builder, Location loc, const EncodedInstr &instr,
    llvm::ArrayRef<Segment> plan, std::string &error) {
  if (instr.funct == kFenceFunct)
    return FenceOp::create(builder, loc).getOperation();
  auto name = findOp(builder.getContext(), instr);
  if (!name) {
    error = "funct7 " + std::to_string(instr.funct) +
            (instr.funct == ConfigExOp::kFunct
                 ? " (CONFIG " + std::to_string(getConfigSubOp(instr.rs1)) + ")"
                 : std::string()) +
            " is not a Gemmini instruction tessel knows";
    return failure();
  }
  auto *concept = name->getInterface<InstructionOpInterface>();
  OperationState state(loc, *name);
  for (const Field &f : concept->getFields()) {
    uint64_t v =
        extractField(f.rs == 1 ? instr.rs1 : instr.rs2, f.lsb, f.width);
    switch (f.kind) {
    case FieldKind::Bool:
      state.addAttribute(f.name, builder.getBoolAttr(v));
      break;
    case FieldKind::F32:
      state.addAttribute(f.name, builder.getF32FloatAttr(fieldToF32(v)));
      break;
    case FieldKind::Dram: {
      const Segment *seg = llvm::find_if(plan, [&](const Segment &s) {
        return v >= s.base && v - s.base < s.size;
      });
      if (seg != plan.end()) {
        state.addAttribute(f.name,
                           FlatSymbolRefAttr::get(builder.getContext(), seg->name));
        v -= seg->base;
      }
      state.addAttribute(f.offsetName(), builder.getI64IntegerAttr(int64_t(v)));
      break;
    }
    case FieldKind::SInt:
      state.addAttribute(
          f.name, builder.getI64IntegerAttr(signExtendField(v, f.width)));
      break;
    default:
      state.addAttribute(f.name, builder.getI64IntegerAttr(int64_t(v)));
    }
  }
  return builder.create(state);
}

std::string mlir::tessel::gemmini::describeInstruction(Operation *op,
                                                       AsmState &state) {
  std::string text;
  llvm::raw_string_ostream os(text);
  // The op's own syntax after its name is exactly `field = value, ...`.
  op->print(os, state);
  llvm::StringRef s(text);
  s = s.drop_front(op->getName().getStringRef().size()).trim();
  return s.str();
}
