//===- ONNXImporterTest.cpp - the importer's C++ API ----------------------===//

#include "tessel/InitAllDialects.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {
struct Importer : ::testing::Test {
  Importer() : context(makeRegistry()) {
    context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      errors.push_back(d.str());
      return success();
    });
  }
  static DialectRegistry makeRegistry() {
    DialectRegistry r;
    tessel::registerAllDialects(r);
    return r;
  }
  OwningOpRef<ModuleOp> importText(llvm::StringRef text) {
    return tessel::importONNXModelFromBuffer(text, /*isText=*/true, "t.onnxtext",
                                             "", &context, options);
  }
  MLIRContext context;
  tessel::ONNXImportOptions options;
  std::vector<std::string> errors;
};
} // namespace

static const char *kGemmModel = R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[B,4] x) => (float[B,3] y) <float[3,4] w = {1,2,3,4,5,6,7,8,9,10,11,12}> {
  y = Gemm <transB = 1> (x, w)
}
)";

TEST_F(Importer, PinsShapesAndBuildsMain) {
  std::string err;
  ASSERT_TRUE(succeeded(tessel::parseInputShape("x=5x4", options, err)));
  auto module = importText(kGemmModel);
  ASSERT_TRUE(module) << (errors.empty() ? "" : errors.front());
  auto main = module->lookupSymbol<func::FuncOp>("main");
  ASSERT_TRUE(main);
  EXPECT_EQ(main.getFunctionType().getInput(0),
            RankedTensorType::get({5, 4}, Float32Type::get(&context)));
  EXPECT_EQ(main.getFunctionType().getResult(0),
            RankedTensorType::get({5, 3}, Float32Type::get(&context)));
  int gemms = 0;
  main.walk([&](tessel::nn::GemmOp op) {
    ++gemms;
    EXPECT_TRUE(op.getTransB());
    EXPECT_FALSE(op.getTransA());
  });
  EXPECT_EQ(gemms, 1);
}

TEST_F(Importer, DynamicInputWithoutPinIsAnError) {
  EXPECT_FALSE(importText(kGemmModel));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("dynamic dimension 'B'"), std::string::npos);
}

TEST_F(Importer, MalformedTextIsAnError) {
  EXPECT_FALSE(importText("<ir_version: 8> g (float[2] x) => (float[2] y) {"));
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].find("cannot parse ONNX text"), std::string::npos);
}

TEST_F(Importer, BadInputShapeSpecs) {
  std::string err;
  EXPECT_TRUE(failed(tessel::parseInputShape("x", options, err)));
  EXPECT_TRUE(failed(tessel::parseInputShape("x=", options, err)));
  EXPECT_TRUE(failed(tessel::parseInputShape("x=2x-1", options, err)));
  EXPECT_TRUE(succeeded(tessel::parseInputShape("a=b=1x2", options, err)));
  EXPECT_EQ(options.inputShapes.at("a=b"), (llvm::SmallVector<int64_t>{1, 2}));
}

TEST_F(Importer, RandomBytesNeverCrash) {
  // Deterministic pseudo-random buffers through the binary path.
  uint32_t state = 12345;
  for (int round = 0; round < 200; ++round) {
    std::string buf(64 + round, '\0');
    for (char &c : buf) {
      state = state * 1664525u + 1013904223u;
      c = static_cast<char>(state >> 24);
    }
    auto module = tessel::importONNXModelFromBuffer(buf, false, "rand.onnx", "",
                                                    &context, options);
    EXPECT_FALSE(module);
  }
}
