//===- IRGenChan.cpp - channels, go statements and select -----------------===//
//
// Every channel operation is a call into the runtime's scheduler
// (runtime/lib/Sched, Go's chan.go and select.go), which copies elements
// through memory: a value to send is stored in a temporary whose address
// the runtime reads, and a received value is written by the runtime into a
// temporary the compiler then loads. A channel value is a pointer to the
// runtime's abi::HChan (null for the nil channel).
//
//   make(chan T, n)   c = runtime.makechan(&type.chan T, n)
//   c <- v            tmp = v; runtime.chansend1(c, &tmp)
//   v := <-c          runtime.chanrecv1(c, &tmp); v = tmp
//   v, ok := <-c      ok = runtime.chanrecv2(c, &tmp); v = tmp
//   <-c               runtime.chanrecv1(c, nil)
//   close(c)          runtime.closechan(c)
//   len(c), cap(c)    runtime.chanlen(c), runtime.chancap(c)
//
// `go f(x, y)` evaluates f (or the receiver) and the arguments exactly as
// defer does (IRGenDefer.cpp, emitSuspendedCallOperands) into a record on
// the GC heap, and starts a goroutine running a thunk that loads them and
// makes the call:
//
//   rec = mallocgc(sizeof {f, x, y}); rec.f = f; rec.x = x; rec.y = y
//   runtime.newproc(main.main.gocall1, rec)
//
// A select is one runtime.selectgo call over a stack array of
// abi::SelectCase, the send cases first (in source order), then the
// receive cases; channels and values to send are evaluated in source order
// on entry, as Go's spec requires. The chosen index selects the clause:
//
//   cases[i] = {c, &tmp_i} ...
//   {idx, ok} = runtime.selectgo(cases, nsends, nrecvs, block = !default)
//   switch idx { case -1: default; case i: v = tmp_i; body_i }
//
// `select {}` is runtime.block(), which never returns.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

static const lang::ChanType *chanTypeOf(const Expr *E) {
  return cast<lang::ChanType>(E->getType()->getUnderlying());
}

Value *IRGenFunction::emitMakeChan(const CallExpr *E) {
  const auto &Args = E->args();
  Value *Size = Args.size() > 1
                    ? indexToI64(emitExpr(Args[1]), Args[1]->getType())
                    : B.getInt64(0);
  setLoc(E->getLoc());
  // The runtime checks the size (Go's "makechan: size out of range").
  return callRuntime(RuntimeFn::makechan,
                     {IGM.getTypeDesc(E->getTypeArg()), Size}, "chan");
}

void IRGenFunction::emitChanRecvInto(const UnaryExpr *E, Value *Dst,
                                     Value **Ok) {
  Value *Ch = emitExpr(E->getOperand());
  setLoc(E->getLoc());
  if (!Dst)
    Dst = ConstantPointerNull::get(IGM.Ptr);
  if (Ok)
    *Ok = callRuntime(RuntimeFn::chanrecv2, {Ch, Dst}, "recvok");
  else
    callRuntime(RuntimeFn::chanrecv1, {Ch, Dst});
}

Value *IRGenFunction::emitChanRecv(const UnaryExpr *E, Value **Ok) {
  const lang::Type *ET = chanTypeOf(E->getOperand())->getElement();
  AllocaInst *Tmp = createTemp(ET, "recv");
  emitChanRecvInto(E, Tmp, Ok);
  return emitLoad(Tmp, ET, "recv.val");
}

void IRGenFunction::emitSend(const lang::SendStmt *S) {
  // The channel, then the value, as Go evaluates them.
  Value *Ch = emitExpr(S->getChan());
  const lang::Type *ET = chanTypeOf(S->getChan())->getElement();
  Value *V = emitExpr(S->getValue());
  AllocaInst *Tmp = createTemp(ET, "send");
  emitStore(V, Tmp, ET);
  setLoc(S->getLoc());
  callRuntime(RuntimeFn::chansend1, {Ch, Tmp});
}

void IRGenFunction::emitGo(const lang::GoStmt *S) {
  SuspendedCall SC = emitSuspendedCallOperands(S);
  SmallVector<llvm::Type *, 8> Fields;
  for (const lang::Type *T : SC.Types)
    Fields.push_back(IGM.getLLVMType(T));
  StructType *RecTy = StructType::get(IGM.Ctx, Fields);
  setLoc(S->getLoc());
  // The record outlives this frame: always on the heap.
  Value *Rec = ConstantPointerNull::get(IGM.Ptr);
  if (!Fields.empty())
    Rec = callRuntime(
        RuntimeFn::mallocgc,
        {B.getInt64(IGM.DL.getTypeAllocSize(RecTy)), B.getInt1(true)}, "go");
  for (unsigned I = 0; I < SC.Vals.size(); ++I)
    emitStore(SC.Vals[I], B.CreateStructGEP(RecTy, Rec, I), SC.Types[I]);
  Function *Thunk =
      emitSuspendedCallThunk(Fn->getName() + ".gocall" + Twine(++NumGos), RecTy,
                             0, SC, /*ForDefer=*/false);
  setLoc(S->getLoc());
  callRuntime(RuntimeFn::newproc, {Thunk, Rec});
}

namespace {
/// One clause of a select as lowered: its slot in the case array, and for
/// a receive the temporary the runtime writes the value into.
struct SelectSlot {
  unsigned Index = 0;
  AllocaInst *Tmp = nullptr;
};
} // namespace

static bool isBlank(const Expr *E) {
  auto *Id = dyn_cast<IdentExpr>(skipParens(E));
  return Id && Id->isBlank();
}

/// Whether the receive clause C stores its value anywhere (else the runtime
/// gets a null destination).
static bool recvValueUsed(const lang::CommClause &C) {
  auto *A = dyn_cast<AssignStmt>(C.Comm);
  if (!A || A->lhs().empty())
    return false;
  return !isBlank(A->lhs()[0]);
}

void IRGenFunction::emitSelect(const lang::SelectStmt *S) {
  const auto &Clauses = S->clauses();
  setLoc(S->getLoc());
  if (Clauses.empty()) {
    // select {}: blocks this goroutine forever.
    callRuntime(RuntimeFn::block, {});
    B.CreateUnreachable();
    return;
  }
  unsigned NSends = 0, NRecvs = 0;
  bool HasDefault = false;
  for (const lang::CommClause &C : Clauses) {
    if (C.isDefault())
      HasDefault = true;
    else if (C.getSend())
      ++NSends;
    else
      ++NRecvs;
  }
  // The case array: sends first, then receives, each in source order.
  auto *CaseTy = StructType::get(IGM.Ptr, IGM.Ptr); // abi::SelectCase
  static_assert(sizeof(abi::SelectCase) == 16, "SelectCase is { ptr, ptr }");
  unsigned N = NSends + NRecvs;
  AllocaInst *Cases =
      N ? createTemp(ArrayType::get(CaseTy, N), "select.cases") : nullptr;
  SmallVector<SelectSlot, 8> Slots(Clauses.size());
  unsigned NextSend = 0, NextRecv = NSends;
  for (unsigned I = 0; I < Clauses.size(); ++I) {
    const lang::CommClause &C = Clauses[I];
    if (C.isDefault())
      continue;
    Value *Ch, *Elem;
    if (const lang::SendStmt *Snd = C.getSend()) {
      Slots[I].Index = NextSend++;
      Ch = emitExpr(Snd->getChan());
      const lang::Type *ET = chanTypeOf(Snd->getChan())->getElement();
      Value *V = emitExpr(Snd->getValue());
      AllocaInst *Tmp = createTemp(ET, "select.send");
      emitStore(V, Tmp, ET);
      Elem = Tmp;
    } else {
      const UnaryExpr *R = C.getRecv();
      Slots[I].Index = NextRecv++;
      Ch = emitExpr(R->getOperand());
      Elem = ConstantPointerNull::get(IGM.Ptr);
      if (recvValueUsed(C)) {
        Slots[I].Tmp = createTemp(chanTypeOf(R->getOperand())->getElement(),
                                  "select.recv");
        Elem = Slots[I].Tmp;
      }
    }
    Value *Slot = B.CreateConstInBoundsGEP2_32(ArrayType::get(CaseTy, N), Cases,
                                               0, Slots[I].Index);
    B.CreateStore(Ch, B.CreateStructGEP(CaseTy, Slot, 0));
    B.CreateStore(Elem, B.CreateStructGEP(CaseTy, Slot, 1));
  }
  setLoc(S->getLoc());
  Value *CasesPtr =
      Cases ? static_cast<Value *>(Cases) : ConstantPointerNull::get(IGM.Ptr);
  Value *Res = callRuntime(RuntimeFn::selectgo,
                           {CasesPtr, B.getInt64(NSends), B.getInt64(NRecvs),
                            B.getInt1(!HasDefault)},
                           "select");
  Value *Idx = B.CreateExtractValue(Res, 0, "select.idx");
  Value *RecvOK =
      B.CreateICmpNE(B.CreateExtractValue(Res, 1), B.getInt8(0), "select.ok");

  BasicBlock *End = newBlock("select.end");
  BreakTargets[S] = End;
  BasicBlock *NoCase = newBlock("select.none");
  SwitchInst *Sw = B.CreateSwitch(Idx, NoCase, Clauses.size());
  emitBlock(NoCase);
  B.CreateUnreachable(); // selectgo returns a case index, or -1 for default
  for (unsigned I = 0; I < Clauses.size(); ++I) {
    const lang::CommClause &C = Clauses[I];
    BasicBlock *BB = newBlock(C.isDefault() ? "select.default"
                              : C.getSend() ? "select.send"
                                            : "select.recv");
    Sw->addCase(ConstantInt::getSigned(
                    IGM.I64, C.isDefault() ? -1 : int64_t(Slots[I].Index)),
                BB);
    emitBlock(BB);
    setLoc(C.Loc);
    if (auto *A = dyn_cast_or_null<AssignStmt>(C.Comm)) {
      // v := <-c, v, ok = <-c: the targets are evaluated now, once the
      // case is chosen, and assigned left to right.
      const lang::Type *ET =
          chanTypeOf(C.getRecv()->getOperand())->getElement();
      for (unsigned J = 0; J < A->lhs().size(); ++J) {
        const Expr *L = A->lhs()[J];
        if (isBlank(L))
          continue;
        Value *V = J == 0 ? emitLoad(Slots[I].Tmp, ET) : RecvOK;
        const lang::Type *VT = J == 0 ? ET : L->getType();
        const VarDecl *NewVar = A->isDefine() && J < A->newVars().size()
                                    ? A->newVars()[J]
                                    : nullptr;
        Value *Addr = NewVar ? createVar(NewVar) : emitAddr(L);
        if (J == 0)
          V = emitAssignConvert(emitCopyToTemp(V, ET), ET, L->getType());
        emitStore(V, Addr, J == 0 ? L->getType() : VT);
      }
    }
    for (const Stmt *St : C.Body)
      emitStmt(St);
    if (!isTerminated())
      B.CreateBr(End);
  }
  emitBlock(End);
}
