//===- ProgramHost.cpp - a gemmini program as a host function -------------===//

#include "tessel/Tools/tessel-run/ProgramHost.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using interp::Tensor;

RankedTensorType run::segmentTensorType(SegmentOp segment) {
  if (auto type = segment.getType())
    return cast<RankedTensorType>(*type);
  return RankedTensorType::get(
      {int64_t(segment.getSize())},
      IntegerType::get(segment.getContext(), 8, IntegerType::Unsigned));
}

FailureOr<run::Entry>
run::buildProgramHost(ProgramOp program, const InputFiles &files,
                      std::string &error) {
  MLIRContext *ctx = program.getContext();
  // A module of programs alone has not loaded func.
  ctx->getOrLoadDialect<func::FuncDialect>();
  auto module = program->getParentOfType<ModuleOp>();
  Entry host;
  llvm::SmallVector<Attribute> inNames, outNames;
  llvm::SmallVector<Type> outTypes;
  size_t used = 0;
  for (SegmentOp seg : module.getOps<SegmentOp>()) {
    llvm::StringRef name = seg.getSymName();
    if (seg.getKind() == SegmentKind::outputs) {
      outNames.push_back(FlatSymbolRefAttr::get(ctx, name));
      outTypes.push_back(segmentTensorType(seg));
    }
    auto it = files.find(name.str());
    if (it == files.end()) {
      if (seg.getKind() == SegmentKind::inputs ||
          seg.getKind() == SegmentKind::weights) {
        error = "missing input for " + stringifySegmentKind(seg.getKind()).str() +
                " segment @" +
                name.str() + ", pass --input " + name.str() + "=file.npy";
        return failure();
      }
      continue;
    }
    ++used;
    auto tensor = readInput(it->second, ctx, error);
    if (failed(tensor))
      return failure();
    if (auto type = seg.getType(); type && tensor->getType() != *type) {
      error = "input for segment @" + name.str() + " from " + it->second +
              " is " + typeName(tensor->getType()) + ", the segment holds " +
              typeName(*type);
      return failure();
    }
    if (int64_t(tensor->bytes().size()) > seg.getSize()) {
      error = "input for segment @" + name.str() + " from " + it->second +
              " has " + std::to_string(tensor->bytes().size()) +
              " bytes, the segment " + std::to_string(seg.getSize());
      return failure();
    }
    inNames.push_back(FlatSymbolRefAttr::get(ctx, name));
    host.args.push_back(std::move(*tensor));
  }
  if (used != files.size()) {
    for (auto &[name, path] : files)
      if (!module.lookupSymbol<SegmentOp>(name)) {
        error = "'" + name + "' is not a segment of the program's module";
        return failure();
      }
  }

  llvm::SmallVector<Type> inTypes;
  for (const Tensor &t : host.args)
    inTypes.push_back(t.getType());
  OpBuilder b(ctx);
  Location loc = program.getLoc();
  host.func = func::FuncOp::create(
      b, loc, (program.getSymName() + "_host").str(),
      b.getFunctionType(inTypes, outTypes));
  for (auto [i, name] : llvm::enumerate(inNames))
    host.func.setArgAttr(i, "onnx.name",
                         cast<FlatSymbolRefAttr>(name).getAttr());
  for (auto [i, name] : llvm::enumerate(outNames))
    host.func.setResultAttr(i, "onnx.name",
                            cast<FlatSymbolRefAttr>(name).getAttr());
  Block *body = host.func.addEntryBlock();
  b.setInsertionPointToEnd(body);
  auto call = CallOp::create(b, loc, outTypes, program.getSymName(),
                             b.getArrayAttr(inNames), b.getArrayAttr(outNames),
                             body->getArguments());
  func::ReturnOp::create(b, loc, call.getResults());
  // Inserted under a name no other symbol of the module has.
  SymbolTable(module).insert(host.func);
  return host;
}
