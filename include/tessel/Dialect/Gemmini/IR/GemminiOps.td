//===- GemminiOps.td - gemmini instructions ----------------*- tablegen -*-===//

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
    range checks are generic over this table.
  }];
  let methods = [
    StaticInterfaceMethod<"The instruction's funct7.", "unsigned", "getFunct">,
    StaticInterfaceMethod<"The CONFIG sub-op in rs1[1:0], or -1.", "int",
                          "getConfigSubOp">,
    StaticInterfaceMethod<"The attributes' bit fields.",
                          "::llvm::ArrayRef<::mlir::tessel::gemmini::Field>",
                          "getFields">,
  ];
}

/// One instruction. Parsing, printing and verification are generic over the
/// field table each op defines (see GemminiOps.cpp).
class Gemmini_InstrOp<string mnemonic, int funct, int subop>
    : Gemmini_Op<mnemonic, [
        DeclareOpInterfaceMethods<Gemmini_InstructionOpInterface>,
        HasParent<"ProgramOp">]> {
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  code instrClassDefinition = [{
    unsigned $cppClass::getFunct() { return }] # funct # [{; }
    int $cppClass::getConfigSubOp() { return }] # subop # [{; }
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
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$kind,
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

def Gemmini_ConfigExOp : Gemmini_InstrOp<"config_ex", 0, 0> {
  let summary = "Configures the execute pipeline (CONFIG, rs1[1:0] = 0)";
  let description = [{
    Encoding: funct7 0, rs1[1:0] = 0.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `dataflow` | dataflow | rs1[2] | os or ws |
    | `activation` | int | rs1[4:3] | activation applied to scratchpad results (0 none, 1 relu, 2 layernorm, 3 igelu) |
    | `set_only_strides` | bool | rs1[7] | only update the strides |
    | `a_transpose` | bool | rs1[8] | transpose A |
    | `b_transpose` | bool | rs1[9] | transpose B |
    | `a_stride` | int | rs1[31:16] | scratchpad rows between A rows |
    | `acc_scale` | f32 | rs1[63:32] | scale (legacy field, carried through) |
    | `sys_shift` | int | rs2[31:0] | output right shift in OS |
    | `relu6_shift` | int | rs2[47:32] | legacy relu6 shift |
    | `c_stride` | int | rs2[63:48] | rows between C rows |
  }];
  let arguments = (ins I64Attr:$dataflow,
                   I64Attr:$activation,
                   BoolAttr:$set_only_strides,
                   BoolAttr:$a_transpose,
                   BoolAttr:$b_transpose,
                   I64Attr:$a_stride,
                   F32Attr:$acc_scale,
                   I64Attr:$sys_shift,
                   I64Attr:$relu6_shift,
                   I64Attr:$c_stride);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"dataflow", FieldKind::Dataflow, 1, 2, 1},
        {"activation", FieldKind::Int, 1, 3, 2},
        {"set_only_strides", FieldKind::Bool, 1, 7, 1},
        {"a_transpose", FieldKind::Bool, 1, 8, 1},
        {"b_transpose", FieldKind::Bool, 1, 9, 1},
        {"a_stride", FieldKind::Int, 1, 16, 16},
        {"acc_scale", FieldKind::F32, 1, 32, 32},
        {"sys_shift", FieldKind::Int, 2, 0, 32},
        {"relu6_shift", FieldKind::Int, 2, 32, 16},
        {"c_stride", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_ConfigLdOp : Gemmini_InstrOp<"config_ld", 0, 1> {
  let summary = "Configures one of the three load (mvin) states (CONFIG, rs1[1:0] = 1)";
  let description = [{
    Encoding: funct7 0, rs1[1:0] = 1.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `shrunk` | bool | rs1[2] | an accumulator mvin reads input-type elements |
    | `id` | int | rs1[4:3] | state id: 0 mvin, 1 mvin2, 2 mvin3 |
    | `pixel_repeats` | int | rs1[15:8] | pixel repeats (0 means 1) |
    | `block_stride` | int | rs1[31:16] | scratchpad rows between DIM-column blocks |
    | `scale` | f32 | rs1[63:32] | mvin scale |
    | `stride` | int | rs2[63:0] | DRAM row stride in bytes |
  }];
  let arguments = (ins BoolAttr:$shrunk,
                   I64Attr:$id,
                   I64Attr:$pixel_repeats,
                   I64Attr:$block_stride,
                   F32Attr:$scale,
                   I64Attr:$stride);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"shrunk", FieldKind::Bool, 1, 2, 1},
        {"id", FieldKind::Int, 1, 3, 2},
        {"pixel_repeats", FieldKind::Int, 1, 8, 8},
        {"block_stride", FieldKind::Int, 1, 16, 16},
        {"scale", FieldKind::F32, 1, 32, 32},
        {"stride", FieldKind::Int, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_ConfigStOp : Gemmini_InstrOp<"config_st", 0, 2> {
  let summary = "Configures the store (mvout) path (CONFIG, rs1[1:0] = 2)";
  let description = [{
    Encoding: funct7 0, rs1[1:0] = 2.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `activation` | int | rs1[3:2] | activation (0 none, 1 relu) |
    | `pool_stride` | int | rs1[5:4] | pooling stride, 0 for no pooling |
    | `pool_size` | int | rs1[7:6] | pooling window size |
    | `upper_pad` | int | rs1[9:8] | pooling upper padding |
    | `left_pad` | int | rs1[11:10] | pooling left padding |
    | `pool_out_dim` | int | rs1[31:24] | pooled output dimension |
    | `porows` | int | rs1[39:32] | pooled output rows |
    | `pocols` | int | rs1[47:40] | pooled output columns |
    | `orows` | int | rs1[55:48] | output rows |
    | `ocols` | int | rs1[63:56] | output columns |
    | `stride` | int | rs2[31:0] | DRAM row stride in bytes |
    | `acc_scale` | f32 | rs2[63:32] | scale applied to accumulator reads |
  }];
  let arguments = (ins I64Attr:$activation,
                   I64Attr:$pool_stride,
                   I64Attr:$pool_size,
                   I64Attr:$upper_pad,
                   I64Attr:$left_pad,
                   I64Attr:$pool_out_dim,
                   I64Attr:$porows,
                   I64Attr:$pocols,
                   I64Attr:$orows,
                   I64Attr:$ocols,
                   I64Attr:$stride,
                   F32Attr:$acc_scale);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"activation", FieldKind::Int, 1, 2, 2},
        {"pool_stride", FieldKind::Int, 1, 4, 2},
        {"pool_size", FieldKind::Int, 1, 6, 2},
        {"upper_pad", FieldKind::Int, 1, 8, 2},
        {"left_pad", FieldKind::Int, 1, 10, 2},
        {"pool_out_dim", FieldKind::Int, 1, 24, 8},
        {"porows", FieldKind::Int, 1, 32, 8},
        {"pocols", FieldKind::Int, 1, 40, 8},
        {"orows", FieldKind::Int, 1, 48, 8},
        {"ocols", FieldKind::Int, 1, 56, 8},
        {"stride", FieldKind::Int, 2, 0, 32},
        {"acc_scale", FieldKind::F32, 2, 32, 32}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_ConfigNormOp : Gemmini_InstrOp<"config_norm", 0, 3> {
  let summary = "Configures normalization statistics (CONFIG, rs1[1:0] = 3)";
  let description = [{
    Encoding: funct7 0, rs1[1:0] = 3.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `stat_id` | int | rs1[15:8] | statistics slot |
    | `act_msb` | bool | rs1[16] | turns the activation into softmax |
    | `set_stats_id_only` | bool | rs1[17] | only set the statistics slot |
    | `q_const_type` | bool | rs1[18] | type of q_const |
    | `q_const` | signed int | rs1[63:32] | I-BERT constant: ln 2 or (with q_const_type) 2^16 / ln 2, in accumulator units |
    | `qb` | signed int | rs2[31:0] | I-BERT's b (erf or exp polynomial) in accumulator units |
    | `qc` | signed int | rs2[63:32] | I-BERT's c in the polynomial's units |
  }];
  let arguments = (ins I64Attr:$stat_id,
                   BoolAttr:$act_msb,
                   BoolAttr:$set_stats_id_only,
                   BoolAttr:$q_const_type,
                   I64Attr:$q_const,
                   I64Attr:$qb,
                   I64Attr:$qc);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"stat_id", FieldKind::Int, 1, 8, 8},
        {"act_msb", FieldKind::Bool, 1, 16, 1},
        {"set_stats_id_only", FieldKind::Bool, 1, 17, 1},
        {"q_const_type", FieldKind::Bool, 1, 18, 1},
        {"q_const", FieldKind::SInt, 1, 32, 32},
        {"qb", FieldKind::SInt, 2, 0, 32},
        {"qc", FieldKind::SInt, 2, 32, 32}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_MvinOp : Gemmini_InstrOp<"mvin", 2, -1> {
  let summary = "Moves a matrix from DRAM into the scratchpad or accumulator (load state 0)";
  let description = [{
    Encoding: funct7 2.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `dram` | dram | rs1[63:0] | source DRAM address |
    | `local` | local | rs2[31:0] | destination local address |
    | `local_cols` | int | rs2[47:32] | destination columns |
    | `local_rows` | int | rs2[63:48] | destination rows |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$dram,
                   I64Attr:$dram_offset,
                   I64Attr:$local,
                   I64Attr:$local_cols,
                   I64Attr:$local_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"dram", FieldKind::Dram, 1, 0, 64},
        {"local", FieldKind::Local, 2, 0, 32},
        {"local_cols", FieldKind::Int, 2, 32, 16},
        {"local_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_Mvin2Op : Gemmini_InstrOp<"mvin2", 1, -1> {
  let summary = "Moves a matrix from DRAM into the scratchpad or accumulator (load state 1)";
  let description = [{
    Encoding: funct7 1.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `dram` | dram | rs1[63:0] | source DRAM address |
    | `local` | local | rs2[31:0] | destination local address |
    | `local_cols` | int | rs2[47:32] | destination columns |
    | `local_rows` | int | rs2[63:48] | destination rows |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$dram,
                   I64Attr:$dram_offset,
                   I64Attr:$local,
                   I64Attr:$local_cols,
                   I64Attr:$local_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"dram", FieldKind::Dram, 1, 0, 64},
        {"local", FieldKind::Local, 2, 0, 32},
        {"local_cols", FieldKind::Int, 2, 32, 16},
        {"local_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_Mvin3Op : Gemmini_InstrOp<"mvin3", 14, -1> {
  let summary = "Moves a matrix from DRAM into the scratchpad or accumulator (load state 2)";
  let description = [{
    Encoding: funct7 14.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `dram` | dram | rs1[63:0] | source DRAM address |
    | `local` | local | rs2[31:0] | destination local address |
    | `local_cols` | int | rs2[47:32] | destination columns |
    | `local_rows` | int | rs2[63:48] | destination rows |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$dram,
                   I64Attr:$dram_offset,
                   I64Attr:$local,
                   I64Attr:$local_cols,
                   I64Attr:$local_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"dram", FieldKind::Dram, 1, 0, 64},
        {"local", FieldKind::Local, 2, 0, 32},
        {"local_cols", FieldKind::Int, 2, 32, 16},
        {"local_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_MvoutOp : Gemmini_InstrOp<"mvout", 3, -1> {
  let summary = "Moves a matrix from the scratchpad or accumulator to DRAM";
  let description = [{
    Encoding: funct7 3.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `dram` | dram | rs1[63:0] | destination DRAM address |
    | `local` | local | rs2[31:0] | source local address |
    | `local_cols` | int | rs2[47:32] | source columns |
    | `local_rows` | int | rs2[63:48] | source rows |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$dram,
                   I64Attr:$dram_offset,
                   I64Attr:$local,
                   I64Attr:$local_cols,
                   I64Attr:$local_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"dram", FieldKind::Dram, 1, 0, 64},
        {"local", FieldKind::Local, 2, 0, 32},
        {"local_cols", FieldKind::Int, 2, 32, 16},
        {"local_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_PreloadOp : Gemmini_InstrOp<"preload", 6, -1> {
  let summary = "Preloads B (WS) or D (OS) and names the output C";
  let description = [{
    Encoding: funct7 6.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `bd` | local | rs1[31:0] | B or D local address |
    | `bd_cols` | int | rs1[47:32] | B or D columns |
    | `bd_rows` | int | rs1[63:48] | B or D rows |
    | `c` | local | rs2[31:0] | C local address |
    | `c_cols` | int | rs2[47:32] | C columns |
    | `c_rows` | int | rs2[63:48] | C rows |
  }];
  let arguments = (ins I64Attr:$bd,
                   I64Attr:$bd_cols,
                   I64Attr:$bd_rows,
                   I64Attr:$c,
                   I64Attr:$c_cols,
                   I64Attr:$c_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"bd", FieldKind::Local, 1, 0, 32},
        {"bd_cols", FieldKind::Int, 1, 32, 16},
        {"bd_rows", FieldKind::Int, 1, 48, 16},
        {"c", FieldKind::Local, 2, 0, 32},
        {"c_cols", FieldKind::Int, 2, 32, 16},
        {"c_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_ComputePreloadedOp : Gemmini_InstrOp<"compute_preloaded", 4, -1> {
  let summary = "Multiplies A with the preloaded matrix (COMPUTE_AND_FLIP)";
  let description = [{
    Encoding: funct7 4.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `a` | local | rs1[31:0] | A local address |
    | `a_cols` | int | rs1[47:32] | A columns |
    | `a_rows` | int | rs1[63:48] | A rows |
    | `bd` | local | rs2[31:0] | B (OS) or D (WS) local address |
    | `bd_cols` | int | rs2[47:32] | B (OS) or D (WS) columns |
    | `bd_rows` | int | rs2[63:48] | B (OS) or D (WS) rows |
  }];
  let arguments = (ins I64Attr:$a,
                   I64Attr:$a_cols,
                   I64Attr:$a_rows,
                   I64Attr:$bd,
                   I64Attr:$bd_cols,
                   I64Attr:$bd_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"a", FieldKind::Local, 1, 0, 32},
        {"a_cols", FieldKind::Int, 1, 32, 16},
        {"a_rows", FieldKind::Int, 1, 48, 16},
        {"bd", FieldKind::Local, 2, 0, 32},
        {"bd_cols", FieldKind::Int, 2, 32, 16},
        {"bd_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_ComputeAccumulatedOp : Gemmini_InstrOp<"compute_accumulated", 5, -1> {
  let summary = "Multiplies A reusing the PE contents (COMPUTE_AND_STAY)";
  let description = [{
    Encoding: funct7 5.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `a` | local | rs1[31:0] | A local address |
    | `a_cols` | int | rs1[47:32] | A columns |
    | `a_rows` | int | rs1[63:48] | A rows |
    | `bd` | local | rs2[31:0] | B (OS) or D (WS) local address |
    | `bd_cols` | int | rs2[47:32] | B (OS) or D (WS) columns |
    | `bd_rows` | int | rs2[63:48] | B (OS) or D (WS) rows |
  }];
  let arguments = (ins I64Attr:$a,
                   I64Attr:$a_cols,
                   I64Attr:$a_rows,
                   I64Attr:$bd,
                   I64Attr:$bd_cols,
                   I64Attr:$bd_rows);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"a", FieldKind::Local, 1, 0, 32},
        {"a_cols", FieldKind::Int, 1, 32, 16},
        {"a_rows", FieldKind::Int, 1, 48, 16},
        {"bd", FieldKind::Local, 2, 0, 32},
        {"bd_cols", FieldKind::Int, 2, 32, 16},
        {"bd_rows", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_FlushOp : Gemmini_InstrOp<"flush", 7, -1> {
  let summary = "Flushes the TLB";
  let description = [{
    Encoding: funct7 7.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `skip` | bool | rs1[0] | skip the pending TLB request |
  }];
  let arguments = (ins BoolAttr:$skip);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"skip", FieldKind::Bool, 1, 0, 1}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopWsConfigBoundsOp : Gemmini_InstrOp<"loop_ws_config_bounds", 9, -1> {
  let summary = "Bounds of a loop_ws matmul, in DIM tiles";
  let description = [{
    Encoding: funct7 9.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `pad_i` | int | rs1[15:0] | padding of I |
    | `pad_j` | int | rs1[31:16] | padding of J |
    | `pad_k` | int | rs1[47:32] | padding of K |
    | `i` | int | rs2[15:0] | I tiles |
    | `j` | int | rs2[31:16] | J tiles |
    | `k` | int | rs2[47:32] | K tiles |
  }];
  let arguments = (ins I64Attr:$pad_i,
                   I64Attr:$pad_j,
                   I64Attr:$pad_k,
                   I64Attr:$i,
                   I64Attr:$j,
                   I64Attr:$k);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"pad_i", FieldKind::Int, 1, 0, 16},
        {"pad_j", FieldKind::Int, 1, 16, 16},
        {"pad_k", FieldKind::Int, 1, 32, 16},
        {"i", FieldKind::Int, 2, 0, 16},
        {"j", FieldKind::Int, 2, 16, 16},
        {"k", FieldKind::Int, 2, 32, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopWsConfigAddrsAbOp : Gemmini_InstrOp<"loop_ws_config_addrs_ab", 10, -1> {
  let summary = "DRAM addresses of A and B for loop_ws";
  let description = [{
    Encoding: funct7 10.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `a` | dram | rs1[63:0] | A |
    | `b` | dram | rs2[63:0] | B |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$a,
                   I64Attr:$a_offset,
                   OptionalAttr<FlatSymbolRefAttr>:$b,
                   I64Attr:$b_offset);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"a", FieldKind::Dram, 1, 0, 64},
        {"b", FieldKind::Dram, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopWsConfigAddrsDcOp : Gemmini_InstrOp<"loop_ws_config_addrs_dc", 11, -1> {
  let summary = "DRAM addresses of D and C for loop_ws";
  let description = [{
    Encoding: funct7 11.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `d` | dram | rs1[63:0] | D (absent: no bias) |
    | `c` | dram | rs2[63:0] | C |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$d,
                   I64Attr:$d_offset,
                   OptionalAttr<FlatSymbolRefAttr>:$c,
                   I64Attr:$c_offset);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"d", FieldKind::Dram, 1, 0, 64},
        {"c", FieldKind::Dram, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopWsConfigStridesAbOp : Gemmini_InstrOp<"loop_ws_config_strides_ab", 12, -1> {
  let summary = "Row strides of A and B for loop_ws, in elements";
  let description = [{
    Encoding: funct7 12.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `a_stride` | int | rs1[63:0] | A stride |
    | `b_stride` | int | rs2[63:0] | B stride |
  }];
  let arguments = (ins I64Attr:$a_stride,
                   I64Attr:$b_stride);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"a_stride", FieldKind::Int, 1, 0, 64},
        {"b_stride", FieldKind::Int, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopWsConfigStridesDcOp : Gemmini_InstrOp<"loop_ws_config_strides_dc", 13, -1> {
  let summary = "Row strides of D and C for loop_ws, in elements";
  let description = [{
    Encoding: funct7 13.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `d_stride` | int | rs1[63:0] | D stride |
    | `c_stride` | int | rs2[63:0] | C stride |
  }];
  let arguments = (ins I64Attr:$d_stride,
                   I64Attr:$c_stride);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"d_stride", FieldKind::Int, 1, 0, 64},
        {"c_stride", FieldKind::Int, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopWsOp : Gemmini_InstrOp<"loop_ws", 8, -1> {
  let summary = "Runs a weight-stationary matmul loop over the configured tiles";
  let description = [{
    Encoding: funct7 8.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `ex_accumulate` | bool | rs1[0] | accumulate onto existing C |
    | `full_c` | bool | rs1[1] | write C as raw accumulator values |
    | `low_d` | bool | rs1[2] | D holds input-type elements |
    | `activation` | int | rs1[10:8] | activation |
    | `b_spad_id` | int | rs1[17:16] | B scratchpad buffer |
    | `a_spad_id` | int | rs1[19:18] | A scratchpad buffer |
    | `a_transpose` | bool | rs2[0] | transpose A |
    | `b_transpose` | bool | rs2[1] | transpose B |
    | `is_resadd` | bool | rs2[2] | residual addition |
  }];
  let arguments = (ins BoolAttr:$ex_accumulate,
                   BoolAttr:$full_c,
                   BoolAttr:$low_d,
                   I64Attr:$activation,
                   I64Attr:$b_spad_id,
                   I64Attr:$a_spad_id,
                   BoolAttr:$a_transpose,
                   BoolAttr:$b_transpose,
                   BoolAttr:$is_resadd);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"ex_accumulate", FieldKind::Bool, 1, 0, 1},
        {"full_c", FieldKind::Bool, 1, 1, 1},
        {"low_d", FieldKind::Bool, 1, 2, 1},
        {"activation", FieldKind::Int, 1, 8, 3},
        {"b_spad_id", FieldKind::Int, 1, 16, 2},
        {"a_spad_id", FieldKind::Int, 1, 18, 2},
        {"a_transpose", FieldKind::Bool, 2, 0, 1},
        {"b_transpose", FieldKind::Bool, 2, 1, 1},
        {"is_resadd", FieldKind::Bool, 2, 2, 1}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsConfig1Op : Gemmini_InstrOp<"loop_conv_ws_config_1", 16, -1> {
  let summary = "loop_conv_ws shape, part 1";
  let description = [{
    Encoding: funct7 16.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `batch` | int | rs1[15:0] | batch size |
    | `in_rows` | int | rs1[31:16] | input rows |
    | `in_channels` | int | rs1[47:32] | input channels |
    | `out_channels` | int | rs1[63:48] | output channels |
    | `out_rows` | int | rs2[15:0] | output rows |
    | `pool_out_rows` | int | rs2[31:16] | pooled output rows |
    | `out_cols` | int | rs2[47:32] | output columns |
    | `stride` | int | rs2[55:48] | convolution stride |
    | `pad` | int | rs2[63:56] | padding |
  }];
  let arguments = (ins I64Attr:$batch,
                   I64Attr:$in_rows,
                   I64Attr:$in_channels,
                   I64Attr:$out_channels,
                   I64Attr:$out_rows,
                   I64Attr:$pool_out_rows,
                   I64Attr:$out_cols,
                   I64Attr:$stride,
                   I64Attr:$pad);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"batch", FieldKind::Int, 1, 0, 16},
        {"in_rows", FieldKind::Int, 1, 16, 16},
        {"in_channels", FieldKind::Int, 1, 32, 16},
        {"out_channels", FieldKind::Int, 1, 48, 16},
        {"out_rows", FieldKind::Int, 2, 0, 16},
        {"pool_out_rows", FieldKind::Int, 2, 16, 16},
        {"out_cols", FieldKind::Int, 2, 32, 16},
        {"stride", FieldKind::Int, 2, 48, 8},
        {"pad", FieldKind::Int, 2, 56, 8}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsConfig2Op : Gemmini_InstrOp<"loop_conv_ws_config_2", 17, -1> {
  let summary = "loop_conv_ws shape, part 2";
  let description = [{
    Encoding: funct7 17.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `pool_pad` | int | rs1[7:0] | pooling padding |
    | `pool_stride` | int | rs1[15:8] | pooling stride |
    | `pool_size` | int | rs1[31:16] | pooling window |
    | `pool_out_cols` | int | rs1[47:32] | pooled output columns |
    | `kernel_dim` | int | rs1[63:48] | kernel size |
    | `pochs` | int | rs2[15:0] | output channels of this tile |
    | `pocols` | int | rs2[31:16] | pooled output columns of this tile |
    | `porows` | int | rs2[47:32] | pooled output rows of this tile |
    | `batches` | int | rs2[63:48] | batches of this tile |
  }];
  let arguments = (ins I64Attr:$pool_pad,
                   I64Attr:$pool_stride,
                   I64Attr:$pool_size,
                   I64Attr:$pool_out_cols,
                   I64Attr:$kernel_dim,
                   I64Attr:$pochs,
                   I64Attr:$pocols,
                   I64Attr:$porows,
                   I64Attr:$batches);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"pool_pad", FieldKind::Int, 1, 0, 8},
        {"pool_stride", FieldKind::Int, 1, 8, 8},
        {"pool_size", FieldKind::Int, 1, 16, 16},
        {"pool_out_cols", FieldKind::Int, 1, 32, 16},
        {"kernel_dim", FieldKind::Int, 1, 48, 16},
        {"pochs", FieldKind::Int, 2, 0, 16},
        {"pocols", FieldKind::Int, 2, 16, 16},
        {"porows", FieldKind::Int, 2, 32, 16},
        {"batches", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsConfig3Op : Gemmini_InstrOp<"loop_conv_ws_config_3", 18, -1> {
  let summary = "loop_conv_ws shape, part 3";
  let description = [{
    Encoding: funct7 18.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `lpad` | int | rs1[15:0] | left padding |
    | `kchs` | int | rs1[31:16] | kernel channels of this tile |
    | `kcols` | int | rs1[47:32] | kernel columns of this tile |
    | `krows` | int | rs1[63:48] | kernel rows of this tile |
    | `in_cols` | int | rs2[15:0] | input columns |
    | `plpad` | int | rs2[23:16] | pooling left padding |
    | `dpad` | int | rs2[31:24] | bottom padding |
    | `upad` | int | rs2[47:32] | top padding |
    | `rpad` | int | rs2[63:48] | right padding |
  }];
  let arguments = (ins I64Attr:$lpad,
                   I64Attr:$kchs,
                   I64Attr:$kcols,
                   I64Attr:$krows,
                   I64Attr:$in_cols,
                   I64Attr:$plpad,
                   I64Attr:$dpad,
                   I64Attr:$upad,
                   I64Attr:$rpad);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"lpad", FieldKind::Int, 1, 0, 16},
        {"kchs", FieldKind::Int, 1, 16, 16},
        {"kcols", FieldKind::Int, 1, 32, 16},
        {"krows", FieldKind::Int, 1, 48, 16},
        {"in_cols", FieldKind::Int, 2, 0, 16},
        {"plpad", FieldKind::Int, 2, 16, 8},
        {"dpad", FieldKind::Int, 2, 24, 8},
        {"upad", FieldKind::Int, 2, 32, 16},
        {"rpad", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsConfig4Op : Gemmini_InstrOp<"loop_conv_ws_config_4", 19, -1> {
  let summary = "loop_conv_ws shape, part 4";
  let description = [{
    Encoding: funct7 19.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `kernel_dilation` | int | rs1[9:0] | kernel dilation |
    | `pdpad` | int | rs1[20:10] | pooling bottom padding |
    | `pupad` | int | rs1[31:21] | pooling top padding |
    | `prpad` | int | rs1[47:32] | pooling right padding |
    | `orows` | int | rs1[63:48] | output rows of this tile |
    | `ocols` | int | rs2[15:0] | output columns of this tile |
    | `out_stride` | int | rs2[31:16] | output row stride |
    | `weight_stride` | int | rs2[47:32] | weight row stride |
    | `in_stride` | int | rs2[63:48] | input row stride |
  }];
  let arguments = (ins I64Attr:$kernel_dilation,
                   I64Attr:$pdpad,
                   I64Attr:$pupad,
                   I64Attr:$prpad,
                   I64Attr:$orows,
                   I64Attr:$ocols,
                   I64Attr:$out_stride,
                   I64Attr:$weight_stride,
                   I64Attr:$in_stride);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"kernel_dilation", FieldKind::Int, 1, 0, 10},
        {"pdpad", FieldKind::Int, 1, 10, 11},
        {"pupad", FieldKind::Int, 1, 21, 11},
        {"prpad", FieldKind::Int, 1, 32, 16},
        {"orows", FieldKind::Int, 1, 48, 16},
        {"ocols", FieldKind::Int, 2, 0, 16},
        {"out_stride", FieldKind::Int, 2, 16, 16},
        {"weight_stride", FieldKind::Int, 2, 32, 16},
        {"in_stride", FieldKind::Int, 2, 48, 16}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsConfig5Op : Gemmini_InstrOp<"loop_conv_ws_config_5", 20, -1> {
  let summary = "loop_conv_ws weights and output addresses";
  let description = [{
    Encoding: funct7 20.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `weights` | dram | rs1[63:0] | weights |
    | `output` | dram | rs2[63:0] | output |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$weights,
                   I64Attr:$weights_offset,
                   OptionalAttr<FlatSymbolRefAttr>:$output,
                   I64Attr:$output_offset);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"weights", FieldKind::Dram, 1, 0, 64},
        {"output", FieldKind::Dram, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsConfig6Op : Gemmini_InstrOp<"loop_conv_ws_config_6", 21, -1> {
  let summary = "loop_conv_ws bias and input addresses";
  let description = [{
    Encoding: funct7 21.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `bias` | dram | rs1[63:0] | bias (absent: none) |
    | `input` | dram | rs2[63:0] | input |
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$bias,
                   I64Attr:$bias_offset,
                   OptionalAttr<FlatSymbolRefAttr>:$input,
                   I64Attr:$input_offset);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"bias", FieldKind::Dram, 1, 0, 64},
        {"input", FieldKind::Dram, 2, 0, 64}};
      return fields;
    }
  }] # instrClassDefinition;
}

def Gemmini_LoopConvWsOp : Gemmini_InstrOp<"loop_conv_ws", 15, -1> {
  let summary = "Runs a weight-stationary convolution loop over the configured tile";
  let description = [{
    Encoding: funct7 15.

    | field | kind | bits | meaning |
    |---|---|---|---|
    | `no_bias` | bool | rs1[0] | no bias |
    | `wrot180` | bool | rs1[1] | rotate weights by 180 degrees |
    | `trans_output_1203` | bool | rs1[2] | output transposed 1203 |
    | `trans_weight_1203` | bool | rs1[3] | weights transposed 1203 |
    | `trans_weight_0132` | bool | rs1[4] | weights transposed 0132 |
    | `trans_input_3120` | bool | rs1[5] | input transposed 3120 |
    | `dw` | bool | rs1[6] | depthwise |
    | `max_pixels_per_row` | int | rs1[15:8] | pixels per row |
    | `b_spad_id` | int | rs1[17:16] | B scratchpad buffer |
    | `a_spad_id` | int | rs1[19:18] | A scratchpad buffer |
    | `no_pool` | bool | rs2[0] | no pooling |
    | `downsample` | bool | rs2[1] | downsample fast path |
    | `input_dilated` | bool | rs2[2] | dilated input |
    | `activation` | int | rs2[4:3] | activation |
  }];
  let arguments = (ins BoolAttr:$no_bias,
                   BoolAttr:$wrot180,
                   BoolAttr:$trans_output_1203,
                   BoolAttr:$trans_weight_1203,
                   BoolAttr:$trans_weight_0132,
                   BoolAttr:$trans_input_3120,
                   BoolAttr:$dw,
                   I64Attr:$max_pixels_per_row,
                   I64Attr:$b_spad_id,
                   I64Attr:$a_spad_id,
                   BoolAttr:$no_pool,
                   BoolAttr:$downsample,
                   BoolAttr:$input_dilated,
                   I64Attr:$activation);
  let extraClassDefinition = [{
    ::llvm::ArrayRef<::mlir::tessel::gemmini::Field> $cppClass::getFields() {
      using ::mlir::tessel::gemmini::FieldKind;
      static const ::mlir::tessel::gemmini::Field fields[] = {
        {"no_bias", FieldKind::Bool, 1, 0, 1},
        {"wrot180", FieldKind::Bool, 1, 1, 1},
        {"trans_output_1203", FieldKind::Bool, 1, 2, 1},
        {"trans_weight_1203", FieldKind::Bool, 1, 3, 1},
        {"trans_weight_0132", FieldKind::Bool, 1, 4, 1},
        {"trans_input_3120", FieldKind::Bool, 1, 5, 1},
        {"dw", FieldKind::Bool, 1, 6, 1},
        {"max_pixels_per_row", FieldKind::Int, 1, 8, 8},
        {"b_spad_id", FieldKind::Int, 1, 16, 2},
        {"a_spad_id", FieldKind::Int, 1, 18, 2},
        {"no_pool", FieldKind::Bool, 2, 0, 1},
        {"downsample", FieldKind::Bool, 2, 1, 1},
        {"input_dilated", FieldKind::Bool, 2, 2, 1},
        {"activation", FieldKind::Int, 2, 3, 2}};
      return fields;
    }
  }] # instrClassDefinition;
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
