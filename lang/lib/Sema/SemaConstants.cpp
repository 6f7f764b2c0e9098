//===- SemaConstants.cpp - literals, untyped conversion, assignability ----===//
//
// Untyped values (constants, comparison results, non-constant shifts of
// untyped constants) keep an untyped type until their context decides it;
// convertUntyped then gives them their final type recursively, the way
// go/types' updateExprType does, and checks that constants are
// representable ("cannot use 300 (untyped int constant) as uint8 value in
// assignment (overflows)").
//
//===----------------------------------------------------------------------===//

#include "Sema.h"
#include "gm/lang/Lex/Lexer.h"

using namespace gm::lang;

void Sema::checkBasicLit(BasicLitExpr *E) {
  // Already reported by the lexer; Go's types2 skips a bad literal silently.
  if (E->isBad()) {
    setInvalid(E);
    return;
  }
  TypeContext &T = types();
  switch (E->getLitKind()) {
  case tok::int_literal: {
    llvm::APInt V;
    if (!Lexer::decodeInt(E->getText(), V) ||
        V.getActiveBits() > ConstantValue::MaxIntBits) {
      diag(E->getLoc(), diag::err_constant_overflow) << E->getText();
      setInvalid(E);
      return;
    }
    setConstant(E, T.getBasic(Type::UntypedInt),
                ConstantValue::getInt(llvm::APSInt(V, true)));
    return;
  }
  case tok::float_literal: {
    // Exact: Go's constant arithmetic has no rounding.
    ConstantValue V = ConstantValue::getFloatFromLiteral(E->getText());
    if (!V.isValid()) {
      diag(E->getLoc(), diag::err_constant_overflow) << E->getText();
      setInvalid(E);
      return;
    }
    setConstant(E, T.getBasic(Type::UntypedFloat), V);
    return;
  }
  case tok::rune_literal: {
    uint32_t C = 0;
    Lexer::decodeRune(E->getText(), C);
    setConstant(E, T.getBasic(Type::UntypedRune),
                ConstantValue::getInt(int64_t(C)));
    return;
  }
  case tok::string_literal: {
    std::string S;
    Lexer::decodeString(E->getText(), S);
    setConstant(E, T.getBasic(Type::UntypedString),
                ConstantValue::getString(std::move(S)));
    return;
  }
  default:
    setInvalid(E);
    return;
  }
}

ConstantValue Sema::toTypeRepr(const ConstantValue &V, Type *T) {
  ConstantValue R;
  if (V.representable(T, R))
    return R;
  return V;
}

bool Sema::checkConstResult(Expr *E) {
  Type *T = E->getType();
  if (T->isUntyped())
    return true;
  ConstantValue R;
  if (!E->getValue().representable(T, R)) {
    // Go: "c + 1 (constant 256 of type uint8) overflows uint8".
    diag(E->getLoc(), diag::err_constant_overflows)
        << exprString(E) << describe(E) << E->getTypeAsWritten();
    setInvalid(E);
    return false;
  }
  E->setValue(std::move(R));
  return true;
}

/// Sets the final type of an untyped expression tree.
static void updateType(Sema &S, Expr *E, Type *T) {
  Type *Old = E->getType();
  if (!Old || !Old->isUntyped())
    return;
  E->setType(T);
  if (E->isConstant()) {
    ConstantValue R;
    if (E->getValue().representable(T, R))
      E->setValue(std::move(R));
  }
  switch (E->getKind()) {
  case Expr::Paren:
    updateType(S, llvm::cast<ParenExpr>(E)->getInner(), T);
    return;
  case Expr::Unary:
    updateType(S, llvm::cast<UnaryExpr>(E)->getOperand(), T);
    return;
  case Expr::Binary: {
    auto *B = llvm::cast<BinaryExpr>(E);
    if (B->isComparison())
      return; // operands already have their own types
    updateType(S, B->getLHS(), T);
    if (!B->isShift())
      updateType(S, B->getRHS(), T);
    return;
  }
  default:
    return;
  }
}

/// Non-constant shifts whose untyped LHS became a non-integer type.
static bool checkShiftTypes(Sema &S, Expr *E) {
  E = skipParens(E);
  if (E->isConstant())
    return true;
  if (auto *U = llvm::dyn_cast<UnaryExpr>(E))
    return checkShiftTypes(S, U->getOperand());
  auto *B = llvm::dyn_cast<BinaryExpr>(E);
  if (!B || B->isComparison())
    return true;
  if (B->isShift()) {
    if (!B->getType()->isInteger()) {
      S.diag(B->getLoc(), diag::err_nonconstant_op)
          << (exprString(B) + " (shift of type " +
              typeString(B->getTypeAsWritten(), false) + ")");
      return false;
    }
    return true;
  }
  return checkShiftTypes(S, B->getLHS()) && checkShiftTypes(S, B->getRHS());
}

bool Sema::convertUntyped(Expr *E, Type *T, llvm::StringRef Context) {
  Type *ET = E->getType();
  if (!ET || !ET->isUntyped() || T->isInvalid())
    return true;
  if (T->isUntyped()) {
    // Untyped to untyped (mixing int and float constants).
    updateType(*this, E, T);
    if (E->isConstant() && T->getKind() == Type::UntypedFloat)
      E->setValue(E->getValue().toFloat());
    return true;
  }
  Type *TU = T->getUnderlying();
  if (ET->getKind() == Type::UntypedNil) {
    if (!hasNilValue(TU)) {
      if (Context.empty())
        diag(E->getLoc(), diag::err_cannot_convert_implicit)
            << "nil"
            << "untyped nil" << T;
      else
        diag(E->getLoc(), diag::err_cannot_use_nil) << T << Context;
      setInvalid(E);
      return false;
    }
    E->setType(T);
    return true;
  }
  if (auto *I = llvm::dyn_cast<InterfaceType>(TU)) {
    // The constant takes its default type, which then converts (assignTo
    // wraps it); only the empty interface accepts a basic type.
    if (!I->isEmpty() && !Context.empty()) {
      // Go describes the constant by its default type here.
      if (!defaultConvert(E, Context))
        return false;
      Type *D = E->getType();
      MissingMethod MM = findMissingMethod(D, I);
      Operand O = operand(E);
      diag(E->getLoc(), diag::err_cannot_use_reason)
          << O.Text << O.Desc << T << Context << missingMethodReason(D, T, MM);
      setInvalid(E);
      return false;
    }
    return defaultConvert(E, Context);
  }
  if (E->isConstant()) {
    ConstantValue R;
    bool Truncated = false;
    bool KindOK = (ET->isNumeric() && TU->isNumeric()) ||
                  (ET->isString() && TU->isString()) ||
                  (ET->isBoolean() && TU->isBoolean());
    if (!KindOK || !E->getValue().representable(T, R, &Truncated)) {
      Operand O = operand(E);
      if (!KindOK) {
        if (Context.empty())
          diag(E->getLoc(), diag::err_cannot_convert_implicit)
              << O.Text << O.Desc << T;
        else
          diag(E->getLoc(), diag::err_cannot_use_const)
              << O.Text << O.Desc << T << Context << "";
      } else if (Context.empty()) {
        diag(E->getLoc(), Truncated ? diag::err_constant_truncated
                                    : diag::err_constant_overflows)
            << O.Text << O.Desc << T;
      } else {
        diag(E->getLoc(), diag::err_cannot_use_const)
            << O.Text << O.Desc << T << Context
            << (Truncated ? " (truncated)" : " (overflows)");
      }
      setInvalid(E);
      return false;
    }
    updateType(*this, E, T);
    E->setValue(std::move(R));
    return true;
  }
  // Non-constant untyped values: bool results and shifts.
  bool KindOK = (ET->isNumeric() && TU->isNumeric()) ||
                (ET->isBoolean() && TU->isBoolean());
  if (!KindOK) {
    Operand O = operand(E);
    if (Context.empty())
      diag(E->getLoc(), diag::err_cannot_convert_implicit)
          << O.Text << O.Desc << T;
    else
      diag(E->getLoc(), diag::err_cannot_use)
          << O.Text << O.Desc << T << Context;
    setInvalid(E);
    return false;
  }
  updateType(*this, E, T);
  if (!checkShiftTypes(*this, E)) {
    setInvalid(E);
    return false;
  }
  return true;
}

bool Sema::defaultConvert(Expr *E, llvm::StringRef Context) {
  Type *T = E->getType();
  if (!T || !T->isUntyped())
    return true;
  if (T->getKind() == Type::UntypedNil) {
    diag(E->getLoc(), diag::err_use_of_untyped_nil)
        << (Context.empty() ? "assignment" : Context.str());
    setInvalid(E);
    return false;
  }
  // An untyped rune defaults to rune, as Go's messages name it.
  return convertUntyped(E,
                        T->getKind() == Type::UntypedRune
                            ? types().getRuneType()
                            : defaultType(types(), T),
                        Context);
}

Expr *Sema::convertToInterface(Expr *E, Type *T) {
  if (E->getMode() == Expr::Invalid || !T->isInterface() ||
      isIdentical(E->getType(), T))
    return E;
  auto *C = CU.create<ImplicitConvExpr>(E);
  C->setMode(Expr::Value);
  C->setType(T->getCanonical());
  return C;
}

std::string Sema::missingMethodReason(const Type *V, const Type *I,
                                      const MissingMethod &MM) {
  return typeString(V, false) + " does not implement " + typeString(I, false) +
         " " + missingMethodDetail(MM);
}

std::string Sema::missingMethodDetail(const MissingMethod &MM) {
  std::string Why = "(";
  const std::string &Name = MM.Want->Name;
  switch (MM.K) {
  case MissingMethod::PointerReceiver:
    return Why + Name + " method has pointer receiver)";
  case MissingMethod::WrongType: {
    // "have M(int)\n\t\twant M()": the signatures without "func".
    auto Sig = [&](const Type *S) {
      return Name + llvm::StringRef(typeString(S, false)).drop_front(4).str();
    };
    return Why + "wrong type for " + Name + " method)\n\t\thave " +
           Sig(MM.Have) + "\n\t\twant " + Sig(MM.Want->SigAsWritten);
  }
  default:
    return Why + "missing " + Name + " method)";
  }
}

bool Sema::assignTo(Expr *&E, Type *T, llvm::StringRef Context) {
  if (E->getMode() == Expr::Invalid || T->isInvalid())
    return false;
  Type *ET = E->getType();
  if (ET->isUntyped()) {
    if (ET->getKind() == Type::UntypedNil) {
      Type *TU = T->getUnderlying();
      if (!hasNilValue(TU)) {
        // Go: "cannot use nil as int value in variable declaration".
        diag(E->getLoc(), diag::err_cannot_use_nil) << T << Context;
        setInvalid(E);
        return false;
      }
      E->setType(T);
      return true;
    }
    if (!convertUntyped(E, T, Context))
      return false;
    E = convertToInterface(E, T);
    return true;
  }
  if (!isAssignableTo(ET, T)) {
    if (auto *I = llvm::dyn_cast<InterfaceType>(T->getUnderlying())) {
      diag(E->getLoc(), diag::err_cannot_use_reason)
          << exprString(E) << describe(E) << T << Context
          << missingMethodReason(ET, T, findMissingMethod(ET, I));
    } else if (ET->isInterface() && !T->isInterface() &&
               implements(T, llvm::cast<InterfaceType>(ET->getUnderlying()))) {
      diag(E->getLoc(), diag::err_cannot_use_reason)
          << exprString(E) << describe(E) << T << Context
          << "need type assertion";
    } else {
      diag(E->getLoc(), diag::err_cannot_use)
          << exprString(E) << describe(E) << T << Context;
    }
    setInvalid(E);
    return false;
  }
  E = convertToInterface(E, T);
  return true;
}
