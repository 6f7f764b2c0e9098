//===- ConstantValue.cpp - exact constant arithmetic ----------------------===//
//
// Go evaluates constant expressions exactly; see ConstantValue.h for the
// representation. Integer operations run on IntBits-wide signed APInts and
// fail with Overflow as soon as a result needs more than MaxIntBits bits
// (Go: "constant multiplication overflow" and friends).
//
//===----------------------------------------------------------------------===//

#include "gm/lang/AST/ConstantValue.h"
#include "gm/lang/AST/Type.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace gm::lang;
using llvm::APFloat;
using llvm::APInt;
using llvm::APSInt;

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
  APInt X = I.getBitWidth() >= IntBits ? I.trunc(IntBits)
            : I.isUnsigned()           ? I.zext(IntBits)
                                       : I.sext(IntBits);
  V.I = APSInt(std::move(X), /*isUnsigned=*/false);
  return V;
}

ConstantValue ConstantValue::getInt(int64_t Val) {
  return getInt(APSInt(APInt(64, Val, true), false));
}

//===----------------------------------------------------------------------===//
// Unsigned magnitude helpers: APInts of any width, kept trimmed.
//===----------------------------------------------------------------------===//

static APInt trim(const APInt &X) {
  return X.zextOrTrunc(std::max(1u, X.getActiveBits()));
}

static APInt umul(const APInt &A, const APInt &B) {
  unsigned W = A.getActiveBits() + B.getActiveBits() + 1;
  return trim(A.zextOrTrunc(W) * B.zextOrTrunc(W));
}

static APInt ushl(const APInt &A, unsigned S) {
  unsigned W = A.getActiveBits() + S + 1;
  return trim(A.zextOrTrunc(W).shl(S));
}

static APInt uadd(const APInt &A, const APInt &B) {
  unsigned W = std::max(A.getActiveBits(), B.getActiveBits()) + 1;
  return trim(A.zextOrTrunc(W) + B.zextOrTrunc(W));
}

/// A - B; requires A >= B.
static APInt usub(const APInt &A, const APInt &B) {
  unsigned W = std::max(A.getActiveBits(), B.getActiveBits()) + 1;
  return trim(A.zextOrTrunc(W) - B.zextOrTrunc(W));
}

static int ucmp(const APInt &A, const APInt &B) {
  unsigned W = std::max(A.getBitWidth(), B.getBitWidth());
  APInt X = A.zextOrTrunc(W), Y = B.zextOrTrunc(W);
  return X.ult(Y) ? -1 : X.ugt(Y) ? 1 : 0;
}

static void udivrem(const APInt &A, const APInt &B, APInt &Q, APInt &R) {
  unsigned W = std::max(A.getBitWidth(), B.getBitWidth());
  APInt::udivrem(A.zextOrTrunc(W), B.zextOrTrunc(W), Q, R);
  Q = trim(Q);
  R = trim(R);
}

static APInt upow(APInt Base, uint64_t E) {
  APInt R(1, 1);
  while (E) {
    if (E & 1)
      R = umul(R, Base);
    E >>= 1;
    if (E)
      Base = umul(Base, Base);
  }
  return R;
}

/// Q = floor(N * 2^S / D) with Q of P+2 or P+3 bits; Sticky is set when the
/// division is inexact. N and D are nonzero.
static void divScaled(const APInt &N, const APInt &D, unsigned P, APInt &Q,
                      int64_t &S, bool &Sticky) {
  int64_t A = N.getActiveBits(), B = D.getActiveBits();
  S = int64_t(P) + 2 - (A - B);
  APInt NN = S >= 0 ? ushl(N, unsigned(S)) : N;
  APInt DD = S >= 0 ? D : ushl(D, unsigned(-S));
  APInt R;
  udivrem(NN, DD, Q, R);
  Sticky = !R.isZero();
}

/// Rounds N/D (nonzero) to P bits, nearest-even: N/D ~ M * 2^E.
static void roundToPrec(const APInt &N, const APInt &D, unsigned P, APInt &M,
                        int64_t &E) {
  APInt Q;
  int64_t S;
  bool Sticky;
  divScaled(N, D, P, Q, S, Sticky);
  unsigned Extra = Q.getActiveBits() - P; // 2 or 3
  bool Half = Q[Extra - 1];
  bool Below = Sticky || Q.countr_zero() < Extra - 1;
  M = trim(Q.lshr(Extra));
  E = int64_t(Extra) - S;
  if (Half && (Below || M[0])) {
    M = uadd(M, APInt(1, 1));
    if (M.getActiveBits() > P) {
      M = trim(M.lshr(1));
      ++E;
    }
  }
}

static const llvm::fltSemantics &quadSem() { return APFloat::IEEEquad(); }

/// Rounds (-1)^Neg * N/D to Sem exactly once, via APFloat's correctly
/// rounding hexadecimal parser (which handles subnormals and overflow).
static APFloat roundRat(bool Neg, const APInt &N, const APInt &D,
                        const llvm::fltSemantics &Sem, bool *Overflow) {
  if (Overflow)
    *Overflow = false;
  if (N.isZero())
    return APFloat::getZero(Sem);
  APInt Q;
  int64_t S;
  bool Sticky;
  divScaled(N, D, APFloat::semanticsPrecision(Sem) + 2, Q, S, Sticky);
  // The sticky bit below Q keeps every rounding decision of the exact value.
  APInt QS = ushl(Q, 1);
  if (Sticky)
    QS.setBit(0);
  llvm::SmallString<128> Str;
  if (Neg)
    Str += '-';
  Str += "0x";
  QS.toString(Str, 16, false);
  Str += 'p';
  Str += std::to_string(-S - 1);
  APFloat R(Sem);
  auto St = R.convertFromString(Str, APFloat::rmNearestTiesToEven);
  if (!St) {
    llvm::consumeError(St.takeError());
    return APFloat::getZero(Sem);
  }
  if (Overflow)
    *Overflow = R.isInfinity();
  return R;
}

/// N/D rounded to a FloatFallbackPrec-bit binary float, still as N/D.
static void roundToFallback(APInt &N, APInt &D) {
  APInt M;
  int64_t E;
  roundToPrec(N, D, ConstantValue::FloatFallbackPrec, M, E);
  if (E >= 0) {
    N = ushl(M, unsigned(E));
    D = APInt(1, 1);
  } else {
    N = M;
    D = ushl(APInt(1, 1), unsigned(-E));
  }
}

ConstantValue ConstantValue::makeRat(bool Neg, APInt N, APInt D, bool &Overflow,
                                     bool ForceFloat) {
  Overflow = false;
  ConstantValue V;
  V.K = Float;
  N = trim(N);
  D = trim(D);
  if (N.isZero()) {
    V.Neg = false;
    V.Num = APInt(1, 0);
    V.Den = APInt(1, 1);
    V.F = APFloat::getZero(quadSem());
    return V;
  }
  auto Reduce = [](APInt &N, APInt &D) {
    unsigned TZ = std::min(N.countr_zero(), D.countr_zero());
    if (TZ) {
      N = trim(N.lshr(TZ));
      D = trim(D.lshr(TZ));
    }
    if (!N.isOne() && !D.isOne()) {
      unsigned W = std::max(N.getBitWidth(), D.getBitWidth());
      APInt G = llvm::APIntOps::GreatestCommonDivisor(N.zextOrTrunc(W),
                                                      D.zextOrTrunc(W));
      if (!G.isOne()) {
        APInt R;
        udivrem(N, G, N, R);
        udivrem(D, G, D, R);
      }
    }
  };
  Reduce(N, D);
  int64_t Exp = int64_t(N.getActiveBits()) - int64_t(D.getActiveBits());
  if (Exp > int64_t(MaxExpBits) || Exp < -int64_t(MaxExpBits)) {
    Overflow = true;
    return ConstantValue();
  }
  if (ForceFloat || N.getActiveBits() > MaxRatBits ||
      D.getActiveBits() > MaxRatBits) {
    // go/constant switches to a 512-bit big.Float here (and stays there).
    roundToFallback(N, D);
    Reduce(N, D);
    V.Inexact = true;
  }
  V.Neg = Neg;
  V.Num = N;
  V.Den = D;
  V.F = roundRat(Neg, N, D, quadSem(), nullptr);
  return V;
}

ConstantValue ConstantValue::getFloat(const APFloat &X) {
  ConstantValue V;
  bool Ov;
  if (!X.isFinite() || X.isZero()) {
    V = makeRat(false, APInt(1, 0), APInt(1, 1), Ov);
    if (!X.isFinite())
      V.F = X;
    else
      V.F = APFloat::getZero(X.getSemantics());
    return V;
  }
  const llvm::fltSemantics &Sem = X.getSemantics();
  unsigned P = APFloat::semanticsPrecision(Sem);
  int E = ilogb(X);
  APFloat Y =
      llvm::scalbn(llvm::abs(X), int(P) - 1 - E, APFloat::rmNearestTiesToEven);
  APSInt M(P + 1, true);
  bool IsExact;
  Y.convertToInteger(M, APFloat::rmTowardZero, &IsExact);
  int64_t E2 = int64_t(E) - int64_t(P - 1);
  APInt N = M, D(1, 1);
  if (E2 >= 0)
    N = ushl(N, unsigned(E2));
  else
    D = ushl(D, unsigned(-E2));
  V = makeRat(X.isNegative(), N, D, Ov);
  V.F = X;
  return V;
}

ConstantValue ConstantValue::getFloatFromLiteral(llvm::StringRef Text) {
  std::string T;
  for (char C : Text)
    if (C != '_')
      T += C;
  bool Hex = T.size() > 2 && T[0] == '0' && (T[1] == 'x' || T[1] == 'X');
  size_t Pos = Hex ? 2 : 0;
  std::string Digits;
  int64_t FracDigits = 0;
  bool SeenDot = false;
  for (; Pos < T.size(); ++Pos) {
    char C = T[Pos];
    if (C == '.') {
      if (SeenDot)
        return ConstantValue();
      SeenDot = true;
      continue;
    }
    bool IsDigit = Hex ? llvm::isHexDigit(C) : llvm::isDigit(C);
    if (!IsDigit)
      break;
    Digits += C;
    if (SeenDot)
      ++FracDigits;
  }
  int64_t Exp = 0;
  if (Pos < T.size()) {
    char C = T[Pos];
    if (Hex ? (C != 'p' && C != 'P') : (C != 'e' && C != 'E'))
      return ConstantValue();
    ++Pos;
    bool ExpNeg = false;
    if (Pos < T.size() && (T[Pos] == '+' || T[Pos] == '-'))
      ExpNeg = T[Pos++] == '-';
    if (Pos == T.size())
      return ConstantValue();
    for (; Pos < T.size(); ++Pos) {
      if (!llvm::isDigit(T[Pos]))
        return ConstantValue();
      if (Exp < (int64_t(1) << 40))
        Exp = Exp * 10 + (T[Pos] - '0');
    }
    if (ExpNeg)
      Exp = -Exp;
  }
  if (Digits.empty())
    return ConstantValue();
  unsigned Radix = Hex ? 16 : 10;
  APInt M(APInt::getSufficientBitsNeeded(Digits, Radix) + 1, Digits, Radix);
  bool Ov = false;
  if (M.isZero())
    return makeRat(false, M, APInt(1, 1), Ov);
  APInt N = trim(M), D(1, 1);
  if (Hex) {
    int64_t E2 = Exp - 4 * FracDigits;
    if (E2 > int64_t(MaxExpBits) + 64 ||
        E2 < -int64_t(MaxExpBits) - 64 - int64_t(N.getActiveBits()))
      return ConstantValue();
    if (E2 >= 0)
      N = ushl(N, unsigned(E2));
    else
      D = ushl(D, unsigned(-E2));
  } else {
    int64_t E10 = Exp - FracDigits;
    // 10^k needs about 3.32k bits.
    int64_t Limit = int64_t(MaxExpBits) * 3 / 10 + 64 + int64_t(Digits.size());
    if (E10 > Limit || E10 < -Limit)
      return ConstantValue();
    if (E10 >= 0)
      N = umul(N, upow(APInt(4, 10), uint64_t(E10)));
    else
      D = upow(APInt(4, 10), uint64_t(-E10));
  }
  ConstantValue V = makeRat(false, N, D, Ov);
  if (Ov)
    return ConstantValue();
  return V;
}

bool ConstantValue::isZero() const {
  if (K == Int)
    return I.isZero();
  if (K == Float)
    return Num.isZero();
  return false;
}

APFloat ConstantValue::toAPFloat(const llvm::fltSemantics &Sem,
                                 bool *Overflow) const {
  if (K == Int) {
    APInt Mag = I.isNegative() ? APInt(-I) : APInt(I);
    return roundRat(I.isNegative(), trim(Mag), APInt(1, 1), Sem, Overflow);
  }
  if (K == Float)
    return roundRat(Neg, Num, Den, Sem, Overflow);
  if (Overflow)
    *Overflow = false;
  return APFloat::getZero(Sem);
}

ConstantValue ConstantValue::getString(std::string S) {
  ConstantValue V;
  V.K = String;
  V.S = std::move(S);
  return V;
}

ConstantValue ConstantValue::toFloat() const {
  bool Ov;
  if (K == Float) {
    if (&F.getSemantics() == &quadSem() || !F.isFinite())
      return *this;
    ConstantValue V = *this;
    V.F = roundRat(Neg, Num, Den, quadSem(), nullptr);
    return V;
  }
  if (K == Int) {
    APInt Mag = I.isNegative() ? APInt(-I) : APInt(I);
    return makeRat(I.isNegative(), Mag, APInt(1, 1), Ov);
  }
  return ConstantValue();
}

ConstantValue ConstantValue::toIntExact() const {
  if (K == Int)
    return *this;
  if (K != Float || !Den.isOne() || Num.getActiveBits() > IntBits - 2)
    return ConstantValue();
  APInt V = Num.zext(IntBits);
  if (Neg)
    V = -V;
  return getInt(APSInt(V, false));
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
  if (TK == Type::Interface || TK == Type::Invalid) {
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
      // Go (go/types) reports every failed float -> integer constant
      // conversion as truncated, even 1e100 or 300.0 -> uint8.
      ConstantValue IV = toIntExact();
      if (!IV.isValid()) {
        if (Truncated)
          *Truncated = true;
        return false;
      }
      if (TK == Type::UntypedInt || TK == Type::UntypedRune) {
        Result = std::move(IV);
        return true;
      }
      if (!intFits(IV.I, U->getBitWidth(), U->isUnsigned())) {
        if (Truncated && K == Float)
          *Truncated = true;
        return false;
      }
      Result = std::move(IV);
      return true;
    }
    if (TK == Type::UntypedFloat) {
      Result = toFloat();
      return Result.isValid();
    }
    // Rounded exactly once from the exact value.
    bool Ov = false;
    APFloat X = toAPFloat(TK == Type::Float32 ? APFloat::IEEEsingle()
                                              : APFloat::IEEEdouble(),
                          &Ov);
    if (Ov || !X.isFinite())
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
    ConstantValue A = L.toFloat(), B = R.toFloat();
    // go/constant: a ratVal meeting a floatVal is rounded to a float first,
    // and float arithmetic rounds its result.
    bool Inex = A.Inexact || B.Inexact;
    if (Inex) {
      if (!A.Num.isZero())
        roundToFallback(A.Num, A.Den);
      if (!B.Num.isZero())
        roundToFallback(B.Num, B.Den);
    }
    APInt N, D;
    bool Neg;
    switch (Op) {
    case tok::plus:
    case tok::minus: {
      APInt X = umul(A.Num, B.Den), Y = umul(B.Num, A.Den);
      bool NegY = Op == tok::minus ? !B.Neg : B.Neg;
      if (B.Num.isZero())
        NegY = false;
      if (A.Neg == NegY) {
        N = uadd(X, Y);
        Neg = A.Neg;
      } else if (ucmp(X, Y) >= 0) {
        N = usub(X, Y);
        Neg = A.Neg;
      } else {
        N = usub(Y, X);
        Neg = NegY;
      }
      D = umul(A.Den, B.Den);
      break;
    }
    case tok::star:
      N = umul(A.Num, B.Num);
      D = umul(A.Den, B.Den);
      Neg = A.Neg != B.Neg;
      break;
    case tok::slash:
      if (B.Num.isZero()) {
        DivByZero = true;
        return ConstantValue();
      }
      N = umul(A.Num, B.Den);
      D = umul(A.Den, B.Num);
      Neg = A.Neg != B.Neg;
      break;
    default:
      return ConstantValue();
    }
    ConstantValue Res = makeRat(Neg, N, D, Overflow, Inex);
    if (Overflow)
      return ConstantValue();
    return Res;
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
    ConstantValue A = L.toFloat(), B = R.toFloat();
    if (!A.isValid() || !B.isValid())
      return Op == tok::exclaimequal;
    if (A.Inexact || B.Inexact) {
      if (!A.Num.isZero())
        roundToFallback(A.Num, A.Den);
      if (!B.Num.isZero())
        roundToFallback(B.Num, B.Den);
    }
    int SA = A.Num.isZero() ? 0 : A.Neg ? -1 : 1;
    int SB = B.Num.isZero() ? 0 : B.Neg ? -1 : 1;
    if (SA != SB) {
      C = SA < SB ? -1 : 1;
    } else {
      C = ucmp(umul(A.Num, B.Den), umul(B.Num, A.Den));
      if (SA < 0)
        C = -C;
    }
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
      ConstantValue V = X;
      if (!V.Num.isZero()) {
        V.Neg = !V.Neg;
        V.F.changeSign();
      }
      return V;
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
    // go/constant's floatVal.String().
    bool Ov = false;
    APFloat D = toAPFloat(APFloat::IEEEdouble(), &Ov);
    if (!Ov && D.isZero() == Num.isZero()) {
      char Buf[64];
      // C prints exponents with at least two digits ("1e+100", "1e-07"),
      // as Go's %g does.
      snprintf(Buf, sizeof(Buf), "%.6g", D.convertToDouble());
      return Buf;
    }
    // Out of float64 range: Go's approximate decimal conversion.
    APInt Q;
    int64_t S;
    bool Sticky;
    divScaled(Num, Den, 53, Q, S, Sticky);
    unsigned QB = Q.getActiveBits();
    APFloat QF(APFloat::IEEEdouble());
    QF.convertFromAPInt(Q, false, APFloat::rmNearestTiesToEven);
    double M = std::ldexp(QF.convertToDouble(), -int(QB)); // [0.5, 1)
    int64_t Exp = int64_t(QB) - S;
    double Dec = double(Exp) * (std::log(2.0) / std::log(10.0));
    int64_t E = int64_t(Dec);
    M *= std::pow(10.0, Dec - double(E));
    if (std::fabs(M) < 1 - 0.5e-6) {
      M *= 10;
      --E;
    } else if (std::fabs(M) >= 10) {
      M /= 10;
      ++E;
    }
    if (Neg)
      M = -M;
    char Buf[96];
    snprintf(Buf, sizeof(Buf), "%.6ge%+lld", M, (long long)E);
    return Buf;
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
    return compare(tok::equalequal, *this, O);
  case String:
    return S == O.S;
  }
  return false;
}

llvm::hash_code gm::lang::hash_value(const ConstantValue &V) {
  switch (V.K) {
  case ConstantValue::None:
    return llvm::hash_value(0);
  case ConstantValue::Bool:
    return llvm::hash_combine(V.K, V.B);
  case ConstantValue::Int:
    if (V.I.getSignificantBits() <= 64)
      return llvm::hash_combine(V.K, V.I.getSExtValue());
    return llvm::hash_combine(V.K, llvm::hash_value(V.I));
  case ConstantValue::Float: {
    // Equal rationals round to the same double (and +0 and -0 both to
    // zero); hashing the rational's digits would depend on their widths.
    if (V.isZero())
      return llvm::hash_combine(V.K, 0);
    llvm::APFloat D = V.toAPFloat(llvm::APFloat::IEEEdouble());
    return llvm::hash_combine(V.K, D.bitcastToAPInt().getZExtValue());
  }
  case ConstantValue::String:
    return llvm::hash_combine(V.K, llvm::hash_value(V.S));
  }
  return llvm::hash_value(0);
}
