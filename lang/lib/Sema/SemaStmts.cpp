//===- SemaStmts.cpp - statements -----------------------------------------===//
//
// Statement checking: scopes for blocks and control-clause headers, the
// assignment forms (plain, :=, op=, comma-ok, multi-value), labels and
// break/continue targets, fallthrough placement, and Go's "terminating
// statement" analysis behind `missing return`.
//
//===----------------------------------------------------------------------===//

#include "ConstantSet.h"
#include "Sema.h"
#include <algorithm>
#include <functional>

using namespace gm::lang;

/// The builtins whose call may stand as a statement, and so be deferred:
/// those without a result, and recover.
static bool isStatementBuiltin(BuiltinKind K) {
  switch (K) {
  case BuiltinKind::Copy:
  case BuiltinKind::Delete:
  case BuiltinKind::Clear:
  case BuiltinKind::Close:
  case BuiltinKind::Panic:
  case BuiltinKind::Print:
  case BuiltinKind::Println:
  case BuiltinKind::Recover:
    return true;
  default:
    return false;
  }
}

/// The receive `<-c` that E is (parentheses aside), else null.
static UnaryExpr *asReceive(Expr *E) {
  auto *U = llvm::dyn_cast<UnaryExpr>(skipParens(E));
  return U && U->isReceive() ? U : nullptr;
}

void Sema::checkBlock(BlockStmt *B, bool NewScope) {
  if (NewScope)
    pushScope(Scope::Block);
  checkStmtList(B->body());
  if (NewScope)
    popScope();
}

void Sema::checkStmtList(std::vector<Stmt *> &List) {
  for (Stmt *S : List)
    checkStmt(S);
}

void Sema::checkCondition(Expr *&Cond, const char *What) {
  if (!Cond || llvm::isa<BadExpr>(Cond))
    return;
  if (!checkValue(Cond))
    return;
  if (!Cond->getType()->isBoolean()) {
    diag(Cond->getLoc(), diag::err_non_bool_condition) << What;
    return;
  }
  defaultConvert(Cond);
}

void Sema::checkStmt(Stmt *S) {
  switch (S->getKind()) {
  case Stmt::BadS:
  case Stmt::Empty:
    return;
  case Stmt::ExprS: {
    auto *ES = llvm::cast<ExprStmt>(S);
    Expr *E = ES->getExpr();
    checkExpr(E);
    if (E->getMode() == Expr::Invalid)
      return;
    auto *C = llvm::dyn_cast<CallExpr>(skipParens(E));
    bool IsCall = C && C->getCallKind() != CallExpr::Conversion;
    if (IsCall && C->getCallKind() == CallExpr::Builtin)
      IsCall = isStatementBuiltin(C->getBuiltin());
    if (asReceive(E))
      IsCall = true; // `<-c` may stand as a statement
    if (!IsCall) {
      if (E->getMode() == Expr::TypeExpr)
        diag(E->getLoc(), diag::err_expr_not_used_as_value)
            << (exprString(E) + " (type)");
      else
        diag(E->getLoc(), diag::err_expr_not_used_as_value)
            << (exprString(E) + " (" + describe(E) + ")");
      return;
    }
    // A call's results may be discarded; untyped parts need no type.
    return;
  }
  case Stmt::DeclS:
    checkDeclStmt(llvm::cast<DeclStmt>(S));
    return;
  case Stmt::Defer:
  case Stmt::Go:
    checkCallStmt(llvm::cast<CallStmt>(S));
    return;
  case Stmt::Send:
    checkSend(llvm::cast<SendStmt>(S));
    return;
  case Stmt::Select:
    checkSelect(llvm::cast<SelectStmt>(S));
    return;
  case Stmt::Assign: {
    auto *A = llvm::cast<AssignStmt>(S);
    if (A->isDefine())
      checkDefine(A);
    else if (A->getAssignTok() == tok::equal)
      checkAssign(A);
    else
      checkOpAssign(A);
    return;
  }
  case Stmt::IncDec:
    checkIncDec(llvm::cast<IncDecStmt>(S));
    return;
  case Stmt::Block:
    checkBlock(llvm::cast<BlockStmt>(S));
    return;
  case Stmt::If:
    checkIf(llvm::cast<IfStmt>(S));
    return;
  case Stmt::For:
    checkFor(llvm::cast<ForStmt>(S));
    return;
  case Stmt::Range:
    checkRange(llvm::cast<RangeStmt>(S));
    return;
  case Stmt::Switch:
    checkSwitch(llvm::cast<SwitchStmt>(S));
    return;
  case Stmt::Return:
    checkReturn(llvm::cast<ReturnStmt>(S));
    return;
  case Stmt::Branch:
    checkBranch(llvm::cast<BranchStmt>(S));
    return;
  case Stmt::Labeled: {
    auto *L = llvm::cast<LabeledStmt>(S);
    if (L->getLabel() != "_") {
      auto It = Labels.find(L->getLabel());
      if (It != Labels.end())
        diag(L->getLoc(), diag::err_label_redefined) << L->getLabel();
      else
        Labels[L->getLabel()] = {L, false};
    }
    if (llvm::isa<ForStmt, RangeStmt, SwitchStmt, SelectStmt>(L->getStmt()))
      PendingLabel = L->getLabel();
    checkStmt(L->getStmt());
    PendingLabel = "";
    return;
  }
  }
}

void Sema::checkDeclStmt(DeclStmt *S) {
  for (Decl *D : S->otherDecls()) {
    if (auto *C = llvm::dyn_cast<ConstDecl>(D)) {
      checkConstDecl(C);
      declare(C, C->getLoc());
      // Go does not report unused local constants.
    } else if (auto *T = llvm::dyn_cast<TypeDecl>(D)) {
      // Declared first so the type can refer to itself.
      if (!T->isAlias()) {
        T->setPackage(&CurPkg);
        NamedType *N = types().createNamed(T->getName(), T);
        T->setType(N);
        CU.NamedTypes.push_back(N);
        declare(T, T->getLoc());
        // In progress like a package-level type, so that a direct reference
        // to itself is an invalid recursive type.
        States[T] = State::InProgress;
        ResolveStack.push_back({T, false});
        Type *U = resolveTypeAsWritten(T->getTypeSyntax());
        ResolveStack.pop_back();
        States[T] = State::Done;
        N->setUnderlying(U->getUnderlyingAsWritten()
                             ? U->getUnderlyingAsWritten()
                             : invalid());
        checkDelayedMapKeys();
      } else {
        T->setType(resolveTypeAsWritten(T->getTypeSyntax()));
        declare(T, T->getLoc());
      }
    }
  }
  for (VarSpec *VS : S->varSpecs())
    checkLocalVarSpec(VS);
}

void Sema::checkLocalVarSpec(VarSpec *S) {
  checkVarSpec(S);
  for (VarDecl *V : S->names()) {
    V->setVarKind(VarDecl::Local);
    declare(V, V->getLoc());
    LocalVars.push_back(V);
  }
}

bool Sema::checkAssignable(Expr *E) {
  Expr *Inner = skipParens(E);
  if (auto *I = llvm::dyn_cast<IdentExpr>(Inner)) {
    if (I->isBlank()) {
      I->setMode(Expr::Value);
      return true;
    }
    checkIdent(I, /*MarkUsed=*/false);
    if (Inner != E) {
      E->setMode(Inner->getMode());
      E->setType(Inner->getTypeAsWritten());
    }
  } else {
    checkExpr(E);
  }
  if (E->getMode() == Expr::Invalid)
    return false;
  if (E->getMode() == Expr::Builtin) { // new = 1: Go 1.19's message
    diag(E->getLoc(), diag::err_builtin_not_called) << exprString(E);
    return false;
  }
  if (auto *IE = llvm::dyn_cast<IndexExpr>(Inner))
    if (IE->isMapIndex())
      return true;
  if (E->getMode() == Expr::Value && isAddressable(Inner))
    return true;
  // Go: "cannot assign to struct field m["a"].X in map".
  if (auto *Sel = llvm::dyn_cast<SelectorExpr>(Inner)) {
    Expr *B = skipParens(Sel->getBase());
    bool ViaPointer = false;
    for (const FieldStep &St : Sel->path())
      ViaPointer |= St.Deref;
    auto *BI = llvm::dyn_cast<IndexExpr>(B);
    while (!ViaPointer && !BI && llvm::isa<SelectorExpr>(B)) {
      auto *S2 = llvm::cast<SelectorExpr>(B);
      for (const FieldStep &St : S2->path())
        ViaPointer |= St.Deref;
      B = skipParens(S2->getBase());
      BI = llvm::dyn_cast<IndexExpr>(B);
    }
    if (!ViaPointer && BI && BI->isMapIndex()) {
      diag(E->getLoc(), diag::err_cannot_assign_struct_field_in_map)
          << exprString(E);
      return false;
    }
  }
  // Go: "cannot assign to s[0] (value of type byte)".
  diag(E->getLoc(), diag::err_cannot_assign_desc)
      << exprString(E) << describe(E);
  return false;
}

static AssignStmt::Form commaOkForm(Expr *R) {
  if (asReceive(R))
    return AssignStmt::CommaOkRecv;
  return llvm::isa<TypeAssertExpr>(skipParens(R)) ? AssignStmt::CommaOkAssert
                                                  : AssignStmt::CommaOkMap;
}

/// Types of the RHS of an N-to-1 assignment: a tuple call or a comma-ok map
/// index. Returns false (after reporting) on a mismatch.
static bool rhsTypes(Sema &S, std::vector<Expr *> &LHS, Expr *R,
                     std::vector<Type *> &Out, bool &CommaOk) {
  CommaOk = false;
  auto *TA = llvm::dyn_cast<TypeAssertExpr>(skipParens(R));
  if (TA && LHS.size() == 2)
    TA->setCommaOk();
  UnaryExpr *Recv = asReceive(R);
  if (Recv && LHS.size() == 2)
    Recv->setCommaOk();
  if (!S.checkValueOrTuple(R))
    return false;
  auto *IE = llvm::dyn_cast<IndexExpr>(skipParens(R));
  if (LHS.size() == 2 && ((IE && IE->isMapIndex()) || TA || Recv)) {
    CommaOk = true;
    Out = {R->getTypeAsWritten(), S.types().getBasic(Type::UntypedBool)};
    return true;
  }
  auto *Tu = llvm::dyn_cast<TupleType>(R->getTypeAsWritten());
  unsigned N = Tu ? Tu->size() : 1;
  if (N != LHS.size()) {
    if (auto *C = llvm::dyn_cast<CallExpr>(skipParens(R)))
      S.diag(R->getLoc(), diag::err_assign_mismatch_call)
          << unsigned(LHS.size()) << (LHS.size() == 1 ? "" : "s")
          << exprString(C->getCallee()) << N << (N == 1 ? "" : "s");
    else
      S.diag(R->getLoc(), diag::err_assign_mismatch)
          << unsigned(LHS.size()) << (LHS.size() == 1 ? "" : "s") << N
          << (N == 1 ? "" : "s");
    return false;
  }
  Out.assign(Tu->getElements().begin(), Tu->getElements().end());
  return true;
}

void Sema::checkAssign(AssignStmt *S) {
  auto &L = S->lhs();
  auto &R = S->rhs();
  if (R.size() == 1 && L.size() > 1) {
    std::vector<Type *> Types;
    bool CommaOk;
    bool OK = rhsTypes(*this, L, R[0], Types, CommaOk);
    for (size_t I = 0; I < L.size(); ++I) {
      if (!checkAssignable(L[I]) || !OK)
        continue;
      bool Blank = llvm::isa<IdentExpr>(skipParens(L[I])) &&
                   llvm::cast<IdentExpr>(skipParens(L[I]))->isBlank();
      if (Blank)
        continue;
      Type *LT = L[I]->getTypeAsWritten();
      if (!isAssignableTo(Types[I], LT)) {
        diag(R[0]->getLoc(), diag::err_cannot_use)
            << exprString(R[0])
            << ("value of type " + typeString(Types[I], false)) << LT
            << "assignment";
      }
    }
    if (OK && CommaOk) {
      S->setForm(commaOkForm(R[0]));
      // The value converts like a plain assignment (same type by Go's
      // rules: the map's value type must be assignable).
      Expr *V0 = skipParens(L[0]);
      if (!(llvm::isa<IdentExpr>(V0) && llvm::cast<IdentExpr>(V0)->isBlank()) &&
          L[0]->getType() && R[0]->getType() != L[0]->getType() &&
          !isAssignableTo(R[0]->getType(), L[0]->getType()))
        ; // already reported
    } else if (OK) {
      S->setForm(AssignStmt::MultiValue);
    }
    return;
  }
  if (L.size() != R.size()) {
    for (Expr *E : R)
      checkExpr(E);
    diag(R[0]->getLoc(), diag::err_assign_mismatch)
        << unsigned(L.size()) << (L.size() == 1 ? "" : "s")
        << unsigned(R.size()) << (R.size() == 1 ? "" : "s");
    return;
  }
  S->setForm(AssignStmt::Plain);
  for (size_t I = 0; I < L.size(); ++I) {
    bool LOK = checkAssignable(L[I]);
    Expr *LI = skipParens(L[I]);
    bool Blank =
        llvm::isa<IdentExpr>(LI) && llvm::cast<IdentExpr>(LI)->isBlank();
    InSingleAssign = L.size() == 1;
    bool ROK = checkValue(R[I], LOK && !Blank ? L[I]->getType() : nullptr);
    InSingleAssign = false;
    if (!ROK)
      continue;
    if (Blank) {
      if (R[I]->getType()->getKind() == Type::UntypedNil) {
        diag(R[I]->getLoc(), diag::err_use_of_untyped_nil)
            << "assignment to _ identifier";
        continue;
      }
      defaultConvert(R[I], "assignment to _ identifier");
      L[I]->setType(R[I]->getTypeAsWritten());
      continue;
    }
    if (LOK)
      assignTo(R[I], L[I]->getTypeAsWritten(), "assignment");
  }
}

void Sema::checkDefine(AssignStmt *S) {
  auto &L = S->lhs();
  auto &R = S->rhs();
  // The RHS is checked before the new variables come into scope.
  std::vector<Type *> Types;
  bool OK = true, CommaOk = false;
  if (R.size() == 1 && L.size() > 1) {
    OK = rhsTypes(*this, L, R[0], Types, CommaOk);
    if (OK)
      S->setForm(CommaOk ? commaOkForm(R[0]) : AssignStmt::MultiValue);
    if (OK && CommaOk) {
      defaultConvert(R[0]);
      Types[0] = R[0]->getTypeAsWritten();
      Types[1] = types().getBoolType();
    }
  } else if (L.size() != R.size()) {
    for (Expr *E : R)
      checkExpr(E);
    diag(R[0]->getLoc(), diag::err_assign_mismatch)
        << unsigned(L.size()) << (L.size() == 1 ? "" : "s")
        << unsigned(R.size()) << (R.size() == 1 ? "" : "s");
    OK = false;
  } else {
    S->setForm(AssignStmt::Plain);
    for (size_t I = 0; I < R.size(); ++I) {
      InSingleAssign = R.size() == 1;
      bool ROK = checkValue(R[I]);
      InSingleAssign = false;
      if (!ROK) {
        Types.push_back(invalid());
        continue;
      }
      Types.push_back(R[I]->getTypeAsWritten());
    }
  }
  // Declare or reuse each name.
  bool AnyNew = false;
  llvm::StringMap<bool> Seen;
  S->newVars().assign(L.size(), nullptr);
  std::vector<VarDecl *> ToDeclare;
  for (size_t I = 0; I < L.size(); ++I) {
    auto *Id = llvm::dyn_cast<IdentExpr>(L[I]);
    if (!Id) {
      diag(L[I]->getLoc(), diag::err_non_name_define) << exprString(L[I]);
      checkExpr(L[I]);
      OK = false;
      continue;
    }
    Type *RT = OK && I < Types.size() ? Types[I] : invalid();
    if (Id->isBlank()) {
      Id->setMode(Expr::Value);
      if (RT->isUntyped() && RT->getKind() != Type::UntypedNil &&
          L.size() == R.size())
        defaultConvert(R[I]);
      Id->setType(L.size() == R.size() ? R[I]->getTypeAsWritten() : RT);
      continue;
    }
    if (Seen.count(Id->getName())) {
      diag(Id->getLoc(), diag::err_repeated_define) << Id->getName();
      OK = false;
      continue;
    }
    Seen[Id->getName()] = true;
    if (Decl *Prev = Cur->lookupLocal(Id->getName())) {
      // Reuse: a plain assignment to the existing variable.
      Id->setDecl(Prev);
      auto *PV = llvm::dyn_cast<VarDecl>(Prev);
      if (!PV) {
        diag(Id->getLoc(), diag::err_cannot_assign_desc)
            << Id->getName()
            << "neither addressable nor a map index expression";
        continue;
      }
      Id->setMode(Expr::Value);
      Id->setType(PV->getTypeAsWritten());
      if (OK && L.size() == R.size())
        assignTo(R[I], PV->getTypeAsWritten(), "assignment");
      else if (OK && !isAssignableTo(RT, PV->getType()))
        diag(R[0]->getLoc(), diag::err_cannot_use)
            << exprString(R[0]) << ("value of type " + typeString(RT, false))
            << PV->getTypeAsWritten() << "assignment";
      continue;
    }
    AnyNew = true;
    auto *V = CU.create<VarDecl>(Id->getLoc(), Id->getName(), VarDecl::Local);
    if (OK && L.size() == R.size() && R[I]->getMode() != Expr::Invalid) {
      if (R[I]->getType()->getKind() == Type::UntypedNil) {
        diag(R[I]->getLoc(), diag::err_use_of_untyped_nil) << "assignment";
        RT = invalid();
      } else {
        defaultConvert(R[I], "assignment");
        RT = R[I]->getTypeAsWritten();
      }
    }
    V->setType(RT);
    Id->setDecl(V);
    Id->setMode(Expr::Value);
    Id->setType(RT);
    S->newVars()[I] = V;
    ToDeclare.push_back(V);
  }
  if (!AnyNew && OK)
    diag(S->getLoc(), diag::err_no_new_vars);
  // After an error on the right, Go does not also report the new names as
  // unused.
  bool RHSBad = !OK;
  for (Expr *E : R)
    RHSBad |= E->getMode() == Expr::Invalid;
  if (RHSBad)
    for (VarDecl *V : ToDeclare)
      V->setUsed();
  for (VarDecl *V : ToDeclare) {
    Cur->insert(V->getName(), V);
    LocalVars.push_back(V);
  }
}

/// `_ op= x` and `_++` read _, which has no value.
static bool isBlankIdent(const Expr *E) {
  auto *I = llvm::dyn_cast<IdentExpr>(skipParens(E));
  return I && I->isBlank();
}

void Sema::checkOpAssign(AssignStmt *S) {
  S->setForm(AssignStmt::OpAssign);
  Expr *L = S->lhs()[0];
  Expr *R = S->rhs()[0];
  if (isBlankIdent(L)) {
    diag(L->getLoc(), diag::err_use_of_blank);
    setInvalid(L);
    checkExpr(R);
    return;
  }
  if (!checkAssignable(L)) {
    checkExpr(R);
    return;
  }
  // Op-assign reads x: it counts as a use.
  if (auto *I = llvm::dyn_cast<IdentExpr>(skipParens(L)))
    if (I->getDecl())
      I->getDecl()->setUsed();
  if (!checkValue(R))
    return;
  tok::TokenKind Op = S->getOp();
  Type *LT = L->getType();
  if (Op == tok::shl || Op == tok::shr) {
    if (!LT->isInteger()) {
      diag(L->getLoc(), diag::err_shift_of_non_integer)
          << exprString(L) << describe(L);
      return;
    }
    if (R->isConstant()) {
      ConstantValue IV = R->getValue().toIntExact();
      if (!IV.isValid() || IV.getInt().isNegative()) {
        diag(R->getLoc(), IV.isValid() ? diag::err_negative_shift_count
                                       : diag::err_invalid_shift_count)
            << exprString(R) << describe(R);
        return;
      }
      if (R->getType()->isUntyped())
        convertUntyped(R, types().getBasic(Type::Uint));
    } else if (!R->getType()->isInteger()) {
      diag(R->getLoc(), diag::err_invalid_shift_count)
          << exprString(R) << describe(R);
    }
    return;
  }
  if (R->getType()->isUntyped()) {
    if (!convertUntyped(R, L->getTypeAsWritten()))
      return;
  }
  if (R->getType() != LT) {
    diag(L->getLoc(), diag::err_mismatched_types)
        << (exprString(L) + " " + tok::getSpelling(S->getAssignTok()).str() +
            " " + exprString(R))
        << L->getTypeAsWritten() << R->getTypeAsWritten();
    return;
  }
  bool Defined = false;
  switch (Op) {
  case tok::plus:
    Defined = LT->isNumeric() || LT->isString();
    break;
  case tok::minus:
  case tok::star:
  case tok::slash:
    Defined = LT->isNumeric();
    break;
  default:
    Defined = LT->isInteger();
  }
  if (!Defined) {
    diag(L->getLoc(), diag::err_operator_not_defined)
        << tok::getSpelling(Op) << exprString(L) << describe(L);
    return;
  }
  if ((Op == tok::slash || Op == tok::percent) && R->isConstant() &&
      LT->isInteger() && R->getValue().isInt() &&
      R->getValue().getInt().isZero())
    diag(R->getLoc(), diag::err_division_by_zero);
}

void Sema::checkIncDec(IncDecStmt *S) {
  Expr *X = S->getExpr();
  if (isBlankIdent(X)) {
    diag(X->getLoc(), diag::err_use_of_blank);
    setInvalid(X);
    return;
  }
  if (!checkAssignable(X))
    return;
  if (auto *I = llvm::dyn_cast<IdentExpr>(skipParens(X)))
    if (I->getDecl())
      I->getDecl()->setUsed();
  if (!X->getType()->isNumeric())
    diag(X->getLoc(), diag::err_incdec_non_numeric)
        << exprString(X) << (S->isInc() ? "++" : "--") << X->getTypeAsWritten();
}

void Sema::checkIf(IfStmt *S) {
  pushScope(Scope::Block);
  if (S->getInit())
    checkStmt(S->getInit());
  Expr *C = S->getCond();
  checkCondition(C, "if");
  checkBlock(S->getThen());
  if (S->getElse())
    checkStmt(S->getElse());
  popScope();
}

void Sema::checkFor(ForStmt *S) {
  pushScope(Scope::Block);
  llvm::StringRef Label = PendingLabel;
  PendingLabel = "";
  if (S->getInit())
    checkStmt(S->getInit());
  if (S->getCond()) {
    Expr *C = S->getCond();
    checkCondition(C, "for");
  }
  if (S->getPost())
    checkStmt(S->getPost());
  Breakables.push_back({S, Label, true});
  checkBlock(S->getBody());
  Breakables.pop_back();
  popScope();
}

void Sema::checkRange(RangeStmt *S) {
  llvm::StringRef Label = PendingLabel;
  PendingLabel = "";
  pushScope(Scope::Block);
  Expr *X = S->getRangeExpr();
  Type *KT = nullptr, *VT = nullptr;
  if (checkValue(X)) {
    // Iteration variable types as written (byte, rune) for messages.
    Type *T = X->getTypeAsWritten();
    Type *U = T->getUnderlyingAsWritten();
    if (U->isInteger()) {
      if (T->isUntyped()) {
        if (!X->isConstant() || !convertUntyped(X, types().getIntType()))
          goto bad;
        T = X->getTypeAsWritten();
      }
      if (S->getValue()) {
        diag(S->getValue()->getLoc(), diag::err_range_int_two_vars)
            << (exprString(X) + " (" + describe(X) + ")");
        goto bad;
      }
      S->setRangeKind(RangeStmt::Int);
      KT = T;
    } else if (U->isString()) {
      if (T->isUntyped())
        convertUntyped(X, types().getStringType());
      S->setRangeKind(RangeStmt::String);
      KT = types().getIntType();
      VT = types().getRuneType();
    } else if (auto *A = llvm::dyn_cast<ArrayType>(U)) {
      S->setRangeKind(RangeStmt::Array);
      KT = types().getIntType();
      VT = A->getElement();
    } else if (auto *Sl = llvm::dyn_cast<SliceType>(U)) {
      S->setRangeKind(RangeStmt::Slice);
      KT = types().getIntType();
      VT = Sl->getElement();
    } else if (auto *M = llvm::dyn_cast<MapType>(U)) {
      S->setRangeKind(RangeStmt::Map);
      KT = M->getKey();
      VT = M->getValue();
    } else if (auto *C = llvm::dyn_cast<ChanType>(U)) {
      if (!C->canRecv()) {
        diag(X->getLoc(), diag::err_range_send_only)
            << exprString(X) << describe(X);
        goto bad;
      }
      if (S->getValue()) {
        diag(S->getValue()->getLoc(), diag::err_range_int_two_vars)
            << (exprString(X) + " (" + describe(X) + ")");
        goto bad;
      }
      S->setRangeKind(RangeStmt::Chan);
      KT = C->getElement();
    } else if (auto *P = llvm::dyn_cast<PointerType>(U)) {
      if (auto *A = llvm::dyn_cast<ArrayType>(
              P->getElement()->getUnderlyingAsWritten())) {
        S->setRangeKind(RangeStmt::PointerToArray);
        KT = types().getIntType();
        VT = A->getElement();
      }
    }
    if (!KT) {
      diag(X->getLoc(), diag::err_range_over) << exprString(X) << describe(X);
      goto bad;
    }
    // Go reports this only for a valid range, and goes on.
    if (S->getExtra())
      diag(S->getExtra()->getLoc(), diag::err_too_many_range_vars);
  } else {
  bad:
    KT = VT = invalid();
  }
  {
    Expr *Vars[2] = {S->getKey(), S->getValue()};
    Type *VarTys[2] = {KT, VT ? VT : invalid()};
    if (S->isDefine()) {
      std::vector<VarDecl *> New;
      for (int I = 0; I < 2; ++I) {
        if (!Vars[I])
          continue;
        auto *Id = llvm::dyn_cast<IdentExpr>(Vars[I]);
        if (!Id) {
          diag(Vars[I]->getLoc(), diag::err_non_name_define)
              << exprString(Vars[I]);
          continue;
        }
        Id->setMode(Expr::Value);
        Id->setType(VarTys[I]);
        if (Id->isBlank())
          continue;
        auto *V =
            CU.create<VarDecl>(Id->getLoc(), Id->getName(), VarDecl::Local);
        V->setType(VarTys[I]);
        // After an error in the range expression, Go does not also report
        // the variables as unused.
        if (VarTys[I]->isInvalid())
          V->setUsed();
        Id->setDecl(V);
        if (I == 0)
          S->setKeyVar(V);
        else
          S->setValueVar(V);
        New.push_back(V);
      }
      for (VarDecl *V : New) {
        declare(V, V->getLoc());
        LocalVars.push_back(V);
      }
    } else if (S->getAssignTok() == tok::equal) {
      for (int I = 0; I < 2; ++I) {
        if (!Vars[I])
          continue;
        if (!checkAssignable(Vars[I]))
          continue;
        auto *Id = llvm::dyn_cast<IdentExpr>(skipParens(Vars[I]));
        if (Id && Id->isBlank())
          continue;
        if (!VarTys[I]->isInvalid() &&
            !isAssignableTo(VarTys[I], Vars[I]->getType()))
          diag(Vars[I]->getLoc(), diag::err_cannot_use)
              << exprString(Vars[I])
              << ("value of type " + typeString(VarTys[I], false))
              << Vars[I]->getTypeAsWritten() << "range";
      }
    }
  }
  Breakables.push_back({S, Label, true});
  checkBlock(S->getBody());
  Breakables.pop_back();
  popScope();
}

void Sema::checkTypeSwitch(SwitchStmt *S, llvm::StringRef Label) {
  pushScope(Scope::Block);
  if (S->getInit())
    checkStmt(S->getInit());
  auto *Guard = llvm::cast<TypeAssertExpr>(S->getTag());
  // `switch _ := x.(type)` declares nothing: Go's wording, singular here.
  if (S->getBindName() == "_")
    diag(S->getBindLoc(), diag::err_no_new_var_type_switch);
  Expr *X = Guard->getX();
  bool XOK = checkValue(X);
  if (XOK && !X->getType()->isInterface()) {
    diag(X->getLoc(), diag::err_not_an_interface)
        << exprString(X) << describe(X);
    XOK = false;
  }
  Type *XT = XOK ? X->getTypeAsWritten() : invalid();
  Guard->setMode(XOK ? Expr::Value : Expr::Invalid);
  Guard->setType(XT);
  bool SeenDefault = false, BindUsed = false;
  llvm::DenseMap<Type *, Expr *> Seen; // canonical type (null: nil) -> case
  Breakables.push_back({S, Label, false});
  for (CaseClause &C : S->clauses()) {
    if (C.IsDefault) {
      if (SeenDefault)
        diag(C.Loc, diag::err_multiple_defaults);
      SeenDefault = true;
    }
    C.Types.clear();
    for (Expr *V : C.Values) {
      Type *T = nullptr;
      if (auto *Id = llvm::dyn_cast<IdentExpr>(skipParens(V));
          Id && Cur->lookup(Id->getName()) == NilD) {
        checkExpr(V);
      } else {
        T = resolveTypeAsWritten(V);
        if (T->isInvalid()) {
          C.Types.push_back(invalid());
          continue;
        }
        // An instance's cases and assertions were written with type
        // parameters: Go checks them on the generic body, not per instance.
        bool InInstance = CurFunc && CurFunc->isInstance();
        if (XOK && !T->isInterface() && !InInstance)
          if (MissingMethod MM = findMissingMethod(
                  T, llvm::cast<InterfaceType>(XT->getUnderlying())))
            diag(V->getLoc(), diag::err_impossible_type_switch_case)
                << typeString(T, false)
                << (exprString(X) + " (" + describe(X) +
                    ") cannot have dynamic type " + typeString(T, false) + " " +
                    missingMethodDetail(MM));
      }
      auto [Earlier, New] = Seen.insert({T ? T->getCanonical() : nullptr, V});
      if (!New && !(CurFunc && CurFunc->isInstance())) {
        diag(V->getLoc(), diag::err_duplicate_type_case)
            << (T ? typeString(T, false) : std::string("nil"));
        diag(Earlier->second->getLoc(), diag::note_previous_case);
      }
      C.Types.push_back(T ? T->getCanonical() : nullptr);
    }
    pushScope(Scope::Block);
    if (!S->getBindName().empty()) {
      // One variable per clause: of the case's type when it lists exactly
      // one type, else of x's type.
      Type *VT = C.Types.size() == 1 && C.Types[0]
                     ? C.Values[0]->getTypeAsWritten()
                     : XT;
      if (C.Types.size() == 1 && C.Types[0] && VT->isInvalid())
        VT = invalid();
      auto *V =
          CU.create<VarDecl>(S->getBindLoc(), S->getBindName(), VarDecl::Local);
      V->setType(VT);
      C.Bound = V;
      declare(V, S->getBindLoc());
    }
    for (Stmt *St : C.Body) {
      auto *B = llvm::dyn_cast<BranchStmt>(St);
      if (B && B->getTok() == tok::kw_fallthrough) {
        diag(B->getLoc(), diag::err_type_switch_fallthrough);
        continue;
      }
      checkStmt(St);
    }
    if (C.Bound && C.Bound->isUsed())
      BindUsed = true;
    popScope();
  }
  if (!S->getBindName().empty() && S->getBindName() != "_" && !BindUsed)
    diag(S->getBindLoc(), diag::err_declared_unused) << S->getBindName();
  Breakables.pop_back();
  popScope();
}

void Sema::checkSwitch(SwitchStmt *S) {
  llvm::StringRef Label = PendingLabel;
  PendingLabel = "";
  if (S->isTypeSwitch())
    return checkTypeSwitch(S, Label);
  pushScope(Scope::Block);
  if (S->getInit())
    checkStmt(S->getInit());
  Type *TagTy = types().getBoolType();
  Expr *Tag = S->getTag();
  bool TagOK = true;
  if (Tag) {
    if (!checkValue(Tag)) {
      TagOK = false;
    } else {
      if (Tag->getType()->getKind() == Type::UntypedNil) {
        diag(Tag->getLoc(), diag::err_use_of_untyped_nil)
            << "switch expression";
        TagOK = false;
      } else {
        defaultConvert(Tag);
        TagTy = Tag->getTypeAsWritten();
        if (!isComparable(TagTy) && !TagTy->isInvalid()) {
          diag(Tag->getLoc(), diag::err_nonconstant_op)
              << ("cannot switch on " + exprString(Tag) + " (" + describe(Tag) +
                  ")");
          TagOK = false;
        }
      }
    }
  }
  bool SeenDefault = false;
  ConstantSet SeenValues;
  Breakables.push_back({S, Label, false});
  auto &Clauses = S->clauses();
  for (size_t CI = 0; CI < Clauses.size(); ++CI) {
    CaseClause &C = Clauses[CI];
    if (C.IsDefault) {
      if (SeenDefault)
        diag(C.Loc, diag::err_multiple_defaults);
      SeenDefault = true;
    }
    for (Expr *&V : C.Values) {
      if (!checkValue(V) || !TagOK)
        continue;
      if (Tag) {
        // Go checks `tag == v`.
        Type *VT = V->getType();
        if (VT->isUntyped()) {
          if (VT->getKind() == Type::UntypedNil) {
            if (!llvm::isa<PointerType, SliceType, MapType, InterfaceType>(
                    TagTy->getUnderlying())) {
              diag(V->getLoc(), diag::err_invalid_case)
                  << exprString(V) << exprString(Tag) << "untyped nil"
                  << typeString(TagTy, false);
              continue;
            }
            V->setType(TagTy);
          } else if (!convertUntyped(V, TagTy)) {
            continue;
          } else {
            V = convertToInterface(V, TagTy);
          }
        } else if (TagTy->isInterface() && isAssignableTo(VT, TagTy)) {
          V = convertToInterface(V, TagTy);
        } else if (VT->isInterface() && isAssignableTo(TagTy, VT)) {
          diag(V->getLoc(), diag::err_not_supported)
              << "an interface case value in a switch on a non-interface";
          continue;
        } else if (!isIdentical(VT, TagTy)) {
          diag(V->getLoc(), diag::err_invalid_case)
              << exprString(V) << exprString(Tag)
              << typeString(V->getTypeAsWritten(), false)
              << typeString(TagTy, false);
          continue;
        }
      } else {
        if (V->getType()->isUntyped()) {
          if (!convertUntyped(V, types().getBoolType()))
            continue;
        } else if (!V->getType()->isBoolean()) {
          diag(V->getLoc(), diag::err_invalid_case_tagless)
              << exprString(V) << typeString(V->getTypeAsWritten(), false);
          continue;
        }
      }
      // Go (like gc before it) checks duplicates only among integer,
      // floating-point and string constants: `case false:` twice is valid.
      if (V->isConstant() && !V->getValue().isBool())
        if (const Expr *Earlier = SeenValues.insert(V)) {
          diag(V->getLoc(), diag::err_duplicate_case)
              << (exprString(V) + " (" + describe(V) + ")");
          diag(Earlier->getLoc(), diag::note_previous_case);
        }
    }
    pushScope(Scope::Block);
    // fallthrough must be the last statement of a non-final clause.
    for (size_t I = 0; I < C.Body.size(); ++I) {
      auto *B = llvm::dyn_cast<BranchStmt>(C.Body[I]);
      if (B && B->getTok() == tok::kw_fallthrough) {
        if (I + 1 != C.Body.size())
          diag(B->getLoc(), diag::err_fallthrough_misplaced);
        else if (CI + 1 == Clauses.size())
          diag(B->getLoc(), diag::err_fallthrough_final);
        else {
          C.Fallthrough = true;
          B->setTarget(S);
        }
        continue;
      }
      checkStmt(C.Body[I]);
    }
    popScope();
  }
  Breakables.pop_back();
  popScope();
}

void Sema::checkCallStmt(CallStmt *S) {
  auto *C = llvm::dyn_cast<CallExpr>(S->getExpr());
  if (!C) // the parser reported it
    return;
  checkExpr(C);
  if (C->getMode() == Expr::Invalid)
    return;
  switch (C->getCallKind()) {
  case CallExpr::Conversion:
    diag(C->getLoc(), diag::err_defer_conversion)
        << S->getKeyword() << (exprString(C) + " (" + describe(C) + ")");
    return;
  case CallExpr::Builtin:
    if (!isStatementBuiltin(C->getBuiltin())) {
      diag(C->getLoc(), diag::err_defer_discards_result)
          << S->getKeyword() << (exprString(C) + " (" + describe(C) + ")");
      return;
    }
    C = wrapDeferredCall(C, S->getKeyword());
    break;
  case CallExpr::Package:
    C = wrapDeferredCall(C, S->getKeyword());
    break;
  case CallExpr::InterfaceMethod:
    // defer x.M(args): the method value x.M (x evaluated, and a nil x
    // panicking, at the defer statement, as in Go) called later.
    C->setCallKind(CallExpr::FuncValue);
    break;
  default:
    break;
  }
  if (!C)
    return;
  S->setExpr(C);
  auto *D = llvm::dyn_cast<DeferStmt>(S);
  if (!D)
    return;
  for (const Enclosing &E : Breakables)
    if (E.IsLoop)
      D->setInLoop(true);
  CurFunc->setHasDefer();
}

void Sema::checkSend(SendStmt *S) {
  Expr *Ch = S->getChan();
  Expr *V = S->getValue();
  bool ChOK = checkValue(Ch);
  bool VOK = checkValue(V);
  if (!ChOK || !VOK)
    return;
  auto *CT = llvm::dyn_cast<ChanType>(Ch->getType()->getUnderlying());
  if (!CT) {
    diag(S->getLoc(), diag::err_send_non_chan)
        << exprString(Ch) << describe(Ch);
    return;
  }
  if (!CT->canSend()) {
    diag(S->getLoc(), diag::err_send_recv_only)
        << exprString(Ch) << describe(Ch);
    return;
  }
  Type *ET =
      llvm::cast<ChanType>(Ch->getTypeAsWritten()->getUnderlyingAsWritten())
          ->getElement();
  if (assignTo(V, ET, "send"))
    S->setValue(V);
}

void Sema::checkSelect(SelectStmt *S) {
  llvm::StringRef Label = PendingLabel;
  PendingLabel = "";
  const CommClause *Default = nullptr;
  for (CommClause &C : S->clauses()) {
    if (C.isDefault()) {
      if (Default)
        diag(C.Loc, diag::err_multiple_defaults_at) << posString(Default->Loc);
      else
        Default = &C;
    }
  }
  Breakables.push_back({S, Label, false});
  for (CommClause &C : S->clauses()) {
    pushScope(Scope::Block);
    bool Valid = C.isDefault() || C.getSend();
    if (!Valid && C.getRecv()) {
      // `<-c`, `v = <-c`, `v, ok := <-c`: one receive on the right, at
      // most two targets.
      auto *A = llvm::dyn_cast<AssignStmt>(C.Comm);
      Valid = !A || ((A->getAssignTok() == tok::equal || A->isDefine()) &&
                     A->rhs().size() == 1 && A->lhs().size() <= 2);
    }
    if (!Valid) {
      llvm::SMLoc Loc = C.Comm->getLoc();
      if (auto *ES = llvm::dyn_cast<ExprStmt>(C.Comm))
        if (auto *BE = llvm::dyn_cast<BinaryExpr>(ES->getExpr()))
          Loc = BE->getOpLoc(); // Go places a binary expression at its op
      if (auto *A = llvm::dyn_cast<AssignStmt>(C.Comm))
        Loc = A->lhs().empty() ? Loc : A->lhs()[0]->getLoc();
      if (auto *ID = llvm::dyn_cast<IncDecStmt>(C.Comm))
        Loc = ID->getExpr()->getLoc();
      // As Go, the clause's body is not checked.
      diag(Loc, diag::err_select_case);
      popScope();
      continue;
    }
    if (C.Comm)
      checkStmt(C.Comm);
    checkStmtList(C.Body);
    popScope();
  }
  Breakables.pop_back();
}

CallExpr *Sema::wrapDeferredCall(CallExpr *C, llvm::StringRef Keyword) {
  // defer pkg.F(a, b)  =>  defer func(.a0 A, .a1 B) { pkg.F(.a0, .a1) }(a, b)
  // with a and b already checked and converted: the literal's parameters
  // take their types, so the inner call checks exactly as the outer did.
  llvm::SMLoc Loc = C->getLoc();
  std::vector<Type *> ArgTypes;
  auto &Args = C->args();
  if (Args.size() == 1)
    if (auto *Tu = llvm::dyn_cast<TupleType>(Args[0]->getTypeAsWritten()))
      ArgTypes.assign(Tu->getElements().begin(), Tu->getElements().end());
  if (ArgTypes.empty())
    for (Expr *A : Args)
      ArgTypes.push_back(A->getTypeAsWritten());
  auto *F = CU.create<FuncDecl>(Loc, "");
  std::vector<Expr *> InnerArgs;
  for (size_t I = 0; I < ArgTypes.size(); ++I) {
    if (ArgTypes[I]->isUntyped()) { // panic(nil)
      diag(Args[std::min(I, Args.size() - 1)]->getLoc(),
           diag::err_not_supported)
          << (Keyword == "go"
                  ? "go statement with an untyped nil argument"
                  : "deferring a call with an untyped nil argument");
      return nullptr;
    }
    auto *P =
        CU.create<VarDecl>(Loc, ".arg" + std::to_string(I), VarDecl::Param);
    P->setType(ArgTypes[I]);
    F->params().push_back(P);
    InnerArgs.push_back(CU.create<IdentExpr>(Loc, P->getName()));
  }
  auto *Inner = CU.create<CallExpr>(Loc, C->getCallee(), std::move(InnerArgs),
                                    C->hasEllipsis(), C->getRParenLoc());
  std::vector<Stmt *> Body{CU.create<ExprStmt>(Loc, Inner)};
  F->setBody(CU.create<BlockStmt>(Loc, std::move(Body), Loc));
  auto *Sig = types().getSignature(ArgTypes, types().getTuple({}), false);
  F->setType(Sig);
  F->setName(literalName(Keyword == "go" ? "gowrap" : "deferwrap"));
  F->setLiteral(CurFunc);
  F->setPackage(&CurPkg);
  F->setDeferWrapper();
  checkLiteralBody(F);
  auto *Lit = CU.create<FuncLitExpr>(Loc, F);
  Lit->setMode(Expr::Value);
  Lit->setType(Sig);
  auto *Outer = CU.create<CallExpr>(Loc, Lit, Args, false, C->getRParenLoc());
  Outer->setCallKind(CallExpr::FuncValue);
  Outer->setSignature(Sig);
  Outer->setMode(Expr::NoValue);
  Outer->setType(types().getTuple({}));
  return Outer;
}

void Sema::checkReturn(ReturnStmt *S) {
  S->setFunc(CurFunc);
  auto &Results = S->results();
  auto &Want = CurFunc->results();
  auto WantStr = [&]() {
    std::string Str;
    for (size_t I = 0; I < Want.size(); ++I)
      Str += (I ? ", " : "") + typeString(Want[I]->getTypeAsWritten(), false);
    return Str;
  };
  if (Results.empty()) {
    if (Want.empty())
      return;
    if (CurFunc->hasNamedResults()) {
      // Each named result must not be shadowed at the return.
      for (VarDecl *R : Want)
        if (!R->getName().empty() && R->getName() != "_" &&
            Cur->lookup(R->getName()) != R)
          diag(S->getLoc(), diag::err_bare_return_shadowed) << R->getName();
      return;
    }
    diag(S->getLoc(), diag::err_not_enough_return_values) << "" << WantStr();
    return;
  }
  std::vector<Type *> Have;
  bool OK = true;
  if (Results.size() == 1 && Want.size() != 1) {
    if (!checkValueOrTuple(Results[0]))
      return;
    if (auto *Tu = llvm::dyn_cast<TupleType>(Results[0]->getTypeAsWritten())) {
      if (Tu->size() == Want.size()) {
        for (size_t I = 0; I < Want.size(); ++I)
          if (!isAssignableTo(Tu->getElement(I), Want[I]->getType()))
            diag(Results[0]->getLoc(), diag::err_cannot_use)
                << exprString(Results[0])
                << ("value of type " + typeString(Tu, false))
                << Want[I]->getTypeAsWritten() << "return statement";
        return;
      }
      Have.assign(Tu->getElements().begin(), Tu->getElements().end());
    }
  } else {
    for (Expr *E : Results)
      if (!checkValue(E))
        OK = false;
  }
  if (!OK)
    return;
  if (Have.empty())
    for (Expr *E : Results) {
      Have.push_back(E->getTypeAsWritten());
    }
  if (Have.size() != Want.size()) {
    std::string HaveStr;
    for (size_t I = 0; I < Have.size(); ++I) {
      std::string TS = Have[I]->isUntyped() && Have[I]->isNumeric()
                           ? "number"
                           : typeString(Have[I], false);
      if (Have[I]->getKind() == Type::UntypedString)
        TS = "string";
      HaveStr += (I ? ", " : "") + TS;
    }
    diag(Results[0]->getLoc(), Have.size() > Want.size()
                                   ? diag::err_too_many_return_values
                                   : diag::err_not_enough_return_values)
        << HaveStr << WantStr();
    return;
  }
  for (size_t I = 0; I < Results.size(); ++I)
    assignTo(Results[I], Want[I]->getTypeAsWritten(), "return statement");
}

void Sema::checkBranch(BranchStmt *S) {
  tok::TokenKind K = S->getTok();
  if (K == tok::kw_goto) {
    // Resolved once the whole body is known (checkGotos): labels may come
    // later.
    if (CurFunc)
      CurFunc->setHasGoto();
    return;
  }
  if (K == tok::kw_fallthrough) {
    // Valid placements are handled (and the target set) by checkSwitch.
    if (!S->getTarget())
      diag(S->getLoc(), diag::err_fallthrough_misplaced);
    return;
  }
  bool IsBreak = K == tok::kw_break;
  if (!S->getLabel().empty()) {
    auto It = Labels.find(S->getLabel());
    if (It == Labels.end()) {
      diag(S->getLabelLoc(), diag::err_label_not_defined)
          << (IsBreak ? "break" : "continue") << S->getLabel();
      return;
    }
    It->second.Used = true;
    for (auto I = Breakables.rbegin(); I != Breakables.rend(); ++I)
      if (I->Label == S->getLabel()) {
        if (!IsBreak && !I->IsLoop)
          break;
        S->setTarget(I->S);
        if (IsBreak)
          BreakTargets.insert(I->S);
        return;
      }
    diag(S->getLabelLoc(), IsBreak ? diag::err_invalid_break_label
                                   : diag::err_invalid_continue_label)
        << S->getLabel();
    return;
  }
  for (auto I = Breakables.rbegin(); I != Breakables.rend(); ++I) {
    if (!IsBreak && !I->IsLoop)
      continue;
    S->setTarget(I->S);
    if (IsBreak)
      BreakTargets.insert(I->S);
    return;
  }
  diag(S->getLoc(),
       IsBreak ? diag::err_break_outside : diag::err_continue_outside);
}

//===----------------------------------------------------------------------===//
// Terminating statements (Go spec)
//===----------------------------------------------------------------------===//

bool Sema::isTerminatingList(const std::vector<Stmt *> &L) {
  // The last non-empty statement.
  for (auto I = L.rbegin(); I != L.rend(); ++I) {
    if (llvm::isa<EmptyStmt>(*I))
      continue;
    return isTerminating(*I);
  }
  return false;
}

bool Sema::isTerminating(const Stmt *S) {
  switch (S->getKind()) {
  case Stmt::Return:
    return true;
  case Stmt::Branch:
    // goto, like return, never falls through (Go's spec lists both).
    return llvm::cast<BranchStmt>(S)->getTok() == tok::kw_goto;
  case Stmt::ExprS: {
    auto *C = llvm::dyn_cast<CallExpr>(
        skipParens(llvm::cast<ExprStmt>(S)->getExpr()));
    return C && C->getCallKind() == CallExpr::Builtin &&
           C->getBuiltin() == BuiltinKind::Panic;
  }
  case Stmt::Block:
    return isTerminatingList(llvm::cast<BlockStmt>(S)->body());
  case Stmt::If: {
    auto *I = llvm::cast<IfStmt>(S);
    return I->getElse() && isTerminating(I->getThen()) &&
           isTerminating(I->getElse());
  }
  case Stmt::For: {
    auto *F = llvm::cast<ForStmt>(S);
    return !F->getCond() && !hasBreak(F);
  }
  case Stmt::Labeled:
    return isTerminating(llvm::cast<LabeledStmt>(S)->getStmt());
  case Stmt::Select: {
    // Go: no break leaves it, and every clause's list terminates (so
    // `select {}` does).
    auto *Sel = llvm::cast<SelectStmt>(S);
    if (hasBreak(Sel))
      return false;
    for (const CommClause &C : Sel->clauses())
      if (!isTerminatingList(C.Body))
        return false;
    return true;
  }
  case Stmt::Switch: {
    auto *Sw = llvm::cast<SwitchStmt>(S);
    if (hasBreak(Sw))
      return false;
    bool HasDefault = false;
    for (const CaseClause &C : Sw->clauses()) {
      HasDefault |= C.IsDefault;
      if (C.Fallthrough)
        continue;
      if (!isTerminatingList(C.Body))
        return false;
    }
    return HasDefault;
  }
  default:
    return false;
  }
}

//===----------------------------------------------------------------------===//
// goto
//===----------------------------------------------------------------------===//

namespace {
/// A statement list while checking gotos: its labels and where it starts.
struct GotoScope {
  GotoScope *Parent;
  llvm::SMLoc Start;
  llvm::StringMap<LabeledStmt *> Labels;
  LabeledStmt *find(llvm::StringRef Name) {
    for (GotoScope *S = this; S; S = S->Parent)
      if (LabeledStmt *L = S->Labels.lookup(Name))
        return L;
    return nullptr;
  }
};
} // namespace

void Sema::checkGotos(BlockStmt *Body) {
  llvm::StringMap<llvm::SMLoc> BlockOfLabel;
  std::vector<BranchStmt *> Left =
      gotoBranches(nullptr, Body->getLoc(), Body->body(), BlockOfLabel);
  // A goto still unresolved at the top names a label inside a block it is
  // not in, or none at all.
  for (BranchStmt *G : Left) {
    auto It = Labels.find(G->getLabel());
    if (It == Labels.end()) {
      diag(G->getLabelLoc(), diag::err_goto_undefined) << G->getLabel();
      continue;
    }
    It->second.Used = true;
    diag(G->getLabelLoc(), diag::err_goto_into_block)
        << G->getLabel() << posString(BlockOfLabel[G->getLabel()]);
  }
}

std::vector<BranchStmt *>
Sema::gotoBranches(void *ParentScope, llvm::SMLoc Start,
                   std::vector<Stmt *> &List,
                   llvm::StringMap<llvm::SMLoc> &BlockOfLabel) {
  // As Go's syntax checker: backward gotos find their label in this or an
  // enclosing list; forward ones wait for it, and a variable declared in
  // this list after a forward goto and before its label is jumped over.
  GotoScope Scope{static_cast<GotoScope *>(ParentScope), Start, {}};
  std::vector<BranchStmt *> Forward, JumpOverVar;
  llvm::SMLoc VarLoc;
  std::string VarName;
  auto recordVar = [&](llvm::SMLoc Loc, std::string Name) {
    VarLoc = Loc;
    VarName = std::move(Name);
    JumpOverVar = Forward;
  };
  auto inner = [&](llvm::SMLoc InnerStart, std::vector<Stmt *> &Body) {
    std::vector<BranchStmt *> Up =
        gotoBranches(&Scope, InnerStart, Body, BlockOfLabel);
    Forward.insert(Forward.end(), Up.begin(), Up.end());
  };
  std::function<void(Stmt *)> Visit = [&](Stmt *S) {
    if (!S)
      return;
    switch (S->getKind()) {
    case Stmt::DeclS:
      for (VarSpec *V : llvm::cast<DeclStmt>(S)->varSpecs())
        if (!V->names().empty()) {
          recordVar(V->names()[0]->getLoc(), V->names()[0]->getName().str());
          break;
        }
      return;
    case Stmt::Assign: {
      auto *A = llvm::cast<AssignStmt>(S);
      if (!A->isDefine())
        return;
      std::string Names;
      for (Expr *L : A->lhs())
        Names += (Names.empty() ? "" : ", ") + exprString(L);
      recordVar(A->getLoc(), Names);
      return;
    }
    case Stmt::Labeled: {
      auto *L = llvm::cast<LabeledStmt>(S);
      if (L->getLabel() != "_") {
        Scope.Labels[L->getLabel()] = L;
        BlockOfLabel[L->getLabel()] = Start;
        std::vector<BranchStmt *> Still;
        for (BranchStmt *G : Forward) {
          if (G->getLabel() != L->getLabel()) {
            Still.push_back(G);
            continue;
          }
          G->setTarget(L);
          Labels[L->getLabel()].Used = true;
          if (std::find(JumpOverVar.begin(), JumpOverVar.end(), G) !=
              JumpOverVar.end())
            diag(G->getLabelLoc(), diag::err_goto_over_decl)
                << L->getLabel() << VarName << posString(VarLoc);
        }
        Forward = std::move(Still);
      }
      Visit(L->getStmt());
      return;
    }
    case Stmt::Branch: {
      auto *B = llvm::cast<BranchStmt>(S);
      if (B->getTok() != tok::kw_goto)
        return;
      if (LabeledStmt *L = Scope.find(B->getLabel())) {
        B->setTarget(L);
        Labels[B->getLabel()].Used = true;
      } else {
        Forward.push_back(B);
      }
      return;
    }
    case Stmt::Block: {
      auto *B = llvm::cast<BlockStmt>(S);
      inner(B->getLoc(), B->body());
      return;
    }
    case Stmt::If: {
      auto *I = llvm::cast<IfStmt>(S);
      Visit(I->getThen());
      Visit(I->getElse());
      return;
    }
    case Stmt::For:
      Visit(llvm::cast<ForStmt>(S)->getBody());
      return;
    case Stmt::Range:
      Visit(llvm::cast<RangeStmt>(S)->getBody());
      return;
    case Stmt::Switch:
      for (CaseClause &C : llvm::cast<SwitchStmt>(S)->clauses())
        inner(C.Loc, C.Body);
      return;
    case Stmt::Select:
      for (CommClause &C : llvm::cast<SelectStmt>(S)->clauses())
        inner(C.Loc, C.Body);
      return;
    default:
      return;
    }
  };
  for (Stmt *S : List)
    Visit(S);
  return Forward;
}
