//===- tq-fuzzer.cpp - libFuzzer target for the .tq decoder ---------------===//
//
// Feeds arbitrary bytes to readPackedTensor and decodes what it accepts, as
// `tessel-quant decode` and the qt interpreter do. Any crash, sanitizer
// report, leak or timeout is a bug.
//
//===----------------------------------------------------------------------===//

#include "tessel/Quant/TensorQuantizer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace q = mlir::tessel::quant;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  q::EncodedTensor encoded;
  std::string error;
  if (!q::readPackedTensor(bytes, encoded, error))
    return 0;
  std::vector<float> values;
  q::decodeTensor(encoded, values, error);
  std::vector<int32_t> images;
  q::integerImages(encoded, images, error);
  return 0;
}
