//===- SwissGCTest.cpp - Swiss maps under the Boehm collector
//--------------===//
//
// Everything a map reaches must stay alive through the collector's scan:
// tables through the directory, groups through their table (scanned or not,
// as the maptype says), boxes of indirect keys and elems, the objects elems
// point to, and replaced tables that only an iterator still holds. Freed
// memory is overwritten after each collection, so anything reclaimed too
// early shows up as a wrong value.
//
//===----------------------------------------------------------------------===//

#include "SwissTestUtil.h"

using namespace swisstest;

namespace {

size_t liveBytes() {
  GC_gcollect();
  GC_gcollect();
  return GC_get_heap_size() - GC_get_free_bytes();
}

/// Allocates garbage filled with 0xFF in the sizes the map uses, so that
/// memory freed while still in use gets overwritten.
[[gnu::noinline]] void scribble(size_t Size, int N) {
  for (int I = 0; I < N; ++I) {
    std::memset(GC_MALLOC_ATOMIC(Size), 0xFF, Size);
    std::memset(GC_MALLOC(Size), 0xFF, Size);
  }
}

[[gnu::noinline]] void collectAndScribble(const MapType &T) {
  for (int Round = 0; Round < 3; ++Round) {
    GC_gcollect();
    scribble(groupSize(&T), 5000);
    scribble(SwissMaxTableCapacity / SwissGroupSlots * groupSize(&T), 50);
    scribble(sizeof(SwissTable), 5000);
  }
}

/// map[int64]*int64: elems point to objects only the map references.
constexpr MapType PtrElemMap = makeMapType(
    gm::rt::memhash64, gm::rt::memequal64, 8, 8, MapReflexiveKey, true);

[[gnu::noinline]] SwissMap *buildPointerElems(int64_t N) {
  SwissMap *M = makeMap(&PtrElemMap, 0);
  for (int64_t K = 0; K < N; ++K) {
    auto *Obj = static_cast<int64_t *>(GC_MALLOC(sizeof(int64_t)));
    *Obj = K * 5;
    std::memcpy(assign(&PtrElemMap, M, &K), &Obj, sizeof Obj);
  }
  return M;
}

TEST(SwissGC, EverythingTheMapReachesStaysAlive) {
  ASSERT_TRUE(gcReady());
  SwissMap *Plain = makeMap(&gmtest::Int64Map, 0); // Unscanned groups.
  for (int64_t K = 0; K < 100000; ++K)
    put(Plain, K, K * 3);
  SwissMap *Ptrs = buildPointerElems(100000);
  SwissMap *Big = makeMap(&gmtest::BigMap, 0); // Boxed keys and elems.
  for (int64_t K = 0; K < 3000; ++K) {
    gmtest::BigKey BK{};
    BK.W[0] = K;
    static_cast<gmtest::BigElem *>(assign(&gmtest::BigMap, Big, &BK))->W[7] = K;
  }
  collectAndScribble(gmtest::Int64Map);
  collectAndScribble(gmtest::BigMap);
  for (int64_t K = 0; K < 100000; ++K) {
    ASSERT_EQ(get(Plain, K), K * 3);
    void *E = lookup(&PtrElemMap, Ptrs, &K);
    ASSERT_NE(E, nullptr);
    ASSERT_EQ(**static_cast<int64_t **>(E), K * 5);
  }
  for (int64_t K = 0; K < 3000; ++K) {
    gmtest::BigKey BK{};
    BK.W[0] = K;
    auto *E = static_cast<gmtest::BigElem *>(lookup(&gmtest::BigMap, Big, &BK));
    ASSERT_NE(E, nullptr);
    ASSERT_EQ(E->W[7], K);
  }
  EXPECT_SWISS_OK(gmtest::Int64Map, Plain);
  EXPECT_SWISS_OK(gmtest::BigMap, Big);
}

// An iterator keeps walking a table the map has replaced: the iterator is
// all that holds it, and its groups are not scanned (pointer-free map).
TEST(SwissGC, IteratorKeepsAReplacedTableAlive) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 800; ++K)
    put(M, K, K);
  SwissIter It;
  iterInit(&gmtest::Int64Map, M, &It);
  SwissTable *Walked = It.Table;
  ASSERT_NE(Walked, nullptr);
  for (int64_t K = 1000000; K < 1100000; ++K)
    put(M, K, 0); // Replaces every table many times over.
  ASSERT_EQ(Walked->Index, -1);
  collectAndScribble(gmtest::Int64Map);
  int64_t Original = 0;
  for (; It.Key; iterNext(&It)) {
    int64_t K;
    std::memcpy(&K, It.Key, sizeof K);
    ASSERT_TRUE((K >= 0 && K < 800) || K >= 1000000) << K;
    Original += K < 800;
  }
  EXPECT_EQ(Original, 800);
}

/// Builds and drops maps; out of line so that no pointer to them stays in
/// this frame.
[[gnu::noinline]] void churnMaps(int Rounds) {
  for (int R = 0; R < Rounds; ++R) {
    SwissMap *M = makeMap(&gmtest::Int64Map, 0);
    for (int64_t K = 0; K < 20000; ++K)
      put(M, K, K);
  }
}

TEST(SwissGC, DroppedMapsAreReclaimed) {
  size_t Before = liveBytes();
  size_t TotalBefore = GC_get_total_bytes();
  churnMaps(40);
  size_t Allocated = GC_get_total_bytes() - TotalBefore;
  size_t After = liveBytes();
  EXPECT_GT(Allocated, size_t(20) << 20);
  // Conservative scanning may pin a map or two, never forty.
  EXPECT_LT(After, Before + (size_t(8) << 20))
      << "allocated " << Allocated << " bytes in all";
}

} // namespace
