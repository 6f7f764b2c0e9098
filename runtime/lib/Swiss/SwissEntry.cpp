//===- SwissEntry.cpp - Go's map entry points over the Swiss map ----------===//
//
// libgmrt_swiss.a (gmc -fmap-runtime=swiss) links this file instead of the
// classic map's entry points (runtime/lib/Map: Map.cpp, MapFast*.cpp,
// MapIter.cpp, MapClear.cpp, MapStats.cpp). It defines every map symbol of
// RuntimeFunctions.def, with the same C++ signatures, over the Swiss map's
// API (Swiss.h), as Go 1.24 keeps Go 1.23's entry points over its new map:
//
//   * HMap * is the declared type of a map value; here it points to a
//     SwissMap, HIter * to a SwissIter. gmc never looks inside either except
//     for the count, which is the first word of both, and the iterator's key
//     and elem pointers, which lead both.
//   * The fast entry points take the key by value. Their lookups and
//     assignments hash and compare it per key type (lookupFast, assignFast:
//     no indirect call of the maptype's hasher and equal function); deletes
//     and what these do not cover pass its address to the generic code.
//     gm-map-inline inlines their common case
//     (runtime/fastpath/SwissFastPath.cpp).
//   * Misses return the zero value shared with the classic map (or the fat
//     zero the compiler passes), as Go does.
//   * The first allocation a maptype drives (makemap, a small map's first
//     insert) checks that the maptype was built for this runtime.
//   * Under GM_RACE (libgmrt_swiss_race.a) every entry point reports its
//     access of the map header to ThreadSanitizer, as the classic ones do.
//
//===----------------------------------------------------------------------===//

#include "Swiss/SwissInternal.h"

#include "Core/Race.h"
#include "Map/HashMix.h"
#include "Map/MapInternal.h"

#include <cstring>
#include <iterator>

using namespace gm::abi;

/// Every gm module references this symbol of the runtime it was compiled
/// for (ABI.h, mapRuntimeMarkerSymbol): linking a classic module against
/// this library fails to find gm_map_runtime_classic.
extern "C" {
extern const char GmMapRuntimeSwiss[] asm(GM_MAP_RUNTIME_SWISS_SYMBOL);
const char GmMapRuntimeSwiss[] = "swiss";
}

namespace {
using namespace gm::rt;

SwissMap *asSwiss(HMap *H) { return reinterpret_cast<SwissMap *>(H); }
HMap *asHMap(SwissMap *M) { return reinterpret_cast<HMap *>(M); }

static_assert(sizeof(SwissIter) <= sizeof(HIter) &&
                  alignof(SwissIter) <= alignof(HIter),
              "mapiterinit's HIter * holds a SwissIter");

/// Stops the program when T describes another runtime's table layout
/// (a module compiled with -fmap-runtime=classic).
void checkSwissMapType(const MapType *T) {
  maps::checkMapTypeSlots(T);
  if (T->BucketSize !=
      mapTableUnitSize(MapRuntime::Swiss, T->KeySize, T->ElemSize))
    maps::badMapType(T, "group size disagrees with the slot sizes (a maptype "
                        "compiled for the classic map runtime?)");
}

/// A small map made by makemap_small meets its maptype at the first insert.
void checkOnFirstInsert(const MapType *T, HMap *H) {
  if (H && !asSwiss(H)->Directory)
    checkSwissMapType(T);
}

void *elemOrZero(const MapType *T, void *Elem) {
  return Elem ? Elem : maps::zeroValue(T);
}

MapAccess2Result pairOrZero(const MapType *T, void *Elem) {
  return Elem ? MapAccess2Result{Elem, true}
              : MapAccess2Result{maps::zeroValue(T), false};
}

void *lookupKey(const MapType *T, HMap *H, const void *Key) {
  return swiss::lookup(T, asSwiss(H), Key);
}

/// How the fast entry points hash and compare their keys, written out for
/// each key type, as the classic map's MapFast.h does: the maptype's hasher
/// is the runtime's own for every map these entry points serve, so a lookup
/// need not call it, nor the equal function, through a pointer.
struct Key32 {
  using Key = uint32_t;
  static constexpr HashFn Hasher = &memhash32;
  static uintptr_t hash(Key K, uintptr_t Seed) { return hashMix32(K, Seed); }
  static bool equal(const uint8_t *Slot, Key K) {
    Key S;
    std::memcpy(&S, Slot, sizeof S);
    return S == K;
  }
};
struct Key64 {
  using Key = uint64_t;
  static constexpr HashFn Hasher = &memhash64;
  static uintptr_t hash(Key K, uintptr_t Seed) { return hashMix64(K, Seed); }
  static bool equal(const uint8_t *Slot, Key K) {
    Key S;
    std::memcpy(&S, Slot, sizeof S);
    return S == K;
  }
};
struct KeyStr {
  using Key = GoString;
  static constexpr HashFn Hasher = &strhash;
  static uintptr_t hash(const Key &K, uintptr_t Seed) {
    return strhash(&K, Seed);
  }
  static bool equal(const uint8_t *Slot, const Key &K) {
    GoString S;
    std::memcpy(&S, Slot, sizeof S);
    return S.Len == K.Len && (K.Len == 0 || S.Data == K.Data ||
                              std::memcmp(S.Data, K.Data, size_t(K.Len)) == 0);
  }
};

/// Whether T's keys hash and compare as Ops's do, stored in their slots.
template <class Ops> bool servesFast(const MapType *T) {
  return T->Hasher == Ops::Hasher && T->KeySize == sizeof(typename Ops::Key) &&
         !(T->Flags & (MapIndirectKey | MapIndirectElem));
}

/// The lookup of the fast entry points: the Swiss map's lookup (SwissMap.cpp
/// and SwissTable.cpp) with Ops's hash and compare. Maps with another hasher
/// take the generic lookup.
template <class Ops>
void *lookupFast(const MapType *T, HMap *H, const typename Ops::Key &Key) {
  if (!servesFast<Ops>(T))
    return lookupKey(T, H, &Key);
  SwissMap *M = asSwiss(H);
  if (!M || M->Count == 0)
    return nullptr;
  if (__atomic_load_n(&M->Writing, __ATOMIC_RELAXED))
    fatalError("concurrent map read and map write");
  if (swiss::isSmall(M)) {
    auto *G = static_cast<uint8_t *>(M->Directory);
    for (swiss::SlotSet S = swiss::CtrlWord::load(G).matchFull(); S;
         S = S.withoutFirst())
      if (Ops::equal(swiss::keySlot(T, G, S.first()), Key))
        return swiss::elemAt(T, G, S.first());
    return nullptr;
  }
  uintptr_t Hash = Ops::hash(Key, M->Seed);
  const SwissTable *Tab = swiss::tableFor(M, Hash);
  for (swiss::ProbeSeq Seq(swiss::h1(Hash), Tab->GroupMask);; Seq.next()) {
    uint8_t *G = swiss::groupAt(T, Tab->Groups, Seq.group());
    swiss::CtrlWord Ctrl = swiss::CtrlWord::load(G);
    for (swiss::SlotSet S = Ctrl.matchH2(swiss::h2(Hash)); S;
         S = S.withoutFirst())
      if (Ops::equal(swiss::keySlot(T, G, S.first()), Key))
        return swiss::elemAt(T, G, S.first());
    if (Ctrl.matchEmpty())
      return nullptr;
  }
}

void *assignKey(const MapType *T, HMap *H, const void *Key) {
  checkOnFirstInsert(T, H);
  return swiss::assign(T, asSwiss(H), Key);
}

/// The assignment of the fast entry points, for a map that is already a
/// table: the Swiss map's assign (SwissMap.cpp) and assignInTable
/// (SwissTable.cpp) with Ops's hash and compare, as far as the key is found
/// or fits without replacing its table. Everything else (nil and small maps,
/// a table to grow or split, other hashers) is the generic assign.
template <class Ops>
void *assignFast(const MapType *T, HMap *H, const typename Ops::Key &Key) {
  SwissMap *M = asSwiss(H);
  if (!M || swiss::isSmall(M) || !servesFast<Ops>(T))
    return assignKey(T, H, &Key);
  if (__atomic_load_n(&M->Writing, __ATOMIC_RELAXED))
    fatalError("concurrent map writes");
  uintptr_t Hash = Ops::hash(Key, M->Seed);
  // The write protocol of SwissMap.cpp: toggled on, and found still on at
  // the end, or another writer was here.
  auto toggleWriting = [M] {
    uint8_t W = __atomic_load_n(&M->Writing, __ATOMIC_RELAXED);
    __atomic_store_n(&M->Writing, uint8_t(W ^ 1), __ATOMIC_RELAXED);
  };
  auto endWriting = [M] {
    uint8_t W = __atomic_load_n(&M->Writing, __ATOMIC_RELAXED);
    if (!W)
      fatalError("concurrent map writes");
    __atomic_store_n(&M->Writing, uint8_t(W ^ 1), __ATOMIC_RELAXED);
  };
  toggleWriting();

  SwissTable *Tab = swiss::tableFor(M, Hash);
  uint8_t H2 = swiss::h2(Hash);
  swiss::SlotRef Tombstone;
  for (swiss::ProbeSeq Seq(swiss::h1(Hash), Tab->GroupMask);; Seq.next()) {
    uint8_t *G = swiss::groupAt(T, Tab->Groups, Seq.group());
    swiss::CtrlWord Ctrl = swiss::CtrlWord::load(G);
    for (swiss::SlotSet S = Ctrl.matchH2(H2); S; S = S.withoutFirst()) {
      uint8_t *K = swiss::keySlot(T, G, S.first());
      if (Ops::equal(K, Key)) {
        if (T->Flags & MapNeedKeyUpdate) // an equal string, another array
          std::memcpy(K, &Key, sizeof Key);
        endWriting();
        return swiss::elemSlot(T, G, S.first());
      }
    }
    if (!Tombstone)
      if (swiss::SlotSet D = Ctrl.matchDeleted())
        Tombstone = {G, D.first()};
    swiss::SlotSet Empty = Ctrl.matchEmpty();
    if (!Empty)
      continue;
    swiss::SlotRef Dst = Tombstone;
    if (!Dst) {
      if (Tab->GrowthLeft == 0) {
        // The table must be replaced: the generic assign does it.
        toggleWriting();
        return assignKey(T, H, &Key);
      }
      --Tab->GrowthLeft;
      Dst = {G, Empty.first()};
    }
    // A free slot's elem is zero (new groups are, deletion zeroes it).
    std::memcpy(swiss::keySlot(T, Dst.Group, Dst.Slot), &Key, sizeof Key);
    swiss::setCtrl(Dst.Group, Dst.Slot, H2);
    ++Tab->Used;
    ++M->Count;
    endWriting();
    return swiss::elemSlot(T, Dst.Group, Dst.Slot);
  }
}

} // namespace

namespace gm::rt {

//--- make

HMap *makemap_small() { return asHMap(swiss::makeSmallMap()); }

/// gmc passes no header to fill in (Go's stack-allocated hmap): the map is
/// always allocated here.
HMap *makemap(const MapType *T, int64_t Hint, HMap * /*H*/) {
  checkSwissMapType(T);
  return asHMap(swiss::makeMap(T, Hint < 0 ? 0 : Hint));
}

HMap *makemap64(const MapType *T, int64_t Hint, HMap *H) {
  return makemap(T, Hint, H);
}

//--- m[k], v, ok := m[k]

void *mapaccess1(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_READ(H);
  return elemOrZero(T, lookupKey(T, H, Key));
}

MapAccess2Result mapaccess2(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_READ(H);
  return pairOrZero(T, lookupKey(T, H, Key));
}

MapAccessKResult mapaccessK(const MapType *T, HMap *H, const void *Key) {
  void *StoredKey = nullptr;
  void *Elem = swiss::lookupWithKey(T, asSwiss(H), Key, &StoredKey);
  if (!Elem)
    return {nullptr, nullptr};
  return {StoredKey, Elem};
}

void *mapaccess1_fat(const MapType *T, HMap *H, const void *Key,
                     const void *Zero) {
  GM_RACE_READ(H);
  void *Elem = lookupKey(T, H, Key);
  return Elem ? Elem : const_cast<void *>(Zero);
}

MapAccess2Result mapaccess2_fat(const MapType *T, HMap *H, const void *Key,
                                const void *Zero) {
  GM_RACE_READ(H);
  void *Elem = lookupKey(T, H, Key);
  if (!Elem)
    return {const_cast<void *>(Zero), false};
  return {Elem, true};
}

void *mapaccess1_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_READ(H);
  return elemOrZero(T, lookupFast<Key32>(T, H, Key));
}

MapAccess2Result mapaccess2_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_READ(H);
  return pairOrZero(T, lookupFast<Key32>(T, H, Key));
}

void *mapaccess1_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_READ(H);
  return elemOrZero(T, lookupFast<Key64>(T, H, Key));
}

MapAccess2Result mapaccess2_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_READ(H);
  return pairOrZero(T, lookupFast<Key64>(T, H, Key));
}

void *mapaccess1_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_READ(H);
  return elemOrZero(T, lookupFast<KeyStr>(T, H, Key));
}

MapAccess2Result mapaccess2_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_READ(H);
  return pairOrZero(T, lookupFast<KeyStr>(T, H, Key));
}

//--- m[k] = v

void *mapassign(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_WRITE(H);
  return assignKey(T, H, Key);
}

void *mapassign_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_WRITE(H);
  return assignFast<Key32>(T, H, Key);
}

void *mapassign_fast32ptr(const MapType *T, HMap *H, void *Key) {
  GM_RACE_WRITE(H);
  return assignKey(T, H, &Key);
}

void *mapassign_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_WRITE(H);
  return assignFast<Key64>(T, H, Key);
}

void *mapassign_fast64ptr(const MapType *T, HMap *H, void *Key) {
  GM_RACE_WRITE(H);
  return assignFast<Key64>(T, H, uint64_t(reinterpret_cast<uintptr_t>(Key)));
}

void *mapassign_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_WRITE(H);
  return assignFast<KeyStr>(T, H, Key);
}

//--- delete(m, k)

void mapdelete(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_WRITE(H);
  swiss::erase(T, asSwiss(H), Key);
}

void mapdelete_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_WRITE(H);
  swiss::erase(T, asSwiss(H), &Key);
}

void mapdelete_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_WRITE(H);
  swiss::erase(T, asSwiss(H), &Key);
}

void mapdelete_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_WRITE(H);
  swiss::erase(T, asSwiss(H), &Key);
}

//--- range, clear

void mapiterinit(const MapType *T, HMap *H, HIter *It) {
  GM_RACE_READ(H);
  swiss::iterInit(T, asSwiss(H), reinterpret_cast<SwissIter *>(It));
}

void mapiternext(HIter *It) {
  auto *SI = reinterpret_cast<SwissIter *>(It);
  GM_RACE_READ(SI->Map);
  swiss::iterNext(SI);
}

void mapclear(const MapType *T, HMap *H) {
  GM_RACE_WRITE(H);
  swiss::clear(T, asSwiss(H));
}

//--- runtime.MapStats (gm/runtime)

/// The Swiss structure through runtime.Stats's fields, until gm/runtime has
/// a Stats of its own for it (docs/runtime.md lists the mapping):
///   B                   global depth (log2 of the directory length)
///   Buckets             groups, in all tables (the small map's one group)
///   OverflowBuckets     distinct tables (0 while small)
///   NOverflow           tombstones
///   OldBuckets(...)     0: a Swiss map never evacuates
///   LoadFactor          entries per slot
///   ChainLengthHistogram  the probe-length histogram: entries found in the
///                       (i+1)-th group of their probe sequence
void mapstats(const MapType *T, HMap *H, MapStats *S) {
  std::memset(S, 0, sizeof *S);
  if (!H)
    return;
  swiss::Stats St = swiss::stats(T, asSwiss(H));
  S->Count = St.Count;
  S->B = St.GlobalDepth;
  // A small map has its one group from its first insert on.
  S->Buckets = St.Small ? (asSwiss(H)->Directory ? 1 : 0) : St.Groups;
  S->OverflowBuckets = St.Tables;
  S->NOverflow = St.Tombstones;
  int64_t Slots = St.Small ? S->Buckets * SwissGroupSlots : St.Capacity;
  S->LoadFactor = Slots ? double(St.Count) / double(Slots) : 0;
  static_assert(std::size(swiss::Stats().ProbeLengths) ==
                    std::size(MapStats().ChainLengthHistogram),
                "one histogram into the other");
  for (unsigned I = 0; I < std::size(St.ProbeLengths); ++I)
    S->ChainLengthHistogram[I] = St.ProbeLengths[I];
}

} // namespace gm::rt
