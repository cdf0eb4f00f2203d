//===- KernelCache.h - state kernels keep between runs ----------*- C++ -*-===//
//
// Fast kernels prepare work once per operation and constant operand (a
// weight tensor reordered into a vendor library's blocked layout, a compiled
// primitive). interp::run makes a cache active while it runs; a caller that
// runs a function repeatedly passes the same cache to every run.
//
// Entries may be keyed by the address of a constant's elements: those are
// attribute bytes owned by the MLIRContext, which outlives the cache as long
// as the cache does not outlive the module it ran.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_INTERPRETER_KERNELCACHE_H
#define TESSEL_INTERPRETER_KERNELCACHE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"

#include <memory>

namespace mlir::tessel::interp {

class KernelCache {
public:
  /// The entry under `key`, made by `make` on first use (null if `make`
  /// returns null, which is not cached).
  template <typename T>
  T *getOrCreate(llvm::StringRef key,
                 llvm::function_ref<std::shared_ptr<T>()> make) {
    auto it = entries.find(key);
    if (it != entries.end())
      return static_cast<T *>(it->second.get());
    std::shared_ptr<T> entry = make();
    if (!entry)
      return nullptr;
    entries[key] = entry;
    return entry.get();
  }

  /// The cache of the innermost interp::run in progress on this thread, or
  /// null outside a run.
  static KernelCache *active();

  /// Makes `cache` active for the lifetime of this object.
  class Scope {
  public:
    explicit Scope(KernelCache &cache);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    KernelCache *previous;
  };

private:
  llvm::StringMap<std::shared_ptr<void>> entries;
};

} // namespace mlir::tessel::interp

#endif // TESSEL_INTERPRETER_KERNELCACHE_H
