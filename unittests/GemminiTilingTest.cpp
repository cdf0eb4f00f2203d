//===- GemminiTilingTest.cpp - Gemmini's own tile choices -----------------===//
//
// Expected tiles come from gemmini.h itself, never from the library:
// python/tessel/gemmini_tiling_reference.py runs gemmini.h's
// tiled_matmul_auto / tiled_conv_auto and reads the tiles off the commands
// they issue. kRecorded below is its output for gemmini-default on
// test/Schedule/Inputs/gemmini-tiling-cases.txt (regenerate with
// `gemmini_tiling_reference.py CASES`, dropping the lines' target prefix);
// test/Schedule/gemmini-tiling-reference.test runs it afresh on every
// preset and hands the file to GemminiTilingReference.FromEnvironment.
//
//===----------------------------------------------------------------------===//

#include "tessel/Schedule/GemminiTiling.h"

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {

const GemminiMemory kDefault{16, 16384, 1024};

//===----------------------------------------------------------------------===//
// The reference's case lines, run through the library
//===----------------------------------------------------------------------===//

/// A case line: its kind, key=value fields, bare flags and the matmul's
/// IxJxK and dataflow.
struct Case {
  std::string kind;
  std::map<std::string, std::string> fields;
  std::set<std::string> flags;
  std::vector<std::string> positional;
};

Case parseCase(llvm::StringRef line) {
  Case c;
  llvm::SmallVector<llvm::StringRef> words;
  line.split(words, ' ', -1, /*KeepEmpty=*/false);
  c.kind = words.front().str();
  for (llvm::StringRef w : llvm::drop_begin(words)) {
    auto [key, value] = w.split('=');
    if (!value.empty())
      c.fields[key.str()] = value.str();
    else if (w == "ws" || w == "os" || llvm::isDigit(w.front()))
      c.positional.push_back(w.str());
    else
      c.flags.insert(w.str());
  }
  return c;
}

int64_t number(llvm::StringRef s) {
  int64_t v = 0;
  EXPECT_FALSE(s.getAsInteger(10, v)) << "not a number: " << s.str();
  return v;
}

std::vector<int64_t> numbers(llvm::StringRef s, char sep) {
  llvm::SmallVector<llvm::StringRef> parts;
  s.split(parts, sep);
  std::vector<int64_t> out;
  for (llvm::StringRef p : parts)
    out.push_back(number(p));
  return out;
}

std::string field(const Case &c, const std::string &key,
                  const std::string &otherwise) {
  auto it = c.fields.find(key);
  return it == c.fields.end() ? otherwise : it->second;
}

ConvProblem convProblem(const Case &c) {
  ConvProblem p;
  p.batch = number(field(c, "batch", "1"));
  std::vector<int64_t> in = numbers(field(c, "in", "0x0x0"), 'x');
  p.inRows = in.at(0);
  p.inCols = in.at(1);
  p.inChannels = in.at(2);
  p.outChannels = number(field(c, "och", "0"));
  p.kernelRows = p.kernelCols = number(field(c, "kernel", "1"));
  p.stride = number(field(c, "stride", "1"));
  p.padding = number(field(c, "pad", "0"));
  p.kernelDilation = number(field(c, "kdil", "1"));
  p.inputDilation = number(field(c, "idil", "1"));
  p.groups = number(field(c, "groups", "1"));
  std::vector<int64_t> pool = numbers(field(c, "pool", "1,0,0"), ',');
  p.poolSize = pool.at(0);
  p.poolStride = pool.at(1);
  p.poolPadding = pool.at(2);
  p.wrot180 = c.flags.count("wrot180");
  p.transOutput1203 = c.flags.count("trans_output_1203");
  p.transInput3120 = c.flags.count("trans_input_3120");
  p.transWeight1203 = c.flags.count("trans_weight_1203");
  p.transWeight0132 = c.flags.count("trans_weight_0132");
  return p;
}

std::string matmulText(const MatmulTiling &t, int64_t tiles) {
  return llvm::formatv("tile={0},{1},{2} tiles={3} spad={4} acc={5}", t.tile.i,
                       t.tile.j, t.tile.k, tiles, t.spadRows, t.accRows);
}

/// The library's answer in the reference's words ("error: why" on failure).
std::string choose(llvm::StringRef line, const GemminiMemory &mem) {
  Case c = parseCase(line);
  std::string error;
  if (c.kind == "matmul") {
    MatmulProblem p;
    std::vector<int64_t> d = numbers(c.positional.at(0), 'x');
    p.m = d.at(0);
    p.n = d.at(1);
    p.k = d.at(2);
    p.dataflow =
        c.positional.at(1) == "os" ? GemminiDataflow::OS : GemminiDataflow::WS;
    std::string act = field(c, "act", "none");
    p.activation = act == "relu"        ? GemminiActivation::Relu
                   : act == "layernorm" ? GemminiActivation::LayerNorm
                   : act == "igelu"     ? GemminiActivation::IGelu
                   : act == "softmax"   ? GemminiActivation::Softmax
                                        : GemminiActivation::None;
    p.transposeA = c.flags.count("a_transpose");
    p.transposeB = c.flags.count("b_transpose");
    FailureOr<MatmulTiling> t = gemminiMatmulTiling(p, mem, error);
    return failed(t) ? "error: " + error : matmulText(*t, t->numTiles());
  }
  if (c.kind == "downsample") {
    ConvProblem p = convProblem(c);
    p.stride = 2;
    FailureOr<ConvDownsampleTiling> t =
        gemminiConvDownsampleTiling(p, mem, error);
    return failed(t) ? "error: " + error
                     : matmulText(t->rowMatmul, t->numTiles());
  }
  EXPECT_EQ(c.kind, "conv") << line.str();
  FailureOr<ConvTiling> t = gemminiConvTiling(convProblem(c), mem, error);
  if (failed(t))
    return "error: " + error;
  const ConvTile &a = t->tile;
  return llvm::formatv("args={0},{1},{2},{3},{4},{5},{6} tiles={7} spad={8} "
                       "acc={9}",
                       a.batches, a.porows, a.pocols, a.pochs, a.krows, a.kcols,
                       a.kchs, t->numTiles(), t->rows.spad(), t->rows.acc());
}

/// Checks one "CASE => RESULT" line; a reference error ("error (what
/// gemmini.h printed)") must be an error of the library too.
void expectLine(llvm::StringRef line, const GemminiMemory &mem,
                llvm::StringRef where) {
  auto [caseText, expected] = line.split(" => ");
  ASSERT_FALSE(expected.empty())
      << where.str() << ": no result in " << line.str();
  std::string got = choose(caseText.trim(), mem);
  if (expected.starts_with("error"))
    EXPECT_TRUE(llvm::StringRef(got).starts_with("error: "))
        << where.str() << ": " << caseText.str()
        << "\n  gemmini.h: " << expected.str() << "\n  tessel:    " << got;
  else
    EXPECT_EQ(got, expected.str()) << where.str() << ": " << caseText.str();
}

/// gemmini_tiling_reference.py's output on gemmini-default.
constexpr llvm::StringLiteral kRecorded = R"ref(
matmul 512x512x512 ws => tile=5,6,32 tiles=42 spad=5632 acc=480
matmul 1024x1024x1024 ws => tile=5,5,51 tiles=338 spad=8160 acc=400
matmul 512x512x512 os => tile=8,8,32 tiles=16 spad=8192 acc=1024
matmul 1024x1024x1024 os => tile=8,8,64 tiles=64 spad=16384 acc=1024
matmul 1x1x1 ws => tile=1,1,1 tiles=1 spad=32 acc=16
matmul 16x16x16 ws => tile=1,1,1 tiles=1 spad=32 acc=16
matmul 17x33x65 ws => tile=2,3,5 tiles=1 spad=400 acc=96
matmul 100x200x300 ws => tile=5,6,19 tiles=6 spad=3344 acc=480
matmul 100x200x300 os => tile=7,9,19 tiles=2 spad=4864 acc=1008
matmul 1x1000x2048 ws => tile=1,8,56 tiles=24 spad=8064 acc=128
matmul 4x1000x2048 ws => tile=1,8,56 tiles=24 spad=8064 acc=128
matmul 1x1000x1280 ws => tile=1,8,56 tiles=16 spad=8064 acc=128
matmul 4096x16x16 ws => tile=32,1,1 tiles=8 spad=528 acc=512
matmul 16x4096x16 ws => tile=1,32,1 tiles=8 spad=528 acc=512
matmul 16x16x4096 ws => tile=1,1,256 tiles=1 spad=8192 acc=16
matmul 16x16x4096 os => tile=1,1,256 tiles=1 spad=8192 acc=16
matmul 3000x3000x50 ws => tile=5,6,4 tiles=1216 spad=704 acc=480
matmul 128x768x768 ws => tile=5,5,48 tiles=20 spad=7680 acc=400
matmul 128x3072x768 ws => tile=5,5,48 tiles=78 spad=7680 acc=400
matmul 128x768x3072 ws => tile=5,5,51 tiles=80 spad=8160 acc=400
matmul 128x768x768 os => tile=8,8,48 tiles=6 spad=12288 acc=1024
matmul 784x128x1152 ws => tile=5,5,51 tiles=40 spad=8160 acc=400
matmul 300x300x300 ws a_transpose => tile=5,6,19 tiles=16 spad=3344 acc=480
matmul 300x300x300 ws b_transpose => tile=5,6,19 tiles=16 spad=3344 acc=480
matmul 300x300x300 ws act=relu => tile=5,6,19 tiles=16 spad=3344 acc=480
matmul 300x300x300 os act=igelu => tile=8,8,19 tiles=9 spad=4864 acc=1024
matmul 128x768x768 ws act=layernorm => error (Not enough space in accumulator to store C)
matmul 64x512x64 ws act=layernorm => tile=1,32,4 tiles=4 spad=2112 acc=512
matmul 128x128x64 ws act=softmax => tile=4,8,4 tiles=2 spad=768 acc=512
matmul 100x250x70 ws act=softmax => tile=2,16,5 tiles=4 spad=1440 acc=512
matmul 64x2048x64 ws act=softmax => error (Not enough space in accumulator to store C)
matmul 300x300x300 ws a_transpose b_transpose => error (Not implemented: WS matmul, a_transpose=1, b_transpose=1)
matmul 300x300x300 os a_transpose => error (Not implemented: OS matmul, a_transpose=1, b_transpose=0)
conv name=resnet50.conv1 batch=1 in=224x224x3 och=64 kernel=7 stride=2 pad=3 pool=3,2,1 => args=1,6,17,16,7,7,3 tiles=160 spad=2799 acc=504
conv name=resnet50.conv1-unpooled batch=1 in=224x224x3 och=64 kernel=7 stride=2 pad=3 => args=1,22,23,16,7,7,3 tiles=120 spad=2747 acc=506
conv name=resnet50.s2.reduce batch=1 in=56x56x64 och=64 kernel=1 => args=1,22,23,16,1,1,64 tiles=36 spad=2088 acc=506
conv name=resnet50.s2.3x3 batch=1 in=56x56x64 och=64 kernel=3 pad=1 => args=1,22,23,16,3,3,64 tiles=36 spad=2976 acc=506
conv name=resnet50.s2.expand batch=1 in=56x56x64 och=256 kernel=1 => args=1,22,23,16,1,1,64 tiles=144 spad=2088 acc=506
conv name=resnet50.s2.reduce2 batch=1 in=56x56x256 och=64 kernel=1 => args=1,22,23,16,1,1,240 tiles=72 spad=7830 acc=506
conv name=resnet50.s3.reduce batch=1 in=56x56x256 och=128 kernel=1 => args=1,22,23,16,1,1,240 tiles=144 spad=7830 acc=506
conv name=resnet50.s3.3x3s2 batch=1 in=56x56x128 och=128 kernel=3 stride=2 pad=1 => args=1,22,23,16,3,3,48 tiles=96 spad=7056 acc=506
conv name=resnet50.s3.expand batch=1 in=28x28x128 och=512 kernel=1 => args=1,22,23,16,1,1,128 tiles=128 spad=4176 acc=506
conv name=resnet50.s3.proj batch=1 in=56x56x256 och=512 kernel=1 stride=2 => args=1,22,23,16,1,1,240 tiles=256 spad=7830 acc=506
conv name=resnet50.s3.reduce2 batch=1 in=28x28x512 och=128 kernel=1 => args=1,22,23,16,1,1,240 tiles=96 spad=7830 acc=506
conv name=resnet50.s3.3x3 batch=1 in=28x28x128 och=128 kernel=3 pad=1 => args=1,22,23,16,3,3,128 tiles=32 spad=5952 acc=506
conv name=resnet50.s4.reduce batch=1 in=28x28x512 och=256 kernel=1 => args=1,22,23,16,1,1,240 tiles=192 spad=7830 acc=506
conv name=resnet50.s4.3x3s2 batch=1 in=28x28x256 och=256 kernel=3 stride=2 pad=1 => args=1,14,14,32,3,3,105 tiles=24 spad=8190 acc=392
conv name=resnet50.s4.expand batch=1 in=14x14x256 och=1024 kernel=1 => args=1,14,14,32,1,1,256 tiles=32 spad=3648 acc=392
conv name=resnet50.s4.proj batch=1 in=28x28x512 och=1024 kernel=1 stride=2 => args=1,14,14,32,1,1,512 tiles=32 spad=7296 acc=392
conv name=resnet50.s4.reduce2 batch=1 in=14x14x1024 och=256 kernel=1 => args=1,14,14,32,1,1,568 tiles=16 spad=8192 acc=392
conv name=resnet50.s4.3x3 batch=1 in=14x14x256 och=256 kernel=3 pad=1 => args=1,14,14,32,3,3,240 tiles=16 spad=8160 acc=392
conv name=resnet50.s5.reduce batch=1 in=14x14x1024 och=512 kernel=1 => args=1,14,14,32,1,1,568 tiles=32 spad=8192 acc=392
conv name=resnet50.s5.3x3s2 batch=1 in=14x14x512 och=512 kernel=3 stride=2 pad=1 => args=1,7,7,96,3,3,113 tiles=30 spad=8150 acc=294
conv name=resnet50.s5.expand batch=1 in=7x7x512 och=2048 kernel=1 => args=1,7,7,160,1,1,512 tiles=13 spad=6688 acc=490
conv name=resnet50.s5.proj batch=1 in=14x14x1024 och=2048 kernel=1 stride=2 => args=1,7,7,160,1,1,624 tiles=26 spad=8151 acc=490
conv name=resnet50.s5.reduce2 batch=1 in=7x7x2048 och=512 kernel=1 => args=1,7,7,160,1,1,624 tiles=16 spad=8151 acc=490
conv name=resnet50.s5.3x3 batch=1 in=7x7x512 och=512 kernel=3 pad=1 => args=1,7,7,112,3,3,119 tiles=25 spad=8145 acc=343
conv name=resnet50.conv1 batch=4 in=224x224x3 och=64 kernel=7 stride=2 pad=3 pool=3,2,1 => args=2,2,20,16,7,7,3 tiles=672 spad=3387 acc=504
conv name=resnet50.s2.reduce batch=4 in=56x56x64 och=64 kernel=1 => args=4,8,16,16,1,1,64 tiles=112 spad=2112 acc=512
conv name=resnet50.s2.3x3 batch=4 in=56x56x64 och=64 kernel=3 pad=1 => args=4,8,16,16,3,3,64 tiles=112 spad=3456 acc=512
conv name=resnet50.s2.expand batch=4 in=56x56x64 och=256 kernel=1 => args=4,8,16,16,1,1,64 tiles=448 spad=2112 acc=512
conv name=resnet50.s2.reduce2 batch=4 in=56x56x256 och=64 kernel=1 => args=4,8,16,16,1,1,240 tiles=224 spad=7920 acc=512
conv name=resnet50.s3.reduce batch=4 in=56x56x256 och=128 kernel=1 => args=4,8,16,16,1,1,240 tiles=448 spad=7920 acc=512
conv name=resnet50.s3.3x3s2 batch=4 in=56x56x128 och=128 kernel=3 stride=2 pad=1 => args=4,8,16,16,3,3,48 tiles=192 spad=7776 acc=512
conv name=resnet50.s3.expand batch=4 in=28x28x128 och=512 kernel=1 => args=4,8,16,16,1,1,128 tiles=256 spad=4224 acc=512
conv name=resnet50.s3.proj batch=4 in=56x56x256 och=512 kernel=1 stride=2 => args=4,8,16,16,1,1,240 tiles=512 spad=7920 acc=512
conv name=resnet50.s3.reduce2 batch=4 in=28x28x512 och=128 kernel=1 => args=4,8,16,16,1,1,240 tiles=192 spad=7920 acc=512
conv name=resnet50.s3.3x3 batch=4 in=28x28x128 och=128 kernel=3 pad=1 => args=4,8,16,16,3,3,128 tiles=64 spad=6912 acc=512
conv name=resnet50.s4.reduce batch=4 in=28x28x512 och=256 kernel=1 => args=4,8,16,16,1,1,240 tiles=384 spad=7920 acc=512
conv name=resnet50.s4.3x3s2 batch=4 in=28x28x256 och=256 kernel=3 stride=2 pad=1 => args=4,9,14,16,3,3,48 tiles=192 spad=7632 acc=504
conv name=resnet50.s4.expand batch=4 in=14x14x256 och=1024 kernel=1 => args=4,9,14,16,1,1,240 tiles=256 spad=7800 acc=504
conv name=resnet50.s4.proj batch=4 in=28x28x512 och=1024 kernel=1 stride=2 => args=4,9,14,16,1,1,240 tiles=384 spad=7800 acc=504
conv name=resnet50.s4.reduce2 batch=4 in=14x14x1024 och=256 kernel=1 => args=4,9,14,16,1,1,240 tiles=160 spad=7800 acc=504
conv name=resnet50.s4.3x3 batch=4 in=14x14x256 och=256 kernel=3 pad=1 => args=4,9,14,16,3,3,144 tiles=64 spad=7632 acc=504
conv name=resnet50.s5.reduce batch=4 in=14x14x1024 och=512 kernel=1 => args=4,9,14,16,1,1,240 tiles=320 spad=7800 acc=504
conv name=resnet50.s5.3x3s2 batch=4 in=14x14x512 och=512 kernel=3 stride=2 pad=1 => args=4,7,7,32,3,3,96 tiles=96 spad=7872 acc=392
conv name=resnet50.s5.expand batch=4 in=7x7x512 och=2048 kernel=1 => args=4,7,7,32,1,1,512 tiles=64 spad=7296 acc=392
conv name=resnet50.s5.proj batch=4 in=14x14x1024 och=2048 kernel=1 stride=2 => args=4,7,7,32,1,1,568 tiles=128 spad=8192 acc=392
conv name=resnet50.s5.reduce2 batch=4 in=7x7x2048 och=512 kernel=1 => args=4,7,7,32,1,1,568 tiles=64 spad=8192 acc=392
conv name=resnet50.s5.3x3 batch=4 in=7x7x512 och=512 kernel=3 pad=1 => args=4,7,7,32,3,3,208 tiles=48 spad=7956 acc=392
downsample name=resnet50.s3.proj batch=1 in=56x56x256 och=512 => tile=2,16,16 tiles=56 spad=4608 acc=512
downsample name=resnet50.s4.proj batch=1 in=28x28x512 och=1024 => tile=1,15,32 tiles=70 spad=8192 acc=240
downsample name=resnet50.s5.proj batch=4 in=14x14x1024 och=2048 => tile=1,8,56 tiles=896 spad=8064 acc=128
conv name=mobilenetv2.conv1 batch=1 in=224x224x3 och=32 kernel=3 stride=2 pad=1 => args=1,22,23,16,3,3,3 tiles=60 spad=2235 acc=506
conv name=mobilenetv2.b1.dw batch=1 in=112x112x32 och=32 kernel=3 pad=1 groups=32 => args=1,22,23,1,3,3,1 tiles=960 spad=609 acc=506
conv name=mobilenetv2.b1.project batch=1 in=112x112x32 och=16 kernel=1 => args=1,22,23,16,1,1,32 tiles=30 spad=1044 acc=506
conv name=mobilenetv2.b2.expand batch=1 in=112x112x16 och=96 kernel=1 => args=1,22,23,16,1,1,16 tiles=180 spad=522 acc=506
conv name=mobilenetv2.b2.dw batch=1 in=112x112x96 och=96 kernel=3 stride=2 pad=1 groups=96 => args=1,22,23,1,3,3,1 tiles=864 spad=2217 acc=506
conv name=mobilenetv2.b2.project batch=1 in=56x56x96 och=24 kernel=1 => args=1,22,23,16,1,1,96 tiles=18 spad=3132 acc=506
conv name=mobilenetv2.b3.expand batch=1 in=56x56x24 och=144 kernel=1 => args=1,22,23,16,1,1,24 tiles=81 spad=1036 acc=506
conv name=mobilenetv2.b3.dw batch=1 in=56x56x144 och=144 kernel=3 pad=1 groups=144 => args=1,22,23,1,3,3,1 tiles=1296 spad=609 acc=506
conv name=mobilenetv2.b3.project batch=1 in=56x56x144 och=24 kernel=1 => args=1,22,23,16,1,1,144 tiles=18 spad=4698 acc=506
conv name=mobilenetv2.b4.dw batch=1 in=56x56x144 och=144 kernel=3 stride=2 pad=1 groups=144 => args=1,22,23,1,3,3,1 tiles=576 spad=2217 acc=506
conv name=mobilenetv2.b4.project batch=1 in=28x28x144 och=32 kernel=1 => args=1,22,23,16,1,1,144 tiles=8 spad=4698 acc=506
conv name=mobilenetv2.b5.expand batch=1 in=28x28x32 och=192 kernel=1 => args=1,22,23,16,1,1,32 tiles=48 spad=1044 acc=506
conv name=mobilenetv2.b5.dw batch=1 in=28x28x192 och=192 kernel=3 pad=1 groups=192 => args=1,22,23,1,3,3,1 tiles=768 spad=609 acc=506
conv name=mobilenetv2.b5.project batch=1 in=28x28x192 och=32 kernel=1 => args=1,22,23,16,1,1,192 tiles=8 spad=6264 acc=506
conv name=mobilenetv2.b7.dw batch=1 in=28x28x192 och=192 kernel=3 stride=2 pad=1 groups=192 => args=1,14,14,1,3,3,1 tiles=192 spad=909 acc=196
conv name=mobilenetv2.b7.project batch=1 in=14x14x192 och=64 kernel=1 => args=1,14,14,32,1,1,192 tiles=2 spad=2736 acc=392
conv name=mobilenetv2.b8.expand batch=1 in=14x14x64 och=384 kernel=1 => args=1,14,14,32,1,1,64 tiles=12 spad=912 acc=392
conv name=mobilenetv2.b8.dw batch=1 in=14x14x384 och=384 kernel=3 pad=1 groups=384 => args=1,14,14,1,3,3,1 tiles=384 spad=265 acc=196
conv name=mobilenetv2.b8.project batch=1 in=14x14x384 och=64 kernel=1 => args=1,14,14,32,1,1,384 tiles=2 spad=5472 acc=392
conv name=mobilenetv2.b11.project batch=1 in=14x14x384 och=96 kernel=1 => args=1,14,14,32,1,1,384 tiles=3 spad=5472 acc=392
conv name=mobilenetv2.b12.expand batch=1 in=14x14x96 och=576 kernel=1 => args=1,14,14,32,1,1,96 tiles=18 spad=1368 acc=392
conv name=mobilenetv2.b12.dw batch=1 in=14x14x576 och=576 kernel=3 pad=1 groups=576 => args=1,14,14,1,3,3,1 tiles=576 spad=265 acc=196
conv name=mobilenetv2.b12.project batch=1 in=14x14x576 och=96 kernel=1 => args=1,14,14,32,1,1,568 tiles=6 spad=8192 acc=392
conv name=mobilenetv2.b14.dw batch=1 in=14x14x576 och=576 kernel=3 stride=2 pad=1 groups=576 => args=1,7,7,1,3,3,1 tiles=576 spad=265 acc=49
conv name=mobilenetv2.b14.project batch=1 in=7x7x576 och=160 kernel=1 => args=1,7,7,160,1,1,576 tiles=1 spad=7524 acc=490
conv name=mobilenetv2.b15.expand batch=1 in=7x7x160 och=960 kernel=1 => args=1,7,7,160,1,1,160 tiles=6 spad=2090 acc=490
conv name=mobilenetv2.b15.dw batch=1 in=7x7x960 och=960 kernel=3 pad=1 groups=960 => args=1,7,7,1,3,3,1 tiles=960 spad=90 acc=49
conv name=mobilenetv2.b15.project batch=1 in=7x7x960 och=160 kernel=1 => args=1,7,7,160,1,1,624 tiles=2 spad=8151 acc=490
conv name=mobilenetv2.b17.project batch=1 in=7x7x960 och=320 kernel=1 => args=1,7,7,160,1,1,624 tiles=4 spad=8151 acc=490
conv name=mobilenetv2.conv2 batch=1 in=7x7x320 och=1280 kernel=1 => args=1,7,7,160,1,1,320 tiles=8 spad=4180 acc=490
conv name=mobilenetv2.conv1 batch=4 in=224x224x3 och=32 kernel=3 stride=2 pad=1 => args=4,8,16,16,3,3,3 tiles=196 spad=2475 acc=512
conv name=mobilenetv2.b1.dw batch=4 in=112x112x32 och=32 kernel=3 pad=1 groups=32 => args=4,8,16,1,3,3,1 tiles=3136 spad=729 acc=512
conv name=mobilenetv2.b1.project batch=4 in=112x112x32 och=16 kernel=1 => args=4,8,16,16,1,1,32 tiles=98 spad=1056 acc=512
conv name=mobilenetv2.b2.expand batch=4 in=112x112x16 och=96 kernel=1 => args=4,8,16,16,1,1,16 tiles=588 spad=528 acc=512
conv name=mobilenetv2.b2.dw batch=4 in=112x112x96 och=96 kernel=3 stride=2 pad=1 groups=96 => args=4,8,16,1,3,3,1 tiles=2688 spad=2457 acc=512
conv name=mobilenetv2.b2.project batch=4 in=56x56x96 och=24 kernel=1 => args=4,8,16,16,1,1,96 tiles=56 spad=3168 acc=512
conv name=mobilenetv2.b3.expand batch=4 in=56x56x24 och=144 kernel=1 => args=4,8,16,16,1,1,24 tiles=252 spad=1048 acc=512
conv name=mobilenetv2.b3.dw batch=4 in=56x56x144 och=144 kernel=3 pad=1 groups=144 => args=4,8,16,1,3,3,1 tiles=4032 spad=729 acc=512
conv name=mobilenetv2.b3.project batch=4 in=56x56x144 och=24 kernel=1 => args=4,8,16,16,1,1,144 tiles=56 spad=4752 acc=512
conv name=mobilenetv2.b4.dw batch=4 in=56x56x144 och=144 kernel=3 stride=2 pad=1 groups=144 => args=4,8,16,1,3,3,1 tiles=1152 spad=2457 acc=512
conv name=mobilenetv2.b4.project batch=4 in=28x28x144 och=32 kernel=1 => args=4,8,16,16,1,1,144 tiles=16 spad=4752 acc=512
conv name=mobilenetv2.b5.expand batch=4 in=28x28x32 och=192 kernel=1 => args=4,8,16,16,1,1,32 tiles=96 spad=1056 acc=512
conv name=mobilenetv2.b5.dw batch=4 in=28x28x192 och=192 kernel=3 pad=1 groups=192 => args=4,8,16,1,3,3,1 tiles=1536 spad=729 acc=512
conv name=mobilenetv2.b5.project batch=4 in=28x28x192 och=32 kernel=1 => args=4,8,16,16,1,1,192 tiles=16 spad=6336 acc=512
conv name=mobilenetv2.b7.dw batch=4 in=28x28x192 och=192 kernel=3 stride=2 pad=1 groups=192 => args=4,9,14,1,3,3,1 tiles=384 spad=2409 acc=504
conv name=mobilenetv2.b7.project batch=4 in=14x14x192 och=64 kernel=1 => args=4,9,14,16,1,1,192 tiles=8 spad=6240 acc=504
conv name=mobilenetv2.b8.expand batch=4 in=14x14x64 och=384 kernel=1 => args=4,9,14,16,1,1,64 tiles=48 spad=2080 acc=504
conv name=mobilenetv2.b8.dw batch=4 in=14x14x384 och=384 kernel=3 pad=1 groups=384 => args=4,9,14,1,3,3,1 tiles=768 spad=713 acc=504
conv name=mobilenetv2.b8.project batch=4 in=14x14x384 och=64 kernel=1 => args=4,9,14,16,1,1,240 tiles=16 spad=7800 acc=504
conv name=mobilenetv2.b11.project batch=4 in=14x14x384 och=96 kernel=1 => args=4,9,14,16,1,1,240 tiles=24 spad=7800 acc=504
conv name=mobilenetv2.b12.expand batch=4 in=14x14x96 och=576 kernel=1 => args=4,9,14,16,1,1,96 tiles=72 spad=3120 acc=504
conv name=mobilenetv2.b12.dw batch=4 in=14x14x576 och=576 kernel=3 pad=1 groups=576 => args=4,9,14,1,3,3,1 tiles=1152 spad=713 acc=504
conv name=mobilenetv2.b12.project batch=4 in=14x14x576 och=96 kernel=1 => args=4,9,14,16,1,1,240 tiles=36 spad=7800 acc=504
conv name=mobilenetv2.b14.dw batch=4 in=14x14x576 och=576 kernel=3 stride=2 pad=1 groups=576 => args=4,7,7,1,3,3,1 tiles=576 spad=1033 acc=196
conv name=mobilenetv2.b14.project batch=4 in=7x7x576 och=160 kernel=1 => args=4,7,7,32,1,1,568 tiles=10 spad=8192 acc=392
conv name=mobilenetv2.b15.expand batch=4 in=7x7x160 och=960 kernel=1 => args=4,7,7,32,1,1,160 tiles=30 spad=2280 acc=392
conv name=mobilenetv2.b15.dw batch=4 in=7x7x960 och=960 kernel=3 pad=1 groups=960 => args=4,7,7,1,3,3,1 tiles=960 spad=333 acc=196
conv name=mobilenetv2.b15.project batch=4 in=7x7x960 och=160 kernel=1 => args=4,7,7,32,1,1,568 tiles=10 spad=8192 acc=392
conv name=mobilenetv2.b17.project batch=4 in=7x7x960 och=320 kernel=1 => args=4,7,7,32,1,1,568 tiles=20 spad=8192 acc=392
conv name=mobilenetv2.conv2 batch=4 in=7x7x320 och=1280 kernel=1 => args=4,7,7,32,1,1,320 tiles=40 spad=4560 acc=392
conv name=pooled batch=2 in=32x32x16 och=32 kernel=3 pad=1 pool=2,2,0 => args=2,3,16,16,3,3,16 tiles=12 spad=774 acc=462
conv name=pooled.padded batch=1 in=55x55x64 och=128 kernel=3 pad=1 pool=3,2,1 => args=1,6,17,16,3,3,64 tiles=80 spad=3008 acc=504
conv name=dw.pooled batch=1 in=28x28x64 och=64 kernel=3 pad=1 groups=64 pool=2,2,0 => args=1,8,14,1,3,3,1 tiles=128 spad=598 acc=493
conv name=dilated batch=1 in=64x64x64 och=64 kernel=3 pad=2 kdil=2 => args=1,22,23,16,3,3,64 tiles=36 spad=3384 acc=506
conv name=input-dilated batch=1 in=14x14x128 och=64 kernel=3 pad=1 idil=2 => args=1,22,23,16,3,3,128 tiles=16 spad=2400 acc=506
conv name=odd batch=3 in=13x17x19 och=37 kernel=5 stride=3 pad=2 => args=3,5,6,37,5,5,19 tiles=1 spad=3933 acc=270
conv name=strided-1x1-odd batch=1 in=15x15x64 och=128 kernel=1 stride=2 => args=1,8,8,128,1,1,64 tiles=1 spad=1536 acc=512
conv name=wide-kernel batch=1 in=40x40x8 och=8 kernel=11 stride=4 pad=2 => args=1,9,9,8,11,11,8 tiles=1 spad=3084 acc=81
conv name=trans-input batch=16 in=14x14x64 och=64 kernel=3 pad=1 trans_input_3120 => args=6,6,14,16,3,3,59 tiles=72 spad=8083 acc=504
conv name=trans-input-1x1s2 batch=8 in=28x28x128 och=256 kernel=1 stride=2 trans_input_3120 => error (not enough scratchpad space to store inputs and weights, 32352)
conv name=trans-weight-0132 batch=1 in=28x28x64 och=128 kernel=3 pad=1 trans_weight_0132 => args=1,22,23,16,3,3,64 tiles=32 spad=2976 acc=506
conv name=trans-weight-1203 batch=1 in=28x28x64 och=128 kernel=3 pad=1 trans_weight_1203 => args=1,22,23,16,3,3,64 tiles=32 spad=2976 acc=506
conv name=trans-output batch=2 in=28x28x64 och=64 kernel=3 pad=1 trans_output_1203 => args=2,16,16,16,3,3,64 tiles=16 spad=3168 acc=512
conv name=wrot180 batch=1 in=28x28x64 och=64 kernel=3 pad=1 wrot180 => args=1,22,23,16,3,3,64 tiles=16 spad=2976 acc=506
conv name=kernel-not-above-pad batch=1 in=8x8x16 och=16 kernel=1 pad=1 => error (kernel_dim must be larger than padding)
conv name=dilated-input-strided batch=1 in=16x16x16 och=16 kernel=3 stride=2 pad=1 idil=2 => error (input input_dilation is only supported when stride == 1)
conv name=transposed-output-pooled batch=1 in=16x16x16 och=16 kernel=3 pad=1 pool=2,2,0 trans_output_1203 => error (Output can only be transposed when pooling is disabled)
conv name=both-weight-transposes batch=1 in=16x16x16 och=16 kernel=3 pad=1 trans_weight_1203 trans_weight_0132 => error (Only one weight transformation can be applied at a time)
conv name=stride-beyond-budget batch=1 in=400x400x16 och=16 kernel=3 stride=200 => error (signal 8)
)ref";

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

MatmulTiling matmul(int64_t m, int64_t n, int64_t k, GemminiDataflow flow,
                    const GemminiMemory &mem = kDefault,
                    GemminiActivation act = GemminiActivation::None) {
  MatmulProblem p{m, n, k, flow, act};
  std::string error;
  FailureOr<MatmulTiling> t = gemminiMatmulTiling(p, mem, error);
  EXPECT_TRUE(succeeded(t)) << error;
  return succeeded(t) ? *t : MatmulTiling{};
}

TEST(GemminiMatmulTiling, SpecExamples) {
  MatmulTiling a = matmul(512, 512, 512, GemminiDataflow::WS);
  EXPECT_EQ(a.tile, (MatmulTile{5, 6, 32}));
  EXPECT_EQ(a.start, (MatmulTile{5, 5, 32}));
  EXPECT_EQ(a.blocks, (MatmulTile{32, 32, 32}));
  EXPECT_EQ(a.count, (MatmulTile{7, 6, 1}));
  EXPECT_EQ(a.spadRows, (5 * 32 + 32 * 6) * 16);
  EXPECT_EQ(a.accRows, 5 * 6 * 16);

  MatmulTiling b = matmul(1024, 1024, 1024, GemminiDataflow::WS);
  EXPECT_EQ(b.tile, (MatmulTile{5, 5, 51}));
  EXPECT_EQ(b.start, (MatmulTile{5, 5, 51}));
  EXPECT_EQ(b.count, (MatmulTile{13, 13, 2}));
}

TEST(GemminiMatmulTiling, Budgets) {
  // WS: half of each memory (double-buffered); OS: all of it.
  MatmulTiling ws = matmul(16, 16, 16, GemminiDataflow::WS);
  EXPECT_EQ(ws.spadBudget, 8192);
  EXPECT_EQ(ws.accBudget, 512);
  MatmulTiling os = matmul(16, 16, 16, GemminiDataflow::OS);
  EXPECT_EQ(os.spadBudget, 16384);
  EXPECT_EQ(os.accBudget, 1024);
}

TEST(GemminiMatmulTiling, StartValues) {
  // WS: floor(sqrt(512 / 16)) = 5 and 4096 / 16 / 5 = 51; OS: sqrt(64) = 8
  // and 8192 / 16 / 8 = 64. The large problem leaves nothing to grow.
  MatmulTiling os = matmul(4096, 4096, 4096, GemminiDataflow::OS);
  EXPECT_EQ(os.start, (MatmulTile{8, 8, 64}));
  EXPECT_EQ(os.tile, (MatmulTile{8, 8, 64}));
  EXPECT_EQ(os.spadRows, 16384);
  EXPECT_EQ(os.accRows, 1024);
  MatmulTiling ws = matmul(4096, 4096, 4096, GemminiDataflow::WS);
  EXPECT_EQ(ws.start, (MatmulTile{5, 5, 51}));
  // Small dimensions cap the start.
  MatmulTiling small = matmul(40, 100, 20, GemminiDataflow::OS);
  EXPECT_EQ(small.start, (MatmulTile{3, 7, 2}));
  // Other memories: DIM 8 with 8192-row banks and 2048 accumulator rows.
  GemminiMemory dim8{8, 32768, 2048};
  EXPECT_EQ(matmul(8192, 8192, 8192, GemminiDataflow::WS, dim8).start,
            (MatmulTile{11, 11, 93}));
  EXPECT_EQ(matmul(8192, 8192, 8192, GemminiDataflow::OS, dim8).start,
            (MatmulTile{16, 16, 128}));
}

TEST(GemminiMatmulTiling, GrowthOrder) {
  // J is raised before I within a round, so a square problem whose budget
  // allows one more block gets it in J.
  MatmulTiling t = matmul(512, 512, 512, GemminiDataflow::WS);
  EXPECT_GT(t.tile.j, t.tile.i);
  // K grows against the scratchpad alone: a deep problem with narrow C
  // takes K up to the budget: (1 * K + K * 1) * 16 <= 8192.
  MatmulTiling deep = matmul(16, 16, 16 * 1000, GemminiDataflow::WS);
  EXPECT_EQ(deep.tile, (MatmulTile{1, 1, 256}));
  EXPECT_EQ(deep.count, (MatmulTile{1, 1, 4}));
}

TEST(GemminiMatmulTiling, WholeRowActivations) {
  // LAYERNORM starts at (1, all of J, 1) and then grows I and K as any
  // other tile: 768 columns are 48 blocks, 48 * 16 = 768 accumulator rows
  // exceed WS's 512, so it fails; 512 columns fit and grow K.
  MatmulTiling ln = matmul(64, 512, 64, GemminiDataflow::WS, kDefault,
                           GemminiActivation::LayerNorm);
  EXPECT_EQ(ln.start, (MatmulTile{1, 32, 1}));
  EXPECT_EQ(ln.tile, (MatmulTile{1, 32, 4}));
  MatmulTiling sm = matmul(128, 128, 64, GemminiDataflow::WS, kDefault,
                           GemminiActivation::Softmax);
  EXPECT_EQ(sm.start, (MatmulTile{1, 8, 1}));
  EXPECT_EQ(sm.tile.j, 8);

  std::string error;
  MatmulProblem wide{128, 768, 768, GemminiDataflow::WS,
                     GemminiActivation::LayerNorm};
  EXPECT_TRUE(failed(gemminiMatmulTiling(wide, kDefault, error)));
  EXPECT_NE(error.find("768 accumulator rows of 512"), std::string::npos)
      << error;
  // Other activations do not change the choice.
  EXPECT_EQ(matmul(300, 300, 300, GemminiDataflow::WS, kDefault,
                   GemminiActivation::Relu)
                .tile,
            matmul(300, 300, 300, GemminiDataflow::WS).tile);
}

TEST(GemminiMatmulTiling, Errors) {
  std::string error;
  MatmulProblem empty{0, 16, 16};
  EXPECT_TRUE(failed(gemminiMatmulTiling(empty, kDefault, error)));
  EXPECT_NE(error.find("must be in 1..2^31-1"), std::string::npos) << error;

  MatmulProblem both{64, 64, 64, GemminiDataflow::WS};
  both.transposeA = both.transposeB = true;
  EXPECT_TRUE(failed(gemminiMatmulTiling(both, kDefault, error)));
  MatmulProblem osT{64, 64, 64, GemminiDataflow::OS};
  osT.transposeB = true;
  EXPECT_TRUE(failed(gemminiMatmulTiling(osT, kDefault, error)));

  // An accumulator budget below one block: no square C tile.
  GemminiMemory tiny{16, 16384, 16};
  MatmulProblem p{64, 64, 64};
  EXPECT_TRUE(failed(gemminiMatmulTiling(p, tiny, error)));
  EXPECT_NE(error.find("holds no DIM x DIM block"), std::string::npos) << error;
  // A scratchpad too small for one K block.
  GemminiMemory noK{16, 32, 1024};
  EXPECT_TRUE(failed(gemminiMatmulTiling(p, noK, error)));
  EXPECT_NE(error.find("no tile fits"), std::string::npos) << error;

  GemminiMemory osOnly = kDefault;
  osOnly.hasWS = false;
  EXPECT_TRUE(failed(gemminiMatmulTiling(p, osOnly, error)));
  EXPECT_NE(error.find("no WS dataflow"), std::string::npos) << error;
}

TEST(GemminiMatmulTiling, FromTargetAttr) {
  MLIRContext ctx;
  ctx.loadDialect<gemmini::GemminiDialect>();
  std::string error;
  gemmini::TargetAttr dim32 =
      gemmini::parseTargetSpec(&ctx, "gemmini-dim32", error);
  ASSERT_TRUE(dim32) << error;
  GemminiMemory m = GemminiMemory::of(dim32);
  EXPECT_EQ(m.dim, 32);
  EXPECT_EQ(m.spadRows, 8192);
  EXPECT_EQ(m.accRows, 512);
  FailureOr<MatmulTiling> t =
      gemminiMatmulTiling(MatmulProblem{512, 512, 512}, dim32, error);
  ASSERT_TRUE(succeeded(t)) << error;
  EXPECT_EQ(t->tile, (MatmulTile{2, 4, 16}));
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

ConvProblem conv(int64_t batch, int64_t in, int64_t ich, int64_t och,
                 int64_t kernel, int64_t stride = 1, int64_t pad = 0) {
  ConvProblem p;
  p.batch = batch;
  p.inRows = p.inCols = in;
  p.inChannels = ich;
  p.outChannels = och;
  p.kernelRows = p.kernelCols = kernel;
  p.stride = stride;
  p.padding = pad;
  return p;
}

TEST(GemminiConvTiling, RowCounts) {
  // A 3x3 stride-1 tile of 2 batches, 4 x 5 outputs, 20 output and 40
  // input channels on DIM 16: orows 4, ocols 5, irows 6, icols 7.
  ConvProblem p = conv(2, 32, 40, 20, 3);
  ConvTile t{2, 4, 5, 20, 3, 3, 40};
  ConvRows r = convTileRows(p, t, 16, /*downsample=*/false);
  EXPECT_EQ(r.a, 3 * 2 * 6 * 7);
  EXPECT_EQ(r.b, 2 * 3 * 3 * 40);
  EXPECT_EQ(r.c, 2 * 2 * 4 * 5);
  // Pooling 3/2: orows = 4 * 2 + 2 = 10, ocols 12; stride 2 doubles the
  // input span: irows = 10 * 2 + 2 = 22, icols 26.
  p.poolSize = 3;
  p.poolStride = 2;
  p.stride = 2;
  r = convTileRows(p, t, 16, false);
  EXPECT_EQ(r.a, 3 * 2 * 22 * 26);
  EXPECT_EQ(r.c, 2 * 2 * 10 * 12);
  // Kernel dilation 2 spans 5 rows; input dilation 2 halves (rounding up).
  ConvProblem d = conv(1, 32, 16, 16, 3);
  d.kernelDilation = 2;
  EXPECT_EQ(convTileRows(d, {1, 4, 4, 16, 3, 3, 16}, 16, false).a, 8 * 8);
  d.kernelDilation = 1;
  d.inputDilation = 2;
  EXPECT_EQ(convTileRows(d, {1, 4, 4, 16, 3, 3, 16}, 16, false).a, 3 * 3);
  // Downsample mode halves the input span; the layouts swap the blocked
  // dimension.
  ConvProblem s = conv(1, 56, 256, 512, 1, 2);
  EXPECT_EQ(convTileRows(s, {1, 4, 4, 16, 1, 1, 32}, 16, true).a,
            2 * (8 >> 1) * (8 >> 1));
  s.transInput3120 = true;
  EXPECT_EQ(convTileRows(s, {20, 4, 4, 16, 1, 1, 32}, 16, false).a,
            2 * 32 * 8 * 8);
  s.transInput3120 = false;
  s.transWeight0132 = true;
  EXPECT_EQ(convTileRows(s, {1, 4, 4, 20, 1, 1, 32}, 16, false).b,
            2 * 1 * 1 * 20);
}

TEST(GemminiConvTiling, ShrinkAndGrow) {
  // ResNet-50's 3x3 of stage 2 at batch 4 (gemmini.h: batches 4, porows 8,
  // pocols 16, pochs 16, whole kernel, 64 input channels).
  std::string error;
  FailureOr<ConvTiling> t =
      gemminiConvTiling(conv(4, 56, 64, 64, 3, 1, 1), kDefault, error);
  ASSERT_TRUE(succeeded(t)) << error;
  EXPECT_EQ(t->full, (ConvTile{4, 56, 56, 64, 3, 3, 64}));
  EXPECT_EQ(t->tile, (ConvTile{4, 8, 16, 16, 3, 3, 64}));
  EXPECT_EQ(t->count, (ConvTile{1, 7, 4, 4, 1, 1, 1}));
  EXPECT_EQ(t->numTiles(), 112);
  EXPECT_EQ(t->rows.acc(), 512);
  EXPECT_LE(t->rows.spad(), t->spadBudget);
  EXPECT_EQ(t->spadBudget, 8192);
  EXPECT_EQ(t->accBudget, 512);
  EXPECT_FALSE(t->downsample);
}

TEST(GemminiConvTiling, DownsampleAndDepthwise) {
  std::string error;
  // A 1x1 stride-2 projection runs in downsample mode.
  FailureOr<ConvTiling> proj =
      gemminiConvTiling(conv(1, 56, 256, 512, 1, 2), kDefault, error);
  ASSERT_TRUE(succeeded(proj)) << error;
  EXPECT_TRUE(proj->downsample);
  EXPECT_EQ(proj->tile, (ConvTile{1, 22, 23, 16, 1, 1, 240}));
  // ... but not with odd input sizes.
  FailureOr<ConvTiling> odd =
      gemminiConvTiling(conv(1, 15, 64, 128, 1, 2), kDefault, error);
  ASSERT_TRUE(succeeded(odd)) << error;
  EXPECT_FALSE(odd->downsample);

  // Depthwise: one channel per tile.
  ConvProblem dw = conv(1, 112, 32, 32, 3, 1, 1);
  dw.groups = 32;
  FailureOr<ConvTiling> d = gemminiConvTiling(dw, kDefault, error);
  ASSERT_TRUE(succeeded(d)) << error;
  EXPECT_TRUE(d->depthwise);
  EXPECT_EQ(d->tile, (ConvTile{1, 22, 23, 1, 3, 3, 1}));
  EXPECT_EQ(d->count.pochs, 32);
  EXPECT_EQ(d->numTiles(), 960);

  // tiled_conv_downsample: one 28 x 512 x 256 matmul per output row.
  FailureOr<ConvDownsampleTiling> m =
      gemminiConvDownsampleTiling(conv(1, 56, 256, 512, 1, 2), kDefault, error);
  ASSERT_TRUE(succeeded(m)) << error;
  EXPECT_EQ(m->matmuls, 28);
  EXPECT_EQ(m->rowMatmul.tile, (MatmulTile{2, 16, 16}));
  EXPECT_EQ(m->numTiles(), 56);
}

TEST(GemminiConvTiling, Errors) {
  std::string error;
  auto refuses = [&](const ConvProblem &p, llvm::StringRef words) {
    error.clear();
    EXPECT_TRUE(failed(gemminiConvTiling(p, kDefault, error)));
    EXPECT_NE(error.find(words.str()), std::string::npos) << error;
  };
  ConvProblem grouped = conv(1, 16, 32, 32, 3, 1, 1);
  grouped.groups = 2;
  refuses(grouped, "groups = 1 or depthwise");
  ConvProblem rect = conv(1, 16, 16, 16, 3);
  rect.kernelCols = 1;
  refuses(rect, "square kernels");
  refuses(conv(1, 8, 16, 16, 1, 1, 1), "larger than the padding");
  ConvProblem dil = conv(1, 16, 16, 16, 3, 2, 1);
  dil.inputDilation = 2;
  refuses(dil, "input dilation needs stride 1");
  // Nothing fits: a stride of 200 makes even one output pixel span 200 x 200
  // input pixels (gemmini.h divides by zero there).
  refuses(conv(1, 400, 16, 16, 3, 200), "does not fit");
  // Beyond gemmini.h's int (and beyond int64 in the products).
  refuses(conv(INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX, 3),
          "int arithmetic");
  // The tile chosen for downsample mode that the loop does not use.
  ConvProblem t = conv(8, 28, 128, 256, 1, 2);
  t.transInput3120 = true;
  refuses(t, "downsample mode");
  GemminiMemory osOnly = kDefault;
  osOnly.hasWS = false;
  EXPECT_TRUE(failed(gemminiConvTiling(conv(1, 8, 8, 8, 3), osOnly, error)));
  EXPECT_TRUE(failed(
      gemminiConvDownsampleTiling(conv(1, 8, 8, 8, 3), kDefault, error)));
  EXPECT_TRUE(failed(
      gemminiConvDownsampleTiling(conv(1, 7, 8, 8, 1, 2), kDefault, error)));
}

//===----------------------------------------------------------------------===//
// gemmini.h's own choices
//===----------------------------------------------------------------------===//

TEST(GemminiTilingReference, Recorded) {
  llvm::SmallVector<llvm::StringRef> lines;
  kRecorded.split(lines, '\n', -1, /*KeepEmpty=*/false);
  ASSERT_GT(lines.size(), 100u);
  for (llvm::StringRef line : lines)
    expectLine(line, kDefault, "gemmini-default");
}

/// test/Schedule/gemmini-tiling-reference.test sets
/// TESSEL_GEMMINI_TILING_REFERENCE to a fresh reference file with every
/// preset: "PRESET dim=D spad_rows=S acc_rows=A | CASE => RESULT" lines.
TEST(GemminiTilingReference, FromEnvironment) {
  const char *path = std::getenv("TESSEL_GEMMINI_TILING_REFERENCE");
  if (!path)
    GTEST_SKIP() << "run by test/Schedule/gemmini-tiling-reference.test";
  auto file = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(file)) << "cannot read " << path;
  MLIRContext ctx;
  ctx.loadDialect<gemmini::GemminiDialect>();
  llvm::SmallVector<llvm::StringRef> lines;
  (*file)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
  ASSERT_FALSE(lines.empty());
  std::set<std::string> fresh;
  for (llvm::StringRef line : lines) {
    auto [head, rest] = line.split(" | ");
    llvm::SmallVector<llvm::StringRef> words;
    head.split(words, ' ');
    ASSERT_EQ(words.size(), 4u) << line.str();
    std::string error;
    gemmini::TargetAttr target =
        gemmini::parseTargetSpec(&ctx, words[0], error);
    ASSERT_TRUE(target) << error;
    GemminiMemory mem = GemminiMemory::of(target);
    // The reference compiled gemmini.h with these memories.
    ASSERT_EQ(head.str(),
              llvm::formatv("{0} dim={1} spad_rows={2} acc_rows={3}", words[0],
                            mem.dim, mem.spadRows, mem.accRows)
                  .str());
    expectLine(rest, mem, words[0]);
    if (words[0] == "gemmini-default")
      fresh.insert(rest.str());
  }
  // kRecorded is gemmini.h's output too, not an earlier state of the
  // library.
  if (fresh.empty())
    return;
  llvm::SmallVector<llvm::StringRef> recorded;
  kRecorded.split(recorded, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef line : recorded)
    EXPECT_TRUE(fresh.count(line.str()))
        << "kRecorded disagrees with gemmini.h: " << line.str();
}

} // namespace
