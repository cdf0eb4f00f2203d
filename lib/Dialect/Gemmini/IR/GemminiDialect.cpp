//===- GemminiDialect.cpp - the gemmini instruction dialect ---------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::tessel::gemmini;

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.cpp.inc"
#include "tessel/Dialect/Gemmini/IR/GemminiEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "tessel/Dialect/Gemmini/IR/GemminiAttrs.cpp.inc"

void GemminiDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "tessel/Dialect/Gemmini/IR/GemminiOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "tessel/Dialect/Gemmini/IR/GemminiAttrs.cpp.inc"
      >();
}

LogicalResult TargetAttr::verify(
    llvm::function_ref<InFlightDiagnostic()> emitError, int64_t dim,
    int64_t spadBanks, int64_t spadBankRows, int64_t accBanks, int64_t accRows,
    int64_t inputBits, int64_t accBits, Dataflows, int64_t dmaBytes,
    int64_t maxBlockLen, int64_t maxBlockLenAcc, int64_t dramLatency,
    int64_t dmaBytesPerCycle, int64_t storeBytesPerCycle) {
  if (dim < 1 || dim > 256)
    return emitError() << "dim must be in 1..256, got " << dim;
  for (auto [name, v] : {std::pair<const char *, int64_t>{"spad_banks", spadBanks},
                         {"spad_bank_rows", spadBankRows},
                         {"acc_banks", accBanks},
                         {"acc_rows", accRows},
                         {"dma_bytes", dmaBytes},
                         {"max_block_len", maxBlockLen},
                         {"max_block_len_acc", maxBlockLenAcc},
                         {"dma_bytes_per_cycle", dmaBytesPerCycle},
                         {"store_bytes_per_cycle", storeBytesPerCycle}})
    if (v < 1)
      return emitError() << name << " must be positive, got " << v;
  if (dramLatency < 0)
    return emitError() << "dram_latency must not be negative";
  // Local addresses keep their row below bit 26 (bits 31:26 are flags).
  // Each factor is bounded first, so that their product cannot overflow.
  if (spadBanks > (1 << kLocalRowBits) || spadBankRows > (1 << kLocalRowBits) ||
      spadBanks * spadBankRows > (1 << kLocalRowBits) ||
      accRows > (1 << kLocalRowBits))
    return emitError() << "memories above 2^26 rows do not fit a local address";
  if (inputBits != 8 || accBits != 32)
    return emitError() << "only int8 inputs with int32 accumulators are "
                          "supported, got input_bits = "
                       << inputBits << ", acc_bits = " << accBits;
  return success();
}

TargetAttr mlir::tessel::gemmini::getTarget(Operation *op) {
  for (Operation *p = op; p; p = p->getParentOp())
    if (auto t = p->getAttrOfType<TargetAttr>("gemmini.target"))
      return t;
  return getDefaultTarget(op->getContext());
}
