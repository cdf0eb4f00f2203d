//===- GemminiAttrs.td - gemmini target description --------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIATTRS_TD
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIATTRS_TD

include "tessel/Dialect/Gemmini/IR/GemminiDialect.td"
include "tessel/Dialect/Gemmini/IR/GemminiEnums.td"

def Gemmini_DataflowsParameter : EnumParameter<Gemmini_Dataflows> {
  let summary = "os, ws or both";
  let defaultValue = "::mlir::tessel::gemmini::Dataflows::both";
}

/// C++ over an attribute's parameters, derived from its `parameters` dag:
/// a table of names and defaults (every value as int64_t, dataflows by its
/// enum value), the values of an attribute in that order, and the attribute
/// from such values. Parsing, printing and target specs iterate over it.
class Gemmini_ParamTable<dag params> {
  list<int> indices = !range(!size(params));
  assert !foldl(1, indices, ok, i, !and(ok, !or(
             !eq(!getdagarg<AttrOrTypeParameter>(params, i).cppType, "int64_t"),
             !eq(!getdagarg<AttrOrTypeParameter>(params, i).cppType,
                 Gemmini_DataflowsParameter.cppType)))),
         "parameters are int64_t or Dataflows";
  code decl = [{
    struct Param {
      ::llvm::StringLiteral name;
      int64_t defaultValue;
      bool isDataflows; ///< else int64_t; written as a quoted string
    };
    static constexpr Param kParams[] = {
      }] # !interleave(!foreach(i, indices,
          "{\"" # !getdagname(params, i) # "\", int64_t("
          # !getdagarg<AttrOrTypeParameter>(params, i).defaultValue # "), "
          # !if(!eq(!getdagarg<AttrOrTypeParameter>(params, i).cppType,
                    "int64_t"), "false", "true") # "}"), ",\n      ") # [{};
    static constexpr size_t kNumParams = }] # !size(params) # [{;
    std::array<int64_t, kNumParams> getValues() const {
      return {}] # !interleave(!foreach(i, indices,
          "int64_t(get" # Gemmini_CamelCase<!getdagname(params, i), 1>.ret
          # "())"), ", ") # [{};
    }
    static auto getChecked(
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
        ::mlir::MLIRContext *context,
        const std::array<int64_t, kNumParams> &v) {
      return getChecked(emitError, context, }]
          # !interleave(!foreach(i, indices,
                !getdagarg<AttrOrTypeParameter>(params, i).cppType
                # "(v[" # i # "])"), ", ") # [{);
    }
  }];
}

def Gemmini_TargetAttr : Gemmini_Attr<"Target", "target"> {
  let summary = "A Gemmini configuration: array, memories, limits and timing";
  let description = [{
    Every parameter defaults to Gemmini's default configuration
    (`gemmini-default`: DIM 16, 256 KiB scratchpad in 4 banks of 4096 rows,
    64 KiB accumulator of 1024 rows, int8 inputs and int32 accumulators, both
    dataflows, 16-byte DMA beats, at most 4 DIM-column blocks per
    scratchpad mvin and 1 per accumulator mvin); only the parameters that
    differ are printed.

    | parameter | meaning |
    |---|---|
    | `dim` | systolic array rows and columns; one scratchpad row holds `dim` inputs |
    | `spad_banks`, `spad_bank_rows` | scratchpad banks and rows per bank |
    | `acc_rows` | accumulator rows (`acc_banks` banks) |
    | `input_bits`, `acc_bits` | widths of input and accumulator elements |
    | `dataflows` | `os`, `ws` or `both` |
    | `dma_bytes` | bytes per DMA beat (bus width / 8) |
    | `max_block_len`, `max_block_len_acc` | DIM-column blocks per mvin into the scratchpad / accumulator |
    | `dram_latency` | cycles from a DMA request to its first beat |
    | `dma_bytes_per_cycle` | sustained DMA bandwidth |
    | `store_bytes_per_cycle` | sustained mvout bandwidth |

    Presets (`tessel-opt --gemmini-set-target="target=NAME"`, with
    `:field=value` overrides): `gemmini-default`, `gemmini-dim8`,
    `gemmini-dim32` and `gemmini-bigspad` (1 MiB scratchpad, 256 KiB
    accumulator); `tessel-translate --print-target=NAME` prints one with
    every parameter.
  }];
  let parameters = (ins
    DefaultValuedParameter<"int64_t", "16">:$dim,
    DefaultValuedParameter<"int64_t", "4">:$spad_banks,
    DefaultValuedParameter<"int64_t", "4096">:$spad_bank_rows,
    DefaultValuedParameter<"int64_t", "2">:$acc_banks,
    DefaultValuedParameter<"int64_t", "1024">:$acc_rows,
    DefaultValuedParameter<"int64_t", "8">:$input_bits,
    DefaultValuedParameter<"int64_t", "32">:$acc_bits,
    Gemmini_DataflowsParameter:$dataflows,
    DefaultValuedParameter<"int64_t", "16">:$dma_bytes,
    DefaultValuedParameter<"int64_t", "4">:$max_block_len,
    DefaultValuedParameter<"int64_t", "1">:$max_block_len_acc,
    DefaultValuedParameter<"int64_t", "100">:$dram_latency,
    DefaultValuedParameter<"int64_t", "16">:$dma_bytes_per_cycle,
    DefaultValuedParameter<"int64_t", "16">:$store_bytes_per_cycle
  );
  // `<name = value, ...>` with the parameters that differ from their
  // defaults (GemminiTarget.cpp, over kParams).
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getSpadRows() const { return getSpadBanks() * getSpadBankRows(); }
    bool hasOutputStationary() const {
      return getDataflows() != ::mlir::tessel::gemmini::Dataflows::ws;
    }
    bool hasWeightStationary() const {
      return getDataflows() != ::mlir::tessel::gemmini::Dataflows::os;
    }
  }] # Gemmini_ParamTable<parameters>.decl;
}

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIATTRS_TD
