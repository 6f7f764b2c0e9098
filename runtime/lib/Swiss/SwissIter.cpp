//===- SwissIter.cpp - Iteration over a Swiss map -------------------------===//
//
// Go's guarantees: an entry present for the whole iteration is produced
// exactly once, an entry deleted before the iterator reaches it is not
// produced, the elem produced is the current one, and entries added during
// the iteration may or may not be. The order is random.
//
// Within a table an entry never changes slot, so walking the slots in a
// fixed (rotated) order produces each once. The map replaces a table to
// make room; the iterator keeps walking the replaced one, whose groups stay
// as they were, and looks each of its keys up in the live map. Across the
// directory, it visits each block of entries that point to one table once,
// and when a table it walked has since split, the block it skips is that
// of the table it walked, which covers both halves.
//
//===----------------------------------------------------------------------===//

#include "Swiss/SwissInternal.h"

#include "Core/Panic.h"
#include "Map/MapInternal.h"

namespace gm::rt::swiss {
namespace {

void finish(SwissIter *It) {
  It->Key = It->Elem = nullptr;
  It->Map = nullptr; // Further calls stay finished.
}

/// For slot I of group G, which the map no longer uses: the key and elem of
/// the same entry in the live map, or false when it is gone.
bool liveEntry(SwissIter *It, uint8_t *G, unsigned I, void **Key, void **Elem) {
  const MapType *T = It->Type;
  void *OldKey = keyAt(T, G, I);
  if (SlotRef R = findEntry(T, It->Map, OldKey)) {
    *Key = keyAt(T, R.Group, R.Slot);
    *Elem = elemAt(T, R.Group, R.Slot);
    return true;
  }
  // A key unequal to itself (NaN) is never found, but neither can it be
  // deleted or updated: only clear removes it.
  if (It->ClearSeq == It->Map->ClearSeq && !T->Equal(OldKey, OldKey)) {
    *Key = OldKey;
    *Elem = elemAt(T, G, I);
    return true;
  }
  return false;
}

/// Produces the next entry of the group the map had when it was small.
void nextInSmallGroup(SwissIter *It) {
  const MapType *T = It->Type;
  auto *G = static_cast<uint8_t *>(It->Group);
  // Since turned into tables: the group is a snapshot of the keys to visit.
  bool Moved = It->Map->Directory != It->Group;
  while (It->EntryIdx < SwissGroupSlots) {
    unsigned I = unsigned((It->EntryIdx + It->EntryOffset) % SwissGroupSlots);
    ++It->EntryIdx;
    if (!CtrlWord::load(G).isFull(I))
      continue;
    void *Key = keyAt(T, G, I), *Elem = elemAt(T, G, I);
    if (Moved && !liveEntry(It, G, I, &Key, &Elem))
      continue;
    It->Key = Key;
    It->Elem = Elem;
    return;
  }
  finish(It);
}

/// Produces the next entry of the tables, in directory order from a random
/// entry, and in each table in slot order from a random slot.
void nextInTables(SwissIter *It) {
  SwissMap *M = It->Map;
  const MapType *T = It->Type;
  if (It->GlobalDepth != M->GlobalDepth) {
    // The directory doubled since the last step, each entry becoming two in
    // place: scaling the position and the rotation keeps both meaning the
    // same entries.
    unsigned Doublings = unsigned(M->GlobalDepth - It->GlobalDepth);
    It->DirIdx <<= Doublings;
    It->DirOffset <<= Doublings;
    It->GlobalDepth = M->GlobalDepth;
  }

  for (; It->DirIdx < M->DirLen; It->DirIdx += entriesOf(M, It->Table),
                                 It->Table = nullptr, It->EntryIdx = 0) {
    if (!It->Table) {
      uint64_t Pos =
          (uint64_t(It->DirIdx) + It->DirOffset) & uint64_t(M->DirLen - 1);
      SwissTable *Tab = directory(M)[Pos];
      // Blocks are aligned and visited whole, so only the random start can
      // fall inside one: rotate back to its first entry.
      It->DirOffset -= Pos - uint64_t(Tab->Index);
      It->Table = Tab;
    }
    SwissTable *Tab = It->Table;
    bool Replaced = Tab->Index < 0;
    uint64_t EntryMask = Tab->Capacity - 1;
    while (It->EntryIdx <= EntryMask) {
      uint64_t Entry = (It->EntryIdx + It->EntryOffset) & EntryMask;
      unsigned I = unsigned(Entry % SwissGroupSlots);
      uint8_t *G = groupAt(T, Tab->Groups, Entry / SwissGroupSlots);
      // Jump to the next full slot of this group, or past the group.
      SlotSet Full = CtrlWord::load(G).matchFull().from(I);
      if (!Full) {
        It->EntryIdx += SwissGroupSlots - I;
        continue;
      }
      It->EntryIdx += Full.first() - I;
      if (It->EntryIdx > EntryMask)
        break; // Those slots came first, at the start of the rotation.
      I = Full.first();
      ++It->EntryIdx;
      void *Key = keyAt(T, G, I), *Elem = elemAt(T, G, I);
      if (Replaced && !liveEntry(It, G, I, &Key, &Elem))
        continue;
      It->Key = Key;
      It->Elem = Elem;
      return;
    }
  }
  finish(It);
}

} // namespace

void iterInit(const MapType *T, SwissMap *M, SwissIter *It) {
  *It = SwissIter{};
  It->Type = T;
  if (!M || M->Count == 0)
    return; // Key stays null: nothing to produce.
  It->Map = M;
  It->EntryOffset = maps::fastrand64();
  It->DirOffset = maps::fastrand64();
  It->ClearSeq = M->ClearSeq;
  It->GlobalDepth = M->GlobalDepth;
  if (isSmall(M)) {
    It->DirIdx = -1;
    It->Group = M->Directory;
  }
  iterNext(It);
}

void iterNext(SwissIter *It) {
  SwissMap *M = It->Map;
  if (!M) {
    It->Key = It->Elem = nullptr;
    return;
  }
  if (__atomic_load_n(&M->Writing, __ATOMIC_RELAXED))
    fatalError("concurrent map iteration and map write");
  if (It->DirIdx < 0)
    nextInSmallGroup(It);
  else
    nextInTables(It);
}

} // namespace gm::rt::swiss
