//===- Scheduler.h - Goroutines and the M:N scheduler -----------*- C++ -*-===//
//
// Internal to the runtime: what channels, semaphores and timers need of the
// scheduler. A goroutine (G) runs on its own small stack; a few worker
// threads (Ms, GOMAXPROCS of them) take runnable goroutines from one run
// queue and switch to them with Boost.Context. A goroutine that must wait
// parks: it leaves its M, which runs another, until some other goroutine
// makes it ready again. See docs/runtime.md, "Goroutines".
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_SCHED_SCHEDULER_H
#define GM_RUNTIME_SCHED_SCHEDULER_H

#include <cstdint>

namespace gm::rt::sched {

struct G;

/// Why a goroutine waits, as Go's tracebacks name it ("chan receive").
using WaitReason = const char *;

/// The goroutine running on this thread. Never inlined: a goroutine may
/// resume on another thread after it parks, so the thread-local read must
/// happen anew after every call that can park.
G *currentG();

/// The goroutine's number, as Go's tracebacks print it (main is 1).
int64_t goroutineId(const G *Gp);

/// Parks the running goroutine. Once it is off its stack, the scheduler
/// calls Unlock(Arg): the caller releases there the lock that protects the
/// queue it put the goroutine on, so that nobody can ready it before it has
/// stopped. Returns when some goroutine has called ready() on it.
void park(void (*Unlock)(void *), void *Arg, WaitReason Reason);

/// Parks the running goroutine for good (a nil channel, `select {}`).
[[noreturn]] void parkForever(WaitReason Reason);

/// Makes a parked goroutine runnable.
void ready(G *Gp);

/// Puts the running goroutine at the back of the run queue (Gosched).
void yield();

/// Parks the running goroutine for Nanos nanoseconds (time.Sleep).
void sleep(int64_t Nanos);

/// The CPUs the process may run on (runtime.NumCPU, GOMAXPROCS's default).
int64_t numCPU();

/// The number of goroutines that exist (runtime.NumGoroutine).
int64_t numGoroutines();

/// Sets how many threads may run goroutines at once when N > 0, and returns
/// the previous setting (runtime.GOMAXPROCS).
int64_t setMaxProcs(int64_t N);

} // namespace gm::rt::sched

#endif // GM_RUNTIME_SCHED_SCHEDULER_H
