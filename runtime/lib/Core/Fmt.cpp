//===- Fmt.cpp - Printf's directive scanner, Print, Println; entry points -===//
//
// A Printf directive is
//   % [flags "#0+- "] [arg index "[n]"] [width: digits | "*"]
//     [. [arg index] precision: digits | "*"] [arg index] verb
// where "*" takes the value from the next operand (which must be an integer
// of magnitude at most 10^6) and "[n]" makes operand n (1-based) the next one
// used. "%%" prints a percent sign and uses no operand.
//
// Mistakes are reported in the output, as Go does, rather than diagnosed:
//   %!d(string=hi)       verb does not suit the operand (FmtValue.cpp)
//   %!d(MISSING)         no operand left
//   %!d(BADINDEX)        bad or misplaced "[n]"
//   %!(BADWIDTH)         "*" operand is not a suitable integer (same for
//   %!(BADPREC)          precision, which may not be negative either)
//   %!(NOVERB)           the format ends inside a directive
//   %!(EXTRA int=1, ..)  operands left over (unless "[n]" was used)
//
// Print separates two operands with a space when neither is a string;
// Println separates all operands and ends the line.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Runtime.h"
#include "Core/UTF8.h"

namespace gm::rt {
namespace {

/// Widths, precisions and argument indexes above this are refused.
constexpr int64_t FieldLimit = 1000000;

/// Walks a Printf format string, feeding operands to a Formatter.
class DirectiveScanner {
public:
  DirectiveScanner(Formatter &Fmt, const uint8_t *Format, int64_t End,
                   const Eface *Args, int64_t NumArgs)
      : Fmt(Fmt), Format(Format), End(End), Args(Args), NumArgs(NumArgs) {}

  void run();

private:
  Formatter &Fmt;
  const uint8_t *Format;
  int64_t End;
  const Eface *Args;
  int64_t NumArgs;

  int64_t Pos = 0;
  int64_t NextArg = 0;
  /// Some directive used "[n]": leftover operands are then not reported.
  bool UsedIndex = false;
  /// The current directive has a bad or misplaced "[n]".
  bool BadIndex = false;

  bool at(char C) const { return Pos < End && Format[Pos] == C; }
  void copyLiteralText();
  void readFlags();
  bool readNumber(int64_t Limit, int &Value);
  bool takeIndex();
  bool takeIntOperand(int &Value);
  bool directive();
  void reportExtraOperands();
};

void DirectiveScanner::copyLiteralText() {
  int64_t Start = Pos;
  while (Pos < End && Format[Pos] != '%')
    ++Pos;
  Fmt.Out.append(reinterpret_cast<const char *>(Format + Start),
                 size_t(Pos - Start));
}

void DirectiveScanner::readFlags() {
  FormatSpec &S = Fmt.Spec;
  for (; Pos < End; ++Pos) {
    switch (Format[Pos]) {
    case '#':
      S.Alternate = true;
      break;
    case '+':
      S.ForceSign = true;
      break;
    case ' ':
      S.SpaceSign = true;
      break;
    case '-':
      S.LeftAlign = true;
      S.ZeroPad = false; // Zeros never go on the right.
      break;
    case '0':
      S.ZeroPad = !S.LeftAlign;
      break;
    default:
      return;
    }
  }
}

/// Reads decimal digits at Pos (stopping at Limit). Returns whether there
/// were any. An absurdly long number abandons the rest of the format: Pos
/// moves to Limit and the result is "no number".
bool DirectiveScanner::readNumber(int64_t Limit, int &Value) {
  Value = 0;
  bool Any = false;
  for (; Pos < Limit && Format[Pos] >= '0' && Format[Pos] <= '9'; ++Pos) {
    if (Value > FieldLimit) {
      Value = 0;
      Pos = Limit;
      return false;
    }
    Value = Value * 10 + (Format[Pos] - '0');
    Any = true;
  }
  return Any;
}

/// Handles an optional "[n]" at Pos. Returns whether it was well formed
/// (even if n is out of range, which sets BadIndex).
bool DirectiveScanner::takeIndex() {
  if (!at('['))
    return false;
  UsedIndex = true;
  int64_t Open = Pos;
  int64_t Close = -1;
  if (End - Open >= 3)
    for (int64_t I = Open + 1; I < End && Close < 0; ++I)
      if (Format[I] == ']')
        Close = I;
  if (Close < 0) {
    // No closing bracket: only the '[' is consumed.
    ++Pos;
    BadIndex = true;
    return false;
  }
  Pos = Open + 1;
  int N;
  bool WellFormed = readNumber(Close, N) && Pos == Close;
  Pos = Close + 1;
  if (WellFormed && N >= 1 && N <= NumArgs) {
    NextArg = N - 1;
    return true;
  }
  BadIndex = true;
  return WellFormed;
}

/// Consumes the next operand as a "*" width or precision.
bool DirectiveScanner::takeIntOperand(int &Value) {
  Value = 0;
  if (NextArg >= NumArgs)
    return false;
  ValueRef A = valueRef(Args[NextArg++]);
  if (!A.Type)
    return false;
  switch (A.Type->Kind) {
  case TypeKind::Int:
  case TypeKind::Int8:
  case TypeKind::Int16:
  case TypeKind::Int32:
  case TypeKind::Int64: {
    auto N = int64_t(loadIntegerBits(A.Type, A.Data));
    if (N < -FieldLimit || N > FieldLimit)
      return false;
    Value = int(N);
    return true;
  }
  case TypeKind::Uint:
  case TypeKind::Uint8:
  case TypeKind::Uint16:
  case TypeKind::Uint32:
  case TypeKind::Uint64:
  case TypeKind::Uintptr: {
    uint64_t N = loadIntegerBits(A.Type, A.Data);
    if (N > uint64_t(FieldLimit))
      return false;
    Value = int(N);
    return true;
  }
  default:
    return false;
  }
}

/// Formats one directive; Pos is just past its '%'. Returns false when the
/// format ended inside it.
bool DirectiveScanner::directive() {
  Fmt.Spec = FormatSpec();
  FormatSpec &S = Fmt.Spec;
  BadIndex = false;
  readFlags();

  // Width.
  bool AfterIndex = takeIndex();
  if (at('*')) {
    ++Pos;
    S.HasWidth = takeIntOperand(S.Width);
    if (!S.HasWidth)
      Fmt.Out += "%!(BADWIDTH)";
    if (S.Width < 0) {
      S.Width = -S.Width;
      S.LeftAlign = true;
      S.ZeroPad = false;
    }
    AfterIndex = false;
  } else {
    S.HasWidth = readNumber(End, S.Width);
    if (AfterIndex && S.HasWidth)
      BadIndex = true; // "%[3]2d": the index must come after the width.
  }

  // Precision; a '.' that ends the format is taken as the verb instead.
  if (at('.') && Pos + 1 < End) {
    ++Pos;
    if (AfterIndex)
      BadIndex = true; // "%[3].2d"
    AfterIndex = takeIndex();
    if (at('*')) {
      ++Pos;
      S.HasPrecision = takeIntOperand(S.Precision);
      if (S.Precision < 0) {
        S.Precision = 0;
        S.HasPrecision = false;
      }
      if (!S.HasPrecision)
        Fmt.Out += "%!(BADPREC)";
      AfterIndex = false;
    } else {
      readNumber(End, S.Precision); // "%.f" means precision 0.
      S.HasPrecision = true;
    }
  }

  if (!AfterIndex)
    takeIndex();

  if (Pos >= End) {
    Fmt.Out += "%!(NOVERB)";
    return false;
  }
  RuneAndWidth Verb = decodeRune(Format + Pos, End - Pos);
  Pos += Verb.Width;

  if (Verb.Rune == '%') {
    Fmt.Out += '%';
  } else if (BadIndex || NextArg >= NumArgs) {
    Fmt.Out += "%!";
    Fmt.appendRune(Verb.Rune);
    Fmt.Out += BadIndex ? "(BADINDEX)" : "(MISSING)";
  } else {
    if (Verb.Rune == 'v') {
      S.GoSyntax = S.Alternate;
      S.Alternate = false;
      S.FieldNames = S.ForceSign;
      S.ForceSign = false;
    }
    const Eface &Arg = Args[NextArg++];
    if (Verb.Rune == 'w') {
      // Errorf's %w: %v of an error, which the result wraps (only one,
      // in Go 1.19: a second one cancels the wrapping).
      if (Arg.Type && Arg.Type->ErrorMethod && Fmt.WrapErrors && !Fmt.Wrapped) {
        Fmt.Wrapped = &Arg;
        Fmt.formatOperand(valueRef(Arg), 'v');
        return true;
      }
      if (Arg.Type) {
        Fmt.Wrapped = nullptr;
        Fmt.WrapErrors = false;
      }
    }
    Fmt.formatOperand(valueRef(Arg), Verb.Rune);
  }
  return true;
}

void DirectiveScanner::reportExtraOperands() {
  Fmt.Spec = FormatSpec();
  Fmt.Out += "%!(EXTRA ";
  for (int64_t I = NextArg; I < NumArgs; ++I) {
    if (I > NextArg)
      Fmt.Out += ", ";
    const TypeDesc *T = Args[I].Type;
    if (!T || T->Kind == TypeKind::Nil) {
      Fmt.Out += "<nil>";
      continue;
    }
    Fmt.Out += T->Name;
    Fmt.Out += '=';
    Fmt.formatOperand(valueRef(Args[I]), 'v');
  }
  Fmt.Out += ')';
}

void DirectiveScanner::run() {
  while (Pos < End) {
    copyLiteralText();
    if (Pos >= End)
      break;
    ++Pos; // The '%'.
    if (!directive())
      break;
  }
  if (!UsedIndex && NextArg < NumArgs)
    reportExtraOperands();
}

bool isStringOperand(const Eface &A) {
  return A.Type && A.Type->Kind == TypeKind::String;
}

} // namespace

void Formatter::printf(const uint8_t *Format, int64_t Len, const Eface *Args,
                       int64_t NumArgs) {
  DirectiveScanner(*this, Format, Len, Args, NumArgs).run();
}

void Formatter::print(const Eface *Args, int64_t NumArgs) {
  for (int64_t I = 0; I < NumArgs; ++I) {
    if (I > 0 && !isStringOperand(Args[I - 1]) && !isStringOperand(Args[I]))
      Out += ' ';
    formatOperand(valueRef(Args[I]), 'v');
  }
}

void Formatter::println(const Eface *Args, int64_t NumArgs) {
  for (int64_t I = 0; I < NumArgs; ++I) {
    if (I > 0)
      Out += ' ';
    formatOperand(valueRef(Args[I]), 'v');
  }
  Out += '\n';
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

namespace {
int64_t emit(const Formatter &F) {
  writeStdout(F.Out.data(), F.Out.size());
  return int64_t(F.Out.size());
}
} // namespace

int64_t fmt_Println(const Eface *Args, int64_t NumArgs) {
  Formatter F;
  F.println(Args, NumArgs);
  return emit(F);
}

int64_t fmt_Print(const Eface *Args, int64_t NumArgs) {
  Formatter F;
  F.print(Args, NumArgs);
  return emit(F);
}

int64_t fmt_Printf(GoString Format, const Eface *Args, int64_t NumArgs) {
  Formatter F;
  F.printf(Format.Data, Format.Len, Args, NumArgs);
  return emit(F);
}

GoString fmt_Sprintf(GoString Format, const Eface *Args, int64_t NumArgs) {
  Formatter F;
  F.printf(Format.Data, Format.Len, Args, NumArgs);
  return newString(F.Out);
}

GoString fmt_Sprintln(const Eface *Args, int64_t NumArgs) {
  Formatter F;
  F.println(Args, NumArgs);
  return newString(F.Out);
}

GoString fmt_Sprint(const Eface *Args, int64_t NumArgs) {
  Formatter F;
  F.print(Args, NumArgs);
  return newString(F.Out);
}

} // namespace gm::rt
