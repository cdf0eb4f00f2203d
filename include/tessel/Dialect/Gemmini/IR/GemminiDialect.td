//===- GemminiDialect.td - the gemmini instruction dialect -*- tablegen -*-===//
//
// One operation per Gemmini instruction, a DRAM plan, and the target
// description that every verifier, the simulator and the emitters read.
//
//===----------------------------------------------------------------------===//

#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIDIALECT_TD
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIDIALECT_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/OpBase.td"

def Gemmini_Dialect : Dialect {
  let name = "gemmini";
  let cppNamespace = "::mlir::tessel::gemmini";
  let summary = "Gemmini instructions, DRAM plans and target descriptions";
  let description = [{
    The bottom of tessel's pipeline: a `gemmini.program` holds one operation
    per instruction of a Gemmini-style systolic-array accelerator, with every
    field of the instruction's rs1/rs2 words as a named attribute, so a
    program prints, verifies and encodes without loss
    (`tessel-translate --gemmini-to-bin` and `--import-gemmini-bin` are
    inverses).

    Local addresses (scratchpad and accumulator rows) are written
    `spad[row]`, `acc[row]` with the flags `accumulate` (bit 30), `full`
    (bit 29: read raw accumulator values) and `norm(n)` (bits 28:26), or
    `garbage` (0xFFFFFFFF). DRAM operands name a `gemmini.segment` of the
    module's DRAM plan plus a byte offset (`@weights + 64`), or are `zeros`
    (address 0, which mvin reads as zeros and loop configs read as absent) or
    an absolute address `addr(n)`.

    The module's `gemmini.target` attribute (`#gemmini.target<...>`,
    Gemmini's default configuration when absent) drives the verifiers: rows
    and columns above DIM or the block limits, addresses past the scratchpad
    or accumulator, and transposes the dataflow forbids are errors.
  }];
  let useDefaultAttributePrinterParser = 1;
  let usePropertiesForAttributes = 0;
}

class Gemmini_Op<string mnemonic, list<Trait> traits = []>
    : Op<Gemmini_Dialect, mnemonic, traits>;

class Gemmini_Attr<string name, string attrMnemonic>
    : AttrDef<Gemmini_Dialect, name> {
  let mnemonic = attrMnemonic;
}

/// `snake_case` as `camelCase` (`CamelCase` with `upperFirst`), the
/// spelling ODS gives getters, for C++ names derived from ODS names.
class Gemmini_CamelCase<string name, bit upperFirst = 0> {
  string camel = !foldl("", !range(!size(name)), acc, i,
      !cond(!eq(!substr(name, i, 1), "_") : acc,
            // The character before i (for i = 0 itself, which is not "_").
            !eq(!substr(name, !if(!gt(i, 0), !sub(i, 1), 0), 1), "_")
                : acc # !toupper(!substr(name, i, 1)),
            true : acc # !substr(name, i, 1)));
  string ret = !if(upperFirst,
                   !toupper(!substr(camel, 0, 1)) # !substr(camel, 1), camel);
}

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIDIALECT_TD
