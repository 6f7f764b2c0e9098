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

// ThreadSanitizer's defaults for gm programs. TSan sleeps a second at exit
// when threads other than the main one are alive, to let them finish their
// reports; gm's worker threads always are (its goroutines are fibers, which
// have ended by then), so the sleep would only slow every -race program.
// Reports go on stderr and end the program with Go's status 66 (TSan's
// default, restated).
extern "C" const char *__tsan_default_options() {
  return "atexit_sleep_ms=0:exitcode=66";
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
