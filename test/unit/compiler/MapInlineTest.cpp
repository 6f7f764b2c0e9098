//===- MapInlineTest.cpp - gm-map-inline on modules built in memory -------===//
//
// Without executing anything: the embedded bitcode is well formed and matches
// the runtime ABI's entry points, and the pass inlines every supported entry
// point, leaves only cold marked slow-path calls, verifies, is idempotent,
// and leaves modules for another target untouched. Executing each branch of
// the inlined code is test/Transforms/map-inline-exec-slow-paths.test.
//
//===----------------------------------------------------------------------===//

#include "gm/Transforms/MapInline.h"
#include "gm/Transforms/FastPathBitcode.h"

#include "gm/runtime/ABI.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace llvm;

namespace {

/// The entry points with a fast path on a 64-bit target.
const char *const FastEntries[] = {
    "runtime.mapaccess1_fast32",  "runtime.mapaccess1_fast64",
    "runtime.mapaccess2_fast32",  "runtime.mapaccess2_fast64",
    "runtime.mapassign_fast32",   "runtime.mapassign_fast64",
    "runtime.mapassign_fast64ptr"};

std::unique_ptr<Module> parseFastPaths(LLVMContext &Ctx) {
  auto ModOrErr = parseBitcodeFile(
      MemoryBufferRef(gm::getFastPathBitcode(), "gm-fastpath.bc"), Ctx);
  EXPECT_TRUE(bool(ModOrErr)) << toString(ModOrErr.takeError());
  return ModOrErr ? std::move(*ModOrErr) : nullptr;
}

std::string fastPathOf(StringRef Entry) {
  return (gm::FastPathPrefix + Entry.drop_front(gm::RuntimePrefix.size()))
      .str();
}

/// A maptype for map[K]int64 with a KeySize-byte key, as gmc would emit it:
/// the standard hasher, then the bytes of a real gm::abi::MapType.
GlobalVariable *makeMapType(Module &M, unsigned KeySize) {
  using namespace gm::abi;
  static_assert(offsetof(MapType, Hasher) == 0, "hasher first");
  MapType T{};
  T.KeyTypeSize = T.KeySize = KeySize;
  T.ElemTypeSize = T.ElemSize = 8;
  T.BucketSize = bucketSize(KeySize, 8);
  T.Flags = MapReflexiveKey;
  LLVMContext &Ctx = M.getContext();
  auto *Bytes = reinterpret_cast<const uint8_t *>(&T);
  Constant *Rest = ConstantDataArray::get(
      Ctx,
      ArrayRef<uint8_t>(Bytes + sizeof(void *), sizeof(T) - sizeof(void *)));
  FunctionCallee Hasher = M.getOrInsertFunction(
      KeySize == 4 ? "runtime.memhash32" : "runtime.memhash64",
      Type::getInt64Ty(Ctx), PointerType::get(Ctx, 0), Type::getInt64Ty(Ctx));
  Constant *Init = ConstantStruct::getAnon(
      {cast<Constant>(Hasher.getCallee()), Rest}, /*Packed=*/true);
  return new GlobalVariable(
      M, Init->getType(), /*isConstant=*/true, GlobalValue::InternalLinkage,
      Init, "type.map[int" + std::to_string(KeySize * 8) + "]int64");
}

/// A module calling each entry point once, declared with the types the
/// bitcode's own runtime declarations have (clang's lowering of ABI.h).
std::unique_ptr<Module> buildCallers(LLVMContext &Ctx,
                                     const Module &FastPaths) {
  auto M = std::make_unique<Module>("callers", Ctx);
  M->setTargetTriple(FastPaths.getTargetTriple());
  M->setDataLayout(FastPaths.getDataLayout());
  GlobalVariable *MT32 = makeMapType(*M, 4), *MT64 = makeMapType(*M, 8);
  for (StringRef Entry : FastEntries) {
    Function *Decl = FastPaths.getFunction(Entry);
    EXPECT_NE(Decl, nullptr) << Entry.str();
    if (!Decl)
      continue;
    FunctionType *FTy = Decl->getFunctionType();
    FunctionCallee Callee = M->getOrInsertFunction(Entry, FTy);
    auto *Caller = Function::Create(FTy, GlobalValue::ExternalLinkage,
                                    ("call." + Entry).str(), *M);
    IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Caller));
    CallInst *CI = B.CreateCall(Callee, {Entry.contains("32") ? MT32 : MT64,
                                         Caller->getArg(1), Caller->getArg(2)});
    B.CreateRet(CI);
  }
  return M;
}

void runPass(Module &M) {
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PassBuilder PB;
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  ModulePassManager MPM;
  MPM.addPass(gm::MapInlinePass());
  MPM.run(M, MAM);
}

std::string print(const Module &M) {
  std::string S;
  raw_string_ostream OS(S);
  M.print(OS, nullptr);
  return S;
}

TEST(MapInlineTest, BitcodeDefinesEveryFastPathWithItsEntryPointsType) {
  LLVMContext Ctx;
  std::unique_ptr<Module> FastPaths = parseFastPaths(Ctx);
  ASSERT_TRUE(FastPaths);
  for (StringRef Entry : FastEntries) {
    Function *FastPath = FastPaths->getFunction(fastPathOf(Entry));
    Function *Runtime = FastPaths->getFunction(Entry);
    ASSERT_NE(FastPath, nullptr) << Entry.str();
    ASSERT_NE(Runtime, nullptr) << Entry.str() << " is not the slow path";
    EXPECT_FALSE(FastPath->isDeclaration()) << Entry.str();
    EXPECT_TRUE(Runtime->isDeclaration()) << Entry.str();
    EXPECT_EQ(FastPath->getFunctionType(), Runtime->getFunctionType())
        << Entry.str();
  }
  // No debug info, no machine code of its own to run: nothing but the
  // fast paths, their zero value and the hash key.
  EXPECT_EQ(FastPaths->debug_compile_units().begin(),
            FastPaths->debug_compile_units().end());
  EXPECT_NE(FastPaths->getGlobalVariable("gm_map_hashkey"), nullptr);
}

TEST(MapInlineTest, InlinesEveryEntryPointAndLeavesOnlyColdSlowCalls) {
  LLVMContext Ctx;
  std::unique_ptr<Module> FastPaths = parseFastPaths(Ctx);
  ASSERT_TRUE(FastPaths);
  std::unique_ptr<Module> M = buildCallers(Ctx, *FastPaths);
  runPass(*M);
  std::string Err;
  raw_string_ostream ErrOS(Err);
  EXPECT_FALSE(verifyModule(*M, &ErrOS)) << Err;

  for (StringRef Entry : FastEntries) {
    Function *Caller = M->getFunction(("call." + Entry).str());
    ASSERT_NE(Caller, nullptr);
    unsigned RuntimeCalls = 0;
    bool Hashes = false;
    for (Instruction &I : instructions(*Caller)) {
      if (auto *LI = dyn_cast<LoadInst>(&I))
        Hashes |= LI->getPointerOperand()->stripInBoundsOffsets()->getName() ==
                  "gm_map_hashkey";
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !CB->getCalledFunction())
        continue;
      StringRef Callee = CB->getCalledFunction()->getName();
      EXPECT_FALSE(Callee.starts_with(gm::FastPathPrefix)) << Entry.str();
      if (Callee != Entry)
        continue;
      ++RuntimeCalls;
      EXPECT_TRUE(CB->hasFnAttr(Attribute::Cold)) << Entry.str();
      EXPECT_TRUE(CB->hasFnAttr("gm-map-slowpath")) << Entry.str();
    }
    EXPECT_TRUE(Hashes) << Entry.str() << " was not inlined";
    // Access has one way to the runtime; assign one before and one after
    // setting hashWriting.
    EXPECT_EQ(RuntimeCalls, StringRef(Entry).contains("assign") ? 2u : 1u)
        << Entry.str();
  }
  for (Function &F : *M)
    EXPECT_FALSE(F.getName().starts_with(gm::FastPathPrefix))
        << F.getName().str();
}

TEST(MapInlineTest, SecondRunChangesNothing) {
  LLVMContext Ctx;
  std::unique_ptr<Module> FastPaths = parseFastPaths(Ctx);
  ASSERT_TRUE(FastPaths);
  std::unique_ptr<Module> M = buildCallers(Ctx, *FastPaths);
  runPass(*M);
  std::string Once = print(*M);
  runPass(*M);
  EXPECT_EQ(Once, print(*M));
}

TEST(MapInlineTest, LeavesModulesForOtherTargetsAlone) {
  LLVMContext Ctx;
  std::unique_ptr<Module> FastPaths = parseFastPaths(Ctx);
  ASSERT_TRUE(FastPaths);
  std::unique_ptr<Module> M = buildCallers(Ctx, *FastPaths);
  M->setTargetTriple("aarch64-unknown-linux-gnu");
  std::string Before = print(*M);
  runPass(*M);
  EXPECT_EQ(Before, print(*M));

  M->setTargetTriple(FastPaths->getTargetTriple());
  M->setDataLayout("e-m:e-p:32:32-i64:64-n8:16:32:64-S128");
  Before = print(*M);
  runPass(*M);
  EXPECT_EQ(Before, print(*M));
}

} // namespace
