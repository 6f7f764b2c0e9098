//===- Group.h - Control words, slots and probing of the Swiss map -*- C++ -*-//
//
// Internal to runtime/lib/Swiss. The pieces every operation is built from:
// the hash split into H1 and H2, matching the 8 control bytes of a group at
// once (SWAR), the slot accessors of a group, and the probe sequence over a
// table's groups. Offsets come from the layout functions of
// gm/runtime/ABI.h; nothing here restates a layout constant. Header-only, so
// that later the inlined fast paths can be compiled from it too.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_SWISS_GROUP_H
#define GM_RUNTIME_SWISS_GROUP_H

#include "gm/runtime/ABI.h"

#include <cstring>

namespace gm::rt::swiss {
using namespace gm::abi;

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "slot I is byte I of the control word");
static_assert(SwissGroupSlots == 8 && SwissCtrlWordBytes == 8,
              "one control byte per slot makes one 64-bit word");

inline constexpr uint64_t ByteLsbs = 0x0101010101010101ull;
inline constexpr uint64_t ByteMsbs = 0x8080808080808080ull;
inline constexpr uint64_t AllEmptyCtrlWord = ByteLsbs * SwissCtrlEmpty;

/// The control byte of a full slot in a small map. Small maps are searched
/// by comparing keys, never by hash, so the byte need only say "full".
inline constexpr uint8_t SmallFullCtrl = 0;

static_assert((SwissCtrlEmpty & 0x80) != 0 && (SwissCtrlDeleted & 0x80) != 0 &&
                  (SwissH2Mask & 0x80) == 0,
              "free slots, and only they, have the top bit set");
static_assert((SwissCtrlEmpty & 2) == 0 && (SwissCtrlDeleted & 2) != 0,
              "bit 1 tells an empty slot from a tombstone");

/// Which group to probe first (the hash without its H2 bits).
inline uintptr_t h1(uintptr_t Hash) { return Hash >> SwissH2Bits; }
/// What a full slot's control byte holds.
inline uint8_t h2(uintptr_t Hash) { return uint8_t(Hash & SwissH2Mask); }

/// A set of slots of one group: the top bit of byte I stands for slot I.
class SlotSet {
public:
  explicit SlotSet(uint64_t Bits) : Bits(Bits) {}
  explicit operator bool() const { return Bits != 0; }
  /// The lowest slot in the set (which must not be empty).
  unsigned first() const { return unsigned(__builtin_ctzll(Bits)) / 8; }
  SlotSet withoutFirst() const { return SlotSet(Bits & (Bits - 1)); }
  /// The set without the slots below Slot.
  SlotSet from(unsigned Slot) const {
    return SlotSet(Slot == 0 ? Bits : Bits & (~uint64_t(0) << (8 * Slot)));
  }
  unsigned size() const { return unsigned(__builtin_popcountll(Bits)); }
  uint64_t bits() const { return Bits; }

private:
  uint64_t Bits;
};

/// The 8 control bytes of a group as one word, matched all at once.
class CtrlWord {
public:
  explicit CtrlWord(uint64_t Word) : Word(Word) {}
  static CtrlWord load(const void *Group) {
    uint64_t W;
    std::memcpy(&W, Group, sizeof W);
    return CtrlWord(W);
  }

  /// Full slots whose H2 is H2. May also flag full slots whose H2 differs
  /// from H2 only in the lowest bit, in a run just above a true match (the
  /// subtraction's borrow); callers compare keys anyway, so such a rare false
  /// candidate costs one compare. Free slots are never flagged: XOR with an
  /// H2 keeps their top bit.
  SlotSet matchH2(uint8_t H2) const {
    uint64_t Diff = Word ^ (ByteLsbs * H2);
    return SlotSet((Diff - ByteLsbs) & ~Diff & ByteMsbs);
  }
  /// Empty slots: top bit set, bit 1 clear.
  SlotSet matchEmpty() const { return SlotSet(Word & ~(Word << 6) & ByteMsbs); }
  /// Tombstones: top bit and bit 1 set.
  SlotSet matchDeleted() const {
    return SlotSet(Word & (Word << 6) & ByteMsbs);
  }
  /// Empty slots and tombstones.
  SlotSet matchFree() const { return SlotSet(Word & ByteMsbs); }
  SlotSet matchFull() const { return SlotSet(~Word & ByteMsbs); }

  uint8_t at(unsigned Slot) const { return uint8_t(Word >> (8 * Slot)); }
  bool isFull(unsigned Slot) const { return (at(Slot) & 0x80) == 0; }
  uint64_t word() const { return Word; }

private:
  uint64_t Word;
};

inline void setCtrl(void *Group, unsigned Slot, uint8_t Ctrl) {
  static_cast<uint8_t *>(Group)[Slot] = Ctrl;
}
inline void setAllEmpty(void *Group) {
  std::memcpy(Group, &AllEmptyCtrlWord, sizeof AllEmptyCtrlWord);
}

//===----------------------------------------------------------------------===//
// Slots
//===----------------------------------------------------------------------===//

inline bool indirectKey(const MapType *T) { return T->Flags & MapIndirectKey; }
inline bool indirectElem(const MapType *T) {
  return T->Flags & MapIndirectElem;
}
inline bool needKeyUpdate(const MapType *T) {
  return T->Flags & MapNeedKeyUpdate;
}
inline bool hashMightPanic(const MapType *T) {
  return T->Flags & MapHashMightPanic;
}

inline uint64_t slotSize(const MapType *T) {
  return swissSlotSize(T->KeySize, T->ElemSize);
}
inline uint64_t groupSize(const MapType *T) {
  return swissGroupSize(T->KeySize, T->ElemSize);
}

/// Group Index of an array of groups.
inline uint8_t *groupAt(const MapType *T, void *Groups, uint64_t Index) {
  return static_cast<uint8_t *>(Groups) + Index * groupSize(T);
}

/// The key slot of Slot (for indirect keys, where the pointer is).
inline uint8_t *keySlot(const MapType *T, void *Group, unsigned Slot) {
  return static_cast<uint8_t *>(Group) + SwissCtrlWordBytes +
         Slot * slotSize(T);
}
inline uint8_t *elemSlot(const MapType *T, void *Group, unsigned Slot) {
  return keySlot(T, Group, Slot) + swissElemOffset(T->KeySize, T->ElemSize);
}
/// The key in Slot, following the indirection.
inline void *keyAt(const MapType *T, void *Group, unsigned Slot) {
  uint8_t *K = keySlot(T, Group, Slot);
  return indirectKey(T) ? *reinterpret_cast<void **>(K) : K;
}
inline void *elemAt(const MapType *T, void *Group, unsigned Slot) {
  uint8_t *E = elemSlot(T, Group, Slot);
  return indirectElem(T) ? *reinterpret_cast<void **>(E) : E;
}

//===----------------------------------------------------------------------===//
// Probing
//===----------------------------------------------------------------------===//

/// The groups a key may occupy, in the order to try them: H1 modulo the
/// group count, then steps of 1, 2, 3, ... (triangular numbers). With a
/// power-of-two group count the first GroupMask + 1 positions are a
/// permutation of all groups, so a probe ends at a group with an empty slot,
/// which the 7/8 load guarantees exists. Compared with linear steps, keys
/// that collide in one group spread out rather than pile up next to it.
class ProbeSeq {
public:
  ProbeSeq(uintptr_t H1, uint64_t GroupMask)
      : Mask(GroupMask), Pos(H1 & GroupMask) {}
  uint64_t group() const { return Pos; }
  /// Groups visited before this one.
  uint64_t step() const { return Step; }
  void next() {
    ++Step;
    Pos = (Pos + Step) & Mask;
  }

private:
  uint64_t Mask;
  uint64_t Pos;
  uint64_t Step = 0;
};

/// The most entries plus tombstones a table of Capacity slots may hold.
inline uint16_t maxGrowth(uint16_t Capacity) {
  return uint16_t(Capacity * SwissMaxLoadNum / SwissMaxLoadDen);
}

inline uint16_t tombstones(const SwissTable *Tab) {
  return uint16_t(maxGrowth(Tab->Capacity) - Tab->Used - Tab->GrowthLeft);
}

} // namespace gm::rt::swiss

#endif // GM_RUNTIME_SWISS_GROUP_H
