//===- KernelCache.cpp - state kernels keep between runs ------------------===//

#include "tessel/Interpreter/KernelCache.h"

using namespace mlir::tessel::interp;

static thread_local KernelCache *activeCache = nullptr;

KernelCache *KernelCache::active() { return activeCache; }

KernelCache::Scope::Scope(KernelCache &cache) : previous(activeCache) {
  activeCache = &cache;
}

KernelCache::Scope::~Scope() { activeCache = previous; }
