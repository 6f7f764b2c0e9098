//===- MapBasicTest.cpp - makemap, access, assign, delete, nil maps -------===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <map>

using namespace gmtest;
using namespace gm::rt::maps;

namespace {

/// Boehm GC must be initialised before the first allocation.
const bool GCReady = [] {
  GC_INIT();
  return true;
}();

//===----------------------------------------------------------------------===//
// makemap
//===----------------------------------------------------------------------===//

TEST(MakeMap, HintToBMatchesGo) {
  ASSERT_TRUE(GCReady);
  struct {
    int64_t Hint;
    unsigned B;
  } Table[] = {{0, 0},   {1, 0},    {8, 0},     {9, 1},    {13, 1},  {14, 2},
               {26, 2},  {27, 3},   {52, 3},    {53, 4},   {100, 4}, {104, 4},
               {105, 5}, {1000, 8}, {6656, 10}, {6657, 11}};
  for (auto &Row : Table) {
    HMap *H = makemap(&Int64Map, Row.Hint, nullptr);
    EXPECT_EQ(H->B, Row.B) << "hint " << Row.Hint;
    EXPECT_EQ(H->Count, 0);
  }
}

TEST(MakeMap, NegativeOrAbsurdHintCountsAsZero) {
  for (int64_t Hint :
       {int64_t(-1), int64_t(-1000), INT64_MIN, INT64_MAX, int64_t(1) << 50}) {
    HMap *H = makemap(&Int64Map, Hint, nullptr);
    EXPECT_EQ(H->B, 0) << "hint " << Hint;
    EXPECT_EQ(H->Buckets, nullptr);
    H = makemap64(&Int64Map, Hint, nullptr);
    EXPECT_EQ(H->B, 0) << "hint " << Hint;
  }
}

TEST(MakeMap, SmallMapAllocatesItsBucketLazily) {
  HMap *H = makemap_small();
  EXPECT_EQ(H->B, 0);
  EXPECT_EQ(H->Buckets, nullptr);
  HMap *H2 = makemap(&Int64Map, 8, nullptr);
  EXPECT_EQ(H2->Buckets, nullptr);
  // Reads of the empty map need no bucket either.
  EXPECT_EQ(get(H, 1), 0);
  EXPECT_EQ(H->Buckets, nullptr);
  put(H, 1, 10);
  EXPECT_NE(H->Buckets, nullptr);
  EXPECT_EQ(get(H, 1), 10);
}

TEST(MakeMap, UsesTheGivenHeader) {
  auto *Mem = static_cast<HMap *>(GC_MALLOC(sizeof(HMap)));
  HMap *H = makemap(&Int64Map, 100, Mem);
  EXPECT_EQ(H, Mem);
  EXPECT_EQ(H->B, 4);
}

TEST(MakeMap, PreallocatesOverflowBucketsFromB4) {
  HMap *H3 = makemap(&Int64Map, 52, nullptr);
  ASSERT_EQ(H3->B, 3);
  EXPECT_EQ(H3->Extra, nullptr);

  for (unsigned B : {4u, 5u, 8u}) {
    int64_t Hint = 13 * (int64_t(1) << B) / 2; // Largest hint with this B.
    HMap *H = makemap(&Int64Map, Hint, nullptr);
    ASSERT_EQ(H->B, B);
    ASSERT_NE(H->Extra, nullptr);
    // The spares start right after the 2^B buckets, and the last of the
    // 2^(B-4) spares carries the end marker.
    void *First = bucketAt(&Int64Map, H->Buckets, uintptr_t(1) << B);
    EXPECT_EQ(H->Extra->NextOverflow, First);
    uintptr_t NSpare = uintptr_t(1) << (B - 4);
    for (uintptr_t I = 0; I + 1 < NSpare; ++I)
      EXPECT_EQ(overflowOf(&Int64Map, bucketAt(&Int64Map, First, I)), nullptr);
    EXPECT_NE(overflowOf(&Int64Map, bucketAt(&Int64Map, First, NSpare - 1)),
              nullptr);
    EXPECT_EQ(GC_size(H->Buckets) >=
                  ((uintptr_t(1) << B) + NSpare) * Int64Map.BucketSize,
              true);
  }
}

TEST(MakeMap, SpareOverflowBucketsAreUsedBeforeAllocating) {
  // All keys in bucket 0 of a B=4 map: the chain takes the single spare
  // first, then allocates.
  HMap *H = makemap(&CollideMap, 100, nullptr);
  ASSERT_EQ(H->B, 4);
  void *Spare = H->Extra->NextOverflow;
  for (int64_t K = 1; K <= 9; ++K)
    put(H, K, K, CollideMap);
  void *B0 = H->Buckets;
  EXPECT_EQ(overflowOf(&CollideMap, B0), Spare);
  EXPECT_EQ(H->Extra->NextOverflow, nullptr);
  EXPECT_EQ(overflowOf(&CollideMap, Spare), nullptr) << "end marker cleared";
  for (int64_t K = 10; K <= 17; ++K)
    put(H, K, K, CollideMap);
  void *Second = overflowOf(&CollideMap, Spare);
  ASSERT_NE(Second, nullptr);
  EXPECT_EQ(H->NOverflow, 2);
  for (int64_t K = 1; K <= 17; ++K)
    EXPECT_EQ(get(H, K, CollideMap), K);
}

TEST(MakeMapDeathTest, InconsistentMapTypeIsFatal) {
  MapType Bad = Int64Map;
  Bad.BucketSize = 100;
  EXPECT_EXIT(makemap(&Bad, 0, nullptr), ::testing::ExitedWithCode(2),
              "fatal error: inconsistent maptype for map\\[\\?\\]\\?: bucket "
              "size");
  MapType Bad2 = Int64Map;
  Bad2.KeySize = 4;
  EXPECT_EXIT(makemap(&Bad2, 100, nullptr), ::testing::ExitedWithCode(2),
              "fatal error: inconsistent maptype");
  // A small map meets its type at the first assignment.
  MapType Bad3 = BigMap;
  Bad3.Flags &= ~MapIndirectKey;
  EXPECT_EXIT(
      {
        HMap *H = makemap_small();
        BigKey K{};
        mapassign(&Bad3, H, &K);
      },
      ::testing::ExitedWithCode(2), "fatal error: inconsistent maptype");
  TypeDesc KeyDesc{};
  KeyDesc.Size = 4;
  KeyDesc.Name = "int64";
  MapType Bad4 = Int64Map;
  Bad4.Key = &KeyDesc;
  EXPECT_EXIT(makemap(&Bad4, 0, nullptr), ::testing::ExitedWithCode(2),
              "inconsistent maptype for map\\[int64\\]\\?: key type");
  MapType Bad5 = Int64Map;
  Bad5.Hasher = nullptr;
  EXPECT_EXIT(makemap(&Bad5, 0, nullptr), ::testing::ExitedWithCode(2),
              "missing hasher");
}

//===----------------------------------------------------------------------===//
// Access, assign, delete
//===----------------------------------------------------------------------===//

TEST(MapOps, Int64InsertLookupUpdateDelete) {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 10000; ++K)
    put(H, K * 7919, K);
  EXPECT_EQ(H->Count, 10000);
  for (int64_t K = 0; K < 10000; ++K)
    ASSERT_EQ(get(H, K * 7919), K);
  EXPECT_FALSE(has(H, 1));
  for (int64_t K = 0; K < 10000; K += 2)
    put(H, K * 7919, -K);
  EXPECT_EQ(H->Count, 10000);
  for (int64_t K = 0; K < 10000; K += 3)
    del(H, K * 7919);
  for (int64_t K = 0; K < 10000; ++K) {
    MapAccess2Result R = mapaccess2_fast64(&Int64Map, H, uint64_t(K * 7919));
    if (K % 3 == 0) {
      ASSERT_FALSE(R.Ok);
      ASSERT_EQ(*static_cast<int64_t *>(R.Elem), 0);
    } else {
      ASSERT_TRUE(R.Ok);
      ASSERT_EQ(*static_cast<int64_t *>(R.Elem), K % 2 ? K : -K);
    }
  }
  EXPECT_EQ(H->Count, 10000 - 3334);
}

TEST(MapOps, GenericAndFastPathsAgree) {
  // The generic entry points work on a fast64 map and see the same entries.
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 500; ++K) {
    if (K % 2)
      put(H, K, K * 10);
    else
      *static_cast<int64_t *>(mapassign(&Int64Map, H, &K)) = K * 10;
  }
  for (int64_t K = 0; K < 500; ++K) {
    EXPECT_EQ(*static_cast<int64_t *>(mapaccess1(&Int64Map, H, &K)), K * 10);
    EXPECT_EQ(get(H, K), K * 10);
    MapAccessKResult R = mapaccessK(&Int64Map, H, &K);
    ASSERT_NE(R.Key, nullptr);
    EXPECT_EQ(*static_cast<int64_t *>(R.Key), K);
  }
  int64_t Missing = 1000;
  EXPECT_EQ(mapaccessK(&Int64Map, H, &Missing).Key, nullptr);
  EXPECT_FALSE(mapaccess2(&Int64Map, H, &Missing).Ok);
  for (int64_t K = 0; K < 500; K += 2)
    mapdelete(&Int64Map, H, &K);
  EXPECT_EQ(H->Count, 250);
  for (int64_t K = 0; K < 500; ++K)
    EXPECT_EQ(has(H, K), K % 2 == 1);
}

TEST(MapOps, Int32Keys) {
  HMap *H = makemap_small();
  for (int32_t K = -2000; K < 2000; ++K)
    *static_cast<int32_t *>(mapassign_fast32(&Int32Map, H, uint32_t(K))) =
        K * 3;
  EXPECT_EQ(H->Count, 4000);
  for (int32_t K = -2000; K < 2000; ++K) {
    MapAccess2Result R = mapaccess2_fast32(&Int32Map, H, uint32_t(K));
    ASSERT_TRUE(R.Ok);
    ASSERT_EQ(*static_cast<int32_t *>(R.Elem), K * 3);
    ASSERT_EQ(*static_cast<int32_t *>(mapaccess1_fast32(&Int32Map, H, K)),
              K * 3);
  }
  for (int32_t K = -2000; K < 2000; K += 2)
    mapdelete_fast32(&Int32Map, H, uint32_t(K));
  EXPECT_EQ(H->Count, 2000);
  EXPECT_FALSE(mapaccess2_fast32(&Int32Map, H, uint32_t(-2000)).Ok);
  EXPECT_TRUE(mapaccess2_fast32(&Int32Map, H, uint32_t(-1999)).Ok);
  // The B == 0 path (no hashing) for 4-byte keys.
  HMap *S = makemap_small();
  *static_cast<int32_t *>(mapassign_fast32(&Int32Map, S, 0)) = 5;
  EXPECT_EQ(*static_cast<int32_t *>(mapaccess1_fast32(&Int32Map, S, 0)), 5);
  EXPECT_FALSE(mapaccess2_fast32(&Int32Map, S, 1).Ok);
}

TEST(MapOps, StringKeys) {
  std::vector<std::string> Keys;
  for (int I = 0; I < 3000; ++I)
    Keys.push_back("key-" + std::to_string(I) +
                   std::string(size_t(I % 50), 'x'));
  Keys.push_back("");
  HMap *H = makemap_small();
  for (size_t I = 0; I < Keys.size(); ++I)
    *static_cast<int64_t *>(mapassign_faststr(&StrMap, H, gs(Keys[I]))) =
        int64_t(I);
  EXPECT_EQ(H->Count, int64_t(Keys.size()));
  for (size_t I = 0; I < Keys.size(); ++I) {
    // A different copy of the same bytes must find the entry.
    std::string Copy = Keys[I];
    MapAccess2Result R = mapaccess2_faststr(&StrMap, H, gs(Copy));
    ASSERT_TRUE(R.Ok) << Keys[I];
    ASSERT_EQ(*static_cast<int64_t *>(R.Elem), int64_t(I));
    GoString G = gs(Copy);
    ASSERT_EQ(*static_cast<int64_t *>(mapaccess1(&StrMap, H, &G)), int64_t(I));
  }
  std::string Absent = "key-3000";
  EXPECT_FALSE(mapaccess2_faststr(&StrMap, H, gs(Absent)).Ok);
  for (size_t I = 0; I < Keys.size(); I += 2)
    mapdelete_faststr(&StrMap, H, gs(Keys[I]));
  for (size_t I = 0; I < Keys.size(); ++I)
    ASSERT_EQ(mapaccess2_faststr(&StrMap, H, gs(Keys[I])).Ok, I % 2 == 1);
}

TEST(MapOps, SmallStringMapShortAndLongKeys) {
  // B == 0: short keys are compared without hashing, long ones are hashed.
  std::string Short = "abc", Long(100, 'q'), Long2(100, 'q');
  Long2[50] = 'r';
  HMap *H = makemap_small();
  *static_cast<int64_t *>(mapassign_faststr(&StrMap, H, gs(Short))) = 1;
  *static_cast<int64_t *>(mapassign_faststr(&StrMap, H, gs(Long))) = 2;
  ASSERT_EQ(H->B, 0);
  std::string ShortCopy = Short, LongCopy = Long;
  EXPECT_EQ(
      *static_cast<int64_t *>(mapaccess1_faststr(&StrMap, H, gs(ShortCopy))),
      1);
  EXPECT_EQ(
      *static_cast<int64_t *>(mapaccess1_faststr(&StrMap, H, gs(LongCopy))), 2);
  EXPECT_FALSE(mapaccess2_faststr(&StrMap, H, gs(Long2)).Ok);
  std::string Ab = "ab";
  EXPECT_FALSE(mapaccess2_faststr(&StrMap, H, gs(Ab)).Ok);
}

TEST(MapOps, StringKeyOverwritePointsAtNewBytes) {
  std::string A = "hello", B = "hello";
  HMap *H = makemap_small();
  mapassign_faststr(&StrMap, H, gs(A));
  mapassign_faststr(&StrMap, H, gs(B));
  EXPECT_EQ(H->Count, 1);
  auto *Slot = static_cast<GoString *>(keySlot(&StrMap, H->Buckets, 0));
  EXPECT_EQ(Slot->Data, reinterpret_cast<const uint8_t *>(B.data()));
}

TEST(MapOps, BigKeysAndElemsAreIndirect) {
  ASSERT_TRUE(BigMap.Flags & MapIndirectKey);
  ASSERT_TRUE(BigMap.Flags & MapIndirectElem);
  ASSERT_EQ(BigMap.KeySize, sizeof(void *));
  HMap *H = makemap_small();
  for (int64_t I = 0; I < 300; ++I) {
    BigKey K{};
    K.W[0] = I;
    K.W[24] = -I;
    auto *E = static_cast<BigElem *>(mapassign(&BigMap, H, &K));
    E->W[0] = I * 2;
    E->W[39] = I * 3;
  }
  EXPECT_EQ(H->Count, 300);
  for (int64_t I = 0; I < 300; ++I) {
    BigKey K{};
    K.W[0] = I;
    K.W[24] = -I;
    MapAccess2Result R = mapaccess2(&BigMap, H, &K);
    ASSERT_TRUE(R.Ok);
    auto *E = static_cast<BigElem *>(R.Elem);
    EXPECT_EQ(E->W[0], I * 2);
    EXPECT_EQ(E->W[39], I * 3);
  }
  // The slot holds a pointer to a separately allocated key.
  void *B0 = H->Buckets;
  for (uintptr_t I = 0; I < BucketCnt; ++I)
    if (!isEmpty(tophashes(B0)[I])) {
      void *KeyMem = *static_cast<void **>(keySlot(&BigMap, B0, I));
      EXPECT_NE(GC_base(KeyMem), nullptr);
      EXPECT_GE(GC_size(KeyMem), sizeof(BigKey));
    }
  BigKey Absent{};
  Absent.W[1] = 1;
  MapAccess2Result Miss = mapaccess2(&BigMap, H, &Absent);
  EXPECT_FALSE(Miss.Ok);
  EXPECT_EQ(static_cast<BigElem *>(Miss.Elem)->W[39], 0);
  for (int64_t I = 0; I < 300; I += 2) {
    BigKey K{};
    K.W[0] = I;
    K.W[24] = -I;
    mapdelete(&BigMap, H, &K);
  }
  EXPECT_EQ(H->Count, 150);
}

TEST(MapOps, FatElemsUseTheCallersZero) {
  static const FatElem CallerZero{};
  HMap *H = makemap_small();
  int64_t K = 5;
  EXPECT_EQ(mapaccess1_fat(&FatMap, H, &K, &CallerZero), &CallerZero);
  EXPECT_EQ(mapaccess1_fat(&FatMap, nullptr, &K, &CallerZero), &CallerZero);
  static_cast<FatElem *>(mapassign(&FatMap, H, &K))->W[299] = 7;
  EXPECT_EQ(static_cast<FatElem *>(mapaccess1_fat(&FatMap, H, &K, &CallerZero))
                ->W[299],
            7);
  MapAccess2Result R = mapaccess2_fat(&FatMap, H, &K, &CallerZero);
  EXPECT_TRUE(R.Ok);
  int64_t Miss = 6;
  R = mapaccess2_fat(&FatMap, H, &Miss, &CallerZero);
  EXPECT_FALSE(R.Ok);
  EXPECT_EQ(R.Elem, &CallerZero);
}

TEST(MapOps, MissesShareOneZeroValue) {
  HMap *H = makemap_small();
  put(H, 1, 1);
  void *Z1 = mapaccess1_fast64(&Int64Map, H, 2);
  void *Z2 = mapaccess1_fast64(&Int64Map, nullptr, 3);
  int64_t K = 4;
  void *Z3 = mapaccess1(&StrMap, nullptr, &K);
  EXPECT_EQ(Z1, Z2);
  EXPECT_EQ(Z1, Z3);
  const auto *Bytes = static_cast<const uint8_t *>(Z1);
  for (unsigned I = 0; I < MaxZeroSize; ++I)
    ASSERT_EQ(Bytes[I], 0);
}

TEST(MapOps, StructKeysWithPaddingUseTheirHasher) {
  HMap *H = makemap_small();
  for (int I = 0; I < 200; ++I) {
    PadKey K;
    std::memset(&K, 0xAB, sizeof K); // Garbage in the padding.
    K.A = int8_t(I % 7);
    K.B = I;
    *static_cast<int64_t *>(mapassign(&PadMap, H, &K)) = I;
  }
  EXPECT_EQ(H->Count, 200);
  for (int I = 0; I < 200; ++I) {
    PadKey K;
    std::memset(&K, 0x11 * (I % 3), sizeof K); // Different padding.
    K.A = int8_t(I % 7);
    K.B = I;
    MapAccess2Result R = mapaccess2(&PadMap, H, &K);
    ASSERT_TRUE(R.Ok);
    EXPECT_EQ(*static_cast<int64_t *>(R.Elem), I);
  }
}

TEST(MapOps, ZeroSizedElems) {
  // map[int64]struct{}: a set.
  constexpr MapType SetMap =
      makeMapType(memhash64, memequal64, 8, 0, MapReflexiveKey, false);
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 100; ++K)
    mapassign_fast64(&SetMap, H, uint64_t(K));
  EXPECT_EQ(H->Count, 100);
  EXPECT_TRUE(mapaccess2_fast64(&SetMap, H, 42).Ok);
  EXPECT_FALSE(mapaccess2_fast64(&SetMap, H, 100).Ok);
}

int HasherCalls = 0;
uintptr_t countingHash(const void *P, uintptr_t Seed) {
  ++HasherCalls;
  return memhash64(P, Seed);
}

uintptr_t emptyStructHash(const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 0);
}
bool emptyStructEqual(const void *, const void *) { return true; }

TEST(MapOps, ZeroSizedKeys) {
  // map[struct{}]int64: every key is the same key.
  constexpr MapType T = makeMapType(emptyStructHash, emptyStructEqual, 0, 8,
                                    MapReflexiveKey, false);
  static_assert(T.BucketSize == bucketSize(0, 8), "no key bytes");
  struct {
  } A, B;
  HMap *H = makemap_small();
  *static_cast<int64_t *>(mapassign(&T, H, &A)) = 1;
  *static_cast<int64_t *>(mapassign(&T, H, &B)) = 2;
  EXPECT_EQ(H->Count, 1);
  EXPECT_EQ(*static_cast<int64_t *>(mapaccess1(&T, H, &A)), 2);
  mapdelete(&T, H, &B);
  EXPECT_EQ(H->Count, 0);
  EXPECT_EQ(makemap64(&Int64Map, 100, nullptr)->B, 4);
}

TEST(MapOps, HashMightPanicKeysAreHashedEvenForEmptyMaps) {
  // Go hashes the key of a lookup or delete on a nil/empty map when the
  // hasher can panic, so the panic is not skipped.
  constexpr MapType MightPanic =
      makeMapType(countingHash, memequal64, 8, 8,
                  MapReflexiveKey | MapHashMightPanic, false);
  constexpr MapType Plain =
      makeMapType(countingHash, memequal64, 8, 8, MapReflexiveKey, false);
  int64_t K = 1;
  HasherCalls = 0;
  mapaccess1(&Plain, nullptr, &K);
  mapdelete(&Plain, nullptr, &K);
  EXPECT_EQ(HasherCalls, 0);
  mapaccess1(&MightPanic, nullptr, &K);
  mapaccess2(&MightPanic, makemap_small(), &K);
  mapdelete(&MightPanic, nullptr, &K);
  EXPECT_EQ(HasherCalls, 3);
}

uintptr_t countingHash32(const void *P, uintptr_t Seed) {
  ++HasherCalls;
  return memhash32(P, Seed);
}

TEST(MapOps, FastEntryPointsHonourAnotherHasher) {
  // The fast lookups compute the standard hash inline; a maptype with any
  // other hasher must still be served, through that hasher, for every
  // lookup that hashes (B > 0), and never for the unhashed B == 0 scan.
  constexpr MapType Counted64 =
      makeMapType(countingHash, memequal64, 8, 8, MapReflexiveKey, false);
  constexpr MapType Counted32 =
      makeMapType(countingHash32, memequal32, 4, 4, MapReflexiveKey, false);
  HMap *H64 = makemap_small();
  HMap *H32 = makemap_small();
  for (int64_t K = 0; K < 100; ++K) {
    *static_cast<int64_t *>(mapassign_fast64(&Counted64, H64, K * 7)) = K;
    *static_cast<int32_t *>(mapassign_fast32(&Counted32, H32, K * 7)) = K;
  }
  ASSERT_GT(H64->B, 0);
  ASSERT_GT(H32->B, 0);
  HasherCalls = 0;
  for (int64_t K = 0; K < 100; ++K) {
    EXPECT_EQ(*static_cast<int64_t *>(
                  mapaccess1_fast64(&Counted64, H64, uint64_t(K * 7))),
              K);
    MapAccess2Result R = mapaccess2_fast32(&Counted32, H32, uint32_t(K * 7));
    ASSERT_TRUE(R.Ok);
    EXPECT_EQ(*static_cast<int32_t *>(R.Elem), K);
  }
  EXPECT_EQ(HasherCalls, 200);
  EXPECT_FALSE(mapaccess2_fast64(&Counted64, H64, 3).Ok);
  EXPECT_EQ(*static_cast<int32_t *>(mapaccess1_fast32(&Counted32, H32, 3)), 0);
  EXPECT_EQ(HasherCalls, 202);

  HMap *Small = makemap_small();
  *static_cast<int64_t *>(mapassign_fast64(&Counted64, Small, 5)) = 50;
  HasherCalls = 0;
  EXPECT_EQ(*static_cast<int64_t *>(mapaccess1_fast64(&Counted64, Small, 5)),
            50);
  EXPECT_FALSE(mapaccess2_fast64(&Counted64, Small, 6).Ok);
  EXPECT_EQ(HasherCalls, 0);
}

TEST(MapOpsDeathTest, MisusedEntryPointsAreFatal) {
  // The shared zero value cannot stand in for an elem larger than it.
  EXPECT_EXIT(
      {
        int64_t K = 1;
        mapaccess1(&FatMap, nullptr, &K);
      },
      ::testing::ExitedWithCode(2), "fatal error: map elem too large");
  // A fast entry point handed a maptype it cannot serve.
  EXPECT_EXIT(mapassign_fast64(&Int32Map, makemap_small(), 1),
              ::testing::ExitedWithCode(2),
              "fatal error: mapassign_fast64: maptype does not have 8-byte");
  EXPECT_EXIT(mapassign_faststr(&Int64Map, makemap_small(), gs("x")),
              ::testing::ExitedWithCode(2),
              "fatal error: mapassign_faststr: maptype does not have string");
}

//===----------------------------------------------------------------------===//
// Delete
//===----------------------------------------------------------------------===//

TEST(MapDelete, MarksEmptyOneAndCollapsesToEmptyRest) {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 8; ++K)
    put(H, K, K);
  uint8_t *Tops = tophashes(H->Buckets);
  auto SlotOf = [&](int64_t K) {
    for (uintptr_t I = 0; I < BucketCnt; ++I)
      if (!isEmpty(Tops[I]) &&
          *static_cast<int64_t *>(keySlot(&Int64Map, H->Buckets, I)) == K)
        return I;
    return uintptr_t(BucketCnt);
  };
  // Keys fill slots in insertion order in a B=0 map.
  for (int64_t K = 0; K < 8; ++K)
    ASSERT_EQ(SlotOf(K), uintptr_t(K));
  del(H, 3);
  EXPECT_EQ(Tops[3], EmptyOne);
  del(H, 7); // Last slot, no overflow: emptyRest at once.
  EXPECT_EQ(Tops[7], EmptyRest);
  EXPECT_GE(Tops[6], MinTopHash);
  del(H, 5);
  EXPECT_EQ(Tops[5], EmptyOne) << "slot 6 is still live";
  del(H, 6); // 6 -> emptyRest, and so the run 5 before it.
  EXPECT_EQ(Tops[6], EmptyRest);
  EXPECT_EQ(Tops[5], EmptyRest);
  EXPECT_GE(Tops[4], MinTopHash);
  del(H, 4); // 4 and 3 (emptyOne) collapse; 2 is live.
  EXPECT_EQ(Tops[4], EmptyRest);
  EXPECT_EQ(Tops[3], EmptyRest);
  EXPECT_GE(Tops[2], MinTopHash);
  // Deleted slots are cleared.
  for (uintptr_t I = 3; I < 8; ++I) {
    EXPECT_EQ(*static_cast<int64_t *>(keySlot(&Int64Map, H->Buckets, I)), 0);
    EXPECT_EQ(*static_cast<int64_t *>(elemSlot(&Int64Map, H->Buckets, I)), 0);
  }
  // An insert reuses the first free slot.
  put(H, 100, 100);
  EXPECT_EQ(SlotOf(100), 3u);
}

TEST(MapDelete, EmptyRestCollapsesAcrossTheOverflowChain) {
  // 12 keys in bucket 0 of a B=1 map: 8 in the bucket, 4 in an overflow.
  HMap *H = makemap(&CollideMap, 12, nullptr);
  ASSERT_EQ(H->B, 1);
  for (int64_t K = 1; K <= 12; ++K)
    put(H, K, K, CollideMap);
  void *First = H->Buckets;
  void *Ovf = overflowOf(&CollideMap, First);
  ASSERT_NE(Ovf, nullptr);
  EXPECT_EQ(H->NOverflow, 1);
  uint8_t *T0 = tophashes(First), *T1 = tophashes(Ovf);
  del(H, 8, CollideMap); // Last slot of the first bucket; overflow is live.
  EXPECT_EQ(T0[7], EmptyOne);
  del(H, 6, CollideMap);
  EXPECT_EQ(T0[5], EmptyOne);
  del(H, 12, CollideMap);
  EXPECT_EQ(T1[3], EmptyRest);
  del(H, 11, CollideMap);
  del(H, 10, CollideMap);
  EXPECT_EQ(T1[1], EmptyRest);
  EXPECT_GE(T1[0], MinTopHash);
  del(H, 9, CollideMap); // Slot 0 of the overflow: walks back to bucket 0.
  EXPECT_EQ(T1[0], EmptyRest);
  EXPECT_EQ(T0[7], EmptyRest);
  EXPECT_GE(T0[6], MinTopHash) << "key 7 still lives in slot 6";
  EXPECT_EQ(T0[5], EmptyOne);
  del(H, 7, CollideMap);
  EXPECT_EQ(T0[6], EmptyRest);
  EXPECT_EQ(T0[5], EmptyRest);
  EXPECT_GE(T0[4], MinTopHash);
  for (int64_t K = 1; K <= 5; ++K)
    EXPECT_EQ(get(H, K, CollideMap), K);
  EXPECT_EQ(H->Count, 5);
}

TEST(MapDelete, ReseedsWhenTheMapBecomesEmpty) {
  HMap *H = makemap_small();
  for (int Round = 0; Round < 4; ++Round) {
    for (int64_t K = 0; K < 20; ++K)
      put(H, K, K);
    uint32_t Seed = H->Hash0;
    for (int64_t K = 0; K < 19; ++K)
      del(H, K);
    EXPECT_EQ(H->Hash0, Seed) << "not empty yet";
    del(H, 19);
    EXPECT_EQ(H->Count, 0);
    EXPECT_NE(H->Hash0, Seed);
  }
}

TEST(MapDelete, DeletingAbsentKeysAndEmptyMaps) {
  HMap *H = makemap_small();
  del(H, 1); // Empty: nothing to do.
  put(H, 1, 1);
  del(H, 2);
  EXPECT_EQ(H->Count, 1);
  mapdelete_faststr(&StrMap, makemap_small(), gs("x"));
  mapdelete_fast32(&Int32Map, makemap_small(), 1);
}

//===----------------------------------------------------------------------===//
// Nil maps
//===----------------------------------------------------------------------===//

TEST(NilMap, ReadsDeletesRangeAndClearWork) {
  HMap *Nil = nullptr;
  EXPECT_EQ(get(Nil, 1), 0);
  EXPECT_FALSE(has(Nil, 1));
  EXPECT_FALSE(mapaccess2_fast32(&Int32Map, Nil, 1).Ok);
  EXPECT_FALSE(mapaccess2_faststr(&StrMap, Nil, gs("a")).Ok);
  EXPECT_EQ(*static_cast<int32_t *>(mapaccess1_fast32(&Int32Map, Nil, 1)), 0);
  EXPECT_EQ(*static_cast<int64_t *>(mapaccess1_faststr(&StrMap, Nil, gs("a"))),
            0);
  int64_t K = 1;
  EXPECT_FALSE(mapaccess2(&Int64Map, Nil, &K).Ok);
  EXPECT_EQ(*static_cast<int64_t *>(mapaccess1(&Int64Map, Nil, &K)), 0);
  EXPECT_EQ(mapaccessK(&Int64Map, Nil, &K).Key, nullptr);
  del(Nil, 1);
  mapdelete(&Int64Map, Nil, &K);
  mapdelete_fast32(&Int32Map, Nil, 1);
  mapdelete_faststr(&StrMap, Nil, gs("a"));
  HIter It{};
  mapiterinit(&Int64Map, Nil, &It);
  EXPECT_EQ(It.Key, nullptr);
  mapiternext(&It); // Harmless even if called.
  EXPECT_EQ(It.Key, nullptr);
  mapclear(&Int64Map, Nil);
  MapStats S = stats(Int64Map, Nil);
  EXPECT_EQ(S.Count, 0);
  EXPECT_EQ(S.Buckets, 0);
}

TEST(NilMapDeathTest, AssignmentPanics) {
  const char *Msg = "panic: assignment to entry in nil map";
  EXPECT_EXIT(put(nullptr, 1, 1), ::testing::ExitedWithCode(2), Msg);
  EXPECT_EXIT(mapassign_fast32(&Int32Map, nullptr, 1),
              ::testing::ExitedWithCode(2), Msg);
  EXPECT_EXIT(mapassign_faststr(&StrMap, nullptr, gs("a")),
              ::testing::ExitedWithCode(2), Msg);
  EXPECT_EXIT(mapassign_fast64ptr(&Int64Map, nullptr, nullptr),
              ::testing::ExitedWithCode(2), Msg);
  int64_t K = 1;
  EXPECT_EXIT(mapassign(&Int64Map, nullptr, &K), ::testing::ExitedWithCode(2),
              Msg);
}

//===----------------------------------------------------------------------===//
// Pointer-keyed fast paths
//===----------------------------------------------------------------------===//

TEST(MapOps, Fast64PtrKeys) {
  constexpr MapType PtrMap =
      makeMapType(memhash64, memequal64, 8, 8, MapReflexiveKey, true);
  int64_t Objs[100];
  HMap *H = makemap_small();
  for (int I = 0; I < 100; ++I)
    *static_cast<int64_t *>(mapassign_fast64ptr(&PtrMap, H, &Objs[I])) = I;
  for (int I = 0; I < 100; ++I)
    EXPECT_EQ(*static_cast<int64_t *>(mapaccess1_fast64(
                  &PtrMap, H, reinterpret_cast<uintptr_t>(&Objs[I]))),
              I);
  // fast32ptr stores the pointer's low 32 bits as a 4-byte key.
  HMap *H32 = makemap_small();
  mapassign_fast32ptr(&Int32Map, H32, reinterpret_cast<void *>(uintptr_t(77)));
  EXPECT_TRUE(mapaccess2_fast32(&Int32Map, H32, 77).Ok);
}

//===----------------------------------------------------------------------===//
// mapstats
//===----------------------------------------------------------------------===//

TEST(MapStatsTest, ReportsShape) {
  HMap *H = makemap(&Int64Map, 100, nullptr);
  MapStats S = stats(Int64Map, H);
  EXPECT_EQ(S.Count, 0);
  EXPECT_EQ(S.B, 4);
  EXPECT_EQ(S.Buckets, 16);
  EXPECT_EQ(S.ChainLengthHistogram[0], 16);
  for (int64_t K = 0; K < 100; ++K)
    put(H, K, K);
  S = stats(Int64Map, H);
  EXPECT_EQ(S.Count, 100);
  EXPECT_DOUBLE_EQ(S.LoadFactor, 100.0 / 16);
  int64_t Chains = 0, Extra = 0;
  for (int I = 0; I < 8; ++I) {
    Chains += S.ChainLengthHistogram[I];
    Extra += S.ChainLengthHistogram[I] * I;
  }
  EXPECT_EQ(Chains, 16);
  EXPECT_EQ(Extra, S.OverflowBuckets);
  EXPECT_EQ(S.NOverflow, S.OverflowBuckets) << "exact below B=16";
  EXPECT_EQ(S.OldBuckets, 0);
  EXPECT_EQ(S.OldBucketsRemaining, 0);

  // A chain of 20 buckets lands in the last histogram entry.
  HMap *C = makemap(&CollideMap, 0, nullptr);
  for (int64_t K = 1; K <= 8 * 20; ++K)
    put(C, K, K, CollideMap);
  S = stats(CollideMap, C);
  EXPECT_GE(S.ChainLengthHistogram[7], 1);
}

} // namespace
