//===- GemminiOps.cpp - gemmini instructions ------------------------------===//
//
// Every instruction op is described by its field table (GemminiOps.td);
// parsing, printing and the range checks below are generic over it, and the
// op-specific rules (what the target forbids) follow.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MathExtras.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessel::gemmini;

//===----------------------------------------------------------------------===//
// Local addresses
//===----------------------------------------------------------------------===//

LocalAddr LocalAddr::decode(uint32_t bits) {
  LocalAddr a;
  if (bits == kGarbageAddr) {
    a.garbage = true;
    return a;
  }
  a.accumulator = bits & kLocalAccumulator;
  a.accumulate = bits & kLocalAccumulate;
  a.readFull = bits & kLocalReadFull;
  a.norm = unsigned(extractField(bits, kLocalNormLsb, 3));
  a.row = uint32_t(extractField(bits, 0, kLocalRowBits));
  return a;
}

uint32_t LocalAddr::encode() const {
  if (garbage)
    return kGarbageAddr;
  return (accumulator ? kLocalAccumulator : 0) |
         (accumulate ? kLocalAccumulate : 0) | (readFull ? kLocalReadFull : 0) |
         uint32_t(insertField(norm, kLocalNormLsb, 3)) | row;
}

//===----------------------------------------------------------------------===//
// Generic syntax: `name = value` for every field that is not at its default
//===----------------------------------------------------------------------===//

static ParseResult parseLocal(OpAsmParser &parser, LocalAddr &addr) {
  llvm::StringRef space;
  if (parser.parseKeyword(&space))
    return failure();
  if (space == "garbage") {
    addr.garbage = true;
    return success();
  }
  if (space != "spad" && space != "acc")
    return parser.emitError(parser.getNameLoc(),
                            "expected spad[row], acc[row] or garbage");
  addr.accumulator = space == "acc";
  int64_t row;
  if (parser.parseLSquare())
    return failure();
  llvm::SMLoc rowLoc = parser.getCurrentLocation();
  if (parser.parseInteger(row) || parser.parseRSquare())
    return failure();
  if (row < 0 || row >= (1 << kLocalRowBits))
    return parser.emitError(rowLoc, "row must be in [0, 2^26)");
  addr.row = uint32_t(row);
  while (true) {
    if (succeeded(parser.parseOptionalKeyword("accumulate"))) {
      addr.accumulate = true;
    } else if (succeeded(parser.parseOptionalKeyword("full"))) {
      addr.readFull = true;
    } else if (succeeded(parser.parseOptionalKeyword("norm"))) {
      int64_t n;
      if (parser.parseLParen())
        return failure();
      llvm::SMLoc normLoc = parser.getCurrentLocation();
      if (parser.parseInteger(n) || parser.parseRParen())
        return failure();
      if (n < 0 || n > 7)
        return parser.emitError(normLoc, "norm must be in [0, 7]");
      addr.norm = unsigned(n);
    } else {
      return success();
    }
  }
}

static void printLocal(OpAsmPrinter &p, uint32_t bits) {
  LocalAddr a = LocalAddr::decode(bits);
  if (a.garbage) {
    p << "garbage";
    return;
  }
  p << (a.accumulator ? "acc[" : "spad[") << a.row << "]";
  if (a.accumulate)
    p << " accumulate";
  if (a.readFull)
    p << " full";
  if (a.norm)
    p << " norm(" << a.norm << ")";
}

ParseResult mlir::tessel::gemmini::parseInstruction(
    OpAsmParser &parser, OperationState &result, llvm::ArrayRef<Field> fields) {
  Builder &b = parser.getBuilder();
  llvm::StringSet<> seen;
  // Defaults: zero, false, scale 1, DRAM zeros.
  for (const Field &f : fields) {
    switch (f.kind) {
    case FieldKind::Bool:
      result.addAttribute(f.name, b.getBoolAttr(false));
      break;
    case FieldKind::F32:
      result.addAttribute(f.name, b.getF32FloatAttr(1.0f));
      break;
    case FieldKind::Dram:
      result.addAttribute(f.offsetName(), b.getI64IntegerAttr(0));
      break;
    default:
      result.addAttribute(f.name, b.getI64IntegerAttr(0));
    }
  }
  llvm::StringRef name;
  bool first = true;
  // The first field is taken only if it is one of the op's: an op with every
  // field at its default prints bare, and the next op's name must not be
  // read as its field.
  llvm::SmallVector<llvm::StringRef> names;
  for (const Field &f : fields)
    names.push_back(f.name);
  while (first ? succeeded(parser.parseOptionalKeyword(&name, names))
               : succeeded(parser.parseOptionalComma())) {
    if (!first && parser.parseKeyword(&name))
      return failure();
    first = false;
    llvm::SMLoc loc = parser.getCurrentLocation();
    const Field *field = llvm::find_if(
        fields, [&](const Field &f) { return name == f.name; });
    if (field == fields.end())
      return parser.emitError(loc, "unknown field '")
             << name << "' of " << result.name.getStringRef();
    if (!seen.insert(name).second)
      return parser.emitError(loc, "field '") << name << "' given twice";
    if (parser.parseEqual())
      return failure();
    switch (field->kind) {
    case FieldKind::Int: {
      uint64_t v;
      if (parser.parseInteger(v))
        return failure();
      result.attributes.set(name, b.getI64IntegerAttr(int64_t(v)));
      break;
    }
    case FieldKind::SInt: {
      int64_t v;
      if (parser.parseInteger(v))
        return failure();
      result.attributes.set(name, b.getI64IntegerAttr(v));
      break;
    }
    case FieldKind::Bool: {
      llvm::StringRef v;
      if (parser.parseKeyword(&v) || (v != "true" && v != "false"))
        return parser.emitError(loc, "expected true or false");
      result.attributes.set(name, b.getBoolAttr(v == "true"));
      break;
    }
    case FieldKind::F32: {
      // Parsed with f32's semantics, so that the hex bit patterns the
      // printer writes for NaN and infinities read back as themselves.
      llvm::APFloat v(0.0f);
      if (parser.parseFloat(llvm::APFloat::IEEEsingle(), v))
        return failure();
      result.attributes.set(name, b.getF32FloatAttr(v.convertToFloat()));
      break;
    }
    case FieldKind::Dataflow: {
      llvm::StringRef v;
      if (parser.parseKeyword(&v) || (v != "os" && v != "ws"))
        return parser.emitError(loc, "expected os or ws");
      result.attributes.set(name, b.getI64IntegerAttr(v == "ws"));
      break;
    }
    case FieldKind::Local: {
      LocalAddr a;
      if (parseLocal(parser, a))
        return failure();
      result.attributes.set(name, b.getI64IntegerAttr(a.encode()));
      break;
    }
    case FieldKind::Dram: {
      StringAttr segment;
      int64_t offset = 0;
      if (succeeded(parser.parseOptionalSymbolName(segment))) {
        result.attributes.set(name, FlatSymbolRefAttr::get(segment));
        if (succeeded(parser.parseOptionalPlus()) && parser.parseInteger(offset))
          return failure();
      } else if (succeeded(parser.parseOptionalKeyword("addr"))) {
        uint64_t a;
        if (parser.parseLParen() || parser.parseInteger(a) ||
            parser.parseRParen())
          return failure();
        offset = int64_t(a);
      } else if (parser.parseKeyword("zeros")) {
        return failure();
      }
      result.attributes.set(field->offsetName(), b.getI64IntegerAttr(offset));
      break;
    }
    }
  }
  return parser.parseOptionalAttrDict(result.attributes);
}

void mlir::tessel::gemmini::printInstruction(OpAsmPrinter &p, Operation *op,
                                             llvm::ArrayRef<Field> fields) {
  llvm::SmallVector<StringRef> elided;
  bool first = true;
  auto sep = [&]() -> OpAsmPrinter & {
    p << (first ? " " : ", ");
    first = false;
    return p;
  };
  for (const Field &f : fields) {
    elided.push_back(f.name);
    Attribute attr = op->getAttr(f.name);
    switch (f.kind) {
    case FieldKind::Int:
      if (int64_t v = cast<IntegerAttr>(attr).getInt())
        sep() << f.name << " = " << (f.width == 64 ? uint64_t(v) : v);
      break;
    case FieldKind::SInt:
      if (int64_t v = cast<IntegerAttr>(attr).getInt())
        sep() << f.name << " = " << v;
      break;
    case FieldKind::Bool:
      if (cast<BoolAttr>(attr).getValue())
        sep() << f.name << " = true";
      break;
    case FieldKind::F32: {
      double v = cast<FloatAttr>(attr).getValueAsDouble();
      if (v != 1.0) {
        sep() << f.name << " = ";
        p.printFloat(cast<FloatAttr>(attr).getValue());
      }
      break;
    }
    case FieldKind::Dataflow:
      sep() << f.name << " = "
            << (cast<IntegerAttr>(attr).getInt() ? "ws" : "os");
      break;
    case FieldKind::Local:
      sep() << f.name << " = ";
      printLocal(p, uint32_t(cast<IntegerAttr>(attr).getInt()));
      break;
    case FieldKind::Dram: {
      std::string off = f.offsetName();
      elided.push_back(op->getAttrDictionary().getNamed(off)->getName());
      int64_t offset = op->getAttrOfType<IntegerAttr>(off).getInt();
      sep() << f.name << " = ";
      if (attr) {
        p.printSymbolName(cast<FlatSymbolRefAttr>(attr).getValue());
        if (offset)
          p << " + " << offset;
      } else if (offset) {
        p << "addr(" << uint64_t(offset) << ")";
      } else {
        p << "zeros";
      }
      break;
    }
    }
  }
  p.printOptionalAttrDict(op->getAttrs(), elided);
}

//===----------------------------------------------------------------------===//
// Verification
//===----------------------------------------------------------------------===//

namespace {

int64_t intField(Operation *op, llvm::StringRef name) {
  return op->getAttrOfType<IntegerAttr>(name).getInt();
}

LocalAddr localField(Operation *op, llvm::StringRef name) {
  return LocalAddr::decode(uint32_t(intField(op, name)));
}

/// How many of an operand's rows it touches whatever the configuration
/// state says: all of them, as many as its rows or columns (a transpose
/// configured by config_ex reads its columns' worth), or only the first (a
/// pooled move out reads the block config_st describes). The simulator
/// checks the rows an instruction actually touches.
enum class SureRows { All, RowsOrCols, First };

/// Rows, columns and address range of one matrix operand.
LogicalResult checkMatrix(Operation *op, TargetAttr t, llvm::StringRef name,
                          int64_t maxCols, bool allowGarbage,
                          bool allowAccumulator, SureRows sure = SureRows::All) {
  LocalAddr a = localField(op, name);
  int64_t rows = intField(op, (name + "_rows").str()),
          cols = intField(op, (name + "_cols").str());
  if (rows > t.getDim())
    return op->emitOpError() << name << "_rows = " << rows
                             << " exceeds the array dimension " << t.getDim();
  if (cols > maxCols)
    return op->emitOpError() << name << "_cols = " << cols
                             << " exceeds the limit of " << maxCols;
  if (a.garbage) {
    if (!allowGarbage)
      return op->emitOpError() << name << " cannot be the garbage address";
    return success();
  }
  if (a.accumulator && !allowAccumulator)
    return op->emitOpError() << name << " cannot be in the accumulator";
  if (!a.accumulator && (a.accumulate || a.readFull || a.norm))
    return op->emitOpError()
           << name << ": accumulate, full and norm apply to accumulator "
              "addresses only";
  int64_t capacity = a.accumulator ? t.getAccRows() : t.getSpadRows();
  if (sure == SureRows::RowsOrCols)
    rows = std::min(rows, cols);
  else if (sure == SureRows::First)
    rows = std::min<int64_t>(rows, 1);
  if (int64_t(a.row) + std::max<int64_t>(rows, 1) > capacity)
    return op->emitOpError()
           << name << " rows " << a.row << ".." << a.row + rows - 1
           << " are past the " << (a.accumulator ? "accumulator" : "scratchpad")
           << " (" << capacity << " rows)";
  return success();
}

LogicalResult checkFields(Operation *op, llvm::ArrayRef<Field> fields) {
  for (const Field &f : fields) {
    if (f.kind == FieldKind::Dram) {
      int64_t offset = intField(op, f.offsetName());
      auto seg = op->getAttrOfType<FlatSymbolRefAttr>(f.name);
      if (!seg) {
        if (offset < 0)
          return op->emitOpError() << f.name << ": negative DRAM address";
        continue;
      }
      auto segment = SymbolTable::lookupNearestSymbolFrom<SegmentOp>(op, seg);
      if (!segment)
        return op->emitOpError() << f.name << ": no DRAM segment " << seg;
      // One past the end is an address too (gemmini.h points a convolution
      // tile whose input is all padding there); reading it is the
      // simulator's error.
      if (offset < 0 || offset > segment.getSize())
        return op->emitOpError()
               << f.name << ": offset " << offset << " is outside segment "
               << seg << " (" << segment.getSize() << " bytes)";
      continue;
    }
    if (f.kind == FieldKind::SInt) {
      int64_t v = intField(op, f.name);
      int64_t lo = -(int64_t(1) << (f.width - 1)), hi = -lo - 1;
      if (v < lo || v > hi)
        return op->emitOpError() << f.name << " = " << v
                                 << " does not fit its signed " << f.width
                                 << "-bit field";
      continue;
    }
    if (f.kind != FieldKind::Int && f.kind != FieldKind::Local &&
        f.kind != FieldKind::Dataflow)
      continue;
    uint64_t v = uint64_t(intField(op, f.name));
    if (f.width < 64 && v >> f.width)
      return op->emitOpError()
             << f.name << " = " << int64_t(v) << " does not fit its "
             << f.width << "-bit field";
  }
  return success();
}

} // namespace

LogicalResult mlir::tessel::gemmini::verifyInstruction(Operation *op) {
  auto instr = cast<InstructionOpInterface>(op);
  if (failed(checkFields(op, instr.getFields())))
    return failure();
  return instr.verifyFields();
}

//===----------------------------------------------------------------------===//
// What each instruction's target forbids
//===----------------------------------------------------------------------===//

LogicalResult ConfigExOp::verifyFields() {
  TargetAttr t = getTarget(*this);
  bool ws = Dataflow(getDataflow()) == Dataflow::ws;
  if (ws ? !t.hasWeightStationary() : !t.hasOutputStationary())
    return emitOpError() << "the target has no " << (ws ? "weight" : "output")
                         << "-stationary dataflow";
  bool at = getATranspose(), bt = getBTranspose();
  if (!ws && bt && !at)
    return emitOpError()
           << "output-stationary does not support transposing only B";
  if (ws && at && bt)
    return emitOpError()
           << "weight-stationary does not support transposing both A and B";
  return success();
}

LogicalResult ConfigLdOp::verifyFields() {
  if (getId() > 2)
    return emitOpError() << "load state id must be 0, 1 or 2";
  return success();
}

/// Into the accumulator the column limit also depends on config_ld's shrunk
/// flag (max_block_len_acc for int32 elements); the simulator checks it.
static LogicalResult verifyMoveIn(Operation *op) {
  TargetAttr t = getTarget(op);
  return checkMatrix(op, t, "local", t.getDim() * t.getMaxBlockLen(),
                     /*allowGarbage=*/false, /*allowAccumulator=*/true);
}
LogicalResult MvinOp::verifyFields() { return verifyMoveIn(*this); }
LogicalResult Mvin2Op::verifyFields() { return verifyMoveIn(*this); }
LogicalResult Mvin3Op::verifyFields() { return verifyMoveIn(*this); }

LogicalResult MvoutOp::verifyFields() {
  TargetAttr t = getTarget(*this);
  // Raw accumulator values are 4 bytes wide: fewer blocks per move.
  LocalAddr a = localField(*this, "local");
  int64_t blocks =
      a.accumulator && a.readFull ? t.getMaxBlockLenAcc() : t.getMaxBlockLen();
  return checkMatrix(*this, t, "local", t.getDim() * blocks,
                     /*allowGarbage=*/false, /*allowAccumulator=*/true,
                     SureRows::First);
}

LogicalResult PreloadOp::verifyFields() {
  TargetAttr t = getTarget(*this);
  if (failed(checkMatrix(*this, t, "bd", t.getDim(), true, false,
                         SureRows::RowsOrCols)))
    return failure();
  return checkMatrix(*this, t, "c", t.getDim(), true, true);
}

/// A and B/D of a compute: scratchpad operands of at most DIM columns.
static LogicalResult verifyCompute(Operation *op) {
  TargetAttr t = getTarget(op);
  if (failed(checkMatrix(op, t, "a", t.getDim(), true, false,
                         SureRows::RowsOrCols)))
    return failure();
  return checkMatrix(op, t, "bd", t.getDim(), true, false,
                     SureRows::RowsOrCols);
}
LogicalResult ComputePreloadedOp::verifyFields() {
  return verifyCompute(*this);
}
LogicalResult ComputeAccumulatedOp::verifyFields() {
  return verifyCompute(*this);
}

//===----------------------------------------------------------------------===//
// Program and DRAM plan
//===----------------------------------------------------------------------===//

void ProgramOp::build(OpBuilder &builder, OperationState &state,
                      llvm::StringRef name) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addRegion()->emplaceBlock();
}

LogicalResult ProgramOp::verifyRegions() {
  for (Operation &op : getBody().front())
    if (!isa<InstructionOpInterface, FenceOp>(op))
      return op.emitOpError("is not a gemmini instruction");
  return success();
}

static ParseResult parseSegmentKind(OpAsmParser &parser,
                                    SegmentKindAttr &kind) {
  llvm::StringRef k;
  llvm::SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&k))
    return failure();
  std::optional<SegmentKind> value = symbolizeSegmentKind(k);
  if (!value)
    return parser.emitError(loc, "segment kind must be weights, inputs, "
                                 "outputs or scratch");
  kind = SegmentKindAttr::get(parser.getContext(), *value);
  return success();
}

static void printSegmentKind(OpAsmPrinter &p, Operation *,
                             SegmentKindAttr kind) {
  p << stringifySegmentKind(kind.getValue());
}

LogicalResult SegmentOp::verify() {
  // The attributes are read signed: the unsigned getters would hide a
  // negative value.
  int64_t base = getBaseAttr().getInt(), size = getSizeAttr().getInt(), end;
  if (size <= 0)
    return emitOpError("size must be positive");
  if (base <= 0)
    return emitOpError("base must be positive (address 0 means zeros)");
  if (llvm::AddOverflow(base, size, end))
    return emitOpError("ends past the 64-bit address space");
  if (auto type = getType()) {
    auto tensor = cast<RankedTensorType>(*type);
    Type elem = tensor.getElementType();
    if (!elem.isIntOrFloat() || elem.getIntOrFloatBitWidth() % 8)
      return emitOpError("type must have whole-byte integer or float "
                         "elements, got ")
             << tensor;
    // The product is checked as it is formed (getNumElements would wrap).
    int64_t bytes = elem.getIntOrFloatBitWidth() / 8;
    for (int64_t d : tensor.getShape())
      if (llvm::MulOverflow(bytes, d, bytes))
        return emitOpError("type ") << tensor << " has more than 2^63 bytes";
    if (bytes > size)
      return emitOpError("type ")
             << tensor << " needs " << bytes << " bytes, more than the "
             << size << " of the segment";
  }
  // Overlaps, checked once per pair from the later segment.
  for (Operation *prev = getOperation()->getPrevNode(); prev;
       prev = prev->getPrevNode()) {
    auto other = dyn_cast<SegmentOp>(prev);
    if (!other)
      continue;
    if (getBase() < other.getBase() + other.getSize() &&
        other.getBase() < getBase() + getSize())
      return emitOpError("overlaps segment @") << other.getSymName();
  }
  return success();
}

#include "tessel/Dialect/Gemmini/IR/GemminiOpsInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "tessel/Dialect/Gemmini/IR/GemminiOps.cpp.inc"
