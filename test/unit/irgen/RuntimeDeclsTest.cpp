//===- RuntimeDeclsTest.cpp - Runtime declarations match clang's ----------===//
//
// gmc declares each runtime entry point as gm-abi-gen's table says clang
// lowers its C++ signature (RuntimeDecls.cpp). This test checks the result
// independently against clang-19 itself: the declarations it emits when it
// compiles the same header (abi-decls.ll, generated at build time from
// AbiDecls.cpp).
//
//===----------------------------------------------------------------------===//

#include "RuntimeDecls.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace gm::irgen;

namespace {

class RuntimeDeclsTest : public ::testing::Test {
protected:
  void SetUp() override {
    SMDiagnostic Err;
    Clang = parseAssemblyFile(GM_ABI_DECLS_LL, Err, Ctx);
    ASSERT_TRUE(Clang) << Err.getMessage().str();
    Gm = std::make_unique<Module>("gm", Ctx);
    Gm->setTargetTriple(Clang->getTargetTriple());
  }
  LLVMContext Ctx;
  std::unique_ptr<Module> Clang, Gm;
};

TEST_F(RuntimeDeclsTest, EveryEntryPointMatchesClang) {
  for (unsigned I = 0; I < unsigned(RuntimeFn::NumRuntimeFns); ++I) {
    auto F = RuntimeFn(I);
    StringRef Symbol = getRuntimeSymbol(F);
    Function *Ours = RuntimeDecls::declare(*Gm, F);
    Function *Theirs = Clang->getFunction(Symbol);
    ASSERT_TRUE(Theirs) << "clang did not declare " << Symbol.str();
    EXPECT_EQ(Ours->getFunctionType(), Theirs->getFunctionType())
        << Symbol.str();
    // Every ABI attribute clang gives the declaration (zeroext, noundef,
    // sret, ...); gmc may add what it knows of the runtime (nonnull,
    // nocapture, readonly).
    AttributeList OurAttrs = Ours->getAttributes();
    AttributeList TheirAttrs = Theirs->getAttributes();
    for (unsigned A = 0; A < Ours->arg_size(); ++A)
      for (Attribute Attr : TheirAttrs.getParamAttrs(A))
        EXPECT_TRUE(
            OurAttrs.getParamAttrs(A).hasAttribute(Attr.getKindAsEnum()))
            << Symbol.str() << " parameter " << A << ": " << Attr.getAsString();
    for (Attribute Attr : TheirAttrs.getRetAttrs())
      EXPECT_TRUE(OurAttrs.getRetAttrs().hasAttribute(Attr.getKindAsEnum()))
          << Symbol.str() << " result: " << Attr.getAsString();
  }
}

TEST_F(RuntimeDeclsTest, StringMethodThunkTypeMatchesClang) {
  Function *Theirs = Clang->getFunction("gm.test.StringMethodFn");
  ASSERT_TRUE(Theirs) << "clang did not declare the StringMethodFn probe";
  EXPECT_EQ(getStringMethodType(*Gm), Theirs->getFunctionType());
}

TEST_F(RuntimeDeclsTest, Attributes) {
  Function *Access = RuntimeDecls::declare(*Gm, RuntimeFn::mapaccess1_fast64);
  EXPECT_TRUE(Access->doesNotThrow());
  EXPECT_TRUE(Access->willReturn());
  EXPECT_FALSE(Access->onlyReadsMemory()) << "map accesses read the map";
  EXPECT_FALSE(Access->doesNotAccessMemory());
  EXPECT_TRUE(Access->hasParamAttribute(0, Attribute::NonNull));

  Function *Panic = RuntimeDecls::declare(*Gm, RuntimeFn::panicIndex);
  EXPECT_TRUE(Panic->doesNotReturn());
  EXPECT_FALSE(Panic->willReturn());

  Function *Hash = RuntimeDecls::declare(*Gm, RuntimeFn::memhash64);
  EXPECT_TRUE(Hash->onlyReadsMemory());
  EXPECT_TRUE(Hash->hasParamAttribute(0, Attribute::NoCapture));
}

} // namespace
