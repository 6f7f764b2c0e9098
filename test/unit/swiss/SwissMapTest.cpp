//===- SwissMapTest.cpp - Small maps, hints, NaN, seeds, clear, misuse ----===//

#include "SwissTestUtil.h"

#include <cmath>
#include <string>

using namespace swisstest;

namespace {

/// map[int64]int64 whose hasher counts its calls.
int64_t HashCalls = 0;
uintptr_t countingHash(const void *P, uintptr_t Seed) {
  ++HashCalls;
  return gm::rt::memhash64(P, Seed);
}
constexpr MapType CountingMap =
    makeMapType(countingHash, gm::rt::memequal64, 8, 8, MapReflexiveKey, false);

//===----------------------------------------------------------------------===//
// Basics
//===----------------------------------------------------------------------===//

TEST(SwissMap, AssignLookupEraseInt64) {
  ASSERT_TRUE(gcReady());
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 5000; ++K)
    put(M, K, K * 7);
  EXPECT_EQ(M->Count, 5000);
  for (int64_t K = 0; K < 5000; ++K)
    ASSERT_EQ(get(M, K), K * 7);
  EXPECT_FALSE(has(M, 5000));
  EXPECT_FALSE(has(M, -1));
  for (int64_t K = 0; K < 5000; K += 2)
    del(M, K);
  EXPECT_EQ(M->Count, 2500);
  for (int64_t K = 0; K < 5000; ++K)
    ASSERT_EQ(has(M, K), K % 2 == 1) << K;
  del(M, 12345); // Absent: nothing happens.
  EXPECT_EQ(M->Count, 2500);
  EXPECT_SWISS_OK(gmtest::Int64Map, M);
}

TEST(SwissMap, OverwriteKeepsOneEntry) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int Round = 0; Round < 3; ++Round)
    for (int64_t K = 0; K < 100; ++K)
      put(M, K, Round);
  EXPECT_EQ(M->Count, 100);
  EXPECT_EQ(get(M, 42), 2);
}

TEST(SwissMap, NewElemIsZeroEvenInAReusedSlot) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 1000; ++K)
    put(M, K, -1);
  for (int64_t K = 0; K < 1000; ++K)
    del(M, K);
  for (int64_t K = 0; K < 1000; ++K) {
    int64_t V;
    std::memcpy(&V, assign(&gmtest::Int64Map, M, &K), sizeof V);
    ASSERT_EQ(V, 0) << K; // m[k] += 1 on a new key starts from zero.
  }
}

TEST(SwissMap, StringKeys) {
  SwissMap *M = makeMap(&gmtest::StrMap, 0);
  std::vector<std::string> Keys;
  for (int I = 0; I < 3000; ++I)
    Keys.push_back("key-" + std::to_string(I) + std::string(I % 40, 'x'));
  for (int I = 0; I < 3000; ++I) {
    GoString K = gmtest::gs(Keys[I]);
    int64_t V = I;
    std::memcpy(assign(&gmtest::StrMap, M, &K), &V, sizeof V);
  }
  for (int I = 0; I < 3000; ++I) {
    // An equal string at another address finds the entry.
    std::string Copy = Keys[I];
    GoString K = gmtest::gs(Copy);
    void *E = lookup(&gmtest::StrMap, M, &K);
    ASSERT_NE(E, nullptr) << Keys[I];
    EXPECT_EQ(*static_cast<int64_t *>(E), I);
  }
  std::string Missing = "key-";
  GoString K = gmtest::gs(Missing);
  EXPECT_EQ(lookup(&gmtest::StrMap, M, &K), nullptr);
  EXPECT_SWISS_OK(gmtest::StrMap, M);
}

TEST(SwissMap, IndirectKeysAndElems) {
  using gmtest::BigElem;
  using gmtest::BigKey;
  const MapType &T = gmtest::BigMap;
  ASSERT_TRUE(indirectKey(&T) && indirectElem(&T));
  SwissMap *M = makeMap(&T, 0);
  for (int64_t I = 0; I < 2000; ++I) {
    BigKey K{};
    K.W[0] = I;
    K.W[24] = -I;
    auto *E = static_cast<BigElem *>(assign(&T, M, &K));
    EXPECT_EQ(E->W[39], 0);
    E->W[0] = I * 3;
    E->W[39] = I;
  }
  for (int64_t I = 0; I < 2000; ++I) {
    BigKey K{};
    K.W[0] = I;
    K.W[24] = -I;
    void *Stored = nullptr;
    auto *E = static_cast<BigElem *>(lookupWithKey(&T, M, &K, &Stored));
    ASSERT_NE(E, nullptr);
    EXPECT_EQ(E->W[0], I * 3);
    EXPECT_EQ(E->W[39], I);
    EXPECT_EQ(std::memcmp(Stored, &K, sizeof K), 0);
  }
  for (int64_t I = 0; I < 2000; I += 3) {
    BigKey K{};
    K.W[0] = I;
    K.W[24] = -I;
    erase(&T, M, &K);
  }
  EXPECT_EQ(M->Count, 2000 - 667);
  EXPECT_SWISS_OK(T, M);
}

//===----------------------------------------------------------------------===//
// Small maps
//===----------------------------------------------------------------------===//

TEST(SwissSmallMap, UpToEightEntriesInOneGroupWithoutHashing) {
  SwissMap *M = makeMap(&CountingMap, 0);
  EXPECT_EQ(M->Directory, nullptr); // The group comes with the first insert.
  HashCalls = 0;
  for (int64_t K = 1; K <= 8; ++K)
    put(M, K, K, CountingMap);
  for (int64_t K = 0; K <= 9; ++K)
    EXPECT_EQ(has(M, K, CountingMap), K >= 1 && K <= 8);
  del(M, 3, CountingMap);
  put(M, 3, 33, CountingMap);
  EXPECT_EQ(HashCalls, 0);
  Stats S = stats(&CountingMap, M);
  EXPECT_TRUE(S.Small);
  EXPECT_EQ(S.Count, 8);
  EXPECT_EQ(M->DirLen, 0);
  EXPECT_SWISS_OK(CountingMap, M);
}

TEST(SwissSmallMap, DeleteFreesTheSlotWithoutATombstone) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 8; ++K)
    put(M, K, K);
  del(M, 5);
  CtrlWord C = CtrlWord::load(M->Directory);
  EXPECT_EQ(C.matchEmpty().size(), 1u);
  EXPECT_FALSE(C.matchDeleted());
  put(M, 100, 100); // Fits in the freed slot: still small.
  EXPECT_TRUE(isSmall(M));
  EXPECT_EQ(get(M, 100), 100);
  EXPECT_SWISS_OK(gmtest::Int64Map, M);
}

TEST(SwissSmallMap, NinthEntryPromotesToATableOfTwoGroups) {
  SwissMap *M = makeMap(&CountingMap, 0);
  for (int64_t K = 0; K < 8; ++K)
    put(M, K, K * 10, CountingMap);
  void *Group = M->Directory;
  HashCalls = 0;
  put(M, 8, 80, CountingMap);
  // The eight moved entries and the new key, each hashed once.
  EXPECT_EQ(HashCalls, 9);
  EXPECT_FALSE(isSmall(M));
  EXPECT_EQ(M->DirLen, 1);
  EXPECT_EQ(M->GlobalDepth, 0);
  SwissTable *Tab = onlyTable(M);
  ASSERT_NE(Tab, nullptr);
  EXPECT_EQ(Tab->Capacity, 2 * SwissGroupSlots);
  EXPECT_EQ(Tab->Used, 9);
  EXPECT_EQ(Tab->GrowthLeft, maxGrowth(16) - 9);
  for (int64_t K = 0; K <= 8; ++K)
    EXPECT_EQ(get(M, K, CountingMap), K * 10);
  // The abandoned group still holds its entries, for iterators.
  EXPECT_EQ(CtrlWord::load(Group).matchFull().size(), 8u);
  EXPECT_SWISS_OK(CountingMap, M);
}

TEST(SwissMakeMap, HintsUpToEightStaySmall) {
  for (int64_t Hint : {-5, 0, 1, 8}) {
    SwissMap *M = makeMap(&gmtest::Int64Map, Hint);
    EXPECT_TRUE(isSmall(M)) << Hint;
    EXPECT_EQ(M->Directory, nullptr);
  }
}

// A hint sizes the tables so that that many random keys fit without any
// table being replaced.
TEST(SwissMakeMap, HintedEntriesFitWithoutGrowing) {
  struct Case {
    int64_t Hint;
    int64_t Tables, CapacityEach;
  } Cases[] = {
      {9, 1, 16},     {14, 1, 16},    {15, 1, 32},     {100, 1, 128},
      {896, 1, 1024}, {897, 2, 1024}, {5000, 8, 1024}, {20000, 32, 1024},
  };
  for (const Case &C : Cases) {
    SwissMap *M = makeMap(&gmtest::Int64Map, C.Hint);
    Stats Before = stats(&gmtest::Int64Map, M);
    EXPECT_EQ(Before.Tables, C.Tables) << C.Hint;
    EXPECT_EQ(Before.Capacity, C.Tables * C.CapacityEach) << C.Hint;
    EXPECT_EQ(Before.DirLen, C.Tables);
    for (int64_t K = 0; K < C.Hint; ++K)
      put(M, K * 0x9e3779b97f4a7c15ll, K);
    Stats After = stats(&gmtest::Int64Map, M);
    EXPECT_EQ(After.Tables, Before.Tables) << C.Hint;
    EXPECT_EQ(After.Capacity, Before.Capacity) << C.Hint;
    EXPECT_SWISS_OK(gmtest::Int64Map, M);
  }
}

TEST(SwissMakeMap, HugeHintIsIgnored) {
  SwissMap *M = makeMap(&gmtest::Int64Map, int64_t(1) << 62);
  EXPECT_TRUE(isSmall(M));
  put(M, 1, 1);
  EXPECT_EQ(get(M, 1), 1);
}

//===----------------------------------------------------------------------===//
// Floats: NaN and signed zero
//===----------------------------------------------------------------------===//

void putF(SwissMap *M, double K, int64_t V) {
  std::memcpy(assign(&gmtest::F64Map, M, &K), &V, sizeof V);
}

TEST(SwissNaN, EveryInsertAddsAnEntryThatIsNeverFound) {
  for (int N : {3, 8, 9, 2000}) {
    SwissMap *M = makeMap(&gmtest::F64Map, 0);
    double NaN = std::nan("");
    for (int I = 0; I < N; ++I)
      putF(M, NaN, I);
    EXPECT_EQ(M->Count, N);
    EXPECT_EQ(lookup(&gmtest::F64Map, M, &NaN), nullptr);
    erase(&gmtest::F64Map, M, &NaN); // Cannot delete a NaN.
    EXPECT_EQ(M->Count, N);
    putF(M, 1.5, 7);
    double K = 1.5;
    EXPECT_NE(lookup(&gmtest::F64Map, M, &K), nullptr);

    // Iteration produces each NaN entry once, with its elem.
    std::vector<bool> Seen(N, false);
    SwissIter It;
    int NaNs = 0;
    for (iterInit(&gmtest::F64Map, M, &It); It.Key; iterNext(&It)) {
      double Key;
      std::memcpy(&Key, It.Key, sizeof Key);
      if (!std::isnan(Key))
        continue;
      int64_t V = *static_cast<int64_t *>(It.Elem);
      ASSERT_TRUE(V >= 0 && V < N);
      EXPECT_FALSE(Seen[V]);
      Seen[V] = true;
      ++NaNs;
    }
    EXPECT_EQ(NaNs, N);
    EXPECT_SWISS_OK(gmtest::F64Map, M);

    clear(&gmtest::F64Map, M); // Only clear removes them.
    EXPECT_EQ(M->Count, 0);
    EXPECT_TRUE(iterKeys(M, gmtest::F64Map).empty());
  }
}

TEST(SwissFloat, NegativeZeroReplacesThePositiveKey) {
  for (int Fill : {0, 50}) { // Small map, then a table.
    SwissMap *M = makeMap(&gmtest::F64Map, 0);
    for (int I = 1; I <= Fill; ++I)
      putF(M, I, I);
    putF(M, +0.0, 1);
    putF(M, -0.0, 2);
    EXPECT_EQ(M->Count, Fill + 1);
    double Z = 0.0;
    void *Stored = nullptr;
    void *E = lookupWithKey(&gmtest::F64Map, M, &Z, &Stored);
    ASSERT_NE(E, nullptr);
    EXPECT_EQ(*static_cast<int64_t *>(E), 2);
    EXPECT_TRUE(std::signbit(*static_cast<double *>(Stored)));
  }
}

//===----------------------------------------------------------------------===//
// Seeds
//===----------------------------------------------------------------------===//

TEST(SwissSeed, DiffersPerMap) {
  SwissMap *A = makeMap(&gmtest::Int64Map, 0);
  SwissMap *B = makeMap(&gmtest::Int64Map, 0);
  SwissMap *C = makeMap(&gmtest::Int64Map, 100);
  EXPECT_NE(A->Seed, B->Seed);
  EXPECT_NE(A->Seed, C->Seed);
  EXPECT_NE(B->Seed, C->Seed);
  // So the same keys land in different places.
  for (int64_t K = 0; K < 100; ++K) {
    put(A, K, K);
    put(C, K, K);
  }
  int SamePlace = 0;
  for (int64_t K = 0; K < 100; ++K) {
    Location LA = locate(gmtest::Int64Map, A, &K);
    Location LC = locate(gmtest::Int64Map, C, &K);
    SamePlace += LA.Group == LC.Group && LA.Slot == LC.Slot;
  }
  EXPECT_LT(SamePlace, 30);
}

TEST(SwissSeed, ReseededWhenEmptiedByDeleteOrClear) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 20; ++K)
    put(M, K, K);
  uintptr_t Seed = M->Seed;
  for (int64_t K = 0; K < 19; ++K)
    del(M, K);
  EXPECT_EQ(M->Seed, Seed); // Not empty yet.
  del(M, 19);
  EXPECT_NE(M->Seed, Seed);
  Seed = M->Seed;
  put(M, 1, 1);
  clear(&gmtest::Int64Map, M);
  EXPECT_NE(M->Seed, Seed);
  EXPECT_FALSE(has(M, 1));
}

//===----------------------------------------------------------------------===//
// clear
//===----------------------------------------------------------------------===//

TEST(SwissClear, KeepsTheTablesAndEmptiesThem) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  for (int64_t K = 0; K < 5000; ++K)
    put(M, K, K);
  for (int64_t K = 0; K < 5000; K += 3)
    del(M, K);
  Stats Before = stats(&gmtest::Int64Map, M);
  uint64_t Seq = M->ClearSeq;
  clear(&gmtest::Int64Map, M);
  Stats After = stats(&gmtest::Int64Map, M);
  EXPECT_EQ(After.Count, 0);
  EXPECT_EQ(After.Tables, Before.Tables);
  EXPECT_EQ(After.Capacity, Before.Capacity);
  EXPECT_EQ(After.Tombstones, 0);
  EXPECT_EQ(M->ClearSeq, Seq + 1);
  EXPECT_EQ(M->TombstonesPossible, 0);
  for (int64_t K = 0; K < 5000; ++K)
    ASSERT_FALSE(has(M, K));
  EXPECT_SWISS_OK(gmtest::Int64Map, M);
  for (int64_t K = 0; K < 5000; ++K)
    put(M, K, -K);
  EXPECT_EQ(get(M, 4999), -4999);
  EXPECT_EQ(stats(&gmtest::Int64Map, M).Tables, Before.Tables);
}

TEST(SwissClear, SmallAndEmptyMaps) {
  SwissMap *M = makeMap(&gmtest::Int64Map, 0);
  clear(&gmtest::Int64Map, M); // No group yet.
  clear(&gmtest::Int64Map, nullptr);
  EXPECT_EQ(M->ClearSeq, 0u); // Nothing to clear: not counted, as in Go.
  for (int64_t K = 0; K < 5; ++K)
    put(M, K, K);
  clear(&gmtest::Int64Map, M);
  EXPECT_EQ(M->Count, 0);
  EXPECT_EQ(M->ClearSeq, 1u);
  EXPECT_TRUE(isSmall(M));
  EXPECT_EQ(CtrlWord::load(M->Directory).matchEmpty().size(), 8u);
  EXPECT_FALSE(has(M, 1));
}

//===----------------------------------------------------------------------===//
// Interface keys: hashers that can panic
//===----------------------------------------------------------------------===//

TypeDesc typeDesc(TypeKind K, const char *Name, HashFn Hash, EqualFn Equal) {
  TypeDesc T{};
  T.Size = 8;
  T.Name = Name;
  T.Kind = K;
  T.Flags = TypeDirectIface;
  T.Align = 8;
  T.Hash = Hash;
  T.Equal = Equal;
  return T;
}
const TypeDesc IntT =
    typeDesc(TypeKind::Int, "int", gm::rt::memhash64, gm::rt::memequal64);
const TypeDesc MyIntT = typeDesc(TypeKind::Int, "main.MyInt", gm::rt::memhash64,
                                 gm::rt::memequal64);
const TypeDesc IntSliceT = typeDesc(TypeKind::Slice, "[]int", nullptr, nullptr);

Eface intKey(const TypeDesc &T, int64_t V) {
  Eface E{&T, nullptr};
  std::memcpy(&E.Data, &V, sizeof V);
  return E;
}
Eface sliceKey() {
  static GoSlice Box{};
  return {&IntSliceT, &Box};
}

/// map[any]int64 as gmc describes it, with a hasher that counts its calls.
uintptr_t countingIfaceHash(const void *Key, uintptr_t Seed) {
  ++HashCalls;
  return gm::rt::nilinterhash(Key, Seed);
}
constexpr MapType AnyMap =
    makeMapType(countingIfaceHash, gm::rt::nilinterequal, 16, 8,
                MapNeedKeyUpdate | MapHashMightPanic, true);

TEST(SwissInterfaceKey, DynamicTypesAreDistinctKeys) {
  SwissMap *M = makeMap(&AnyMap, 0);
  for (int64_t I = 0; I < 20; ++I) { // Small, then a table.
    Eface A = intKey(IntT, I), B = intKey(MyIntT, I);
    *static_cast<int64_t *>(assign(&AnyMap, M, &A)) = I;
    *static_cast<int64_t *>(assign(&AnyMap, M, &B)) = -I;
  }
  EXPECT_EQ(M->Count, 40);
  Eface K = intKey(MyIntT, 7);
  EXPECT_EQ(*static_cast<int64_t *>(lookup(&AnyMap, M, &K)), -7);
  EXPECT_SWISS_OK(AnyMap, M);
}

// A key whose dynamic type is unhashable must panic on every operation, so
// the hasher runs even where the map would not need a hash: small, empty
// and nil maps.
TEST(SwissInterfaceKey, HashersThatMayPanicRunEvenWithoutATable) {
  SwissMap *M = makeMap(&AnyMap, 0);
  Eface K = intKey(IntT, 1);
  HashCalls = 0;
  EXPECT_EQ(lookup(&AnyMap, nullptr, &K), nullptr);
  erase(&AnyMap, nullptr, &K);
  EXPECT_EQ(lookup(&AnyMap, M, &K), nullptr);
  erase(&AnyMap, M, &K);
  EXPECT_EQ(HashCalls, 4);
  assign(&AnyMap, M, &K); // Small: hashed only to raise the panic.
  EXPECT_NE(lookup(&AnyMap, M, &K), nullptr);
  EXPECT_EQ(HashCalls, 6);
  EXPECT_TRUE(isSmall(M));
}

TEST(SwissInterfaceKeyDeathTest, UnhashableKeyPanics) {
  const char *Msg = "panic: runtime error: hash of unhashable type \\[\\]int";
  auto Code = ::testing::ExitedWithCode(2);
  Eface S = sliceKey();
  EXPECT_EXIT(lookup(&AnyMap, nullptr, &S), Code, Msg);
  EXPECT_EXIT(erase(&AnyMap, makeMap(&AnyMap, 0), &S), Code, Msg);
  EXPECT_EXIT(assign(&AnyMap, makeMap(&AnyMap, 0), &S), Code, Msg);
  EXPECT_EXIT(
      {
        SwissMap *M = makeMap(&AnyMap, 0);
        Eface K = intKey(IntT, 1);
        assign(&AnyMap, M, &K);
        lookup(&AnyMap, M, &S); // Small map with entries.
      },
      Code, Msg);
}

//===----------------------------------------------------------------------===//
// Nil maps and misuse
//===----------------------------------------------------------------------===//

TEST(SwissNilMap, ReadsMissAndDeletesDoNothing) {
  int64_t K = 1;
  EXPECT_EQ(lookup(&gmtest::Int64Map, nullptr, &K), nullptr);
  erase(&gmtest::Int64Map, nullptr, &K);
  clear(&gmtest::Int64Map, nullptr);
  SwissIter It;
  iterInit(&gmtest::Int64Map, nullptr, &It);
  EXPECT_EQ(It.Key, nullptr);
  iterNext(&It);
  EXPECT_EQ(It.Key, nullptr);
  EXPECT_EQ(stats(&gmtest::Int64Map, nullptr).Count, 0);
}

TEST(SwissNilMapDeathTest, AssignmentPanics) {
  int64_t K = 1;
  EXPECT_EXIT(assign(&gmtest::Int64Map, nullptr, &K),
              ::testing::ExitedWithCode(2),
              "panic: assignment to entry in nil map");
}

TEST(SwissMisuseDeathTest, OperationsDuringAWriteAreFatal) {
  for (int Fill : {3, 100}) {
    SwissMap *M = makeMap(&gmtest::Int64Map, 0);
    for (int64_t K = 0; K < Fill; ++K)
      put(M, K, K);
    SwissIter It;
    iterInit(&gmtest::Int64Map, M, &It);
    M->Writing = 1; // As if another goroutine were writing.
    int64_t K = 1;
    EXPECT_EXIT(lookup(&gmtest::Int64Map, M, &K), ::testing::ExitedWithCode(2),
                "fatal error: concurrent map read and map write");
    EXPECT_EXIT(assign(&gmtest::Int64Map, M, &K), ::testing::ExitedWithCode(2),
                "fatal error: concurrent map writes");
    EXPECT_EXIT(erase(&gmtest::Int64Map, M, &K), ::testing::ExitedWithCode(2),
                "fatal error: concurrent map writes");
    EXPECT_EXIT(clear(&gmtest::Int64Map, M), ::testing::ExitedWithCode(2),
                "fatal error: concurrent map writes");
    EXPECT_EXIT(iterNext(&It), ::testing::ExitedWithCode(2),
                "fatal error: concurrent map iteration and map write");
    M->Writing = 0;
  }
}

} // namespace
