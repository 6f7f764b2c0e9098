//===- MapFastPath.cpp - Inlinable fast paths of the fixed-width map ops --===//
//
// The fast paths that the gm-map-inline pass inlines into gm programs in place
// of calls to runtime.mapaccess1_fast64, mapaccess2_fast64, mapassign_fast64,
// mapassign_fast64ptr and their 32-bit counterparts.
//
// This file is never compiled to machine code. runtime/fastpath/CMakeLists.txt
// compiles it with clang-19 to LLVM bitcode, which is embedded into the pass
// (gm::getFastPathBitcode()); the pass links the function it needs into the
// module and inlines it. Each fast path has exactly the signature of its
// runtime entry point and the symbol "gm.fastpath.<entry point>".
//
// A fast path handles the common case and nothing else; everything else is a
// tail call of the real entry point, which then does the whole job again:
//
//   access   nil map                      -> zero value
//            hashWriting set              -> runtime (fatal error there)
//            growing (OldBuckets != null) -> runtime (must look at old bucket)
//            empty map with B == 0        -> zero value
//            hit in the first bucket      -> elem slot
//            miss, the bucket has an emptyRest slot or no overflow bucket
//                                         -> zero value
//            miss, overflow chain to walk -> runtime
//   assign   nil map, hashWriting, growing, bucket array not yet allocated
//                                         -> runtime (panics/fatals/allocates)
//            key in the first bucket      -> elem slot
//            new key, free slot in the first bucket, the key cannot be in an
//            overflow bucket, and one more entry triggers no growth
//                                         -> tophash, key, count++, elem slot
//            anything else                -> runtime
//
// With B > 0 the bucket's 8 tophash bytes are matched against the key's
// tophash as one 64-bit word (SWAR) and only matching slots' keys compared;
// with B == 0 (no hash, as in Go) every live slot's key is compared.
//
// Every layout fact and every decision (tophash, load factor, overflow
// threshold, hashWriting protocol) comes from the map runtime's own headers:
// gm/runtime/ABI.h for the layout, Map/HashMix.h for the hash and
// Map/MapInternal.h for the shared helpers. With a constant maptype, every
// MapType field read below folds to a constant after inlining.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include "Map/HashMix.h"
#include "Map/MapInternal.h"

#include <cstring>

using namespace gm::abi;
using namespace gm::rt::maps;

#define GM_FAST_INLINE __attribute__((always_inline)) inline
#define GM_LIKELY(X) __builtin_expect(!!(X), 1)
#define GM_UNLIKELY(X) __builtin_expect(!!(X), 0)

namespace {

/// What lookups that miss return. Fast paths serve only elems of at most
/// MaxElemSize bytes (mapFast()); the runtime's own zero area is behind a
/// call, and any zeroed memory will do for a value that is only read.
alignas(16) const
    unsigned char ZeroValue[MaxElemSize] asm("gm.fastpath.zero") = {};

/// The hash of a key, exactly as the runtime's memhash32/memhash64 compute it
/// with the map's seed.
GM_FAST_INLINE uintptr_t hashOf(uint32_t K, const HMap *H) {
  return gm::rt::hashMix32(K, uintptr_t(H->Hash0));
}
GM_FAST_INLINE uintptr_t hashOf(uint64_t K, const HMap *H) {
  return gm::rt::hashMix64(K, uintptr_t(H->Hash0));
}
GM_FAST_INLINE uintptr_t hashOf(void *K, const HMap *H) {
  if constexpr (sizeof(void *) == 8)
    return hashOf(uint64_t(uintptr_t(K)), H);
  else
    return hashOf(uint32_t(uintptr_t(K)), H);
}

/// Key slot I of bucket B, read and written as KeyT. The bucket is untyped
/// memory, hence memcpy (a single load or store at -O2). Buckets are 8-byte
/// aligned and keys start at offset 8, so every key slot is aligned for KeyT:
/// memcpy through a KeyT pointer tells clang so.
template <typename KeyT> GM_FAST_INLINE KeyT *keySlotOf(void *B, unsigned I) {
  static_assert(BucketKeysOffset % sizeof(KeyT) == 0, "key slots aligned");
  return reinterpret_cast<KeyT *>(static_cast<char *>(B) + BucketKeysOffset +
                                  I * sizeof(KeyT));
}
template <typename KeyT> GM_FAST_INLINE KeyT keyIn(void *B, unsigned I) {
  KeyT K;
  std::memcpy(&K, keySlotOf<KeyT>(B, I), sizeof(KeyT));
  return K;
}
template <typename KeyT>
GM_FAST_INLINE void setKeyIn(void *B, unsigned I, KeyT K) {
  std::memcpy(keySlotOf<KeyT>(B, I), &K, sizeof(KeyT));
}

/// Conditions that the maptype alone decides. With a constant maptype they
/// fold away; they keep a fast path honest if it is ever handed a maptype
/// that mapFast() would not have chosen it for. The runtime hashes with
/// hashMix32/64 only for the standard hasher and calls any other; so must we
/// (by leaving such maps to it).
template <typename KeyT> GM_FAST_INLINE bool servesType(const MapType *T) {
  HashFn Standard = sizeof(KeyT) == 4 ? &gm::rt::memhash32 : &gm::rt::memhash64;
  return T->Hasher == Standard && T->KeySize == sizeof(KeyT) &&
         T->ElemSize <= MaxElemSize &&
         !(T->Flags & (MapIndirectKey | MapIndirectElem));
}

/// The slot among Candidates of bucket B that holds Key, or BucketCnt.
template <typename KeyT>
GM_FAST_INLINE unsigned findKey(void *B, uint64_t Candidates, KeyT Key) {
  for (; Candidates; Candidates &= Candidates - 1) {
    unsigned I = firstSlot(Candidates);
    if (keyIn<KeyT>(B, I) == Key)
      return I;
  }
  return BucketCnt;
}

/// bucketMask(H->B), knowing what the runtime guarantees: B < 64 (a larger
/// B could not be allocated), so the shift needs no masking.
GM_FAST_INLINE uintptr_t fastBucketMask(const HMap *H) {
  uint8_t B = H->B;
  __builtin_assume(B < PtrBits);
  return bucketMask(B);
}

/// The outcome of probing the first bucket.
enum class Probe { Hit, Miss, Slow };

/// Looks Key up in its first bucket. On a hit, *Elem is the elem slot.
/// A miss is certain when the bucket has an emptyRest slot (nothing follows)
/// or no overflow bucket; otherwise the runtime has to walk the chain.
template <typename KeyT>
GM_FAST_INLINE Probe lookup(const MapType *T, HMap *H, KeyT Key, void **Elem) {
  if (H == nullptr)
    return Probe::Miss;
  if (GM_UNLIKELY(loadFlags(H) & FlagHashWriting) ||
      GM_UNLIKELY(isGrowing(H)) || !servesType<KeyT>(T))
    return Probe::Slow;
  void *B = H->Buckets;
  uint64_t Tops;
  // Each branch computes its own elem slot: merging the two slot numbers
  // first would keep the compiler from folding the SWAR bit position into
  // the address.
  if (H->B == 0) {
    // An empty map may not have its one bucket yet. (With B > 0 the bucket
    // array always exists, and an empty one simply misses: no count check
    // on that path.)
    if (H->Count == 0)
      return Probe::Miss;
    // One bucket: the key can only be here, no need to hash. Without a hash
    // there is no tophash to match: compare the key of every live slot, up
    // to emptyRest, as the runtime does.
    Tops = tophashWord(B);
#pragma clang loop unroll(disable) vectorize(disable)
    for (unsigned I = 0; I < BucketCnt; ++I) {
      uint8_t Top = tophashes(B)[I];
      if (Top == EmptyRest)
        break;
      if (!isEmpty(Top) && keyIn<KeyT>(B, I) == Key) {
        *Elem = elemSlot(T, B, I);
        return Probe::Hit;
      }
    }
  } else {
    uintptr_t Hash = hashOf(Key, H);
    B = bucketAt(T, B, Hash & fastBucketMask(H));
    Tops = tophashWord(B);
    unsigned Slot = findKey(B, slotsWithTop(Tops, topHash(Hash)), Key);
    if (GM_LIKELY(Slot != BucketCnt)) {
      *Elem = elemSlot(T, B, Slot);
      return Probe::Hit;
    }
  }
  if (endsChain(Tops) || GM_LIKELY(overflowOf(T, B) == nullptr))
    return Probe::Miss;
  return Probe::Slow;
}

template <typename KeyT, void *(*Runtime)(const MapType *, HMap *, KeyT)>
GM_FAST_INLINE void *access1(const MapType *T, HMap *H, KeyT Key) {
  void *Elem = nullptr;
  Probe P = lookup(T, H, Key, &Elem);
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
  Probe P = lookup(T, H, Key, &Elem);
  if (GM_LIKELY(P == Probe::Hit))
    return {Elem, true};
  if (GM_LIKELY(P == Probe::Miss))
    return {const_cast<unsigned char *>(ZeroValue), false};
  return Runtime(T, H, Key);
}

/// mapassign's fast path. hashWriting is set after hashing and cleared with
/// the concurrent-writer check at the end, as the runtime does; a bail-out
/// after it was set clears it again before the runtime call.
template <typename KeyT, void *(*Runtime)(const MapType *, HMap *, KeyT)>
GM_FAST_INLINE void *assign(const MapType *T, HMap *H, KeyT Key) {
  if (GM_UNLIKELY(H == nullptr) ||
      GM_UNLIKELY(loadFlags(H) & FlagHashWriting) ||
      GM_UNLIKELY(isGrowing(H)) || GM_UNLIKELY(H->Buckets == nullptr) ||
      !servesType<KeyT>(T))
    return Runtime(T, H, Key);
  uintptr_t Hash = hashOf(Key, H);
  setWriting(H);

  void *B = bucketAt(T, H->Buckets, Hash & fastBucketMask(H));
  uint8_t Top = topHash(Hash);
  uint64_t Tops = tophashWord(B);
  unsigned Slot = findKey(B, slotsWithTop(Tops, Top), Key);
  if (GM_LIKELY(Slot != BucketCnt)) {
    void *Elem = elemSlot(T, B, Slot);
    clearWriting(H);
    return Elem;
  }

  // A new key. Insert it here only if it cannot live in an overflow bucket
  // (an emptyRest slot ends the chain), there is room, and the runtime would
  // not grow the map for it.
  bool ChainMayHoldKey = !endsChain(Tops) && overflowOf(T, B) != nullptr;
  uint64_t Free = freeSlots(Tops);
  if (GM_UNLIKELY(ChainMayHoldKey || Free == 0 ||
                  overLoadFactor(H->Count + 1, H->B) ||
                  tooManyOverflowBuckets(H->NOverflow, H->B))) {
    storeFlags(H, loadFlags(H) & ~FlagHashWriting);
    return Runtime(T, H, Key);
  }
  Slot = firstSlot(Free);
  tophashes(B)[Slot] = Top;
  setKeyIn<KeyT>(B, Slot, Key);
  ++H->Count;
  void *Elem = elemSlot(T, B, Slot);
  clearWriting(H);
  return Elem;
}

} // namespace

//===----------------------------------------------------------------------===//
// The exported fast paths: one per entry point, named gm.fastpath.<entry>.
//===----------------------------------------------------------------------===//

#define GM_FASTPATH(Ret, Entry, KeyT, Impl)                                    \
  extern "C++" Ret fastpath_##Entry(const MapType *T, HMap *H,                 \
                                    KeyT Key) asm("gm.fastpath." #Entry);      \
  Ret fastpath_##Entry(const MapType *T, HMap *H, KeyT Key) {                  \
    return Impl<KeyT, gm::rt::Entry>(T, H, Key);                               \
  }

GM_FASTPATH(void *, mapaccess1_fast32, uint32_t, access1)
GM_FASTPATH(void *, mapaccess1_fast64, uint64_t, access1)
GM_FASTPATH(MapAccess2Result, mapaccess2_fast32, uint32_t, access2)
GM_FASTPATH(MapAccess2Result, mapaccess2_fast64, uint64_t, access2)
GM_FASTPATH(void *, mapassign_fast32, uint32_t, assign)
GM_FASTPATH(void *, mapassign_fast64, uint64_t, assign)
// Pointer keys use the fixed-width entry point of their size (mapFast()).
#if UINTPTR_MAX == UINT64_MAX
GM_FASTPATH(void *, mapassign_fast64ptr, void *, assign)
#else
GM_FASTPATH(void *, mapassign_fast32ptr, void *, assign)
#endif
