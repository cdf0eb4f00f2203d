//===- GemminiTranslate.cpp - assembly, binary and C for gemmini ----------===//
//
// --gemmini-to-asm: one line per instruction, mnemonic, rs1/rs2 in hex and
// the decoded fields. --gemmini-to-bin: a program file (below) holding the
// DRAM plan, the target and the funct/rs1/rs2 words. --import-gemmini-bin:
// back to the dialect. --gemmini-to-c: see GemminiToC.cpp.
//
// Program file, little endian:
//   "TSLGEMM1"
//   u32 n, program name (n bytes)
//   u32 n, target attribute as text (n bytes; 0 when the module has none)
//   u32 segments, each: u32 n, name; u32 n, kind; u64 base; u64 size;
//     u32 n, tensor type as text (0 when untyped)
//   u64 instructions, each: u64 funct (0xFFFF...FF = fence), u64 rs1, u64 rs2
//
//===----------------------------------------------------------------------===//

#include "tessel/Target/Gemmini/GemminiTranslate.h"
#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"
#include "tessel/Support/ByteReader.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tessel::gemmini;

static constexpr char kMagic[8] = {'T', 'S', 'L', 'G', 'E', 'M', 'M', '1'};

/// The module's only program, or an error at the module.
static FailureOr<ProgramOp> singleProgram(ModuleOp module) {
  auto programs = llvm::to_vector(module.getOps<ProgramOp>());
  if (programs.size() != 1)
    return module.emitError("expected one gemmini.program, found ")
           << programs.size();
  return programs.front();
}

LogicalResult mlir::tessel::gemmini::writeAssembly(ModuleOp module,
                                                   llvm::raw_ostream &os) {
  for (ProgramOp program : module.getOps<ProgramOp>()) {
    os << program.getSymName() << ":\n";
    AsmState state(program, OpPrintingFlags().assumeVerified());
    for (Operation &op : program.getBody().front()) {
      EncodedInstr e = encodeInstruction(&op);
      llvm::StringRef mnemonic = op.getName().stripDialect();
      if (e.funct == kFenceFunct) {
        os << "  " << mnemonic << "\n";
        continue;
      }
      os << "  " << llvm::left_justify(mnemonic, 26)
         << llvm::format("funct=%-3llu rs1=0x%016llx rs2=0x%016llx",
                         (unsigned long long)e.funct,
                         (unsigned long long)e.rs1, (unsigned long long)e.rs2);
      std::string fields = describeInstruction(&op, state);
      if (!fields.empty())
        os << "  # " << fields;
      os << "\n";
    }
  }
  return success();
}

namespace {

void putU32(llvm::raw_ostream &os, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    os << char(v >> (8 * i) & 0xFF);
}
void putU64(llvm::raw_ostream &os, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    os << char(v >> (8 * i) & 0xFF);
}
void putString(llvm::raw_ostream &os, llvm::StringRef s) {
  putU32(os, uint32_t(s.size()));
  os << s;
}

} // namespace

LogicalResult mlir::tessel::gemmini::writeBinary(ModuleOp module,
                                                 llvm::raw_ostream &os) {
  auto program = singleProgram(module);
  if (failed(program))
    return failure();
  os.write(kMagic, sizeof(kMagic));
  putString(os, program->getSymName());
  std::string target;
  if (Attribute t = module->getAttr("gemmini.target"))
    llvm::raw_string_ostream(target) << t;
  putString(os, target);
  auto segments = llvm::to_vector(module.getOps<SegmentOp>());
  putU32(os, uint32_t(segments.size()));
  for (SegmentOp s : segments) {
    putString(os, s.getSymName());
    putString(os, stringifySegmentKind(s.getKind()));
    putU64(os, uint64_t(s.getBase()));
    putU64(os, uint64_t(s.getSize()));
    std::string type;
    if (auto t = s.getType())
      llvm::raw_string_ostream(type) << *t;
    putString(os, type);
  }
  std::vector<EncodedInstr> words = encodeProgram(*program);
  putU64(os, words.size());
  for (const EncodedInstr &e : words) {
    putU64(os, e.funct);
    putU64(os, e.rs1);
    putU64(os, e.rs2);
  }
  return success();
}

/// Attribute and type text from a file is parsed only when it is short and
/// shallow: MLIR's parsers recurse once per nesting level.
static std::string checkAttributeText(llvm::StringRef text,
                                      llvm::StringRef what) {
  constexpr size_t kMaxLength = 4096;
  constexpr int kMaxDepth = 32;
  if (text.size() > kMaxLength)
    return what.str() + " is " + std::to_string(text.size()) +
           " characters long, more than " + std::to_string(kMaxLength);
  int depth = 0;
  for (char c : text) {
    depth += (c == '<' || c == '[' || c == '(' || c == '{') -
             (c == '>' || c == ']' || c == ')' || c == '}');
    if (depth > kMaxDepth)
      return what.str() + " nests deeper than " + std::to_string(kMaxDepth) +
             " levels";
  }
  return "";
}

OwningOpRef<ModuleOp>
mlir::tessel::gemmini::readBinary(llvm::StringRef data, llvm::StringRef name,
                                  MLIRContext *ctx) {
  ctx->getOrLoadDialect<GemminiDialect>();
  Location fileLoc = FileLineColLoc::get(ctx, name, 0, 0);
  ByteReader r(std::string_view(data.data(), data.size()), 0, "program file");
  if (!data.starts_with(llvm::StringRef(kMagic, sizeof(kMagic)))) {
    emitError(fileLoc) << "not a tessel gemmini program (bad magic)";
    return {};
  }
  r.pos = sizeof(kMagic);
  std::string programName = r.getString("the program name");
  std::string targetText = r.getString("the target");
  if (r.error.empty() && programName.empty())
    r.error = "the program has an empty name";
  if (r.error.empty())
    r.error = checkAttributeText(targetText, "the target");
  uint64_t numSegments = r.getUnsigned(4, "the segment count");
  std::vector<Segment> plan;
  for (uint64_t i = 0; i < numSegments && r.error.empty(); ++i) {
    Segment s;
    s.name = r.getString("a segment name");
    std::string kind = r.getString("a segment kind");
    if (auto k = symbolizeSegmentKind(kind))
      s.kind = *k;
    else if (r.error.empty())
      r.error = "segment " + s.name + " has the kind '" + kind +
                "', not weights, inputs, outputs or scratch";
    s.base = r.getUnsigned(8, "a segment base");
    s.size = r.getUnsigned(8, "a segment size");
    s.type = r.getString("a segment type");
    if (!r.error.empty())
      break;
    // Segments are signed 64-bit in the IR.
    if (s.name.empty())
      r.error = "segment " + std::to_string(i) + " has an empty name";
    else if (s.base >> 63 || s.size >> 63)
      r.error = "segment " + s.name + " has a base or size of 2^63 or more";
    else
      r.error = checkAttributeText(s.type, "the type of segment " + s.name);
    plan.push_back(s);
  }
  uint64_t count = r.getUnsigned(8, "the instruction count");
  if (r.error.empty() && count > (data.size() - r.pos) / 24)
    r.error = "the instruction count " + std::to_string(count) +
              " exceeds the file";
  if (!r.error.empty()) {
    emitError(fileLoc) << r.error;
    return {};
  }

  OpBuilder b(ctx);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (!targetText.empty()) {
    Attribute target = parseAttribute(targetText, ctx);
    if (!target || !isa<TargetAttr>(target)) {
      emitError(fileLoc) << "the program file's target is not a "
                            "#gemmini.target: "
                         << targetText;
      return {};
    }
    (*module)->setAttr("gemmini.target", target);
  }
  b.setInsertionPointToEnd(module->getBody());
  for (const Segment &s : plan) {
    TypeAttr type;
    if (!s.type.empty()) {
      Type t = parseType(s.type, ctx);
      if (!t) {
        emitError(fileLoc) << "segment " << s.name << " has an invalid type '"
                           << s.type << "'";
        return {};
      }
      type = TypeAttr::get(t);
    }
    SegmentOp::create(b, fileLoc, s.name, s.kind, int64_t(s.base),
                      int64_t(s.size), type);
  }
  auto program = ProgramOp::create(b, fileLoc, programName);
  b.setInsertionPointToEnd(&program.getBody().front());
  for (uint64_t i = 0; i < count; ++i) {
    EncodedInstr e{r.getUnsigned(8, "funct"), r.getUnsigned(8, "rs1"), r.getUnsigned(8, "rs2")};
    // Each instruction's location is its index in the stream.
    Location loc = FileLineColLoc::get(ctx, name, unsigned(i), 0);
    std::string error;
    auto op = decodeInstruction(b, loc, e, plan, error);
    if (failed(op)) {
      emitError(loc) << "instruction " << i << ": " << error;
      return {};
    }
    // Bits no field holds would be lost: the words must encode back as read.
    EncodedInstr back = encodeInstruction(*op);
    if (!(back == e)) {
      emitError(loc) << "instruction " << i << " ("
                     << (*op)->getName().stripDialect()
                     << ") sets bits that are not its fields: rs1 "
                     << llvm::utohexstr(e.rs1 ^ back.rs1) << ", rs2 "
                     << llvm::utohexstr(e.rs2 ^ back.rs2) << " (hex)";
      return {};
    }
  }
  if (r.pos != data.size()) {
    emitError(fileLoc) << data.size() - r.pos
                       << " bytes follow the last of the " << count
                       << " instructions";
    return {};
  }
  if (failed(verify(*module)))
    return {};
  return module;
}

void mlir::tessel::gemmini::registerGemminiTranslations() {
  auto dialects = [](DialectRegistry &registry) {
    registry.insert<GemminiDialect, func::FuncDialect>();
  };
  TranslateFromMLIRRegistration(
      "gemmini-to-asm", "Gemmini program to an assembly listing",
      [](Operation *op, llvm::raw_ostream &os) {
        return writeAssembly(cast<ModuleOp>(op), os);
      },
      dialects);
  TranslateFromMLIRRegistration(
      "gemmini-to-bin", "Gemmini program to a program file",
      [](Operation *op, llvm::raw_ostream &os) {
        return writeBinary(cast<ModuleOp>(op), os);
      },
      dialects);
  TranslateFromMLIRRegistration(
      "gemmini-to-c", "Gemmini program to C against gemmini.h",
      [](Operation *op, llvm::raw_ostream &os) {
        return writeC(cast<ModuleOp>(op), os);
      },
      dialects);
  TranslateToMLIRRegistration(
      "import-gemmini-bin", "Program file to the gemmini dialect",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *ctx) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return readBinary(buffer->getBuffer(), buffer->getBufferIdentifier(),
                          ctx);
      },
      dialects);
}
