//===- map-inline-harness.cpp - Drive each branch of the inlined fast paths
//===//
//
// Compiled to IR, run through gm-map-inline, and linked with
// map-inline-stub-runtime.cpp (map-inline-exec-slow-paths.test). Each case
// builds a map by hand from ABI.h's layout and HashMix.h's hash, calls an
// entry point (now its inlined fast path), and checks both the result and
// whether the runtime (the stub) was called. A hit that finds the right elem
// also proves that the bitcode's layout constants agree with ABI.h.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include "Map/HashMix.h"
#include "Map/MapInternal.h"

#include <cstdio>
#include <cstring>

using namespace gm::abi;
using namespace gm::rt::maps;

extern int SlowCalls;
extern unsigned char SlowSentinel[16];

namespace {

using gm::rt::memequal32;
using gm::rt::memequal64;
using gm::rt::memhash32;
using gm::rt::memhash64;

const MapType I64Map = {memhash64,
                        memequal64,
                        nullptr,
                        nullptr,
                        8,
                        8,
                        8,
                        8,
                        uint16_t(bucketSize(8, 8)),
                        MapReflexiveKey,
                        0,
                        {}};
const MapType I32Map = {memhash32,
                        memequal32,
                        nullptr,
                        nullptr,
                        4,
                        2,
                        4,
                        2,
                        uint16_t(bucketSize(4, 2)),
                        MapReflexiveKey,
                        0,
                        {}};
const MapType PtrMap = {memhash64,
                        memequal64,
                        nullptr,
                        nullptr,
                        8,
                        8,
                        8,
                        8,
                        uint16_t(bucketSize(8, 8)),
                        MapReflexiveKey,
                        1,
                        {}};
/// An 8-byte key with its own hasher: the runtime calls it, so the fast
/// path must leave such maps to the runtime.
uintptr_t customHash(const void *, uintptr_t) { return 0; }
const MapType CustomMap = {customHash,
                           memequal64,
                           nullptr,
                           nullptr,
                           8,
                           8,
                           8,
                           8,
                           uint16_t(bucketSize(8, 8)),
                           MapReflexiveKey,
                           0,
                           {}};

int Failures = 0;

#define EXPECT(Cond)                                                           \
  do {                                                                         \
    if (!(Cond)) {                                                             \
      std::printf("FAIL %s:%d: %s\n", Case, __LINE__, #Cond);                  \
      ++Failures;                                                              \
    }                                                                          \
  } while (0)

/// A map with up to 4 buckets plus one overflow bucket, all in place.
struct TestMap {
  HMap H;
  alignas(8) unsigned char Buckets[4 * 144];
  alignas(8) unsigned char Overflow[144];

  TestMap(const MapType *T, uint8_t B) {
    std::memset(this, 0, sizeof(*this));
    H.B = B;
    H.Hash0 = 0x9e3779b9u;
    H.Buckets = Buckets;
    this->T = T;
  }
  const MapType *T;

  uintptr_t hash(uint64_t K) const {
    return T->KeySize == 4 ? gm::rt::hashMix32(uint32_t(K), H.Hash0)
                           : gm::rt::hashMix64(K, H.Hash0);
  }
  void *bucketOf(uint64_t K) {
    return bucketAt(T, Buckets, hash(K) & bucketMask(H.B));
  }
  /// Stores K in slot I of its bucket, with elem value V. Free slots before
  /// it become emptyOne: emptyRest may only follow the last live slot.
  void put(uint64_t K, unsigned I, uint64_t V) {
    void *B = bucketOf(K);
    for (unsigned J = 0; J < I; ++J)
      if (tophashes(B)[J] == EmptyRest)
        tophashes(B)[J] = EmptyOne;
    tophashes(B)[I] = topHash(hash(K));
    std::memcpy(keySlot(T, B, I), &K, T->KeySize);
    std::memcpy(elemSlot(T, B, I), &V, T->ElemSize);
    ++H.Count;
  }
  /// Fills every slot of K's bucket with other keys that land there.
  void fillBucketOf(uint64_t K) {
    void *B = bucketOf(K);
    unsigned I = 0;
    for (uint64_t Other = 1000; I < BucketCnt; ++Other)
      if (Other != K && bucketOf(Other) == B)
        put(Other, I++, Other);
  }
  void chainOverflow(uint64_t K) { setOverflow(T, bucketOf(K), Overflow); }
};

uint64_t load64(void *P) {
  uint64_t V;
  std::memcpy(&V, P, 8);
  return V;
}

void accessCases() {
  const char *Case = "access1 hit, B=0";
  {
    TestMap M(&I64Map, 0);
    M.put(7, 3, 70);
    SlowCalls = 0;
    void *P = gm::rt::mapaccess1_fast64(&I64Map, &M.H, 7);
    EXPECT(SlowCalls == 0 && P == elemSlot(&I64Map, M.Buckets, 3));
    EXPECT(load64(P) == 70);
  }
  Case = "access1 hit, B=2";
  {
    TestMap M(&I64Map, 2);
    M.put(12345, 5, 99);
    SlowCalls = 0;
    void *P = gm::rt::mapaccess1_fast64(&I64Map, &M.H, 12345);
    EXPECT(SlowCalls == 0 && load64(P) == 99);
  }
  Case = "access1 miss at emptyRest";
  {
    TestMap M(&I64Map, 1);
    M.put(1, 0, 10);
    M.chainOverflow(2); // emptyRest ends the search before the chain
    SlowCalls = 0;
    void *P = gm::rt::mapaccess1_fast64(&I64Map, &M.H, 2);
    EXPECT(SlowCalls == 0 && P != SlowSentinel && load64(P) == 0);
  }
  Case = "access1 miss, full bucket, no overflow";
  {
    TestMap M(&I64Map, 0);
    M.fillBucketOf(5);
    SlowCalls = 0;
    void *P = gm::rt::mapaccess1_fast64(&I64Map, &M.H, 5);
    EXPECT(SlowCalls == 0 && load64(P) == 0);
  }
  Case = "access1 miss, full bucket, overflow chain -> runtime";
  {
    TestMap M(&I64Map, 0);
    M.fillBucketOf(5);
    M.chainOverflow(5);
    SlowCalls = 0;
    void *P = gm::rt::mapaccess1_fast64(&I64Map, &M.H, 5);
    EXPECT(SlowCalls == 1 && P == SlowSentinel);
  }
  Case = "access1 growing -> runtime";
  {
    TestMap M(&I64Map, 1);
    M.put(7, 0, 70);
    M.H.OldBuckets = M.Overflow;
    SlowCalls = 0;
    EXPECT(gm::rt::mapaccess1_fast64(&I64Map, &M.H, 7) == SlowSentinel);
    EXPECT(SlowCalls == 1);
  }
  Case = "access1 hashWriting -> runtime";
  {
    TestMap M(&I64Map, 1);
    M.put(7, 0, 70);
    M.H.Flags = FlagHashWriting;
    SlowCalls = 0;
    EXPECT(gm::rt::mapaccess1_fast64(&I64Map, &M.H, 7) == SlowSentinel);
    EXPECT(SlowCalls == 1);
  }
  Case = "access and assign, non-standard hasher -> runtime";
  {
    TestMap M(&I64Map, 0);
    M.put(7, 0, 70);
    SlowCalls = 0;
    EXPECT(gm::rt::mapaccess1_fast64(&CustomMap, &M.H, 7) == SlowSentinel);
    EXPECT(gm::rt::mapassign_fast64(&CustomMap, &M.H, 7) == SlowSentinel);
    EXPECT(SlowCalls == 2);
  }
  Case = "access nil map";
  {
    SlowCalls = 0;
    void *P = gm::rt::mapaccess1_fast64(&I64Map, nullptr, 7);
    MapAccess2Result R = gm::rt::mapaccess2_fast64(&I64Map, nullptr, 7);
    EXPECT(SlowCalls == 0 && load64(P) == 0 && !R.Ok && load64(R.Elem) == 0);
  }
  Case = "access2 hit and miss";
  {
    TestMap M(&I64Map, 3);
    M.put(42, 1, 420);
    SlowCalls = 0;
    MapAccess2Result Hit = gm::rt::mapaccess2_fast64(&I64Map, &M.H, 42);
    MapAccess2Result Miss = gm::rt::mapaccess2_fast64(&I64Map, &M.H, 43);
    EXPECT(SlowCalls == 0 && Hit.Ok && load64(Hit.Elem) == 420);
    EXPECT(!Miss.Ok && load64(Miss.Elem) == 0);
  }
  Case = "access fast32";
  {
    TestMap M(&I32Map, 2);
    M.put(77, 6, 0x1234);
    SlowCalls = 0;
    uint16_t V;
    std::memcpy(&V, gm::rt::mapaccess1_fast32(&I32Map, &M.H, 77), 2);
    MapAccess2Result Miss = gm::rt::mapaccess2_fast32(&I32Map, &M.H, 78);
    EXPECT(SlowCalls == 0 && V == 0x1234 && !Miss.Ok);
  }
}

void assignCases() {
  const char *Case = "assign existing key";
  {
    TestMap M(&I64Map, 1);
    M.put(7, 4, 70);
    SlowCalls = 0;
    void *P = gm::rt::mapassign_fast64(&I64Map, &M.H, 7);
    EXPECT(SlowCalls == 0 && P == elemSlot(&I64Map, M.bucketOf(7), 4));
    EXPECT(M.H.Count == 1 && M.H.Flags == 0);
  }
  Case = "assign new key into free slot";
  {
    TestMap M(&I64Map, 1);
    M.put(7, 0, 70);
    uint64_t K = 7;
    while (M.bucketOf(++K) != M.bucketOf(7)) {
    }
    SlowCalls = 0;
    void *P = gm::rt::mapassign_fast64(&I64Map, &M.H, K);
    void *B = M.bucketOf(K);
    EXPECT(SlowCalls == 0 && P == elemSlot(&I64Map, B, 1));
    EXPECT(tophashes(B)[1] == topHash(M.hash(K)));
    EXPECT(load64(keySlot(&I64Map, B, 1)) == K);
    EXPECT(M.H.Count == 2 && M.H.Flags == 0);
  }
  Case = "assign new key reuses the first emptyOne slot";
  {
    TestMap M(&I64Map, 0);
    M.put(1, 0, 1);
    M.put(2, 2, 2);
    tophashes(M.Buckets)[1] = EmptyOne;
    SlowCalls = 0;
    void *P = gm::rt::mapassign_fast64(&I64Map, &M.H, 3);
    EXPECT(SlowCalls == 0 && P == elemSlot(&I64Map, M.Buckets, 1));
  }
  Case = "assign nil map -> runtime";
  {
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, nullptr, 1) == SlowSentinel);
    EXPECT(SlowCalls == 1);
  }
  Case = "assign, buckets not allocated -> runtime";
  {
    TestMap M(&I64Map, 0);
    M.H.Buckets = nullptr;
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 1) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Flags == 0);
  }
  Case = "assign hashWriting -> runtime";
  {
    TestMap M(&I64Map, 0);
    M.H.Flags = FlagHashWriting;
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 1) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Flags == FlagHashWriting);
  }
  Case = "assign growing -> runtime";
  {
    TestMap M(&I64Map, 1);
    M.H.OldBuckets = M.Overflow;
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 1) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Flags == 0);
  }
  Case = "assign new key, full bucket -> runtime";
  {
    TestMap M(&I64Map, 0);
    M.fillBucketOf(5);
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 5) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Count == 8 && M.H.Flags == 0);
  }
  Case = "assign new key, key may be in overflow chain -> runtime";
  {
    TestMap M(&I64Map, 0);
    M.fillBucketOf(5);
    tophashes(M.Buckets)[3] = EmptyOne;
    --M.H.Count;
    M.chainOverflow(5);
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 5) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Count == 7 && M.H.Flags == 0);
  }
  Case = "assign new key over the load factor -> runtime";
  {
    TestMap M(&I64Map, 1);
    M.H.Count = 13; // 14 entries in 2 buckets exceed 6.5 per bucket
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 5) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Count == 13 && M.H.Flags == 0);
  }
  Case = "assign new key at the load factor";
  {
    TestMap M(&I64Map, 1);
    M.H.Count = 12; // 13 entries in 2 buckets: exactly 6.5, no growth
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 5) != SlowSentinel);
    EXPECT(SlowCalls == 0 && M.H.Count == 13);
  }
  Case = "assign new key, too many overflow buckets -> runtime";
  {
    TestMap M(&I64Map, 1);
    M.H.NOverflow = 2;
    SlowCalls = 0;
    EXPECT(gm::rt::mapassign_fast64(&I64Map, &M.H, 5) == SlowSentinel);
    EXPECT(SlowCalls == 1 && M.H.Count == 0);
  }
  Case = "assign fast32 new and existing";
  {
    TestMap M(&I32Map, 1);
    SlowCalls = 0;
    void *P = gm::rt::mapassign_fast32(&I32Map, &M.H, 9);
    void *Q = gm::rt::mapassign_fast32(&I32Map, &M.H, 9);
    EXPECT(SlowCalls == 0 && P == Q && M.H.Count == 1);
    EXPECT(P == elemSlot(&I32Map, M.bucketOf(9), 0));
  }
  Case = "assign fast64ptr new and existing";
  {
    TestMap M(&PtrMap, 2);
    static int Obj;
    SlowCalls = 0;
    void *P = gm::rt::mapassign_fast64ptr(&PtrMap, &M.H, &Obj);
    void *Q = gm::rt::mapassign_fast64ptr(&PtrMap, &M.H, &Obj);
    void *B = M.bucketOf(uint64_t(uintptr_t(&Obj)));
    EXPECT(SlowCalls == 0 && P == Q && M.H.Count == 1);
    EXPECT(load64(keySlot(&PtrMap, B, 0)) == uint64_t(uintptr_t(&Obj)));
  }
}

} // namespace

int main() {
  accessCases();
  assignCases();
  if (Failures == 0)
    std::printf("PASS\n");
  return Failures != 0;
}
