//===- GraphImporter.cpp - ONNX graph to nn dialect -----------------------===//

#include "GraphImporter.h"
#include "ModelLoader.h"
#include "TensorConversion.h"

#include "tessel/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::onnx_import;

// Opset 6 is included for the many models exported in its era; its only
// differences that matter here (legacy broadcast attributes) are converted.
// Above kLibraryOpset, where libonnx's checker, schemas and shape inference
// do not reach, a model of opset 18 or 19 imports when each of its operators
// is defined there as at kLibraryOpset or its converter follows the newer
// definition.
static constexpr int64_t kMinOpset = 6, kMaxOpset = 19;

/// The opset above kLibraryOpset, up to `opset`, of the newest definition
/// of operator `op`, or 0 when it is defined as at kLibraryOpset.
static int64_t redefinedAfterLibrary(llvm::StringRef op, int64_t opset) {
  static const llvm::StringSet<> at18 = {
      "Pad", "CenterCropPad", "Resize", "Mish", "OptionalGetElement",
      "OptionalHasElement", "Split", "Col2Im", "ScatterND", "ScatterElements",
      "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp", "ReduceL1",
      "ReduceL2", "ReduceMax", "ReduceMin", "ReduceMean", "ReduceProd",
      "BitwiseAnd", "BitwiseOr", "BitwiseXor", "BitwiseNot",
      "GroupNormalization", "LpPool"};
  static const llvm::StringSet<> at19 = {
      "Equal", "AveragePool", "Cast", "CastLike", "Constant", "DeformConv",
      "DequantizeLinear", "Identity", "If", "Loop", "Pad", "QuantizeLinear",
      "Resize", "Reshape", "Scan", "Shape", "Size"};
  if (opset >= 19 && at19.contains(op))
    return 19;
  if (opset >= 18 && at18.contains(op))
    return 18;
  return 0;
}

/// Whether the converter of `op` follows its definitions at opsets 18 and
/// 19: Resize's, the reductions' (axes an input from 18), and those of the
/// operators opset 19 only extends to element types tessel does not import
/// (float8, and strings for Equal).
static bool followsNewerDefinition(llvm::StringRef op) {
  return op.starts_with("Reduce") ||
         llvm::is_contained({"Resize", "Equal", "Cast", "Constant", "Identity",
                             "Reshape", "Shape", "Size"},
                            op);
}

//===----------------------------------------------------------------------===//
// NodeContext
//===----------------------------------------------------------------------===//

OpBuilder &NodeContext::builder() { return importer.builder; }
MLIRContext *NodeContext::context() { return importer.ctx; }
int64_t NodeContext::resourceThreshold() const {
  return importer.options.resourceThreshold;
}

bool NodeContext::hasInput(unsigned i) const {
  return i < static_cast<unsigned>(node.input_size()) && !node.input(i).empty();
}

bool NodeContext::outputUsed(unsigned i) const {
  if (i >= static_cast<unsigned>(node.output_size()) || node.output(i).empty())
    return false;
  auto it = importer.uses.find(node.output(i));
  return it != importer.uses.end() && it->second > 0;
}

Value NodeContext::input(unsigned i) {
  if (!hasInput(i)) {
    // The schema check makes this unreachable for well-formed nodes; stand
    // in a scalar so the converter finishes, and fail the import.
    (void)error("input " + llvm::Twine(i) + " is required");
    importer.failedAny = true;
    auto type = RankedTensorType::get({}, builder().getF32Type());
    return nn::ConstantOp::create(builder(), loc,
                                  DenseElementsAttr::get(type, 0.0f));
  }
  auto it = importer.values.find(node.input(i));
  return importer.materialize(node.input(i), it->second, loc);
}

RankedTensorType NodeContext::inputType(unsigned i) {
  Value v = input(i);
  return v ? cast<RankedTensorType>(v.getType()) : RankedTensorType();
}

const Literal *NodeContext::constInput(unsigned i) {
  if (!hasInput(i))
    return nullptr;
  auto it = importer.values.find(node.input(i));
  return importer.literal(node.input(i), it->second, loc);
}

FailureOr<llvm::SmallVector<int64_t>>
NodeContext::intsInput(unsigned i, llvm::StringRef what) {
  const Literal *lit = constInput(i);
  if (!lit)
    return error(what + " (input " + llvm::Twine(i) +
                 ") must be known at import (a constant or computed from "
                 "static shapes)");
  llvm::SmallVector<int64_t> result;
  for (int64_t k = 0, n = lit->numElements(); k < n; ++k)
    result.push_back(lit->intAt(k));
  return result;
}

FailureOr<double> NodeContext::scalarInput(unsigned i, llvm::StringRef what) {
  const Literal *lit = constInput(i);
  if (!lit || lit->numElements() != 1)
    return error(what + " (input " + llvm::Twine(i) +
                 ") must be a scalar known at import");
  return lit->at(0);
}

const onnx::AttributeProto *NodeContext::attr(llvm::StringRef name) const {
  for (const auto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

int64_t NodeContext::attrInt(llvm::StringRef name, int64_t dflt) const {
  const auto *a = attr(name);
  return a ? a->i() : dflt;
}

float NodeContext::attrFloat(llvm::StringRef name, float dflt) const {
  const auto *a = attr(name);
  return a ? a->f() : dflt;
}

std::string NodeContext::attrString(llvm::StringRef name,
                                    llvm::StringRef dflt) const {
  const auto *a = attr(name);
  return a ? a->s() : dflt.str();
}

std::optional<llvm::SmallVector<int64_t>>
NodeContext::attrInts(llvm::StringRef name) const {
  const auto *a = attr(name);
  if (!a)
    return std::nullopt;
  return llvm::SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

std::optional<llvm::SmallVector<float>>
NodeContext::attrFloats(llvm::StringRef name) const {
  const auto *a = attr(name);
  if (!a)
    return std::nullopt;
  return llvm::SmallVector<float>(a->floats().begin(), a->floats().end());
}

LogicalResult NodeContext::error(const llvm::Twine &message) {
  return emitError(loc) << node.op_type() << " (opset " << opset
                        << "): " << message;
}

std::optional<llvm::SmallVector<const Literal *>>
NodeContext::allConstInputs() {
  llvm::SmallVector<const Literal *> lits;
  for (unsigned i = 0; i < numInputs(); ++i) {
    if (!hasInput(i)) {
      lits.push_back(nullptr);
      continue;
    }
    const Literal *lit = constInput(i);
    if (!lit)
      return std::nullopt;
    lits.push_back(lit);
  }
  return lits;
}

void NodeContext::setOutput(unsigned i, Value v) {
  if (i < static_cast<unsigned>(node.output_size()) && !node.output(i).empty())
    importer.values[node.output(i)] = {v, std::nullopt, nullptr};
}

void NodeContext::setOutput(unsigned i, Literal literal) {
  if (i < static_cast<unsigned>(node.output_size()) && !node.output(i).empty())
    importer.values[node.output(i)] = {Value(), std::move(literal), nullptr};
}

Operation *NodeContext::createGeneric(llvm::StringRef name, ValueRange operands,
                                      llvm::ArrayRef<NamedAttribute> attrs,
                                      unsigned numResults, InferFn infer) {
  // Build with placeholder types, then infer from the op itself so the
  // attributes are in their property form.
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addAttributes(attrs);
  Type placeholder = NoneType::get(context());
  state.addTypes(llvm::SmallVector<Type>(numResults, placeholder));
  Operation *op = builder().create(state);
  llvm::SmallVector<Type> types;
  if (failed(infer(context(), loc, op->getOperands(),
                   op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
                   op->getRegions(), types))) {
    op->erase();
    return nullptr;
  }
  if (types.size() != numResults) {
    op->erase();
    (void)error("produces " + llvm::Twine(types.size()) +
                " results where the node has " + llvm::Twine(numResults));
    return nullptr;
  }
  for (auto [result, type] : llvm::zip(op->getResults(), types)) {
    result.setType(type);
    if (!isBoundedShape(cast<RankedTensorType>(type).getShape())) {
      (void)error("result " + llvm::Twine(result.getResultNumber()) +
                  " would be too large (a dimension above 2^31 or more than "
                  "2^40 elements)");
      op->erase();
      return nullptr;
    }
  }
  return op;
}

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

GraphImporter::GraphImporter(MLIRContext *ctx, const onnx::ModelProto &model,
                             llvm::StringRef modelName, llvm::StringRef baseDir,
                             const ONNXImportOptions &options)
    : ctx(ctx), builder(ctx), model(model), graph(model.graph()),
      modelName(modelName), baseDir(baseDir), options(options) {
  for (const auto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  for (const auto &node : graph.node())
    for (const auto &in : node.input())
      ++uses[in];
  for (const auto &out : graph.output())
    ++uses[out.name()];
}

std::string GraphImporter::nodeLabel(const onnx::NodeProto &node,
                                     unsigned index) {
  return node.name().empty() ? "#" + std::to_string(index) + ":" + node.op_type()
                             : node.name();
}

Location GraphImporter::nodeLoc(const onnx::NodeProto &node, unsigned index) {
  return NameLoc::get(builder.getStringAttr(nodeLabel(node, index)),
                      FileLineColLoc::get(ctx, modelName, 0, 0));
}

Value GraphImporter::materialize(llvm::StringRef name, Entry &entry,
                                 Location loc) {
  if (entry.value)
    return entry.value;
  // Constants go where their first use is; CSE-like sharing comes from the
  // entry caching the value.
  Location constLoc = NameLoc::get(builder.getStringAttr(name),
                                   FileLineColLoc::get(ctx, modelName, 0, 0));
  if (entry.literal) {
    entry.value =
        nn::ConstantOp::create(builder, constLoc, entry.literal->toAttr());
    return entry.value;
  }
  std::string error;
  auto attr = tensorToAttr(ctx, *entry.initializer, baseDir,
                           options.resourceThreshold, error);
  if (failed(attr)) {
    // Report, and stand in a zero tensor so the converter can finish; the
    // import fails after this node.
    emitError(loc) << error;
    failedAny = true;
    auto type = RankedTensorType::get(
        llvm::SmallVector<int64_t>(entry.initializer->dims().begin(),
                                   entry.initializer->dims().end()),
        elementTypeOf(ctx, entry.initializer->data_type()));
    entry.value = nn::ConstantOp::create(
        builder, constLoc, DenseElementsAttr::get(type, builder.getZeroAttr(type.getElementType())));
    return entry.value;
  }
  entry.value = nn::ConstantOp::create(builder, constLoc, *attr);
  return entry.value;
}

const Literal *GraphImporter::literal(llvm::StringRef name, Entry &entry,
                                      Location loc) {
  if (entry.literal)
    return &*entry.literal;
  if (entry.initializer) {
    llvm::SmallVector<int64_t> dims(entry.initializer->dims().begin(),
                                    entry.initializer->dims().end());
    // Unbounded shapes are reported when the tensor is materialized.
    if (!isBoundedShape(dims) ||
        RankedTensorType::get(dims, builder.getNoneType()).getNumElements() >
            kMaxFoldElements)
      return nullptr;
    std::string error;
    auto lit = tensorToLiteral(ctx, *entry.initializer, baseDir, error);
    if (failed(lit)) {
      emitError(loc) << error;
      return nullptr;
    }
    entry.literal = std::move(*lit);
    return &*entry.literal;
  }
  // A constant op built by a converter (e.g. a splat) can still be known.
  if (entry.value)
    if (auto c = entry.value.getDefiningOp<nn::ConstantOp>())
      if (auto dense = dyn_cast<DenseElementsAttr>(c.getValue()))
        if (dense.getNumElements() <= kMaxFoldElements)
          if (auto lit = Literal::fromAttr(dense)) {
            entry.literal = std::move(*lit);
            return &*entry.literal;
          }
  return nullptr;
}

/// The value's shape when ONNX knows every dimension statically.
static std::optional<llvm::SmallVector<int64_t>>
staticShapeOf(const onnx::ValueInfoProto &info) {
  if (!info.type().has_tensor_type() ||
      !info.type().tensor_type().has_shape())
    return std::nullopt;
  llvm::SmallVector<int64_t> shape;
  for (const auto &d : info.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() < 0)
      return std::nullopt;
    shape.push_back(d.dim_value());
  }
  return shape;
}

FailureOr<RankedTensorType>
GraphImporter::graphInputType(const onnx::ValueInfoProto &info,
                              Location loc) {
  if (!info.type().has_tensor_type())
    return emitError(loc) << "'" << info.name()
                          << "' is not a tensor (sequences, maps and "
                             "optionals are not supported)";
  const auto &tt = info.type().tensor_type();
  Type element = elementTypeOf(ctx, tt.elem_type());
  if (!element)
    return emitError(loc) << "'" << info.name() << "' has unsupported data type "
                          << dataTypeName(tt.elem_type());
  if (!tt.has_shape())
    return emitError(loc) << "'" << info.name()
                          << "' has no shape; pin it with --input-shape";
  llvm::SmallVector<int64_t> shape;
  for (const auto &d : tt.shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() < 0)
      return emitError(loc)
             << "input '" << info.name() << "' has a dynamic dimension"
             << (d.has_dim_param() ? " '" + d.dim_param() + "'" : "")
             << "; pin its shape with --input-shape " << info.name() << "=...";
    shape.push_back(d.dim_value());
  }
  if (!isBoundedShape(shape))
    return emitError(loc) << "input '" << info.name()
                          << "' is too large (a dimension above 2^31 or more "
                             "than 2^40 elements)";
  return RankedTensorType::get(shape, element);
}

LogicalResult GraphImporter::checkSupported() {
  Location loc = FileLineColLoc::get(ctx, modelName, 0, 0);
  if (opset == 0)
    return emitError(loc) << "the model imports no opset of the default ONNX "
                             "domain";
  if (opset > kMaxOpset)
    return emitError(loc) << "the model uses opset " << opset
                          << " of the default ONNX domain; tessel supports "
                             "opsets "
                          << kMinOpset << " to " << kMaxOpset;
  for (const auto &node : graph.node()) {
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    int64_t since = redefinedAfterLibrary(node.op_type(), opset);
    if (!defaultDomain || !since || followsNewerDefinition(node.op_type()))
      continue;
    return emitError(loc) << "the model uses opset " << opset
                          << " of the default ONNX domain; tessel supports "
                             "opsets above "
                          << kLibraryOpset << " for operators defined as at "
                          << kLibraryOpset << " or whose newer definition it "
                          << "follows (" << node.op_type()
                          << " is redefined at opset " << since << ")";
  }
  // Below the minimum, a model imports when each of its operators is
  // defined as at the minimum opset (Not, Softplus, ... are unchanged since
  // opset 1): the converters' opset rules then apply unchanged.
  if (opset < kMinOpset)
    for (const auto &node : graph.node()) {
      bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
      if (!defaultDomain || sameSchema(node.op_type(), opset, kMinOpset))
        continue;
      return emitError(loc) << "the model uses opset " << opset
                            << " of the default ONNX domain; tessel supports "
                               "opsets "
                            << kMinOpset << " to " << kMaxOpset
                            << ", and lower ones for operators defined as at "
                               "opset "
                            << kMinOpset << " (" << node.op_type()
                            << " is not)";
    }
  bool ok = true;
  for (auto [index, node] : llvm::enumerate(graph.node())) {
    bool known = converters().count(node.op_type());
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    if (known && defaultDomain)
      continue;
    emitError(nodeLoc(node, index))
        << "unsupported ONNX operator "
        << (defaultDomain ? "" : node.domain() + "::") << node.op_type()
        << " (node '" << nodeLabel(node, index) << "', opset " << opset << ")";
    ok = false;
  }
  return success(ok);
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node,
                                        unsigned index) {
  Location loc = nodeLoc(node, index);
  NodeContext nc(*this, node, loc, opset);
  for (const auto &in : node.input())
    if (!in.empty() && !values.count(in))
      return nc.error("input '" + in + "' is not defined before this node");
  // libonnx has no schema for a newer definition: its converter checks it.
  std::string schemaError;
  if (!redefinedAfterLibrary(node.op_type(), opset) &&
      failed(verifyNodeSchema(node, opset, schemaError)))
    return nc.error(schemaError);
  if (failed(converters().lookup(node.op_type())(nc)) || failedAny)
    return failure();
  for (const auto &out : node.output())
    producers[out] = index;
  return success();
}

LogicalResult GraphImporter::crossCheck(const onnx::GraphProto &inferred) {
  for (const auto &info : inferred.value_info()) {
    auto entry = values.find(info.name());
    auto producer = producers.find(info.name());
    if (entry == values.end() || !entry->second.value ||
        producer == producers.end())
      continue;
    auto expected = staticShapeOf(info);
    auto got = cast<RankedTensorType>(entry->second.value.getType());
    if (!expected || got.getShape() == ArrayRef<int64_t>(*expected))
      continue;
    const onnx::NodeProto &node = graph.node(producer->second);
    return emitError(nodeLoc(node, producer->second))
           << node.op_type() << ": tessel infers " << got << " for '"
           << info.name() << "', ONNX's shape inference ["
           << llvm::make_range(expected->begin(), expected->end()) << "]";
  }
  return success();
}

LogicalResult GraphImporter::importInputs(func::FuncOp &func) {
  Location loc = FileLineColLoc::get(ctx, modelName, 0, 0);
  for (const auto &init : graph.initializer()) {
    if (!elementTypeOf(ctx, init.data_type()))
      return emitError(loc) << "initializer '" << init.name()
                            << "' has unsupported data type "
                            << dataTypeName(init.data_type());
    values[init.name()] = {Value(), std::nullopt, &init};
  }
  llvm::SmallVector<Type> argTypes;
  llvm::SmallVector<const onnx::ValueInfoProto *> args;
  for (const auto &input : graph.input()) {
    // Inputs that also have an initializer are constants (IR version < 4).
    if (values.count(input.name()))
      continue;
    auto type = graphInputType(input, loc);
    if (failed(type))
      return failure();
    argTypes.push_back(*type);
    args.push_back(&input);
  }
  // Result types are set once the body is built.
  func = func::FuncOp::create(builder, loc, "main",
                              builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  for (auto [i, info] : llvm::enumerate(args)) {
    func.setArgAttr(i, "onnx.name", builder.getStringAttr(info->name()));
    values[info->name()] = {entry->getArgument(i), std::nullopt, nullptr};
  }
  builder.setInsertionPointToStart(entry);
  return success();
}

LogicalResult GraphImporter::importOutputs() {
  Location loc = FileLineColLoc::get(ctx, modelName, 0, 0);
  for (const auto &out : graph.output()) {
    auto it = values.find(out.name());
    if (it == values.end())
      return emitError(loc) << "graph output '" << out.name()
                            << "' is not produced by any node";
    Value v = materialize(out.name(), it->second, loc);
    if (!v)
      return failure();
    auto declared = staticShapeOf(out);
    if (declared &&
        ArrayRef<int64_t>(*declared) !=
            cast<RankedTensorType>(v.getType()).getShape())
      return emitError(loc) << "graph output '" << out.name()
                            << "' is declared with shape ["
                            << llvm::make_range(declared->begin(),
                                                declared->end())
                            << "] but computes " << v.getType();
    results.push_back(v);
    resultTypes.push_back(v.getType());
  }
  return success();
}

OwningOpRef<ModuleOp> GraphImporter::import() {
  Location loc = FileLineColLoc::get(ctx, modelName, 0, 0);
  OwningOpRef<ModuleOp> owned = ModuleOp::create(loc);
  module = *owned;
  if (failed(checkSupported()))
    return nullptr;
  builder.setInsertionPointToEnd(module.getBody());
  func::FuncOp func;
  if (failed(importInputs(func)))
    return nullptr;
  for (auto [index, node] : llvm::enumerate(graph.node()))
    if (failed(importNode(node, index)))
      return nullptr;
  if (failed(importOutputs()))
    return nullptr;
  func::ReturnOp::create(builder, loc, results);
  func.setFunctionType(builder.getFunctionType(
      func.getFunctionType().getInputs(), resultTypes));
  for (auto [i, out] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "onnx.name", builder.getStringAttr(out.name()));
  if (!graph.name().empty())
    module->setAttr("onnx.graph_name", builder.getStringAttr(graph.name()));
  module->setAttr("onnx.opset", builder.getI64IntegerAttr(opset));
  if (failed(verify(module)))
    return nullptr;
  return owned;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> mlir::tessel::importONNXModelFromBuffer(
    llvm::StringRef buffer, bool isText, llvm::StringRef name,
    llvm::StringRef baseDir, MLIRContext *context,
    const ONNXImportOptions &options) {
  context->loadDialect<nn::NNDialect, func::FuncDialect>();
  onnx::ModelProto model;
  std::string error;
  if (failed(onnx_import::loadModel(buffer, isText, baseDir, options, model,
                                    error))) {
    emitError(FileLineColLoc::get(context, name, 0, 0)) << error;
    return nullptr;
  }
  GraphImporter importer(context, model, name, baseDir, options);
  OwningOpRef<ModuleOp> module = importer.import();
  if (!module)
    return nullptr;
  // libonnx's shape inference does not know the definitions above its opset.
  if (!options.runShapeInference || importer.modelOpset() > kLibraryOpset)
    return module;
  // ONNX's own shape inference, on a model tessel accepted, as a cross-check.
  bool crashed = false;
  Location loc = FileLineColLoc::get(context, name, 0, 0);
  if (failed(onnx_import::inferShapes(model, error, crashed))) {
    emitError(loc) << error;
    return nullptr;
  }
  if (crashed)
    emitWarning(loc) << "ONNX's shape inference crashed on this model (a "
                        "libonnx defect); the cross-check with it is skipped";
  else if (failed(importer.crossCheck(model.graph())))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> mlir::tessel::importONNXModel(
    llvm::StringRef path, MLIRContext *context,
    const ONNXImportOptions &options) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read '" << path << "': " << file.getError().message();
    return nullptr;
  }
  bool isText = path.ends_with(".onnxtext") || path.ends_with(".onnxtxt");
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  return importONNXModelFromBuffer((*file)->getBuffer(), isText,
                                   llvm::sys::path::filename(path), dir,
                                   context, options);
}

LogicalResult mlir::tessel::parseFrozenInput(llvm::StringRef spec,
                                             ONNXImportOptions &options,
                                             std::string &error) {
  auto [name, path] = spec.split('=');
  if (name.empty() || path.empty()) {
    error = "--freeze-input expects name=tensor.pb, got '" + spec.str() + "'";
    return failure();
  }
  options.frozenInputs[name.str()] = path.str();
  return success();
}

LogicalResult mlir::tessel::parseInputShape(llvm::StringRef spec,
                                            ONNXImportOptions &options,
                                            std::string &error) {
  auto [name, dims] = spec.rsplit('=');
  if (name.empty() || dims.empty() || !spec.contains('=')) {
    error = "--input-shape expects name=D0xD1x..., got '" + spec.str() + "'";
    return failure();
  }
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, 'x');
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.getAsInteger(10, d) || d < 0) {
      error = "--input-shape: '" + p.str() + "' in '" + spec.str() +
              "' is not a non-negative dimension";
      return failure();
    }
    shape.push_back(d);
  }
  options.inputShapes[name.str()] = shape;
  return success();
}
