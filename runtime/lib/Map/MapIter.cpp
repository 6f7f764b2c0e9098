//===- MapIter.cpp - Map iteration (for range) ----------------------------===//
//
// mapiterinit and mapiternext, Go's iterator over the bucket layout. gmc
// allocates a zeroed HIter per range loop, calls mapiterinit, and then, while
// HIter::Key is non-null, runs the body and calls mapiternext.
//
// The rules (see also Map.cpp's essay):
//   * Start at a random bucket and, in every bucket, at a random slot
//     offset: iteration order is unspecified and programs must not rely on it.
//   * Walk the bucket array that was current at mapiterinit (HIter::Buckets,
//     with B = HIter::B), wrapping around once.
//   * If the map grew since then, that array is now the old one, or gone;
//     its evacuated slots are marked, and their entries are looked up again
//     in the live table (mapaccessK). A deleted entry is therefore never
//     produced, and an updated elem is seen.
//   * If the iterator started during a grow (HIter::B == HMap::B) and the old
//     bucket feeding the current bucket is not evacuated yet, walk the old
//     bucket instead and yield only the entries that belong to the current
//     bucket (HIter::CheckBucket); the other half of that old bucket is
//     yielded when the walk reaches its sibling bucket.
//   * NaN keys cannot be looked up; during an iteration evacuate() sends them
//     to X or Y by the low bit of their tophash, which this file mirrors.
//
//===----------------------------------------------------------------------===//

#include "Map/MapInternal.h"

using namespace gm::abi;

namespace {
/// HIter::CheckBucket value meaning "no check".
constexpr uintptr_t NoCheck = uintptr_t(1) << (gm::rt::maps::PtrBits - 1);
} // namespace

namespace gm::rt {
using namespace maps;

void mapiterinit(const MapType *T, HMap *H, HIter *It) {
  GM_RACE_READ(H);
  It->Key = nullptr;
  It->Elem = nullptr;
  It->Type = T;
  It->Map = nullptr;
  if (!H || H->Count == 0)
    return;

  It->Map = H;
  // Remember the table as it is now: a grow may replace it.
  It->B = H->B;
  It->Buckets = H->Buckets;
  It->Overflow = It->OldOverflow = nullptr;
  if (!T->BucketHasPointers) {
    // The GC does not see the overflow links of pointer-free buckets; hold
    // the overflow arrays so buckets keep living while we may walk them.
    It->Overflow = createOverflowArray(H);
    It->OldOverflow = H->Extra->OldOverflow;
  }

  uint64_t R = fastrand64();
  It->StartBucket = R & bucketMask(H->B);
  It->Offset = static_cast<uint8_t>((R >> (H->B & 63)) & (BucketCnt - 1));
  It->Bucket = It->StartBucket;
  It->Wrapped = false;
  It->BucketPtr = nullptr;
  It->I = 0;
  It->CheckBucket = NoCheck;

  // Several iterators may run at once (they only read), hence the atomic or.
  uint8_t Both = FlagIterator | FlagOldIterator;
  if ((loadFlags(H) & Both) != Both)
    __atomic_fetch_or(&H->Flags, Both, __ATOMIC_RELAXED);

  mapiternext(It);
}

void mapiternext(HIter *It) {
  HMap *H = It->Map;
  GM_RACE_READ(H);
  if (!H) {
    It->Key = It->Elem = nullptr;
    return;
  }
  checkNoWriter(H, "concurrent map iteration and map write");
  const MapType *T = It->Type;
  uintptr_t Bucket = It->Bucket;
  void *B = It->BucketPtr;
  uintptr_t I = It->I;
  uintptr_t CheckBucket = It->CheckBucket;

  for (;;) {
    if (!B) {
      if (Bucket == It->StartBucket && It->Wrapped) {
        It->Key = It->Elem = nullptr; // Done.
        return;
      }
      if (isGrowing(H) && It->B == H->B) {
        // Started during this grow, which is not finished: if the old bucket
        // is not evacuated yet, it is the one that holds our entries.
        void *Old = bucketAt(T, H->OldBuckets, Bucket & oldBucketMask(H));
        if (!isEvacuated(Old)) {
          B = Old;
          CheckBucket = Bucket;
        } else {
          B = bucketAt(T, It->Buckets, Bucket);
          CheckBucket = NoCheck;
        }
      } else {
        B = bucketAt(T, It->Buckets, Bucket);
        CheckBucket = NoCheck;
      }
      if (++Bucket == bucketShift(It->B)) {
        Bucket = 0;
        It->Wrapped = true;
      }
      I = 0;
    }

    const uint8_t *Tops = tophashes(B);
    for (; I < BucketCnt; ++I) {
      uintptr_t Off = (I + It->Offset) & (BucketCnt - 1);
      uint8_t Top = Tops[Off];
      if (isEmpty(Top) || Top == EvacuatedEmpty)
        continue;
      void *K = keyAt(T, B, Off);
      bool KeyEqualsItself = reflexiveKey(T) || T->Equal(K, K);
      if (CheckBucket != NoCheck && !isSameSizeGrow(H)) {
        // Walking an old bucket for new bucket CheckBucket: skip entries
        // that go to the other half.
        if (KeyEqualsItself) {
          uintptr_t Hash = T->Hasher(K, H->Hash0);
          if ((Hash & bucketMask(It->B)) != CheckBucket)
            continue;
        } else if ((CheckBucket >> (It->B - 1)) != uintptr_t(Top & 1)) {
          continue; // NaN: evacuate() decides by the tophash's low bit.
        }
      }
      if ((Top != EvacuatedX && Top != EvacuatedY) || !KeyEqualsItself) {
        // The entry is here (or is a NaN, which is never looked up).
        It->Key = K;
        It->Elem = elemAt(T, B, Off);
      } else {
        // Moved by a grow since we started: it may have been deleted or
        // updated since, so read it from the live table.
        MapAccessKResult R = mapaccessK(T, H, K);
        if (!R.Key)
          continue;
        It->Key = R.Key;
        It->Elem = R.Elem;
      }
      It->Bucket = Bucket;
      It->BucketPtr = B;
      It->I = static_cast<uint8_t>(I + 1);
      It->CheckBucket = CheckBucket;
      return;
    }
    B = overflowOf(T, B);
    I = 0;
  }
}

} // namespace gm::rt
