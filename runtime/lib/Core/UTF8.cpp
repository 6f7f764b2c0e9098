//===- UTF8.cpp - UTF-8 decoding and encoding, strconv.IsPrint ------------===//
//
// Ports of Go 1.19's unicode/utf8 DecodeRune/EncodeRune/RuneCount and
// strconv.IsPrint. The accepted byte ranges are those of the Unicode standard
// (table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF.
//
//===----------------------------------------------------------------------===//

#include "Core/UTF8.h"

namespace gm::rt {

RuneAndWidth decodeRune(const uint8_t *S, int64_t Len) {
  if (Len < 1)
    return {RuneError, 0};
  uint8_t B0 = S[0];
  if (B0 < RuneSelf)
    return {B0, 1};
  // Lead byte: sequence length and the accepted range of the second byte.
  int Size;
  uint8_t Lo = 0x80, Hi = 0xBF;
  if (B0 >= 0xC2 && B0 <= 0xDF) {
    Size = 2;
  } else if (B0 >= 0xE0 && B0 <= 0xEF) {
    Size = 3;
    if (B0 == 0xE0)
      Lo = 0xA0; // Overlong.
    else if (B0 == 0xED)
      Hi = 0x9F; // Surrogates.
  } else if (B0 >= 0xF0 && B0 <= 0xF4) {
    Size = 4;
    if (B0 == 0xF0)
      Lo = 0x90; // Overlong.
    else if (B0 == 0xF4)
      Hi = 0x8F; // Above U+10FFFF.
  } else {
    return {RuneError, 1};
  }
  if (Len < Size)
    return {RuneError, 1};
  uint8_t B1 = S[1];
  if (B1 < Lo || B1 > Hi)
    return {RuneError, 1};
  if (Size == 2)
    return {int32_t(B0 & 0x1F) << 6 | int32_t(B1 & 0x3F), 2};
  uint8_t B2 = S[2];
  if (B2 < 0x80 || B2 > 0xBF)
    return {RuneError, 1};
  if (Size == 3)
    return {int32_t(B0 & 0x0F) << 12 | int32_t(B1 & 0x3F) << 6 |
                int32_t(B2 & 0x3F),
            3};
  uint8_t B3 = S[3];
  if (B3 < 0x80 || B3 > 0xBF)
    return {RuneError, 1};
  return {int32_t(B0 & 0x07) << 18 | int32_t(B1 & 0x3F) << 12 |
              int32_t(B2 & 0x3F) << 6 | int32_t(B3 & 0x3F),
          4};
}

bool validRune(int32_t R) {
  return (R >= 0 && R < 0xD800) || (R > 0xDFFF && R <= MaxRune);
}

int encodeRune(char *Buf, int32_t R) {
  auto U = uint32_t(R);
  if (U < 0x80) {
    Buf[0] = char(U);
    return 1;
  }
  if (U < 0x800) {
    Buf[0] = char(0xC0 | U >> 6);
    Buf[1] = char(0x80 | (U & 0x3F));
    return 2;
  }
  if (!validRune(R))
    U = RuneError;
  if (U < 0x10000) {
    Buf[0] = char(0xE0 | U >> 12);
    Buf[1] = char(0x80 | ((U >> 6) & 0x3F));
    Buf[2] = char(0x80 | (U & 0x3F));
    return 3;
  }
  Buf[0] = char(0xF0 | U >> 18);
  Buf[1] = char(0x80 | ((U >> 12) & 0x3F));
  Buf[2] = char(0x80 | ((U >> 6) & 0x3F));
  Buf[3] = char(0x80 | (U & 0x3F));
  return 4;
}

int64_t runeCount(const uint8_t *S, int64_t Len) {
  int64_t N = 0;
  for (int64_t I = 0; I < Len; ++N) {
    if (S[I] < RuneSelf) {
      ++I;
      continue;
    }
    I += decodeRune(S + I, Len - I).Width;
  }
  return N;
}

namespace {
/// The first index I with A[I] >= X (Go's bsearch16/bsearch32).
template <typename T> size_t lowerBound(const T *A, size_t Len, T X) {
  size_t I = 0, J = Len;
  while (I < J) {
    size_t H = I + (J - I) / 2;
    if (A[H] < X)
      I = H + 1;
    else
      J = H;
  }
  return I;
}
} // namespace

bool isPrint(int32_t R) {
  using namespace tables;
  if (R <= 0xFF) {
    if (R >= 0x20 && R <= 0x7E)
      return true;
    if (R >= 0xA1 && R <= 0xFF)
      return R != 0xAD;
    return false;
  }
  // Find the range pair [Print[2k], Print[2k+1]] that might contain R, then
  // make sure R is not one of the listed exceptions.
  if (R < 0x10000) {
    auto RR = uint16_t(R);
    size_t I = lowerBound(IsPrint16, IsPrint16Len, RR);
    if (I >= IsPrint16Len || RR < IsPrint16[I & ~size_t(1)] ||
        IsPrint16[I | 1] < RR)
      return false;
    size_t J = lowerBound(IsNotPrint16, IsNotPrint16Len, RR);
    return J >= IsNotPrint16Len || IsNotPrint16[J] != RR;
  }
  auto RR = uint32_t(R);
  size_t I = lowerBound(IsPrint32, IsPrint32Len, RR);
  if (I >= IsPrint32Len || RR < IsPrint32[I & ~size_t(1)] ||
      IsPrint32[I | 1] < RR)
    return false;
  if (R >= 0x20000)
    return true;
  auto Low = uint16_t(R - 0x10000);
  size_t J = lowerBound(IsNotPrint32, IsNotPrint32Len, Low);
  return J >= IsNotPrint32Len || IsNotPrint32[J] != Low;
}

bool isInGraphicList(int32_t R) {
  if (R < 0 || R > 0xFFFF)
    return false;
  auto RR = uint16_t(R);
  size_t I = lowerBound(tables::IsGraphic, tables::IsGraphicLen, RR);
  return I < tables::IsGraphicLen && tables::IsGraphic[I] == RR;
}

} // namespace gm::rt
