//===- WholeFile.cpp - files written whole or not at all ------------------===//

#include "tessel/Support/WholeFile.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

LogicalResult mlir::tessel::writeWholeFile(llvm::StringRef path,
                                           llvm::StringRef contents,
                                           std::string &error) {
  auto file = openOutputFile(path, &error);
  if (!file)
    return failure();
  file->os() << contents;
  file->os().flush();
  if (file->os().has_error()) {
    file->os().clear_error();
    error = "cannot write '" + path.str() + "'";
    return failure(); // not kept: the partial file is removed
  }
  file->keep();
  return success();
}
