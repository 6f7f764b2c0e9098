//===- CoreTestSupport.h - TypeDescs and values for runtime tests -*- C++
//-*-===//
//
// The tests build TypeDescs by hand, the way gmc emits them, and box operand
// values in collector-visible, never-freed memory (Boehm GC does not scan
// malloc'd memory, and a map operand's HMap* must stay visible).
//
//===----------------------------------------------------------------------===//

#ifndef GM_TEST_UNIT_CORE_CORETESTSUPPORT_H
#define GM_TEST_UNIT_CORE_CORETESTSUPPORT_H

#include "gm/runtime/ABI.h"

#include <gc/gc.h>

#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

namespace coretest {
using namespace gm::abi;
using namespace gm::rt;

inline TypeDesc basic(TypeKind K, uint64_t Size, const char *Name,
                      bool Named = false) {
  TypeDesc T{};
  T.Size = Size;
  T.Name = Name;
  T.Kind = K;
  T.Flags = uint8_t((Named ? TypeNamed : 0) |
                    (Size <= MaxDirectIfaceSize ? TypeDirectIface : 0));
  T.Align = uint8_t(Size == 0 ? 1 : Size > 8 ? 8 : Size);
  return T;
}

inline const TypeDesc BoolT = basic(TypeKind::Bool, 1, "bool");
inline const TypeDesc IntT = basic(TypeKind::Int, 8, "int");
inline const TypeDesc Int8T = basic(TypeKind::Int8, 1, "int8");
inline const TypeDesc Int16T = basic(TypeKind::Int16, 2, "int16");
inline const TypeDesc Int32T = basic(TypeKind::Int32, 4, "int32");
inline const TypeDesc Int64T = basic(TypeKind::Int64, 8, "int64");
inline const TypeDesc UintT = basic(TypeKind::Uint, 8, "uint");
inline const TypeDesc Uint8T = basic(TypeKind::Uint8, 1, "uint8");
inline const TypeDesc Uint16T = basic(TypeKind::Uint16, 2, "uint16");
inline const TypeDesc Uint32T = basic(TypeKind::Uint32, 4, "uint32");
inline const TypeDesc Uint64T = basic(TypeKind::Uint64, 8, "uint64");
inline const TypeDesc UintptrT = basic(TypeKind::Uintptr, 8, "uintptr");
inline const TypeDesc Float32T = basic(TypeKind::Float32, 4, "float32");
inline const TypeDesc Float64T = basic(TypeKind::Float64, 8, "float64");
inline const TypeDesc StringT = basic(TypeKind::String, 16, "string");
inline const TypeDesc NilT = basic(TypeKind::Nil, 0, "nil");
inline const TypeDesc MyIntT = basic(TypeKind::Int, 8, "main.MyInt", true);
inline const TypeDesc MyStrT = basic(TypeKind::String, 16, "main.MyStr", true);
inline const TypeDesc MyFloatT =
    basic(TypeKind::Float64, 8, "main.MyFloat", true);

inline TypeDesc sliceOf(const TypeDesc *Elem, const char *Name,
                        bool Named = false) {
  TypeDesc T = basic(TypeKind::Slice, 24, Name, Named);
  T.Elem = Elem;
  return T;
}

inline TypeDesc arrayOf(const TypeDesc *Elem, uint64_t Len, const char *Name) {
  TypeDesc T = basic(TypeKind::Array, Elem->Size * Len, Name);
  T.Align = Elem->Align;
  T.Elem = Elem;
  T.Len = Len;
  return T;
}

inline TypeDesc pointerTo(const TypeDesc *Elem, const char *Name) {
  TypeDesc T = basic(TypeKind::Pointer, 8, Name);
  T.Elem = Elem;
  return T;
}

inline TypeDesc structOf(const char *Name, bool Named,
                         const StructFieldDesc *Fields, uint32_t NumFields,
                         uint64_t Size) {
  TypeDesc T = basic(TypeKind::Struct, Size, Name, Named);
  T.Align = 8;
  T.Fields = Fields;
  T.NumFields = NumFields;
  return T;
}

inline TypeDesc mapOf(const TypeDesc *Key, const TypeDesc *Elem,
                      const MapType *MT, const char *Name) {
  TypeDesc T = basic(TypeKind::Map, 8, Name);
  T.Key = Key;
  T.Elem = Elem;
  T.Map = MT;
  return T;
}

/// Copies V into collector-visible memory that is never freed.
template <typename T> const void *box(const T &V) {
  void *P = GC_MALLOC_UNCOLLECTABLE(sizeof(T) ? sizeof(T) : 1);
  std::memcpy(P, &V, sizeof(T));
  return P;
}

inline GoString str(const char *S) {
  return {reinterpret_cast<const uint8_t *>(S), int64_t(std::strlen(S))};
}
inline GoString str(const std::string &S) {
  // Keep the bytes alive: copy them into never-freed memory.
  auto *P = static_cast<uint8_t *>(GC_MALLOC_UNCOLLECTABLE(S.size() + 1));
  std::memcpy(P, S.data(), S.size());
  return {P, int64_t(S.size())};
}
inline std::string toStd(GoString S) {
  return std::string(reinterpret_cast<const char *>(S.Data), size_t(S.Len));
}

/// The interface value holding the value at Data, of type T (stored in the
/// data word itself for direct types, as gmc does).
inline Eface ref(const TypeDesc *T, const void *Data) {
  Eface E = {T, const_cast<void *>(Data)};
  if (T->Flags & TypeDirectIface) {
    E.Data = nullptr;
    if (Data)
      std::memcpy(&E.Data, Data, T->Size);
  }
  return E;
}

// Operands: one constructor per Go type.
inline Eface B(bool V) { return ref(&BoolT, box(V)); }
inline Eface I(int64_t V) { return ref(&IntT, box(V)); }
inline Eface I8(int8_t V) { return ref(&Int8T, box(V)); }
inline Eface I16(int16_t V) { return ref(&Int16T, box(V)); }
inline Eface I32(int32_t V) { return ref(&Int32T, box(V)); }
inline Eface I64(int64_t V) { return ref(&Int64T, box(V)); }
inline Eface U(uint64_t V) { return ref(&UintT, box(V)); }
inline Eface U8(uint8_t V) { return ref(&Uint8T, box(V)); }
inline Eface U16(uint16_t V) { return ref(&Uint16T, box(V)); }
inline Eface U32(uint32_t V) { return ref(&Uint32T, box(V)); }
inline Eface U64(uint64_t V) { return ref(&Uint64T, box(V)); }
inline Eface UP(uint64_t V) { return ref(&UintptrT, box(V)); }
inline Eface F32(float V) { return ref(&Float32T, box(V)); }
inline Eface F64(double V) { return ref(&Float64T, box(V)); }
inline Eface S(const std::string &V) { return ref(&StringT, box(str(V))); }
/// A string literal, embedded NULs included.
template <size_t N> Eface S(const char (&V)[N]) {
  return S(std::string(V, N - 1));
}
inline Eface Nil() { return {nullptr, nullptr}; }
inline Eface MyInt(int64_t V) { return ref(&MyIntT, box(V)); }
inline Eface MyStr(const char *V) { return ref(&MyStrT, box(str(V))); }
inline Eface MyFloat(double V) { return ref(&MyFloatT, box(V)); }

/// A Go slice value over a copy of Elems.
template <typename T> GoSlice sliceValue(std::initializer_list<T> Elems) {
  size_t N = Elems.size();
  void *P = GC_MALLOC_UNCOLLECTABLE(N * sizeof(T) + 1);
  if (N)
    std::memcpy(P, Elems.begin(), N * sizeof(T));
  return {P, int64_t(N), int64_t(N)};
}

inline std::string sprintf(const char *Format,
                           std::initializer_list<Eface> Args) {
  return toStd(fmt_Sprintf(str(Format), Args.begin(), int64_t(Args.size())));
}

inline std::string sprint(std::initializer_list<Eface> Args) {
  return toStd(fmt_Sprint(Args.begin(), int64_t(Args.size())));
}

} // namespace coretest

#endif // GM_TEST_UNIT_CORE_CORETESTSUPPORT_H
