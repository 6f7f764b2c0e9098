//===- SpinLock.h - The lock of channels and semaphore queues ---*- C++ -*-===//
//
// A goroutine that parks while holding a channel's lock has it released by
// its M's scheduler, after the switch, that is by another fiber (and, under
// -race, another TSan thread): a lock with an owner, as pthread's, would
// object. Critical sections are a few dozen instructions, so spinning (with
// a yield of the thread when it lasts) costs less than sleeping.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_SCHED_SPINLOCK_H
#define GM_RUNTIME_SCHED_SPINLOCK_H

#include <atomic>
#include <sched.h>

namespace gm::rt::sched {

class SpinLock {
public:
  void lock() {
    for (unsigned Spins = 0;; ++Spins) {
      if (!Held.exchange(true, std::memory_order_acquire))
        return;
      while (Held.load(std::memory_order_relaxed)) {
        if (++Spins > 64)
          ::sched_yield();
        else
          __builtin_ia32_pause();
      }
    }
  }
  void unlock() { Held.store(false, std::memory_order_release); }

private:
  std::atomic<bool> Held{false};
};

} // namespace gm::rt::sched

#endif // GM_RUNTIME_SCHED_SPINLOCK_H
