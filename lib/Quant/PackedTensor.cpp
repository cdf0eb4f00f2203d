//===- PackedTensor.cpp - encoded tensors as files ------------------------===//
//
// Little endian:
//   "TSLQNT01"
//   u32 n, format name (tessel-quant's); u32 n, rounding (up/even/away/zero)
//   u32 rank, then rank x i64 dimensions; i64 axis (-1: per tensor)
//   u32 count, then count x f64 scales
//   u64 count, then count block exponent bytes
//   u64 elements, then the codes packed at the format's bits (Pack.h)
//
//===----------------------------------------------------------------------===//

#include "tessel/Quant/Pack.h"
#include "tessel/Support/ByteReader.h"
#include "tessel/Quant/TensorQuantizer.h"

#include <cmath>
#include <cstring>

using namespace mlir::tessel::quant;

namespace {

const char kMagic[9] = "TSLQNT01";

template <typename T> void put(std::string &out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

void putString(std::string &out, const std::string &s) {
  put<uint32_t>(out, uint32_t(s.size()));
  out += s;
}


} // namespace

std::string mlir::tessel::quant::writePackedTensor(const EncodedTensor &t) {
  std::string error;
  auto format = TensorFormat::parse(t.format, error);
  unsigned bits = format ? format->bits() : 8;
  std::string out(kMagic, 8);
  putString(out, t.format);
  putString(out, roundingName(t.rounding));
  put<uint32_t>(out, uint32_t(t.shape.size()));
  for (int64_t d : t.shape)
    put<int64_t>(out, d);
  put<int64_t>(out, t.axis);
  put<uint32_t>(out, uint32_t(t.scales.size()));
  for (double s : t.scales)
    put<double>(out, s);
  put<uint64_t>(out, t.blockScales.size());
  out.append(t.blockScales.begin(), t.blockScales.end());
  put<uint64_t>(out, t.codes.size());
  std::vector<uint8_t> packed = packCodes(bits, t.codes.data(), t.codes.size());
  out.append(packed.begin(), packed.end());
  return out;
}

bool mlir::tessel::quant::readPackedTensor(const std::string &bytes,
                                           EncodedTensor &t,
                                           std::string &error) {
  if (bytes.size() < 8 || bytes.compare(0, 8, kMagic) != 0) {
    error = "not a tessel packed tensor (bad magic)";
    return false;
  }
  ByteReader r(bytes, 8, "file");
  t = EncodedTensor();
  t.format = r.getString("the format");
  std::string rounding = r.getString("the rounding");
  uint32_t rank = r.getUnsigned(4, "the rank");
  if (r.error.empty() && rank > 32) {
    error = "rank " + std::to_string(rank) + " is implausible";
    return false;
  }
  uint64_t elements = 1;
  for (uint32_t i = 0; i < rank && r.error.empty(); ++i) {
    int64_t d = (int64_t)r.getUnsigned(8, "a dimension");
    if (d < 0 || d > (int64_t(1) << 40)) {
      error = "dimension " + std::to_string(d) + " is out of range";
      return false;
    }
    t.shape.push_back(d);
    elements *= uint64_t(d);
    if (elements > (uint64_t(1) << 40)) {
      error = "the tensor has too many elements";
      return false;
    }
  }
  t.axis = (int64_t)r.getUnsigned(8, "the axis");
  uint32_t numScales = r.getUnsigned(4, "the scale count");
  if (r.error.empty() && !r.need(size_t(numScales) * 8, "the scales")) {
    error = r.error;
    return false;
  }
  for (uint32_t i = 0; i < numScales; ++i) {
    double s = r.getDouble("a scale");
    // A scale multiplies every decoded value: only positive finite ones
    // mean anything.
    if (r.error.empty() && !(std::isfinite(s) && s > 0)) {
      error = "scale " + std::to_string(i) + " is " + std::to_string(s) +
              ", not a positive finite number";
      return false;
    }
    t.scales.push_back(s);
  }
  uint64_t numBlocks = r.getUnsigned(8, "the block count");
  std::string_view blocks = r.getBytes(numBlocks, "the block exponents");
  t.blockScales.assign(blocks.begin(), blocks.end());
  uint64_t numCodes = r.getUnsigned(8, "the element count");
  if (!r.error.empty()) {
    error = r.error;
    return false;
  }
  auto format = TensorFormat::parse(t.format, error);
  if (!format)
    return false;
  auto rule = parseRounding(rounding);
  if (!rule) {
    error = "unknown rounding '" + rounding + "'";
    return false;
  }
  t.rounding = *rule;
  if (numCodes != elements) {
    error = "the file holds " + std::to_string(numCodes) +
            " codes for a tensor of " + std::to_string(elements) + " elements";
    return false;
  }
  size_t packed = packedBytes(format->bits(), numCodes);
  if (bytes.size() - r.pos != packed) {
    error = "expected " + std::to_string(packed) + " bytes of codes, found " +
            std::to_string(bytes.size() - r.pos);
    return false;
  }
  t.codes.resize(numCodes);
  unpackCodes(format->bits(),
              reinterpret_cast<const uint8_t *>(bytes.data()) + r.pos, numCodes,
              t.codes.data());
  return true;
}
