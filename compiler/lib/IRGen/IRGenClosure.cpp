//===- IRGenClosure.cpp - Function values, closures, method values --------===//
//
// A gm function value is Go's: a pointer to a funcval whose first word is the
// code pointer (nil is null).
//
//   funcval = { ptr entry, <context...> }
//   f(args)   =>   %entry = load ptr, ptr %f
//                  call %entry(ptr sret?, ptr nest %f, args...)
//
// The callee finds its context through the `nest` parameter, as Go's closures
// find theirs through the closure register. What a funcval holds:
//
//  * a declared function f: a constant { @main.f-fv }, whose entry point
//    drops the context and calls main.f (no allocation, as in Go);
//  * a function literal without captures: a constant { @main.main.func1 };
//  * a literal with captures: a GC-allocated { entry, &x, &y, ... }. A
//    captured variable lives on the GC heap and is shared by reference with
//    its function and every literal that captures it;
//  * a method value x.M: a GC-allocated { @main.T.M-fm, receiver }, the
//    receiver evaluated and copied when the value is made;
//  * a method expression T.M: a constant { @main.T.M-fv } taking the
//    receiver as its first parameter.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

static const lang::Type *under(const lang::Type *T) {
  return T->getUnderlying();
}

const FunctionABI &
IRGenModule::getFuncValueABI(const lang::SignatureType *Sig) {
  Sig = cast<lang::SignatureType>(Sig->getCanonical());
  auto It = FuncValueABIs.find(Sig);
  if (It != FuncValueABIs.end())
    return It->second;
  return FuncValueABIs[Sig] = buildABI(Sig, nullptr, /*HasContext=*/true);
}

Constant *IRGenModule::getStaticFuncValue(Function *Entry) {
  auto It = StaticFuncValues.find(Entry);
  if (It != StaticFuncValues.end())
    return It->second;
  auto *Ty = StructType::get(Ctx, ArrayRef<llvm::Type *>(Ptr));
  auto *GV = new GlobalVariable(
      M, Ty, /*isConstant=*/true, GlobalValue::PrivateLinkage,
      ConstantStruct::get(Ty, {Entry}), Entry->getName() + "\u00b7f");
  GV->setAlignment(Align(8));
  return StaticFuncValues[Entry] = GV;
}

/// An internal entry point of ABI. Wrappers have no debug info: tracebacks
/// leave them out (as Go's leave out its wrappers), and at -O2 they are
/// inlined into their callers.
static Function *createEntryPoint(IRGenModule &IGM, const FunctionABI &ABI,
                                  const Twine &Name) {
  Function *W =
      Function::Create(ABI.FnTy, GlobalValue::InternalLinkage, Name, IGM.M);
  IGM.addABIAttributes(W, ABI);
  return W;
}

/// Ends a wrapper with a call of Target and returns its result. (Not marked
/// `tail`: a receiver copy may live in the wrapper's frame; the optimizer
/// marks the calls that can be.)
static void emitForward(IRGenFunction &IGF, Function *Target,
                        const FunctionABI &TargetABI, ArrayRef<Value *> Args,
                        const lang::FuncDecl *TargetDecl) {
  // A deferred call of the wrapper is one of the function it wraps: pass
  // on recover()'s arming.
  if (TargetDecl->callsRecover())
    IGF.callRuntime(RuntimeFn::forwardrecover, {IGF.Fn, Target});
  CallInst *CI = IGF.B.CreateCall(Target, Args);
  IGF.IGM.addABIAttributes(CI, TargetABI);
  if (CI->getType()->isVoidTy())
    IGF.B.CreateRetVoid();
  else
    IGF.B.CreateRet(CI);
}

Function *IRGenModule::getFuncValueWrapper(const lang::FuncDecl *FD) {
  auto It = FuncValueWrappers.find(FD);
  if (It != FuncValueWrappers.end())
    return It->second;
  const FunctionABI &VABI = getFuncValueABI(FD->getSignature());
  Function *W = createEntryPoint(*this, VABI, getSymbolName(FD) + "-fv");
  FuncValueWrappers[FD] = W;
  // Same parameters, less the context.
  IRGenFunction IGF(*this, W);
  IGF.startSynthetic();
  SmallVector<Value *, 8> Args;
  for (Argument &A : W->args())
    if (A.getArgNo() != VABI.ContextArg)
      Args.push_back(&A);
  emitForward(IGF, getFunction(FD), getABI(FD), Args, FD);
  return W;
}

Function *IRGenModule::getMethodExprWrapper(const lang::SelectorExpr *E) {
  const lang::FuncDecl *Method = E->getMethod();
  const lang::Type *RecvT = E->getBase()->getType();
  auto Key = std::make_pair(Method, RecvT);
  auto It = MethodExprWrappers.find(Key);
  if (It != MethodExprWrappers.end())
    return It->second;
  const FunctionABI &VABI =
      getFuncValueABI(cast<lang::SignatureType>(E->getType()));
  bool ThroughPointer = isa<lang::PointerType>(under(RecvT));
  bool Promoted = !E->path().empty();
  std::string Name = getSymbolName(Method);
  if (Promoted) {
    // Go's wrapper of a promoted method is named after the outer type.
    const lang::Type *Outer =
        ThroughPointer ? cast<lang::PointerType>(under(RecvT))->getElement()
                       : RecvT;
    std::string OuterName = lang::typeString(Outer, /*Qualify=*/false);
    Name = (getSymbolPrefix(Method) + "." +
            (ThroughPointer ? "(*" + OuterName + ")" : OuterName) + "." +
            Method->getName())
               .str();
  } else if (ThroughPointer && !Method->hasPointerReceiver()) {
    Name = (getSymbolPrefix(Method) + ".(*" +
            Method->getReceiverBase()->getName() + ")." + Method->getName())
               .str();
  }
  Function *W = createEntryPoint(*this, VABI, Name + "-fv");
  MethodExprWrappers[Key] = W;

  IRGenFunction IGF(*this, W);
  IGF.startSynthetic();
  SmallVector<Value *, 8> Args;
  unsigned RecvArg = VABI.ContextArg + 1;
  for (Argument &A : W->args()) {
    if (A.getArgNo() == VABI.ContextArg)
      continue;
    if (A.getArgNo() == RecvArg && Promoted) {
      // The embedded value holding the method, then its receiver.
      const lang::Type *RT = RecvT;
      Value *Field = IGF.followEmbeddedPath(&A, RT, E->path(), SMLoc());
      Args.push_back(IGF.adjustReceiver(Field, true, RT, Method, SMLoc()));
      continue;
    }
    if (A.getArgNo() != RecvArg || !ThroughPointer ||
        Method->hasPointerReceiver()) {
      Args.push_back(&A);
      continue;
    }
    // (*T).M of a value method: copy *p for the callee; a nil p panics as
    // Go's wrapper does.
    const lang::Type *ValT = Method->getReceiver()->getType();
    IGF.emitValueMethodNilCheck(&A, Method);
    Args.push_back(IGF.emitCopyToTemp(IGF.emitLoad(&A, ValT), ValT));
  }
  emitForward(IGF, getFunction(Method), getABI(Method), Args, Method);
  return W;
}

StructType *IRGenModule::getMethodValueType(const lang::FuncDecl *M) {
  return StructType::get(Ctx, {Ptr, getLLVMType(M->getReceiver()->getType())});
}

Function *IRGenModule::getMethodValueWrapper(const lang::FuncDecl *Method) {
  auto It = MethodValueWrappers.find(Method);
  if (It != MethodValueWrappers.end())
    return It->second;
  const FunctionABI &VABI = getFuncValueABI(Method->getSignature());
  Function *W = createEntryPoint(*this, VABI, getSymbolName(Method) + "-fm");
  MethodValueWrappers[Method] = W;

  IRGenFunction IGF(*this, W);
  IGF.startSynthetic();
  const lang::Type *RecvT = Method->getReceiver()->getType();
  Value *Slot = IGF.B.CreateStructGEP(getMethodValueType(Method),
                                      W->getArg(VABI.ContextArg), 1, "recv");
  // Each call gets its own copy of a value receiver: the method may modify
  // it, and the method value must not see that.
  Value *Recv = IGF.emitCopyToTemp(IGF.emitLoad(Slot, RecvT), RecvT);
  SmallVector<Value *, 8> Args;
  for (Argument &A : W->args()) {
    if (A.getArgNo() == VABI.ContextArg) {
      Args.push_back(Recv);
      continue;
    }
    Args.push_back(&A);
  }
  emitForward(IGF, getFunction(Method), getABI(Method), Args, Method);
  return W;
}

Function *IRGenModule::getFuncValueAdapter(const lang::SignatureType *Sig,
                                           const lang::FuncDecl *Known) {
  Sig = cast<lang::SignatureType>(Sig->getCanonical());
  Function *&Adapter = FuncValueAdapters[{Sig, Known}];
  if (Adapter)
    return Adapter;
  // bool adapter(ptr f, i64 i, ...) { return f(i, ...) }, with C's bool
  // (zeroext) as the runtime declares the pointer type (abi::SortLessFn).
  const FunctionABI &VABI = getFuncValueABI(Sig);
  SmallVector<llvm::Type *, 4> Params{Ptr};
  for (const lang::Type *P : Sig->getParams())
    Params.push_back(getLLVMType(P));
  auto *Ty = FunctionType::get(I1, Params, false);
  Adapter = Function::Create(Ty, GlobalValue::InternalLinkage,
                             "gm.funcvalue.adapter", M);
  Adapter->addRetAttr(Attribute::ZExt);
  IRGenFunction IGF(*this, Adapter);
  IGF.startSynthetic();
  Value *FuncValue = Adapter->getArg(0);
  SmallVector<Value *, 4> Args{FuncValue};
  for (unsigned I = 1; I < Adapter->arg_size(); ++I)
    Args.push_back(Adapter->getArg(I));
  CallInst *CI;
  if (Known) {
    // The function value is this literal: call its code directly (one
    // indirect call per comparison instead of two), which also lets LLVM
    // inline the comparator into the adapter.
    CI = IGF.B.CreateCall(getFunction(Known), Args);
    addABIAttributes(CI, getABI(Known));
  } else {
    IGF.emitNilCheck(FuncValue);
    Value *Entry = IGF.B.CreateLoad(Ptr, FuncValue, "entry");
    CI = IGF.B.CreateCall(VABI.FnTy, Entry, Args);
    addABIAttributes(CI, VABI);
  }
  IGF.B.CreateRet(CI);
  return Adapter;
}

Value *IRGenFunction::emitFuncLit(const lang::FuncLitExpr *E) {
  const lang::FuncDecl *Lit = E->getFunc();
  Function *Entry = IGM.getFunction(Lit);
  const auto &Captures = Lit->captures();
  if (Captures.empty())
    return IGM.getStaticFuncValue(Entry);
  // closure = { entry, &x, &y, ... }
  setLoc(E->getLoc());
  Value *Closure =
      emitAllocation(E, IGM.Ptr, Captures.size() + 1, true, "closure");
  B.CreateStore(Entry, Closure);
  for (unsigned I = 0, N = Captures.size(); I != N; ++I)
    B.CreateStore(getVarAddr(Captures[I]),
                  B.CreateConstInBoundsGEP1_64(IGM.Ptr, Closure, I + 1));
  return Closure;
}

void IRGenFunction::bindCaptures(const lang::FuncDecl *Lit, Value *Context) {
  const auto &Captures = Lit->captures();
  for (unsigned I = 0, N = Captures.size(); I != N; ++I)
    Locals[Captures[I]] = B.CreateLoad(
        IGM.Ptr, B.CreateConstInBoundsGEP1_64(IGM.Ptr, Context, I + 1),
        Captures[I]->getName() + ".ref");
}

Value *IRGenFunction::emitMethodValue(const SelectorExpr *E) {
  // closure = { M-fm, receiver }
  const lang::FuncDecl *Method = E->getMethod();
  const lang::Type *RecvT = Method->getReceiver()->getType();
  Value *Recv = emitReceiverArg(E, E->getLoc());
  StructType *Ty = IGM.getMethodValueType(Method);
  setLoc(E->getLoc());
  Value *Closure = callRuntime(RuntimeFn::mallocgc,
                               {B.getInt64(IGM.DL.getTypeAllocSize(Ty)),
                                B.getInt1(IGM.hasPointers(RecvT))},
                               "methodvalue");
  B.CreateStore(IGM.getMethodValueWrapper(Method), Closure);
  emitStore(Recv, B.CreateStructGEP(Ty, Closure, 1), RecvT);
  return Closure;
}

Value *IRGenFunction::emitFuncValueCall(const CallExpr *E) {
  // Go evaluates the function value, then the arguments; a nil function
  // value panics only at the call.
  const SignatureType *Sig = E->getSignature();
  Value *FuncValue = emitExpr(E->getCallee());
  const FunctionABI &VABI = IGM.getFuncValueABI(Sig);
  SmallVector<Value *, 8> Args;
  Value *Results = emitResultsSlot(VABI, Args);
  Args.push_back(FuncValue);
  emitCallArgs(E, Sig, Args);
  setLoc(E->getLoc());
  emitNilCheck(FuncValue);
  Value *Entry = B.CreateLoad(IGM.Ptr, FuncValue, "entry");
  return finishCall(B.CreateCall(VABI.FnTy, Entry, Args), VABI, Results, E);
}

Function *IRGenModule::getIfaceMethodWrapper(const lang::Type *IfaceT,
                                             unsigned Index, bool IsExpr) {
  auto *I = cast<lang::InterfaceType>(under(IfaceT));
  auto Key = std::make_tuple(static_cast<const lang::Type *>(I), Index, IsExpr);
  auto It = IfaceMethodWrappers.find(Key);
  if (It != IfaceMethodWrappers.end())
    return It->second;
  const lang::InterfaceMethod &IM = I->getMethods()[Index];
  // A method value's entry takes the method's parameters, its closure
  // holding the interface value; a method expression's takes the interface
  // value first.
  const lang::SignatureType *Sig = IM.Sig;
  if (IsExpr) {
    std::vector<lang::Type *> Params = {
        const_cast<lang::Type *>(IfaceT->getCanonical())};
    for (lang::Type *P : IM.Sig->getParams())
      Params.push_back(P);
    Sig = const_cast<lang::TypeContext &>(CU.getTypes())
              .getSignature(std::move(Params), IM.Sig->getResults(),
                            IM.Sig->isVariadic());
  }
  const FunctionABI &VABI = getFuncValueABI(Sig);
  const FunctionABI &CABI = getIfaceMethodABI(IM.Sig);
  Function *W = createEntryPoint(*this, VABI,
                                 lang::typeString(IfaceT) + "." + IM.Name +
                                     (IsExpr ? "-fv" : "-fm"));
  IfaceMethodWrappers[Key] = W;
  IRGenFunction IGF(*this, W);
  IGF.startSynthetic();
  IRBuilder<> &B = IGF.B;
  unsigned Next = VABI.ContextArg + 1;
  Value *Iface;
  if (IsExpr) {
    Iface = W->getArg(Next++);
  } else {
    StructType *Ty = StructType::get(Ctx, {Ptr, IfaceTy});
    Iface = B.CreateLoad(IfaceTy,
                         B.CreateStructGEP(Ty, W->getArg(VABI.ContextArg), 1));
  }
  Value *Word;
  Value *Callee = IGF.emitItabMethod(Iface, I, Index, Word);
  SmallVector<Value *, 8> Args;
  if (VABI.UsesSRet)
    Args.push_back(W->getArg(0));
  Args.push_back(Word);
  for (unsigned A = Next; A < W->arg_size(); ++A)
    Args.push_back(W->getArg(A));
  CallInst *CI = B.CreateCall(CABI.FnTy, Callee, Args);
  addABIAttributes(CI, CABI);
  if (CI->getType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(CI);
  return W;
}

Value *IRGenFunction::emitInterfaceMethodValue(const SelectorExpr *E) {
  // closure = { I.M-fm, interface value }; a nil interface panics now, as
  // in Go.
  const lang::Type *RT = E->getBase()->getType();
  Value *Iface = emitInterfaceReceiver(E);
  setLoc(E->getLoc());
  emitNilCheck(B.CreateExtractValue(Iface, 0));
  StructType *Ty = StructType::get(IGM.Ctx, {IGM.Ptr, IGM.IfaceTy});
  Value *Closure =
      callRuntime(RuntimeFn::mallocgc,
                  {B.getInt64(IGM.DL.getTypeAllocSize(Ty)), B.getInt1(true)},
                  "methodvalue");
  const lang::Type *IfaceT = RT;
  if (!E->path().empty() || !RT->isInterface())
    IfaceT = E->getInterface();
  B.CreateStore(IGM.getIfaceMethodWrapper(IfaceT, E->getMethodIndex(), false),
                Closure);
  B.CreateStore(Iface, B.CreateStructGEP(Ty, Closure, 1));
  return Closure;
}
