//===- Errors.cpp - fmt.Errorf's errors and the reflection errors needs ---===//
//
// fmt.Errorf returns Go's *errors.errorString, or for a %w operand a
// *fmt.wrapError whose Unwrap returns it. Both types live here, with the
// descriptors and method tables that itabs, type switches and fmt use.
//
// errors.As needs what Go's reflectlite gives it: whether a target's element
// type can hold an error value, and the store. gm's errors package (written
// in gm, runtime/std/errors) calls these helpers for that.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <cstring>
#include <iterator>
#include <mutex>

namespace gm::rt {
namespace {

struct WrapError {
  GoString Msg;
  Iface Err;
};

/// Both error types' Error(): the message at the start of the object.
GoString errorText(const void *Word) {
  return *static_cast<const GoString *>(Word);
}
/// As a StringMethodFn, for fmt: given the address of the pointer.
GoString errorTextAt(const void *P) {
  return errorText(*static_cast<const void *const *>(P));
}
Iface wrapErrorUnwrap(const void *Word) {
  return static_cast<const WrapError *>(Word)->Err;
}

TypeDesc basicDesc(TypeKind K, uint64_t Size, const char *Name) {
  TypeDesc T = {};
  T.Size = Size;
  T.Name = Name;
  T.Kind = K;
  T.Align = 8;
  return T;
}

const StructFieldDesc ErrorStringFields[] = {
    {"s", &runtimeStringType(), 0, false}};
const TypeDesc ErrorStringStruct = [] {
  TypeDesc T =
      basicDesc(TypeKind::Struct, sizeof(GoString), "errors.errorString");
  T.Flags = TypeNamed;
  T.Fields = ErrorStringFields;
  T.NumFields = 1;
  return T;
}();

const MethodDesc ErrorStringMethods[] = {
    {"Error", "func() string", reinterpret_cast<void *>(&errorText)}};

/// A pointer to an error type: Error() comes from the pointee's message.
TypeDesc errorPointerType(const char *Name, const TypeDesc *Elem,
                          const MethodDesc *Methods, uint32_t NumMethods) {
  TypeDesc T = runtimePointerType(Name, Elem, Methods, NumMethods);
  T.ErrorMethod = errorTextAt;
  return T;
}

const TypeDesc ErrorStringPtr =
    errorPointerType("*errors.errorString", &ErrorStringStruct,
                     ErrorStringMethods, std::size(ErrorStringMethods));

const MethodDesc WrapErrorMethods[] = {
    {"Error", "func() string", reinterpret_cast<void *>(&errorText)},
    {"Unwrap", "func() error", reinterpret_cast<void *>(&wrapErrorUnwrap)}};

/// *fmt.wrapError; its err field has the program's error type, known from
/// the first call.
const TypeDesc *wrapErrorPtr(const TypeDesc *ErrorType) {
  static StructFieldDesc Fields[2];
  static TypeDesc Struct, Ptr;
  static std::once_flag Once;
  std::call_once(Once, [ErrorType] {
    Fields[0] = {"msg", &runtimeStringType(), offsetof(WrapError, Msg), false};
    Fields[1] = {"err", ErrorType, offsetof(WrapError, Err), false};
    Struct = basicDesc(TypeKind::Struct, sizeof(WrapError), "fmt.wrapError");
    Struct.Flags = TypeNamed;
    Struct.Fields = Fields;
    Struct.NumFields = 2;
    Ptr = errorPointerType("*fmt.wrapError", &Struct, WrapErrorMethods,
                           std::size(WrapErrorMethods));
  });
  return &Ptr;
}

} // namespace

Iface fmt_Errorf(const TypeDesc *ErrorType, GoString Format, const Eface *Args,
                 int64_t NumArgs) {
  Formatter F;
  F.WrapErrors = true;
  F.printf(Format.Data, Format.Len, Args, NumArgs);
  GoString Msg = newString(F.Out);
  if (!F.Wrapped) {
    auto *S = static_cast<GoString *>(mallocgc(sizeof(GoString), true));
    *S = Msg;
    return {findItab(ErrorType, &ErrorStringPtr), S};
  }
  auto *W = static_cast<WrapError *>(mallocgc(sizeof(WrapError), true));
  W->Msg = Msg;
  W->Err = {findItab(ErrorType, F.Wrapped->Type), F.Wrapped->Data};
  const TypeDesc *T = wrapErrorPtr(ErrorType);
  return {findItab(ErrorType, T), W};
}

bool errors_isComparable(Eface V) { return !V.Type || V.Type->Equal; }

void errors_checkAsTarget(Eface Target) {
  if (!Target.Type)
    panicGoString("errors: target cannot be nil");
  if (Target.Type->Kind != TypeKind::Pointer || !Target.Data)
    panicGoString("errors: target must be a non-nil pointer");
  const TypeDesc *E = Target.Type->Elem;
  if (E->Kind != TypeKind::Interface && !E->ErrorMethod)
    panicGoString("errors: *target must be interface or implement error");
}

bool errors_assignTo(Eface Err, Eface Target) {
  // *target = err when err's dynamic type is assignable to *target's type:
  // an interface it implements, or that very type.
  const TypeDesc *E = Target.Type->Elem;
  void *Dst = Target.Data;
  if (E->Kind == TypeKind::Interface) {
    if (!E->NumMethods) {
      Eface V = Err;
      std::memcpy(Dst, &V, sizeof V);
      return true;
    }
    const Itab *Tab = findItab(E, Err.Type);
    if (!Tab)
      return false;
    Iface V = {Tab, Err.Data};
    std::memcpy(Dst, &V, sizeof V);
    return true;
  }
  if (Err.Type != E)
    return false;
  std::memcpy(Dst, interfaceValuePointer(E, Err.Data), E->Size);
  return true;
}

} // namespace gm::rt
