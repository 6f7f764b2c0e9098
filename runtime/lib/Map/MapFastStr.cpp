//===- MapFastStr.cpp - Map entry points for string keys ------------------===//
//
// Go's map_faststr.go: maps whose key is a string. The logic is FastMap in
// MapFast.h.
//
//===----------------------------------------------------------------------===//

#include "Map/MapFast.h"

namespace gm::rt {
using namespace maps;

void *mapaccess1_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_READ(H);
  return FastStr::access1(T, H, Key);
}

MapAccess2Result mapaccess2_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_READ(H);
  return FastStr::access2(T, H, Key);
}

void *mapassign_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_WRITE(H);
  return FastStr::assign(T, H, Key);
}

void mapdelete_faststr(const MapType *T, HMap *H, GoString Key) {
  GM_RACE_WRITE(H);
  FastStr::remove(T, H, Key);
}

} // namespace gm::rt
