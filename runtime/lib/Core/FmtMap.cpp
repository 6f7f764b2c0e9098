//===- FmtMap.cpp - Printing maps with their keys in order ----------------===//
//
// fmt prints map[k1:v1 k2:v2] with the entries sorted by key, so output does
// not depend on the map's iteration order. The key order (Go's, from
// internal/fmtsort):
//   - integers and floats by value, with NaN below every other float;
//   - strings bytewise; false before true;
//   - pointers (and maps) by address;
//   - arrays and structs element by element, the first difference deciding.
// Entries with equal keys keep their iteration order (a stable sort). Since
// NaN is "below" even another NaN the order is not a strict weak ordering,
// so we use our own merge sort, which tolerates that, rather than
// std::stable_sort.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"

#include <cmath>
#include <cstring>
#include <vector>

namespace gm::rt {
namespace {

template <typename T> T loadAs(const void *P) {
  T V;
  std::memcpy(&V, P, sizeof(T));
  return V;
}

template <typename T> int threeWay(T A, T B) { return (B < A) - (A < B); }

int orderFloats(double A, double B) {
  if (std::isnan(A))
    return -1;
  if (std::isnan(B))
    return 1;
  return threeWay(A, B);
}

int orderStrings(GoString A, GoString B) {
  int64_t Common = A.Len < B.Len ? A.Len : B.Len;
  if (Common > 0)
    if (int C = std::memcmp(A.Data, B.Data, size_t(Common)))
      return C < 0 ? -1 : 1;
  return threeWay(A.Len, B.Len);
}

/// Negative, zero or positive as key A sorts before, with or after key B.
int orderKeys(const TypeDesc *T, const void *A, const void *B) {
  const char *PA = static_cast<const char *>(A);
  const char *PB = static_cast<const char *>(B);
  switch (T->Kind) {
  case TypeKind::Int:
  case TypeKind::Int8:
  case TypeKind::Int16:
  case TypeKind::Int32:
  case TypeKind::Int64:
    return threeWay(int64_t(loadIntegerBits(T, A)),
                    int64_t(loadIntegerBits(T, B)));
  case TypeKind::Uint:
  case TypeKind::Uint8:
  case TypeKind::Uint16:
  case TypeKind::Uint32:
  case TypeKind::Uint64:
  case TypeKind::Uintptr:
    return threeWay(loadIntegerBits(T, A), loadIntegerBits(T, B));
  case TypeKind::Float32:
    return orderFloats(loadAs<float>(A), loadAs<float>(B));
  case TypeKind::Float64:
    return orderFloats(loadAs<double>(A), loadAs<double>(B));
  case TypeKind::String:
    return orderStrings(loadAs<GoString>(A), loadAs<GoString>(B));
  case TypeKind::Bool:
    return threeWay(loadAs<bool>(A), loadAs<bool>(B));
  case TypeKind::Pointer:
  case TypeKind::Map:
  case TypeKind::Chan:
    return threeWay(loadAs<uintptr_t>(A), loadAs<uintptr_t>(B));
  case TypeKind::Struct:
    for (uint32_t I = 0; I < T->NumFields; ++I) {
      const StructFieldDesc &F = T->Fields[I];
      if (int C = orderKeys(F.Type, PA + F.Offset, PB + F.Offset))
        return C;
    }
    return 0;
  case TypeKind::Array:
    for (uint64_t I = 0; I < T->Len; ++I) {
      uint64_t Offset = I * T->Elem->Size;
      if (int C = orderKeys(T->Elem, PA + Offset, PB + Offset))
        return C;
    }
    return 0;
  case TypeKind::Interface: {
    // nil first; then by dynamic type (by descriptor address, as Go orders
    // them by type address), then by value.
    ValueRef VA = interfaceValueAt(T, A), VB = interfaceValueAt(T, B);
    if (!VA.Type || !VB.Type)
      return threeWay(VA.Type != nullptr, VB.Type != nullptr);
    if (VA.Type != VB.Type)
      return threeWay(uintptr_t(VA.Type), uintptr_t(VB.Type));
    return orderKeys(VA.Type, VA.Data, VB.Data);
  }
  default:
    return -1; // Not a comparable key kind; never claim equality.
  }
}

struct MapEntry {
  const void *Key;
  const void *Value;
};

/// Stable merge sort of Entries[Lo, Hi) using Scratch (same size).
void mergeSort(std::vector<MapEntry> &Entries, std::vector<MapEntry> &Scratch,
               size_t Lo, size_t Hi, const TypeDesc *KeyType) {
  if (Hi - Lo < 2)
    return;
  size_t Mid = Lo + (Hi - Lo) / 2;
  mergeSort(Entries, Scratch, Lo, Mid, KeyType);
  mergeSort(Entries, Scratch, Mid, Hi, KeyType);
  size_t L = Lo, R = Mid, Dst = Lo;
  while (L < Mid && R < Hi) {
    // Prefer the left run unless the right key is strictly smaller.
    bool TakeRight = orderKeys(KeyType, Entries[R].Key, Entries[L].Key) < 0;
    Scratch[Dst++] = TakeRight ? Entries[R++] : Entries[L++];
  }
  while (L < Mid)
    Scratch[Dst++] = Entries[L++];
  while (R < Hi)
    Scratch[Dst++] = Entries[R++];
  for (size_t I = Lo; I < Hi; ++I)
    Entries[I] = Scratch[I];
}

} // namespace

void Formatter::formatMap(const TypeDesc *T, const void *Data, int32_t Verb) {
  auto *H = loadAs<HMap *>(Data);
  if (Spec.GoSyntax) {
    Out += T->Name;
    if (!H) {
      Out += "(nil)";
      return;
    }
    Out += '{';
  } else {
    Out += "map[";
  }

  std::vector<MapEntry> Entries;
  if (H && H->Count > 0) {
    HIter It = {};
    for (mapiterinit(T->Map, H, &It); It.Key; mapiternext(&It))
      Entries.push_back({It.Key, It.Elem});
  }
  std::vector<MapEntry> Scratch(Entries.size());
  mergeSort(Entries, Scratch, 0, Entries.size(), T->Key);

  for (size_t I = 0; I < Entries.size(); ++I) {
    if (I > 0)
      Out += Spec.GoSyntax ? ", " : " ";
    formatValue(T->Key, Entries[I].Key, Verb, /*Nested=*/true);
    Out += ':';
    formatValue(T->Elem, Entries[I].Value, Verb, /*Nested=*/true);
  }
  Out += Spec.GoSyntax ? '}' : ']';
}

} // namespace gm::rt
