//===- ABIChecks.cpp - Compile-time checks of the runtime ABI -------------===//
//
// Every entry point in RuntimeFunctions.def has exactly the declared C++ type.
// The compiler derives its LLVM declarations from the same types, so the two
// sides cannot drift.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include <type_traits>

namespace gm::rt {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  static_assert(std::is_same_v<decltype(&Name), Ret(*) Params>,                \
                Symbol " has a different type than declared");
#include "gm/runtime/RuntimeFunctions.def"
} // namespace gm::rt
