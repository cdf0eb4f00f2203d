//===- Compare.cpp - tessel-run --compare: two values, two signatures -----===//

#include "tessel/Tools/tessel-run/Compare.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Tools/tessel-run/Inputs.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <cstring>

using namespace mlir;
using namespace mlir::tessel;
using interp::Tensor;

/// The type each element is compared as: the element type, an
/// accumulator's storage integers, or null for a packed encoding (and for
/// sub-byte floats, which are not one element per byte).
static Type comparedElementType(Type elem) {
  if (auto acc = qt::accumulatorOf(elem))
    elem = acc->storage;
  if (!elem.isIntOrFloat())
    return {};
  unsigned bits = elem.getIntOrFloatBitWidth();
  return bits == 1 || bits % 8 == 0 ? elem : Type();
}

static APFloat floatAt(FloatType type, const char *p) {
  unsigned bits = type.getWidth();
  llvm::SmallVector<uint64_t, 2> words((bits + 63) / 64, 0);
  std::memcpy(words.data(), p, bits / 8);
  return APFloat(type.getFloatSemantics(), APInt(bits, words));
}

static double asDouble(FloatType type, const char *p) {
  if (type.isF32()) {
    float f;
    std::memcpy(&f, p, sizeof f);
    return f;
  }
  if (type.isF64()) {
    double d;
    std::memcpy(&d, p, sizeof d);
    return d;
  }
  APFloat f = floatAt(type, p);
  bool lost;
  f.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
  return f.convertToDouble();
}

/// `f` in the fewest significant digits that read back as `f` in its own
/// semantics (0.1 rather than f32's 0.100000001), so values read as written.
static std::string formatFloat(const APFloat &f) {
  if (f.isNaN())
    return "nan";
  if (f.isInfinity())
    return f.isNegative() ? "-inf" : "inf";
  APFloat wide = f;
  bool lost;
  wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
  std::string s;
  for (int digits = 1; digits <= 17; ++digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*g", digits, wide.convertToDouble());
    s = buf;
    APFloat back(f.getSemantics());
    auto status = back.convertFromString(s, APFloat::rmNearestTiesToEven);
    if (status && back.bitwiseIsEqual(f))
      break;
    if (!status)
      llvm::consumeError(status.takeError());
  }
  return s;
}

/// The element at `p` as a number: integers exactly, floats as
/// formatFloat writes them.
static std::string formatElement(Type type, const char *p) {
  if (auto ft = dyn_cast<FloatType>(type))
    return formatFloat(floatAt(ft, p));
  llvm::SmallString<32> s;
  auto it = cast<IntegerType>(type);
  unsigned bits = it.getWidth();
  if (bits == 1)
    return *p ? "1" : "0";
  llvm::SmallVector<uint64_t, 2> words((bits + 63) / 64, 0);
  std::memcpy(words.data(), p, bits / 8);
  APInt(bits, words).toString(s, 10, /*Signed=*/!it.isUnsigned());
  return s.str().str();
}

/// "[i, j, ...]" of flat index `flat` in `shape` (row-major).
static std::string multiIndex(llvm::ArrayRef<int64_t> shape, int64_t flat) {
  llvm::SmallVector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = flat % shape[d];
    flat /= shape[d];
  }
  std::string s = "[";
  for (auto [k, i] : llvm::enumerate(index))
    s += (k ? ", " : "") + std::to_string(i);
  return s + "]";
}

run::Difference run::compareValues(const Tensor &a, const Tensor &b) {
  Difference d;
  llvm::ArrayRef<char> x = a.bytes(), y = b.bytes();
  Type elem = comparedElementType(a.getElementType());
  d.packed = !elem;
  int64_t width = elem ? interp::elementBytes(elem) : 1;
  int64_t n = elem ? a.getNumElements() : int64_t(x.size());
  auto floatType = dyn_cast_or_null<FloatType>(elem);
  for (int64_t i = 0; i < n; ++i) {
    const char *p = x.data() + i * width, *q = y.data() + i * width;
    if (std::memcmp(p, q, width) == 0)
      continue;
    if (d.count++ == 0)
      d.first = i;
    if (!floatType)
      continue;
    double u = asDouble(floatType, p), v = asDouble(floatType, q);
    if (std::isnan(u) || std::isnan(v))
      ++d.withNaN;
    else
      d.maxAbs = std::max(d.maxAbs.value_or(0), std::fabs(u - v));
  }
  return d;
}

std::string run::describeDifference(const Tensor &value,
                                    const Tensor &reference,
                                    const Difference &d) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (d.packed) {
    auto byte = [&](const Tensor &t) {
      return std::to_string(uint8_t(t.bytes()[d.first]));
    };
    os << d.count << " of " << value.bytes().size()
       << " bytes of the packed encodings differ, first at byte " << d.first
       << ": " << byte(value) << " vs " << byte(reference)
       << " in the reference";
    return s;
  }
  Type elem = comparedElementType(value.getElementType());
  int64_t width = interp::elementBytes(elem);
  os << d.count << " of " << value.getNumElements()
     << " elements differ, first at " << d.first << " "
     << multiIndex(value.getShape(), d.first) << ": "
     << formatElement(elem, value.bytes().data() + d.first * width) << " vs "
     << formatElement(elem, reference.bytes().data() + d.first * width)
     << " in the reference";
  if (d.maxAbs)
    os << ", max abs difference " << formatFloat(APFloat(*d.maxAbs));
  if (d.withNaN)
    os << ", " << d.withNaN << " with NaN";
  return s;
}

LogicalResult run::checkSameSignature(func::FuncOp func, llvm::StringRef file,
                                      func::FuncOp ref,
                                      llvm::StringRef refFile,
                                      std::string &error) {
  auto fail = [&](const llvm::Twine &message) {
    error = message.str();
    return failure();
  };
  llvm::StringMap<Type> refArgs;
  for (unsigned i = 0; i < ref.getNumArguments(); ++i)
    refArgs[argumentName(ref, i)] = ref.getArgument(i).getType();
  llvm::StringSet<> names;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    std::string name = argumentName(func, i);
    Type type = func.getArgument(i).getType();
    names.insert(name);
    auto it = refArgs.find(name);
    if (it == refArgs.end())
      return fail(llvm::Twine("argument '") + name + "' is in " + file +
                  " but not in " + refFile);
    if (it->second != type)
      return fail(llvm::Twine("argument '") + name + "' is " +
                  typeName(type) + " in " + file + ", " +
                  typeName(it->second) + " in " + refFile);
  }
  for (unsigned i = 0; i < ref.getNumArguments(); ++i)
    if (!names.contains(argumentName(ref, i)))
      return fail(llvm::Twine("argument '") + argumentName(ref, i) +
                  "' is in " + refFile + " but not in " + file);
  if (func.getNumResults() != ref.getNumResults())
    return fail("different numbers of results: " +
                llvm::Twine(func.getNumResults()) + " in " + file + ", " +
                llvm::Twine(ref.getNumResults()) + " in " + refFile);
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    std::string name = resultName(func, i), refName = resultName(ref, i);
    Type type = func.getResultTypes()[i], refType = ref.getResultTypes()[i];
    if (name != refName || type != refType)
      return fail(llvm::Twine("result ") + llvm::Twine(i) + " is '" + name +
                  "' " + typeName(type) + " in " + file + ", '" + refName +
                  "' " + typeName(refType) + " in " + refFile);
  }
  return success();
}
