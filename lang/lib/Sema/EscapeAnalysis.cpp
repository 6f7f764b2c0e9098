//===- EscapeAnalysis.cpp - which allocations may live on the stack -------===//
//
// The model is Go's (cmd/compile/internal/escape), rebuilt for gm's AST:
//
// * A location is something that holds a value: a local variable or
//   parameter, a result, an allocation (new, &T{}, make, a literal), or the
//   heap, which stands for everything that outlives every frame (globals,
//   the map runtime, what a pointer is stored through).
// * Evaluating an expression into a hole adds edges "dst = *^derefs src":
//   derefs -1 for &x, 0 for a copy, 1 for *p. A store through any pointer,
//   into a map or a global goes to the heap, as in Go.
// * Solving walks back from every location R, tracking the fewest derefs
//   to each location L it reaches. Fewer than zero means R holds L's
//   address; if R outlives L (R is the heap or has escaped, R is a result,
//   R was declared outside a loop that allocates L, or in a function that
//   encloses L's), L escapes and becomes a root itself.
// * A function's parameters are summarised by how they leak (to the heap,
//   to a result, at how many derefs), and each call applies the callee's
//   summary to its arguments. Callees are analysed first; a call whose
//   callee has no summary yet (recursion), a call through a function value,
//   and a call into the runtime leak their arguments to the heap.
//
// Decisions err towards the heap: anything not analysed (package-level
// initialisers, functions with goto) keeps its heap allocation.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Sema/EscapeAnalysis.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/AST/ExprString.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <deque>
#include <memory>

using namespace gm::lang;

namespace {

/// How one parameter leaks: to the heap and to each result, as the fewest
/// derefs of the argument that arrive there (None: not at all).
struct ParamLeaks {
  static constexpr int None = 1 << 20;
  int ToHeap = None;
  std::vector<int> ToResult;
};

struct Location;
struct Edge {
  Location *Src;
  int Derefs;
};

struct Location {
  const FuncDecl *Fn = nullptr; // the function whose frame it would be in
  unsigned LoopDepth = 0;
  bool IsHeap = false;
  bool IsResult = false;
  /// A parameter (or receiver) of the function being summarised: its index.
  int ParamIndex = -1;
  /// What to mark non-escaping (at most one of them).
  VarDecl *Var = nullptr;
  Expr *Site = nullptr;
  /// Incoming flows: this = *^Derefs Src.
  std::vector<Edge> Edges;
  bool Escapes = false;
  bool Queued = false;
  // Walk state.
  unsigned WalkGen = 0;
  int Derefs = 0;
};

/// Where a value goes: Dst = *^Derefs value; a null Dst discards it.
struct Hole {
  Location *Dst = nullptr;
  int Derefs = 0;
  Hole shift(int N) const { return {Dst, Derefs + N}; }
  Hole deref() const { return shift(1); }
  Hole addr() const { return shift(-1); }
};

using Summaries = llvm::DenseMap<const FuncDecl *, std::vector<ParamLeaks>>;

bool isInside(const FuncDecl *Inner, const FuncDecl *Outer) {
  for (const FuncDecl *F = Inner ? Inner->getOuter() : nullptr; F;
       F = F->getOuter())
    if (F == Outer)
      return true;
  return false;
}

/// Whether values of T can refer to memory (and so to an allocation).
bool mayHoldPointers(const Type *T) {
  if (!T)
    return true;
  const Type *U = T->getUnderlying();
  switch (U->getKind()) {
  case Type::Struct:
    return llvm::any_of(
        llvm::cast<StructType>(U)->getFields(),
        [](const StructField &F) { return mayHoldPointers(F.Ty); });
  case Type::Array:
    return mayHoldPointers(llvm::cast<ArrayType>(U)->getElement());
  default:
    return !U->isNumeric() && U->getKind() != Type::Bool;
  }
}

const Expr *stripParens(const Expr *E) {
  while (auto *P = llvm::dyn_cast_or_null<ParenExpr>(E))
    E = P->getInner();
  return E;
}

unsigned countDerefs(const SelectorExpr *S) {
  unsigned N = 0;
  for (const FieldStep &St : S->path())
    N += St.Deref;
  return N;
}

/// Builds and solves the flow graph of one top-level function and the
/// literals inside it.
class FunctionAnalysis {
public:
  FunctionAnalysis(FuncDecl *F, const Summaries &Known,
                   const llvm::DenseSet<const FuncDecl *> &Pending)
      : Top(F), Known(Known), Pending(Pending) {
    Heap = newLocation(nullptr);
    Heap->IsHeap = true;
  }

  /// Builds the graph; false if the function is not analysed (goto).
  bool build();
  void solve();
  /// Marks the allocations that stay in their frame.
  void mark();
  /// The summary of Top's parameters (receiver first).
  std::vector<ParamLeaks> summary() const { return Leaks; }
  /// Top-level functions called directly.
  const llvm::SetVector<FuncDecl *> &callees() const { return Callees; }
  void report(std::vector<EscapeDecision> &Out) const;

private:
  Location *newLocation(const FuncDecl *F) {
    Locations.push_back(std::make_unique<Location>());
    Location *L = Locations.back().get();
    L->Fn = F;
    L->LoopDepth = LoopDepth;
    return L;
  }
  Location *declare(VarDecl *V) {
    if (!V || V->getName() == "_")
      return nullptr;
    Location *L = newLocation(CurFn);
    L->Var = V;
    Vars[V] = L;
    return L;
  }
  Location *site(Expr *E, const FuncDecl *F) {
    Location *L = newLocation(F);
    L->Site = E;
    Sites.push_back(L);
    return L;
  }
  Location *varLocation(const Decl *D) const {
    auto It = Vars.find(D);
    return It == Vars.end() ? nullptr : It->second;
  }
  Hole heapHole() const { return {Heap, 0}; }
  void flow(Hole K, Location *Src, int Derefs) {
    if (!K.Dst || !Src)
      return;
    if (K.Dst == Src && K.Derefs + Derefs >= 0)
      return; // x = x, x = *x: no new address flows
    K.Dst->Edges.push_back({Src, K.Derefs + Derefs});
  }
  /// A temporary standing for a value that goes to several holes.
  Location *tee(llvm::ArrayRef<Hole> Ks) {
    Location *T = newLocation(CurFn);
    for (Hole K : Ks)
      flow(K, T, 0);
    return T;
  }

  void function(FuncDecl *F);
  void stmts(const std::vector<Stmt *> &L) {
    for (Stmt *S : L)
      stmt(S);
  }
  void stmt(Stmt *S);
  void expr(Expr *E, Hole K);
  void discard(Expr *E) { expr(E, Hole()); }
  void addrOf(Expr *E, Hole K);
  void composite(CompositeLitExpr *CL, Hole K);
  void call(CallExpr *C, llvm::ArrayRef<Hole> Results);
  /// One expression giving several values (a, b = f(); v, ok = m[k]):
  /// only a call passes anything along, each result into its hole.
  void multiValue(Expr *E, llvm::ArrayRef<Hole> Ks) {
    if (auto *C = llvm::dyn_cast<CallExpr>(stripParens(E)))
      call(const_cast<CallExpr *>(C), Ks);
    else if (llvm::isa<TypeAssertExpr>(stripParens(E)) && !Ks.empty())
      expr(E, Ks[0]); // v, ok := x.(T): v is what x holds
    else
      discard(E);
  }
  void receiver(SelectorExpr *Sel, Hole K);
  /// X converted to an interface by Site: a value of at most a word is
  /// the interface's data word itself; a larger one is copied into a box
  /// that Site allocates.
  void toInterface(Expr *Site, Expr *X, Hole K) {
    if (!X->getType() || fitsInInterfaceWord(X->getType())) {
      expr(X, K);
      return;
    }
    Location *Box = site(Site, CurFn);
    flow(K, Box, -1);
    expr(X, {Box, 0});
  }
  Hole assignHole(Expr *E);
  void assign(const std::vector<Expr *> &L, const std::vector<Expr *> &R,
              bool Define);

  bool outlives(const Location *Root, const Location *L) const {
    if (Root->IsHeap || Root->Escapes || Root->IsResult)
      return true; // what a function returns may go anywhere
    if (Root->Fn == L->Fn)
      return Root->LoopDepth < L->LoopDepth;
    return isInside(L->Fn, Root->Fn);
  }
  void walk(Location *Root, std::deque<Location *> &Roots);

  FuncDecl *Top;
  const Summaries &Known;
  const llvm::DenseSet<const FuncDecl *> &Pending;
  std::vector<std::unique_ptr<Location>> Locations;
  std::vector<Location *> Sites;
  llvm::DenseMap<const Decl *, Location *> Vars;
  Location *Heap;
  FuncDecl *CurFn = nullptr;
  unsigned LoopDepth = 0;
  /// Result locations of each function, in order.
  llvm::DenseMap<const FuncDecl *, std::vector<Location *>> Results;
  std::vector<ParamLeaks> Leaks;
  llvm::SetVector<FuncDecl *> Callees;
  /// string(b), []byte(s), []rune(s): reported, not analysed.
  std::vector<const CallExpr *> HeapConversions;
  unsigned WalkGen = 0;
};

bool FunctionAnalysis::build() {
  if (!Top->getBody() || Top->hasGoto())
    return false;
  function(Top);
  return true;
}

void FunctionAnalysis::function(FuncDecl *F) {
  FuncDecl *SavedFn = CurFn;
  unsigned SavedDepth = LoopDepth;
  CurFn = F;
  LoopDepth = 0;
  int Index = 0;
  auto param = [&](VarDecl *V) {
    Location *L = declare(V);
    if (L && F == Top)
      L->ParamIndex = Index;
    ++Index;
  };
  if (F->getReceiver())
    param(F->getReceiver());
  for (VarDecl *P : F->params())
    param(P);
  std::vector<Location *> &Rs = Results[F];
  for (VarDecl *R : F->results()) {
    Location *L = R && R->getName() != "_" && !R->getName().empty()
                      ? declare(R)
                      : newLocation(F);
    L->IsResult = true;
    Rs.push_back(L);
  }
  stmts(F->getBody()->body());
  CurFn = SavedFn;
  LoopDepth = SavedDepth;
}

void FunctionAnalysis::stmt(Stmt *S) {
  if (!S)
    return;
  switch (S->getKind()) {
  case Stmt::ExprS:
    discard(llvm::cast<ExprStmt>(S)->getExpr());
    return;
  case Stmt::DeclS:
    for (VarSpec *VS : llvm::cast<DeclStmt>(S)->varSpecs()) {
      std::vector<Location *> Ls;
      for (VarDecl *V : VS->names())
        Ls.push_back(declare(V));
      auto &Vals = VS->values();
      if (Vals.size() == 1 && Ls.size() > 1) {
        std::vector<Hole> Ks;
        for (Location *L : Ls)
          Ks.push_back({L, 0});
        multiValue(Vals[0], Ks);
        continue;
      }
      for (size_t I = 0; I < Vals.size(); ++I)
        expr(Vals[I], {I < Ls.size() ? Ls[I] : nullptr, 0});
    }
    return;
  case Stmt::Assign: {
    auto *A = llvm::cast<AssignStmt>(S);
    for (VarDecl *V : A->newVars())
      declare(V);
    if (A->getForm() == AssignStmt::OpAssign) {
      for (Expr *E : A->lhs())
        assignHole(E);
      for (Expr *E : A->rhs())
        discard(E); // +=, -=, ...: numbers and new strings
      return;
    }
    assign(A->lhs(), A->rhs(), A->isDefine());
    return;
  }
  case Stmt::IncDec:
    assignHole(llvm::cast<IncDecStmt>(S)->getExpr());
    return;
  case Stmt::Block:
    stmts(llvm::cast<BlockStmt>(S)->body());
    return;
  case Stmt::If: {
    auto *I = llvm::cast<IfStmt>(S);
    stmt(I->getInit());
    discard(I->getCond());
    stmt(I->getThen());
    stmt(I->getElse());
    return;
  }
  case Stmt::For: {
    auto *F = llvm::cast<ForStmt>(S);
    // The loop's own variables are per iteration (Go 1.22), so inside it.
    ++LoopDepth;
    stmt(F->getInit());
    discard(F->getCond());
    stmt(F->getPost());
    stmt(F->getBody());
    --LoopDepth;
    return;
  }
  case Stmt::Range: {
    auto *R = llvm::cast<RangeStmt>(S);
    Expr *X = R->getRangeExpr();
    ++LoopDepth;
    Hole KeyK, ValK;
    if (R->isDefine()) {
      KeyK = {declare(R->getKeyVar()), 0};
      ValK = {declare(R->getValueVar()), 0};
    } else {
      if (R->getKey())
        KeyK = assignHole(R->getKey());
      if (R->getValue())
        ValK = assignHole(R->getValue());
    }
    --LoopDepth;
    switch (R->getRangeKind()) {
    case RangeStmt::Slice:
    case RangeStmt::PointerToArray:
      expr(X, ValK.deref()); // v = *backing
      break;
    case RangeStmt::Array:
      expr(X, ValK);
      break;
    default: // ints, strings, and maps' keys and values (heap)
      discard(X);
      break;
    }
    ++LoopDepth;
    stmt(R->getBody());
    --LoopDepth;
    return;
  }
  case Stmt::Switch: {
    auto *Sw = llvm::cast<SwitchStmt>(S);
    stmt(Sw->getInit());
    if (Sw->isTypeSwitch()) {
      // Each clause's variable holds what x holds.
      Expr *X = llvm::cast<TypeAssertExpr>(Sw->getTag())->getX();
      std::vector<Hole> Ks;
      for (CaseClause &C : Sw->clauses())
        if (C.Bound)
          Ks.push_back({declare(C.Bound), 0});
      expr(X, Hole{tee(Ks), 0});
      for (CaseClause &C : Sw->clauses())
        stmts(C.Body);
      return;
    }
    discard(Sw->getTag());
    for (CaseClause &C : Sw->clauses()) {
      for (Expr *V : C.Values)
        discard(V);
      stmts(C.Body);
    }
    return;
  }
  case Stmt::Return: {
    auto *R = llvm::cast<ReturnStmt>(S);
    std::vector<Location *> &Rs = Results[CurFn];
    auto &Vals = R->results();
    if (Vals.size() == 1 && Rs.size() > 1) {
      std::vector<Hole> Ks;
      for (Location *L : Rs)
        Ks.push_back({L, 0});
      multiValue(Vals[0], Ks);
      return;
    }
    for (size_t I = 0; I < Vals.size(); ++I)
      expr(Vals[I], {I < Rs.size() ? Rs[I] : Heap, 0});
    return;
  }
  case Stmt::Defer: {
    // The call runs when the function returns, still in its frame: what it
    // needs lives as long as a variable of the function's outermost block.
    // A defer in a loop keeps its records on the heap.
    auto *D = llvm::cast<DeferStmt>(S);
    Hole Record = heapHole();
    if (!D->isInLoop()) {
      unsigned Saved = LoopDepth;
      LoopDepth = 0;
      Record = {newLocation(CurFn), 0};
      LoopDepth = Saved;
    }
    auto *C =
        llvm::dyn_cast<CallExpr>(const_cast<Expr *>(stripParens(D->getExpr())));
    if (!C) {
      expr(D->getExpr(), heapHole());
      return;
    }
    Expr *Callee = const_cast<Expr *>(stripParens(C->getCallee()));
    if (C->getCallKind() == CallExpr::Method)
      receiver(llvm::cast<SelectorExpr>(Callee), heapHole());
    else if (C->getCallKind() == CallExpr::FuncValue)
      expr(Callee, Record);
    for (Expr *A : C->args())
      expr(A, heapHole());
    return;
  }
  case Stmt::Go: {
    // The new goroutine may run after this function has returned: the
    // record of what it calls (the function value, so a literal's closure
    // and the variables it captures, the receiver, the arguments) is on
    // the heap.
    auto *C = llvm::dyn_cast<CallExpr>(
        const_cast<Expr *>(stripParens(llvm::cast<GoStmt>(S)->getExpr())));
    if (!C) {
      expr(llvm::cast<GoStmt>(S)->getExpr(), heapHole());
      return;
    }
    Expr *Callee = const_cast<Expr *>(stripParens(C->getCallee()));
    if (C->getCallKind() == CallExpr::Method)
      receiver(llvm::cast<SelectorExpr>(Callee), heapHole());
    else if (C->getCallKind() == CallExpr::FuncValue)
      expr(Callee, heapHole());
    for (Expr *A : C->args())
      expr(A, heapHole());
    return;
  }
  case Stmt::Send:
    // The value is copied into the channel's buffer (or straight to a
    // receiver in another goroutine): it escapes, as in Go.
    discard(llvm::cast<SendStmt>(S)->getChan());
    expr(llvm::cast<SendStmt>(S)->getValue(), heapHole());
    return;
  case Stmt::Select:
    for (CommClause &C : llvm::cast<SelectStmt>(S)->clauses()) {
      // Receives bring values from the heap; what is sent escapes.
      stmt(C.Comm);
      stmts(C.Body);
    }
    return;
  case Stmt::Labeled:
    stmt(llvm::cast<LabeledStmt>(S)->getStmt());
    return;
  default: // empty, branch, bad
    return;
  }
}

void FunctionAnalysis::assign(const std::vector<Expr *> &L,
                              const std::vector<Expr *> &R, bool Define) {
  std::vector<Hole> Ks;
  for (Expr *E : L)
    Ks.push_back(assignHole(E));
  if (R.size() == 1 && L.size() > 1) {
    multiValue(R[0], Ks);
    return;
  }
  for (size_t I = 0; I < R.size(); ++I)
    expr(R[I], I < Ks.size() ? Ks[I] : Hole());
}

Hole FunctionAnalysis::assignHole(Expr *E) {
  E = const_cast<Expr *>(stripParens(E));
  switch (E->getKind()) {
  case Expr::Ident: {
    auto *D = llvm::cast<IdentExpr>(E)->getDecl();
    if (!D)
      return Hole(); // _
    if (Location *L = varLocation(D))
      return {L, 0};
    return heapHole(); // a package-level variable
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    if (S->getSelKind() != SelectorExpr::Field)
      return heapHole();
    if (countDerefs(S)) {
      discard(S->getBase());
      return heapHole(); // stored through a pointer
    }
    return assignHole(S->getBase()); // a field of a variable
  }
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    if (I->getIndexKind() == IndexExpr::Array) {
      discard(I->getIndex());
      return assignHole(I->getBase());
    }
    discard(I->getBase());
    // A map keeps its keys.
    expr(I->getIndex(), I->isMapIndex() ? heapHole() : Hole());
    return heapHole();
  }
  case Expr::Star:
    discard(llvm::cast<StarExpr>(E)->getOperand());
    return heapHole();
  default:
    discard(E);
    return heapHole();
  }
}

void FunctionAnalysis::expr(Expr *E, Hole K) {
  if (!E || E->isConstant())
    return;
  // A value without pointers carries no address: only what it is computed
  // from matters (its calls and literals).
  if (K.Dst && E->getType() && !llvm::isa<TupleType>(E->getType()) &&
      !mayHoldPointers(E->getType()))
    K = Hole();
  switch (E->getKind()) {
  case Expr::Paren:
    expr(llvm::cast<ParenExpr>(E)->getInner(), K);
    return;
  case Expr::Ident:
    flow(K, varLocation(llvm::cast<IdentExpr>(E)->getDecl()), 0);
    return;
  case Expr::CompositeLit:
    composite(llvm::cast<CompositeLitExpr>(E), K);
    return;
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    switch (S->getSelKind()) {
    case SelectorExpr::Field:
      expr(S->getBase(), K.shift(int(countDerefs(S))));
      return;
    case SelectorExpr::Method:
      // A method value holds its receiver in a closure on the heap.
      receiver(S, heapHole());
      return;
    case SelectorExpr::InterfaceMethod:
      expr(S->getBase(), heapHole()); // held by the method value's closure
      return;
    default: // package members, method expressions
      return;
    }
  }
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    discard(I->getIndex());
    switch (I->getIndexKind()) {
    case IndexExpr::Array:
      expr(I->getBase(), K);
      return;
    case IndexExpr::PointerToArray:
    case IndexExpr::SliceIdx:
      expr(I->getBase(), K.deref());
      return;
    default: // a byte of a string; a map's value (from the heap)
      discard(I->getBase());
      return;
    }
  }
  case Expr::Slice: {
    auto *S = llvm::cast<SliceExpr>(E);
    discard(S->getLow());
    discard(S->getHigh());
    discard(S->getMax());
    if (S->getSliceKind() == SliceExpr::Array)
      addrOf(S->getBase(), K); // a[i:j] points into a
    else
      expr(S->getBase(), K);
    return;
  }
  case Expr::Call:
    call(llvm::cast<CallExpr>(E), {K});
    return;
  case Expr::Star:
    expr(llvm::cast<StarExpr>(E)->getOperand(), K.deref());
    return;
  case Expr::Unary: {
    auto *U = llvm::cast<UnaryExpr>(E);
    if (U->getOp() == tok::amp) {
      Expr *X = const_cast<Expr *>(stripParens(U->getOperand()));
      if (auto *CL = llvm::dyn_cast<CompositeLitExpr>(X)) {
        // &T{...}: a new object holding the literal's value.
        Location *A = site(U, CurFn);
        flow(K, A, -1);
        if (llvm::isa<SliceType>(CL->getType()->getUnderlying()))
          composite(CL, heapHole()); // its backing array stays on the heap
        else
          composite(CL, {A, 0});
        return;
      }
      addrOf(X, K);
      return;
    }
    discard(U->getOperand());
    return;
  }
  case Expr::Binary:
    // Comparisons, arithmetic and string concatenation (a new string):
    // nothing of the operands is kept.
    discard(llvm::cast<BinaryExpr>(E)->getLHS());
    discard(llvm::cast<BinaryExpr>(E)->getRHS());
    return;
  case Expr::ImplicitConvE:
    toInterface(E, llvm::cast<ImplicitConvExpr>(E)->getSub(), K);
    return;
  case Expr::TypeAssertE:
    // The asserted value is what the interface holds (a box's content
    // counts as the box: conservative).
    expr(llvm::cast<TypeAssertExpr>(E)->getX(), K);
    return;
  case Expr::FuncLit: {
    FuncDecl *F = llvm::cast<FuncLitExpr>(E)->getFunc();
    if (!F->captures().empty()) {
      // The closure holds the address of each variable it captures.
      Location *C = site(E, CurFn);
      flow(K, C, -1);
      for (VarDecl *V : F->captures())
        flow({C, 0}, varLocation(V), -1);
    }
    function(F);
    return;
  }
  default: // type syntax, literals
    return;
  }
}

void FunctionAnalysis::addrOf(Expr *E, Hole K) {
  E = const_cast<Expr *>(stripParens(E));
  switch (E->getKind()) {
  case Expr::Ident:
    flow(K, varLocation(llvm::cast<IdentExpr>(E)->getDecl()), -1);
    return;
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    if (S->getSelKind() != SelectorExpr::Field) {
      discard(E);
      return;
    }
    // &p.f is p plus an offset; &x.f is inside x.
    if (unsigned N = countDerefs(S))
      expr(S->getBase(), K.shift(int(N) - 1));
    else
      addrOf(S->getBase(), K);
    return;
  }
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    discard(I->getIndex());
    if (I->getIndexKind() == IndexExpr::Array)
      addrOf(I->getBase(), K);
    else
      expr(I->getBase(), K); // into the backing array
    return;
  }
  case Expr::Star:
    expr(llvm::cast<StarExpr>(E)->getOperand(), K);
    return;
  default:
    expr(E, heapHole());
    return;
  }
}

void FunctionAnalysis::composite(CompositeLitExpr *CL, Hole K) {
  const Type *U = CL->getType() ? CL->getType()->getUnderlying() : nullptr;
  Hole Elems = K;
  if (U && llvm::isa<SliceType>(U)) {
    Location *A = site(CL, CurFn); // the backing array
    flow(K, A, -1);
    Elems = {A, 0};
  } else if (U && llvm::isa<MapType>(U)) {
    Elems = heapHole();
  }
  for (CompositeElement &El : CL->elements()) {
    if (U && llvm::isa<MapType>(U))
      expr(El.Key, heapHole());
    expr(El.Value, Elems);
  }
}

void FunctionAnalysis::receiver(SelectorExpr *Sel, Hole K) {
  unsigned N = countDerefs(Sel);
  switch (Sel->getRecvAdjust()) {
  case SelectorExpr::AddrOf:
    if (N)
      expr(Sel->getBase(), K.shift(int(N) - 1));
    else
      addrOf(Sel->getBase(), K);
    return;
  case SelectorExpr::Deref:
    expr(Sel->getBase(), K.shift(int(N) + 1));
    return;
  case SelectorExpr::None:
    expr(Sel->getBase(), K.shift(int(N)));
    return;
  }
}

void FunctionAnalysis::call(CallExpr *C, llvm::ArrayRef<Hole> Results) {
  Hole K0 = Results.empty() ? Hole() : Results[0];
  auto &Args = C->args();
  switch (C->getCallKind()) {
  case CallExpr::Function:
  case CallExpr::Method: {
    FuncDecl *F = C->getFunc();
    if (F && !F->isLiteral())
      Callees.insert(F);
    const std::vector<ParamLeaks> *Sum = nullptr;
    auto It = Known.find(F);
    if (It != Known.end() && !Pending.count(F))
      Sum = &It->second;
    // Each argument goes where the callee's summary says, or to the heap.
    auto argument = [&](unsigned Index, auto Evaluate) {
      if (!Sum || Index >= Sum->size()) {
        Evaluate(heapHole());
        return;
      }
      const ParamLeaks &P = (*Sum)[Index];
      std::vector<Hole> Ks;
      if (P.ToHeap != ParamLeaks::None)
        Ks.push_back(heapHole().shift(P.ToHeap));
      for (size_t R = 0; R < P.ToResult.size() && R < Results.size(); ++R)
        if (P.ToResult[R] != ParamLeaks::None)
          Ks.push_back(Results[R].shift(P.ToResult[R]));
      Evaluate(Hole{tee(Ks), 0});
    };
    unsigned Index = 0;
    if (C->getCallKind() == CallExpr::Method) {
      auto *Sel = llvm::cast<SelectorExpr>(
          const_cast<Expr *>(stripParens(C->getCallee())));
      argument(Index++, [&](Hole K) { receiver(Sel, K); });
    }
    SignatureType *Sig = C->getSignature();
    size_t NParams = Sig ? Sig->getParams().size() : 0;
    bool Variadic = Sig && Sig->isVariadic() && !C->hasEllipsis();
    if (Args.size() == 1 && Args[0]->getType() &&
        llvm::isa<TupleType>(Args[0]->getType())) {
      // f(g()): g's results are f's arguments.
      std::vector<Hole> Ks;
      for (size_t I = 0; I < NParams; ++I)
        Ks.push_back(heapHole());
      if (auto *Inner = llvm::dyn_cast<CallExpr>(stripParens(Args[0])))
        call(const_cast<CallExpr *>(Inner), Ks);
      return;
    }
    for (size_t I = 0; I < Args.size(); ++I) {
      if (Variadic && I + 1 >= NParams)
        expr(Args[I], heapHole()); // packed into a heap slice
      else
        argument(Index + unsigned(I), [&](Hole K) { expr(Args[I], K); });
    }
    return;
  }
  case CallExpr::FuncValue:
    discard(C->getCallee());
    for (Expr *A : Args)
      expr(A, heapHole());
    return;
  case CallExpr::InterfaceMethod: {
    // The callee is unknown: the receiver (the interface's value) and
    // every argument may be kept by it.
    auto *Sel = llvm::cast<SelectorExpr>(
        const_cast<Expr *>(stripParens(C->getCallee())));
    expr(Sel->getBase(), heapHole());
    if (Args.size() == 1 && Args[0]->getType() &&
        llvm::isa<TupleType>(Args[0]->getType())) {
      std::vector<Hole> Ks(Sel->getInterface()
                               ->getMethods()[Sel->getMethodIndex()]
                               .Sig->getParams()
                               .size(),
                           heapHole());
      multiValue(Args[0], Ks);
      return;
    }
    for (Expr *A : Args)
      expr(A, heapHole());
    return;
  }
  case CallExpr::Conversion: {
    if (C->getType() && C->getType()->isInterface() && Args.size() == 1) {
      toInterface(C, Args[0], K0);
      return;
    }
    const Type *To = C->getType() ? C->getType()->getUnderlying() : nullptr;
    const Type *From = Args.empty() || !Args[0]->getType()
                           ? nullptr
                           : Args[0]->getType()->getUnderlying();
    // string(b), []byte(s), []rune(s) and numeric conversions copy; the
    // others keep the value.
    bool Copies = To && From && To != From &&
                  (To->getKind() == Type::String ||
                   From->getKind() == Type::String || To->isNumeric());
    for (Expr *A : Args)
      expr(A, Copies ? Hole() : K0);
    // string(b), string(runes), []byte(s), []rune(s) allocate their result:
    // in a frame buffer if it does not escape (and fits, at run time).
    bool SliceString = To && From &&
                       ((To->isString() && llvm::isa<SliceType>(From)) ||
                        (From->isString() && llvm::isa<SliceType>(To)));
    if (SliceString)
      flow(K0, site(C, CurFn), -1);
    else if (Copies && !To->isNumeric() && !From->isNumeric())
      HeapConversions.push_back(C); // string(rune): always on the heap
    return;
  }
  case CallExpr::Package:
    switch (C->getPkgFunc()) {
    case PkgFunc::FmtPrintln:
    case PkgFunc::FmtPrintf:
    case PkgFunc::FmtSprintf:
    case PkgFunc::FmtSprintln:
    case PkgFunc::FmtErrorf:
    case PkgFunc::FmtSprint:
    case PkgFunc::FmtPrint:
    case PkgFunc::FmtFprintln:
    case PkgFunc::FmtFprint:
    case PkgFunc::FmtFprintf: {
      // As in Go, what fmt's arguments hold escapes (a String method may
      // keep it). Unlike Go's, gm's fmt is not reflection: it only reads
      // the interface values, and a method it calls receives a copy of a
      // boxed value, never the box. So the boxes stay in the frame.
      // Fprint*'s io.Writer is the receiver of a call through an interface,
      // as in w.Write(p): it escapes, box and all.
      bool ToWriter = C->getPkgFunc() == PkgFunc::FmtFprintln ||
                      C->getPkgFunc() == PkgFunc::FmtFprint ||
                      C->getPkgFunc() == PkgFunc::FmtFprintf;
      for (Expr *A : Args) {
        if (ToWriter && A == Args.front()) {
          expr(A, heapHole());
          continue;
        }
        auto *IC = llvm::dyn_cast<ImplicitConvExpr>(A);
        if (IC && IC->getSub()->getType() &&
            !fitsInInterfaceWord(IC->getSub()->getType())) {
          site(IC, CurFn); // a box nothing outlives
          expr(IC->getSub(), heapHole());
          continue;
        }
        expr(A, heapHole());
      }
      return;
    }
    case PkgFunc::UnsafeSizeof:
    case PkgFunc::UnsafeAlignof:
    case PkgFunc::UnsafeOffsetof:
      return; // not evaluated
    case PkgFunc::SortReverse:
      for (Expr *A : Args)
        expr(A, heapHole()); // the result holds it
      return;
    default:
      // sort's and math's functions keep nothing they are passed (sort
      // calls a comparator only while it runs).
      for (Expr *A : Args)
        discard(A);
      return;
    }
  case CallExpr::Builtin:
    switch (C->getBuiltin()) {
    case BuiltinKind::New: {
      Location *A = site(C, CurFn);
      flow(K0, A, -1);
      return;
    }
    case BuiltinKind::Make: {
      for (size_t I = 1; I < Args.size(); ++I)
        discard(Args[I]);
      if (C->getTypeArg() &&
          llvm::isa<SliceType>(C->getTypeArg()->getUnderlying())) {
        Location *A = site(C, CurFn);
        flow(K0, A, -1);
      }
      return;
    }
    case BuiltinKind::Append:
      if (Args.empty())
        return;
      // The result may be the first argument's backing array, or a new
      // heap array that everything is copied into.
      expr(Args[0], K0);
      expr(Args[0], heapHole().deref());
      for (size_t I = 1; I < Args.size(); ++I)
        expr(Args[I], C->hasEllipsis() ? heapHole().deref() : heapHole());
      return;
    case BuiltinKind::Copy:
      if (Args.size() == 2) {
        discard(Args[0]);
        expr(Args[1], heapHole().deref());
      }
      return;
    case BuiltinKind::Panic:
      for (Expr *A : Args)
        expr(A, heapHole());
      return;
    default: // len, cap, delete, clear, min, max, print, println, recover
      for (Expr *A : Args)
        discard(A);
      return;
    }
  default:
    for (Expr *A : Args)
      expr(A, heapHole());
    return;
  }
}

void FunctionAnalysis::walk(Location *Root, std::deque<Location *> &Roots) {
  ++WalkGen;
  Root->WalkGen = WalkGen;
  Root->Derefs = 0;
  std::deque<Location *> Todo = {Root};
  // What reaches the heap, an escaped location or another function's result
  // (which the function may return anywhere) leaks.
  bool HeapLike =
      Root->IsHeap || Root->Escapes || (Root->IsResult && Root->Fn != Top);
  while (!Todo.empty()) {
    Location *L = Todo.front();
    Todo.pop_front();
    int Base = L->Derefs;
    if (L->ParamIndex >= 0 && L != Root) {
      // How the parameter's value reaches the heap or a result of Top.
      ParamLeaks &P = Leaks[size_t(L->ParamIndex)];
      int Level = std::max(Base, 0);
      if (HeapLike)
        P.ToHeap = std::min(P.ToHeap, Level);
      else if (Root->IsResult && Root->Fn == Top) {
        auto &Rs = Results[Top];
        size_t R = size_t(llvm::find(Rs, Root) - Rs.begin());
        if (R < P.ToResult.size())
          P.ToResult[R] = std::min(P.ToResult[R], Level);
      }
    }
    if (Base < 0) {
      // Root holds L's address; what L holds is one deref further.
      Base = 0;
      if (L != Root && !L->Escapes && outlives(Root, L)) {
        L->Escapes = true;
        if (!L->Queued) {
          L->Queued = true;
          Roots.push_back(L); // now holds what the heap holds
        }
        continue;
      }
    }
    for (const Edge &E : L->Edges) {
      Location *Src = E.Src;
      if (Src->Escapes)
        continue; // walked as a root of its own
      int D = Base + E.Derefs;
      if (Src->WalkGen != WalkGen || Src->Derefs > D) {
        Src->WalkGen = WalkGen;
        Src->Derefs = D;
        Todo.push_back(Src);
      }
    }
  }
}

void FunctionAnalysis::solve() {
  size_t NParams = Top->params().size() + (Top->getReceiver() ? 1 : 0);
  Leaks.assign(NParams, ParamLeaks());
  for (ParamLeaks &P : Leaks)
    P.ToResult.assign(Results[Top].size(), ParamLeaks::None);
  std::deque<Location *> Roots;
  for (auto &L : Locations) {
    L->Queued = true;
    Roots.push_back(L.get());
  }
  while (!Roots.empty()) {
    Location *R = Roots.front();
    Roots.pop_front();
    R->Queued = false;
    walk(R, Roots);
  }
  // A parameter whose variable escapes hands all it holds to the heap.
  for (auto &L : Locations)
    if (L->ParamIndex >= 0 && L->Escapes)
      Leaks[size_t(L->ParamIndex)].ToHeap = 0;
}

/// Allocations IR generation can place in the frame: constant-size ones of
/// at most MaxImplicitStackBytes, as Go's compiler decides.
bool fitsInFrame(const Expr *Site) {
  const auto *C = llvm::dyn_cast<CallExpr>(Site);
  if (!C || C->getCallKind() != CallExpr::Builtin ||
      C->getBuiltin() != BuiltinKind::Make)
    return true;
  const auto &Args = C->args();
  const Expr *CapE = Args.size() > 2   ? Args[2]
                     : Args.size() > 1 ? Args[1]
                                       : nullptr;
  if (!CapE || !CapE->isConstant() || !CapE->getValue().isInt())
    return false;
  const llvm::APSInt &N = CapE->getValue().getInt();
  if (N.isNegative() || N.getActiveBits() > 32)
    return false;
  auto *ST = llvm::dyn_cast_or_null<SliceType>(
      C->getTypeArg() ? C->getTypeArg()->getUnderlying() : nullptr);
  uint64_t ElemSize = ST ? goSizeof(ST->getElement()) : 1;
  return N.getZExtValue() * ElemSize <= MaxImplicitStackBytes;
}

void FunctionAnalysis::mark() {
  for (auto &L : Locations) {
    if (L->Escapes)
      continue;
    if (L->Var)
      L->Var->setNonEscaping();
    else if (L->Site && fitsInFrame(L->Site))
      L->Site->setNonEscaping();
  }
}

/// Where Go's -m places the allocation: a call at its '(', a literal at
/// its '{'.
llvm::SMLoc siteLoc(const Expr *E) {
  if (auto *C = llvm::dyn_cast<CallExpr>(E))
    return C->getLParenLoc();
  if (auto *CL = llvm::dyn_cast<CompositeLitExpr>(E))
    if (CL->getLBraceLoc().isValid())
      return CL->getLBraceLoc();
  return E->getLoc();
}

/// The allocation as Go's -m names it.
std::string siteText(const Expr *E) {
  if (auto *C = llvm::dyn_cast<CallExpr>(E)) {
    // A conversion to a slice type is parenthesised: ([]byte)(s).
    if (C->getCallKind() == CallExpr::Conversion && C->getType() &&
        llvm::isa<SliceType>(C->getType()->getUnderlying()) &&
        C->args().size() == 1) {
      // Go turns []rune("lit") into a slice literal before deciding.
      const Expr *Arg = C->args()[0];
      auto *ST = llvm::cast<SliceType>(C->getType()->getUnderlying());
      if (Arg->isConstant() &&
          ST->getElement()->getUnderlying()->getKind() == Type::Int32)
        return typeString(C->getTypeAsWritten(), false) + "{...}";
      return "(" + typeString(C->getTypeAsWritten(), false) + ")(" +
             exprString(Arg) + ")";
    }
    return exprString(E); // new(T), make([]T, n), string(b)
  }
  if (llvm::isa<FuncLitExpr>(E))
    return "func literal";
  auto braces = [](const Expr *Lit) -> std::string {
    auto *CL = llvm::dyn_cast<CompositeLitExpr>(Lit);
    return CL && CL->elements().empty() ? "{}" : "{...}";
  };
  if (auto *U = llvm::dyn_cast<UnaryExpr>(E)) {
    const Expr *Lit = stripParens(U->getOperand());
    return "&" + typeString(Lit->getType(), false) + braces(Lit);
  }
  return typeString(E->getType(), false) + braces(E);
}

void FunctionAnalysis::report(std::vector<EscapeDecision> &Out) const {
  for (auto &L : Locations) {
    if (L->Var && L->Var->isAddressTaken() && L->Escapes)
      Out.push_back(
          {L->Var->getLoc(), "moved to heap: " + L->Var->getName().str()});
    if (L->Site) {
      bool Stack = L->Site->isNonEscaping();
      Out.push_back({siteLoc(L->Site),
                     siteText(L->Site) +
                         (Stack ? " does not escape" : " escapes to heap")});
    }
  }
  for (const CallExpr *C : HeapConversions)
    Out.push_back({C->getLParenLoc(), exprString(C) + " escapes to heap"});
  // Parameters, in Go's words.
  std::vector<VarDecl *> Params;
  if (Top->getReceiver())
    Params.push_back(Top->getReceiver());
  for (VarDecl *P : Top->params())
    Params.push_back(P);
  const auto &Rs = Top->results();
  for (size_t I = 0; I < Params.size() && I < Leaks.size(); ++I) {
    VarDecl *P = Params[I];
    if (!P || P->getName().empty() || P->getName() == "_" ||
        !mayHoldPointers(P->getType()))
      continue;
    const ParamLeaks &Lk = Leaks[I];
    std::string Name = P->getName().str();
    bool Any = false;
    if (Lk.ToHeap != ParamLeaks::None) {
      Any = true;
      Out.push_back({P->getLoc(), Lk.ToHeap == 0
                                      ? "leaking param: " + Name
                                      : "leaking param content: " + Name});
    }
    for (size_t R = 0; R < Lk.ToResult.size(); ++R) {
      if (Lk.ToResult[R] == ParamLeaks::None)
        continue;
      Any = true;
      std::string RName = R < Rs.size() && Rs[R] && !Rs[R]->getName().empty()
                              ? Rs[R]->getName().str()
                              : "~r" + std::to_string(R);
      Out.push_back(
          {P->getLoc(), "leaking param: " + Name + " to result " + RName +
                            " level=" + std::to_string(Lk.ToResult[R])});
    }
    if (!Any)
      Out.push_back({P->getLoc(), Name + " does not escape"});
  }
}

/// Direct callees first, by a depth-first walk of the call graph.
void postOrder(FuncDecl *F,
               const llvm::DenseMap<FuncDecl *, llvm::SetVector<FuncDecl *>> &G,
               llvm::DenseSet<FuncDecl *> &Seen, std::vector<FuncDecl *> &Out) {
  if (!Seen.insert(F).second)
    return;
  auto It = G.find(F);
  if (It != G.end())
    for (FuncDecl *Callee : It->second)
      postOrder(Callee, G, Seen, Out);
  Out.push_back(F);
}

} // namespace

void gm::lang::analyzeEscapes(CompilationUnit &CU,
                              std::vector<EscapeDecision> *Report) {
  std::vector<FuncDecl *> All;
  for (Package *P : CU.getPackages())
    for (FuncDecl *F : P->Funcs)
      if (F->getBody() && !F->isGeneric())
        All.push_back(F);

  // The call graph, from a first build of each function.
  llvm::DenseMap<FuncDecl *, llvm::SetVector<FuncDecl *>> Graph;
  {
    Summaries None;
    llvm::DenseSet<const FuncDecl *> NoPending;
    for (FuncDecl *F : All) {
      FunctionAnalysis FA(F, None, NoPending);
      if (FA.build())
        Graph[F] = FA.callees();
    }
  }
  std::vector<FuncDecl *> Order;
  llvm::DenseSet<FuncDecl *> Seen;
  for (FuncDecl *F : All)
    postOrder(F, Graph, Seen, Order);

  // Callees first; a call back into a function not yet summarised
  // (recursion) leaks its arguments.
  Summaries Sums;
  llvm::DenseSet<const FuncDecl *> Pending(Order.begin(), Order.end());
  for (FuncDecl *F : Order) {
    FunctionAnalysis FA(F, Sums, Pending);
    Pending.erase(F);
    if (!FA.build())
      continue;
    FA.solve();
    FA.mark();
    Sums[F] = FA.summary();
    const Package *P = F->getPackage();
    if (Report && P && P->isMain())
      FA.report(*Report);
  }
  if (Report)
    llvm::stable_sort(*Report,
                      [](const EscapeDecision &A, const EscapeDecision &B) {
                        return A.Loc.getPointer() < B.Loc.getPointer();
                      });
}
