//===- MapConcurrencyTest.cpp - Misuse detection (hashWriting) ------------===//
//
// Go detects some concurrent misuse of a map through the hashWriting flag and
// stops with a fatal error (exit status 2). These death tests race two
// threads on one map; each thread loops until the runtime catches it.
//
//===----------------------------------------------------------------------===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace gmtest;

namespace {

/// A one-bucket map with keys 0..7, so the racing threads never allocate
/// (their threads are not registered with the GC) and never grow it.
HMap *smallMap() {
  HMap *H = makemap_small();
  for (int64_t K = 0; K < 8; ++K)
    put(H, K, K);
  // Pin the overflow array an iterator wants, on this thread.
  HIter It{};
  mapiterinit(&Int64Map, H, &It);
  return H;
}

constexpr long Spins = 2000000000L;

void writer(HMap *H, int64_t Base) {
  for (long I = 0; I < Spins; ++I)
    put(H, (Base + I) & 7, I);
}

class MapConcurrencyDeathTest : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(MapConcurrencyDeathTest, ConcurrentWrites) {
  EXPECT_EXIT(
      {
        HMap *H = smallMap();
        std::thread A(writer, H, 0);
        writer(H, 3);
        A.join();
      },
      ::testing::ExitedWithCode(2), "fatal error: concurrent map writes");
}

// Racing deletes with inserts can also corrupt the count before the flag
// catches them, so that the map grows and evacuation finds an impossible
// bucket: Go then stops with "bad map state" (map.go's evacuate), and so
// does gm. Either fatal error is Go's answer to this misuse.
TEST_F(MapConcurrencyDeathTest, ConcurrentDeleteAndWrite) {
  EXPECT_EXIT(
      {
        HMap *H = smallMap();
        std::thread A(writer, H, 0);
        for (long I = 0; I < Spins; ++I) {
          del(H, I & 7);
          put(H, I & 7, I);
        }
        A.join();
      },
      ::testing::ExitedWithCode(2),
      "fatal error: (concurrent map writes|bad map state)");
}

TEST_F(MapConcurrencyDeathTest, ConcurrentReadAndWrite) {
  EXPECT_EXIT(
      {
        HMap *H = smallMap();
        std::thread A(writer, H, 0);
        int64_t Sum = 0;
        for (long I = 0; I < Spins; ++I) {
          int64_t K = I & 7;
          Sum += *static_cast<int64_t *>(mapaccess1(&Int64Map, H, &K));
        }
        A.join();
        std::printf("%ld\n", long(Sum));
      },
      ::testing::ExitedWithCode(2),
      "fatal error: concurrent map read and map write");
}

TEST_F(MapConcurrencyDeathTest, ConcurrentIterationAndWrite) {
  EXPECT_EXIT(
      {
        HMap *H = smallMap();
        std::thread A(writer, H, 0);
        for (long I = 0; I < Spins; ++I) {
          HIter It{};
          for (mapiterinit(&Int64Map, H, &It); It.Key; mapiternext(&It)) {
          }
        }
        A.join();
      },
      ::testing::ExitedWithCode(2),
      "fatal error: concurrent map iteration and map write");
}

TEST(MapConcurrency, WritingFlagIsClearedAfterEveryOperation) {
  HMap *H = makemap_small();
  put(H, 1, 1);
  del(H, 1);
  put(H, 2, 2);
  mapclear(&Int64Map, H);
  std::string S = "s";
  HMap *M = makemap_small();
  mapassign_faststr(&StrMap, M, gs(S));
  mapdelete_faststr(&StrMap, M, gs(S));
  EXPECT_EQ(H->Flags & FlagHashWriting, 0);
  EXPECT_EQ(M->Flags & FlagHashWriting, 0);
}

TEST(MapConcurrency, ReadersMayShareAMap) {
  // Concurrent reads and iterations (no writer) are fine, as in Go.
  HMap *H = smallMap();
  std::atomic<int64_t> Total{0};
  auto Reader = [&] {
    int64_t Sum = 0;
    for (int I = 0; I < 100000; ++I) {
      Sum += get(H, I & 7);
      if (I % 1000 == 0) {
        HIter It{};
        for (mapiterinit(&Int64Map, H, &It); It.Key; mapiternext(&It))
          Sum += *static_cast<int64_t *>(It.Elem);
      }
    }
    Total += Sum;
  };
  std::thread A(Reader), B(Reader);
  A.join();
  B.join();
  EXPECT_GT(Total.load(), 0);
}

} // namespace
