//===- Fmt.h - The fmt package's printer -----------------------*- C++ -*-===//
//
// Internal to lib/Core. A port of Go 1.19's fmt: `Printer` is fmt's pp (the
// operand walk, print.go) and its fmt (padding and number/string formatting,
// format.go) folded together. Values arrive as AnyValue and are walked through
// their TypeDesc where Go uses reflection. The code follows Go's structure
// function by function so that the two can be compared side by side; each
// method names its Go counterpart.
//
// The pieces live in one file per concern:
//   Fmt.cpp        Printf's format-string parser, Print/Println, entry points
//   FmtValue.cpp   printArg/printValue: the walk over types (print.go)
//   FmtFormat.cpp  padding, integers, strings, %q, %c, floats (format.go)
//   FmtFloat.cpp   strconv.FormatFloat ('e', 'f', 'g', shortest)
//   FmtMap.cpp     maps, with keys sorted as internal/fmtsort sorts them
//   Quote.cpp      strconv.Quote and friends
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_CORE_FMT_H
#define GM_RUNTIME_CORE_FMT_H

#include "gm/runtime/ABI.h"

#include <cstdint>
#include <string>

namespace gm::rt {

//===----------------------------------------------------------------------===//
// strconv pieces fmt is built on
//===----------------------------------------------------------------------===//

/// strconv.AppendFloat(Out, V, Fmt, Prec, BitSize) for Fmt in e E f g G
/// (Prec < 0: the shortest representation that round-trips at BitSize).
void appendFloat(std::string &Out, double V, char Fmt, int Prec, int BitSize);

/// strconv.AppendQuote / AppendQuoteToASCII.
void appendQuote(std::string &Out, const uint8_t *S, int64_t Len,
                 bool ASCIIOnly);

/// strconv.AppendQuoteRune / AppendQuoteRuneToASCII.
void appendQuoteRune(std::string &Out, int32_t R, bool ASCIIOnly);

/// strconv.CanBackquote.
bool canBackquote(const uint8_t *S, int64_t Len);

/// reflect's Int()/Uint() of an integer-kinded value: its bits sign- or
/// zero-extended to 64.
uint64_t loadIntegerBits(const TypeDesc *T, const void *Data);

//===----------------------------------------------------------------------===//
// The printer
//===----------------------------------------------------------------------===//

/// fmt's fmtFlags.
struct FmtFlags {
  bool WidPresent = false;
  bool PrecPresent = false;
  bool Minus = false;
  bool Plus = false;
  bool Sharp = false;
  bool Space = false;
  bool Zero = false;
  /// %+v and %#v: the plus/sharp flags are moved here for the 'v' verb.
  bool PlusV = false;
  bool SharpV = false;
};

class Printer {
public:
  /// The output (fmt's buffer).
  std::string Buf;

  // Print.go's drivers (Fmt.cpp).
  void doPrintf(const uint8_t *Format, int64_t Len, const AnyValue *Args,
                int64_t NumArgs);
  void doPrint(const AnyValue *Args, int64_t NumArgs);
  void doPrintln(const AnyValue *Args, int64_t NumArgs);

  // The walk over operands (FmtValue.cpp).
  void printArg(AnyValue Arg, int32_t Verb);
  void printValue(const TypeDesc *T, const void *Data, int32_t Verb, int Depth);

private:
  FmtFlags F;
  int Wid = 0;
  int Prec = 0;

  /// What badVerb describes: the operand being printed (p.arg / p.value).
  AnyValue Current = {nullptr, nullptr};

  // Printf bookkeeping (print.go's pp fields).
  bool Reordered = false;
  bool GoodArgNum = true;

  void clearFlags() {
    F = FmtFlags();
    Wid = 0;
    Prec = 0;
  }

  // Fmt.cpp.
  bool argNumber(int64_t &ArgNum, const uint8_t *Format, int64_t Len,
                 int64_t &I, int64_t NumArgs);
  void writeRune(int32_t R);

  // FmtValue.cpp (print.go).
  void badVerb(int32_t Verb);
  void fmtBool(bool V, int32_t Verb);
  void fmt0x64(uint64_t V, bool Leading0x);
  void fmtIntegerVerb(uint64_t V, bool IsSigned, int32_t Verb);
  void fmtFloatVerb(double V, int Size, int32_t Verb);
  void fmtString(const uint8_t *S, int64_t Len, int32_t Verb);
  void fmtBytes(const uint8_t *B, int64_t Len, bool IsNil, int32_t Verb,
                const char *TypeString);
  void fmtPointer(const TypeDesc *T, const void *Data, int32_t Verb);
  void printMap(const TypeDesc *T, const void *Data, int32_t Verb,
                int Depth); // FmtMap.cpp

  // FmtFormat.cpp (format.go).
  void writePadding(int64_t N);
  void pad(const char *S, size_t Len);
  void pad(const std::string &S) { pad(S.data(), S.size()); }
  void fmtBoolean(bool V);
  void fmtUnicode(uint64_t U);
  void fmtInteger(uint64_t U, int Base, bool IsSigned, int32_t Verb,
                  const char *Digits);
  void fmtS(const uint8_t *S, int64_t Len);
  void fmtSbx(const uint8_t *S, int64_t Len, const char *Digits);
  void fmtQ(const uint8_t *S, int64_t Len);
  void fmtC(uint64_t C);
  void fmtQc(uint64_t C);
  void fmtFloat(double V, int Size, int32_t Verb, int Prec);
};

/// Lower- and upper-case digits; index 16 is the 'x' of the 0x prefix.
inline constexpr const char *LDigits = "0123456789abcdefx";
inline constexpr const char *UDigits = "0123456789ABCDEFX";

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_FMT_H
