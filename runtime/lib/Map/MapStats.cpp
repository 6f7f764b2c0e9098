//===- MapStats.cpp - runtime.mapstats, gm's map introspection ------------===//
//
// Not in Go: a snapshot of a map's shape, for docs, tests and programs that
// want to watch growth happen. It only reads the map (and takes no part in
// misuse detection beyond what any reader does).
//
//===----------------------------------------------------------------------===//

#include "Map/MapInternal.h"

#include <cstring>

using namespace gm::abi;

namespace {
using namespace gm::rt::maps;

/// Counts the overflow buckets behind the NBuckets buckets of Array and, if
/// Histogram is given, records each chain's length.
int64_t walkChains(const MapType *T, void *Array, uintptr_t NBuckets,
                   int64_t *Histogram) {
  int64_t Overflow = 0;
  for (uintptr_t I = 0; I < NBuckets; ++I) {
    int64_t Len = 0;
    for (void *B = bucketAt(T, Array, I); B; B = overflowOf(T, B))
      ++Len;
    Overflow += Len - 1;
    if (Histogram)
      ++Histogram[(Len > 8 ? 8 : Len) - 1];
  }
  return Overflow;
}
} // namespace

namespace gm::rt {

void mapstats(const MapType *T, HMap *H, MapStats *S) {
  std::memset(S, 0, sizeof *S);
  if (!H)
    return;
  checkNoWriter(H, "concurrent map read and map write");
  S->Count = H->Count;
  S->B = H->B;
  S->Buckets = int64_t(bucketShift(H->B));
  S->NOverflow = H->NOverflow;
  S->LoadFactor = double(H->Count) / double(S->Buckets);
  if (H->Buckets)
    S->OverflowBuckets =
        walkChains(T, H->Buckets, bucketShift(H->B), S->ChainLengthHistogram);
  if (H->OldBuckets) {
    uintptr_t N = oldBucketCount(H);
    S->OldBuckets = int64_t(N);
    for (uintptr_t I = 0; I < N; ++I)
      if (!isEvacuated(bucketAt(T, H->OldBuckets, I)))
        ++S->OldBucketsRemaining;
    S->OverflowBuckets += walkChains(T, H->OldBuckets, N, nullptr);
  }
}

} // namespace gm::rt
