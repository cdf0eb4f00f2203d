//===- ProgramHost.h - a gemmini program as a host function -----*- C++ -*-===//
//
// tessel-run runs every entry through the interpreter. A gemmini program
// given as the entry is wrapped in a host function that passes its input
// and weight segments in and its output segments out through gemmini.call,
// so --repeat, --dump-intermediates, .pb inputs and --stats work for
// programs as for any function.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_PROGRAMHOST_H
#define TESSEL_TOOLS_TESSEL_RUN_PROGRAMHOST_H

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Tools/tessel-run/Entry.h"

namespace mlir::tessel::run {

/// The tensor a segment's bytes are read and written as: its type, or its
/// bytes as ui8.
RankedTensorType segmentTensorType(gemmini::SegmentOp segment);

/// Reads the files given for `program`'s segments (by segment name) and
/// adds to its module a function calling it: one argument per segment given
/// a file (every input and weight segment needs one; typed segments take
/// exactly their type, untyped ones any tensor that fits), one result per
/// output segment (its type, or its bytes as ui8).
FailureOr<Entry> buildProgramHost(gemmini::ProgramOp program,
                                  const InputFiles &files,
                                  std::string &error);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_PROGRAMHOST_H
