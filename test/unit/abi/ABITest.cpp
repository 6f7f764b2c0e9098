//===- ABITest.cpp - The compiler/runtime contract holds
//-------------------===//

#include "gm/runtime/ABI.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace gm::abi;

namespace {

struct EntryPoint {
  const char *Symbol;
  const void *Address;
};

// Taking every entry point's address makes this binary fail to link when the
// runtime lacks one of them.
const EntryPoint EntryPoints[] = {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  {Symbol, reinterpret_cast<const void *>(&gm::rt::Name)},
#include "gm/runtime/RuntimeFunctions.def"
};

TEST(ABITest, EveryEntryPointIsDefinedUnderGoSymbolName) {
  for (const EntryPoint &E : EntryPoints) {
    EXPECT_NE(E.Address, nullptr) << E.Symbol;
    EXPECT_TRUE(std::strncmp(E.Symbol, "runtime.", 8) == 0 ||
                std::strchr(E.Symbol, '.') != nullptr)
        << E.Symbol;
  }
  EXPECT_GE(sizeof(EntryPoints) / sizeof(EntryPoints[0]), 30u);
}

TEST(ABITest, BucketLayoutMatchesGo) {
  // map[int64]int64: 8 tophash bytes, 8 keys, 8 elems, overflow pointer.
  EXPECT_EQ(bucketSize(8, 8), 144u);
  // map[int32]bool.
  EXPECT_EQ(bucketSize(4, 1), 8u + 32u + 8u + 8u);
  // map[string]int: 16-byte string headers.
  EXPECT_EQ(bucketElemsOffset(16), 8u + 128u);
  EXPECT_EQ(bucketOverflowOffset(16, 8), 8u + 128u + 64u);
}

MapKeyClass key(uint64_t KeySize, bool Plain, bool Ptrs = false,
                bool Str = false, uint64_t ElemSize = 8) {
  return MapKeyClass{KeySize, ElemSize, Plain, Ptrs, Str};
}

// One row per line of Go 1.19's mapfast() table.
TEST(ABITest, MapFastChoosesLikeGo) {
  EXPECT_EQ(mapFast(key(4, true)), MapFastKind::Fast32);          // int32
  EXPECT_EQ(mapFast(key(8, true)), MapFastKind::Fast64);          // int64
  EXPECT_EQ(mapFast(key(8, true, true)), MapFastKind::Fast64Ptr); // *T
  EXPECT_EQ(mapFast(key(4, true, true)), MapFastKind::Slow);      // 64-bit: no
  EXPECT_EQ(mapFast(key(4, true, true), 4), MapFastKind::Fast32Ptr);
  EXPECT_EQ(mapFast(key(16, false, true, true)), MapFastKind::FastStr);
  EXPECT_EQ(mapFast(key(8, false)), MapFastKind::Slow); // float64
  EXPECT_EQ(mapFast(key(1, true)), MapFastKind::Slow);  // bool, int8
  EXPECT_EQ(mapFast(key(2, true)), MapFastKind::Slow);  // int16
  EXPECT_EQ(mapFast(key(16, true)), MapFastKind::Slow); // [2]int64
  // Elems over 128 bytes always take the generic entry points.
  EXPECT_EQ(mapFast(key(8, true, false, false, 129)), MapFastKind::Slow);
  EXPECT_EQ(mapFast(key(8, true, false, false, 128)), MapFastKind::Fast64);
  EXPECT_EQ(mapFast(key(16, false, true, true, 200)), MapFastKind::Slow);
}

} // namespace
