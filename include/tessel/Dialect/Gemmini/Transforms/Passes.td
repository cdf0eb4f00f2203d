//===- Passes.td - gemmini passes --------------------------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_GEMMINI_TRANSFORMS_PASSES_TD
#define TESSEL_DIALECT_GEMMINI_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def GemminiSetTarget : Pass<"gemmini-set-target", "::mlir::ModuleOp"> {
  let summary = "Sets the module's Gemmini target from a preset and overrides";
  let description = [{
    Attaches `gemmini.target` to the module: a preset (`gemmini-default`,
    `gemmini-dim8`, `gemmini-dim32`, `gemmini-bigspad`) with any field
    overridden, e.g.

    ```
    tessel-opt --gemmini-set-target="target=gemmini-dim8:acc_rows=512,dram_latency=80"
    ```

    The target then drives the verifiers (which run again after the pass),
    the simulator and the emitters. An unknown preset or field, or a value
    the target rejects, is an error.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"gemmini-default\"",
           "preset[:field=value,...]">,
  ];
}

#endif // TESSEL_DIALECT_GEMMINI_TRANSFORMS_PASSES_TD
