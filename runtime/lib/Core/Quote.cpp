//===- Quote.cpp - strconv.Quote, QuoteRune and CanBackquote --------------===//
//
// Ports of Go 1.19's strconv/quote.go. Printable runes (strconv.IsPrint) are
// kept, the quote and backslash are escaped, \a \b \f \n \r \t \v use their
// short forms, other control bytes become \xNN, other unprintable runes
// \uNNNN or \UNNNNNNNN, and bytes that are not valid UTF-8 become \xNN.
// %q, %+q (ASCII only) and %#q (backquotes when possible) are built on these.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Runtime.h"
#include "Core/UTF8.h"

namespace gm::rt {
namespace {

constexpr const char *LowerHex = "0123456789abcdef";

void appendEscapedRune(std::string &Out, int32_t R, char Quote,
                       bool ASCIIOnly) {
  char Enc[UTFMax];
  if (R == Quote || R == '\\') {
    Out += '\\';
    Out.append(Enc, size_t(encodeRune(Enc, R)));
    return;
  }
  if (ASCIIOnly) {
    if (R < RuneSelf && isPrint(R)) {
      Out += char(R);
      return;
    }
  } else if (isPrint(R)) {
    Out.append(Enc, size_t(encodeRune(Enc, R)));
    return;
  }
  switch (R) {
  case '\a':
    Out += "\\a";
    return;
  case '\b':
    Out += "\\b";
    return;
  case '\f':
    Out += "\\f";
    return;
  case '\n':
    Out += "\\n";
    return;
  case '\r':
    Out += "\\r";
    return;
  case '\t':
    Out += "\\t";
    return;
  case '\v':
    Out += "\\v";
    return;
  }
  if (R < ' ' || R == 0x7F) {
    Out += "\\x";
    Out += LowerHex[(R >> 4) & 0xF];
    Out += LowerHex[R & 0xF];
    return;
  }
  if (!validRune(R))
    R = RuneError;
  if (R < 0x10000) {
    Out += "\\u";
    for (int S = 12; S >= 0; S -= 4)
      Out += LowerHex[(R >> S) & 0xF];
    return;
  }
  Out += "\\U";
  for (int S = 28; S >= 0; S -= 4)
    Out += LowerHex[(R >> S) & 0xF];
}

} // namespace

void appendQuote(std::string &Out, const uint8_t *S, int64_t Len,
                 bool ASCIIOnly) {
  Out += '"';
  for (int64_t I = 0; I < Len;) {
    int32_t R = S[I];
    int Width = 1;
    if (R >= RuneSelf) {
      RuneAndWidth RW = decodeRune(S + I, Len - I);
      R = RW.Rune;
      Width = RW.Width;
    }
    if (Width == 1 && R == RuneError) {
      Out += "\\x";
      Out += LowerHex[S[I] >> 4];
      Out += LowerHex[S[I] & 0xF];
    } else {
      appendEscapedRune(Out, R, '"', ASCIIOnly);
    }
    I += Width;
  }
  Out += '"';
}

void appendQuoteRune(std::string &Out, int32_t R, bool ASCIIOnly) {
  if (!validRune(R))
    R = RuneError;
  Out += '\'';
  appendEscapedRune(Out, R, '\'', ASCIIOnly);
  Out += '\'';
}

bool canBackquote(const uint8_t *S, int64_t Len) {
  for (int64_t I = 0; I < Len;) {
    RuneAndWidth RW = decodeRune(S + I, Len - I);
    I += RW.Width;
    if (RW.Width > 1) {
      if (RW.Rune == 0xFEFF)
        return false; // BOMs are invisible and should not be quoted.
      continue;
    }
    if (RW.Rune == RuneError)
      return false;
    if ((RW.Rune < ' ' && RW.Rune != '\t') || RW.Rune == '`' || RW.Rune == 0x7F)
      return false;
  }
  return true;
}

GoString strconv_Quote(GoString S) {
  std::string Out;
  appendQuote(Out, S.Data, S.Len, /*ASCIIOnly=*/false);
  return newString(Out);
}

} // namespace gm::rt
