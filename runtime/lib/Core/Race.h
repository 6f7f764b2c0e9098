//===- Race.h - ThreadSanitizer annotations for gmc -race -------*- C++ -*-===//
//
// `gmc -race` links libgmrt_race.a: the runtime built with GM_RACE, in which
// these calls reach ThreadSanitizer; in libgmrt.a they are empty. The
// runtime's own memory is not instrumented (its internal races are by
// design, as Go's are invisible to Go's race detector); instead it tells
// TSan what Go's runtime tells its race detector:
//
//   - each map entry point reads or writes the map header, at its own PC
//     and under its caller's stack (Go's racereadpc/racewritepc), so that a
//     report names runtime.mapassign_fast64 and the gm line that called it;
//   - channel operations, semaphores and goroutine creation are
//     happens-before edges (acquire/release on the channel, the semaphore
//     word, the new goroutine);
//   - each goroutine is a TSan fiber, switched without synchronization, so
//     that goroutines that merely share a thread are not ordered;
//   - the scheduler's own locks are hidden (sync ignored), for the same
//     reason.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_CORE_RACE_H
#define GM_RUNTIME_CORE_RACE_H

#ifdef GM_RACE
extern "C" {
void __tsan_read1(void *Addr);
void __tsan_write1(void *Addr);
void __tsan_acquire(void *Addr);
void __tsan_release(void *Addr);
void *__tsan_get_current_fiber();
void *__tsan_create_fiber(unsigned Flags);
void __tsan_destroy_fiber(void *Fiber);
void __tsan_switch_to_fiber(void *Fiber, unsigned Flags);
void __tsan_set_fiber_name(void *Fiber, const char *Name);
void AnnotateIgnoreSyncBegin(const char *File, int Line);
void AnnotateIgnoreSyncEnd(const char *File, int Line);
void __tsan_func_entry(void *CallPC);
void __tsan_func_exit();
void __tsan_ignore_thread_begin();
void __tsan_ignore_thread_end();
}
#endif

namespace gm::rt {

#ifdef GM_RACE
inline constexpr bool RaceEnabled = true;

// TSan's ignores nest, and the guards below end theirs in destructors, which
// a panic unwinding through runtime frames (built without exceptions) skips:
// each goroutine counts its ignores, and a panic ends them all (Race.cpp).
void raceIgnoreAccessesBegin();
void raceIgnoreAccessesEnd();
void raceIgnoreSyncBegin();
void raceIgnoreSyncEnd();
void raceEndIgnores();

/// Hides the synchronization of the locks taken in its scope from TSan.
class RaceIgnoreSync {
public:
  RaceIgnoreSync() { raceIgnoreSyncBegin(); }
  ~RaceIgnoreSync() { raceIgnoreSyncEnd(); }
  RaceIgnoreSync(const RaceIgnoreSync &) = delete;
  RaceIgnoreSync &operator=(const RaceIgnoreSync &) = delete;
};

/// Hides the memory accesses made in its scope (the map's buckets, and the
/// memset and memcpy TSan intercepts even in uninstrumented code) from TSan.
class RaceIgnoreAccesses {
public:
  RaceIgnoreAccesses() { raceIgnoreAccessesBegin(); }
  ~RaceIgnoreAccesses() { raceIgnoreAccessesEnd(); }
  RaceIgnoreAccesses(const RaceIgnoreAccesses &) = delete;
  RaceIgnoreAccesses &operator=(const RaceIgnoreAccesses &) = delete;
};

/// The scheduler's own bookkeeping: neither its locks nor the memory they
/// guard (run queue, timers, free lists) mean anything to the program.
class RaceHidden {
public:
  RaceHidden() {}
  ~RaceHidden() {}

private:
  RaceIgnoreSync NoSync;
  RaceIgnoreAccesses NoAccesses;
};

/// Makes the entry point a frame of TSan's stack, so that a report shows
/// the .gm line that called it (TSan's frames are the calls recorded by
/// instrumented code, and the runtime is not instrumented).
#define GM_RACE_FRAME_BEGIN() __tsan_func_entry(__builtin_return_address(0))
#define GM_RACE_FRAME_END() __tsan_func_exit()

// Statements, at the top of each map entry point: the access of the map
// header, at the entry point's PC under its caller's frame (Go's
// racereadpc); then nothing else the entry point touches is seen.
#define GM_RACE_MAP_ACCESS(Access, Addr)                                       \
  if (Addr) {                                                                  \
    GM_RACE_FRAME_BEGIN();                                                     \
    Access((void *)(Addr));                                                    \
    GM_RACE_FRAME_END();                                                       \
  }                                                                            \
  ::gm::rt::RaceIgnoreAccesses GmRaceIgnoreAccesses
#define GM_RACE_READ(Addr) GM_RACE_MAP_ACCESS(__tsan_read1, Addr)
#define GM_RACE_WRITE(Addr) GM_RACE_MAP_ACCESS(__tsan_write1, Addr)
inline void raceAcquire(const void *Addr) {
  __tsan_acquire(const_cast<void *>(Addr));
}
inline void raceRelease(const void *Addr) {
  __tsan_release(const_cast<void *>(Addr));
}

#else
inline constexpr bool RaceEnabled = false;
inline void raceEndIgnores() {}
#define GM_RACE_READ(Addr) ((void)0)
#define GM_RACE_WRITE(Addr) ((void)0)
#define GM_RACE_FRAME_BEGIN() ((void)0)
#define GM_RACE_FRAME_END() ((void)0)
inline void raceAcquire(const void *) {}
inline void raceRelease(const void *) {}
// User-provided constructors, so that a guard is not an "unused variable".
class RaceIgnoreSync {
public:
  RaceIgnoreSync() {}
  ~RaceIgnoreSync() {}
};
class RaceIgnoreAccesses {
public:
  RaceIgnoreAccesses() {}
  ~RaceIgnoreAccesses() {}
};
class RaceHidden {
public:
  RaceHidden() {}
  ~RaceHidden() {}
};
#endif

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_RACE_H
