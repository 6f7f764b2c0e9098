//===- MapInternal.h - Shared internals of the map runtime ------*- C++ -*-===//
//
// Internal to runtime/lib/Map. Bucket accessors are built only from the
// layout functions and constants of gm/runtime/ABI.h; nothing here restates
// a layout constant. See Map.cpp for the design essay.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_MAP_MAPINTERNAL_H
#define GM_RUNTIME_MAP_MAPINTERNAL_H

#include "gm/runtime/ABI.h"

#include "Core/Panic.h"
#include "Core/Race.h"
#include "Map/HashMix.h"

#include <cstring>

namespace gm::rt::maps {

//===----------------------------------------------------------------------===//
// Random numbers and hashing (Hash.cpp)
//===----------------------------------------------------------------------===//

/// Cheap per-thread pseudo-random numbers (Go's fastrand), seeded from
/// getrandom(2). Used for hash0, iterator start positions, NaN hashes and the
/// probabilistic overflow count.
uint32_t fastrand();
uint64_t fastrand64();

/// The hash of Len bytes at P under Seed (the body of memhash/strhash).
uintptr_t hashBytes(const void *P, uintptr_t Len, uintptr_t Seed);

/// Unaligned little-endian loads of untyped memory.
inline uint64_t load64(const void *P) {
  uint64_t V;
  std::memcpy(&V, P, sizeof V);
  return V;
}
inline uint32_t load32(const void *P) {
  uint32_t V;
  std::memcpy(&V, P, sizeof V);
  return V;
}

/// Len bytes at A equal Len bytes at B. Keys of 4 to 16 bytes, the common
/// string keys, are compared with two overlapping loads from each side
/// instead of a call to memcmp. A or B may be null when Len is 0 (an empty
/// string's data), which memcmp does not allow.
inline bool bytesEqual(const void *A, const void *B, uintptr_t Len) {
  const auto *P = static_cast<const uint8_t *>(A);
  const auto *Q = static_cast<const uint8_t *>(B);
  if (Len >= 8 && Len <= 16)
    return ((load64(P) ^ load64(Q)) |
            (load64(P + Len - 8) ^ load64(Q + Len - 8))) == 0;
  if (Len >= 4 && Len < 8)
    return ((load32(P) ^ load32(Q)) |
            (load32(P + Len - 4) ^ load32(Q + Len - 4))) == 0;
  return P == Q || Len == 0 || std::memcmp(P, Q, Len) == 0;
}

/// Go's string ==: lengths first, then the bytes (unless shared).
inline bool stringsEqual(const GoString &X, const GoString &Y) {
  return X.Len == Y.Len &&
         (X.Data == Y.Data ||
          bytesEqual(X.Data, Y.Data, static_cast<uintptr_t>(X.Len)));
}

//===----------------------------------------------------------------------===//
// Bucket accessors
//===----------------------------------------------------------------------===//
//
// A bucket is untyped memory of MapType::BucketSize bytes:
//
//   [0, BucketKeysOffset)                   tophash[BucketCnt]
//   [BucketKeysOffset, bucketElemsOffset)   BucketCnt key slots of KeySize
//   [bucketElemsOffset, overflowOffset)     BucketCnt elem slots of ElemSize
//   [overflowOffset, BucketSize)            overflow bucket pointer

inline constexpr uintptr_t PtrBits = sizeof(uintptr_t) * 8;

inline uint8_t *tophashes(void *B) { return static_cast<uint8_t *>(B); }

inline void *bucketAt(const MapType *T, void *Array, uintptr_t I) {
  return static_cast<uint8_t *>(Array) + I * T->BucketSize;
}

/// The key slot I (the pointer itself for indirect keys).
inline void *keySlot(const MapType *T, void *B, uintptr_t I) {
  return static_cast<uint8_t *>(B) + BucketKeysOffset + I * T->KeySize;
}

/// The elem slot I (the pointer itself for indirect elems).
inline void *elemSlot(const MapType *T, void *B, uintptr_t I) {
  return static_cast<uint8_t *>(B) + bucketElemsOffset(T->KeySize) +
         I * T->ElemSize;
}

inline void **overflowSlot(const MapType *T, void *B) {
  return reinterpret_cast<void **>(
      static_cast<uint8_t *>(B) +
      bucketOverflowOffset(T->KeySize, T->ElemSize));
}
inline void *overflowOf(const MapType *T, void *B) {
  return *overflowSlot(T, B);
}
inline void setOverflow(const MapType *T, void *B, void *Ovf) {
  *overflowSlot(T, B) = Ovf;
}

inline bool indirectKey(const MapType *T) { return T->Flags & MapIndirectKey; }
inline bool indirectElem(const MapType *T) {
  return T->Flags & MapIndirectElem;
}
inline bool reflexiveKey(const MapType *T) {
  return T->Flags & MapReflexiveKey;
}
inline bool needKeyUpdate(const MapType *T) {
  return T->Flags & MapNeedKeyUpdate;
}
inline bool hashMightPanic(const MapType *T) {
  return T->Flags & MapHashMightPanic;
}

/// The key stored in slot I (following the indirection).
inline void *keyAt(const MapType *T, void *B, uintptr_t I) {
  void *K = keySlot(T, B, I);
  return indirectKey(T) ? *static_cast<void **>(K) : K;
}
/// The elem stored in slot I (following the indirection).
inline void *elemAt(const MapType *T, void *B, uintptr_t I) {
  void *E = elemSlot(T, B, I);
  return indirectElem(T) ? *static_cast<void **>(E) : E;
}

/// The slot is free (emptyOne or emptyRest).
inline bool isEmpty(uint8_t Top) { return Top <= EmptyOne; }

/// The bucket (of the old array) has been evacuated.
inline bool isEvacuated(void *B) {
  uint8_t H = tophashes(B)[0];
  return H > EmptyOne && H < MinTopHash;
}

/// The top byte of Hash, moved clear of the special values.
inline uint8_t topHash(uintptr_t Hash) {
  // Word-sized arithmetic: a byte-sized Top costs extra zero-extensions in
  // the inlined fast paths.
  uintptr_t Top = Hash >> (PtrBits - 8);
  if (Top < MinTopHash)
    Top += MinTopHash;
  return static_cast<uint8_t>(Top);
}

//===----------------------------------------------------------------------===//
// A bucket's 8 tophash bytes as one word (SWAR). Byte I of the word is slot
// I's tophash (little-endian). A scan matches all 8 slots at once and then
// visits only the candidates, so its branches depend on whether the key is
// there, not on where: no mispredicted exit from a slot loop per lookup.
// Of the bits zeroBytes() sets, the lowest is exact; bits above a true zero
// byte may be false positives (borrow propagation), which callers tolerate:
// a false candidate fails the key compare, and "some byte is zero" is exact.
//===----------------------------------------------------------------------===//

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "slot I is byte I of the tophash word");
static_assert(BucketCnt == 8, "8 tophash bytes make one word");

inline constexpr uint64_t ByteLsbs = 0x0101010101010101ull;
inline constexpr uint64_t ByteMsbs = 0x8080808080808080ull;

inline uint64_t tophashWord(const void *B) {
  uint64_t W;
  std::memcpy(&W, B, sizeof W);
  return W;
}
/// The high bit of every byte of W that is zero (the lowest one exact).
inline uint64_t zeroBytes(uint64_t W) { return (W - ByteLsbs) & ~W & ByteMsbs; }
/// The slot of the lowest byte flagged in Bits (nonzero).
inline unsigned firstSlot(uint64_t Bits) {
  return unsigned(__builtin_ctzll(Bits)) / 8;
}
/// Slots whose tophash is Top: the candidates for a key with that tophash.
inline uint64_t slotsWithTop(uint64_t Tops, uint8_t Top) {
  return zeroBytes(Tops ^ (ByteLsbs * Top));
}
/// Slots that are free, emptyOne or emptyRest (the lowest one exact).
inline uint64_t freeSlots(uint64_t Tops) {
  static_assert(EmptyRest == 0 && EmptyOne == 1, "free means tophash < 2");
  return zeroBytes(Tops & ~ByteLsbs);
}
/// Some slot is emptyRest: no key follows in this bucket or its chain.
inline bool endsChain(uint64_t Tops) {
  static_assert(EmptyRest == 0, "emptyRest is the zero byte");
  return zeroBytes(Tops) != 0;
}

inline uintptr_t bucketShift(uint8_t B) {
  return uintptr_t(1) << (B & (PtrBits - 1));
}
inline uintptr_t bucketMask(uint8_t B) { return bucketShift(B) - 1; }

/// Count entries in 2^B buckets exceed the load factor.
inline bool overLoadFactor(int64_t Count, uint8_t B) {
  return Count > int64_t(BucketCnt) &&
         uint64_t(Count) > LoadFactorNum * (bucketShift(B) / LoadFactorDen);
}

/// Enough overflow buckets to warrant a same-size grow: as many as buckets,
/// capped at 2^15 (the count is approximate from B=16 on).
inline bool tooManyOverflowBuckets(uint16_t NOverflow, uint8_t B) {
  if (B > 15)
    B = 15;
  return NOverflow >= uint16_t(uint16_t(1) << (B & 15));
}

inline bool isGrowing(const HMap *H) { return H->OldBuckets != nullptr; }

//===----------------------------------------------------------------------===//
// Flags. Accessed with relaxed atomics, which compile to plain loads and
// stores (like Go's) but stop the compiler from folding the re-check of
// hashWriting at the end of a write into the store at its start.
//===----------------------------------------------------------------------===//

inline uint8_t loadFlags(const HMap *H) {
  return __atomic_load_n(&H->Flags, __ATOMIC_RELAXED);
}
inline void storeFlags(HMap *H, uint8_t F) {
  __atomic_store_n(&H->Flags, F, __ATOMIC_RELAXED);
}

inline bool isSameSizeGrow(const HMap *H) {
  return loadFlags(H) & FlagSameSizeGrow;
}
/// Buckets in the old array.
inline uintptr_t oldBucketCount(const HMap *H) {
  uint8_t B = H->B;
  if (!isSameSizeGrow(H))
    --B;
  return bucketShift(B);
}
inline uintptr_t oldBucketMask(const HMap *H) { return oldBucketCount(H) - 1; }

/// Start of a write: fatal if another write is in progress, else set
/// hashWriting. Go checks before hashing and sets after; callers do the same.
inline void checkNoWriter(const HMap *H, const char *Msg) {
  if (loadFlags(H) & FlagHashWriting)
    fatalError(Msg);
}
inline void setWriting(HMap *H) {
  storeFlags(H, loadFlags(H) ^ FlagHashWriting);
}
/// End of a write: someone else cleared hashWriting meanwhile means a
/// concurrent writer.
inline void clearWriting(HMap *H) {
  uint8_t F = loadFlags(H);
  if (!(F & FlagHashWriting))
    fatalError("concurrent map writes");
  storeFlags(H, F & ~FlagHashWriting);
}

//===----------------------------------------------------------------------===//
// Shared with the Swiss map (MapType.cpp)
//===----------------------------------------------------------------------===//

/// The shared zero value returned by lookups that miss (MaxZeroSize bytes).
void *zeroValue(const MapType *T);

/// Aborts with "fatal error: inconsistent maptype for map[K]V: Why".
[[noreturn]] void badMapType(const MapType *T, const char *Why);

/// badMapType unless T's slot sizes and flags agree with each other and with
/// its key and elem types. The table layout (BucketSize) is each runtime's
/// own check.
void checkMapTypeSlots(const MapType *T);

//===----------------------------------------------------------------------===//
// Shared operations (Map.cpp)
//===----------------------------------------------------------------------===//

/// checkMapTypeSlots, and BucketSize is the classic bucket's size.
void checkMapType(const MapType *T);

/// Allocates one zeroed bucket (GC-atomic when the bucket holds no pointers).
void *newBucket(const MapType *T);

/// Allocates (or, given Dirty, clears) a bucket array for 2^B buckets plus,
/// for B >= 4, 2^(B-4) preallocated overflow buckets. Returns the array and
/// sets *NextOverflow to the first preallocated overflow bucket or null.
void *makeBucketArray(const MapType *T, uint8_t B, void *Dirty,
                      void **NextOverflow);

/// Chains a new overflow bucket after B and returns it.
void *newOverflow(const MapType *T, HMap *H, void *B);

/// Makes H->Extra exist.
MapExtra *createExtra(HMap *H);

/// Makes H->Extra->Overflow exist and returns it. Layout of every overflow
/// array: slot 0 links forward to the array that replaced it when it filled
/// up (null while current); slots 1..OverflowLen hold overflow buckets. An
/// iterator that holds an early array therefore reaches, and keeps alive,
/// every overflow bucket added to its bucket array later.
void **createOverflowArray(HMap *H);

/// Starts a doubling or same-size grow.
void hashGrow(const MapType *T, HMap *H);

/// Evacuates the old bucket that Bucket (of the new array) draws from, and
/// one more.
void growWork(const MapType *T, HMap *H, uintptr_t Bucket);

/// The bucket a lookup of Hash must search: the old bucket when the map is
/// growing and it has not been evacuated yet.
inline void *bucketForRead(const MapType *T, const HMap *H, uintptr_t Hash) {
  uintptr_t M = bucketMask(H->B);
  void *B = bucketAt(T, H->Buckets, Hash & M);
  if (void *Old = H->OldBuckets) {
    if (!isSameSizeGrow(H))
      M >>= 1;
    void *OldB = bucketAt(T, Old, Hash & M);
    if (!isEvacuated(OldB))
      B = OldB;
  }
  return B;
}

/// After deleting slot I of bucket B (whose chain starts at First): if
/// nothing live follows, turns the trailing run of emptyOne into emptyRest,
/// walking back across the chain.
void collapseEmptyRest(const MapType *T, void *First, void *B, uintptr_t I);

/// Ends a successful delete: count-- and reseed when the map becomes empty.
inline void noteDeleted(HMap *H) {
  if (--H->Count == 0)
    H->Hash0 = fastrand();
}

/// Does the growth work a write to Bucket owes first (nothing unless growing).
inline void prepareBucketForWrite(const MapType *T, HMap *H, uintptr_t Bucket) {
  if (isGrowing(H))
    growWork(T, H, Bucket);
}

/// The Go check done by every assign before inserting a new key: grow when
/// one more entry would overload the table or overflow buckets pile up.
inline bool needsGrow(const HMap *H) {
  return !isGrowing(H) && (overLoadFactor(H->Count + 1, H->B) ||
                           tooManyOverflowBuckets(H->NOverflow, H->B));
}

} // namespace gm::rt::maps

#endif // GM_RUNTIME_MAP_MAPINTERNAL_H
