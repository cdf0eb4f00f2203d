//===- ProgramTiming.cpp - timing a program writer's stream ---------------===//

#include "tessel/Dialect/Gemmini/Programs/ProgramTiming.h"

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

/// Executes each instruction as it arrives; the first refused one ends the
/// stream with its index and the simulator's reason.
class TimingSink : public InstructionSink {
public:
  TimingSink(TargetAttr target, std::string &error)
      : sim(target, SimMode::Timing), error(error) {}
  LogicalResult put(const EncodedInstr &instr) override {
    std::string why;
    if (!sim.execute(instr, why)) {
      error = "instruction #" + std::to_string(count) + ": " + why;
      return failure();
    }
    ++count;
    return success();
  }
  Simulator sim;

private:
  std::string &error;
  uint64_t count = 0;
};

} // namespace

FailureOr<SimStats> mlir::tessel::gemmini::timeProgram(
    TargetAttr target, llvm::function_ref<LogicalResult(InstructionSink &)> write,
    std::string &error) {
  TimingSink sink(target, error);
  if (failed(write(sink)))
    return failure();
  return sink.sim.stats();
}
