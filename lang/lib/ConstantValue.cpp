//===- ConstantValue.cpp - exact constant arithmetic ----------------------===//
//
// Go evaluates constant expressions exactly; see ConstantValue.h for the
// representation. Integer operations run on IntBits-wide signed APInts and
// fail with Overflow as soon as a result needs more than MaxIntBits bits
// (Go: "constant multiplication overflow" and friends).
//
//===----------------------------------------------------------------------===//

#include "gm/lang/ConstantValue.h"
#include "gm/lang/Type.h"
#include "llvm/ADT/SmallString.h"
#include <cmath>
#include <cstdio>

using namespace gm::lang;
using llvm::APFloat;
using llvm::APInt;
using llvm::APSInt;

static const llvm::fltSemantics &quad() { return APFloat::IEEEquad(); }

static bool fitsMax(const APSInt &V) {
  return V.getSignificantBits() <= ConstantValue::MaxIntBits + 1;
}

ConstantValue ConstantValue::getBool(bool B) {
  ConstantValue V;
  V.K = Bool;
  V.B = B;
  return V;
}

ConstantValue ConstantValue::getInt(const APSInt &I) {
  ConstantValue V;
  V.K = Int;
  APSInt X = I;
  if (X.isUnsigned() && X.getBitWidth() < IntBits)
    X = APSInt(X.zext(IntBits), false);
  else
    X = APSInt(X.getBitWidth() < IntBits ? X.sext(IntBits) : X.trunc(IntBits),
               false);
  X.setIsSigned(true);
  V.I = X;
  return V;
}

ConstantValue ConstantValue::getInt(int64_t Val) {
  return getInt(APSInt(APInt(64, Val, true), false));
}

ConstantValue ConstantValue::getFloat(const APFloat &F) {
  ConstantValue V;
  V.K = Float;
  V.F = F;
  return V;
}

ConstantValue ConstantValue::getString(std::string S) {
  ConstantValue V;
  V.K = String;
  V.S = std::move(S);
  return V;
}

ConstantValue ConstantValue::toFloat() const {
  if (K == Float) {
    APFloat X = F;
    bool LosesInfo;
    X.convert(quad(), APFloat::rmNearestTiesToEven, &LosesInfo);
    return getFloat(X);
  }
  if (K == Int) {
    APFloat X(quad());
    X.convertFromAPInt(I, true, APFloat::rmNearestTiesToEven);
    return getFloat(X);
  }
  return ConstantValue();
}

ConstantValue ConstantValue::toIntExact() const {
  if (K == Int)
    return *this;
  if (K != Float || !F.isFinite())
    return ConstantValue();
  APSInt R(IntBits, false);
  bool IsExact = false;
  APFloat::opStatus St = F.convertToInteger(R, APFloat::rmTowardZero, &IsExact);
  if (St != APFloat::opOK || !IsExact)
    return ConstantValue();
  return getInt(R);
}

/// Range of an integer type of Bits bits.
static bool intFits(const APSInt &V, unsigned Bits, bool Unsigned) {
  if (Unsigned) {
    if (V.isNegative())
      return false;
    return V.getActiveBits() <= Bits;
  }
  return V.getSignificantBits() <= Bits;
}

bool ConstantValue::representable(const Type *T, ConstantValue &Result,
                                  bool *Truncated) const {
  if (Truncated)
    *Truncated = false;
  const Type *U = T->getUnderlying();
  Type::Kind TK = U->getKind();
  if (TK == Type::Any || TK == Type::Invalid) {
    Result = *this;
    return true;
  }
  switch (K) {
  case None:
    return false;
  case Bool:
    Result = *this;
    return U->isBoolean();
  case String:
    Result = *this;
    return U->isString();
  case Int:
  case Float: {
    if (!U->isNumeric())
      return false;
    if (U->isInteger()) {
      ConstantValue IV = toIntExact();
      if (!IV.isValid()) {
        if (Truncated)
          *Truncated = true;
        return false;
      }
      if (TK == Type::UntypedInt || TK == Type::UntypedRune) {
        Result = IV;
        return true;
      }
      if (!intFits(IV.I, U->getBitWidth(), U->isUnsigned()))
        return false;
      Result = IV;
      return true;
    }
    ConstantValue FV = toFloat();
    if (TK == Type::UntypedFloat) {
      Result = FV;
      return FV.F.isFinite();
    }
    APFloat X = FV.F;
    bool LosesInfo;
    X.convert(TK == Type::Float32 ? APFloat::IEEEsingle()
                                  : APFloat::IEEEdouble(),
              APFloat::rmNearestTiesToEven, &LosesInfo);
    if (X.isInfinity() || X.isNaN())
      return false;
    Result = getFloat(X);
    return true;
  }
  }
  return false;
}

ConstantValue ConstantValue::binaryOp(tok::TokenKind Op, const ConstantValue &L,
                                      const ConstantValue &R, bool &DivByZero,
                                      bool &Overflow) {
  DivByZero = Overflow = false;
  if (L.K == Bool && R.K == Bool) {
    if (Op == tok::ampamp)
      return getBool(L.B && R.B);
    if (Op == tok::pipepipe)
      return getBool(L.B || R.B);
    return ConstantValue();
  }
  if (L.K == String && R.K == String) {
    if (Op == tok::plus)
      return getString(L.S + R.S);
    return ConstantValue();
  }
  if (L.K == Int && R.K == Int) {
    const APSInt &A = L.I, &B = R.I;
    bool Ov = false;
    APInt Res;
    switch (Op) {
    case tok::plus:
      Res = A.sadd_ov(B, Ov);
      break;
    case tok::minus:
      Res = A.ssub_ov(B, Ov);
      break;
    case tok::star:
      Res = A.smul_ov(B, Ov);
      break;
    case tok::slash:
      if (B.isZero()) {
        DivByZero = true;
        return ConstantValue();
      }
      Res = A.sdiv_ov(B, Ov);
      break;
    case tok::percent:
      if (B.isZero()) {
        DivByZero = true;
        return ConstantValue();
      }
      Res = A.srem(B);
      break;
    case tok::amp:
      Res = A & B;
      break;
    case tok::pipe:
      Res = A | B;
      break;
    case tok::caret:
      Res = A ^ B;
      break;
    case tok::ampcaret:
      Res = A & ~B;
      break;
    default:
      return ConstantValue();
    }
    APSInt SR(Res, false);
    if (Ov || !fitsMax(SR)) {
      Overflow = true;
      return ConstantValue();
    }
    return getInt(SR);
  }
  if (L.K == Float && R.K == Float) {
    APFloat A = L.toFloat().F, B = R.toFloat().F;
    switch (Op) {
    case tok::plus:
      A.add(B, APFloat::rmNearestTiesToEven);
      break;
    case tok::minus:
      A.subtract(B, APFloat::rmNearestTiesToEven);
      break;
    case tok::star:
      A.multiply(B, APFloat::rmNearestTiesToEven);
      break;
    case tok::slash:
      if (B.isZero()) {
        DivByZero = true;
        return ConstantValue();
      }
      A.divide(B, APFloat::rmNearestTiesToEven);
      break;
    default:
      return ConstantValue();
    }
    if (!A.isFinite()) {
      Overflow = true;
      return ConstantValue();
    }
    return getFloat(A);
  }
  return ConstantValue();
}

bool ConstantValue::compare(tok::TokenKind Op, const ConstantValue &L,
                            const ConstantValue &R) {
  int C = 0;
  if (L.K == Bool && R.K == Bool) {
    C = int(L.B) - int(R.B);
  } else if (L.K == String && R.K == String) {
    C = L.S.compare(R.S);
    C = C < 0 ? -1 : C > 0 ? 1 : 0;
  } else if (L.K == Int && R.K == Int) {
    C = L.I < R.I ? -1 : L.I > R.I ? 1 : 0;
  } else {
    APFloat A = L.toFloat().F, B = R.toFloat().F;
    APFloat::cmpResult CR = A.compare(B);
    if (CR == APFloat::cmpUnordered)
      return Op == tok::exclaimequal;
    C = CR == APFloat::cmpLessThan ? -1 : CR == APFloat::cmpGreaterThan ? 1 : 0;
  }
  switch (Op) {
  case tok::equalequal:
    return C == 0;
  case tok::exclaimequal:
    return C != 0;
  case tok::less:
    return C < 0;
  case tok::lessequal:
    return C <= 0;
  case tok::greater:
    return C > 0;
  case tok::greaterequal:
    return C >= 0;
  default:
    return false;
  }
}

ConstantValue ConstantValue::unaryOp(tok::TokenKind Op, const ConstantValue &X,
                                     unsigned UnsignedBits, bool &Overflow) {
  Overflow = false;
  switch (Op) {
  case tok::plus:
    return X;
  case tok::minus:
    if (X.K == Int)
      return getInt(APSInt(-X.I, false));
    if (X.K == Float) {
      APFloat F = X.F;
      F.changeSign();
      return getFloat(F);
    }
    return ConstantValue();
  case tok::exclaim:
    if (X.K == Bool)
      return getBool(!X.B);
    return ConstantValue();
  case tok::caret:
    if (X.K != Int)
      return ConstantValue();
    if (UnsignedBits) {
      APInt Mask = APInt::getLowBitsSet(IntBits, UnsignedBits);
      return getInt(APSInt(X.I ^ Mask, false));
    }
    return getInt(APSInt(~X.I, false));
  default:
    return ConstantValue();
  }
}

ConstantValue ConstantValue::shift(tok::TokenKind Op, const ConstantValue &X,
                                   uint64_t S, bool &Overflow) {
  Overflow = false;
  if (X.K != Int)
    return ConstantValue();
  if (Op == tok::shr) {
    if (S >= IntBits)
      return getInt(X.I.isNegative() ? -1 : 0);
    return getInt(APSInt(X.I.ashr(unsigned(S)), false));
  }
  if (X.I.isZero())
    return X;
  if (S > MaxIntBits || X.I.getSignificantBits() + S > MaxIntBits + 1) {
    Overflow = true;
    return ConstantValue();
  }
  return getInt(APSInt(X.I.shl(unsigned(S)), false));
}

/// Go's go/constant String(): %.6g for floats, ints in full.
std::string ConstantValue::toString() const {
  switch (K) {
  case None:
    return "?";
  case Bool:
    return B ? "true" : "false";
  case Int: {
    llvm::SmallString<40> Str;
    I.toString(Str, 10, true);
    return std::string(Str);
  }
  case Float: {
    APFloat D = F;
    bool LosesInfo;
    D.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &LosesInfo);
    double V = D.convertToDouble();
    if (std::isinf(V)) {
      // Beyond double range: print via the quad value in scientific form.
      llvm::SmallString<40> Str;
      F.toString(Str, 6, 0, true);
      std::string Out;
      for (char C : Str)
        Out += C == 'E' ? 'e' : C;
      size_t Dot = Out.find(".0e");
      if (Dot != std::string::npos)
        Out.erase(Dot, 2);
      return Out;
    }
    char Buf[64];
    snprintf(Buf, sizeof(Buf), "%.6g", V);
    std::string Out = Buf;
    // C prints exponents with at least two digits ("1e+100", "1e-07"), as
    // Go's %g does.
    return Out;
  }
  case String: {
    std::string Out = "\"";
    for (unsigned char C : S) {
      switch (C) {
      case '"':
        Out += "\\\"";
        break;
      case '\\':
        Out += "\\\\";
        break;
      case '\n':
        Out += "\\n";
        break;
      case '\t':
        Out += "\\t";
        break;
      default:
        if (C < 0x20 || C == 0x7f) {
          char Buf[8];
          snprintf(Buf, sizeof(Buf), "\\x%02x", C);
          Out += Buf;
        } else {
          Out += char(C);
        }
      }
    }
    Out += '"';
    // Go shortens long strings in messages.
    if (Out.size() > 72)
      Out = Out.substr(0, 69) + "...";
    return Out;
  }
  }
  return "?";
}

bool ConstantValue::operator==(const ConstantValue &O) const {
  if (K != O.K)
    return false;
  switch (K) {
  case None:
    return true;
  case Bool:
    return B == O.B;
  case Int:
    return I == O.I;
  case Float:
    return toFloat().F.compare(O.toFloat().F) == APFloat::cmpEqual;
  case String:
    return S == O.S;
  }
  return false;
}
