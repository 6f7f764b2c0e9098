// Takes the address of every runtime entry point so that clang emits a
// declaration for each, lowered for the host ABI (see RuntimeDeclsTest.cpp).
#include "gm/runtime/ABI.h"

namespace gm::rt {
void *AllEntryPoints[] = {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props) (void *)&Name,
#include "gm/runtime/RuntimeFunctions.def"
};
} // namespace gm::rt
