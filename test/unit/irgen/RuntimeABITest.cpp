//===- RuntimeABITest.cpp - The generated ABI tables agree with the host --===//
//
// gm-abi-gen takes record layouts from clang's ASTRecordLayout for each
// target. On an x86-64 Linux host the runtime is built for that same target,
// so its table must agree with the compiler's own sizeof/offsetof of ABI.h.
//
//===----------------------------------------------------------------------===//

#include "RuntimeABI.h"
#include "gm/runtime/ABI.h"
#include "gtest/gtest.h"

using namespace gm::irgen;
using namespace gm::abi;

namespace {

const RuntimeABI &x86_64Linux() {
  const RuntimeABI *ABI = RuntimeABI::get(llvm::Triple("x86_64-pc-linux-gnu"));
  EXPECT_NE(ABI, nullptr);
  return *ABI;
}

#define EXPECT_RECORD(T)                                                       \
  do {                                                                         \
    const RuntimeABI::Record *R = x86_64Linux().record(#T);                    \
    ASSERT_NE(R, nullptr) << #T;                                               \
    EXPECT_EQ(R->Size, sizeof(T)) << #T;                                       \
    EXPECT_EQ(R->Align, alignof(T)) << #T;                                     \
  } while (false)
#define EXPECT_FIELD(T, Field)                                                 \
  EXPECT_EQ(x86_64Linux().fieldOffset(#T, #Field),                             \
            std::optional<uint64_t>(offsetof(T, Field)))                       \
      << #T "::" #Field

TEST(RuntimeABITest, RecordsMatchTheHostOnX86_64Linux) {
  EXPECT_RECORD(HMap);
  EXPECT_RECORD(MapType);
  EXPECT_RECORD(HIter);
  EXPECT_RECORD(GoString);
  EXPECT_RECORD(GoSlice);
  EXPECT_RECORD(Eface);
  EXPECT_RECORD(Iface);
  EXPECT_RECORD(Itab);
  EXPECT_RECORD(TypeDesc);
  EXPECT_RECORD(SelectCase);
  EXPECT_RECORD(SelectResult);
  EXPECT_RECORD(MapStats);
  EXPECT_FIELD(HMap, Count);
  EXPECT_FIELD(HMap, Buckets);
  EXPECT_FIELD(HMap, Extra);
  EXPECT_FIELD(MapType, BucketSize);
  EXPECT_FIELD(MapType, Flags);
  EXPECT_FIELD(HIter, Key);
  EXPECT_FIELD(HIter, Elem);
  EXPECT_FIELD(HIter, Offset);
  EXPECT_FIELD(HIter, CheckBucket);
  EXPECT_FIELD(TypeDesc, Kind);
  EXPECT_FIELD(TypeDesc, NumMethods);
  EXPECT_FIELD(Itab, Fun);
  EXPECT_FIELD(SelectResult, RecvOK);
  EXPECT_FIELD(MapStats, ChainLengthHistogram);
}

TEST(RuntimeABITest, UnknownFieldsAndTargets) {
  EXPECT_EQ(x86_64Linux().fieldOffset("HMap", "NoSuchField"), std::nullopt);
  EXPECT_EQ(x86_64Linux().record("NoSuchRecord"), nullptr);
  EXPECT_EQ(RuntimeABI::get(llvm::Triple("riscv64-unknown-linux-gnu")),
            nullptr);
}

TEST(RuntimeABITest, FunctionPointerTypes) {
  EXPECT_EQ(x86_64Linux().functionType("StringMethodFn"), "{ ptr, i64 } (ptr)");
  EXPECT_EQ(x86_64Linux().functionType("EqualFn"), "i1 (ptr, ptr)");
}

} // namespace
