//===- ASTDumper.cpp - readable AST dump for `gmc -ast-dump` --------------===//
//
// One node per line, children indented by two spaces, in the style of
// clang's -ast-dump:
//
//   FuncDecl main 'func()' <5:6>
//     BlockStmt
//       AssignStmt := Plain <6:4>
//         Ident x 'int' -> LocalVar
//         BasicLit 1 'int' = 1
//
// Types print as Go's %T prints them; constants with their folded value.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/AST/AST.h"
#include "gm/lang/Frontend/Frontend.h"
#include "llvm/ADT/SmallString.h"

using namespace gm::lang;

namespace {
class ASTDumper {
public:
  ASTDumper(const CompilationUnit &CU, llvm::raw_ostream &OS)
      : CU(CU), OS(OS) {}
  void dumpUnit();

private:
  void line() { OS.indent(Indent * 2); }
  void loc(llvm::SMLoc L) {
    auto LC = CU.getLineAndColumn(L);
    if (LC.first)
      OS << " <" << LC.first << ":" << LC.second << ">";
  }
  void type(const Type *T) {
    if (T)
      OS << " '" << typeString(T) << "'";
  }
  struct Nest {
    ASTDumper &D;
    explicit Nest(ASTDumper &D) : D(D) { ++D.Indent; }
    ~Nest() { --D.Indent; }
  };
  void dumpDecl(const Decl *D);
  void dumpVarSpec(const VarSpec *S, const char *What);
  void dumpFunc(const FuncDecl *F);
  void dumpStmt(const Stmt *S);
  void dumpExpr(const Expr *E, const char *Role = nullptr);
  void dumpValue(const ConstantValue &V);
  static const char *varKind(const VarDecl *V);

  const CompilationUnit &CU;
  llvm::raw_ostream &OS;
  unsigned Indent = 0;
};
} // namespace

const char *ASTDumper::varKind(const VarDecl *V) {
  switch (V->getVarKind()) {
  case VarDecl::Local:
    return "LocalVar";
  case VarDecl::Global:
    return "GlobalVar";
  case VarDecl::Param:
    return "Param";
  case VarDecl::Result:
    return "Result";
  case VarDecl::Receiver:
    return "Receiver";
  }
  return "Var";
}

void ASTDumper::dumpValue(const ConstantValue &V) {
  if (!V.isValid())
    return;
  OS << " = ";
  if (V.isFloat()) {
    llvm::SmallString<32> S;
    V.getFloat().toString(S);
    OS << S;
    return;
  }
  OS << V.toString();
}

void ASTDumper::dumpUnit() {
  // The user's package; the library packages it imports are not dumped.
  const Package &Main = CU.getMainPackage();
  OS << "CompilationUnit package " << Main.getName() << "\n";
  Nest N(*this);
  for (const ImportDecl *I : Main.Imports) {
    line();
    OS << "ImportDecl \"" << I->getPath() << "\"";
    loc(I->getLoc());
    OS << "\n";
  }
  for (const Decl *D : Main.GlobalConstsAndTypes)
    dumpDecl(D);
  // Vars in initialization order (Go's dependency order).
  unsigned Order = 0;
  for (const VarSpec *S : Main.InitOrder) {
    line();
    OS << "VarSpec init#" << Order++;
    loc(S->getLoc());
    OS << "\n";
    Nest N2(*this);
    for (const VarDecl *V : S->getNames()) {
      line();
      OS << "GlobalVar " << V->getName();
      type(V->getType());
      if (V->isAddressTaken())
        OS << " addr-taken";
      OS << "\n";
    }
    for (const Expr *E : S->getValues())
      dumpExpr(E);
  }
  for (const FuncDecl *F : Main.Funcs)
    dumpFunc(F);
}

void ASTDumper::dumpDecl(const Decl *D) {
  line();
  if (auto *C = llvm::dyn_cast<ConstDecl>(D)) {
    OS << "ConstDecl " << C->getName();
    type(C->getType());
    dumpValue(C->getValue());
    loc(C->getLoc());
    OS << "\n";
    return;
  }
  if (auto *T = llvm::dyn_cast<TypeDecl>(D)) {
    OS << "TypeDecl " << T->getName() << (T->isAlias() ? " alias" : "");
    type(T->getType());
    if (T->getType() && !T->isAlias())
      OS << " underlying '" << typeString(T->getType()->getUnderlying()) << "'";
    loc(T->getLoc());
    OS << "\n";
    if (auto *N = llvm::dyn_cast_or_null<NamedType>(T->getType())) {
      Nest Nn(*this);
      for (const FuncDecl *M : N->getMethods()) {
        line();
        OS << "Method " << M->getName()
           << (M->hasPointerReceiver() ? " pointer-receiver" : "") << "\n";
      }
    }
    return;
  }
  OS << "Decl " << D->getName() << "\n";
}

void ASTDumper::dumpVarSpec(const VarSpec *S, const char *What) {
  line();
  OS << What;
  loc(S->getLoc());
  OS << "\n";
  Nest N(*this);
  for (const VarDecl *V : S->getNames()) {
    line();
    OS << varKind(V) << " " << V->getName();
    type(V->getType());
    if (V->isCaptured())
      OS << " captured";
    else if (V->isAddressTaken())
      OS << " addr-taken";
    OS << "\n";
  }
  for (const Expr *E : S->getValues())
    dumpExpr(E);
}

void ASTDumper::dumpFunc(const FuncDecl *F) {
  line();
  OS << "FuncDecl ";
  if (F->getReceiverBase())
    OS << "(" << (F->hasPointerReceiver() ? "*" : "")
       << F->getReceiverBase()->getName() << ").";
  OS << F->getName();
  type(F->getType());
  loc(F->getLoc());
  OS << "\n";
  Nest N(*this);
  auto Var = [&](const char *What, const VarDecl *V) {
    line();
    OS << What << " " << (V->getName().empty() ? "_" : V->getName());
    type(V->getType());
    if (V->isCaptured())
      OS << " captured";
    else if (V->isAddressTaken())
      OS << " addr-taken";
    OS << "\n";
  };
  if (F->hasDefer() || F->callsRecover() || F->isDeferWrapper()) {
    line();
    OS << "Flags";
    if (F->hasDefer())
      OS << " has-defer";
    if (F->callsRecover())
      OS << " calls-recover";
    if (F->isDeferWrapper())
      OS << " defer-wrapper";
    OS << "\n";
  }
  for (const VarDecl *C : F->captures()) {
    line();
    OS << "Capture " << C->getName();
    type(C->getType());
    OS << "\n";
  }
  if (F->getReceiver())
    Var("Receiver", F->getReceiver());
  for (const VarDecl *P : F->params())
    Var("Param", P);
  for (const VarDecl *R : F->results())
    Var("Result", R);
  if (F->getBody())
    dumpStmt(F->getBody());
}

static const char *assignForm(AssignStmt::Form F) {
  switch (F) {
  case AssignStmt::Plain:
    return "Plain";
  case AssignStmt::MultiValue:
    return "MultiValue";
  case AssignStmt::CommaOkMap:
    return "CommaOkMap";
  case AssignStmt::CommaOkAssert:
    return "CommaOkAssert";
  case AssignStmt::CommaOkRecv:
    return "CommaOkRecv";
  case AssignStmt::OpAssign:
    return "OpAssign";
  }
  return "?";
}

static const char *rangeKind(RangeStmt::RangeKind K) {
  switch (K) {
  case RangeStmt::Unresolved:
    return "Unresolved";
  case RangeStmt::Int:
    return "Int";
  case RangeStmt::Slice:
    return "Slice";
  case RangeStmt::Array:
    return "Array";
  case RangeStmt::PointerToArray:
    return "PointerToArray";
  case RangeStmt::String:
    return "String";
  case RangeStmt::Map:
    return "Map";
  case RangeStmt::Chan:
    return "Chan";
  }
  return "?";
}

void ASTDumper::dumpStmt(const Stmt *S) {
  if (!S)
    return;
  if (Indent > 400) {
    line();
    OS << "...\n";
    return;
  }
  line();
  switch (S->getKind()) {
  case Stmt::BadS:
    OS << "BadStmt\n";
    return;
  case Stmt::Empty:
    OS << "EmptyStmt\n";
    return;
  case Stmt::ExprS: {
    OS << "ExprStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpExpr(llvm::cast<ExprStmt>(S)->getExpr());
    return;
  }
  case Stmt::DeclS: {
    auto *D = llvm::cast<DeclStmt>(S);
    OS << "DeclStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    for (const Decl *Dc : D->otherDecls())
      dumpDecl(Dc);
    for (const VarSpec *V : D->varSpecs())
      dumpVarSpec(V, "VarSpec");
    return;
  }
  case Stmt::Assign: {
    auto *A = llvm::cast<AssignStmt>(S);
    OS << "AssignStmt " << tok::getSpelling(A->getAssignTok()) << " "
       << assignForm(A->getForm());
    if (A->isMapOpAssign())
      OS << " map-op-assign";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    for (size_t I = 0; I < A->lhs().size(); ++I) {
      bool New = I < A->newVars().size() && A->newVars()[I];
      dumpExpr(A->lhs()[I], New ? "new" : nullptr);
    }
    for (const Expr *E : A->rhs())
      dumpExpr(E);
    return;
  }
  case Stmt::IncDec: {
    auto *I = llvm::cast<IncDecStmt>(S);
    OS << "IncDecStmt " << (I->isInc() ? "++" : "--")
       << (I->isMapIndex() ? " map" : "");
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpExpr(I->getExpr());
    return;
  }
  case Stmt::Block: {
    OS << "BlockStmt\n";
    Nest N(*this);
    for (const Stmt *C : llvm::cast<BlockStmt>(S)->body())
      dumpStmt(C);
    return;
  }
  case Stmt::If: {
    auto *I = llvm::cast<IfStmt>(S);
    OS << "IfStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpStmt(I->getInit());
    dumpExpr(I->getCond(), "cond");
    dumpStmt(I->getThen());
    dumpStmt(I->getElse());
    return;
  }
  case Stmt::For: {
    auto *F = llvm::cast<ForStmt>(S);
    OS << "ForStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpStmt(F->getInit());
    if (F->getCond())
      dumpExpr(F->getCond(), "cond");
    dumpStmt(F->getPost());
    dumpStmt(F->getBody());
    return;
  }
  case Stmt::Range: {
    auto *R = llvm::cast<RangeStmt>(S);
    OS << "RangeStmt " << rangeKind(R->getRangeKind());
    if (R->getAssignTok() != tok::eof)
      OS << " " << tok::getSpelling(R->getAssignTok());
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    if (R->getKey())
      dumpExpr(R->getKey(), "key");
    if (R->getValue())
      dumpExpr(R->getValue(), "value");
    dumpExpr(R->getRangeExpr(), "range");
    dumpStmt(R->getBody());
    return;
  }
  case Stmt::Switch: {
    auto *Sw = llvm::cast<SwitchStmt>(S);
    OS << (Sw->isTypeSwitch() ? "TypeSwitchStmt" : "SwitchStmt")
       << (Sw->getTag() ? "" : " tagless");
    if (!Sw->getBindName().empty())
      OS << " " << Sw->getBindName() << " :=";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpStmt(Sw->getInit());
    if (Sw->getTag())
      dumpExpr(Sw->getTag(), "tag");
    for (const CaseClause &C : Sw->clauses()) {
      line();
      OS << (C.IsDefault ? "Default" : "Case")
         << (C.Fallthrough ? " fallthrough" : "");
      loc(C.Loc);
      OS << "\n";
      Nest N2(*this);
      for (size_t I = 0; I < C.Values.size(); ++I) {
        if (I < C.Types.size()) {
          line();
          OS << "CaseType '"
             << (C.Types[I] ? typeString(C.Types[I]) : std::string("nil"))
             << "'\n";
          continue;
        }
        dumpExpr(C.Values[I]);
      }
      for (const Stmt *B : C.Body)
        dumpStmt(B);
    }
    return;
  }
  case Stmt::Return: {
    auto *R = llvm::cast<ReturnStmt>(S);
    OS << "ReturnStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    for (const Expr *E : R->results())
      dumpExpr(E);
    return;
  }
  case Stmt::Branch: {
    auto *B = llvm::cast<BranchStmt>(S);
    OS << "BranchStmt " << tok::getSpelling(B->getTok());
    if (!B->getLabel().empty())
      OS << " " << B->getLabel();
    if (B->getTarget()) {
      auto LC = CU.getLineAndColumn(B->getTarget()->getLoc());
      OS << " -> <" << LC.first << ":" << LC.second << ">";
    }
    OS << "\n";
    return;
  }
  case Stmt::Labeled: {
    auto *L = llvm::cast<LabeledStmt>(S);
    OS << "LabeledStmt " << L->getLabel() << "\n";
    Nest N(*this);
    dumpStmt(L->getStmt());
    return;
  }
  case Stmt::Defer:
  case Stmt::Go: {
    auto *D = llvm::cast<CallStmt>(S);
    OS << (D->isGo() ? "GoStmt" : "DeferStmt");
    if (auto *DS = llvm::dyn_cast<DeferStmt>(S); DS && DS->isInLoop())
      OS << " in-loop";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpExpr(D->getExpr());
    return;
  }
  case Stmt::Send: {
    auto *Snd = llvm::cast<SendStmt>(S);
    OS << "SendStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    dumpExpr(Snd->getChan(), "chan");
    dumpExpr(Snd->getValue(), "value");
    return;
  }
  case Stmt::Select: {
    auto *Sel = llvm::cast<SelectStmt>(S);
    OS << "SelectStmt";
    loc(S->getLoc());
    OS << "\n";
    Nest N(*this);
    for (const CommClause &C : Sel->clauses()) {
      line();
      OS << (C.isDefault() ? "Default" : C.getSend() ? "CaseSend" : "CaseRecv");
      loc(C.Loc);
      OS << "\n";
      Nest N2(*this);
      dumpStmt(C.Comm);
      for (const Stmt *B : C.Body)
        dumpStmt(B);
    }
    return;
  }
  }
}

static const char *declKind(const Decl *D) {
  switch (D->getKind()) {
  case Decl::Var:
    switch (llvm::cast<VarDecl>(D)->getVarKind()) {
    case VarDecl::Local:
      return "LocalVar";
    case VarDecl::Global:
      return "GlobalVar";
    case VarDecl::Param:
      return "Param";
    case VarDecl::Result:
      return "Result";
    case VarDecl::Receiver:
      return "Receiver";
    }
    return "Var";
  case Decl::Const:
    return "Const";
  case Decl::TypeName:
    return "Type";
  case Decl::Func:
    return "Func";
  case Decl::Import:
    return "Package";
  case Decl::Builtin:
    return "Builtin";
  case Decl::PackageFunc:
    return "PackageFunc";
  case Decl::Nil:
    return "Nil";
  }
  return "?";
}

void ASTDumper::dumpExpr(const Expr *E, const char *Role) {
  if (!E)
    return;
  if (Indent > 400) {
    line();
    OS << "...\n";
    return;
  }
  line();
  if (Role)
    OS << Role << ": ";
  auto Finish = [&]() {
    type(E->getType() && E->getMode() != Expr::TypeExpr ? E->getType()
                                                        : nullptr);
    if (E->isConstant())
      dumpValue(E->getValue());
    OS << "\n";
  };
  switch (E->getKind()) {
  case Expr::Bad:
    OS << "BadExpr\n";
    return;
  case Expr::Ident: {
    auto *I = llvm::cast<IdentExpr>(E);
    OS << "Ident " << I->getName();
    if (E->getMode() == Expr::TypeExpr) {
      OS << " type '" << typeString(E->getType()) << "'\n";
      return;
    }
    type(E->getType());
    if (E->isConstant())
      dumpValue(E->getValue());
    if (I->getDecl())
      OS << " -> " << declKind(I->getDecl());
    OS << "\n";
    return;
  }
  case Expr::BasicLit:
    OS << "BasicLit " << llvm::cast<BasicLitExpr>(E)->getText();
    Finish();
    return;
  case Expr::CompositeLit: {
    auto *C = llvm::cast<CompositeLitExpr>(E);
    OS << "CompositeLit" << (C->getTypeSyntax() ? "" : " elided");
    Finish();
    Nest N(*this);
    bool IsStruct =
        E->getType() && llvm::isa<StructType>(E->getType()->getUnderlying());
    bool IsMap =
        E->getType() && llvm::isa<MapType>(E->getType()->getUnderlying());
    for (const CompositeElement &El : C->elements()) {
      line();
      if (IsStruct)
        OS << "Field #" << El.FieldIndex << "\n";
      else if (IsMap)
        OS << "Entry\n";
      else
        OS << "Element [" << El.Index << "]\n";
      Nest N2(*this);
      if (IsMap)
        dumpExpr(El.Key, "key");
      dumpExpr(El.Value);
    }
    return;
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    OS << "Selector ." << S->getName();
    switch (S->getSelKind()) {
    case SelectorExpr::Field:
      OS << " field";
      break;
    case SelectorExpr::Method:
      OS << " method";
      if (S->getRecvAdjust() == SelectorExpr::AddrOf)
        OS << " &recv";
      else if (S->getRecvAdjust() == SelectorExpr::Deref)
        OS << " *recv";
      break;
    case SelectorExpr::PackageMember:
      OS << " package-member";
      break;
    case SelectorExpr::MethodExpr:
      OS << " method-expr";
      break;
    default:
      break;
    }
    if (!S->path().empty()) {
      OS << " path";
      for (const FieldStep &St : S->path())
        OS << (St.Deref ? " *" : " ") << St.Index;
    }
    Finish();
    if (S->getSelKind() != SelectorExpr::PackageMember) {
      Nest N(*this);
      dumpExpr(S->getBase());
    }
    return;
  }
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    static const char *Kinds[] = {"?",     "array",  "ptr-array",
                                  "slice", "string", "map"};
    OS << "Index " << Kinds[I->getIndexKind()];
    Finish();
    Nest N(*this);
    dumpExpr(I->getBase());
    dumpExpr(I->getIndex());
    return;
  }
  case Expr::Slice: {
    auto *S = llvm::cast<SliceExpr>(E);
    static const char *Kinds[] = {"?", "array", "ptr-array", "slice", "string"};
    OS << "SliceExpr " << Kinds[S->getSliceKind()];
    Finish();
    Nest N(*this);
    dumpExpr(S->getBase());
    dumpExpr(S->getLow(), "low");
    dumpExpr(S->getHigh(), "high");
    dumpExpr(S->getMax(), "max");
    return;
  }
  case Expr::Call: {
    auto *C = llvm::cast<CallExpr>(E);
    switch (C->getCallKind()) {
    case CallExpr::Function: {
      // A library function by its qualified name (strconv.Itoa).
      const Package *P = C->getFunc()->getPackage();
      OS << "Call ";
      if (P && !P->isMain())
        OS << P->getName() << ".";
      OS << C->getFunc()->getName();
      break;
    }
    case CallExpr::Method:
      OS << "MethodCall " << C->getFunc()->getQualifiedName();
      break;
    case CallExpr::Builtin:
      OS << "BuiltinCall " << getBuiltinName(C->getBuiltin());
      if (C->getTypeArg())
        OS << " type '" << typeString(C->getTypeArg()) << "'";
      break;
    case CallExpr::Package:
      OS << "PackageCall " << getPkgFuncName(C->getPkgFunc());
      break;
    case CallExpr::Conversion:
      OS << "Conversion";
      break;
    case CallExpr::FuncValue:
      OS << "FuncValueCall";
      break;
    default:
      OS << "Call ?";
    }
    if (C->hasEllipsis())
      OS << " ...";
    Finish();
    Nest N(*this);
    if (C->getCallKind() == CallExpr::Method ||
        C->getCallKind() == CallExpr::FuncValue)
      dumpExpr(C->getCallee(), "callee");
    for (size_t I = 0; I < C->args().size(); ++I) {
      if ((C->getCallKind() == CallExpr::Builtin && C->getTypeArg() && I == 0))
        continue;
      dumpExpr(C->args()[I]);
    }
    return;
  }
  case Expr::Star:
    OS << (E->getMode() == Expr::TypeExpr ? "PointerType" : "Deref");
    Finish();
    {
      Nest N(*this);
      dumpExpr(llvm::cast<StarExpr>(E)->getOperand());
    }
    return;
  case Expr::Unary:
    if (llvm::cast<UnaryExpr>(E)->isReceive())
      OS << (llvm::cast<UnaryExpr>(E)->isCommaOk() ? "Receive comma-ok"
                                                   : "Receive");
    else
      OS << "Unary " << tok::getSpelling(llvm::cast<UnaryExpr>(E)->getOp());
    Finish();
    {
      Nest N(*this);
      dumpExpr(llvm::cast<UnaryExpr>(E)->getOperand());
    }
    return;
  case Expr::Binary: {
    auto *B = llvm::cast<BinaryExpr>(E);
    OS << "Binary " << tok::getSpelling(B->getOp());
    Finish();
    Nest N(*this);
    dumpExpr(B->getLHS());
    dumpExpr(B->getRHS());
    return;
  }
  case Expr::FuncLit:
    OS << "FuncLit";
    Finish();
    {
      Nest N(*this);
      dumpFunc(llvm::cast<FuncLitExpr>(E)->getFunc());
    }
    return;
  case Expr::Paren:
    OS << "Paren";
    Finish();
    {
      Nest N(*this);
      dumpExpr(llvm::cast<ParenExpr>(E)->getInner());
    }
    return;
  case Expr::ImplicitConvE:
    OS << "ImplicitConv";
    Finish();
    {
      Nest N(*this);
      dumpExpr(llvm::cast<ImplicitConvExpr>(E)->getSub());
    }
    return;
  case Expr::TypeAssertE: {
    auto *TA = llvm::cast<TypeAssertExpr>(E);
    OS << (TA->isTypeSwitchGuard() ? "TypeSwitchGuard"
           : TA->isCommaOk()       ? "TypeAssert comma-ok"
                                   : "TypeAssert");
    Finish();
    Nest N(*this);
    dumpExpr(TA->getX());
    return;
  }
  default:
    OS << "Type '" << typeString(E->getType()) << "'\n";
    return;
  }
}

void gm::lang::dumpAST(const CompilationUnit &CU, llvm::raw_ostream &OS) {
  ASTDumper(CU, OS).dumpUnit();
}
