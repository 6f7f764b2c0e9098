//===- MapIterTest.cpp - Iteration rules, and mapclear --------------------===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

using namespace gmtest;
using namespace gm::rt::maps;

namespace {

TEST(MapIter, YieldsEveryEntryExactlyOnce) {
  for (int64_t N : {1, 7, 8, 9, 100, 1000, 5000}) {
    HMap *H = makemap_small();
    for (int64_t K = 0; K < N; ++K)
      put(H, K * 31, K);
    std::vector<int64_t> Keys = iterKeys(H);
    std::set<int64_t> Seen(Keys.begin(), Keys.end());
    EXPECT_EQ(Keys.size(), size_t(N));
    EXPECT_EQ(Seen.size(), size_t(N));
    for (int64_t K = 0; K < N; ++K)
      EXPECT_TRUE(Seen.count(K * 31));
  }
}

TEST(MapIter, ElemPointsAtTheLiveSlot) {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 50; ++K)
    put(H, K, K);
  HIter It{};
  for (mapiterinit(&Int64Map, H, &It); It.Key; mapiternext(&It)) {
    int64_t K = *static_cast<int64_t *>(It.Key);
    EXPECT_EQ(*static_cast<int64_t *>(It.Elem), K);
    *static_cast<int64_t *>(It.Elem) = K + 1000; // Writes through work.
  }
  for (int64_t K = 0; K < 50; ++K)
    EXPECT_EQ(get(H, K), K + 1000);
}

TEST(MapIter, StartsAtARandomBucketAndOffset) {
  HMap *H = makemap(&Int64Map, 100, nullptr);
  for (int64_t K = 0; K < 100; ++K)
    put(H, K, K);
  std::set<int64_t> FirstKeys;
  std::set<uintptr_t> Starts, Offsets;
  for (int I = 0; I < 200; ++I) {
    HIter It{};
    mapiterinit(&Int64Map, H, &It);
    FirstKeys.insert(*static_cast<int64_t *>(It.Key));
    Starts.insert(It.StartBucket);
    Offsets.insert(It.Offset);
  }
  EXPECT_GE(FirstKeys.size(), 20u);
  EXPECT_GE(Starts.size(), 10u); // Of 16.
  EXPECT_EQ(Offsets.size(), 8u);

  // A one-bucket map still varies the order, through the slot offset.
  HMap *S = makemap_small();
  for (int64_t K = 0; K < 8; ++K)
    put(S, K, K);
  std::set<std::vector<int64_t>> Orders;
  for (int I = 0; I < 100; ++I)
    Orders.insert(iterKeys(S));
  EXPECT_GE(Orders.size(), 4u);
}

TEST(MapIter, PointerFreeMapsPinTheirOverflowBuckets) {
  HMap *H = makemap_small();
  for (int64_t K = 1; K <= 20; ++K)
    put(H, K, K, CollideMap);
  HIter It{};
  mapiterinit(&CollideMap, H, &It);
  EXPECT_EQ(It.Overflow, H->Extra->Overflow);
  HMap *P = makemap_small();
  for (int64_t K = 1; K <= 20; ++K)
    put(P, K, K, CollidePtrMap);
  HIter It2{};
  mapiterinit(&CollidePtrMap, P, &It2);
  EXPECT_EQ(It2.Overflow, nullptr) << "scanned buckets need no pinning";
}

/// Runs an iteration over H while Mutate(step) changes the map, and checks
/// Go's guarantees: every key present at the start and never deleted is
/// produced exactly once; only keys in the map are produced (so a key deleted
/// before it was reached is not); the elem seen is the live one. A key that is
/// deleted and inserted again is a new entry, which may be produced again.
struct IterChecker {
  HMap *H;
  const MapType &T;
  std::map<int64_t, int64_t> Model; // The map's current contents.
  std::set<int64_t> AtStart, EverDeleted, Seen;

  IterChecker(HMap *H, const MapType &T) : H(H), T(T) {}

  void insert(int64_t K, int64_t V) {
    put(H, K, V, T);
    Model[K] = V;
  }
  void erase(int64_t K) {
    del(H, K, T);
    if (Model.erase(K))
      EverDeleted.insert(K);
  }

  template <class Fn> void run(Fn Mutate) {
    for (auto &KV : Model)
      AtStart.insert(KV.first);
    HIter It{};
    int Step = 0;
    for (mapiterinit(&T, H, &It); It.Key; mapiternext(&It)) {
      int64_t K = *static_cast<int64_t *>(It.Key);
      ASSERT_TRUE(Seen.insert(K).second || EverDeleted.count(K))
          << "key " << K << " produced twice";
      ASSERT_TRUE(Model.count(K)) << "key " << K << " is not in the map";
      ASSERT_EQ(*static_cast<int64_t *>(It.Elem), Model[K]) << "stale elem";
      Mutate(Step++);
    }
    for (int64_t K : AtStart)
      if (!EverDeleted.count(K))
        ASSERT_TRUE(Seen.count(K)) << "key " << K << " was never produced";
    ASSERT_EQ(H->Count, int64_t(Model.size()));
  }
};

TEST(MapIter, GrowthStartedAfterTheIterator) {
  HMap *H = makemap(&Int64Map, 14, nullptr);
  IterChecker C(H, Int64Map);
  for (int64_t K = 0; K < 26; ++K)
    C.insert(K, K);
  int64_t Next = 1000;
  C.run([&](int Step) {
    if (Step == 2) {
      // Double twice and finish evacuating, all mid-iteration.
      for (int I = 0; I < 200; ++I)
        C.insert(Next++, 1);
    }
    if (Step == 3)
      for (int64_t K = 0; K < 26; K += 3)
        if (!C.Seen.count(K))
          C.erase(K);
    if (Step == 4)
      for (int64_t K = 1; K < 26; K += 3)
        if (C.Model.count(K))
          C.insert(K, -K); // Updates must be visible.
  });
  EXPECT_GT(H->B, 2);
}

TEST(MapIter, IteratorStartedDuringGrowth) {
  for (int Round = 0; Round < 50; ++Round) {
    HMap *H = makemap(&Int64Map, 14, nullptr);
    IterChecker C(H, Int64Map);
    for (int64_t K = 0; K < 27; ++K)
      C.insert(K + Round * 100, K);
    ASSERT_NE(H->OldBuckets, nullptr);
    int64_t Next = 100000;
    C.run([&](int Step) {
      if (Step % 3 == 1)
        C.insert(Next++, 7); // Advances evacuation under the iterator.
    });
  }
}

TEST(MapIter, RandomMutationsDuringIteration) {
  for (unsigned Seed = 0; Seed < 60; ++Seed) {
    std::mt19937_64 Rng(Seed);
    HMap *H = makemap_small();
    IterChecker C(H, Seed % 2 ? Int64Map : CollideMap);
    int64_t N = int64_t(Rng() % 300);
    for (int64_t I = 0; I < N; ++I)
      C.insert(int64_t(Rng() % 1000), I);
    C.run([&](int) {
      for (unsigned Ops = Rng() % 4; Ops; --Ops) {
        int64_t K = int64_t(Rng() % 1200);
        switch (Rng() % 3) {
        case 0:
          C.insert(K, int64_t(Rng() % 100));
          break;
        case 1:
          C.erase(K);
          break;
        default:
          if (C.Model.count(K))
            C.insert(K, C.Model[K] + 1);
        }
      }
    });
  }
}

TEST(MapIter, DeletingEveryKeyWhileRanging) {
  // for k := range m { delete(m, k) }
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 1000; ++K)
    put(H, K, K);
  int64_t N = 0;
  HIter It{};
  for (mapiterinit(&Int64Map, H, &It); It.Key; mapiternext(&It)) {
    del(H, *static_cast<int64_t *>(It.Key));
    ++N;
  }
  EXPECT_EQ(N, 1000);
  EXPECT_EQ(H->Count, 0);
}

TEST(MapIter, IteratorFlagsAreSet) {
  HMap *H = makemap_small();
  put(H, 1, 1);
  EXPECT_EQ(H->Flags & (FlagIterator | FlagOldIterator), 0);
  HIter It{};
  mapiterinit(&Int64Map, H, &It);
  EXPECT_EQ(H->Flags & (FlagIterator | FlagOldIterator),
            FlagIterator | FlagOldIterator);
}

//===----------------------------------------------------------------------===//
// mapclear
//===----------------------------------------------------------------------===//

TEST(MapClear, EmptiesKeepsBAndReseeds) {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 1000; ++K)
    put(H, K, K);
  uint8_t B = H->B;
  uint32_t Seed = H->Hash0;
  void *Buckets = H->Buckets;
  mapclear(&Int64Map, H);
  EXPECT_EQ(H->Count, 0);
  EXPECT_EQ(H->B, B);
  EXPECT_NE(H->Hash0, Seed);
  EXPECT_EQ(H->Buckets, Buckets) << "the array is reused";
  EXPECT_EQ(H->OldBuckets, nullptr);
  EXPECT_EQ(H->NOverflow, 0);
  EXPECT_NE(H->Extra->NextOverflow, nullptr) << "spares are handed out again";
  EXPECT_EQ(H->Extra->Overflow, nullptr);
  for (int64_t K = 0; K < 1000; ++K)
    ASSERT_FALSE(has(H, K));
  EXPECT_TRUE(iterKeys(H).empty());
  MapStats S = stats(Int64Map, H);
  EXPECT_EQ(S.OverflowBuckets, 0);
  // Usable again.
  for (int64_t K = 0; K < 100; ++K)
    put(H, K, -K);
  for (int64_t K = 0; K < 100; ++K)
    ASSERT_EQ(get(H, K), -K);
  EXPECT_EQ(H->B, B);
}

TEST(MapClear, DuringGrowthAndWithStrings) {
  HMap *H = makemap(&Int64Map, 14, nullptr);
  for (int64_t K = 0; K < 27; ++K)
    put(H, K, K);
  ASSERT_NE(H->OldBuckets, nullptr);
  mapclear(&Int64Map, H);
  EXPECT_EQ(H->OldBuckets, nullptr);
  EXPECT_FALSE(H->Flags & FlagSameSizeGrow);
  EXPECT_EQ(H->Count, 0);
  for (int64_t K = 0; K < 27; ++K)
    EXPECT_FALSE(has(H, K));

  std::string A = "a", Bs = "b";
  HMap *S = makemap_small();
  mapassign_faststr(&StrMap, S, gs(A));
  mapassign_faststr(&StrMap, S, gs(Bs));
  mapclear(&StrMap, S);
  EXPECT_FALSE(mapaccess2_faststr(&StrMap, S, gs(A)).Ok);
  EXPECT_EQ(S->Count, 0);
}

TEST(MapClear, StopsIteratorsInProgress) {
  for (bool Growing : {false, true}) {
    HMap *H = makemap(&Int64Map, 14, nullptr);
    for (int64_t K = 0; K < (Growing ? 27 : 26); ++K)
      put(H, K, K);
    ASSERT_EQ(H->OldBuckets != nullptr, Growing);
    HIter It{};
    mapiterinit(&Int64Map, H, &It);
    ASSERT_NE(It.Key, nullptr);
    mapiternext(&It);
    mapclear(&Int64Map, H);
    mapiternext(&It);
    EXPECT_EQ(It.Key, nullptr);
  }
  // Also an iterator that started before a grow that has since finished.
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 8; ++K)
    put(H, K, K);
  HIter It{};
  mapiterinit(&Int64Map, H, &It);
  for (int64_t K = 8; K < 100; ++K)
    put(H, K, K);
  mapclear(&Int64Map, H);
  int Produced = 0;
  for (mapiternext(&It); It.Key; mapiternext(&It))
    ++Produced;
  EXPECT_EQ(Produced, 0);
}

TEST(MapClear, EmptyAndNilMapsAreNoOps) {
  mapclear(&Int64Map, nullptr);
  HMap *H = makemap_small();
  mapclear(&Int64Map, H);
  EXPECT_EQ(H->Buckets, nullptr);
  EXPECT_EQ(H->Count, 0);
}

} // namespace
