//===- IRGenInterface.cpp - Interface values, itabs and dispatch ----------===//
//
// An interface value is two words, { type or itab, data } (abi::Eface for
// an empty interface, abi::Iface otherwise):
//
//   var x any = 42          { ptr @"typedesc.int", ptr inttoptr (i64 42) }
//   var s Shape = &Circle{} { ptr @"itab.*main.Circle,main.Shape", ptr %c }
//   var e error = MyErr{..} { ptr @"itab.main.MyErr,error", ptr %box }
//
// A value of at most one word lives in the data word itself (its memory
// image, zero-extended; abi::TypeDirectIface); a larger one is copied into a
// box, which escape analysis may place in the frame. The itab of a pair the
// program converts is a constant:
//
//   @"itab.*main.Circle,main.Shape" = internal constant
//       { ptr @"typedesc.main.Shape", ptr @"typedesc.*main.Circle",
//         [2 x ptr] [@"itab.*main.Circle.Area", @"itab.*main.Circle.Name"] }
//
// Each entry is a thunk that takes the data word where the method takes its
// receiver (so one indirect call serves every dynamic type), turns the word
// back into the receiver, and calls the method. A method call through an
// interface loads the thunk from the itab and calls it: one load, one
// indirect call, as in Go.
//
//===----------------------------------------------------------------------===//

#include "DebugInfo.h"
#include "IRGenFunction.h"
#include "IRGenModule.h"
#include "gm/lang/AST/Lookup.h"
#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

static const lang::Type *under(const lang::Type *T) {
  return T->getUnderlying();
}

/// abi::Itab's Type and Fun, in words.
static constexpr unsigned ItabTypeField =
                              offsetof(abi::Itab, Type) / sizeof(void *),
                          ItabFunField =
                              offsetof(abi::Itab, Fun) / sizeof(void *);
static_assert(offsetof(abi::Itab, Type) % sizeof(void *) == 0 &&
                  offsetof(abi::Itab, Fun) % sizeof(void *) == 0,
              "itab fields are whole words");
static_assert(lang::InterfaceWordBytes == abi::MaxDirectIfaceSize,
              "the front end and the runtime box the same values");

//===----------------------------------------------------------------------===//
// Module level: method tables, itab thunks and itabs
//===----------------------------------------------------------------------===//

bool IRGenModule::isDirectIface(const lang::Type *T) {
  return getSize(T) <= abi::MaxDirectIfaceSize;
}

const FunctionABI &
IRGenModule::getIfaceMethodABI(const lang::SignatureType *Sig) {
  Sig = cast<lang::SignatureType>(Sig->getCanonical());
  auto It = IfaceMethodABIs.find(Sig);
  if (It != IfaceMethodABIs.end())
    return It->second;
  return IfaceMethodABIs[Sig] = buildABI(Sig, nullptr, false,
                                         /*WordReceiver=*/true);
}

std::string IRGenModule::getMethodDescName(llvm::StringRef Name,
                                           const lang::Package *Pkg) {
  if (lang::isExportedName(Name) || !Pkg)
    return Name.str();
  return (Pkg->getPath() + "." + Name).str();
}

std::vector<IRGenModule::MethodSetEntry>
IRGenModule::getMethodSet(const lang::Type *T) {
  std::vector<MethodSetEntry> Set;
  if (isa<lang::InterfaceType>(under(T)))
    return Set;
  // Candidate names: every method of every type reachable through
  // embedded fields; lookup then decides which are selectable.
  std::vector<std::pair<std::string, const lang::Package *>> Names;
  SmallPtrSet<const lang::Type *, 8> Seen;
  std::vector<const lang::Type *> Work = {T};
  while (!Work.empty()) {
    const lang::Type *Cur = Work.back();
    Work.pop_back();
    if (auto *P = dyn_cast<lang::PointerType>(Cur))
      Cur = P->getElement();
    if (!Seen.insert(Cur).second)
      continue;
    if (auto *N = dyn_cast<lang::NamedType>(Cur))
      for (const lang::FuncDecl *M : N->getMethods())
        Names.push_back({M->getName().str(), M->getPackage()});
    if (auto *I = dyn_cast<lang::InterfaceType>(under(Cur)))
      for (const lang::InterfaceMethod &M : I->getMethods())
        Names.push_back({M.Name, M.Pkg});
    if (auto *ST = dyn_cast<lang::StructType>(under(Cur)))
      for (const lang::StructField &F : ST->getFields())
        if (F.Embedded)
          Work.push_back(F.Ty);
  }
  for (auto &[Name, Pkg] : Names) {
    std::string DescName = getMethodDescName(Name, Pkg);
    if (llvm::any_of(Set, [&](const MethodSetEntry &E) {
          return E.DescName == DescName;
        }))
      continue;
    lang::Selection Sel = lang::lookupFieldOrMethod(T, Name, Pkg);
    const lang::SignatureType *Sig = nullptr;
    if (Sel.K == lang::Selection::Method) {
      if (Sel.M->hasPointerReceiver() && !Sel.Indirect)
        continue; // not in the method set of a value
      Sig = Sel.M->getSignature();
    } else if (Sel.K == lang::Selection::InterfaceMethod) {
      Sig = Sel.Iface->getMethods()[Sel.MethodIndex].Sig;
    } else {
      continue;
    }
    Set.push_back({DescName, Name, Sig, std::move(Sel)});
  }
  llvm::sort(Set, [](const MethodSetEntry &A, const MethodSetEntry &B) {
    return A.DescName < B.DescName;
  });
  return Set;
}

Function *IRGenModule::getItabThunk(const lang::Type *T,
                                    const MethodSetEntry &Entry) {
  std::string Name = "itab." + lang::typeString(T) + "." + Entry.DescName;
  if (Function *F = M.getFunction(Name))
    return F;
  const FunctionABI &ABI = getIfaceMethodABI(Entry.Sig);
  Function *Fn =
      Function::Create(ABI.FnTy, GlobalValue::InternalLinkage, Name, &M);
  addABIAttributes(Fn, ABI);
  IRGenFunction IGF(*this, Fn);
  SMLoc Loc = Entry.Sel.M ? Entry.Sel.M->getLoc() : SMLoc();
  DI->createFunction(Fn, nullptr, Fn->getName(), Loc, /*Artificial=*/true);
  IGF.startSynthetic();
  IRBuilder<> &B = IGF.B;

  unsigned WordArg = ABI.UsesSRet ? 1 : 0;
  // The receiver value: the pointer itself for a pointer type, else the
  // value decoded from (or boxed behind) the data word.
  const lang::Type *RT = T;
  Value *Recv = IGF.emitInterfaceDataValue(Fn->getArg(WordArg), T);
  bool RecvIsAddr = isAggregate(T);

  SmallVector<Value *, 8> Args;
  if (ABI.UsesSRet)
    Args.push_back(Fn->getArg(0));
  const lang::Selection &Sel = Entry.Sel;
  Value *Callee;
  const FunctionABI *CABI;
  if (Sel.K == lang::Selection::InterfaceMethod) {
    // A method promoted from an embedded interface: call through it.
    if (!RecvIsAddr)
      Recv = IGF.emitCopyToTemp(Recv, T);
    Value *Addr = IGF.followEmbeddedPath(Recv, RT, Sel.Path, Loc);
    Value *Iface = B.CreateLoad(IfaceTy, Addr);
    Value *Word;
    Callee = IGF.emitItabMethod(Iface, Sel.Iface, Sel.MethodIndex, Word);
    CABI = &ABI;
    Args.push_back(Word);
  } else {
    const lang::FuncDecl *Method = Sel.M;
    if (!Sel.Path.empty()) {
      Recv = IGF.followEmbeddedPath(
          RecvIsAddr ? Recv : IGF.emitCopyToTemp(Recv, T), RT, Sel.Path, Loc);
      RecvIsAddr = true;
    } else if (isa<lang::PointerType>(under(T)) &&
               !Method->hasPointerReceiver()) {
      // Go's (*T).M wrapper of a value method panics on nil with its own
      // message.
      IGF.emitValueMethodNilCheck(Recv, Method);
    }
    Args.push_back(IGF.adjustReceiver(Recv, RecvIsAddr, RT, Method, Loc));
    Callee = getFunction(Method);
    CABI = &getABI(Method);
  }
  for (unsigned I = WordArg + 1; I < Fn->arg_size(); ++I)
    Args.push_back(Fn->getArg(I));
  CallInst *CI = B.CreateCall(CABI->FnTy, Callee, Args);
  addABIAttributes(CI, *CABI);
  if (CI->getType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(CI);
  return Fn;
}

Constant *IRGenModule::getMethodTable(const lang::Type *T, uint32_t &Count) {
  Constant *Null = ConstantPointerNull::get(Ptr);
  SmallVector<Constant *, 8> Descs;
  if (auto *I = dyn_cast<lang::InterfaceType>(under(T))) {
    for (const lang::InterfaceMethod &IM : I->getMethods())
      Descs.push_back(ConstantStruct::get(
          MethodDescTy, {getCString(getMethodDescName(IM.Name, IM.Pkg)),
                         getCString(lang::typeString(IM.Sig)), Null}));
  } else {
    for (const MethodSetEntry &E : getMethodSet(T))
      Descs.push_back(ConstantStruct::get(
          MethodDescTy, {getCString(E.DescName),
                         getCString(lang::typeString(E.Sig->getCanonical())),
                         getItabThunk(T, E)}));
  }
  Count = Descs.size();
  if (Descs.empty())
    return Null;
  auto *ArrTy = ArrayType::get(MethodDescTy, Descs.size());
  auto *GV = new GlobalVariable(M, ArrTy, true, GlobalValue::InternalLinkage,
                                ConstantArray::get(ArrTy, Descs),
                                "methods." + lang::typeString(T));
  GV->setAlignment(Align(8));
  return GV;
}

Constant *IRGenModule::getItab(const lang::Type *T,
                               const lang::InterfaceType *I,
                               const lang::Type *IfaceT) {
  auto Key = std::make_pair(T, static_cast<const lang::Type *>(I));
  auto It = Itabs.find(Key);
  if (It != Itabs.end())
    return It->second;
  std::vector<MethodSetEntry> Set = getMethodSet(T);
  SmallVector<Constant *, 8> Fun;
  for (const lang::InterfaceMethod &IM : I->getMethods()) {
    std::string DescName = getMethodDescName(IM.Name, IM.Pkg);
    auto E = llvm::find_if(
        Set, [&](const MethodSetEntry &X) { return X.DescName == DescName; });
    if (E == Set.end())
      internalError("itab for a type that does not implement the interface");
    Fun.push_back(getItabThunk(T, *E));
  }
  auto *FunTy = ArrayType::get(Ptr, Fun.size());
  auto *Ty = StructType::get(Ctx, {Ptr, Ptr, FunTy});
  auto *GV = new GlobalVariable(
      M, Ty, true, GlobalValue::InternalLinkage,
      ConstantStruct::get(Ty, {getTypeDesc(IfaceT), getTypeDesc(T),
                               ConstantArray::get(FunTy, Fun)}),
      "itab." + lang::typeString(T) + "," + lang::typeString(IfaceT));
  GV->setAlignment(Align(8));
  return Itabs[Key] = GV;
}

//===----------------------------------------------------------------------===//
// Function level: conversions, assertions, calls, comparisons
//===----------------------------------------------------------------------===//

Value *IRGenFunction::emitInterfaceWord(Value *V, const lang::Type *T,
                                        const Expr *Site) {
  if (IGM.isDirectIface(T)) {
    if (IGM.getLLVMType(T)->isPointerTy())
      return V; // pointers, maps, funcs: the word itself
    // The value's memory image in a zeroed word.
    AllocaInst *Word = createTemp(IGM.I64, "iface.word");
    B.CreateStore(B.getInt64(0), Word);
    emitStore(V, Word, T);
    return B.CreateLoad(IGM.Ptr, Word, "iface.data");
  }
  Value *Box = emitAllocation(Site, IGM.getLLVMType(T), 1, IGM.hasPointers(T),
                              "iface.box");
  emitStore(V, Box, T);
  return Box;
}

Value *IRGenFunction::emitInterfaceDataValue(Value *Word, const lang::Type *T) {
  if (!IGM.isDirectIface(T))
    return emitLoad(Word, T); // aggregates: the box's address
  if (IGM.getLLVMType(T)->isPointerTy())
    return Word;
  AllocaInst *Tmp = createTemp(IGM.I64, "iface.word");
  B.CreateStore(Word, Tmp);
  return emitLoad(Tmp, T);
}

Value *IRGenFunction::emitDynamicType(Value *Iface, const lang::Type *IfaceT) {
  Value *Word = B.CreateExtractValue(Iface, 0);
  if (cast<lang::InterfaceType>(under(IfaceT))->isEmpty())
    return Word;
  // The itab's type, or null for a nil interface.
  BasicBlock *Cur = B.GetInsertBlock();
  BasicBlock *Load = newBlock("itab.type"), *Done = newBlock("itab.done");
  B.CreateCondBr(B.CreateIsNull(Word), Done, Load);
  emitBlock(Load);
  Value *T = B.CreateLoad(
      IGM.Ptr, B.CreateConstInBoundsGEP1_64(IGM.Ptr, Word, ItabTypeField));
  B.CreateBr(Done);
  emitBlock(Done);
  PHINode *Phi = B.CreatePHI(IGM.Ptr, 2, "dyntype");
  Phi->addIncoming(ConstantPointerNull::get(IGM.Ptr), Cur);
  Phi->addIncoming(T, Load);
  return Phi;
}

Value *IRGenFunction::emitToInterface(Value *V, const lang::Type *From,
                                      const lang::Type *To, const Expr *Site) {
  auto *I = cast<lang::InterfaceType>(under(To));
  if (From->isNil() || under(From)->getKind() == lang::Type::UntypedNil)
    return Constant::getNullValue(IGM.IfaceTy);
  if (auto *FromI = dyn_cast<lang::InterfaceType>(under(From))) {
    if (FromI == I)
      return V;
    Value *Data = B.CreateExtractValue(V, 1);
    Value *Word;
    if (I->isEmpty()) {
      Word = emitDynamicType(V, From);
    } else {
      // Statically known to implement: only a nil source gives no itab.
      Word = callRuntime(RuntimeFn::assertE2I2,
                         {IGM.getTypeDesc(To), emitDynamicType(V, From)});
    }
    Value *R = B.CreateInsertValue(PoisonValue::get(IGM.IfaceTy), Word, 0);
    return B.CreateInsertValue(R, Data, 1);
  }
  Value *Word = I->isEmpty() ? IGM.getTypeDesc(From) : IGM.getItab(From, I, To);
  Value *Data = emitInterfaceWord(V, From, Site);
  Value *R = B.CreateInsertValue(PoisonValue::get(IGM.IfaceTy), Word, 0);
  return B.CreateInsertValue(R, Data, 1);
}

Value *IRGenFunction::emitTypeAssert(const lang::TypeAssertExpr *E,
                                     Value **OkOut) {
  const lang::Type *XT = E->getX()->getType();
  const lang::Type *T = E->getType();
  Value *X = emitExpr(E->getX());
  setLoc(E->getLoc());
  Value *Dyn = emitDynamicType(X, XT);
  Value *Data = B.CreateExtractValue(X, 1);
  if (auto *TI = dyn_cast<lang::InterfaceType>(under(T))) {
    // To an interface: find the itab at run time.
    Value *Word;
    Value *Ok = nullptr;
    if (TI->isEmpty()) {
      Word = Dyn;
      Ok = B.CreateIsNotNull(Dyn);
      if (!OkOut)
        emitPanicIf(B.CreateNot(Ok), RuntimeFn::assertE2I,
                    {IGM.getTypeDesc(T), ConstantPointerNull::get(IGM.Ptr)});
    } else if (OkOut) {
      Word = callRuntime(RuntimeFn::assertE2I2, {IGM.getTypeDesc(T), Dyn});
      Ok = B.CreateIsNotNull(Word);
    } else {
      Word = callRuntime(RuntimeFn::assertE2I, {IGM.getTypeDesc(T), Dyn});
    }
    if (OkOut) {
      *OkOut = Ok;
      Data = B.CreateSelect(Ok, Data, ConstantPointerNull::get(IGM.Ptr));
    }
    Value *R = B.CreateInsertValue(PoisonValue::get(IGM.IfaceTy), Word, 0);
    return B.CreateInsertValue(R, Data, 1);
  }
  // To a concrete type: one compare of the dynamic type.
  Value *Ok = B.CreateICmpEQ(Dyn, IGM.getTypeDesc(T), "assert.ok");
  if (!OkOut) {
    emitPanicIf(B.CreateNot(Ok), RuntimeFn::panicdottypeE,
                {Dyn, IGM.getTypeDesc(T), IGM.getTypeDesc(XT)});
    return emitInterfaceDataValue(Data, T);
  }
  *OkOut = Ok;
  // v is T's zero value when the assertion fails.
  Value *Zero = IGM.getZero(T);
  if (IGM.isAggregate(T)) {
    Zero = createTemp(T, "assert.zero");
    emitZero(Zero, T);
  }
  BasicBlock *Cur = B.GetInsertBlock();
  BasicBlock *Yes = newBlock("assert.yes"), *Done = newBlock("assert.done");
  B.CreateCondBr(Ok, Yes, Done);
  emitBlock(Yes);
  Value *V = emitCopyToTemp(emitInterfaceDataValue(Data, T), T);
  BasicBlock *YesEnd = B.GetInsertBlock();
  B.CreateBr(Done);
  emitBlock(Done);
  PHINode *Phi = B.CreatePHI(V->getType(), 2, "assert.value");
  Phi->addIncoming(Zero, Cur);
  Phi->addIncoming(V, YesEnd);
  return Phi;
}

Value *IRGenFunction::emitItabMethod(Value *Iface, const lang::InterfaceType *I,
                                     unsigned Index, Value *&Word) {
  Value *Tab = B.CreateExtractValue(Iface, 0, "itab");
  Word = B.CreateExtractValue(Iface, 1, "iface.data");
  emitNilCheck(Tab);
  Value *Slot =
      B.CreateConstInBoundsGEP1_64(IGM.Ptr, Tab, ItabFunField + Index);
  return B.CreateLoad(IGM.Ptr, Slot, "method");
}

Value *IRGenFunction::emitInterfaceReceiver(const SelectorExpr *Sel) {
  Value *Base = emitExpr(Sel->getBase());
  if (Sel->path().empty())
    return Base; // x itself is the interface
  // A struct (or pointer to one) embedding the interface.
  const lang::Type *RT = Sel->getBase()->getType();
  Value *Addr = followEmbeddedPath(Base, RT, Sel->path(), Sel->getLoc());
  return B.CreateLoad(IGM.IfaceTy, Addr);
}

Value *IRGenFunction::emitInterfaceCall(const CallExpr *E) {
  auto *Sel = cast<SelectorExpr>(lang::skipParens(E->getCallee()));
  const lang::InterfaceType *I = Sel->getInterface();
  const lang::InterfaceMethod &IM = I->getMethods()[Sel->getMethodIndex()];
  const FunctionABI &ABI = IGM.getIfaceMethodABI(IM.Sig);
  Value *Iface = emitInterfaceReceiver(Sel);
  SmallVector<Value *, 8> Args;
  Value *Results = emitResultsSlot(ABI, Args);
  setLoc(E->getLoc());
  Value *Word;
  Value *Callee = emitItabMethod(Iface, I, Sel->getMethodIndex(), Word);
  Args.push_back(Word);
  emitCallArgs(E, IM.Sig, Args);
  setLoc(E->getLoc());
  return finishCall(B.CreateCall(ABI.FnTy, Callee, Args), ABI, Results, E);
}

Value *IRGenFunction::emitInterfaceEq(Value *L, Value *R, const lang::Type *T) {
  // Same dynamic type, and then nil or equal values (efaceeq panics for
  // uncomparable dynamic types).
  Value *LT = emitDynamicType(L, T), *RT = emitDynamicType(R, T);
  BasicBlock *Cur = B.GetInsertBlock();
  BasicBlock *Cmp = newBlock("iface.cmp"), *Done = newBlock("iface.eq");
  Value *SameType = B.CreateICmpEQ(LT, RT);
  B.CreateCondBr(B.CreateAnd(SameType, B.CreateIsNotNull(LT)), Cmp, Done);
  emitBlock(Cmp);
  CallInst *Eq =
      callRuntime(RuntimeFn::efaceeq,
                  {LT, B.CreateExtractValue(L, 1), B.CreateExtractValue(R, 1)});
  BasicBlock *CmpEnd = B.GetInsertBlock();
  B.CreateBr(Done);
  emitBlock(Done);
  PHINode *Phi = B.CreatePHI(IGM.I1, 2, "iface.eq");
  // Reaching Done directly: equal only if both are nil.
  Phi->addIncoming(SameType, Cur);
  Phi->addIncoming(Eq, CmpEnd);
  return Phi;
}
