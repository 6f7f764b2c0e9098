//===- FmtMapTest.cpp - fmt prints maps with sorted keys ------------------===//
//
// Maps are built with the map runtime's own entry points and printed through
// fmt; keys must come out in internal/fmtsort's order whatever the iteration
// order. Expectations are Go 1.19's output for the quoted Go code.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace coretest;

namespace {

/// A MapType as gmc builds one (no indirect slots: all types here are small).
MapType makeMapType(HashFn Hasher, EqualFn Equal, uint64_t KeySize,
                    uint64_t ElemSize, uint32_t Flags, bool HasPointers) {
  MapType T{};
  T.Hasher = Hasher;
  T.Equal = Equal;
  T.KeyTypeSize = KeySize;
  T.ElemTypeSize = ElemSize;
  T.KeySize = uint8_t(KeySize);
  T.ElemSize = uint8_t(ElemSize);
  T.BucketSize = uint16_t(bucketSize(KeySize, ElemSize));
  T.Flags = Flags;
  T.BucketHasPointers = HasPointers;
  return T;
}

uintptr_t hashPair(const void *K, uintptr_t Seed) {
  return memhash(K, Seed, 16);
}
bool equalPair(const void *A, const void *B) { return memequal(A, B, 16); }
uintptr_t hashBool(const void *K, uintptr_t Seed) {
  return memhash(K, Seed, 1);
}
bool equalBool(const void *A, const void *B) { return memequal(A, B, 1); }

const MapType StrIntMT = makeMapType(strhash, strequal, 16, 8,
                                     MapReflexiveKey | MapNeedKeyUpdate, true);
const MapType IntStrMT =
    makeMapType(memhash64, memequal64, 8, 16, MapReflexiveKey, true);
const MapType FloatIntMT =
    makeMapType(f64hash, f64equal, 8, 8, MapNeedKeyUpdate, false);
const MapType PairIntMT =
    makeMapType(hashPair, equalPair, 16, 8, MapReflexiveKey, false);
const MapType BoolIntMT =
    makeMapType(hashBool, equalBool, 1, 8, MapReflexiveKey, false);

const TypeDesc StrIntT = mapOf(&StringT, &IntT, &StrIntMT, "map[string]int");
const TypeDesc IntStrT = mapOf(&IntT, &StringT, &IntStrMT, "map[int]string");
const TypeDesc FloatIntT =
    mapOf(&Float64T, &IntT, &FloatIntMT, "map[float64]int");
// type Pair struct{ A, B int }
const StructFieldDesc PairFields[] = {{"A", &IntT, 0, true},
                                      {"B", &IntT, 8, true}};
const TypeDesc PairT = structOf("main.Pair", true, PairFields, 2, 16);
const TypeDesc PairIntT = mapOf(&PairT, &IntT, &PairIntMT, "map[main.Pair]int");
const TypeDesc BoolIntT = mapOf(&BoolT, &IntT, &BoolIntMT, "map[bool]int");
const TypeDesc StrIntPtrT = pointerTo(&StrIntT, "*map[string]int");
const TypeDesc StrIntSliceT = sliceOf(&StrIntT, "[]map[string]int");

template <typename K, typename V>
void put(const MapType &MT, HMap *H, const K &Key, const V &Val) {
  void *Slot = mapassign(&MT, H, &Key);
  std::memcpy(Slot, &Val, sizeof(V));
}

Eface mapValue(const TypeDesc &T, HMap *H) { return ref(&T, box(H)); }

} // namespace

TEST(FmtMap, StringKeysSorted) {
  // m := map[string]int{"b": 2, "a": 1, "c": 3, "": 0, "ab": 4}
  HMap *H = makemap_small();
  const char *Keys[] = {"b", "a", "c", "", "ab"};
  int64_t Vals[] = {2, 1, 3, 0, 4};
  for (int I = 0; I < 5; ++I)
    put(StrIntMT, H, str(Keys[I]), Vals[I]);
  // fmt.Println(m)
  EXPECT_EQ(sprint({mapValue(StrIntT, H)}), "map[:0 a:1 ab:4 b:2 c:3]");
  // fmt.Printf("%+v|%d|%#v\n", m, m, m)
  EXPECT_EQ(sprintf("%+v|%d|%#v", {mapValue(StrIntT, H), mapValue(StrIntT, H),
                                   mapValue(StrIntT, H)}),
            "map[:0 a:1 ab:4 b:2 c:3]|map[%!d(string=):0 %!d(string=a):1 "
            "%!d(string=ab):4 %!d(string=b):2 %!d(string=c):3]|"
            "map[string]int{\"\":0, \"a\":1, \"ab\":4, \"b\":2, \"c\":3}");
  // fmt.Printf("%v %v\n", &m, []map[string]int{m})
  HMap *Elems[] = {H};
  EXPECT_EQ(sprintf("%v %v", {ref(&StrIntPtrT, box(box(H))),
                              ref(&StrIntSliceT, box(GoSlice{Elems, 1, 1}))}),
            "&map[:0 a:1 ab:4 b:2 c:3] [map[:0 a:1 ab:4 b:2 c:3]]");
}

TEST(FmtMap, IntKeysSortedNumerically) {
  // m := map[int]string{}
  // for i := 20; i >= -5; i-- { m[i*7%23] = strconv.Itoa(i) }
  HMap *H = makemap_small();
  for (int64_t I = 20; I >= -5; --I)
    put(IntStrMT, H, I * 7 % 23, str(std::to_string(I)));
  // fmt.Println(m)
  EXPECT_EQ(sprint({mapValue(IntStrT, H)}),
            "map[-21:-3 -14:-2 -12:-5 -7:-1 -5:-4 0:0 1:10 2:20 3:7 4:17 5:4 "
            "6:14 7:1 8:11 10:8 11:18 12:5 13:15 14:2 15:12 17:9 18:19 19:6 "
            "20:16 21:3 22:13]");
}

TEST(FmtMap, NilAndEmpty) {
  // var m map[string]int; fmt.Println(m, map[string]int{})
  EXPECT_EQ(
      sprint({mapValue(StrIntT, nullptr), mapValue(StrIntT, makemap_small())}),
      "map[] map[]");
  // fmt.Printf("%#v\n", m)
  EXPECT_EQ(sprintf("%#v", {mapValue(StrIntT, nullptr)}),
            "map[string]int(nil)");
}

TEST(FmtMap, FloatKeysNaNFirst) {
  // m := map[float64]int{2.5: 1, -1: 2, math.Inf(1): 3, math.NaN(): 4, 0: 5}
  HMap *H = makemap_small();
  put(FloatIntMT, H, 2.5, int64_t(1));
  put(FloatIntMT, H, -1.0, int64_t(2));
  put(FloatIntMT, H, double(INFINITY), int64_t(3));
  put(FloatIntMT, H, double(NAN), int64_t(4));
  put(FloatIntMT, H, 0.0, int64_t(5));
  // fmt.Println(m)
  EXPECT_EQ(sprint({mapValue(FloatIntT, H)}),
            "map[NaN:4 -1:2 0:5 2.5:1 +Inf:3]");
}

TEST(FmtMap, StructAndBoolKeys) {
  // m := map[Pair]int{{2, 1}: 1, {1, 9}: 2, {1, 2}: 3}
  struct Pair {
    int64_t A, B;
  };
  HMap *H = makemap_small();
  put(PairIntMT, H, Pair{2, 1}, int64_t(1));
  put(PairIntMT, H, Pair{1, 9}, int64_t(2));
  put(PairIntMT, H, Pair{1, 2}, int64_t(3));
  // fmt.Println(m); fmt.Printf("%+v\n", m)
  EXPECT_EQ(sprint({mapValue(PairIntT, H)}), "map[{1 2}:3 {1 9}:2 {2 1}:1]");
  EXPECT_EQ(sprintf("%+v", {mapValue(PairIntT, H)}),
            "map[{A:1 B:2}:3 {A:1 B:9}:2 {A:2 B:1}:1]");
  // fmt.Println(map[bool]int{true: 1, false: 0})
  HMap *BH = makemap_small();
  put(BoolIntMT, BH, true, int64_t(1));
  put(BoolIntMT, BH, false, int64_t(0));
  EXPECT_EQ(sprint({mapValue(BoolIntT, BH)}), "map[false:0 true:1]");
}

TEST(FmtMap, ManyKeysAcrossBuckets) {
  // m := map[int]string{}; for i := 0; i < 100; i++ { m[99-i] = "" }
  HMap *H = makemap_small();
  for (int64_t I = 0; I < 100; ++I)
    put(IntStrMT, H, 99 - I, str("x"));
  std::string Want = "map[";
  for (int I = 0; I < 100; ++I)
    Want += (I ? " " : "") + std::to_string(I) + ":x";
  Want += "]";
  EXPECT_EQ(sprint({mapValue(IntStrT, H)}), Want);
}
