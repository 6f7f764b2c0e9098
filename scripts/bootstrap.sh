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
  # gmc explore: the HTTP server library, the bundler of its page, Node for
  # the page's npm packages (below), and the browser its test drives.
  libcpp-httplib-dev pkgconf esbuild nodejs chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

# Debian's nodejs leaves npm to its own package; NodeSource's includes it.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

SUDO=
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
if ((${#missing[@]} == 0)); then
  echo "bootstrap: all ${#PACKAGES[@]} packages present"
else
  echo "bootstrap: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The explorer page's npm packages (CodeMirror 6, bundled into gmc at build
# time; playwright-core for its browser test), exactly as locked.
web="$(cd "$(dirname "$0")/.." && pwd)/compiler/lib/Explore/web"
if ! cmp -s "$web/package-lock.json" "$web/node_modules/.package-lock.json.installed"; then
  echo "bootstrap: npm ci in compiler/lib/Explore/web"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$web/package-lock.json" "$web/node_modules/.package-lock.json.installed"
fi
echo "bootstrap: done"
