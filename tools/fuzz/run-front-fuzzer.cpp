//===- run-front-fuzzer.cpp - libFuzzer target for tessel-run's front -----===//
//
// Feeds arbitrary bytes to what tessel-run does before it runs anything:
// parse the module (text or bytecode) with every tessel dialect, verify it,
// look up @main and match it with input files (none, then one .npy named
// arg0). Nothing is run, so every input takes bounded time. Any crash,
// sanitizer report, leak or timeout is a bug.
//
//===----------------------------------------------------------------------===//

#include "FuzzContext.h"

#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/Support/Npy.h"
#include "tessel/Tools/tessel-run/Entry.h"
#include "tessel/Tools/tessel-run/SourceModule.h"

#include "llvm/Support/FileSystem.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mlir;
using namespace mlir::tessel;

/// A 1x4 f32 .npy file for the input-matching path, removed at exit.
struct InputFile {
  llvm::SmallString<128> path;
  explicit InputFile(MLIRContext *ctx) {
    if (llvm::sys::fs::createTemporaryFile("run-front-fuzzer", "npy", path))
      std::abort();
    interp::Tensor t(RankedTensorType::get({1, 4}, Float32Type::get(ctx)));
    std::string error;
    if (failed(writeNpy(path, t, error)))
      std::abort();
  }
  ~InputFile() { llvm::sys::fs::remove(path); }
};

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext *context = fuzz::nextContext([](DialectRegistry &r) {
    registerAllDialects(r);
    registerAllInterpreters(r);
  });
  static const InputFile npy(context);
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.mlir");
  // Half the inputs with the parser's line records, as --compare parses.
  auto source = run::parseSourceBuffer(std::move(buffer), context,
                                       /*withLines=*/size % 2 == 0);
  if (!source)
    return 0;
  for (const run::InputFiles &files :
       {run::InputFiles{}, run::InputFiles{{"arg0", npy.path.str().str()}}}) {
    std::string error;
    (void)run::loadEntry(*source->module, source->path, "main", files, error);
  }
  return 0;
}
