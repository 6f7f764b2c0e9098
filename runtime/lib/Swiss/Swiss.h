//===- Swiss.h - The Swiss map's C++ API ------------------------*- C++ -*-===//
//-*-===//
//
// Go 1.24's map (internal/runtime/maps) as a C++ library: see SwissMap.cpp
// for the design. libgmrt.a links it next to the classic map, which owns
// Go's symbol names there; libgmrt_swiss.a, which `gmc -fmap-runtime=swiss`
// links, exports it under Go's names (SwissEntry.cpp) instead of the classic
// map.
//
// Every function takes the maptype the classic map takes (abi::MapType):
// Hasher, Equal, the key and elem slot sizes, the flags and
// BucketHasPointers. The group layout follows from the slot sizes
// (abi::swissGroupSize); BucketSize is checked only by the entry points
// (gmc stores the group size there for a Swiss module), so that these
// functions also take the classic maptypes the unit tests build.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_SWISS_SWISS_H
#define GM_RUNTIME_SWISS_SWISS_H

#include "gm/runtime/ABI.h"

namespace gm::rt::swiss {
using namespace gm::abi;

/// make(map[K]V, Hint). Up to 8 entries the map stays small and allocates
/// its group at the first insert; a larger hint sizes the directory and
/// tables so that Hint entries fit without growing. A negative hint, or one
/// whose tables would exceed 2^48 bytes, counts as 0, as in Go.
SwissMap *makeMap(const MapType *T, int64_t Hint);

/// make(map[K]V) with no hint or a hint of at most 8 (Go's makemap_small):
/// an empty small map, which needs no maptype until its first insert.
SwissMap *makeSmallMap();

/// The elem stored for Key, or null when absent (M may be null).
void *lookup(const MapType *T, SwissMap *M, const void *Key);

/// Like lookup, also returning the stored key, which differs from Key for
/// +0/-0 (mapaccessK).
void *lookupWithKey(const MapType *T, SwissMap *M, const void *Key,
                    void **StoredKey);

/// m[Key] = ...: the elem slot for Key, added (zeroed) when absent. Panics
/// on a nil map, as Go does.
void *assign(const MapType *T, SwissMap *M, const void *Key);

/// delete(m, Key).
void erase(const MapType *T, SwissMap *M, const void *Key);

/// clear(m) (Go 1.21): keeps the tables, empties them in place, and tells
/// iterators in progress through the clear sequence.
void clear(const MapType *T, SwissMap *M);

/// range m. It must be zeroed or fresh; the first entry is in It->Key/Elem,
/// null when there is none.
void iterInit(const MapType *T, SwissMap *M, SwissIter *It);
void iterNext(SwissIter *It);

//===----------------------------------------------------------------------===//
// Introspection (SwissStats.cpp)
//===----------------------------------------------------------------------===//

/// What a map's structure looks like now.
struct Stats {
  int64_t Count = 0;
  /// Still one group, searched without hashing.
  bool Small = false;
  /// Directory entries and the bits of hash that index them.
  int64_t DirLen = 0;
  unsigned GlobalDepth = 0;
  /// Distinct tables, their slots and groups in total, and the tombstones in
  /// them.
  int64_t Tables = 0;
  int64_t Capacity = 0;
  int64_t Groups = 0;
  int64_t Tombstones = 0;
  /// Smallest and largest LocalDepth among the tables.
  unsigned MinLocalDepth = 0;
  unsigned MaxLocalDepth = 0;
  /// ProbeLengths[i]: entries found in the (i+1)-th group of their probe
  /// sequence; the last counts 8 and more. Keys that are not equal to
  /// themselves (NaN) cannot be found and are left out.
  int64_t ProbeLengths[8] = {};
};
Stats stats(const MapType *T, SwissMap *M);

/// Checks every invariant of M (counts, control bytes, each entry reachable
/// by its probe sequence in the table its hash selects, directory runs).
/// Returns null, or what is wrong. For tests and fuzzers: it visits every
/// slot.
const char *checkInvariants(const MapType *T, SwissMap *M);

} // namespace gm::rt::swiss

#endif // GM_RUNTIME_SWISS_SWISS_H
