//===- SwissFastPath.cpp - Inlinable lookups of the Swiss map -------------===//
//
// The fast paths that gm-map-inline inlines into a module compiled for the
// Swiss map runtime (gmc -fmap-runtime=swiss, issue 18) in place of calls to
// runtime.mapaccess1_fast32/64 and mapaccess2_fast32/64. Like
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
// Assignments stay calls for now: an insert that must replace a table has
// to move up to 896 entries, and the write protocol (Writing, tombstones,
// growth budget) is not yet written out here.
//
// Every layout fact, the H1/H2 split and the control-byte encoding come from
// the Swiss runtime's own header (Swiss/Group.h over gm/runtime/ABI.h), and
// the hash from Map/HashMix.h, which the runtime's memhash32/64 use.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

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
