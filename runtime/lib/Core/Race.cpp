//===- Race.cpp - ThreadSanitizer ignores that survive panics -------------===//
//
// Only meaningful in libgmrt_race.a (GM_RACE); see Race.h.
//
//===----------------------------------------------------------------------===//

#include "Core/Race.h"
#include "Core/Runtime.h"

namespace gm::rt {

#ifdef GM_RACE
void raceIgnoreAccessesBegin() {
  ++raceIgnoreCounts().Accesses;
  __tsan_ignore_thread_begin();
}

void raceIgnoreAccessesEnd() {
  --raceIgnoreCounts().Accesses;
  __tsan_ignore_thread_end();
}

void raceIgnoreSyncBegin() {
  ++raceIgnoreCounts().Sync;
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
}

void raceIgnoreSyncEnd() {
  --raceIgnoreCounts().Sync;
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
}

void raceEndIgnores() {
  RaceIgnoreCounts &C = raceIgnoreCounts();
  for (; C.Accesses; --C.Accesses)
    __tsan_ignore_thread_end();
  for (; C.Sync; --C.Sync)
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
}
#endif

} // namespace gm::rt
