//===- Outputs.cpp - tessel-run's outputs: values written to files --------===//

#include "tessel/Tools/tessel-run/Outputs.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Support/Npy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tessel;
using interp::Tensor;

std::string run::fileNameFor(llvm::StringRef name) {
  std::string s = name.str();
  for (char &c : s)
    if (!llvm::isAlnum(c) && c != '_' && c != '-' && c != '.')
      c = '_';
  return s;
}

std::string run::extensionFor(const Tensor &t) {
  return t.getElementType().isIntOrFloat() ||
                 qt::accumulatorOf(t.getElementType())
             ? ".npy"
             : ".tq";
}

LogicalResult run::writeValue(llvm::StringRef path, const Tensor &t,
                              std::string &error) {
  if (t.getElementType().isIntOrFloat())
    return writeNpy(path, t, error);
  if (auto acc = qt::accumulatorOf(t.getElementType()))
    return writeNpy(
        path,
        Tensor::fromBytes(RankedTensorType::get(t.getShape(), acc->storage),
                          std::vector<char>(t.bytes().begin(),
                                            t.bytes().end())),
        error);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    error = "cannot write '" + path.str() + "': " + ec.message();
    return failure();
  }
  os.write(t.bytes().data(), t.bytes().size());
  return success();
}
