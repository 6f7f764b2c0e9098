//===- ConstantValue.h - exact constant values ------------------*- C++ -*-===//
//
// Values of Go constant expressions, folded exactly as Go's go/constant does:
//
//  * integers are arbitrary precision; internally every integer is an APSInt
//    of IntBits bits, and a value that needs more than MaxIntBits bits is
//    "constant overflow" (Go's limit is 512 bits);
//  * untyped floats are IEEE quad (113-bit mantissa); typed float32/float64
//    constants are stored rounded, in IEEEsingle/IEEEdouble semantics, so IR
//    generation can hand them to ConstantFP::get directly;
//  * booleans and strings (byte strings, not necessarily valid UTF-8).
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_CONSTANTVALUE_H
#define GM_LANG_CONSTANTVALUE_H

#include "gm/lang/Token.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APSInt.h"
#include <string>

namespace gm::lang {

class Type;

class ConstantValue {
public:
  enum Kind { None, Bool, Int, Float, String };
  static constexpr unsigned IntBits = 1088;
  static constexpr unsigned MaxIntBits = 512;

  ConstantValue() : F(0.0) {}
  static ConstantValue getBool(bool B);
  static ConstantValue getInt(const llvm::APSInt &I); // any width, signed
  static ConstantValue getInt(int64_t V);
  static ConstantValue getFloat(const llvm::APFloat &F);
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
  const llvm::APFloat &getFloat() const { return F; }
  llvm::StringRef getString() const { return S; }

  /// The value as an untyped float (quad precision).
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

private:
  Kind K = None;
  bool B = false;
  llvm::APSInt I;
  llvm::APFloat F;
  std::string S;
};

} // namespace gm::lang

#endif // GM_LANG_CONSTANTVALUE_H
