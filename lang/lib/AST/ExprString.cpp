//===- ExprString.cpp - expressions and statements as Go prints them -----===//
//
// Go's diagnostics quote the source back in a normalized form (go/types'
// ExprString, the syntax package's String): `m[k]`, `[]int{…}`, `x++`.
// The parser needs it for statements used as values, Sema for operands.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/AST/ExprString.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/Lex/Token.h"

using namespace gm::lang;

static void printExpr(const Expr *E, std::string &Out, unsigned Depth);

static void printList(const std::vector<Expr *> &L, std::string &Out,
                      unsigned Depth) {
  for (size_t I = 0; I < L.size(); ++I) {
    if (I)
      Out += ", ";
    printExpr(L[I], Out, Depth);
  }
}

static const char *opSpelling(tok::TokenKind K) {
  return tok::getSpelling(K).data();
}

/// `func(a, b int, xs ...string) (r int)`, parameter groups as written.
static void printSignature(const FuncTypeExpr *F, std::string &Out,
                           unsigned Depth) {
  auto List = [&](const std::vector<ParamSpec> &Specs) {
    for (size_t I = 0; I < Specs.size(); ++I) {
      if (I)
        Out += ", ";
      const ParamSpec &P = Specs[I];
      for (size_t N = 0; N < P.Names.size(); ++N)
        Out += (N ? ", " : "") + P.Names[N].first;
      if (!P.Names.empty())
        Out += ' ';
      if (P.Variadic)
        Out += "...";
      printExpr(P.TypeSyntax, Out, Depth + 1);
    }
  };
  Out += "func(";
  if (F)
    List(F->params());
  Out += ')';
  if (!F || F->results().empty())
    return;
  bool Paren = F->results().size() > 1 || !F->results()[0].Names.empty();
  Out += Paren ? " (" : " ";
  List(F->results());
  if (Paren)
    Out += ')';
}

static void printExpr(const Expr *E, std::string &Out, unsigned Depth) {
  if (!E) {
    return;
  }
  if (Depth > 50) {
    Out += "…";
    return;
  }
  switch (E->getKind()) {
  case Expr::Bad:
    Out += "BadExpr";
    return;
  case Expr::Ident:
    Out += llvm::cast<IdentExpr>(E)->getName();
    return;
  case Expr::BasicLit:
    Out += llvm::cast<BasicLitExpr>(E)->getText();
    return;
  case Expr::CompositeLit: {
    auto *C = llvm::cast<CompositeLitExpr>(E);
    printExpr(C->getTypeSyntax(), Out, Depth + 1);
    Out += C->elements().empty() ? "{}" : "{…}";
    return;
  }
  case Expr::Selector: {
    auto *S = llvm::cast<SelectorExpr>(E);
    printExpr(S->getBase(), Out, Depth + 1);
    Out += '.';
    Out += S->getName();
    return;
  }
  case Expr::Index: {
    auto *I = llvm::cast<IndexExpr>(E);
    printExpr(I->getBase(), Out, Depth + 1);
    Out += '[';
    printExpr(I->getIndex(), Out, Depth + 1);
    Out += ']';
    return;
  }
  case Expr::Slice: {
    auto *S = llvm::cast<SliceExpr>(E);
    printExpr(S->getBase(), Out, Depth + 1);
    Out += '[';
    printExpr(S->getLow(), Out, Depth + 1);
    Out += ':';
    printExpr(S->getHigh(), Out, Depth + 1);
    if (S->getMax()) {
      Out += ':';
      printExpr(S->getMax(), Out, Depth + 1);
    }
    Out += ']';
    return;
  }
  case Expr::Call: {
    auto *C = llvm::cast<CallExpr>(E);
    printExpr(C->getCallee(), Out, Depth + 1);
    Out += '(';
    printList(C->args(), Out, Depth + 1);
    if (C->hasEllipsis())
      Out += "...";
    Out += ')';
    return;
  }
  case Expr::Star:
    Out += '*';
    printExpr(llvm::cast<StarExpr>(E)->getOperand(), Out, Depth + 1);
    return;
  case Expr::Unary: {
    auto *U = llvm::cast<UnaryExpr>(E);
    Out += opSpelling(U->getOp());
    printExpr(U->getOperand(), Out, Depth + 1);
    return;
  }
  case Expr::Binary: {
    auto *B = llvm::cast<BinaryExpr>(E);
    printExpr(B->getLHS(), Out, Depth + 1);
    Out += ' ';
    Out += opSpelling(B->getOp());
    Out += ' ';
    printExpr(B->getRHS(), Out, Depth + 1);
    return;
  }
  case Expr::Paren:
    Out += '(';
    printExpr(llvm::cast<ParenExpr>(E)->getInner(), Out, Depth + 1);
    Out += ')';
    return;
  case Expr::ArrayTypeE: {
    auto *A = llvm::cast<ArrayTypeExpr>(E);
    Out += '[';
    if (A->isEllipsis())
      Out += "...";
    printExpr(A->getLen(), Out, Depth + 1);
    Out += ']';
    printExpr(A->getElem(), Out, Depth + 1);
    return;
  }
  case Expr::MapTypeE: {
    auto *M = llvm::cast<MapTypeExpr>(E);
    Out += "map[";
    printExpr(M->getKey(), Out, Depth + 1);
    Out += ']';
    printExpr(M->getValueType(), Out, Depth + 1);
    return;
  }
  case Expr::ChanTypeE: {
    auto *C = llvm::cast<ChanTypeExpr>(E);
    Out += C->getDir() == ChanType::SendOnly   ? "chan<- "
           : C->getDir() == ChanType::RecvOnly ? "<-chan "
                                               : "chan ";
    printExpr(C->getElem(), Out, Depth + 1);
    return;
  }
  case Expr::StructTypeE:
    Out += "struct{…}";
    return;
  case Expr::FuncTypeE:
    printSignature(llvm::cast<FuncTypeExpr>(E), Out, Depth);
    return;
  case Expr::FuncLit:
    printSignature(llvm::cast<FuncLitExpr>(E)->getFunc()->getTypeSyntax(), Out,
                   Depth);
    Out += " {…}";
    return;
  case Expr::TypeAssertE: {
    auto *TA = llvm::cast<TypeAssertExpr>(E);
    printExpr(TA->getX(), Out, Depth + 1);
    Out += ".(";
    if (TA->getTypeSyntax())
      printExpr(TA->getTypeSyntax(), Out, Depth + 1);
    else
      Out += "type";
    Out += ')';
    return;
  }
  case Expr::ImplicitConvE:
    printExpr(llvm::cast<ImplicitConvExpr>(E)->getSub(), Out, Depth);
    return;
  case Expr::InterfaceTypeE:
    Out += "interface{…}";
    return;
  case Expr::UnionTypeE: {
    const char *Sep = "";
    for (const UnionTypeExpr::Term &T : llvm::cast<UnionTypeExpr>(E)->terms()) {
      Out += Sep;
      Out += T.Tilde ? "~" : "";
      printExpr(T.Type, Out, Depth + 1);
      Sep = " | ";
    }
    return;
  }
  case Expr::InstantiateE: {
    auto *I = llvm::cast<InstantiateExpr>(E);
    printExpr(I->getBase(), Out, Depth + 1);
    const char *Sep = "[";
    for (const Expr *A : I->args()) {
      Out += Sep;
      printExpr(A, Out, Depth + 1);
      Sep = ", ";
    }
    Out += ']';
    return;
  }
  }
}

std::string gm::lang::exprString(const Expr *E) {
  std::string Out;
  printExpr(E, Out, 0);
  return Out;
}

std::string gm::lang::stmtString(const Stmt *S) {
  std::string Out;
  if (auto *ES = llvm::dyn_cast<ExprStmt>(S)) {
    printExpr(ES->getExpr(), Out, 0);
  } else if (auto *A = llvm::dyn_cast<AssignStmt>(S)) {
    // A plain assignment is parenthesized, as Go's parser prints it, so that
    // the `=` stands out from the operands.
    bool Plain = A->getAssignTok() == tok::equal;
    if (Plain)
      Out += "assignment (";
    printList(A->lhs(), Out, 0);
    Out += Plain ? ") = ("
                 : " " + std::string(opSpelling(A->getAssignTok())) + " ";
    printList(A->rhs(), Out, 0);
    if (Plain)
      Out += ")";
  } else if (auto *I = llvm::dyn_cast<IncDecStmt>(S)) {
    printExpr(I->getExpr(), Out, 0);
    Out += I->isInc() ? "++" : "--";
  } else if (auto *Send = llvm::dyn_cast<SendStmt>(S)) {
    printExpr(Send->getChan(), Out, 0);
    Out += " <- ";
    printExpr(Send->getValue(), Out, 0);
  } else {
    Out += "statement";
  }
  return Out;
}
