//===- MapInterfaceKeyTest.cpp - Interface keys: hashed by dynamic type ---===//
//
// map[any]int64 as gmc describes it (getMapTypeDesc for an interface key):
// runtime.nilinterhash/nilinterequal over 16-byte Eface keys, not reflexive
// (a key may hold a NaN), needkeyupdate (+0 then -0 inside an interface) and
// hashMightPanic (a key's dynamic type may be unhashable), driven through the
// generic entry points gmc calls for interface keys.
//
//===----------------------------------------------------------------------===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <deque>
#include <limits>

using namespace gmtest;

namespace {

/// A descriptor of a comparable (Hash and Equal set) or, with null ones, an
/// uncomparable type, as gmc emits it.
TypeDesc typeDesc(TypeKind K, uint64_t Size, const char *Name, HashFn Hash,
                  EqualFn Equal) {
  TypeDesc T{};
  T.Size = Size;
  T.Name = Name;
  T.Kind = K;
  T.Flags = uint8_t(Size <= 8 ? TypeDirectIface : 0);
  T.Align = 8;
  T.Hash = Hash;
  T.Equal = Equal;
  return T;
}

const TypeDesc IntT = typeDesc(TypeKind::Int, 8, "int", memhash64, memequal64);
// type MyInt int: the same bits as int, another type.
const TypeDesc MyIntT =
    typeDesc(TypeKind::Int, 8, "main.MyInt", memhash64, memequal64);
const TypeDesc StringT =
    typeDesc(TypeKind::String, 16, "string", strhash, strequal);
const TypeDesc Float64T =
    typeDesc(TypeKind::Float64, 8, "float64", f64hash, f64equal);
const TypeDesc IntSliceT =
    typeDesc(TypeKind::Slice, 24, "[]int", nullptr, nullptr);

static_assert(sizeof(Eface) == 16, "an interface key is two words");

/// map[any]int64: flags as gmc sets them for an interface key (24).
constexpr uint32_t AnyKeyFlags = MapNeedKeyUpdate | MapHashMightPanic;
const MapType AnyMap =
    makeMapType(nilinterhash, nilinterequal, 16, 8, AnyKeyFlags, true);

Eface wordKey(const TypeDesc *T, const void *V) {
  Eface E{T, nullptr};
  std::memcpy(&E.Data, V, T->Size);
  return E;
}
Eface intKey(int64_t V) { return wordKey(&IntT, &V); }
Eface myIntKey(int64_t V) { return wordKey(&MyIntT, &V); }
Eface f64Key(double V) { return wordKey(&Float64T, &V); }

/// String keys are boxed: each key gets its own box and its own copy of the
/// bytes, so that equal keys share no memory. Both live as long as the test
/// binary (the map's buckets only point to them).
Eface strKey(const std::string &S) {
  static std::deque<std::string> Bytes;
  static std::deque<GoString> Boxes;
  const std::string &Copy = Bytes.emplace_back(S);
  Boxes.push_back(gs(Copy));
  return {&StringT, &Boxes.back()};
}

Eface sliceKey() {
  static GoSlice Box = {nullptr, 0, 0};
  return {&IntSliceT, &Box};
}

void putAny(HMap *H, const Eface &K, int64_t V, const MapType &T = AnyMap) {
  *static_cast<int64_t *>(mapassign(&T, H, &K)) = V;
}
MapAccess2Result getAny(HMap *H, const Eface &K, const MapType &T = AnyMap) {
  return mapaccess2(&T, H, &K);
}
int64_t valueAny(HMap *H, const Eface &K) {
  return *static_cast<int64_t *>(mapaccess1(&AnyMap, H, &K));
}
void delAny(HMap *H, const Eface &K) { mapdelete(&AnyMap, H, &K); }
/// The value stored for K, or -1 when K is absent.
int64_t lookupAny(HMap *H, const Eface &K) {
  MapAccess2Result R = getAny(H, K);
  return R.Ok ? *static_cast<int64_t *>(R.Elem) : -1;
}

} // namespace

TEST(MapInterfaceKey, IntAndStringKeys) {
  HMap *H = makemap_small();
  putAny(H, intKey(1), 10);
  putAny(H, intKey(2), 20);
  putAny(H, strKey("a"), 30);
  putAny(H, strKey("b"), 40);
  EXPECT_EQ(H->Count, 4);
  // Fresh key values, equal to the stored ones: found by value.
  EXPECT_EQ(lookupAny(H, intKey(1)), 10);
  EXPECT_EQ(lookupAny(H, intKey(2)), 20);
  EXPECT_EQ(lookupAny(H, strKey("a")), 30);
  EXPECT_EQ(lookupAny(H, strKey("b")), 40);
  EXPECT_EQ(valueAny(H, strKey("a")), 30);
  EXPECT_EQ(valueAny(H, intKey(2)), 20);
  // Absent keys: not ok, and the zero value.
  EXPECT_EQ(lookupAny(H, intKey(3)), -1);
  EXPECT_EQ(lookupAny(H, strKey("c")), -1);
  EXPECT_EQ(lookupAny(H, strKey("")), -1);
  EXPECT_EQ(valueAny(H, strKey("c")), 0);
  // Overwriting keeps one entry per key.
  putAny(H, intKey(1), 11);
  putAny(H, strKey("a"), 31);
  EXPECT_EQ(H->Count, 4);
  EXPECT_EQ(lookupAny(H, intKey(1)), 11);
  EXPECT_EQ(lookupAny(H, strKey("a")), 31);
  // Delete by an equal key.
  delAny(H, strKey("a"));
  EXPECT_EQ(H->Count, 3);
  EXPECT_EQ(lookupAny(H, strKey("a")), -1);
  EXPECT_EQ(lookupAny(H, strKey("b")), 40);
  // Iteration yields the stored Efaces.
  int Ints = 0, Strings = 0;
  HIter It{};
  for (mapiterinit(&AnyMap, H, &It); It.Key; mapiternext(&It)) {
    const auto &K = *static_cast<const Eface *>(It.Key);
    if (K.Type == &IntT) {
      ++Ints;
    } else if (K.Type == &StringT) {
      ++Strings;
      GoString S = *static_cast<const GoString *>(K.Data);
      EXPECT_EQ(
          std::string(reinterpret_cast<const char *>(S.Data), size_t(S.Len)),
          "b");
    }
  }
  EXPECT_EQ(Ints, 2);
  EXPECT_EQ(Strings, 1);
}

TEST(MapInterfaceKey, SameBitsOfAnotherTypeIsAnotherKey) {
  // m[1] = 1; m[MyInt(1)] = 2  ->  len(m) == 2
  HMap *H = makemap_small();
  putAny(H, intKey(1), 1);
  putAny(H, myIntKey(1), 2);
  EXPECT_EQ(H->Count, 2);
  EXPECT_EQ(lookupAny(H, intKey(1)), 1);
  EXPECT_EQ(lookupAny(H, myIntKey(1)), 2);
  delAny(H, intKey(1));
  EXPECT_EQ(H->Count, 1);
  EXPECT_EQ(lookupAny(H, intKey(1)), -1);
  EXPECT_EQ(lookupAny(H, myIntKey(1)), 2);
  // The nil interface is a key of its own, not int 0 (same data word).
  Eface Nil{nullptr, nullptr};
  putAny(H, Nil, 3);
  putAny(H, intKey(0), 4);
  EXPECT_EQ(H->Count, 3);
  EXPECT_EQ(lookupAny(H, Nil), 3);
  EXPECT_EQ(lookupAny(H, intKey(0)), 4);
}

TEST(MapInterfaceKey, ManyKeysAcrossGrowth) {
  HMap *H = makemap_small();
  for (int64_t I = 0; I < 1000; ++I) {
    putAny(H, intKey(I), I);
    putAny(H, strKey(std::to_string(I)), -I - 2);
  }
  EXPECT_EQ(H->Count, 2000);
  EXPECT_GE(H->B, 8);
  for (int64_t I = 0; I < 1000; ++I) {
    ASSERT_EQ(lookupAny(H, intKey(I)), I);
    ASSERT_EQ(lookupAny(H, strKey(std::to_string(I))), -I - 2);
    // int 5 and MyInt 5 collide in hash only.
    ASSERT_EQ(lookupAny(H, myIntKey(I)), -1);
  }
}

TEST(MapInterfaceKey, FloatsInsideTheInterface) {
  HMap *H = makemap_small();
  // m[any(0.0)] = 1; m[any(math.Copysign(0, -1))] = 2: one key, now -0.
  putAny(H, f64Key(0.0), 1);
  putAny(H, f64Key(-0.0), 2);
  EXPECT_EQ(H->Count, 1);
  EXPECT_EQ(lookupAny(H, f64Key(0.0)), 2);
  HIter It{};
  mapiterinit(&AnyMap, H, &It);
  ASSERT_NE(It.Key, nullptr);
  double Stored;
  std::memcpy(&Stored, &static_cast<const Eface *>(It.Key)->Data, 8);
  EXPECT_TRUE(std::signbit(Stored)); // needkeyupdate
  // Every NaN key is a new entry and none is found again.
  const double NaN = std::numeric_limits<double>::quiet_NaN();
  for (int I = 0; I < 5; ++I)
    putAny(H, f64Key(NaN), 10 + I);
  EXPECT_EQ(H->Count, 6);
  EXPECT_EQ(lookupAny(H, f64Key(NaN)), -1);
  // int64(1) and float64(1) are different keys too.
  putAny(H, f64Key(1.0), 7);
  EXPECT_EQ(lookupAny(H, intKey(int64_t(0x3ff0000000000000))), -1);
}

namespace {

/// nilinterhash, counting its calls.
int HashCalls = 0;
uintptr_t countingHash(const void *Key, uintptr_t Seed) {
  ++HashCalls;
  return nilinterhash(Key, Seed);
}
const MapType CountingAnyMap =
    makeMapType(countingHash, nilinterequal, 16, 8, AnyKeyFlags, true);
/// The same without MapHashMightPanic.
const MapType CountingNoPanicMap =
    makeMapType(countingHash, nilinterequal, 16, 8, MapNeedKeyUpdate, true);

} // namespace

TEST(MapInterfaceKey, HashMightPanicHashesEvenInEmptyMaps) {
  HMap *Empty = makemap_small();
  Eface K = intKey(1);
  // With the flag: every lookup and delete hashes the key, nil map included.
  HashCalls = 0;
  EXPECT_FALSE(mapaccess2(&CountingAnyMap, Empty, &K).Ok);
  mapaccess1(&CountingAnyMap, Empty, &K);
  mapdelete(&CountingAnyMap, Empty, &K);
  EXPECT_FALSE(mapaccess2(&CountingAnyMap, nullptr, &K).Ok);
  mapaccess1(&CountingAnyMap, nullptr, &K);
  mapdelete(&CountingAnyMap, nullptr, &K);
  int64_t Zero = 0;
  mapaccess1_fat(&CountingAnyMap, Empty, &K, &Zero);
  mapaccess2_fat(&CountingAnyMap, nullptr, &K, &Zero);
  EXPECT_EQ(HashCalls, 8);
  // Without it, an empty map answers without hashing.
  HashCalls = 0;
  EXPECT_FALSE(mapaccess2(&CountingNoPanicMap, Empty, &K).Ok);
  mapaccess1(&CountingNoPanicMap, nullptr, &K);
  mapdelete(&CountingNoPanicMap, Empty, &K);
  EXPECT_EQ(HashCalls, 0);
  // An unhashable key in an empty map without the flag: no panic.
  Eface S = sliceKey();
  EXPECT_FALSE(mapaccess2(&CountingNoPanicMap, Empty, &S).Ok);
  EXPECT_EQ(Empty->Count, 0);
}

TEST(MapInterfaceKeyDeathTest, UnhashableKeyPanics) {
  // m := map[any]int{}; _ = m[[]int{}]
  //   panic: runtime error: hash of unhashable type []int
  const char *Msg = "^panic: runtime error: hash of unhashable type \\[\\]int\n"
                    "\ngoroutine 1 \\[running\\]:\n";
  auto Code = ::testing::ExitedWithCode(2);
  // Lookups and deletes in an empty map, and in a nil one.
  EXPECT_EXIT(getAny(makemap_small(), sliceKey()), Code, Msg);
  EXPECT_EXIT(valueAny(makemap_small(), sliceKey()), Code, Msg);
  EXPECT_EXIT(getAny(nullptr, sliceKey()), Code, Msg);
  EXPECT_EXIT(valueAny(nullptr, sliceKey()), Code, Msg);
  EXPECT_EXIT(delAny(makemap_small(), sliceKey()), Code, Msg);
  EXPECT_EXIT(delAny(nullptr, sliceKey()), Code, Msg);
  // Assignment, and a lookup in a map with entries.
  EXPECT_EXIT(putAny(makemap_small(), sliceKey(), 1), Code, Msg);
  EXPECT_EXIT(
      {
        HMap *H = makemap_small();
        putAny(H, intKey(1), 1);
        getAny(H, sliceKey());
      },
      Code, Msg);
}
