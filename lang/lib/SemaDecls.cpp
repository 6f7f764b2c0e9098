//===- SemaDecls.cpp - declarations, types, methods, init order -----------===//
//
// Package-level declarations are resolved lazily, the way go/types' objDecl
// does: resolveGlobal(D) checks D the first time anything needs it, marking
// it InProgress meanwhile, so constants, types and var types can refer to
// each other in any order and cycles are detected where they close.
//
// Initialization order (Go spec, "Package initialization"): each var spec
// depends on the global vars and funcs its initializer references, and a
// func on those its body references; repeatedly initialize the earliest
// declared spec whose transitive var dependencies are all initialized.
//
//===----------------------------------------------------------------------===//

#include "Sema.h"

using namespace gm::lang;

void Sema::collectPackageDecls() {
  Cur = PackageScope;
  for (Decl *D : CU.GlobalConstsAndTypes) {
    D->setGlobal(true);
    declare(D, D->getLoc());
  }
  for (VarSpec *S : CU.GlobalVars)
    for (VarDecl *V : S->names()) {
      SpecOf[V] = S;
      declare(V, V->getLoc());
    }
  for (FuncDecl *F : CU.Funcs) {
    F->setGlobal(true);
    if (F->isMethod())
      continue;
    if (F->getName() == "init") {
      diag(F->getLoc(), diag::err_init_unsupported);
      continue;
    }
    if (F->getName() == "main")
      CU.MainFunc = F;
    declare(F, F->getLoc());
  }
  // Imports and package-level names share a namespace in Go.
  for (ImportDecl *I : CU.Imports)
    if (Decl *D = PackageScope->lookupLocal(I->getName()))
      diag(D->getLoc(), diag::err_redeclared) << D->getName();
  Cur = FileScope;
}

void Sema::resolveGlobal(Decl *D) {
  if (!D->isGlobal())
    return;
  const Node *Key = D;
  if (auto *V = llvm::dyn_cast<VarDecl>(D)) {
    auto It = SpecOf.find(V);
    if (It == SpecOf.end())
      return;
    Key = It->second;
  }
  State &St = States[Key];
  if (St == State::Done)
    return;
  if (St == State::InProgress) {
    if (auto *T = llvm::dyn_cast<TypeDecl>(D)) {
      (void)T;
      return; // handled by resolveType (named type already created)
    }
    if (llvm::isa<FuncDecl>(D))
      return;
    if (ReportedCycles.insert(Key).second)
      diag(D->getLoc(), diag::err_const_init_cycle) << D->getName();
    if (!D->getType())
      D->setType(invalid());
    return;
  }
  St = State::InProgress;
  // Package-level declarations are checked in the file scope, outside any
  // function.
  Scope *SavedScope = Cur;
  FuncDecl *SavedFunc = CurFunc;
  int64_t SavedIota = CurIota;
  auto *SavedDeps = CurDeps;
  Cur = FileScope;
  CurFunc = nullptr;
  CurIota = -1;
  CurDeps = nullptr;
  if (auto *T = llvm::dyn_cast<TypeDecl>(D)) {
    checkTypeDecl(T);
  } else if (auto *C = llvm::dyn_cast<ConstDecl>(D)) {
    checkConstDecl(C);
  } else if (llvm::isa<VarDecl>(D)) {
    auto *S = const_cast<VarSpec *>(static_cast<const VarSpec *>(Key));
    CurDeps = &Deps[S];
    checkVarSpec(S);
  } else if (auto *F = llvm::dyn_cast<FuncDecl>(D)) {
    checkFuncSignature(F);
  }
  Cur = SavedScope;
  CurFunc = SavedFunc;
  CurIota = SavedIota;
  CurDeps = SavedDeps;
  States[Key] = State::Done;
}

void Sema::checkTypeDecl(TypeDecl *D) {
  if (D->isAlias()) {
    D->setType(resolveType(D->getTypeSyntax()));
    return;
  }
  NamedType *N = types().createNamed(D->getName(), D);
  D->setType(N);
  CU.NamedTypes.push_back(N);
  TypesInProgress.push_back(N);
  Type *U = resolveType(D->getTypeSyntax());
  TypesInProgress.pop_back();
  if (U->getKind() == Type::Any) {
    diag(D->getTypeSyntax()->getLoc(), diag::err_not_supported)
        << "interface type";
    U = invalid();
  }
  N->setUnderlying(U->getUnderlying() ? U->getUnderlying() : invalid());
}

/// Resolves a type name or type literal. Reports "X is not a type" etc.
Type *Sema::resolveType(Expr *E, bool Indirect) {
  if (!E)
    return invalid();
  switch (E->getKind()) {
  case Expr::Paren:
    return resolveType(llvm::cast<ParenExpr>(E)->getInner(), Indirect);
  case Expr::Ident: {
    auto *I = llvm::cast<IdentExpr>(E);
    Decl *D = Cur->lookup(I->getName());
    if (!D) {
      diag(E->getLoc(), diag::err_undefined) << I->getName();
      setInvalid(E);
      return invalid();
    }
    I->setDecl(D);
    auto *TD = llvm::dyn_cast<TypeDecl>(D);
    if (!TD) {
      if (D == IotaD || llvm::isa<ConstDecl>(D) || llvm::isa<VarDecl>(D) ||
          llvm::isa<FuncDecl>(D))
        diag(E->getLoc(), diag::err_not_a_type) << I->getName();
      else
        diag(E->getLoc(), diag::err_not_a_type) << I->getName();
      D->setUsed();
      setInvalid(E);
      return invalid();
    }
    D->setUsed();
    if (TD->isGlobal() && States[TD] != State::Done) {
      if (States[TD] == State::InProgress) {
        // A reference to a type being defined: fine under indirection.
        auto *N = llvm::dyn_cast_or_null<NamedType>(TD->getType());
        if (!N || (!Indirect && !N->getUnderlyingType())) {
          diag(TD->getLoc(), diag::err_invalid_recursive_type) << TD->getName();
          setInvalid(E);
          return invalid();
        }
      } else {
        resolveGlobal(TD);
      }
    }
    Type *T = TD->getType() ? TD->getType() : invalid();
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    if (auto *Base = llvm::dyn_cast<IdentExpr>(S->getBase()))
      if (auto *Imp = llvm::dyn_cast_or_null<ImportDecl>(
              Cur->lookup(Base->getName()))) {
        Imp->setUsed();
        auto PS = PackageScopes.find(Imp->getPath());
        if (PS != PackageScopes.end())
          if (auto *TD = llvm::dyn_cast_or_null<TypeDecl>(
                  PS->second->lookupLocal(S->getName()))) { // runtime.Stats
            Base->setDecl(Imp);
            Base->setMode(Expr::Package);
            Base->setType(invalid());
            S->setSelKind(SelectorExpr::PackageMember);
            S->setMember(TD);
            E->setMode(Expr::TypeExpr);
            E->setType(TD->getType());
            return TD->getType();
          }
        diag(S->getNameLoc(), diag::err_pkg_member_unsupported)
            << Base->getName() << S->getName();
        setInvalid(E);
        return invalid();
      }
    diag(E->getLoc(), diag::err_not_a_type) << exprString(E);
    setInvalid(E);
    return invalid();
  }
  case Expr::Star: {
    Type *Elem = resolveType(llvm::cast<StarExpr>(E)->getOperand(), true);
    Type *T = Elem->isInvalid() ? invalid() : types().getPointer(Elem);
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::ArrayTypeE: {
    auto *A = llvm::cast<ArrayTypeExpr>(E);
    if (A->isSlice()) {
      Type *Elem = resolveType(A->getElem(), true);
      Type *T = Elem->isInvalid() ? invalid() : types().getSlice(Elem);
      E->setMode(Expr::TypeExpr);
      E->setType(T);
      return T;
    }
    if (A->isEllipsis()) {
      diag(E->getLoc(), diag::err_ellipsis_array_outside_lit);
      setInvalid(E);
      return invalid();
    }
    checkExpr(A->getLen());
    Expr *Len = A->getLen();
    uint64_t N = 0;
    bool OK = false;
    if (Len->getMode() == Expr::Invalid) {
    } else if (!Len->isConstant()) {
      diag(Len->getLoc(), diag::err_array_len_not_const)
          << exprString(Len) << describe(Len);
    } else {
      ConstantValue IV = Len->getValue().toIntExact();
      if (!IV.isValid() || !Len->getType()->isNumeric()) {
        diag(Len->getLoc(), diag::err_array_len_invalid) << exprString(Len);
      } else if (IV.getInt().isNegative()) {
        diag(Len->getLoc(), diag::err_array_len_negative) << exprString(Len);
      } else if (IV.getInt().getActiveBits() > 40) {
        diag(Len->getLoc(), diag::err_array_too_large) << exprString(Len);
      } else {
        N = IV.getInt().getZExtValue();
        OK = true;
        if (Len->getType()->isUntyped())
          convertUntyped(Len, types().getIntType());
      }
    }
    Type *Elem = resolveType(A->getElem(), Indirect);
    Type *T =
        (!OK || Elem->isInvalid()) ? invalid() : types().getArray(Elem, N);
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::MapTypeE: {
    auto *M = llvm::cast<MapTypeExpr>(E);
    Type *K = resolveType(M->getKey(), true);
    Type *V = resolveType(M->getValueType(), true);
    if (K->isInvalid() || V->isInvalid()) {
      setInvalid(E);
      return invalid();
    }
    // A key type still being defined is checked once complete (Go does the
    // same with a delayed check); here only fully known keys are checked.
    auto *KN = llvm::dyn_cast<NamedType>(K);
    if ((!KN || KN->getUnderlyingType()) && !isValidMapKey(K)) {
      diag(M->getKey()->getLoc(), diag::err_invalid_map_key) << K;
      setInvalid(E);
      return invalid();
    }
    Type *T = types().getMap(K, V);
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::StructTypeE: {
    auto *S = llvm::cast<StructTypeExpr>(E);
    std::vector<StructField> Fields;
    llvm::StringMap<bool> Seen;
    bool Bad = false;
    for (const FieldSpec &F : S->fields()) {
      Type *FT = resolveType(F.TypeSyntax, Indirect);
      if (FT->isInvalid())
        Bad = true;
      if (FT->getKind() == Type::Any) {
        diag(F.TypeSyntax->getLoc(), diag::err_not_supported)
            << "interface type";
        Bad = true;
      }
      if (F.Names.empty()) {
        // Embedded: T or *T where T is a type name.
        Type *Base = FT;
        if (auto *P = llvm::dyn_cast<PointerType>(FT))
          Base = P->getElement();
        std::string Name;
        if (auto *N = llvm::dyn_cast<NamedType>(Base))
          Name = N->getName().str();
        else if (auto *B = llvm::dyn_cast<BasicType>(Base))
          Name = B->getName().str();
        else if (!FT->isInvalid()) {
          diag(F.Loc, diag::err_embedded_pointer_type);
          Bad = true;
        }
        if (Base->getKind() == Type::Uint8 || Base->getKind() == Type::Int32) {
          // byte/rune: the name is the alias spelled in the source.
          const Expr *TS = F.TypeSyntax;
          if (auto *St = llvm::dyn_cast<StarExpr>(TS))
            TS = St->getOperand();
          if (auto *I = llvm::dyn_cast<IdentExpr>(TS))
            Name = I->getName().str();
        }
        if (Seen.count(Name)) {
          diag(F.Loc, diag::err_duplicate_field) << Name;
          Bad = true;
        }
        Seen[Name] = true;
        Fields.push_back({Name, FT, true});
        continue;
      }
      for (auto &N : F.Names) {
        if (N.first != "_" && Seen.count(N.first)) {
          diag(N.second, diag::err_duplicate_field) << N.first;
          Bad = true;
        }
        Seen[N.first] = true;
        Fields.push_back({N.first, FT, false});
      }
    }
    Type *T = Bad ? invalid() : types().getStruct(std::move(Fields));
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::FuncTypeE: {
    SignatureType *Sig = resolveSignature(llvm::cast<FuncTypeExpr>(E));
    Type *T = Sig ? static_cast<Type *>(Sig) : invalid();
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::InterfaceTypeE:
    setInvalid(E);
    return invalid();
  case Expr::Bad:
    setInvalid(E);
    return invalid();
  default:
    // An expression where a type is expected.
    checkExpr(E);
    if (E->getMode() == Expr::TypeExpr)
      return E->getType();
    if (E->getMode() != Expr::Invalid)
      diag(E->getLoc(), diag::err_not_a_type) << exprString(E);
    setInvalid(E);
    return invalid();
  }
}

SignatureType *Sema::resolveSignature(FuncTypeExpr *F) {
  std::vector<Type *> Params, Results;
  bool Variadic = false;
  for (const ParamSpec &P : F->params()) {
    Type *T = resolveType(P.TypeSyntax, true);
    if (T->getKind() == Type::Any) {
      diag(P.TypeSyntax->getLoc(), diag::err_not_supported) << "interface type";
      T = invalid();
    }
    if (P.Variadic) {
      Variadic = true;
      T = T->isInvalid() ? T : types().getSlice(T);
    }
    size_t N = P.Names.empty() ? 1 : P.Names.size();
    for (size_t I = 0; I < N; ++I)
      Params.push_back(T);
  }
  for (const ParamSpec &P : F->results()) {
    Type *T = resolveType(P.TypeSyntax, true);
    if (T->getKind() == Type::Any) {
      diag(P.TypeSyntax->getLoc(), diag::err_not_supported) << "interface type";
      T = invalid();
    }
    size_t N = P.Names.empty() ? 1 : P.Names.size();
    for (size_t I = 0; I < N; ++I)
      Results.push_back(T);
  }
  return types().getSignature(std::move(Params),
                              types().getTuple(std::move(Results)), Variadic);
}

Type *Sema::resolveTypeOrNull(Expr *E) {
  checkExpr(E);
  if (E->getMode() == Expr::TypeExpr)
    return E->getType();
  return nullptr;
}

void Sema::checkConstDecl(ConstDecl *D) {
  Expr *Init = D->getInit();
  if (!Init) {
    D->setType(invalid());
    return;
  }
  Type *T = nullptr;
  if (D->getTypeSyntax()) {
    T = resolveType(D->getTypeSyntax());
    if (!T->isInvalid() && !llvm::isa<BasicType>(T->getUnderlying())) {
      diag(D->getTypeSyntax()->getLoc(), diag::err_invalid_const_type) << T;
      T = invalid();
    }
  }
  int64_t SavedIota = CurIota;
  CurIota = D->getIota();
  checkExpr(Init);
  CurIota = SavedIota;
  if (Init->getMode() == Expr::Invalid) {
    D->setType(invalid());
    return;
  }
  if (!Init->isConstant()) {
    if (Init->getMode() == Expr::Value || Init->getMode() == Expr::NoValue)
      diag(Init->getLoc(), diag::err_not_constant)
          << (exprString(Init) + " (" + describe(Init) + ")");
    else
      diag(Init->getLoc(), diag::err_not_constant) << exprString(Init);
    D->setType(invalid());
    return;
  }
  if (T && !T->isInvalid()) {
    if (!assignTo(Init, T, "constant declaration")) {
      D->setType(invalid());
      return;
    }
  }
  D->setType(T ? T : Init->getType());
  D->setValue(Init->getValue());
}

void Sema::checkVarSpec(VarSpec *S) {
  Type *T = S->getTypeSyntax() ? resolveType(S->getTypeSyntax()) : nullptr;
  if (T && T->getKind() == Type::Any) {
    diag(S->getTypeSyntax()->getLoc(), diag::err_not_supported)
        << "interface type";
    T = invalid();
  }
  auto &Names = S->names();
  auto &Values = S->values();
  auto SetAll = [&](Type *Ty) {
    for (VarDecl *V : Names)
      V->setType(Ty);
  };
  if (Values.empty()) {
    SetAll(T ? T : invalid());
    return;
  }
  if (Values.size() == 1 && Names.size() > 1) {
    Expr *E = Values[0];
    checkValueOrTuple(E);
    if (E->getMode() == Expr::Invalid) {
      SetAll(T ? T : invalid());
      return;
    }
    auto *Tu = llvm::dyn_cast_or_null<TupleType>(E->getType());
    auto *IE = llvm::dyn_cast<IndexExpr>(skipParens(E));
    if (Names.size() == 2 && IE && IE->isMapIndex()) {
      // var v, ok = m[k]
      Type *VT = T ? T : E->getType();
      if (T)
        assignTo(E, T, "variable declaration");
      Names[0]->setType(VT);
      Names[1]->setType(T ? T : types().getBoolType());
      return;
    }
    if (!Tu || Tu->size() != Names.size()) {
      unsigned N = Tu ? Tu->size() : 1;
      if (auto *C = llvm::dyn_cast<CallExpr>(skipParens(E)))
        diag(E->getLoc(), diag::err_assign_mismatch_call)
            << unsigned(Names.size()) << (Names.size() == 1 ? "" : "s")
            << exprString(C->getCallee()) << N << (N == 1 ? "" : "s");
      else
        diag(E->getLoc(), diag::err_assign_mismatch)
            << unsigned(Names.size()) << (Names.size() == 1 ? "" : "s") << N
            << (N == 1 ? "" : "s");
      SetAll(T ? T : invalid());
      return;
    }
    for (unsigned I = 0; I < Names.size(); ++I) {
      Type *ET = Tu->getElement(I);
      if (T && !isAssignableTo(ET, T))
        diag(E->getLoc(), diag::err_cannot_use)
            << exprString(E) << ("value of type " + typeString(ET, false)) << T
            << "variable declaration";
      Names[I]->setType(T ? T : ET);
    }
    return;
  }
  if (Values.size() != Names.size()) {
    for (Expr *E : Values)
      checkValueOrTuple(E);
    llvm::SMLoc L = Values.size() > Names.size()
                        ? Values[Names.size()]->getLoc()
                        : Names[Values.size()]->getLoc();
    if (Values.size() > Names.size())
      diag(L, diag::err_extra_init_expr);
    else
      diag(Values[0]->getLoc(), diag::err_assign_mismatch)
          << unsigned(Names.size()) << (Names.size() == 1 ? "" : "s")
          << unsigned(Values.size()) << (Values.size() == 1 ? "" : "s");
    SetAll(T ? T : invalid());
    return;
  }
  for (unsigned I = 0; I < Names.size(); ++I) {
    Expr *E = Values[I];
    InSingleAssign = Names.size() == 1;
    bool EOK = checkValue(E, T);
    InSingleAssign = false;
    if (!EOK) {
      Names[I]->setType(T ? T : invalid());
      continue;
    }
    if (T) {
      assignTo(E, T, "variable declaration");
      Names[I]->setType(T);
      continue;
    }
    if (E->getType()->getKind() == Type::UntypedNil) {
      diag(E->getLoc(), diag::err_use_of_untyped_nil) << "variable declaration";
      Names[I]->setType(invalid());
      continue;
    }
    defaultConvert(E, "variable declaration");
    Names[I]->setType(E->getType());
  }
}

void Sema::checkFuncSignature(FuncDecl *F) {
  FuncTypeExpr *FT = F->getTypeSyntax();
  if (!FT) {
    F->setType(types().getSignature({}, types().getTuple({}), false));
    return;
  }
  // Receiver.
  if (auto *R = F->getReceiverSyntax()) {
    Expr *RT = R->TypeSyntax;
    bool Ptr = false;
    Expr *BaseSyntax = skipParens(RT);
    if (auto *S = llvm::dyn_cast<StarExpr>(BaseSyntax)) {
      Ptr = true;
      BaseSyntax = skipParens(S->getOperand());
    }
    Type *BT = resolveType(BaseSyntax, true);
    auto *N = llvm::dyn_cast<NamedType>(BT);
    Type *RecvTy = invalid();
    if (BT->isInvalid()) {
    } else if (!N || !N->getDecl() || !N->getDecl()->isGlobal()) {
      if (llvm::isa<BasicType>(BT))
        diag(R->NameLoc.isValid() ? R->NameLoc : RT->getLoc(),
             diag::err_method_nonlocal)
            << BT;
      else
        diag(RT->getLoc(), diag::err_invalid_receiver) << BT;
    } else if (llvm::isa<PointerType>(N->getUnderlying())) {
      diag(RT->getLoc(), diag::err_receiver_pointer_base) << BT;
    } else {
      F->setReceiverBase(N);
      F->setPointerReceiver(Ptr);
      RecvTy = Ptr ? static_cast<Type *>(types().getPointer(N)) : N;
      FuncDecl *Prev = N->findMethod(F->getName());
      if (Prev) {
        diag(F->getLoc(), diag::err_method_redeclared)
            << N->getName() << F->getName();
        diag(Prev->getLoc(), diag::note_previous_decl) << F->getName();
      } else {
        if (auto *ST = llvm::dyn_cast_or_null<StructType>(N->getUnderlying()))
          if (ST->findField(F->getName()) >= 0) {
            diag(F->getLoc(), diag::err_field_and_method) << F->getName();
            // The field's position: find it in the struct syntax.
            if (auto *TD = N->getDecl())
              if (auto *SE = llvm::dyn_cast_or_null<StructTypeExpr>(
                      skipParens(TD->getTypeSyntax())))
                for (const FieldSpec &FS : SE->fields())
                  for (auto &Nm : FS.Names)
                    if (Nm.first == F->getName())
                      diag(Nm.second, diag::note_previous_decl) << F->getName();
          }
        N->addMethod(F);
      }
    }
    auto *RV =
        CU.create<VarDecl>(R->NameLoc.isValid() ? R->NameLoc : RT->getLoc(),
                           R->Name, VarDecl::Receiver);
    RV->setType(RecvTy);
    F->setReceiver(RV);
  }
  SignatureType *Sig = resolveSignature(FT);
  F->setType(Sig);
  // Parameter and result variables.
  unsigned PI = 0;
  for (const ParamSpec &P : FT->params()) {
    if (P.Names.empty()) {
      auto *V = CU.create<VarDecl>(P.Loc, "", VarDecl::Param);
      V->setType(Sig->getParams()[PI++]);
      F->params().push_back(V);
      continue;
    }
    for (auto &N : P.Names) {
      auto *V = CU.create<VarDecl>(N.second, N.first, VarDecl::Param);
      V->setType(Sig->getParams()[PI++]);
      F->params().push_back(V);
    }
  }
  unsigned RI = 0;
  for (const ParamSpec &P : FT->results()) {
    if (P.Names.empty()) {
      auto *V = CU.create<VarDecl>(P.Loc, "", VarDecl::Result);
      V->setType(Sig->getResults()->getElement(RI++));
      F->results().push_back(V);
      continue;
    }
    F->setNamedResults(true);
    for (auto &N : P.Names) {
      auto *V = CU.create<VarDecl>(N.second, N.first, VarDecl::Result);
      V->setType(Sig->getResults()->getElement(RI++));
      F->results().push_back(V);
    }
  }
  if (F == CU.MainFunc &&
      (!Sig->getParams().empty() || Sig->getResults()->size() != 0))
    diag(F->getLoc(), diag::err_main_signature);
}

void Sema::checkFuncBody(FuncDecl *F) {
  if (!F->getBody() || !F->getType())
    return;
  CurFunc = F;
  CurDeps = &Deps[F];
  LocalVars.clear();
  Labels.clear();
  Breakables.clear();
  Cur = FileScope;
  pushScope(Scope::Function);
  if (VarDecl *R = F->getReceiver()) {
    R->setUsed();
    declare(R, R->getLoc());
  }
  for (VarDecl *P : F->params()) {
    P->setUsed();
    declare(P, P->getLoc());
  }
  for (VarDecl *R : F->results()) {
    R->setUsed();
    declare(R, R->getLoc());
  }
  // Labels are function-scoped: collect them first (Go allows forward
  // references from break/continue only to enclosing labels, checked later).
  checkBlock(F->getBody(), /*NewScope=*/true);
  popScope();
  for (auto &L : Labels)
    if (!L.second.Used)
      diag(L.second.S->getLoc(), diag::err_label_unused) << L.first();
  reportUnusedLocals();
  if (!F->results().empty() && !isTerminating(F->getBody()))
    diag(F->getBody()->getRBraceLoc(), diag::err_missing_return);
  CurFunc = nullptr;
  CurDeps = nullptr;
}

void Sema::reportUnusedLocals() {
  for (VarDecl *V : LocalVars)
    if (!V->isUsed() && V->getName() != "_")
      diag(V->getLoc(), diag::err_declared_unused) << V->getName();
  LocalVars.clear();
}

void Sema::computeInitOrder() {
  // Transitive var dependencies of each spec, through functions.
  llvm::DenseMap<const Node *, llvm::SmallPtrSet<const VarSpec *, 4>> VarDeps;
  auto Collect = [&](const Node *Start) {
    llvm::SmallPtrSet<const VarSpec *, 4> Out;
    llvm::SmallPtrSet<const Node *, 16> Visited;
    llvm::SmallVector<const Node *, 16> Work;
    Work.push_back(Start);
    Visited.insert(Start);
    while (!Work.empty()) {
      const Node *N = Work.pop_back_val();
      auto It = Deps.find(N);
      if (It == Deps.end())
        continue;
      for (const Node *D : It->second) {
        if (auto *V = llvm::dyn_cast<VarDecl>(static_cast<const Decl *>(D))) {
          auto S = SpecOf.find(V);
          if (S != SpecOf.end()) {
            Out.insert(S->second);
            if (Visited.insert(S->second).second)
              Work.push_back(S->second);
          }
          continue;
        }
        if (Visited.insert(D).second)
          Work.push_back(D);
      }
    }
    return Out;
  };
  std::vector<VarSpec *> Pending(CU.GlobalVars.begin(), CU.GlobalVars.end());
  for (VarSpec *S : Pending)
    VarDeps[S] = Collect(S);
  llvm::SmallPtrSet<const VarSpec *, 16> Done;
  while (!Pending.empty()) {
    bool Progress = false;
    for (size_t I = 0; I < Pending.size(); ++I) {
      VarSpec *S = Pending[I];
      bool Ready = true;
      for (const VarSpec *D : VarDeps[S])
        if (D != S && !Done.count(D))
          Ready = false;
      if (VarDeps[S].count(S)) {
        bool Known = false;
        for (const VarSpec *D : VarDeps[S])
          Known |= ReportedCycles.count(D) != 0;
        if (!S->names().empty() && !Known && ReportedCycles.insert(S).second)
          diag(S->names()[0]->getLoc(), diag::err_init_cycle)
              << S->names()[0]->getName();
        Ready = true; // report once, then proceed
        VarDeps[S].erase(S);
      }
      if (!Ready)
        continue;
      CU.InitOrder.push_back(S);
      Done.insert(S);
      Pending.erase(Pending.begin() + I);
      Progress = true;
      break;
    }
    if (!Progress) {
      VarSpec *S = Pending.front();
      bool Known = ReportedCycles.count(S);
      for (const VarSpec *D : VarDeps[S])
        Known |= ReportedCycles.count(D) != 0;
      if (!S->names().empty() && !Known && ReportedCycles.insert(S).second)
        diag(S->names()[0]->getLoc(), diag::err_init_cycle)
            << S->names()[0]->getName();
      CU.InitOrder.push_back(S);
      Done.insert(S);
      Pending.erase(Pending.begin());
    }
  }
}
