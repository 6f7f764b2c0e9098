//===- gm/Transforms/FastPathBitcode.h - Embedded map fast paths -*- C++
//-*-===//
//
// The map fast paths of runtime/fastpath/*.cpp, compiled by clang-19 to LLVM
// bitcode at build time and embedded in the library gmFastPathBitcode. The
// gm-map-inline pass links functions out of it (see docs/inlining.md).
//
//===----------------------------------------------------------------------===//

#ifndef GM_TRANSFORMS_FASTPATHBITCODE_H
#define GM_TRANSFORMS_FASTPATHBITCODE_H

#include "llvm/ADT/StringRef.h"

namespace gm {

/// The bytes of gm-fastpath.bc (all of runtime/fastpath linked together).
llvm::StringRef getFastPathBitcode();

/// The fast path of the entry point "runtime.X" is the bitcode function
/// "gm.fastpath.X" (the asm label given in runtime/fastpath/MapFastPath.cpp).
inline constexpr llvm::StringLiteral FastPathPrefix = "gm.fastpath.";
/// The Swiss map's fast paths (runtime/fastpath/SwissFastPath.cpp), for
/// modules compiled with -fmap-runtime=swiss.
inline constexpr llvm::StringLiteral SwissFastPathPrefix = "gm.swissfastpath.";
inline constexpr llvm::StringLiteral RuntimePrefix = "runtime.";

} // namespace gm

#endif // GM_TRANSFORMS_FASTPATHBITCODE_H
