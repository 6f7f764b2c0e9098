//===- Map.cpp - Go's bucket hash map: creation, access, growth -----------===//
//
// This file implements gm's map, which is Go's classic (1.19-1.23) hash map.
// The layout lives in gm/runtime/ABI.h, which the compiler also includes.
//
// Layout
// ------
// A map is a pointer to an HMap header. The header points to an array of 2^B
// buckets. A key hashes to a 64-bit value whose low B bits select the bucket
// and whose top byte (the "tophash", moved clear of the special values 0-4)
// is kept per slot, so a lookup compares whole keys only on a tophash match.
//
//   HMap { Count, Flags, B, NOverflow, Hash0, Buckets, OldBuckets,
//          NEvacuate, Extra }
//                       |
//                       v
//   bucket 0 [ tophash x8 | key x8 | elem x8 | overflow ] --> overflow bucket
//   bucket 1 [ ...                                      ]
//   ...
//   bucket 2^B-1
//   (for B >= 4: 2^(B-4) spare buckets, handed out as overflow buckets)
//
// Keys are stored together, then elems, so no padding is needed between a
// small key and a large elem (map[int8]int64 would waste 7 bytes a slot if
// they alternated). Keys or elems larger than 128 bytes are stored out of
// line, as pointers (MapIndirectKey/MapIndirectElem).
//
// Each bucket holds 8 entries. When it is full a lookup or insert continues in
// its chain of overflow buckets. Deleting marks the slot emptyOne; when no
// live entry follows it in the chain, it and the emptyOne slots before it
// become emptyRest, which lets every scan stop at the first emptyRest.
//
// Growth
// ------
// When an insert would push the average load above 6.5 entries per bucket,
// the table doubles (B+1). When there are about as many overflow buckets as
// buckets (NOverflow >= 2^min(B,15)), usually because of deletions, the table
// is rebuilt at the same size to compact the chains ("same-size grow").
// Growth is incremental: hashGrow only allocates the new array and moves the
// current one to OldBuckets. Afterwards every assign and delete evacuates the
// old bucket it is about to touch plus the next unevacuated one (NEvacuate),
// so no single operation pays for the whole copy. Reads never evacuate: they
// look in the old bucket while it is not yet evacuated.
//
// Evacuating old bucket i of 2^(B-1) sends each entry to new bucket i ("X")
// or i + 2^(B-1) ("Y"), according to the hash bit that B just added. Each
// slot of the old bucket is then marked evacuatedX, evacuatedY or
// evacuatedEmpty, which is how readers and iterators know to look elsewhere.
// When NEvacuate reaches the old bucket count, OldBuckets is dropped.
//
// Iteration (MapIter.cpp)
// -----------------------
// An iterator walks the bucket array it saw at start, from a random bucket
// and from a random slot offset within every bucket, so no program can depend
// on an order. If the map grows during the walk, the iterator keeps walking
// the array it started with and copes:
//   * If it started before the grow, its array is now OldBuckets. Entries of
//     evacuated slots are looked up again in the current table (mapaccessK),
//     so a deleted entry is never produced and an updated elem is seen.
//   * If it started during a grow and reaches a bucket whose old bucket is not
//     evacuated yet, it walks the old bucket instead, yielding only the
//     entries that will land in its bucket (CheckBucket).
// NaN keys cannot be looked up again; their X/Y choice during an iteration is
// the low bit of their tophash, which the iterator can recompute.
//
// Misuse
// ------
// Maps are not safe for concurrent use. Writers set FlagHashWriting for their
// duration; readers and writers that find it set, and writers that find it
// cleared when they finish, stop the program with Go's fatal errors.
//
// Load factor
// -----------
// Measured on this implementation for map[int64]int64 with 2^14 buckets
// (test/unit/map MapGrowth.MapLoadFactorTable prints it); Go's published
// figures for its own map agree within a few hundredths:
//
//   loadFactor  %overflow  bytes/entry  hitprobe  missprobe
//         4.00       2.32        20.83      3.00       4.00
//         4.50       4.13        17.32      3.25       4.50
//         5.00       6.90        14.79      3.50       5.00
//         5.50      10.48        12.93      3.75       5.50
//         6.00      15.33        11.69      4.00       6.00
//         6.50      21.00        10.82      4.25       6.50
//
//   %overflow   percentage of buckets that have an overflow bucket
//   bytes/entry overhead bytes used per key/elem pair
//   hitprobe    tophashes checked to find a present key (1 + load/2)
//   missprobe   tophashes checked to find an absent key (= load)
//
// Loads above 6.5 never occur (the table grows first), so they are not
// measured here.
// 6.5 keeps the chains short while wasting little memory.
//
// Files: Map.cpp (this: creation, generic access/assign/delete, growth,
// evacuation), MapFast.h + MapFast{32,64,Str}.cpp (the specialised entry
// points, one template), MapIter.cpp, MapClear.cpp, MapStats.cpp, Hash.cpp.
//
//===----------------------------------------------------------------------===//

#include "Map/MapInternal.h"

#include <gc/gc.h>
#include <sys/mman.h>

#include <cstring>

using namespace gm::abi;

/// Every gm module references this symbol of the runtime it was compiled
/// for (ABI.h, mapRuntimeMarkerSymbol): linking a Swiss module against this
/// library fails to find gm_map_runtime_swiss.
extern "C" {
extern const char GmMapRuntimeClassic[] asm(GM_MAP_RUNTIME_CLASSIC_SYMBOL);
const char GmMapRuntimeClassic[] = "classic";
}

namespace gm::rt::maps {
namespace {

/// Largest allocation a hint may ask for (Go's maxAlloc on 64-bit Linux).
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

/// The language heap's allocator (Core/Memory.cpp): zeroed memory, scanned
/// only when it may hold pointers, Go's out-of-memory report.
void *allocate(uint64_t Size, bool HasPointers) {
  return mallocgc(Size, HasPointers);
}

/// Bucket arrays at least this large are allocated "ignore off page": the GC
/// then keeps them alive only through pointers to their first page, which
/// HMap::Buckets/OldBuckets and HIter::Buckets always are. Fewer false
/// retentions from stray interior-looking words, and no large-block warnings.
constexpr uint64_t LargeArray = uint64_t(64) << 10;

/// Bucket arrays at least this large ask for transparent huge pages.
constexpr uint64_t HugePageSize = uint64_t(2) << 20;
constexpr uint64_t HugeArray = 2 * HugePageSize;

/// Asks the kernel to back the whole huge pages inside [P, P+Size) with huge
/// pages. Lookups and inserts in a large map hit random buckets, and with
/// 4 KiB pages nearly every one of them also misses the TLB; Go's heap gets
/// huge pages the same way. Only a hint: it does nothing where THP is off.
void adviseHugePages(void *P, uint64_t Size) {
  uintptr_t Begin =
      (reinterpret_cast<uintptr_t>(P) + HugePageSize - 1) & ~(HugePageSize - 1);
  uintptr_t End = (reinterpret_cast<uintptr_t>(P) + Size) & ~(HugePageSize - 1);
  if (Begin < End)
    madvise(reinterpret_cast<void *>(Begin), End - Begin, MADV_HUGEPAGE);
}

void *allocateArray(uint64_t Size, bool HasPointers) {
  if (Size < LargeArray)
    return allocate(Size, HasPointers);
  void *P = HasPointers ? GC_MALLOC_IGNORE_OFF_PAGE(Size)
                        : GC_MALLOC_ATOMIC_IGNORE_OFF_PAGE(Size);
  if (!P)
    fatalError("runtime: out of memory");
  if (Size >= HugeArray)
    adviseHugePages(P, Size);
  if (!HasPointers)
    std::memset(P, 0, Size);
  return P;
}

/// Counts one more overflow bucket: exactly below B=16, and from then on with
/// probability 1/2^(B-15), so the 16-bit counter tracks about NOverflow *
/// 2^(B-15) buckets and tooManyOverflowBuckets compares against 2^15.
void incrNOverflow(HMap *H) {
  if (H->B < 16) {
    ++H->NOverflow;
    return;
  }
  uint32_t Mask = (uint32_t(1) << ((H->B - 15) & 31)) - 1;
  if ((fastrand() & Mask) == 0)
    ++H->NOverflow;
}

/// Appends Ovf to the GC-visible overflow array. Slot 0 of every array is a
/// forward link to the array that replaced it, so an iterator holding an old
/// array (HIter::Overflow) still reaches, and keeps alive, every overflow
/// bucket added since; slots 1..OverflowLen hold the buckets.
void growOverflowArray(MapExtra *E) {
  int64_t NewCap = E->OverflowCap ? 2 * E->OverflowCap : 4;
  auto **A = static_cast<void **>(
      allocate(uint64_t(NewCap + 1) * sizeof(void *), true));
  if (E->Overflow) {
    std::memcpy(A + 1, E->Overflow + 1,
                uint64_t(E->OverflowLen) * sizeof(void *));
    E->Overflow[0] = A;
  }
  E->Overflow = A;
  E->OverflowCap = NewCap;
}

void appendOverflow(MapExtra *E, void *Ovf) {
  if (!E->Overflow || E->OverflowLen == E->OverflowCap)
    growOverflowArray(E);
  E->Overflow[1 + E->OverflowLen++] = Ovf;
}

struct EvacDst {
  void *B;     // Current destination bucket.
  uintptr_t I; // Next free slot in it.
};

void advanceEvacuationMark(const MapType *T, HMap *H, uintptr_t NewBit) {
  ++H->NEvacuate;
  // Skip buckets already evacuated out of order, but look at no more than
  // 1024 so that one operation stays O(1).
  uintptr_t Stop = H->NEvacuate + 1024;
  if (Stop > NewBit)
    Stop = NewBit;
  while (H->NEvacuate < Stop &&
         isEvacuated(bucketAt(T, H->OldBuckets, H->NEvacuate)))
    ++H->NEvacuate;
  if (H->NEvacuate == NewBit) {
    // Growth is done: let the old array and its overflow buckets go.
    H->OldBuckets = nullptr;
    if (MapExtra *E = H->Extra) {
      E->OldOverflow = nullptr;
      E->OldOverflowLen = E->OldOverflowCap = 0;
    }
    storeFlags(H, loadFlags(H) & ~FlagSameSizeGrow);
  }
}

/// Copies a key or elem slot of Size bytes. The common sizes are fixed-size
/// copies (a load and a store each), not calls to memcpy.
inline void copySlot(void *Dst, const void *Src, uintptr_t Size) {
  switch (Size) {
  case 4:
    std::memcpy(Dst, Src, 4);
    return;
  case 8:
    std::memcpy(Dst, Src, 8);
    return;
  case 16:
    std::memcpy(Dst, Src, 16);
    return;
  default:
    std::memcpy(Dst, Src, Size);
  }
}

/// How evacuate hashes and sizes key slots. AnyKeys serves every map; the
/// others serve the maps of the fast entry points (direct keys with the
/// standard hasher), whose keys evacuate without an indirect hasher call or
/// a variable-size copy, as Go's evacuate_fast32/64/str do.
struct AnyKeys {
  static uintptr_t keySize(const MapType *T) { return T->KeySize; }
  static uintptr_t hash(const MapType *T, const void *K, uintptr_t Seed) {
    return T->Hasher(K, Seed);
  }
  static bool reflexive(const MapType *T) { return reflexiveKey(T); }
};
struct Word32Keys {
  static uintptr_t keySize(const MapType *) { return 4; }
  static uintptr_t hash(const MapType *, const void *K, uintptr_t Seed) {
    return hashMix32(load32(K), Seed);
  }
  static bool reflexive(const MapType *) { return true; }
};
struct Word64Keys {
  static uintptr_t keySize(const MapType *) { return 8; }
  static uintptr_t hash(const MapType *, const void *K, uintptr_t Seed) {
    return hashMix64(load64(K), Seed);
  }
  static bool reflexive(const MapType *) { return true; }
};
struct StringKeys {
  static uintptr_t keySize(const MapType *) { return sizeof(GoString); }
  static uintptr_t hash(const MapType *, const void *K, uintptr_t Seed) {
    GoString S;
    std::memcpy(&S, K, sizeof S);
    return hashBytes(S.Data, static_cast<uintptr_t>(S.Len), Seed);
  }
  static bool reflexive(const MapType *) { return true; }
};

/// Moves the entries of old bucket OldBucket (and its chain) to the new array.
template <class Keys>
void evacuateWith(const MapType *T, HMap *H, uintptr_t OldBucket) {
  void *B = bucketAt(T, H->OldBuckets, OldBucket);
  uintptr_t NewBit = oldBucketCount(H);
  if (!isEvacuated(B)) {
    bool SameSize = isSameSizeGrow(H);
    EvacDst XY[2] = {{bucketAt(T, H->Buckets, OldBucket), 0}, {nullptr, 0}};
    if (!SameSize)
      XY[1].B = bucketAt(T, H->Buckets, OldBucket + NewBit);
    bool Iterating = loadFlags(H) & FlagIterator;
    uintptr_t KeySize = Keys::keySize(T);
    uintptr_t ElemsOffset = bucketElemsOffset(KeySize);
    auto KeyOf = [&](void *Bucket, uintptr_t I) {
      return static_cast<uint8_t *>(Bucket) + BucketKeysOffset + I * KeySize;
    };
    auto ElemOf = [&](void *Bucket, uintptr_t I) {
      return static_cast<uint8_t *>(Bucket) + ElemsOffset + I * T->ElemSize;
    };

    for (; B; B = overflowOf(T, B)) {
      uint8_t *Tops = tophashes(B);
      for (uintptr_t I = 0; I < BucketCnt; ++I) {
        uint8_t Top = Tops[I];
        if (isEmpty(Top)) {
          Tops[I] = EvacuatedEmpty;
          continue;
        }
        if (Top < MinTopHash)
          fatalError("bad map state");
        unsigned UseY = 0;
        if (!SameSize) {
          void *K = indirectKey(T) ? *reinterpret_cast<void **>(KeyOf(B, I))
                                   : KeyOf(B, I);
          uintptr_t Hash = Keys::hash(T, K, H->Hash0);
          if (Iterating && !Keys::reflexive(T) && !T->Equal(K, K)) {
            // A NaN: its hash is random and an iterator must be able to tell
            // where it went, so the low tophash bit decides, and the entry
            // gets a fresh tophash for its new bucket.
            UseY = Top & 1;
            Top = topHash(Hash);
          } else if (Hash & NewBit) {
            UseY = 1;
          }
        }
        static_assert(EvacuatedX + 1 == EvacuatedY, "evacuatedX + useY");
        Tops[I] = static_cast<uint8_t>(EvacuatedX + UseY);
        EvacDst &D = XY[UseY];
        if (D.I == BucketCnt) {
          D.B = newOverflow(T, H, D.B);
          D.I = 0;
        }
        tophashes(D.B)[D.I] = Top;
        // Slot-sized copies: for indirect keys/elems this moves the pointer.
        copySlot(KeyOf(D.B, D.I), KeyOf(B, I), KeySize);
        copySlot(ElemOf(D.B, D.I), ElemOf(B, I), T->ElemSize);
        ++D.I;
      }
    }
    // Unless an iterator may still walk the old bucket, drop its keys, elems
    // and overflow link so the GC can reclaim what they point to. The
    // tophashes stay: they hold the evacuation marks.
    if (!(loadFlags(H) & FlagOldIterator) && T->BucketHasPointers) {
      auto *Old = static_cast<uint8_t *>(bucketAt(T, H->OldBuckets, OldBucket));
      std::memset(Old + BucketKeysOffset, 0, T->BucketSize - BucketKeysOffset);
    }
  }
  if (OldBucket == H->NEvacuate)
    advanceEvacuationMark(T, H, NewBit);
}

/// evacuateWith for T's keys: the fast entry points' maps (direct keys with
/// a standard hasher, as abi::mapFast() chooses them) take a specialised
/// copy, everything else the generic one.
void evacuate(const MapType *T, HMap *H, uintptr_t OldBucket) {
  if (!indirectKey(T)) {
    if (T->Hasher == &memhash64 && T->KeySize == 8)
      return evacuateWith<Word64Keys>(T, H, OldBucket);
    if (T->Hasher == &memhash32 && T->KeySize == 4)
      return evacuateWith<Word32Keys>(T, H, OldBucket);
    if (T->Hasher == &strhash && T->KeySize == sizeof(GoString))
      return evacuateWith<StringKeys>(T, H, OldBucket);
  }
  evacuateWith<AnyKeys>(T, H, OldBucket);
}

/// Finds Key (H non-null and non-empty). Returns the bucket and slot index.
/// Like Go's mapaccessK, it does not check for a concurrent writer; the
/// reads below that are entry points do (readSlot).
bool findSlot(const MapType *T, HMap *H, const void *Key, void **BOut,
              uintptr_t *IOut) {
  uintptr_t Hash = T->Hasher(Key, H->Hash0);
  uint8_t Top = topHash(Hash);
  for (void *B = bucketForRead(T, H, Hash); B; B = overflowOf(T, B)) {
    uint8_t *Tops = tophashes(B);
    for (uintptr_t I = 0; I < BucketCnt; ++I) {
      if (Tops[I] != Top) {
        if (Tops[I] == EmptyRest)
          return false;
        continue;
      }
      if (T->Equal(Key, keyAt(T, B, I))) {
        *BOut = B;
        *IOut = I;
        return true;
      }
    }
  }
  return false;
}

/// findSlot for the mapaccess1/2 family, with Go's misuse check.
bool readSlot(const MapType *T, HMap *H, const void *Key, void **BOut,
              uintptr_t *IOut) {
  checkNoWriter(H, "concurrent map read and map write");
  return findSlot(T, H, Key, BOut, IOut);
}

/// The nil/empty map case of every lookup: Go still hashes the key when the
/// hasher can panic, so that the panic happens.
bool emptyForRead(const MapType *T, const HMap *H, const void *Key) {
  if (H && H->Count != 0)
    return false;
  if (hashMightPanic(T))
    T->Hasher(Key, 0);
  return true;
}

} // namespace

void checkMapType(const MapType *T) {
  checkMapTypeSlots(T);
  if (T->BucketSize != bucketSize(T->KeySize, T->ElemSize))
    badMapType(T, "bucket size disagrees with the slot sizes (a maptype "
                  "for another map runtime?)");
}

void *newBucket(const MapType *T) {
  checkMapType(T);
  return allocate(T->BucketSize, T->BucketHasPointers);
}

void *makeBucketArray(const MapType *T, uint8_t B, void *Dirty,
                      void **NextOverflow) {
  checkMapType(T);
  uintptr_t Base = bucketShift(B);
  uintptr_t N = Base;
  // With B >= 4 chains are likely; preallocate 1/16 spare buckets in the same
  // allocation, cheaper than allocating them one by one.
  if (B >= 4)
    N += bucketShift(B - 4);
  uint64_t Size = uint64_t(N) * T->BucketSize;
  void *A;
  if (!Dirty) {
    A = allocateArray(Size, T->BucketHasPointers);
  } else {
    A = Dirty; // mapclear: reuse the array at the same B.
    std::memset(A, 0, Size);
  }
  *NextOverflow = nullptr;
  if (Base != N) {
    *NextOverflow = bucketAt(T, A, Base);
    // A non-null overflow pointer in the last spare bucket marks the end of
    // the spares (newOverflow resets it).
    setOverflow(T, bucketAt(T, A, N - 1), A);
  }
  return A;
}

MapExtra *createExtra(HMap *H) {
  if (!H->Extra)
    H->Extra = static_cast<MapExtra *>(allocate(sizeof(MapExtra), true));
  return H->Extra;
}

void **createOverflowArray(HMap *H) {
  MapExtra *E = createExtra(H);
  if (!E->Overflow)
    growOverflowArray(E);
  return E->Overflow;
}

void *newOverflow(const MapType *T, HMap *H, void *B) {
  void *Ovf;
  MapExtra *E = H->Extra;
  if (E && E->NextOverflow) {
    // Take a preallocated spare.
    Ovf = E->NextOverflow;
    if (!overflowOf(T, Ovf)) {
      E->NextOverflow = bucketAt(T, Ovf, 1);
    } else {
      // The last spare: clear the end marker.
      setOverflow(T, Ovf, nullptr);
      E->NextOverflow = nullptr;
    }
  } else {
    Ovf = newBucket(T);
  }
  incrNOverflow(H);
  // The GC does not scan pointer-free buckets, so their overflow links do not
  // keep overflow buckets alive; the Extra array does.
  if (!T->BucketHasPointers)
    appendOverflow(createExtra(H), Ovf);
  setOverflow(T, B, Ovf);
  return Ovf;
}

void hashGrow(const MapType *T, HMap *H) {
  // Doubling if we hit the load factor, else a same-size grow to compact
  // overflow chains.
  uint8_t Bigger = 1;
  if (!overLoadFactor(H->Count + 1, H->B)) {
    Bigger = 0;
    storeFlags(H, loadFlags(H) | FlagSameSizeGrow);
  }
  void *Old = H->Buckets;
  void *NextOverflow;
  void *New = makeBucketArray(T, H->B + Bigger, nullptr, &NextOverflow);

  // Iterators of the current array now iterate the old one.
  uint8_t F = loadFlags(H);
  uint8_t NewF = F & ~(FlagIterator | FlagOldIterator);
  if (F & FlagIterator)
    NewF |= FlagOldIterator;
  H->B += Bigger;
  storeFlags(H, NewF);
  H->OldBuckets = Old;
  H->Buckets = New;
  H->NEvacuate = 0;
  H->NOverflow = 0;

  if (MapExtra *E = H->Extra; E && E->Overflow) {
    if (E->OldOverflow)
      fatalError("oldoverflow is not nil");
    E->OldOverflow = E->Overflow;
    E->OldOverflowLen = E->OverflowLen;
    E->OldOverflowCap = E->OverflowCap;
    E->Overflow = nullptr;
    E->OverflowLen = E->OverflowCap = 0;
  }
  if (NextOverflow)
    createExtra(H)->NextOverflow = NextOverflow;
  // The entries move later, in growWork.
}

void growWork(const MapType *T, HMap *H, uintptr_t Bucket) {
  // The old bucket the caller is about to use, then one more for progress.
  evacuate(T, H, Bucket & oldBucketMask(H));
  if (isGrowing(H))
    evacuate(T, H, H->NEvacuate);
}

void collapseEmptyRest(const MapType *T, void *First, void *B, uintptr_t I) {
  // Only if the slot after I (possibly in the next bucket) is emptyRest.
  if (I == BucketCnt - 1) {
    void *Next = overflowOf(T, B);
    if (Next && tophashes(Next)[0] != EmptyRest)
      return;
  } else if (tophashes(B)[I + 1] != EmptyRest) {
    return;
  }
  // Walk backwards, across buckets of the chain, turning emptyOne into
  // emptyRest.
  for (;;) {
    tophashes(B)[I] = EmptyRest;
    if (I == 0) {
      if (B == First)
        break;
      void *Cur = B;
      for (B = First; overflowOf(T, B) != Cur; B = overflowOf(T, B)) {
      }
      I = BucketCnt - 1;
    } else {
      --I;
    }
    if (tophashes(B)[I] != EmptyOne)
      break;
  }
}

} // namespace gm::rt::maps

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

namespace gm::rt {
using namespace maps;

HMap *makemap_small() {
  auto *H = static_cast<HMap *>(GC_MALLOC(sizeof(HMap)));
  if (!H)
    fatalError("runtime: out of memory");
  H->Hash0 = fastrand();
  return H;
}

HMap *makemap(const MapType *T, int64_t Hint, HMap *H) {
  checkMapType(T);
  // A hint whose buckets could not be allocated counts as 0; a negative hint
  // converts to a huge unsigned number and lands here too.
  uint64_t Mem;
  if (__builtin_mul_overflow(static_cast<uint64_t>(Hint),
                             uint64_t(T->BucketSize), &Mem) ||
      Mem > MaxAlloc)
    Hint = 0;

  if (!H) {
    H = static_cast<HMap *>(GC_MALLOC(sizeof(HMap)));
    if (!H)
      fatalError("runtime: out of memory");
  }
  H->Hash0 = fastrand();

  // The smallest B that holds Hint entries within the load factor.
  uint8_t B = 0;
  while (overLoadFactor(Hint, B))
    ++B;
  H->B = B;

  // B == 0 allocates its one bucket lazily, in mapassign.
  if (B != 0) {
    void *NextOverflow;
    H->Buckets = makeBucketArray(T, B, nullptr, &NextOverflow);
    if (NextOverflow)
      createExtra(H)->NextOverflow = NextOverflow;
  }
  return H;
}

HMap *makemap64(const MapType *T, int64_t Hint, HMap *H) {
  // int is 64 bits wide here, so every int64 hint is already an int.
  return makemap(T, Hint, H);
}

void *mapaccess1(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_READ(H);
  void *B;
  uintptr_t I;
  if (emptyForRead(T, H, Key) || !readSlot(T, H, Key, &B, &I))
    return zeroValue(T);
  return elemAt(T, B, I);
}

MapAccess2Result mapaccess2(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_READ(H);
  void *B;
  uintptr_t I;
  if (emptyForRead(T, H, Key) || !readSlot(T, H, Key, &B, &I))
    return {zeroValue(T), false};
  return {elemAt(T, B, I), true};
}

MapAccessKResult mapaccessK(const MapType *T, HMap *H, const void *Key) {
  void *B;
  uintptr_t I;
  if (!H || H->Count == 0 || !findSlot(T, H, Key, &B, &I))
    return {nullptr, nullptr};
  return {keyAt(T, B, I), elemAt(T, B, I)};
}

void *mapaccess1_fat(const MapType *T, HMap *H, const void *Key,
                     const void *Zero) {
  GM_RACE_READ(H);
  void *B;
  uintptr_t I;
  if (emptyForRead(T, H, Key) || !readSlot(T, H, Key, &B, &I))
    return const_cast<void *>(Zero);
  return elemAt(T, B, I);
}

MapAccess2Result mapaccess2_fat(const MapType *T, HMap *H, const void *Key,
                                const void *Zero) {
  GM_RACE_READ(H);
  void *B;
  uintptr_t I;
  if (emptyForRead(T, H, Key) || !readSlot(T, H, Key, &B, &I))
    return {const_cast<void *>(Zero), false};
  return {elemAt(T, B, I), true};
}

void *mapassign(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_WRITE(H);
  if (!H)
    panicPlainError("assignment to entry in nil map");
  checkNoWriter(H, "concurrent map writes");
  uintptr_t Hash = T->Hasher(Key, H->Hash0);
  // Set hashWriting after the hasher, which may panic, in which case there
  // was no write.
  setWriting(H);
  if (!H->Buckets)
    H->Buckets = newBucket(T);

  uint8_t Top = topHash(Hash);
  uint8_t *InsertTop;
  void *InsertK, *Elem;
again:
  prepareBucketForWrite(T, H, Hash & bucketMask(H->B));
  InsertTop = nullptr;
  InsertK = Elem = nullptr;
  {
    void *B = bucketAt(T, H->Buckets, Hash & bucketMask(H->B));
    for (;;) {
      uint8_t *Tops = tophashes(B);
      for (uintptr_t I = 0; I < BucketCnt; ++I) {
        if (Tops[I] != Top) {
          if (isEmpty(Tops[I]) && !InsertTop) {
            InsertTop = &Tops[I];
            InsertK = keySlot(T, B, I);
            Elem = elemSlot(T, B, I);
          }
          if (Tops[I] == EmptyRest)
            goto notFound;
          continue;
        }
        void *K = keyAt(T, B, I);
        if (!T->Equal(Key, K))
          continue;
        // Already present: update the key if needed (+0 overwritten by -0).
        if (needKeyUpdate(T))
          std::memcpy(K, Key, T->KeyTypeSize);
        Elem = elemSlot(T, B, I);
        goto done;
      }
      void *Ovf = overflowOf(T, B);
      if (!Ovf)
        break;
      B = Ovf;
    }
  notFound:
    // Not found. Grow if this entry would overload the table, then start
    // over (the bucket moved).
    if (needsGrow(H)) {
      hashGrow(T, H);
      goto again;
    }
    if (!InsertTop) {
      // Every slot of the chain is full: chain a new overflow bucket.
      void *NewB = newOverflow(T, H, B);
      InsertTop = &tophashes(NewB)[0];
      InsertK = keySlot(T, NewB, 0);
      Elem = elemSlot(T, NewB, 0);
    }
  }
  if (indirectKey(T)) {
    void *KMem = allocate(T->KeyTypeSize, true);
    *static_cast<void **>(InsertK) = KMem;
    InsertK = KMem;
  }
  if (indirectElem(T))
    *static_cast<void **>(Elem) = allocate(T->ElemTypeSize, true);
  std::memcpy(InsertK, Key, T->KeyTypeSize);
  *InsertTop = Top;
  ++H->Count;

done:
  clearWriting(H);
  if (indirectElem(T))
    Elem = *static_cast<void **>(Elem);
  return Elem;
}

void mapdelete(const MapType *T, HMap *H, const void *Key) {
  GM_RACE_WRITE(H);
  if (!H || H->Count == 0) {
    if (hashMightPanic(T))
      T->Hasher(Key, 0);
    return;
  }
  checkNoWriter(H, "concurrent map writes");
  uintptr_t Hash = T->Hasher(Key, H->Hash0);
  setWriting(H);

  uintptr_t Bucket = Hash & bucketMask(H->B);
  prepareBucketForWrite(T, H, Bucket);
  void *First = bucketAt(T, H->Buckets, Bucket);
  uint8_t Top = topHash(Hash);
  for (void *B = First; B; B = overflowOf(T, B)) {
    uint8_t *Tops = tophashes(B);
    for (uintptr_t I = 0; I < BucketCnt; ++I) {
      if (Tops[I] != Top) {
        if (Tops[I] == EmptyRest)
          goto out;
        continue;
      }
      if (!T->Equal(Key, keyAt(T, B, I)))
        continue;
      // Clear the slot (for indirect slots, the pointer) so the GC can
      // reclaim what it referenced.
      std::memset(keySlot(T, B, I), 0, T->KeySize);
      std::memset(elemSlot(T, B, I), 0, T->ElemSize);
      Tops[I] = EmptyOne;
      collapseEmptyRest(T, First, B, I);
      noteDeleted(H);
      goto out;
    }
  }
out:
  clearWriting(H);
}

} // namespace gm::rt
