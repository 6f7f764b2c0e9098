//===- SwissFastPath.cpp - Inlinable lookups of the Swiss map -------------===//
//
// The fast paths that gm-map-inline inlines into a module compiled for the
// Swiss map runtime (gmc -fmap-runtime=swiss, issue 18) in place of calls to
// runtime.mapaccess1_fast32/64, mapaccess2_fast32/64 and
// mapassign_fast32/64/64ptr. Like
// MapFastPath.cpp for the classic map, this file is only ever compiled to
// bitcode; each function has the signature of its entry point and the symbol
// "gm.swissfastpath.<entry point>", which the pass picks by the module's
// gm.map-runtime flag.
//
//   nil or empty map              -> zero value
//   Writing set                   -> runtime (fatal error there)
//   small map (one group)         -> compare the key of every full slot,
//                                    no hash: hit -> elem slot, else zero
//   table                         -> hash, pick the table by the top bits,
//                                    the first group of the probe by H1;
//                                    match H2 against its control word
//                                    (SWAR), compare the candidates' keys:
//                                    hit -> elem slot; no hit and an empty
//                                    slot in the group -> zero value (the
//                                    probe ends there); otherwise the
//                                    runtime walks the probe sequence.
//
//   assign   nil map, small map, Writing set -> runtime
//            key in the first group        -> elem slot
//            new key, the first group has an empty slot (the key cannot be
//            further along), and a tombstone of it to reuse or growth
//            budget left                   -> control byte, key, counts,
//                                             elem slot
//            anything else (probe on, table to replace) -> runtime
//
// Every layout fact, the H1/H2 split and the control-byte encoding come from
// the Swiss runtime's own header (Swiss/Group.h over gm/runtime/ABI.h), and
// the hash from Map/HashMix.h, which the runtime's memhash32/64 use.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include "Core/Panic.h"
#include "Map/HashMix.h"
#include "Swiss/Group.h"
#include "Swiss/SwissInternal.h"

#include <cstring>

using namespace gm::abi;
using namespace gm::rt::swiss;

#define GM_FAST_INLINE __attribute__((always_inline)) inline
#define GM_LIKELY(X) __builtin_expect(!!(X), 1)
#define GM_UNLIKELY(X) __builtin_expect(!!(X), 0)

namespace {

/// What lookups that miss return (elems of at most MaxElemSize bytes).
alignas(16) const
    unsigned char ZeroValue[MaxElemSize] asm("gm.swissfastpath.zero") = {};

/// The hash of a key, exactly as the runtime's memhash32/memhash64 compute
/// it with the map's seed.
GM_FAST_INLINE uintptr_t hashOf(uint32_t K, const SwissMap *M) {
  return gm::rt::hashMix32(K, M->Seed);
}
GM_FAST_INLINE uintptr_t hashOf(uint64_t K, const SwissMap *M) {
  return gm::rt::hashMix64(K, M->Seed);
}
GM_FAST_INLINE uintptr_t hashOf(void *K, const SwissMap *M) {
  return hashOf(uint64_t(uintptr_t(K)), M);
}

/// The maptype facts a fast path relies on; they fold away with a constant
/// maptype (see MapFastPath.cpp's servesType).
template <typename KeyT> GM_FAST_INLINE bool servesType(const MapType *T) {
  HashFn Standard = sizeof(KeyT) == 4 ? &gm::rt::memhash32 : &gm::rt::memhash64;
  return T->Hasher == Standard && T->KeySize == sizeof(KeyT) &&
         T->ElemSize <= MaxElemSize &&
         !(T->Flags & (MapIndirectKey | MapIndirectElem));
}

template <typename KeyT>
GM_FAST_INLINE bool keyEquals(const MapType *T, uint8_t *G, unsigned Slot,
                              KeyT Key) {
  KeyT K;
  std::memcpy(&K, keySlot(T, G, Slot), sizeof K);
  return K == Key;
}

enum class Probe { Hit, Miss, Slow };

template <typename KeyT>
GM_FAST_INLINE Probe lookup(const MapType *T, SwissMap *M, KeyT Key,
                            void **Elem) {
  if (M == nullptr || M->Count == 0)
    return Probe::Miss;
  if (GM_UNLIKELY(__atomic_load_n(&M->Writing, __ATOMIC_RELAXED)) ||
      !servesType<KeyT>(T))
    return Probe::Slow;
  if (M->DirLen == 0) {
    // Small: at most 8 keys in one group, compared without hashing.
    auto *G = static_cast<uint8_t *>(M->Directory);
    for (SlotSet S = CtrlWord::load(G).matchFull(); S; S = S.withoutFirst())
      if (keyEquals(T, G, S.first(), Key)) {
        *Elem = elemSlot(T, G, S.first());
        return Probe::Hit;
      }
    return Probe::Miss;
  }
  uintptr_t Hash = hashOf(Key, M);
  const SwissTable *Tab = tableFor(M, Hash);
  uint8_t *G = groupAt(T, Tab->Groups, h1(Hash) & Tab->GroupMask);
  CtrlWord Ctrl = CtrlWord::load(G);
  for (SlotSet S = Ctrl.matchH2(h2(Hash)); S; S = S.withoutFirst())
    if (GM_LIKELY(keyEquals(T, G, S.first(), Key))) {
      *Elem = elemSlot(T, G, S.first());
      return Probe::Hit;
    }
  return GM_LIKELY(Ctrl.matchEmpty()) ? Probe::Miss : Probe::Slow;
}

template <typename KeyT, void *(*Runtime)(const MapType *, HMap *, KeyT)>
GM_FAST_INLINE void *access1(const MapType *T, HMap *H, KeyT Key) {
  void *Elem = nullptr;
  Probe P = lookup(T, reinterpret_cast<SwissMap *>(H), Key, &Elem);
  if (GM_LIKELY(P == Probe::Hit))
    return Elem;
  if (GM_LIKELY(P == Probe::Miss))
    return const_cast<unsigned char *>(ZeroValue);
  return Runtime(T, H, Key);
}

template <typename KeyT,
          MapAccess2Result (*Runtime)(const MapType *, HMap *, KeyT)>
GM_FAST_INLINE MapAccess2Result access2(const MapType *T, HMap *H, KeyT Key) {
  void *Elem = nullptr;
  Probe P = lookup(T, reinterpret_cast<SwissMap *>(H), Key, &Elem);
  if (GM_LIKELY(P == Probe::Hit))
    return {Elem, true};
  if (GM_LIKELY(P == Probe::Miss))
    return {const_cast<unsigned char *>(ZeroValue), false};
  return Runtime(T, H, Key);
}

/// mapassign's fast path, for a map that is already a table, within the
/// first group of the key's probe: the key is there (its elem slot), or the
/// group has an empty slot, which ends the probe, so the key is absent and
/// goes into that group (a tombstone of it first, which costs no growth
/// budget; an empty slot only while the table has budget left). Writing is
/// toggled on and found still on at the end, as the runtime does.
template <typename KeyT, void *(*Runtime)(const MapType *, HMap *, KeyT)>
GM_FAST_INLINE void *assign(const MapType *T, HMap *H, KeyT Key) {
  auto *M = reinterpret_cast<SwissMap *>(H);
  if (GM_UNLIKELY(M == nullptr) || GM_UNLIKELY(M->DirLen == 0) ||
      GM_UNLIKELY(__atomic_load_n(&M->Writing, __ATOMIC_RELAXED)) ||
      !servesType<KeyT>(T))
    return Runtime(T, H, Key);
  uintptr_t Hash = hashOf(Key, M);
  __atomic_store_n(&M->Writing, uint8_t(1), __ATOMIC_RELAXED);
  SwissTable *Tab = tableFor(M, Hash);
  uint8_t *G = groupAt(T, Tab->Groups, h1(Hash) & Tab->GroupMask);
  CtrlWord Ctrl = CtrlWord::load(G);
  uint8_t H2 = h2(Hash);
  unsigned Slot = SwissGroupSlots;
  for (SlotSet S = Ctrl.matchH2(H2); S; S = S.withoutFirst())
    if (GM_LIKELY(keyEquals(T, G, S.first(), Key))) {
      Slot = S.first();
      break;
    }
  if (Slot == SwissGroupSlots) {
    SlotSet Empty = Ctrl.matchEmpty();
    SlotSet Deleted = Ctrl.matchDeleted();
    if (GM_UNLIKELY(!Empty) ||
        (!Deleted && GM_UNLIKELY(Tab->GrowthLeft == 0))) {
      // The probe goes on, or the table must be replaced: the runtime.
      __atomic_store_n(&M->Writing, uint8_t(0), __ATOMIC_RELAXED);
      return Runtime(T, H, Key);
    }
    if (Deleted) {
      Slot = Deleted.first();
    } else {
      Slot = Empty.first();
      --Tab->GrowthLeft;
    }
    // A free slot's elem is zero (new groups are, deletion zeroes it).
    std::memcpy(keySlot(T, G, Slot), &Key, sizeof Key);
    setCtrl(G, Slot, H2);
    ++Tab->Used;
    ++M->Count;
  }
  if (GM_UNLIKELY(!__atomic_load_n(&M->Writing, __ATOMIC_RELAXED)))
    gm::rt::fatalError("concurrent map writes");
  __atomic_store_n(&M->Writing, uint8_t(0), __ATOMIC_RELAXED);
  return elemSlot(T, G, Slot);
}

} // namespace

//===----------------------------------------------------------------------===//
// The exported fast paths: gm.swissfastpath.<entry>.
//===----------------------------------------------------------------------===//

#define GM_SWISS_FASTPATH(Ret, Entry, KeyT, Impl)                              \
  extern "C++" Ret swissfastpath_##Entry(                                      \
      const MapType *T, HMap *H, KeyT Key) asm("gm.swissfastpath." #Entry);    \
  Ret swissfastpath_##Entry(const MapType *T, HMap *H, KeyT Key) {             \
    return Impl<KeyT, gm::rt::Entry>(T, H, Key);                               \
  }

GM_SWISS_FASTPATH(void *, mapaccess1_fast32, uint32_t, access1)
GM_SWISS_FASTPATH(void *, mapaccess1_fast64, uint64_t, access1)
GM_SWISS_FASTPATH(MapAccess2Result, mapaccess2_fast32, uint32_t, access2)
GM_SWISS_FASTPATH(MapAccess2Result, mapaccess2_fast64, uint64_t, access2)
GM_SWISS_FASTPATH(void *, mapassign_fast32, uint32_t, assign)
GM_SWISS_FASTPATH(void *, mapassign_fast64, uint64_t, assign)
// Pointer keys use the fixed-width entry point of their size (mapFast()).
#if UINTPTR_MAX == UINT64_MAX
GM_SWISS_FASTPATH(void *, mapassign_fast64ptr, void *, assign)
#endif
