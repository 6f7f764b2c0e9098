//===- Packages.cpp - strconv, sort, strings and os functions -------------===//
//
// The small library functions gm programs may call (besides fmt):
// strconv.Itoa/FormatInt, sort.Ints/Strings and os.Exit, with Go's results,
// and the two that gm's package strings (runtime/std/strings) asks of the
// runtime. Slices arrive as (data, len, cap).
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <algorithm>
#include <cstring>

namespace gm::rt {
namespace {

bool lessString(const GoString &A, const GoString &B) {
  return cmpstring(A, B) < 0;
}

} // namespace

//===----------------------------------------------------------------------===//
// strconv
//===----------------------------------------------------------------------===//

GoString strconv_FormatInt(int64_t V, int64_t Base) {
  if (Base < 2 || Base > 36)
    panicGoString("strconv: illegal AppendInt/FormatInt base");
  static const char Digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char Buf[65];
  int I = sizeof(Buf);
  bool Neg = V < 0;
  uint64_t U = Neg ? -uint64_t(V) : uint64_t(V);
  do {
    Buf[--I] = Digits[U % uint64_t(Base)];
    U /= uint64_t(Base);
  } while (U != 0);
  if (Neg)
    Buf[--I] = '-';
  return newString(Buf + I, sizeof(Buf) - size_t(I));
}

GoString strconv_Itoa(int64_t V) { return strconv_FormatInt(V, 10); }

//===----------------------------------------------------------------------===//
// sort
//===----------------------------------------------------------------------===//

void sort_Ints(int64_t *Data, int64_t Len, int64_t Cap) {
  std::sort(Data, Data + Len);
}

void sort_Strings(GoString *Data, int64_t Len, int64_t Cap) {
  std::sort(Data, Data + Len, lessString);
}

//===----------------------------------------------------------------------===//
// strings
//===----------------------------------------------------------------------===//

int64_t strings_indexByte(GoString S, int64_t C) {
  if (S.Len == 0)
    return -1;
  const void *P = std::memchr(S.Data, int(C & 0xff), size_t(S.Len));
  return P ? static_cast<const uint8_t *>(P) - S.Data : -1;
}

GoString strings_bytesToString(uint8_t *Data, int64_t Len, int64_t Cap) {
  return {Data, Len};
}

//===----------------------------------------------------------------------===//
// os
//===----------------------------------------------------------------------===//

void os_Exit(int64_t Code) { exitProcess(int(Code)); }

} // namespace gm::rt
