// Takes the address of every runtime entry point so that clang emits a
// declaration for each, lowered for the host ABI (see RuntimeDeclsTest.cpp).
#include "gm/runtime/ABI.h"

#include <type_traits>

namespace gm::rt {
// A function of the type of the String/Error thunks gmc emits
// (abi::StringMethodFn), under a symbol the test looks up.
extern std::remove_pointer_t<StringMethodFn>
    StringMethodProbe asm("gm.test.StringMethodFn");

void *AllEntryPoints[] = {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props) (void *)&Name,
#include "gm/runtime/RuntimeFunctions.def"
    (void *)&StringMethodProbe,
};
} // namespace gm::rt
