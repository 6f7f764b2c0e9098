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
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/thread.h"
#include <queue>

using namespace gm::lang;

void Sema::collectPackageDecls() {
  // Go initializes each variable of `var a, b = x, y` on its own, in
  // dependency order (b may be needed before a): one spec per variable.
  std::vector<VarSpec *> Split;
  for (VarSpec *S : CurPkg.GlobalVars) {
    if (S->names().size() < 2 || S->values().size() != S->names().size()) {
      Split.push_back(S);
      continue;
    }
    for (size_t I = 0; I < S->names().size(); ++I) {
      VarDecl *V = S->names()[I];
      auto *One = CU.create<VarSpec>(V->getLoc(), std::vector<VarDecl *>{V},
                                     S->getTypeSyntax(),
                                     std::vector<Expr *>{S->values()[I]});
      V->setSpec(One);
      Split.push_back(One);
    }
  }
  CurPkg.GlobalVars = std::move(Split);
  Cur = PackageScope;
  // Go: init and main are reserved for functions at package level.
  // (Such a declaration is then not declared at all, as in Go.)
  auto declareUnlessReserved = [&](Decl *D) {
    if (D->getName() == "init" || D->getName() == "main") {
      diag(D->getLoc(), diag::err_reserved_not_func) << D->getName();
      return;
    }
    declare(D, D->getLoc());
  };
  // Every package-level name is recorded in the package (after declare,
  // which reports duplicates: the first declaration wins, as in scopes).
  auto record = [&](Decl *D) {
    D->setPackage(&CurPkg);
    if (D->getName() != "_" && !CurPkg.lookupMember(D->getName()))
      CurPkg.addMember(D->getName(), D);
  };
  for (Decl *D : CurPkg.GlobalConstsAndTypes) {
    D->setGlobal(true);
    declareUnlessReserved(D);
    record(D);
  }
  for (VarSpec *S : CurPkg.GlobalVars)
    for (VarDecl *V : S->names()) {
      SpecOf[V] = S;
      declareUnlessReserved(V);
      record(V);
    }
  for (FuncDecl *F : CurPkg.Funcs) {
    F->setGlobal(true);
    F->setPackage(&CurPkg);
    if (F->isMethod())
      continue;
    // Any number of func init, run after the package-level variables are
    // initialized (IRGen's main.init); none of them is declared, so `init`
    // cannot be referred to.
    if (F->getName() == "init")
      continue;
    if (F->getName() == "main" && isProgram())
      CurPkg.MainFunc = F;
    declare(F, F->getLoc());
    record(F);
  }
  // Imports and package-level names share a namespace in Go.
  for (ImportDecl *I : CurPkg.Imports)
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
      reportCycle(diag::err_const_init_cycle, cycleFrom(D),
                  /*FromFirstInSource=*/true);
    if (!D->getType())
      D->setType(invalid());
    return;
  }
  // Go has no limit on how many declarations one initializer may depend on
  // through others. Past about a megabyte of this thread's stack, go on on a
  // new thread (and stack); the caller just waits for it.
  uintptr_t Here = uintptr_t(__builtin_frame_address(0));
  if (StackBottom && Here < StackBottom && StackBottom - Here > (1u << 20)) {
    uintptr_t Saved = StackBottom;
    llvm::thread T(std::optional<unsigned>(8u << 20), [&] {
      StackBottom = uintptr_t(__builtin_frame_address(0));
      resolveGlobal(D);
    });
    T.join();
    StackBottom = Saved;
    return;
  }
  St = State::InProgress;
  ResolveStack.push_back({D, NextViaIndirection});
  NextViaIndirection = false;
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
  ResolveStack.pop_back();
  States[Key] = State::Done;
  if (ResolveStack.empty())
    checkDelayedMapKeys();
}

/// Whether T mentions an invalid type (already reported).
static bool mentionsInvalid(const Type *T, unsigned Depth) {
  if (!T || Depth > 100)
    return false;
  const Type *U = T->getUnderlying();
  switch (U->getKind()) {
  case Type::Invalid:
    return true;
  case Type::Array:
    return mentionsInvalid(llvm::cast<ArrayType>(U)->getElement(), Depth + 1);
  case Type::Struct:
    for (const StructField &F : llvm::cast<StructType>(U)->getFields())
      if (mentionsInvalid(F.Ty, Depth + 1))
        return true;
    return false;
  default:
    return false;
  }
}

void Sema::checkDelayedMapKeys() {
  // Reporting cannot add entries, but keep the loop index-based anyway.
  for (size_t I = 0; I < DelayedMapKeys.size(); ++I) {
    const DelayedMapKey &D = DelayedMapKeys[I];
    if (!isValidMapKey(D.Key) && !mentionsInvalid(D.Key, 0))
      diag(D.Loc, diag::err_invalid_map_key) << D.Key;
  }
  DelayedMapKeys.clear();
}

void Sema::checkTypeDecl(TypeDecl *D) {
  if (D->isGeneric())
    return; // each instance is resolved on its own
  if (D->isAlias()) {
    D->setType(resolveTypeAsWritten(D->getTypeSyntax()));
    return;
  }
  // A library package's declaration of a type that gmc's built-in packages
  // already use (io.Writer, for fmt.Fprintf) is that type.
  if (!CurPkg.isMain())
    if (NamedType *Pre = types().getPackageType(
            (CurPkg.getName() + "." + D->getName()).str())) {
      D->setType(Pre);
      Type *U = resolveTypeAsWritten(D->getTypeSyntax());
      if (U->getCanonical() != Pre->getUnderlyingType())
        llvm::report_fatal_error("gm library: " + Pre->getName() +
                                 " differs from gmc's declaration");
      return;
    }
  NamedType *N = types().createNamed(D->getName(), D);
  D->setType(N);
  CU.NamedTypes.push_back(N);
  // `type Number interface{ ~int }` declares a constraint.
  bool Saved = InConstraint;
  InConstraint = llvm::isa<InterfaceTypeExpr>(skipParens(D->getTypeSyntax()));
  Type *U = resolveTypeAsWritten(D->getTypeSyntax());
  InConstraint = Saved;
  N->setUnderlying(U->getUnderlyingAsWritten() ? U->getUnderlyingAsWritten()
                                               : invalid());
}

/// Resolves a type name or type literal. Reports "X is not a type" etc.
Type *Sema::resolveTypeAsWritten(Expr *E, bool Indirect) {
  if (!E)
    return invalid();
  switch (E->getKind()) {
  case Expr::Paren:
    return resolveTypeAsWritten(llvm::cast<ParenExpr>(E)->getInner(), Indirect);
  case Expr::Ident: {
    auto *I = llvm::cast<IdentExpr>(E);
    Decl *D = Cur->lookup(I->getName());
    if (!D) {
      reportUndefined(I);
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
    // Local type declarations enter States only while being resolved.
    auto StIt = States.find(TD);
    State St = StIt != States.end() ? StIt->second
               : TD->isGlobal()     ? State::Unresolved
                                    : State::Done;
    if (St != State::Done) {
      if (St == State::InProgress) {
        // A reference to a type being defined: fine if this reference or
        // any other one along the cycle is indirect.
        auto *N = llvm::dyn_cast_or_null<NamedType>(TD->getType());
        bool CycleIndirect = false;
        std::vector<const Decl *> Cycle = cycleFrom(TD, &CycleIndirect);
        if (!N || (!Indirect && !CycleIndirect && !N->getUnderlyingType())) {
          reportCycle(diag::err_invalid_recursive_type, Cycle,
                      /*FromFirstInSource=*/true);
          setInvalid(E);
          return invalid();
        }
      } else {
        NextViaIndirection = Indirect;
        resolveGlobal(TD);
        NextViaIndirection = false;
      }
    }
    if (TD->isGeneric()) {
      // In a type, Go names the type with its parameters: Pair[K any].
      std::string Name = TD->getName().str() + "[";
      bool First = true;
      for (const TypeParamSpec &Spec : TD->typeParams()) {
        for (size_t I = 0; I < Spec.Names.size(); ++I) {
          Name += (First ? "" : ", ") + Spec.Names[I].first;
          First = false;
        }
        Name += " " + exprString(Spec.Constraint);
      }
      diag(E->getLoc(), diag::err_generic_type_without_instantiation)
          << (Name + "]");
      setInvalid(E);
      return invalid();
    }
    Type *T = TD->getType() ? TD->getTypeAsWritten() : invalid();
    if (rejectConstraintAsType(E, T, typeString(T, false)))
      return invalid();
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    if (TypeDecl *G = genericTypeOf(S->getBase())) {
      diag(S->getBase()->getLoc(), diag::err_generic_type_without_instantiation)
          << G->getName();
      setInvalid(E);
      return invalid();
    }
    if (auto *Base = llvm::dyn_cast<IdentExpr>(S->getBase()))
      if (auto *Imp = llvm::dyn_cast_or_null<ImportDecl>(
              Cur->lookup(Base->getName()))) {
        Imp->setUsed();
        if (const Package *P = Imp->getImported()) {
          Base->setDecl(Imp);
          Base->setMode(Expr::Package);
          Base->setType(invalid());
          checkSourcePackageMember(S, Imp, P, /*IsCallee=*/false,
                                   /*AsType=*/true);
          if (S->getMode() == Expr::TypeExpr)
            return S->getTypeAsWritten();
          if (S->getMode() != Expr::Invalid)
            diag(E->getLoc(), diag::err_not_a_type)
                << (exprString(E) + " (" + describe(E) + ")");
          setInvalid(E);
          return invalid();
        }
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
    Type *Elem =
        resolveTypeAsWritten(llvm::cast<StarExpr>(E)->getOperand(), true);
    Type *T = Elem->isInvalid() ? invalid() : types().getPointer(Elem);
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::ArrayTypeE: {
    auto *A = llvm::cast<ArrayTypeExpr>(E);
    if (A->isSlice()) {
      Type *Elem = resolveTypeAsWritten(A->getElem(), true);
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
    Type *Elem = resolveTypeAsWritten(A->getElem(), Indirect);
    Type *T =
        (!OK || Elem->isInvalid()) ? invalid() : types().getArray(Elem, N);
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::MapTypeE: {
    auto *M = llvm::cast<MapTypeExpr>(E);
    Type *K = resolveTypeAsWritten(M->getKey(), true);
    Type *V = resolveTypeAsWritten(M->getValueType(), true);
    if (K->isInvalid() || V->isInvalid()) {
      setInvalid(E);
      return invalid();
    }
    // A type still being defined counts as comparable here; its map key
    // uses are checked again once it is complete.
    if (!isValidMapKey(K)) {
      diag(M->getKey()->getLoc(), diag::err_invalid_map_key) << K;
      setInvalid(E);
      return invalid();
    }
    DelayedMapKeys.push_back({K, M->getKey()->getLoc()});
    Type *T = types().getMap(K, V);
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::ChanTypeE: {
    auto *C = llvm::cast<ChanTypeExpr>(E);
    Type *Elem = resolveTypeAsWritten(C->getElem(), true);
    if (Elem->isInvalid()) {
      setInvalid(E);
      return invalid();
    }
    Type *T = types().getChan(Elem, C->getDir());
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
      Type *FT = resolveTypeAsWritten(F.TypeSyntax, Indirect);
      if (FT->isInvalid())
        Bad = true;
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
        Fields.push_back(
            {Name, FT, true, isExportedName(Name) ? nullptr : &CurPkg});
        continue;
      }
      for (auto &N : F.Names) {
        if (N.first != "_" && Seen.count(N.first)) {
          diag(N.second, diag::err_duplicate_field) << N.first;
          Bad = true;
        }
        Seen[N.first] = true;
        Fields.push_back(
            {N.first, FT, false, isExportedName(N.first) ? nullptr : &CurPkg});
      }
    }
    Type *T = Bad ? invalid() : types().getStruct(std::move(Fields));
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::FuncTypeE: {
    checkDuplicateParamNames(llvm::cast<FuncTypeExpr>(E));
    SignatureType *Sig = resolveSignature(llvm::cast<FuncTypeExpr>(E));
    Type *T = Sig ? static_cast<Type *>(Sig) : invalid();
    E->setMode(Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::Index:
  case Expr::InstantiateE: {
    std::vector<Expr *> Args;
    Expr *Base = splitInstantiation(E, Args);
    if (genericTypeOf(Base))
      return resolveGenericTypeInstance(E, Base, Args);
    return resolveTypeOfExpr(E);
  }
  case Expr::InterfaceTypeE: {
    Type *T = resolveInterfaceType(llvm::cast<InterfaceTypeExpr>(E));
    // Go spells a literal's terms without spaces: interface{int|string}.
    std::string Terms = typeString(T, false);
    llvm::erase(Terms, ' ');
    if (rejectConstraintAsType(E, T, "interface{" + Terms + "}"))
      return invalid();
    E->setMode(T->isInvalid() ? Expr::Invalid : Expr::TypeExpr);
    E->setType(T);
    return T;
  }
  case Expr::Bad:
    setInvalid(E);
    return invalid();
  default:
    return resolveTypeOfExpr(E);
  }
}

Type *Sema::resolveTypeOfExpr(Expr *E) {
  // An expression where a type is expected.
  checkExpr(E);
  if (E->getMode() == Expr::TypeExpr)
    return E->getTypeAsWritten();
  if (E->getMode() != Expr::Invalid)
    diag(E->getLoc(), diag::err_not_a_type) << exprString(E);
  setInvalid(E);
  return invalid();
}

bool Sema::rejectConstraintAsType(Expr *E, const Type *T,
                                  const std::string &Name) {
  auto *I = llvm::dyn_cast<InterfaceType>(T->getUnderlying());
  if (InConstraint || !I || !I->isConstraintOnly())
    return false;
  diag(E->getLoc(), diag::err_constraint_outside)
      << Name
      << (I->getTerms().empty() ? "interface is (or embeds) comparable"
                                : "interface contains type constraints");
  setInvalid(E);
  return true;
}

Type *Sema::resolveInterfaceType(InterfaceTypeExpr *E) {
  std::vector<InterfaceMethod> Methods;
  llvm::StringMap<llvm::SMLoc> Declared;
  bool Bad = false;
  std::vector<InterfaceType::Term> Terms;
  bool HasTerms = false, Comparable = false;
  auto Add = [&](const InterfaceMethod &M, llvm::SMLoc Loc, bool Explicit) {
    for (const InterfaceMethod &Other : Methods) {
      if (Other.Name != M.Name || Other.Pkg != M.Pkg)
        continue;
      // The same method reached through two embedded interfaces is fine
      // (Go 1.14); two declarations, or two different signatures, are not.
      if (!Explicit && Other.Sig == M.Sig && !Declared.count(M.Name))
        return;
      diag(Loc, diag::err_duplicate_method) << M.Name;
      if (Declared.count(M.Name))
        diag(Declared[M.Name], diag::note_previous_decl) << M.Name;
      Bad = true;
      return;
    }
    if (Explicit)
      Declared[M.Name] = Loc;
    Methods.push_back(M);
  };
  for (const InterfaceElem &El : E->elems()) {
    if (El.Sig) {
      checkDuplicateParamNames(El.Sig);
      SignatureType *Sig = resolveSignature(El.Sig);
      if (!Sig) {
        Bad = true;
        continue;
      }
      InterfaceMethod M{El.Name, llvm::cast<SignatureType>(Sig->getCanonical()),
                        Sig, isExportedName(El.Name) ? nullptr : &CurPkg};
      Add(M, El.Loc, true);
      continue;
    }
    // An embedded interface, or a constraint's type set: a union line or
    // a single type. Several lines intersect.
    std::vector<InterfaceType::Term> Line;
    bool LineIsSet = false;
    if (auto *U = llvm::dyn_cast<UnionTypeExpr>(El.Embedded)) {
      if (!resolveUnionTerms(U, Line))
        Bad = true;
      LineIsSet = true;
    } else {
      bool Saved = InConstraint;
      InConstraint = true;
      Type *T = resolveTypeAsWritten(El.Embedded);
      InConstraint = Saved;
      if (T->isInvalid()) {
        Bad = true;
        continue;
      }
      if (auto *I = llvm::dyn_cast<InterfaceType>(T->getUnderlying())) {
        for (const InterfaceMethod &M : I->getMethods())
          Add(M, El.Loc, false);
        Comparable |= I->isComparableConstraint();
        if (!I->getTerms().empty()) {
          Line.assign(I->getTerms().begin(), I->getTerms().end());
          LineIsSet = true;
        }
      } else {
        Line.push_back({false, T->getCanonical()});
        LineIsSet = true;
      }
    }
    if (!LineIsSet)
      continue;
    if (!HasTerms) {
      Terms = std::move(Line);
      HasTerms = true;
      continue;
    }
    std::vector<InterfaceType::Term> Both;
    for (const InterfaceType::Term &A : Terms)
      for (const InterfaceType::Term &B : Line)
        if (A.Tilde == B.Tilde && isIdentical(A.Ty, B.Ty))
          Both.push_back(A);
    Terms = std::move(Both);
  }
  if (Bad)
    return invalid();
  if (HasTerms || Comparable)
    return types().createConstraint(std::move(Methods), std::move(Terms),
                                    Comparable);
  return types().getInterface(std::move(Methods));
}

void Sema::checkDuplicateParamNames(const FuncTypeExpr *F) {
  // A function declaration's parameters are variables of its body, where a
  // repeated name is redeclared; a function type's and an interface
  // method's parameters have no scope to be declared in, but Go checks
  // them just the same.
  llvm::StringMap<llvm::SMLoc> Seen;
  for (const auto *List : {&F->params(), &F->results()})
    for (const ParamSpec &P : *List)
      for (const auto &[Name, Loc] : P.Names) {
        if (Name == "_")
          continue;
        auto [It, New] = Seen.try_emplace(Name, Loc);
        if (!New) {
          diag(Loc, diag::err_redeclared) << Name;
          diag(It->second, diag::note_previous_decl) << Name;
        }
      }
}

SignatureType *Sema::resolveSignature(FuncTypeExpr *F) {
  std::vector<Type *> Params, Results;
  std::vector<std::string> ParamNames, ResultNames;
  // Go's messages print the names the source gave (all or none).
  auto addNames = [](const ParamSpec &P, std::vector<std::string> &Names) {
    for (auto &N : P.Names)
      Names.push_back(N.first);
  };
  bool Variadic = false;
  for (const ParamSpec &P : F->params()) {
    Type *T = resolveTypeAsWritten(P.TypeSyntax, true);
    if (P.Variadic) {
      // A slice even of an invalid element: calls cast the last parameter
      // of a variadic signature to a slice.
      Variadic = true;
      T = types().getSlice(T);
    }
    size_t N = P.Names.empty() ? 1 : P.Names.size();
    for (size_t I = 0; I < N; ++I)
      Params.push_back(T);
    addNames(P, ParamNames);
  }
  for (const ParamSpec &P : F->results()) {
    Type *T = resolveTypeAsWritten(P.TypeSyntax, true);
    size_t N = P.Names.empty() ? 1 : P.Names.size();
    for (size_t I = 0; I < N; ++I)
      Results.push_back(T);
    addNames(P, ResultNames);
  }
  if (ParamNames.size() != Params.size())
    ParamNames.clear();
  if (ResultNames.size() != Results.size())
    ResultNames.clear();
  return types().getSignature(std::move(Params),
                              types().getTuple(std::move(Results)), Variadic,
                              std::move(ParamNames), std::move(ResultNames));
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
    T = resolveTypeAsWritten(D->getTypeSyntax());
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
  D->setType(T ? T : Init->getTypeAsWritten());
  D->setValue(Init->getValue());
}

void Sema::checkVarSpec(VarSpec *S) {
  Type *T =
      S->getTypeSyntax() ? resolveTypeAsWritten(S->getTypeSyntax()) : nullptr;
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
    Expr *&E = Values[0];
    checkValueOrTuple(E);
    if (E->getMode() == Expr::Invalid) {
      SetAll(T ? T : invalid());
      return;
    }
    auto *Tu = llvm::dyn_cast_or_null<TupleType>(E->getTypeAsWritten());
    auto *IE = llvm::dyn_cast<IndexExpr>(skipParens(E));
    auto *TA = llvm::dyn_cast<TypeAssertExpr>(skipParens(E));
    auto *Recv = llvm::dyn_cast<UnaryExpr>(skipParens(E));
    if (Recv && !Recv->isReceive())
      Recv = nullptr;
    if (Names.size() == 2 && ((IE && IE->isMapIndex()) || TA || Recv)) {
      // var v, ok = m[k] / x.(T) / <-c
      if (TA)
        TA->setCommaOk();
      if (Recv)
        Recv->setCommaOk();
      Type *VT = T ? T : E->getTypeAsWritten();
      // The comma-ok form itself stays unwrapped: a conversion of its
      // value to an interface type T is not in gm yet.
      Expr *V = E;
      if (T && assignTo(V, T, "variable declaration") && V != E)
        diag(E->getLoc(), diag::err_not_supported)
            << "comma-ok assignment to an interface type";
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
    Expr *&E = Values[I];
    // Unlike `x := f()`, Go reports `var x = f()` with a two-result f as
    // "multiple-value f() ... in single-value context".
    bool EOK = checkValue(E, T);
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
    Names[I]->setType(E->getTypeAsWritten());
  }
}

void Sema::checkFuncSignature(FuncDecl *F) {
  if (F->isGenericMethod() || (!F->isInstance() && recordGenericMethod(F)))
    return;
  if (F->isGeneric())
    return checkGenericSignature(F);
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
  // Every func main of package main, not only the first (Go reports a
  // redeclared one too).
  if (isProgram() && !F->isMethod() && !F->isLiteral() &&
      F->getName() == "main" &&
      (!Sig->getParams().empty() || Sig->getResults()->size() != 0))
    diag(F->getLoc(), diag::err_main_signature);
  if (!F->isMethod() && !F->isLiteral() && F->getName() == "init" &&
      (!Sig->getParams().empty() || Sig->getResults()->size() != 0))
    diag(F->getLoc(), diag::err_init_signature);
}

void Sema::checkFuncBody(FuncDecl *F) {
  // A generic function's body is checked in each of its instances.
  if (!F->getBody() || !F->getType() || F->isGeneric())
    return;
  CurFunc = F;
  CurDeps = &Deps[F];
  LocalVars.clear();
  Labels.clear();
  Breakables.clear();
  auto Inst = InstanceScopes.find(F);
  Cur = Inst != InstanceScopes.end() ? Inst->second : FileScope;
  checkBodyInFunctionScope(F);
  reportUnusedLocals();
  CurFunc = nullptr;
  CurDeps = nullptr;
}

void Sema::checkBodyInFunctionScope(FuncDecl *F) {
  pushScope(Scope::Function)->setFunc(F);
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
  // The body's statements are in the same block as the parameters and
  // results: `s := ...` there does not redeclare a named result s.
  checkBlock(F->getBody(), /*NewScope=*/false);
  popScope();
  if (F->hasGoto())
    checkGotos(F->getBody());
  for (auto &L : Labels)
    if (!L.second.Used)
      diag(L.second.S->getLoc(), diag::err_label_unused) << L.first();
  if (!F->results().empty() && !isTerminating(F->getBody()))
    diag(F->getBody()->getRBraceLoc(), diag::err_missing_return);
}

void Sema::reportUnusedLocals() {
  for (VarDecl *V : LocalVars)
    if (!V->isUsed() && V->getName() != "_")
      diag(V->getLoc(), diag::err_declared_unused) << V->getName();
  LocalVars.clear();
}

/// The chain by which var spec Start depends on itself, in reference order
/// (Go's findPath): Start's first name, then the functions and variables
/// its initializer reaches, up to the one that refers back to Start; empty
/// if Start is not on a cycle. A depth-first search with an explicit stack:
/// chains can be very long.
static std::vector<const Decl *>
findCyclePath(VarSpec *Start,
              const std::map<const Node *, llvm::SetVector<const Node *>> &Deps,
              const llvm::DenseMap<const VarDecl *, VarSpec *> &SpecOf) {
  std::vector<const Decl *> Path{Start->names()[0]};
  // Each frame: a node (var spec or func) and the next dependency to try.
  std::vector<std::pair<const Node *, size_t>> Stack{{Start, 0}};
  llvm::SmallPtrSet<const Node *, 16> Visited{Start};
  while (!Stack.empty()) {
    auto &[From, NextDep] = Stack.back();
    auto It = Deps.find(From);
    if (It == Deps.end() || NextDep >= It->second.size()) {
      Stack.pop_back();
      if (!Stack.empty())
        Path.pop_back();
      continue;
    }
    auto *D = static_cast<const Decl *>(It->second[NextDep++]);
    const Node *Next = D;
    if (auto *V = llvm::dyn_cast<VarDecl>(D)) {
      auto S = SpecOf.find(V);
      if (S == SpecOf.end())
        continue;
      if (S->second == Start)
        return Path;
      Next = S->second;
    }
    if (!Visited.insert(Next).second)
      continue;
    Path.push_back(D);
    Stack.push_back({Next, 0});
  }
  return {};
}

void Sema::computeInitOrder() {
  std::vector<VarSpec *> &Specs = CurPkg.GlobalVars;
  size_t N = Specs.size();
  llvm::DenseMap<const VarSpec *, unsigned> Index;
  for (unsigned I = 0; I < N; ++I)
    Index[Specs[I]] = I;
  // The specs each spec's initializer refers to, directly or through
  // function bodies. Not through other variables: a spec is ready once
  // those it refers to are initialized, as each of them waited for its own.
  std::vector<llvm::SmallVector<unsigned, 4>> Users(N);
  std::vector<unsigned> Waiting(N, 0);
  std::vector<bool> SelfDep(N, false);
  for (unsigned I = 0; I < N; ++I) {
    llvm::SmallPtrSet<const Node *, 16> SeenFuncs;
    llvm::SmallDenseSet<unsigned, 8> SeenSpecs;
    llvm::SmallVector<const Node *, 16> Work{Specs[I]};
    while (!Work.empty()) {
      auto It = Deps.find(Work.pop_back_val());
      if (It == Deps.end())
        continue;
      for (const Node *Dep : It->second) {
        auto *V = llvm::dyn_cast<VarDecl>(static_cast<const Decl *>(Dep));
        if (!V) {
          if (SeenFuncs.insert(Dep).second)
            Work.push_back(Dep);
          continue;
        }
        auto S = SpecOf.find(V);
        if (S == SpecOf.end())
          continue;
        unsigned J = Index[S->second];
        if (J == I) {
          SelfDep[I] = true;
        } else if (SeenSpecs.insert(J).second) {
          Users[J].push_back(I);
          ++Waiting[I];
        }
      }
    }
  }

  // One report per cycle; resolution may already have reported it.
  auto ReportIfOnCycle = [&](unsigned I) {
    VarSpec *S = Specs[I];
    if (S->names().empty())
      return;
    std::vector<const Decl *> Path = findCyclePath(S, Deps, SpecOf);
    if (Path.empty())
      return;
    bool Known = !ReportedCycles.insert(S).second;
    for (const Decl *D : Path)
      if (auto *V = llvm::dyn_cast<VarDecl>(D)) {
        auto It = SpecOf.find(V);
        if (It != SpecOf.end() && It->second != S)
          Known |= !ReportedCycles.insert(It->second).second;
      }
    if (!Known)
      reportCycle(diag::err_init_cycle, Path, /*FromFirstInSource=*/false);
  };

  // Go's order: repeatedly the earliest declared spec that is ready.
  std::priority_queue<unsigned, std::vector<unsigned>, std::greater<unsigned>>
      Ready;
  for (unsigned I = 0; I < N; ++I)
    if (!Waiting[I])
      Ready.push(I);
  std::vector<bool> Done(N, false);
  auto Initialize = [&](unsigned I) {
    Done[I] = true;
    CurPkg.InitOrder.push_back(Specs[I]);
    for (unsigned U : Users[I])
      if (--Waiting[U] == 0 && !Done[U])
        Ready.push(U);
  };
  size_t Earliest = 0;
  while (CurPkg.InitOrder.size() < N) {
    if (!Ready.empty()) {
      unsigned I = Ready.top();
      Ready.pop();
      if (Done[I])
        continue;
      if (SelfDep[I])
        ReportIfOnCycle(I);
      Initialize(I);
      continue;
    }
    // The rest all wait on a cycle: go on with the earliest, reporting the
    // cycle it is on (a spec that only depends on one is skipped until a
    // member of the cycle comes first).
    while (Done[Earliest])
      ++Earliest;
    ReportIfOnCycle(Earliest);
    Initialize(Earliest);
  }
}
