//===- GemminiDecodeTest.cpp - generated decoders against the encoder -----===//
//
// Each instruction op's generated Op::decode must read back what the
// dialect's encoder (generic over the field table) wrote, and
// Op::Decoded::encode must write the same words.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <random>

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

struct GemminiDecodeTest : ::testing::Test {
  GemminiDecodeTest() { ctx.loadDialect<GemminiDialect>(); }

  /// The instructions of `program` (the body of a gemmini.program in a
  /// module with segment @w at 4096), which must verify.
  std::vector<Operation *> parse(llvm::StringRef program) {
    std::string text = "gemmini.segment @w : weights, base 4096, size 4096\n"
                       "gemmini.program @p {\n" +
                       program.str() + "\n}\n";
    module = parseSourceString<ModuleOp>(text, &ctx);
    EXPECT_TRUE(module) << text;
    std::vector<Operation *> ops;
    if (module)
      for (Operation &op :
           (*module->getOps<ProgramOp>().begin()).getBody().front())
        ops.push_back(&op);
    return ops;
  }

  /// The words of `op` as the dialect encodes them, and as the op's Decoded
  /// struct (decoded from those words) encodes them again.
  template <typename Op> typename Op::Decoded decodeAndCheck(Operation *op) {
    EXPECT_TRUE(isa<Op>(op));
    EncodedInstr e = encodeInstruction(op);
    EXPECT_EQ(e.funct, Op::kFunct);
    typename Op::Decoded d = Op::decode(e.rs1, e.rs2);
    auto [rs1, rs2] = d.encode();
    EXPECT_EQ(rs1, e.rs1) << op->getName().getStringRef().str();
    EXPECT_EQ(rs2, e.rs2) << op->getName().getStringRef().str();
    return d;
  }

  MLIRContext ctx;
  OwningOpRef<ModuleOp> module;
};

} // namespace

TEST_F(GemminiDecodeTest, ConfigEx) {
  auto ops = parse("gemmini.config_ex dataflow = ws, activation = 3, "
                   "a_transpose = true, a_stride = 40000, acc_scale = -0.375, "
                   "sys_shift = 4000000000, relu6_shift = 12, "
                   "c_stride = 65535");
  auto d = decodeAndCheck<ConfigExOp>(ops[0]);
  EXPECT_EQ(d.dataflow, Dataflow::ws);
  EXPECT_EQ(d.activation, 3u);
  EXPECT_FALSE(d.setOnlyStrides);
  EXPECT_TRUE(d.aTranspose);
  EXPECT_FALSE(d.bTranspose);
  EXPECT_EQ(d.aStride, 40000u);
  EXPECT_EQ(d.accScale, -0.375f);
  EXPECT_EQ(d.sysShift, 4000000000u);
  EXPECT_EQ(d.relu6Shift, 12u);
  EXPECT_EQ(d.cStride, 65535u);
  EXPECT_EQ(getConfigSubOp(encodeInstruction(ops[0]).rs1),
            unsigned(ConfigExOp::kConfigSubOp));
}

TEST_F(GemminiDecodeTest, ConfigLdAndSt) {
  auto ops =
      parse("gemmini.config_ld shrunk = true, id = 2, pixel_repeats = 255, "
            "block_stride = 17, scale = 0.0625, stride = 18446744073709551615\n"
            "gemmini.config_st activation = 1, pool_stride = 2, pool_size = 3, "
            "upper_pad = 1, left_pad = 2, pool_out_dim = 200, porows = 5, "
            "pocols = 6, orows = 7, ocols = 255, stride = 96, acc_scale = 2.5");
  auto ld = decodeAndCheck<ConfigLdOp>(ops[0]);
  EXPECT_TRUE(ld.shrunk);
  EXPECT_EQ(ld.id, 2u);
  EXPECT_EQ(ld.pixelRepeats, 255u);
  EXPECT_EQ(ld.blockStride, 17u);
  EXPECT_EQ(ld.scale, 0.0625f);
  EXPECT_EQ(ld.stride, ~uint64_t(0));
  auto st = decodeAndCheck<ConfigStOp>(ops[1]);
  EXPECT_EQ(st.activation, 1u);
  EXPECT_EQ(st.poolStride, 2u);
  EXPECT_EQ(st.poolSize, 3u);
  EXPECT_EQ(st.upperPad, 1u);
  EXPECT_EQ(st.leftPad, 2u);
  EXPECT_EQ(st.poolOutDim, 200u);
  EXPECT_EQ(st.porows, 5u);
  EXPECT_EQ(st.pocols, 6u);
  EXPECT_EQ(st.orows, 7u);
  EXPECT_EQ(st.ocols, 255u);
  EXPECT_EQ(st.stride, 96u);
  EXPECT_EQ(st.accScale, 2.5f);
}

TEST_F(GemminiDecodeTest, ConfigNormSignExtends) {
  auto ops = parse("gemmini.config_norm stat_id = 3, act_msb = true, "
                   "q_const_type = true, q_const = -2147483648, qb = -5, "
                   "qc = 2147483647");
  auto d = decodeAndCheck<ConfigNormOp>(ops[0]);
  EXPECT_EQ(d.statId, 3u);
  EXPECT_TRUE(d.actMsb);
  EXPECT_FALSE(d.setStatsIdOnly);
  EXPECT_TRUE(d.qConstType);
  EXPECT_EQ(d.qConst, -2147483648ll);
  EXPECT_EQ(d.qb, -5);
  EXPECT_EQ(d.qc, 2147483647);
}

TEST_F(GemminiDecodeTest, MovesAndMatmul) {
  auto ops = parse(
      "gemmini.mvin3 dram = @w + 100, local = acc[12] accumulate, "
      "local_cols = 16, local_rows = 9\n"
      "gemmini.mvout dram = addr(123456789), local = acc[3] full norm(5), "
      "local_cols = 16, local_rows = 16\n"
      "gemmini.preload bd = spad[100], bd_cols = 4, bd_rows = 5, "
      "c = garbage, c_cols = 16, c_rows = 1\n"
      "gemmini.compute_accumulated a = spad[1], a_cols = 2, a_rows = 3, "
      "bd = garbage");
  auto in = decodeAndCheck<Mvin3Op>(ops[0]);
  EXPECT_EQ(in.dram, 4096u + 100u); // the segment's base plus the offset
  LocalAddr local = LocalAddr::decode(in.local);
  EXPECT_TRUE(local.accumulator && local.accumulate && !local.readFull);
  EXPECT_EQ(local.row, 12u);
  EXPECT_EQ(in.localCols, 16u);
  EXPECT_EQ(in.localRows, 9u);
  auto out = decodeAndCheck<MvoutOp>(ops[1]);
  EXPECT_EQ(out.dram, 123456789u);
  local = LocalAddr::decode(out.local);
  EXPECT_TRUE(local.accumulator && local.readFull && !local.accumulate);
  EXPECT_EQ(local.norm, 5u);
  EXPECT_EQ(local.row, 3u);
  auto pre = decodeAndCheck<PreloadOp>(ops[2]);
  EXPECT_EQ(pre.bd, 100u);
  EXPECT_EQ(pre.bdCols, 4u);
  EXPECT_EQ(pre.bdRows, 5u);
  EXPECT_EQ(pre.c, kGarbageAddr);
  EXPECT_EQ(pre.cCols, 16u);
  EXPECT_EQ(pre.cRows, 1u);
  auto comp = decodeAndCheck<ComputeAccumulatedOp>(ops[3]);
  EXPECT_EQ(comp.a, 1u);
  EXPECT_EQ(comp.aCols, 2u);
  EXPECT_EQ(comp.aRows, 3u);
  EXPECT_EQ(comp.bd, kGarbageAddr);
  EXPECT_EQ(comp.bdCols, 0u);
}

TEST_F(GemminiDecodeTest, Loops) {
  auto ops = parse(
      "gemmini.loop_ws_config_bounds pad_i = 1, pad_j = 2, pad_k = 3, "
      "i = 4, j = 5, k = 65535\n"
      "gemmini.loop_ws_config_addrs_dc d = zeros, c = @w + 8\n"
      "gemmini.loop_ws ex_accumulate = true, low_d = true, activation = 7, "
      "b_spad_id = 2, a_spad_id = 1, b_transpose = true, is_resadd = true\n"
      "gemmini.loop_conv_ws_config_4 kernel_dilation = 1023, pdpad = 2047, "
      "pupad = 1, prpad = 65535, orows = 9, ocols = 10, out_stride = 11, "
      "weight_stride = 12, in_stride = 13\n"
      "gemmini.loop_conv_ws no_bias = true, dw = true, "
      "max_pixels_per_row = 200, activation = 3, downsample = true");
  auto bounds = decodeAndCheck<LoopWsConfigBoundsOp>(ops[0]);
  EXPECT_EQ(bounds.padI, 1u);
  EXPECT_EQ(bounds.padJ, 2u);
  EXPECT_EQ(bounds.padK, 3u);
  EXPECT_EQ(bounds.i, 4u);
  EXPECT_EQ(bounds.j, 5u);
  EXPECT_EQ(bounds.k, 65535u);
  auto dc = decodeAndCheck<LoopWsConfigAddrsDcOp>(ops[1]);
  EXPECT_EQ(dc.d, 0u);
  EXPECT_EQ(dc.c, 4104u);
  auto ws = decodeAndCheck<LoopWsOp>(ops[2]);
  EXPECT_TRUE(ws.exAccumulate && !ws.fullC && ws.lowD);
  EXPECT_EQ(ws.activation, 7u);
  EXPECT_EQ(ws.bSpadId, 2u);
  EXPECT_EQ(ws.aSpadId, 1u);
  EXPECT_TRUE(!ws.aTranspose && ws.bTranspose && ws.isResadd);
  auto c4 = decodeAndCheck<LoopConvWsConfig4Op>(ops[3]);
  EXPECT_EQ(c4.kernelDilation, 1023u);
  EXPECT_EQ(c4.pdpad, 2047u);
  EXPECT_EQ(c4.pupad, 1u);
  EXPECT_EQ(c4.prpad, 65535u);
  EXPECT_EQ(c4.orows, 9u);
  EXPECT_EQ(c4.ocols, 10u);
  EXPECT_EQ(c4.outStride, 11u);
  EXPECT_EQ(c4.weightStride, 12u);
  EXPECT_EQ(c4.inStride, 13u);
  auto conv = decodeAndCheck<LoopConvWsOp>(ops[4]);
  EXPECT_TRUE(conv.noBias && conv.dw && conv.downsample);
  EXPECT_FALSE(conv.wrot180 || conv.noPool || conv.inputDilated);
  EXPECT_EQ(conv.maxPixelsPerRow, 200u);
  EXPECT_EQ(conv.activation, 3u);
}

// The default Decoded struct is the op with every field at its default.
TEST_F(GemminiDecodeTest, DefaultsAreTheOpsDefaults) {
  auto words = [&](llvm::StringRef op) {
    EncodedInstr e = encodeInstruction(parse(op).at(0));
    return std::make_pair(e.rs1, e.rs2);
  };
  EXPECT_EQ(ConfigLdOp::Decoded().encode(), words("gemmini.config_ld"));
  EXPECT_EQ(ConfigExOp::Decoded().encode(), words("gemmini.config_ex"));
  EXPECT_EQ(MvinOp::Decoded().encode(), words("gemmini.mvin"));
  EXPECT_EQ(FlushOp::Decoded().encode(), words("gemmini.flush"));
}

namespace {

/// Random words through every instruction op: the dialect's decoder builds
/// the op, its encoder gives the words back, and the op's generated
/// decoder and encoder agree with them.
template <typename Op>
void checkRandomWords(MLIRContext &ctx, std::mt19937_64 &rng) {
  OpBuilder b(&ctx);
  Location loc = UnknownLoc::get(&ctx);
  for (int trial = 0; trial < 200; ++trial) {
    EncodedInstr e{Op::kFunct, rng(), rng()};
    // Only the words' field bits (and CONFIG's sub-op) survive encoding.
    uint64_t used[2] = {0, 0};
    for (const Field &f : Op::getFields())
      used[f.rs - 1] |= insertField(~uint64_t(0), f.lsb, f.width);
    if (Op::kConfigSubOp >= 0)
      e.rs1 = (e.rs1 & ~uint64_t(3)) | uint64_t(Op::kConfigSubOp);
    // Finite scales: attributes hold NaNs as doubles, quieting them.
    for (const Field &f : Op::getFields())
      if (f.kind == FieldKind::F32)
        (f.rs == 1 ? e.rs1 : e.rs2) &= ~(uint64_t(1) << (f.lsb + 30));
    std::string error;
    auto op = decodeInstruction(b, loc, e, {}, error);
    ASSERT_TRUE(succeeded(op)) << error;
    EncodedInstr again = encodeInstruction(*op);
    uint64_t subOp = Op::kConfigSubOp >= 0 ? 3 : 0;
    EXPECT_EQ(again.rs1, e.rs1 & (used[0] | subOp));
    EXPECT_EQ(again.rs2, e.rs2 & used[1]);
    auto [rs1, rs2] = Op::decode(e.rs1, e.rs2).encode();
    EXPECT_EQ(rs1, again.rs1) << Op::getOperationName().str();
    EXPECT_EQ(rs2, again.rs2) << Op::getOperationName().str();
    (*op)->erase();
  }
}

template <typename... Ops> void checkAllRandomWords(MLIRContext &ctx) {
  std::mt19937_64 rng(42);
  (checkRandomWords<Ops>(ctx, rng), ...);
}

} // namespace

TEST_F(GemminiDecodeTest, RandomWordsEveryInstruction) {
  checkAllRandomWords<ConfigExOp, ConfigLdOp, ConfigStOp, ConfigNormOp, MvinOp,
                      Mvin2Op, Mvin3Op, MvoutOp, PreloadOp, ComputePreloadedOp,
                      ComputeAccumulatedOp, FlushOp, LoopWsConfigBoundsOp,
                      LoopWsConfigAddrsAbOp, LoopWsConfigAddrsDcOp,
                      LoopWsConfigStridesAbOp, LoopWsConfigStridesDcOp,
                      LoopWsOp, LoopConvWsConfig1Op, LoopConvWsConfig2Op,
                      LoopConvWsConfig3Op, LoopConvWsConfig4Op,
                      LoopConvWsConfig5Op, LoopConvWsConfig6Op, LoopConvWsOp>(
      ctx);
}
