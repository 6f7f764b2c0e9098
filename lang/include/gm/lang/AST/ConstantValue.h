//===- ConstantValue.h - exact constant values ------------------*- C++ -*-===//
//
// Values of Go constant expressions, folded exactly as Go's go/constant does:
//
//  * integers are arbitrary precision; internally every integer is an APSInt
//    of IntBits bits, and a value that needs more than MaxIntBits bits is
//    "constant overflow" (Go's limit is 512 bits);
//  * floats are exact rationals Num/Den (magnitudes as APInts of whatever
//    width they need, normalised by gcd, plus a sign). Like go/constant, a
//    rational whose numerator or denominator needs more than MaxRatBits bits
//    is rounded to a binary float with FloatFallbackPrec bits of mantissa
//    (still held as a rational m * 2^e); a value whose binary exponent
//    exceeds MaxExpBits is "constant overflow". Alongside the rational, F
//    holds an APFloat: for typed float32/float64 constants the value rounded
//    once, in IEEEsingle/IEEEdouble semantics, so IR generation can hand it
//    to ConstantFP::get directly; for untyped floats a correctly rounded IEEE
//    quad approximation (for display only -- all arithmetic, comparison and
//    conversion use the rational);
//  * booleans and strings (byte strings, not necessarily valid UTF-8).
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_AST_CONSTANTVALUE_H
#define GM_LANG_AST_CONSTANTVALUE_H

#include "gm/lang/Lex/Token.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/Hashing.h"
#include <string>

namespace gm::lang {

class Type;

class ConstantValue {
public:
  enum Kind { None, Bool, Int, Float, String };
  static constexpr unsigned IntBits = 1088;
  static constexpr unsigned MaxIntBits = 512;
  /// go/constant's maxExp: larger rationals switch to a 512-bit float.
  static constexpr unsigned MaxRatBits = 4096;
  static constexpr unsigned FloatFallbackPrec = 512;
  /// Binary exponents beyond this are reported as constant overflow (Go
  /// itself accepts exponents up to ~2^31, which gm does not model).
  static constexpr unsigned MaxExpBits = 1u << 16;

  ConstantValue() : F(llvm::APFloat::IEEEdouble()) {} // F is +0.0
  static ConstantValue getBool(bool B);
  static ConstantValue getInt(const llvm::APSInt &I); // any width, signed
  static ConstantValue getInt(int64_t V);
  /// The exact value of a finite APFloat (any semantics).
  static ConstantValue getFloat(const llvm::APFloat &F);
  /// An untyped float from a Go float literal (decimal or hex, with `_`
  /// separators), converted exactly. None if it is malformed or its
  /// exponent is beyond what gm models (MaxExpBits).
  static ConstantValue getFloatFromLiteral(llvm::StringRef Text);
  static ConstantValue getString(std::string S);

  Kind getKind() const { return K; }
  bool isValid() const { return K != None; }
  bool isBool() const { return K == Bool; }
  bool isInt() const { return K == Int; }
  bool isFloat() const { return K == Float; }
  bool isString() const { return K == String; }

  bool getBool() const { return B; }
  /// IntBits-wide, signed. Truncate to the expression's type width.
  const llvm::APSInt &getInt() const { return I; }
  /// The value truncated to Bits (two's complement), for IR generation.
  llvm::APInt getIntBits(unsigned Bits) const { return I.trunc(Bits); }
  /// Typed float constants: the value in IEEEsingle/IEEEdouble semantics.
  /// Untyped float constants: a quad approximation; use toAPFloat or the
  /// rational accessors for anything that must be exact.
  const llvm::APFloat &getFloat() const { return F; }
  /// Exact float value: sign and magnitudes of numerator / denominator.
  bool isNegative() const { return K == Float ? Neg : I.isNegative(); }
  const llvm::APInt &getNumerator() const { return Num; }
  const llvm::APInt &getDenominator() const { return Den; }
  /// True for an Int or Float constant equal to zero.
  bool isZero() const;
  /// An Int or Float value rounded once (nearest-even) to Sem. Overflow is
  /// set when it rounds to infinity.
  llvm::APFloat toAPFloat(const llvm::fltSemantics &Sem,
                          bool *Overflow = nullptr) const;
  llvm::StringRef getString() const { return S; }

  /// The value as an untyped float (exact).
  ConstantValue toFloat() const;
  /// The value as an integer if it is one exactly (1.0 -> 1); else None.
  ConstantValue toIntExact() const;

  /// Go's representability of this value in type T; on success Result is
  /// the value converted (float rounded to T's precision). Truncated is set
  /// when a float does not fit an integer type only because it has a
  /// fraction.
  bool representable(const Type *T, ConstantValue &Result,
                     bool *Truncated = nullptr) const;

  /// Folds `L Op R`. Both operands have the same kind (the caller converts
  /// int to float when mixing). IntegerDivision selects truncating integer
  /// division for typed or untyped integer operands. Returns None with
  /// DivByZero or Overflow set on failure.
  static ConstantValue binaryOp(tok::TokenKind Op, const ConstantValue &L,
                                const ConstantValue &R, bool &DivByZero,
                                bool &Overflow);
  /// Folds a comparison; both operands of the same kind.
  static bool compare(tok::TokenKind Op, const ConstantValue &L,
                      const ConstantValue &R);
  /// Folds `Op X` for + - ! ^. For ^ on an unsigned type of Bits bits pass
  /// Bits (Go's ^x for unsigned is x XOR all-ones of the type's width).
  static ConstantValue unaryOp(tok::TokenKind Op, const ConstantValue &X,
                               unsigned UnsignedBits, bool &Overflow);
  /// X << S or X >> S for an integer X; Overflow when the result is too big.
  static ConstantValue shift(tok::TokenKind Op, const ConstantValue &X,
                             uint64_t S, bool &Overflow);

  /// The value as Go prints it in messages: 300, 1.5, 1e+100, "a", true.
  std::string toString() const;
  bool operator==(const ConstantValue &O) const;
  /// Consistent with ==, so that duplicate-constant checks (map literal
  /// keys, switch cases) can use a hash set instead of comparing each new
  /// constant with all earlier ones.
  friend llvm::hash_code hash_value(const ConstantValue &V);

private:
  Kind K = None;
  bool B = false;
  llvm::APSInt I;
  llvm::APFloat F;
  bool Neg = false;
  llvm::APInt Num, Den; // Float only: |value| = Num / Den, gcd 1, Den > 0
  std::string S;

  /// Float only: the value is go/constant's 512-bit floatVal rather than a
  /// ratVal; arithmetic involving it rounds to FloatFallbackPrec bits.
  bool Inexact = false;

  static ConstantValue makeRat(bool Neg, llvm::APInt N, llvm::APInt D,
                               bool &Overflow, bool ForceFloat = false);
};

} // namespace gm::lang

#endif // GM_LANG_AST_CONSTANTVALUE_H
