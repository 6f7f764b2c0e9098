//===- FmtFloat.cpp - strconv.FormatFloat: 'e', 'f', 'g', 'b', 'x' ------===//
//
// Go's strconv formats a float in two steps: produce decimal digits d[0..nd)
// with a decimal point position dp (value = 0.d * 10^dp, trailing zeros
// trimmed), then lay them out as %e, %f or %g (formatDigits). We take the
// digits from std::to_chars, which is exact: the shortest round-trip digits
// when no precision is given (at 32 or 64 bits), otherwise correctly rounded
// digits, the same digits Go's Ryu and big-decimal paths produce. The layout
// is a direct port of fmtE, fmtF and the %g choice in formatDigits. Note that
// shortest %g (fmt's %v) switches to exponent form when exp < -4 || exp >= 6,
// Go's eprec = 6 for shortest output: fmt.Println(1e6) prints 1e+06 and
// fmt.Println(123456.0) prints 123456. (The exp >= 21 rule is JavaScript's
// and encoding/json's, not fmt's.) The binary formats %b and %x work on the
// float's bits (fmtB, fmtX).
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

namespace gm::rt {
namespace {

/// Decimal digits of a float: value = 0.Digits * 10^DP. No leading or
/// trailing zeros; zero has no digits and DP 0.
struct Decimal {
  std::string Digits;
  int DP = 0;
};

/// Parses to_chars' scientific output "d[.ddd]e[+-]xx" into a Decimal.
Decimal fromScientific(const char *Begin, const char *End) {
  Decimal D;
  const char *P = Begin;
  for (; P != End && *P != 'e'; ++P)
    if (*P != '.')
      D.Digits += *P;
  int Exp = 0;
  if (P != End) {
    ++P;
    bool Neg = *P == '-';
    if (*P == '-' || *P == '+')
      ++P;
    for (; P != End; ++P)
      Exp = Exp * 10 + (*P - '0');
    if (Neg)
      Exp = -Exp;
  }
  while (!D.Digits.empty() && D.Digits.back() == '0')
    D.Digits.pop_back();
  // to_chars never produces a leading zero except for the value zero.
  if (D.Digits.empty())
    return Decimal();
  D.DP = Exp + 1;
  return D;
}

/// Parses to_chars' fixed output "ddd[.ddd]" into a Decimal.
Decimal fromFixed(const char *Begin, const char *End) {
  Decimal D;
  int IntDigits = 0;
  bool SeenPoint = false;
  for (const char *P = Begin; P != End; ++P) {
    if (*P == '.') {
      SeenPoint = true;
      continue;
    }
    D.Digits += *P;
    if (!SeenPoint)
      ++IntDigits;
  }
  size_t Lead = 0;
  while (Lead < D.Digits.size() && D.Digits[Lead] == '0')
    ++Lead;
  D.Digits.erase(0, Lead);
  while (!D.Digits.empty() && D.Digits.back() == '0')
    D.Digits.pop_back();
  if (D.Digits.empty())
    return Decimal();
  D.DP = IntDigits - int(Lead);
  return D;
}

/// Shortest digits that read back as V at BitSize.
Decimal shortestDigits(double V, int BitSize) {
  char Buf[64];
  std::to_chars_result R = BitSize == 32
                               ? std::to_chars(Buf, Buf + sizeof(Buf), float(V),
                                               std::chars_format::scientific)
                               : std::to_chars(Buf, Buf + sizeof(Buf), V,
                                               std::chars_format::scientific);
  return fromScientific(Buf, R.ptr);
}

/// V rounded to NumDigits significant digits.
Decimal significantDigits(double V, int NumDigits) {
  std::vector<char> Buf(size_t(NumDigits) + 32);
  std::to_chars_result R =
      std::to_chars(Buf.data(), Buf.data() + Buf.size(), V,
                    std::chars_format::scientific, NumDigits - 1);
  return fromScientific(Buf.data(), R.ptr);
}

/// V rounded to Prec digits after the decimal point.
Decimal fractionDigits(double V, int Prec) {
  std::vector<char> Buf(size_t(Prec) + 400);
  std::to_chars_result R = std::to_chars(Buf.data(), Buf.data() + Buf.size(), V,
                                         std::chars_format::fixed, Prec);
  return fromFixed(Buf.data(), R.ptr);
}

// %e: -d.ddddde±dd
void fmtE(std::string &Out, bool Neg, const Decimal &D, int Prec, char Fmt) {
  if (Neg)
    Out += '-';
  int ND = int(D.Digits.size());
  Out += ND != 0 ? D.Digits[0] : '0';
  if (Prec > 0) {
    Out += '.';
    int I = 1;
    int M = ND < Prec + 1 ? ND : Prec + 1;
    if (I < M) {
      Out.append(D.Digits, size_t(I), size_t(M - I));
      I = M;
    }
    for (; I <= Prec; ++I)
      Out += '0';
  }
  Out += Fmt;
  int Exp = ND == 0 ? 0 : D.DP - 1;
  char Sign = '+';
  if (Exp < 0) {
    Sign = '-';
    Exp = -Exp;
  }
  Out += Sign;
  if (Exp < 10) {
    Out += '0';
    Out += char('0' + Exp);
  } else if (Exp < 100) {
    Out += char('0' + Exp / 10);
    Out += char('0' + Exp % 10);
  } else {
    Out += char('0' + Exp / 100);
    Out += char('0' + Exp / 10 % 10);
    Out += char('0' + Exp % 10);
  }
}

// %f: -ddddd.ddddd
void fmtF(std::string &Out, bool Neg, const Decimal &D, int Prec) {
  if (Neg)
    Out += '-';
  int ND = int(D.Digits.size());
  if (D.DP > 0) {
    int M = ND < D.DP ? ND : D.DP;
    Out.append(D.Digits, 0, size_t(M));
    for (; M < D.DP; ++M)
      Out += '0';
  } else {
    Out += '0';
  }
  if (Prec > 0) {
    Out += '.';
    for (int I = 1; I <= Prec; ++I) {
      int J = D.DP + I - 1;
      Out += J >= 0 && J < ND ? D.Digits[size_t(J)] : '0';
    }
  }
}

// %b: -ddddp±ddd, the mantissa and binary exponent in decimal.
void fmtB(std::string &Out, bool Neg, uint64_t Mant, int Exp, int MantBits) {
  if (Neg)
    Out += '-';
  Out += std::to_string(Mant);
  Out += 'p';
  Exp -= MantBits;
  if (Exp >= 0)
    Out += '+';
  Out += std::to_string(Exp);
}

// %x: -0x1.yyyyyyyyp±ddd or -0x0p+00 (Go's fmtX).
void fmtX(std::string &Out, int Prec, char Fmt, bool Neg, uint64_t Mant,
          int Exp, int MantBits) {
  if (Mant == 0)
    Exp = 0;
  // Shift digits so the leading 1 (if any) is at bit 1<<60.
  Mant <<= 60 - MantBits;
  while (Mant != 0 && (Mant & (uint64_t(1) << 60)) == 0) {
    Mant <<= 1;
    --Exp;
  }
  // Round if requested.
  if (Prec >= 0 && Prec < 15) {
    unsigned Shift = unsigned(Prec * 4);
    uint64_t Extra = (Mant << Shift) & ((uint64_t(1) << 60) - 1);
    Mant >>= 60 - Shift;
    if ((Extra | (Mant & 1)) > (uint64_t(1) << 59))
      ++Mant;
    Mant <<= 60 - Shift;
    if (Mant & (uint64_t(1) << 61)) {
      // Wrapped around.
      Mant >>= 1;
      ++Exp;
    }
  }
  const char *Hex = Fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (Neg)
    Out += '-';
  Out += '0';
  Out += Fmt;
  Out += char('0' + ((Mant >> 60) & 1));
  Mant <<= 4; // Remove the leading 0 or 1.
  if (Prec < 0 && Mant != 0) {
    Out += '.';
    for (; Mant != 0; Mant <<= 4)
      Out += Hex[(Mant >> 60) & 15];
  } else if (Prec > 0) {
    Out += '.';
    for (int I = 0; I < Prec; ++I, Mant <<= 4)
      Out += Hex[(Mant >> 60) & 15];
  }
  Out += Fmt == 'X' ? 'P' : 'p';
  char Sign = '+';
  if (Exp < 0) {
    Sign = '-';
    Exp = -Exp;
  }
  Out += Sign;
  if (Exp < 10)
    Out += '0'; // At least two digits.
  Out += std::to_string(Exp);
}

/// The binary formats, which work on the bits rather than decimal digits.
void appendFloatBits(std::string &Out, double V, char Fmt, int Prec,
                     int BitSize) {
  uint64_t Bits;
  int MantBits, ExpBits, Bias;
  if (BitSize == 32) {
    float F = float(V);
    uint32_t B32;
    std::memcpy(&B32, &F, 4);
    Bits = B32;
    MantBits = 23;
    ExpBits = 8;
    Bias = -127;
  } else {
    std::memcpy(&Bits, &V, 8);
    MantBits = 52;
    ExpBits = 11;
    Bias = -1023;
  }
  bool Neg = (Bits >> (ExpBits + MantBits)) != 0;
  int Exp = int(Bits >> MantBits) & ((1 << ExpBits) - 1);
  uint64_t Mant = Bits & ((uint64_t(1) << MantBits) - 1);
  if (Exp == 0)
    ++Exp; // Denormalised.
  else
    Mant |= uint64_t(1) << MantBits; // The implicit top bit.
  Exp += Bias;
  if (Fmt == 'b')
    fmtB(Out, Neg, Mant, Exp, MantBits);
  else
    fmtX(Out, Prec, Fmt, Neg, Mant, Exp, MantBits);
}

} // namespace

void appendFloat(std::string &Out, double V, char Fmt, int Prec, int BitSize) {
  if (std::isnan(V)) {
    Out += "NaN";
    return;
  }
  if (std::isinf(V)) {
    Out += V > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (Fmt == 'b' || Fmt == 'x' || Fmt == 'X') {
    appendFloatBits(Out, V, Fmt, Prec, BitSize);
    return;
  }
  bool Neg = std::signbit(V);
  double Abs = std::fabs(V);
  if (BitSize == 32)
    Abs = double(float(Abs));

  bool Shortest = Prec < 0;
  char Lower = Fmt == 'E' ? 'e' : Fmt == 'G' ? 'g' : Fmt == 'F' ? 'f' : Fmt;
  Decimal D;
  if (Shortest) {
    D = shortestDigits(Abs, BitSize);
    int ND = int(D.Digits.size());
    switch (Lower) {
    case 'e':
      Prec = ND - 1 > 0 ? ND - 1 : 0;
      break;
    case 'f':
      Prec = ND - D.DP > 0 ? ND - D.DP : 0;
      break;
    case 'g':
      Prec = ND;
      break;
    }
  } else if (Lower == 'f') {
    D = fractionDigits(Abs, Prec);
  } else {
    int NumDigits = Prec;
    if (Lower == 'e') {
      NumDigits = Prec + 1;
    } else if (Lower == 'g') {
      if (Prec == 0)
        Prec = 1;
      NumDigits = Prec;
    } else {
      NumDigits = 1;
    }
    D = significantDigits(Abs, NumDigits);
  }

  int ND = int(D.Digits.size());
  switch (Lower) {
  case 'e':
    fmtE(Out, Neg, D, Prec, Fmt);
    return;
  case 'f':
    fmtF(Out, Neg, D, Prec);
    return;
  case 'g': {
    int EPrec = Prec;
    if (EPrec > ND && ND >= D.DP)
      EPrec = ND;
    // %e is used if the exponent from the conversion is less than -4 or
    // greater than or equal to the precision; shortest uses precision 6.
    if (Shortest)
      EPrec = 6;
    int Exp = D.DP - 1;
    if (Exp < -4 || Exp >= EPrec) {
      if (Prec > ND)
        Prec = ND;
      fmtE(Out, Neg, D, Prec - 1, Fmt == 'G' ? 'E' : 'e');
      return;
    }
    if (Prec > D.DP)
      Prec = ND;
    fmtF(Out, Neg, D, Prec - D.DP > 0 ? Prec - D.DP : 0);
    return;
  }
  }
  Out += '%';
  Out += Fmt;
}

} // namespace gm::rt
