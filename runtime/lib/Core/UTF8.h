//===- UTF8.h - UTF-8 and Unicode helpers (Go's unicode/utf8) ---*- C++ -*-===//
//
// Internal to the runtime. Decoding follows Go's utf8.DecodeRune exactly: an
// invalid or truncated sequence decodes as U+FFFD with width 1, which is what
// `for range` over a string, []rune(s), fmt's padding and %q rely on.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_CORE_UTF8_H
#define GM_RUNTIME_CORE_UTF8_H

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace gm::rt {

inline constexpr int32_t RuneError = 0xFFFD;
inline constexpr int32_t MaxRune = 0x10FFFF;
inline constexpr uint8_t RuneSelf = 0x80;
inline constexpr int UTFMax = 4;

/// A decoded rune and the number of bytes it occupied (0 only for empty input).
struct RuneAndWidth {
  int32_t Rune;
  int Width;
};

/// Decodes the first rune of S[0..Len) as utf8.DecodeRune does.
RuneAndWidth decodeRune(const uint8_t *S, int64_t Len);

/// Reports whether R is a valid Unicode scalar value (utf8.ValidRune).
bool validRune(int32_t R);

/// Writes the UTF-8 encoding of R (U+FFFD if invalid) to Buf, which must hold
/// UTFMax bytes; returns the number of bytes written (utf8.EncodeRune).
int encodeRune(char *Buf, int32_t R);

/// Number of runes in S[0..Len), counting each invalid byte as one rune.
int64_t runeCount(const uint8_t *S, int64_t Len);

/// strconv.IsPrint (and unicode.IsPrint).
bool isPrint(int32_t R);

/// An inclusive range of runes, in the generated tables of character classes.
struct RuneRange {
  uint32_t Lo, Hi;
};

/// Whether R is in one of the sorted, disjoint Ranges.
template <size_t N> bool inRanges(const RuneRange (&Ranges)[N], int32_t R) {
  if (R < 0)
    return false;
  auto U = uint32_t(R);
  // The first range whose end is not below U.
  const RuneRange *It = std::lower_bound(
      Ranges, Ranges + N, U,
      [](const RuneRange &Range, uint32_t X) { return Range.Hi < X; });
  return It != Ranges + N && It->Lo <= U;
}

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_UTF8_H
