//===- MapFast64.cpp - Map entry points for 8-byte keys -------------------===//
//
// Go's map_fast64.go: maps whose key is 8 bytes of plain memory (int, int64,
// uint64, pointers, [2]int32, ...). The logic is FastMap in MapFast.h.
//
//===----------------------------------------------------------------------===//

#include "Map/MapFast.h"

namespace gm::rt {
using namespace maps;

void *mapaccess1_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_READ(H);
  return Fast64::access1(T, H, Key);
}

MapAccess2Result mapaccess2_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_READ(H);
  return Fast64::access2(T, H, Key);
}

void *mapassign_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_WRITE(H);
  return Fast64::assign(T, H, Key);
}

/// Pointer keys: the same as fast64 (Go differs only by a write barrier).
void *mapassign_fast64ptr(const MapType *T, HMap *H, void *Key) {
  GM_RACE_WRITE(H);
  return Fast64::assign(T, H, reinterpret_cast<uintptr_t>(Key));
}

void mapdelete_fast64(const MapType *T, HMap *H, uint64_t Key) {
  GM_RACE_WRITE(H);
  Fast64::remove(T, H, Key);
}

} // namespace gm::rt
