//===- MapFast.h - The specialised map entry points, one template -*- C++ -*-=//
//
// Go's map_fast32.go, map_fast64.go and map_faststr.go are three copies of
// the same access/assign/delete logic, specialised on how a key is hashed,
// compared and stored. Here that logic is written once, as FastMap<Traits>,
// and MapFast32.cpp, MapFast64.cpp and MapFastStr.cpp instantiate it:
//
//   Traits      Key        compare                 B==0 without hash
//   Fast32      uint32_t   one 4-byte load         always
//   Fast64      uint64_t   one 8-byte load         always
//   FastStr     GoString   length, pointer, bytes  keys < 32 bytes
//
// One departure from Go: once a key is hashed, all three match the bucket's
// tophash bytes as one word (SWAR, MapInternal.h) and compare only the
// candidates' keys. Go's fast32/fast64 compare every slot's key instead; the
// position where that loop stops is random, so it costs a mispredicted
// branch per lookup, and the word match does not. (The inlined fast paths of
// runtime/fastpath match the same way.) An unhashed B==0 scan still compares
// every live slot, as Go does. Growth and evacuation are shared with the
// generic path (Map.cpp), which moves slots with the MapType's hasher, so
// there is nothing to specialise there.
//
// Which maps may use these entry points is decided by abi::mapFast() alone.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_MAP_MAPFAST_H
#define GM_RUNTIME_MAP_MAPFAST_H

#include "Map/MapInternal.h"

#define GM_MAP_ALWAYS_INLINE __attribute__((always_inline)) inline

namespace gm::rt::maps {

/// One specialisation of the fast entry points. Traits provides:
///   Key; KeySlotSize; WrongTypeMessage;
///   hash(T, Key, Seed); hasStandardHasher(T); standardHash(Key, Seed)
///   (hash when hasStandardHasher); equal(Key, Slot); store(Slot, Key);
///   overwrite(Slot, Key) (on assigning an existing key);
///   scanWithoutHash(Key) (whether a B==0 map may be scanned unhashed).
template <class Traits> struct FastMap {
  using Key = typename Traits::Key;

  /// Key and elem slots with the key slot size known at compile time (the
  /// fast entry points serve only maps whose KeySize is Traits::KeySlotSize;
  /// assign checks it when it allocates the first bucket).
  GM_MAP_ALWAYS_INLINE static void *fastKeySlot(void *B, uintptr_t I) {
    return static_cast<uint8_t *>(B) + BucketKeysOffset +
           I * Traits::KeySlotSize;
  }
  GM_MAP_ALWAYS_INLINE static void *fastElemSlot(const MapType *T, void *B,
                                                 uintptr_t I) {
    return static_cast<uint8_t *>(B) + bucketElemsOffset(Traits::KeySlotSize) +
           I * T->ElemSize;
  }

  /// A found slot: bucket and index (B null when not found). Returned by
  /// value, in two registers.
  struct Slot {
    void *B;
    uintptr_t I;
  };

  /// Scans the chain from B for K, whose tophash is Top.
  GM_MAP_ALWAYS_INLINE static Slot scan(const MapType *T, void *B, Key K,
                                        uint8_t Top) {
    for (; B; B = overflowOf(T, B)) {
      uint64_t Tops = tophashWord(B);
      for (uint64_t C = slotsWithTop(Tops, Top); C; C &= C - 1) {
        uintptr_t I = firstSlot(C);
        if (Traits::equal(K, fastKeySlot(B, I)))
          return {B, I};
      }
      if (endsChain(Tops))
        break;
    }
    return {nullptr, 0};
  }

  /// Scans B, the only bucket of a B==0 map, for K without a hash: every
  /// live slot's key is compared, up to emptyRest.
  GM_MAP_ALWAYS_INLINE static Slot scanUnhashed(void *B, Key K) {
    const uint8_t *Tops = tophashes(B);
    for (uintptr_t I = 0; I < BucketCnt; ++I) {
      uint8_t X = Tops[I];
      if (X == EmptyRest)
        break;
      if (!isEmpty(X) && Traits::equal(K, fastKeySlot(B, I)))
        return {B, I};
    }
    return {nullptr, 0};
  }

  /// The elem of K, or null. WithHasher hashes through T->Hasher; otherwise
  /// T has the standard hasher of Traits and the hash is computed inline.
  template <bool WithHasher>
  GM_MAP_ALWAYS_INLINE static void *lookup(const MapType *T, HMap *H, Key K) {
    if (!H || H->Count == 0)
      return nullptr;
    checkNoWriter(H, "concurrent map read and map write");
    Slot S;
    if (H->B == 0 && Traits::scanWithoutHash(K)) {
      // One bucket, never growing: no need to hash.
      S = scanUnhashed(H->Buckets, K);
    } else {
      uintptr_t Hash = WithHasher ? T->Hasher(&K, H->Hash0)
                                  : Traits::standardHash(K, H->Hash0);
      S = scan(T, bucketForRead(T, H, Hash), K, topHash(Hash));
    }
    return S.B ? fastElemSlot(T, S.B, S.I) : nullptr;
  }

  template <bool WithHasher>
  GM_MAP_ALWAYS_INLINE static void *access1Impl(const MapType *T, HMap *H,
                                                Key K) {
    if (void *E = lookup<WithHasher>(T, H, K))
      return E;
    return zeroValue(T);
  }
  template <bool WithHasher>
  GM_MAP_ALWAYS_INLINE static MapAccess2Result access2Impl(const MapType *T,
                                                           HMap *H, Key K) {
    if (void *E = lookup<WithHasher>(T, H, K))
      return {E, true};
    return {zeroValue(T), false};
  }

  /// Maps with another hasher (never from gmc) take a whole separate copy
  /// of the access. Were only the hash out of line, the hot path would
  /// continue after a call and need callee-saved registers, pushed and
  /// popped on every lookup; this way it only ever tail-calls.
  [[gnu::noinline, gnu::cold]] static void *access1WithHasher(const MapType *T,
                                                              HMap *H, Key K) {
    return access1Impl<true>(T, H, K);
  }
  [[gnu::noinline, gnu::cold]] static MapAccess2Result
  access2WithHasher(const MapType *T, HMap *H, Key K) {
    return access2Impl<true>(T, H, K);
  }

  GM_MAP_ALWAYS_INLINE static void *access1(const MapType *T, HMap *H, Key K) {
    if (!Traits::hasStandardHasher(T))
      return access1WithHasher(T, H, K);
    return access1Impl<false>(T, H, K);
  }

  GM_MAP_ALWAYS_INLINE static MapAccess2Result access2(const MapType *T,
                                                       HMap *H, Key K) {
    if (!Traits::hasStandardHasher(T))
      return access2WithHasher(T, H, K);
    return access2Impl<false>(T, H, K);
  }

  GM_MAP_ALWAYS_INLINE static void *assign(const MapType *T, HMap *H, Key K) {
    if (!H)
      panicPlainError("assignment to entry in nil map");
    checkNoWriter(H, "concurrent map writes");
    uintptr_t Hash = Traits::hash(T, K, H->Hash0);
    setWriting(H);
    if (!H->Buckets) {
      if (T->KeySize != Traits::KeySlotSize || indirectElem(T))
        fatalError(Traits::WrongTypeMessage);
      H->Buckets = newBucket(T);
    }

    uint8_t Top = topHash(Hash);
    void *InsertB;
    uintptr_t InsertI;
  again:
    prepareBucketForWrite(T, H, Hash & bucketMask(H->B));
    InsertB = nullptr;
    InsertI = 0;
    {
      // The first free slot in chain order is where a new key goes.
      void *B = bucketAt(T, H->Buckets, Hash & bucketMask(H->B));
      for (;;) {
        uint64_t Tops = tophashWord(B);
        for (uint64_t C = slotsWithTop(Tops, Top); C; C &= C - 1) {
          uintptr_t I = firstSlot(C);
          void *Slot = fastKeySlot(B, I);
          if (Traits::equal(K, Slot)) {
            Traits::overwrite(Slot, K);
            InsertB = B;
            InsertI = I;
            goto done;
          }
        }
        if (!InsertB) {
          if (uint64_t Free = freeSlots(Tops)) {
            InsertB = B;
            InsertI = firstSlot(Free);
          }
        }
        if (endsChain(Tops))
          break;
        void *Ovf = overflowOf(T, B);
        if (!Ovf)
          break;
        B = Ovf;
      }
      if (needsGrow(H)) {
        hashGrow(T, H);
        goto again;
      }
      if (!InsertB) {
        InsertB = newOverflow(T, H, B);
        InsertI = 0;
      }
    }
    tophashes(InsertB)[InsertI] = Top;
    Traits::store(fastKeySlot(InsertB, InsertI), K);
    ++H->Count;

  done:
    void *Elem = fastElemSlot(T, InsertB, InsertI);
    clearWriting(H);
    return Elem;
  }

  GM_MAP_ALWAYS_INLINE static void remove(const MapType *T, HMap *H, Key K) {
    if (!H || H->Count == 0)
      return;
    checkNoWriter(H, "concurrent map writes");
    uintptr_t Hash = Traits::hash(T, K, H->Hash0);
    setWriting(H);

    uintptr_t Bucket = Hash & bucketMask(H->B);
    prepareBucketForWrite(T, H, Bucket);
    void *First = bucketAt(T, H->Buckets, Bucket);
    Slot S = scan(T, First, K, topHash(Hash));
    if (void *B = S.B) {
      uintptr_t I = S.I;
      std::memset(keySlot(T, B, I), 0, T->KeySize);
      std::memset(elemSlot(T, B, I), 0, T->ElemSize);
      tophashes(B)[I] = EmptyOne;
      collapseEmptyRest(T, First, B, I);
      noteDeleted(H);
    }
    clearWriting(H);
  }
};

/// 4- and 8-byte plain-memory keys.
template <class KeyT> struct FastIntTraits {
  using Key = KeyT;
  static constexpr unsigned KeySlotSize = sizeof(KeyT);
  static constexpr const char *WrongTypeMessage =
      sizeof(KeyT) == 4
          ? "mapassign_fast32: maptype does not have 4-byte direct keys"
          : "mapassign_fast64: maptype does not have 8-byte direct keys";

  /// Whether T hashes with memhash32/memhash64 (always, from gmc), whose
  /// mix standardHash computes without the indirect call.
  static bool hasStandardHasher(const MapType *T) {
    return T->Hasher == (sizeof(KeyT) == 4 ? &memhash32 : &memhash64);
  }
  static uintptr_t standardHash(KeyT K, uintptr_t Seed) {
    if constexpr (sizeof(KeyT) == 4)
      return hashMix32(K, Seed);
    else
      return hashMix64(K, Seed);
  }
  static uintptr_t hash(const MapType *T, KeyT K, uintptr_t Seed) {
    if (hasStandardHasher(T))
      return standardHash(K, Seed);
    return hashWithHasher(T, K, Seed);
  }
  /// Any other hasher, out of line: the key must go to memory for it, and
  /// that would otherwise give every lookup a stack frame.
  [[gnu::noinline, gnu::cold]] static uintptr_t
  hashWithHasher(const MapType *T, KeyT K, uintptr_t Seed) {
    return T->Hasher(&K, Seed);
  }
  static bool equal(KeyT K, const void *Slot) {
    KeyT V;
    std::memcpy(&V, Slot, sizeof V);
    return V == K;
  }
  static void store(void *Slot, KeyT K) { std::memcpy(Slot, &K, sizeof K); }
  static void overwrite(void *, KeyT) {}
  static bool scanWithoutHash(KeyT) { return true; }
};

/// String keys.
struct FastStrTraits {
  using Key = GoString;
  static constexpr unsigned KeySlotSize = sizeof(GoString);
  static constexpr const char *WrongTypeMessage =
      "mapassign_faststr: maptype does not have string keys";

  static bool hasStandardHasher(const MapType *T) {
    return T->Hasher == &strhash;
  }
  static uintptr_t standardHash(const GoString &K, uintptr_t Seed) {
    return hashBytes(K.Data, static_cast<uintptr_t>(K.Len), Seed);
  }
  static uintptr_t hash(const MapType *T, const GoString &K, uintptr_t Seed) {
    if (hasStandardHasher(T))
      return standardHash(K, Seed);
    return T->Hasher(&K, Seed);
  }
  static bool equal(const GoString &K, const void *Slot) {
    GoString V;
    std::memcpy(&V, Slot, sizeof V);
    return stringsEqual(K, V);
  }
  static void store(void *Slot, const GoString &K) {
    std::memcpy(Slot, &K, sizeof K);
  }
  /// Point the stored key at the new bytes (equal contents), as Go does, so
  /// the old key's bytes can be collected.
  static void overwrite(void *Slot, const GoString &K) {
    std::memcpy(Slot, &K.Data, sizeof K.Data);
  }
  /// Short keys are cheaper to compare than to hash.
  static bool scanWithoutHash(const GoString &K) { return K.Len < 32; }
};

using Fast32 = FastMap<FastIntTraits<uint32_t>>;
using Fast64 = FastMap<FastIntTraits<uint64_t>>;
using FastStr = FastMap<FastStrTraits>;

} // namespace gm::rt::maps

#endif // GM_RUNTIME_MAP_MAPFAST_H
