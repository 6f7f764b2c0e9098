//===- Packages.cpp - sync/atomic and package runtime's scheduler calls ---===//
//
// The bodyless functions of runtime/std/sync/atomic and runtime/std/runtime.
// Every atomic is sequentially consistent, as Go's are.
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"
#include "Sched/Scheduler.h"

#include <gc/gc.h>

namespace gm::rt {

#define GM_ATOMIC_FUNCTIONS(Suffix, T)                                         \
  T atomic_Add##Suffix(T *Addr, T Delta) {                                     \
    return __atomic_add_fetch(Addr, Delta, __ATOMIC_SEQ_CST);                  \
  }                                                                            \
  T atomic_Load##Suffix(T *Addr) {                                             \
    return __atomic_load_n(Addr, __ATOMIC_SEQ_CST);                            \
  }                                                                            \
  void atomic_Store##Suffix(T *Addr, T Value) {                                \
    __atomic_store_n(Addr, Value, __ATOMIC_SEQ_CST);                           \
  }                                                                            \
  T atomic_Swap##Suffix(T *Addr, T Value) {                                    \
    return __atomic_exchange_n(Addr, Value, __ATOMIC_SEQ_CST);                 \
  }                                                                            \
  bool atomic_CompareAndSwap##Suffix(T *Addr, T Old, T New) {                  \
    return __atomic_compare_exchange_n(Addr, &Old, New, /*weak=*/false,        \
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);    \
  }
GM_ATOMIC_FUNCTIONS(Int32, int32_t)
GM_ATOMIC_FUNCTIONS(Int64, int64_t)
GM_ATOMIC_FUNCTIONS(Uint32, uint32_t)
GM_ATOMIC_FUNCTIONS(Uint64, uint64_t)
#undef GM_ATOMIC_FUNCTIONS

void runtime_Gosched() { sched::yield(); }

int64_t runtime_NumGoroutine() { return sched::numGoroutines(); }

int64_t runtime_GOMAXPROCS(int64_t N) { return sched::setMaxProcs(N); }

int64_t runtime_NumCPU() { return sched::numCPU(); }

void runtime_GC() { GC_gcollect(); }

} // namespace gm::rt
