//===- Print.cpp - The print and println builtins -------------------------===//
//
// The builtins write unbuffered to stderr in the Go runtime's own spellings:
//   integers   plain decimal, "-" for negatives
//   pointers   "0x" and lower-case hex
//   slices     "[len/cap]0xaddr"
//   floats     "+d.dddddde+ddd": a sign always, 7 significant digits and a
//              signed three-digit exponent; "NaN", "+Inf", "-Inf".
// The panic printer reuses the append* helpers for panic values.
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"

#include <cmath>

namespace gm::rt {
namespace {

/// Appends V in the given base (2..16), most significant digit first.
void appendUnsigned(std::string &Out, uint64_t V, unsigned Base) {
  char Digits[64];
  int N = 0;
  do {
    Digits[N++] = "0123456789abcdef"[V % Base];
    V /= Base;
  } while (V != 0);
  while (N > 0)
    Out += Digits[--N];
}

/// A finite, nonzero magnitude written as M * 10^Exp10 with M in [1, 10).
struct ScaledFloat {
  double M;
  int Exp10;
};

/// The Go runtime does not convert floats exactly for print: it brings the
/// magnitude into [1, 10) by repeated float64 division or multiplication by
/// ten, adds half a unit in the seventh digit, and then reads digits off by
/// truncation. Each of those steps rounds, so the printed digits can differ
/// from the correctly rounded ones (in about 1% of random inputs). We must
/// perform the same float64 operations in the same order to print the same
/// digits; an exact conversion such as std::to_chars would not.
ScaledFloat scaleIntoUnitDecade(double Mag) {
  ScaledFloat S = {Mag, 0};
  for (; S.M >= 10; S.M /= 10)
    ++S.Exp10;
  for (; S.M < 1; S.M *= 10)
    --S.Exp10;
  return S;
}

constexpr int PrintDigits = 7;

/// Rounds S at the last printed digit, renormalising on a carry into a new
/// decade (9.9999995 -> 10.0 -> 1.0e+1).
void roundAtLastDigit(ScaledFloat &S) {
  double Half = 5.0;
  for (int I = 0; I < PrintDigits; ++I)
    Half /= 10;
  S.M += Half;
  if (S.M >= 10) {
    S.M /= 10;
    ++S.Exp10;
  }
}

} // namespace

void appendPrintUint(std::string &Out, uint64_t V) {
  appendUnsigned(Out, V, 10);
}

void appendPrintInt(std::string &Out, int64_t V) {
  uint64_t Mag = uint64_t(V);
  if (V < 0) {
    Out += '-';
    Mag = 0 - Mag;
  }
  appendUnsigned(Out, Mag, 10);
}

void appendPrintHex(std::string &Out, uint64_t V) {
  Out += "0x";
  appendUnsigned(Out, V, 16);
}

void appendPrintFloat(std::string &Out, double V) {
  if (std::isnan(V)) {
    Out += "NaN";
    return;
  }
  if (std::isinf(V)) {
    Out += V > 0 ? "+Inf" : "-Inf";
    return;
  }

  Out += std::signbit(V) ? '-' : '+';
  ScaledFloat S = {0, 0};
  if (V != 0) {
    S = scaleIntoUnitDecade(std::fabs(V));
    roundAtLastDigit(S);
  }

  // Mantissa "d.dddddd": each digit is the integer part, which is then
  // removed and the rest shifted up by one decimal place.
  for (int I = 0; I < PrintDigits; ++I) {
    int Digit = int(S.M);
    Out += char('0' + Digit);
    if (I == 0)
      Out += '.';
    S.M = (S.M - double(Digit)) * 10;
  }

  // Exponent: sign and exactly three digits.
  Out += 'e';
  Out += S.Exp10 < 0 ? '-' : '+';
  int E = S.Exp10 < 0 ? -S.Exp10 : S.Exp10;
  Out += char('0' + E / 100);
  Out += char('0' + E / 10 % 10);
  Out += char('0' + E % 10);
}

void printbool(bool V) { writeStderr(V ? "true" : "false", V ? 4 : 5); }

void printint(int64_t V) {
  std::string S;
  appendPrintInt(S, V);
  writeStderr(S);
}

void printuint(uint64_t V) {
  std::string S;
  appendPrintUint(S, V);
  writeStderr(S);
}

void printfloat(double V) {
  std::string S;
  appendPrintFloat(S, V);
  writeStderr(S);
}

void printstring(GoString V) {
  writeStderr(reinterpret_cast<const char *>(V.Data), size_t(V.Len));
}

void printpointer(const void *P) {
  std::string S;
  appendPrintHex(S, uint64_t(uintptr_t(P)));
  writeStderr(S);
}

void printslice(const void *Data, int64_t Len, int64_t Cap) {
  std::string S = "[";
  appendPrintInt(S, Len);
  S += '/';
  appendPrintInt(S, Cap);
  S += ']';
  appendPrintHex(S, uint64_t(uintptr_t(Data)));
  writeStderr(S);
}

void printsp() { writeStderr(" ", 1); }

void printnl() { writeStderr("\n", 1); }

} // namespace gm::rt
