//===- Sema.h - gm semantic analysis (private) ------------------*- C++ -*-===//
//
// Sema type-checks a parsed CompilationUnit and annotates it in place (see
// the contract in AST.h). It owns every user-facing semantic error, with Go
// 1.19's wording. It is split by construct:
//
//   Sema.cpp          driver, scopes, universe, operand descriptions
//   SemaDecls.cpp     package-level declarations, types, methods, init order
//   SemaStmts.cpp     statements, labels, terminating analysis
//   SemaExprs.cpp     expressions, selectors, calls, composite literals
//   SemaConstants.cpp literal values, untyped conversion, representability
//   SemaBuiltins.cpp  builtin functions and package functions
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_LIB_SEMA_SEMA_H
#define GM_LANG_LIB_SEMA_SEMA_H

#include "gm/lang/AST/AST.h"
#include "gm/lang/AST/ExprString.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <map>

namespace gm::lang {

class Scope {
public:
  enum Kind { Universe, Package, File, Function, Block };
  Scope(Kind K, Scope *Parent) : K(K), Parent(Parent) {}
  Kind getKind() const { return K; }
  Scope *getParent() const { return Parent; }
  Decl *lookupLocal(llvm::StringRef Name) const {
    return lookupLocal(Name, llvm::StringMapImpl::hash(Name));
  }
  Decl *lookup(llvm::StringRef Name) const {
    uint32_t Hash = llvm::StringMapImpl::hash(Name); // once, not per scope
    for (const Scope *S = this; S; S = S->Parent)
      if (Decl *D = S->lookupLocal(Name, Hash))
        return D;
    return nullptr;
  }
  void insert(llvm::StringRef Name, Decl *D) { Names[Name] = D; }
  /// Like lookup, also collecting the functions whose scopes the search
  /// left before finding Name: a local variable found that way is captured
  /// by each of them.
  Decl *lookupCrossing(llvm::StringRef Name,
                       llvm::SmallVectorImpl<FuncDecl *> &Crossed) const {
    uint32_t Hash = llvm::StringMapImpl::hash(Name);
    for (const Scope *S = this; S; S = S->Parent) {
      if (Decl *D = S->lookupLocal(Name, Hash))
        return D;
      if (S->Fn)
        Crossed.push_back(S->Fn);
    }
    return nullptr;
  }
  /// The function whose outermost block this Function scope is.
  FuncDecl *getFunc() const { return Fn; }
  void setFunc(FuncDecl *F) { Fn = F; }

private:
  Decl *lookupLocal(llvm::StringRef Name, uint32_t Hash) const {
    auto It = Names.find(Name, Hash);
    return It == Names.end() ? nullptr : It->second;
  }

  Kind K;
  Scope *Parent;
  FuncDecl *Fn = nullptr;
  llvm::StringMap<Decl *> Names;
};

/// Message fragments for the operand forms Go prints.
struct Operand {
  std::string Text; // exprString
  std::string Desc; // "variable of type int", "untyped int constant", ...
};

class Sema {
public:
  /// Checks Pkg, a package of CU whose imports are already checked.
  Sema(CompilationUnit &CU, Package &Pkg, DiagnosticEngine &Diags);
  ~Sema();
  /// Checks the whole unit; returns true on success.
  bool check();
  void setOwners(std::map<const Package *, Sema *> *O) { Owners = O; }

  // ---- Sema.cpp
  DiagnosticBuilder diag(llvm::SMLoc Loc, diag::Kind K) {
    return Diags.report(Loc, K);
  }
  void setupUniverse();
  /// The package being checked is the program's package main (func main is
  /// required and special); the user's file of another package, under
  /// gmc -fsyntax-only, is not.
  bool isProgram() const {
    return CurPkg.isMain() && CurPkg.getName() == "main";
  }
  void setupPackages();
  /// An interface type of a package built into gmc (fmt.Stringer,
  /// sort.Interface), one per program.
  NamedType *packageInterface(
      llvm::StringRef QualifiedName,
      std::vector<std::pair<std::string, SignatureType *>> Methods);
  /// Declares the type Ty as member Name of a built-in package's scope.
  void declarePackageType(Scope *S, llvm::StringRef Name, Type *Ty);
  Scope *pushScope(Scope::Kind K);
  void popScope();
  /// Declares D in the current scope, reporting redeclarations.
  void declare(Decl *D, llvm::SMLoc Loc);
  Operand operand(const Expr *E);
  std::string describe(const Expr *E);
  /// "file:line:col", as Go prints positions inside a message.
  std::string posString(llvm::SMLoc Loc);
  /// Reports a cycle the way Go does: `initialization loop for a` (or
  /// `invalid recursive type T`) with one line per declaration of the cycle,
  /// "\tfile:L:C: a refers to", ending with the first one again. Cycle is in
  /// reference order; with FromFirstInSource the chain starts at the
  /// declaration that comes first in the source (Go's cycleError).
  void reportCycle(diag::Kind K, llvm::ArrayRef<const Decl *> Cycle,
                   bool FromFirstInSource);
  TypeContext &types() { return CU.getTypes(); }
  Type *invalid() { return types().getInvalidType(); }
  void setInvalid(Expr *E) {
    E->setMode(Expr::Invalid);
    E->setType(invalid());
  }

  // ---- SemaDecls.cpp
  void collectPackageDecls();
  void resolveGlobal(Decl *D);
  void checkTypeDecl(TypeDecl *D);
  void checkConstDecl(ConstDecl *D);
  void checkVarSpec(VarSpec *S);
  void checkFuncSignature(FuncDecl *F);
  void checkFuncBody(FuncDecl *F);
  /// Declares the parameters and results of F in a new Function scope and
  /// checks its body there (Go: they share the body's outermost block).
  void checkBodyInFunctionScope(FuncDecl *F);
  void computeInitOrder();
  /// Resolves a type expression; Indirect is true under a pointer, slice,
  /// map or func (where a type may refer to itself). Returns the canonical
  /// type.
  Type *resolveType(Expr *E, bool Indirect = false) {
    return resolveTypeAsWritten(E, Indirect)->getCanonical();
  }
  /// Like resolveType, keeping the alias spelling (byte, []rune) for
  /// messages; only for values whose uses are known to tolerate sugar.
  Type *resolveTypeAsWritten(Expr *E, bool Indirect = false);
  Type *resolveTypeOrNull(Expr *E); // no error if E is not a type
  SignatureType *resolveSignature(FuncTypeExpr *F);
  /// Go's "redeclared in this block" for a parameter or result name used
  /// twice in a function type or an interface method.
  void checkDuplicateParamNames(const FuncTypeExpr *F);
  Type *resolveInterfaceType(InterfaceTypeExpr *E);
  /// The type an expression denotes where a type is expected, or Go's
  /// "X is not a type".
  Type *resolveTypeOfExpr(Expr *E);
  /// Outside a constraint, a constraint interface (type set, comparable)
  /// is no type of values: reports it (naming it Name) and returns true.
  bool rejectConstraintAsType(Expr *E, const Type *T, const std::string &Name);

  //===--- Generic functions (SemaGenerics.cpp) ---------------------------===//
  /// A scope Sema owns, outside the scope stack (type parameters).
  Scope *newDetachedScope(Scope *Parent);
  /// Declares Name in S as the type T (a type parameter or its argument).
  TypeDecl *declareTypeName(Scope *S, llvm::StringRef Name, llvm::SMLoc Loc,
                            Type *T);
  /// A fresh AST of the function G, parsed again from its source.
  FuncDecl *reparseFunction(const FuncDecl *G);
  /// Checks an instance's signature in S, its body later.
  void addInstance(FuncDecl *Inst, Scope *S);
  /// A type parameter's constraint as an interface (`int | string` and `~T`
  /// make one).
  InterfaceType *resolveConstraint(Expr *E);
  /// The terms of a union (`~int | string`), in Terms; false (after
  /// reporting) if one is invalid or has methods, which Go forbids.
  bool resolveUnionTerms(UnionTypeExpr *U,
                         std::vector<InterfaceType::Term> &Terms);
  /// The generic signature, with TypeParamTypes.
  void checkGenericSignature(FuncDecl *F);
  /// The generic function Callee calls (F, F[T] or F[T, U]), with its
  /// explicit type arguments; null for any other callee.
  FuncDecl *genericCallee(Expr *Callee, std::vector<Expr *> &TypeArgs);
  /// Infers the type arguments, checks them against the constraints and
  /// makes E a call of the instance.
  void checkGenericCall(CallExpr *E, FuncDecl *G,
                        std::vector<Expr *> &TypeArgExprs);
  /// F[T, U] as a value: every type argument given.
  void checkGenericValue(Expr *E, FuncDecl *G,
                         std::vector<Expr *> &TypeArgExprs);
  /// The instance of G for Args (made on first use).
  /// The instance of G for Args, made on first use. Requester is the
  /// function whose body asks for it (null outside a body), and Loc the
  /// position of the asking call or value, for the instantiation cycle.
  FuncDecl *instantiate(FuncDecl *G, const std::vector<Type *> &Args,
                        const FuncDecl *Requester, llvm::SMLoc Loc);
  /// An instance of G for Key asked for by Requester would start an endless
  /// chain of ever larger instances (f[T] calling f[[]T]): Go's
  /// "instantiation cycle", reported once.
  bool isInstantiationCycle(FuncDecl *G, const std::vector<Type *> &Key,
                            const FuncDecl *Requester, llvm::SMLoc Loc);
  /// The same for an instance of generic type D needed (at Loc) while
  /// building the instances in TypeInstancesInProgress.
  bool isTypeInstantiationCycle(TypeDecl *D, const std::vector<Type *> &Key,
                                llvm::SMLoc Loc);
  /// Go's "instantiation cycle:" at the parameter that grows, once per
  /// generic; Nearest are the arguments of the instance that asked for Key.
  void reportInstantiationCycle(const Decl *G,
                                llvm::ArrayRef<TypeParamSpec> Params,
                                llvm::ArrayRef<Type *> Key,
                                llvm::ArrayRef<Type *> Nearest,
                                llvm::SMLoc Loc);
  /// The instance of the generic type D for Args, with its methods.
  NamedType *instantiateType(TypeDecl *D, const std::vector<Type *> &Args,
                             llvm::SMLoc Loc);
  /// The generic type Base names (in `Base[...]`), or null.
  TypeDecl *genericTypeOf(Expr *Base);
  /// Resolves `List[int]` / `Pair[K, V]` when Base names a generic type.
  Type *resolveGenericTypeInstance(Expr *E, Expr *Base,
                                   llvm::ArrayRef<Expr *> ArgExprs);
  /// If F is a method of a generic type, records it as such and returns
  /// true (it is made for each instance of the type).
  bool recordGenericMethod(FuncDecl *F);
  /// Checks the bodies of the instances made so far (which may make more).
  void checkPendingInstances();

  // ---- SemaStmts.cpp
  void checkBlock(BlockStmt *B, bool NewScope = true);
  void checkStmtList(std::vector<Stmt *> &List);
  void checkStmt(Stmt *S);
  void checkSimpleStmt(Stmt *S) {
    if (S)
      checkStmt(S);
  }
  void checkAssign(AssignStmt *S);
  void checkDefine(AssignStmt *S);
  void checkOpAssign(AssignStmt *S);
  void checkIncDec(IncDecStmt *S);
  void checkIf(IfStmt *S);
  void checkFor(ForStmt *S);
  void checkRange(RangeStmt *S);
  void checkSwitch(SwitchStmt *S);
  void checkTypeSwitch(SwitchStmt *S, llvm::StringRef Label);
  void checkReturn(ReturnStmt *S);
  /// defer and go statements.
  void checkCallStmt(CallStmt *S);
  void checkSend(SendStmt *S);
  void checkSelect(SelectStmt *S);
  /// Resolves the gotos of a function body (Go's rules: no jump into a
  /// block, none over a variable declaration); before the unused-label check.
  void checkGotos(BlockStmt *Body);
  /// One statement list of checkGotos; ParentScope is its GotoScope.
  std::vector<BranchStmt *>
  gotoBranches(void *ParentScope, llvm::SMLoc Start, std::vector<Stmt *> &List,
               llvm::StringMap<llvm::SMLoc> &BlockOfLabel);
  /// A deferred builtin or package call wrapped in a function literal
  /// taking its evaluated arguments; null after an error.
  CallExpr *wrapDeferredCall(CallExpr *C, llvm::StringRef Keyword);
  void checkBranch(BranchStmt *S);
  void checkDeclStmt(DeclStmt *S);
  void checkLocalVarSpec(VarSpec *S);
  /// Checks E as an assignment target; false if not assignable.
  bool checkAssignable(Expr *E);
  bool isTerminating(const Stmt *S);
  bool isTerminatingList(const std::vector<Stmt *> &L);
  bool hasBreak(const Stmt *S) { return BreakTargets.count(S); }
  void checkCondition(Expr *&Cond, const char *What);
  void reportUnusedLocals();

  // ---- SemaExprs.cpp
  /// Checks E; afterwards its mode and type are set.
  void checkExpr(Expr *E, Type *Hint = nullptr);
  /// Checks E and requires a single value (or constant).
  bool checkValue(Expr *E, Type *Hint = nullptr);
  /// Like checkValue, also accepts a multi-value call (for RHS lists).
  bool checkValueOrTuple(Expr *E);
  /// The checks of checkValue and checkValueOrTuple for an E already
  /// checked: checking an operand twice costs twice at every level of
  /// nesting (`a.b.c...` took 2^depth steps).
  bool requireValue(Expr *E);
  bool requireValueOrTuple(Expr *E);
  void checkIdent(IdentExpr *E, bool MarkUsed = true);
  /// `undefined: x`, or for Go's predeclared names gm lacks (complex128,
  /// real, ...) that they are not supported.
  void reportUndefined(IdentExpr *E);
  void checkSelector(SelectorExpr *E, bool IsCallee);
  void checkTypeAssert(TypeAssertExpr *E);
  /// Whether a value of interface type XT can hold a T (reports K with
  /// What and the reason when T is a concrete type lacking a method).
  bool checkAssertable(Type *XT, Type *T, llvm::SMLoc Loc, diag::Kind K,
                       const std::string &What);
  /// A function of a package built into gmc used as a value: wrapped in a
  /// function literal calling it (E's value wrapper).
  void wrapPackageFuncValue(SelectorExpr *E, IdentExpr *Pkg, PkgFuncDecl *M);
  /// pkg.Name for an import of a package written in gm (AsType: where a
  /// type is expected).
  void checkSourcePackageMember(SelectorExpr *E, ImportDecl *Imp,
                                const Package *P, bool IsCallee = false,
                                bool AsType = false);
  /// pkg.Name for M, a member of a package built into gmc.
  void checkBuiltinPackageMember(SelectorExpr *E, IdentExpr *Pkg, Decl *M,
                                 bool IsCallee);
  void checkIndex(IndexExpr *E);
  void checkSliceExpr(SliceExpr *E);
  void checkCall(CallExpr *E);
  /// ArgsChecked: the arguments are checked already (generic calls).
  void checkArgs(CallExpr *E, SignatureType *Sig, llvm::StringRef Name,
                 bool ArgsChecked = false);
  void checkConversion(CallExpr *E, Type *T);
  void checkFuncLit(FuncLitExpr *E);
  /// Checks the body of the function literal F in a scope of its own.
  void checkLiteralBody(FuncDecl *F);
  /// The next literal name in the current function: "main.func1",
  /// "main.func1.1", "glob..func1" (Kind "func" or "deferwrap").
  std::string literalName(llvm::StringRef Kind);
  /// T.M and (*T).M, with Base a type.
  void checkMethodExpr(SelectorExpr *E);
  /// Records that the literals in Crossed refer to V of an enclosing
  /// function.
  void captureVar(VarDecl *V, llvm::ArrayRef<FuncDecl *> Crossed);
  void checkUnary(UnaryExpr *E);
  static bool exceedsConstantPrecision(const ConstantValue &V);
  static llvm::StringRef constantOpName(tok::TokenKind Op);
  void checkStar(StarExpr *E);
  void checkBinary(BinaryExpr *E, Type *Hint);
  void checkShift(BinaryExpr *E);
  void checkComparison(BinaryExpr *E);
  void checkCompositeLit(CompositeLitExpr *E, Type *Expected);
  void checkElementValue(CompositeElement &El, Type *ElemTy,
                         llvm::StringRef Context);
  bool isAddressable(const Expr *E);
  /// Marks the root variable of an addressable expression as address-taken.
  void markAddressTaken(Expr *E);

  // ---- SemaConstants.cpp
  void checkBasicLit(BasicLitExpr *E);
  /// Gives the untyped expression E its final type T (recursively), with
  /// representability checks. Context is "" for operand conversions (Go's
  /// short "overflows" form) or e.g. "assignment".
  bool convertUntyped(Expr *E, Type *T, llvm::StringRef Context = "");
  /// Converts E to its default type if untyped.
  bool defaultConvert(Expr *E, llvm::StringRef Context = "");
  /// Checks that E (already checked) can be assigned to T, converting
  /// untyped values. Context: "assignment", "argument to f", ...
  bool assignTo(Expr *&E, Type *T, llvm::StringRef Context);
  /// E converted to the interface type T: E wrapped in an ImplicitConvExpr,
  /// or E itself when no conversion is needed.
  Expr *convertToInterface(Expr *E, Type *T);
  /// Go's "(T does not implement I (missing M method))" explanation.
  std::string missingMethodReason(const Type *V, const Type *I,
                                  const MissingMethod &MM);
  /// Just its "(missing M method)" part.
  std::string missingMethodDetail(const MissingMethod &MM);
  /// Rounds/validates a typed constant result (after folding).
  bool checkConstResult(Expr *E);
  void setConstant(Expr *E, Type *T, ConstantValue V) {
    E->setMode(Expr::Constant);
    E->setType(T);
    E->setValue(std::move(V));
  }
  /// The ConstantValue kind expected for values of type T.
  ConstantValue toTypeRepr(const ConstantValue &V, Type *T);

  // ---- SemaBuiltins.cpp
  void checkBuiltinCall(CallExpr *E, BuiltinKind K);
  void checkPkgCall(CallExpr *E, PkgFuncDecl *F);
  void checkMapStatsCall(CallExpr *E, SignatureType *Declared);
  void checkUnsafeCall(CallExpr *E, PkgFunc F);
  /// For the package functions of one argument that gm checks itself:
  /// reports a wrong count (or `...`) as Go does; false then.
  bool checkOneArgument(CallExpr *E, llvm::StringRef Name);
  void checkSortSliceCall(CallExpr *E, PkgFuncDecl *F, SignatureType *Declared);
  bool checkSizeArg(Expr *E, llvm::StringRef Builtin, int64_t *ConstVal);

  CompilationUnit &CU;
  Package &CurPkg;
  DiagnosticEngine &Diags;

  std::vector<std::unique_ptr<Scope>> Scopes;
  Scope *Cur = nullptr;
  Scope *UniverseScope = nullptr;
  Scope *PackageScope = nullptr;
  Scope *FileScope = nullptr;
  llvm::StringMap<std::unique_ptr<Scope>> PackageScopes; // by import path
  llvm::StringMap<llvm::StringRef> KnownUnsupportedMembers;

  // Package-level resolution state.
  enum class State { Unresolved, InProgress, Done };
  llvm::DenseMap<const Node *, State> States;
  llvm::DenseMap<const VarDecl *, VarSpec *> SpecOf;
  /// Dependencies (global vars and funcs) collected per global var spec and
  /// per function, for the initialization order.
  /// A std::map: CurDeps points into it while nested resolutions add
  /// entries, so its elements must not move.
  std::map<const Node *, llvm::SetVector<const Node *>> Deps;
  llvm::SetVector<const Node *> *CurDeps = nullptr;
  /// Package-level declarations being resolved, outermost first: the chain
  /// of a cycle is the suffix from the declaration found in progress. Each
  /// entry records whether the type reference that started it was indirect
  /// (under a pointer, slice, map or func): a type cycle through any
  /// indirection is valid.
  struct Resolving {
    const Decl *D;
    bool ViaIndirection;
  };
  llvm::SmallVector<Resolving, 8> ResolveStack;
  /// Set by resolveType just before it resolves a referenced type name.
  bool NextViaIndirection = false;
  /// The frame address where the current thread's use of the stack began:
  /// a long chain of declarations (var a0 = a1; var a1 = a2; ...) resolves
  /// recursively, and continues on a fresh thread's stack every megabyte
  /// or so instead of overflowing (see resolveGlobal).
  uintptr_t StackBottom = 0;
  /// Map key types that were comparable when their map type was resolved
  /// but may mention a type still being defined (`type T struct{ m
  /// map[T]int }`): checked again once no declaration is in progress, as
  /// Go's check.later does.
  struct DelayedMapKey {
    Type *Key;
    llvm::SMLoc Loc;
  };
  std::vector<DelayedMapKey> DelayedMapKeys;
  void checkDelayedMapKeys();
  /// The suffix of ResolveStack that starts at D (or just D).
  std::vector<const Decl *> cycleFrom(const Decl *D,
                                      bool *ViaIndirection = nullptr);
  /// Declarations already reported as part of an initialization loop.
  llvm::SmallPtrSet<const Node *, 4> ReportedCycles;

  // Function-body state.
  FuncDecl *CurFunc = nullptr;
  /// Function literals in package-level initializers (glob..func1, ...).
  unsigned NumGlobalLiterals = 0;
  int64_t CurIota = -1;
  std::vector<VarDecl *> LocalVars;
  struct LabelInfo {
    LabeledStmt *S;
    bool Used;
  };
  llvm::StringMap<LabelInfo> Labels;
  /// Enclosing breakable statements (innermost last), with their labels.
  struct Enclosing {
    Stmt *S;
    llvm::StringRef Label;
    bool IsLoop;
  };
  std::vector<Enclosing> Breakables;
  llvm::DenseSet<const Stmt *> BreakTargets;
  llvm::StringRef PendingLabel;
  /// Set while checking the single RHS of a 1 = 1 assignment, so that a
  /// multi-value call reports Go's "assignment mismatch" message.
  bool InSingleAssign = false;
  Decl *NilD = nullptr;
  /// Every package's Sema (Frontend's), for generic functions of imported
  /// packages.
  std::map<const Package *, Sema *> *Owners = nullptr;
  /// The Sema of the package declaring F.
  Sema &ownerOf(const FuncDecl *F) {
    if (F->getPackage() == &CurPkg || !Owners)
      return *this;
    auto It = Owners->find(F->getPackage());
    return It != Owners->end() ? *It->second : *this;
  }
  /// Resolving a constraint: interfaces with type sets are allowed.
  bool InConstraint = false;
  std::vector<std::unique_ptr<Scope>> OwnedScopes;
  struct GenericFunc {
    std::vector<TypeParamType *> Params;
    /// Each constraint as written (Number, not its type set) and each
    /// parameter's position, for messages.
    std::vector<Type *> ConstraintNames;
    std::vector<llvm::SMLoc> ParamLocs;
  };
  std::map<FuncDecl *, GenericFunc> Generics;
  std::map<std::pair<FuncDecl *, std::vector<Type *>>, FuncDecl *> Instances;
  std::map<FuncDecl *, Scope *> InstanceScopes;
  std::map<std::pair<TypeDecl *, std::vector<Type *>>, NamedType *>
      TypeInstances;
  /// Which function's body asked for each instance (instantiation cycles).
  llvm::DenseMap<const FuncDecl *, const FuncDecl *> InstanceRequesters;
  /// Generic types whose constraints are being resolved: one that refers
  /// back to its own type is an invalid recursive type.
  llvm::SmallPtrSet<TypeDecl *, 4> ResolvingConstraints;
  llvm::SmallPtrSet<const Decl *, 4> ReportedGenericCycles;
  std::vector<std::pair<TypeDecl *, std::vector<Type *>>>
      TypeInstancesInProgress;
  std::map<TypeDecl *, std::vector<FuncDecl *>> GenericMethods;
  std::map<const NamedType *, std::pair<TypeDecl *, std::vector<Type *>>>
      TypeInstanceArgs;
  std::vector<FuncDecl *> PendingInstances, NewInstances;
  Decl *IotaD = nullptr;
};

/// An argument's type as Go's "have (...)" lists print it: "number",
/// "string", "nil" for untyped constants, else the type.
std::string argumentTypeString(const Expr *E);

} // namespace gm::lang

#endif // GM_LANG_LIB_SEMA_SEMA_H
