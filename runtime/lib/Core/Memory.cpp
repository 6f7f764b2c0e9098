//===- Memory.cpp - Allocation: mallocgc, makeslice, growslice ------------===//
//
// Every heap object lives in the Boehm collector: objects that hold pointers
// are scanned (GC_MALLOC), pointer-free ones are not (GC_MALLOC_ATOMIC, which
// does not zero, so we do). Zero-sized requests share one address, like Go's
// zerobase.
//
// growslice reproduces Go 1.19's capacity choice exactly, because programs
// print cap() after append: double the capacity below 256 elements, then grow
// by (cap + 3*256)/4 until it fits, and finally round the byte size up to
// Go's malloc size class (roundupsize), which is what makes
// `append([]byte{}, 'x')` have capacity 8.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <gc/gc.h>

#include <cstring>

namespace gm::rt {
namespace {

/// The address of every zero-sized allocation.
uint64_t ZeroBase;

/// Go's maxAlloc on 64-bit Linux (1 << heapAddrBits).
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

/// Go 1.19's runtime/sizeclasses.go: class_to_size.
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
  if (Size < MaxSmallSize) {
    // The smallest class that fits (Go indexes size_to_class8/128 tables,
    // which encode the same answer).
    size_t Lo = 1, Hi = sizeof(ClassToSize) / sizeof(ClassToSize[0]) - 1;
    while (Lo < Hi) {
      size_t Mid = (Lo + Hi) / 2;
      if (ClassToSize[Mid] < Size)
        Lo = Mid + 1;
      else
        Hi = Mid;
    }
    return Size == 0 ? 0 : ClassToSize[Lo];
  }
  if (Size + PageSize < Size)
    return Size;
  return (Size + PageSize - 1) & ~(PageSize - 1);
}

void *mallocgc(uint64_t Size, bool HasPointers) {
  if (Size == 0)
    return &ZeroBase;
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

void growslice(GoSlice *Out, void *OldData, int64_t OldLen, int64_t OldCap,
               int64_t NewLen, uint64_t ElemSize, bool HasPointers) {
  if (NewLen < OldCap)
    panicRuntimeError("growslice: cap out of range");
  if (ElemSize == 0) {
    *Out = {&ZeroBase, NewLen, NewLen};
    return;
  }

  int64_t NewCap = OldCap;
  int64_t DoubleCap = NewCap + NewCap;
  if (NewLen > DoubleCap) {
    NewCap = NewLen;
  } else {
    constexpr int64_t Threshold = 256;
    if (OldCap < Threshold) {
      NewCap = DoubleCap;
    } else {
      // Transition from growing 2x for small slices to 1.25x for large
      // ones; 0 < NewCap detects overflow.
      while (0 < NewCap && NewCap < NewLen)
        NewCap += (NewCap + 3 * Threshold) / 4;
      if (NewCap <= 0)
        NewCap = NewLen;
    }
  }

  // Round the allocation up to the size class and give the slack to cap.
  bool Overflow = uint64_t(NewCap) > MaxAlloc / ElemSize;
  uint64_t CapMem = Overflow ? 0 : roundUpSize(uint64_t(NewCap) * ElemSize);
  if (Overflow || CapMem > MaxAlloc)
    panicRuntimeError("growslice: cap out of range");
  NewCap = int64_t(CapMem / ElemSize);

  void *P = mallocgc(CapMem, HasPointers);
  if (OldLen > 0)
    std::memcpy(P, OldData, uint64_t(OldLen) * ElemSize);
  *Out = {P, NewLen, NewCap};
}

} // namespace gm::rt
