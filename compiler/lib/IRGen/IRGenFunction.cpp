//===- IRGenFunction.cpp - Prologue, epilogue, checks, runtime calls ------===//
//
// A gm function becomes:
//
//   define <ret> @main.f(ptr sret(%results)?, <recv>?, <params>...) {
//   entry:
//     %x = alloca T        ; every non-escaping local, param and result
//     ...                  ; params stored into their slots; escaping ones
//                          ; (address taken) live in runtime.mallocgc memory
//     <body>
//   }
//
// Run-time checks branch to a cold block that calls a noreturn runtime
// function (panicIndex, panicmem, panicdivide, ...), as Go's SSA backend
// does.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "DebugInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

IRGenFunction::IRGenFunction(IRGenModule &IGM, Function *Fn)
    : IGM(IGM), Fn(Fn), B(IGM.Ctx) {}

BasicBlock *IRGenFunction::newBlock(const Twine &Name) {
  return BasicBlock::Create(IGM.Ctx, Name);
}

void IRGenFunction::emitBlock(BasicBlock *BB) {
  BasicBlock *Cur = B.GetInsertBlock();
  if (Cur && !Cur->getTerminator())
    B.CreateBr(BB);
  BB->insertInto(Fn);
  B.SetInsertPoint(BB);
}

bool IRGenFunction::isTerminated() const {
  BasicBlock *Cur = B.GetInsertBlock();
  return !Cur || Cur->getTerminator();
}

AllocaInst *IRGenFunction::createTemp(Type *Ty, const Twine &Name) {
  IRBuilder<> TB(EntryBB, EntryBB->begin());
  AllocaInst *AI = TB.CreateAlloca(Ty, nullptr, Name);
  return AI;
}

AllocaInst *IRGenFunction::createTemp(const lang::Type *T, const Twine &Name) {
  AllocaInst *AI = createTemp(IGM.getLLVMType(T), Name);
  return AI;
}

void IRGenFunction::setLoc(SMLoc L) {
  if (!L.isValid())
    return;
  if (DISubprogram *SP = Fn->getSubprogram())
    B.SetCurrentDebugLocation(IGM.DI->getLocation(L, SP));
}

Value *IRGenFunction::createVar(const lang::VarDecl *VD) {
  const lang::Type *T = VD->getType();
  Value *Addr;
  if (VD->needsHeap()) {
    // The variable outlives the frame: p = runtime.mallocgc(size, ptrs)
    Addr = emitNew(T);
    if (IGM.DI->isFull() && Fn->getSubprogram()) {
      AllocaInst *Slot = createTemp(IGM.Ptr, VD->getName() + ".addr");
      B.CreateStore(Addr, Slot);
      IGM.DI->declareVariable(B, Slot, VD, Fn->getSubprogram(), 0, true);
    }
  } else {
    Addr = createTemp(T, VD->getName());
    emitZero(Addr, T);
    if (IGM.DI->isFull() && Fn->getSubprogram())
      IGM.DI->declareVariable(B, Addr, VD, Fn->getSubprogram(), 0, false);
  }
  Locals[VD] = Addr;
  return Addr;
}

Value *IRGenFunction::declareLoopVar(const lang::VarDecl *VD) {
  Value *Addr = createVar(VD);
  makePerIteration(VD);
  return Addr;
}

bool IRGenFunction::makePerIteration(const lang::VarDecl *VD) {
  // A variable that does not escape is never seen by two iterations at
  // once: one slot serves them all.
  if (!VD->needsHeap())
    return false;
  AllocaInst *Slot = createTemp(IGM.Ptr, VD->getName() + ".cell");
  B.CreateStore(getVarAddr(VD), Slot);
  VarSlots[VD] = Slot;
  Locals.erase(VD);
  return true;
}

Value *IRGenFunction::iterationVarAddr(const lang::VarDecl *VD) {
  auto It = VarSlots.find(VD);
  if (It == VarSlots.end())
    return getVarAddr(VD);
  Value *Fresh = emitNew(VD->getType());
  B.CreateStore(Fresh, It->second);
  return Fresh;
}

void IRGenFunction::renewLoopVar(const lang::VarDecl *VD) {
  auto It = VarSlots.find(VD);
  if (It == VarSlots.end())
    return;
  const lang::Type *T = VD->getType();
  Value *Old = B.CreateLoad(IGM.Ptr, It->second);
  Value *Fresh = emitNew(T);
  emitStore(emitLoad(Old, T), Fresh, T);
  B.CreateStore(Fresh, It->second);
}

Value *IRGenFunction::getVarAddr(const lang::VarDecl *VD) {
  if (VD->getVarKind() == lang::VarDecl::Global)
    return IGM.getGlobal(VD);
  auto Slot = VarSlots.find(VD);
  if (Slot != VarSlots.end())
    return B.CreateLoad(IGM.Ptr, Slot->second, VD->getName() + ".addr");
  auto It = Locals.find(VD);
  if (It == Locals.end())
    internalError("use of variable '" + VD->getName() +
                  "' before its declaration");
  return It->second;
}

void IRGenFunction::emitStore(Value *V, Value *Addr, const lang::Type *T) {
  if (IGM.isAggregate(T)) {
    if (V == Addr)
      return;
    uint64_t Size = IGM.getSize(T);
    if (Size)
      B.CreateMemMove(Addr, MaybeAlign(IGM.getAlign(T)), V,
                      MaybeAlign(IGM.getAlign(T)), Size);
    return;
  }
  B.CreateStore(V, Addr);
}

Value *IRGenFunction::emitLoad(Value *Addr, const lang::Type *T,
                               const Twine &Name) {
  if (IGM.isAggregate(T))
    return Addr;
  return B.CreateLoad(IGM.getLLVMType(T), Addr, Name);
}

Value *IRGenFunction::emitCopyToTemp(Value *V, const lang::Type *T) {
  if (!IGM.isAggregate(T))
    return V;
  AllocaInst *Tmp = createTemp(T, "agg.tmp");
  uint64_t Size = IGM.getSize(T);
  if (Size)
    B.CreateMemCpy(Tmp, MaybeAlign(IGM.getAlign(T)), V,
                   MaybeAlign(IGM.getAlign(T)), Size);
  return Tmp;
}

void IRGenFunction::emitZero(Value *Addr, const lang::Type *T) {
  if (IGM.isAggregate(T)) {
    uint64_t Size = IGM.getSize(T);
    if (Size)
      B.CreateMemSet(Addr, B.getInt8(0), Size, MaybeAlign(IGM.getAlign(T)));
    return;
  }
  B.CreateStore(IGM.getZero(T), Addr);
}

CallInst *IRGenFunction::callRuntime(RuntimeFn F, ArrayRef<Value *> Args,
                                     const Twine &Name) {
  Function *Callee = IGM.Runtime.get(F);
  CallInst *CI = B.CreateCall(Callee, Args, Name);
  // The declaration carries the attributes; repeat only the ABI-relevant
  // zeroext of bool parameters and results at the call, as clang does.
  for (unsigned I = 0, E = Args.size(); I != E; ++I)
    if (Callee->hasParamAttribute(I, Attribute::ZExt))
      CI->addParamAttr(I, Attribute::ZExt);
  if (Callee->hasRetAttribute(Attribute::ZExt))
    CI->addRetAttr(Attribute::ZExt);
  return CI;
}

Value *IRGenFunction::emitNew(const lang::Type *T) {
  // p = runtime.mallocgc(sizeof(T), hasPointers(T))   ; zeroed memory
  return emitAllocation(/*Site=*/nullptr, IGM.getLLVMType(T), 1,
                        IGM.hasPointers(T), "new");
}

Value *IRGenFunction::emitAllocation(const lang::Expr *Site, llvm::Type *Ty,
                                     uint64_t Count, bool HasPointers,
                                     const Twine &Name) {
  uint64_t Size = IGM.DL.getTypeAllocSize(Ty) * Count;
  if (Site && Site->isNonEscaping() && Size <= MaxFrameAllocation) {
    // Escape analysis keeps it in the frame: a slot in the entry block
    // (reused by each iteration of a loop: nothing outlives one), zeroed
    // here as mallocgc's memory would be.
    AllocaInst *Slot = createTemp(Count == 1 ? Ty : ArrayType::get(Ty, Count),
                                  Name + ".stack");
    B.CreateMemSet(Slot, B.getInt8(0), B.getInt64(Size), Slot->getAlign());
    return Slot;
  }
  return callRuntime(RuntimeFn::mallocgc,
                     {B.getInt64(Size ? Size : 1), B.getInt1(HasPointers)},
                     Name);
}

void IRGenFunction::emitPanicIf(Value *Cond, RuntimeFn F,
                                ArrayRef<Value *> Args) {
  if (auto *C = dyn_cast<ConstantInt>(Cond))
    if (C->isZero())
      return;
  BasicBlock *Panic = newBlock("panic");
  BasicBlock *Cont = newBlock("cont");
  MDBuilder MDB(IGM.Ctx);
  B.CreateCondBr(Cond, Panic, Cont, MDB.createUnlikelyBranchWeights());
  Panic->insertInto(Fn);
  B.SetInsertPoint(Panic);
  callRuntime(F, Args);
  B.CreateUnreachable();
  Cont->insertInto(Fn);
  B.SetInsertPoint(Cont);
}

void IRGenFunction::emitNilCheck(Value *P) {
  // if p == nil { runtime.panicmem() }
  emitPanicIf(B.CreateICmpEQ(P, ConstantPointerNull::get(IGM.Ptr), "isnil"),
              RuntimeFn::panicmem);
}

void IRGenFunction::emitBoundsCheck(Value *I, Value *Len, bool IndexSigned) {
  // if uint(i) >= uint(len) { runtime.panicIndex(i, len) }
  // (one unsigned compare also catches negative indices)
  emitPanicIf(B.CreateICmpUGE(I, Len, "oob"), RuntimeFn::panicIndex, {I, Len});
}

void IRGenFunction::emitValueMethodNilCheck(Value *P,
                                            const lang::FuncDecl *Method) {
  // Go's (*T).M wrapper of a value method refuses a nil pointer.
  std::string Msg =
      ("value method " + IGM.getSymbolName(Method) + " called using nil *" +
       Method->getReceiverBase()->getName() + " pointer")
          .str();
  Constant *S = IGM.getString(Msg);
  emitPanicIf(B.CreateIsNull(P), RuntimeFn::panicwrap,
              {S->getAggregateElement(0u), S->getAggregateElement(1u)});
}

Value *IRGenFunction::indexToI64(Value *V, const lang::Type *T) {
  if (V->getType() == IGM.I64)
    return V;
  return IGM.isSigned(T) ? B.CreateSExt(V, IGM.I64) : B.CreateZExt(V, IGM.I64);
}

void IRGenFunction::startSynthetic() {
  EntryBB = BasicBlock::Create(IGM.Ctx, "entry", Fn);
  B.SetInsertPoint(EntryBB);
  if (Fn->getSubprogram() && FD == nullptr)
    B.SetCurrentDebugLocation(DILocation::get(
        IGM.Ctx, Fn->getSubprogram()->getLine(), 0, Fn->getSubprogram()));
}

void IRGenFunction::finishSynthetic() {
  if (!isTerminated())
    B.CreateRetVoid();
}

void IRGenFunction::emitFunction(const lang::FuncDecl *D) {
  FD = D;
  ABI = &IGM.getABI(D);
  std::string Name = D->getName().str();
  if (D->isMethod())
    Name = D->getQualifiedName();
  DISubprogram *SP = IGM.DI->createFunction(Fn, D, Name, D->getLoc(), false);
  EntryBB = BasicBlock::Create(IGM.Ctx, "entry", Fn);
  B.SetInsertPoint(EntryBB);
  B.SetCurrentDebugLocation(DILocation::get(IGM.Ctx, SP->getLine(), 0, SP));

  if (D->hasDefer())
    beginDefers();
  if (D->callsRecover())
    CanRecover = D->isDeferWrapper()
                     ? static_cast<Value *>(B.getFalse())
                     : callRuntime(RuntimeFn::canrecover, {Fn}, "canrecover");
  unsigned ArgIdx = 0, DIArg = 1;
  if (ABI->UsesSRet)
    SRetPtr = Fn->getArg(ArgIdx++);
  if (ABI->HasContext) {
    Argument *Context = Fn->getArg(ArgIdx++);
    Context->setName("closure");
    bindCaptures(D, Context);
  }
  auto bindParam = [&](const lang::VarDecl *P) {
    Argument *A = Fn->getArg(ArgIdx++);
    if (!P || P->getName().empty() || P->getName() == "_") {
      ++DIArg;
      return;
    }
    A->setName(P->getName());
    const lang::Type *T = P->getType();
    Value *Addr;
    if (P->needsHeap()) {
      Addr = emitNew(T);
    } else {
      Addr = createTemp(T, P->getName() + ".addr");
    }
    emitStore(A, Addr, T);
    Locals[P] = Addr;
    if (IGM.DI->isFull()) {
      if (P->needsHeap()) {
        AllocaInst *Slot = createTemp(IGM.Ptr, P->getName() + ".ref");
        B.CreateStore(Addr, Slot);
        IGM.DI->declareVariable(B, Slot, P, SP, DIArg, true);
      } else {
        IGM.DI->declareVariable(B, Addr, P, SP, DIArg, false);
      }
    }
    ++DIArg;
  };
  if (D->isMethod())
    bindParam(D->getReceiver());
  for (const lang::VarDecl *P : D->params())
    bindParam(P);
  for (const lang::VarDecl *R : D->results())
    ResultAddrs.push_back(createVar(R));

  emitBlockStmt(D->getBody());

  if (!isTerminated()) {
    if (!D->results().empty())
      B.CreateUnreachable();
    else if (DeferHead)
      B.CreateBr(DeferReturnBB);
    else
      B.CreateRetVoid();
  }
  // Blocks that ended up without predecessors and terminators (code after
  // return/break) are closed with unreachable.
  for (BasicBlock &BB : *Fn)
    if (!BB.getTerminator()) {
      IRBuilder<> TB(&BB);
      TB.CreateUnreachable();
    }
  if (DeferHead)
    finishDefers();
}
