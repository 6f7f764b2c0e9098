//===- MapGrowthTest.cpp - Growth triggers, evacuation, same-size grow ----===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

using namespace gmtest;
using namespace gm::rt::maps;

namespace {

bool inArray(const void *P, const void *Array, uintptr_t Bytes) {
  auto *C = static_cast<const uint8_t *>(P);
  auto *A = static_cast<const uint8_t *>(Array);
  return C >= A && C < A + Bytes;
}

TEST(MapGrowth, DoublesWhenCountPlusOneExceedsLoadFactor) {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 8; ++K)
    put(H, K, K);
  EXPECT_EQ(H->B, 0);
  put(H, 8, 8); // 9 > 8 entries: B=0 -> 1.
  EXPECT_EQ(H->B, 1);

  HMap *M = makemap(&Int64Map, 14, nullptr);
  ASSERT_EQ(M->B, 2);
  for (int64_t K = 0; K < 26; ++K)
    put(M, K, K);
  EXPECT_EQ(M->B, 2);
  EXPECT_EQ(M->OldBuckets, nullptr);
  put(M, 0, 100); // Overwriting never grows.
  EXPECT_EQ(M->B, 2);
  put(M, 26, 26); // 27 > 6.5 * 4.
  EXPECT_EQ(M->B, 3);
  EXPECT_NE(M->OldBuckets, nullptr);
  EXPECT_FALSE(M->Flags & FlagSameSizeGrow);
}

TEST(MapGrowth, IncrementalEvacuationStepByStep) {
  HMap *H = makemap(&Int64Map, 14, nullptr);
  for (int64_t K = 0; K < 26; ++K)
    put(H, K, K * 10);
  void *OldArray = H->Buckets;
  put(H, 26, 260); // Starts the grow; this insert evacuates two buckets.
  ASSERT_EQ(H->B, 3);
  ASSERT_EQ(H->OldBuckets, OldArray);
  MapStats S = stats(Int64Map, H);
  EXPECT_EQ(S.OldBuckets, 4);
  EXPECT_EQ(S.OldBucketsRemaining, 2);

  // Reads do not evacuate, and find entries wherever they are.
  for (int Round = 0; Round < 3; ++Round)
    for (int64_t K = 0; K <= 26; ++K)
      ASSERT_EQ(get(H, K), K * 10);
  EXPECT_EQ(stats(Int64Map, H).OldBucketsRemaining, 2);

  // Entries of unevacuated old buckets are read from the old bucket's chain;
  // the others from the new bucket's.
  auto InChain = [](const void *E, void *B) {
    for (; B; B = overflowOf(&Int64Map, B))
      if (inArray(E, B, Int64Map.BucketSize))
        return true;
    return false;
  };
  int FromOld = 0;
  for (int64_t K = 0; K <= 26; ++K) {
    void *E = mapaccess1_fast64(&Int64Map, H, uint64_t(K));
    uintptr_t Hash = hashOf(Int64Map, H, K);
    void *OldB = bucketAt(&Int64Map, H->OldBuckets, Hash & 3);
    if (isEvacuated(OldB)) {
      EXPECT_TRUE(InChain(E, bucketAt(&Int64Map, H->Buckets, Hash & 7)));
    } else {
      EXPECT_TRUE(InChain(E, OldB));
      ++FromOld;
    }
  }
  EXPECT_GT(FromOld, 0);

  // Evacuated old buckets carry only evacuation marks; the others are intact.
  for (uintptr_t I = 0; I < 4; ++I) {
    void *B = bucketAt(&Int64Map, H->OldBuckets, I);
    for (void *C = B; C; C = overflowOf(&Int64Map, C))
      for (uintptr_t J = 0; J < BucketCnt; ++J) {
        uint8_t T = tophashes(C)[J];
        if (isEvacuated(B))
          EXPECT_TRUE(T == EvacuatedX || T == EvacuatedY ||
                      T == EvacuatedEmpty);
        else
          EXPECT_TRUE(T == EmptyRest || T == EmptyOne || T >= MinTopHash);
      }
  }

  // The X/Y split: every entry in new bucket i has hash & 7 == i.
  auto CheckSplit = [&] {
    for (uintptr_t I = 0; I < 8; ++I)
      for (void *C = bucketAt(&Int64Map, H->Buckets, I); C;
           C = overflowOf(&Int64Map, C))
        for (uintptr_t J = 0; J < BucketCnt; ++J)
          if (tophashes(C)[J] >= MinTopHash) {
            int64_t K = *static_cast<int64_t *>(keySlot(&Int64Map, C, J));
            uintptr_t Hash = hashOf(Int64Map, H, K);
            EXPECT_EQ(Hash & 7, I);
            EXPECT_EQ(tophashes(C)[J], topHash(Hash));
          }
  };
  CheckSplit();

  // A delete of an absent key still does growth work: the bucket it touches
  // and one more.
  int64_t Remaining = stats(Int64Map, H).OldBucketsRemaining;
  int64_t Probe = 1000;
  while (isEvacuated(
      bucketAt(&Int64Map, H->OldBuckets, hashOf(Int64Map, H, Probe) & 3)))
    ++Probe;
  uintptr_t Target = hashOf(Int64Map, H, Probe) & 3;
  del(H, Probe);
  if (H->OldBuckets) {
    EXPECT_TRUE(isEvacuated(bucketAt(&Int64Map, H->OldBuckets, Target)));
    EXPECT_EQ(stats(Int64Map, H).OldBucketsRemaining, Remaining - 2);
  } else {
    EXPECT_EQ(Remaining, 2);
  }

  // Keep writing until the grow finishes; every write makes progress.
  int64_t Next = 27;
  while (H->OldBuckets) {
    int64_t Before = stats(Int64Map, H).OldBucketsRemaining;
    put(H, Next, Next * 10);
    ++Next;
    if (H->OldBuckets)
      EXPECT_LT(stats(Int64Map, H).OldBucketsRemaining, Before);
  }
  EXPECT_EQ(H->NEvacuate, 4u);
  EXPECT_EQ(stats(Int64Map, H).OldBucketsRemaining, 0);
  CheckSplit();
  for (int64_t K = 0; K < Next; ++K)
    ASSERT_EQ(get(H, K), K * 10);
}

/// Keys of a B=4 map that hash to bucket Bucket, beyond Start.
std::vector<int64_t> keysInBucket(HMap *H, uintptr_t Bucket, unsigned N,
                                  int64_t &Start) {
  std::vector<int64_t> Keys;
  for (; Keys.size() < N; ++Start)
    if ((hashOf(Int64Map, H, Start) & bucketMask(H->B)) == Bucket)
      Keys.push_back(Start);
  return Keys;
}

TEST(MapGrowth, SameSizeGrowWhenOverflowBucketsPileUp) {
  HMap *H = makemap(&Int64Map, 100, nullptr);
  ASSERT_EQ(H->B, 4);
  int64_t Next = 0;
  std::vector<int64_t> Kept;
  for (uintptr_t B = 0; B < 16; ++B) {
    // Nine keys overflow the bucket; deleting eight leaves the overflow.
    std::vector<int64_t> Keys = keysInBucket(H, B, 9, Next);
    for (int64_t K : Keys)
      put(H, K, K);
    for (unsigned I = 0; I < 8; ++I)
      del(H, Keys[I]);
    Kept.push_back(Keys[8]);
    EXPECT_EQ(H->NOverflow, B + 1) << "exact below B=16";
    EXPECT_EQ(H->OldBuckets, nullptr);
  }
  EXPECT_EQ(stats(Int64Map, H).OverflowBuckets, 16);
  EXPECT_EQ(H->Count, 16);
  // 16 overflow buckets for 16 buckets: the next insert grows, same size.
  int64_t Fresh = keysInBucket(H, 0, 1, Next)[0];
  put(H, Fresh, Fresh);
  EXPECT_EQ(H->B, 4);
  EXPECT_NE(H->OldBuckets, nullptr);
  EXPECT_TRUE(H->Flags & FlagSameSizeGrow);
  EXPECT_EQ(H->NOverflow, 0);
  EXPECT_EQ(stats(Int64Map, H).OldBuckets, 16);
  // Finish it with writes.
  while (H->OldBuckets) {
    int64_t K = Next++;
    put(H, K, K);
    Kept.push_back(K);
  }
  EXPECT_FALSE(H->Flags & FlagSameSizeGrow);
  EXPECT_EQ(H->B, 4);
  for (int64_t K : Kept)
    EXPECT_EQ(get(H, K), K);
  EXPECT_EQ(get(H, Fresh), Fresh);
  EXPECT_LT(stats(Int64Map, H).OverflowBuckets, 16);
}

TEST(MapGrowth, NOverflowIsExactBelowB16AndProbabilisticAbove) {
  // Every key lands in bucket 0, so each 8 keys make one overflow bucket.
  constexpr int64_t NOvf = 400;
  HMap *H15 = makemap(&CollideMap, 13 * (int64_t(1) << 14), nullptr);
  ASSERT_EQ(H15->B, 15);
  for (int64_t K = 1; K <= 8 * (NOvf + 1); ++K)
    put(H15, K, K, CollideMap);
  EXPECT_EQ(H15->NOverflow, NOvf);
  EXPECT_EQ(stats(CollideMap, H15).OverflowBuckets, NOvf);

  HMap *H16 = makemap(&CollideMap, 13 * (int64_t(1) << 15), nullptr);
  ASSERT_EQ(H16->B, 16);
  for (int64_t K = 1; K <= 8 * (NOvf + 1); ++K)
    put(H16, K, K, CollideMap);
  EXPECT_EQ(stats(CollideMap, H16).OverflowBuckets, NOvf);
  // Counted with probability 1/2: mean 200, standard deviation 10.
  EXPECT_GT(H16->NOverflow, 140);
  EXPECT_LT(H16->NOverflow, 260);
}

TEST(MapGrowth, OldOverflowKeptUntilEvacuationEnds) {
  // Pointer-free buckets: overflow buckets live in Extra->Overflow, move to
  // OldOverflow on grow and are dropped when the grow finishes.
  HMap *H = makemap_small();
  int64_t K = 1;
  // A map, not growing, whose buckets have overflow buckets.
  while (H->OldBuckets || !H->Extra || H->Extra->OverflowLen == 0)
    put(H, K++, 1, CollideMap);
  EXPECT_EQ(H->Extra->OldOverflow, nullptr);
  while (!H->OldBuckets)
    put(H, K++, 1, CollideMap);
  EXPECT_NE(H->Extra->OldOverflow, nullptr);
  while (H->OldBuckets)
    put(H, K++, 1, CollideMap);
  EXPECT_EQ(H->Extra->OldOverflow, nullptr);
  EXPECT_EQ(H->Extra->OldOverflowLen, 0);
  for (int64_t J = 1; J < K; ++J)
    ASSERT_EQ(get(H, J, CollideMap), 1);
}

TEST(MapGrowth, GrowthPreservesEveryKeyType) {
  std::vector<std::string> Strs;
  for (int I = 0; I < 2000; ++I)
    Strs.push_back(std::string(size_t(I % 40), 'a') + std::to_string(I));
  HMap *S = makemap_small();
  HMap *B = makemap_small();
  HMap *P = makemap_small();
  HMap *W = makemap_small();
  for (int I = 0; I < 2000; ++I) {
    *static_cast<int64_t *>(mapassign_faststr(&StrMap, S, gs(Strs[I]))) = I;
    *static_cast<int32_t *>(mapassign_fast32(&Int32Map, W, uint32_t(I))) = I;
    BigKey K{};
    K.W[3] = I;
    static_cast<BigElem *>(mapassign(&BigMap, B, &K))->W[7] = I;
    PadKey PK{};
    PK.A = int8_t(I);
    PK.B = I;
    *static_cast<int64_t *>(mapassign(&PadMap, P, &PK)) = I;
    // Check everything inserted so far, mid-growth included, now and then.
    if (I % 97 == 0)
      for (int J = 0; J <= I; ++J) {
        ASSERT_EQ(*static_cast<int64_t *>(
                      mapaccess1_faststr(&StrMap, S, gs(Strs[J]))),
                  J);
        BigKey K2{};
        K2.W[3] = J;
        ASSERT_EQ(static_cast<BigElem *>(mapaccess1(&BigMap, B, &K2))->W[7], J);
        ASSERT_EQ(*static_cast<int32_t *>(
                      mapaccess1_fast32(&Int32Map, W, uint32_t(J))),
                  J);
      }
  }
  EXPECT_EQ(S->Count, 2000);
  EXPECT_EQ(B->Count, 2000);
  EXPECT_EQ(P->Count, 2000);
  EXPECT_EQ(W->Count, 2000);
}

/// Measures what the essay's load-factor table reports, for map[int64]int64
/// on this implementation, and checks the figure at 6.5 is sane.
TEST(MapGrowth, MapLoadFactorTable) {
  constexpr unsigned B = 14;
  constexpr int64_t NB = int64_t(1) << B;
  HMap *H = makemap(&Int64Map, 13 * NB / 2, nullptr);
  ASSERT_EQ(H->B, B);
  int64_t K = 0;
  std::printf("  loadFactor  %%overflow  bytes/entry\n");
  double OverflowAt65 = 0;
  for (double LF : {4.0, 4.5, 5.0, 5.5, 6.0, 6.5}) {
    for (; K < int64_t(LF * NB); ++K)
      put(H, K * 0x9E3779B97F4A7C15ll, K);
    MapStats S = stats(Int64Map, H);
    ASSERT_EQ(S.B, B) << "no growth up to 6.5";
    double PctOverflow = 100.0 * double(NB - S.ChainLengthHistogram[0]) / NB;
    double BytesPerEntry =
        double((S.Buckets + S.OverflowBuckets) * Int64Map.BucketSize) /
            double(S.Count) -
        16;
    std::printf("  %10.2f  %9.2f  %11.2f\n", LF, PctOverflow, BytesPerEntry);
    if (LF == 6.5)
      OverflowAt65 = PctOverflow;
  }
  EXPECT_GT(OverflowAt65, 15.0);
  EXPECT_LT(OverflowAt65, 27.0);
}

} // namespace
