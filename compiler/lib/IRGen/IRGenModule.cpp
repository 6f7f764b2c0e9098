//===- IRGenModule.cpp - Module, globals, functions, package init ---------===//
//
// The program becomes one module:
//
//   @main.x = internal global T zeroinitializer     ; package-level vars
//   define void @main.init()                        ; their initialisers, in
//                                                   ;
//                                                   CompilationUnit::InitOrder
//   define void @main.main()                        ; func main
//   define ... @main.f(...) / @"main.T.M" / @"main.(*T).M"
//
// The runtime's C main() calls main.init then main.main. Symbol names are
// Go's, so panics' backtraces print the same function names as Go.
//
//===----------------------------------------------------------------------===//

#include "IRGenModule.h"
#include "DebugInfo.h"
#include "IRGenFunction.h"
#include "gm/lang/Basic/SourceLocation.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

void gm::irgen::internalError(const Twine &Msg) {
  throw InternalError(Msg.str());
}

IRGenModule::IRGenModule(const lang::CompilationUnit &CU, const SourceMgr &SM,
                         Module &M, const IRGenOptions &Opts)
    : CU(CU), SM(SM), Ctx(M.getContext()), M(M), DL(M.getDataLayout()),
      Opts(Opts), Runtime(M) {
  I1 = Type::getInt1Ty(Ctx);
  I8 = Type::getInt8Ty(Ctx);
  I16 = Type::getInt16Ty(Ctx);
  I32 = Type::getInt32Ty(Ctx);
  I64 = Type::getInt64Ty(Ctx);
  Ptr = PointerType::get(Ctx, 0);
  StringTy = StructType::get(Ptr, I64);
  SliceTy = StructType::get(Ptr, I64, I64);
  IfaceTy = StructType::get(Ptr, Ptr);
  // abi::TypeDesc, abi::StructFieldDesc and abi::MapType; their layouts are
  // checked against the C++ definitions below.
  TypeDescTy = StructType::create(Ctx,
                                  {I64, Ptr, I8, I8, I8, I32, Ptr, Ptr, I64,
                                   Ptr, Ptr, Ptr, Ptr, Ptr, Ptr, Ptr, Ptr, I32},
                                  "gm.TypeDesc");
  MethodDescTy = StructType::create(Ctx, {Ptr, Ptr, Ptr}, "gm.MethodDesc");
  FieldDescTy =
      StructType::create(Ctx, {Ptr, Ptr, I64, I8}, "gm.StructFieldDesc");
  MapTypeTy = StructType::create(Ctx,
                                 {Ptr, Ptr, Ptr, Ptr, I64, I64, I8, I8, I16,
                                  I32, I8, ArrayType::get(I8, 7)},
                                 "gm.MapType");
  HIterTy = ArrayType::get(I64, abi::mapIterSize(Opts.MapRuntime) / 8);

  auto check = [&](StructType *ST, unsigned Field, uint64_t Offset,
                   const char *What) {
    if (DL.getStructLayout(ST)->getElementOffset(Field) != Offset)
      internalError(Twine("layout of ") + What +
                    " does not match gm/runtime/ABI.h");
  };
  using namespace gm::abi;
  check(TypeDescTy, 0, offsetof(TypeDesc, Size), "TypeDesc::Size");
  check(TypeDescTy, 1, offsetof(TypeDesc, Name), "TypeDesc::Name");
  check(TypeDescTy, 2, offsetof(TypeDesc, Kind), "TypeDesc::Kind");
  check(TypeDescTy, 3, offsetof(TypeDesc, Flags), "TypeDesc::Flags");
  check(TypeDescTy, 4, offsetof(TypeDesc, Align), "TypeDesc::Align");
  check(TypeDescTy, 5, offsetof(TypeDesc, NumFields), "TypeDesc::NumFields");
  check(TypeDescTy, 6, offsetof(TypeDesc, Elem), "TypeDesc::Elem");
  check(TypeDescTy, 7, offsetof(TypeDesc, Key), "TypeDesc::Key");
  check(TypeDescTy, 8, offsetof(TypeDesc, Len), "TypeDesc::Len");
  check(TypeDescTy, 9, offsetof(TypeDesc, Fields), "TypeDesc::Fields");
  check(TypeDescTy, 10, offsetof(TypeDesc, Map), "TypeDesc::Map");
  check(TypeDescTy, 11, offsetof(TypeDesc, ErrorMethod),
        "TypeDesc::ErrorMethod");
  check(TypeDescTy, 12, offsetof(TypeDesc, StringMethod),
        "TypeDesc::StringMethod");
  check(TypeDescTy, 13, offsetof(TypeDesc, GoStringMethod),
        "TypeDesc::GoStringMethod");
  check(TypeDescTy, 14, offsetof(TypeDesc, Hash), "TypeDesc::Hash");
  check(TypeDescTy, 15, offsetof(TypeDesc, Equal), "TypeDesc::Equal");
  check(TypeDescTy, 16, offsetof(TypeDesc, Methods), "TypeDesc::Methods");
  check(TypeDescTy, 17, offsetof(TypeDesc, NumMethods), "TypeDesc::NumMethods");
  check(MethodDescTy, 2, offsetof(MethodDesc, Fn), "MethodDesc::Fn");
  check(FieldDescTy, 2, offsetof(StructFieldDesc, Offset),
        "StructFieldDesc::Offset");
  check(FieldDescTy, 3, offsetof(StructFieldDesc, Exported),
        "StructFieldDesc::Exported");
  check(MapTypeTy, 4, offsetof(abi::MapType, KeyTypeSize),
        "MapType::KeyTypeSize");
  check(MapTypeTy, 6, offsetof(abi::MapType, KeySize), "MapType::KeySize");
  check(MapTypeTy, 8, offsetof(abi::MapType, BucketSize),
        "MapType::BucketSize");
  check(MapTypeTy, 9, offsetof(abi::MapType, Flags), "MapType::Flags");
  check(MapTypeTy, 10, offsetof(abi::MapType, BucketHasPointers),
        "MapType::BucketHasPointers");
  if (DL.getTypeAllocSize(TypeDescTy) != sizeof(TypeDesc) ||
      DL.getTypeAllocSize(FieldDescTy) != sizeof(StructFieldDesc) ||
      DL.getTypeAllocSize(MapTypeTy) != sizeof(abi::MapType) ||
      DL.getTypeAllocSize(MethodDescTy) != sizeof(MethodDesc) ||
      DL.getTypeAllocSize(HIterTy) != mapIterSize(Opts.MapRuntime))
    internalError("descriptor sizes do not match gm/runtime/ABI.h");

  DI = std::make_unique<DebugInfo>(*this);
}

IRGenModule::~IRGenModule() = default;

std::pair<unsigned, unsigned> IRGenModule::getLineCol(SMLoc L) const {
  return gm::lang::getLineAndColumn(SM, L);
}

StringRef IRGenModule::getSymbolPrefix(const lang::Decl *D) const {
  // Go qualifies symbols by import path: unicode/utf8.RuneLen.
  const lang::Package *P = D->getPackage();
  return P ? P->getPath() : CU.getMainPackage().getPath();
}

std::string IRGenModule::getSymbolName(const lang::FuncDecl *FD) {
  // Go names a package's init functions main.init.0, main.init.1, ...;
  // main.init itself is the program initialiser that runs them.
  StringRef Pkg = getSymbolPrefix(FD);
  if (!FD->isMethod() && FD->getName() == "init") {
    unsigned N = 0;
    for (const lang::FuncDecl *Other : FD->getPackage()->Funcs) {
      if (Other == FD)
        break;
      if (!Other->isMethod() && Other->getName() == "init")
        ++N;
    }
    return (Pkg + ".init." + Twine(N)).str();
  }
  return (Pkg + "." + FD->getQualifiedName()).str();
}

const FunctionABI &IRGenModule::getABI(const lang::FuncDecl *FD) {
  auto It = ABIs.find(FD);
  if (It != ABIs.end())
    return It->second;
  lang::SignatureType *Sig = FD->getSignature();
  if (!Sig)
    internalError("function without a signature: " + FD->getName());
  return ABIs[FD] = buildABI(
             Sig, FD->isMethod() ? FD->getReceiver()->getType() : nullptr,
             FD->isLiteral());
}

FunctionABI IRGenModule::buildABI(const lang::SignatureType *Sig,
                                  const lang::Type *Receiver, bool HasContext,
                                  bool WordReceiver) {
  FunctionABI ABI;
  SmallVector<llvm::Type *, 8> Params;
  llvm::Type *RetTy = Type::getVoidTy(Ctx);
  lang::TupleType *Results = Sig->getResults();
  unsigned NResults = Results ? Results->size() : 0;
  if (NResults == 1 && !isAggregate(Results->getElement(0))) {
    RetTy = getLLVMType(Results->getElement(0));
  } else if (NResults >= 1) {
    ABI.UsesSRet = true;
    ABI.ResultsTy = cast<StructType>(getLLVMType(Results));
    Params.push_back(Ptr);
  }
  if (HasContext) {
    ABI.HasContext = true;
    ABI.ContextArg = Params.size();
    Params.push_back(Ptr);
  }
  auto addParam = [&](const lang::Type *T) {
    Params.push_back(isAggregate(T) ? static_cast<llvm::Type *>(Ptr)
                                    : getLLVMType(T));
  };
  if (Receiver) {
    ABI.HasReceiver = true;
    addParam(Receiver);
  } else if (WordReceiver) {
    ABI.HasReceiver = true;
    Params.push_back(Ptr);
  }
  for (lang::Type *P : Sig->getParams())
    addParam(P);
  ABI.FnTy = FunctionType::get(RetTy, Params, false);
  return ABI;
}

Function *IRGenModule::getFunction(const lang::FuncDecl *FD) {
  auto It = Functions.find(FD);
  if (It != Functions.end())
    return It->second;
  const FunctionABI &ABI = getABI(FD);
  // Not nounwind: a panic unwinds through gm functions to the defers of
  // their callers.
  // The program is compiled whole, so LLVM may inline or drop any function
  // with a body but main.main, which the runtime calls, as Go's linker drops
  // what is unreachable (20,000 small functions inlined into their one
  // caller were otherwise all compiled a second time, out of line). A
  // library package's functions are internal; the main package's are
  // linkonce_odr, which LLVM may drop as well, but which stay in the dynamic
  // symbol table when kept, for panic tracebacks (dladdr). Those without a
  // body are the runtime's.
  bool InLibrary = FD->getPackage() && !FD->getPackage()->isMain();
  std::string Name = getSymbolName(FD);
  GlobalValue::LinkageTypes Linkage = GlobalValue::ExternalLinkage;
  if (FD->getBody() && InLibrary)
    Linkage = GlobalValue::InternalLinkage;
  else if (FD->getBody() && Name != abi::ProgramMainSymbol)
    Linkage = GlobalValue::LinkOnceODRLinkage;
  Function *Fn = Function::Create(ABI.FnTy, Linkage, Name, &M);
  addABIAttributes(Fn, ABI);
  if (ABI.UsesSRet)
    Fn->addParamAttr(0, Attribute::NoAlias);
  Functions[FD] = Fn;
  if ((FD->isLiteral() || InLibrary) && FD->getBody())
    PendingBodies.push_back(FD);
  else if (InLibrary)
    emitAtomicIntrinsic(FD, Fn);
  return Fn;
}

Function *IRGenModule::getPersonality() {
  return cast<Function>(
      M.getOrInsertFunction("__gxx_personality_v0",
                            FunctionType::get(I32, /*isVarArg=*/true))
          .getCallee());
}

GlobalVariable *IRGenModule::getGlobal(const lang::VarDecl *VD) {
  auto It = Globals.find(VD);
  if (It != Globals.end())
    return It->second;
  llvm::Type *Ty = getLLVMType(VD->getType());
  auto *GV = new GlobalVariable(M, Ty, false, GlobalValue::InternalLinkage,
                                Constant::getNullValue(Ty),
                                (getSymbolPrefix(VD) + "." + VD->getName()));
  Globals[VD] = GV;
  return GV;
}

Constant *IRGenModule::getString(StringRef S) {
  auto It = Strings.find(S);
  if (It != Strings.end())
    return It->second;
  Constant *PtrC;
  if (S.empty()) {
    PtrC = ConstantPointerNull::get(Ptr);
  } else {
    auto *Data = ConstantDataArray::getString(Ctx, S, false);
    auto *GV = new GlobalVariable(M, Data->getType(), true,
                                  GlobalValue::PrivateLinkage, Data, ".str");
    GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    GV->setAlignment(Align(1));
    PtrC = GV;
  }
  Constant *C =
      ConstantStruct::get(StringTy, {PtrC, ConstantInt::get(I64, S.size())});
  Strings[S] = C;
  return C;
}

Constant *IRGenModule::getCString(StringRef S) {
  auto It = CStrings.find(S);
  if (It != CStrings.end())
    return It->second;
  auto *Data = ConstantDataArray::getString(Ctx, S, true);
  auto *GV = new GlobalVariable(M, Data->getType(), true,
                                GlobalValue::PrivateLinkage, Data, ".cstr");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  CStrings[S] = GV;
  return GV;
}

void IRGenModule::emitFunctionBody(const lang::FuncDecl *FD) {
  Function *Fn = getFunction(FD);
  IRGenFunction IGF(*this, Fn);
  IGF.emitFunction(FD);
}

void IRGenModule::emitInitFunction() {
  // define void @main.init() {
  //   ; for each package, those it imports first, main last:
  //   ;   each package-level var spec in initialization order
  //   store <initializer>, @strings.x
  //   ;   then its func init()s, in source order
  //   call void @main.init.0()
  //   ret void
  // }
  Function *Fn = Function::Create(
      FunctionType::get(Type::getVoidTy(Ctx), false),
      GlobalValue::ExternalLinkage, abi::ProgramInitSymbol, &M);
  IRGenFunction IGF(*this, Fn);
  DI->createFunction(Fn, nullptr, "init", CU.getMainPackage().getLoc(), true);
  IGF.startSynthetic();
  for (const lang::Package *P : CU.getPackages()) {
    for (const lang::VarSpec *VS : P->InitOrder)
      IGF.emitVarSpec(VS);
    for (const lang::FuncDecl *FD : P->Funcs)
      if (!FD->isMethod() && FD->getName() == "init" && FD->getBody()) {
        IGF.setLoc(FD->getLoc());
        IGF.B.CreateCall(getFunction(FD), {});
      }
  }
  IGF.finishSynthetic();
}

/// Issue 6: every runtime call carries the !dbg location of its .gm
/// expression (remarks and backtraces depend on it). Checked on every
/// function that has a DISubprogram.
static void checkRuntimeCallLocations(Module &M) {
  for (Function &F : M) {
    if (F.isDeclaration() || !F.getSubprogram())
      continue;
    for (BasicBlock &BB : F)
      for (Instruction &I : BB)
        if (auto *CI = dyn_cast<CallInst>(&I))
          if (Function *Callee = CI->getCalledFunction())
            if (Callee->isDeclaration() && !Callee->isIntrinsic() &&
                !CI->getDebugLoc())
              internalError("call to " + Callee->getName() + " in " +
                            F.getName() + " has no source location");
  }
}

void IRGenModule::emitProgram() {
  const lang::Package &Main = CU.getMainPackage();
  for (const lang::VarSpec *VS : Main.GlobalVars)
    for (const lang::VarDecl *VD : VS->getNames())
      if (VD && VD->getName() != "_")
        getGlobal(VD);
  for (const lang::FuncDecl *FD : Main.Funcs)
    if (FD->getBody() && !FD->isGeneric())
      getFunction(FD);
  emitInitFunction();
  for (const lang::FuncDecl *FD : Main.Funcs)
    if (FD->getBody() && !FD->isGeneric())
      emitFunctionBody(FD);
  // Function literals and library functions, as they were reached (a body
  // may reach more).
  while (!PendingBodies.empty()) {
    const lang::FuncDecl *FD = PendingBodies.back();
    PendingBodies.pop_back();
    emitFunctionBody(FD);
  }
  checkRuntimeCallLocations(M);
  emitMapRuntimeChoice();
  // A panic's traceback unwinds through gm's frames with the system unwinder
  // (backtrace(3)), which stops at the first function without an .eh_frame
  // entry; nounwind functions get one only with uwtable. Async, because a
  // nil dereference panics from a SIGSEGV handler, mid-function.
  M.setUwtable(UWTableKind::Async);
  for (Function &F : M)
    if (!F.isDeclaration())
      F.setUWTableKind(UWTableKind::Async);
  DI->finalize();
}

IRGenResult gm::irgen::generateIR(const lang::CompilationUnit &CU,
                                  const SourceMgr &SM, LLVMContext &Ctx,
                                  const Triple &T, const DataLayout &DL,
                                  const IRGenOptions &Opts) {
  IRGenResult R;
  auto M = std::make_unique<Module>(Opts.MainFileName, Ctx);
  M->setTargetTriple(T.str());
  M->setDataLayout(DL);
  M->setSourceFileName(Opts.MainFileName);
  try {
    IRGenModule IGM(CU, SM, *M, Opts);
    IGM.emitProgram();
  } catch (const InternalError &E) {
    R.Error = E.what();
    return R;
  }
  std::string VerifyErrors;
  raw_string_ostream OS(VerifyErrors);
  if (verifyModule(*M, &OS)) {
    R.Error = "generated IR does not verify:\n" + OS.str();
    return R;
  }
  R.Module = std::move(M);
  return R;
}
