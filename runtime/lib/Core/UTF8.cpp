//===- UTF8.cpp - UTF-8 decoding and encoding; printable runes ------------===//
//
// gm's strings are byte strings that are usually UTF-8. Decoding never fails:
// a byte that does not start a well-formed sequence reads as U+FFFD with
// width 1, and decoding resumes at the next byte. "Well-formed" is the
// Unicode definition: the shortest encoding of a scalar value, so overlong
// forms, UTF-16 surrogates (U+D800..U+DFFF) and values above U+10FFFF are all
// rejected.
//
//===----------------------------------------------------------------------===//

#include "Core/UTF8.h"

#include <algorithm>

namespace gm::rt {
namespace {

bool isContinuation(uint8_t B) { return (B & 0xC0) == 0x80; }

/// What a lead byte announces: the sequence length, the payload bits it
/// carries, and the smallest value that needs that many bytes (anything
/// below it would be an overlong form).
struct LeadInfo {
  int Length; // 0: not a lead byte.
  uint32_t Payload;
  uint32_t MinValue;
};

LeadInfo classifyLead(uint8_t B) {
  if (B < 0x80)
    return {1, B, 0};
  if (B < 0xC0)
    return {0, 0, 0}; // A continuation byte cannot start a sequence.
  if (B < 0xE0)
    return {2, B & 0x1Fu, 0x80};
  if (B < 0xF0)
    return {3, B & 0x0Fu, 0x800};
  if (B < 0xF8)
    return {4, B & 0x07u, 0x10000};
  return {0, 0, 0};
}

} // namespace

RuneAndWidth decodeRune(const uint8_t *S, int64_t Len) {
  if (Len <= 0)
    return {RuneError, 0};
  LeadInfo Lead = classifyLead(S[0]);
  if (Lead.Length == 1)
    return {int32_t(S[0]), 1};
  const RuneAndWidth Invalid = {RuneError, 1};
  if (Lead.Length == 0 || Len < Lead.Length)
    return Invalid;
  uint32_t Value = Lead.Payload;
  for (int I = 1; I < Lead.Length; ++I) {
    if (!isContinuation(S[I]))
      return Invalid;
    Value = Value << 6 | (S[I] & 0x3Fu);
  }
  if (Value < Lead.MinValue || !validRune(int32_t(Value)))
    return Invalid;
  return {int32_t(Value), Lead.Length};
}

bool validRune(int32_t R) {
  if (R < 0 || R > MaxRune)
    return false;
  return R < 0xD800 || R > 0xDFFF;
}

int encodeRune(char *Buf, int32_t R) {
  uint32_t V = validRune(R) ? uint32_t(R) : uint32_t(RuneError);
  if (V < 0x80) {
    Buf[0] = char(V);
    return 1;
  }
  // Fill continuation bytes from the end, six bits each, then put the
  // remaining high bits under the lead marker for the sequence length.
  int Length = V < 0x800 ? 2 : V < 0x10000 ? 3 : 4;
  for (int I = Length - 1; I > 0; --I) {
    Buf[I] = char(0x80 | (V & 0x3F));
    V >>= 6;
  }
  static const uint8_t LeadMarker[] = {0, 0, 0xC0, 0xE0, 0xF0};
  Buf[0] = char(LeadMarker[Length] | V);
  return Length;
}

int64_t runeCount(const uint8_t *S, int64_t Len) {
  int64_t Count = 0;
  int64_t Pos = 0;
  while (Pos < Len) {
    Pos += S[Pos] < RuneSelf ? 1 : decodeRune(S + Pos, Len - Pos).Width;
    ++Count;
  }
  return Count;
}

namespace {
#include "PrintableRanges.inc"
} // namespace

bool isPrint(int32_t R) { return inRanges(PrintableRanges, R); }

} // namespace gm::rt
