//===- SwissMap.cpp - Go 1.24's Swiss table map: the design ---------------===//
//
// This file holds the map-level operations of gm's second map runtime, the
// Swiss table map that Go 1.24 adopted (internal/runtime/maps), and the
// essay below. The classic bucket map is in runtime/lib/Map.
//
// Layout
// ------
// A map is a pointer to a SwissMap header. While it has held at most 8
// entries it is "small": Directory points straight at one group. After that
// Directory is an array of 2^GlobalDepth table pointers:
//
//   SwissMap { Count, Seed, Directory, DirLen, GlobalDepth, ... }
//                             |
//                             v
//   directory [ t0 | t0 | t1 | t2 ]      GlobalDepth 2: top 2 hash bits
//               |          |    |
//               v          v    v
//   SwissTable { Used, Capacity, GrowthLeft, LocalDepth, Index, Groups }
//                                                                 |
//                                                                 v
//   group 0 [ ctrl: 8 bytes | slot 0: key elem | ... | slot 7 ]
//   group 1 [ ... ]
//   ...     (Capacity / 8 groups)
//
// A table whose LocalDepth is below GlobalDepth is shared by
// 2^(GlobalDepth - LocalDepth) consecutive entries (t0 above).
//
// Lookup
// ------
// The hash's top GlobalDepth bits pick the table, its low 7 bits (H2) are
// what a full slot's control byte holds, and the rest (H1) picks the first
// group to probe. One word operation finds the slots of a group whose byte
// equals H2; only those keys are compared. A group with an empty slot ends
// the probe; otherwise the probe moves on by 1, 2, 3, ... groups.
//
// A small map compares its (at most 8) keys directly and never hashes, as
// Go's small-map fast paths do: one group needs no probe sequence, and its
// control bytes only say which slots are full. Hashers that can panic
// (interface keys) still run, for Go's panic.
//
// Load and deletion
// -----------------
// A table fills at most 7/8 of its slots. With 8 slots behind one control
// word a probe costs one word match per group, not one compare per slot, so
// a table can run fuller than the classic map (which grows at 6.5 entries
// per 8-slot bucket): at 7/8, 88% of hits are in their first group and a
// miss tests under 3 groups (measured in docs/runtime.md). The 1/8 of the
// slots that stays empty guarantees that every probe ends.
//
// Deleting from a group with an empty slot makes the slot empty again: no
// probe passes through such a group. In a full group it leaves a tombstone,
// which probes pass and inserts reuse. Tombstones count against the 7/8
// budget until the table is rebuilt.
//
// Growth
// ------
// When an insert finds no room, the table is replaced:
//   * mostly tombstones (at most half the budget live): rebuilt at the same
//     capacity, in a new allocation;
//   * below 1024 slots: rebuilt at twice the capacity;
//   * at 1024 slots: split into two tables of 1024 by the next hash bit
//     (LocalDepth + 1). When the table had LocalDepth == GlobalDepth the
//     directory doubles first, every entry duplicated.
// No insert therefore moves more than one full table (896 entries), however
// big the map is: that is the latency bound the classic map gets from
// incremental evacuation, without old buckets to consult on every lookup.
// A replaced table is never written again and keeps its groups, for the
// iterators that may still walk it.
//
// Iteration (SwissIter.cpp)
// -------------------------
// An iterator walks the directory from a random entry, each table's slots
// from a random position, and skips the entries that point to a table it
// has already walked. It keeps the table it is walking even when the map
// replaces it, so entries are still produced in that table's order and none
// twice; each key of a replaced table is looked up again in the live map,
// so an entry deleted meanwhile is skipped and a changed elem is seen.
// Keys that are not equal to themselves (NaN) cannot be looked up: they
// cannot be deleted either, so unless the map was cleared meanwhile they
// are produced from the replaced table as they are.
//
// Files: SwissMap.cpp (this: small maps, the directory, growth, the map
// operations), SwissTable.cpp (one table), SwissIter.cpp, SwissStats.cpp,
// Group.h (control words, slots, probing), Swiss.h (the API).
//
//===----------------------------------------------------------------------===//

#include "Swiss/SwissInternal.h"

#include "Core/Panic.h"
#include "Map/MapInternal.h"

namespace gm::rt::swiss {
namespace {

/// Largest allocation a hint may ask for (Go's maxAlloc on 64-bit Linux).
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

uint64_t ceilPow2(uint64_t N) {
  return N <= 1 ? 1 : uint64_t(1) << (HashBits - __builtin_clzll(N - 1));
}

//--- Misuse detection: relaxed atomics, plain loads and stores that the
//--- compiler may not fold (see the classic map's flags).

uint8_t writing(const SwissMap *M) {
  return __atomic_load_n(&M->Writing, __ATOMIC_RELAXED);
}
void startWriting(SwissMap *M) {
  __atomic_store_n(&M->Writing, uint8_t(writing(M) ^ 1), __ATOMIC_RELAXED);
}
/// A writer that finds the flag cleared under it had company.
void endWriting(SwissMap *M) {
  uint8_t W = writing(M);
  if (!W)
    fatalError("concurrent map writes");
  __atomic_store_n(&M->Writing, uint8_t(W ^ 1), __ATOMIC_RELAXED);
}

uintptr_t newSeed() { return uintptr_t(maps::fastrand64()); }

//--- Small maps.

uint8_t *smallGroup(const SwissMap *M) {
  return static_cast<uint8_t *>(M->Directory);
}

SlotRef findSmall(const MapType *T, const SwissMap *M, const void *Key) {
  uint8_t *G = smallGroup(M);
  for (SlotSet S = CtrlWord::load(G).matchFull(); S; S = S.withoutFirst())
    if (T->Equal(Key, keyAt(T, G, S.first())))
      return {G, S.first()};
  return {};
}

/// The elem slot for Key in the small group, or null when Key is absent and
/// the group is full.
void *assignSmall(const MapType *T, SwissMap *M, const void *Key) {
  uint8_t *G = smallGroup(M);
  CtrlWord Ctrl = CtrlWord::load(G);
  for (SlotSet S = Ctrl.matchFull(); S; S = S.withoutFirst()) {
    unsigned I = S.first();
    void *K = keyAt(T, G, I);
    if (T->Equal(Key, K)) {
      if (needKeyUpdate(T))
        std::memcpy(K, Key, T->KeyTypeSize);
      return elemAt(T, G, I);
    }
  }
  SlotSet Empty = Ctrl.matchEmpty();
  if (!Empty)
    return nullptr;
  unsigned I = Empty.first();
  fillSlot(T, G, I, Key);
  setCtrl(G, I, SmallFullCtrl);
  ++M->Count;
  return elemAt(T, G, I);
}

//--- Directory.

/// Points Tab's block of directory entries, from Tab->Index, at Tab.
void installTable(SwissMap *M, SwissTable *Tab) {
  SwissTable **Dir = directory(M);
  for (uint64_t I = 0, N = entriesOf(M, Tab); I < N; ++I)
    Dir[uint64_t(Tab->Index) + I] = Tab;
}

/// One more bit of hash indexes the directory: every entry becomes two.
void growDirectory(SwissMap *M) {
  SwissTable **Old = directory(M);
  auto **New = static_cast<SwissTable **>(
      allocate(uint64_t(2 * M->DirLen) * sizeof(SwissTable *), true));
  for (int64_t I = 0; I < M->DirLen; ++I) {
    SwissTable *Tab = Old[I];
    New[2 * I] = New[2 * I + 1] = Tab;
    // Only at the first entry of its block: blocks are aligned to their
    // size, so 2 * I never equals a later entry of the same block.
    if (Tab->Index == I)
      Tab->Index = 2 * I;
  }
  M->Directory = New;
  M->DirLen *= 2;
  ++M->GlobalDepth;
}

/// The small map's entries go into a table of two groups.
void promoteToTable(const MapType *T, SwissMap *M) {
  uint8_t *G = smallGroup(M);
  SwissTable *Tab = newTable(T, 2 * SwissGroupSlots, 0);
  for (SlotSet S = CtrlWord::load(G).matchFull(); S; S = S.withoutFirst()) {
    unsigned I = S.first();
    moveIntoTable(T, Tab, T->Hasher(keyAt(T, G, I), M->Seed), keySlot(T, G, I));
  }
  auto **Dir = static_cast<SwissTable **>(allocate(sizeof(SwissTable *), true));
  Tab->Index = 0;
  Dir[0] = Tab;
  // The group is abandoned as it is: an iterator may still walk it.
  M->Directory = Dir;
  M->DirLen = 1;
  M->GlobalDepth = 0;
}

/// Replaces Old by a table of Capacity slots holding the same entries.
void rebuildTable(const MapType *T, SwissMap *M, SwissTable *Old,
                  uint64_t Capacity) {
  SwissTable *New = newTable(T, Capacity, Old->LocalDepth);
  forEachFullSlot(T, Old, [&](uint8_t *G, unsigned I) {
    moveIntoTable(T, New, T->Hasher(keyAt(T, G, I), M->Seed), keySlot(T, G, I));
  });
  New->Index = Old->Index;
  installTable(M, New);
  Old->Index = -1;
}

/// Replaces Old (at the maximum capacity) by two tables, one for each value
/// of the hash bit below its LocalDepth top bits.
void splitTable(const MapType *T, SwissMap *M, SwissTable *Old) {
  if (Old->LocalDepth + 1 >= HashBits)
    fatalError("map hash function puts too many keys in one table");
  uint8_t Depth = uint8_t(Old->LocalDepth + 1);
  SwissTable *Halves[2] = {newTable(T, SwissMaxTableCapacity, Depth),
                           newTable(T, SwissMaxTableCapacity, Depth)};
  forEachFullSlot(T, Old, [&](uint8_t *G, unsigned I) {
    uintptr_t Hash = T->Hasher(keyAt(T, G, I), M->Seed);
    moveIntoTable(T, Halves[(Hash >> (HashBits - Depth)) & 1], Hash,
                  keySlot(T, G, I));
  });
  if (Old->LocalDepth == M->GlobalDepth)
    growDirectory(M); // Old's one entry becomes two, one per half.
  Halves[0]->Index = Old->Index;
  Halves[1]->Index = Old->Index + int64_t(entriesOf(M, Halves[0]));
  installTable(M, Halves[0]);
  installTable(M, Halves[1]);
  Old->Index = -1;
}

/// Makes room in Full, which has no growth budget left, by replacing it.
void replaceFullTable(const MapType *T, SwissMap *M, SwissTable *Full) {
  // Reclaiming tombstones pays for itself when at least half the budget
  // comes back: that many inserts before the next rebuild.
  if (Full->Used <= maxGrowth(Full->Capacity) / 2)
    rebuildTable(T, M, Full, Full->Capacity);
  else if (Full->Capacity < SwissMaxTableCapacity)
    rebuildTable(T, M, Full, 2 * uint64_t(Full->Capacity));
  else
    splitTable(T, M, Full);
}

/// Whether M is empty or nil for a read; hashes the key first when the
/// hasher can panic, so that an unhashable key panics as in Go.
bool emptyForRead(const MapType *T, const SwissMap *M, const void *Key) {
  if (M && M->Count != 0)
    return false;
  if (hashMightPanic(T))
    T->Hasher(Key, 0);
  return true;
}

} // namespace

SwissMap *makeSmallMap() {
  auto *M = static_cast<SwissMap *>(allocate(sizeof(SwissMap), true));
  M->Seed = newSeed();
  return M;
}

SwissMap *makeMap(const MapType *T, int64_t Hint) {
  maps::checkMapTypeSlots(T);
  SwissMap *M = makeSmallMap();
  if (Hint <= int64_t(SwissGroupSlots) || uint64_t(Hint) > MaxAlloc)
    return M; // Small; its group comes with the first insert.

  // Slots for Hint entries at the maximum load, in as few tables as the
  // capacity limit allows, each a power of two.
  uint64_t Slots = (uint64_t(Hint) * SwissMaxLoadDen + SwissMaxLoadNum - 1) /
                   SwissMaxLoadNum;
  uint64_t Tables =
      ceilPow2((Slots + SwissMaxTableCapacity - 1) / SwissMaxTableCapacity);
  uint64_t PerTable = ceilPow2((Slots + Tables - 1) / Tables);
  if (PerTable < SwissGroupSlots)
    PerTable = SwissGroupSlots;
  if (Tables * (PerTable / SwissGroupSlots) * groupSize(T) > MaxAlloc)
    return M;

  auto **Dir =
      static_cast<SwissTable **>(allocate(Tables * sizeof(SwissTable *), true));
  uint8_t Depth = uint8_t(__builtin_ctzll(Tables));
  for (uint64_t I = 0; I < Tables; ++I) {
    Dir[I] = newTable(T, PerTable, Depth);
    Dir[I]->Index = int64_t(I);
  }
  M->Directory = Dir;
  M->DirLen = int64_t(Tables);
  M->GlobalDepth = Depth;
  return M;
}

SlotRef findEntry(const MapType *T, SwissMap *M, const void *Key) {
  if (isSmall(M))
    return findSmall(T, M, Key);
  uintptr_t Hash = T->Hasher(Key, M->Seed);
  return findInTable(T, tableFor(M, Hash), Hash, Key);
}

void *lookupWithKey(const MapType *T, SwissMap *M, const void *Key,
                    void **StoredKey) {
  if (emptyForRead(T, M, Key))
    return nullptr;
  if (writing(M))
    fatalError("concurrent map read and map write");
  if (isSmall(M) && hashMightPanic(T))
    T->Hasher(Key, M->Seed);
  SlotRef R = findEntry(T, M, Key);
  if (!R)
    return nullptr;
  if (StoredKey)
    *StoredKey = keyAt(T, R.Group, R.Slot);
  return elemAt(T, R.Group, R.Slot);
}

void *lookup(const MapType *T, SwissMap *M, const void *Key) {
  return lookupWithKey(T, M, Key, nullptr);
}

void *assign(const MapType *T, SwissMap *M, const void *Key) {
  if (!M)
    panicPlainError("assignment to entry in nil map");
  if (writing(M))
    fatalError("concurrent map writes");
  // Hash before the write starts, as Go does: the hasher may panic. A small
  // map needs the hash only when it turns into a table.
  bool Hashed = !isSmall(M) || hashMightPanic(T);
  uintptr_t Hash = Hashed ? T->Hasher(Key, M->Seed) : 0;
  startWriting(M);

  void *Elem = nullptr;
  if (isSmall(M)) {
    if (!M->Directory) {
      M->Directory = allocate(groupSize(T), T->BucketHasPointers);
      setAllEmpty(M->Directory);
    }
    Elem = assignSmall(T, M, Key);
    if (!Elem) {
      promoteToTable(T, M);
      if (!Hashed)
        Hash = T->Hasher(Key, M->Seed);
    }
  }
  while (!Elem) {
    SwissTable *Tab = tableFor(M, Hash);
    Elem = assignInTable(T, M, Tab, Hash, Key);
    if (!Elem)
      replaceFullTable(T, M, Tab); // Then try the table now in its place.
  }

  endWriting(M);
  return Elem;
}

void erase(const MapType *T, SwissMap *M, const void *Key) {
  if (emptyForRead(T, M, Key))
    return;
  if (writing(M))
    fatalError("concurrent map writes");
  bool Hashed = !isSmall(M) || hashMightPanic(T);
  uintptr_t Hash = Hashed ? T->Hasher(Key, M->Seed) : 0;
  startWriting(M);

  if (isSmall(M)) {
    // One group and no probe sequences through it: no tombstones needed.
    if (SlotRef R = findSmall(T, M, Key)) {
      clearSlot(T, R.Group, R.Slot);
      setCtrl(R.Group, R.Slot, SwissCtrlEmpty);
      --M->Count;
    }
  } else {
    eraseFromTable(T, M, tableFor(M, Hash), Hash, Key);
  }
  // An emptied map gets a new seed, so that keys chosen to collide under
  // the old one need not collide again.
  if (M->Count == 0)
    M->Seed = newSeed();

  endWriting(M);
}

void clear(const MapType *T, SwissMap *M) {
  if (!M || (M->Count == 0 && !M->TombstonesPossible))
    return;
  if (writing(M))
    fatalError("concurrent map writes");
  startWriting(M);

  if (isSmall(M)) {
    std::memset(M->Directory, 0, groupSize(T));
    setAllEmpty(M->Directory);
  } else {
    SwissTable **Dir = directory(M);
    for (int64_t I = 0; I < M->DirLen; I += int64_t(entriesOf(M, Dir[I])))
      clearTable(T, Dir[I]);
  }
  M->Count = 0;
  M->TombstonesPossible = 0;
  // Iterators in progress compare this to know that entries they hold from
  // replaced tables are gone.
  ++M->ClearSeq;
  M->Seed = newSeed();

  endWriting(M);
}

} // namespace gm::rt::swiss
