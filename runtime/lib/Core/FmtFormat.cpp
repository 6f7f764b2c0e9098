//===- FmtFormat.cpp - Padding and scalar formatting (fmt/format.go) ------===//
//
// A port of Go 1.19's fmt/format.go: width/precision/flag handling and the
// formatting of integers, strings, byte strings, runes and floats into the
// printer's buffer. Widths count runes, not bytes; zero padding goes after
// the sign; "%05s" pads strings with zeros, as Go 1.19 does.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/UTF8.h"

namespace gm::rt {

void Printer::writePadding(int64_t N) {
  if (N <= 0)
    return;
  Buf.append(size_t(N), F.Zero ? '0' : ' ');
}

void Printer::pad(const char *S, size_t Len) {
  if (!F.WidPresent || Wid == 0) {
    Buf.append(S, Len);
    return;
  }
  int64_t Width =
      Wid - runeCount(reinterpret_cast<const uint8_t *>(S), int64_t(Len));
  if (!F.Minus) {
    writePadding(Width);
    Buf.append(S, Len);
  } else {
    Buf.append(S, Len);
    writePadding(Width);
  }
}

void Printer::fmtBoolean(bool V) { pad(V ? "true" : "false", V ? 4 : 5); }

// %U: "U+0078", or with # "U+0078 'x'".
void Printer::fmtUnicode(uint64_t U) {
  int P = 4;
  if (F.PrecPresent && Prec > 4)
    P = Prec;
  std::string Out;
  // Built backwards, then reversed, like Go's right-to-left buffer.
  if (F.Sharp && U <= uint64_t(MaxRune) && isPrint(int32_t(U))) {
    char Enc[UTFMax];
    int N = encodeRune(Enc, int32_t(U));
    Out += '\'';
    for (int I = N - 1; I >= 0; --I)
      Out += Enc[I];
    Out += "' ";
  }
  while (U >= 16) {
    Out += UDigits[U & 0xF];
    --P;
    U >>= 4;
  }
  Out += UDigits[U];
  --P;
  for (; P > 0; --P)
    Out += '0';
  Out += "+U";
  std::string Fwd(Out.rbegin(), Out.rend());
  bool OldZero = F.Zero;
  F.Zero = false;
  pad(Fwd);
  F.Zero = OldZero;
}

void Printer::fmtInteger(uint64_t U, int Base, bool IsSigned, int32_t Verb,
                         const char *Digits) {
  bool Negative = IsSigned && int64_t(U) < 0;
  if (Negative)
    U = -U;

  // Two's-complement width is at most 64 binary digits, plus prefix/sign;
  // precision or zero-padding width may ask for more.
  int64_t P = 0;
  if (F.PrecPresent) {
    P = Prec;
    // Precision 0 and value 0 means "print nothing but padding".
    if (P == 0 && U == 0) {
      bool OldZero = F.Zero;
      F.Zero = false;
      writePadding(Wid);
      F.Zero = OldZero;
      return;
    }
  } else if (F.Zero && F.WidPresent) {
    P = Wid;
    if (Negative || F.Plus || F.Space)
      --P; // Leave room for the sign.
  }

  std::string Rev; // Digits, least significant first.
  switch (Base) {
  case 10:
    while (U >= 10) {
      Rev += char('0' + U % 10);
      U /= 10;
    }
    break;
  case 16:
    while (U >= 16) {
      Rev += Digits[U & 0xF];
      U >>= 4;
    }
    break;
  case 8:
    while (U >= 8) {
      Rev += char('0' + (U & 7));
      U >>= 3;
    }
    break;
  case 2:
    while (U >= 2) {
      Rev += char('0' + (U & 1));
      U >>= 1;
    }
    break;
  }
  Rev += Digits[U];
  while (int64_t(Rev.size()) < P)
    Rev += '0';

  if (F.Sharp) {
    switch (Base) {
    case 2:
      Rev += "b0";
      break;
    case 8:
      if (Rev.back() != '0')
        Rev += '0';
      break;
    case 16:
      Rev += Digits[16];
      Rev += '0';
      break;
    }
  }
  if (Verb == 'O')
    Rev += "o0";

  if (Negative)
    Rev += '-';
  else if (F.Plus)
    Rev += '+';
  else if (F.Space)
    Rev += ' ';

  std::string Fwd(Rev.rbegin(), Rev.rend());
  bool OldZero = F.Zero;
  F.Zero = false;
  pad(Fwd);
  F.Zero = OldZero;
}

// fmtS and fmtBs: precision truncates to that many runes.
void Printer::fmtS(const uint8_t *S, int64_t Len) {
  if (F.PrecPresent) {
    int64_t N = Prec;
    for (int64_t I = 0; I < Len;) {
      if (--N < 0) {
        Len = I;
        break;
      }
      I += S[I] < RuneSelf ? 1 : decodeRune(S + I, Len - I).Width;
    }
  }
  pad(reinterpret_cast<const char *>(S), size_t(Len));
}

// %x/%X of strings and byte slices: two digits per byte, "% x" separates
// them, "%#x" prefixes 0x (once, or per byte with the space flag).
void Printer::fmtSbx(const uint8_t *S, int64_t Len, const char *Digits) {
  int64_t Length = Len;
  if (F.PrecPresent && Prec < Length)
    Length = Prec;
  int64_t Width = 2 * Length;
  if (Width > 0) {
    if (F.Space) {
      if (F.Sharp)
        Width *= 2;
      Width += Length - 1;
    } else if (F.Sharp) {
      Width += 2;
    }
  } else {
    if (F.WidPresent)
      writePadding(Wid);
    return;
  }
  if (F.WidPresent && Wid > Width && !F.Minus)
    writePadding(Wid - Width);
  if (F.Sharp) {
    Buf += '0';
    Buf += Digits[16];
  }
  for (int64_t I = 0; I < Length; ++I) {
    if (F.Space && I > 0) {
      Buf += ' ';
      if (F.Sharp) {
        Buf += '0';
        Buf += Digits[16];
      }
    }
    Buf += Digits[S[I] >> 4];
    Buf += Digits[S[I] & 0xF];
  }
  if (F.WidPresent && Wid > Width && F.Minus)
    writePadding(Wid - Width);
}

void Printer::fmtQ(const uint8_t *S, int64_t Len) {
  if (F.PrecPresent) {
    int64_t N = Prec;
    for (int64_t I = 0; I < Len;) {
      if (--N < 0) {
        Len = I;
        break;
      }
      I += S[I] < RuneSelf ? 1 : decodeRune(S + I, Len - I).Width;
    }
  }
  std::string Out;
  if (F.Sharp && canBackquote(S, Len)) {
    Out += '`';
    Out.append(reinterpret_cast<const char *>(S), size_t(Len));
    Out += '`';
    pad(Out);
    return;
  }
  appendQuote(Out, S, Len, /*ASCIIOnly=*/F.Plus);
  pad(Out);
}

void Printer::fmtC(uint64_t C) {
  int32_t R = C > uint64_t(MaxRune) ? RuneError : int32_t(C);
  char Enc[UTFMax];
  pad(Enc, size_t(encodeRune(Enc, R)));
}

void Printer::fmtQc(uint64_t C) {
  int32_t R = C > uint64_t(MaxRune) ? RuneError : int32_t(C);
  std::string Out;
  appendQuoteRune(Out, R, /*ASCIIOnly=*/F.Plus);
  pad(Out);
}

void Printer::fmtFloat(double V, int Size, int32_t Verb, int P) {
  if (F.PrecPresent)
    P = Prec;
  // Num[0] is reserved for the sign.
  std::string Num = "+";
  appendFloat(Num, V, char(Verb), P, Size);
  if (Num[1] == '-' || Num[1] == '+')
    Num.erase(0, 1);
  // The space flag prints a space where a '+' would go, unless plus is set.
  if (F.Space && Num[0] == '+' && !F.Plus)
    Num[0] = ' ';
  // Infinities and NaN are not zero-padded; NaN loses its sign unless asked.
  if (Num[1] == 'I' || Num[1] == 'N') {
    bool OldZero = F.Zero;
    F.Zero = false;
    if (Num[1] == 'N' && !F.Space && !F.Plus)
      Num.erase(0, 1);
    pad(Num);
    F.Zero = OldZero;
    return;
  }
  // The sharp flag forces a decimal point and keeps trailing zeros.
  if (F.Sharp && Verb != 'b') {
    int Digits = 0;
    switch (Verb) {
    case 'v':
    case 'g':
    case 'G':
    case 'x':
      Digits = P;
      if (Digits == -1)
        Digits = 6;
      break;
    }
    std::string Tail;
    bool HasDecimalPoint = false, SawNonzeroDigit = false;
    for (size_t I = 1; I < Num.size(); ++I) {
      char C = Num[I];
      if (C == '.') {
        HasDecimalPoint = true;
        continue;
      }
      if (C == 'p' || C == 'P' ||
          ((C == 'e' || C == 'E') && Verb != 'x' && Verb != 'X')) {
        Tail = Num.substr(I);
        Num.resize(I);
        break;
      }
      if (C != '0')
        SawNonzeroDigit = true;
      if (SawNonzeroDigit)
        --Digits;
    }
    if (!HasDecimalPoint) {
      // Leading digit 0 counts as a digit for %#.3g of 0.
      if (Num.size() == 2 && Num[1] == '0')
        --Digits;
      Num += '.';
    }
    for (; Digits > 0; --Digits)
      Num += '0';
    Num += Tail;
  }
  // A sign is printed if asked for or negative; with zero padding it goes
  // before the zeros.
  if (F.Plus || Num[0] != '+') {
    if (F.Zero && F.WidPresent && Wid > int64_t(Num.size())) {
      Buf += Num[0];
      writePadding(Wid - int64_t(Num.size()));
      Buf.append(Num, 1, std::string::npos);
      return;
    }
    pad(Num);
    return;
  }
  pad(Num.data() + 1, Num.size() - 1);
}

} // namespace gm::rt
