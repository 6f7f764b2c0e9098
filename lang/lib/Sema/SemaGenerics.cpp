//===- SemaGenerics.cpp - Generic functions: inference and instances ------===//
//
// gm compiles generic functions by monomorphization: one instance per set
// of type arguments, each an ordinary function. An instance is made by
// parsing the generic function's source again (the lexer runs over the
// same buffer, so positions and messages are the original's) and checking
// the copy in a scope where each type parameter names its argument. The
// instance is then exactly the function a programmer would write by hand
// for those types: `Keys[int64, string]`'s map operations lower to the same
// mapfast entry points, and are inlined the same way, as a non-generic
// map[int64]string's.
//
// The generic function itself is checked only as far as its signature,
// with each type parameter a TypeParamType, which is what inference unifies
// argument types against.
//
//===----------------------------------------------------------------------===//

#include "Sema.h"

#include "gm/lang/Lex/Lexer.h"
#include "gm/lang/Parse/Parser.h"

using namespace gm::lang;

Scope *Sema::newDetachedScope(Scope *Parent) {
  OwnedScopes.push_back(std::make_unique<Scope>(Scope::Block, Parent));
  return OwnedScopes.back().get();
}

TypeDecl *Sema::declareTypeName(Scope *S, llvm::StringRef Name, llvm::SMLoc Loc,
                                Type *T) {
  auto *D = CU.create<TypeDecl>(Loc, Name, nullptr, /*IsAlias=*/true);
  D->setType(T);
  States[D] = State::Done;
  S->insert(Name, D);
  return D;
}

FuncDecl *Sema::reparseFunction(const FuncDecl *G) {
  if (!G->getBody())
    return nullptr;
  // The source again, from `func` to the closing brace: the same buffer,
  // so positions and messages are the original's.
  const char *Start = G->getFuncKeywordLoc().getPointer();
  const char *End = G->getBody()->getRBraceLoc().getPointer() + 1;
  Lexer L(llvm::StringRef(Start, size_t(End - Start)), Diags);
  Parser P(L, Diags, CU, &CurPkg);
  FuncDecl *F = P.parseFuncDeclOnly();
  if (F) {
    F->setPackage(&CurPkg);
    F->setGlobal(true);
  }
  return F;
}

void Sema::addInstance(FuncDecl *Inst, Scope *S) {
  InstanceScopes[Inst] = S;
  Scope *Saved = Cur;
  Cur = S;
  checkFuncSignature(Inst);
  Cur = Saved;
  States[Inst] = State::Done;
  PendingInstances.push_back(Inst);
  NewInstances.push_back(Inst);
}

bool Sema::resolveUnionTerms(UnionTypeExpr *U,
                             std::vector<InterfaceType::Term> &Terms) {
  bool Saved = InConstraint;
  InConstraint = true;
  bool OK = true;
  for (const UnionTypeExpr::Term &T : U->terms()) {
    Type *Ty = resolveType(T.Type);
    OK &= !Ty->isInvalid();
    // Go: a union's terms may not have methods.
    auto *I = llvm::dyn_cast<InterfaceType>(Ty->getUnderlying());
    if (I && !I->getMethods().empty()) {
      diag(T.Type->getLoc(), diag::err_union_term_methods)
          << typeString(Ty, false) << typeString(Ty, false);
      OK = false;
    }
    Terms.push_back({T.Tilde, Ty});
  }
  InConstraint = Saved;
  return OK;
}

InterfaceType *Sema::resolveConstraint(Expr *E) {
  bool Saved = InConstraint;
  InConstraint = true;
  InterfaceType *C = nullptr;
  if (auto *U = llvm::dyn_cast<UnionTypeExpr>(E)) {
    std::vector<InterfaceType::Term> Terms;
    if (resolveUnionTerms(U, Terms))
      C = types().createConstraint({}, std::move(Terms), false);
  } else {
    Type *T = resolveType(E);
    if (auto *I = llvm::dyn_cast<InterfaceType>(T->getUnderlying()))
      C = I;
    else if (!T->isInvalid())
      C = types().createConstraint({}, {{false, T}}, false);
  }
  InConstraint = Saved;
  return C;
}

void Sema::checkGenericSignature(FuncDecl *F) {
  Scope *S = newDetachedScope(FileScope);
  GenericFunc &G = Generics[F];
  unsigned Index = 0;
  for (const FuncDecl::TypeParamSpec &Spec : F->typeParams())
    for (const auto &[Name, Loc] : Spec.Names) {
      TypeParamType *TP = types().createTypeParam(Name, Index++);
      if (S->lookupLocal(Name))
        diag(Loc, diag::err_redeclared) << Name;
      else
        declareTypeName(S, Name, Loc, TP);
      G.Params.push_back(TP);
      G.ParamLocs.push_back(Loc);
    }
  Scope *Saved = Cur;
  Cur = S;
  Index = 0;
  for (const FuncDecl::TypeParamSpec &Spec : F->typeParams()) {
    InterfaceType *C = resolveConstraint(Spec.Constraint);
    Type *Name = C;
    if (!llvm::isa<UnionTypeExpr>(Spec.Constraint) &&
        Spec.Constraint->getType() && Spec.Constraint->getType()->isInterface())
      Name = Spec.Constraint->getTypeAsWritten();
    for (size_t I = 0; I < Spec.Names.size(); ++I) {
      G.Params[Index++]->setConstraint(C);
      G.ConstraintNames.push_back(Name);
    }
  }
  SignatureType *Sig = resolveSignature(F->getTypeSyntax());
  Cur = Saved;
  F->setType(Sig ? static_cast<Type *>(Sig) : invalid());
}

/// Generic types' instances: the generic type and the arguments.
using InstanceArgsMap =
    std::map<const NamedType *, std::pair<TypeDecl *, std::vector<Type *>>>;

/// Whether T mentions a type parameter (an instance made for a generic
/// signature, not a type of the program).
static bool hasTypeParam(const Type *T, const InstanceArgsMap *Insts = nullptr,
                         unsigned Depth = 0) {
  if (Depth > 50)
    return false;
  switch (T->getKind()) {
  case Type::TypeParam:
    return true;
  case Type::Named: {
    if (!Insts)
      return false;
    auto It = Insts->find(llvm::cast<NamedType>(T));
    if (It == Insts->end())
      return false;
    for (Type *A : It->second.second)
      if (hasTypeParam(A, Insts, Depth + 1))
        return true;
    return false;
  }
  case Type::Pointer:
    return hasTypeParam(llvm::cast<PointerType>(T)->getElement(), Insts,
                        Depth + 1);
  case Type::Slice:
    return hasTypeParam(llvm::cast<SliceType>(T)->getElement(), Insts,
                        Depth + 1);
  case Type::Array:
    return hasTypeParam(llvm::cast<ArrayType>(T)->getElement(), Insts,
                        Depth + 1);
  case Type::Chan:
    return hasTypeParam(llvm::cast<ChanType>(T)->getElement(), Insts,
                        Depth + 1);
  case Type::Map:
    return hasTypeParam(llvm::cast<MapType>(T)->getKey(), Insts, Depth + 1) ||
           hasTypeParam(llvm::cast<MapType>(T)->getValue(), Insts, Depth + 1);
  case Type::Signature: {
    auto *S = llvm::cast<SignatureType>(T);
    for (Type *P : S->getParams())
      if (hasTypeParam(P, Insts, Depth + 1))
        return true;
    for (Type *R : S->getResults()->getElements())
      if (hasTypeParam(R, Insts, Depth + 1))
        return true;
    return false;
  }
  case Type::Struct:
    for (const StructField &F : llvm::cast<StructType>(T)->getFields())
      if (hasTypeParam(F.Ty, Insts, Depth + 1))
        return true;
    return false;
  default:
    return false;
  }
}

/// Binds the type parameters in P to the parts of A they stand for; false
/// if the two cannot match. Named types match only themselves (instances
/// of one generic type by their arguments); an unnamed parameter type
/// against a named argument compares the underlying type.
static bool unify(Type *P, Type *A, std::vector<Type *> &Bound,
                  const InstanceArgsMap *Insts = nullptr) {
  if (auto *TP = llvm::dyn_cast<TypeParamType>(P)) {
    Type *&B = Bound[TP->getIndex()];
    if (!B) {
      B = A->getCanonical();
      return true;
    }
    return isIdentical(B, A);
  }
  P = P->getCanonical();
  A = A->getCanonical();
  if (P == A || !hasTypeParam(P, Insts))
    return true; // nothing to infer; assignability is checked with the call
  // An interface parameter infers nothing from a concrete argument (only
  // from an instance of the same generic interface, below).
  if (P->isInterface() && !llvm::isa<NamedType>(P))
    return true;
  if (auto *PN = llvm::dyn_cast<NamedType>(P)) {
    auto *AN = llvm::dyn_cast<NamedType>(A);
    if (!Insts)
      return false;
    auto PI = Insts->find(PN), AI = AN ? Insts->find(AN) : Insts->end();
    if (PI != Insts->end() && PN->isInterface() &&
        (AI == Insts->end() || PI->second.first != AI->second.first))
      return true; // I[T] against a concrete type: nothing to infer
    if (PI != Insts->end() && !AN)
      // Gen[A] against an unnamed type: their underlying types unify.
      return unify(PN->getUnderlying(), A, Bound, Insts);
    if (PI == Insts->end() || AI == Insts->end() ||
        PI->second.first != AI->second.first)
      return false;
    for (size_t I = 0; I < PI->second.second.size(); ++I)
      if (!unify(PI->second.second[I], AI->second.second[I], Bound, Insts))
        return false;
    return true;
  }
  Type *AU = llvm::isa<NamedType>(A) ? A->getUnderlying() : A;
  if (P->getKind() != AU->getKind())
    return false;
  switch (P->getKind()) {
  case Type::Pointer:
    return unify(llvm::cast<PointerType>(P)->getElement(),
                 llvm::cast<PointerType>(AU)->getElement(), Bound, Insts);
  case Type::Slice:
    return unify(llvm::cast<SliceType>(P)->getElement(),
                 llvm::cast<SliceType>(AU)->getElement(), Bound, Insts);
  case Type::Array:
    return llvm::cast<ArrayType>(P)->getLength() ==
               llvm::cast<ArrayType>(AU)->getLength() &&
           unify(llvm::cast<ArrayType>(P)->getElement(),
                 llvm::cast<ArrayType>(AU)->getElement(), Bound, Insts);
  case Type::Chan:
    // Inexact, as Go 1.19 unifies: the directions need not agree (the
    // call's assignability check decides).
    return unify(llvm::cast<ChanType>(P)->getElement(),
                 llvm::cast<ChanType>(AU)->getElement(), Bound, Insts);
  case Type::Map:
    return unify(llvm::cast<MapType>(P)->getKey(),
                 llvm::cast<MapType>(AU)->getKey(), Bound) &&
           unify(llvm::cast<MapType>(P)->getValue(),
                 llvm::cast<MapType>(AU)->getValue(), Bound, Insts);
  case Type::Signature: {
    auto *PS = llvm::cast<SignatureType>(P),
         *AS = llvm::cast<SignatureType>(AU);
    if (PS->getParams().size() != AS->getParams().size() ||
        PS->isVariadic() != AS->isVariadic() ||
        PS->getResults()->size() != AS->getResults()->size())
      return false;
    for (size_t I = 0; I < PS->getParams().size(); ++I)
      if (!unify(PS->getParams()[I], AS->getParams()[I], Bound, Insts))
        return false;
    for (size_t I = 0; I < PS->getResults()->size(); ++I)
      if (!unify(PS->getResults()->getElement(I),
                 AS->getResults()->getElement(I), Bound, Insts))
        return false;
    return true;
  }
  case Type::Struct: {
    auto *PS = llvm::cast<StructType>(P), *AS = llvm::cast<StructType>(AU);
    if (PS->getNumFields() != AS->getNumFields())
      return false;
    for (unsigned I = 0; I < PS->getNumFields(); ++I)
      if (PS->getField(I).Name != AS->getField(I).Name ||
          !unify(PS->getField(I).Ty, AS->getField(I).Ty, Bound, Insts))
        return false;
    return true;
  }
  default:
    return false;
  }
}

/// T with each bound type parameter replaced by its type argument.
static Type *substitute(TypeContext &TC, Type *T,
                        const std::vector<Type *> &Bound) {
  switch (T->getKind()) {
  case Type::TypeParam: {
    Type *B = Bound[llvm::cast<TypeParamType>(T)->getIndex()];
    return B ? B : T;
  }
  case Type::Pointer:
    return TC.getPointer(
        substitute(TC, llvm::cast<PointerType>(T)->getElement(), Bound));
  case Type::Slice:
    return TC.getSlice(
        substitute(TC, llvm::cast<SliceType>(T)->getElement(), Bound));
  case Type::Array: {
    auto *A = llvm::cast<ArrayType>(T);
    return TC.getArray(substitute(TC, A->getElement(), Bound), A->getLength());
  }
  case Type::Chan: {
    auto *C = llvm::cast<ChanType>(T);
    return TC.getChan(substitute(TC, C->getElement(), Bound), C->getDir());
  }
  case Type::Map: {
    auto *M = llvm::cast<MapType>(T);
    return TC.getMap(substitute(TC, M->getKey(), Bound),
                     substitute(TC, M->getValue(), Bound));
  }
  case Type::Signature: {
    auto *S = llvm::cast<SignatureType>(T);
    std::vector<Type *> Params, Results;
    for (Type *P : S->getParams())
      Params.push_back(substitute(TC, P, Bound));
    for (Type *R : S->getResults()->getElements())
      Results.push_back(substitute(TC, R, Bound));
    return TC.getSignature(std::move(Params), TC.getTuple(std::move(Results)),
                           S->isVariadic());
  }
  default:
    return T;
  }
}

/// Go's constraint type inference: a type parameter bound to a type whose
/// constraint has a single term (its core type, `S ~[]E`) binds the type
/// parameters of that term from the bound type.
static void inferFromConstraints(const std::vector<TypeParamType *> &Params,
                                 std::vector<Type *> &Bound) {
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (TypeParamType *TP : Params) {
      Type *B = Bound[TP->getIndex()];
      InterfaceType *C = TP->getConstraint();
      if (!B || !C || C->getTerms().size() != 1)
        continue;
      const InterfaceType::Term &Core = C->getTerms()[0];
      std::vector<Type *> Before = Bound;
      unify(Core.Ty, Core.Tilde ? B->getUnderlying() : B, Bound);
      Changed |= Before != Bound;
    }
  }
}

/// C with the bound type parameters in its terms replaced.
static InterfaceType *substituteConstraint(TypeContext &TC, InterfaceType *C,
                                           const std::vector<Type *> &Bound) {
  if (!C)
    return C;
  std::vector<InterfaceType::Term> Terms;
  bool Changed = false;
  for (const InterfaceType::Term &T : C->getTerms()) {
    Type *S = substitute(TC, T.Ty, Bound);
    Changed |= S != T.Ty;
    Terms.push_back({T.Tilde, S});
  }
  // Methods whose signatures mention type parameters: interface {
  // PrintFn() func(T) } with T bound.
  std::vector<InterfaceMethod> Methods;
  for (const InterfaceMethod &M : C->getMethods()) {
    InterfaceMethod S = M;
    S.Sig = llvm::cast<SignatureType>(substitute(TC, M.Sig, Bound));
    S.SigAsWritten = S.Sig;
    Changed |= S.Sig != M.Sig;
    Methods.push_back(S);
  }
  if (!Changed)
    return C;
  if (Terms.empty() && !C->isComparableConstraint())
    return TC.getInterface(std::move(Methods));
  return TC.createConstraint(std::move(Methods), std::move(Terms),
                             C->isComparableConstraint());
}

FuncDecl *Sema::genericCallee(Expr *Callee, std::vector<Expr *> &TypeArgs) {
  Expr *Base = splitInstantiation(Callee, TypeArgs);
  if (!Base)
    Base = Callee;
  Base = skipParens(Base);
  // pkg.F: a generic function of a package written in gm.
  if (auto *S = llvm::dyn_cast<SelectorExpr>(Base)) {
    auto *PkgId = llvm::dyn_cast<IdentExpr>(S->getBase());
    auto *Imp =
        PkgId
            ? llvm::dyn_cast_or_null<ImportDecl>(Cur->lookup(PkgId->getName()))
            : nullptr;
    if (!Imp || !Imp->getImported() || !isExportedName(S->getName()))
      return nullptr;
    auto *F = llvm::dyn_cast_or_null<FuncDecl>(
        Imp->getImported()->lookupMember(S->getName()));
    if (!F || !F->isGeneric())
      return nullptr;
    Imp->setUsed();
    return F;
  }
  auto *Id = llvm::dyn_cast<IdentExpr>(Base);
  if (!Id)
    return nullptr;
  auto *F = llvm::dyn_cast_or_null<FuncDecl>(Cur->lookup(Id->getName()));
  if (!F || !F->isGeneric())
    return nullptr;
  return F;
}

void Sema::checkGenericCall(CallExpr *E, FuncDecl *G,
                            std::vector<Expr *> &TypeArgExprs) {
  Sema &Owner = ownerOf(G);
  if (&Owner == this)
    resolveGlobal(G);
  auto &Args = E->args();
  auto Fail = [&] { setInvalid(E); };
  auto *GSig = llvm::dyn_cast_or_null<SignatureType>(G->getType());
  const GenericFunc &GF = Owner.Generics[G];
  bool OK = GSig != nullptr;
  std::vector<Type *> Bound(GF.Params.size(), nullptr);
  if (TypeArgExprs.size() > GF.Params.size()) {
    diag(TypeArgExprs[GF.Params.size()]->getLoc(), diag::err_type_arg_count)
        << unsigned(TypeArgExprs.size()) << unsigned(GF.Params.size());
    OK = false;
  }
  for (size_t I = 0; I < TypeArgExprs.size() && I < Bound.size(); ++I) {
    Type *T = resolveType(TypeArgExprs[I]);
    if (T->isInvalid())
      OK = false;
    Bound[I] = T;
  }
  for (Expr *A : Args)
    if (!checkValueOrTuple(A))
      OK = false;
  if (!OK)
    return Fail();
  // Typed arguments first, then untyped constants take their default type
  // for a parameter that is exactly a type parameter still unbound.
  auto Params = GSig->getParams();
  auto ParamFor = [&](size_t I) -> Type * {
    if (GSig->isVariadic() && !E->hasEllipsis() && I + 1 >= Params.size())
      return llvm::cast<SliceType>(Params.back())->getElement();
    return I < Params.size() ? Params[I] : nullptr;
  };
  for (size_t I = 0; I < Args.size(); ++I) {
    Type *P = ParamFor(I), *AT = Args[I]->getType();
    if (!P || AT->isUntyped() || llvm::isa<TupleType>(AT))
      continue;
    if (!unify(P, AT, Bound, &TypeInstanceArgs)) {
      diag(Args[I]->getLoc(), diag::err_cannot_use)
          << exprString(Args[I]) << describe(Args[I]) << P
          << ("argument to " + G->getName().str());
      return Fail();
    }
  }
  for (size_t I = 0; I < Args.size(); ++I) {
    auto *TP = llvm::dyn_cast_or_null<TypeParamType>(ParamFor(I));
    Type *AT = Args[I]->getType();
    if (!TP || !AT->isUntyped() || Bound[TP->getIndex()] ||
        AT->getKind() == Type::UntypedNil)
      continue;
    Bound[TP->getIndex()] = AT->getKind() == Type::UntypedRune
                                ? types().getBasic(Type::Int32)
                                : defaultType(types(), AT);
  }
  inferFromConstraints(GF.Params, Bound);
  // Go reports inference at the call's '('.
  llvm::SMLoc LParen = E->getCallee()->getLoc();
  for (const char *P = LParen.getPointer(); P < E->getRParenLoc().getPointer();
       ++P)
    if (*P == '(') {
      LParen = llvm::SMLoc::getFromPointer(P);
      break;
    }
  for (size_t I = 0; I < Bound.size(); ++I)
    if (!Bound[I]) {
      diag(LParen, diag::err_cannot_infer)
          << GF.Params[I]->getName() << posString(GF.ParamLocs[I]);
      return Fail();
    }
  for (size_t I = 0; I < Bound.size(); ++I) {
    std::string Why;
    if (InterfaceType *C =
            substituteConstraint(types(), GF.Params[I]->getConstraint(), Bound))
      if (!satisfies(Bound[I], C, GF.ConstraintNames[I], Why)) {
        llvm::SMLoc Loc =
            I < TypeArgExprs.size() ? TypeArgExprs[I]->getLoc() : LParen;
        diag(Loc, diag::err_does_not_satisfy) << Why;
        return Fail();
      }
  }
  FuncDecl *Inst = Owner.instantiate(G, Bound, CurFunc, E->getLoc());
  if (&Owner != this)
    Owner.checkPendingInstances();
  if (!Inst || !Inst->getSignature())
    return Fail();
  // The call is now an ordinary call of the instance.
  auto *Id = CU.create<IdentExpr>(E->getCallee()->getLoc(), G->getName());
  Id->setDecl(Inst);
  Id->setMode(Expr::Value);
  Id->setType(Inst->getTypeAsWritten());
  E->setCallee(Id);
  E->setCallKind(CallExpr::Function);
  E->setFunc(Inst);
  checkArgs(E, llvm::cast<SignatureType>(Inst->getTypeAsWritten()),
            G->getName(), /*ArgsChecked=*/true);
}

void Sema::checkGenericValue(Expr *E, FuncDecl *G,
                             std::vector<Expr *> &TypeArgExprs) {
  Sema &Owner = ownerOf(G);
  if (&Owner == this)
    resolveGlobal(G);
  const GenericFunc &GF = Owner.Generics[G];
  if (TypeArgExprs.size() != GF.Params.size()) {
    for (Expr *A : TypeArgExprs)
      resolveType(A);
    if (TypeArgExprs.size() < GF.Params.size())
      diag(E->getLoc(), diag::err_generic_without_instantiation)
          << G->getName();
    else
      diag(TypeArgExprs[GF.Params.size()]->getLoc(), diag::err_type_arg_count)
          << unsigned(TypeArgExprs.size()) << unsigned(GF.Params.size());
    setInvalid(E);
    return;
  }
  std::vector<Type *> Args;
  for (Expr *A : TypeArgExprs) {
    Args.push_back(resolveType(A));
    if (Args.back()->isInvalid()) {
      setInvalid(E);
      return;
    }
  }
  for (size_t I = 0; I < Args.size(); ++I) {
    std::string Why;
    if (InterfaceType *C =
            substituteConstraint(types(), GF.Params[I]->getConstraint(), Args))
      if (!satisfies(Args[I], C, GF.ConstraintNames[I], Why)) {
        diag(TypeArgExprs[I]->getLoc(), diag::err_does_not_satisfy) << Why;
        setInvalid(E);
        return;
      }
  }
  FuncDecl *Inst = Owner.instantiate(G, Args, CurFunc, E->getLoc());
  if (&Owner != this)
    Owner.checkPendingInstances();
  if (!Inst || !Inst->getSignature()) {
    setInvalid(E);
    return;
  }
  if (auto *IE = llvm::dyn_cast<IndexExpr>(E))
    IE->setInstance(Inst);
  else
    llvm::cast<InstantiateExpr>(E)->setInstance(Inst);
  if (CurDeps)
    CurDeps->insert(Inst);
  E->setMode(Expr::Value);
  E->setType(Inst->getTypeAsWritten());
}

/// How much text the type arguments take: it grows along an instantiation
/// cycle, and only there can it grow without end.
static size_t typeArgsSize(llvm::ArrayRef<Type *> Args) {
  size_t Size = 0;
  for (Type *T : Args)
    Size += typeString(T).size();
  return Size;
}

/// Instances of one generic asking for each other with arguments that grow
/// at every step: a program that is not cyclic stops growing after as many
/// steps as it names types; one that is grows forever, so a chain this long
/// is a cycle.
static constexpr unsigned GrowingStepsForCycle = 16;

/// Parameter names and positions of a generic's type parameter list.
static std::vector<std::pair<std::string, llvm::SMLoc>>
typeParamNames(llvm::ArrayRef<TypeParamSpec> Specs) {
  std::vector<std::pair<std::string, llvm::SMLoc>> Names;
  for (const TypeParamSpec &Spec : Specs)
    Names.insert(Names.end(), Spec.Names.begin(), Spec.Names.end());
  return Names;
}

void Sema::reportInstantiationCycle(const Decl *G,
                                    llvm::ArrayRef<TypeParamSpec> Params,
                                    llvm::ArrayRef<Type *> Key,
                                    llvm::ArrayRef<Type *> Nearest,
                                    llvm::SMLoc Loc) {
  if (!ReportedGenericCycles.insert(G).second)
    return;
  auto Names = typeParamNames(Params);
  if (Names.size() != Key.size() || Nearest.size() != Key.size())
    return;
  // Go names the parameter that grows and what it becomes, in terms of the
  // parameters ("T instantiated as []T").
  size_t Grown = 0;
  while (Grown + 1 < Key.size() &&
         typeString(Key[Grown]) == typeString(Nearest[Grown]))
    ++Grown;
  std::vector<size_t> Order(Nearest.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  // Longest first, so that []int is replaced before int.
  llvm::stable_sort(Order, [&](size_t A, size_t B) {
    return typeString(Nearest[A]).size() > typeString(Nearest[B]).size();
  });
  std::string As = typeString(Key[Grown]), Subst;
  for (size_t Pos = 0; Pos < As.size();) {
    bool Matched = false;
    for (size_t I : Order) {
      std::string From = typeString(Nearest[I]);
      if (!From.empty() && As.compare(Pos, From.size(), From) == 0) {
        Subst += Names[I].first;
        Pos += From.size();
        Matched = true;
        break;
      }
    }
    if (!Matched)
      Subst += As[Pos++];
  }
  diag(Names[Grown].second, diag::err_instantiation_cycle)
      << ("\n\t" + posString(Loc) + ": " + Names[Grown].first +
          " instantiated as " + Subst);
}

bool Sema::isInstantiationCycle(FuncDecl *G, const std::vector<Type *> &Key,
                                const FuncDecl *Requester, llvm::SMLoc Loc) {
  // Walk up the chain of instances that asked for each other, counting the
  // instances of G whose arguments grow at each step.
  unsigned Steps = 0;
  size_t Size = typeArgsSize(Key);
  llvm::ArrayRef<Type *> Nearest;
  for (const FuncDecl *F = Requester; F && Steps < GrowingStepsForCycle;) {
    if (F->isLiteral()) {
      F = F->getOuter();
      continue;
    }
    if (F->getOrigin() == G) {
      size_t FSize = typeArgsSize(F->getTypeArgs());
      if (FSize >= Size)
        return false;
      if (Nearest.empty())
        Nearest = F->getTypeArgs();
      Size = FSize;
      ++Steps;
    }
    F = InstanceRequesters.lookup(F);
  }
  if (Steps < GrowingStepsForCycle)
    return false;
  reportInstantiationCycle(G, G->typeParams(), Key, Nearest, Loc);
  return true;
}

bool Sema::isTypeInstantiationCycle(TypeDecl *D, const std::vector<Type *> &Key,
                                    llvm::SMLoc Loc) {
  // The instances being built right now, innermost last: a type whose
  // underlying type needs an ever larger instance of itself
  // (Tree[T] holding *Tree[[]T]) builds them inside each other.
  unsigned Steps = 0;
  size_t Size = typeArgsSize(Key);
  const std::vector<Type *> *Nearest = nullptr;
  for (auto It = TypeInstancesInProgress.rbegin();
       It != TypeInstancesInProgress.rend() && Steps < GrowingStepsForCycle;
       ++It) {
    if (It->first != D)
      continue;
    size_t ItSize = typeArgsSize(It->second);
    if (ItSize >= Size)
      return false;
    if (!Nearest)
      Nearest = &It->second;
    Size = ItSize;
    ++Steps;
  }
  if (Steps < GrowingStepsForCycle)
    return false;
  reportInstantiationCycle(D, D->typeParams(), Key, *Nearest, Loc);
  return true;
}

FuncDecl *Sema::instantiate(FuncDecl *G, const std::vector<Type *> &Args,
                            const FuncDecl *Requester, llvm::SMLoc Loc) {
  std::vector<Type *> Key;
  for (Type *T : Args)
    Key.push_back(T->getCanonical());
  auto It = Instances.find({G, Key});
  if (It != Instances.end())
    return It->second;
  if (isInstantiationCycle(G, Key, Requester, Loc))
    return nullptr;
  FuncDecl *Inst = reparseFunction(G);
  if (!Inst)
    return nullptr;
  InstanceRequesters[Inst] = Requester;
  std::string Name = G->getName().str() + "[";
  for (size_t I = 0; I < Key.size(); ++I)
    Name += (I ? "," : "") + typeString(Key[I]);
  Inst->setName(Name + "]");
  Inst->setInstanceOf(G, Key);
  Instances[{G, Key}] = Inst;
  // Each type parameter names its argument.
  Scope *S = newDetachedScope(FileScope);
  unsigned Index = 0;
  for (const FuncDecl::TypeParamSpec &Spec : G->typeParams())
    for (const auto &[PName, Loc] : Spec.Names)
      declareTypeName(S, PName, Loc, Args[Index++]);
  addInstance(Inst, S);
  return Inst;
}

void Sema::checkPendingInstances() {
  while (!PendingInstances.empty()) {
    FuncDecl *F = PendingInstances.front();
    PendingInstances.erase(PendingInstances.begin());
    checkFuncBody(F);
  }
  // Instances are functions of the package like any other (IR generation
  // and escape analysis take them from there).
  for (FuncDecl *F : NewInstances)
    CurPkg.Funcs.push_back(F);
  NewInstances.clear();
  // An import used only in a generic function never instantiated is still
  // used (gm checks generic bodies only through their instances).
  for (FuncDecl *F : CurPkg.Funcs) {
    if (!F->isGeneric() || !F->getBody())
      continue;
    llvm::StringRef Body(F->getFuncKeywordLoc().getPointer(),
                         size_t(F->getBody()->getRBraceLoc().getPointer() -
                                F->getFuncKeywordLoc().getPointer()));
    for (ImportDecl *I : CurPkg.Imports)
      if (Body.contains((I->getName() + ".").str()))
        I->setUsed();
  }
}

TypeDecl *Sema::genericTypeOf(Expr *Base) {
  auto *Id = llvm::dyn_cast<IdentExpr>(skipParens(Base));
  if (!Id)
    return nullptr;
  auto *D = llvm::dyn_cast_or_null<TypeDecl>(Cur->lookup(Id->getName()));
  return D && D->isGeneric() ? D : nullptr;
}

Type *Sema::resolveGenericTypeInstance(Expr *E, Expr *Base,
                                       llvm::ArrayRef<Expr *> ArgExprs) {
  TypeDecl *D = genericTypeOf(Base);
  D->setUsed();
  std::vector<Type *> Args;
  for (Expr *A : ArgExprs) {
    Args.push_back(resolveType(A, /*Indirect=*/true));
    if (Args.back()->isInvalid()) {
      setInvalid(E);
      return invalid();
    }
  }
  size_t Want = 0;
  for (const TypeParamSpec &Spec : D->typeParams())
    Want += Spec.Names.size();
  if (Args.size() != Want) {
    if (Args.size() > Want)
      diag(E->getLoc(), diag::err_type_arg_count_type)
          << unsigned(Args.size()) << unsigned(Want);
    else
      diag(E->getLoc(), diag::err_generic_type_without_instantiation)
          << D->getName();
    setInvalid(E);
    return invalid();
  }
  NamedType *N = instantiateType(D, Args, E->getLoc());
  if (!N) {
    setInvalid(E);
    return invalid();
  }
  E->setMode(Expr::TypeExpr);
  E->setType(N);
  return N;
}

NamedType *Sema::instantiateType(TypeDecl *D, const std::vector<Type *> &Args,
                                 llvm::SMLoc Loc) {
  std::vector<Type *> Key;
  for (Type *T : Args)
    Key.push_back(T->getCanonical());
  auto It = TypeInstances.find({D, Key});
  if (It != TypeInstances.end())
    return It->second;
  // The type parameters, their constraints checked against the arguments.
  Scope *S = newDetachedScope(FileScope);
  std::vector<TypeDecl *> Params;
  unsigned Index = 0;
  for (const TypeParamSpec &Spec : D->typeParams())
    for (const auto &[PName, PLoc] : Spec.Names)
      declareTypeName(S, PName, PLoc, Key[Index++]);
  if (isTypeInstantiationCycle(D, Key, Loc))
    return nullptr;
  // A constraint that needs an instance of its own type can never be
  // resolved: Go's invalid recursive type.
  if (!ResolvingConstraints.insert(D).second) {
    if (ReportedGenericCycles.insert(D).second)
      reportCycle(diag::err_invalid_recursive_type, {D},
                  /*FromFirstInSource=*/true);
    return nullptr;
  }
  Scope *Saved = Cur;
  Cur = S;
  Index = 0;
  bool OK = true;
  for (const TypeParamSpec &Spec : D->typeParams()) {
    InterfaceType *C = resolveConstraint(Spec.Constraint);
    for (size_t I = 0; I < Spec.Names.size(); ++I, ++Index) {
      std::string Why;
      Type *CName = C;
      if (Spec.Constraint->getType() &&
          Spec.Constraint->getType()->isInterface())
        CName = Spec.Constraint->getTypeAsWritten();
      if (C && !satisfies(Key[Index], C, CName, Why)) {
        diag(Loc, diag::err_does_not_satisfy) << Why;
        OK = false;
      }
    }
  }
  ResolvingConstraints.erase(D);
  if (!OK) {
    Cur = Saved;
    return nullptr;
  }
  std::string Name = D->getName().str() + "[";
  for (size_t I = 0; I < Key.size(); ++I)
    Name += (I ? "," : "") + typeString(Key[I]);
  NamedType *N = types().createNamed(Name + "]", D);
  TypeInstances[{D, Key}] = N; // before the underlying type: it may refer to N
  TypeInstanceArgs[N] = {D, Key};
  // An instance over type parameters (Set[K] in a generic signature) is
  // only for inference: no methods, no code.
  bool Abstract = llvm::any_of(
      Key, [&](Type *T) { return hasTypeParam(T, &TypeInstanceArgs); });
  if (!Abstract)
    CU.NamedTypes.push_back(N);
  TypeInstancesInProgress.emplace_back(D, Key);
  Type *U = resolveTypeAsWritten(D->getTypeSyntax());
  TypeInstancesInProgress.pop_back();
  N->setUnderlying(U->getUnderlyingAsWritten() ? U->getUnderlyingAsWritten()
                                               : invalid());
  Cur = Saved;
  if (Abstract)
    return N;
  // Its methods, one instance each.
  for (FuncDecl *M : GenericMethods[D]) {
    FuncDecl *Inst = reparseFunction(M);
    if (!Inst)
      continue;
    Inst->setInstanceOf(M, Key);
    // The receiver names the type's parameters: (s *Stack[E]).
    Scope *MS = newDetachedScope(FileScope);
    Expr *RT = Inst->getReceiverSyntax()->TypeSyntax;
    if (auto *Star = llvm::dyn_cast<StarExpr>(skipParens(RT)))
      RT = Star->getOperand();
    RT = skipParens(RT);
    std::vector<Expr *> Names;
    splitInstantiation(RT, Names);
    for (size_t I = 0; I < Names.size() && I < Key.size(); ++I)
      if (auto *Id = llvm::dyn_cast<IdentExpr>(Names[I]))
        declareTypeName(MS, Id->getName(), Id->getLoc(), Key[I]);
    addInstance(Inst, MS);
  }
  return N;
}

bool Sema::recordGenericMethod(FuncDecl *F) {
  auto *R = F->getReceiverSyntax();
  if (!R)
    return false;
  Expr *RT = skipParens(R->TypeSyntax);
  if (auto *Star = llvm::dyn_cast<StarExpr>(RT))
    RT = skipParens(Star->getOperand());
  std::vector<Expr *> Names;
  Expr *Base = splitInstantiation(RT, Names);
  if (!Base)
    return false;
  Scope *Saved = Cur;
  Cur = PackageScope;
  TypeDecl *D = genericTypeOf(Base);
  Cur = Saved;
  if (!D)
    return false;
  F->setGenericMethod();
  GenericMethods[D].push_back(F);
  return true;
}
