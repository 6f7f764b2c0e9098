//===- MapGCTest.cpp - Maps under the Boehm collector ---------------------===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

using namespace gmtest;
using namespace gm::rt::maps;

namespace {

size_t liveBytes() {
  GC_gcollect();
  GC_gcollect();
  return GC_get_heap_size() - GC_get_free_bytes();
}

/// Builds and drops maps; kept out of line so no pointer to them stays in
/// this frame.
[[gnu::noinline]] void churnMaps(int Rounds) {
  for (int R = 0; R < Rounds; ++R) {
    HMap *H = makemap_small();
    for (int64_t K = 0; K < 20000; ++K)
      put(H, K, K);
    HMap *S = makemap_small();
    for (int64_t K = 0; K < 2000; ++K) {
      BigKey BK{};
      BK.W[0] = K;
      mapassign(&BigMap, S, &BK);
    }
  }
}

/// Allocates garbage of bucket-like sizes filled with 0xFF, so that any
/// bucket freed while still in use gets overwritten.
[[gnu::noinline]] void scribble(size_t Size, int N) {
  for (int I = 0; I < N; ++I) {
    void *P = GC_MALLOC_ATOMIC(Size);
    std::memset(P, 0xFF, Size);
    void *Q = GC_MALLOC(Size);
    std::memset(Q, 0xFF, Size);
  }
}

TEST(MapGC, DroppedMapsAreReclaimed) {
  size_t Before = liveBytes();
  size_t TotalBefore = GC_get_total_bytes();
  churnMaps(40);
  size_t Allocated = GC_get_total_bytes() - TotalBefore;
  size_t After = liveBytes();
  EXPECT_GT(Allocated, size_t(40) << 20);
  // Conservative scanning may pin a map or two, never forty.
  EXPECT_LT(After, Before + (size_t(8) << 20))
      << "allocated " << Allocated << " bytes in all";
}

[[gnu::noinline]] HMap *buildChained(const MapType &T, int64_t N) {
  HMap *H = makemap_small();
  for (int64_t K = 1; K <= N; ++K)
    put(H, K, K * 3, T);
  return H;
}

TEST(MapGC, OverflowChainsOfPointerFreeMapsStayAlive) {
  // Every key in bucket 0: one long chain of GC-atomic overflow buckets that
  // only Extra->Overflow keeps alive.
  ASSERT_FALSE(CollideMap.BucketHasPointers);
  HMap *H = buildChained(CollideMap, 3000);
  ASSERT_NE(H->Extra, nullptr);
  EXPECT_GT(H->Extra->OverflowLen + H->Extra->OldOverflowLen, 100);
  for (int Round = 0; Round < 5; ++Round) {
    GC_gcollect();
    scribble(CollideMap.BucketSize, 20000);
  }
  for (int64_t K = 1; K <= 3000; ++K)
    ASSERT_EQ(get(H, K, CollideMap), K * 3);
  EXPECT_EQ(iterKeys(H, CollideMap).size(), 3000u);
  // A scanned map for comparison.
  HMap *P = buildChained(CollidePtrMap, 3000);
  GC_gcollect();
  scribble(CollidePtrMap.BucketSize, 20000);
  for (int64_t K = 1; K <= 3000; ++K)
    ASSERT_EQ(get(P, K, CollidePtrMap), K * 3);
}

TEST(MapGC, IteratorKeepsOldOverflowBucketsAlive) {
  // An iterator over a pointer-free map whose array is replaced by a grow,
  // which finishes, dropping the old overflow buckets from the map: the
  // iterator still walks them.
  HMap *H = buildChained(CollideMap, 200);
  while (H->OldBuckets)
    put(H, 1, 3, CollideMap);
  HIter It{};
  mapiterinit(&CollideMap, H, &It);
  ASSERT_NE(It.Key, nullptr);
  // Add overflow buckets after the iterator started (the overflow array is
  // reallocated), then grow to completion.
  for (int64_t K = 201; K <= 2000; ++K)
    put(H, K, K * 3, CollideMap);
  while (H->OldBuckets)
    put(H, 1, 3, CollideMap);
  ASSERT_NE(It.Buckets, H->Buckets);
  for (int Round = 0; Round < 3; ++Round) {
    GC_gcollect();
    scribble(CollideMap.BucketSize, 20000);
  }
  size_t N = 1;
  for (mapiternext(&It); It.Key; mapiternext(&It)) {
    int64_t K = *static_cast<int64_t *>(It.Key);
    ASSERT_GE(K, 1);
    ASSERT_LE(K, 2000);
    ASSERT_EQ(*static_cast<int64_t *>(It.Elem), K * 3);
    ++N;
  }
  EXPECT_GE(N, 200u);
}

TEST(MapGC, BigKeysAndElemsStayAlive) {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 500; ++K) {
    BigKey BK{};
    BK.W[24] = K;
    static_cast<BigElem *>(mapassign(&BigMap, H, &BK))->W[39] = K;
  }
  for (int Round = 0; Round < 3; ++Round) {
    GC_gcollect();
    scribble(sizeof(BigKey), 5000);
    scribble(sizeof(BigElem), 5000);
  }
  for (int64_t K = 0; K < 500; ++K) {
    BigKey BK{};
    BK.W[24] = K;
    ASSERT_EQ(static_cast<BigElem *>(mapaccess1(&BigMap, H, &BK))->W[39], K);
  }
}

} // namespace
