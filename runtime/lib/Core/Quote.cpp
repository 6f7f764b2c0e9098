//===- Quote.cpp - Go-syntax quoting of strings and runes -----------------===//
//
// Produces the double-quoted (or single-quoted, for runes) literal Go would
// accept for a value, as strconv.Quote, strconv.QuoteRune and fmt's %q print
// it. The escaping rules, in order:
//   1. the delimiter and the backslash get a backslash;
//   2. printable runes (isPrint) are kept as they are, unless the output is
//      ASCII-only (%+q), where only printable ASCII is kept;
//   3. the seven control characters with C escapes use them (\a \b \f \n \r
//      \t \v);
//   4. other ASCII controls and DEL are written \xNN;
//   5. anything else is \uNNNN if it fits in 16 bits, else \UNNNNNNNN.
// A byte that is not part of valid UTF-8 is written \xNN, byte by byte.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Runtime.h"
#include "Core/UTF8.h"

namespace gm::rt {
namespace {

/// Appends the low NumDigits hex digits of V, most significant first.
void appendHexDigits(std::string &Out, uint32_t V, int NumDigits) {
  for (int Shift = 4 * (NumDigits - 1); Shift >= 0; Shift -= 4)
    Out += "0123456789abcdef"[(V >> Shift) & 0xF];
}

/// The letter of a C-style escape for R, or 0 if R has none.
char shortEscapeLetter(int32_t R) {
  struct ShortEscape {
    int32_t Rune;
    char Letter;
  };
  static const ShortEscape Table[] = {{'\a', 'a'}, {'\b', 'b'}, {'\f', 'f'},
                                      {'\n', 'n'}, {'\r', 'r'}, {'\t', 't'},
                                      {'\v', 'v'}};
  for (const ShortEscape &E : Table)
    if (E.Rune == R)
      return E.Letter;
  return 0;
}

bool keepsLiterally(int32_t R, bool ASCIIOnly) {
  if (ASCIIOnly && R >= RuneSelf)
    return false;
  return isPrint(R);
}

/// Appends one rune (a valid scalar value or RuneError) of a quoted literal
/// delimited by Delim.
void appendQuotedRune(std::string &Out, int32_t R, char Delim, bool ASCIIOnly) {
  char Enc[UTFMax];
  if (R == Delim || R == '\\') {
    Out += '\\';
    Out += char(R);
    return;
  }
  if (keepsLiterally(R, ASCIIOnly)) {
    Out.append(Enc, size_t(encodeRune(Enc, R)));
    return;
  }
  if (char Letter = shortEscapeLetter(R)) {
    Out += '\\';
    Out += Letter;
    return;
  }
  if (R < 0x20 || R == 0x7F) {
    Out += "\\x";
    appendHexDigits(Out, uint32_t(R), 2);
    return;
  }
  bool Wide = R > 0xFFFF;
  Out += Wide ? "\\U" : "\\u";
  appendHexDigits(Out, uint32_t(R), Wide ? 8 : 4);
}

} // namespace

void appendQuote(std::string &Out, const uint8_t *S, int64_t Len,
                 bool ASCIIOnly) {
  Out += '"';
  int64_t Pos = 0;
  while (Pos < Len) {
    RuneAndWidth RW = decodeRune(S + Pos, Len - Pos);
    // A one-byte U+FFFD is a decoding failure, not a literal U+FFFD.
    if (RW.Rune == RuneError && RW.Width == 1) {
      Out += "\\x";
      appendHexDigits(Out, S[Pos], 2);
    } else {
      appendQuotedRune(Out, RW.Rune, '"', ASCIIOnly);
    }
    Pos += RW.Width;
  }
  Out += '"';
}

void appendQuoteRune(std::string &Out, int32_t R, bool ASCIIOnly) {
  Out += '\'';
  appendQuotedRune(Out, validRune(R) ? R : RuneError, '\'', ASCIIOnly);
  Out += '\'';
}

bool canBackquote(const uint8_t *S, int64_t Len) {
  // A raw string literal cannot contain a backquote, invalid UTF-8, or
  // control characters other than tab. A byte order mark is refused too,
  // since it would be invisible in the source.
  int64_t Pos = 0;
  while (Pos < Len) {
    RuneAndWidth RW = decodeRune(S + Pos, Len - Pos);
    int32_t R = RW.Rune;
    if (RW.Width == 1 && R == RuneError)
      return false;
    if (R == '`' || R == 0x7F || R == 0xFEFF || (R < 0x20 && R != '\t'))
      return false;
    Pos += RW.Width;
  }
  return true;
}

GoString strconv_Quote(GoString S) {
  std::string Out;
  appendQuote(Out, S.Data, S.Len, /*ASCIIOnly=*/false);
  return newString(Out);
}

} // namespace gm::rt
