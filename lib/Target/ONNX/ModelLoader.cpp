//===- ModelLoader.cpp - parse, check and shape-infer ONNX models ---------===//

#include "ModelLoader.h"

#include "onnx/checker.h"
#include "onnx/defs/parser.h"
#include "onnx/shape_inference/implementation.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cerrno>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlir;
using namespace mlir::tessel::onnx_import;

static LogicalResult pinInputShapes(onnx::ModelProto &model,
                                    const mlir::tessel::ONNXImportOptions &options,
                                    std::string &error) {
  for (const auto &[name, shape] : options.inputShapes) {
    onnx::ValueInfoProto *found = nullptr;
    for (auto &input : *model.mutable_graph()->mutable_input())
      if (input.name() == name)
        found = &input;
    if (!found) {
      error = "--input-shape names '" + name + "', which is not a graph input";
      return failure();
    }
    auto *tensorType = found->mutable_type()->mutable_tensor_type();
    auto *dims = tensorType->mutable_shape();
    if (dims->dim_size() != 0 && dims->dim_size() != static_cast<int>(shape.size())) {
      error = "--input-shape gives " + std::to_string(shape.size()) +
              " dimensions for '" + name + "', which has rank " +
              std::to_string(dims->dim_size());
      return failure();
    }
    for (size_t i = 0; i < shape.size(); ++i) {
      if (static_cast<int>(i) < dims->dim_size() &&
          dims->dim(i).has_dim_value() && dims->dim(i).dim_value() != shape[i]) {
        error = "--input-shape sets dimension " + std::to_string(i) + " of '" +
                name + "' to " + std::to_string(shape[i]) +
                ", but the model fixes it to " +
                std::to_string(dims->dim(i).dim_value());
        return failure();
      }
    }
    dims->clear_dim();
    for (int64_t d : shape)
      dims->add_dim()->set_dim_value(d);
  }
  return success();
}

static LogicalResult freezeInputs(onnx::ModelProto &model,
                                  const mlir::tessel::ONNXImportOptions &options,
                                  std::string &error) {
  for (const auto &entry : options.frozenInputs) {
    const std::string &name = entry.first, &path = entry.second;
    bool isInput = llvm::any_of(model.graph().input(), [&](const auto &in) {
      return in.name() == name;
    });
    if (!isInput) {
      error = "--freeze-input names '" + name + "', which is not a graph input";
      return failure();
    }
    auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    onnx::TensorProto tensor;
    if (!file || !tensor.ParseFromArray((*file)->getBufferStart(),
                                        (*file)->getBufferSize())) {
      error = "--freeze-input: cannot read an ONNX TensorProto from '" + path +
              "'";
      return failure();
    }
    tensor.set_name(name);
    *model.mutable_graph()->add_initializer() = std::move(tensor);
  }
  return success();
}

LogicalResult mlir::tessel::onnx_import::loadModel(
    llvm::StringRef buffer, bool isText, llvm::StringRef baseDir,
    const ONNXImportOptions &options, onnx::ModelProto &model,
    std::string &error) {
  try {
    if (isText) {
      std::string text(buffer);
      auto status = onnx::OnnxParser::Parse(model, text.c_str());
      if (!status.IsOK()) {
        error = "cannot parse ONNX text: " + status.ErrorMessage();
        return failure();
      }
    } else {
      google::protobuf::io::ArrayInputStream raw(buffer.data(),
                                                 static_cast<int>(buffer.size()));
      google::protobuf::io::CodedInputStream coded(&raw);
      coded.SetTotalBytesLimit(std::numeric_limits<int>::max());
      if (!model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage()) {
        error = "not a valid ONNX model (protobuf parse failed; truncated or "
                "corrupt file?)";
        return failure();
      }
    }
    if (!model.has_graph()) {
      error = "the model has no graph";
      return failure();
    }
    if (failed(pinInputShapes(model, options, error)) ||
        failed(freezeInputs(model, options, error)))
      return failure();
    std::unordered_map<std::string, int> opsets;
    bool known = true;
    for (const auto &o : model.opset_import()) {
      opsets[o.domain()] = static_cast<int>(o.version());
      if (o.domain().empty() || o.domain() == "ai.onnx")
        known &= o.version() <= kLibraryOpset;
    }
    if (options.runChecker && known) {
      onnx::checker::CheckerContext ctx;
      ctx.set_ir_version(static_cast<int>(model.ir_version()));
      ctx.set_opset_imports(opsets);
      ctx.set_model_dir(baseDir.empty() ? "." : baseDir.str());
      onnx::checker::LexicalScopeContext scope;
      onnx::checker::check_graph(model.graph(), ctx, scope);
    }
  } catch (const onnx::checker::ValidationError &e) {
    error = std::string("ONNX checker: ") + e.what();
    return failure();
  } catch (const std::exception &e) {
    error = std::string("invalid ONNX model: ") + e.what();
    return failure();
  }
  return success();
}

bool mlir::tessel::onnx_import::sameSchema(const std::string &opType,
                                           int64_t a, int64_t b) {
  const onnx::OpSchema *sa =
      onnx::OpSchemaRegistry::Schema(opType, static_cast<int>(a));
  const onnx::OpSchema *sb =
      onnx::OpSchemaRegistry::Schema(opType, static_cast<int>(b));
  return sa && sb && sa->since_version() == sb->since_version();
}

LogicalResult mlir::tessel::onnx_import::verifyNodeSchema(
    const onnx::NodeProto &node, int64_t opset, std::string &error) {
  const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(
      node.op_type(), static_cast<int>(opset), node.domain());
  if (!schema) {
    error = "no ONNX schema for this operator at this opset";
    return failure();
  }
  try {
    schema->Verify(node);
  } catch (const std::exception &e) {
    error = e.what();
    return failure();
  }
  return success();
}

/// Writes all of `data` to `fd`.
static void writeAll(int fd, const std::string &data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0)
      return;
    done += n;
  }
}

/// Runs in the child: infers shapes and writes 'O' + the value_info (as a
/// GraphProto) or 'E' + the error message to `fd`.
[[noreturn]] static void inferInChild(onnx::ModelProto &model, int fd) {
  // A crash here is the parent's to report: no stack dumps from the
  // inherited crash handlers.
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
    ::signal(sig, SIG_DFL);
  std::string reply;
  try {
    // Lenient mode: tessel infers every type itself and reports its own
    // errors at the node; ONNX's shapes serve as a cross-check.
    onnx::ShapeInferenceOptions options(/*check_type=*/false,
                                        /*strict_mode=*/0,
                                        /*data_prop=*/true);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), options);
    onnx::GraphProto infos;
    *infos.mutable_value_info() = model.graph().value_info();
    reply = "O" + infos.SerializeAsString();
  } catch (const std::exception &e) {
    reply = std::string("E") + e.what();
  }
  writeAll(fd, reply);
  ::_exit(0);
}

LogicalResult mlir::tessel::onnx_import::inferShapes(onnx::ModelProto &model,
                                                     std::string &error,
                                                     bool &crashed) {
  crashed = false;
  int fds[2];
  if (::pipe(fds) != 0) {
    error = "cannot create a pipe for ONNX shape inference";
    return failure();
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    error = "cannot fork for ONNX shape inference";
    return failure();
  }
  if (pid == 0) {
    ::close(fds[0]);
    inferInChild(model, fds[1]);
  }
  ::close(fds[1]);
  std::string reply;
  char chunk[1 << 16];
  for (ssize_t n; (n = ::read(fds[0], chunk, sizeof(chunk))) != 0;) {
    if (n < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    reply.append(chunk, n);
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || reply.empty()) {
    crashed = true;
    return success();
  }
  if (reply[0] == 'E') {
    error = "ONNX shape inference: " + reply.substr(1);
    return failure();
  }
  onnx::GraphProto infos;
  if (!infos.ParseFromArray(reply.data() + 1, static_cast<int>(reply.size() - 1))) {
    crashed = true;
    return success();
  }
  *model.mutable_graph()->mutable_value_info() = infos.value_info();
  return success();
}
