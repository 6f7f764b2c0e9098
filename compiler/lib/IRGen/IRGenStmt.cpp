//===- IRGenStmt.cpp - Statements -----------------------------------------===//
//
// Statements lower to the usual block structure:
//
//   for init; cond; post { body }     if init; cond { a } else { b }
//     init                              init
//     br cond                           br cond, then, else
//   cond: br c, body, exit            then: a; br end
//   body: ...; br post                else: b; br end
//   post: ...; br cond                end:
//   exit:
//
// Assignments follow Go's two phases: first the index and pointer operands
// on the left and every value on the right are evaluated, then the stores
// happen left to right (so `a, b = b, a` swaps). Map-index targets and map
// ranges are delegated to MapLowering.cpp.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;
namespace tok = gm::lang::tok;

static bool isBlank(const Expr *E) {
  E = skipParens(E);
  if (auto *I = dyn_cast<IdentExpr>(E))
    return I->isBlank();
  return false;
}

static const IndexExpr *asMapIndex(const Expr *E) {
  auto *IE = dyn_cast<IndexExpr>(skipParens(E));
  return IE && IE->isMapIndex() ? IE : nullptr;
}

void IRGenFunction::emitStmt(const Stmt *S) {
  if (!S)
    return;
  if (isTerminated())
    emitBlock(newBlock("dead"));
  setLoc(S->getLoc());
  switch (S->getKind()) {
  case Stmt::BadS:
    internalError("bad statement after type checking");
  case Stmt::Empty:
    return;
  case Stmt::ExprS: {
    const Expr *E = cast<ExprStmt>(S)->getExpr();
    // `<-c` as a statement: the value is dropped by the runtime.
    if (auto *U = dyn_cast<UnaryExpr>(skipParens(E)); U && U->isReceive())
      return emitChanRecvInto(U, nullptr);
    emitExpr(E);
    return;
  }
  case Stmt::DeclS:
    for (const VarSpec *VS : cast<DeclStmt>(S)->varSpecs())
      emitVarSpec(VS);
    return;
  case Stmt::Defer:
    return emitDefer(cast<lang::DeferStmt>(S));
  case Stmt::Go:
    return emitGo(cast<GoStmt>(S));
  case Stmt::Send:
    return emitSend(cast<SendStmt>(S));
  case Stmt::Select:
    return emitSelect(cast<SelectStmt>(S));
  case Stmt::Assign:
    return emitAssign(cast<AssignStmt>(S));
  case Stmt::IncDec:
    return emitIncDec(cast<IncDecStmt>(S));
  case Stmt::Block:
    return emitBlockStmt(cast<BlockStmt>(S));
  case Stmt::If:
    return emitIf(cast<IfStmt>(S));
  case Stmt::For:
    return emitFor(cast<ForStmt>(S));
  case Stmt::Range:
    return emitRange(cast<RangeStmt>(S));
  case Stmt::Switch:
    return emitSwitch(cast<SwitchStmt>(S));
  case Stmt::Return:
    return emitReturn(cast<ReturnStmt>(S));
  case Stmt::Branch:
    return emitBranch(cast<BranchStmt>(S));
  case Stmt::Labeled: {
    // A goto target starts a block of its own.
    auto *L = cast<LabeledStmt>(S);
    emitBlock(getLabelBlock(L));
    return emitStmt(L->getStmt());
  }
  }
}

void IRGenFunction::emitBlockStmt(const BlockStmt *BS) {
  if (!BS)
    return;
  for (const Stmt *S : BS->body())
    emitStmt(S);
}

void IRGenFunction::emitVarSpec(const VarSpec *VS) {
  const auto &Names = VS->getNames();
  const auto &Values = VS->getValues();
  auto storageFor = [&](const VarDecl *VD) -> Value * {
    if (!VD || VD->getName() == "_")
      return nullptr;
    if (VD->getVarKind() == VarDecl::Global)
      return IGM.getGlobal(VD);
    return createVar(VD);
  };
  if (Values.empty()) {
    for (const VarDecl *VD : Names)
      if (VD && VD->getVarKind() != VarDecl::Global)
        storageFor(VD);
    return;
  }
  setLoc(VS->getLoc());
  if (Values.size() == 1 && Names.size() == 2)
    if (auto *TA = dyn_cast<lang::TypeAssertExpr>(skipParens(Values[0]))) {
      // var v, ok = x.(T)
      Value *Ok = nullptr;
      Value *V = emitCopyToTemp(emitTypeAssert(TA, &Ok), TA->getType());
      if (Value *Addr = storageFor(Names[0]))
        emitStore(V, Addr, Names[0]->getType());
      if (Value *Addr = storageFor(Names[1]))
        emitStore(Ok, Addr, Names[1]->getType());
      return;
    }
  if (Values.size() == 1 && Names.size() == 2)
    if (auto *U = dyn_cast<UnaryExpr>(skipParens(Values[0]));
        U && U->isReceive()) {
      // var v, ok = <-c
      Value *Ok = nullptr;
      Value *V = emitCopyToTemp(emitChanRecv(U, &Ok), U->getType());
      if (Value *Addr = storageFor(Names[0]))
        emitStore(emitAssignConvert(V, U->getType(), Names[0]->getType()), Addr,
                  Names[0]->getType());
      if (Value *Addr = storageFor(Names[1]))
        emitStore(Ok, Addr, Names[1]->getType());
      return;
    }
  if (Values.size() == 1 && Names.size() > 1) {
    // var a, b = f()
    Value *Results = emitExpr(Values[0]);
    auto *TT = cast<TupleType>(Values[0]->getType());
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    for (unsigned I = 0; I < Names.size(); ++I) {
      Value *Addr = storageFor(Names[I]);
      if (!Addr)
        continue;
      Value *V =
          emitLoad(B.CreateStructGEP(STy, Results, I), TT->getElement(I));
      V = emitAssignConvert(V, TT->getElement(I), Names[I]->getType());
      emitStore(V, Addr, Names[I]->getType());
    }
    return;
  }
  SmallVector<Value *, 4> Vals;
  for (unsigned I = 0; I < Values.size(); ++I) {
    Value *V = emitExpr(Values[I]);
    if (V && Values.size() > 1)
      V = emitCopyToTemp(V, Values[I]->getType());
    Vals.push_back(V);
  }
  for (unsigned I = 0; I < Names.size() && I < Vals.size(); ++I) {
    Value *Addr = storageFor(Names[I]);
    if (Addr && Vals[I])
      emitStore(Vals[I], Addr, Names[I]->getType());
  }
}

void IRGenFunction::emitAssign(const AssignStmt *S) {
  const auto &L = S->lhs();
  const auto &R = S->rhs();
  const auto &NewVars = S->newVars();
  auto newVarAt = [&](unsigned I) -> const VarDecl * {
    return S->isDefine() && I < NewVars.size() ? NewVars[I] : nullptr;
  };

  if (S->getForm() == AssignStmt::OpAssign) {
    if (const IndexExpr *MI = asMapIndex(L[0]))
      return emitMapOpAssign(MI, S->getOp(), R[0]);
    Value *Addr = emitAddr(L[0]);
    const lang::Type *T = L[0]->getType();
    Value *RV = emitExpr(R[0]);
    Value *Old = emitLoad(Addr, T);
    setLoc(S->getLoc());
    Value *New = emitBinaryOp(S->getOp(), Old, RV, T, R[0]->getType());
    B.CreateStore(New, Addr);
    return;
  }

  if (S->getForm() == AssignStmt::Plain && L.size() == 1) {
    if (isBlank(L[0])) {
      emitExpr(R[0]);
      return;
    }
    if (const IndexExpr *MI = asMapIndex(L[0]))
      return emitMapStore(MI, R[0]);
    Value *V = emitExpr(R[0]);
    Value *Addr;
    if (const VarDecl *VD = newVarAt(0))
      Addr = createVar(VD);
    else
      Addr = emitAddr(L[0]);
    emitStore(V, Addr, L[0]->getType());
    return;
  }

  // Phase 1: the operands of the left-hand sides.
  struct Target {
    Value *Addr = nullptr;
    const VarDecl *NewVar = nullptr;
    const IndexExpr *MapIdx = nullptr;
    Value *Map = nullptr, *Key = nullptr;
  };
  SmallVector<Target, 4> Targets(L.size());
  for (unsigned I = 0; I < L.size(); ++I) {
    Target &T = Targets[I];
    if (isBlank(L[I]))
      continue;
    if ((T.NewVar = newVarAt(I)))
      continue;
    if ((T.MapIdx = asMapIndex(L[I]))) {
      T.Map = emitExpr(T.MapIdx->getBase());
      T.Key = emitCopyToTemp(emitExpr(T.MapIdx->getIndex()),
                             T.MapIdx->getIndex()->getType());
      continue;
    }
    T.Addr = emitAddr(L[I]);
  }

  // Phase 2: the right-hand side values.
  SmallVector<Value *, 4> Vals(L.size(), nullptr);
  switch (S->getForm()) {
  case AssignStmt::Plain:
    for (unsigned I = 0; I < R.size(); ++I) {
      Value *V = emitExpr(R[I]);
      Vals[I] = V ? emitCopyToTemp(V, R[I]->getType()) : nullptr;
    }
    break;
  case AssignStmt::MultiValue: {
    Value *Results = emitExpr(R[0]);
    auto *TT = cast<TupleType>(R[0]->getType());
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    for (unsigned I = 0; I < L.size(); ++I) {
      Vals[I] = emitLoad(B.CreateStructGEP(STy, Results, I), TT->getElement(I));
      if (const lang::Type *LT = L[I]->getType())
        Vals[I] = emitAssignConvert(Vals[I], TT->getElement(I), LT);
    }
    break;
  }
  case AssignStmt::CommaOkAssert: {
    auto *TA = cast<lang::TypeAssertExpr>(skipParens(R[0]));
    Value *Ok = nullptr;
    Vals[0] = emitCopyToTemp(emitTypeAssert(TA, &Ok), TA->getType());
    if (const lang::Type *LT = L[0]->getType())
      Vals[0] = emitAssignConvert(Vals[0], TA->getType(), LT);
    Vals[1] = Ok;
    break;
  }
  case AssignStmt::CommaOkRecv: {
    auto *U = cast<UnaryExpr>(skipParens(R[0]));
    Value *Ok = nullptr;
    Vals[0] = emitCopyToTemp(emitChanRecv(U, &Ok), U->getType());
    if (const lang::Type *LT = L[0]->getType())
      Vals[0] = emitAssignConvert(Vals[0], U->getType(), LT);
    Vals[1] = Ok;
    break;
  }
  case AssignStmt::CommaOkMap: {
    auto *IE = cast<IndexExpr>(skipParens(R[0]));
    Value *Ok = nullptr;
    Vals[0] = emitMapAccess2(IE, Ok);
    Vals[1] = Ok;
    break;
  }
  case AssignStmt::OpAssign:
    break;
  }

  // Phase 3: the stores, left to right.
  setLoc(S->getLoc());
  for (unsigned I = 0; I < L.size(); ++I) {
    Target &T = Targets[I];
    const lang::Type *LT = L[I]->getType();
    if (!Vals[I])
      continue;
    if (T.NewVar) {
      emitStore(Vals[I], createVar(T.NewVar), T.NewVar->getType());
    } else if (T.MapIdx) {
      auto *MT =
          cast<lang::MapType>(T.MapIdx->getBase()->getType()->getUnderlying());
      Value *Slot = emitMapAssignSlot(MT, T.Map, T.Key);
      emitStore(Vals[I], Slot, MT->getValue());
    } else if (T.Addr) {
      emitStore(Vals[I], T.Addr, LT);
    }
  }
}

void IRGenFunction::emitIncDec(const IncDecStmt *S) {
  if (const IndexExpr *MI = asMapIndex(S->getExpr()))
    return emitMapIncDec(MI, S->isInc());
  Value *Addr = emitAddr(S->getExpr());
  const lang::Type *T = S->getExpr()->getType();
  Value *Old = emitLoad(Addr, T);
  Value *One = T->isFloat() ? ConstantFP::get(Old->getType(), 1.0)
                            : ConstantInt::get(Old->getType(), 1);
  Value *New =
      emitBinaryOp(S->isInc() ? tok::plus : tok::minus, Old, One, T, T);
  B.CreateStore(New, Addr);
}

void IRGenFunction::emitIf(const IfStmt *S) {
  emitStmt(S->getInit());
  setLoc(S->getLoc());
  Value *C = emitExpr(S->getCond());
  BasicBlock *Then = newBlock("if.then");
  BasicBlock *Else = S->getElse() ? newBlock("if.else") : nullptr;
  BasicBlock *End = newBlock("if.end");
  B.CreateCondBr(C, Then, Else ? Else : End);
  emitBlock(Then);
  emitBlockStmt(S->getThen());
  if (!isTerminated())
    B.CreateBr(End);
  if (Else) {
    emitBlock(Else);
    emitStmt(S->getElse());
    if (!isTerminated())
      B.CreateBr(End);
  }
  emitBlock(End);
}

void IRGenFunction::emitFor(const ForStmt *S) {
  emitStmt(S->getInit());
  // Go 1.22: each iteration has its own copy of the variables declared by
  // the init statement, made before the post statement.
  SmallVector<const VarDecl *, 2> PerIteration;
  if (auto *Init = dyn_cast_or_null<AssignStmt>(S->getInit()))
    for (const VarDecl *VD : Init->newVars())
      if (VD && makePerIteration(VD))
        PerIteration.push_back(VD);
  BasicBlock *Cond = newBlock("for.cond");
  BasicBlock *Body = newBlock("for.body");
  BasicBlock *Post = newBlock("for.post");
  BasicBlock *Exit = newBlock("for.end");
  BreakTargets[S] = Exit;
  ContinueTargets[S] = Post;
  emitBlock(Cond);
  if (S->getCond()) {
    setLoc(S->getCond()->getLoc());
    B.CreateCondBr(emitExpr(S->getCond()), Body, Exit);
  } else {
    B.CreateBr(Body);
  }
  emitBlock(Body);
  emitBlockStmt(S->getBody());
  emitBlock(Post);
  for (const VarDecl *VD : PerIteration)
    renewLoopVar(VD);
  emitStmt(S->getPost());
  if (!isTerminated())
    B.CreateBr(Cond);
  emitBlock(Exit);
}

namespace {
/// Where one range variable goes each iteration.
struct RangeVar {
  const Expr *E = nullptr;
  const VarDecl *VD = nullptr; // for :=, one per iteration (Go 1.22)
  bool Used = false;
};
} // namespace

static RangeVar makeRangeVar(IRGenFunction &IGF, const Expr *E,
                             const VarDecl *VD, bool Define) {
  RangeVar RV;
  if (!E || isBlank(E))
    return RV;
  RV.E = E;
  RV.Used = true;
  if (Define && VD) {
    IGF.declareLoopVar(VD);
    RV.VD = VD;
  }
  RV.Used = !Define || VD;
  return RV;
}

static void storeRangeVar(IRGenFunction &IGF, RangeVar &RV, Value *V,
                          const lang::Type *T) {
  if (!RV.Used)
    return;
  Value *Addr = RV.VD ? IGF.iterationVarAddr(RV.VD) : IGF.emitAddr(RV.E);
  IGF.emitStore(V, Addr, T);
}

/// Assigns an iteration's key and value as Go's tuple assignment does: both
/// left-hand sides are evaluated first (in `for i, x[i] = range y`, x[i]
/// with the i of before), then the value is loaded, then both are stored.
static void storeRangeVars(IRGenFunction &IGF, RangeVar &K, Value *KeyV,
                           const lang::Type *KeyT, RangeVar &V,
                           function_ref<Value *()> LoadValue,
                           const lang::Type *ValueT) {
  auto AddrOf = [&](RangeVar &RV) -> Value * {
    if (!RV.Used)
      return nullptr;
    return RV.VD ? IGF.iterationVarAddr(RV.VD) : IGF.emitAddr(RV.E);
  };
  Value *KeyAddr = AddrOf(K);
  Value *ValueAddr = ValueT ? AddrOf(V) : nullptr;
  Value *Val = ValueAddr ? LoadValue() : nullptr;
  if (KeyAddr)
    IGF.emitStore(KeyV, KeyAddr, KeyT);
  if (ValueAddr)
    IGF.emitStore(Val, ValueAddr, ValueT);
}

const lang::VarDecl *gm::irgen::rangeKeyOnlyVar(const RangeStmt *S) {
  if (S->getValue() && !(isa<IdentExpr>(skipParens(S->getValue())) &&
                         cast<IdentExpr>(skipParens(S->getValue()))->isBlank()))
    return nullptr;
  auto *KeyE =
      S->getKey() ? dyn_cast<IdentExpr>(skipParens(S->getKey())) : nullptr;
  if (!KeyE || KeyE->isBlank())
    return nullptr;
  return dyn_cast_or_null<VarDecl>(S->isDefine() ? S->getKeyVar()
                                                 : KeyE->getDecl());
}

/// Whether E is a zero value that is all zero bytes (Go's ir.IsZero): a zero
/// constant, nil, or a composite literal with no elements.
static bool isZeroValueExpr(const Expr *E) {
  E = skipParens(E);
  if (E->isConstant()) {
    const lang::ConstantValue &V = E->getValue();
    return (V.isBool() && !V.getBool()) ||
           (V.isString() && V.getString().empty()) ||
           ((V.isInt() || V.isFloat()) && V.isZero() && !V.isNegative());
  }
  if (auto *IE = dyn_cast<IdentExpr>(E))
    return !IE->isBlank() && (!IE->getDecl() || isa<NilDecl>(IE->getDecl()));
  if (auto *CL = dyn_cast<lang::CompositeLitExpr>(E))
    return CL->elements().empty();
  return false;
}

bool IRGenFunction::isArrayClearIdiom(const RangeStmt *S) {
  // for i := range a { a[i] = zero }, a a slice or an addressable array
  // (sameSafeExpr), with no value variable.
  if (S->getRangeKind() != RangeStmt::Slice &&
      S->getRangeKind() != RangeStmt::Array)
    return false;
  const lang::Decl *KeyDecl = rangeKeyOnlyVar(S);
  if (!KeyDecl)
    return false;
  const auto &Body = S->getBody()->body();
  if (Body.size() != 1)
    return false;
  auto *AS = dyn_cast<lang::AssignStmt>(Body[0]);
  if (!AS || AS->getAssignTok() != tok::equal || AS->lhs().size() != 1 ||
      AS->rhs().size() != 1)
    return false;
  auto *LHS = dyn_cast<IndexExpr>(skipParens(AS->lhs()[0]));
  if (!LHS || LHS->isMapIndex() ||
      !sameSafeExpr(LHS->getBase(), S->getRangeExpr()))
    return false;
  auto *Idx = dyn_cast<IdentExpr>(skipParens(LHS->getIndex()));
  if (!Idx || Idx->getDecl() != KeyDecl)
    return false;
  const lang::Type *XT = S->getRangeExpr()->getType()->getUnderlying();
  const lang::Type *ElemT;
  if (auto *AT = dyn_cast<lang::ArrayType>(XT)) {
    // An empty array needs no code, and taking its address could fault.
    if (AT->getLength() == 0)
      return false;
    ElemT = AT->getElement();
  } else {
    ElemT = cast<lang::SliceType>(XT)->getElement();
  }
  return IGM.getSize(ElemT) > 0 && isZeroValueExpr(AS->rhs()[0]);
}

void IRGenFunction::emitArrayClear(const RangeStmt *S) {
  // if len(a) != 0 { memclr(&a[0], len(a) * sizeof(elem)); i = len(a) - 1 }
  // where i outlives the loop (`=`); as Go's walk lowers it.
  const Expr *X = S->getRangeExpr();
  const lang::Type *XT = X->getType()->getUnderlying();
  setLoc(S->getLoc());
  Value *Data, *Len;
  const lang::Type *ElemT;
  if (auto *AT = dyn_cast<lang::ArrayType>(XT)) {
    ElemT = AT->getElement();
    Data = emitAddr(X);
    Len = B.getInt64(AT->getLength());
  } else {
    ElemT = cast<lang::SliceType>(XT)->getElement();
    Value *XV = emitExpr(X);
    Data = B.CreateExtractValue(XV, 0);
    Len = B.CreateExtractValue(XV, 1, "len");
  }
  setLoc(S->getLoc());
  BasicBlock *Clear = newBlock("clear.body");
  BasicBlock *Done = newBlock("clear.end");
  B.CreateCondBr(B.CreateICmpNE(Len, B.getInt64(0)), Clear, Done);
  emitBlock(Clear);
  B.CreateMemSet(Data, B.getInt8(0),
                 B.CreateMul(Len, B.getInt64(IGM.getSize(ElemT))),
                 MaybeAlign(IGM.getAlign(ElemT)));
  if (!S->isDefine()) {
    Value *Last = B.CreateSub(Len, B.getInt64(1));
    emitStore(Last, emitAddr(S->getKey()), S->getKey()->getType());
  }
  B.CreateBr(Done);
  emitBlock(Done);
}

void IRGenFunction::emitChanRange(const RangeStmt *S) {
  // for { ok := chanrecv2(c, &tmp); if !ok { break }; v = tmp; body }
  const Expr *X = S->getRangeExpr();
  const lang::Type *ET =
      cast<lang::ChanType>(X->getType()->getUnderlying())->getElement();
  setLoc(S->getLoc());
  Value *Ch = emitExpr(X);
  RangeVar V = makeRangeVar(*this, S->getKey(), S->getKeyVar(), S->isDefine());
  AllocaInst *Tmp = createTemp(ET, "range.recv");
  BasicBlock *Cond = newBlock("range.cond");
  BasicBlock *Body = newBlock("range.body");
  BasicBlock *Exit = newBlock("range.end");
  BreakTargets[S] = Exit;
  ContinueTargets[S] = Cond;
  B.CreateBr(Cond);
  emitBlock(Cond);
  setLoc(S->getLoc());
  Value *Dst = Tmp;
  if (!V.Used)
    Dst = ConstantPointerNull::get(IGM.Ptr);
  Value *Ok = callRuntime(RuntimeFn::chanrecv2, {Ch, Dst}, "recvok");
  B.CreateCondBr(Ok, Body, Exit);
  emitBlock(Body);
  if (V.Used)
    storeRangeVar(*this, V, emitLoad(Tmp, ET), ET);
  emitBlockStmt(S->getBody());
  if (!isTerminated())
    B.CreateBr(Cond);
  emitBlock(Exit);
}

void IRGenFunction::emitRange(const RangeStmt *S) {
  if (S->getRangeKind() == RangeStmt::Map)
    return emitMapRange(S);
  if (S->getRangeKind() == RangeStmt::Chan)
    return emitChanRange(S);
  if (isArrayClearIdiom(S))
    return emitArrayClear(S);

  const Expr *X = S->getRangeExpr();
  const lang::Type *XT = X->getType()->getUnderlying();
  setLoc(S->getLoc());

  // The range expression is evaluated once, before the loop.
  Value *XV = nullptr, *Len = nullptr, *Data = nullptr;
  const lang::Type *ElemT = nullptr;
  const lang::Type *KeyT =
      const_cast<lang::CompilationUnit &>(IGM.CU).getTypes().getBasic(
          lang::Type::Int);
  bool ValueUsed = S->getValue() && !isBlank(S->getValue());
  switch (S->getRangeKind()) {
  case RangeStmt::Int:
    XV = emitExpr(X);
    KeyT = X->getType();
    Len = XV;
    break;
  case RangeStmt::Slice:
    XV = emitExpr(X);
    Data = B.CreateExtractValue(XV, 0);
    Len = B.CreateExtractValue(XV, 1, "len");
    ElemT = cast<lang::SliceType>(XT)->getElement();
    break;
  case RangeStmt::Array: {
    auto *AT = cast<lang::ArrayType>(XT);
    ElemT = AT->getElement();
    Len = B.getInt64(AT->getLength());
    // Go evaluates (and copies) the array only when the value is used;
    // otherwise len(x) is a constant and x is not evaluated, unless it
    // calls or receives (then len(x) is no constant).
    if (ValueUsed)
      Data = emitCopyToTemp(emitExpr(X), X->getType());
    else if (lang::containsCallOrReceive(X))
      emitExpr(X);
    break;
  }
  case RangeStmt::PointerToArray: {
    auto *AT = cast<lang::ArrayType>(
        cast<lang::PointerType>(XT)->getElement()->getUnderlying());
    ElemT = AT->getElement();
    Len = B.getInt64(AT->getLength());
    Data = emitExpr(X);
    if (ValueUsed && AT->getLength() > 0)
      emitNilCheck(Data);
    break;
  }
  case RangeStmt::String:
    XV = emitExpr(X);
    Len = stringLen(XV);
    Data = stringPtr(XV);
    ElemT = const_cast<lang::CompilationUnit &>(IGM.CU).getTypes().getBasic(
        lang::Type::Int32);
    break;
  default:
    internalError("unresolved range statement");
  }

  RangeVar K = makeRangeVar(*this, S->getKey(), S->getKeyVar(), S->isDefine());
  RangeVar V =
      makeRangeVar(*this, S->getValue(), S->getValueVar(), S->isDefine());

  // hv := 0; for hv < len { k = hv; v = x[hv]; body; hv++ }
  llvm::Type *IdxTy = Len->getType();
  AllocaInst *HV = createTemp(IdxTy, "range.idx");
  AllocaInst *Next = createTemp(IdxTy, "range.next");
  B.CreateStore(ConstantInt::get(IdxTy, 0), HV);
  BasicBlock *Cond = newBlock("range.cond");
  BasicBlock *Body = newBlock("range.body");
  BasicBlock *Post = newBlock("range.post");
  BasicBlock *Exit = newBlock("range.end");
  BreakTargets[S] = Exit;
  ContinueTargets[S] = Post;
  emitBlock(Cond);
  Value *I = B.CreateLoad(IdxTy, HV, "hv");
  Value *InRange = IGM.isSigned(KeyT) || S->getRangeKind() != RangeStmt::Int
                       ? B.CreateICmpSLT(I, Len)
                       : B.CreateICmpULT(I, Len);
  B.CreateCondBr(InRange, Body, Exit);
  emitBlock(Body);
  setLoc(S->getLoc());
  if (S->getRangeKind() == RangeStmt::String) {
    // c := s[hv]; if c < utf8.RuneSelf { r, next = c, hv+1 }
    // else { r, next = runtime.decoderune(s, hv) }
    Value *C = B.CreateLoad(IGM.I8, B.CreateGEP(IGM.I8, Data, I), "c");
    BasicBlock *ASCII = newBlock("range.ascii");
    BasicBlock *Multi = newBlock("range.decode");
    BasicBlock *Join = newBlock("range.rune");
    AllocaInst *RuneSlot = createTemp(IGM.I32, "range.rune");
    B.CreateCondBr(B.CreateICmpULT(C, B.getInt8(0x80)), ASCII, Multi);
    emitBlock(ASCII);
    B.CreateStore(B.CreateZExt(C, IGM.I32), RuneSlot);
    B.CreateStore(B.CreateAdd(I, B.getInt64(1)), Next);
    B.CreateBr(Join);
    emitBlock(Multi);
    Value *DR = callRuntime(RuntimeFn::decoderune,
                            {stringPtr(XV), stringLen(XV), I}, "dr");
    B.CreateStore(B.CreateExtractValue(DR, 0), RuneSlot);
    B.CreateStore(B.CreateExtractValue(DR, 1), Next);
    emitBlock(Join);
    storeRangeVars(
        *this, K, I, KeyT, V, [&] { return B.CreateLoad(IGM.I32, RuneSlot); },
        ElemT);
  } else {
    B.CreateStore(B.CreateAdd(I, ConstantInt::get(IdxTy, 1)), Next);
    storeRangeVars(
        *this, K, I, KeyT, V,
        [&] {
          llvm::Type *ET = IGM.getLLVMType(ElemT);
          return emitLoad(elemAddr(ET, Data, I), ElemT);
        },
        ElemT);
  }
  emitBlockStmt(S->getBody());
  emitBlock(Post);
  B.CreateStore(B.CreateLoad(IdxTy, Next), HV);
  B.CreateBr(Cond);
  emitBlock(Exit);
}

void IRGenFunction::emitSwitch(const SwitchStmt *S) {
  if (S->isTypeSwitch())
    return emitTypeSwitch(S);
  emitStmt(S->getInit());
  setLoc(S->getLoc());
  Value *Tag = S->getTag() ? emitExpr(S->getTag()) : nullptr;
  if (Tag)
    Tag = emitCopyToTemp(Tag, S->getTag()->getType());
  emitSwitchClauses(
      S, "switch",
      [&](const CaseClause &C, unsigned J) -> Value * {
        const Expr *V = C.Values[J];
        if (!Tag)
          return emitExpr(V);
        return emitCompare(tok::equalequal, Tag, emitExpr(V),
                           S->getTag()->getType());
      },
      [](const CaseClause &) {},
      [&](const Expr *V) {
        return Tag && V->isConstant() && V->getValue().isString() &&
               IRGenModule::underlying(S->getTag()->getType())->isString();
      },
      [&](ArrayRef<SwitchCase> Run, BasicBlock *NoMatch) {
        emitStringSwitchSearch(Tag, Run, NoMatch);
      });
}

void IRGenFunction::emitSwitchClauses(
    const SwitchStmt *S, StringRef Kind,
    function_ref<Value *(const CaseClause &, unsigned)> Test,
    function_ref<void(const CaseClause &)> Enter,
    function_ref<bool(const Expr *)> Searchable,
    function_ref<void(ArrayRef<SwitchCase>, BasicBlock *)> Search) {
  // Shorter runs of constant cases stay a chain: gmc's search is a runtime
  // call, which a chain of up to about 20 inline compares beats (20M
  // lookups at -O2: 16 cases 0.19 s chained, 0.29 s searched; 24 cases
  // 0.37 s against 0.24 s; 512 cases 6.6 s against 0.63 s).
  constexpr size_t MinSearchRun = 20;
  const auto &Clauses = S->clauses();
  BasicBlock *Exit = newBlock(Kind + ".end");
  BreakTargets[S] = Exit;
  SmallVector<BasicBlock *, 8> Bodies;
  for (unsigned I = 0; I < Clauses.size(); ++I)
    Bodies.push_back(
        newBlock(Kind + (Clauses[I].IsDefault ? ".default" : ".case")));
  // The tests in source order; default runs when none holds, wherever it
  // is written.
  BasicBlock *Default = Exit;
  auto testOne = [&](const CaseClause &C, unsigned J, BasicBlock *Body) {
    setLoc(C.Values[J]->getLoc());
    Value *Cond = Test(C, J);
    BasicBlock *NextTest = newBlock(Kind + ".next");
    B.CreateCondBr(Cond, Body, NextTest);
    emitBlock(NextTest);
  };
  // The searchable run being collected: (clause, value index) and body.
  SmallVector<std::pair<const CaseClause *, unsigned>, 8> RunTests;
  SmallVector<SwitchCase, 8> Run;
  auto flushRun = [&] {
    if (Run.size() >= MinSearchRun) {
      setLoc(Run.front().Value->getLoc());
      BasicBlock *NextTest = newBlock(Kind + ".next");
      Search(Run, NextTest);
      emitBlock(NextTest);
    } else {
      for (unsigned K = 0; K < Run.size(); ++K)
        testOne(*RunTests[K].first, RunTests[K].second, Run[K].Body);
    }
    Run.clear();
    RunTests.clear();
  };
  for (unsigned I = 0; I < Clauses.size(); ++I) {
    const CaseClause &C = Clauses[I];
    if (C.IsDefault) {
      Default = Bodies[I];
      continue;
    }
    for (unsigned J = 0; J < C.Values.size(); ++J) {
      if (Searchable && Searchable(C.Values[J])) {
        Run.push_back({C.Values[J], Bodies[I]});
        RunTests.push_back({&C, J});
        continue;
      }
      flushRun();
      testOne(C, J, Bodies[I]);
    }
  }
  flushRun();
  B.CreateBr(Default);
  for (unsigned I = 0; I < Clauses.size(); ++I) {
    B.ClearInsertionPoint();
    emitBlock(Bodies[I]);
    Enter(Clauses[I]);
    BasicBlock *SavedFT = FallthroughTarget;
    FallthroughTarget = I + 1 < Clauses.size() ? Bodies[I + 1] : Exit;
    for (const Stmt *St : Clauses[I].Body)
      emitStmt(St);
    FallthroughTarget = SavedFT;
    if (!isTerminated())
      B.CreateBr(Exit);
  }
  B.ClearInsertionPoint();
  emitBlock(Exit);
}

void IRGenFunction::emitReturn(const ReturnStmt *S) {
  const auto &Results = S->results();
  SmallVector<Value *, 4> Vals;
  SmallVector<const lang::Type *, 4> Types;
  lang::TupleType *RT = FD ? FD->getSignature()->getResults() : nullptr;
  if (Results.empty()) {
    // Bare return: the named (or zero) results as they are.
    for (unsigned I = 0; I < ResultAddrs.size(); ++I) {
      const lang::Type *T = RT->getElement(I);
      Vals.push_back(emitLoad(ResultAddrs[I], T));
      Types.push_back(T);
    }
  } else if (Results.size() == 1 && RT && RT->size() > 1) {
    // return f() with f returning several values.
    Value *R = emitExpr(Results[0]);
    auto *TT = cast<TupleType>(Results[0]->getType());
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    for (unsigned I = 0; I < TT->size(); ++I) {
      Value *V = emitLoad(B.CreateStructGEP(STy, R, I), TT->getElement(I));
      Vals.push_back(
          emitAssignConvert(V, TT->getElement(I), RT->getElement(I)));
      Types.push_back(RT->getElement(I));
    }
  } else {
    for (unsigned I = 0; I < Results.size(); ++I) {
      Value *V = emitExpr(Results[I]);
      if (Results.size() > 1)
        V = emitCopyToTemp(V, Results[I]->getType());
      Vals.push_back(V);
      Types.push_back(RT ? RT->getElement(I) : Results[I]->getType());
    }
  }
  setLoc(S->getLoc());
  if (DeferHead) {
    // The deferred calls run first, and may change the results.
    if (!Results.empty())
      for (unsigned I = 0; I < Vals.size(); ++I)
        emitStore(Vals[I], ResultAddrs[I], Types[I]);
    B.CreateBr(DeferReturnBB);
    return;
  }
  emitReturnValues(Vals, Types);
}

void IRGenFunction::emitReturnValues(ArrayRef<Value *> Vals,
                                     ArrayRef<const lang::Type *> Types) {
  if (!ABI || (Vals.empty() && !ABI->UsesSRet)) {
    B.CreateRetVoid();
    return;
  }
  if (!ABI->UsesSRet) {
    B.CreateRet(Vals[0]);
    return;
  }
  for (unsigned I = 0; I < Vals.size(); ++I)
    emitStore(Vals[I], B.CreateStructGEP(ABI->ResultsTy, SRetPtr, I), Types[I]);
  B.CreateRetVoid();
}

void IRGenFunction::emitBranch(const BranchStmt *S) {
  const Stmt *Target = S->getTarget();
  switch (S->getTok()) {
  case tok::kw_break: {
    auto It = BreakTargets.find(Target);
    if (It == BreakTargets.end())
      internalError("break without a target");
    B.CreateBr(It->second);
    return;
  }
  case tok::kw_continue: {
    auto It = ContinueTargets.find(Target);
    if (It == ContinueTargets.end())
      internalError("continue without a target");
    B.CreateBr(It->second);
    return;
  }
  case tok::kw_fallthrough:
    if (!FallthroughTarget)
      internalError("fallthrough outside a switch clause");
    B.CreateBr(FallthroughTarget);
    return;
  case tok::kw_goto:
    if (!Target)
      internalError("goto without a target");
    B.CreateBr(getLabelBlock(cast<LabeledStmt>(Target)));
    return;
  default:
    internalError("unsupported branch statement");
  }
}

BasicBlock *IRGenFunction::getLabelBlock(const LabeledStmt *L) {
  BasicBlock *&BB = LabelBlocks[L];
  if (!BB)
    BB = newBlock(L->getLabel());
  return BB;
}

void IRGenFunction::emitTypeSwitch(const SwitchStmt *S) {
  emitStmt(S->getInit());
  setLoc(S->getLoc());
  auto *Guard = cast<lang::TypeAssertExpr>(S->getTag());
  const lang::Type *XT = Guard->getX()->getType();
  Value *X = emitExpr(Guard->getX());
  Value *Dyn = emitDynamicType(X, XT);
  Value *Data = B.CreateExtractValue(X, 1);
  emitSwitchClauses(
      S, "typeswitch",
      [&](const CaseClause &C, unsigned J) -> Value * {
        // A nil case matches the nil interface, a concrete type its
        // descriptor, an interface type any type implementing it.
        const lang::Type *T = C.Types[J];
        if (!T)
          return B.CreateIsNull(Dyn);
        if (!T->isInterface())
          return B.CreateICmpEQ(Dyn, IGM.getTypeDesc(T));
        if (cast<lang::InterfaceType>(T->getUnderlying())->isEmpty())
          return B.CreateIsNotNull(Dyn);
        return B.CreateIsNotNull(
            callRuntime(RuntimeFn::assertE2I2, {IGM.getTypeDesc(T), Dyn}));
      },
      [&](const CaseClause &C) {
        const lang::VarDecl *V = C.Bound;
        if (!V)
          return;
        // v has the case's type when the case lists exactly one type.
        const lang::Type *VT = V->getType();
        Value *Val;
        if (C.Types.size() == 1 && C.Types[0] && !VT->isInterface())
          Val = emitInterfaceDataValue(Data, VT);
        else
          Val = emitAssignConvert(X, XT, VT);
        emitStore(Val, createVar(V), VT);
      });
}
