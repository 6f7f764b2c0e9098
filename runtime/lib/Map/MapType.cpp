//===- MapType.cpp - What both map runtimes check and share ---------------===//
//
// The parts of the map runtime that do not depend on the table design, so
// that the classic map (Map.cpp) and the Swiss map (lib/Swiss) can each be
// linked without the other: the consistency check of a maptype's slots and
// flags, and the shared zero value that lookups which miss point to.
//
//===----------------------------------------------------------------------===//

#include "Map/MapInternal.h"

#include <cstdio>

using namespace gm::abi;

namespace gm::rt::maps {
namespace {

/// The shared zero value that misses return a pointer to. Read-only: a write
/// through it faults.
alignas(64) const uint8_t ZeroVal[MaxZeroSize] = {};

} // namespace

[[noreturn]] void badMapType(const MapType *T, const char *Why) {
  static char Buf[512];
  const char *K = T && T->Key && T->Key->Name ? T->Key->Name : "?";
  const char *E = T && T->Elem && T->Elem->Name ? T->Elem->Name : "?";
  std::snprintf(Buf, sizeof Buf, "inconsistent maptype for map[%s]%s: %s", K, E,
                Why);
  fatalError(Buf);
}

void *zeroValue(const MapType *T) {
  if (T->ElemTypeSize > MaxZeroSize)
    fatalError("map elem too large for the shared zero value "
               "(the compiler must call mapaccess*_fat)");
  return const_cast<uint8_t *>(ZeroVal);
}

void checkMapTypeSlots(const MapType *T) {
  if (!T)
    badMapType(T, "null maptype");
  if (!T->Hasher || !T->Equal)
    badMapType(T, "missing hasher or equal function");
  if (T->Flags & ~uint32_t(MapIndirectKey | MapIndirectElem | MapReflexiveKey |
                           MapNeedKeyUpdate | MapHashMightPanic))
    badMapType(T, "unknown flags");
  bool IK = indirectKey(T), IE = indirectElem(T);
  if (IK != (T->KeyTypeSize > MaxKeySize))
    badMapType(T, "indirectkey disagrees with the key size");
  if (IE != (T->ElemTypeSize > MaxElemSize))
    badMapType(T, "indirectelem disagrees with the elem size");
  if (T->KeySize != (IK ? sizeof(void *) : T->KeyTypeSize))
    badMapType(T, "key slot size disagrees with the key size");
  if (T->ElemSize != (IE ? sizeof(void *) : T->ElemTypeSize))
    badMapType(T, "elem slot size disagrees with the elem size");
  if ((IK || IE) && !T->BucketHasPointers)
    badMapType(T, "indirect slots but a pointer-free bucket");
  if (T->Key && T->Key->Size != T->KeyTypeSize)
    badMapType(T, "key type descriptor has a different size");
  if (T->Elem && T->Elem->Size != T->ElemTypeSize)
    badMapType(T, "elem type descriptor has a different size");
}

} // namespace gm::rt::maps
