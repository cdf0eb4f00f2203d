//===- TensorQuantizer.h - formats applied to whole tensors -----*- C++ -*-===//
//
// The formats by command-line name, and fake quantization of a tensor (the
// values it takes in a format: encode, then decode) with per-tensor or
// per-channel scales, the scale searches of ANT and OliVe, and ANT's
// adaptive choice of type.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_QUANT_TENSORQUANTIZER_H
#define TESSEL_QUANT_TENSORQUANTIZER_H

#include "tessel/Quant/BlockFormats.h"
#include "tessel/Quant/Ovp.h"
#include "tessel/Quant/ScalarFormat.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::tessel::quant {

/// A format as named on the command line: int<n>/uint<n> (two's
/// complement), pot<n>, float<n> (ANT's), flint<n>, each with a u prefix for
/// the unsigned variant (upot4, uflint4, ...), n in 2..8; ovpint4, ovpint8,
/// ovpflint4, ovpflint8; mxint8, mxfp8_e4m3, mxfp8_e5m2, mxfp6_e3m2,
/// mxfp6_e2m3, mxfp4_e2m1; bfp<p> or bfp<p>_<block> (p in 2..8, block 64 by
/// default).
class TensorFormat {
public:
  enum class Kind { Scalar, Ovp, Mx, Bfp };
  static std::optional<TensorFormat> parse(const std::string &name,
                                           std::string &error);

  Kind kind() const { return formatKind; }
  const std::string &name() const { return formatName; }
  /// Bits per element, not counting shared exponents or scales.
  unsigned bits() const;
  /// Scalar and OVP formats take a scale; MX and BFP carry their own.
  bool hasScale() const {
    return formatKind == Kind::Scalar || formatKind == Kind::Ovp;
  }
  const ScalarFormat &scalar() const { return *scalarFormat; }
  const OvpFormat &ovp() const { return *ovpFormat; }
  const MxFormat &mx() const { return mxFormat; }
  const BfpFormat &bfp() const { return bfpFormat; }
  Rounding defaultRounding() const;
  /// Scalar and OVP formats: every value is an integer image times
  /// 2^-unitFracBits() units (the grid a PE multiplies on), and
  /// maxImage() bounds the image's magnitude (beyond 2^31 for wide PoT).
  int unitFracBits() const;
  double maxImage() const;

private:
  Kind formatKind = Kind::Scalar;
  std::string formatName;
  std::optional<ScalarFormat> scalarFormat;
  std::optional<OvpFormat> ovpFormat;
  MxFormat mxFormat;
  BfpFormat bfpFormat;
};

struct QuantizeOptions {
  /// Per-channel scales along this axis (scalar and OVP formats), or the
  /// axis blocks run along (MX and BFP; the last axis by default).
  std::optional<int64_t> axis;
  /// A fixed scale (scalar and OVP formats).
  std::optional<double> scale;
  /// Fixed per-channel scales, one per index of `axis`.
  std::vector<double> scales;
  /// Search the scale by MSE (ANT: max|x| * i/100 for i in [75, 150), from
  /// 95 above 6 bits; OliVe: max|mean +- 3 std| * i/100 for even i in
  /// [75, 250)). Otherwise the scale maps max|x| (OliVe: its base) to the
  /// format's largest value.
  bool scaleSearch = false;
  std::optional<Rounding> rounding;
};

struct Quantized {
  std::vector<float> values;
  /// One scale per channel (one for per-tensor); empty for MX and BFP.
  std::vector<double> scales;
};

/// A tensor in a format: one code per element in row-major order, the
/// scales (scalar and OVP formats: one per tensor, or per index of `axis`)
/// or the block exponent bytes (MX and BFP: line by line along `axis`,
/// each line's blocks in order).
struct EncodedTensor {
  std::string format;
  Rounding rounding = Rounding::TiesEven;
  std::vector<int64_t> shape;
  int64_t axis = -1;
  std::vector<double> scales;
  std::vector<uint8_t> blockScales;
  std::vector<uint8_t> codes;
};

/// Encodes `x` of `shape`. Returns false with `error` set for an axis out
/// of range or a scale that is not positive.
bool encodeTensor(const TensorFormat &format, const std::vector<float> &x,
                  const std::vector<int64_t> &shape,
                  const QuantizeOptions &options, EncodedTensor &out,
                  std::string &error);
/// The values `in` stands for; false with `error` for an inconsistent one.
bool decodeTensor(const EncodedTensor &in, std::vector<float> &y,
                  std::string &error);

/// The integer images of a scalar or OVP tensor (codes in the
/// integer-and-shift form, mantissa << shift, on the format's common grid):
/// element i stands for images[i] * 2^-unitFracBits() * its group's scale.
/// False with `error` for a block format, an image beyond 32 bits or an
/// inconsistent tensor.
bool integerImages(const EncodedTensor &in, std::vector<int32_t> &images,
                   std::string &error);

/// The packed file of an encoded tensor (layout in docs/number-formats.md),
/// and back; reading fails with `error` for a malformed file.
std::string writePackedTensor(const EncodedTensor &t);
bool readPackedTensor(const std::string &bytes, EncodedTensor &t,
                      std::string &error);

/// Fake-quantizes `x` of `shape`: decodeTensor(encodeTensor(x)). Returns
/// false with `error` set for an axis out of range or a scale that is not
/// positive.
bool fakeQuantize(const TensorFormat &format, const std::vector<float> &x,
                  const std::vector<int64_t> &shape,
                  const QuantizeOptions &options, Quantized &result,
                  std::string &error);

struct ErrorStats {
  double mse = 0, sqnrDb = 0, maxAbs = 0;
};
ErrorStats compareTensors(const std::vector<float> &reference,
                          const std::vector<float> &quantized);

} // namespace mlir::tessel::quant

#endif // TESSEL_QUANT_TENSORQUANTIZER_H
