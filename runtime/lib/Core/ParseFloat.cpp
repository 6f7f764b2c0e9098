//===- ParseFloat.cpp - strconv.ParseFloat's syntax and rounding ----------===//
//
// Go's float syntax, checked here: an optional sign, then "inf", "infinity"
// or "nan" in any case, or a decimal mantissa (digits with at most one '.')
// with an optional e exponent, or a hexadecimal one (0x, digits, optional
// '.') with a mandatory p exponent. Underscores may separate digits (or a
// 0x prefix and a digit), as in Go's literals. The value is then the C
// library's correctly rounded strtod/strtof of the text without them.
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace gm::rt {
namespace {

enum FloatStatus : int64_t { FloatOK = 0, FloatSyntax = 1, FloatRange = 2 };

bool equalsFold(const std::string &S, size_t Pos, const char *Word) {
  size_t N = std::char_traits<char>::length(Word);
  if (S.size() - Pos != N)
    return false;
  for (size_t I = 0; I < N; ++I)
    if (std::tolower(static_cast<unsigned char>(S[Pos + I])) != Word[I])
      return false;
  return true;
}

/// Checks Go's syntax; on success Clean is the text for strtod.
bool checkSyntax(const std::string &S, std::string &Clean, bool &Special) {
  size_t I = 0;
  if (I < S.size() && (S[I] == '+' || S[I] == '-'))
    ++I;
  Special = equalsFold(S, I, "inf") || equalsFold(S, I, "infinity") ||
            equalsFold(S, I, "nan");
  if (Special) {
    Clean = S;
    return true;
  }
  bool Hex =
      S.size() - I > 2 && S[I] == '0' && (S[I + 1] == 'x' || S[I + 1] == 'X');
  Clean = S.substr(0, I);
  if (Hex) {
    Clean += S.substr(I, 2);
    I += 2;
  }
  auto IsDigit = [&](char C) {
    return Hex ? std::isxdigit(static_cast<unsigned char>(C)) != 0
               : (C >= '0' && C <= '9');
  };
  // afterDigit: an underscore may come next (after a digit or the prefix).
  bool Digits = false, Dot = false, AfterDigit = Hex;
  for (; I < S.size(); ++I) {
    char C = S[I];
    if (IsDigit(C)) {
      Digits = AfterDigit = true;
    } else if (C == '_') {
      if (!AfterDigit || I + 1 == S.size() || !IsDigit(S[I + 1]))
        return false;
      AfterDigit = false;
      continue;
    } else if (C == '.' && !Dot) {
      Dot = true;
      AfterDigit = false;
    } else {
      break;
    }
    Clean += C;
  }
  if (!Digits)
    return false;
  char ExpChar = Hex ? 'p' : 'e';
  if (I < S.size() &&
      std::tolower(static_cast<unsigned char>(S[I])) == ExpChar) {
    Clean += S[I++];
    if (I < S.size() && (S[I] == '+' || S[I] == '-'))
      Clean += S[I++];
    bool ExpDigits = false;
    for (; I < S.size(); ++I) {
      char C = S[I];
      if (C >= '0' && C <= '9') {
        ExpDigits = true;
        Clean += C;
      } else if (C == '_' && ExpDigits && I + 1 < S.size() && S[I + 1] >= '0' &&
                 S[I + 1] <= '9') {
        continue;
      } else {
        return false;
      }
    }
    if (!ExpDigits)
      return false;
  } else if (Hex) {
    return false; // a hex mantissa needs its p exponent
  }
  return I == S.size();
}

int64_t parse(GoString S, int64_t BitSize, double &Value) {
  std::string Text(reinterpret_cast<const char *>(S.Data), size_t(S.Len));
  std::string Clean;
  bool Special;
  if (!checkSyntax(Text, Clean, Special)) {
    Value = 0;
    return FloatSyntax;
  }
  if (BitSize == 32)
    Value = std::strtof(Clean.c_str(), nullptr);
  else
    Value = std::strtod(Clean.c_str(), nullptr);
  if (!Special && std::isinf(Value))
    return FloatRange;
  return FloatOK;
}

} // namespace

int64_t strconv_parseFloatStatus(GoString S, int64_t BitSize) {
  double V;
  return parse(S, BitSize, V);
}

double strconv_parseFloatValue(GoString S, int64_t BitSize) {
  double V;
  parse(S, BitSize, V);
  return V;
}

} // namespace gm::rt
