//===- SwissGroupTest.cpp - Control words, slot layout, probe sequence ----===//

#include "SwissTestUtil.h"

#include <random>
#include <set>

using namespace swisstest;

namespace {

/// A control word from 8 control bytes, slot 0 first.
uint64_t ctrlWord(const uint8_t (&Bytes)[8]) {
  uint64_t W;
  std::memcpy(&W, Bytes, sizeof W);
  return W;
}

std::vector<unsigned> slots(SlotSet S) {
  std::vector<unsigned> V;
  for (; S; S = S.withoutFirst())
    V.push_back(S.first());
  return V;
}

bool isFullByte(uint8_t B) { return (B & 0x80) == 0; }

//===----------------------------------------------------------------------===//
// Matching
//===----------------------------------------------------------------------===//

TEST(SwissCtrlWord, MatchesEachKindOfSlot) {
  const uint8_t Bytes[8] = {0x15, SwissCtrlEmpty, 0x15, SwissCtrlDeleted,
                            0x7f, 0x00,           0x15, SwissCtrlEmpty};
  CtrlWord C(ctrlWord(Bytes));
  EXPECT_EQ(slots(C.matchH2(0x15)), (std::vector<unsigned>{0, 2, 6}));
  EXPECT_EQ(slots(C.matchH2(0x7f)), (std::vector<unsigned>{4}));
  EXPECT_EQ(slots(C.matchH2(0x00)), (std::vector<unsigned>{5}));
  EXPECT_FALSE(C.matchH2(0x42));
  EXPECT_EQ(slots(C.matchEmpty()), (std::vector<unsigned>{1, 7}));
  EXPECT_EQ(slots(C.matchDeleted()), (std::vector<unsigned>{3}));
  EXPECT_EQ(slots(C.matchFree()), (std::vector<unsigned>{1, 3, 7}));
  EXPECT_EQ(slots(C.matchFull()), (std::vector<unsigned>{0, 2, 4, 5, 6}));
  EXPECT_TRUE(C.isFull(0));
  EXPECT_FALSE(C.isFull(1));
  EXPECT_FALSE(C.isFull(3));
}

TEST(SwissCtrlWord, AllEmptyWordHasOnlyEmptySlots) {
  CtrlWord C(AllEmptyCtrlWord);
  EXPECT_EQ(C.matchEmpty().size(), 8u);
  EXPECT_FALSE(C.matchDeleted());
  EXPECT_FALSE(C.matchFull());
  for (unsigned H2 = 0; H2 <= SwissH2Mask; ++H2)
    EXPECT_FALSE(C.matchH2(uint8_t(H2))) << H2;
}

// Random words of full, empty and deleted bytes, against a byte-by-byte
// reference. The marker matches are exact. matchH2 finds every true match
// and nothing but full slots; it may add full slots whose H2 differs in the
// lowest bit, in a run just above a true match (the borrow), nothing else.
TEST(SwissCtrlWord, MatchesAgreeWithByteReference) {
  std::mt19937_64 Rng(18);
  for (int Round = 0; Round < 200000; ++Round) {
    uint8_t Bytes[8];
    for (uint8_t &B : Bytes) {
      unsigned Kind = Rng() % 4;
      B = Kind == 0   ? SwissCtrlEmpty
          : Kind == 1 ? SwissCtrlDeleted
                      : uint8_t(Rng() & SwissH2Mask);
    }
    uint8_t H2 = Round % 3 ? Bytes[Rng() % 8] & SwissH2Mask
                           : uint8_t(Rng() & SwissH2Mask);
    CtrlWord C(ctrlWord(Bytes));
    uint64_t H2Bits = C.matchH2(H2).bits();
    for (unsigned I = 0; I < 8; ++I) {
      bool Flag = (H2Bits >> (8 * I + 7)) & 1;
      bool True = isFullByte(Bytes[I]) && Bytes[I] == H2;
      if (True)
        EXPECT_TRUE(Flag) << "missed slot " << I;
      if (Flag && !True) {
        ASSERT_TRUE(isFullByte(Bytes[I])) << "free slot flagged";
        EXPECT_EQ(Bytes[I] ^ H2, 1) << "false candidate " << I;
        // The borrow runs up through bytes that differ in the lowest bit
        // from the nearest true match below.
        unsigned J = I;
        while (J > 0 && isFullByte(Bytes[J - 1]) && (Bytes[J - 1] ^ H2) == 1)
          --J;
        EXPECT_TRUE(J > 0 && isFullByte(Bytes[J - 1]) && Bytes[J - 1] == H2)
            << "false candidate without a true match below";
      }
      EXPECT_EQ(C.matchEmpty().bits() >> (8 * I + 7) & 1,
                Bytes[I] == SwissCtrlEmpty);
      EXPECT_EQ(C.matchDeleted().bits() >> (8 * I + 7) & 1,
                Bytes[I] == SwissCtrlDeleted);
      EXPECT_EQ(C.matchFull().bits() >> (8 * I + 7) & 1, isFullByte(Bytes[I]));
      EXPECT_EQ(C.matchFree().bits() >> (8 * I + 7) & 1, !isFullByte(Bytes[I]));
    }
  }
}

TEST(SwissSlotSet, FirstWithoutFirstFromAndSize) {
  SlotSet S(0x8000800000000080ull); // Slots 0, 5 and 7.
  EXPECT_EQ(S.size(), 3u);
  EXPECT_EQ(S.first(), 0u);
  EXPECT_EQ(S.withoutFirst().first(), 5u);
  EXPECT_EQ(slots(S.from(1)), (std::vector<unsigned>{5, 7}));
  EXPECT_EQ(slots(S.from(5)), (std::vector<unsigned>{5, 7}));
  EXPECT_EQ(slots(S.from(6)), (std::vector<unsigned>{7}));
  EXPECT_EQ(slots(S.from(0)), (std::vector<unsigned>{0, 5, 7}));
  EXPECT_FALSE(S.withoutFirst().withoutFirst().withoutFirst());
}

TEST(SwissHash, SplitsIntoH1AndH2) {
  uintptr_t Hash = 0xfedcba9876543210ull;
  EXPECT_EQ(h2(Hash), 0x10);
  EXPECT_EQ(h1(Hash), Hash >> 7);
  EXPECT_EQ((h1(Hash) << SwissH2Bits) | h2(Hash), Hash);
}

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

// Slots follow the control word, each key then elem, using the ABI layout
// functions; key and elem of one slot never overlap the next slot.
TEST(SwissLayout, SlotsFollowTheControlWord) {
  struct Case {
    const MapType *T;
    uint64_t Slot, ElemOffset;
  } Cases[] = {
      {&gmtest::Int64Map, 16, 8},
      {&gmtest::Int32Map, 8, 4},
      {&gmtest::StrMap, 24, 16},
      {&gmtest::BigMap, 16, 8}, // Both indirect: two pointers.
      {&gmtest::PadMap, 24, 16},
  };
  alignas(8) uint8_t Group[SwissCtrlWordBytes + 8 * 24];
  for (const Case &C : Cases) {
    EXPECT_EQ(slotSize(C.T), C.Slot);
    EXPECT_EQ(groupSize(C.T), SwissCtrlWordBytes + 8 * C.Slot);
    for (unsigned I = 0; I < 8; ++I) {
      EXPECT_EQ(keySlot(C.T, Group, I) - Group,
                int64_t(SwissCtrlWordBytes + I * C.Slot));
      EXPECT_EQ(elemSlot(C.T, Group, I) - keySlot(C.T, Group, I),
                int64_t(C.ElemOffset));
      EXPECT_LE(C.ElemOffset + C.T->ElemSize, C.Slot);
      EXPECT_GE(C.ElemOffset, C.T->KeySize);
    }
  }
}

//===----------------------------------------------------------------------===//
// Probing
//===----------------------------------------------------------------------===//

// Triangular steps visit every group exactly once when the group count is a
// power of two, which is what makes every probe end.
TEST(SwissProbeSeq, VisitsEveryGroupOnce) {
  for (uint64_t Groups = 1; Groups <= SwissMaxTableCapacity; Groups *= 2) {
    for (uint64_t Start :
         {uint64_t(0), uint64_t(5), Groups - 1, uint64_t(0x123456789)}) {
      std::set<uint64_t> Seen;
      ProbeSeq Seq(Start, Groups - 1);
      for (uint64_t I = 0; I < Groups; ++I, Seq.next()) {
        EXPECT_EQ(Seq.step(), I);
        EXPECT_TRUE(Seen.insert(Seq.group()).second)
            << "group " << Seq.group() << " twice, " << Groups << " groups";
      }
      EXPECT_EQ(Seen.size(), Groups);
    }
  }
}

TEST(SwissProbeSeq, StepsByTriangularNumbers) {
  ProbeSeq Seq(3, 63);
  std::vector<uint64_t> Groups;
  for (int I = 0; I < 6; ++I, Seq.next())
    Groups.push_back(Seq.group());
  EXPECT_EQ(Groups, (std::vector<uint64_t>{3, 4, 6, 9, 13, 18}));
}

TEST(SwissLoad, BudgetIsSevenEighths) {
  EXPECT_EQ(maxGrowth(8), 7);
  EXPECT_EQ(maxGrowth(16), 14);
  EXPECT_EQ(maxGrowth(1024), 896);
}

} // namespace
