//===- tessel-quant.cpp - number formats on tensors from the command line -===//
//
//   tessel-quant stats x.npy|model.onnx [--formats a,b] [--axis A] [--json]
//   tessel-quant quantize --format F [--scale S | --scale-search] [--axis A]
//                [--rounding R] x.npy -o y.npy
//   tessel-quant encode (same options) x.npy -o y.tq
//   tessel-quant decode y.tq -o x.npy
//
// stats: per format, the error of a tensor (or of every weight of a model)
// after fake quantization with a searched scale, and ANT's choice of type.
// quantize: the values a tensor takes in a format (encode, then decode).
// encode/decode: to and from a packed file (docs/number-formats.md).
//
//===----------------------------------------------------------------------===//

#include "tessel/InitAllDialects.h"
#include "tessel/Quant/TensorQuantizer.h"
#include "tessel/Tools/tessel-quant/FormatStats.h"
#include "tessel/Support/Npy.h"
#include "tessel/Support/WholeFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using mlir::tessel::interp::Tensor;
namespace cl = llvm::cl;
namespace q = mlir::tessel::quant;
namespace quanttool = mlir::tessel::quanttool;

static cl::SubCommand statsCmd("stats",
                               "Error of each format on a tensor or a model");
static cl::SubCommand quantizeCmd(
    "quantize", "Fake-quantize a tensor: the values it takes in a format");
static cl::SubCommand encodeCmd("encode",
                                "Encode a tensor into a packed file");
static cl::SubCommand decodeCmd("decode",
                                "Decode a packed file back to a tensor");

static cl::opt<std::string> input(cl::Positional,
                                  cl::desc("<x.npy|model.onnx|y.tq>"),
                                  cl::Required, cl::sub(statsCmd),
                                  cl::sub(quantizeCmd), cl::sub(encodeCmd),
                                  cl::sub(decodeCmd));
static cl::opt<int64_t>
    axis("axis",
         cl::desc("Per-channel scales along this axis (block formats: the "
                  "axis blocks run along)"),
         cl::init(-1), cl::sub(statsCmd), cl::sub(quantizeCmd),
         cl::sub(encodeCmd));
static cl::list<std::string>
    formats("formats", cl::desc("Formats to measure (default: all)"),
            cl::CommaSeparated, cl::sub(statsCmd));
static cl::opt<bool> json("json", cl::desc("Print JSON"), cl::sub(statsCmd));
static cl::opt<std::string> format("format", cl::desc("The format"),
                                   cl::sub(quantizeCmd), cl::sub(encodeCmd));
static cl::opt<double> scale("scale", cl::desc("A fixed scale"),
                             cl::init(0), cl::sub(quantizeCmd),
                             cl::sub(encodeCmd));
static cl::opt<bool> scaleSearch("scale-search",
                                 cl::desc("Search the scale by MSE"),
                                 cl::sub(quantizeCmd), cl::sub(encodeCmd));
static cl::opt<std::string>
    rounding("rounding",
             cl::desc("Tie rule: up, even, away or zero (default: the "
                      "format's reference)"),
             cl::sub(quantizeCmd), cl::sub(encodeCmd));
static cl::opt<std::string> output("o", cl::desc("Output file"),
                                   cl::sub(quantizeCmd), cl::sub(encodeCmd),
                                   cl::sub(decodeCmd));

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "tessel-quant") << message << "\n";
  return 1;
}

namespace {

int runStats(MLIRContext &ctx) {
  std::vector<quanttool::NamedTensor> tensors;
  std::string error;
  if (failed(quanttool::readTensors(ctx, input, tensors, error)))
    return fail(error);
  std::vector<std::string> names =
      formats.empty() ? quanttool::defaultFormats()
                      : std::vector<std::string>(formats.begin(), formats.end());
  for (const std::string &n : names)
    if (!q::TensorFormat::parse(n, error))
      return fail(error);

  // JSON has no NaN or infinity: such a statistic is null.
  auto number = [](double v) {
    return std::isfinite(v) ? llvm::json::Value(v) : llvm::json::Value(nullptr);
  };
  llvm::json::Array jsonTensors;
  size_t measuredTensors = 0;
  for (const quanttool::NamedTensor &t : tensors) {
    std::optional<int64_t> ax;
    if (axis >= 0) {
      // A model's small tensors may lack the axis; a tensor of its own
      // must have it.
      if (axis >= int64_t(t.shape.size())) {
        if (tensors.size() == 1)
          return fail(t.name + " has " + std::to_string(t.shape.size()) +
                      " dimensions, no axis " + std::to_string(axis));
        continue;
      }
      ax = axis;
    }
    ++measuredTensors;
    auto measured = quanttool::measureFormats(t, names, ax, error);
    if (failed(measured))
      return fail(error);
    const std::vector<quanttool::FormatError> &rows = measured->rows;
    const quanttool::FormatError *ant =
        measured->antChoice ? &rows[*measured->antChoice] : nullptr;
    if (json) {
      llvm::json::Array jr;
      for (const quanttool::FormatError &r : rows)
        jr.push_back(llvm::json::Object{
            {"format", r.format},
            {"mse", number(r.stats.mse)},
            {"sqnr_db", number(r.stats.sqnrDb)},
            {"max_error", number(r.stats.maxAbs)}});
      llvm::json::Object o{{"tensor", t.name},
                           {"shape", llvm::json::Array(t.shape)},
                           {"formats", std::move(jr)}};
      if (ant)
        o["ant_choice"] = ant->format;
      jsonTensors.push_back(std::move(o));
      continue;
    }
    llvm::outs() << t.name << " [";
    for (size_t i = 0; i < t.shape.size(); ++i)
      llvm::outs() << (i ? "x" : "") << t.shape[i];
    llvm::outs() << "] "
                 << (ax ? "per-channel along axis " + std::to_string(*ax) +
                              " (blocks within each channel)"
                        : std::string("per-tensor (blocks along the last axis)"))
                 << ", scales searched by MSE\n";
    llvm::outs() << llvm::format("  %-12s %12s %9s %12s\n", "format", "MSE",
                                 "SQNR dB", "max error");
    for (const quanttool::FormatError &r : rows)
      llvm::outs() << llvm::format("  %-12s %12.4e %9.2f %12.4e\n",
                                   r.format.c_str(), r.stats.mse,
                                   r.stats.sqnrDb, r.stats.maxAbs);
    if (ant)
      llvm::outs() << "  ANT's choice (int4, pot4, flint4 by MSE): "
                   << ant->format << "\n";
  }
  if (!measuredTensors)
    return fail("no tensor of " + input + " has axis " + std::to_string(axis));
  if (json)
    llvm::outs() << llvm::formatv("{0:2}",
                                  llvm::json::Value(std::move(jsonTensors)))
                 << "\n";
  return 0;
}

/// The format and options shared by quantize and encode.
bool quantizeOptions(llvm::StringRef command,
                     std::optional<q::TensorFormat> &f,
                     q::QuantizeOptions &options, std::string &error) {
  if (format.empty()) {
    error = command.str() + " needs --format";
    return false;
  }
  f = q::TensorFormat::parse(format, error);
  if (!f)
    return false;
  if (axis >= 0)
    options.axis = axis;
  if (scale.getNumOccurrences()) {
    if (scaleSearch) {
      error = "--scale and --scale-search exclude each other";
      return false;
    }
    options.scale = scale;
  }
  options.scaleSearch = scaleSearch;
  if (!rounding.empty()) {
    options.rounding = q::parseRounding(rounding);
    if (!options.rounding) {
      error = "unknown rounding '" + rounding +
              "' (expected up, even, away or zero)";
      return false;
    }
  }
  return true;
}

int writeFloatNpy(MLIRContext &ctx, const std::vector<int64_t> &shape,
                  const std::vector<float> &values) {
  Tensor out(RankedTensorType::get(shape, Float32Type::get(&ctx)));
  std::copy(values.begin(), values.end(), out.data<float>());
  std::string error;
  if (failed(tessel::writeNpy(output, out, error)))
    return fail(error);
  return 0;
}

void printScales(const std::vector<double> &scales) {
  if (scales.empty())
    return;
  llvm::outs() << ", scale" << (scales.size() > 1 ? "s " : " ");
  for (size_t i = 0; i < scales.size() && i < 4; ++i)
    llvm::outs() << (i ? " " : "") << llvm::format("%.6g", scales[i]);
  if (scales.size() > 4)
    llvm::outs() << " ...";
}

int runQuantize(MLIRContext &ctx) {
  std::optional<q::TensorFormat> f;
  q::QuantizeOptions options;
  std::string error;
  if (!quantizeOptions("quantize", f, options, error))
    return fail(error);
  if (output.empty())
    return fail("quantize needs -o y.npy");
  auto x = quanttool::readFloatNpy(ctx, input, error);
  if (failed(x))
    return fail(error);
  q::Quantized result;
  if (!q::fakeQuantize(*f, x->values, x->shape, options, result, error))
    return fail(input + ": " + error);
  if (int rc = writeFloatNpy(ctx, x->shape, result.values))
    return rc;
  q::ErrorStats s = q::compareTensors(x->values, result.values);
  llvm::outs() << f->name() << ": MSE " << llvm::format("%.4e", s.mse)
               << ", SQNR " << llvm::format("%.2f", s.sqnrDb) << " dB";
  printScales(result.scales);
  llvm::outs() << " -> " << output << "\n";
  return 0;
}

int runEncode(MLIRContext &ctx) {
  std::optional<q::TensorFormat> f;
  q::QuantizeOptions options;
  std::string error;
  if (!quantizeOptions("encode", f, options, error))
    return fail(error);
  if (output.empty())
    return fail("encode needs -o y.tq");
  auto x = quanttool::readFloatNpy(ctx, input, error);
  if (failed(x))
    return fail(error);
  q::EncodedTensor encoded;
  if (!q::encodeTensor(*f, x->values, x->shape, options, encoded, error))
    return fail(input + ": " + error);
  std::string bytes = q::writePackedTensor(encoded);
  if (failed(tessel::writeWholeFile(output, bytes, error)))
    return fail(error);
  llvm::outs() << f->name() << ": " << x->values.size() << " elements in "
               << bytes.size() << " bytes ("
               << llvm::format("%.2f", 8.0 * bytes.size() / x->values.size())
               << " bits each)";
  printScales(encoded.scales);
  llvm::outs() << " -> " << output << "\n";
  return 0;
}

int runDecode(MLIRContext &ctx) {
  if (output.empty())
    return fail("decode needs -o x.npy");
  auto buffer = llvm::MemoryBuffer::getFile(input);
  if (!buffer)
    return fail("cannot read '" + input + "': " + buffer.getError().message());
  q::EncodedTensor encoded;
  std::string error;
  std::vector<float> values;
  if (!q::readPackedTensor((*buffer)->getBuffer().str(), encoded, error) ||
      !q::decodeTensor(encoded, values, error))
    return fail(input + ": " + error);
  if (int rc = writeFloatNpy(ctx, encoded.shape, values))
    return rc;
  llvm::outs() << encoded.format << ": " << values.size() << " elements -> "
               << output << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "tessel number formats\n");
  DialectRegistry registry;
  tessel::registerAllDialects(registry);
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  if (statsCmd)
    return runStats(ctx);
  if (quantizeCmd)
    return runQuantize(ctx);
  if (encodeCmd)
    return runEncode(ctx);
  if (decodeCmd)
    return runDecode(ctx);
  return fail("expected a subcommand: stats, quantize, encode or decode "
              "(see --help)");
}
