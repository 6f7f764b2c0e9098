//===- Packages.cpp - strconv, sort, strings and os functions -------------===//
//
// The small library functions gm programs may call (besides fmt):
// strconv.Itoa/FormatInt, sort.Ints/Strings, strings.Repeat/Contains/Join and
// os.Exit, with Go's results and Go's panics ("strings: negative Repeat
// count"). Slices arrive as (data, len, cap).
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

GoString strings_Repeat(GoString S, int64_t Count) {
  if (Count == 0)
    return {nullptr, 0};
  if (Count < 0)
    panicGoString("strings: negative Repeat count");
  // Checked without signed overflow, which the optimiser may assume away.
  int64_t Product;
  if (__builtin_mul_overflow(S.Len, Count, &Product))
    panicGoString("strings: Repeat count causes overflow");
  uint64_t Len = uint64_t(Product);
  if (Len == 0)
    return {nullptr, 0};
  auto *P = static_cast<uint8_t *>(mallocgc(Len, false));
  for (int64_t I = 0; I < Count; ++I)
    std::memcpy(P + I * S.Len, S.Data, size_t(S.Len));
  return {P, int64_t(Len)};
}

bool strings_Contains(GoString S, GoString Substr) {
  if (Substr.Len == 0)
    return true;
  if (Substr.Len > S.Len)
    return false;
  return ::memmem(S.Data, size_t(S.Len), Substr.Data, size_t(Substr.Len)) !=
         nullptr;
}

GoString strings_Join(const GoString *Elems, int64_t Len, int64_t Cap,
                      GoString Sep) {
  if (Len == 0)
    return {nullptr, 0};
  if (Len == 1)
    return Elems[0];
  uint64_t Total = uint64_t(Sep.Len) * uint64_t(Len - 1);
  for (int64_t I = 0; I < Len; ++I)
    Total += uint64_t(Elems[I].Len);
  if (Total == 0)
    return {nullptr, 0};
  auto *P = static_cast<uint8_t *>(mallocgc(Total, false));
  uint8_t *Q = P;
  for (int64_t I = 0; I < Len; ++I) {
    if (I > 0 && Sep.Len > 0) {
      std::memcpy(Q, Sep.Data, size_t(Sep.Len));
      Q += Sep.Len;
    }
    if (Elems[I].Len > 0) {
      std::memcpy(Q, Elems[I].Data, size_t(Elems[I].Len));
      Q += Elems[I].Len;
    }
  }
  return {P, int64_t(Total)};
}

//===----------------------------------------------------------------------===//
// os
//===----------------------------------------------------------------------===//

void os_Exit(int64_t Code) { exitProcess(int(Code)); }

} // namespace gm::rt
