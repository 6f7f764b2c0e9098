//===- Iface.cpp - Itabs, type assertions and interface hash/equality -----===//
//
// Go's runtime/iface.go and the interface half of alg.go, for gm.
//
// gmc emits the itab of every (interface, concrete type) pair a program
// converts; an assertion to an interface type x.(I) meets pairs only known
// at run time, so it builds their itabs here, once per pair, and caches
// them. Building one is a single merge of two method tables sorted by name
// (abi::MethodDesc); a method matches when name and signature both do.
//
// Interface values hash and compare by their dynamic type: the type words
// must be the same descriptor, then the type's own Hash/Equal decide. A
// dynamic type without them (slice, map, func) panics as in Go.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace gm::rt {
namespace {

/// The unqualified name of a method ("m" for "main.m"): what Go's messages
/// print for a missing one.
const char *methodShortName(const char *Name) {
  const char *Dot = std::strrchr(Name, '.');
  return Dot ? Dot + 1 : Name;
}

/// Builds the itab of Inter and T, or returns null with the first method of
/// Inter (in name order) that T lacks.
Itab *buildItab(const TypeDesc *Inter, const TypeDesc *T,
                const char *&Missing) {
  uint32_t N = Inter->NumMethods;
  size_t Bytes = sizeof(Itab) + (N ? N - 1 : 0) * sizeof(void *);
  // Itabs live as long as the program and point only at static data.
  auto *Tab = static_cast<Itab *>(std::calloc(1, Bytes));
  Tab->Inter = Inter;
  Tab->Type = T;
  uint32_t J = 0;
  for (uint32_t I = 0; I < N; ++I) {
    const MethodDesc &Want = Inter->Methods[I];
    while (J < T->NumMethods && std::strcmp(T->Methods[J].Name, Want.Name) < 0)
      ++J;
    if (J == T->NumMethods || std::strcmp(T->Methods[J].Name, Want.Name) != 0 ||
        std::strcmp(T->Methods[J].Signature, Want.Signature) != 0) {
      Missing = methodShortName(Want.Name);
      std::free(Tab);
      return nullptr;
    }
    Tab->Fun[I] = T->Methods[J].Fn;
  }
  return Tab;
}

struct ItabEntry {
  const Itab *Tab;
  const char *Missing;
};

/// The itab of (Inter, T), built on first use; Missing is set when T does
/// not implement Inter.
ItabEntry getItab(const TypeDesc *Inter, const TypeDesc *T) {
  static std::mutex Lock;
  static std::map<std::pair<const TypeDesc *, const TypeDesc *>, ItabEntry>
      Cache;
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, New] = Cache.try_emplace({Inter, T});
  if (New) {
    const char *Missing = nullptr;
    It->second.Tab = buildItab(Inter, T, Missing);
    It->second.Missing = Missing;
  }
  return It->second;
}

/// Go's TypeAssertionError texts.
[[noreturn]] void panicTypeAssertion(const TypeDesc *Iface,
                                     const TypeDesc *Have, const TypeDesc *Want,
                                     const char *Missing) {
  std::string Inter = Iface ? Iface->Name : "interface";
  std::string Msg = "interface conversion: ";
  if (!Have) {
    Msg += Inter + " is nil, not " + Want->Name;
  } else if (Missing) {
    Msg += std::string(Have->Name) + " is not " + Want->Name +
           ": missing method " + Missing;
  } else {
    Msg += Inter + " is " + Have->Name + ", not " + Want->Name;
    if (std::strcmp(Have->Name, Want->Name) == 0)
      Msg += " (types from different scopes)";
  }
  panicPlainError(Msg.c_str(), "*runtime.TypeAssertionError");
}

[[noreturn]] void panicUnhashable(const TypeDesc *T) {
  std::string Msg = std::string("hash of unhashable type ") + T->Name;
  panicRuntimeError(Msg.c_str());
}

/// Go mixes the hash of an interface's value with these, so that the empty
/// interface's hash of 1 is not the int hash of 1.
constexpr uintptr_t InterfaceHashC0 = uintptr_t(0x5ad3c1c5ba2e6d3bull);
constexpr uintptr_t InterfaceHashC1 = uintptr_t(0x9e3779b97f4a7c15ull);

uintptr_t hashDynamic(const TypeDesc *T, void *const &Data, uintptr_t Seed) {
  if (!T)
    return Seed;
  if (!T->Hash)
    panicUnhashable(T);
  return InterfaceHashC1 *
         T->Hash(interfaceValuePointer(T, Data), Seed ^ InterfaceHashC0);
}

bool equalDynamic(const TypeDesc *TX, void *X, const TypeDesc *TY, void *Y) {
  if (TX != TY)
    return false;
  return !TX || efaceeq(TX, X, Y);
}

} // namespace

const TypeDesc &runtimeStringType() {
  static const TypeDesc T = [] {
    TypeDesc T = {};
    T.Size = sizeof(GoString);
    T.Name = "string";
    T.Kind = TypeKind::String;
    T.Align = alignof(GoString);
    T.Hash = strhash;
    T.Equal = strequal;
    return T;
  }();
  return T;
}

TypeDesc runtimePointerType(const char *Name, const TypeDesc *Elem,
                            const MethodDesc *Methods, uint32_t NumMethods) {
  TypeDesc T = {};
  T.Size = sizeof(void *);
  T.Name = Name;
  T.Kind = TypeKind::Pointer;
  T.Flags = TypeDirectIface;
  T.Align = alignof(void *);
  T.Elem = Elem;
  T.Hash = memhash64;
  T.Equal = memequal64;
  T.Methods = Methods;
  T.NumMethods = NumMethods;
  return T;
}

const Itab *findItab(const TypeDesc *Inter, const TypeDesc *T) {
  return getItab(Inter, T).Tab;
}

const Itab *assertE2I(const TypeDesc *Inter, const TypeDesc *T) {
  if (!T)
    panicTypeAssertion(nullptr, nullptr, Inter, nullptr);
  ItabEntry E = getItab(Inter, T);
  if (!E.Tab)
    panicTypeAssertion(nullptr, T, Inter, E.Missing);
  return E.Tab;
}

const Itab *assertE2I2(const TypeDesc *Inter, const TypeDesc *T) {
  if (!T)
    return nullptr;
  return getItab(Inter, T).Tab;
}

void panicdottypeE(const TypeDesc *Have, const TypeDesc *Want,
                   const TypeDesc *Iface) {
  panicTypeAssertion(Iface, Have, Want, nullptr);
}

bool efaceeq(const TypeDesc *T, void *X, void *Y) {
  if (!T->Equal) {
    std::string Msg = std::string("comparing uncomparable type ") + T->Name;
    panicRuntimeError(Msg.c_str());
  }
  if (T->Flags & TypeDirectIface)
    return T->Equal(&X, &Y);
  // No shortcut for one and the same box: a value holding a NaN is unequal
  // to itself (var i any = S{math.NaN()}; i == i is false in Go).
  return T->Equal(X, Y);
}

uintptr_t nilinterhash(const void *Key, uintptr_t Seed) {
  const auto &E = *static_cast<const Eface *>(Key);
  return hashDynamic(E.Type, E.Data, Seed);
}

uintptr_t interhash(const void *Key, uintptr_t Seed) {
  const auto &I = *static_cast<const Iface *>(Key);
  return hashDynamic(dynamicType(I), I.Data, Seed);
}

bool nilinterequal(const void *A, const void *B) {
  const auto &X = *static_cast<const Eface *>(A);
  const auto &Y = *static_cast<const Eface *>(B);
  return equalDynamic(X.Type, X.Data, Y.Type, Y.Data);
}

bool interequal(const void *A, const void *B) {
  const auto &X = *static_cast<const Iface *>(A);
  const auto &Y = *static_cast<const Iface *>(B);
  return equalDynamic(dynamicType(X), X.Data, dynamicType(Y), Y.Data);
}

} // namespace gm::rt
