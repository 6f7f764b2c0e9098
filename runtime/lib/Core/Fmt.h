//===- Fmt.h - gm's implementation of the fmt package ----------*- C++ -*-===//
//
// Internal to lib/Core. fmt's output must match Go 1.19 byte for byte, so the
// behaviour (including Go's quirks and in-band error reports) is Go's, but the
// design is ours:
//
//   FormatSpec   the flags, width and precision of one %-directive
//   Formatter    an output buffer plus the current FormatSpec; it knows how to
//                pad text and how to format each scalar kind under the spec
//
// The pieces live in one file per concern:
//   Fmt.cpp        the Printf directive scanner, Print/Println, entry points
//   FmtValue.cpp   choosing a formatter for an operand; the walk over
//                  composite values through their TypeDesc
//   FmtFormat.cpp  padding; integers, strings, bytes, runes; float flags
//   FmtFloat.cpp   float text: %e %f %g (decimal) and %b %x (binary)
//   FmtMap.cpp     maps, printed with their keys sorted
//   Quote.cpp      Go-syntax quoting (%q, strconv.Quote)
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_CORE_FMT_H
#define GM_RUNTIME_CORE_FMT_H

#include "Core/Runtime.h"

#include <cstdint>
#include <string>

namespace gm::rt {

//===----------------------------------------------------------------------===//
// Text conversions fmt is built on (also used by strconv entry points)
//===----------------------------------------------------------------------===//

/// Appends V as strconv.FormatFloat(V, Fmt, Prec, BitSize) spells it, for Fmt
/// one of e E f g G b x X. Prec < 0 asks for the fewest digits that still
/// read back as the same float of BitSize bits.
void appendFloat(std::string &Out, double V, char Fmt, int Prec, int BitSize);

/// Appends S as a double-quoted Go literal (ASCIIOnly: escape all non-ASCII).
void appendQuote(std::string &Out, const uint8_t *S, int64_t Len,
                 bool ASCIIOnly);

/// Appends R as a single-quoted Go rune literal.
void appendQuoteRune(std::string &Out, int32_t R, bool ASCIIOnly);

/// Whether S can be written as a `raw string` literal unchanged.
bool canBackquote(const uint8_t *S, int64_t Len);

/// The value of an integer-kinded operand as 64 bits: sign-extended for
/// signed kinds, zero-extended for unsigned ones.
uint64_t loadIntegerBits(const TypeDesc *T, const void *Data);

//===----------------------------------------------------------------------===//
// The formatter
//===----------------------------------------------------------------------===//

/// Flags, width and precision of a directive such as "%-+8.3f".
struct FormatSpec {
  bool LeftAlign = false; ///< '-': pad on the right.
  bool ForceSign = false; ///< '+': always print a sign; ASCII-only %q.
  bool Alternate = false; ///< '#': 0x prefixes, backquoted %q, ...
  bool SpaceSign = false; ///< ' ': a space where '+' would go; "% x".
  bool ZeroPad = false;   ///< '0': pad with leading zeros.
  bool HasWidth = false;
  bool HasPrecision = false;
  int Width = 0;
  int Precision = 0;
  /// For %v, '#' and '+' do not reach the operand's formatter; they select
  /// Go-syntax output (%#v) and struct field names (%+v) instead.
  bool GoSyntax = false;
  bool FieldNames = false;
};

class Formatter {
public:
  /// Everything formatted so far.
  std::string Out;
  /// The directive being formatted.
  FormatSpec Spec;
  /// Errorf: %w is allowed, and the operand it wrapped, if any.
  bool WrapErrors = false;
  const Eface *Wrapped = nullptr;

  // Fmt.cpp: the three drivers.
  void printf(const uint8_t *Format, int64_t Len, const Eface *Args,
              int64_t NumArgs);
  void print(const Eface *Args, int64_t NumArgs);
  void println(const Eface *Args, int64_t NumArgs);

  // FmtValue.cpp: one operand, or a value reached inside one.
  void formatOperand(ValueRef Arg, int32_t Verb);
  void formatValue(const TypeDesc *T, const void *Data, int32_t Verb,
                   bool Nested);

  void appendRune(int32_t R);

private:
  /// The value being formatted, for "%!verb(type=value)" reports.
  ValueRef Operand = {nullptr, nullptr};
  /// Printing a "%!verb(type=value)" report: no String/Error methods then.
  bool Erroring = false;
  /// Printing the panic of a String/Error method: a second panic is not
  /// caught again.
  bool Panicking = false;
  /// Inside an unexported struct field, whose values Go's fmt cannot call
  /// methods on (reflect's CanInterface is false below it).
  bool InUnexportedField = false;

  // FmtValue.cpp: Go's handleMethods. Formats the value with its Error or
  // String method when it has one and the verb takes a string (GoString for
  // %#v); returns whether it did.
  bool formatWithMethod(const TypeDesc *T, const void *Data, int32_t Verb);

  // FmtValue.cpp: the verb dispatch per kind.
  void reportBadVerb(int32_t Verb);
  void formatBoolVerb(bool V, int32_t Verb);
  void formatIntegerVerb(uint64_t Bits, bool Signed, int32_t Verb);
  void formatFloatVerb(double V, int BitSize, int32_t Verb);
  void formatStringVerb(const uint8_t *S, int64_t Len, int32_t Verb);
  void formatByteSliceVerb(const uint8_t *B, int64_t Len, bool IsNil,
                           int32_t Verb, const char *TypeName);
  void formatAddressVerb(const TypeDesc *T, const void *Data, int32_t Verb);
  void formatHexAddress(uint64_t Address, bool WithPrefix);
  void formatSequence(const TypeDesc *T, const void *Data, int32_t Verb);
  void formatStruct(const TypeDesc *T, const void *Data, int32_t Verb);
  void formatMap(const TypeDesc *T, const void *Data, int32_t Verb); // FmtMap

  // FmtFormat.cpp: scalar text under Spec, with padding.
  void appendFill(int64_t N);
  void appendPadded(const char *S, size_t Len);
  void appendPadded(const std::string &S) { appendPadded(S.data(), S.size()); }
  void appendPaddedNoZeros(const std::string &S);
  void formatBool(bool V);
  void formatInteger(uint64_t Bits, bool Signed, unsigned Base, bool Upper,
                     bool OctalPrefix);
  void formatCodePoint(uint64_t V);
  void formatText(const uint8_t *S, int64_t Len);
  void formatHexText(const uint8_t *S, int64_t Len, bool Upper);
  void formatQuotedText(const uint8_t *S, int64_t Len);
  void formatChar(uint64_t V);
  void formatQuotedChar(uint64_t V);
  void formatFloat(double V, int BitSize, char Verb, int DefaultPrecision);
};

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_FMT_H
