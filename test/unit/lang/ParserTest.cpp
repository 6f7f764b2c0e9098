//===- ParserTest.cpp - syntax errors and recovery ------------------------===//

#include "gm/lang/Parse/Parser.h"
#include "LangTestUtil.h"
#include "gm/lang/Frontend/Frontend.h"
#include "llvm/Support/thread.h"
#include "gtest/gtest.h"

using namespace gm::lang;
using namespace gm::lang::test;

namespace {

TEST(ParserTest, ParsesProgram) {
  EXPECT_EQ(check("package main\n\nimport \"fmt\"\n\nfunc main() {\n"
                  "\tfmt.Println(1 + 2*3)\n}\n"),
            "");
}

TEST(ParserTest, Precedence) {
  Source S("1 + 2*3 == 7 && !false || x");
  CompilationUnit CU;
  Lexer L(S.SM, S.SM.getMainFileID(), S.Diags);
  Parser P(L, S.Diags, CU);
  Expr *E = P.parseExpression();
  auto *Or = llvm::dyn_cast<BinaryExpr>(E);
  ASSERT_TRUE(Or);
  EXPECT_EQ(Or->getOp(), tok::pipepipe);
  auto *And = llvm::dyn_cast<BinaryExpr>(Or->getLHS());
  ASSERT_TRUE(And);
  EXPECT_EQ(And->getOp(), tok::ampamp);
  auto *Eq = llvm::dyn_cast<BinaryExpr>(And->getLHS());
  ASSERT_TRUE(Eq);
  auto *Plus = llvm::dyn_cast<BinaryExpr>(Eq->getLHS());
  ASSERT_TRUE(Plus);
  EXPECT_EQ(Plus->getOp(), tok::plus);
  EXPECT_TRUE(llvm::isa<BinaryExpr>(Plus->getRHS()));
}

TEST(ParserTest, GoSyntaxErrors) {
  // Go: "syntax error: unexpected newline, expecting )".
  EXPECT_EQ(checkBody("x := (1 + 2\n_ = x"),
            "syntax error: unexpected newline, expecting )\n");
  EXPECT_EQ(checkBody("_ = 1 +"),
            "syntax error: unexpected }, expecting expression\n");
  EXPECT_EQ(check("package main\nvar x = 1\nx = 2\nfunc main() {}\n"),
            "syntax error: non-declaration statement outside function body\n");
  EXPECT_EQ(check("func main() {}\n"),
            "syntax error: package statement must be first\n");
}

TEST(ParserTest, RecoversAndReportsSeveral) {
  std::string M = check("package main\nfunc main() {\n\tx := (1\n\ty := )\n"
                        "\tz := ]\n}\n");
  // One error per line, several lines.
  EXPECT_EQ(std::count(M.begin(), M.end(), '\n'), 3) << M;
}

TEST(ParserTest, UnsupportedFeatures) {
  // go, channels and select are supported now: they parse and check.
  EXPECT_EQ(checkBody("go func() {}()"), "");
  EXPECT_EQ(checkBody("var c chan int\n_ = c"), "");
  EXPECT_EQ(checkBody("select {}"), "");
  EXPECT_EQ(
      checkBody("var x int\n_ = x.(int)"),
      "invalid operation: x (variable of type int) is not an interface\n");
  EXPECT_EQ(checkBody("_ = 1i"), "complex number is not supported in gm\n");
}

TEST(ParserTest, DeepNesting) {
  // On the stack gmc runs the front end on: nesting up to the limit must
  // not exhaust it.
  llvm::thread Worker(std::optional<unsigned>(CompilerStackBytes), [] {
    // Within the limit (docs/language.md): no error.
    EXPECT_EQ(checkBody("_ = " + std::string(4000, '(') + "1" +
                        std::string(4000, ')')),
              "");
    // Beyond it: the one error, and nothing after it.
    std::string Deep(20000, '(');
    EXPECT_EQ(checkBody("_ = " + Deep),
              "expression or statement nested too deeply (more than "
              "10000 levels)\n");
    std::string Blocks(6000, '{');
    EXPECT_EQ(checkBody(Blocks),
              "expression or statement nested too deeply (more than "
              "10000 levels)\n");
    std::string Chain = "_ = 1";
    for (int I = 0; I < 20000; ++I)
      Chain += "+1";
    std::string M = checkBody(Chain);
    EXPECT_NE(M.find("nested too deeply"), std::string::npos) << M;
    std::string Unary = "_ = ";
    Unary += std::string(30000, '^');
    Unary += "1";
    M = checkBody(Unary);
    EXPECT_NE(M.find("nested too deeply"), std::string::npos) << M;
  });
  Worker.join();
}

TEST(ParserTest, CompositeLiteralInControlClause) {
  // `T{` after `if x ==` starts the block, as in Go.
  EXPECT_EQ(check("package main\ntype T struct{ A int }\nfunc main() {\n"
                  "\tx := T{1}\n\tif x == (T{1}) {\n\t}\n}\n"),
            "");
}

} // namespace
