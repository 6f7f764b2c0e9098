//===- SemaExprs.cpp - expressions ----------------------------------------===//
//
// checkExpr sets every expression's mode and type. Untyped operands stay
// untyped (and constants stay folded) until their context converts them
// with convertUntyped (SemaConstants.cpp), as go/types does.
//
//===----------------------------------------------------------------------===//

#include "ConstantSet.h"
#include "Sema.h"

#include "gm/lang/AST/Lookup.h"
#include <algorithm>

using namespace gm::lang;

void Sema::checkExpr(Expr *E, Type *Hint) {
  switch (E->getKind()) {
  case Expr::Bad:
    setInvalid(E);
    return;
  case Expr::Ident:
    checkIdent(llvm::cast<IdentExpr>(E));
    return;
  case Expr::BasicLit:
    checkBasicLit(llvm::cast<BasicLitExpr>(E));
    return;
  case Expr::CompositeLit:
    checkCompositeLit(llvm::cast<CompositeLitExpr>(E), nullptr);
    return;
  case Expr::Selector:
    checkSelector(llvm::cast<SelectorExpr>(E), false);
    return;
  case Expr::Slice:
    checkSliceExpr(llvm::cast<SliceExpr>(E));
    return;
  case Expr::Call:
    checkCall(llvm::cast<CallExpr>(E));
    return;
  case Expr::Star:
    checkStar(llvm::cast<StarExpr>(E));
    return;
  case Expr::Unary:
    checkUnary(llvm::cast<UnaryExpr>(E));
    return;
  case Expr::Binary:
    checkBinary(llvm::cast<BinaryExpr>(E), Hint);
    return;
  case Expr::FuncLit:
    checkFuncLit(llvm::cast<FuncLitExpr>(E));
    return;
  case Expr::TypeAssertE:
    checkTypeAssert(llvm::cast<TypeAssertExpr>(E));
    return;
  case Expr::ImplicitConvE:
    return; // made by Sema, already checked
  case Expr::InstantiateE:
  case Expr::Index: {
    std::vector<Expr *> TypeArgs;
    if (FuncDecl *G = genericCallee(E, TypeArgs)) {
      checkGenericValue(E, G, TypeArgs);
      return;
    }
    std::vector<Expr *> Args;
    Expr *Base = splitInstantiation(E, Args);
    if (genericTypeOf(Base)) {
      resolveGenericTypeInstance(E, Base, Args);
      return;
    }
    if (auto *IE = llvm::dyn_cast<IndexExpr>(E)) {
      checkIndex(IE);
      return;
    }
    checkExpr(Base);
    if (Base->getMode() != Expr::Invalid)
      diag(E->getLoc(), diag::err_not_a_type) << exprString(E);
    setInvalid(E);
    return;
  }
  case Expr::Paren: {
    auto *P = llvm::cast<ParenExpr>(E);
    checkExpr(P->getInner(), Hint);
    E->setMode(P->getInner()->getMode());
    E->setType(P->getInner()->getTypeAsWritten());
    E->setValue(P->getInner()->getValue());
    return;
  }
  case Expr::ArrayTypeE:
  case Expr::MapTypeE:
  case Expr::ChanTypeE:
  case Expr::StructTypeE:
  case Expr::FuncTypeE:
  case Expr::InterfaceTypeE:
  case Expr::UnionTypeE: {
    Type *T = resolveTypeAsWritten(E);
    if (T->isInvalid())
      setInvalid(E);
    else {
      E->setMode(Expr::TypeExpr);
      E->setType(T);
    }
    return;
  }
  }
}

bool Sema::checkValueOrTuple(Expr *E) {
  checkExpr(E);
  return requireValueOrTuple(E);
}

bool Sema::requireValueOrTuple(Expr *E) {
  switch (E->getMode()) {
  case Expr::Invalid:
    return false;
  case Expr::Value:
  case Expr::Constant:
    return true;
  case Expr::NoValue:
    diag(E->getLoc(), diag::err_value_not_used_as_value) << exprString(E);
    break;
  case Expr::TypeExpr:
    diag(E->getLoc(), diag::err_not_an_expr) << exprString(E);
    break;
  case Expr::Builtin:
    diag(E->getLoc(), diag::err_builtin_not_called) << exprString(E);
    break;
  case Expr::Package:
    diag(E->getLoc(), diag::err_use_of_package) << exprString(E);
    break;
  }
  setInvalid(E);
  return false;
}

bool Sema::checkValue(Expr *E, Type *Hint) {
  bool Single = InSingleAssign;
  InSingleAssign = false;
  checkExpr(E, Hint);
  InSingleAssign = Single;
  return requireValue(E);
}

bool Sema::requireValue(Expr *E) {
  switch (E->getMode()) {
  case Expr::Invalid:
    return false;
  case Expr::Value:
  case Expr::Constant:
    if (auto *T = llvm::dyn_cast_or_null<TupleType>(E->getType())) {
      auto *C = llvm::dyn_cast<CallExpr>(skipParens(E));
      if (InSingleAssign && C)
        diag(E->getLoc(), diag::err_assign_mismatch_call)
            << 1u << "" << exprString(C->getCallee()) << T->size() << "s";
      else
        diag(E->getLoc(), diag::err_multi_value_in_single)
            << exprString(E) << E->getTypeAsWritten();
      setInvalid(E);
      return false;
    }
    return true;
  default:
    return requireValueOrTuple(E);
  }
}

void Sema::reportUndefined(IdentExpr *E) {
  // Go's predeclared names that gm does not have are unsupported, not
  // undefined: the complex types and their builtins.
  static const char *const Complex[] = {"complex64", "complex128", "complex",
                                        "real", "imag"};
  for (const char *N : Complex)
    if (E->getName() == N) {
      diag(E->getLoc(), diag::err_not_supported) << "complex number";
      return;
    }
  diag(E->getLoc(), diag::err_undefined) << E->getName();
}

/// Go's limit on untyped integer constants: 512 bits of magnitude.
bool Sema::exceedsConstantPrecision(const ConstantValue &V) {
  return V.isInt() && V.getInt().abs().getActiveBits() > 512;
}

/// The operation that Go names in "constant %s overflow" ("" for others).
llvm::StringRef Sema::constantOpName(tok::TokenKind Op) {
  switch (Op) {
  case tok::plus:
    return "addition ";
  case tok::minus:
    return "subtraction ";
  case tok::caret:
    return "bitwise XOR ";
  case tok::star:
    return "multiplication ";
  case tok::shl:
    return "shift ";
  default:
    return "";
  }
}

void Sema::checkIdent(IdentExpr *E, bool MarkUsed) {
  if (E->isBlank()) {
    diag(E->getLoc(), diag::err_use_of_blank);
    setInvalid(E);
    return;
  }
  llvm::SmallVector<FuncDecl *, 2> Crossed;
  Decl *D = Cur->lookupCrossing(E->getName(), Crossed);
  if (!D) {
    reportUndefined(E);
    setInvalid(E);
    return;
  }
  E->setDecl(D);
  if (MarkUsed)
    D->setUsed();
  if (D->isGlobal())
    resolveGlobal(D);
  switch (D->getKind()) {
  case Decl::Var: {
    auto *V = llvm::cast<VarDecl>(D);
    if (V->getVarKind() == VarDecl::Global && CurDeps)
      CurDeps->insert(V);
    if (!V->isGlobal() && !Crossed.empty())
      captureVar(V, Crossed);
    if (!V->getType() || V->getType()->isInvalid()) {
      setInvalid(E);
      return;
    }
    E->setMode(Expr::Value);
    E->setType(V->getTypeAsWritten());
    return;
  }
  case Decl::Const: {
    auto *C = llvm::cast<ConstDecl>(D);
    if (C == IotaD) {
      if (CurIota < 0) {
        diag(E->getLoc(), diag::err_use_of_iota);
        setInvalid(E);
        return;
      }
      setConstant(E, types().getBasic(Type::UntypedInt),
                  ConstantValue::getInt(CurIota));
      return;
    }
    if (!C->getType() || C->getType()->isInvalid() ||
        !C->getValue().isValid()) {
      setInvalid(E);
      return;
    }
    setConstant(E, C->getTypeAsWritten(), C->getValue());
    return;
  }
  case Decl::TypeName: {
    if (llvm::cast<TypeDecl>(D)->isGeneric()) {
      // Not a type until instantiated (List[int] is resolved elsewhere).
      diag(E->getLoc(), diag::err_generic_type_without_instantiation)
          << E->getName();
      setInvalid(E);
      return;
    }
    Type *T = D->getTypeAsWritten();
    if (!T || T->isInvalid()) {
      setInvalid(E);
      return;
    }
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return;
  }
  case Decl::Func:
    if (CurDeps)
      CurDeps->insert(D);
    if (llvm::cast<FuncDecl>(D)->isGeneric()) {
      diag(E->getLoc(), diag::err_generic_without_instantiation)
          << E->getName();
      setInvalid(E);
      return;
    }
    E->setMode(Expr::Value);
    E->setType(D->getType() ? D->getType() : invalid());
    return;
  case Decl::Import:
    E->setMode(Expr::Package);
    E->setType(invalid());
    return;
  case Decl::Builtin:
    E->setMode(Expr::Builtin);
    E->setType(invalid());
    return;
  case Decl::PackageFunc:
    E->setMode(Expr::Value);
    E->setType(D->getType());
    return;
  case Decl::Nil:
    E->setMode(Expr::Value);
    E->setType(types().getBasic(Type::UntypedNil));
    return;
  }
}

void Sema::captureVar(VarDecl *V, llvm::ArrayRef<FuncDecl *> Crossed) {
  V->setCaptured();
  for (FuncDecl *F : Crossed) {
    auto &C = F->captures();
    if (std::find(C.begin(), C.end(), V) == C.end())
      C.push_back(V);
  }
}

//===----------------------------------------------------------------------===//
// Function literals
//===----------------------------------------------------------------------===//

std::string Sema::literalName(llvm::StringRef Kind) {
  // Go's names: main.main.func1, main.main.func1.1 for a literal nested in
  // it, main.glob..func1 in a package-level initializer.
  if (!CurFunc)
    return "glob.." + Kind.str() + std::to_string(++NumGlobalLiterals);
  if (CurFunc->isLiteral())
    return CurFunc->getName().str() + "." +
           std::to_string(CurFunc->nextLiteralNumber());
  return CurFunc->getQualifiedName() + "." + Kind.str() +
         std::to_string(CurFunc->nextLiteralNumber());
}

void Sema::checkFuncLit(FuncLitExpr *E) {
  FuncDecl *F = E->getFunc();
  if (!F->isLiteral()) {
    F->setName(literalName("func"));
    F->setLiteral(CurFunc);
    F->setPackage(&CurPkg);
  }
  checkFuncSignature(F);
  auto *Sig = llvm::dyn_cast_or_null<SignatureType>(F->getTypeAsWritten());
  if (!Sig || !F->getBody()) {
    setInvalid(E);
    return;
  }
  checkLiteralBody(F);
  E->setMode(Expr::Value);
  E->setType(Sig);
}

void Sema::checkLiteralBody(FuncDecl *F) {
  // The literal's body is a function of its own: its labels, loops,
  // returns and unused variables do not mix with the enclosing function's.
  FuncDecl *SavedFunc = CurFunc;
  int64_t SavedIota = CurIota;
  auto SavedLabels = std::move(Labels);
  auto SavedBreakables = std::move(Breakables);
  auto SavedLocals = std::move(LocalVars);
  llvm::StringRef SavedPending = PendingLabel;
  bool SavedSingle = InSingleAssign;
  Labels.clear();
  Breakables.clear();
  LocalVars.clear();
  PendingLabel = "";
  InSingleAssign = false;
  CurIota = -1;
  CurFunc = F;
  checkBodyInFunctionScope(F);
  reportUnusedLocals();
  CurFunc = SavedFunc;
  CurIota = SavedIota;
  Labels = std::move(SavedLabels);
  Breakables = std::move(SavedBreakables);
  LocalVars = std::move(SavedLocals);
  PendingLabel = SavedPending;
  InSingleAssign = SavedSingle;
}

//===----------------------------------------------------------------------===//
// Selectors
//===----------------------------------------------------------------------===//

void Sema::wrapPackageFuncValue(SelectorExpr *E, IdentExpr *Pkg,
                                PkgFuncDecl *M) {
  // pkg.F as a value  =>  func(.p0 P0, ...) R { return pkg.F(.p0, ...) }:
  // the functions built into gmc have no code of their own to point at.
  // Not for unsafe's, which are built-ins in Go, nor for gm/runtime's
  // MapStats, whose result type depends on the argument.
  auto *Sig = llvm::dyn_cast_or_null<SignatureType>(M->getType());
  if (M->getPkgFunc() == PkgFunc::UnsafeSizeof ||
      M->getPkgFunc() == PkgFunc::UnsafeAlignof ||
      M->getPkgFunc() == PkgFunc::UnsafeOffsetof) {
    diag(E->getLoc(), diag::err_builtin_not_called) << exprString(E);
    setInvalid(E);
    return;
  }
  if (!Sig || M->getPkgFunc() == PkgFunc::RuntimeMapStats) {
    diag(E->getLoc(), diag::err_not_supported)
        << ("using " + exprString(E) + " as a function value");
    setInvalid(E);
    return;
  }
  llvm::SMLoc Loc = E->getLoc();
  auto *F = CU.create<FuncDecl>(Loc, "");
  std::vector<Expr *> Args;
  for (size_t I = 0; I < Sig->getParams().size(); ++I) {
    auto *P = CU.create<VarDecl>(Loc, ".p" + std::to_string(I), VarDecl::Param);
    P->setType(Sig->getParams()[I]);
    F->params().push_back(P);
    Args.push_back(CU.create<IdentExpr>(Loc, P->getName()));
  }
  for (Type *R : Sig->getResults()->getElements()) {
    auto *V = CU.create<VarDecl>(Loc, "", VarDecl::Result);
    V->setType(R);
    F->results().push_back(V);
  }
  auto *Callee = CU.create<SelectorExpr>(
      Loc, CU.create<IdentExpr>(Pkg->getLoc(), Pkg->getName()), E->getName(),
      E->getNameLoc());
  auto *Call =
      CU.create<CallExpr>(Loc, Callee, std::move(Args), Sig->isVariadic(), Loc);
  Stmt *Body = Sig->getResults()->size()
                   ? static_cast<Stmt *>(
                         CU.create<ReturnStmt>(Loc, std::vector<Expr *>{Call}))
                   : CU.create<ExprStmt>(Loc, Call);
  F->setBody(CU.create<BlockStmt>(Loc, std::vector<Stmt *>{Body}, Loc));
  F->setType(Sig);
  F->setName(literalName("func"));
  F->setLiteral(CurFunc);
  F->setPackage(&CurPkg);
  checkLiteralBody(F);
  auto *Lit = CU.create<FuncLitExpr>(Loc, F);
  Lit->setMode(Expr::Value);
  Lit->setType(Sig);
  E->setValueWrapper(Lit);
  E->setMode(Expr::Value);
  E->setType(Sig);
}

void Sema::checkSourcePackageMember(SelectorExpr *E, ImportDecl *Imp,
                                    const Package *P, bool IsCallee,
                                    bool AsType) {
  // Only exported names are visible outside a package; Go reports any
  // other as undefined.
  Decl *M =
      isExportedName(E->getName()) ? P->lookupMember(E->getName()) : nullptr;
  // A package written in gm that gmc also knows (sort: its functions are
  // built in, its types such as IntSlice written in gm).
  if (!M)
    if (auto It = PackageScopes.find(Imp->getPath()); It != PackageScopes.end())
      if (Decl *B = It->second->lookupLocal(E->getName())) {
        if (AsType && llvm::isa<PkgFuncDecl>(B)) {
          // Where a type is expected: "sort.Sort (value of type ...) is not
          // a type", as Go says, rather than "not a function value".
          B->setUsed();
          E->setSelKind(SelectorExpr::PackageMember);
          E->setMember(B);
          E->setMode(Expr::Value);
          E->setType(B->getTypeAsWritten());
          return;
        }
        checkBuiltinPackageMember(E, llvm::cast<IdentExpr>(E->getBase()), B,
                                  IsCallee);
        return;
      }
  if (!M) {
    bool InGo = KnownUnsupportedMembers.count(
        (Imp->getPath() + "." + E->getName()).str());
    diag(E->getNameLoc(), InGo ? diag::err_pkg_member_unsupported
                               : diag::err_undefined_pkg_member)
        << Imp->getName() << E->getName();
    setInvalid(E);
    return;
  }
  M->setUsed();
  if (auto *F = llvm::dyn_cast<FuncDecl>(M); F && F->isGeneric()) {
    diag(E->getLoc(), diag::err_generic_without_instantiation) << exprString(E);
    setInvalid(E);
    return;
  }
  E->setSelKind(SelectorExpr::PackageMember);
  E->setMember(M);
  if (auto *C = llvm::dyn_cast<ConstDecl>(M)) {
    setConstant(E, C->getType(), C->getValue());
    return;
  }
  if (auto *TD = llvm::dyn_cast<TypeDecl>(M)) {
    E->setMode(Expr::TypeExpr);
    E->setType(TD->getTypeAsWritten());
    return;
  }
  E->setMode(Expr::Value);
  E->setType(M->getTypeAsWritten());
}

void Sema::checkTypeAssert(TypeAssertExpr *E) {
  Expr *X = E->getX();
  if (E->isTypeSwitchGuard()) {
    checkExpr(X);
    diag(X->getLoc(), diag::err_type_switch_outside);
    setInvalid(E);
    return;
  }
  if (!checkValue(X)) {
    resolveTypeAsWritten(E->getTypeSyntax());
    setInvalid(E);
    return;
  }
  if (!X->getType()->isInterface()) {
    resolveTypeAsWritten(E->getTypeSyntax());
    diag(X->getLoc(), diag::err_not_an_interface)
        << exprString(X) << describe(X);
    setInvalid(E);
    return;
  }
  Type *T = resolveTypeAsWritten(E->getTypeSyntax());
  if (T->isInvalid()) {
    setInvalid(E);
    return;
  }
  if (!CurFunc || !CurFunc->isInstance())
    checkAssertable(X->getTypeAsWritten(), T, X->getLoc(),
                    diag::err_impossible_assertion, exprString(E));
  E->setMode(Expr::Value);
  E->setType(T);
}

bool Sema::checkAssertable(Type *XT, Type *T, llvm::SMLoc Loc, diag::Kind K,
                           const std::string &What) {
  // Asserting to a concrete type that cannot implement x's interface.
  if (T->isInterface())
    return true;
  auto *I = llvm::cast<InterfaceType>(XT->getUnderlying());
  MissingMethod MM = findMissingMethod(T, I);
  if (!MM)
    return true;
  diag(Loc, K) << What << missingMethodReason(T, XT, MM);
  return false;
}

void Sema::checkBuiltinPackageMember(SelectorExpr *E, IdentExpr *BI, Decl *M,
                                     bool IsCallee) {
  E->setSelKind(SelectorExpr::PackageMember);
  E->setMember(M);
  if (auto *C = llvm::dyn_cast<ConstDecl>(M)) {
    setConstant(E, C->getType(), C->getValue());
    return;
  }
  if (auto *TD = llvm::dyn_cast<TypeDecl>(M)) { // runtime.Stats
    E->setMode(Expr::TypeExpr);
    E->setType(TD->getType());
    return;
  }
  if (!IsCallee) {
    wrapPackageFuncValue(E, BI, llvm::cast<PkgFuncDecl>(M));
    return;
  }
  E->setMode(Expr::Value);
  E->setType(M->getType());
}

void Sema::checkSelector(SelectorExpr *E, bool IsCallee) {
  Expr *Base = E->getBase();
  // Package members.
  if (auto *BI = llvm::dyn_cast<IdentExpr>(Base)) {
    Decl *D = Cur->lookup(BI->getName());
    if (auto *Imp = llvm::dyn_cast_or_null<ImportDecl>(D)) {
      Imp->setUsed();
      BI->setDecl(Imp);
      BI->setMode(Expr::Package);
      BI->setType(invalid());
      if (const Package *P = Imp->getImported()) {
        checkSourcePackageMember(E, Imp, P, IsCallee);
        return;
      }
      auto PSIt = PackageScopes.find(Imp->getPath());
      if (PSIt == PackageScopes.end()) {
        setInvalid(E); // the import itself was reported
        return;
      }
      Scope *PS = PSIt->second.get();
      Decl *M = PS->lookupLocal(E->getName());
      if (!M && !KnownUnsupportedMembers.count(
                    (Imp->getPath() + "." + E->getName()).str())) {
        diag(E->getNameLoc(), diag::err_undefined_pkg_member)
            << BI->getName() << E->getName();
        setInvalid(E);
        return;
      }
      if (!M) {
        diag(E->getNameLoc(), diag::err_pkg_member_unsupported)
            << BI->getName() << E->getName();
        setInvalid(E);
        return;
      }
      checkBuiltinPackageMember(E, BI, M, IsCallee);
      return;
    }
  }
  checkExpr(Base);
  if (Base->getMode() == Expr::Invalid) {
    setInvalid(E);
    return;
  }
  if (Base->getMode() == Expr::TypeExpr) {
    checkMethodExpr(E);
    return;
  }
  if (!requireValue(Base)) {
    setInvalid(E);
    return;
  }
  Type *T = Base->getType();
  Selection L;
  bool PtrToPtr = false;
  if (auto *P = llvm::dyn_cast<PointerType>(T))
    PtrToPtr = llvm::isa<PointerType>(P->getElement()->getUnderlying());
  if (!T->isUntyped() && !PtrToPtr)
    L = lookupFieldOrMethod(Base->getTypeAsWritten(), E->getName(), &CurPkg);
  if (L.K == Selection::Ambiguous) {
    diag(E->getNameLoc(), diag::err_ambiguous_selector) << exprString(E);
    setInvalid(E);
    return;
  }
  if (L.K == Selection::NotFound) {
    auto *P = llvm::dyn_cast<PointerType>(T->getUnderlying());
    if (P && P->getElement()->isInterface())
      diag(E->getNameLoc(), diag::err_pointer_to_interface)
          << exprString(E) << Base->getTypeAsWritten();
    else
      diag(E->getNameLoc(), diag::err_no_field_or_method)
          << exprString(E) << Base->getTypeAsWritten() << E->getName();
    setInvalid(E);
    return;
  }
  E->path() = L.Path;
  if (L.K == Selection::Field) {
    E->setSelKind(SelectorExpr::Field);
    E->setMode(Expr::Value);
    E->setType(L.FieldTy);
    return;
  }
  if (L.K == Selection::InterfaceMethod) {
    E->setSelKind(SelectorExpr::InterfaceMethod);
    E->setInterfaceMethod(L.Iface, L.MethodIndex);
    E->setMode(Expr::Value);
    E->setType(L.Iface->getMethods()[L.MethodIndex].SigAsWritten);
    return;
  }
  // Method.
  // A method called, or a method value (bound to its receiver now): the
  // receiver is adjusted the same way for both.
  E->setSelKind(SelectorExpr::Method);
  E->setMethod(L.M);
  bool WantPtr = L.M->hasPointerReceiver();
  if (WantPtr && !L.HolderIsPointer) {
    // Needs &x: the value holding the method must be addressable.
    bool Addressable = isAddressable(Base);
    for (const FieldStep &S : L.Path)
      if (S.Deref)
        Addressable = true;
    if (!Addressable) {
      diag(E->getNameLoc(), diag::err_cannot_call_pointer_method)
          << E->getName() << Base->getTypeAsWritten();
      setInvalid(E);
      return;
    }
    E->setRecvAdjust(SelectorExpr::AddrOf);
    if (L.Path.empty() || !L.Path.front().Deref)
      markAddressTaken(Base);
  } else if (!WantPtr && L.HolderIsPointer) {
    E->setRecvAdjust(SelectorExpr::Deref);
  }
  E->setMode(Expr::Value);
  E->setType(L.M->getType());
}

void Sema::checkMethodExpr(SelectorExpr *E) {
  // T.M / (*T).M: M of T's method set, as a function taking the receiver
  // first.
  Type *T = E->getBase()->getTypeAsWritten();
  Selection L = lookupFieldOrMethod(T, E->getName(), &CurPkg);
  if (L.K == Selection::InterfaceMethod && L.Path.empty()) {
    // I.M: func(I, params...) results, dispatching on the first argument.
    E->setSelKind(SelectorExpr::InterfaceMethodExpr);
    E->setInterfaceMethod(L.Iface, L.MethodIndex);
    SignatureType *MSig = L.Iface->getMethods()[L.MethodIndex].SigAsWritten;
    std::vector<Type *> Params = {T};
    for (Type *P : MSig->getParams())
      Params.push_back(P);
    E->setMode(Expr::Value);
    E->setType(types().getSignature(std::move(Params), MSig->getResults(),
                                    MSig->isVariadic()));
    return;
  }
  if (L.K != Selection::Method) {
    if (L.K == Selection::Ambiguous)
      diag(E->getNameLoc(), diag::err_ambiguous_selector) << exprString(E);
    else
      diag(E->getNameLoc(), diag::err_no_field_or_method)
          << exprString(E) << T << E->getName();
    setInvalid(E);
    return;
  }
  if (L.M->hasPointerReceiver() && !L.Indirect) {
    diag(E->getNameLoc(), diag::err_cannot_call_pointer_method)
        << E->getName() << T;
    setInvalid(E);
    return;
  }
  E->setSelKind(SelectorExpr::MethodExpr);
  E->setMethod(L.M);
  E->path() = L.Path; // to the embedded value of a promoted method
  auto *MSig = llvm::cast<SignatureType>(L.M->getTypeAsWritten());
  std::vector<Type *> Params;
  Params.push_back(T);
  for (Type *P : MSig->getParams())
    Params.push_back(P);
  E->setMode(Expr::Value);
  E->setType(types().getSignature(std::move(Params), MSig->getResults(),
                                  MSig->isVariadic()));
}

//===----------------------------------------------------------------------===//
// Addressability
//===----------------------------------------------------------------------===//

bool Sema::isAddressable(const Expr *E) {
  E = skipParens(E);
  switch (E->getKind()) {
  case Expr::Ident: {
    auto *D =
        llvm::dyn_cast_or_null<VarDecl>(llvm::cast<IdentExpr>(E)->getDecl());
    return D != nullptr;
  }
  case Expr::Star:
    return E->getMode() == Expr::Value;
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    switch (I->getIndexKind()) {
    case IndexExpr::SliceIdx:
    case IndexExpr::PointerToArray:
      return true;
    case IndexExpr::Array:
      return isAddressable(I->getBase());
    default:
      return false;
    }
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    if (S->getSelKind() == SelectorExpr::PackageMember)
      return llvm::isa_and_nonnull<VarDecl>(S->getMember()); // os.Args
    if (S->getSelKind() != SelectorExpr::Field)
      return false;
    for (const FieldStep &St : S->path())
      if (St.Deref)
        return true;
    return isAddressable(S->getBase());
  }
  default:
    return false;
  }
}

void Sema::markAddressTaken(Expr *E) {
  E = skipParens(E);
  switch (E->getKind()) {
  case Expr::Ident:
    if (auto *V = llvm::dyn_cast_or_null<VarDecl>(
            llvm::cast<IdentExpr>(E)->getDecl()))
      V->setAddressTaken();
    return;
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    if (I->getIndexKind() == IndexExpr::Array)
      markAddressTaken(I->getBase());
    return;
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    for (const FieldStep &St : S->path())
      if (St.Deref)
        return;
    markAddressTaken(S->getBase());
    return;
  }
  default:
    return;
  }
}

//===----------------------------------------------------------------------===//
// Index and slice
//===----------------------------------------------------------------------===//

/// Checks an index operand: integer, non-negative constant, < Len if known.
/// Go: "invalid argument: index %s must be integer / must not be negative /
/// out of bounds [0:%d]".
static bool checkIndexValue(Sema &S, Expr *Idx, int64_t Len, bool AllowLen,
                            int64_t *ConstOut) {
  if (!S.checkValue(Idx))
    return false;
  Type *T = Idx->getType();
  if (Idx->isConstant() && T->isUntyped()) {
    ConstantValue IV = Idx->getValue().toIntExact();
    if (!IV.isValid() && T->isNumeric()) {
      S.diag(Idx->getLoc(), diag::err_constant_truncated)
          << exprString(Idx) << S.describe(Idx) << "int";
      return false;
    }
    if (!IV.isValid() || !T->isNumeric()) {
      S.diag(Idx->getLoc(), diag::err_index_not_integer)
          << exprString(Idx) << S.describe(Idx);
      return false;
    }
    if (!S.convertUntyped(Idx, S.types().getIntType()))
      return false;
  } else if (!T->isInteger()) {
    S.diag(Idx->getLoc(), diag::err_index_not_integer)
        << exprString(Idx) << S.describe(Idx);
    return false;
  }
  if (Idx->isConstant()) {
    const llvm::APSInt &V = Idx->getValue().getInt();
    if (V.isNegative()) {
      S.diag(Idx->getLoc(), diag::err_index_negative)
          << exprString(Idx) << S.describe(Idx);
      return false;
    }
    if (Len >= 0 && (V.getActiveBits() > 62 || V.getSExtValue() > Len ||
                     (!AllowLen && V.getSExtValue() == Len))) {
      S.diag(Idx->getLoc(), diag::err_index_out_of_bounds)
          << exprString(Idx) << (AllowLen ? Len + 1 : Len);
      return false;
    }
    if (ConstOut)
      *ConstOut = V.getActiveBits() > 62 ? INT64_MAX : V.getSExtValue();
  }
  return true;
}

void Sema::checkIndex(IndexExpr *E) {
  Expr *Base = E->getBase();
  checkExpr(Base);
  if (Base->getMode() == Expr::TypeExpr) {
    diag(E->getLoc(), diag::err_not_supported) << "type parameter";
    setInvalid(E);
    return;
  }
  if (!requireValue(Base)) {
    checkExpr(E->getIndex());
    setInvalid(E);
    return;
  }
  Type *T = Base->getType();
  // Element types as written, so that messages say byte where Go does.
  Type *U = Base->getTypeAsWritten()->getUnderlyingAsWritten();
  if (auto *P = llvm::dyn_cast<PointerType>(U))
    if (auto *A = llvm::dyn_cast<ArrayType>(
            P->getElement()->getUnderlyingAsWritten())) {
      if (!checkIndexValue(*this, E->getIndex(), A->getLength(), false,
                           nullptr)) {
        setInvalid(E);
        return;
      }
      E->setIndexKind(IndexExpr::PointerToArray);
      E->setMode(Expr::Value);
      E->setType(A->getElement());
      return;
    }
  if (auto *M = llvm::dyn_cast<MapType>(U)) {
    Expr *K = E->getIndex();
    if (!checkValue(K, M->getKey()) || !assignTo(K, M->getKey(), "map index")) {
      setInvalid(E);
      return;
    }
    E->setIndex(K);
    E->setIndexKind(IndexExpr::Map);
    E->setMode(Expr::Value);
    E->setType(M->getValue());
    return;
  }
  if (auto *A = llvm::dyn_cast<ArrayType>(U)) {
    if (!checkIndexValue(*this, E->getIndex(), A->getLength(), false,
                         nullptr)) {
      setInvalid(E);
      return;
    }
    E->setIndexKind(IndexExpr::Array);
    E->setMode(Expr::Value);
    E->setType(A->getElement());
    return;
  }
  if (auto *S = llvm::dyn_cast<SliceType>(U)) {
    if (!checkIndexValue(*this, E->getIndex(), -1, false, nullptr)) {
      setInvalid(E);
      return;
    }
    E->setIndexKind(IndexExpr::SliceIdx);
    E->setMode(Expr::Value);
    E->setType(S->getElement());
    return;
  }
  if (U->isString()) {
    int64_t Len = -1;
    if (Base->isConstant())
      Len = Base->getValue().getString().size();
    int64_t CI = -1;
    if (!checkIndexValue(*this, E->getIndex(), Len, false, &CI)) {
      setInvalid(E);
      return;
    }
    if (T->isUntyped())
      convertUntyped(Base, types().getStringType());
    E->setIndexKind(IndexExpr::StringIdx);
    Type *Byte = types().getByteType();
    if (Base->isConstant() && E->getIndex()->isConstant() && CI >= 0) {
      // Go: indexing a constant string is not a constant, but its value is
      // known; keep it a value.
    }
    E->setMode(Expr::Value);
    E->setType(Byte);
    return;
  }
  diag(E->getLoc(), diag::err_cannot_index)
      << exprString(Base) << describe(Base);
  checkExpr(E->getIndex());
  setInvalid(E);
}

void Sema::checkSliceExpr(SliceExpr *E) {
  Expr *Base = E->getBase();
  if (!checkValue(Base)) {
    setInvalid(E);
    return;
  }
  Type *T = Base->getTypeAsWritten();
  Type *U = T->getUnderlyingAsWritten();
  int64_t Len = -1;
  Type *Result = nullptr;
  if (U->isString()) {
    if (E->getMax()) {
      diag(E->getMax()->getLoc(), diag::err_3index_string);
      setInvalid(E);
      return;
    }
    if (Base->isConstant())
      Len = Base->getValue().getString().size();
    if (T->isUntyped()) {
      convertUntyped(Base, types().getStringType());
      T = Base->getTypeAsWritten();
    }
    E->setSliceKind(SliceExpr::String);
    Result = T;
  } else if (auto *A = llvm::dyn_cast<ArrayType>(U)) {
    if (!isAddressable(Base)) {
      diag(E->getLoc(), diag::err_slice_unaddressable) << exprString(Base);
      setInvalid(E);
      return;
    }
    markAddressTaken(Base);
    Len = A->getLength();
    E->setSliceKind(SliceExpr::Array);
    Result = types().getSlice(A->getElement());
  } else if (auto *P = llvm::dyn_cast<PointerType>(U)) {
    auto *A =
        llvm::dyn_cast<ArrayType>(P->getElement()->getUnderlyingAsWritten());
    if (!A) {
      diag(E->getLoc(), diag::err_cannot_slice)
          << exprString(Base) << describe(Base);
      setInvalid(E);
      return;
    }
    Len = A->getLength();
    E->setSliceKind(SliceExpr::PointerToArray);
    Result = types().getSlice(A->getElement());
  } else if (llvm::isa<SliceType>(U)) {
    E->setSliceKind(SliceExpr::SliceOfSlice);
    Result = T;
  } else {
    diag(E->getLoc(), diag::err_cannot_slice)
        << exprString(Base) << describe(Base);
    setInvalid(E);
    return;
  }
  Expr *Idx[3] = {E->getLow(), E->getHigh(), E->getMax()};
  int64_t Vals[3] = {-1, -1, -1};
  bool OK = true;
  for (int I = 0; I < 3; ++I)
    if (Idx[I] && !checkIndexValue(*this, Idx[I], Len, true, &Vals[I]))
      OK = false;
  if (!OK) {
    setInvalid(E);
    return;
  }
  // Constant indices must be non-decreasing.
  for (int I = 0; I < 3; ++I)
    for (int J = I + 1; J < 3; ++J)
      if (Vals[I] >= 0 && Vals[J] >= 0 && Vals[I] > Vals[J]) {
        diag(Idx[J]->getLoc(), diag::err_slice_indices_inverted)
            << Vals[J] << Vals[I];
        setInvalid(E);
        return;
      }
  E->setMode(Expr::Value);
  E->setType(Result);
}

//===----------------------------------------------------------------------===//
// Calls and conversions
//===----------------------------------------------------------------------===//

void Sema::checkCall(CallExpr *E) {
  Expr *Callee = E->getCallee();
  Expr *Inner = skipParens(Callee);
  std::vector<Expr *> TypeArgs;
  if (FuncDecl *G = genericCallee(Inner, TypeArgs)) {
    checkGenericCall(E, G, TypeArgs);
    return;
  }
  if (auto *S = llvm::dyn_cast<SelectorExpr>(Inner))
    checkSelector(S, true);
  else
    checkExpr(Inner);
  if (Inner != Callee) {
    Callee->setMode(Inner->getMode());
    Callee->setType(Inner->getTypeAsWritten());
  }
  switch (Inner->getMode()) {
  case Expr::Invalid:
    for (Expr *A : E->args())
      checkExpr(A);
    setInvalid(E);
    return;
  case Expr::TypeExpr:
    checkConversion(E, Inner->getTypeAsWritten());
    return;
  case Expr::Builtin: {
    auto *I = llvm::cast<IdentExpr>(Inner);
    checkBuiltinCall(E, llvm::cast<BuiltinDecl>(I->getDecl())->getBuiltin());
    return;
  }
  default:
    break;
  }
  if (auto *S = llvm::dyn_cast<SelectorExpr>(Inner)) {
    if (S->getSelKind() == SelectorExpr::PackageMember) {
      if (auto *PF = llvm::dyn_cast<PkgFuncDecl>(S->getMember())) {
        checkPkgCall(E, PF);
        return;
      }
      // A function of a package written in gm: an ordinary direct call.
      if (auto *F = llvm::dyn_cast<FuncDecl>(S->getMember())) {
        E->setCallKind(CallExpr::Function);
        E->setFunc(F);
        checkArgs(E, llvm::cast<SignatureType>(F->getTypeAsWritten()),
                  exprString(Callee));
        return;
      }
    }
    if (S->getSelKind() == SelectorExpr::InterfaceMethod) {
      E->setCallKind(CallExpr::InterfaceMethod);
      auto *Sig = llvm::cast<SignatureType>(S->getTypeAsWritten());
      checkArgs(E, Sig, exprString(Callee));
      return;
    }
    if (S->getSelKind() == SelectorExpr::Method) {
      E->setCallKind(CallExpr::Method);
      E->setFunc(S->getMethod());
      // Signatures as written: "as byte value in argument to f".
      auto *Sig = llvm::cast<SignatureType>(S->getMethod()->getTypeAsWritten());
      checkArgs(E, Sig, exprString(Callee));
      return;
    }
  }
  if (auto *I = llvm::dyn_cast<IdentExpr>(Inner))
    if (auto *F = llvm::dyn_cast_or_null<FuncDecl>(I->getDecl())) {
      E->setCallKind(CallExpr::Function);
      E->setFunc(F);
      auto *Sig = llvm::dyn_cast_or_null<SignatureType>(F->getTypeAsWritten());
      if (!Sig) {
        setInvalid(E);
        return;
      }
      checkArgs(E, Sig, I->getName());
      return;
    }
  if (Inner->getMode() == Expr::Value &&
      llvm::isa<SignatureType>(Inner->getType()->getUnderlying())) {
    E->setCallKind(CallExpr::FuncValue);
    checkArgs(E,
              llvm::cast<SignatureType>(
                  Inner->getTypeAsWritten()->getUnderlyingAsWritten()),
              exprString(Callee));
    return;
  }
  diag(E->getLoc(), diag::err_not_a_func)
      << exprString(Callee) << describe(Callee);
  for (Expr *A : E->args())
    checkExpr(A);
  setInvalid(E);
}

/// "number", "string", "int" as Go's "have (...)" lists print arguments.
std::string gm::lang::argumentTypeString(const Expr *E) {
  Type *T = E->getTypeAsWritten();
  if (!T)
    return "invalid type";
  if (T->isUntyped()) {
    if (T->isNumeric())
      return "number";
    if (T->getKind() == Type::UntypedString)
      return "string";
    if (T->getKind() == Type::UntypedBool)
      return "bool";
    return "nil";
  }
  return typeString(T, false);
}

void Sema::checkArgs(CallExpr *E, SignatureType *Sig, llvm::StringRef Name,
                     bool ArgsChecked) {
  E->setSignature(Sig);
  auto &Args = E->args();
  auto Params = Sig->getParams();
  bool OK = true;
  // f(g()) with a multi-value g.
  std::vector<Type *> ArgTypes;
  bool Spread = false;
  if (Args.size() == 1) {
    if (!ArgsChecked && !checkValueOrTuple(Args[0])) {
      OK = false;
    } else if (auto *Tu =
                   llvm::dyn_cast<TupleType>(Args[0]->getTypeAsWritten())) {
      Spread = true;
      for (Type *T : Tu->getElements())
        ArgTypes.push_back(T);
    }
  } else if (!ArgsChecked) {
    for (Expr *A : Args)
      if (!checkValue(A))
        OK = false;
  }
  if (!OK) {
    setInvalid(E);
    return;
  }
  auto ParamTypeStr = [&]() {
    std::string S;
    for (size_t I = 0; I < Params.size(); ++I) {
      if (I)
        S += ", ";
      if (Sig->isVariadic() && I + 1 == Params.size())
        S += "..." +
             typeString(llvm::cast<SliceType>(Params[I])->getElement(), false);
      else
        S += typeString(Params[I], false);
    }
    return S;
  };
  auto HaveStr = [&]() {
    std::string S;
    if (Spread) {
      for (size_t I = 0; I < ArgTypes.size(); ++I)
        S += (I ? ", " : "") + typeString(ArgTypes[I], false);
      return S;
    }
    for (size_t I = 0; I < Args.size(); ++I)
      S += (I ? ", " : "") + argumentTypeString(Args[I]);
    return S;
  };
  size_t NArgs = Spread ? ArgTypes.size() : Args.size();
  size_t NFixed = Sig->isVariadic() ? Params.size() - 1 : Params.size();
  if (E->hasEllipsis()) {
    if (!Sig->isVariadic()) {
      diag(E->getLoc(), diag::err_cannot_use_ellipsis) << Name.str();
      setInvalid(E);
      return;
    }
    NFixed = Params.size();
  }
  bool TooFew = NArgs < NFixed;
  bool TooMany =
      !Sig->isVariadic() || E->hasEllipsis() ? NArgs > NFixed : false;
  if (TooFew || TooMany) {
    // Go: at the first extra argument, else the last argument, else the
    // call itself.
    llvm::SMLoc At = E->getLoc();
    if (TooMany && !Spread)
      At = Args[NFixed]->getLoc();
    else if (!Args.empty())
      At = Args.back()->getLoc();
    diag(At, TooFew ? diag::err_not_enough_args : diag::err_too_many_args)
        << Name.str() << HaveStr() << ParamTypeStr();
    setInvalid(E);
    return;
  }
  std::string Ctx = "argument to " + Name.str();
  if (Spread) {
    for (size_t I = 0; I < ArgTypes.size(); ++I) {
      Type *PT = I < NFixed
                     ? Params[I]
                     : llvm::cast<SliceType>(Params.back())->getElement();
      if (!isAssignableTo(ArgTypes[I], PT)) {
        std::string What = "value of type " + typeString(ArgTypes[I], false);
        // As assignTo says it: why the result does not implement PT.
        if (auto *IT = llvm::dyn_cast<InterfaceType>(PT->getUnderlying()))
          diag(Args[0]->getLoc(), diag::err_cannot_use_reason)
              << exprString(Args[0]) << What << PT << Ctx
              << missingMethodReason(ArgTypes[I], PT,
                                     findMissingMethod(ArgTypes[I], IT));
        else
          diag(Args[0]->getLoc(), diag::err_cannot_use)
              << exprString(Args[0]) << What << PT << Ctx;
        OK = false;
      }
    }
  } else {
    for (size_t I = 0; I < Args.size(); ++I) {
      Type *PT;
      if (I < NFixed)
        PT = Params[I];
      else
        PT = llvm::cast<SliceType>(Params.back())->getElement();
      if (!assignTo(Args[I], PT, Ctx))
        OK = false;
    }
  }
  if (!OK) {
    setInvalid(E);
    return;
  }
  TupleType *R = Sig->getResults();
  if (R->size() == 0) {
    E->setMode(Expr::NoValue);
    E->setType(R);
  } else if (R->size() == 1) {
    E->setMode(Expr::Value);
    E->setType(R->getElement(0));
  } else {
    E->setMode(Expr::Value);
    E->setType(R);
  }
}

void Sema::checkConversion(CallExpr *E, Type *T) {
  E->setCallKind(CallExpr::Conversion);
  if (E->args().size() != 1 || E->hasEllipsis()) {
    for (Expr *A : E->args())
      checkExpr(A);
    if (E->args().empty())
      diag(E->getRParenLoc(), diag::err_syntax)
          << ("missing argument in conversion to " + typeString(T, false));
    else
      diag(E->args()[1 % E->args().size()]->getLoc(), diag::err_syntax)
          << ("too many arguments in conversion to " + typeString(T, false));
    setInvalid(E);
    return;
  }
  Expr *X = E->args()[0];
  if (!checkValue(X, T)) {
    setInvalid(E);
    return;
  }
  Type *XT = X->getType();
  Type *TU = T->getUnderlying();
  if (X->isConstant() && llvm::isa<BasicType>(TU)) {
    const ConstantValue &V = X->getValue();
    // Constant conversions stay constant (Go spec "Conversions").
    if (TU->isString() && XT->isInteger()) {
      // string(rune): the UTF-8 encoding, or "\uFFFD" when out of range.
      const llvm::APSInt &I = V.getInt();
      uint32_t CP = 0xFFFD;
      if (!I.isNegative() && I.getActiveBits() <= 32) {
        uint64_t C = I.getZExtValue();
        if (C <= 0x10FFFF && !(C >= 0xD800 && C < 0xE000))
          CP = uint32_t(C);
      }
      std::string S;
      if (CP < 0x80)
        S += char(CP);
      else if (CP < 0x800) {
        S += char(0xC0 | (CP >> 6));
        S += char(0x80 | (CP & 0x3F));
      } else if (CP < 0x10000) {
        S += char(0xE0 | (CP >> 12));
        S += char(0x80 | ((CP >> 6) & 0x3F));
        S += char(0x80 | (CP & 0x3F));
      } else {
        S += char(0xF0 | (CP >> 18));
        S += char(0x80 | ((CP >> 12) & 0x3F));
        S += char(0x80 | ((CP >> 6) & 0x3F));
        S += char(0x80 | (CP & 0x3F));
      }
      if (XT->isUntyped())
        convertUntyped(X, defaultType(types(), XT));
      setConstant(E, T, ConstantValue::getString(S));
      return;
    }
    bool NumOK = TU->isNumeric() && XT->isNumeric();
    bool Same = (TU->isString() && XT->isString()) ||
                (TU->isBoolean() && XT->isBoolean());
    if (NumOK || Same) {
      ConstantValue R;
      ConstantValue In = V;
      // Typed float -> integer conversion of a constant must be exact.
      if (!In.representable(T, R)) {
        // go/types has already replaced an integral float by its integer
        // value when the range check fails: "cannot convert 1e19 (untyped
        // float constant 10000000000000000000) to type int64".
        if (In.isFloat() && TU->isInteger()) {
          ConstantValue IV = In.toIntExact();
          if (IV.isValid())
            X->setValue(IV);
        }
        diag(X->getLoc(), diag::err_cannot_convert)
            << exprString(X) << describe(X) << T;
        setInvalid(E);
        return;
      }
      if (XT->isUntyped()) {
        // The operand itself takes the target type's kind for codegen.
        X->setType(T);
        X->setValue(R);
      }
      setConstant(E, T, R);
      return;
    }
  }
  if (XT->isUntyped()) {
    if (XT->getKind() == Type::UntypedNil) {
      if (!hasNilValue(TU)) {
        diag(X->getLoc(), diag::err_cannot_convert)
            << exprString(X) << describe(X) << T;
        setInvalid(E);
        return;
      }
      X->setType(T);
    } else {
      Type *D = defaultType(types(), XT);
      if (X->isConstant() && !TU->isInterface() &&
          TU->isNumeric() != XT->isNumeric()) {
        if (!(TU->isString() && XT->isInteger()) &&
            !(llvm::isa<SliceType>(TU) && XT->isString())) {
          diag(X->getLoc(), diag::err_cannot_convert)
              << exprString(X) << describe(X) << T;
          setInvalid(E);
          return;
        }
      }
      if (!convertUntyped(X, isConvertible(D, T) && !TU->isNumeric() ? D
                             : TU->isNumeric() && XT->isNumeric()    ? T
                                                                     : D)) {
        setInvalid(E);
        return;
      }
    }
    XT = X->getType();
  }
  if (!isConvertible(XT, T)) {
    diag(X->getLoc(), diag::err_cannot_convert)
        << exprString(X) << describe(X) << T;
    setInvalid(E);
    return;
  }
  E->setMode(Expr::Value);
  E->setType(T);
}

//===----------------------------------------------------------------------===//
// Unary, star, binary
//===----------------------------------------------------------------------===//

void Sema::checkStar(StarExpr *E) {
  Expr *X = E->getOperand();
  checkExpr(X);
  if (X->getMode() == Expr::Invalid) {
    setInvalid(E);
    return;
  }
  if (X->getMode() == Expr::TypeExpr) {
    E->setMode(Expr::TypeExpr);
    E->setType(types().getPointer(X->getTypeAsWritten()));
    return;
  }
  if (!requireValue(X)) {
    setInvalid(E);
    return;
  }
  auto *P = llvm::dyn_cast<PointerType>(
      X->getTypeAsWritten()->getUnderlyingAsWritten());
  if (!P) {
    diag(X->getLoc(), diag::err_cannot_indirect)
        << exprString(X) << describe(X);
    setInvalid(E);
    return;
  }
  E->setMode(Expr::Value);
  E->setType(P->getElement());
}

void Sema::checkUnary(UnaryExpr *E) {
  Expr *X = E->getOperand();
  tok::TokenKind Op = E->getOp();
  if (Op == tok::amp) {
    Expr *Inner = skipParens(X);
    if (auto *CL = llvm::dyn_cast<CompositeLitExpr>(Inner)) {
      checkCompositeLit(CL, nullptr);
      if (CL->getMode() == Expr::Invalid) {
        setInvalid(E);
        return;
      }
      if (Inner != X) {
        X->setMode(CL->getMode());
        X->setType(CL->getTypeAsWritten());
      }
      E->setMode(Expr::Value);
      E->setType(types().getPointer(CL->getTypeAsWritten()));
      return;
    }
    if (!checkValue(X)) {
      setInvalid(E);
      return;
    }
    if (!isAddressable(X)) {
      diag(X->getLoc(), diag::err_cannot_take_address)
          << exprString(X) << describe(X);
      setInvalid(E);
      return;
    }
    markAddressTaken(X);
    E->setMode(Expr::Value);
    E->setType(types().getPointer(X->getTypeAsWritten()));
    return;
  }
  if (!checkValue(X)) {
    setInvalid(E);
    return;
  }
  if (Op == tok::arrow) {
    auto *CT = llvm::dyn_cast<ChanType>(X->getType()->getUnderlying());
    if (!CT || !CT->canRecv()) {
      diag(X->getLoc(), CT ? diag::err_recv_send_only : diag::err_recv_non_chan)
          << exprString(X) << describe(X);
      setInvalid(E);
      return;
    }
    E->setMode(Expr::Value);
    E->setType(
        llvm::cast<ChanType>(X->getTypeAsWritten()->getUnderlyingAsWritten())
            ->getElement());
    return;
  }
  Type *T = X->getType();
  bool OK = false;
  switch (Op) {
  case tok::plus:
  case tok::minus:
    OK = T->isNumeric();
    break;
  case tok::exclaim:
    OK = T->isBoolean();
    break;
  case tok::caret:
    OK = T->isInteger();
    break;
  default:
    break;
  }
  if (!OK) {
    diag(X->getLoc(), diag::err_operator_not_defined)
        << tok::getSpelling(Op) << exprString(X) << describe(X);
    setInvalid(E);
    return;
  }
  if (X->isConstant()) {
    bool Ov = false;
    unsigned UBits = T->isUnsigned() ? T->getBitWidth() : 0;
    ConstantValue V = X->getValue();
    if (V.isFloat() && T->isUntyped())
      V = V.toFloat();
    ConstantValue R = ConstantValue::unaryOp(Op, V, UBits, Ov);
    if (!R.isValid() || (T->isUntyped() && exceedsConstantPrecision(R))) {
      // Go names the operation: "constant bitwise complement overflow".
      diag(E->getLoc(), diag::err_constant_op_overflow)
          << (Op == tok::caret ? "bitwise complement " : "");
      setInvalid(E);
      return;
    }
    setConstant(E, X->getTypeAsWritten(), R);
    checkConstResult(E);
    return;
  }
  E->setMode(Expr::Value);
  E->setType(X->getTypeAsWritten());
}

static bool isOpDefined(tok::TokenKind Op, Type *T) {
  switch (Op) {
  case tok::plus:
    return T->isNumeric() || T->isString();
  case tok::minus:
  case tok::star:
  case tok::slash:
    return T->isNumeric();
  case tok::percent:
  case tok::amp:
  case tok::pipe:
  case tok::caret:
  case tok::ampcaret:
    return T->isInteger();
  case tok::ampamp:
  case tok::pipepipe:
    return T->isBoolean();
  default:
    return false;
  }
}

/// Rank of untyped numeric kinds for mixing (int < rune < float).
static int untypedRank(Type::Kind K) {
  switch (K) {
  case Type::UntypedInt:
    return 1;
  case Type::UntypedRune:
    return 2;
  case Type::UntypedFloat:
    return 3;
  default:
    return 0;
  }
}

/// Brings two checked operands to a common type (Go's matchTypes).
static bool matchTypes(Sema &S, Expr *L, Expr *R) {
  Type *LT = L->getType(), *RT = R->getType();
  if (LT->isUntyped() && !RT->isUntyped())
    return S.convertUntyped(L, R->getTypeAsWritten());
  if (!LT->isUntyped() && RT->isUntyped())
    return S.convertUntyped(R, L->getTypeAsWritten());
  if (LT->isUntyped() && RT->isUntyped()) {
    int LR = untypedRank(LT->getKind()), RR = untypedRank(RT->getKind());
    if (LR && RR) {
      if (LR < RR)
        return S.convertUntyped(L, RT);
      if (RR < LR)
        return S.convertUntyped(R, LT);
    }
  }
  return true;
}

void Sema::checkBinary(BinaryExpr *E, Type *Hint) {
  if (E->isShift()) {
    checkShift(E);
    return;
  }
  if (E->isComparison()) {
    checkComparison(E);
    return;
  }
  Expr *L = E->getLHS(), *R = E->getRHS();
  bool LOK = checkValue(L), ROK = checkValue(R);
  if (!LOK || !ROK) {
    setInvalid(E);
    return;
  }
  if (!matchTypes(*this, L, R)) {
    setInvalid(E);
    return;
  }
  Type *LT = L->getType(), *RT = R->getType();
  if (LT != RT && !(LT->isUntyped() && RT->isUntyped() &&
                    untypedRank(LT->getKind()) && untypedRank(RT->getKind()))) {
    if (LT->isUntyped() && RT->isUntyped() && LT->getKind() == RT->getKind()) {
    } else {
      diag(L->getLoc(), diag::err_mismatched_types)
          << exprString(E) << L->getTypeAsWritten() << R->getTypeAsWritten();
      setInvalid(E);
      return;
    }
  }
  tok::TokenKind Op = E->getOp();
  if (!isOpDefined(Op, LT)) {
    diag(L->getLoc(), diag::err_operator_not_defined)
        << tok::getSpelling(Op) << exprString(L) << describe(L);
    setInvalid(E);
    return;
  }
  if ((Op == tok::slash || Op == tok::percent) && R->isConstant() &&
      (L->isConstant() || LT->isInteger())) {
    const ConstantValue &RV = R->getValue();
    bool Zero = RV.isZero();
    if (Zero) {
      diag(R->getLoc(), diag::err_division_by_zero);
      setInvalid(E);
      return;
    }
  }
  if (L->isConstant() && R->isConstant()) {
    ConstantValue LV = L->getValue(), RV = R->getValue();
    bool IntDiv = LT->isInteger();
    if (!IntDiv || LV.isFloat() || RV.isFloat()) {
      if (LV.isInt() || LV.isFloat())
        LV = LV.toFloat();
      if (RV.isInt() || RV.isFloat())
        RV = RV.toFloat();
    }
    if (IntDiv && (LV.isFloat() || RV.isFloat())) {
      LV = LV.toIntExact();
      RV = RV.toIntExact();
    }
    bool DivZ = false, Ov = false;
    ConstantValue Res = ConstantValue::binaryOp(Op, LV, RV, DivZ, Ov);
    if (!Res.isValid() ||
        (LT->isUntyped() && RT->isUntyped() && exceedsConstantPrecision(Res))) {
      if (DivZ)
        diag(R->getLoc(), diag::err_division_by_zero);
      else
        diag(E->getOpLoc().isValid() ? E->getOpLoc() : E->getLoc(),
             diag::err_constant_op_overflow)
            << constantOpName(Op);
      setInvalid(E);
      return;
    }
    Type *T = L->getTypeAsWritten();
    if (LT->isUntyped() && RT->isUntyped() &&
        untypedRank(RT->getKind()) > untypedRank(LT->getKind()))
      T = RT;
    if (T->getKind() == Type::UntypedFloat && Res.isInt())
      Res = Res.toFloat();
    setConstant(E, T, Res);
    checkConstResult(E);
    return;
  }
  Type *T = L->getTypeAsWritten();
  if (LT->isUntyped() && RT->isUntyped() &&
      untypedRank(RT->getKind()) > untypedRank(LT->getKind()))
    T = RT;
  E->setMode(Expr::Value);
  E->setType(T);
}

void Sema::checkShift(BinaryExpr *E) {
  Expr *L = E->getLHS(), *R = E->getRHS();
  bool LOK = checkValue(L), ROK = checkValue(R);
  if (!LOK || !ROK) {
    setInvalid(E);
    return;
  }
  // The count: an integer, or an untyped constant representable as uint.
  Type *RT = R->getType();
  if (R->isConstant()) {
    ConstantValue IV = R->getValue().toIntExact();
    if (!IV.isValid() && RT->isNumeric() && RT->isUntyped()) {
      diag(R->getLoc(), diag::err_constant_truncated)
          << exprString(R) << describe(R) << "uint";
      setInvalid(E);
      return;
    }
    if (!IV.isValid() || !RT->isNumeric()) {
      diag(R->getLoc(), diag::err_invalid_shift_count)
          << exprString(R) << describe(R);
      setInvalid(E);
      return;
    }
    if (IV.getInt().isNegative()) {
      diag(R->getLoc(), diag::err_negative_shift_count)
          << exprString(R) << describe(R);
      setInvalid(E);
      return;
    }
    if (RT->isUntyped())
      convertUntyped(R, types().getBasic(Type::Uint));
  } else if (!RT->isInteger()) {
    diag(R->getLoc(), diag::err_invalid_shift_count)
        << exprString(R) << describe(R);
    setInvalid(E);
    return;
  }
  Type *LT = L->getType();
  if (L->isConstant()) {
    if (LT->isUntyped()) {
      ConstantValue IV = L->getValue().toIntExact();
      if (!IV.isValid()) {
        diag(L->getLoc(), diag::err_shift_of_non_integer)
            << exprString(L) << describe(L);
        setInvalid(E);
        return;
      }
      if (R->isConstant()) {
        // Constant shift: the result is an untyped integer constant (Go
        // keeps the untyped kind of an integer-valued float as int).
        L->setValue(IV);
        if (LT->getKind() == Type::UntypedFloat)
          L->setType(types().getBasic(Type::UntypedInt));
        LT = L->getType();
      }
    } else if (!LT->isInteger()) {
      diag(L->getLoc(), diag::err_shift_of_non_integer)
          << exprString(L) << describe(L);
      setInvalid(E);
      return;
    }
    if (R->isConstant()) {
      const llvm::APSInt &C = R->getValue().getInt();
      bool Ov = false;
      uint64_t Count = C.getActiveBits() > 32 ? UINT64_MAX : C.getZExtValue();
      ConstantValue Res =
          ConstantValue::shift(E->getOp(), L->getValue(), Count, Ov);
      if (!Res.isValid()) {
        diag(E->getOpLoc(), diag::err_constant_shift_overflow);
        setInvalid(E);
        return;
      }
      setConstant(E, L->getTypeAsWritten(), Res);
      checkConstResult(E);
      return;
    }
    // Non-constant shift of an untyped constant: the type comes from the
    // context (convertUntyped recurses into the LHS).
    if (LT->isUntyped()) {
      E->setMode(Expr::Value);
      E->setType(LT->getKind() == Type::UntypedFloat
                     ? types().getBasic(Type::UntypedInt)
                     : LT);
      return;
    }
  } else if (!LT->isInteger()) {
    diag(L->getLoc(), diag::err_shift_of_non_integer)
        << exprString(L) << describe(L);
    setInvalid(E);
    return;
  }
  E->setMode(Expr::Value);
  E->setType(L->getTypeAsWritten());
}

/// The reason two operands cannot be compared, for Go's messages.
static diag::Kind incomparableKind(Type *T) {
  Type *U = T->getUnderlying();
  if (llvm::isa<MapType>(U))
    return diag::err_map_compare;
  if (llvm::isa<SliceType>(U))
    return diag::err_slice_compare;
  if (llvm::isa<SignatureType>(U))
    return diag::err_func_compare;
  return diag::err_incomparable;
}

void Sema::checkComparison(BinaryExpr *E) {
  Expr *L = E->getLHS(), *R = E->getRHS();
  bool LOK = checkValue(L), ROK = checkValue(R);
  if (!LOK || !ROK) {
    setInvalid(E);
    return;
  }
  Type *LT = L->getType(), *RT = R->getType();
  bool LNil = LT->getKind() == Type::UntypedNil;
  bool RNil = RT->getKind() == Type::UntypedNil;
  tok::TokenKind Op = E->getOp();
  bool Eq = Op == tok::equalequal || Op == tok::exclaimequal;
  Type *UB = types().getBasic(Type::UntypedBool);
  if (LNil || RNil) {
    if (LNil && RNil) {
      diag(E->getLoc(), diag::err_operator_not_defined)
          << tok::getSpelling(Op) << "nil"
          << "untyped nil";
      setInvalid(E);
      return;
    }
    Expr *V = LNil ? R : L;
    Expr *N = LNil ? L : R;
    Type *VU = V->getType()->getUnderlying();
    if (!Eq || !hasNilValue(VU)) {
      if (!Eq && llvm::isa<PointerType, SliceType, MapType, ChanType>(VU))
        diag(L->getLoc(), diag::err_operator_not_defined)
            << tok::getSpelling(Op) << exprString(L) << describe(L);
      else
        diag(N->getLoc(), diag::err_cannot_convert)
            << "nil"
            << "untyped nil" << V->getTypeAsWritten();
      setInvalid(E);
      return;
    }
    N->setType(V->getTypeAsWritten());
    E->setMode(Expr::Value);
    E->setType(UB);
    return;
  }
  if (Eq && (LT->isInterface() || RT->isInterface()) && !isIdentical(LT, RT)) {
    // An interface against a value assignable to it (or another
    // interface): the value converts, then two interfaces compare.
    bool ToLeft = LT->isInterface() && isAssignableTo(RT, LT);
    bool ToRight = !ToLeft && RT->isInterface() && isAssignableTo(LT, RT);
    if (ToLeft || ToRight) {
      Expr *V = ToLeft ? R : L;
      Type *IT = ToLeft ? L->getTypeAsWritten() : R->getTypeAsWritten();
      if (V->getType()->isUntyped() && !defaultConvert(V)) {
        setInvalid(E);
        return;
      }
      if (!isComparable(V->getType())) {
        diag(V->getLoc(), incomparableKind(V->getType()))
            << exprString(E) << V->getTypeAsWritten();
        setInvalid(E);
        return;
      }
      V = convertToInterface(V, IT);
      if (ToLeft)
        E->setRHS(V);
      else
        E->setLHS(V);
      E->setMode(Expr::Value);
      E->setType(UB);
      return;
    }
  }
  if (!matchTypes(*this, L, R)) {
    setInvalid(E);
    return;
  }
  LT = L->getType();
  RT = R->getType();
  // Go compares values of which one is assignable to the other's type:
  // a bidirectional channel with a directional one.
  bool Compatible =
      LT == RT ||
      (LT->isUntyped() && RT->isUntyped() && untypedRank(LT->getKind()) &&
       untypedRank(RT->getKind())) ||
      (llvm::isa<ChanType>(LT->getUnderlying()) &&
       (isAssignableTo(LT, RT) || isAssignableTo(RT, LT)));
  if (!Compatible) {
    // Go reports a comparison's mismatch at the second operand: only that
    // operand reveals it.
    diag(R->getLoc(), diag::err_mismatched_types)
        << exprString(E) << L->getTypeAsWritten() << R->getTypeAsWritten();
    setInvalid(E);
    return;
  }
  if (Eq) {
    if (!isComparable(LT)) {
      diag(L->getLoc(), incomparableKind(LT))
          << exprString(E) << L->getTypeAsWritten();
      setInvalid(E);
      return;
    }
  } else if (llvm::isa<ChanType>(LT->getUnderlying())) {
    // Go names the kind: (operator < not defined on chan).
    diag(L->getLoc(), diag::err_ordered_not_defined)
        << exprString(E) << tok::getSpelling(Op) << "chan";
    setInvalid(E);
    return;
  } else if (!LT->isOrdered()) {
    diag(L->getLoc(), diag::err_operator_not_defined)
        << tok::getSpelling(Op) << exprString(L) << describe(L);
    setInvalid(E);
    return;
  }
  if (L->isConstant() && R->isConstant()) {
    ConstantValue LV = L->getValue(), RV = R->getValue();
    if (LV.isFloat() || RV.isFloat()) {
      LV = LV.toFloat();
      RV = RV.toFloat();
    }
    setConstant(E, UB,
                ConstantValue::getBool(ConstantValue::compare(Op, LV, RV)));
    return;
  }
  // Untyped operands of a non-constant comparison take their default type.
  if (LT->isUntyped()) {
    defaultConvert(L);
    defaultConvert(R);
  }
  E->setMode(Expr::Value);
  E->setType(UB);
}

//===----------------------------------------------------------------------===//
// Composite literals
//===----------------------------------------------------------------------===//

void Sema::checkElementValue(CompositeElement &El, Type *ElemTy,
                             llvm::StringRef Context) {
  Expr *V = El.Value;
  if (auto *CL = llvm::dyn_cast<CompositeLitExpr>(V)) {
    if (!CL->getTypeSyntax()) {
      // Elided type: T, or &T for an element of type *T.
      if (auto *P = llvm::dyn_cast<PointerType>(ElemTy)) {
        checkCompositeLit(CL, P->getElement());
        if (CL->getMode() == Expr::Invalid)
          return;
        auto *Addr = CU.create<UnaryExpr>(CL->getLoc(), tok::amp, CL);
        Addr->setMode(Expr::Value);
        Addr->setType(ElemTy);
        El.Value = Addr;
        return;
      }
      checkCompositeLit(CL, ElemTy);
      return;
    }
  }
  if (!checkValue(V, ElemTy))
    return;
  assignTo(V, ElemTy, Context);
  El.Value = V;
}

void Sema::checkCompositeLit(CompositeLitExpr *E, Type *Expected) {
  Type *T = nullptr;
  Expr *TS = E->getTypeSyntax();
  bool OpenArray = false;
  Type *OpenElem = nullptr;
  if (TS) {
    auto *AT = llvm::dyn_cast<ArrayTypeExpr>(skipParens(TS));
    if (AT && AT->isEllipsis()) {
      OpenArray = true;
      OpenElem = resolveTypeAsWritten(AT->getElem());
      if (OpenElem->isInvalid()) {
        setInvalid(E);
        return;
      }
    } else {
      T = resolveTypeAsWritten(TS);
    }
  } else if (Expected) {
    T = Expected;
  } else {
    diag(E->getLoc(), diag::err_missing_type_composite);
    setInvalid(E);
    return;
  }
  if (T && T->isInvalid()) {
    for (CompositeElement &El : E->elements())
      if (!llvm::isa<CompositeLitExpr>(El.Value))
        checkExpr(El.Value);
    setInvalid(E);
    return;
  }
  Type *U = T ? T->getUnderlyingAsWritten() : nullptr;
  bool OK = true;
  if (OpenArray || llvm::isa_and_nonnull<ArrayType>(U) ||
      llvm::isa_and_nonnull<SliceType>(U)) {
    Type *Elem = OpenArray ? OpenElem
                 : llvm::isa<ArrayType>(U)
                     ? llvm::cast<ArrayType>(U)->getElement()
                     : llvm::cast<SliceType>(U)->getElement();
    int64_t Len = -1;
    if (!OpenArray)
      if (auto *A = llvm::dyn_cast<ArrayType>(U))
        Len = A->getLength();
    uint64_t Index = 0, Max = 0;
    llvm::DenseSet<uint64_t> Seen;
    for (CompositeElement &El : E->elements()) {
      if (El.Key) {
        int64_t K = -1;
        if (checkIndexValue(*this, El.Key, Len, false, &K) && K >= 0) {
          Index = K;
        } else {
          if (El.Key->getMode() != Expr::Invalid && !El.Key->isConstant())
            diag(El.Key->getLoc(), diag::err_index_not_integer)
                << exprString(El.Key) << describe(El.Key);
          OK = false;
        }
      } else if (Len >= 0 && int64_t(Index) >= Len) {
        diag(El.Value->getLoc(), diag::err_index_out_of_bounds_lit)
            << uint64_t(Index) << Len;
        OK = false;
      }
      if (!Seen.insert(Index).second) {
        diag(El.Key ? El.ColonLoc : El.Value->getLoc(),
             diag::err_duplicate_index_lit)
            << uint64_t(Index);
        OK = false;
      }
      El.Index = Index;
      checkElementValue(El, Elem, "array or slice literal");
      if (El.Value->getMode() == Expr::Invalid)
        OK = false;
      ++Index;
      if (Index > Max)
        Max = Index;
    }
    if (OpenArray)
      T = types().getArray(Elem, Max);
    E->setLength(Max);
  } else if (auto *M = llvm::dyn_cast_or_null<MapType>(U)) {
    ConstantSet Keys;
    for (CompositeElement &El : E->elements()) {
      if (!El.Key) {
        diag(El.Value->getLoc(), diag::err_missing_key_map_lit);
        OK = false;
        continue;
      }
      CompositeElement KE;
      KE.Value = El.Key;
      checkElementValue(KE, M->getKey(), "map literal");
      El.Key = KE.Value;
      if (El.Key->getMode() == Expr::Invalid)
        OK = false;
      else if (El.Key->isConstant() && Keys.insert(El.Key, El.Key->getType())) {
        diag(El.Key->getLoc(), diag::err_duplicate_key_map)
            << El.Key->getValue().toString();
        OK = false;
      }
      checkElementValue(El, M->getValue(), "map literal");
      if (El.Value->getMode() == Expr::Invalid)
        OK = false;
    }
  } else if (auto *ST = llvm::dyn_cast_or_null<StructType>(U)) {
    if (E->elements().empty()) {
    } else if (E->elements()[0].Key) {
      llvm::DenseSet<unsigned> Seen;
      for (CompositeElement &El : E->elements()) {
        auto *KI = El.Key ? llvm::dyn_cast<IdentExpr>(El.Key) : nullptr;
        if (!El.Key) {
          diag(El.Value->getLoc(), diag::err_mixed_struct_lit);
          OK = false;
          checkExpr(El.Value);
          continue;
        }
        if (!KI) {
          diag(El.Key->getLoc(), diag::err_invalid_field_name)
              << exprString(El.Key);
          OK = false;
          continue;
        }
        int I = ST->findField(KI->getName());
        if (I >= 0 && ST->getField(I).Pkg && ST->getField(I).Pkg != &CurPkg)
          I = -1; // another package's unexported field
        if (I < 0) {
          diag(El.Key->getLoc(), diag::err_undefined_field)
              << ("'" + KI->getName().str() + "'") << T;
          OK = false;
          if (!llvm::isa<CompositeLitExpr>(El.Value))
            checkExpr(El.Value);
          continue;
        }
        if (!Seen.insert(I).second) {
          diag(El.ColonLoc, diag::err_duplicate_field_lit) << KI->getName();
          OK = false;
        }
        El.FieldIndex = I;
        checkElementValue(El, ST->getField(I).Ty, "struct literal");
        if (El.Value->getMode() == Expr::Invalid)
          OK = false;
      }
    } else {
      // As Go: a keyed element is reported (at its ':') and skipped, and
      // too few values are reported even after that.
      unsigned I = 0;
      bool TooMany = false;
      for (CompositeElement &El : E->elements()) {
        if (El.Key) {
          diag(El.ColonLoc.isValid() ? El.ColonLoc : El.Key->getLoc(),
               diag::err_mixed_struct_lit);
          OK = false;
          ++I;
          continue;
        }
        if (I >= ST->getNumFields()) {
          diag(El.Value->getLoc(), diag::err_too_many_values_struct)
              << (exprString(E));
          OK = false;
          TooMany = true;
          break;
        }
        El.FieldIndex = I;
        const StructField &F = ST->getField(I);
        if (F.Pkg && F.Pkg != &CurPkg) {
          diag(El.Value->getLoc(), diag::err_implicit_unexported_field)
              << F.Name << T;
          OK = false;
        }
        checkElementValue(El, F.Ty, "struct literal");
        if (El.Value->getMode() == Expr::Invalid)
          OK = false;
        ++I;
      }
      if (!TooMany && E->elements().size() < ST->getNumFields()) {
        diag(E->getRBraceLoc(), diag::err_too_few_values_struct)
            << exprString(E);
        OK = false;
      }
    }
  } else {
    // A type already reported as invalid (a field of unsupported type)
    // gives no second error.
    if (!U || !U->isInvalid())
      diag(E->getLoc(), diag::err_invalid_composite_lit_type) << T;
    OK = false;
  }
  if (!OK) {
    setInvalid(E);
    return;
  }
  E->setMode(Expr::Value);
  E->setType(T);
}
