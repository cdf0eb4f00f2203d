//===- RunnerTest.cpp - tessel-run's input matching and program hosts -----===//

#include "tessel/InitAllDialects.h"
#include "tessel/Support/Npy.h"
#include "tessel/Tools/tessel-run/Inputs.h"
#include "tessel/Tools/tessel-run/Outputs.h"
#include "tessel/Tools/tessel-run/ProgramHost.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::tessel;
using interp::Tensor;

namespace {
struct RunnerTest : ::testing::Test {
  RunnerTest() : ctx(makeRegistry()) { ctx.loadAllAvailableDialects(); }
  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    tessel::registerAllDialects(registry);
    return registry;
  }
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("runner-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  /// Writes an .npy of `shape` and `element` filled with 0, 1, 2, ...
  std::string npy(llvm::StringRef name, Type element,
                  llvm::ArrayRef<int64_t> shape) {
    Tensor t(RankedTensorType::get(shape, element));
    for (int64_t i = 0; i < t.getNumElements(); ++i)
      t.setFromDouble(i, double(i));
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, name + ".npy");
    std::string error;
    EXPECT_TRUE(succeeded(writeNpy(path, t, error))) << error;
    return path.str().str();
  }
  OwningOpRef<ModuleOp> parse(llvm::StringRef text) {
    return parseSourceString<ModuleOp>(text, &ctx);
  }

  MLIRContext ctx;
  llvm::SmallString<128> dir;
};

constexpr llvm::StringLiteral kFunction = R"mlir(
func.func @main(%a: tensor<2x3xf32> {onnx.name = "input/0"}, %b: tensor<4xi8>)
    -> (tensor<2x3xf32> {onnx.name = "out"}, tensor<4xi8>) {
  return %a, %b : tensor<2x3xf32>, tensor<4xi8>
}
)mlir";
} // namespace

TEST_F(RunnerTest, InputSpecs) {
  std::string error;
  auto files = run::parseInputSpecs({"x=a.npy", "y=b=c.pb"}, error);
  ASSERT_TRUE(succeeded(files)) << error;
  EXPECT_EQ(files->at("x"), "a.npy");
  EXPECT_EQ(files->at("y"), "b=c.pb");
  EXPECT_TRUE(failed(run::parseInputSpecs({"x=a.npy", "x=b.npy"}, error)));
  EXPECT_EQ(error, "input 'x' is given twice");
  EXPECT_TRUE(failed(run::parseInputSpecs({"a.npy"}, error)));
  EXPECT_EQ(error, "--input expects name=file, got 'a.npy'");
  EXPECT_TRUE(failed(run::parseInputSpecs({"=a.npy"}, error)));
}

TEST_F(RunnerTest, ArgumentsMatchByOnnxName) {
  auto module = parse(kFunction);
  ASSERT_TRUE(module);
  auto func = module->lookupSymbol<func::FuncOp>("main");
  EXPECT_EQ(run::argumentName(func, 0), "input/0");
  EXPECT_EQ(run::argumentName(func, 1), "arg1");
  EXPECT_EQ(run::resultName(func, 0), "out");
  EXPECT_EQ(run::resultName(func, 1), "result1");

  Builder b(&ctx);
  std::string a = npy("a", b.getF32Type(), {2, 3});
  std::string i8 = npy("b", b.getIntegerType(8), {4});
  std::string error;
  auto args = run::readFunctionInputs(func, {{"input/0", a}, {"arg1", i8}},
                                      error);
  ASSERT_TRUE(succeeded(args)) << error;
  ASSERT_EQ(args->size(), 2u);
  EXPECT_EQ((*args)[0].getAsDouble(5), 5.0);
  EXPECT_EQ((*args)[1].getAsDouble(3), 3.0);

  EXPECT_TRUE(failed(run::readFunctionInputs(func, {{"input/0", a}}, error)));
  EXPECT_EQ(error, "missing input 'arg1' (1), pass --input arg1=file.npy");
  EXPECT_TRUE(failed(run::readFunctionInputs(
      func, {{"input/0", a}, {"arg1", i8}, {"extra", a}}, error)));
  EXPECT_EQ(error, "'extra' is not an input of 'main'");
  EXPECT_TRUE(failed(
      run::readFunctionInputs(func, {{"input/0", i8}, {"arg1", i8}}, error)));
  EXPECT_EQ(error, "input 'input/0' from " + i8 +
                       " is tensor<4xi8>, the function expects "
                       "tensor<2x3xf32>");
}

TEST_F(RunnerTest, OutputNames) {
  EXPECT_EQ(run::fileNameFor("a/b:c.d-e_f"), "a_b_c.d-e_f");
  Tensor f(RankedTensorType::get({1}, Builder(&ctx).getF32Type()));
  EXPECT_EQ(run::extensionFor(f), ".npy");
}

TEST_F(RunnerTest, ProgramHostTakesSegments) {
  auto module = parse(R"mlir(
gemmini.segment @x : inputs, base 4096, size 64, type tensor<4x4xi8>
gemmini.segment @raw : weights, base 8192, size 64
gemmini.segment @scratch : scratch, base 12288, size 64
gemmini.segment @y : outputs, base 16384, size 64, type tensor<4x4xi32>
gemmini.segment @bytes : outputs, base 20480, size 8
gemmini.program @p {
  gemmini.fence
}
)mlir");
  ASSERT_TRUE(module);
  auto program = module->lookupSymbol<gemmini::ProgramOp>("p");
  Builder b(&ctx);
  std::string x = npy("x", b.getIntegerType(8), {4, 4});
  std::string raw = npy("raw", b.getF32Type(), {4});
  std::string error;
  auto host = run::buildProgramHost(program, {{"x", x}, {"raw", raw}}, error);
  ASSERT_TRUE(succeeded(host)) << error;
  func::FuncOp f = host->func;
  // Arguments: the segments given files, typed by their segment or file.
  ASSERT_EQ(f.getNumArguments(), 2u);
  EXPECT_EQ(run::argumentName(f, 0), "x");
  EXPECT_EQ(run::argumentName(f, 1), "raw");
  EXPECT_EQ(f.getArgument(1).getType(),
            RankedTensorType::get({4}, b.getF32Type()));
  // Results: the output segments, untyped ones as their bytes.
  ASSERT_EQ(f.getNumResults(), 2u);
  EXPECT_EQ(run::resultName(f, 0), "y");
  EXPECT_EQ(f.getResultTypes()[1],
            RankedTensorType::get(
                {8}, IntegerType::get(&ctx, 8, IntegerType::Unsigned)));
  EXPECT_TRUE(succeeded(verify(*module)));

  EXPECT_TRUE(failed(run::buildProgramHost(program, {{"x", x}}, error)));
  EXPECT_EQ(error,
            "missing input for weights segment @raw, pass --input raw=file.npy");
  EXPECT_TRUE(failed(run::buildProgramHost(
      program, {{"x", raw}, {"raw", raw}}, error)));
  EXPECT_EQ(error, "input for segment @x from " + raw +
                       " is tensor<4xf32>, the segment holds tensor<4x4xi8>");
  std::string big = npy("big", b.getF32Type(), {17});
  EXPECT_TRUE(failed(
      run::buildProgramHost(program, {{"x", x}, {"raw", big}}, error)));
  EXPECT_EQ(error, "input for segment @raw from " + big +
                       " has 68 bytes, the segment 64");
  EXPECT_TRUE(failed(run::buildProgramHost(
      program, {{"x", x}, {"raw", raw}, {"z", x}}, error)));
  EXPECT_EQ(error, "'z' is not a segment of the program's module");
}
