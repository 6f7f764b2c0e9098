#!/usr/bin/env bash
# Installs everything gm needs to build, test and benchmark on Debian 12.
# Idempotent: packages already present are skipped, and apt-get update runs
# at most once, and only when something is missing.
set -euo pipefail

PACKAGES=(
  # Compiler infrastructure: LLVM 19 libraries and CMake package, the lit
  # tools (FileCheck, not, count), clang-19 to build the fast-path bitcode and
  # to link gm programs, lld for fast links, and the libFuzzer/sanitizer runtimes.
  llvm-19-dev llvm-19-tools clang-19 lld-19 libclang-rt-19-dev
  # Clang as a library (headers, and the shared libclang-cpp.so): gm-abi-gen
  # lowers the runtime's ABI header with clang's own CodeGen at build time.
  libclang-19-dev libclang-cpp19-dev
  # The language heap, and the stack switching of goroutines.
  libgc-dev libboost-context1.81-dev
  # Build and test tooling.
  cmake ninja-build libgtest-dev libbenchmark-dev valgrind python3
  # The differential-testing oracle and performance peer.
  golang-1.19-go
  # C++ yardsticks for the benchmarks.
  libabsl-dev libboost1.81-dev
  # The benchmark report's plot.
  gnuplot-nox
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "bootstrap: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done"
