//===- SemaTest.cpp - type checking and annotations -----------------------===//

#include "LangTestUtil.h"
#include "gtest/gtest.h"

using namespace gm::lang;
using namespace gm::lang::test;

namespace {

TEST(SemaTest, MapDiagnostics) {
  // Go 1.19 wording for every map rule of the front-end issue.
  EXPECT_EQ(checkBody("var m map[[]int]int\n_ = m"),
            "invalid map key type []int\n");
  EXPECT_EQ(checkBody("_ = map[string]int{\"a\": 1, \"a\": 2}"),
            "duplicate key \"a\" in map literal\n");
  EXPECT_EQ(check("package main\ntype P struct{ X int }\nfunc main() {\n"
                  "\tm := map[string]P{}\n\tm[\"a\"].X = 1\n}\n"),
            "cannot assign to struct field m[\"a\"].X in map\n");
  EXPECT_EQ(checkBody("m := map[int]int{}\n_ = &m[1]"),
            "invalid operation: cannot take address of m[1] (map index "
            "expression of type int)\n");
  EXPECT_EQ(checkBody("m := map[int]int{}\nm[\"s\"] = 1"),
            "cannot use \"s\" (untyped string constant) as int value in map "
            "index\n");
  EXPECT_EQ(checkBody("m := map[int]int{}\ndelete(m, \"x\")"),
            "cannot use \"x\" (untyped string constant) as int value in "
            "argument to delete\n");
  EXPECT_EQ(
      checkBody("m := map[int]int{}\nfor a, b, c := range m {\n_, _ = a, b\n}"),
      "range clause permits at most two iteration variables\n");
  EXPECT_EQ(checkBody("_ = make(map[int]int, -1)"),
            "invalid argument: index -1 (constant of type int) must not be "
            "negative\n");
  EXPECT_EQ(checkBody("_ = make([]int, 1.5)"),
            "1.5 (untyped float constant) truncated to int\n");
}

TEST(SemaTest, GeneralDiagnostics) {
  EXPECT_EQ(checkBody("x := 1"), "x declared but not used\n");
  EXPECT_EQ(check("package main\nimport \"fmt\"\nfunc main() {}\n"),
            "imported and not used: \"fmt\"\n");
  EXPECT_EQ(check("package main\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n"
                  "func main() { f() }\n"),
            "missing return\n");
  EXPECT_EQ(checkBody("_ = y"), "undefined: y\n");
  EXPECT_EQ(checkBody("a, b := 1\n_, _ = a, b"),
            "assignment mismatch: 2 variables but 1 value\n");
  EXPECT_EQ(check("package main\nfunc g() (int, int) { return 1, 2 }\n"
                  "func main() {\n\ta := g()\n\t_ = a\n}\n"),
            "assignment mismatch: 1 variable but g returns 2 values\n");
  EXPECT_EQ(checkBody("x := 1\nx := 2\n_ = x"),
            "no new variables on left side of :=\n");
}

TEST(SemaTest, TerminatingStatements) {
  auto Fn = [](llvm::StringRef Body) {
    return check(("package main\nfunc f(n int) int {\n" + Body +
                  "\n}\nfunc main() { f(1) }\n")
                     .str());
  };
  EXPECT_EQ(Fn("if n > 0 {\n return 1\n} else {\n return 2\n}"), "");
  EXPECT_EQ(Fn("for {\n}"), "");
  EXPECT_EQ(Fn("switch n {\ncase 1:\n return 1\ndefault:\n panic(1)\n}"), "");
  EXPECT_EQ(Fn("if n > 0 {\n return 1\n}"), "missing return\n");
  EXPECT_EQ(Fn("switch n {\ncase 1:\n return 1\n}"), "missing return\n");
}

TEST(SemaTest, Annotations) {
  Source S("package main\n"
           "type P struct{ X, Y int }\n"
           "func (p *P) Move() { p.X++ }\n"
           "var a = b + 1\n"
           "var b = f()\n"
           "func f() int { return 2 }\n"
           "func main() {\n"
           "\tm := map[P]string{{1, 2}: \"x\"}\n"
           "\tv, ok := m[P{1, 2}]\n"
           "\tvar p P\n"
           "\tp.Move()\n"
           "\tprintln(v, ok, a, len(\"abc\"))\n"
           "}\n");
  auto CU = parseAndCheck(S.SM, S.Diags);
  ASSERT_TRUE(CU) << S.messages();
  // b is initialized before a.
  ASSERT_EQ(CU->getMainPackage().InitOrder.size(), 2u);
  EXPECT_EQ(CU->getMainPackage().InitOrder[0]->names()[0]->getName(), "b");
  EXPECT_EQ(CU->getMainPackage().InitOrder[1]->names()[0]->getName(), "a");
  ASSERT_TRUE(CU->getMainPackage().MainFunc);
  auto &Body = CU->getMainPackage().MainFunc->getBody()->body();
  ASSERT_EQ(Body.size(), 5u);
  // Elided key type filled in.
  auto *Def = llvm::cast<AssignStmt>(Body[0]);
  auto *Lit = llvm::cast<CompositeLitExpr>(Def->rhs()[0]);
  EXPECT_EQ(typeString(Lit->getType()), "map[main.P]string");
  EXPECT_EQ(typeString(Lit->elements()[0].Key->getType()), "main.P");
  // Comma-ok form.
  auto *CommaOk = llvm::cast<AssignStmt>(Body[1]);
  EXPECT_EQ(CommaOk->getForm(), AssignStmt::CommaOkMap);
  EXPECT_EQ(typeString(CommaOk->newVars()[1]->getType()), "bool");
  // Pointer method on an addressable value: &p recorded.
  auto *Call = llvm::cast<CallExpr>(llvm::cast<ExprStmt>(Body[3])->getExpr());
  EXPECT_EQ(Call->getCallKind(), CallExpr::Method);
  auto *Sel = llvm::cast<SelectorExpr>(Call->getCallee());
  EXPECT_EQ(Sel->getRecvAdjust(), SelectorExpr::AddrOf);
  auto *PVar = llvm::cast<DeclStmt>(Body[2])->varSpecs()[0]->names()[0];
  EXPECT_TRUE(PVar->isAddressTaken());
  // Builtins by enum; len of a constant string is constant.
  auto *Println =
      llvm::cast<CallExpr>(llvm::cast<ExprStmt>(Body[4])->getExpr());
  EXPECT_EQ(Println->getCallKind(), CallExpr::Builtin);
  EXPECT_EQ(Println->getBuiltin(), BuiltinKind::Println);
  EXPECT_TRUE(Println->args()[3]->isConstant());
  EXPECT_EQ(Println->args()[3]->getValue().getInt().getSExtValue(), 3);
}

TEST(SemaTest, TypeStrings) {
  Source S("package main\ntype T struct{ A int; B string }\n"
           "var x map[string][]*T\nvar y [3]struct{ A int; B string }\n"
           "func main() { _, _ = x, y }\n");
  auto CU = parseAndCheck(S.SM, S.Diags);
  ASSERT_TRUE(CU) << S.messages();
  EXPECT_EQ(
      typeString(CU->getMainPackage().GlobalVars[0]->names()[0]->getType()),
      "map[string][]*main.T");
  EXPECT_EQ(
      typeString(CU->getMainPackage().GlobalVars[1]->names()[0]->getType()),
      "[3]struct { A int; B string }");
}

TEST(SemaTest, AliasSpelling) {
  // byte and rune are distinct objects that only messages see; every type
  // the AST hands out is canonical.
  TypeContext Ctx;
  Type *Byte = Ctx.getByteType(), *U8 = Ctx.getBasic(Type::Uint8);
  EXPECT_NE(Byte, U8);
  EXPECT_EQ(Byte->getCanonical(), U8);
  EXPECT_TRUE(isIdentical(Byte, U8));
  EXPECT_EQ(typeString(Ctx.getSlice(Byte), false), "[]byte");
  EXPECT_EQ(typeString(Ctx.getSlice(Byte)), "[]uint8"); // %T
  EXPECT_EQ(Ctx.getSlice(Byte)->getCanonical(), Ctx.getSlice(U8));
  Type *M = Ctx.getMap(Ctx.getRuneType(), Ctx.getSlice(Byte));
  EXPECT_EQ(typeString(M, false), "map[rune][]byte");
  EXPECT_EQ(M->getCanonical(),
            Ctx.getMap(Ctx.getBasic(Type::Int32), Ctx.getSlice(U8)));
  EXPECT_TRUE(isAssignableTo(Ctx.getSlice(Byte), Ctx.getSlice(U8)));

  Source S("package main\ntype S struct{ b []byte }\nvar x = 'a'\n"
           "var y S\nfunc f(b byte) rune { return rune(b) }\n"
           "func main() { _, _ = x, y }\n");
  auto CU = parseAndCheck(S.SM, S.Diags);
  ASSERT_TRUE(CU) << S.messages();
  VarDecl *X = CU->getMainPackage().GlobalVars[0]->names()[0];
  EXPECT_EQ(X->getType(), CU->getTypes().getBasic(Type::Int32));
  EXPECT_EQ(typeString(X->getTypeAsWritten(), false), "rune");
  EXPECT_TRUE(CU->getMainPackage()
                  .GlobalVars[0]
                  ->values()[0]
                  ->getType()
                  ->isCanonical());
  auto *Y = llvm::cast<NamedType>(
      CU->getMainPackage().GlobalVars[1]->names()[0]->getType());
  EXPECT_TRUE(Y->getUnderlying()->isCanonical());
  EXPECT_EQ(typeString(Y->getUnderlyingAsWritten(), false),
            "struct { b []byte }");
  FuncDecl *F = CU->getMainPackage().Funcs[0];
  EXPECT_TRUE(F->getSignature()->isCanonical());
  // Go's messages print the parameter names the source gave.
  EXPECT_EQ(typeString(F->getTypeAsWritten(), false), "func(b byte) rune");
  EXPECT_EQ(typeString(F->getSignature(), false), "func(uint8) int32");
}

TEST(SemaTest, Go121And122Features) {
  EXPECT_EQ(checkBody("for i := range 10 {\n\t_ = i\n}"), "");
  EXPECT_EQ(checkBody("_ = min(1, 2.5)\n_ = max(1, 2)"), "");
  EXPECT_EQ(checkBody("m := map[int]int{}\nclear(m)"), "");
}

TEST(SemaTest, NeverCrashesOnGarbage) {
  const char *Inputs[] = {
      "",
      "package",
      "package main\nfunc",
      "package main\nfunc main() {",
      "package main\ntype T T\nfunc main() {}",
      "package main\ntype T [len(T{})]int\nfunc main() {}",
      "package main\nvar x = x\nfunc main() {}",
      "package main\nconst c = c\nfunc main() {}",
      "package main\nfunc main() { main.x() }",
      "package main\nfunc main() { var x [1<<62]int; _ = x }",
      "package main\nfunc main() { _ = [...]int{1<<62: 1} }",
      "\xff\xfe",
      "package main\nfunc main() { x := []int{}; x[1<<70] = 1 }",
  };
  for (const char *In : Inputs)
    check(In); // must not crash
}

} // namespace
