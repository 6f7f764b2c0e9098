//===- FmtFloat.cpp - Text of floating-point numbers ----------------------===//
//
// appendFloat spells a float the way strconv.FormatFloat does:
//   'e' 'E'  d.ddde±dd, at least two exponent digits
//   'f'      ddd.ddd
//   'g' 'G'  'e' form when the decimal exponent X (of the first digit) is
//            below -4 or at least the precision P, else 'f' form; trailing
//            zeros are dropped. With no precision (shortest digits, which is
//            also fmt's %v) P is taken as 6: Go 1.19 prints 123456, 1e+06,
//            1.23456789e+08 and 1e+20. (The X >= 21 switch is JavaScript's
//            and encoding/json's rule, not fmt's.)
//   'b'      mantissa "p" binary exponent, both in decimal
//   'x' 'X'  hexadecimal mantissa 0x1.hhh and a binary exponent p±dd
// NaN is "NaN" and infinities "+Inf"/"-Inf"; the sign of -0 is kept.
//
// Decimal digits come from std::to_chars, which is exact: the shortest
// digits that round-trip at 32 or 64 bits when no precision is given, and
// correctly rounded digits otherwise -- the same digits Go prints.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace gm::rt {
namespace {

/// A nonnegative decimal in scientific form, D.DDD * 10^Exp: Digits holds
/// the significant digits ("0" for zero) without trailing zeros.
struct SciDigits {
  std::string Digits;
  int Exp = 0;
};

/// Parses to_chars' scientific text "d[.ddd]e±xx" into SciDigits.
SciDigits parseScientific(const char *Begin, const char *End) {
  SciDigits D;
  const char *P = Begin;
  for (; P != End && *P != 'e'; ++P)
    if (*P != '.')
      D.Digits += *P;
  if (P != End)
    std::from_chars(P + (P[1] == '+' ? 2 : 1), End, D.Exp);
  while (D.Digits.size() > 1 && D.Digits.back() == '0')
    D.Digits.pop_back();
  return D;
}

/// Writes Mag (nonnegative) with to_chars in the given style; Precision < 0
/// asks for the shortest round-trip text at BitSize bits.
std::string toChars(double Mag, std::chars_format Style, int Precision,
                    int BitSize) {
  // Fixed notation of a large double can need over 300 digits before the
  // point; the precision adds its own digits after it.
  std::string Buf(size_t(Precision < 0 ? 0 : Precision) + 400, '\0');
  char *First = Buf.data(), *Last = First + Buf.size();
  std::to_chars_result R;
  if (Precision < 0 && BitSize == 32)
    R = std::to_chars(First, Last, float(Mag), Style);
  else if (Precision < 0)
    R = std::to_chars(First, Last, Mag, Style);
  else
    R = std::to_chars(First, Last, Mag, Style, Precision);
  Buf.resize(size_t(R.ptr - First));
  return Buf;
}

/// Appends D in positional notation, with exactly its digits.
void appendFixed(std::string &Out, const SciDigits &D) {
  int Len = int(D.Digits.size());
  if (D.Exp < 0) {
    Out += "0.";
    Out.append(size_t(-D.Exp - 1), '0');
    Out += D.Digits;
    return;
  }
  if (Len <= D.Exp + 1) {
    Out += D.Digits;
    Out.append(size_t(D.Exp + 1 - Len), '0');
    return;
  }
  Out.append(D.Digits, 0, size_t(D.Exp + 1));
  Out += '.';
  Out.append(D.Digits, size_t(D.Exp + 1), std::string::npos);
}

/// Appends "e±dd" (or with 'E'), at least two exponent digits.
void appendDecimalExponent(std::string &Out, char Letter, int Exp) {
  Out += Letter;
  Out += Exp < 0 ? '-' : '+';
  unsigned Mag = unsigned(Exp < 0 ? -Exp : Exp);
  if (Mag < 10)
    Out += '0';
  Out += std::to_string(Mag);
}

/// The %g family: Mag's significant digits (all of them when Precision < 0,
/// else rounded to Precision), laid out in 'e' or 'f' form.
void appendGeneral(std::string &Out, double Mag, int Precision, int BitSize,
                   char ExpLetter) {
  int Threshold = 6;
  std::string Text;
  if (Precision < 0) {
    Text = toChars(Mag, std::chars_format::scientific, -1, BitSize);
  } else {
    Threshold = Precision == 0 ? 1 : Precision;
    Text = toChars(Mag, std::chars_format::scientific, Threshold - 1, BitSize);
  }
  SciDigits D = parseScientific(Text.data(), Text.data() + Text.size());
  int NumDigits = int(D.Digits.size());

  if (D.Exp < -4 || D.Exp >= Threshold) {
    Out += D.Digits[0];
    if (NumDigits > 1) {
      Out += '.';
      Out.append(D.Digits, 1, std::string::npos);
    }
    appendDecimalExponent(Out, ExpLetter, D.Exp);
    return;
  }
  // Plain form: the point goes after digit Exp + 1.
  int IntDigits = D.Exp + 1;
  if (IntDigits <= 0) {
    Out += "0.";
    Out.append(size_t(-IntDigits), '0');
    Out += D.Digits;
  } else if (NumDigits <= IntDigits) {
    Out += D.Digits;
    Out.append(size_t(IntDigits - NumDigits), '0');
  } else {
    Out.append(D.Digits, 0, size_t(IntDigits));
    Out += '.';
    Out.append(D.Digits, size_t(IntDigits), std::string::npos);
  }
}

/// The raw fields of a float: sign, the significand as an integer (with the
/// implicit leading one made explicit) and the power of two that its lowest
/// bit stands for, so that |V| = Mant * 2^Exp2.
struct BinaryFloat {
  bool Negative;
  uint64_t Mant;
  int Exp2;
  int FractionBits; ///< 23 or 52.
};

BinaryFloat decompose(double V, int BitSize) {
  BinaryFloat B;
  uint64_t Bits;
  int ExpBits;
  if (BitSize == 32) {
    float F = float(V);
    uint32_t B32;
    std::memcpy(&B32, &F, sizeof(B32));
    Bits = B32;
    B.FractionBits = 23;
    ExpBits = 8;
  } else {
    std::memcpy(&Bits, &V, sizeof(Bits));
    B.FractionBits = 52;
    ExpBits = 11;
  }
  int Bias = (1 << (ExpBits - 1)) - 1;
  B.Negative = (Bits >> (B.FractionBits + ExpBits)) & 1;
  int BiasedExp = int(Bits >> B.FractionBits) & ((1 << ExpBits) - 1);
  B.Mant = Bits & ((uint64_t(1) << B.FractionBits) - 1);
  if (BiasedExp == 0) {
    BiasedExp = 1; // Subnormal: no implicit one, smallest exponent.
  } else {
    B.Mant |= uint64_t(1) << B.FractionBits;
  }
  B.Exp2 = BiasedExp - Bias - B.FractionBits;
  return B;
}

/// %b: "4503599627370496p-52".
void appendBinary(std::string &Out, const BinaryFloat &B) {
  if (B.Negative)
    Out += '-';
  Out += std::to_string(B.Mant);
  Out += 'p';
  if (B.Exp2 >= 0)
    Out += '+';
  Out += std::to_string(B.Exp2);
}

/// %x: "0x1.8p+01". Precision < 0 prints every nonzero hex digit; otherwise
/// exactly Precision digits, rounding half to even.
void appendHex(std::string &Out, const BinaryFloat &B, int Precision,
               bool Upper) {
  constexpr int FracBits = 60; // Hex digits of fraction we can hold: 15.
  uint64_t Mant = B.Mant;
  int Exp = 0; // Power of two of the leading (integer) bit.
  if (Mant != 0) {
    // Normalise: the leading one at bit FracBits, Mant = 1.fff... * 2^Exp.
    int Top = 63 - __builtin_clzll(Mant);
    Mant <<= FracBits - Top;
    Exp = B.Exp2 + Top;
  }
  const uint64_t One = uint64_t(1) << FracBits;
  if (Precision >= 0 && Precision < FracBits / 4) {
    int Dropped = FracBits - 4 * Precision;
    uint64_t Rest = Mant & ((uint64_t(1) << Dropped) - 1);
    uint64_t Half = uint64_t(1) << (Dropped - 1);
    Mant >>= Dropped;
    if (Rest > Half || (Rest == Half && (Mant & 1)))
      ++Mant;
    Mant <<= Dropped;
    if (Mant >= 2 * One) { // Rounded up to 2.0.
      Mant >>= 1;
      ++Exp;
    }
  }

  const char *Alphabet = Upper ? "0123456789ABCDEF" : "0123456789abcdef";
  if (B.Negative)
    Out += '-';
  Out += Upper ? "0X" : "0x";
  Out += Mant != 0 ? '1' : '0';
  uint64_t Frac = Mant & (One - 1);
  int NumDigits = Precision;
  if (Precision < 0) {
    NumDigits = 0;
    for (uint64_t F = Frac; F != 0; F = (F << 4) & (One - 1))
      ++NumDigits;
  }
  if (NumDigits > 0)
    Out += '.';
  for (int I = 0; I < NumDigits; ++I) {
    Out += Alphabet[(Frac >> (FracBits - 4)) & 0xF];
    Frac = (Frac << 4) & (One - 1);
  }
  appendDecimalExponent(Out, Upper ? 'P' : 'p', Exp);
}

} // namespace

void appendFloat(std::string &Out, double V, char Fmt, int Prec, int BitSize) {
  // At 32 bits the value is first rounded to float32 (1e100 becomes +Inf).
  if (BitSize == 32)
    V = double(float(V));
  if (std::isnan(V)) {
    Out += "NaN";
    return;
  }
  if (std::isinf(V)) {
    Out += V > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (Fmt == 'b') {
    appendBinary(Out, decompose(V, BitSize));
    return;
  }
  if (Fmt == 'x' || Fmt == 'X') {
    appendHex(Out, decompose(V, BitSize), Prec, Fmt == 'X');
    return;
  }

  if (std::signbit(V))
    Out += '-';
  double Mag = std::fabs(V);
  switch (Fmt) {
  case 'e':
  case 'E': {
    std::string Text =
        toChars(Mag, std::chars_format::scientific, Prec, BitSize);
    if (Fmt == 'E')
      Text[Text.find('e')] = 'E';
    Out += Text;
    return;
  }
  case 'f':
    if (Prec < 0) {
      // The shortest digits, laid out without an exponent: to_chars' fixed
      // form spells every digit of a large exact value (1e23 is
      // 99999999999999991611392), Go pads the shortest digits with zeros
      // (100000000000000000000000).
      std::string Sci =
          toChars(Mag, std::chars_format::scientific, Prec, BitSize);
      appendFixed(Out, parseScientific(Sci.data(), Sci.data() + Sci.size()));
      return;
    }
    Out += toChars(Mag, std::chars_format::fixed, Prec, BitSize);
    return;
  case 'g':
  case 'G':
    appendGeneral(Out, Mag, Prec, BitSize, Fmt == 'G' ? 'E' : 'e');
    return;
  default:
    Out += '%';
    Out += Fmt;
    return;
  }
}

} // namespace gm::rt
