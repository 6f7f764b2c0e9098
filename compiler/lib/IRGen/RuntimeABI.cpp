//===- RuntimeABI.cpp - The generated runtime ABI tables ------------------===//
//
// Each RuntimeABI-<triple>.inc is generated at build time by gm-abi-gen from
// gm/runtime/ABI.h (see compiler/lib/IRGen/CMakeLists.txt) and rebuilt
// whenever ABI.h or RuntimeFunctions.def changes. A table whose rows do not
// follow RuntimeFunctions.def fails to compile here.
//
//===----------------------------------------------------------------------===//

#include "RuntimeABI.h"
#include "RuntimeDecls.h"

using namespace llvm;
using namespace gm::irgen;

namespace {

constexpr bool sameName(const char *A, const char *B) {
  for (; *A && *A == *B; ++A, ++B)
    ;
  return *A == *B;
}

/// The C++ names of RuntimeFunctions.def, in order.
constexpr const char *DefNames[] = {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props) #Name,
#include "gm/runtime/RuntimeFunctions.def"
};

template <size_t N>
constexpr bool followsDef(const RuntimeABI::Function (&Rows)[N]) {
  if (N != std::size(DefNames))
    return false;
  for (size_t I = 0; I != N; ++I)
    if (!sameName(Rows[I].Name, DefNames[I]))
      return false;
  return true;
}

namespace x86_64_linux {
#define GM_ABI_TABLE "RuntimeABI-x86_64-linux-gnu.inc"
constexpr RuntimeABI::Function Functions[] = {
#define GM_ABI_FUNCTION(Name, Declaration, ArgSources)                         \
  {#Name, Declaration, ArgSources},
#include GM_ABI_TABLE
};
constexpr RuntimeABI::FunctionType FunctionTypes[] = {
#define GM_ABI_FUNCTION_TYPE(Name, Type) {#Name, Type},
#include GM_ABI_TABLE
};
constexpr RuntimeABI::Record Records[] = {
#define GM_ABI_RECORD(Name, Size, Align) {#Name, Size, Align},
#define GM_ABI_FIELD(Record, Name, Offset)
#include GM_ABI_TABLE
};
constexpr RuntimeABI::Field Fields[] = {
#define GM_ABI_RECORD(Name, Size, Align)
#define GM_ABI_FIELD(Record, Name, Offset) {#Record, #Name, Offset},
#include GM_ABI_TABLE
};
#undef GM_ABI_TABLE
static_assert(followsDef(Functions),
              "RuntimeABI-x86_64-linux-gnu.inc is stale: one row per "
              "RuntimeFunctions.def entry, in order");
const RuntimeABI Table = {"x86_64-linux-gnu", Functions, FunctionTypes, Records,
                          Fields};
} // namespace x86_64_linux

const RuntimeABI *const Tables[] = {&x86_64_linux::Table};

} // namespace

const RuntimeABI *RuntimeABI::get(const Triple &T) {
  for (const RuntimeABI *ABI : Tables) {
    Triple Generated(Triple::normalize(ABI->TargetTriple));
    if (Generated.getArch() == T.getArch() && Generated.getOS() == T.getOS())
      return ABI;
  }
  return nullptr;
}

StringRef RuntimeABI::functionType(StringRef Name) const {
  for (const FunctionType &FT : FunctionTypes)
    if (Name == FT.Name)
      return FT.Type;
  return {};
}

const RuntimeABI::Record *RuntimeABI::record(StringRef Name) const {
  for (const Record &R : Records)
    if (Name == R.Name)
      return &R;
  return nullptr;
}

std::optional<uint64_t> RuntimeABI::fieldOffset(StringRef Record,
                                                StringRef Field) const {
  for (const RuntimeABI::Field &F : Fields)
    if (Record == F.Record && Field == F.Name)
      return F.Offset;
  return std::nullopt;
}
