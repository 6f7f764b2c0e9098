//===- Memory.cpp - Allocation: mallocgc, makeslice, growslice ------------===//
//
// Every heap object lives in the Boehm collector: objects that hold pointers
// are scanned (GC_MALLOC), pointer-free ones are not (GC_MALLOC_ATOMIC, which
// does not zero, so we do). Zero-sized requests share one address, like Go's
// zerobase.
//
// Programs print cap() after append, so growslice must pick the capacity Go
// 1.19 picks. The facts: if the new length is more than twice the old
// capacity it is taken as is; otherwise slices below 256 elements double,
// and larger ones grow by a quarter plus 192 elements at a time (so the
// factor slides from 2 towards 1.25) until the length fits. The byte size is
// then rounded up to the allocator's size class, and the slack becomes
// capacity too: append([]byte{}, 'x') has capacity 8.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Race.h"
#include "Core/Runtime.h"

#include <gc/gc.h>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace gm::rt {
namespace {

/// The address of every zero-sized allocation.
uint64_t ZeroBase;

/// Go's maxAlloc on 64-bit Linux (1 << heapAddrBits).
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

/// The byte sizes of Go 1.19's small-object size classes (class 0 unused).
constexpr uint16_t ClassToSize[] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,
    128,   144,   160,   176,   192,   208,   224,   240,   256,   288,
    320,   352,   384,   416,   448,   480,   512,   576,   640,   704,
    768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304,
    2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,
    6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};
constexpr uint64_t MaxSmallSize = 32768;
constexpr uint64_t PageSize = 8192;

} // namespace

uint64_t roundUpSize(uint64_t Size) {
  if (Size == 0)
    return 0;
  if (Size < MaxSmallSize) {
    // The smallest size class that holds Size bytes.
    const uint16_t *Begin = std::begin(ClassToSize) + 1;
    return *std::lower_bound(
        Begin, std::end(ClassToSize), Size,
        [](uint16_t Class, uint64_t S) { return Class < S; });
  }
  // Large objects get whole pages (unless rounding would overflow).
  uint64_t Rounded = (Size + PageSize - 1) & ~(PageSize - 1);
  return Rounded < Size ? Size : Rounded;
}

void *mallocgc(uint64_t Size, bool HasPointers) {
  if (Size == 0)
    return &ZeroBase;
  // Under -race: the collector's allocation lock is no synchronization in
  // Go's model, and zeroing new memory is no access (Go's racemalloc).
  RaceIgnoreSync NoSync;
  RaceIgnoreAccesses NoAccesses;
  void *P = HasPointers ? GC_MALLOC(Size) : GC_MALLOC_ATOMIC(Size);
  if (!P) {
    std::string Prefix = "runtime: out of memory: cannot allocate ";
    appendPrintUint(Prefix, Size);
    Prefix += "-byte block\n";
    dieWithFatalError("out of memory", Prefix);
  }
  if (!HasPointers)
    std::memset(P, 0, Size);
  return P;
}

void *makeslice(int64_t Len, int64_t Cap, uint64_t ElemSize, bool HasPointers) {
  auto Fits = [&](int64_t N) {
    if (N < 0)
      return false;
    return ElemSize == 0 || uint64_t(N) <= MaxAlloc / ElemSize;
  };
  if (!Fits(Cap) || Len < 0 || Len > Cap) {
    // Go reports len problems in preference to cap problems.
    if (!Fits(Len))
      panicmakeslicelen();
    panicmakeslicecap();
  }
  return mallocgc(uint64_t(Cap) * ElemSize, HasPointers);
}

namespace {

/// The element capacity for a slice of OldCap elements that must grow to
/// hold Needed, before rounding to a size class; 0 if the growth overflows.
int64_t chooseCapacity(int64_t OldCap, int64_t Needed) {
  if (Needed > 2 * OldCap)
    return Needed;
  constexpr int64_t SmallSlice = 256;
  if (OldCap < SmallSlice)
    return 2 * OldCap;
  int64_t Cap = OldCap;
  while (Cap < Needed) {
    Cap += (Cap + 3 * SmallSlice) / 4;
    if (Cap <= 0)
      return Needed; // Wrapped around: settle for exactly what is needed.
  }
  return Cap;
}

} // namespace

void growslice(GoSlice *Out, void *OldData, int64_t OldLen, int64_t OldCap,
               int64_t NewLen, uint64_t ElemSize, bool HasPointers) {
  if (NewLen < OldCap)
    panicRuntimeError("growslice: cap out of range");
  if (ElemSize == 0) {
    // Zero-sized elements need no memory at all.
    *Out = {&ZeroBase, NewLen, NewLen};
    return;
  }

  uint64_t Elems = uint64_t(chooseCapacity(OldCap, NewLen));
  if (Elems > MaxAlloc / ElemSize)
    panicRuntimeError("growslice: cap out of range");
  uint64_t Bytes = roundUpSize(Elems * ElemSize);
  if (Bytes > MaxAlloc)
    panicRuntimeError("growslice: cap out of range");

  void *P = mallocgc(Bytes, HasPointers);
  if (OldLen > 0)
    std::memcpy(P, OldData, uint64_t(OldLen) * ElemSize);
  *Out = {P, NewLen, int64_t(Bytes / ElemSize)};
}

} // namespace gm::rt
