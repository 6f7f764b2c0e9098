//===- MapFast32.cpp - Map entry points for 4-byte keys -------------------===//
//
// Go's map_fast32.go: maps whose key is 4 bytes of plain memory (int32,
// uint32, rune, [4]byte, ...). The logic is FastMap in MapFast.h.
//
//===----------------------------------------------------------------------===//

#include "Map/MapFast.h"

namespace gm::rt {
using namespace maps;

void *mapaccess1_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_READ(H);
  return Fast32::access1(T, H, Key);
}

MapAccess2Result mapaccess2_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_READ(H);
  return Fast32::access2(T, H, Key);
}

void *mapassign_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_WRITE(H);
  return Fast32::assign(T, H, Key);
}

/// 4-byte keys holding a pointer exist only on 32-bit targets (mapFast never
/// picks this on 64-bit ones); the key is the pointer's bits.
void *mapassign_fast32ptr(const MapType *T, HMap *H, void *Key) {
  GM_RACE_WRITE(H);
  return Fast32::assign(
      T, H, static_cast<uint32_t>(reinterpret_cast<uintptr_t>(Key)));
}

void mapdelete_fast32(const MapType *T, HMap *H, uint32_t Key) {
  GM_RACE_WRITE(H);
  Fast32::remove(T, H, Key);
}

} // namespace gm::rt
