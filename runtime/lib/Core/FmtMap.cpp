//===- FmtMap.cpp - Printing maps with sorted keys ------------------------===//
//
// fmt prints map[k1:v1 k2:v2] with the keys in the order Go's
// internal/fmtsort gives them, so that output does not depend on iteration
// order:
//   - integers and floats numerically (NaN before everything else),
//   - strings bytewise, false before true,
//   - pointers (and maps) by address,
//   - arrays and structs element by element, lexicographically.
// The entries are collected with the map runtime's iterator (mapiterinit /
// mapiternext) and sorted stably, as fmtsort does with sort.Stable.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"

#include <cmath>
#include <cstring>
#include <vector>

namespace gm::rt {
namespace {

template <typename T> T load(const void *P) {
  T V;
  std::memcpy(&V, P, sizeof(T));
  return V;
}

template <typename T> int compareScalars(T A, T B) {
  return A < B ? -1 : A > B ? 1 : 0;
}

int compareFloats(double A, double B) {
  if (std::isnan(A))
    return -1; // No good answer if B is also NaN; don't bother checking.
  if (std::isnan(B))
    return 1;
  return compareScalars(A, B);
}

/// fmtsort's compare: -1, 0 or 1 for two values of type T.
int compareValues(const TypeDesc *T, const void *A, const void *B) {
  switch (T->Kind) {
  case TypeKind::Int:
  case TypeKind::Int8:
  case TypeKind::Int16:
  case TypeKind::Int32:
  case TypeKind::Int64:
    return compareScalars(int64_t(loadIntegerBits(T, A)),
                          int64_t(loadIntegerBits(T, B)));
  case TypeKind::Uint:
  case TypeKind::Uint8:
  case TypeKind::Uint16:
  case TypeKind::Uint32:
  case TypeKind::Uint64:
  case TypeKind::Uintptr:
    return compareScalars(loadIntegerBits(T, A), loadIntegerBits(T, B));
  case TypeKind::Float32:
    return compareFloats(load<float>(A), load<float>(B));
  case TypeKind::Float64:
    return compareFloats(load<double>(A), load<double>(B));
  case TypeKind::String: {
    auto SA = load<GoString>(A), SB = load<GoString>(B);
    int64_t N = SA.Len < SB.Len ? SA.Len : SB.Len;
    int C = N > 0 ? std::memcmp(SA.Data, SB.Data, size_t(N)) : 0;
    if (C != 0)
      return C < 0 ? -1 : 1;
    return compareScalars(SA.Len, SB.Len);
  }
  case TypeKind::Bool:
    return compareScalars(int(load<bool>(A)), int(load<bool>(B)));
  case TypeKind::Pointer:
  case TypeKind::Map:
    return compareScalars(uintptr_t(load<void *>(A)),
                          uintptr_t(load<void *>(B)));
  case TypeKind::Struct:
    for (uint32_t I = 0; I < T->NumFields; ++I) {
      const StructFieldDesc &Field = T->Fields[I];
      if (int C = compareValues(Field.Type,
                                static_cast<const char *>(A) + Field.Offset,
                                static_cast<const char *>(B) + Field.Offset))
        return C;
    }
    return 0;
  case TypeKind::Array:
    for (uint64_t I = 0; I < T->Len; ++I) {
      uint64_t Off = I * T->Elem->Size;
      if (int C = compareValues(T->Elem, static_cast<const char *>(A) + Off,
                                static_cast<const char *>(B) + Off))
        return C;
    }
    return 0;
  default:
    return -1; // Not a valid key type; don't return 0.
  }
}

struct Entry {
  const void *Key;
  const void *Elem;
};

/// Stable merge sort. (std::stable_sort would do, but NaN keys make the
/// comparison inconsistent, so use a sort that cannot misbehave on that.)
void sortEntries(std::vector<Entry> &Entries, const TypeDesc *KeyType) {
  std::vector<Entry> Tmp(Entries.size());
  for (size_t Width = 1; Width < Entries.size(); Width *= 2) {
    for (size_t Lo = 0; Lo < Entries.size(); Lo += 2 * Width) {
      size_t Mid = std::min(Lo + Width, Entries.size());
      size_t Hi = std::min(Lo + 2 * Width, Entries.size());
      size_t I = Lo, J = Mid, K = Lo;
      while (I < Mid && J < Hi) {
        // Take from the right only if strictly less: keeps it stable.
        if (compareValues(KeyType, Entries[J].Key, Entries[I].Key) < 0)
          Tmp[K++] = Entries[J++];
        else
          Tmp[K++] = Entries[I++];
      }
      while (I < Mid)
        Tmp[K++] = Entries[I++];
      while (J < Hi)
        Tmp[K++] = Entries[J++];
    }
    Entries.swap(Tmp);
  }
}

} // namespace

void Printer::printMap(const TypeDesc *T, const void *Data, int32_t Verb,
                       int Depth) {
  auto *H = load<HMap *>(Data);
  if (F.SharpV) {
    Buf += T->Name;
    if (!H) {
      Buf += "(nil)";
      return;
    }
    Buf += '{';
  } else {
    Buf += "map[";
  }

  std::vector<Entry> Entries;
  if (H && H->Count > 0) {
    HIter It = {};
    mapiterinit(T->Map, H, &It);
    for (; It.Key; mapiternext(&It))
      Entries.push_back({It.Key, It.Elem});
  }
  const TypeDesc *KeyType = T->Key;
  const TypeDesc *ElemType = T->Elem;
  sortEntries(Entries, KeyType);

  for (size_t I = 0; I < Entries.size(); ++I) {
    if (I > 0) {
      if (F.SharpV)
        Buf += ", ";
      else
        Buf += ' ';
    }
    printValue(KeyType, Entries[I].Key, Verb, Depth + 1);
    Buf += ':';
    printValue(ElemType, Entries[I].Elem, Verb, Depth + 1);
  }
  Buf += F.SharpV ? '}' : ']';
}

} // namespace gm::rt
