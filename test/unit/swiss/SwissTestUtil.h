//===- SwissTestUtil.h - Helpers for the Swiss map tests --------*- C++ -*-===//
//
// The tests call gm::rt::swiss directly with MapType descriptors built as
// gmc builds them (the classic map tests' makeMapType), and look inside the
// map through the ABI structs and the runtime's own internals
// (Swiss/SwissInternal.h).
//
// Memory note: Boehm GC scans stacks and globals, not malloc'd memory. Tests
// keep their SwissMap pointers in locals, never in std containers.
//
//===----------------------------------------------------------------------===//

#ifndef GM_TEST_UNIT_SWISS_SWISSTESTUTIL_H
#define GM_TEST_UNIT_SWISS_SWISSTESTUTIL_H

#include "MapTestUtil.h"

#include "Swiss/SwissInternal.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace swisstest {
using namespace gm::abi;
using namespace gm::rt::swiss;
using gmtest::makeMapType;

/// Boehm GC must be initialised before the first allocation.
inline bool gcReady() {
  static const bool Ready = [] {
    GC_INIT();
    return true;
  }();
  return Ready;
}

//--- int64 keys and elems (map[int64]int64 unless told otherwise).

inline void put(SwissMap *M, int64_t K, int64_t V,
                const MapType &T = gmtest::Int64Map) {
  std::memcpy(assign(&T, M, &K), &V, sizeof V);
}
inline bool has(SwissMap *M, int64_t K, const MapType &T = gmtest::Int64Map) {
  return lookup(&T, M, &K) != nullptr;
}
inline int64_t get(SwissMap *M, int64_t K,
                   const MapType &T = gmtest::Int64Map) {
  void *E = lookup(&T, M, &K);
  int64_t V = -1;
  if (E)
    std::memcpy(&V, E, sizeof V);
  return V;
}
inline void del(SwissMap *M, int64_t K, const MapType &T = gmtest::Int64Map) {
  erase(&T, M, &K);
}

/// Every key an iteration over an int64-keyed map yields, in order.
inline std::vector<int64_t> iterKeys(SwissMap *M,
                                     const MapType &T = gmtest::Int64Map) {
  std::vector<int64_t> Keys;
  SwissIter It;
  for (iterInit(&T, M, &It); It.Key; iterNext(&It)) {
    int64_t K;
    std::memcpy(&K, It.Key, sizeof K);
    Keys.push_back(K);
  }
  return Keys;
}

/// Fails the test with the broken invariant, if any.
#define EXPECT_SWISS_OK(T, M)                                                  \
  do {                                                                         \
    const char *SwissError = checkInvariants(&(T), (M));                       \
    EXPECT_EQ(SwissError, nullptr) << SwissError;                              \
  } while (0)

//--- Keys whose hash the test chooses: a key is {Hash, Id} and hashes to
//--- Hash whatever the seed, so a test can place keys in chosen tables,
//--- groups and control bytes, and make distinct keys collide.

struct CraftedKey {
  uint64_t Hash;
  uint64_t Id;
};
inline uintptr_t craftedHash(const void *P, uintptr_t) {
  uint64_t H;
  std::memcpy(&H, P, sizeof H);
  return uintptr_t(H);
}
inline bool craftedEqual(const void *A, const void *B) {
  return std::memcmp(A, B, sizeof(CraftedKey)) == 0;
}
inline constexpr MapType CraftedMap = makeMapType(
    craftedHash, craftedEqual, sizeof(CraftedKey), 8, MapReflexiveKey, false);

/// The hash of a key in directory entry Top (of 2^TopBits), probing first
/// group H1 (modulo the group count), with control byte H2.
inline uint64_t craftHash(uint64_t Top, unsigned TopBits, uint64_t H1,
                          uint8_t H2) {
  uint64_t Hash = (H1 << SwissH2Bits) | H2;
  if (TopBits)
    Hash |= Top << (64 - TopBits);
  return Hash;
}

inline void putCrafted(SwissMap *M, CraftedKey K, int64_t V) {
  std::memcpy(assign(&CraftedMap, M, &K), &V, sizeof V);
}
inline bool hasCrafted(SwissMap *M, CraftedKey K) {
  return lookup(&CraftedMap, M, &K) != nullptr;
}

/// Where an entry lives: its table, group index and slot.
struct Location {
  SwissTable *Table = nullptr;
  uint64_t Group = 0;
  unsigned Slot = 0;
};
inline Location locate(const MapType &T, SwissMap *M, const void *Key) {
  SlotRef R = findEntry(&T, M, Key);
  Location L;
  if (!R || isSmall(M))
    return L;
  L.Table = tableFor(M, T.Hasher(Key, M->Seed));
  L.Group = uint64_t(R.Group - static_cast<uint8_t *>(L.Table->Groups)) /
            groupSize(&T);
  L.Slot = R.Slot;
  return L;
}

/// The only table of a map with one directory entry.
inline SwissTable *onlyTable(SwissMap *M) {
  return M->DirLen == 1 ? directory(M)[0] : nullptr;
}

} // namespace swisstest

#endif // GM_TEST_UNIT_SWISS_SWISSTESTUTIL_H
