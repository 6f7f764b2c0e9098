//===- String.cpp - String operations generated code calls ----------------===//
//
// Concatenation, comparison and the conversions between strings, bytes and
// runes. Strings are immutable, so every result is freshly allocated
// pointer-free memory. A conversion to a slice gets the capacity of the whole
// size-class block it is allocated in, as a heap-allocated one does in Go.
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"
#include "Core/UTF8.h"

#include <gc/gc.h>

#include <cstring>

namespace gm::rt {

GoString newString(const char *Data, size_t Len) {
  if (Len == 0)
    return {nullptr, 0};
  auto *P = static_cast<uint8_t *>(mallocgc(Len, /*HasPointers=*/false));
  std::memcpy(P, Data, Len);
  return {P, int64_t(Len)};
}

GoString concatstring2(GoString A, GoString B) {
  if (A.Len == 0)
    return B;
  if (B.Len == 0)
    return A;
  uint64_t Len = uint64_t(A.Len) + uint64_t(B.Len);
  auto *P = static_cast<uint8_t *>(mallocgc(Len, false));
  std::memcpy(P, A.Data, size_t(A.Len));
  std::memcpy(P + A.Len, B.Data, size_t(B.Len));
  return {P, int64_t(Len)};
}

int64_t cmpstring(GoString A, GoString B) {
  int64_t N = A.Len < B.Len ? A.Len : B.Len;
  if (N > 0) {
    int C = std::memcmp(A.Data, B.Data, size_t(N));
    if (C != 0)
      return C < 0 ? -1 : 1;
  }
  if (A.Len != B.Len)
    return A.Len < B.Len ? -1 : 1;
  return 0;
}

int64_t switchstring(GoString S, const GoString *Cases, int64_t N) {
  int64_t Lo = 0, Hi = N;
  while (Lo < Hi) {
    int64_t Mid = Lo + (Hi - Lo) / 2;
    const GoString &C = Cases[Mid];
    int Order = C.Len != S.Len ? (C.Len < S.Len ? -1 : 1)
                : S.Len        ? std::memcmp(C.Data, S.Data, size_t(S.Len))
                               : 0;
    if (Order == 0)
      return Mid;
    if (Order < 0)
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  return -1;
}

GoString intstring(int64_t V) {
  // string(rune(v)) for any integer v: out-of-range values become U+FFFD.
  int32_t R = V >= 0 && V <= MaxRune ? int32_t(V) : RuneError;
  char Buf[UTFMax];
  int N = encodeRune(Buf, R);
  return newString(Buf, size_t(N));
}

GoString slicebytetostring(uint8_t *Buf, const uint8_t *Data, int64_t Len) {
  if (Buf && Len <= abi::TmpBufElems) {
    if (Len > 0)
      std::memcpy(Buf, Data, size_t(Len));
    return {Buf, Len};
  }
  return newString(reinterpret_cast<const char *>(Data), size_t(Len));
}

GoString slicerunetostring(uint8_t *Buf, const int32_t *Data, int64_t Len) {
  std::string S;
  char Enc[UTFMax];
  for (int64_t I = 0; I < Len; ++I)
    S.append(Enc, size_t(encodeRune(Enc, Data[I])));
  if (Buf && int64_t(S.size()) <= abi::TmpBufElems) {
    std::memcpy(Buf, S.data(), S.size());
    return {Buf, int64_t(S.size())};
  }
  return newString(S);
}

void stringtoslicebyte(GoSlice *Out, uint8_t *Buf, GoString S) {
  if (Buf && S.Len <= abi::TmpBufElems) {
    // Go clears the whole buffer: the capacity beyond len is visible.
    std::memset(Buf, 0, size_t(abi::TmpBufElems));
    if (S.Len > 0)
      std::memcpy(Buf, S.Data, size_t(S.Len));
    *Out = {Buf, S.Len, abi::TmpBufElems};
    return;
  }
  uint64_t Cap = roundUpSize(uint64_t(S.Len));
  void *P = mallocgc(Cap, false);
  if (S.Len > 0)
    std::memcpy(P, S.Data, size_t(S.Len));
  *Out = {P, S.Len, int64_t(Cap)};
}

void stringtoslicerune(GoSlice *Out, int32_t *Buf, GoString S) {
  int64_t N = runeCount(S.Data, S.Len);
  int32_t *P;
  int64_t Cap;
  if (Buf && N <= abi::TmpBufElems) {
    std::memset(Buf, 0, size_t(abi::TmpBufElems) * sizeof(int32_t));
    P = Buf;
    Cap = abi::TmpBufElems;
  } else {
    uint64_t Mem = roundUpSize(uint64_t(N) * sizeof(int32_t));
    P = static_cast<int32_t *>(mallocgc(Mem, false));
    Cap = int64_t(Mem / sizeof(int32_t));
  }
  int64_t I = 0;
  for (int64_t Pos = 0; Pos < S.Len; ++I) {
    RuneAndWidth RW = decodeRune(S.Data + Pos, S.Len - Pos);
    P[I] = RW.Rune;
    Pos += RW.Width;
  }
  *Out = {P, N, Cap};
}

DecodeRuneResult decoderune(GoString S, int64_t K) {
  if (K < 0 || K >= S.Len)
    return {RuneError, K + 1};
  RuneAndWidth RW = decodeRune(S.Data + K, S.Len - K);
  return {RW.Rune, K + RW.Width};
}

} // namespace gm::rt
