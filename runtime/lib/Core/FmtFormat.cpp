//===- FmtFormat.cpp - Scalar formatting under a FormatSpec ---------------===//
//
// Padding and the text of integers, strings, byte strings, runes and floats.
// Rules that matter for matching Go 1.19's output:
//   - widths count runes, not bytes;
//   - '-' pads on the right with spaces; otherwise '0' pads on the left with
//     zeros, and this applies to strings too ("%05s" -> "000ab");
//   - for numbers the zeros go between the sign and the digits; integers
//     treat "%08d" as "at least 8 characters of digits and sign", and a
//     precision as a minimum digit count (which turns zero padding off);
//   - infinities and NaN are never zero-padded.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/UTF8.h"

namespace gm::rt {
namespace {

/// Length in bytes of the first MaxRunes runes of S[0..Len).
int64_t prefixOfRunes(const uint8_t *S, int64_t Len, int64_t MaxRunes) {
  int64_t Pos = 0;
  for (int64_t Runes = 0; Pos < Len && Runes < MaxRunes; ++Runes)
    Pos += S[Pos] < RuneSelf ? 1 : decodeRune(S + Pos, Len - Pos).Width;
  return Pos;
}

/// The digits of V in Base (2, 8, 10 or 16), most significant first.
std::string digitsOf(uint64_t V, unsigned Base, bool Upper) {
  const char *Alphabet = Upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char Tmp[64];
  int N = 0;
  do {
    Tmp[N++] = Alphabet[V % Base];
    V /= Base;
  } while (V != 0);
  std::string Digits;
  while (N > 0)
    Digits += Tmp[--N];
  return Digits;
}

} // namespace

void Formatter::appendFill(int64_t N) {
  if (N > 0)
    Out.append(size_t(N), Spec.ZeroPad ? '0' : ' ');
}

void Formatter::appendPadded(const char *S, size_t Len) {
  int64_t Fill = 0;
  if (Spec.HasWidth)
    Fill = Spec.Width -
           runeCount(reinterpret_cast<const uint8_t *>(S), int64_t(Len));
  if (Spec.LeftAlign) {
    Out.append(S, Len);
    appendFill(Fill);
  } else {
    appendFill(Fill);
    Out.append(S, Len);
  }
}

void Formatter::appendPaddedNoZeros(const std::string &S) {
  bool SavedZeroPad = Spec.ZeroPad;
  Spec.ZeroPad = false;
  appendPadded(S);
  Spec.ZeroPad = SavedZeroPad;
}

void Formatter::formatBool(bool V) {
  appendPadded(V ? "true" : "false", V ? 4 : 5);
}

void Formatter::formatInteger(uint64_t Bits, bool Signed, unsigned Base,
                              bool Upper, bool OctalPrefix) {
  bool Negative = Signed && int64_t(Bits) < 0;
  uint64_t Magnitude = Negative ? 0 - Bits : Bits;

  // An explicit precision of zero prints nothing at all for zero (but the
  // field is still filled to its width, with spaces).
  if (Spec.HasPrecision && Spec.Precision == 0 && Magnitude == 0) {
    bool SavedZeroPad = Spec.ZeroPad;
    Spec.ZeroPad = false;
    appendFill(Spec.HasWidth ? Spec.Width : 0);
    Spec.ZeroPad = SavedZeroPad;
    return;
  }

  std::string Sign;
  if (Negative)
    Sign = "-";
  else if (Spec.ForceSign)
    Sign = "+";
  else if (Spec.SpaceSign)
    Sign = " ";

  // The minimum number of digits: the precision, or for zero padding the
  // whole width less the sign (prefixes such as 0x are not counted).
  int64_t MinDigits = 0;
  if (Spec.HasPrecision)
    MinDigits = Spec.Precision;
  else if (Spec.ZeroPad && Spec.HasWidth)
    MinDigits = Spec.Width - int64_t(Sign.size());

  std::string Digits = digitsOf(Magnitude, Base, Upper);
  if (int64_t(Digits.size()) < MinDigits)
    Digits.insert(0, size_t(MinDigits - int64_t(Digits.size())), '0');

  std::string Prefix;
  if (Spec.Alternate) {
    if (Base == 2)
      Prefix = "0b";
    else if (Base == 16)
      Prefix = Upper ? "0X" : "0x";
    else if (Base == 8 && Digits[0] != '0')
      Prefix = "0";
  }
  if (OctalPrefix)
    Prefix.insert(0, "0o");

  appendPaddedNoZeros(Sign + Prefix + Digits);
}

void Formatter::formatCodePoint(uint64_t V) {
  // "U+0041", at least four (or Precision) upper-case hex digits, and with
  // '#' the rune itself if it is printable: "U+0041 'A'".
  std::string Text = "U+";
  std::string Digits = digitsOf(V, 16, /*Upper=*/true);
  int64_t MinDigits = 4;
  if (Spec.HasPrecision && Spec.Precision > MinDigits)
    MinDigits = Spec.Precision;
  if (int64_t(Digits.size()) < MinDigits)
    Text.append(size_t(MinDigits - int64_t(Digits.size())), '0');
  Text += Digits;
  if (Spec.Alternate && V <= uint64_t(MaxRune) && isPrint(int32_t(V))) {
    char Enc[UTFMax];
    Text += " '";
    Text.append(Enc, size_t(encodeRune(Enc, int32_t(V))));
    Text += '\'';
  }
  appendPaddedNoZeros(Text);
}

void Formatter::formatText(const uint8_t *S, int64_t Len) {
  if (Spec.HasPrecision)
    Len = prefixOfRunes(S, Len, Spec.Precision);
  appendPadded(reinterpret_cast<const char *>(S), size_t(Len));
}

void Formatter::formatHexText(const uint8_t *S, int64_t Len, bool Upper) {
  // Two digits per byte. "% x" separates bytes with spaces, "%#x" adds one
  // 0x prefix, "%# x" one per byte. A precision limits the bytes shown.
  int64_t Count = Len;
  if (Spec.HasPrecision && Spec.Precision < Count)
    Count = Spec.Precision;
  if (Count <= 0) {
    appendFill(Spec.HasWidth ? Spec.Width : 0);
    return;
  }
  const char *Alphabet = Upper ? "0123456789ABCDEF" : "0123456789abcdef";
  const char *Prefix = Upper ? "0X" : "0x";
  std::string Text;
  for (int64_t I = 0; I < Count; ++I) {
    if (I > 0 && Spec.SpaceSign)
      Text += ' ';
    if (Spec.Alternate && (I == 0 || Spec.SpaceSign))
      Text += Prefix;
    Text += Alphabet[S[I] >> 4];
    Text += Alphabet[S[I] & 0xF];
  }
  int64_t Fill = Spec.HasWidth ? Spec.Width - int64_t(Text.size()) : 0;
  if (!Spec.LeftAlign)
    appendFill(Fill);
  Out += Text;
  if (Spec.LeftAlign)
    appendFill(Fill);
}

void Formatter::formatQuotedText(const uint8_t *S, int64_t Len) {
  if (Spec.HasPrecision)
    Len = prefixOfRunes(S, Len, Spec.Precision);
  std::string Text;
  if (Spec.Alternate && canBackquote(S, Len)) {
    Text += '`';
    Text.append(reinterpret_cast<const char *>(S), size_t(Len));
    Text += '`';
  } else {
    appendQuote(Text, S, Len, /*ASCIIOnly=*/Spec.ForceSign);
  }
  appendPadded(Text);
}

void Formatter::formatChar(uint64_t V) {
  int32_t R = V > uint64_t(MaxRune) ? RuneError : int32_t(V);
  char Enc[UTFMax];
  appendPadded(Enc, size_t(encodeRune(Enc, R)));
}

void Formatter::formatQuotedChar(uint64_t V) {
  int32_t R = V > uint64_t(MaxRune) ? RuneError : int32_t(V);
  std::string Text;
  appendQuoteRune(Text, R, /*ASCIIOnly=*/Spec.ForceSign);
  appendPadded(Text);
}

void Formatter::formatFloat(double V, int BitSize, char Verb,
                            int DefaultPrecision) {
  int Precision = Spec.HasPrecision ? Spec.Precision : DefaultPrecision;
  std::string Body;
  appendFloat(Body, V, Verb, Precision, BitSize);

  // Split off the sign; Sign is empty for a positive value.
  std::string Sign;
  if (Body[0] == '-' || Body[0] == '+') {
    Sign = Body.substr(0, 1);
    Body.erase(0, 1);
  }
  if (Sign.empty() || Sign == "+") {
    if (Spec.ForceSign)
      Sign = "+";
    else if (Spec.SpaceSign)
      Sign = " ";
    else if (Body == "Inf")
      Sign = "+"; // Infinity always shows its sign.
    else
      Sign.clear();
  }

  if (Body == "Inf" || Body == "NaN") {
    appendPaddedNoZeros(Sign + Body);
    return;
  }

  // '#' (except with %b): always show a decimal point, and for %g-style
  // output keep trailing zeros up to the precision (6 if unspecified).
  if (Spec.Alternate && Verb != 'b') {
    bool Hex = Verb == 'x' || Verb == 'X';
    size_t ExpPos = Body.find_first_of(Hex ? "pP" : "eE");
    std::string Exponent;
    if (ExpPos != std::string::npos) {
      Exponent = Body.substr(ExpPos);
      Body.resize(ExpPos);
    }
    int Wanted = 0;
    if (Verb == 'g' || Verb == 'G' || Verb == 'x')
      Wanted = Precision < 0 ? 6 : Precision;
    // Characters from the first one other than '0' and '.' count as digits
    // already present (so the 'x' of a 0x prefix counts, as it does in Go).
    size_t FirstSignificant = Body.find_first_not_of("0.");
    for (size_t I = FirstSignificant; I < Body.size(); ++I)
      if (Body[I] != '.')
        --Wanted;
    if (Body.find('.') == std::string::npos) {
      if (Body == "0")
        --Wanted; // A lone zero counts as one digit.
      Body += '.';
    }
    if (Wanted > 0)
      Body.append(size_t(Wanted), '0');
    Body += Exponent;
  }

  // Zero padding goes between the sign and the digits.
  if (Spec.ZeroPad && Spec.HasWidth && !Sign.empty() &&
      Spec.Width > int64_t(Sign.size() + Body.size())) {
    Out += Sign;
    appendFill(Spec.Width - int64_t(Sign.size() + Body.size()));
    Out += Body;
    return;
  }
  appendPadded(Sign + Body);
}

} // namespace gm::rt
