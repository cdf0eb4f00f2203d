//===- Outputs.cpp - tessel-run's outputs: values written to files --------===//

#include "tessel/Tools/tessel-run/Outputs.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Support/Npy.h"
#include "tessel/Support/WholeFile.h"

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

std::string run::FileNamer::get(llvm::StringRef name,
                                llvm::StringRef extension) {
  std::string base = fileNameFor(name);
  std::string file = base + extension.str();
  for (unsigned n = 2; !used.insert(file).second; ++n)
    file = base + "_" + std::to_string(n) + extension.str();
  return file;
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
  return writeWholeFile(
      path, llvm::StringRef(t.bytes().data(), t.bytes().size()), error);
}
