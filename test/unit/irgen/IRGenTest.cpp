//===- IRGenTest.cpp - generateIR on real and broken ASTs -----------------===//
//
// generateIR returns a verified module for a checked program, and turns an
// AST shape it does not expect into an internal-error message (never a
// crash): the driver prints that message as a bug report.
//
//===----------------------------------------------------------------------===//

#include "gm/IRGen/IRGen.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Frontend/Frontend.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace gm;

namespace {

// x86-64 SysV, the layout the runtime ABI is checked against.
const char *DataLayoutStr =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:"
    "64-S128";

struct Compiled {
  SourceMgr SM;
  std::unique_ptr<lang::CompilationUnit> CU;
};

std::unique_ptr<Compiled> check(StringRef Source) {
  auto C = std::make_unique<Compiled>();
  C->SM.AddNewSourceBuffer(MemoryBuffer::getMemBufferCopy(Source, "t.gm"),
                           SMLoc());
  lang::DiagnosticEngine Diags(C->SM, errs());
  C->CU = lang::parseAndCheck(C->SM, Diags);
  return C;
}

irgen::IRGenResult generate(Compiled &C, LLVMContext &Ctx) {
  irgen::IRGenOptions Opts;
  Opts.MainFileName = "t.gm";
  return irgen::generateIR(*C.CU, C.SM, Ctx, Triple("x86_64-pc-linux-gnu"),
                           DataLayout(DataLayoutStr), Opts);
}

TEST(IRGenTest, VerifiedModuleWithEntryPoints) {
  auto C = check("package main\n\nimport \"fmt\"\n\nvar g = 2\n\n"
                 "func main() {\n\tm := map[string]int{}\n\tm[\"a\"] += g\n"
                 "\tfmt.Println(m)\n}\n");
  ASSERT_TRUE(C->CU);
  LLVMContext Ctx;
  irgen::IRGenResult R = generate(*C, Ctx);
  ASSERT_TRUE(R.Module) << R.Error;
  EXPECT_FALSE(verifyModule(*R.Module, &errs()));
  EXPECT_TRUE(R.Module->getFunction("main.main"));
  EXPECT_TRUE(R.Module->getFunction("main.init"));
  EXPECT_TRUE(R.Module->getNamedGlobal("type.map[string]int"));
}

TEST(IRGenTest, UnexpectedASTIsAnInternalError) {
  auto C = check("package main\n\nfunc main() {\n}\n");
  ASSERT_TRUE(C->CU);
  // A BadStmt can never survive type checking; IR generation must report
  // it, not crash.
  C->CU->getMainPackage().MainFunc->getBody()->body().push_back(
      C->CU->create<lang::BadStmt>(SMLoc()));
  LLVMContext Ctx;
  irgen::IRGenResult R = generate(*C, Ctx);
  EXPECT_FALSE(R.Module);
  EXPECT_NE(R.Error.find("bad statement"), std::string::npos) << R.Error;
}

} // namespace
