//===- IRGenDefer.cpp - defer, unwinding panics and recover ---------------===//
//
// A function with defer statements keeps its pending deferred calls in a
// list, newest first, headed by a stack slot:
//
//   record = { ptr call, ptr next, <function value or receiver>, <args> }
//
// Everything the defer statement evaluates is stored in the record, and the
// record is itself a funcval: `call` (main.f.defercall1, ...) loads it back
// and makes the call. A record outside loops is an alloca: like Go's
// open-coded defers, such a defer allocates nothing. Inside a loop each
// execution allocates its record on the GC heap.
//
// Every return stores its results in the result variables and branches to
// one block that pops and calls the records, then returns the result
// variables: deferred closures may change named results.
//
// A panic is a foreign exception raised by the runtime (Core/Panic.cpp).
// Every call of such a function that may unwind becomes an invoke, whose
// landing pad catches the panic (catch-all), pops and calls the records,
// arming each call for recover(), and either returns normally (a deferred
// call recovered) or raises the panic again for the next frame with defers:
//
//   panic.landing: %exc = landingpad catch null; panicland(%exc, handling)
//   panic.loop:    rec = pop; armrecover(rec.call); invoke rec.call(nest rec)
//                  panicrecovered(%exc) ? deferreturn : panic.loop
//   panic.rethrow: continuepanic(%exc)
//
// recover() stops a panic only in the deferred function itself: a function
// that calls recover asks at entry (canrecover) whether it is the armed
// entry point; gmc's thunks and wrappers pass the arming on to the function
// they call.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "llvm/IR/Constants.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

/// Offsets of the record's fixed fields (the record is a funcval).
enum : unsigned { RecordCall = 0, RecordNext = 1, RecordFirstValue = 2 };

void IRGenFunction::beginDefers() {
  DeferHead = createTemp(IGM.Ptr, "defers");
  HandlingPanic = createTemp(IGM.Ptr, "handling");
  B.CreateStore(ConstantPointerNull::get(IGM.Ptr), DeferHead);
  B.CreateStore(ConstantPointerNull::get(IGM.Ptr), HandlingPanic);
  DeferReturnBB = newBlock("deferreturn");
}

/// Passes the recover() arming of a call of From on to To, if To itself
/// calls recover.
static void forwardRecover(IRGenFunction &IGF, Function *From, Value *To) {
  IGF.callRuntime(RuntimeFn::forwardrecover, {From, To});
}

SuspendedCall
IRGenFunction::emitSuspendedCallOperands(const lang::CallStmt *S) {
  const CallExpr *C = S->getCall();
  const SignatureType *Sig = C->getSignature();
  setLoc(S->getLoc());
  // What the call needs, evaluated now as Go does: the function value or
  // the receiver, then the arguments as the callee takes them.
  SuspendedCall SC;
  SC.ThroughValue = C->getCallKind() == CallExpr::FuncValue;
  if (C->getCallKind() == CallExpr::Function) {
    SC.Target = C->getFunc();
  } else if (C->getCallKind() == CallExpr::Method) {
    auto *Sel = cast<SelectorExpr>(skipParens(C->getCallee()));
    SC.Target = Sel->getMethod();
    SC.Vals.push_back(emitReceiverArg(Sel, C->getLoc()));
    SC.Types.push_back(SC.Target->getReceiver()->getType());
  } else if (SC.ThroughValue) {
    const Expr *Callee = skipParens(C->getCallee());
    if (auto *Lit = dyn_cast<lang::FuncLitExpr>(Callee))
      SC.Target = Lit->getFunc();
    SC.Vals.push_back(emitExpr(Callee));
    SC.Types.push_back(Callee->getType());
  } else {
    internalError("defer or go of an unwrapped builtin or package call");
  }
  SmallVector<Value *, 8> Args;
  emitCallArgs(C, Sig, Args);
  for (unsigned I = 0; I < Args.size(); ++I) {
    SC.Vals.push_back(Args[I]);
    SC.Types.push_back(Sig->getParams()[I]);
  }
  return SC;
}

void IRGenFunction::emitDefer(const lang::DeferStmt *S) {
  SuspendedCall SC = emitSuspendedCallOperands(S);
  // The record, linked in front of the list.
  SmallVector<llvm::Type *, 8> Fields{IGM.Ptr, IGM.Ptr};
  for (const lang::Type *T : SC.Types)
    Fields.push_back(IGM.getLLVMType(T));
  StructType *RecTy = StructType::get(IGM.Ctx, Fields);
  Value *Rec;
  // A backward goto can run a defer statement again, as a loop does.
  if (S->isInLoop() || FD->hasGoto())
    Rec = callRuntime(
        RuntimeFn::mallocgc,
        {B.getInt64(IGM.DL.getTypeAllocSize(RecTy)), B.getInt1(true)}, "defer");
  else
    Rec = createTemp(RecTy, "defer");
  Function *Call =
      emitSuspendedCallThunk(Fn->getName() + ".defercall" + Twine(++NumDefers),
                             RecTy, RecordFirstValue, SC, /*ForDefer=*/true);
  B.CreateStore(Call, B.CreateStructGEP(RecTy, Rec, RecordCall));
  for (unsigned I = 0; I < SC.Vals.size(); ++I)
    emitStore(SC.Vals[I], B.CreateStructGEP(RecTy, Rec, RecordFirstValue + I),
              SC.Types[I]);
  B.CreateStore(B.CreateLoad(IGM.Ptr, DeferHead),
                B.CreateStructGEP(RecTy, Rec, RecordNext));
  B.CreateStore(Rec, DeferHead);
}

Function *IRGenFunction::emitSuspendedCallThunk(const Twine &Name,
                                                StructType *RecTy,
                                                unsigned FirstField,
                                                const SuspendedCall &SC,
                                                bool ForDefer) {
  auto *Ty =
      FunctionType::get(llvm::Type::getVoidTy(IGM.Ctx), {IGM.Ptr}, false);
  Function *Call =
      Function::Create(Ty, GlobalValue::InternalLinkage, Name, IGM.M);
  // A defer record is called as a funcval (nest); a goroutine's thunk by
  // the runtime, as a C function (abi::GoroutineFn).
  if (ForDefer)
    Call->addParamAttr(0, Attribute::Nest);
  IRGenFunction G(IGM, Call);
  G.startSynthetic();
  Value *Rec = Call->getArg(0);
  SmallVector<Value *, 8> Vals;
  for (unsigned I = 0; I < SC.Types.size(); ++I) {
    Value *V = G.emitLoad(G.B.CreateStructGEP(RecTy, Rec, FirstField + I),
                          SC.Types[I]);
    // The callee owns aggregate arguments: each call gets a copy.
    Vals.push_back(G.emitCopyToTemp(V, SC.Types[I]));
  }
  const FunctionABI *ABI;
  Value *Callee;
  SmallVector<Value *, 8> Args;
  // recover() in a goroutine's function recovers nothing: only a deferred
  // call is armed.
  if (SC.ThroughValue) {
    // A nil function value panics here, when it is called, as in Go.
    Value *FuncValue = Vals[0];
    G.emitNilCheck(FuncValue);
    Callee = G.B.CreateLoad(IGM.Ptr, FuncValue, "entry");
    ABI = &IGM.getFuncValueABI(
        cast<lang::SignatureType>(SC.Types[0]->getUnderlying()));
    if (ForDefer && (!SC.Target || SC.Target->callsRecover()))
      forwardRecover(G, Call, Callee);
  } else {
    Callee = IGM.getFunction(SC.Target);
    ABI = &IGM.getABI(SC.Target);
    if (ForDefer && SC.Target->callsRecover())
      forwardRecover(G, Call, Callee);
  }
  G.emitResultsSlot(*ABI, Args);
  Args.append(Vals.begin(), Vals.end());
  CallInst *CI = G.B.CreateCall(ABI->FnTy, Callee, Args);
  IGM.addABIAttributes(CI, *ABI);
  G.B.CreateRetVoid();
  return Call;
}

/// Pops the newest record into Rec and calls it; returns the call.
static CallInst *emitPopAndCall(IRGenFunction &IGF, Value *DeferHead,
                                BasicBlock *Empty, BasicBlock *&Cont,
                                bool Arm) {
  IRBuilder<> &B = IGF.B;
  IRGenModule &IGM = IGF.IGM;
  Value *Rec = B.CreateLoad(IGM.Ptr, DeferHead, "rec");
  BasicBlock *Call = IGF.newBlock("defer.call");
  B.CreateCondBr(B.CreateIsNull(Rec), Empty, Call);
  IGF.emitBlock(Call);
  B.CreateStore(B.CreateLoad(IGM.Ptr, B.CreateConstInBoundsGEP1_64(IGM.Ptr, Rec,
                                                                   RecordNext)),
                DeferHead);
  Value *Entry = B.CreateLoad(IGM.Ptr, Rec, "defer.entry");
  if (Arm)
    IGF.callRuntime(RuntimeFn::armrecover, {Entry});
  CallInst *CI = B.CreateCall(
      FunctionType::get(llvm::Type::getVoidTy(IGM.Ctx), {IGM.Ptr}, false),
      Entry, {Rec});
  CI->addParamAttr(0, Attribute::Nest);
  Cont = B.GetInsertBlock();
  return CI;
}

void IRGenFunction::finishDefers() {
  SMLoc End = FD->getBody()->getRBraceLoc();
  // deferreturn: run the records, then return the result variables.
  emitBlock(DeferReturnBB);
  setLoc(End);
  BasicBlock *Loop = newBlock("deferreturn.loop");
  BasicBlock *Ret = newBlock("deferreturn.ret");
  B.CreateBr(Loop);
  emitBlock(Loop);
  BasicBlock *Cont;
  emitPopAndCall(*this, DeferHead, Ret, Cont, /*Arm=*/false);
  B.CreateBr(Loop);
  emitBlock(Ret);
  SmallVector<Value *, 4> Vals;
  SmallVector<const lang::Type *, 4> Types;
  lang::TupleType *RT = FD->getSignature()->getResults();
  for (unsigned I = 0; I < ResultAddrs.size(); ++I) {
    Vals.push_back(emitLoad(ResultAddrs[I], RT->getElement(I)));
    Types.push_back(RT->getElement(I));
  }
  emitReturnValues(Vals, Types);

  // The landing pad.
  BasicBlock *Landing = newBlock("panic.landing");
  emitBlock(Landing);
  setLoc(End);
  auto *LPTy = StructType::get(IGM.Ptr, IGM.I32);
  LandingPadInst *LP = B.CreateLandingPad(LPTy, 1, "lp");
  LP->addClause(ConstantPointerNull::get(IGM.Ptr)); // catch (...)
  Value *Exc = B.CreateExtractValue(LP, 0, "exc");
  callRuntime(RuntimeFn::panicland,
              {Exc, B.CreateLoad(IGM.Ptr, HandlingPanic)});
  B.CreateStore(Exc, HandlingPanic);
  BasicBlock *PanicLoop = newBlock("panic.loop");
  BasicBlock *Rethrow = newBlock("panic.rethrow");
  BasicBlock *Recovered = newBlock("panic.recovered");
  B.CreateBr(PanicLoop);
  emitBlock(PanicLoop);
  emitPopAndCall(*this, DeferHead, Rethrow, Cont, /*Arm=*/true);
  Value *Done = callRuntime(RuntimeFn::panicrecovered, {Exc}, "recovered");
  B.CreateCondBr(Done, Recovered, PanicLoop);
  emitBlock(Recovered);
  B.CreateStore(ConstantPointerNull::get(IGM.Ptr), HandlingPanic);
  B.CreateBr(Loop);
  emitBlock(Rethrow);
  CallInst *Raise = callRuntime(RuntimeFn::continuepanic, {Exc});
  B.CreateUnreachable();

  // Every call that may unwind lands in the pad, the deferred calls
  // included (a panic in one still runs the others); the rethrow leaves.
  SmallVector<CallInst *, 32> MayUnwind;
  for (BasicBlock &BB : *Fn)
    for (Instruction &I : BB)
      if (auto *CI = dyn_cast<CallInst>(&I))
        if (CI != Raise && !CI->doesNotThrow() && !CI->isInlineAsm())
          MayUnwind.push_back(CI);
  for (CallInst *CI : MayUnwind)
    changeToInvokeAndSplitBasicBlock(CI, Landing);
  Fn->setPersonalityFn(IGM.getPersonality());
}
