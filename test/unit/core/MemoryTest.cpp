//===- MemoryTest.cpp - mallocgc, makeslice and growslice -----------------===//
//
// growslice must pick exactly Go 1.19's capacities (programs print cap()).
// The expected sequences are Go 1.19's output for the quoted programs.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include "Core/Runtime.h"

#include <gtest/gtest.h>

using namespace coretest;

namespace {

/// Appends one element at a time, as `s = append(s, x)` does, and returns
/// each distinct capacity seen.
std::vector<int64_t> capsWhileAppending(uint64_t ElemSize, int64_t Count) {
  GoSlice S{nullptr, 0, 0};
  std::vector<int64_t> Caps;
  for (int64_t I = 0; I < Count; ++I) {
    if (S.Len == S.Cap) {
      GoSlice Out;
      growslice(&Out, S.Data, S.Len, S.Cap, S.Len + 1, ElemSize, false);
      EXPECT_EQ(Out.Len, S.Len + 1);
      S = Out;
    } else {
      ++S.Len;
    }
    std::memset(static_cast<char *>(S.Data) + (S.Len - 1) * ElemSize, 0xAB,
                ElemSize);
    if (Caps.empty() || Caps.back() != S.Cap)
      Caps.push_back(S.Cap);
  }
  return Caps;
}

} // namespace

// var a []int; for i := 0; i < 5000; i++ { a = append(a, i) /* record cap */ }
TEST(Memory, GrowsliceInt) {
  EXPECT_EQ(capsWhileAppending(8, 5000),
            (std::vector<int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848,
                                  1280, 1792, 2560, 3408, 5120}));
}

// The same with []byte.
TEST(Memory, GrowsliceByte) {
  EXPECT_EQ(capsWhileAppending(1, 5000),
            (std::vector<int64_t>{8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048,
                                  3072, 4096, 5376}));
}

// type E24 struct{ A, B, C int64 }; the same with []E24 up to 3000.
TEST(Memory, Growslice24ByteElems) {
  EXPECT_EQ(capsWhileAppending(24, 3000),
            (std::vector<int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853,
                                  1365, 2048, 3072}));
}

TEST(Memory, GrowsliceManyAtOnce) {
  // x := []int{1, 2, 3}; x = append(x, 4, 5, 6, 7, 8) -> len 8, cap 8
  GoSlice X = sliceValue<int64_t>({1, 2, 3});
  GoSlice Out;
  growslice(&Out, X.Data, X.Len, X.Cap, 8, 8, false);
  EXPECT_EQ(Out.Len, 8);
  EXPECT_EQ(Out.Cap, 8);
  EXPECT_EQ(static_cast<int64_t *>(Out.Data)[2], 3);
  // y := make([]byte, 0, 5); y = append(y, "hello world"...) -> 11 16
  growslice(&Out, makeslice(0, 5, 1, false), 0, 5, 11, 1, false);
  EXPECT_EQ(Out.Cap, 16);
  // z := make([]int32, 3); z = append(z, 1) -> 4 6
  growslice(&Out, makeslice(3, 3, 4, false), 3, 3, 4, 4, false);
  EXPECT_EQ(Out.Cap, 6);
  // Zero-sized elements never allocate.
  growslice(&Out, nullptr, 0, 0, 5, 0, false);
  EXPECT_EQ(Out.Len, 5);
  EXPECT_EQ(Out.Cap, 5);
  EXPECT_NE(Out.Data, nullptr);
}

TEST(Memory, MallocgcIsZeroed) {
  for (bool HasPointers : {false, true}) {
    auto *P = static_cast<unsigned char *>(mallocgc(1000, HasPointers));
    for (int I = 0; I < 1000; ++I)
      ASSERT_EQ(P[I], 0);
  }
  // Zero-sized objects share one non-null address.
  EXPECT_NE(mallocgc(0, false), nullptr);
  EXPECT_EQ(mallocgc(0, false), mallocgc(0, true));
}

TEST(Memory, RoundUpSizeFollowsGoSizeClasses) {
  EXPECT_EQ(roundUpSize(1), 8u);
  EXPECT_EQ(roundUpSize(8), 8u);
  EXPECT_EQ(roundUpSize(9), 16u);
  EXPECT_EQ(roundUpSize(33), 48u);
  EXPECT_EQ(roundUpSize(1025), 1152u);
  EXPECT_EQ(roundUpSize(32768), 32768u);
  EXPECT_EQ(roundUpSize(32769), 40960u);
}

// make([]int, n) with a bad n: Go checks len before cap.
TEST(MemoryDeathTest, MakesliceBounds) {
  // n := -1; _ = make([]int, n)
  EXPECT_EXIT(makeslice(-1, -1, 8, false), testing::ExitedWithCode(2),
              "^panic: runtime error: makeslice: len out of range\n\n"
              "goroutine 1 \\[running\\]:");
  // _ = make([]int, 5, n) with n = 2
  EXPECT_EXIT(makeslice(5, 2, 8, false), testing::ExitedWithCode(2),
              "^panic: runtime error: makeslice: cap out of range\n");
  // _ = make([]int, 1<<62)
  EXPECT_EXIT(makeslice(int64_t(1) << 62, int64_t(1) << 62, 8, false),
              testing::ExitedWithCode(2),
              "^panic: runtime error: makeslice: len out of range\n");
  // _ = make([]int, 1, 1<<62)
  EXPECT_EXIT(makeslice(1, int64_t(1) << 62, 8, false),
              testing::ExitedWithCode(2),
              "^panic: runtime error: makeslice: cap out of range\n");
}
