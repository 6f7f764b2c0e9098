//===- SwissInternal.h - Shared internals of the Swiss map ------*- C++ -*-===//
//
// Internal to runtime/lib/Swiss: the table operations (SwissTable.cpp), the
// directory helpers, and what the iterator and the statistics share with the
// map operations (SwissMap.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_SWISS_SWISSINTERNAL_H
#define GM_RUNTIME_SWISS_SWISSINTERNAL_H

#include "Swiss/Group.h"
#include "Swiss/Swiss.h"

namespace gm::rt::swiss {

static_assert(sizeof(uintptr_t) == 8, "the directory takes the top bits of "
                                      "a 64-bit hash");
inline constexpr unsigned HashBits = 64;

/// Fresh zeroed memory from the GC heap; Size bytes that the GC does not
/// scan when HasPointers is false.
void *allocate(uint64_t Size, bool HasPointers);

//===----------------------------------------------------------------------===//
// Directory
//===----------------------------------------------------------------------===//

inline bool isSmall(const SwissMap *M) { return M->DirLen == 0; }

inline SwissTable **directory(const SwissMap *M) {
  return static_cast<SwissTable **>(M->Directory);
}

/// The directory entry of Hash: its top GlobalDepth bits.
inline uint64_t directoryIndex(const SwissMap *M, uintptr_t Hash) {
  return M->GlobalDepth == 0 ? 0 : Hash >> (HashBits - M->GlobalDepth);
}
inline SwissTable *tableFor(const SwissMap *M, uintptr_t Hash) {
  return directory(M)[directoryIndex(M, Hash)];
}

/// Directory entries that point to Tab (a block aligned to its size).
inline uint64_t entriesOf(const SwissMap *M, const SwissTable *Tab) {
  return uint64_t(1) << (M->GlobalDepth - Tab->LocalDepth);
}

//===----------------------------------------------------------------------===//
// Tables (SwissTable.cpp)
//===----------------------------------------------------------------------===//

/// One slot of one group; null Group when nothing was found.
struct SlotRef {
  uint8_t *Group = nullptr;
  unsigned Slot = 0;
  explicit operator bool() const { return Group != nullptr; }
};

/// A table of Capacity slots, all empty, not yet in any directory.
SwissTable *newTable(const MapType *T, uint64_t Capacity, uint8_t LocalDepth);

SlotRef findInTable(const MapType *T, const SwissTable *Tab, uintptr_t Hash,
                    const void *Key);

/// The elem slot for Key, inserting it when absent. Null when Key is absent
/// and the table has no room left: the caller replaces the table and tries
/// again.
void *assignInTable(const MapType *T, SwissMap *M, SwissTable *Tab,
                    uintptr_t Hash, const void *Key);

/// Removes Key; false when it was not there.
bool eraseFromTable(const MapType *T, SwissMap *M, SwissTable *Tab,
                    uintptr_t Hash, const void *Key);

/// Empties Tab in place.
void clearTable(const MapType *T, SwissTable *Tab);

/// Puts the contents of a slot of another table (or of the small group)
/// into Tab, which must have room and must not hold the key. Indirect keys
/// and elems move as pointers: the source is abandoned, never written again.
void moveIntoTable(const MapType *T, SwissTable *Tab, uintptr_t Hash,
                   const uint8_t *SrcKeySlot);

/// Stores Key into the key slot of Slot (allocating its box when indirect)
/// and boxes a zeroed elem when indirect.
void fillSlot(const MapType *T, uint8_t *Group, unsigned Slot, const void *Key);

/// Drops what Slot references and zeroes its elem (compound assignments to
/// a later new key rely on zeroed elems, as in Go).
void clearSlot(const MapType *T, uint8_t *Group, unsigned Slot);

/// Calls Visit(Group, Slot) for every full slot of Tab, in slot order.
template <class Fn>
void forEachFullSlot(const MapType *T, const SwissTable *Tab, Fn Visit) {
  for (uint64_t GI = 0; GI <= Tab->GroupMask; ++GI) {
    uint8_t *G = groupAt(T, Tab->Groups, GI);
    for (SlotSet S = CtrlWord::load(G).matchFull(); S; S = S.withoutFirst())
      Visit(G, S.first());
  }
}

//===----------------------------------------------------------------------===//
// Map (SwissMap.cpp)
//===----------------------------------------------------------------------===//

/// Key's slot in M as M is now, without the misuse check (iterators look
/// up keys of replaced tables again).
SlotRef findEntry(const MapType *T, SwissMap *M, const void *Key);

} // namespace gm::rt::swiss

#endif // GM_RUNTIME_SWISS_SWISSINTERNAL_H
