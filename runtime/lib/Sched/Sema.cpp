//===- Sema.cpp - Semaphores for package sync -----------------------------===//
//
// gm's package sync (runtime/std/sync) is written in gm over atomics and two
// runtime calls, as Go's is: semacquire(addr) waits until *addr > 0 and
// decrements it; semrelease(addr) increments it and wakes one waiter. The
// waiters of all semaphores live in a small table of queues hashed by
// address, so a sync.Mutex needs no more than two words.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Race.h"
#include "Core/Runtime.h"
#include "Sched/Scheduler.h"
#include "Sched/SpinLock.h"

#include <atomic>
#include <mutex>

namespace gm::rt {
namespace {

struct SemaWaiter {
  const uint32_t *Addr;
  sched::G *Gp;
  SemaWaiter *Next;
};

/// One bucket of the table: the goroutines waiting on any address that
/// hashes here, in arrival order, and how many there are (read without the
/// lock, so that a release with nobody waiting takes no lock).
struct SemaRoot {
  sched::SpinLock Lock;
  SemaWaiter *Head = nullptr, *Tail = nullptr;
  std::atomic<uint32_t> NumWaiting{0};
};

constexpr size_t SemaTableSize = 251;
SemaRoot *SemaTable = new SemaRoot[SemaTableSize];

SemaRoot &rootFor(const uint32_t *Addr) {
  return SemaTable[(uintptr_t(Addr) >> 3) % SemaTableSize];
}

// The count is a plain uint32 field of a gm struct, hence the builtins.
bool tryAcquire(uint32_t *Addr) {
  uint32_t N = __atomic_load_n(Addr, __ATOMIC_SEQ_CST);
  while (N > 0)
    if (__atomic_compare_exchange_n(Addr, &N, N - 1, /*weak=*/true,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
      return true;
  return false;
}

void semacquire(uint32_t *Addr, sched::WaitReason Reason) {
  if (tryAcquire(Addr)) {
    raceAcquire(Addr); // The release that raised the count precedes us.
    return;
  }
  SemaRoot &Root = rootFor(Addr);
  for (;;) {
    Root.Lock.lock();
    // Counted before the second try, so that a release after it sees us.
    Root.NumWaiting.fetch_add(1);
    if (tryAcquire(Addr)) {
      Root.NumWaiting.fetch_sub(1);
      Root.Lock.unlock();
      raceAcquire(Addr);
      return;
    }
    SemaWaiter W{Addr, sched::currentG(), nullptr};
    (Root.Tail ? Root.Tail->Next : Root.Head) = &W;
    Root.Tail = &W;
    sched::park([](void *R) { static_cast<SemaRoot *>(R)->Lock.unlock(); },
                &Root, Reason);
    // Woken by a release: compete for the count again.
    if (tryAcquire(Addr)) {
      raceAcquire(Addr);
      return;
    }
  }
}

void semrelease(uint32_t *Addr) {
  raceRelease(Addr);
  __atomic_fetch_add(Addr, 1, __ATOMIC_SEQ_CST);
  SemaRoot &Root = rootFor(Addr);
  if (Root.NumWaiting.load() == 0)
    return;
  sched::G *Woken = nullptr;
  {
    std::lock_guard<sched::SpinLock> L(Root.Lock);
    SemaWaiter *Prev = nullptr;
    for (SemaWaiter *W = Root.Head; W; Prev = W, W = W->Next) {
      if (W->Addr != Addr)
        continue;
      (Prev ? Prev->Next : Root.Head) = W->Next;
      if (Root.Tail == W)
        Root.Tail = Prev;
      Root.NumWaiting.fetch_sub(1);
      Woken = W->Gp;
      break;
    }
  }
  if (Woken)
    sched::ready(Woken);
}

} // namespace

void sync_semacquire(uint32_t *Addr) { semacquire(Addr, "semacquire"); }

void sync_semrelease(uint32_t *Addr) { semrelease(Addr); }

void sync_fatal(GoString Msg) {
  fatalError(
      std::string(reinterpret_cast<const char *>(Msg.Data), size_t(Msg.Len))
          .c_str());
}

} // namespace gm::rt
