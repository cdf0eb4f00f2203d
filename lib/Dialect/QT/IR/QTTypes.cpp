//===- QTTypes.cpp - qt element types -------------------------------------===//
//
// Every type's syntax is its leading parameters followed by optional
// `key = value` entries (scale, scales, axis, block, rounding); entries at
// their default are not printed.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/QT/IR/QTDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel::qt;

#define GET_TYPEDEF_CLASSES
#include "tessel/Dialect/QT/IR/QTTypes.cpp.inc"

#include "tessel/Dialect/QT/IR/QTTypeInterfaces.cpp.inc"

void QTDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "tessel/Dialect/QT/IR/QTTypes.cpp.inc"
      >();
}

namespace {

const char *const kRoundings[] = {"up", "even", "away", "zero"};
const char *const kMxElements[] = {"int8",     "fp8_e4m3", "fp8_e5m2",
                                   "fp6_e3m2", "fp6_e2m3", "fp4_e2m1"};

/// The optional `key = value` entries after a type's leading parameters.
struct Tail {
  llvm::SmallVector<double> scales;
  bool perTensorScale = false;
  int64_t axis = -1;
  std::optional<int64_t> block;
  std::string rounding;
};

ParseResult parseTail(AsmParser &parser, Tail &tail,
                      llvm::ArrayRef<llvm::StringRef> allowed) {
  while (succeeded(parser.parseOptionalComma())) {
    llvm::StringRef key;
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return failure();
    if (!llvm::is_contained(allowed, key))
      return parser.emitError(loc, "unexpected '") << key << "'";
    if (key == "scale") {
      double s;
      if (parser.parseFloat(s))
        return failure();
      tail.scales = {s};
      tail.perTensorScale = true;
    } else if (key == "scales") {
      if (parser.parseCommaSeparatedList(
              AsmParser::Delimiter::Square, [&]() -> ParseResult {
                double s;
                if (parser.parseFloat(s))
                  return failure();
                tail.scales.push_back(s);
                return success();
              }))
        return failure();
    } else if (key == "axis") {
      if (parser.parseInteger(tail.axis))
        return failure();
    } else if (key == "block") {
      int64_t b;
      if (parser.parseInteger(b))
        return failure();
      tail.block = b;
    } else if (key == "rounding") {
      llvm::StringRef r;
      if (parser.parseKeyword(&r))
        return failure();
      tail.rounding = r.str();
    }
  }
  return parser.parseGreater();
}

ParseResult parseSign(AsmParser &parser, bool &isSigned) {
  llvm::StringRef s;
  llvm::SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&s))
    return failure();
  if (s != "signed" && s != "unsigned")
    return parser.emitError(loc, "expected signed or unsigned");
  isSigned = s == "signed";
  return success();
}

void printScales(AsmPrinter &p, llvm::ArrayRef<double> scales, int64_t axis) {
  if (axis < 0 && scales.size() == 1) {
    p << ", scale = " << scales.front();
    return;
  }
  p << ", scales = [";
  llvm::interleaveComma(scales, p, [&](double s) { p << s; });
  p << "]";
  if (axis >= 0)
    p << ", axis = " << axis;
}

LogicalResult verifyScales(llvm::function_ref<InFlightDiagnostic()> emitError,
                           llvm::ArrayRef<double> scales, int64_t axis) {
  if (scales.empty())
    return emitError() << "needs a scale (scale = s) or per-channel scales "
                          "(scales = [...], axis = a)";
  for (double s : scales)
    if (!(s > 0) || !std::isfinite(s))
      return emitError() << "scales must be positive and finite, got " << s;
  if (axis < -1)
    return emitError() << "axis must be -1 or a dimension, got " << axis;
  if (axis < 0 && scales.size() != 1)
    return emitError() << "per-channel scales need an axis";
  return success();
}

LogicalResult verifyRounding(llvm::function_ref<InFlightDiagnostic()> emitError,
                             llvm::StringRef rounding) {
  if (!llvm::is_contained(kRoundings, rounding))
    return emitError() << "rounding must be up, even, away or zero, got '"
                       << rounding << "'";
  return success();
}

/// Flint and PoT share their syntax and checks.
template <typename T>
Type parseScaled(AsmParser &parser) {
  unsigned width;
  bool isSigned;
  Tail tail;
  if (parser.parseLess() || parser.parseInteger(width) || parser.parseComma() ||
      parseSign(parser, isSigned) ||
      parseTail(parser, tail, {"scale", "scales", "axis", "rounding"}))
    return {};
  return T::getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                       parser.getContext(), width, isSigned,
                       DenseF64ArrayAttr::get(parser.getContext(), tail.scales),
                       tail.axis, tail.rounding.empty() ? "up" : tail.rounding);
}

template <typename T> void printScaled(AsmPrinter &p, T type) {
  p << "<" << type.getWidth() << ", "
    << (type.getIsSigned() ? "signed" : "unsigned");
  printScales(p, type.getScales().asArrayRef(), type.getAxis());
  if (type.getRoundingRule() != "up")
    p << ", rounding = " << type.getRoundingRule();
  p << ">";
}

} // namespace

//===----------------------------------------------------------------------===//
// flint and pot
//===----------------------------------------------------------------------===//

Type FlintType::parse(AsmParser &parser) {
  return parseScaled<FlintType>(parser);
}
void FlintType::print(AsmPrinter &p) const { printScaled(p, *this); }

LogicalResult FlintType::verify(function_ref<InFlightDiagnostic()> emitError,
                                unsigned width, bool, DenseF64ArrayAttr scales,
                                int64_t axis, StringRef rounding) {
  if (width < 3 || width > 8)
    return emitError() << "flint has 3 to 8 bits, got " << width;
  if (failed(verifyScales(emitError, scales.asArrayRef(), axis)))
    return failure();
  return verifyRounding(emitError, rounding);
}

std::string FlintType::getFormatName() const {
  return (getIsSigned() ? "flint" : "uflint") + std::to_string(getWidth());
}
unsigned FlintType::getStorageBits() const { return getWidth(); }
int64_t FlintType::getQuantizedAxis() const { return getAxis(); }
int64_t FlintType::getBlockSize() const { return 1; }
StringRef FlintType::getRounding() const { return getRoundingRule(); }
ArrayRef<double> FlintType::getScaleValues() const {
  return getScales().asArrayRef();
}

Type PotType::parse(AsmParser &parser) {
  return parseScaled<PotType>(parser);
}
void PotType::print(AsmPrinter &p) const { printScaled(p, *this); }

LogicalResult PotType::verify(function_ref<InFlightDiagnostic()> emitError,
                              unsigned width, bool, DenseF64ArrayAttr scales,
                              int64_t axis, StringRef rounding) {
  if (width < 2 || width > 8)
    return emitError() << "pot has 2 to 8 bits, got " << width;
  if (failed(verifyScales(emitError, scales.asArrayRef(), axis)))
    return failure();
  return verifyRounding(emitError, rounding);
}

std::string PotType::getFormatName() const {
  return (getIsSigned() ? "pot" : "upot") + std::to_string(getWidth());
}
unsigned PotType::getStorageBits() const { return getWidth(); }
int64_t PotType::getQuantizedAxis() const { return getAxis(); }
int64_t PotType::getBlockSize() const { return 1; }
StringRef PotType::getRounding() const { return getRoundingRule(); }
ArrayRef<double> PotType::getScaleValues() const {
  return getScales().asArrayRef();
}

//===----------------------------------------------------------------------===//
// ovp
//===----------------------------------------------------------------------===//

Type OvpType::parse(AsmParser &parser) {
  llvm::StringRef normal;
  unsigned width;
  Tail tail;
  if (parser.parseLess() || parser.parseKeyword(&normal) ||
      parser.parseComma() || parser.parseInteger(width) ||
      parseTail(parser, tail, {"scale", "scales", "axis"}))
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), normal, width,
                    DenseF64ArrayAttr::get(parser.getContext(), tail.scales),
                    tail.axis);
}

void OvpType::print(AsmPrinter &p) const {
  p << "<" << getNormal() << ", " << getWidth();
  printScales(p, getScales().asArrayRef(), getAxis());
  p << ">";
}

LogicalResult OvpType::verify(function_ref<InFlightDiagnostic()> emitError,
                              StringRef normal, unsigned width,
                              DenseF64ArrayAttr scales, int64_t axis) {
  if (normal != "int" && normal != "flint")
    return emitError() << "the normal type must be int or flint, got '"
                       << normal << "'";
  if (width != 4 && width != 8)
    return emitError() << "ovp has 4 or 8 bits, got " << width;
  return verifyScales(emitError, scales.asArrayRef(), axis);
}

std::string OvpType::getFormatName() const {
  return "ovp" + getNormal().str() + std::to_string(getWidth());
}
unsigned OvpType::getStorageBits() const { return getWidth(); }
int64_t OvpType::getBlockSize() const { return 1; }
ArrayRef<double> OvpType::getScaleValues() const {
  return getScales().asArrayRef();
}
StringRef OvpType::getRounding() const { return "up"; }
int64_t OvpType::getQuantizedAxis() const { return getAxis(); }

//===----------------------------------------------------------------------===//
// bfp and mx
//===----------------------------------------------------------------------===//

namespace {

void printBlockTail(AsmPrinter &p, int64_t block, int64_t defaultBlock,
                    int64_t axis, StringRef rounding,
                    StringRef defaultRounding) {
  if (block != defaultBlock)
    p << ", block = " << block;
  if (axis >= 0)
    p << ", axis = " << axis;
  if (rounding != defaultRounding)
    p << ", rounding = " << rounding;
  p << ">";
}

LogicalResult verifyBlock(function_ref<InFlightDiagnostic()> emitError,
                          int64_t block, int64_t axis, StringRef rounding) {
  if (block < 1)
    return emitError() << "block must be positive, got " << block;
  if (axis < -1)
    return emitError() << "axis must be -1 or a dimension, got " << axis;
  return verifyRounding(emitError, rounding);
}

} // namespace

Type BfpType::parse(AsmParser &parser) {
  unsigned bits;
  Tail tail;
  if (parser.parseLess() || parser.parseInteger(bits) ||
      parseTail(parser, tail, {"block", "axis", "rounding"}))
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), bits, tail.block.value_or(64),
                    tail.axis, tail.rounding.empty() ? "even" : tail.rounding);
}

void BfpType::print(AsmPrinter &p) const {
  p << "<" << getMantissaBits();
  printBlockTail(p, getBlock(), 64, getAxis(), getRoundingRule(), "even");
}

LogicalResult BfpType::verify(function_ref<InFlightDiagnostic()> emitError,
                              unsigned mantissaBits, int64_t block,
                              int64_t axis, StringRef rounding) {
  if (mantissaBits < 2 || mantissaBits > 8)
    return emitError() << "bfp mantissas have 2 to 8 bits, got "
                       << mantissaBits;
  return verifyBlock(emitError, block, axis, rounding);
}

std::string BfpType::getFormatName() const {
  return "bfp" + std::to_string(getMantissaBits()) + "_" +
         std::to_string(getBlock());
}
unsigned BfpType::getStorageBits() const { return getMantissaBits(); }
int64_t BfpType::getBlockSize() const { return getBlock(); }
StringRef BfpType::getRounding() const { return getRoundingRule(); }
ArrayRef<double> BfpType::getScaleValues() const { return {}; }
int64_t BfpType::getQuantizedAxis() const { return getAxis(); }

Type MxType::parse(AsmParser &parser) {
  llvm::StringRef element;
  Tail tail;
  if (parser.parseLess() || parser.parseKeyword(&element) ||
      parseTail(parser, tail, {"block", "axis", "rounding"}))
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), element, tail.block.value_or(32),
                    tail.axis, tail.rounding.empty() ? "away" : tail.rounding);
}

void MxType::print(AsmPrinter &p) const {
  p << "<" << getElement();
  printBlockTail(p, getBlock(), 32, getAxis(), getRoundingRule(), "away");
}

LogicalResult MxType::verify(function_ref<InFlightDiagnostic()> emitError,
                             StringRef element, int64_t block, int64_t axis,
                             StringRef rounding) {
  if (!llvm::is_contained(kMxElements, element))
    return emitError() << "MX elements are int8, fp8_e4m3, fp8_e5m2, "
                          "fp6_e3m2, fp6_e2m3 or fp4_e2m1, got '"
                       << element << "'";
  return verifyBlock(emitError, block, axis, rounding);
}

std::string MxType::getFormatName() const { return "mx" + getElement().str(); }
unsigned MxType::getStorageBits() const {
  StringRef e = getElement();
  return e.starts_with("fp4") ? 4 : e.starts_with("fp6") ? 6 : 8;
}
int64_t MxType::getBlockSize() const { return getBlock(); }
StringRef MxType::getRounding() const { return getRoundingRule(); }
ArrayRef<double> MxType::getScaleValues() const { return {}; }
int64_t MxType::getQuantizedAxis() const { return getAxis(); }
