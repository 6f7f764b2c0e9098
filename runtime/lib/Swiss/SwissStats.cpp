//===- SwissStats.cpp - Looking inside a Swiss map ------------------------===//
//
// The structure of a map (directory, tables, tombstones, probe lengths) for
// tests and, later, gm/runtime's MapStats; and a full invariant check for
// tests and fuzzers.
//
//===----------------------------------------------------------------------===//

#include "Swiss/SwissInternal.h"

namespace gm::rt::swiss {
namespace {

/// Groups visited to find the key in slot I of group G of Tab: 1 when the
/// probe finds it in its first group. 0 when the probe ends before (the
/// invariant is broken).
uint64_t probeLength(const MapType *T, const SwissMap *M, const SwissTable *Tab,
                     const uint8_t *G, unsigned I) {
  uintptr_t Hash = T->Hasher(keyAt(T, const_cast<uint8_t *>(G), I), M->Seed);
  uint64_t Target =
      uint64_t(G - static_cast<uint8_t *>(Tab->Groups)) / groupSize(T);
  for (ProbeSeq Seq(h1(Hash), Tab->GroupMask); Seq.step() <= Tab->GroupMask;
       Seq.next()) {
    if (Seq.group() == Target)
      return Seq.step() + 1;
    if (CtrlWord::load(groupAt(T, Tab->Groups, Seq.group())).matchEmpty())
      return 0;
  }
  return 0;
}

bool reflexive(const MapType *T, void *Key) { return T->Equal(Key, Key); }

/// Calls Visit(Table) once for each distinct table of M.
template <class Fn> void forEachTable(const SwissMap *M, Fn Visit) {
  SwissTable **Dir = directory(M);
  for (int64_t I = 0; I < M->DirLen; I += int64_t(entriesOf(M, Dir[I])))
    Visit(Dir[I]);
}

const char *checkSmall(const MapType *T, SwissMap *M) {
  if (!M->Directory)
    return M->Count == 0 ? nullptr : "entries but no group";
  CtrlWord Ctrl = CtrlWord::load(M->Directory);
  if (int64_t(Ctrl.matchFull().size()) != M->Count)
    return "small map: Count differs from its full slots";
  if (Ctrl.matchDeleted())
    return "small map with a tombstone";
  for (SlotSet S = Ctrl.matchFull(); S; S = S.withoutFirst())
    if (Ctrl.at(S.first()) != SmallFullCtrl)
      return "small map slot with a hash in its control byte";
  return nullptr;
}

const char *checkTable(const MapType *T, SwissMap *M, SwissTable *Tab,
                       int64_t *Count) {
  if (Tab->Capacity < SwissGroupSlots ||
      Tab->Capacity > SwissMaxTableCapacity ||
      (Tab->Capacity & (Tab->Capacity - 1)) ||
      Tab->GroupMask + 1 != Tab->Capacity / SwissGroupSlots)
    return "table capacity is not a power of two from 8 to 1024";
  if (Tab->LocalDepth > M->GlobalDepth)
    return "table deeper than the directory";
  SwissTable **Dir = directory(M);
  uint64_t Entries = entriesOf(M, Tab);
  if (Tab->Index < 0 || uint64_t(Tab->Index) % Entries != 0)
    return "table block not aligned to its size";
  for (uint64_t I = 0; I < Entries; ++I)
    if (Dir[uint64_t(Tab->Index) + I] != Tab)
      return "directory entry of the table's block points elsewhere";

  uint64_t Full = 0, Deleted = 0, Empty = 0;
  for (uint64_t GI = 0; GI <= Tab->GroupMask; ++GI) {
    CtrlWord Ctrl = CtrlWord::load(groupAt(T, Tab->Groups, GI));
    Full += Ctrl.matchFull().size();
    Deleted += Ctrl.matchDeleted().size();
    Empty += Ctrl.matchEmpty().size();
  }
  if (Full + Deleted + Empty != Tab->Capacity)
    return "control byte that is neither full, empty nor deleted";
  if (Full != Tab->Used)
    return "table Used differs from its full slots";
  if (Full + Deleted + Tab->GrowthLeft != maxGrowth(Tab->Capacity))
    return "GrowthLeft differs from the budget left";
  if (Empty == 0)
    return "table without an empty slot";

  const char *Error = nullptr;
  forEachFullSlot(T, Tab, [&](uint8_t *G, unsigned I) {
    void *Key = keyAt(T, G, I);
    if (Error || !reflexive(T, Key))
      return;
    uintptr_t Hash = T->Hasher(Key, M->Seed);
    if (tableFor(M, Hash) != Tab)
      Error = "key in a table its hash does not select";
    else if (CtrlWord::load(G).at(I) != h2(Hash))
      Error = "control byte differs from the key's H2";
    else if (probeLength(T, M, Tab, G, I) == 0)
      Error = "key beyond the end of its probe sequence";
  });
  *Count += int64_t(Full);
  return Error;
}

} // namespace

Stats stats(const MapType *T, SwissMap *M) {
  Stats S;
  if (!M)
    return S;
  S.Count = M->Count;
  if (isSmall(M)) {
    S.Small = true;
    return S;
  }
  S.DirLen = M->DirLen;
  S.GlobalDepth = M->GlobalDepth;
  S.MinLocalDepth = M->GlobalDepth;
  forEachTable(M, [&](SwissTable *Tab) {
    ++S.Tables;
    S.Capacity += Tab->Capacity;
    S.Groups += int64_t(Tab->GroupMask + 1);
    S.Tombstones += tombstones(Tab);
    if (Tab->LocalDepth < S.MinLocalDepth)
      S.MinLocalDepth = Tab->LocalDepth;
    if (Tab->LocalDepth > S.MaxLocalDepth)
      S.MaxLocalDepth = Tab->LocalDepth;
    forEachFullSlot(T, Tab, [&](uint8_t *G, unsigned I) {
      if (!reflexive(T, keyAt(T, G, I)))
        return;
      uint64_t Len = probeLength(T, M, Tab, G, I);
      ++S.ProbeLengths[Len == 0 ? 7 : Len > 8 ? 7 : Len - 1];
    });
  });
  return S;
}

const char *checkInvariants(const MapType *T, SwissMap *M) {
  if (!M)
    return nullptr;
  if (M->Writing)
    return "write in progress";
  if (isSmall(M))
    return checkSmall(T, M);
  if (M->DirLen != int64_t(1) << M->GlobalDepth)
    return "directory length is not 2^GlobalDepth";
  int64_t Count = 0;
  const char *Error = nullptr;
  forEachTable(M, [&](SwissTable *Tab) {
    if (!Error)
      Error = checkTable(T, M, Tab, &Count);
  });
  if (!Error && Count != M->Count)
    Error = "Count differs from the tables' entries";
  return Error;
}

} // namespace gm::rt::swiss
