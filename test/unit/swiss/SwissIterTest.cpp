//===- SwissIterTest.cpp - Iteration, across growth, split and clear ------===//
//
// Go's guarantees, checked against a model: an entry present for the whole
// iteration is produced exactly once; an entry deleted before it is reached
// is not produced; the elem produced is the current one; entries added
// during the iteration may or may not be produced, but never twice.
//
//===----------------------------------------------------------------------===//

#include "SwissTestUtil.h"

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

using namespace swisstest;

namespace {

int64_t keyOf(const SwissIter &It) {
  int64_t K;
  std::memcpy(&K, It.Key, sizeof K);
  return K;
}
int64_t elemOf(const SwissIter &It) {
  int64_t V;
  std::memcpy(&V, It.Elem, sizeof V);
  return V;
}

TEST(SwissIter, EveryKeyOnceAtEverySize) {
  ASSERT_TRUE(gcReady());
  for (int64_t N : {0, 1, 7, 8, 9, 15, 100, 897, 5000, 100000}) {
    SwissMap *M = makeMap(&gmtest::Int64Map, 0);
    for (int64_t K = 0; K < N; ++K)
      put(M, K * 3, K);
    std::vector<bool> Seen(size_t(N), false);
    int64_t Produced = 0;
    SwissIter It;
    for (iterInit(&gmtest::Int64Map, M, &It); It.Key; iterNext(&It)) {
      int64_t K = keyOf(It);
      ASSERT_TRUE(K % 3 == 0 && K / 3 < N) << K;
      ASSERT_FALSE(Seen[size_t(K / 3)]) << "twice: " << K;
      Seen[size_t(K / 3)] = true;
      EXPECT_EQ(elemOf(It), K / 3);
      ++Produced;
    }
    EXPECT_EQ(Produced, N);
    iterNext(&It); // Stays finished.
    EXPECT_EQ(It.Key, nullptr);
    EXPECT_EQ(It.Elem, nullptr);
  }
}

// The start is random: directory entry, slot within the table, and for a
// small map the slot within its group.
TEST(SwissIter, StartIsRandom) {
  for (int64_t N : {8, 5000}) {
    SwissMap *M = makeMap(&gmtest::Int64Map, 0);
    for (int64_t K = 0; K < N; ++K)
      put(M, K, K);
    std::set<int64_t> Firsts;
    std::set<std::vector<int64_t>> Orders;
    for (int I = 0; I < 200; ++I) {
      std::vector<int64_t> Keys = iterKeys(M);
      ASSERT_EQ(int64_t(Keys.size()), N);
      Firsts.insert(Keys[0]);
      Orders.insert(Keys);
    }
    EXPECT_GE(Firsts.size(), N == 8 ? 6u : 100u) << N;
    EXPECT_GE(Orders.size(), N == 8 ? 6u : 150u) << N;
  }
}

/// Iterates M while Step(Produced) mutates it after each entry, and checks
/// the produced keys: each of Throughout (present from start to end)
/// exactly once, nothing twice. Returns the number of produced keys.
template <class StepFn>
int64_t iterateWhile(SwissMap *M, const std::set<int64_t> &Throughout,
                     StepFn Step) {
  std::map<int64_t, int> Seen;
  SwissIter It;
  int64_t Produced = 0;
  for (iterInit(&gmtest::Int64Map, M, &It); It.Key; iterNext(&It)) {
    int64_t K = keyOf(It);
    EXPECT_EQ(++Seen[K], 1) << "produced twice: " << K;
    if (Seen.size() > 10000000)
      break; // Runaway: the checks below fail.
    ++Produced;
    Step(K, elemOf(It));
  }
  for (int64_t K : Throughout)
    EXPECT_EQ(Seen[K], 1) << "present throughout, produced " << Seen[K]
                          << " times: " << K;
  return Produced;
}

// Inserting during the iteration grows the table it is walking, splits it
// and doubles the directory; entries present from the start are still each
// produced once, and the current elem is seen.
TEST(SwissIter, EntriesPresentThroughoutAreSeenOnceWhileTheMapGrows) {
  for (int64_t Initial : {3, 8, 500, 3000}) {
    SwissMap *M = makeMap(&gmtest::Int64Map, 0);
    std::set<int64_t> Original;
    for (int64_t K = 0; K < Initial; ++K) {
      put(M, K, K);
      Original.insert(K);
    }
    Stats Before = stats(&gmtest::Int64Map, M);
    int64_t Next = 1000000;
    int Steps = 0;
    iterateWhile(M, Original, [&](int64_t K, int64_t V) {
      if (K < Initial)
        EXPECT_EQ(V, Steps < 1 ? K : -K) << "stale elem for " << K;
      if (++Steps == 1)
        for (int64_t O = 0; O < Initial; ++O)
          put(M, O, -O); // Seen from now on, in any table.
      // Bounded: new entries may be produced too, each adding more.
      for (int I = 0; I < 40 && Next < 1030000; ++I)
        put(M, Next++, 0);
    });
    Stats After = stats(&gmtest::Int64Map, M);
    EXPECT_GT(After.Capacity, Before.Capacity) << Initial;
    if (Initial >= 500)
      EXPECT_GE(After.GlobalDepth, 2u) << "no split while iterating";
    EXPECT_SWISS_OK(gmtest::Int64Map, M);
  }
}

// An entry deleted before the iterator reaches it is not produced, whether
// the delete hits the table being walked or the one that replaced it.
TEST(SwissIter, EntriesDeletedBeforeTheyAreReachedAreNotProduced) {
  for (bool GrowFirst : {false, true}) {
    for (int64_t Initial : {8, 3000}) {
      SwissMap *M = makeMap(&gmtest::Int64Map, 0);
      std::set<int64_t> Odd;
      for (int64_t K = 0; K < Initial; ++K) {
        put(M, K, K);
        if (K % 2)
          Odd.insert(K);
      }
      std::set<int64_t> SeenBeforeDelete;
      bool Deleted = false;
      int64_t Next = 1000000;
      std::map<int64_t, int> Seen;
      SwissIter It;
      for (iterInit(&gmtest::Int64Map, M, &It); It.Key; iterNext(&It)) {
        int64_t K = keyOf(It);
        ++Seen[K];
        if (Deleted) {
          ASSERT_TRUE(K % 2 == 1 || K >= 1000000)
              << "deleted entry produced: " << K;
        } else {
          SeenBeforeDelete.insert(K);
          if (GrowFirst)
            for (int I = 0; I < 20000; ++I)
              put(M, Next++, 0);
          for (int64_t D = 0; D < Initial; D += 2)
            del(M, D);
          if (!GrowFirst)
            for (int I = 0; I < 20000; ++I)
              put(M, Next++, 0);
          Deleted = true;
        }
      }
      for (int64_t K : Odd)
        EXPECT_EQ(Seen[K], 1) << K;
      for (auto [K, N] : Seen)
        EXPECT_EQ(N, 1) << K;
      EXPECT_SWISS_OK(gmtest::Int64Map, M);
    }
  }
}

// clear(m) during an iteration: nothing present before the clear is produced
// after it, even from tables replaced earlier (Go 1.24's clear sequence).
TEST(SwissIter, ClearDuringIterationEndsTheOldEntries) {
  for (bool GrowFirst : {false, true}) {
    for (int64_t Initial : {5, 3000}) {
      SwissMap *M = makeMap(&gmtest::Int64Map, 0);
      for (int64_t K = 0; K < Initial; ++K)
        put(M, K, K);
      SwissIter It;
      iterInit(&gmtest::Int64Map, M, &It);
      ASSERT_NE(It.Key, nullptr);
      if (GrowFirst)
        for (int64_t K = 0; K < 20000; ++K)
          put(M, 1000000 + K, 0);
      clear(&gmtest::Int64Map, M);
      iterNext(&It);
      EXPECT_EQ(It.Key, nullptr) << Initial << " " << GrowFirst;
    }
  }
  // Entries added after the clear may be produced, once.
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 3000; ++K)
    put(M, K, K);
  SwissIter It;
  iterInit(&gmtest::Int64Map, M, &It);
  clear(&gmtest::Int64Map, M);
  for (int64_t K = 0; K < 3000; ++K)
    put(M, 5000 + K, K);
  std::set<int64_t> Seen;
  for (iterNext(&It); It.Key; iterNext(&It)) {
    EXPECT_GE(keyOf(It), 5000);
    EXPECT_TRUE(Seen.insert(keyOf(It)).second);
  }
}

TEST(SwissIter, NaNEntriesSurviveGrowthAndNotClear) {
  const MapType &T = gmtest::F64Map;
  for (bool ClearMidway : {false, true}) {
    SwissMap *M = makeMap(&T, 0);
    double NaN = std::nan("");
    for (int64_t I = 0; I < 6; ++I) // Small map: NaNs in the group.
      std::memcpy(assign(&T, M, &NaN), &I, sizeof I);
    SwissIter It;
    iterInit(&T, M, &It);
    // Promotion, growth and splits: the NaNs are looked up in vain and must
    // be produced from the snapshot anyway.
    for (int64_t I = 0; I < 5000; ++I) {
      double K = double(I);
      std::memcpy(assign(&T, M, &K), &I, sizeof I);
    }
    if (ClearMidway)
      clear(&T, M);
    std::set<int64_t> NaNElems;
    int64_t NaNs = 0;
    for (; It.Key; iterNext(&It)) {
      double K;
      std::memcpy(&K, It.Key, sizeof K);
      if (std::isnan(K)) {
        ++NaNs;
        NaNElems.insert(*static_cast<int64_t *>(It.Elem));
      }
    }
    if (ClearMidway) {
      EXPECT_LE(NaNs, 1); // Only one produced by iterInit, before the clear.
    } else {
      EXPECT_EQ(NaNs, 6);
      EXPECT_EQ(NaNElems.size(), 6u);
    }
  }
}

// Random inserts, updates and deletes between the steps of an iteration,
// checked against a model at every entry produced.
TEST(SwissIter, RandomMutationDuringIteration) {
  std::mt19937_64 Rng(2024);
  for (int Trial = 0; Trial < 300; ++Trial) {
    SwissMap *M = makeMap(&gmtest::Int64Map, 0);
    std::unordered_map<int64_t, int64_t> Model;
    int64_t N = int64_t(Rng() % (Trial % 3 == 0 ? 12 : 4000));
    int64_t Range = 2 * N + 16;
    for (int64_t I = 0; I < N; ++I) {
      int64_t K = int64_t(Rng() % uint64_t(Range));
      put(M, K, I);
      Model[K] = I;
    }
    std::set<int64_t> Untouched; // Present from the start, never deleted.
    for (auto &[K, V] : Model)
      Untouched.insert(K);
    std::map<int64_t, int> Seen;
    std::set<int64_t> DeletedSinceSeen;
    unsigned OpsPerStep = unsigned(Rng() % 40);
    int64_t Stamp = 1000000;
    SwissIter It;
    for (iterInit(&gmtest::Int64Map, M, &It); It.Key; iterNext(&It)) {
      int64_t K = keyOf(It);
      auto Live = Model.find(K);
      ASSERT_NE(Live, Model.end()) << "produced an absent key " << K;
      ASSERT_EQ(elemOf(It), Live->second) << "stale elem for " << K;
      if (++Seen[K] > 1)
        ASSERT_TRUE(DeletedSinceSeen.count(K))
            << "produced twice without being deleted in between: " << K;
      DeletedSinceSeen.erase(K);
      for (unsigned Op = 0; Op < OpsPerStep; ++Op) {
        int64_t X = int64_t(Rng() % uint64_t(Range * 2));
        switch (Rng() % 4) {
        case 0:
        case 1:
          put(M, X, ++Stamp);
          Model[X] = Stamp;
          break;
        case 2:
          del(M, X);
          if (Model.erase(X)) {
            Untouched.erase(X);
            if (Seen.count(X))
              DeletedSinceSeen.insert(X);
          }
          break;
        case 3:
          if (Model.count(X)) { // An update keeps the entry.
            put(M, X, ++Stamp);
            Model[X] = Stamp;
          }
          break;
        }
      }
    }
    for (int64_t K : Untouched)
      ASSERT_EQ(Seen[K], 1) << "trial " << Trial << " key " << K;
    ASSERT_EQ(M->Count, int64_t(Model.size()));
    EXPECT_SWISS_OK(gmtest::Int64Map, M);
  }
}

} // namespace
