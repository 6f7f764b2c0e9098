//===- MapTestUtil.h - Hand-built map types and helpers for tests -*- C++ -*-=//
//
// The tests call the runtime's entry points directly, with MapType
// descriptors built here the way gmc builds them. They may look inside the
// map through the runtime's own accessors (Map/MapInternal.h).
//
// Memory note: Boehm GC scans stacks and globals, not malloc'd memory. Tests
// keep their HMap pointers in locals (or GC memory), never in std::vector or
// gtest fixtures, or the collector could reclaim a live map.
//
//===----------------------------------------------------------------------===//

#ifndef GM_TEST_UNIT_MAP_MAPTESTUTIL_H
#define GM_TEST_UNIT_MAP_MAPTESTUTIL_H

#include "gm/runtime/ABI.h"

#include "Map/MapInternal.h"

#include <gc/gc.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace gmtest {
using namespace gm::abi;
using namespace gm::rt;

/// Builds a descriptor as gmc does: slot sizes, indirection and bucket size
/// follow from the type sizes.
constexpr MapType makeMapType(HashFn Hasher, EqualFn Equal,
                              uint64_t KeyTypeSize, uint64_t ElemTypeSize,
                              uint32_t Flags, bool HasPointers) {
  MapType T{};
  T.Hasher = Hasher;
  T.Equal = Equal;
  T.KeyTypeSize = KeyTypeSize;
  T.ElemTypeSize = ElemTypeSize;
  bool IK = KeyTypeSize > MaxKeySize, IE = ElemTypeSize > MaxElemSize;
  T.KeySize = uint8_t(IK ? sizeof(void *) : KeyTypeSize);
  T.ElemSize = uint8_t(IE ? sizeof(void *) : ElemTypeSize);
  T.BucketSize = uint16_t(bucketSize(T.KeySize, T.ElemSize));
  T.Flags = Flags | (IK ? MapIndirectKey : 0) | (IE ? MapIndirectElem : 0);
  T.BucketHasPointers = HasPointers || IK || IE;
  return T;
}

/// map[int64]int64 (pointer-free buckets).
inline constexpr MapType Int64Map =
    makeMapType(memhash64, memequal64, 8, 8, MapReflexiveKey, false);
/// map[int32]int32.
inline constexpr MapType Int32Map =
    makeMapType(memhash32, memequal32, 4, 4, MapReflexiveKey, false);
/// map[string]int64.
inline constexpr MapType StrMap = makeMapType(
    strhash, strequal, 16, 8, MapReflexiveKey | MapNeedKeyUpdate, true);
/// map[float64]int64.
inline constexpr MapType F64Map =
    makeMapType(f64hash, f64equal, 8, 8, MapNeedKeyUpdate, false);
/// map[float32]int32.
inline constexpr MapType F32Map =
    makeMapType(f32hash, f32equal, 4, 4, MapNeedKeyUpdate, false);

/// map[[25]int64][40]int64: both stored indirectly.
struct BigKey {
  int64_t W[25];
};
struct BigElem {
  int64_t W[40];
};
inline uintptr_t bigKeyHash(const void *P, uintptr_t Seed) {
  return memhash(P, Seed, sizeof(BigKey));
}
inline bool bigKeyEqual(const void *A, const void *B) {
  return memequal(A, B, sizeof(BigKey));
}
inline constexpr MapType BigMap =
    makeMapType(bigKeyHash, bigKeyEqual, sizeof(BigKey), sizeof(BigElem),
                MapReflexiveKey, false);

/// map[int64][300]int64: elem over MaxZeroSize, read with mapaccess*_fat.
struct FatElem {
  int64_t W[300];
};
inline constexpr MapType FatMap = makeMapType(
    memhash64, memequal64, 8, sizeof(FatElem), MapReflexiveKey, false);

/// struct { A int8; B int64 } has 7 bytes of padding after A, so gmc gives it
/// a field-wise hasher and equal function (like Go's generated ones).
struct PadKey {
  int8_t A;
  int64_t B;
};
inline uintptr_t padKeyHash(const void *P, uintptr_t Seed) {
  const auto *K = static_cast<const PadKey *>(P);
  uintptr_t H = memhash(&K->A, Seed, 1);
  return memhash64(&K->B, H);
}
inline bool padKeyEqual(const void *X, const void *Y) {
  const auto *A = static_cast<const PadKey *>(X);
  const auto *B = static_cast<const PadKey *>(Y);
  return A->A == B->A && A->B == B->B;
}
inline constexpr MapType PadMap = makeMapType(
    padKeyHash, padKeyEqual, sizeof(PadKey), 8, MapReflexiveKey, false);

/// A deliberately bad hasher: every key lands in bucket 0 (low 32 bits zero),
/// to build overflow chains on purpose.
inline uintptr_t bucketZeroHash(const void *P, uintptr_t) {
  uint64_t V;
  std::memcpy(&V, P, 8);
  return uintptr_t(V) << 32;
}
inline constexpr MapType CollideMap =
    makeMapType(bucketZeroHash, memequal64, 8, 8, MapReflexiveKey, false);
/// The same, with buckets the GC scans.
inline constexpr MapType CollidePtrMap =
    makeMapType(bucketZeroHash, memequal64, 8, 8, MapReflexiveKey, true);

//--- int64 helpers (fast64 entry points).
inline void put(HMap *H, int64_t K, int64_t V, const MapType &T = Int64Map) {
  *static_cast<int64_t *>(mapassign_fast64(&T, H, uint64_t(K))) = V;
}
inline int64_t get(HMap *H, int64_t K, const MapType &T = Int64Map) {
  return *static_cast<int64_t *>(mapaccess1_fast64(&T, H, uint64_t(K)));
}
inline bool has(HMap *H, int64_t K, const MapType &T = Int64Map) {
  return mapaccess2_fast64(&T, H, uint64_t(K)).Ok;
}
inline void del(HMap *H, int64_t K, const MapType &T = Int64Map) {
  mapdelete_fast64(&T, H, uint64_t(K));
}

//--- string helpers. The GoString points at the std::string's bytes, which
//--- must outlive the entry.
inline GoString gs(const std::string &S) {
  return {reinterpret_cast<const uint8_t *>(S.data()), int64_t(S.size())};
}

inline MapStats stats(const MapType &T, HMap *H) {
  MapStats S;
  mapstats(&T, H, &S);
  return S;
}

/// Every key an iteration over an int64-keyed map yields, in order.
inline std::vector<int64_t> iterKeys(HMap *H, const MapType &T = Int64Map) {
  std::vector<int64_t> Keys;
  HIter It{};
  for (mapiterinit(&T, H, &It); It.Key; mapiternext(&It))
    Keys.push_back(*static_cast<int64_t *>(It.Key));
  return Keys;
}

/// The hash the map uses for an int64 key.
inline uintptr_t hashOf(const MapType &T, HMap *H, int64_t K) {
  return T.Hasher(&K, H->Hash0);
}

} // namespace gmtest

#endif // GM_TEST_UNIT_MAP_MAPTESTUTIL_H
