//===- tessel-translate.cpp - tessel's emitters and importers -------------===//
//
//   tessel-translate --gemmini-to-asm prog.mlir
//   tessel-translate --gemmini-to-bin prog.mlir -o prog.bin
//   tessel-translate --gemmini-to-c prog.mlir -o prog.c
//   tessel-translate --import-gemmini-bin prog.bin
//
//===----------------------------------------------------------------------===//

#include "tessel/InitAllTranslations.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::tessel::registerAllTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "tessel translation tool"));
}
