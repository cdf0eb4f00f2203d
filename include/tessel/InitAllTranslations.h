//===- InitAllTranslations.h - tessel-translate's translations -*- C++ -*-===//
#ifndef TESSEL_INITALLTRANSLATIONS_H
#define TESSEL_INITALLTRANSLATIONS_H

#include "tessel/Target/Gemmini/GemminiTranslate.h"

namespace mlir::tessel {

inline void registerAllTranslations() {
  gemmini::registerGemminiTranslations();
}

} // namespace mlir::tessel

#endif // TESSEL_INITALLTRANSLATIONS_H
