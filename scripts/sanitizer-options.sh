# Sourced by the scripts that run sanitized binaries (test-sanitized.sh,
# fuzz.sh). Every report stops the process with a non-zero exit and a stack.
# LLVM's inline BumpPtrAllocator poisons the slabs tessel's instrumented code
# allocates, which the uninstrumented libMLIR.so then fills without
# unpoisoning: that manual poisoning is off, ASan's own checks are not.
export ASAN_OPTIONS=detect_leaks=1:allow_user_poisoning=0:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
