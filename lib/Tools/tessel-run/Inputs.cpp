//===- Inputs.cpp - tessel-run's inputs: files matched to arguments -------===//

#include "tessel/Tools/tessel-run/Inputs.h"
#include "tessel/Support/Npy.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::tessel;
using interp::Tensor;

std::string run::typeName(Type t) {
  std::string s;
  llvm::raw_string_ostream(s) << t;
  return s;
}

FailureOr<run::InputFiles>
run::parseInputSpecs(llvm::ArrayRef<std::string> specs, std::string &error) {
  InputFiles files;
  for (const std::string &spec : specs) {
    auto [name, path] = llvm::StringRef(spec).split('=');
    if (name.empty() || path.empty()) {
      error = "--input expects name=file, got '" + spec + "'";
      return failure();
    }
    if (!files.emplace(name.str(), path.str()).second) {
      error = "input '" + name.str() + "' is given twice";
      return failure();
    }
  }
  return files;
}

FailureOr<Tensor> run::readInput(llvm::StringRef path, MLIRContext *ctx,
                                 std::string &error) {
  if (path.ends_with(".pb"))
    return readTensorProto(path, ctx, error);
  return readNpy(path, ctx, error);
}

std::string run::argumentName(func::FuncOp f, unsigned i) {
  if (auto name = f.getArgAttrOfType<StringAttr>(i, "onnx.name"))
    return name.str();
  return "arg" + std::to_string(i);
}

std::string run::resultName(func::FuncOp f, unsigned i) {
  if (auto name = f.getResultAttrOfType<StringAttr>(i, "onnx.name"))
    return name.str();
  return "result" + std::to_string(i);
}

FailureOr<llvm::SmallVector<Tensor>>
run::readFunctionInputs(func::FuncOp func, const InputFiles &files,
                        std::string &error) {
  llvm::SmallVector<Tensor> args;
  size_t used = 0;
  llvm::StringSet<> argNames;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    std::string name = argumentName(func, i);
    argNames.insert(name);
    auto it = files.find(name);
    if (it == files.end()) {
      error = "missing input '" + name + "' (" + std::to_string(i) +
              "), pass --input " + name + "=file.npy";
      return failure();
    }
    ++used;
    auto tensor = readInput(it->second, func.getContext(), error);
    if (failed(tensor))
      return failure();
    Type expected = func.getArgument(i).getType();
    if (tensor->getType() != expected) {
      error = "input '" + name + "' from " + it->second + " is " +
              typeName(tensor->getType()) + ", the function expects " +
              typeName(expected);
      return failure();
    }
    args.push_back(std::move(*tensor));
  }
  if (used != files.size())
    for (auto &[name, path] : files)
      if (!argNames.contains(name)) {
        error = "'" + name + "' is not an input of '" +
                func.getSymName().str() + "'";
        return failure();
      }
  return args;
}
