//===- MapClear.cpp - clear(m) --------------------------------------------===//
//
// mapclear, with Go 1.21's semantics: every entry goes (NaN keys included,
// which no delete can remove), B is kept, the seed changes, and iterators in
// progress stop, because every tophash they could still reach becomes
// emptyRest before the arrays are cleared.
//
//===----------------------------------------------------------------------===//

#include "Map/MapInternal.h"

#include <cstring>

using namespace gm::abi;

namespace {
using namespace gm::rt::maps;

/// Marks every slot of the NBuckets buckets at Array, and of their overflow
/// chains, emptyRest.
void markBucketsEmpty(const MapType *T, void *Array, uintptr_t NBuckets) {
  for (uintptr_t I = 0; I < NBuckets; ++I)
    for (void *B = bucketAt(T, Array, I); B; B = overflowOf(T, B))
      std::memset(tophashes(B), EmptyRest, BucketCnt);
}
} // namespace

namespace gm::rt {

void mapclear(const MapType *T, HMap *H) {
  GM_RACE_WRITE(H);
  if (!H || H->Count == 0)
    return;
  checkNoWriter(H, "concurrent map writes");
  setWriting(H);

  // Iterators may hold either array: end them before the memory is reused.
  markBucketsEmpty(T, H->Buckets, bucketShift(H->B));
  if (H->OldBuckets)
    markBucketsEmpty(T, H->OldBuckets, oldBucketCount(H));

  storeFlags(H, loadFlags(H) & ~FlagSameSizeGrow);
  H->OldBuckets = nullptr;
  H->NEvacuate = 0;
  H->NOverflow = 0;
  H->Count = 0;
  // A fresh seed, so that keys which collided before need not collide again.
  H->Hash0 = fastrand();
  if (H->Extra)
    *H->Extra = MapExtra{};

  // Reuse the bucket array: clear it and its spare overflow buckets.
  void *NextOverflow;
  makeBucketArray(T, H->B, H->Buckets, &NextOverflow);
  if (NextOverflow)
    createExtra(H)->NextOverflow = NextOverflow;

  clearWriting(H);
}

} // namespace gm::rt
