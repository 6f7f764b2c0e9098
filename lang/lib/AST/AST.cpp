//===- AST.cpp - gm AST helpers -------------------------------------------===//

#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/SourceLocation.h"

using namespace gm::lang;

llvm::StringRef gm::lang::getBuiltinName(BuiltinKind K) {
  switch (K) {
  case BuiltinKind::Len:
    return "len";
  case BuiltinKind::Cap:
    return "cap";
  case BuiltinKind::Make:
    return "make";
  case BuiltinKind::New:
    return "new";
  case BuiltinKind::Append:
    return "append";
  case BuiltinKind::Copy:
    return "copy";
  case BuiltinKind::Delete:
    return "delete";
  case BuiltinKind::Clear:
    return "clear";
  case BuiltinKind::Close:
    return "close";
  case BuiltinKind::Min:
    return "min";
  case BuiltinKind::Max:
    return "max";
  case BuiltinKind::Panic:
    return "panic";
  case BuiltinKind::Print:
    return "print";
  case BuiltinKind::Println:
    return "println";
  case BuiltinKind::Recover:
    return "recover";
  }
  return "?";
}

llvm::StringRef gm::lang::getPackagePath(PackageKind P) {
  switch (P) {
  case PackageKind::Fmt:
    return "fmt";
  case PackageKind::Sort:
    return "sort";
  case PackageKind::Math:
    return "math";
  case PackageKind::Unsafe:
    return "unsafe";
  case PackageKind::GmRuntime:
    return "gm/runtime";
  }
  return "?";
}

llvm::StringRef gm::lang::getPkgFuncName(PkgFunc F) {
  switch (F) {
  case PkgFunc::FmtPrintln:
    return "fmt.Println";
  case PkgFunc::FmtPrintf:
    return "fmt.Printf";
  case PkgFunc::FmtSprintf:
    return "fmt.Sprintf";
  case PkgFunc::FmtSprint:
    return "fmt.Sprint";
  case PkgFunc::FmtSprintln:
    return "fmt.Sprintln";
  case PkgFunc::FmtErrorf:
    return "fmt.Errorf";
  case PkgFunc::FmtPrint:
    return "fmt.Print";
  case PkgFunc::FmtFprintln:
    return "fmt.Fprintln";
  case PkgFunc::FmtFprint:
    return "fmt.Fprint";
  case PkgFunc::FmtFprintf:
    return "fmt.Fprintf";
  case PkgFunc::SortInts:
    return "sort.Ints";
  case PkgFunc::SortStrings:
    return "sort.Strings";
  case PkgFunc::SortFloat64s:
    return "sort.Float64s";
  case PkgFunc::SortIntsAreSorted:
    return "sort.IntsAreSorted";
  case PkgFunc::SortStringsAreSorted:
    return "sort.StringsAreSorted";
  case PkgFunc::SortFloat64sAreSorted:
    return "sort.Float64sAreSorted";
  case PkgFunc::SortSearchInts:
    return "sort.SearchInts";
  case PkgFunc::SortSlice:
    return "sort.Slice";
  case PkgFunc::SortSliceStable:
    return "sort.SliceStable";
  case PkgFunc::SortSliceIsSorted:
    return "sort.SliceIsSorted";
  case PkgFunc::SortSort:
    return "sort.Sort";
  case PkgFunc::SortStable:
    return "sort.Stable";
  case PkgFunc::SortIsSorted:
    return "sort.IsSorted";
  case PkgFunc::SortReverse:
    return "sort.Reverse";
  case PkgFunc::SortSearch:
    return "sort.Search";
  case PkgFunc::MathNaN:
    return "math.NaN";
  case PkgFunc::MathInf:
    return "math.Inf";
  case PkgFunc::MathIsNaN:
    return "math.IsNaN";
  case PkgFunc::MathIsInf:
    return "math.IsInf";
  case PkgFunc::MathCopysign:
    return "math.Copysign";
  case PkgFunc::MathSqrt:
    return "math.Sqrt";
  case PkgFunc::MathAbs:
    return "math.Abs";
  case PkgFunc::MathFloor:
    return "math.Floor";
  case PkgFunc::UnsafeSizeof:
    return "unsafe.Sizeof";
  case PkgFunc::UnsafeAlignof:
    return "unsafe.Alignof";
  case PkgFunc::UnsafeOffsetof:
    return "unsafe.Offsetof";
  case PkgFunc::RuntimeMapStats:
    return "runtime.MapStats";
  }
  return "?";
}

Expr *gm::lang::skipParens(Expr *E) {
  while (auto *P = llvm::dyn_cast_or_null<ParenExpr>(E))
    E = P->getInner();
  return E;
}

const Expr *gm::lang::skipParens(const Expr *E) {
  while (auto *P = llvm::dyn_cast_or_null<ParenExpr>(E))
    E = P->getInner();
  return E;
}

bool gm::lang::containsCallOrReceive(const Expr *E) {
  if (!E)
    return false;
  switch (E->getKind()) {
  case Expr::Call:
    return llvm::cast<CallExpr>(E)->getCallKind() != CallExpr::Conversion ||
           containsCallOrReceive(llvm::cast<CallExpr>(E)->args()[0]);
  case Expr::Paren:
    return containsCallOrReceive(llvm::cast<ParenExpr>(E)->getInner());
  case Expr::Selector:
    return containsCallOrReceive(llvm::cast<SelectorExpr>(E)->getBase());
  case Expr::Index:
    return containsCallOrReceive(llvm::cast<IndexExpr>(E)->getBase()) ||
           containsCallOrReceive(llvm::cast<IndexExpr>(E)->getIndex());
  case Expr::Star:
    return containsCallOrReceive(llvm::cast<StarExpr>(E)->getOperand());
  case Expr::Unary:
    return llvm::cast<UnaryExpr>(E)->isReceive() ||
           containsCallOrReceive(llvm::cast<UnaryExpr>(E)->getOperand());
  case Expr::Binary:
    return containsCallOrReceive(llvm::cast<BinaryExpr>(E)->getLHS()) ||
           containsCallOrReceive(llvm::cast<BinaryExpr>(E)->getRHS());
  case Expr::CompositeLit:
    return true;
  default:
    return false;
  }
}

bool BinaryExpr::isComparison() const {
  switch (Op) {
  case tok::equalequal:
  case tok::exclaimequal:
  case tok::less:
  case tok::lessequal:
  case tok::greater:
  case tok::greaterequal:
    return true;
  default:
    return false;
  }
}

tok::TokenKind AssignStmt::getOp() const {
  switch (AssignTok) {
  case tok::plusequal:
    return tok::plus;
  case tok::minusequal:
    return tok::minus;
  case tok::starequal:
    return tok::star;
  case tok::slashequal:
    return tok::slash;
  case tok::percentequal:
    return tok::percent;
  case tok::ampequal:
    return tok::amp;
  case tok::pipeequal:
    return tok::pipe;
  case tok::caretequal:
    return tok::caret;
  case tok::shlequal:
    return tok::shl;
  case tok::shrequal:
    return tok::shr;
  case tok::ampcaretequal:
    return tok::ampcaret;
  default:
    return AssignTok;
  }
}

bool AssignStmt::isMapOpAssign() const {
  if (F != OpAssign || L.empty())
    return false;
  auto *IE = llvm::dyn_cast<IndexExpr>(skipParens(L[0]));
  return IE && IE->isMapIndex();
}

bool IncDecStmt::isMapIndex() const {
  auto *IE = llvm::dyn_cast<IndexExpr>(skipParens(X));
  return IE && IE->isMapIndex();
}

std::string FuncDecl::getQualifiedName() const {
  if (!RecvBase)
    return getName().str();
  if (PtrRecv)
    return "(*" + RecvBase->getName().str() + ")." + getName().str();
  return RecvBase->getName().str() + "." + getName().str();
}

std::pair<unsigned, unsigned>
CompilationUnit::getLineAndColumn(llvm::SMLoc Loc) const {
  if (!SM)
    return {0, 0};
  return gm::lang::getLineAndColumn(*SM, Loc);
}

const ConstantValue &Expr::getValue() const {
  static const ConstantValue None;
  return Val ? *Val : None;
}

void Expr::setValue(ConstantValue V) {
  if (Val)
    *Val = std::move(V);
  else if (V.isValid())
    Val = std::make_unique<ConstantValue>(std::move(V));
}

CompilationUnit::CompilationUnit() = default;

CompilationUnit::~CompilationUnit() {
  for (Node *N : Nodes)
    N->~Node();
}

bool gm::lang::isExportedName(llvm::StringRef Name) {
  // Go's rule is unicode.IsUpper of the first letter; gm's library and
  // diagnostics need only ASCII names, and a non-ASCII name counts as
  // unexported.
  return !Name.empty() && Name[0] >= 'A' && Name[0] <= 'Z';
}

UnaryExpr *CommClause::getRecv() const {
  Expr *R = nullptr;
  if (auto *ES = llvm::dyn_cast_or_null<ExprStmt>(Comm))
    R = ES->getExpr();
  else if (auto *AS = llvm::dyn_cast_or_null<AssignStmt>(Comm))
    R = AS->rhs().empty() ? nullptr : AS->rhs()[0];
  auto *U = llvm::dyn_cast_or_null<UnaryExpr>(R ? skipParens(R) : nullptr);
  return U && U->isReceive() ? U : nullptr;
}
