//===- TensorQuantizer.cpp - formats applied to whole tensors -------------===//

#include "tessel/Quant/TensorQuantizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

using namespace mlir::tessel::quant;

namespace {

/// The number after `prefix` in `name` (and an optional "_<block>").
bool parseBits(const std::string &name, size_t prefix, unsigned &bits,
               unsigned *block = nullptr) {
  std::string rest = name.substr(prefix);
  size_t us = rest.find('_');
  std::string num = rest.substr(0, us);
  if (num.empty() || num.size() > 2 ||
      !std::all_of(num.begin(), num.end(), ::isdigit))
    return false;
  bits = unsigned(std::stoi(num));
  if (us == std::string::npos)
    return true;
  std::string b = rest.substr(us + 1);
  if (!block || b.empty() || b.size() > 5 ||
      !std::all_of(b.begin(), b.end(), ::isdigit))
    return false;
  *block = unsigned(std::stoi(b));
  return *block > 0;
}

bool startsWith(const std::string &s, const char *p) {
  return s.rfind(p, 0) == 0;
}

size_t elementCount(const std::vector<int64_t> &shape) {
  size_t n = 1;
  for (int64_t d : shape)
    n *= size_t(d);
  return n;
}

/// The elements of x a group (one channel, or the whole tensor) holds.
std::vector<std::vector<size_t>> groups(const std::vector<int64_t> &shape,
                                        std::optional<int64_t> axis) {
  size_t n = elementCount(shape);
  // An empty tensor's groups are empty; the products of its other
  // dimensions, which may overflow, are never iterated.
  if (n == 0)
    return std::vector<std::vector<size_t>>(axis ? size_t(shape[*axis]) : 1);
  if (!axis) {
    std::vector<size_t> all(n);
    for (size_t i = 0; i < n; ++i)
      all[i] = i;
    return {all};
  }
  size_t outer = 1, inner = 1, len = size_t(shape[*axis]);
  for (int64_t d = 0; d < *axis; ++d)
    outer *= size_t(shape[d]);
  for (size_t d = size_t(*axis) + 1; d < shape.size(); ++d)
    inner *= size_t(shape[d]);
  std::vector<std::vector<size_t>> g(len);
  for (size_t o = 0; o < outer; ++o)
    for (size_t a = 0; a < len; ++a)
      for (size_t i = 0; i < inner; ++i)
        g[a].push_back((o * len + a) * inner + i);
  return g;
}

/// The lines along `axis` (for block formats), each in order.
std::vector<std::vector<size_t>> lines(const std::vector<int64_t> &shape,
                                       int64_t axis) {
  // An empty tensor has no elements on any line (see groups()).
  if (elementCount(shape) == 0)
    return {};
  size_t outer = 1, inner = 1, len = size_t(shape[axis]);
  for (int64_t d = 0; d < axis; ++d)
    outer *= size_t(shape[d]);
  for (size_t d = size_t(axis) + 1; d < shape.size(); ++d)
    inner *= size_t(shape[d]);
  std::vector<std::vector<size_t>> l;
  for (size_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < inner; ++i) {
      std::vector<size_t> line(len);
      for (size_t a = 0; a < len; ++a)
        line[a] = (o * len + a) * inner + i;
      l.push_back(std::move(line));
    }
  return l;
}

/// Quantizes one group's values at `scale` (units = x / scale).
std::vector<double> quantizeGroup(const TensorFormat &f,
                                  const std::vector<double> &x, double scale,
                                  Rounding r) {
  std::vector<double> u(x.size()), q(x.size());
  for (size_t i = 0; i < x.size(); ++i)
    u[i] = x[i] / scale;
  if (f.kind() == TensorFormat::Kind::Scalar) {
    for (size_t i = 0; i < x.size(); ++i)
      q[i] = f.scalar().decode(f.scalar().encode(u[i], r));
  } else {
    std::vector<uint8_t> codes(x.size());
    f.ovp().encode(u.data(), u.size(), codes.data());
    f.ovp().decode(codes.data(), codes.size(), q.data());
  }
  for (double &v : q)
    v *= scale;
  return q;
}

double mse(const std::vector<double> &a, const std::vector<double> &b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i)
    s += (a[i] - b[i]) * (a[i] - b[i]);
  return a.empty() ? 0 : s / double(a.size());
}

/// fn(0) ... fn(n - 1) on `workers` threads, each taking every workers-th
/// index; fn must only write what its index owns.
template <typename Fn> void parallelFor(size_t n, size_t workers, Fn &&fn) {
  workers = std::max<size_t>(1, std::min(workers, n));
  std::vector<std::thread> threads;
  for (size_t t = 1; t < workers; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = t; i < n; i += workers)
        fn(i);
    });
  for (size_t i = 0; i < n; i += workers)
    fn(i);
  for (std::thread &t : threads)
    t.join();
}

/// mse(x, quantizeGroup(f, x, scale, r)) in one pass without buffers for
/// scalar formats: the hot loop of the scale search.
double groupMse(const TensorFormat &f, const std::vector<double> &x,
                double scale, Rounding r) {
  if (f.kind() != TensorFormat::Kind::Scalar)
    return mse(x, quantizeGroup(f, x, scale, r));
  const ScalarFormat &sf = f.scalar();
  double sum = 0;
  for (double v : x) {
    double d = v - sf.quantize(v / scale, r) * scale;
    sum += d * d;
  }
  return x.empty() ? 0 : sum / double(x.size());
}

/// The clipping range alpha candidates for one group.
std::vector<double> alphas(const TensorFormat &f, const std::vector<double> &x,
                           bool search) {
  double base = 0;
  if (f.kind() == TensorFormat::Kind::Ovp) {
    // OliVe: max(|mean + 3 std|, |mean - 3 std|).
    double mean = 0, var = 0;
    for (double v : x)
      mean += v;
    mean /= double(std::max<size_t>(x.size(), 1));
    for (double v : x)
      var += (v - mean) * (v - mean);
    double sd = std::sqrt(var / double(std::max<size_t>(x.size(), 1)));
    base = std::max(std::fabs(mean + 3 * sd), std::fabs(mean - 3 * sd));
  } else {
    for (double v : x)
      base = std::max(base, std::fabs(v));
  }
  if (base == 0 || !std::isfinite(base))
    return {};
  if (!search)
    return {base};
  std::vector<double> a;
  if (f.kind() == TensorFormat::Kind::Ovp) {
    for (int i = 75; i < 250; i += 2)
      a.push_back(base * i / 100);
  } else {
    for (int i = f.bits() > 6 ? 95 : 75; i < 150; ++i)
      a.push_back(base * i / 100);
  }
  return a;
}

double formatMax(const TensorFormat &f) {
  return f.kind() == TensorFormat::Kind::Ovp ? f.ovp().normal().maxValue()
                                              : f.scalar().maxValue();
}

} // namespace

std::optional<TensorFormat> TensorFormat::parse(const std::string &name,
                                                std::string &error) {
  TensorFormat f;
  f.formatName = name;
  unsigned bits = 0, block = 64;
  auto bad = [&](const std::string &why) {
    error = "unknown format '" + name + "'" + (why.empty() ? "" : ": " + why);
    return std::nullopt;
  };
  if (startsWith(name, "ovp")) {
    bool isFlint = startsWith(name, "ovpflint");
    if (!isFlint && !startsWith(name, "ovpint"))
      return bad("OVP formats are ovpint<n> and ovpflint<n>");
    if (!parseBits(name, isFlint ? 8 : 6, bits) || (bits != 4 && bits != 8))
      return bad("OVP has 4 and 8 bits");
    f.formatKind = Kind::Ovp;
    f.ovpFormat = OvpFormat::get(
        isFlint ? OvpFormat::Normal::Flint : OvpFormat::Normal::Int, bits);
    return f;
  }
  if (startsWith(name, "mx")) {
    auto e = MxFormat::parseElement(name);
    if (!e)
      return bad("MX formats are mxint8, mxfp8_e4m3, mxfp8_e5m2, "
                 "mxfp6_e3m2, mxfp6_e2m3, mxfp4_e2m1");
    f.formatKind = Kind::Mx;
    f.mxFormat.element = *e;
    return f;
  }
  if (startsWith(name, "bfp")) {
    if (!parseBits(name, 3, bits, &block) || bits < 2 || bits > 8)
      return bad("BFP is bfp<p>[_<block>] with p in 2..8");
    f.formatKind = Kind::Bfp;
    f.bfpFormat = BfpFormat{bits, block};
    return f;
  }
  bool isUnsigned = name.size() > 1 && name[0] == 'u';
  std::string base = isUnsigned ? name.substr(1) : name;
  for (const char *kind : {"int", "pot", "float", "flint"}) {
    if (!startsWith(base, kind) ||
        !parseBits(base, std::string(kind).size(), bits))
      continue;
    std::string k = kind;
    if (bits < 2 || bits > 8)
      return bad("scalar formats have 2 to 8 bits");
    if (k == "int")
      f.scalarFormat = ScalarFormat::integer(bits, !isUnsigned, false);
    else if (k == "pot")
      f.scalarFormat = ScalarFormat::pot(bits, !isUnsigned);
    else if (k == "flint") {
      if (bits < 3)
        return bad("flint has 3 to 8 bits");
      f.scalarFormat = ScalarFormat::flint(bits, !isUnsigned);
    } else {
      auto af = ScalarFormat::antFloat(bits, !isUnsigned);
      if (!af)
        return bad("ANT's float needs 3 exponent bits besides the sign");
      f.scalarFormat = *af;
    }
    return f;
  }
  return bad("");
}

unsigned TensorFormat::bits() const {
  switch (formatKind) {
  case Kind::Scalar:
    return scalarFormat->bits();
  case Kind::Ovp:
    return ovpFormat->bits();
  case Kind::Mx:
    return mxFormat.elementFormat().bits();
  case Kind::Bfp:
    return bfpFormat.mantissaBits;
  }
  return 0;
}

Rounding TensorFormat::defaultRounding() const {
  switch (formatKind) {
  case Kind::Scalar:
    return scalarFormat->defaultRounding();
  case Kind::Ovp:
    return Rounding::TiesUp;
  case Kind::Mx:
    return mxFormat.rounding;
  case Kind::Bfp:
    return bfpFormat.rounding;
  }
  return Rounding::TiesEven;
}

int TensorFormat::unitFracBits() const {
  if (formatKind == Kind::Ovp)
    return std::max(ovpFormat->normal().fracBits(),
                    ovpFormat->outlier().fracBits());
  return formatKind == Kind::Scalar ? scalarFormat->fracBits() : 0;
}

double TensorFormat::maxImage() const {
  auto largest = [&](const ScalarFormat &f) {
    return std::max(std::fabs(f.minValue()), std::fabs(f.maxValue()));
  };
  double m = 0;
  if (formatKind == Kind::Scalar)
    m = largest(*scalarFormat);
  else if (formatKind == Kind::Ovp)
    m = std::max(largest(ovpFormat->normal()), largest(ovpFormat->outlier()));
  return std::ldexp(m, unitFracBits());
}

bool mlir::tessel::quant::encodeTensor(const TensorFormat &format,
                                       const std::vector<float> &x,
                                       const std::vector<int64_t> &shape,
                                       const QuantizeOptions &options,
                                       EncodedTensor &out, std::string &error) {
  int64_t rank = int64_t(shape.size());
  if (options.axis && (*options.axis < 0 || *options.axis >= rank)) {
    error = "axis " + std::to_string(*options.axis) +
            " is out of range for a tensor of rank " + std::to_string(rank);
    return false;
  }
  if (options.scale && !(*options.scale > 0 && std::isfinite(*options.scale))) {
    error = "the scale must be positive and finite";
    return false;
  }
  if (!format.hasScale() && (options.scale || options.scaleSearch)) {
    error = format.name() + " carries its own block scales; --scale and "
                            "--scale-search apply to scalar and OVP formats";
    return false;
  }
  if (!format.hasScale() && rank == 0) {
    error = "block formats need a tensor of rank 1 or more";
    return false;
  }
  out = EncodedTensor();
  out.format = format.name();
  out.rounding = options.rounding.value_or(format.defaultRounding());
  out.shape = shape;
  out.axis = options.axis.value_or(format.hasScale() ? -1 : rank - 1);
  out.codes.assign(x.size(), 0);
  Rounding r = out.rounding;

  if (!format.hasScale()) {
    // Blocks along each line of the axis; exponents line by line.
    for (const std::vector<size_t> &line : lines(shape, out.axis)) {
      std::vector<float> in(line.size());
      for (size_t i = 0; i < line.size(); ++i)
        in[i] = x[line[i]];
      size_t block = format.kind() == TensorFormat::Kind::Mx
                         ? format.mx().blockSize
                         : format.bfp().blockSize;
      std::vector<uint8_t> scales((line.size() + block - 1) / block),
          codes(line.size());
      if (format.kind() == TensorFormat::Kind::Mx) {
        MxFormat mx = format.mx();
        mx.rounding = r;
        mxEncode(mx, in.data(), in.size(), scales.data(), codes.data());
      } else {
        BfpFormat bfp = format.bfp();
        bfp.rounding = r;
        bfpEncode(bfp, in.data(), in.size(), scales.data(), codes.data());
      }
      out.blockScales.insert(out.blockScales.end(), scales.begin(),
                             scales.end());
      for (size_t i = 0; i < line.size(); ++i)
        out.codes[line[i]] = codes[i];
    }
    return true;
  }

  std::optional<int64_t> axis =
      out.axis >= 0 ? std::optional<int64_t>(out.axis) : std::nullopt;
  // A scale per channel, and an empty tensor has none to compute however
  // many channels its shape names (an .npy's may name 2^40: 8 TB of them).
  if (axis && x.empty() && shape[*axis] > 1) {
    error = "the tensor is empty: its " + std::to_string(shape[*axis]) +
            " channels along axis " + std::to_string(*axis) +
            " have no values to scale";
    return false;
  }
  auto gs = groups(shape, axis);
  if (!options.scales.empty() &&
      (!axis || options.scales.size() != gs.size())) {
    error = "expected " + std::to_string(gs.size()) +
            " per-channel scales along an axis, got " +
            std::to_string(options.scales.size());
    return false;
  }
  // Groups are independent (each writes its own codes and scale), so large
  // tensors search their channels on every core.
  out.scales.assign(gs.size(), 1.0);
  auto quantizeGroupAt = [&](size_t g) {
    const std::vector<size_t> &group = gs[g];
    std::vector<double> gx(group.size());
    for (size_t i = 0; i < group.size(); ++i)
      gx[i] = x[group[i]];
    double bestScale = 1;
    if (!options.scales.empty()) {
      bestScale = options.scales[g];
    } else if (options.scale) {
      bestScale = *options.scale;
    } else {
      // The first candidate of least error. A tensor searched as one group
      // (per-tensor activations) spreads its candidates over the cores
      // instead; each error is the same sum either way.
      std::vector<double> candidates = alphas(format, gx, options.scaleSearch);
      std::vector<double> errors(candidates.size());
      auto errorOf = [&](size_t c) {
        errors[c] = groupMse(format, gx, candidates[c] / formatMax(format), r);
      };
      size_t spread = gs.size() == 1 && gx.size() >= (size_t(1) << 16)
                          ? size_t(std::max(1u, std::thread::hardware_concurrency()))
                          : 1;
      parallelFor(candidates.size(), std::min<size_t>(spread, 8), errorOf);
      double bestMse = std::numeric_limits<double>::infinity();
      for (size_t c = 0; c < candidates.size(); ++c)
        if (errors[c] < bestMse) {
          bestMse = errors[c];
          bestScale = candidates[c] / formatMax(format);
        }
    }
    std::vector<uint8_t> codes(group.size());
    if (format.kind() == TensorFormat::Kind::Scalar) {
      for (size_t i = 0; i < group.size(); ++i)
        codes[i] = uint8_t(format.scalar().encode(gx[i] / bestScale, r));
    } else {
      std::vector<double> u(group.size());
      for (size_t i = 0; i < group.size(); ++i)
        u[i] = gx[i] / bestScale;
      format.ovp().encode(u.data(), u.size(), codes.data());
    }
    for (size_t i = 0; i < group.size(); ++i)
      out.codes[group[i]] = codes[i];
    out.scales[g] = bestScale;
  };
  size_t workers = std::min<size_t>(
      {size_t(std::max(1u, std::thread::hardware_concurrency())), gs.size(),
       size_t(x.size() >= (size_t(1) << 16) ? 8 : 1)});
  parallelFor(gs.size(), workers, quantizeGroupAt);
  return true;
}

/// The format of `in` and its element count, once its codes, axis and
/// scale count are checked against its shape.
static std::optional<TensorFormat> checkEncoded(const EncodedTensor &in,
                                                size_t &n, std::string &error) {
  auto format = TensorFormat::parse(in.format, error);
  if (!format)
    return std::nullopt;
  n = elementCount(in.shape);
  if (in.codes.size() != n) {
    error = "expected " + std::to_string(n) + " codes, got " +
            std::to_string(in.codes.size());
    return std::nullopt;
  }
  int64_t rank = int64_t(in.shape.size());
  if (in.axis < -1 || in.axis >= rank || (!format->hasScale() && in.axis < 0)) {
    error = "axis " + std::to_string(in.axis) + " does not fit the shape";
    return std::nullopt;
  }
  // Before any group is made: an empty tensor may have 2^40 channels, but
  // not the scales for them.
  size_t channels = in.axis >= 0 ? size_t(in.shape[in.axis]) : 1;
  if (format->hasScale() && in.scales.size() != channels) {
    error = "expected " + std::to_string(channels) + " scales, got " +
            std::to_string(in.scales.size());
    return std::nullopt;
  }
  return format;
}

bool mlir::tessel::quant::decodeTensor(const EncodedTensor &in,
                                       std::vector<float> &y,
                                       std::string &error) {
  size_t n;
  auto format = checkEncoded(in, n, error);
  if (!format)
    return false;
  y.assign(n, 0);
  if (!format->hasScale()) {
    size_t next = 0;
    size_t block = format->kind() == TensorFormat::Kind::Mx
                       ? format->mx().blockSize
                       : format->bfp().blockSize;
    for (const std::vector<size_t> &line : lines(in.shape, in.axis)) {
      size_t numBlocks = (line.size() + block - 1) / block;
      if (next + numBlocks > in.blockScales.size()) {
        error = "too few block scales";
        return false;
      }
      std::vector<uint8_t> codes(line.size());
      for (size_t i = 0; i < line.size(); ++i)
        codes[i] = in.codes[line[i]];
      std::vector<float> out(line.size());
      if (format->kind() == TensorFormat::Kind::Mx)
        mxDecode(format->mx(), in.blockScales.data() + next, codes.data(),
                 line.size(), out.data());
      else
        bfpDecode(format->bfp(), in.blockScales.data() + next, codes.data(),
                  line.size(), out.data());
      next += numBlocks;
      for (size_t i = 0; i < line.size(); ++i)
        y[line[i]] = out[i];
    }
    if (next != in.blockScales.size()) {
      error = "too many block scales";
      return false;
    }
    return true;
  }
  std::optional<int64_t> axis =
      in.axis >= 0 ? std::optional<int64_t>(in.axis) : std::nullopt;
  auto gs = groups(in.shape, axis);
  for (size_t g = 0; g < gs.size(); ++g) {
    const std::vector<size_t> &group = gs[g];
    std::vector<uint8_t> codes(group.size());
    for (size_t i = 0; i < group.size(); ++i)
      codes[i] = in.codes[group[i]];
    std::vector<double> u(group.size());
    if (format->kind() == TensorFormat::Kind::Scalar) {
      for (size_t i = 0; i < group.size(); ++i) {
        if (codes[i] >= format->scalar().numCodes()) {
          error = "code " + std::to_string(codes[i]) + " does not fit " +
                  in.format;
          return false;
        }
        u[i] = format->scalar().decode(codes[i]);
      }
    } else {
      format->ovp().decode(codes.data(), codes.size(), u.data());
    }
    for (size_t i = 0; i < group.size(); ++i)
      y[group[i]] = float(u[i] * in.scales[g]);
  }
  return true;
}

bool mlir::tessel::quant::integerImages(const EncodedTensor &in,
                                        std::vector<int32_t> &images,
                                        std::string &error) {
  size_t n;
  auto format = checkEncoded(in, n, error);
  if (!format)
    return false;
  if (!format->hasScale()) {
    error = in.format + " is a block format; it has no integer images";
    return false;
  }
  images.assign(n, 0);
  int frac = format->unitFracBits();
  if (format->kind() == TensorFormat::Kind::Scalar) {
    const ScalarFormat &f = format->scalar();
    // mantissa * 2^(shift - fracBits) units, and frac = fracBits here.
    // An image beyond 32 bits (PoT's top codes) is marked by 0 with
    // `wide` set, and only an error if a code uses it.
    std::vector<int32_t> table(f.numCodes());
    std::vector<bool> wide(f.numCodes(), false);
    for (uint32_t c = 0; c < f.numCodes(); ++c) {
      IntShift is = f.decodeIntShift(c);
      double image = std::isnan(f.decode(c))
                         ? 0
                         : std::ldexp(double(is.mantissa), is.shift);
      wide[c] = std::fabs(image) > double(INT32_MAX);
      table[c] = wide[c] ? 0 : int32_t(image);
    }
    for (size_t i = 0; i < n; ++i) {
      if (in.codes[i] >= f.numCodes()) {
        error = "code " + std::to_string(in.codes[i]) + " does not fit " +
                in.format;
        return false;
      }
      if (wide[in.codes[i]]) {
        error = "a " + in.format + " value needs an image beyond 32 bits";
        return false;
      }
      images[i] = table[in.codes[i]];
    }
    return true;
  }
  // OVP pairs run within a scale group, as the encoder formed them.
  std::optional<int64_t> axis =
      in.axis >= 0 ? std::optional<int64_t>(in.axis) : std::nullopt;
  for (const std::vector<size_t> &group : groups(in.shape, axis)) {
    std::vector<uint8_t> codes(group.size());
    for (size_t i = 0; i < group.size(); ++i)
      codes[i] = in.codes[group[i]];
    std::vector<double> u(group.size());
    format->ovp().decode(codes.data(), codes.size(), u.data());
    for (size_t i = 0; i < group.size(); ++i) {
      double image = std::ldexp(u[i], frac);
      if (std::isnan(image) || image != std::trunc(image)) {
        error = "an OVP value is off the format's grid";
        return false;
      }
      images[group[i]] = int32_t(image);
    }
  }
  return true;
}

bool mlir::tessel::quant::fakeQuantize(const TensorFormat &format,
                                       const std::vector<float> &x,
                                       const std::vector<int64_t> &shape,
                                       const QuantizeOptions &options,
                                       Quantized &result, std::string &error) {
  EncodedTensor encoded;
  if (!encodeTensor(format, x, shape, options, encoded, error) ||
      !decodeTensor(encoded, result.values, error))
    return false;
  result.scales = encoded.scales;
  return true;
}

ErrorStats mlir::tessel::quant::compareTensors(const std::vector<float> &reference,
                                         const std::vector<float> &quantized) {
  ErrorStats s;
  double signal = 0, noise = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    double d = double(reference[i]) - double(quantized[i]);
    noise += d * d;
    signal += double(reference[i]) * reference[i];
    s.maxAbs = std::max(s.maxAbs, std::fabs(d));
  }
  s.mse = reference.empty() ? 0 : noise / double(reference.size());
  s.sqnrDb = noise == 0 ? std::numeric_limits<double>::infinity()
                        : 10 * std::log10(signal / noise);
  return s;
}
