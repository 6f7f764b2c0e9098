//===- IRGenAtomic.cpp - sync/atomic as LLVM atomics ----------------------===//
//
// The functions of sync/atomic are declared without bodies in gm's library
// (runtime/std/sync/atomic), and the runtime defines them, but a call there
// for every Mutex.Lock would cost more than the lock itself. As Go's compiler
// treats them as intrinsics, gmc gives them bodies of single LLVM atomic
// instructions, internal to the module, which LLVM inlines at every call:
//
//   AddT(p, d)                  atomicrmw add p, d seq_cst; result old + d
//   LoadT(p)                    load atomic seq_cst
//   StoreT(p, v)                store atomic seq_cst
//   SwapT(p, v)                 atomicrmw xchg p, v seq_cst
//   CompareAndSwapT(p, o, n)    cmpxchg p, o, n seq_cst seq_cst; success bit
//
// for T in Int32, Int64, Uint32, Uint64. Under -race, ThreadSanitizer sees
// these atomics as it sees C++'s, as synchronization.
//
//===----------------------------------------------------------------------===//

#include "IRGenModule.h"

#include "llvm/IR/IRBuilder.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

bool IRGenModule::emitAtomicIntrinsic(const lang::FuncDecl *FD, Function *Fn) {
  if (!FD->getPackage() || FD->getPackage()->getPath() != "sync/atomic" ||
      FD->getBody())
    return false;
  StringRef Name = FD->getName();
  StringRef Op;
  for (StringRef Candidate : {"CompareAndSwap", "Add", "Load", "Store", "Swap"})
    if (Name.starts_with(Candidate)) {
      Op = Candidate;
      break;
    }
  StringRef Width = Name.drop_front(Op.size());
  if (Op.empty() || !(Width == "Int32" || Width == "Int64" ||
                      Width == "Uint32" || Width == "Uint64"))
    return false;

  Fn->setLinkage(GlobalValue::InternalLinkage);
  BasicBlock *Entry = BasicBlock::Create(Fn->getContext(), "entry", Fn);
  IRBuilder<> B(Entry);
  auto Arg = [&](unsigned I) { return Fn->getArg(I); };
  Type *IntTy =
      IntegerType::get(Fn->getContext(), Width.ends_with("32") ? 32 : 64);
  Align A(IntTy->getIntegerBitWidth() / 8);
  AtomicOrdering SC = AtomicOrdering::SequentiallyConsistent;
  if (Op == "Add") {
    Value *Old = B.CreateAtomicRMW(AtomicRMWInst::Add, Arg(0), Arg(1), A, SC);
    B.CreateRet(B.CreateAdd(Old, Arg(1)));
  } else if (Op == "Load") {
    LoadInst *L = B.CreateAlignedLoad(IntTy, Arg(0), A);
    L->setAtomic(SC);
    B.CreateRet(L);
  } else if (Op == "Store") {
    StoreInst *S = B.CreateAlignedStore(Arg(1), Arg(0), A);
    S->setAtomic(SC);
    B.CreateRetVoid();
  } else if (Op == "Swap") {
    B.CreateRet(B.CreateAtomicRMW(AtomicRMWInst::Xchg, Arg(0), Arg(1), A, SC));
  } else {
    Value *Pair = B.CreateAtomicCmpXchg(Arg(0), Arg(1), Arg(2), A, SC, SC);
    Value *Swapped = B.CreateExtractValue(Pair, 1);
    B.CreateRet(B.CreateZExt(Swapped, Fn->getReturnType()));
  }
  return true;
}
