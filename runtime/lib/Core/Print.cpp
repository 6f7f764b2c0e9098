//===- Print.cpp - The print and println builtins -------------------------===//
//
// Go's builtin print formats (runtime/print.go), written unbuffered to stderr:
// floats as "+1.500000e+000" (7 significant digits, 3-digit exponent, always
// signed), pointers as lower-case hex with 0x, slices as "[len/cap]0xptr".
// gopanic reuses the append* helpers to print panic values.
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"

#include <cmath>

namespace gm::rt {

void appendPrintUint(std::string &Out, uint64_t V) {
  char Buf[24];
  int I = sizeof(Buf);
  do {
    Buf[--I] = char('0' + V % 10);
    V /= 10;
  } while (V != 0);
  Out.append(Buf + I, sizeof(Buf) - I);
}

void appendPrintInt(std::string &Out, int64_t V) {
  if (V < 0) {
    Out += '-';
    appendPrintUint(Out, -uint64_t(V));
    return;
  }
  appendPrintUint(Out, uint64_t(V));
}

void appendPrintHex(std::string &Out, uint64_t V) {
  static const char Digits[] = "0123456789abcdef";
  char Buf[24];
  int I = sizeof(Buf);
  do {
    Buf[--I] = Digits[V % 16];
    V /= 16;
  } while (V != 0);
  Out += "0x";
  Out.append(Buf + I, sizeof(Buf) - I);
}

// A line-by-line port of printfloat: the digits come from repeated scaling
// by 10, not from an exact conversion, so they must be computed the same way
// to agree with Go in the last place.
void appendPrintFloat(std::string &Out, double V) {
  if (V != V) {
    Out += "NaN";
    return;
  }
  if (V + V == V && V > 0) {
    Out += "+Inf";
    return;
  }
  if (V + V == V && V < 0) {
    Out += "-Inf";
    return;
  }

  constexpr int N = 7; // Digits printed.
  char Buf[N + 7];
  Buf[0] = '+';
  int E = 0; // Decimal exponent.
  if (V == 0) {
    if (std::signbit(V))
      Buf[0] = '-';
  } else {
    if (V < 0) {
      V = -V;
      Buf[0] = '-';
    }
    // Normalise to [1, 10).
    while (V >= 10) {
      ++E;
      V /= 10;
    }
    while (V < 1) {
      --E;
      V *= 10;
    }
    // Round.
    double H = 5.0;
    for (int I = 0; I < N; ++I)
      H /= 10;
    V += H;
    if (V >= 10) {
      ++E;
      V /= 10;
    }
  }

  // Format +d.dddd+edd.
  for (int I = 0; I < N; ++I) {
    int S = int(V);
    Buf[I + 2] = char(S + '0');
    V -= double(S);
    V *= 10;
  }
  Buf[1] = Buf[2];
  Buf[2] = '.';
  Buf[N + 2] = 'e';
  Buf[N + 3] = '+';
  if (E < 0) {
    E = -E;
    Buf[N + 3] = '-';
  }
  Buf[N + 4] = char(E / 100 + '0');
  Buf[N + 5] = char(E / 10 % 10 + '0');
  Buf[N + 6] = char(E % 10 + '0');
  Out.append(Buf, sizeof(Buf));
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
