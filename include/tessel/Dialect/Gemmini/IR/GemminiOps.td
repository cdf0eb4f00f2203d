//===- GemminiOps.td - gemmini instructions ----------------*- tablegen -*-===//
//
// Each instruction is written once, as its funct7, CONFIG sub-op and list of
// fields; its attributes, field table, documentation, C++ field decoder and
// encoder all derive from that list (Gemmini_InstrOp below).
//
//===----------------------------------------------------------------------===//

#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_TD
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_TD

include "tessel/Dialect/Gemmini/IR/GemminiAttrs.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"

def Gemmini_InstructionOpInterface : OpInterface<"InstructionOpInterface"> {
  let cppNamespace = "::mlir::tessel::gemmini";
  let description = [{
    An operation that is one Gemmini instruction: its funct7, its CONFIG
    sub-op (rs1[1:0]) if any, and the bit fields of rs1 and rs2 its
    attributes occupy. Encoding, decoding, printing, parsing and the field
    range checks are generic over this table; each op adds what its target
    forbids (`verifyFields`) and how C emission writes it (`getCMacro`).
  }];
  let methods = [
    StaticInterfaceMethod<"The instruction's funct7.", "unsigned", "getFunct">,
    StaticInterfaceMethod<"The CONFIG sub-op in rs1[1:0], or -1.", "int",
                          "getConfigSubOp">,
    StaticInterfaceMethod<"The attributes' bit fields.",
                          "::llvm::ArrayRef<::mlir::tessel::gemmini::Field>",
                          "getFields">,
    StaticInterfaceMethod<[{
        The gemmini.h macro C emission writes the instruction with and the
        fields it passes, in order; no macro for ROCC_INSTRUCTION_RS1_RS2
        with the encoded words.
      }], "::mlir::tessel::gemmini::CMacro", "getCMacro">,
    InterfaceMethod<[{
        Checks against the target beyond the fields' ranges (which the
        generic verifier has checked already).
      }], "::llvm::LogicalResult", "verifyFields", (ins), "",
      "return ::mlir::success();">,
  ];
}

//===----------------------------------------------------------------------===//
// Instruction fields
//===----------------------------------------------------------------------===//

/// One bit field of an instruction's rs1 or rs2 word. `kind` names a
/// FieldKind (GemminiOps.h); the attribute, the C++ type of its decoded
/// value and its documentation follow from it.
class Gemmini_Field<string fieldName, string fieldKind, int fieldRs,
                    int fieldLsb, int fieldWidth, string fieldDoc> {
  string name = fieldName;
  string kind = fieldKind;
  int rs = fieldRs;
  int lsb = fieldLsb;
  int width = fieldWidth;
  string doc = fieldDoc;

  assert !or(!eq(rs, 1), !eq(rs, 2)), "field " # name # ": rs must be 1 or 2";
  assert !and(!ge(lsb, 0), !gt(width, 0), !le(!add(lsb, width), 64)),
         "field " # name # " does not fit a 64-bit word";

  /// The bits as the ISA's documentation writes them: rs1[4:3], rs1[7].
  string bitsDoc = "rs" # rs # "["
      # !if(!eq(width, 1), !cast<string>(lsb),
            !cast<string>(!add(lsb, width, -1)) # ":" # lsb) # "]";
  /// The bits of its word the field occupies.
  int mask = !shl(!if(!eq(width, 64), -1,
                      !sub(!shl(1, !if(!eq(width, 64), 0, width)), 1)), lsb);

  /// The op's arguments: Dram fields are a segment symbol and a byte
  /// offset (`<name>_offset`), the others one attribute.
  dag args = !cond(
      !eq(kind, "Bool") : !dag(ins, [BoolAttr], [name]),
      !eq(kind, "F32") : !dag(ins, [F32Attr], [name]),
      !eq(kind, "Dram") : !dag(ins, [OptionalAttr<FlatSymbolRefAttr>, I64Attr],
                               [name, name # "_offset"]),
      true : !dag(ins, [I64Attr], [name]));

  string kindDoc = !cond(!eq(kind, "Int") : "int",
                         !eq(kind, "SInt") : "signed int",
                         !eq(kind, "Bool") : "bool",
                         !eq(kind, "F32") : "f32",
                         !eq(kind, "Dataflow") : "dataflow",
                         !eq(kind, "Local") : "local",
                         !eq(kind, "Dram") : "dram");
  string docRow = "| `" # name # "` | " # kindDoc # " | " # bitsDoc # " | "
                  # doc # " |";
  string tableEntry = "{\"" # name # "\", ::mlir::tessel::gemmini::FieldKind::"
                      # kind # ", " # rs # ", " # lsb # ", " # width # "}";

  /// The decoded value: a C++ member of the op's Decoded struct, with the
  /// op's default (0, false, scale 1.0, os, spad[0], zeros).
  string member = Gemmini_CamelCase<name>.ret;
  string cppType = !cond(!eq(kind, "Int") : "uint64_t",
                         !eq(kind, "SInt") : "int64_t",
                         !eq(kind, "Bool") : "bool",
                         !eq(kind, "F32") : "float",
                         !eq(kind, "Dataflow")
                             : "::mlir::tessel::gemmini::Dataflow",
                         !eq(kind, "Local") : "uint32_t",
                         !eq(kind, "Dram") : "uint64_t");
  string cppDefault = !cond(!eq(kind, "Bool") : "false",
                            !eq(kind, "F32") : "1.0f",
                            !eq(kind, "Dataflow")
                                : "::mlir::tessel::gemmini::Dataflow::os",
                            true : "0");
  string memberDecl = cppType # " " # member # " = " # cppDefault # ";";
  string raw = "::mlir::tessel::gemmini::extractField(rs" # rs # ", " # lsb
               # ", " # width # ")";
  string decodeStmt = "d." # member # " = " # !cond(
      !eq(kind, "SInt") : "::mlir::tessel::gemmini::signExtendField(" # raw
                          # ", " # width # ")",
      !eq(kind, "Bool") : raw # " != 0",
      !eq(kind, "F32") : "::mlir::tessel::gemmini::fieldToF32(" # raw # ")",
      !eq(kind, "Dataflow") : "::mlir::tessel::gemmini::Dataflow(" # raw # ")",
      !eq(kind, "Local") : "uint32_t(" # raw # ")",
      true : raw) # ";";
  string encodeStmt = "rs" # rs # " |= ::mlir::tessel::gemmini::insertField("
      # !if(!eq(kind, "F32"),
            "::mlir::tessel::gemmini::f32ToField(" # member # ")",
            "uint64_t(" # member # ")")
      # ", " # lsb # ", " # width # ");";
}

class Gemmini_IntField<string name, int rs, int lsb, int width, string doc>
    : Gemmini_Field<name, "Int", rs, lsb, width, doc>;
/// Two's complement; decoded sign-extended.
class Gemmini_SIntField<string name, int rs, int lsb, int width, string doc>
    : Gemmini_Field<name, "SInt", rs, lsb, width, doc>;
class Gemmini_BoolField<string name, int rs, int lsb, string doc>
    : Gemmini_Field<name, "Bool", rs, lsb, 1, doc>;
/// float32 bits (scales).
class Gemmini_F32Field<string name, int rs, int lsb, string doc>
    : Gemmini_Field<name, "F32", rs, lsb, 32, doc>;
/// One bit, os (0) or ws (1).
class Gemmini_DataflowField<string name, int rs, int lsb, string doc>
    : Gemmini_Field<name, "Dataflow", rs, lsb, 1, doc>;
/// A local address, the word's low 32 bits (flags and row, LocalAddr).
class Gemmini_LocalField<string name, int rs, string doc>
    : Gemmini_Field<name, "Local", rs, 0, 32, doc>;
/// A DRAM address, the whole word.
class Gemmini_DramField<string name, int rs, string doc>
    : Gemmini_Field<name, "Dram", rs, 0, 64, doc>;

/// A matrix operand (the ISA's mvin rs2, preload and compute rs1/rs2): a
/// local address `name`, `name_cols` at [47:32] and `name_rows` at [63:48].
class Gemmini_MatrixOperand<string name, int rs, string what> {
  list<Gemmini_Field> fields = [
    Gemmini_LocalField<name, rs, what # " local address">,
    Gemmini_IntField<name # "_cols", rs, 32, 16, what # " columns">,
    Gemmini_IntField<name # "_rows", rs, 48, 16, what # " rows">];
}

/// The fields of `fields` in word `rs`: the bits they occupy, and the bits
/// two of them claim ([mask, overlaps]).
class Gemmini_WordBits<list<Gemmini_Field> fields, int rs, int reserved> {
  list<int> ret = !foldl([reserved, 0], fields, acc, f,
      [!or(acc[0], !if(!eq(f.rs, rs), f.mask, 0)),
       !or(acc[1], !and(acc[0], !if(!eq(f.rs, rs), f.mask, 0)))]);
}

//===----------------------------------------------------------------------===//
// Instructions
//===----------------------------------------------------------------------===//

/// One instruction: funct7, CONFIG sub-op (-1 for none) and its fields.
/// Parsing, printing and verification are generic over the field table
/// (GemminiOps.cpp).
class Gemmini_InstrOp<string mnemonic, int funct, int subop,
                      list<Gemmini_Field> fields>
    : Gemmini_Op<mnemonic, [
        DeclareOpInterfaceMethods<Gemmini_InstructionOpInterface>,
        HasParent<"ProgramOp">]> {
  /// gemmini.h's macro for this instruction in C, and the fields it takes
  /// in order; none: ROCC_INSTRUCTION_RS1_RS2 with the encoded words.
  string cMacro = "";
  list<string> cMacroArgs = !foreach(f, fields, f.name);
  /// Whether the op defines verifyFields() (GemminiOps.cpp): what the
  /// target forbids beyond each field's range.
  bit hasFieldVerifier = 0;

  assert !and(!ge(funct, 0), !lt(funct, 128)),
         mnemonic # ": funct7 out of range";
  assert !eq(Gemmini_WordBits<fields, 1, !if(!ge(subop, 0), 3, 0)>.ret[1], 0),
         mnemonic # ": fields overlap in rs1";
  assert !eq(Gemmini_WordBits<fields, 2, 0>.ret[1], 0),
         mnemonic # ": fields overlap in rs2";
  assert !foldl(1, cMacroArgs, ok, a,
                !and(ok, !foldl(0, fields, found, f,
                                !or(found, !eq(f.name, a))))),
         mnemonic # ": a C macro argument is not a field";

  let arguments = !foldl((ins), fields, acc, f, !con(acc, f.args));
  let description = "Encoding: funct7 " # funct
      # !if(!ge(subop, 0), ", rs1[1:0] = " # subop, "") # ".\n\n"
      # "| field | kind | bits | meaning |\n|---|---|---|---|\n"
      # !interleave(!foreach(f, fields, f.docRow), "\n") # "\n";
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;

  bit usesRs1 = !or(!ge(subop, 0),
                    !foldl(0, fields, acc, f, !or(acc, !eq(f.rs, 1))));
  bit usesRs2 = !foldl(0, fields, acc, f, !or(acc, !eq(f.rs, 2)));
  let extraClassDeclaration = [{
    /// funct7, and the CONFIG sub-op in rs1[1:0] (-1 for none).
    static constexpr unsigned kFunct = }] # funct # [{;
    static constexpr int kConfigSubOp = }] # subop # [{;

    /// The fields as C++ values, defaulting to the op's defaults: what
    /// decode() reads from an instruction's words and encode() writes.
    struct Decoded {
      }] # !interleave(!foreach(f, fields, f.memberDecl), "\n      ") # [{

      /// rs1 and rs2, each value truncated to its field's width.
      std::pair<uint64_t, uint64_t> encode() const {
        uint64_t rs1 = }] # !if(!ge(subop, 0), subop, 0) # [{, rs2 = 0;
        }] # !interleave(!foreach(f, fields, f.encodeStmt), "\n        ") # [{
        return {rs1, rs2};
      }
    };
    static Decoded decode(uint64_t}] # !if(usesRs1, " rs1", "")
        # ", uint64_t" # !if(usesRs2, " rs2", "") # [{) {
      Decoded d;
      }] # !interleave(!foreach(f, fields, f.decodeStmt), "\n      ") # [{
      return d;
    }
  }] # !if(hasFieldVerifier, [{
    ::llvm::LogicalResult verifyFields();
  }], "");
  let extraClassDefinition = [{
    unsigned $cppClass::getFunct() { return kFunct; }
    int $cppClass::getConfigSubOp() { return kConfigSubOp; }
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      static const ::mlir::tessel::gemmini::Field fields[] = {
        }] # !interleave(!foreach(f, fields, f.tableEntry), ",\n        ")
        # [{};
      return fields;
    }
    ::mlir::tessel::gemmini::CMacro $cppClass::getCMacro() {
      }] # !if(!empty(cMacro), "return {};", [{
      static const ::llvm::StringRef args[] = {}]
          # !interleave(!foreach(a, cMacroArgs, "\"" # a # "\""), ", ") # [{};
      return {"}] # cMacro # [{", args};}]) # [{
    }
    ::mlir::ParseResult $cppClass::parse(::mlir::OpAsmParser &parser,
                                         ::mlir::OperationState &result) {
      return ::mlir::tessel::gemmini::parseInstruction(parser, result,
                                                       getFields());
    }
    void $cppClass::print(::mlir::OpAsmPrinter &p) {
      ::mlir::tessel::gemmini::printInstruction(p, getOperation(), getFields());
    }
    ::llvm::LogicalResult $cppClass::verify() {
      return ::mlir::tessel::gemmini::verifyInstruction(getOperation());
    }
  }];
}

/// CONFIG (funct7 0) with sub-op `subop` in rs1[1:0].
class Gemmini_ConfigOp<string mnemonic, int subop, string brief,
                       list<Gemmini_Field> fields>
    : Gemmini_InstrOp<mnemonic, 0, subop, fields> {
  let summary = brief # " (CONFIG, rs1[1:0] = " # subop # ")";
}

/// mvin, mvin2, mvin3: one move each per load state (config_ld's id).
class Gemmini_MoveInOp<string mnemonic, int funct, int state, string macro>
    : Gemmini_InstrOp<mnemonic, funct, -1, !listconcat(
        [Gemmini_DramField<"dram", 1, "source DRAM address">],
        Gemmini_MatrixOperand<"local", 2, "destination">.fields)> {
  let summary = "Moves a matrix from DRAM into the scratchpad or accumulator "
                "(load state " # state # ")";
  let cMacro = macro;
  let hasFieldVerifier = 1;
}

/// compute_preloaded and compute_accumulated.
class Gemmini_ComputeOp<string mnemonic, int funct, string macro>
    : Gemmini_InstrOp<mnemonic, funct, -1, !listconcat(
        Gemmini_MatrixOperand<"a", 1, "A">.fields,
        Gemmini_MatrixOperand<"bd", 2, "B (OS) or D (WS)">.fields)> {
  let cMacro = macro;
  let cMacroArgs = ["a", "bd", "a_cols", "a_rows", "bd_cols", "bd_rows"];
  let hasFieldVerifier = 1;
}

def Gemmini_ProgramOp : Gemmini_Op<"program", [
    Symbol, NoTerminator, SingleBlock, IsolatedFromAbove]> {
  let summary = "A Gemmini instruction stream";
  let description = [{
    The instructions of one program, in issue order. Lives in a module whose
    `gemmini.segment` operations form the DRAM plan its DRAM operands name.

    ```mlir
    gemmini.program @matmul {
      gemmini.config_ld id = 0, stride = 16
      gemmini.mvin dram = @a, local = spad[0], local_cols = 16, local_rows = 16
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name)>];
}

def Gemmini_SegmentOp : Gemmini_Op<"segment", [Symbol]> {
  let summary = "One segment of the DRAM plan";
  let description = [{
    A byte range of DRAM at `base` of `size` bytes holding the program's
    `weights`, `inputs`, `outputs` or `scratch`. Instructions address DRAM
    as a segment plus an offset; emission adds the base. Segments may not
    overlap, and none may include address 0, which the ISA reserves.

    An optional tensor `type` says how the segment's first bytes are read
    and written as a tensor (row-major, little endian): `tessel-run` checks
    inputs against it and writes outputs with it.

    ```mlir
    gemmini.segment @a : inputs, base 4096, size 256
    gemmini.segment @c : outputs, base 8192, size 1024, type tensor<16x16xi32>
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Gemmini_SegmentKindAttr:$kind,
                       I64Attr:$base, I64Attr:$size,
                       OptionalAttr<TypeAttrOf<AnyStaticShapeTensor>>:$type);
  let assemblyFormat = [{
    $sym_name `:` custom<SegmentKind>($kind) `,` `base` $base `,` `size` $size
    (`,` `type` $type^)? attr-dict
  }];
  let hasVerifier = 1;
}

def Gemmini_FenceOp : Gemmini_Op<"fence", [HasParent<"ProgramOp">]> {
  let summary = "Waits for every outstanding Gemmini instruction";
  let description = [{
    A plain RISC-V `fence`, not a Gemmini funct: Gemmini's gemmini_fence().
    In the binary stream it is written with funct word 0xFFFFFFFFFFFFFFFF.
  }];
  let assemblyFormat = "attr-dict";
}

def Gemmini_ConfigExOp : Gemmini_ConfigOp<"config_ex", 0,
    "Configures the execute pipeline", [
    Gemmini_DataflowField<"dataflow", 1, 2, "os or ws">,
    Gemmini_IntField<"activation", 1, 3, 2,
        "activation applied to scratchpad results (0 none, 1 relu, "
        "2 layernorm, 3 igelu)">,
    Gemmini_BoolField<"set_only_strides", 1, 7, "only update the strides">,
    Gemmini_BoolField<"a_transpose", 1, 8, "transpose A">,
    Gemmini_BoolField<"b_transpose", 1, 9, "transpose B">,
    Gemmini_IntField<"a_stride", 1, 16, 16, "scratchpad rows between A rows">,
    Gemmini_F32Field<"acc_scale", 1, 32,
        "scale (legacy field, carried through)">,
    Gemmini_IntField<"sys_shift", 2, 0, 32, "output right shift in OS">,
    Gemmini_IntField<"relu6_shift", 2, 32, 16, "legacy relu6 shift">,
    Gemmini_IntField<"c_stride", 2, 48, 16, "rows between C rows">]> {
  let hasFieldVerifier = 1;
}

def Gemmini_ConfigLdOp : Gemmini_ConfigOp<"config_ld", 1,
    "Configures one of the three load (mvin) states", [
    Gemmini_BoolField<"shrunk", 1, 2,
        "an accumulator mvin reads input-type elements">,
    Gemmini_IntField<"id", 1, 3, 2, "state id: 0 mvin, 1 mvin2, 2 mvin3">,
    Gemmini_IntField<"pixel_repeats", 1, 8, 8, "pixel repeats (0 means 1)">,
    Gemmini_IntField<"block_stride", 1, 16, 16,
        "scratchpad rows between DIM-column blocks">,
    Gemmini_F32Field<"scale", 1, 32, "mvin scale">,
    Gemmini_IntField<"stride", 2, 0, 64, "DRAM row stride in bytes">]> {
  let hasFieldVerifier = 1;
}

def Gemmini_ConfigStOp : Gemmini_ConfigOp<"config_st", 2,
    "Configures the store (mvout) path", [
    Gemmini_IntField<"activation", 1, 2, 2, "activation (0 none, 1 relu)">,
    Gemmini_IntField<"pool_stride", 1, 4, 2,
        "pooling stride, 0 for no pooling">,
    Gemmini_IntField<"pool_size", 1, 6, 2, "pooling window size">,
    Gemmini_IntField<"upper_pad", 1, 8, 2, "pooling upper padding">,
    Gemmini_IntField<"left_pad", 1, 10, 2, "pooling left padding">,
    Gemmini_IntField<"pool_out_dim", 1, 24, 8, "pooled output dimension">,
    Gemmini_IntField<"porows", 1, 32, 8, "pooled output rows">,
    Gemmini_IntField<"pocols", 1, 40, 8, "pooled output columns">,
    Gemmini_IntField<"orows", 1, 48, 8, "output rows">,
    Gemmini_IntField<"ocols", 1, 56, 8, "output columns">,
    Gemmini_IntField<"stride", 2, 0, 32, "DRAM row stride in bytes">,
    Gemmini_F32Field<"acc_scale", 2, 32,
        "scale applied to accumulator reads">]> {
}

def Gemmini_ConfigNormOp : Gemmini_ConfigOp<"config_norm", 3,
    "Configures normalization statistics", [
    Gemmini_IntField<"stat_id", 1, 8, 8, "statistics slot">,
    Gemmini_BoolField<"act_msb", 1, 16, "turns the activation into softmax">,
    Gemmini_BoolField<"set_stats_id_only", 1, 17,
        "only set the statistics slot">,
    Gemmini_BoolField<"q_const_type", 1, 18, "type of q_const">,
    Gemmini_SIntField<"q_const", 1, 32, 32,
        "I-BERT constant: ln 2 or (with q_const_type) 2^16 / ln 2, in "
        "accumulator units">,
    Gemmini_SIntField<"qb", 2, 0, 32,
        "I-BERT's b (erf or exp polynomial) in accumulator units">,
    Gemmini_SIntField<"qc", 2, 32, 32,
        "I-BERT's c in the polynomial's units">]> {
}

def Gemmini_MvinOp : Gemmini_MoveInOp<"mvin", 2, 0, "gemmini_extended_mvin">;

def Gemmini_Mvin2Op : Gemmini_MoveInOp<"mvin2", 1, 1, "gemmini_extended_mvin2">;

def Gemmini_Mvin3Op
    : Gemmini_MoveInOp<"mvin3", 14, 2, "gemmini_extended_mvin3">;

def Gemmini_MvoutOp : Gemmini_InstrOp<"mvout", 3, -1, !listconcat(
    [Gemmini_DramField<"dram", 1, "destination DRAM address">],
    Gemmini_MatrixOperand<"local", 2, "source">.fields)> {
  let summary = "Moves a matrix from the scratchpad or accumulator to DRAM";
  let cMacro = "gemmini_extended_mvout";
  let hasFieldVerifier = 1;
}

def Gemmini_PreloadOp : Gemmini_InstrOp<"preload", 6, -1, !listconcat(
    Gemmini_MatrixOperand<"bd", 1, "B or D">.fields,
    Gemmini_MatrixOperand<"c", 2, "C">.fields)> {
  let summary = "Preloads B (WS) or D (OS) and names the output C";
  let cMacro = "gemmini_extended_preload";
  let cMacroArgs = ["bd", "c", "bd_cols", "bd_rows", "c_cols", "c_rows"];
  let hasFieldVerifier = 1;
}

def Gemmini_ComputePreloadedOp : Gemmini_ComputeOp<"compute_preloaded", 4,
    "gemmini_extended_compute_preloaded"> {
  let summary = "Multiplies A with the preloaded matrix (COMPUTE_AND_FLIP)";
}

def Gemmini_ComputeAccumulatedOp : Gemmini_ComputeOp<"compute_accumulated", 5,
    "gemmini_extended_compute_accumulated"> {
  let summary = "Multiplies A reusing the PE contents (COMPUTE_AND_STAY)";
}

def Gemmini_FlushOp : Gemmini_InstrOp<"flush", 7, -1, [
    Gemmini_BoolField<"skip", 1, 0, "skip the pending TLB request">]> {
  let summary = "Flushes the TLB";
  let cMacro = "gemmini_flush";
}

def Gemmini_LoopWsConfigBoundsOp
    : Gemmini_InstrOp<"loop_ws_config_bounds", 9, -1, [
    Gemmini_IntField<"pad_i", 1, 0, 16, "padding of I">,
    Gemmini_IntField<"pad_j", 1, 16, 16, "padding of J">,
    Gemmini_IntField<"pad_k", 1, 32, 16, "padding of K">,
    Gemmini_IntField<"i", 2, 0, 16, "I tiles">,
    Gemmini_IntField<"j", 2, 16, 16, "J tiles">,
    Gemmini_IntField<"k", 2, 32, 16, "K tiles">]> {
  let summary = "Bounds of a loop_ws matmul, in DIM tiles";
}

def Gemmini_LoopWsConfigAddrsAbOp
    : Gemmini_InstrOp<"loop_ws_config_addrs_ab", 10, -1, [
    Gemmini_DramField<"a", 1, "A">,
    Gemmini_DramField<"b", 2, "B">]> {
  let summary = "DRAM addresses of A and B for loop_ws";
}

def Gemmini_LoopWsConfigAddrsDcOp
    : Gemmini_InstrOp<"loop_ws_config_addrs_dc", 11, -1, [
    Gemmini_DramField<"d", 1, "D (absent: no bias)">,
    Gemmini_DramField<"c", 2, "C">]> {
  let summary = "DRAM addresses of D and C for loop_ws";
}

def Gemmini_LoopWsConfigStridesAbOp
    : Gemmini_InstrOp<"loop_ws_config_strides_ab", 12, -1, [
    Gemmini_IntField<"a_stride", 1, 0, 64, "A stride">,
    Gemmini_IntField<"b_stride", 2, 0, 64, "B stride">]> {
  let summary = "Row strides of A and B for loop_ws, in elements";
}

def Gemmini_LoopWsConfigStridesDcOp
    : Gemmini_InstrOp<"loop_ws_config_strides_dc", 13, -1, [
    Gemmini_IntField<"d_stride", 1, 0, 64, "D stride">,
    Gemmini_IntField<"c_stride", 2, 0, 64, "C stride">]> {
  let summary = "Row strides of D and C for loop_ws, in elements";
}

def Gemmini_LoopWsOp : Gemmini_InstrOp<"loop_ws", 8, -1, [
    Gemmini_BoolField<"ex_accumulate", 1, 0, "accumulate onto existing C">,
    Gemmini_BoolField<"full_c", 1, 1, "write C as raw accumulator values">,
    Gemmini_BoolField<"low_d", 1, 2, "D holds input-type elements">,
    Gemmini_IntField<"activation", 1, 8, 3, "activation">,
    Gemmini_IntField<"b_spad_id", 1, 16, 2, "B scratchpad buffer">,
    Gemmini_IntField<"a_spad_id", 1, 18, 2, "A scratchpad buffer">,
    Gemmini_BoolField<"a_transpose", 2, 0, "transpose A">,
    Gemmini_BoolField<"b_transpose", 2, 1, "transpose B">,
    Gemmini_BoolField<"is_resadd", 2, 2, "residual addition">]> {
  let summary =
      "Runs a weight-stationary matmul loop over the configured tiles";
}

def Gemmini_LoopConvWsConfig1Op
    : Gemmini_InstrOp<"loop_conv_ws_config_1", 16, -1, [
    Gemmini_IntField<"batch", 1, 0, 16, "batch size">,
    Gemmini_IntField<"in_rows", 1, 16, 16, "input rows">,
    Gemmini_IntField<"in_channels", 1, 32, 16, "input channels">,
    Gemmini_IntField<"out_channels", 1, 48, 16, "output channels">,
    Gemmini_IntField<"out_rows", 2, 0, 16, "output rows">,
    Gemmini_IntField<"pool_out_rows", 2, 16, 16, "pooled output rows">,
    Gemmini_IntField<"out_cols", 2, 32, 16, "output columns">,
    Gemmini_IntField<"stride", 2, 48, 8, "convolution stride">,
    Gemmini_IntField<"pad", 2, 56, 8, "padding">]> {
  let summary = "loop_conv_ws shape, part 1";
}

def Gemmini_LoopConvWsConfig2Op
    : Gemmini_InstrOp<"loop_conv_ws_config_2", 17, -1, [
    Gemmini_IntField<"pool_pad", 1, 0, 8, "pooling padding">,
    Gemmini_IntField<"pool_stride", 1, 8, 8, "pooling stride">,
    Gemmini_IntField<"pool_size", 1, 16, 16, "pooling window">,
    Gemmini_IntField<"pool_out_cols", 1, 32, 16, "pooled output columns">,
    Gemmini_IntField<"kernel_dim", 1, 48, 16, "kernel size">,
    Gemmini_IntField<"pochs", 2, 0, 16, "output channels of this tile">,
    Gemmini_IntField<"pocols", 2, 16, 16, "pooled output columns of this tile">,
    Gemmini_IntField<"porows", 2, 32, 16, "pooled output rows of this tile">,
    Gemmini_IntField<"batches", 2, 48, 16, "batches of this tile">]> {
  let summary = "loop_conv_ws shape, part 2";
}

def Gemmini_LoopConvWsConfig3Op
    : Gemmini_InstrOp<"loop_conv_ws_config_3", 18, -1, [
    Gemmini_IntField<"lpad", 1, 0, 16, "left padding">,
    Gemmini_IntField<"kchs", 1, 16, 16, "kernel channels of this tile">,
    Gemmini_IntField<"kcols", 1, 32, 16, "kernel columns of this tile">,
    Gemmini_IntField<"krows", 1, 48, 16, "kernel rows of this tile">,
    Gemmini_IntField<"in_cols", 2, 0, 16, "input columns">,
    Gemmini_IntField<"plpad", 2, 16, 8, "pooling left padding">,
    Gemmini_IntField<"dpad", 2, 24, 8, "bottom padding">,
    Gemmini_IntField<"upad", 2, 32, 16, "top padding">,
    Gemmini_IntField<"rpad", 2, 48, 16, "right padding">]> {
  let summary = "loop_conv_ws shape, part 3";
}

def Gemmini_LoopConvWsConfig4Op
    : Gemmini_InstrOp<"loop_conv_ws_config_4", 19, -1, [
    Gemmini_IntField<"kernel_dilation", 1, 0, 10, "kernel dilation">,
    Gemmini_IntField<"pdpad", 1, 10, 11, "pooling bottom padding">,
    Gemmini_IntField<"pupad", 1, 21, 11, "pooling top padding">,
    Gemmini_IntField<"prpad", 1, 32, 16, "pooling right padding">,
    Gemmini_IntField<"orows", 1, 48, 16, "output rows of this tile">,
    Gemmini_IntField<"ocols", 2, 0, 16, "output columns of this tile">,
    Gemmini_IntField<"out_stride", 2, 16, 16, "output row stride">,
    Gemmini_IntField<"weight_stride", 2, 32, 16, "weight row stride">,
    Gemmini_IntField<"in_stride", 2, 48, 16, "input row stride">]> {
  let summary = "loop_conv_ws shape, part 4";
}

def Gemmini_LoopConvWsConfig5Op
    : Gemmini_InstrOp<"loop_conv_ws_config_5", 20, -1, [
    Gemmini_DramField<"weights", 1, "weights">,
    Gemmini_DramField<"output", 2, "output">]> {
  let summary = "loop_conv_ws weights and output addresses";
}

def Gemmini_LoopConvWsConfig6Op
    : Gemmini_InstrOp<"loop_conv_ws_config_6", 21, -1, [
    Gemmini_DramField<"bias", 1, "bias (absent: none)">,
    Gemmini_DramField<"input", 2, "input">]> {
  let summary = "loop_conv_ws bias and input addresses";
}

def Gemmini_LoopConvWsOp : Gemmini_InstrOp<"loop_conv_ws", 15, -1, [
    Gemmini_BoolField<"no_bias", 1, 0, "no bias">,
    Gemmini_BoolField<"wrot180", 1, 1, "rotate weights by 180 degrees">,
    Gemmini_BoolField<"trans_output_1203", 1, 2, "output transposed 1203">,
    Gemmini_BoolField<"trans_weight_1203", 1, 3, "weights transposed 1203">,
    Gemmini_BoolField<"trans_weight_0132", 1, 4, "weights transposed 0132">,
    Gemmini_BoolField<"trans_input_3120", 1, 5, "input transposed 3120">,
    Gemmini_BoolField<"dw", 1, 6, "depthwise">,
    Gemmini_IntField<"max_pixels_per_row", 1, 8, 8, "pixels per row">,
    Gemmini_IntField<"b_spad_id", 1, 16, 2, "B scratchpad buffer">,
    Gemmini_IntField<"a_spad_id", 1, 18, 2, "A scratchpad buffer">,
    Gemmini_BoolField<"no_pool", 2, 0, "no pooling">,
    Gemmini_BoolField<"downsample", 2, 1, "downsample fast path">,
    Gemmini_BoolField<"input_dilated", 2, 2, "dilated input">,
    Gemmini_IntField<"activation", 2, 3, 2, "activation">]> {
  let summary =
      "Runs a weight-stationary convolution loop over the configured tile";
}

def Gemmini_CallOp : Gemmini_Op<"call", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Runs a Gemmini program on tensors";
  let description = [{
    The host's side of an accelerator program: the operands are written into
    the DRAM segments named beside them (row-major, little endian, from the
    segment's first byte), the program runs from a fresh accelerator state,
    and each result is read from its segment. Every other segment starts
    zeroed. A typed segment takes and gives exactly its type; an untyped one
    any static tensor whose bytes fit.

    The reference interpreter runs the program in the simulator (with its
    timing model), so a host function mixing nn operations and programs runs
    in one pass of `tessel-run`.

    ```mlir
    %c = gemmini.call @matmul(@a = %x : tensor<16x16xi8>,
                              @b = %w : tensor<16x16xi8>)
                      -> (@c : tensor<16x16xi32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$program,
                       FlatSymbolRefArrayAttr:$input_segments,
                       FlatSymbolRefArrayAttr:$output_segments,
                       Variadic<AnyStaticShapeTensor>:$inputs);
  let results = (outs Variadic<AnyStaticShapeTensor>:$outputs);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_TD
