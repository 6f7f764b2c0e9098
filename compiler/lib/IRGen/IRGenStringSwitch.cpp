//===- IRGenStringSwitch.cpp - Searching a string among constant cases ----===//
//
// A switch on a string with a run of 20 or more constant cases searches them
// as Go's compiler does (cmd/compile/internal/walk/switch.go): the cases are
// sorted by length and then by bytes (comparing lengths first is cheap, and
// the order only has to be consistent), and a binary search finds the tag
// among them. Go inlines the search; gm puts the sorted strings in a
// constant table and calls runtime.switchstring, then jumps on the index:
//
//   switch s { case "b", "aa": A; case "a": B; ... }  ; sorted: a b aa ...
//
//   @switch.cases = [{"a", 1}, {"b", 1}, {"aa", 2}, ...]
//   %i = call i64 @runtime.switchstring(s.ptr, s.len, @switch.cases, N)
//   switch i64 %i, label %next [ 0 -> B, 1 -> A, 2 -> A, ... ]
//
// The IR is then linear in the number of cases. Testing them one after the
// other, in source order, gave a chain of N compares that the optimizer took
// quadratic time over (10,000 cases: two minutes at -O2); an inline search
// tree did too, in code generation, as the tag was then used by N calls.
// One quadratic term is left, LLVM 19's: when every case body is empty
// after optimization (`return k`, all merged into one block with a phi),
// SimplifyCFG collects that block's N predecessors for each of them
// (TryToSimplifyUncondBranchFromEmptyBlock; LLVM 20 avoids it, llvm-project
// pull request 110715). Constant cases have no side effects and cannot
// repeat (Sema rejects duplicates), so the order of the tests does not show.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

static StringRef caseString(const IRGenFunction::SwitchCase &C) {
  return C.Value->getValue().getString();
}

void IRGenFunction::emitStringSwitchSearch(Value *Tag,
                                           ArrayRef<SwitchCase> Cases,
                                           BasicBlock *NoMatch) {
  // Stable, so that should a value repeat, the first in source order wins
  // (the later copy is dropped).
  SmallVector<SwitchCase, 16> Sorted(Cases.begin(), Cases.end());
  llvm::stable_sort(Sorted, [](const SwitchCase &A, const SwitchCase &B) {
    StringRef SA = caseString(A), SB = caseString(B);
    if (SA.size() != SB.size())
      return SA.size() < SB.size();
    return SA < SB; // bytes, unsigned: the runtime compares with memcmp
  });
  Sorted.erase(std::unique(Sorted.begin(), Sorted.end(),
                           [](const SwitchCase &A, const SwitchCase &B) {
                             return caseString(A) == caseString(B);
                           }),
               Sorted.end());

  SmallVector<Constant *, 16> Strings;
  for (const SwitchCase &C : Sorted)
    Strings.push_back(IGM.getString(caseString(C)));
  auto *TableTy = ArrayType::get(IGM.StringTy, Strings.size());
  auto *Table = new GlobalVariable(
      IGM.M, TableTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
      ConstantArray::get(TableTy, Strings), "switch.cases");
  Table->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);

  Value *Index = callRuntime(
      RuntimeFn::switchstring,
      {stringPtr(Tag), stringLen(Tag), Table, B.getInt64(Sorted.size())},
      "switch.index");
  SwitchInst *Jump = B.CreateSwitch(Index, NoMatch, Sorted.size());
  for (size_t I = 0; I < Sorted.size(); ++I)
    Jump->addCase(B.getInt64(I), Sorted[I].Body);
  B.ClearInsertionPoint();
}
