//===- CallOp.cpp - gemmini.call: a program run on tensors ----------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::tessel::gemmini;

/// `@segment = %value : type` (operands) or `@segment : type` (results).
static ParseResult
parseSegmentList(OpAsmParser &parser, bool withValues,
                 llvm::SmallVectorImpl<Attribute> &segments,
                 llvm::SmallVectorImpl<OpAsmParser::UnresolvedOperand> &values,
                 llvm::SmallVectorImpl<Type> &types) {
  return parser.parseCommaSeparatedList(
      OpAsmParser::Delimiter::Paren, [&]() -> ParseResult {
        FlatSymbolRefAttr segment;
        Type type;
        if (parser.parseAttribute(segment))
          return failure();
        if (withValues) {
          values.emplace_back();
          if (parser.parseEqual() || parser.parseOperand(values.back()))
            return failure();
        }
        if (parser.parseColonType(type))
          return failure();
        segments.push_back(segment);
        types.push_back(type);
        return success();
      });
}

ParseResult CallOp::parse(OpAsmParser &parser, OperationState &result) {
  FlatSymbolRefAttr program;
  llvm::SmallVector<Attribute> ins, outs;
  llvm::SmallVector<OpAsmParser::UnresolvedOperand> values;
  llvm::SmallVector<Type> inTypes, outTypes;
  llvm::SmallVector<OpAsmParser::UnresolvedOperand> none;
  llvm::SMLoc loc = parser.getCurrentLocation();
  if (parser.parseAttribute(program) ||
      parseSegmentList(parser, true, ins, values, inTypes) ||
      parser.parseArrow() ||
      parseSegmentList(parser, false, outs, none, outTypes) ||
      parser.parseOptionalAttrDict(result.attributes) ||
      parser.resolveOperands(values, inTypes, loc, result.operands))
    return failure();
  Builder b(parser.getContext());
  result.addAttribute(getProgramAttrName(result.name), program);
  result.addAttribute(getInputSegmentsAttrName(result.name),
                      b.getArrayAttr(ins));
  result.addAttribute(getOutputSegmentsAttrName(result.name),
                      b.getArrayAttr(outs));
  result.addTypes(outTypes);
  return success();
}

void CallOp::print(OpAsmPrinter &p) {
  p << " " << getProgramAttr() << "(";
  llvm::interleaveComma(llvm::zip(getInputSegments(), getInputs()), p,
                        [&](auto pair) {
                          auto [segment, value] = pair;
                          p << segment << " = " << value << " : "
                            << value.getType();
                        });
  p << ") -> (";
  llvm::interleaveComma(llvm::zip(getOutputSegments(), getOutputs()), p,
                        [&](auto pair) {
                          auto [segment, value] = pair;
                          p << segment << " : " << value.getType();
                        });
  p << ")";
  p.printOptionalAttrDict((*this)->getAttrs(),
                          {getProgramAttrName(), getInputSegmentsAttrName(),
                           getOutputSegmentsAttrName()});
}

LogicalResult CallOp::verify() {
  if (getInputSegments().size() != getInputs().size())
    return emitOpError("names ") << getInputSegments().size()
                                 << " input segments for "
                                 << getInputs().size() << " operands";
  if (getOutputSegments().size() != getOutputs().size())
    return emitOpError("names ") << getOutputSegments().size()
                                 << " output segments for "
                                 << getOutputs().size() << " results";
  for (ArrayAttr list : {getInputSegments(), getOutputSegments()}) {
    llvm::StringSet<> seen;
    for (auto segment : list.getAsRange<FlatSymbolRefAttr>())
      if (!seen.insert(segment.getValue()).second)
        return emitOpError("names segment ") << segment << " twice";
  }
  for (Type t : llvm::concat<const Type>(getInputs().getTypes(),
                                         getOutputs().getTypes()))
    if (!cast<RankedTensorType>(t).getElementType().isIntOrFloat())
      return emitOpError("moves integer or float tensors, not ") << t;
  return success();
}

/// Checks that `type` fits `segment`: its own type when it has one,
/// otherwise its size.
static LogicalResult checkFits(CallOp op, SegmentOp segment, Type type,
                               llvm::StringRef what) {
  if (auto segType = segment.getType()) {
    if (*segType != type)
      return op.emitOpError() << what << " " << type << " for segment @"
                              << segment.getSymName() << ", which holds "
                              << *segType;
    return success();
  }
  auto tensor = cast<RankedTensorType>(type);
  unsigned bits = tensor.getElementTypeBitWidth();
  // Sizes in bytes, checked against overflow before they are multiplied.
  uint64_t elementBytes = bits == 1 ? 1 : bits / 8;
  uint64_t count = uint64_t(tensor.getNumElements());
  if (count != 0 && elementBytes > uint64_t(segment.getSize()) / count)
    return op.emitOpError() << what << " " << type << " does not fit segment @"
                            << segment.getSymName() << " of "
                            << segment.getSize() << " bytes";
  return success();
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *table = SymbolTable::getNearestSymbolTable(*this);
  if (!symbolTable.lookupSymbolIn<ProgramOp>(table, getProgramAttr()))
    return emitOpError("calls ")
           << getProgramAttr() << ", which is not a gemmini.program";
  auto check = [&](ArrayAttr segments, TypeRange types,
                   llvm::StringRef what) -> LogicalResult {
    for (auto [name, type] :
         llvm::zip(segments.getAsRange<FlatSymbolRefAttr>(), types)) {
      auto segment = symbolTable.lookupSymbolIn<SegmentOp>(table, name);
      if (!segment)
        return emitOpError("names ") << name << ", which is not a segment";
      if (failed(checkFits(*this, segment, type, what)))
        return failure();
    }
    return success();
  };
  return failure(
      failed(check(getInputSegments(), getInputs().getTypes(), "operand")) ||
      failed(check(getOutputSegments(), getOutputs().getTypes(), "result")));
}
