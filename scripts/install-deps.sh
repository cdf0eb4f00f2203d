#!/usr/bin/env bash
# Installs every Debian package tessel needs to build and test. Idempotent.
set -euo pipefail

packages=(
  # Toolchain and build.
  build-essential cmake ninja-build ccache git
  # LLVM/MLIR 22, lit and FileCheck.
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  # ONNX import.
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  # Reference interpreter kernels.
  libdnnl-dev
  # Tests.
  libgtest-dev
  # Python tooling (test model generation, harnesses).
  python3 python3-numpy python3-onnx
  # torchvision's models, exported for the compile tests (test/Run/Compile/models.test).
  python3-torch python3-torchvision
  # Spike with Gemmini's functional model as an oracle (test/Run/Gemmini/spike.test).
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf device-tree-compiler
  # The sanitized suite and the fuzzers (scripts/test-sanitized.sh, scripts/fuzz.sh):
  # clang finds OpenMP only with its own runtime.
  clang-22 libclang-rt-22-dev libomp-22-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
