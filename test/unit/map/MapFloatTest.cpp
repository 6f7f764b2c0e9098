//===- MapFloatTest.cpp - Float keys: +0/-0 and NaN -----------------------===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace gmtest;

namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();

void putF(HMap *H, double K, int64_t V) {
  *static_cast<int64_t *>(mapassign(&F64Map, H, &K)) = V;
}
MapAccess2Result getF(HMap *H, double K) { return mapaccess2(&F64Map, H, &K); }
void delF(HMap *H, double K) { mapdelete(&F64Map, H, &K); }

TEST(MapFloat, PlusAndMinusZeroAreOneKeyAndTheKeyIsUpdated) {
  HMap *H = makemap_small();
  putF(H, 0.0, 1);
  putF(H, -0.0, 2);
  EXPECT_EQ(H->Count, 1);
  MapAccess2Result R = getF(H, 0.0);
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(*static_cast<int64_t *>(R.Elem), 2);
  // needkeyupdate: the stored key is now -0.
  HIter It{};
  mapiterinit(&F64Map, H, &It);
  ASSERT_NE(It.Key, nullptr);
  EXPECT_TRUE(std::signbit(*static_cast<double *>(It.Key)));
  putF(H, 0.0, 3);
  mapiterinit(&F64Map, H, &It);
  EXPECT_FALSE(std::signbit(*static_cast<double *>(It.Key)));
  delF(H, -0.0);
  EXPECT_EQ(H->Count, 0);

  // float32 too.
  HMap *F = makemap_small();
  float Pos = 0.0f, Neg = -0.0f;
  mapassign(&F32Map, F, &Pos);
  mapassign(&F32Map, F, &Neg);
  EXPECT_EQ(F->Count, 1);
  EXPECT_EQ(f32hash(&Pos, 7), f32hash(&Neg, 7));
}

TEST(MapFloat, NaNKeys) {
  HMap *H = makemap_small();
  for (int I = 0; I < 100; ++I)
    putF(H, NaN, I); // Each insert adds an entry.
  putF(H, 1.5, -1);
  EXPECT_EQ(H->Count, 101);
  EXPECT_FALSE(getF(H, NaN).Ok);
  EXPECT_EQ(*static_cast<int64_t *>(mapaccess1(&F64Map, H, &NaN)), 0);
  EXPECT_EQ(mapaccessK(&F64Map, H, &NaN).Key, nullptr);
  delF(H, NaN); // A no-op.
  EXPECT_EQ(H->Count, 101);
  // Range yields every one of them.
  int NaNs = 0;
  std::vector<bool> ElemSeen(100);
  HIter It{};
  for (mapiterinit(&F64Map, H, &It); It.Key; mapiternext(&It)) {
    double K = *static_cast<double *>(It.Key);
    if (std::isnan(K)) {
      ++NaNs;
      ElemSeen[size_t(*static_cast<int64_t *>(It.Elem))] = true;
    }
  }
  EXPECT_EQ(NaNs, 100);
  for (bool B : ElemSeen)
    EXPECT_TRUE(B);
  // Only clear removes them.
  mapclear(&F64Map, H);
  EXPECT_EQ(H->Count, 0);
  EXPECT_TRUE(iterKeys(H, F64Map).empty());
}

TEST(MapFloat, NaNsSpreadOverBuckets) {
  // NaN hashes randomly, so 1000 NaNs do not form one long chain.
  HMap *H = makemap_small();
  for (int I = 0; I < 1000; ++I)
    putF(H, NaN, I);
  MapStats S = stats(F64Map, H);
  EXPECT_EQ(S.ChainLengthHistogram[7], 0);
  EXPECT_LT(S.OverflowBuckets, S.Buckets);
}

TEST(MapFloat, NaNsSurviveGrowthDuringIteration) {
  // evacuate() routes NaNs by their tophash's low bit while an iterator may
  // be walking, and the iterator mirrors that: each NaN is produced once.
  for (int Round = 0; Round < 30; ++Round) {
    HMap *H = makemap(&F64Map, 14, nullptr);
    for (int I = 0; I < 13; ++I)
      putF(H, NaN, I);
    for (int I = 0; I < 13; ++I)
      putF(H, double(I), 100 + I);
    int NaNs = 0, Normal = 0;
    double Next = 1000;
    HIter It{};
    int Step = 0;
    for (mapiterinit(&F64Map, H, &It); It.Key; mapiternext(&It)) {
      double K = *static_cast<double *>(It.Key);
      if (std::isnan(K))
        ++NaNs;
      else if (K < 13)
        ++Normal;
      if (Step++ % 2 == 0)
        for (int I = 0; I < 5; ++I)
          putF(H, Next++, 0); // Grows (twice) while we iterate.
    }
    EXPECT_GT(H->B, 2);
    EXPECT_EQ(NaNs, 13);
    EXPECT_EQ(Normal, 13);
  }
}

TEST(MapFloat, NaNsOfAnIteratorStartedDuringGrowth) {
  // The iterator walks an unevacuated old bucket for new bucket X, taking the
  // NaNs whose tophash's low bit says X; if the bucket is evacuated before it
  // reaches Y, it finds the other NaNs in Y, where evacuate() must have put
  // them by that same bit.
  for (int Round = 0; Round < 50; ++Round) {
    HMap *H = makemap(&F64Map, 14, nullptr);
    for (int I = 0; I < 13; ++I)
      putF(H, NaN, I);
    for (int I = 0; I < 14; ++I)
      putF(H, double(I), 100 + I);
    ASSERT_NE(H->OldBuckets, nullptr) << "growing";
    int NaNs = 0;
    double Next = 1000;
    HIter It{};
    for (mapiterinit(&F64Map, H, &It); It.Key; mapiternext(&It)) {
      if (std::isnan(*static_cast<double *>(It.Key)))
        ++NaNs;
      putF(H, Next++, 0); // Evacuates under the iterator.
    }
    EXPECT_EQ(NaNs, 13);
  }
}

TEST(MapFloat, FloatHashes) {
  double PZ = 0.0, NZ = -0.0, N1 = NaN, One = 1.0;
  EXPECT_EQ(f64hash(&PZ, 1), f64hash(&NZ, 1));
  EXPECT_NE(f64hash(&N1, 1), f64hash(&N1, 1)) << "NaN hashes randomly";
  EXPECT_EQ(f64hash(&One, 1), f64hash(&One, 1));
  EXPECT_NE(f64hash(&One, 1), f64hash(&One, 2));
  EXPECT_TRUE(f64equal(&PZ, &NZ));
  EXPECT_FALSE(f64equal(&N1, &N1));
  float FN = std::numeric_limits<float>::quiet_NaN(), F1 = 1.0f;
  EXPECT_NE(f32hash(&FN, 1), f32hash(&FN, 1));
  EXPECT_FALSE(f32equal(&FN, &FN));
  EXPECT_EQ(f32hash(&F1, 1), f32hash(&F1, 1));
}

} // namespace
