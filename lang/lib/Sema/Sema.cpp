//===- Sema.cpp - gm semantic analysis driver -----------------------------===//
//
// Drives the checking of one unit:
//
//   1. universe and package scopes (predeclared names, fmt/math/... members);
//   2. package-level declarations collected, then resolved lazily in
//      dependency order (types, constants, var types, signatures, methods);
//   3. function bodies;
//   4. package-level var initialization order, unused imports.
//
// Also holds the message helpers shared by all Sema files (exprString and
// Go's operand descriptions).
//
//===----------------------------------------------------------------------===//

#include "Sema.h"
#include "gm/lang/Basic/SourceLocation.h"
#include "llvm/ADT/Twine.h"

using namespace gm::lang;

Sema::Sema(CompilationUnit &CU, Package &Pkg, DiagnosticEngine &Diags)
    : CU(CU), CurPkg(Pkg), Diags(Diags) {}

Sema::~Sema() = default;

Scope *Sema::pushScope(Scope::Kind K) {
  Scopes.push_back(std::make_unique<Scope>(K, Cur));
  Cur = Scopes.back().get();
  return Cur;
}

void Sema::popScope() {
  // Scopes nest: the one popped is the last one pushed. Freeing it lets the
  // next block reuse its memory.
  assert(Cur == Scopes.back().get() && "scopes must be popped in order");
  Cur = Cur->getParent();
  Scopes.pop_back();
}

void Sema::declare(Decl *D, llvm::SMLoc Loc) {
  if (D->getName() == "_" || D->getName().empty())
    return;
  if (Decl *Prev = Cur->lookupLocal(D->getName())) {
    (void)Prev;
    diag(Loc, diag::err_redeclared) << D->getName();
    return;
  }
  Cur->insert(D->getName(), D);
}

void Sema::setupUniverse() {
  UniverseScope = pushScope(Scope::Universe);
  TypeContext &T = types();
  auto AddType = [&](llvm::StringRef Name, Type *Ty) {
    auto *D = CU.create<TypeDecl>(llvm::SMLoc(), Name, nullptr, true);
    D->setType(Ty);
    D->setGlobal(true);
    States[D] = State::Done;
    UniverseScope->insert(Name, D);
  };
  AddType("bool", T.getBasic(Type::Bool));
  AddType("int", T.getBasic(Type::Int));
  AddType("int8", T.getBasic(Type::Int8));
  AddType("int16", T.getBasic(Type::Int16));
  AddType("int32", T.getBasic(Type::Int32));
  AddType("rune", T.getRuneType());
  AddType("int64", T.getBasic(Type::Int64));
  AddType("uint", T.getBasic(Type::Uint));
  AddType("uint8", T.getBasic(Type::Uint8));
  AddType("byte", T.getByteType());
  AddType("uint16", T.getBasic(Type::Uint16));
  AddType("uint32", T.getBasic(Type::Uint32));
  AddType("uint64", T.getBasic(Type::Uint64));
  AddType("uintptr", T.getBasic(Type::Uintptr));
  AddType("float32", T.getBasic(Type::Float32));
  AddType("float64", T.getBasic(Type::Float64));
  AddType("string", T.getBasic(Type::String));
  AddType("any", T.getAnyType());
  // error: a defined type of no package, interface{ Error() string }. One
  // for the whole program, which every package's universe shares.
  if (!T.getErrorType()) {
    NamedType *Error = T.createNamed("error", nullptr);
    Type *Str = T.getStringType();
    SignatureType *Sig = T.getSignature({}, T.getTuple({Str}), false);
    Error->setUnderlying(T.getInterface({{"Error", Sig, Sig, nullptr}}));
    T.setErrorType(Error);
  }
  AddType("error", T.getErrorType());
  // comparable: a constraint only (one per program, like error).
  if (!T.getPackageType("comparable")) {
    NamedType *C = T.createNamed("comparable", nullptr);
    C->setUnderlying(T.createConstraint({}, {}, /*Comparable=*/true));
    T.addPackageType(C);
  }
  AddType("comparable", T.getPackageType("comparable"));

  auto AddConst = [&](llvm::StringRef Name, Type *Ty, ConstantValue V) {
    auto *D = CU.create<ConstDecl>(llvm::SMLoc(), Name);
    D->setType(Ty);
    D->setValue(std::move(V));
    D->setGlobal(true);
    States[D] = State::Done;
    UniverseScope->insert(Name, D);
    return D;
  };
  AddConst("true", T.getBasic(Type::UntypedBool), ConstantValue::getBool(true));
  AddConst("false", T.getBasic(Type::UntypedBool),
           ConstantValue::getBool(false));
  IotaD =
      AddConst("iota", T.getBasic(Type::UntypedInt), ConstantValue::getInt(0));
  NilD = CU.create<NilDecl>();
  NilD->setType(T.getBasic(Type::UntypedNil));
  UniverseScope->insert("nil", NilD);

  static const std::pair<const char *, BuiltinKind> Builtins[] = {
      {"len", BuiltinKind::Len},         {"cap", BuiltinKind::Cap},
      {"make", BuiltinKind::Make},       {"new", BuiltinKind::New},
      {"append", BuiltinKind::Append},   {"copy", BuiltinKind::Copy},
      {"delete", BuiltinKind::Delete},   {"clear", BuiltinKind::Clear},
      {"min", BuiltinKind::Min},         {"max", BuiltinKind::Max},
      {"panic", BuiltinKind::Panic},     {"print", BuiltinKind::Print},
      {"println", BuiltinKind::Println}, {"recover", BuiltinKind::Recover},
      {"close", BuiltinKind::Close},
  };
  for (auto &B : Builtins)
    UniverseScope->insert(B.first, CU.create<BuiltinDecl>(B.first, B.second));
}

NamedType *Sema::packageInterface(
    llvm::StringRef QualifiedName,
    std::vector<std::pair<std::string, SignatureType *>> Methods) {
  // One type for the whole program, as error is, although each package's
  // Sema declares the built-in packages.
  TypeContext &T = types();
  if (NamedType *N = T.getPackageType(QualifiedName))
    return N;
  NamedType *N = T.createNamed(QualifiedName, nullptr);
  std::vector<InterfaceMethod> IMs;
  for (auto &[Name, Sig] : Methods)
    IMs.push_back({Name, Sig, Sig, nullptr});
  N->setUnderlying(T.getInterface(std::move(IMs)));
  T.addPackageType(N);
  return N;
}

void Sema::declarePackageType(Scope *S, llvm::StringRef Name, Type *Ty) {
  auto *D = CU.create<TypeDecl>(llvm::SMLoc(), Name, nullptr,
                                /*IsAlias=*/false);
  D->setType(Ty);
  D->setGlobal(true);
  States[D] = State::Done;
  S->insert(Name, D);
}

void Sema::setupPackages() {
  TypeContext &T = types();
  Type *Int = T.getBasic(Type::Int), *Str = T.getBasic(Type::String);
  Type *F64 = T.getBasic(Type::Float64), *Bool = T.getBasic(Type::Bool);
  Type *Any = T.getAnyType();
  Type *AnySlice = T.getSlice(Any);
  auto Sig = [&](std::vector<Type *> P, std::vector<Type *> R,
                 bool Variadic = false) {
    return T.getSignature(std::move(P), T.getTuple(std::move(R)), Variadic);
  };
  auto Pkg = [&](llvm::StringRef Path) {
    auto S = std::make_unique<Scope>(Scope::Package, nullptr);
    Scope *P = S.get();
    PackageScopes[Path] = std::move(S);
    return P;
  };
  auto Fn = [&](Scope *S, llvm::StringRef Name, PkgFunc F, SignatureType *Ty) {
    auto *D = CU.create<PkgFuncDecl>(Name, F);
    D->setType(Ty);
    S->insert(Name, D);
  };
  auto IntConst = [&](Scope *S, llvm::StringRef Name, llvm::APSInt V) {
    auto *D = CU.create<ConstDecl>(llvm::SMLoc(), Name);
    D->setType(T.getBasic(Type::UntypedInt));
    D->setValue(ConstantValue::getInt(V));
    D->setGlobal(true);
    States[D] = State::Done;
    S->insert(Name, D);
  };
  auto FloatConst = [&](Scope *S, llvm::StringRef Name, llvm::StringRef Text) {
    auto *D = CU.create<ConstDecl>(llvm::SMLoc(), Name);
    D->setType(T.getBasic(Type::UntypedFloat));
    D->setValue(ConstantValue::getFloatFromLiteral(Text));
    D->setGlobal(true);
    States[D] = State::Done;
    S->insert(Name, D);
  };

  // Every exported name of these packages in Go 1.19: the ones gm does not
  // provide are reported as "not supported in gm" rather than "undefined".
  static const char *const GoMembers[] = {
#define GO_PACKAGE_MEMBER(Pkg, Name) Pkg "." Name,
#include "GoPackageMembers.inc"
#undef GO_PACKAGE_MEMBER
  };
  for (const char *M : GoMembers)
    KnownUnsupportedMembers[M] = "";

  // unsafe: the layout queries, constants of Go's gc layout; not Pointer.
  Scope *Unsafe = Pkg("unsafe");
  Type *Uintptr = T.getBasic(Type::Uintptr);
  Fn(Unsafe, "Sizeof", PkgFunc::UnsafeSizeof, Sig({Any}, {Uintptr}));
  Fn(Unsafe, "Alignof", PkgFunc::UnsafeAlignof, Sig({Any}, {Uintptr}));
  Fn(Unsafe, "Offsetof", PkgFunc::UnsafeOffsetof, Sig({Any}, {Uintptr}));
  for (const char *M : {"unsafe.Pointer", "unsafe.Add", "unsafe.Slice"})
    KnownUnsupportedMembers[M] = "";

  // io.Writer and io.Reader: fmt.Fprintf takes an io.Writer whether or not
  // the program imports io, so the two types are made here, one per
  // program; package io (written in gm) declares them as Go does, and
  // checkTypeDecl binds its declarations to these.
  Type *Error = T.getErrorType();
  // Spelled as Go's (p []byte) (n int, err error), for messages.
  auto ReadWrite =
      T.getSignature({T.getSlice(T.getByteType())}, T.getTuple({Int, Error}),
                     false, {"p"}, {"n", "err"});
  NamedType *IoWriter = packageInterface("io.Writer", {{"Write", ReadWrite}});
  packageInterface("io.Reader", {{"Read", ReadWrite}});

  Scope *Fmt = Pkg("fmt");
  // The printers' results are named, as Go's: `multiple-value
  // fmt.Print(x) (value of type (n int, err error))`.
  auto Printer = [&](std::vector<Type *> P, std::vector<std::string> Names) {
    return T.getSignature(std::move(P), T.getTuple({Int, Error}), true,
                          std::move(Names), {"n", "err"});
  };
  Fn(Fmt, "Println", PkgFunc::FmtPrintln, Printer({AnySlice}, {"a"}));
  Fn(Fmt, "Print", PkgFunc::FmtPrint, Printer({AnySlice}, {"a"}));
  Fn(Fmt, "Printf", PkgFunc::FmtPrintf,
     Printer({Str, AnySlice}, {"format", "a"}));
  Fn(Fmt, "Sprintf", PkgFunc::FmtSprintf, Sig({Str, AnySlice}, {Str}, true));
  Fn(Fmt, "Sprint", PkgFunc::FmtSprint, Sig({AnySlice}, {Str}, true));
  Fn(Fmt, "Sprintln", PkgFunc::FmtSprintln, Sig({AnySlice}, {Str}, true));
  Fn(Fmt, "Errorf", PkgFunc::FmtErrorf, Sig({Str, AnySlice}, {Error}, true));
  Fn(Fmt, "Fprintln", PkgFunc::FmtFprintln,
     Printer({IoWriter, AnySlice}, {"w", "a"}));
  Fn(Fmt, "Fprint", PkgFunc::FmtFprint,
     Printer({IoWriter, AnySlice}, {"w", "a"}));
  Fn(Fmt, "Fprintf", PkgFunc::FmtFprintf,
     Printer({IoWriter, Str, AnySlice}, {"w", "format", "a"}));
  declarePackageType(
      Fmt, "Stringer",
      packageInterface("fmt.Stringer", {{"String", Sig({}, {Str})}}));
  Scope *Sort = Pkg("sort");
  Fn(Sort, "Ints", PkgFunc::SortInts, Sig({T.getSlice(Int)}, {}));
  Fn(Sort, "Strings", PkgFunc::SortStrings, Sig({T.getSlice(Str)}, {}));
  Fn(Sort, "Float64s", PkgFunc::SortFloat64s, Sig({T.getSlice(F64)}, {}));
  Fn(Sort, "IntsAreSorted", PkgFunc::SortIntsAreSorted,
     Sig({T.getSlice(Int)}, {Bool}));
  Fn(Sort, "StringsAreSorted", PkgFunc::SortStringsAreSorted,
     Sig({T.getSlice(Str)}, {Bool}));
  Fn(Sort, "Float64sAreSorted", PkgFunc::SortFloat64sAreSorted,
     Sig({T.getSlice(F64)}, {Bool}));
  Fn(Sort, "SearchInts", PkgFunc::SortSearchInts,
     Sig({T.getSlice(Int), Int}, {Int}));
  SignatureType *Less = Sig({Int, Int}, {Bool});
  Fn(Sort, "Slice", PkgFunc::SortSlice, Sig({Any, Less}, {}));
  Fn(Sort, "SliceStable", PkgFunc::SortSliceStable, Sig({Any, Less}, {}));
  Fn(Sort, "SliceIsSorted", PkgFunc::SortSliceIsSorted,
     Sig({Any, Less}, {Bool}));
  Fn(Sort, "Search", PkgFunc::SortSearch,
     Sig({Int, Sig({Int}, {Bool})}, {Int}));
  // sort.Interface, and the sorts that take one.
  NamedType *SortIface =
      packageInterface("sort.Interface", {{"Len", Sig({}, {Int})},
                                          {"Less", Sig({Int, Int}, {Bool})},
                                          {"Swap", Sig({Int, Int}, {})}});
  declarePackageType(Sort, "Interface", SortIface);
  Fn(Sort, "Sort", PkgFunc::SortSort, Sig({SortIface}, {}));
  Fn(Sort, "Stable", PkgFunc::SortStable, Sig({SortIface}, {}));
  Fn(Sort, "IsSorted", PkgFunc::SortIsSorted, Sig({SortIface}, {Bool}));
  Fn(Sort, "Reverse", PkgFunc::SortReverse, Sig({SortIface}, {SortIface}));
  Scope *Math = Pkg("math");
  Fn(Math, "NaN", PkgFunc::MathNaN, Sig({}, {F64}));
  Fn(Math, "Inf", PkgFunc::MathInf, Sig({Int}, {F64}));
  Fn(Math, "IsNaN", PkgFunc::MathIsNaN, Sig({F64}, {Bool}));
  Fn(Math, "IsInf", PkgFunc::MathIsInf, Sig({F64, Int}, {Bool}));
  Fn(Math, "Copysign", PkgFunc::MathCopysign, Sig({F64, F64}, {F64}));
  Fn(Math, "Sqrt", PkgFunc::MathSqrt, Sig({F64}, {F64}));
  Fn(Math, "Abs", PkgFunc::MathAbs, Sig({F64}, {F64}));
  Fn(Math, "Floor", PkgFunc::MathFloor, Sig({F64}, {F64}));
  for (unsigned Bits : {8u, 16u, 32u, 64u}) {
    std::string N = std::to_string(Bits);
    IntConst(Math, "MaxInt" + N, llvm::APSInt::getMaxValue(Bits, false));
    IntConst(Math, "MinInt" + N, llvm::APSInt::getMinValue(Bits, false));
    IntConst(Math, "MaxUint" + N, llvm::APSInt::getMaxValue(Bits, true));
  }
  IntConst(Math, "MaxInt", llvm::APSInt::getMaxValue(64, false));
  IntConst(Math, "MinInt", llvm::APSInt::getMinValue(64, false));
  IntConst(Math, "MaxUint", llvm::APSInt::getMaxValue(64, true));
  FloatConst(
      Math, "Pi",
      "3.14159265358979323846264338327950288419716939937510582097494459");
  FloatConst(
      Math, "E",
      "2.71828182845904523536028747135266249775724709369995957496696763");
  // Exactly as Go's math package spells them (0x1p1023 * (1 + (1 -
  // 0x1p-52)) and so on).
  FloatConst(Math, "MaxFloat64", "0x1.fffffffffffffp1023");
  FloatConst(Math, "SmallestNonzeroFloat64", "0x1p-1074");
  FloatConst(Math, "MaxFloat32", "0x1.fffffep127");

  // "gm/runtime" is not Go: gm's window on its map runtime (docs/language.md,
  // "Extensions beyond Go"). runtime.Stats mirrors abi::MapStats field for
  // field (IRGen checks the layout); runtime.MapStats takes any map, which
  // checkMapStatsCall checks, so its declared signature has no parameters.
  Scope *GmRuntime = Pkg("gm/runtime");
  auto *StatsDecl = CU.create<TypeDecl>(llvm::SMLoc(), "Stats", nullptr,
                                        /*IsAlias=*/false);
  NamedType *Stats = T.createNamed("runtime.Stats", StatsDecl);
  Stats->setUnderlying(T.getStruct({{"Count", Int},
                                    {"B", Int},
                                    {"Buckets", Int},
                                    {"OverflowBuckets", Int},
                                    {"NOverflow", Int},
                                    {"OldBucketsRemaining", Int},
                                    {"OldBuckets", Int},
                                    {"LoadFactor", F64},
                                    {"ChainLengths", T.getArray(Int, 8)}}));
  StatsDecl->setType(Stats);
  StatsDecl->setGlobal(true);
  States[StatsDecl] = State::Done;
  GmRuntime->insert("Stats", StatsDecl);
  Fn(GmRuntime, "MapStats", PkgFunc::RuntimeMapStats, Sig({}, {Stats}));
}

bool Sema::check() {
  StackBottom = uintptr_t(__builtin_frame_address(0));
  setupUniverse();
  setupPackages();
  PackageScope = pushScope(Scope::Package);
  FileScope = pushScope(Scope::File);

  if (CurPkg.isMain() && CurPkg.getName() == "_")
    diag(CurPkg.getLoc(), diag::err_invalid_package_name) << "_";
  else if (CurPkg.isMain() && CurPkg.getName() != "main" && CU.requiresMain())
    diag(CurPkg.getLoc(), diag::err_package_not_main) << CurPkg.getName();

  // Imports live in the file scope.
  for (ImportDecl *I : CurPkg.Imports) {
    if (I->getImported()) { // a package written in gm, checked before this one
      if (FileScope->lookupLocal(I->getName())) {
        diag(I->getLoc(), diag::err_import_redeclared) << I->getName();
        continue;
      }
      I->setGlobal(true);
      FileScope->insert(I->getName(), I);
      continue;
    }
    auto It = PackageScopes.find(I->getPath());
    if (It == PackageScopes.end()) {
      diag(I->getLoc(), diag::err_import_unsupported)
          << ("\"" + I->getPath().str() + "\"");
      I->setUsed();
      if (!FileScope->lookupLocal(I->getName()))
        FileScope->insert(I->getName(), I); // uses are silently invalid
      continue;
    }
    static const std::pair<const char *, PackageKind> Kinds[] = {
        {"fmt", PackageKind::Fmt},
        {"sort", PackageKind::Sort},
        {"math", PackageKind::Math},
        {"unsafe", PackageKind::Unsafe},
        {"gm/runtime", PackageKind::GmRuntime}};
    for (auto &K : Kinds)
      if (I->getPath() == K.first)
        I->setBuiltinPackage(K.second);
    if (FileScope->lookupLocal(I->getName())) {
      diag(I->getLoc(), diag::err_import_redeclared) << I->getName();
      continue;
    }
    I->setGlobal(true);
    FileScope->insert(I->getName(), I);
  }

  collectPackageDecls();
  if (isProgram() && !CurPkg.MainFunc)
    diag(llvm::SMLoc(), diag::err_no_main);

  // Resolve every package-level declaration (lazily, in dependency order).
  // Methods are attached to their types before any initializer is checked,
  // so that `var f = T.M` or `var n = t.Len()` finds them.
  // A generic type's methods are known before any instance is made.
  for (FuncDecl *F : CurPkg.Funcs)
    if (F->isMethod())
      recordGenericMethod(F);
  for (Decl *D : CurPkg.GlobalConstsAndTypes)
    resolveGlobal(D);
  for (FuncDecl *F : CurPkg.Funcs)
    if (F->isMethod())
      resolveGlobal(F);
  for (VarSpec *S : CurPkg.GlobalVars)
    if (!S->names().empty())
      resolveGlobal(S->names()[0]);
  for (FuncDecl *F : CurPkg.Funcs)
    resolveGlobal(F);
  for (FuncDecl *F : CurPkg.Funcs)
    checkFuncBody(F);
  checkPendingInstances();

  checkDelayedMapKeys();
  computeInitOrder();

  for (ImportDecl *I : CurPkg.Imports)
    if (!I->isUsed())
      diag(I->getLoc(), diag::err_import_unused)
          << ("\"" + I->getPath().str() + "\"");
  return !Diags.hasErrors();
}

//===----------------------------------------------------------------------===//
// Messages
//===----------------------------------------------------------------------===//

/// Go's operand description: "variable of type int", "untyped int
/// constant", "constant 5 of type int", "value of type string", ...
std::string Sema::describe(const Expr *E) {
  Type *T = E->getTypeAsWritten();
  switch (E->getMode()) {
  case Expr::Constant: {
    std::string V = E->getValue().toString();
    const Expr *Inner = skipParens(E);
    (void)Inner;
    bool IsLit = exprString(E) == V;
    if (T && T->isUntyped()) {
      std::string S = typeString(T, false) + " constant";
      if (!IsLit)
        S += " " + V;
      return S;
    }
    if (IsLit)
      return "constant of type " + typeString(T, false);
    return "constant " + V + " of type " + typeString(T, false);
  }
  case Expr::TypeExpr:
    return "type";
  case Expr::Builtin:
    return "built-in";
  case Expr::Package:
    return "package";
  case Expr::NoValue:
    return "no value";
  default:
    break;
  }
  if (T && T->getKind() == Type::UntypedNil)
    return "untyped nil";
  const Expr *Inner = skipParens(E);
  if (auto *I = llvm::dyn_cast<IndexExpr>(Inner))
    if (I->isMapIndex())
      return "map index expression of type " + typeString(T, false);
  if (auto *U = llvm::dyn_cast<UnaryExpr>(Inner); U && U->isReceive())
    return "comma, ok expression of type " + typeString(T, false);
  if (isAddressable(Inner))
    return "variable of type " + typeString(T, false);
  return "value of type " + typeString(T, false);
}

Operand Sema::operand(const Expr *E) { return {exprString(E), describe(E)}; }

std::string Sema::posString(llvm::SMLoc Loc) {
  llvm::SourceMgr &SM = Diags.getSourceMgr();
  unsigned Buf = Loc.isValid() ? SM.FindBufferContainingLoc(Loc) : 0;
  if (!Buf)
    return "";
  auto LC = gm::lang::getLineAndColumn(SM, Loc);
  return (SM.getMemoryBuffer(Buf)->getBufferIdentifier() + ":" +
          llvm::Twine(LC.first) + ":" + llvm::Twine(LC.second))
      .str();
}

void Sema::reportCycle(diag::Kind K, llvm::ArrayRef<const Decl *> Cycle,
                       bool FromFirstInSource) {
  if (Cycle.empty())
    return;
  size_t First = 0;
  if (FromFirstInSource)
    for (size_t I = 1; I < Cycle.size(); ++I)
      if (std::less<const char *>()(Cycle[I]->getLoc().getPointer(),
                                    Cycle[First]->getLoc().getPointer()))
        First = I;
  // The chain goes into the message text, one tab-indented line per
  // declaration, exactly as Go prints it.
  std::string Chain;
  for (size_t I = 0; I <= Cycle.size(); ++I) {
    const Decl *D = Cycle[(First + I) % Cycle.size()];
    Chain += "\n\t" + posString(D->getLoc()) + ": " + D->getName().str();
    if (I < Cycle.size())
      Chain += " refers to";
  }
  const Decl *Start = Cycle[First];
  diag(Start->getLoc(), K) << Start->getName() << Chain;
}

std::vector<const Decl *> Sema::cycleFrom(const Decl *D, bool *ViaIndirection) {
  auto SameEntity = [&](const Decl *A, const Decl *B) {
    if (A == B)
      return true;
    // The names of one var spec are resolved together.
    auto *VA = llvm::dyn_cast<VarDecl>(A), *VB = llvm::dyn_cast<VarDecl>(B);
    if (!VA || !VB)
      return false;
    auto IA = SpecOf.find(VA), IB = SpecOf.find(VB);
    return IA != SpecOf.end() && IB != SpecOf.end() && IA->second == IB->second;
  };
  if (ViaIndirection)
    *ViaIndirection = false;
  for (size_t I = ResolveStack.size(); I-- > 0;) {
    if (!SameEntity(ResolveStack[I].D, D))
      continue;
    std::vector<const Decl *> Cycle;
    for (size_t J = I; J < ResolveStack.size(); ++J) {
      Cycle.push_back(ResolveStack[J].D);
      if (J > I && ViaIndirection && ResolveStack[J].ViaIndirection)
        *ViaIndirection = true;
    }
    return Cycle;
  }
  return {D};
}
