//===- Scheduler.cpp - Goroutines on a few threads ------------------------===//
//
// M:N scheduling, as Go does it, in its simplest form:
//
//   G   a goroutine: a fixed-size stack of its own (GoroutineStackSize, with
//       a guard page below it), the context saved when it is not running,
//       and its panic state. The main goroutine keeps the process's own
//       stack, so that a program that never says `go` runs exactly as before.
//   M   a thread that runs goroutines. Each has a scheduler context (g0): the
//       thread's own stack for the workers, a small fiber for the main
//       thread. A goroutine that parks, yields or ends switches to its M's
//       g0, which finishes what the goroutine could not do on its own stack
//       (release the lock of the queue it waits in, free its stack) and
//       picks the next goroutine from the run queue.
//
// There is one run queue under one lock, and no preemption: a goroutine runs
// until it blocks, yields or ends. Worker threads start with the first `go`
// statement; GOMAXPROCS (the CPU count, or $GOMAXPROCS) threads run
// goroutines at once.
//
// The collector. Boehm GC scans each thread's stack from its stack pointer to
// the "stack bottom" it has recorded for the thread, so every switch moves
// that bottom to the stack being switched to (GC_set_stackbottom), under the
// collector's lock so that no collection sees the two disagree. The switch
// protocol: the side that jumps takes the lock and sets the bottom; the side
// that resumes records where the other stopped and releases it. Stacks of
// goroutines that are not running, and of g0s whose M runs a goroutine, are
// pushed by a GC_push_other_roots hook, from their saved stack pointer up.
//
// Deadlock: when every M is idle, nothing is runnable and no goroutine
// sleeps, no goroutine can ever run again: Go's "all goroutines are asleep".
//
//===----------------------------------------------------------------------===//

#include "Sched/Scheduler.h"
#include "Core/Panic.h"
#include "Core/Race.h"
#include "Core/Runtime.h"

#include <gc/gc.h>
#include <gc/gc_mark.h>

#include <boost/context/detail/fcontext.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <pthread.h>
#include <queue>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GM_ASAN 1
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#endif

using boost::context::detail::fcontext_t;
using boost::context::detail::jump_fcontext;
using boost::context::detail::make_fcontext;
using boost::context::detail::transfer_t;

namespace gm::rt::sched {

/// A goroutine's usable stack. Reserved, not committed: a goroutine costs
/// the pages it touches. Go grows its stacks instead; gm's are fixed, so
/// this is also the deepest recursion a goroutine other than main can make.
constexpr size_t GoroutineStackSize = 1024 * 1024;
/// The main thread's scheduler fiber runs only the scheduler loop.
constexpr size_t SchedulerStackSize = 64 * 1024;
/// Stacks kept for reuse when goroutines end, beyond which they are unmapped.
constexpr size_t MaxFreeStacks = 65536;
/// The alternate signal stack of each worker thread (the SIGSEGV handler
/// runs there to report faults and stack overflows).
constexpr size_t SignalStackSize = 64 * 1024;

enum class GStatus : uint8_t { Runnable, Running, Waiting, Dead };

struct G {
  /// Where the goroutine stopped; valid while it is not running.
  fcontext_t Context = nullptr;
  /// Its stack: [StackLo, StackHi); main's is the process's stack.
  char *StackLo = nullptr;
  char *StackHi = nullptr;
  int64_t Id = 0;
  GoroutineFn Fn = nullptr;
  void *Record = nullptr;
  GStatus Status = GStatus::Runnable;
  WaitReason Reason = nullptr;
  /// Run queue and free list link.
  G *Next = nullptr;
  /// All live goroutines, for the collector and for deadlock reports.
  G *AllPrev = nullptr, *AllNext = nullptr;
  GoroutineLocals Locals = {};
  /// Its ThreadSanitizer fiber and ignores (gmc -race).
  void *RaceFiber = nullptr;
  RaceIgnoreCounts RaceIgnores = {};
};

namespace {

/// What a goroutine leaving its stack asks its M's g0 to do.
enum class AfterSwitch : uint8_t { None, Park, Yield, Exit };

struct M {
  /// The goroutine this M runs, or null while it schedules.
  G *Current = nullptr;
  /// g0's saved context, valid while Current runs.
  fcontext_t SchedContext = nullptr;
  /// g0's stack: [SchedStackLo, SchedStackHi).
  void *SchedStackLo = nullptr;
  void *SchedStackHi = nullptr;
  /// The collector's handle of this thread (GC_get_my_stackbottom).
  void *GCThread = nullptr;
  int Index = 0;
  AfterSwitch After = AfterSwitch::None;
  void (*Unlock)(void *) = nullptr;
  void *UnlockArg = nullptr;
  /// g0's ThreadSanitizer fiber and ignores (gmc -race).
  void *RaceFiber = nullptr;
  RaceIgnoreCounts RaceIgnores = {};
  /// The goroutine its running goroutine last made ready, which this M runs
  /// next (Go's runnext): a goroutine that wakes another usually blocks
  /// soon after (a channel hand-off), and the two then take turns on one
  /// thread instead of waking a second one each time. A spinning M steals
  /// it if this M goes on running.
  std::atomic<G *> RunNext{nullptr};
  /// Scheduling rounds, so that every 61st looks at the shared queue (and
  /// the timers) first: two goroutines handing work to each other through
  /// RunNext cannot keep the others out.
  uint32_t SchedTick = 0;
};

thread_local M *CurrentM = nullptr;

// Scheduler state, under SchedLock.
// Never destroyed: worker threads may still wait on them while the process
// exits.
std::mutex &SchedLock = *new std::mutex;
std::condition_variable &IdleCV = *new std::condition_variable;
G *RunHead = nullptr, *RunTail = nullptr;
int NumMs = 0;
/// Ms waiting for work on IdleCV, and Ms spinning for it before they do.
/// Written under SchedLock, read without it to decide whether to wake one.
std::atomic<int> NumIdleMs{0};
std::atomic<int> NumSpinning{0};
/// How long an M out of work looks for more before it sleeps (Go's
/// spinning Ms): a hand-off in that time costs no futex wake.
constexpr int64_t SpinNanos = 20 * 1000;
int64_t MaxProcs = 0;
bool WorkersStarted = false;
struct Timer {
  int64_t When;
  uint64_t Seq;
  G *Gp;
  bool operator>(const Timer &O) const {
    return When != O.When ? When > O.When : Seq > O.Seq;
  }
};
std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> Timers;
uint64_t TimerSeq = 0;

// All live goroutines, under the collector's lock (the root-pushing hook
// walks the list while the world is stopped).
G *AllGs = nullptr;
std::atomic<int64_t> LiveGoroutines{1};
std::atomic<int64_t> NextGoroutineId{2};

// Dead goroutines and their stacks, under SchedLock.
G *FreeGs = nullptr;
size_t NumFreeGs = 0;

M MainM;
G MainG;
/// Every M; a fixed array, as the root-pushing hook reads it with the world
/// stopped, possibly in the middle of an append.
constexpr int MaxMs = 256;
M *AllMs[MaxMs];
std::atomic<int> NumAllMs{0};
GC_push_other_roots_proc PreviousPushOtherRoots = nullptr;

int64_t monoNow() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

[[gnu::noinline]] M *currentM() { return CurrentM; }

/// The jumping side of a switch to the stack [Lo, Hi): the collector's lock
/// is taken here and released by the side that resumes (finishJump), so
/// that no collection sees the thread between stacks. Under -race the
/// collector is off (see initMainThread), and TSan is told of the fiber
/// instead; under AddressSanitizer, ASan is told of the new stack.
void prepareJump(M *Mp, void *Lo, void *Hi, void *RaceFiber) {
#ifdef GM_ASAN
  // No fake stacks to keep (gm runs without detect_stack_use_after_return).
  __sanitizer_start_switch_fiber(
      nullptr, Lo, size_t(static_cast<char *>(Hi) - static_cast<char *>(Lo)));
#else
  (void)Lo;
#endif
  if constexpr (RaceEnabled) {
#ifdef GM_RACE
    // No synchronization: goroutines that share a thread are not ordered.
    __tsan_switch_to_fiber(RaceFiber, /*__tsan_switch_to_fiber_no_sync=*/1);
#endif
    return;
  }
  (void)RaceFiber;
  GC_alloc_lock();
  GC_stack_base SB = {};
  SB.mem_base = Hi;
  GC_set_stackbottom(Mp->GCThread, &SB);
}

/// The low end of the calling thread's own stack.
char *threadStackLo() {
  pthread_attr_t Attr;
  void *Addr = nullptr;
  size_t Size = 0;
  if (pthread_getattr_np(pthread_self(), &Attr) == 0) {
    pthread_attr_getstack(&Attr, &Addr, &Size);
    pthread_attr_destroy(&Attr);
  }
  return static_cast<char *>(Addr);
}

void finishJump() {
#ifdef GM_ASAN
  __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr);
#endif
  if constexpr (!RaceEnabled)
    GC_alloc_unlock();
}

void pushOtherRoots() {
  if (PreviousPushOtherRoots)
    PreviousPushOtherRoots();
  // The world is stopped: nothing below changes under us.
  // A running goroutine's or g0's saved context is stale but still inside
  // its stack, so pushing from it is safe, merely redundant with the
  // thread's own scan; and it covers a goroutine caught between being
  // picked and being switched to.
  for (G *Gp = AllGs; Gp; Gp = Gp->AllNext)
    if (Gp->Context)
      GC_push_all_eager(Gp->Context, Gp->StackHi);
  for (int I = 0, E = NumAllMs.load(); I < E; ++I)
    if (M *Mp = AllMs[I]; Mp->SchedContext)
      GC_push_all_eager(Mp->SchedContext, Mp->SchedStackHi);
}

void linkG(G *Gp) {
  GC_alloc_lock();
  Gp->AllPrev = nullptr;
  Gp->AllNext = AllGs;
  if (AllGs)
    AllGs->AllPrev = Gp;
  AllGs = Gp;
  GC_alloc_unlock();
}

void unlinkG(G *Gp) {
  GC_alloc_lock();
  if (Gp->AllPrev)
    Gp->AllPrev->AllNext = Gp->AllNext;
  else
    AllGs = Gp->AllNext;
  if (Gp->AllNext)
    Gp->AllNext->AllPrev = Gp->AllPrev;
  GC_alloc_unlock();
}

/// Linux 6.13's lightweight guard regions: a guard page that is not a mapping
/// of its own, so that stacks do not count twice against vm.max_map_count.
constexpr int MadviseGuardInstall = 102;

char *mapStack(size_t Size) {
  size_t Page = size_t(::sysconf(_SC_PAGESIZE));
  void *P =
      ::mmap(nullptr, Size + Page, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (P == MAP_FAILED) {
    int Err = errno;
    std::string Prefix = "runtime: cannot map a goroutine stack: ";
    Prefix += std::strerror(Err);
    Prefix += " (each stack is a mapping, and vm.max_map_count bounds them)\n";
    dieWithFatalError("out of memory", Prefix);
  }
  // The guard page turns an overflow into a fault the SIGSEGV handler
  // reports as Go's "stack overflow". A guard region keeps the stack one
  // mapping, which the kernel merges with its neighbours; older kernels
  // get a PROT_NONE page, a second mapping.
  if (::madvise(P, Page, MadviseGuardInstall) != 0)
    ::mprotect(P, Page, PROT_NONE);
  return static_cast<char *>(P) + Page;
}

void initMainThread() {
  if (CurrentM)
    return;
  GC_stack_base SB = {};
  MainM.GCThread = GC_get_my_stackbottom(&SB);
  MainG.Id = 1;
  MainG.Status = GStatus::Running;
  MainG.StackHi = static_cast<char *>(SB.mem_base);
  MainG.StackLo = threadStackLo();
  MainM.Current = &MainG;
  CurrentM = &MainM;
  AllMs[NumAllMs++] = &MainM;
  NumMs = 1;
  linkG(&MainG);
  PreviousPushOtherRoots = GC_get_push_other_roots();
  GC_set_push_other_roots(pushOtherRoots);
#ifdef GM_RACE
  MainG.RaceFiber = __tsan_get_current_fiber();
  // TSan cannot follow the collector: it delays the signals that stop the
  // world, and the switch protocol passes the collector's lock from one
  // fiber to another. A -race program keeps all it allocates.
  GC_disable();
#endif
  if (const char *Env = ::getenv("GOMAXPROCS"); Env && std::atoi(Env) > 0) {
    MaxProcs = std::atoi(Env);
  } else {
    MaxProcs = numCPU();
  }
}

[[noreturn]] void reportDeadlock() {
  std::string Out = "fatal error: all goroutines are asleep - deadlock!\n";
  GC_alloc_lock();
  std::vector<const G *> Gs;
  for (G *Gp = AllGs; Gp; Gp = Gp->AllNext)
    Gs.push_back(Gp);
  GC_alloc_unlock();
  std::sort(Gs.begin(), Gs.end(),
            [](const G *A, const G *B) { return A->Id < B->Id; });
  for (const G *Gp : Gs) {
    Out += "\ngoroutine " + std::to_string(Gp->Id) + " [" +
           (Gp->Reason ? Gp->Reason : "waiting") + "]:\n";
    if (Gp == &MainG)
      Out += "main.main()\n";
  }
  writeStderr(Out);
  exitProcess(2);
}

/// Puts Gp at the back of the shared queue. SchedLock is held.
void appendRunnable(G *Gp) {
  Gp->Status = GStatus::Runnable;
  Gp->Next = nullptr;
  (RunTail ? RunTail->Next : RunHead) = Gp;
  RunTail = Gp;
}

/// The first goroutine of the shared queue, with due timers moved there
/// first; null if there is none. SchedLock is held.
G *takeShared(M *Mp) {
  if (!Timers.empty()) {
    int64_t Now = monoNow();
    while (!Timers.empty() && Timers.top().When <= Now) {
      G *Gp = Timers.top().Gp;
      Timers.pop();
      appendRunnable(Gp);
    }
  }
  if (!RunHead || Mp->Index >= MaxProcs)
    return nullptr;
  G *Gp = RunHead;
  RunHead = Gp->Next;
  if (!RunHead)
    RunTail = nullptr;
  if (RunHead && NumIdleMs > 0)
    IdleCV.notify_one();
  return Gp;
}

/// Looks for work without sleeping for SpinNanos: the shared queue, then
/// the other Ms' RunNext, which their goroutines have left there for that
/// long without blocking.
G *spinForWork(M *Mp) {
  if (Mp->Index >= MaxProcs)
    return nullptr;
  NumSpinning.fetch_add(1);
  int64_t Until = monoNow() + SpinNanos;
  G *Found = nullptr;
  for (unsigned I = 0; !Found; ++I) {
    if (__atomic_load_n(&RunHead, __ATOMIC_RELAXED)) {
      RaceHidden Hidden;
      std::lock_guard<std::mutex> L(SchedLock);
      Found = takeShared(Mp);
      if (Found)
        break;
    }
    if (I % 16 == 15 && monoNow() >= Until)
      break;
    __builtin_ia32_pause();
  }
  for (int I = 0, E = NumAllMs.load(); !Found && I < E; ++I)
    if (AllMs[I] != Mp)
      Found = AllMs[I]->RunNext.exchange(nullptr);
  NumSpinning.fetch_sub(1);
  return Found;
}

/// Takes the next runnable goroutine, waiting for one; null when none can
/// ever come (a deadlock). Called on g0.
G *findRunnable(M *Mp) {
  for (;;) {
    bool SharedFirst = ++Mp->SchedTick % 61 == 0;
    if (!SharedFirst)
      if (G *Gp = Mp->RunNext.exchange(nullptr))
        return Gp;
    {
      RaceHidden Hidden;
      std::lock_guard<std::mutex> L(SchedLock);
      if (G *Gp = takeShared(Mp))
        return Gp;
    }
    if (G *Gp = Mp->RunNext.exchange(nullptr))
      return Gp;
    if (G *Gp = spinForWork(Mp))
      return Gp;

    RaceHidden Hidden;
    std::unique_lock<std::mutex> L(SchedLock);
    if (G *Gp = takeShared(Mp))
      return Gp;
    bool AnyRunNext = false;
    for (int I = 0, E = NumAllMs.load(); I < E; ++I)
      AnyRunNext |= AllMs[I]->RunNext.load() != nullptr;
    if (NumIdleMs + 1 == NumMs && Timers.empty() && !AnyRunNext)
      return nullptr; // Reported outside the lock (and -race's ignores).
    ++NumIdleMs;
    if (!Timers.empty()) {
      auto Wait = std::chrono::nanoseconds(Timers.top().When - monoNow());
      IdleCV.wait_for(L, Wait);
    } else if (AnyRunNext) {
      // Another M's goroutine has not run its RunNext yet: look again soon.
      IdleCV.wait_for(L, std::chrono::microseconds(100));
    } else {
      IdleCV.wait(L);
    }
    --NumIdleMs;
  }
}

void pushRunnable(G *Gp) {
  RaceHidden Hidden;
  std::lock_guard<std::mutex> L(SchedLock);
  appendRunnable(Gp);
  if (NumIdleMs > 0)
    IdleCV.notify_one();
}

void freeG(G *Gp) {
  unlinkG(Gp);
  LiveGoroutines.fetch_sub(1, std::memory_order_relaxed);
#ifdef GM_RACE
  __tsan_destroy_fiber(Gp->RaceFiber);
  Gp->RaceFiber = nullptr;
#endif
  RaceHidden Hidden;
  std::lock_guard<std::mutex> L(SchedLock);
  // Under -race a stack is never reused: unmapping it clears TSan's shadow
  // of the dead goroutine's frames.
  if (RaceEnabled || NumFreeGs >= MaxFreeStacks) {
    size_t Page = size_t(::sysconf(_SC_PAGESIZE));
    ::munmap(Gp->StackLo - Page, GoroutineStackSize + Page);
    GC_FREE(Gp);
    return;
  }
#ifdef GM_ASAN
  // The frames the goroutine never returned from (the last switch) leave
  // their redzones poisoned: the next goroutine starts on a clean stack.
  __asan_unpoison_memory_region(Gp->StackLo, GoroutineStackSize);
#endif
  Gp->Next = FreeGs;
  FreeGs = Gp;
  ++NumFreeGs;
}

/// On g0: whatever the goroutine that just left asked for.
void finishSwitch(M *Mp, G *Gp) {
  AfterSwitch After = Mp->After;
  Mp->After = AfterSwitch::None;
  switch (After) {
  case AfterSwitch::Park:
    if (Mp->Unlock)
      Mp->Unlock(Mp->UnlockArg);
    break;
  case AfterSwitch::Yield:
    pushRunnable(Gp);
    break;
  case AfterSwitch::Exit:
    freeG(Gp);
    break;
  case AfterSwitch::None:
    break;
  }
}

/// On g0: runs Gp until it leaves its stack again.
void runG(M *Mp, G *Gp) {
  Mp->Current = Gp;
  Gp->Status = GStatus::Running;
  prepareJump(Mp, Gp->StackLo, Gp->StackHi, Gp->RaceFiber);
  transfer_t T = jump_fcontext(Gp->Context, Mp);
  // The goroutine took the collector's lock for us.
  Gp->Context = T.fctx;
  finishJump();
  Mp->Current = nullptr;
  finishSwitch(Mp, Gp);
}

[[noreturn]] void scheduleLoop(M *Mp) {
  for (;;) {
    G *Gp = findRunnable(Mp);
    if (!Gp)
      reportDeadlock();
    runG(Mp, Gp);
  }
}

/// The main thread's g0 starts here, the first time main parks.
void schedulerEntry(transfer_t T) {
  auto *Gp = static_cast<G *>(T.data);
  Gp->Context = T.fctx;
  finishJump();
  M *Mp = currentM();
  Mp->Current = nullptr;
  finishSwitch(Mp, Gp);
  scheduleLoop(Mp);
}

/// Leaves the running goroutine's stack for its M's g0; returns when some
/// M runs it again.
void switchToScheduler(G *Gp) {
  M *Mp = currentM();
  void *Data = Gp;
  if (!Mp->SchedContext) {
    // The main thread's first park: its g0 fiber starts now.
    char *Stack = mapStack(SchedulerStackSize);
    Mp->SchedStackLo = Stack;
    Mp->SchedStackHi = Stack + SchedulerStackSize;
    Mp->SchedContext =
        make_fcontext(Mp->SchedStackHi, SchedulerStackSize, schedulerEntry);
#ifdef GM_RACE
    Mp->RaceFiber = __tsan_create_fiber(0);
#endif
  }
  prepareJump(Mp, Mp->SchedStackLo, Mp->SchedStackHi, Mp->RaceFiber);
  transfer_t T = jump_fcontext(Mp->SchedContext, Data);
  // Resumed, perhaps by another M, which holds the collector's lock.
  auto *Now = static_cast<M *>(T.data);
  Now->SchedContext = T.fctx;
  finishJump();
}

/// Every goroutine but main starts here, on its own stack.
void goroutineEntry(transfer_t T) {
  auto *Mp = static_cast<M *>(T.data);
  Mp->SchedContext = T.fctx;
  finishJump();
  G *Gp = currentG();
  raceAcquire(Gp); // The go statement happens before the goroutine starts.
  Gp->Fn(Gp->Record);
  Gp = currentG();
  Gp->Status = GStatus::Dead;
  Gp->Record = nullptr;
  Mp = currentM();
  Mp->After = AfterSwitch::Exit;
  switchToScheduler(Gp);
  __builtin_unreachable();
}

void *workerMain(void *Arg) {
  auto *Mp = static_cast<M *>(Arg);
  CurrentM = Mp;
  stack_t SS = {};
  SS.ss_sp = std::malloc(SignalStackSize);
  SS.ss_size = SignalStackSize;
  ::sigaltstack(&SS, nullptr);
  GC_stack_base SB = {};
  Mp->GCThread = GC_get_my_stackbottom(&SB);
  Mp->SchedStackLo = threadStackLo();
  Mp->SchedStackHi = SB.mem_base;
#ifdef GM_RACE
  Mp->RaceFiber = __tsan_get_current_fiber();
#endif
  scheduleLoop(Mp);
}

/// Starts the worker threads, with the first `go` statement.
void startWorkers() {
  std::vector<M *> New;
  {
    RaceHidden Hidden;
    std::lock_guard<std::mutex> L(SchedLock);
    if (WorkersStarted)
      return;
    WorkersStarted = true;
    int64_t Want = std::min<int64_t>(MaxProcs, MaxMs) - 1;
    for (int64_t I = 0; I < Want; ++I) {
      auto *Mp = new M();
      Mp->Index = NumMs++;
      AllMs[NumAllMs++] = Mp;
      New.push_back(Mp);
    }
  }
  for (M *Mp : New) {
    pthread_t Thread;
    pthread_attr_t Attr;
    pthread_attr_init(&Attr);
    pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
    // GC_THREADS makes this GC_pthread_create: the collector scans the
    // thread from its start.
    if (pthread_create(&Thread, &Attr, workerMain, Mp) != 0)
      fatalError("runtime: cannot create worker thread");
    pthread_attr_destroy(&Attr);
  }
}

G *allocG() {
  {
    RaceHidden Hidden;
    std::lock_guard<std::mutex> L(SchedLock);
    if (G *Gp = FreeGs) {
      FreeGs = Gp->Next;
      --NumFreeGs;
      return Gp;
    }
  }
  // Uncollectable: a parked goroutine may be reachable from nothing but the
  // queue it waits in, and its fields point into the heap.
  void *Mem = GC_MALLOC_UNCOLLECTABLE(sizeof(G));
  auto *Gp = new (Mem) G();
  Gp->StackLo = mapStack(GoroutineStackSize);
  Gp->StackHi = Gp->StackLo + GoroutineStackSize;
  return Gp;
}

} // namespace

G *currentG() {
  M *Mp = currentM();
  if (!Mp) {
    // The main thread, before anything started the scheduler.
    initMainThread();
    Mp = CurrentM;
  }
  return Mp->Current;
}

int64_t goroutineId(const G *Gp) { return Gp->Id; }

void park(void (*Unlock)(void *), void *Arg, WaitReason Reason) {
  initMainThread();
  G *Gp = currentG();
  M *Mp = currentM();
  Gp->Status = GStatus::Waiting;
  Gp->Reason = Reason;
  Mp->After = AfterSwitch::Park;
  Mp->Unlock = Unlock;
  Mp->UnlockArg = Arg;
  switchToScheduler(Gp);
}

void parkForever(WaitReason Reason) {
  park(nullptr, nullptr, Reason);
  fatalError("runtime: a goroutine parked forever was woken");
}

void ready(G *Gp) {
  M *Mp = currentM();
  if (!Mp || !Mp->Current) {
    pushRunnable(Gp);
    return;
  }
  Gp->Status = GStatus::Runnable;
  if (G *Displaced = Mp->RunNext.exchange(Gp)) {
    pushRunnable(Displaced);
    return;
  }
  // Someone must be able to run Gp if this goroutine does not block: an
  // idle M comes to spin, unless one already does.
  if (NumSpinning.load() == 0 && NumIdleMs.load() > 0) {
    RaceHidden Hidden;
    std::lock_guard<std::mutex> L(SchedLock);
    IdleCV.notify_one();
  }
}

void yield() {
  initMainThread();
  if (!WorkersStarted)
    return; // No other goroutine exists.
  G *Gp = currentG();
  Gp->Status = GStatus::Runnable;
  currentM()->After = AfterSwitch::Yield;
  switchToScheduler(Gp);
}

void sleep(int64_t Nanos) {
  if (Nanos <= 0)
    return;
  struct SleepRequest {
    int64_t When;
    G *Gp;
  } Request{monoNow() + Nanos, currentG()};
  // The timer goes in once the goroutine is off its stack, so that it cannot
  // fire before.
  park(
      [](void *Arg) {
        auto *R = static_cast<SleepRequest *>(Arg);
        RaceHidden Hidden;
        std::lock_guard<std::mutex> L(SchedLock);
        Timers.push({R->When, TimerSeq++, R->Gp});
        // An idle M may wait for a later timer: it must wait less now.
        IdleCV.notify_one();
      },
      &Request, "sleep");
}

int64_t numCPU() {
  cpu_set_t Set;
  return ::sched_getaffinity(0, sizeof Set, &Set) == 0 ? CPU_COUNT(&Set) : 1;
}

int64_t numGoroutines() {
  return LiveGoroutines.load(std::memory_order_relaxed);
}

int64_t setMaxProcs(int64_t N) {
  initMainThread();
  RaceHidden Hidden;
  std::lock_guard<std::mutex> L(SchedLock);
  int64_t Old = MaxProcs;
  if (N > 0) {
    MaxProcs = N;
    IdleCV.notify_all();
  }
  return Old;
}

} // namespace gm::rt::sched

namespace gm::rt {

GoroutineLocals &goroutineLocals() {
  sched::M *Mp = sched::currentM();
  return Mp ? Mp->Current->Locals : sched::MainG.Locals;
}

RaceIgnoreCounts &raceIgnoreCounts() {
  sched::M *Mp = sched::currentM();
  if (!Mp)
    return sched::MainG.RaceIgnores;
  return Mp->Current ? Mp->Current->RaceIgnores : Mp->RaceIgnores;
}

int64_t currentGoroutineId() {
  sched::M *Mp = sched::currentM();
  return Mp && Mp->Current ? Mp->Current->Id : 1;
}

void newproc(void *Fn, void *Record) {
  sched::initMainThread();
  sched::startWorkers();
  sched::G *Gp = sched::allocG();
  Gp->Fn = reinterpret_cast<GoroutineFn>(Fn);
  Gp->Record = Record;
  Gp->Id = sched::NextGoroutineId.fetch_add(1, std::memory_order_relaxed);
  Gp->Locals = {};
  Gp->RaceIgnores = {};
  Gp->Reason = nullptr;
  Gp->Context = make_fcontext(Gp->StackHi, sched::GoroutineStackSize,
                              sched::goroutineEntry);
#ifdef GM_RACE
  // The go statement's line is then where TSan says the goroutine was
  // created.
  GM_RACE_FRAME_BEGIN();
  Gp->RaceFiber = __tsan_create_fiber(0);
  GM_RACE_FRAME_END();
  std::string Name = "goroutine " + std::to_string(Gp->Id);
  __tsan_set_fiber_name(Gp->RaceFiber, Name.c_str());
#endif
  raceRelease(Gp); // Everything before the go statement precedes the body.
  sched::LiveGoroutines.fetch_add(1, std::memory_order_relaxed);
  sched::linkG(Gp);
  sched::pushRunnable(Gp);
}

void block() { sched::parkForever("select (no cases)"); }

} // namespace gm::rt
