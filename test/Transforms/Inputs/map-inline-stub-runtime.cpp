//===- map-inline-stub-runtime.cpp - Recording stand-ins for the runtime --===//
//
// The slow-path entry points for map-inline-exec-slow-paths.test: each one
// records that it was called and returns a sentinel, so the harness can tell
// which branch the inlined fast path took. Also the per-process hash key
// (fixed here), the standard hashers whose addresses the maptypes hold, and
// fatalError, which the inlined assign calls on misuse.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include <cstdio>
#include <cstdlib>

extern "C" uint64_t gm_map_hashkey[4] = {
    0x243f6a8885a308d3ull, 0x13198a2e03707345ull, 0xa4093822299f31d1ull,
    0x082efa98ec4e6c89ull};

int SlowCalls = 0;
unsigned char SlowSentinel[16];

namespace gm::rt {
using namespace gm::abi;

[[noreturn]] void fatalError(const char *Msg) {
  std::printf("fatal error: %s\n", Msg);
  std::exit(2);
}

// Only their addresses matter: they identify the standard hashers.
uintptr_t memhash32(const void *, uintptr_t) { std::abort(); }
uintptr_t memhash64(const void *, uintptr_t) { std::abort(); }
bool memequal32(const void *, const void *) { std::abort(); }
bool memequal64(const void *, const void *) { std::abort(); }

#define STUB(Ret, Name, KeyT, Result)                                          \
  Ret Name(const MapType *, HMap *, KeyT) {                                    \
    ++SlowCalls;                                                               \
    return Result;                                                             \
  }
STUB(void *, mapaccess1_fast32, uint32_t, SlowSentinel)
STUB(void *, mapaccess1_fast64, uint64_t, SlowSentinel)
STUB(MapAccess2Result, mapaccess2_fast32, uint32_t,
     (MapAccess2Result{SlowSentinel, true}))
STUB(MapAccess2Result, mapaccess2_fast64, uint64_t,
     (MapAccess2Result{SlowSentinel, true}))
STUB(void *, mapassign_fast32, uint32_t, SlowSentinel)
STUB(void *, mapassign_fast64, uint64_t, SlowSentinel)
STUB(void *, mapassign_fast64ptr, void *, SlowSentinel)
#undef STUB
} // namespace gm::rt
