//===- GraphImporter.h - ONNX graph to nn dialect ---------------*- C++ -*-===//
//
// Walks an ONNX graph in order and builds nn operations. Per-op converters
// (OpConverters.cpp) see the node through a NodeContext: typed access to
// inputs, known constant inputs and attributes, and one way to report errors
// at the node's location.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_TARGET_ONNX_GRAPHIMPORTER_H
#define TESSEL_LIB_TARGET_ONNX_GRAPHIMPORTER_H

#include "Literal.h"

#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/ADT/StringMap.h"
#include "onnx/onnx_pb.h"

#include <unordered_map>

namespace mlir::tessel::onnx_import {

class GraphImporter;

/// What a converter sees of the node being imported.
class NodeContext {
public:
  NodeContext(GraphImporter &importer, const onnx::NodeProto &node,
              Location loc, int64_t opset)
      : importer(importer), node(node), loc(loc), opset(opset) {}

  GraphImporter &importer;
  const onnx::NodeProto &node;
  Location loc;
  int64_t opset;

  OpBuilder &builder();
  MLIRContext *context();
  /// Constants with more elements become dense_resource blobs.
  int64_t resourceThreshold() const;

  /// Whether input `i` is present (ONNX marks omitted inputs with "").
  bool hasInput(unsigned i) const;
  unsigned numInputs() const { return node.input_size(); }
  /// Whether output `i` is consumed or a graph output.
  bool outputUsed(unsigned i) const;
  /// Input `i` as an SSA value; constants are materialized on demand.
  Value input(unsigned i);
  RankedTensorType inputType(unsigned i);
  /// Input `i` when its value is known at import, else null.
  const Literal *constInput(unsigned i);
  /// Input `i` as integers; an error unless known at import.
  FailureOr<llvm::SmallVector<int64_t>> intsInput(unsigned i,
                                                  llvm::StringRef what);
  /// Input `i` as a single float; an error unless known at import.
  FailureOr<double> scalarInput(unsigned i, llvm::StringRef what);

  const onnx::AttributeProto *attr(llvm::StringRef name) const;
  int64_t attrInt(llvm::StringRef name, int64_t dflt) const;
  float attrFloat(llvm::StringRef name, float dflt) const;
  std::string attrString(llvm::StringRef name, llvm::StringRef dflt) const;
  std::optional<llvm::SmallVector<int64_t>>
  attrInts(llvm::StringRef name) const;
  std::optional<llvm::SmallVector<float>>
  attrFloats(llvm::StringRef name) const;

  /// Emits "<message>" at the node and returns failure.
  LogicalResult error(const llvm::Twine &message);

  /// All inputs as literals when every present input is known at import and
  /// small, else std::nullopt.
  std::optional<llvm::SmallVector<const Literal *>> allConstInputs();

  /// Binds output `i` to `v` / to a compile-time literal.
  void setOutput(unsigned i, Value v);
  void setOutput(unsigned i, Literal literal);

  /// Builds an op of type OpTy, inferring its result types; reports an
  /// inference failure at the node instead of aborting.
  template <typename OpTy>
  FailureOr<OpTy> createOp(ValueRange operands,
                         llvm::ArrayRef<NamedAttribute> attrs = {},
                         unsigned numResults = 1) {
    Operation *op = createGeneric(OpTy::getOperationName(), operands, attrs,
                                  numResults, &OpTy::inferReturnTypes);
    if (!op)
      return failure();
    return cast<OpTy>(op);
  }

  NamedAttribute named(llvm::StringRef name, Attribute value) {
    return NamedAttribute(builder().getStringAttr(name), value);
  }
  Attribute i64Array(llvm::ArrayRef<int64_t> v) {
    return builder().getDenseI64ArrayAttr(v);
  }

private:
  using InferFn = llvm::LogicalResult (*)(MLIRContext *,
                                          std::optional<Location>, ValueRange,
                                          DictionaryAttr, OpaqueProperties,
                                          RegionRange,
                                          llvm::SmallVectorImpl<Type> &);
  Operation *createGeneric(llvm::StringRef name, ValueRange operands,
                           llvm::ArrayRef<NamedAttribute> attrs,
                           unsigned numResults, InferFn infer);
};

/// Converts one node; returns failure after reporting an error.
using Converter = LogicalResult (*)(NodeContext &);

/// The converters of every supported ONNX op type (default domain).
const llvm::StringMap<Converter> &converters();

/// Converters of the ops that only compute shapes (Shape, ConstantOfShape,
/// Range, ...): they evaluate at import or fail. Added to `table`.
void addShapeFolders(llvm::StringMap<Converter> &table);

class GraphImporter {
public:
  GraphImporter(MLIRContext *ctx, const onnx::ModelProto &model,
                llvm::StringRef modelName, llvm::StringRef baseDir,
                const ONNXImportOptions &options);

  OwningOpRef<ModuleOp> import();
  /// The model's opset of the default ONNX domain.
  int64_t modelOpset() const { return opset; }

  /// Compares the imported types with ONNX's shape inference (`inferred` is
  /// the graph after it ran); a difference is an error at the producing node.
  LogicalResult crossCheck(const onnx::GraphProto &inferred);

  MLIRContext *ctx;
  OpBuilder builder;

private:
  friend class NodeContext;

  struct Entry {
    Value value;                        // materialized SSA value
    std::optional<Literal> literal;     // known value
    const onnx::TensorProto *initializer = nullptr;
  };

  LogicalResult checkSupported();
  LogicalResult importInputs(func::FuncOp &func);
  LogicalResult importNode(const onnx::NodeProto &node, unsigned index);
  LogicalResult importOutputs();
  Location nodeLoc(const onnx::NodeProto &node, unsigned index);
  std::string nodeLabel(const onnx::NodeProto &node, unsigned index);
  Value materialize(llvm::StringRef name, Entry &entry, Location loc);
  const Literal *literal(llvm::StringRef name, Entry &entry, Location loc);
  /// The static type of a graph input; dynamic dimensions are an error.
  FailureOr<RankedTensorType> graphInputType(const onnx::ValueInfoProto &info,
                                             Location loc);

  const onnx::ModelProto &model;
  const onnx::GraphProto &graph;
  std::string modelName, baseDir;
  const ONNXImportOptions &options;
  int64_t opset = 0;
  ModuleOp module;
  std::unordered_map<std::string, Entry> values;
  std::unordered_map<std::string, unsigned> uses;
  /// The index of the node producing each value, for cross-check errors.
  std::unordered_map<std::string, unsigned> producers;
  llvm::SmallVector<Type> resultTypes;
  llvm::SmallVector<Value> results;
  bool failedAny = false;
};

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_GRAPHIMPORTER_H
