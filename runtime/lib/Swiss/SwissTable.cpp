//===- SwissTable.cpp - One open-addressed table of the Swiss map ---------===//
//
// A table is an array of groups probed quadratically from H1. Lookups and
// inserts test the 8 control bytes of a group in one word operation and
// compare keys only where H2 matches; a group with an empty slot ends the
// probe. A table never grows in place: SwissMap.cpp replaces a full one, so
// the slot of an entry never changes while the entry lives (iteration
// relies on it).
//
//===----------------------------------------------------------------------===//

#include "Swiss/SwissInternal.h"

#include "Core/Panic.h"

#include <gc/gc.h>

namespace gm::rt::swiss {

/// The language heap's allocator, as the classic map's (Core/Memory.cpp).
void *allocate(uint64_t Size, bool HasPointers) {
  return mallocgc(Size, HasPointers);
}

SwissTable *newTable(const MapType *T, uint64_t Capacity, uint8_t LocalDepth) {
  auto *Tab = static_cast<SwissTable *>(allocate(sizeof(SwissTable), true));
  uint64_t Groups = Capacity / SwissGroupSlots;
  Tab->Capacity = uint16_t(Capacity);
  Tab->GrowthLeft = maxGrowth(Tab->Capacity);
  Tab->LocalDepth = LocalDepth;
  Tab->Index = -1;
  Tab->GroupMask = Groups - 1;
  Tab->Groups = allocate(Groups * groupSize(T), T->BucketHasPointers);
  for (uint64_t G = 0; G < Groups; ++G)
    setAllEmpty(groupAt(T, Tab->Groups, G));
  return Tab;
}

SlotRef findInTable(const MapType *T, const SwissTable *Tab, uintptr_t Hash,
                    const void *Key) {
  uint8_t H2 = h2(Hash);
  for (ProbeSeq Seq(h1(Hash), Tab->GroupMask);; Seq.next()) {
    uint8_t *G = groupAt(T, Tab->Groups, Seq.group());
    CtrlWord Ctrl = CtrlWord::load(G);
    for (SlotSet S = Ctrl.matchH2(H2); S; S = S.withoutFirst())
      if (T->Equal(Key, keyAt(T, G, S.first())))
        return {G, S.first()};
    if (Ctrl.matchEmpty())
      return {};
  }
}

void fillSlot(const MapType *T, uint8_t *Group, unsigned Slot,
              const void *Key) {
  uint8_t *K = keySlot(T, Group, Slot);
  if (indirectKey(T)) {
    void *Box = allocate(T->KeyTypeSize, true);
    std::memcpy(K, &Box, sizeof Box);
    K = static_cast<uint8_t *>(Box);
  }
  std::memcpy(K, Key, T->KeyTypeSize);
  if (indirectElem(T)) {
    void *Box = allocate(T->ElemTypeSize, true);
    std::memcpy(elemSlot(T, Group, Slot), &Box, sizeof Box);
  }
}

void clearSlot(const MapType *T, uint8_t *Group, unsigned Slot) {
  // Pointer-free slots keep their key bytes: nothing to release, and the
  // control byte already says the slot is free.
  if (T->BucketHasPointers)
    std::memset(keySlot(T, Group, Slot), 0, T->KeySize);
  std::memset(elemSlot(T, Group, Slot), 0, T->ElemSize);
}

void *assignInTable(const MapType *T, SwissMap *M, SwissTable *Tab,
                    uintptr_t Hash, const void *Key) {
  uint8_t H2 = h2(Hash);
  // The first tombstone on the way: a new key goes there, which costs no
  // growth budget, once the probe has shown the key is absent.
  SlotRef Tombstone;
  for (ProbeSeq Seq(h1(Hash), Tab->GroupMask);; Seq.next()) {
    uint8_t *G = groupAt(T, Tab->Groups, Seq.group());
    CtrlWord Ctrl = CtrlWord::load(G);
    for (SlotSet S = Ctrl.matchH2(H2); S; S = S.withoutFirst()) {
      unsigned I = S.first();
      void *K = keyAt(T, G, I);
      if (T->Equal(Key, K)) {
        if (needKeyUpdate(T)) // +0 replaced by -0 must read -0.
          std::memcpy(K, Key, T->KeyTypeSize);
        return elemAt(T, G, I);
      }
    }
    if (!Tombstone)
      if (SlotSet D = Ctrl.matchDeleted())
        Tombstone = {G, D.first()};
    SlotSet Empty = Ctrl.matchEmpty();
    if (!Empty)
      continue;

    SlotRef Dst = Tombstone;
    if (!Dst) {
      if (Tab->GrowthLeft == 0)
        return nullptr;
      --Tab->GrowthLeft;
      Dst = {G, Empty.first()};
    }
    fillSlot(T, Dst.Group, Dst.Slot, Key);
    setCtrl(Dst.Group, Dst.Slot, H2);
    ++Tab->Used;
    ++M->Count;
    return elemAt(T, Dst.Group, Dst.Slot);
  }
}

bool eraseFromTable(const MapType *T, SwissMap *M, SwissTable *Tab,
                    uintptr_t Hash, const void *Key) {
  uint8_t H2 = h2(Hash);
  for (ProbeSeq Seq(h1(Hash), Tab->GroupMask);; Seq.next()) {
    uint8_t *G = groupAt(T, Tab->Groups, Seq.group());
    CtrlWord Ctrl = CtrlWord::load(G);
    for (SlotSet S = Ctrl.matchH2(H2); S; S = S.withoutFirst()) {
      unsigned I = S.first();
      if (!T->Equal(Key, keyAt(T, G, I)))
        continue;
      clearSlot(T, G, I);
      --Tab->Used;
      --M->Count;
      // A probe only passes through full groups, so a group with an empty
      // slot ends every probe that reaches it and this slot can be empty
      // again. In a full group, later keys of some probe may lie beyond:
      // leave a tombstone that keeps those probes going.
      if (Ctrl.matchEmpty()) {
        setCtrl(G, I, SwissCtrlEmpty);
        ++Tab->GrowthLeft;
      } else {
        setCtrl(G, I, SwissCtrlDeleted);
        M->TombstonesPossible = 1;
      }
      return true;
    }
    if (Ctrl.matchEmpty())
      return false;
  }
}

void clearTable(const MapType *T, SwissTable *Tab) {
  if (Tab->Used == 0 && Tab->GrowthLeft == maxGrowth(Tab->Capacity))
    return; // Nothing to clear: no entries, no tombstones.
  uint64_t Groups = Tab->GroupMask + 1;
  std::memset(Tab->Groups, 0, Groups * groupSize(T));
  for (uint64_t G = 0; G < Groups; ++G)
    setAllEmpty(groupAt(T, Tab->Groups, G));
  Tab->Used = 0;
  Tab->GrowthLeft = maxGrowth(Tab->Capacity);
}

void moveIntoTable(const MapType *T, SwissTable *Tab, uintptr_t Hash,
                   const uint8_t *SrcKeySlot) {
  // Fresh tables have no tombstones: the first group with an empty slot is
  // where the key goes.
  for (ProbeSeq Seq(h1(Hash), Tab->GroupMask);; Seq.next()) {
    uint8_t *G = groupAt(T, Tab->Groups, Seq.group());
    if (SlotSet Empty = CtrlWord::load(G).matchEmpty()) {
      unsigned I = Empty.first();
      std::memcpy(keySlot(T, G, I), SrcKeySlot, slotSize(T));
      setCtrl(G, I, h2(Hash));
      ++Tab->Used;
      --Tab->GrowthLeft;
      return;
    }
  }
}

} // namespace gm::rt::swiss
