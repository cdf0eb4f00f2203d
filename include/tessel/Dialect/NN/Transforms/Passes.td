//===- Passes.td - nn passes -------------------------------*- tablegen -*-===//

#ifndef TESSEL_DIALECT_NN_TRANSFORMS_PASSES_TD
#define TESSEL_DIALECT_NN_TRANSFORMS_PASSES_TD

include "mlir/IR/OpBase.td"
include "mlir/Pass/PassBase.td"

def NNFoldBatchNorm : Pass<"nn-fold-batch-norm", "::mlir::func::FuncOp"> {
  let summary = "Folds inference-mode batch normalization into the convolution before it";
  let description = [{
    `nn.batch_norm` of an `nn.conv` result, where the convolution's weight
    and bias and the four normalization parameters are constants, becomes
    one convolution with per-output-channel scaled weights and a new bias:

    ```
    s[c]    = scale[c] / sqrt(variance[c] + epsilon)
    w'[c]   = w[c] * s[c]
    b'[c]   = (b[c] - mean[c]) * s[c] + bias[c]      (b = 0 without a bias)
    ```

    computed in double precision and stored as f32. This is the form an
    accelerator runs (and quantizes): one product and a bias per layer,
    with no normalization between the array and its store path.

    Left alone: element types other than f32, a convolution with other
    users, and non-constant weights or parameters.
  }];
  let dependentDialects = ["::mlir::tessel::nn::NNDialect"];
}

#endif // TESSEL_DIALECT_NN_TRANSFORMS_PASSES_TD
