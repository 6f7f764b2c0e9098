//===- IRGenExpr.cpp - Expressions ----------------------------------------===//
//
// Expressions of scalar, string and slice type evaluate to SSA values;
// expressions of struct and array type evaluate to a pointer to the value
// (see IRGenModule.h). Go's run-time checks are explicit:
//
//   s[i]      if uint(i) >= uint(len(s)) { panicIndex(i, len(s)) }
//   *p, p.f   if p == nil { panicmem() }
//   x / y     if y == 0 { panicdivide() }; y == -1 gives -x (no overflow trap)
//   x << y    y < 0 (signed y) panics (panicshift); y >= width gives 0 / sign
//   (*[N]T)(s)  if uint(len(s)) < N { panicSliceConvert(N, len(s)) }
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "gm/lang/Lex/Lexer.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;
namespace tok = gm::lang::tok;

static const lang::Type *under(const lang::Type *T) {
  return T->getUnderlying();
}

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

Value *IRGenFunction::stringPtr(Value *S) {
  return B.CreateExtractValue(S, 0, "str.ptr");
}
Value *IRGenFunction::stringLen(Value *S) {
  return B.CreateExtractValue(S, 1, "str.len");
}
Value *IRGenFunction::makeString(Value *P, Value *Len) {
  Value *S = UndefValue::get(IGM.StringTy);
  S = B.CreateInsertValue(S, P, 0);
  return B.CreateInsertValue(S, Len, 1);
}
Value *IRGenFunction::makeSlice(Value *P, Value *Len, Value *Cap) {
  Value *S = UndefValue::get(IGM.SliceTy);
  S = B.CreateInsertValue(S, P, 0);
  S = B.CreateInsertValue(S, Len, 1);
  return B.CreateInsertValue(S, Cap, 2);
}
Value *IRGenFunction::elemAddr(llvm::Type *ElemTy, Value *Base, Value *I) {
  return B.CreateInBoundsGEP(ElemTy, Base, I, "elem");
}
Value *IRGenFunction::emitMathCall(Intrinsic::ID ID, ArrayRef<Value *> Args) {
  return B.CreateIntrinsic(ID, {Args[0]->getType()}, Args);
}

/// The rune at Pos of S and its width, as Go decodes it: an invalid or
/// truncated sequence is U+FFFD of width 1.
static std::pair<uint32_t, unsigned> decodeRuneAt(StringRef S, size_t Pos) {
  uint32_t CP;
  if (unsigned Len = lang::Lexer::decodeUTF8(S.substr(Pos), CP))
    return {CP, Len};
  return {0xFFFD, 1};
}

/// A private zero-size object: the data pointer of empty, non-nil slices
/// (Go's runtime.zerobase).
static Constant *getZeroBase(IRGenModule &IGM) {
  if (auto *GV = IGM.M.getNamedGlobal("gm.zerobase"))
    return GV;
  auto *GV =
      new GlobalVariable(IGM.M, IGM.I64, true, GlobalValue::PrivateLinkage,
                         ConstantInt::get(IGM.I64, 0), "gm.zerobase");
  return GV;
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

Value *IRGenFunction::emitConstant(const ConstantValue &CV,
                                   const lang::Type *T) {
  const lang::Type *U = under(T);
  llvm::Type *LT = IGM.getLLVMType(T);
  switch (U->getKind()) {
  case lang::Type::Bool:
  case lang::Type::UntypedBool:
    return B.getInt1(CV.isBool() && CV.getBool());
  case lang::Type::String:
  case lang::Type::UntypedString:
    return IGM.getString(CV.isString() ? CV.getString() : "");
  case lang::Type::Float32:
  case lang::Type::Float64:
  case lang::Type::UntypedFloat: {
    const fltSemantics &Sem = LT->getFltSemantics();
    APFloat F(Sem);
    if (CV.isFloat()) {
      F = CV.getFloat();
      bool LosesInfo;
      F.convert(Sem, APFloat::rmNearestTiesToEven, &LosesInfo);
    } else if (CV.isInt()) {
      F.convertFromAPInt(CV.getInt(), true, APFloat::rmNearestTiesToEven);
    }
    // Go constants are exact numbers: there is no constant -0 (the value of
    // the constant -0.0 is 0).
    if (F.isZero() && F.isNegative())
      F = APFloat::getZero(Sem);
    return ConstantFP::get(LT, F);
  }
  case lang::Type::UntypedNil:
  case lang::Type::Pointer:
  case lang::Type::Map:
  case lang::Type::Chan:
  case lang::Type::Slice:
    return Constant::getNullValue(LT);
  default:
    break;
  }
  if (auto *IT = dyn_cast<IntegerType>(LT)) {
    if (CV.isInt())
      return ConstantInt::get(IT, CV.getIntBits(IT->getBitWidth()));
    if (CV.isFloat()) {
      APSInt I(IT->getBitWidth(), !IGM.isSigned(T));
      bool Exact;
      CV.getFloat().convertToInteger(I, APFloat::rmTowardZero, &Exact);
      return ConstantInt::get(IT, I);
    }
    if (CV.isBool())
      return ConstantInt::get(IT, CV.getBool());
  }
  internalError("unexpected constant of type " + typeString(T));
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value *IRGenFunction::emitExpr(const Expr *E) {
  if (!E)
    return nullptr;
  if (E->getMode() == Expr::Constant && E->getValue().isValid())
    return emitConstant(E->getValue(), E->getType());
  switch (E->getKind()) {
  case Expr::Paren:
    return emitExpr(cast<ParenExpr>(E)->getInner());
  case Expr::Ident: {
    auto *IE = cast<IdentExpr>(E);
    Decl *D = IE->getDecl();
    if (auto *VD = dyn_cast_or_null<VarDecl>(D))
      return emitLoad(getVarAddr(VD), VD->getType(), VD->getName());
    if (auto *CD = dyn_cast_or_null<ConstDecl>(D))
      return emitConstant(CD->getValue(), E->getType());
    if (auto *FD = dyn_cast_or_null<FuncDecl>(D))
      return IGM.getStaticFuncValue(IGM.getFuncValueWrapper(FD));
    if (!D || isa<NilDecl>(D)) {
      // nil of pointer, slice or map type.
      if (IGM.isAggregate(E->getType()))
        internalError("nil of aggregate type");
      return IGM.getZero(E->getType());
    }
    internalError("identifier '" + IE->getName() + "' is not a value");
  }
  case Expr::CompositeLit:
    return emitCompositeLit(cast<CompositeLitExpr>(E));
  case Expr::Selector:
    return emitSelector(cast<SelectorExpr>(E));
  case Expr::Index:
    return emitIndex(cast<IndexExpr>(E));
  case Expr::Slice:
    return emitSliceExpr(cast<SliceExpr>(E));
  case Expr::Call:
    return emitCall(cast<CallExpr>(E));
  case Expr::Star: {
    auto *SE = cast<StarExpr>(E);
    Value *P = emitExpr(SE->getOperand());
    setLoc(E->getLoc());
    emitNilCheck(P);
    return emitLoad(P, E->getType());
  }
  case Expr::Unary:
    return emitUnary(cast<UnaryExpr>(E));
  case Expr::Binary:
    return emitBinary(cast<BinaryExpr>(E));
  case Expr::FuncLit:
    return emitFuncLit(cast<lang::FuncLitExpr>(E));
  case Expr::TypeAssertE:
    return emitTypeAssert(cast<lang::TypeAssertExpr>(E));
  case Expr::InstantiateE:
    return IGM.getStaticFuncValue(
        IGM.getFuncValueWrapper(cast<lang::InstantiateExpr>(E)->getInstance()));
  case Expr::ImplicitConvE: {
    const Expr *Sub = cast<lang::ImplicitConvExpr>(E)->getSub();
    Value *V = emitExpr(Sub);
    setLoc(E->getLoc());
    return emitToInterface(V, Sub->getType(), E->getType(), E);
  }
  default: {
    auto [Line, Col] = IGM.getLineCol(E->getLoc());
    internalError("unexpected expression (kind " + Twine(int(E->getKind())) +
                  ", mode " + Twine(int(E->getMode())) + ") at line " +
                  Twine(Line) + ":" + Twine(Col));
  }
  }
}

Value *IRGenFunction::emitAddr(const Expr *E) {
  switch (E->getKind()) {
  case Expr::Paren:
    return emitAddr(cast<ParenExpr>(E)->getInner());
  case Expr::Ident: {
    auto *VD = dyn_cast_or_null<VarDecl>(cast<IdentExpr>(E)->getDecl());
    if (!VD)
      internalError("address of a non-variable");
    return getVarAddr(VD);
  }
  case Expr::Star: {
    Value *P = emitExpr(cast<StarExpr>(E)->getOperand());
    setLoc(E->getLoc());
    emitNilCheck(P);
    return P;
  }
  case Expr::Selector: {
    auto *SE = cast<SelectorExpr>(E);
    if (SE->getSelKind() == SelectorExpr::PackageMember)
      if (auto *VD = dyn_cast_or_null<VarDecl>(SE->getMember()))
        return IGM.getGlobal(VD);
    if (SE->getSelKind() != SelectorExpr::Field)
      internalError("address of a non-field selector");
    return emitFieldAddr(SE);
  }
  case Expr::Index: {
    auto *IE = cast<IndexExpr>(E);
    const lang::Type *ET = E->getType();
    llvm::Type *ELT = IGM.getLLVMType(ET);
    switch (IE->getIndexKind()) {
    case IndexExpr::Array:
    case IndexExpr::PointerToArray: {
      Value *Base = emitExpr(IE->getBase());
      const lang::Type *BT = under(IE->getBase()->getType());
      if (IE->getIndexKind() == IndexExpr::PointerToArray) {
        BT = under(cast<lang::PointerType>(BT)->getElement());
        setLoc(E->getLoc());
        emitNilCheck(Base);
      }
      auto *AT = cast<lang::ArrayType>(BT);
      Value *I =
          indexToI64(emitExpr(IE->getIndex()), IE->getIndex()->getType());
      setLoc(E->getLoc());
      if (!isa<ConstantInt>(I))
        emitBoundsCheck(I, B.getInt64(AT->getLength()), true);
      return elemAddr(ELT, Base, I);
    }
    case IndexExpr::SliceIdx: {
      Value *S = emitExpr(IE->getBase());
      Value *I =
          indexToI64(emitExpr(IE->getIndex()), IE->getIndex()->getType());
      setLoc(E->getLoc());
      emitBoundsCheck(I, B.CreateExtractValue(S, 1, "len"), true);
      return elemAddr(ELT, B.CreateExtractValue(S, 0), I);
    }
    default:
      internalError("address of a non-addressable index expression");
    }
  }
  case Expr::CompositeLit: {
    Value *V = emitExpr(E);
    if (IGM.isAggregate(E->getType()))
      return V;
    Value *Tmp = createTemp(E->getType());
    B.CreateStore(V, Tmp);
    return Tmp;
  }
  default:
    if (IGM.isAggregate(E->getType()))
      return emitExpr(E);
    internalError("address of a non-addressable expression");
  }
}

Value *IRGenFunction::emitFieldAddr(const SelectorExpr *E) {
  // Walk the field path; each step may first dereference a pointer
  // (nil-checked), then selects a field.
  const Expr *Base = E->getBase();
  const lang::Type *CurT = Base->getType();
  Value *Cur = nullptr, *PtrVal = nullptr;
  if (IGM.isAggregate(CurT))
    Cur = emitExpr(Base);
  else
    PtrVal = emitExpr(Base);
  setLoc(E->getLoc());
  for (const FieldStep &Step : E->path()) {
    if (Step.Deref) {
      Value *P = PtrVal ? PtrVal : B.CreateLoad(IGM.Ptr, Cur);
      PtrVal = nullptr;
      emitNilCheck(P);
      Cur = P;
      CurT = cast<lang::PointerType>(under(CurT))->getElement();
    } else if (PtrVal) {
      internalError("field step on a pointer without dereference");
    }
    auto *ST = cast<lang::StructType>(under(CurT));
    Cur = B.CreateStructGEP(IGM.getLLVMType(ST), Cur, Step.Index,
                            ST->getField(Step.Index).Name);
    CurT = ST->getField(Step.Index).Ty;
  }
  if (!Cur)
    internalError("empty field path");
  return Cur;
}

Value *IRGenFunction::emitSelector(const SelectorExpr *E) {
  switch (E->getSelKind()) {
  case SelectorExpr::Field:
    return emitLoad(emitFieldAddr(E), E->getType(), E->getName());
  case SelectorExpr::PackageMember:
    if (auto *CD = dyn_cast_or_null<ConstDecl>(E->getMember()))
      return emitConstant(CD->getValue(), E->getType());
    if (auto *VD = dyn_cast_or_null<VarDecl>(E->getMember()))
      return emitLoad(IGM.getGlobal(VD), VD->getType(), VD->getName());
    if (auto *FD = dyn_cast_or_null<FuncDecl>(E->getMember()))
      return IGM.getStaticFuncValue(IGM.getFuncValueWrapper(FD));
    if (const lang::FuncLitExpr *Wrapper = E->getValueWrapper())
      return emitFuncLit(Wrapper);
    internalError("package member used as a value: " + E->getName());
  case SelectorExpr::Method:
    return emitMethodValue(E);
  case SelectorExpr::MethodExpr:
    return IGM.getStaticFuncValue(IGM.getMethodExprWrapper(E));
  case SelectorExpr::InterfaceMethod:
    return emitInterfaceMethodValue(E);
  case SelectorExpr::InterfaceMethodExpr:
    return IGM.getStaticFuncValue(IGM.getIfaceMethodWrapper(
        E->getBase()->getType(), E->getMethodIndex(), /*IsExpr=*/true));
  default:
    internalError("unresolved selector '" + E->getName() + "'");
  }
}

Value *IRGenFunction::emitIndex(const IndexExpr *E) {
  if (E->getIndexKind() == IndexExpr::FuncInstance)
    return IGM.getStaticFuncValue(IGM.getFuncValueWrapper(E->getInstance()));
  switch (E->getIndexKind()) {
  case IndexExpr::Map:
    return emitMapIndex(E);
  case IndexExpr::StringIdx: {
    Value *S = emitExpr(E->getBase());
    Value *I = indexToI64(emitExpr(E->getIndex()), E->getIndex()->getType());
    setLoc(E->getLoc());
    emitBoundsCheck(I, stringLen(S), true);
    return B.CreateLoad(IGM.I8, elemAddr(IGM.I8, stringPtr(S), I));
  }
  case IndexExpr::Array:
  case IndexExpr::PointerToArray:
  case IndexExpr::SliceIdx:
    return emitLoad(emitAddr(E), E->getType());
  default:
    internalError("unresolved index expression");
  }
}

Value *IRGenFunction::emitSliceExpr(const SliceExpr *E) {
  // s[l:h:m] checks, in Go's order: m <= cap, h <= m, l <= h (unsigned
  // compares, so negative values fail too), then
  //   { ptr + l*elemsize, h - l, m - l }
  Value *BaseV = emitExpr(E->getBase());
  const lang::Type *BT = under(E->getBase()->getType());
  Value *Ptr, *Len, *Cap;
  llvm::Type *ElemTy = IGM.I8;
  bool IsString = false;
  switch (E->getSliceKind()) {
  case SliceExpr::String:
    IsString = true;
    Ptr = stringPtr(BaseV);
    Len = Cap = stringLen(BaseV);
    break;
  case SliceExpr::SliceOfSlice:
    Ptr = B.CreateExtractValue(BaseV, 0);
    Len = B.CreateExtractValue(BaseV, 1);
    Cap = B.CreateExtractValue(BaseV, 2);
    ElemTy = IGM.getLLVMType(cast<lang::SliceType>(BT)->getElement());
    break;
  case SliceExpr::Array:
  case SliceExpr::PointerToArray: {
    if (E->getSliceKind() == SliceExpr::PointerToArray) {
      BT = under(cast<lang::PointerType>(BT)->getElement());
      setLoc(E->getLoc());
      emitNilCheck(BaseV);
    }
    auto *AT = cast<lang::ArrayType>(BT);
    Ptr = BaseV;
    Len = Cap = B.getInt64(AT->getLength());
    ElemTy = IGM.getLLVMType(AT->getElement());
    break;
  }
  default:
    internalError("unresolved slice expression");
  }
  auto idx = [&](const Expr *X) -> Value * {
    return X ? indexToI64(emitExpr(X), X->getType()) : nullptr;
  };
  Value *Lo = idx(E->getLow());
  Value *Hi = idx(E->getHigh());
  Value *Max = idx(E->getMax());
  setLoc(E->getLoc());
  if (!Lo)
    Lo = B.getInt64(0);
  if (Max) {
    emitPanicIf(B.CreateICmpUGT(Max, Cap), RuntimeFn::panicSliceBounds,
                {B.getInt64(abi::Slice3Acap), Max, Cap});
    if (!Hi)
      Hi = Len;
    emitPanicIf(B.CreateICmpUGT(Hi, Max), RuntimeFn::panicSliceBounds,
                {B.getInt64(abi::Slice3B), Hi, Max});
    emitPanicIf(B.CreateICmpUGT(Lo, Hi), RuntimeFn::panicSliceBounds,
                {B.getInt64(abi::Slice3C), Lo, Hi});
  } else {
    if (Hi) {
      emitPanicIf(
          B.CreateICmpUGT(Hi, Cap), RuntimeFn::panicSliceBounds,
          {B.getInt64(IsString ? abi::SliceAlen : abi::SliceAcap), Hi, Cap});
    } else {
      Hi = Len;
    }
    emitPanicIf(B.CreateICmpUGT(Lo, Hi), RuntimeFn::panicSliceBounds,
                {B.getInt64(abi::SliceB), Lo, Hi});
    Max = Cap;
  }
  Value *NewPtr = B.CreateInBoundsGEP(ElemTy, Ptr, Lo);
  Value *NewLen = B.CreateSub(Hi, Lo);
  if (IsString)
    return makeString(NewPtr, NewLen);
  return makeSlice(NewPtr, NewLen, B.CreateSub(Max, Lo));
}

Value *IRGenFunction::emitUnary(const UnaryExpr *E) {
  const Expr *X = E->getOperand();
  if (E->isReceive())
    return emitChanRecv(E);
  if (E->getOp() == tok::amp) {
    const Expr *Inner = skipParens(X);
    if (auto *CL = dyn_cast<CompositeLitExpr>(Inner)) {
      // &T{...}: p = runtime.mallocgc(sizeof(T)); *p = T{...}
      setLoc(E->getLoc());
      Value *P = emitAllocation(E, IGM.getLLVMType(CL->getType()), 1,
                                IGM.hasPointers(CL->getType()), "new");
      if (IGM.isAggregate(CL->getType()))
        emitCompositeInto(CL, P);
      else
        B.CreateStore(emitExpr(CL), P);
      return P;
    }
    return emitAddr(X);
  }
  Value *V = emitExpr(X);
  setLoc(E->getLoc());
  switch (E->getOp()) {
  case tok::plus:
    return V;
  case tok::minus:
    if (V->getType()->isFloatingPointTy())
      return B.CreateFNeg(V);
    return B.CreateNeg(V);
  case tok::exclaim:
    return B.CreateNot(V);
  case tok::caret:
    return B.CreateNot(V);
  default:
    internalError("unexpected unary operator");
  }
}

Value *IRGenFunction::emitBinary(const BinaryExpr *E) {
  tok::TokenKind Op = E->getOp();
  if (Op == tok::ampamp || Op == tok::pipepipe) {
    // a && b: br a, rhs, end; rhs: b; end: phi [false, ...], [b, rhs]
    Value *L = emitExpr(E->getLHS());
    BasicBlock *LHSBlock = B.GetInsertBlock();
    BasicBlock *RHS = newBlock(Op == tok::ampamp ? "and.rhs" : "or.rhs");
    BasicBlock *End = newBlock(Op == tok::ampamp ? "and.end" : "or.end");
    if (Op == tok::ampamp)
      B.CreateCondBr(L, RHS, End);
    else
      B.CreateCondBr(L, End, RHS);
    emitBlock(RHS);
    Value *R = emitExpr(E->getRHS());
    BasicBlock *RHSEnd = B.GetInsertBlock();
    emitBlock(End);
    PHINode *Phi = B.CreatePHI(IGM.I1, 2);
    Phi->addIncoming(B.getInt1(Op == tok::pipepipe), LHSBlock);
    Phi->addIncoming(R, RHSEnd);
    return Phi;
  }
  Value *L = emitExpr(E->getLHS());
  Value *R = emitExpr(E->getRHS());
  setLoc(E->getLoc());
  if (E->isComparison())
    return emitCompare(Op, L, R, E->getLHS()->getType());
  return emitBinaryOp(Op, L, R, E->getType(), E->getRHS()->getType());
}

Value *IRGenFunction::emitBinaryOp(tok::TokenKind Op, Value *L, Value *R,
                                   const lang::Type *T, const lang::Type *RTy) {
  if (Op == tok::shl || Op == tok::shr)
    return emitShift(Op, L, R, T, RTy);
  if (under(T)->isString()) {
    if (Op != tok::plus)
      internalError("unexpected string operator");
    // runtime.concatstring2(a, b)
    return callRuntime(RuntimeFn::concatstring2,
                       {stringPtr(L), stringLen(L), stringPtr(R), stringLen(R)},
                       "concat");
  }
  if (L->getType()->isFloatingPointTy()) {
    switch (Op) {
    case tok::plus:
      return B.CreateFAdd(L, R);
    case tok::minus:
      return B.CreateFSub(L, R);
    case tok::star:
      return B.CreateFMul(L, R);
    case tok::slash:
      return B.CreateFDiv(L, R);
    default:
      internalError("unexpected float operator");
    }
  }
  switch (Op) {
  case tok::plus:
    return B.CreateAdd(L, R);
  case tok::minus:
    return B.CreateSub(L, R);
  case tok::star:
    return B.CreateMul(L, R);
  case tok::slash:
  case tok::percent:
    return emitDivRem(Op, L, R, T);
  case tok::amp:
    return B.CreateAnd(L, R);
  case tok::pipe:
    return B.CreateOr(L, R);
  case tok::caret:
    return B.CreateXor(L, R);
  case tok::ampcaret:
    return B.CreateAnd(L, B.CreateNot(R));
  default:
    internalError("unexpected binary operator");
  }
}

Value *IRGenFunction::emitDivRem(tok::TokenKind Op, Value *L, Value *R,
                                 const lang::Type *T) {
  bool Signed = IGM.isSigned(T);
  bool Div = Op == tok::slash;
  auto *C = dyn_cast<ConstantInt>(R);
  if (!C || C->isZero())
    // if y == 0 { runtime.panicdivide() }
    emitPanicIf(B.CreateICmpEQ(R, ConstantInt::get(R->getType(), 0)),
                RuntimeFn::panicdivide);
  if (!Signed)
    return Div ? B.CreateUDiv(L, R) : B.CreateURem(L, R);
  if (C && !C->isMinusOne())
    return Div ? B.CreateSDiv(L, R) : B.CreateSRem(L, R);
  // Go defines MinInt / -1 == MinInt (wraps) and x % -1 == 0; LLVM's sdiv
  // traps on overflow, so divide by 1 instead and negate:
  //   y1 = y == -1 ? 1 : y;  q = y == -1 ? -x : x / y1;  r = x % y1
  Value *IsM1 = B.CreateICmpEQ(R, ConstantInt::getSigned(R->getType(), -1));
  Value *Y1 = B.CreateSelect(IsM1, ConstantInt::get(R->getType(), 1), R);
  if (!Div)
    return B.CreateSRem(L, Y1);
  // Named steps: C++ leaves the order of argument evaluation open, and the
  // emitted IR must not depend on the compiler that built gmc.
  Value *Neg = B.CreateNeg(L);
  Value *Quo = B.CreateSDiv(L, Y1);
  return B.CreateSelect(IsM1, Neg, Quo);
}

Value *IRGenFunction::emitShift(tok::TokenKind Op, Value *X, Value *S,
                                const lang::Type *XT, const lang::Type *ST) {
  auto *XTy = cast<IntegerType>(X->getType());
  unsigned W = XTy->getBitWidth();
  bool Signed = IGM.isSigned(XT);
  if (auto *C = dyn_cast<ConstantInt>(S)) {
    if (C->getValue().ult(W)) {
      Value *Amt = ConstantInt::get(XTy, C->getZExtValue());
      if (Op == tok::shl)
        return B.CreateShl(X, Amt);
      return Signed ? B.CreateAShr(X, Amt) : B.CreateLShr(X, Amt);
    }
  }
  // if s < 0 { runtime.panicshift() }            (signed counts only)
  if (IGM.isSigned(ST) && !isa<ConstantInt>(S))
    emitPanicIf(B.CreateICmpSLT(S, ConstantInt::get(S->getType(), 0)),
                RuntimeFn::panicshift);
  auto *STy = cast<IntegerType>(S->getType());
  // big = uint(s) >= width, compared in the wider of the two types.
  Value *Big = B.CreateICmpUGE(S, ConstantInt::get(STy, W), "shift.big");
  Value *Amt = STy->getBitWidth() > W   ? B.CreateTrunc(S, XTy)
               : STy->getBitWidth() < W ? B.CreateZExt(S, XTy)
                                        : S;
  if (Op == tok::shl || !Signed) {
    Value *Safe = B.CreateSelect(Big, ConstantInt::get(XTy, 0), Amt);
    Value *R = Op == tok::shl ? B.CreateShl(X, Safe) : B.CreateLShr(X, Safe);
    return B.CreateSelect(Big, ConstantInt::get(XTy, 0), R);
  }
  // x >> s for signed x: s >= width fills with the sign bit.
  Value *Safe = B.CreateSelect(Big, ConstantInt::get(XTy, W - 1), Amt);
  return B.CreateAShr(X, Safe);
}

Value *IRGenFunction::emitStringEq(Value *L, Value *R) {
  // len(a) == len(b) && runtime.memequal(a.ptr, b.ptr, len(a))
  Value *LL = stringLen(L), *RL = stringLen(R);
  BasicBlock *Start = B.GetInsertBlock();
  BasicBlock *Cmp = newBlock("streq.bytes");
  BasicBlock *End = newBlock("streq.end");
  B.CreateCondBr(B.CreateICmpEQ(LL, RL), Cmp, End);
  emitBlock(Cmp);
  Value *Eq = callRuntime(RuntimeFn::memequal, {stringPtr(L), stringPtr(R), LL},
                          "memeq");
  BasicBlock *CmpEnd = B.GetInsertBlock();
  emitBlock(End);
  PHINode *Phi = B.CreatePHI(IGM.I1, 2, "streq");
  Phi->addIncoming(B.getFalse(), Start);
  Phi->addIncoming(Eq, CmpEnd);
  return Phi;
}

Value *IRGenFunction::emitCompare(tok::TokenKind Op, Value *L, Value *R,
                                  const lang::Type *T) {
  const lang::Type *U = under(T);
  bool Eq = Op == tok::equalequal;
  switch (U->getKind()) {
  case lang::Type::String:
  case lang::Type::UntypedString: {
    if (Op == tok::equalequal || Op == tok::exclaimequal) {
      Value *E = emitStringEq(L, R);
      return Eq ? E : B.CreateNot(E);
    }
    Value *C = callRuntime(
        RuntimeFn::cmpstring,
        {stringPtr(L), stringLen(L), stringPtr(R), stringLen(R)}, "cmp");
    Value *Z = B.getInt64(0);
    switch (Op) {
    case tok::less:
      return B.CreateICmpSLT(C, Z);
    case tok::lessequal:
      return B.CreateICmpSLE(C, Z);
    case tok::greater:
      return B.CreateICmpSGT(C, Z);
    default:
      return B.CreateICmpSGE(C, Z);
    }
  }
  case lang::Type::Interface: {
    // With nil (a constant zero): only the type word tells.
    if (isa<Constant>(R) && cast<Constant>(R)->isNullValue()) {
      Value *LT = B.CreateExtractValue(L, 0);
      return Eq ? B.CreateIsNull(LT) : B.CreateIsNotNull(LT);
    }
    Value *E = emitInterfaceEq(L, R, T);
    return Eq ? E : B.CreateNot(E);
  }
  case lang::Type::Slice: {
    // Slices compare only with nil: their data pointer.
    Value *LP = B.CreateExtractValue(L, 0), *RP = B.CreateExtractValue(R, 0);
    return Eq ? B.CreateICmpEQ(LP, RP) : B.CreateICmpNE(LP, RP);
  }
  case lang::Type::Struct:
  case lang::Type::Array: {
    Function *EqFn = IGM.getEqualFn(T);
    CallInst *E = B.CreateCall(EqFn, {L, R}, "eq");
    E->addRetAttr(Attribute::ZExt);
    return Eq ? E : B.CreateNot(E);
  }
  default:
    break;
  }
  if (L->getType()->isFloatingPointTy()) {
    switch (Op) {
    case tok::equalequal:
      return B.CreateFCmpOEQ(L, R);
    case tok::exclaimequal:
      return B.CreateFCmpUNE(L, R);
    case tok::less:
      return B.CreateFCmpOLT(L, R);
    case tok::lessequal:
      return B.CreateFCmpOLE(L, R);
    case tok::greater:
      return B.CreateFCmpOGT(L, R);
    case tok::greaterequal:
      return B.CreateFCmpOGE(L, R);
    default:
      internalError("unexpected comparison");
    }
  }
  bool Signed = IGM.isSigned(T);
  switch (Op) {
  case tok::equalequal:
    return B.CreateICmpEQ(L, R);
  case tok::exclaimequal:
    return B.CreateICmpNE(L, R);
  case tok::less:
    return Signed ? B.CreateICmpSLT(L, R) : B.CreateICmpULT(L, R);
  case tok::lessequal:
    return Signed ? B.CreateICmpSLE(L, R) : B.CreateICmpULE(L, R);
  case tok::greater:
    return Signed ? B.CreateICmpSGT(L, R) : B.CreateICmpUGT(L, R);
  case tok::greaterequal:
    return Signed ? B.CreateICmpSGE(L, R) : B.CreateICmpUGE(L, R);
  default:
    internalError("unexpected comparison");
  }
}

//===----------------------------------------------------------------------===//
// Composite literals
//===----------------------------------------------------------------------===//

void IRGenFunction::emitCompositeInto(const CompositeLitExpr *E, Value *Addr) {
  const lang::Type *T = E->getType();
  const lang::Type *U = under(T);
  emitZero(Addr, T);
  llvm::Type *LT = IGM.getLLVMType(T);
  for (const CompositeElement &El : E->elements()) {
    Value *Dst;
    const lang::Type *ET;
    if (auto *ST = dyn_cast<lang::StructType>(U)) {
      Dst = B.CreateStructGEP(LT, Addr, El.FieldIndex);
      ET = ST->getField(El.FieldIndex).Ty;
    } else {
      auto *AT = cast<lang::ArrayType>(U);
      ET = AT->getElement();
      Dst = B.CreateConstInBoundsGEP2_64(LT, Addr, 0, El.Index);
    }
    auto *Inner = dyn_cast<CompositeLitExpr>(skipParens(El.Value));
    if (Inner && IGM.isAggregate(Inner->getType())) {
      emitCompositeInto(Inner, Dst);
      continue;
    }
    emitStore(emitExpr(El.Value), Dst, ET);
  }
}

Value *IRGenFunction::emitCompositeLit(const CompositeLitExpr *E) {
  const lang::Type *T = E->getType();
  const lang::Type *U = under(T);
  setLoc(E->getLoc());
  if (IGM.isAggregate(T)) {
    Value *Tmp = createTemp(T, "lit");
    emitCompositeInto(E, Tmp);
    return Tmp;
  }
  if (isa<lang::MapType>(U))
    return emitMapLiteral(E);
  auto *ST = dyn_cast<lang::SliceType>(U);
  if (!ST)
    internalError("composite literal of type " + typeString(T));
  // []T{...}: a new backing array of len elements, filled in place.
  uint64_t N = E->getLength();
  const lang::Type *ET = ST->getElement();
  llvm::Type *ELT = IGM.getLLVMType(ET);
  Value *Data;
  if (N == 0 || IGM.getSize(ET) == 0) {
    Data = getZeroBase(IGM);
  } else {
    Data = emitAllocation(E, ELT, N, IGM.hasPointers(ET), "backing");
    for (const CompositeElement &El : E->elements()) {
      Value *Dst = B.CreateConstInBoundsGEP1_64(ELT, Data, El.Index);
      auto *Inner = dyn_cast<CompositeLitExpr>(skipParens(El.Value));
      if (Inner && IGM.isAggregate(Inner->getType())) {
        emitCompositeInto(Inner, Dst);
        continue;
      }
      emitStore(emitExpr(El.Value), Dst, ET);
    }
  }
  return makeSlice(Data, B.getInt64(N), B.getInt64(N));
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

/// The function literal that E is (the common comparator of sort.Slice),
/// or null.
static const lang::FuncDecl *literalCallee(const Expr *E) {
  auto *Lit = dyn_cast<lang::FuncLitExpr>(skipParens(E));
  return Lit ? Lit->getFunc() : nullptr;
}

Value *IRGenFunction::emitCall(const CallExpr *E) {
  switch (E->getCallKind()) {
  case CallExpr::Function:
  case CallExpr::Method:
    return emitFunctionCall(E);
  case CallExpr::Builtin:
    return emitBuiltinCall(E);
  case CallExpr::Package:
    return emitPackageCall(E);
  case CallExpr::Conversion:
    return emitConversion(E);
  case CallExpr::FuncValue:
    return emitFuncValueCall(E);
  case CallExpr::InterfaceMethod:
    return emitInterfaceCall(E);
  default:
    internalError("unresolved call");
  }
}

Value *IRGenFunction::emitFunctionCall(const CallExpr *E) {
  const FuncDecl *Callee = nullptr;
  const SelectorExpr *MethodSel = nullptr;
  if (E->getCallKind() == CallExpr::Method) {
    MethodSel = cast<SelectorExpr>(skipParens(E->getCallee()));
    Callee = MethodSel->getMethod();
  } else {
    Callee = E->getFunc();
  }
  if (!Callee)
    internalError("call without a resolved callee");
  Function *Fn = IGM.getFunction(Callee);
  const FunctionABI &CABI = IGM.getABI(Callee);

  SmallVector<Value *, 8> Args;
  Value *Results = emitResultsSlot(CABI, Args);
  if (MethodSel)
    Args.push_back(emitReceiverArg(MethodSel, E->getLoc()));
  emitCallArgs(E, Callee->getSignature(), Args);
  setLoc(E->getLoc());
  return finishCall(B.CreateCall(Fn, Args), CABI, Results, E);
}

Value *IRGenFunction::emitResultsSlot(const FunctionABI &CABI,
                                      SmallVectorImpl<Value *> &Args) {
  if (!CABI.UsesSRet)
    return nullptr;
  Value *Results = createTemp(CABI.ResultsTy, "results");
  Args.push_back(Results);
  return Results;
}

Value *IRGenFunction::finishCall(CallInst *CI, const FunctionABI &CABI,
                                 Value *Results, const CallExpr *E) {
  IGM.addABIAttributes(CI, CABI);
  if (CABI.UsesSRet) {
    // A single aggregate result is field 0 of the results struct; a tuple
    // is the struct itself.
    if (isa<TupleType>(E->getType()))
      return Results;
    return B.CreateStructGEP(CABI.ResultsTy, Results, 0);
  }
  if (CI->getType()->isVoidTy())
    return nullptr;
  return CI;
}

Value *IRGenFunction::emitReceiverArg(const SelectorExpr *MethodSel,
                                      SMLoc Loc) {
  // The receiver: follow the embedded-field path, then adjust (&x / *p).
  const FuncDecl *Callee = MethodSel->getMethod();
  const Expr *Base = MethodSel->getBase();
  const lang::Type *RT = Base->getType();
  Value *Recv;
  bool RecvIsAddr = false; // Recv holds the address of a value of type RT
  if (MethodSel->path().empty()) {
    if (MethodSel->getRecvAdjust() == SelectorExpr::AddrOf) {
      Recv = emitAddr(Base);
      RecvIsAddr = true;
    } else {
      Recv = emitExpr(Base);
      RecvIsAddr = IGM.isAggregate(RT);
    }
  } else {
    Recv = followEmbeddedPath(emitExpr(Base), RT, MethodSel->path(), Loc);
    RecvIsAddr = true;
  }
  return adjustReceiver(Recv, RecvIsAddr, RT, Callee, Loc);
}

Value *IRGenFunction::followEmbeddedPath(Value *BaseVal, const lang::Type *&RT,
                                         ArrayRef<FieldStep> Path, SMLoc Loc) {
  // BaseVal is the value of type RT: an address for an aggregate, else the
  // pointer itself. The result is the address of the last field.
  Value *Cur = nullptr, *PtrVal = nullptr;
  if (IGM.isAggregate(RT))
    Cur = BaseVal;
  else
    PtrVal = BaseVal;
  for (const FieldStep &Step : Path) {
    if (Step.Deref) {
      Value *P = PtrVal ? PtrVal : B.CreateLoad(IGM.Ptr, Cur);
      PtrVal = nullptr;
      setLoc(Loc);
      emitNilCheck(P);
      Cur = P;
      RT = cast<lang::PointerType>(under(RT))->getElement();
    }
    auto *ST = cast<lang::StructType>(under(RT));
    Cur = B.CreateStructGEP(IGM.getLLVMType(ST), Cur, Step.Index);
    RT = ST->getField(Step.Index).Ty;
  }
  return Cur;
}

Value *IRGenFunction::adjustReceiver(Value *Recv, bool RecvIsAddr,
                                     const lang::Type *RT,
                                     const FuncDecl *Callee, SMLoc Loc) {
  setLoc(Loc);
  if (Callee->hasPointerReceiver()) {
    // Need a pointer.
    if (RecvIsAddr && !isa<lang::PointerType>(under(RT)))
      ; // Recv is &x already
    else if (RecvIsAddr)
      Recv = B.CreateLoad(IGM.Ptr, Recv);
    return Recv;
  }
  const lang::Type *ValT = Callee->getReceiver()->getType();
  if (isa<lang::PointerType>(under(RT))) {
    // (*p).M(): dereference, nil-checked.
    Value *P = RecvIsAddr ? B.CreateLoad(IGM.Ptr, Recv) : Recv;
    emitNilCheck(P);
    return emitCopyToTemp(emitLoad(P, ValT), ValT);
  }
  if (RecvIsAddr)
    return emitCopyToTemp(emitLoad(Recv, ValT), ValT);
  return emitCopyToTemp(Recv, ValT);
}

void IRGenFunction::emitCallArgs(const CallExpr *E, const SignatureType *Sig,
                                 SmallVectorImpl<Value *> &Args) {
  // Arguments; f(g()) spreads g's results.
  SmallVector<Value *, 8> ArgVals;
  const auto &CallArgs = E->args();
  if (CallArgs.size() == 1 && isa<TupleType>(CallArgs[0]->getType())) {
    auto *TT = cast<TupleType>(CallArgs[0]->getType());
    Value *R = emitExpr(CallArgs[0]);
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    for (unsigned I = 0; I < TT->size(); ++I)
      ArgVals.push_back(
          emitLoad(B.CreateStructGEP(STy, R, I), TT->getElement(I)));
  } else {
    for (const Expr *A : CallArgs)
      ArgVals.push_back(emitCopyToTemp(emitExpr(A), A->getType()));
  }
  auto Params = Sig->getParams();
  unsigned NFixed = Params.size() - (Sig->isVariadic() ? 1 : 0);
  for (unsigned I = 0; I < NFixed; ++I)
    Args.push_back(emitCopyToTemp(ArgVals[I], Params[I]));
  if (!Sig->isVariadic())
    return;
  if (E->hasEllipsis()) {
    Args.push_back(ArgVals[NFixed]);
    return;
  }
  // f(a, b, c) for f(xs ...T): xs = []T{b, c} (nil when empty).
  auto *ST = cast<lang::SliceType>(under(Params.back()));
  const lang::Type *ET = ST->getElement();
  unsigned N = ArgVals.size() - NFixed;
  if (N == 0) {
    Args.push_back(Constant::getNullValue(IGM.SliceTy));
    return;
  }
  llvm::Type *ELT = IGM.getLLVMType(ET);
  Value *Data = callRuntime(
      RuntimeFn::mallocgc,
      {B.getInt64(N * IGM.getSize(ET)), B.getInt1(IGM.hasPointers(ET))},
      "varargs");
  for (unsigned I = 0; I < N; ++I)
    emitStore(ArgVals[NFixed + I], B.CreateConstInBoundsGEP1_64(ELT, Data, I),
              ET);
  Args.push_back(makeSlice(Data, B.getInt64(N), B.getInt64(N)));
}

Value *IRGenFunction::emitAssignConvert(Value *V, const lang::Type *From,
                                        const lang::Type *To) {
  if (!To->isInterface() || lang::isIdentical(From, To))
    return V;
  return emitToInterface(V, From, To, /*Site=*/nullptr);
}

Value *IRGenFunction::emitAnyArgs(const CallExpr *E,
                                  ArrayRef<const lang::Type *> LeadingTypes,
                                  SmallVectorImpl<Value *> &Leading,
                                  Value *&Count) {
  // Sema converted each argument to `any`: an abi::Eface each, in an
  // on-stack array (the runtime only reads them). f(xs...) passes the
  // slice's own array.
  unsigned First = LeadingTypes.size();
  SmallVector<Value *, 8> Vals;
  if (E->args().size() == 1 && isa<TupleType>(E->args()[0]->getType())) {
    // fmt.Println(f()) with f returning several values; the leading
    // arguments are f's first results, converted as assignment does.
    const Expr *Call = E->args()[0];
    auto *TT = cast<TupleType>(Call->getType());
    Value *R = emitExpr(Call);
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    const lang::Type *Any = IGM.CU.getTypes().getEmptyInterface();
    for (unsigned I = 0; I < TT->size(); ++I) {
      const lang::Type *ET = TT->getElement(I);
      Value *V = emitLoad(B.CreateStructGEP(STy, R, I), ET);
      if (I < First)
        Leading.push_back(LeadingTypes[I]->isInterface()
                              ? emitToInterface(V, ET, LeadingTypes[I], Call)
                              : V);
      else
        Vals.push_back(emitToInterface(V, ET, Any, Call));
    }
  } else {
    for (unsigned I = 0; I < First; ++I)
      Leading.push_back(emitExpr(E->args()[I]));
    ArrayRef<Expr *> Args = ArrayRef<Expr *>(E->args()).drop_front(First);
    if (E->hasEllipsis() && !Args.empty()) {
      Value *S = emitExpr(Args.back());
      Count = B.CreateExtractValue(S, 1);
      return B.CreateExtractValue(S, 0);
    }
    for (const Expr *A : Args) {
      Value *V = emitExpr(A);
      const lang::Type *AT = A->getType();
      auto *I = dyn_cast<lang::InterfaceType>(under(AT));
      if (!I)
        internalError("fmt argument not converted to an interface");
      if (!I->isEmpty()) // as the empty interface: the dynamic type
        V = B.CreateInsertValue(V, emitDynamicType(V, AT), 0);
      Vals.push_back(V);
    }
  }
  Count = B.getInt64(Vals.size());
  if (Vals.empty())
    return ConstantPointerNull::get(IGM.Ptr);
  auto *ArrTy = llvm::ArrayType::get(IGM.IfaceTy, Vals.size());
  Value *Arr = createTemp(ArrTy, "anyargs");
  for (unsigned I = 0; I < Vals.size(); ++I)
    B.CreateStore(Vals[I], B.CreateConstInBoundsGEP2_32(ArrTy, Arr, 0, I));
  return Arr;
}

void IRGenFunction::emitPrint(const CallExpr *E, bool Ln) {
  // print/println: one runtime.print* call per argument (Go's formats, to
  // stderr); println adds printsp between arguments and printnl at the end.
  SmallVector<std::pair<Value *, const lang::Type *>, 8> Vals;
  const auto &Args = E->args();
  if (Args.size() == 1 && isa<TupleType>(Args[0]->getType())) {
    // println(f()) with f returning several values.
    auto *TT = cast<TupleType>(Args[0]->getType());
    Value *R = emitExpr(Args[0]);
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    for (unsigned I = 0; I < TT->size(); ++I)
      Vals.push_back({emitLoad(B.CreateStructGEP(STy, R, I), TT->getElement(I)),
                      TT->getElement(I)});
  } else {
    for (const Expr *A : Args)
      Vals.push_back({emitExpr(A), A->getType()});
  }
  setLoc(E->getLoc());
  for (unsigned I = 0; I < Vals.size(); ++I) {
    if (Ln && I)
      callRuntime(RuntimeFn::printsp, {});
    Value *V = Vals[I].first;
    const lang::Type *U = under(Vals[I].second);
    if (U->isBoolean()) {
      callRuntime(RuntimeFn::printbool, {V});
    } else if (U->isInteger()) {
      callRuntime(IGM.isSigned(U) ? RuntimeFn::printint : RuntimeFn::printuint,
                  {indexToI64(V, U)});
    } else if (U->isFloat()) {
      if (V->getType() != B.getDoubleTy())
        V = B.CreateFPExt(V, B.getDoubleTy());
      callRuntime(RuntimeFn::printfloat, {V});
    } else if (U->isString()) {
      callRuntime(RuntimeFn::printstring, {stringPtr(V), stringLen(V)});
    } else if (isa<lang::SliceType>(U)) {
      callRuntime(RuntimeFn::printslice,
                  {B.CreateExtractValue(V, 0), B.CreateExtractValue(V, 1),
                   B.CreateExtractValue(V, 2)});
    } else if (U->getKind() == lang::Type::Interface) {
      // Go's printeface/printiface: (type,data).
      Constant *Open = IGM.getString("("), *Comma = IGM.getString(","),
               *Close = IGM.getString(")");
      callRuntime(RuntimeFn::printstring, {stringPtr(Open), stringLen(Open)});
      callRuntime(RuntimeFn::printpointer, {B.CreateExtractValue(V, 0)});
      callRuntime(RuntimeFn::printstring, {stringPtr(Comma), stringLen(Comma)});
      callRuntime(RuntimeFn::printpointer, {B.CreateExtractValue(V, 1)});
      callRuntime(RuntimeFn::printstring, {stringPtr(Close), stringLen(Close)});
    } else if (U->getKind() == lang::Type::UntypedNil) {
      callRuntime(RuntimeFn::printstring, {stringPtr(IGM.getString("nil")),
                                           stringLen(IGM.getString("nil"))});
    } else if (V->getType()->isPointerTy()) {
      callRuntime(RuntimeFn::printpointer, {V});
    } else {
      internalError("print of unsupported type " + typeString(U));
    }
  }
  if (Ln)
    callRuntime(RuntimeFn::printnl, {});
}

Value *IRGenFunction::emitMinMax(const CallExpr *E, bool IsMin) {
  const lang::Type *T = E->getType();
  const lang::Type *U = under(T);
  Value *Acc = nullptr;
  for (const Expr *A : E->args()) {
    Value *V = emitExpr(A);
    if (!Acc) {
      Acc = V;
      continue;
    }
    setLoc(E->getLoc());
    if (U->isFloat()) {
      // Go's min/max propagate NaN and order -0 before +0: exactly
      // llvm.minimum / llvm.maximum.
      Acc = emitMathCall(IsMin ? Intrinsic::minimum : Intrinsic::maximum,
                         {Acc, V});
    } else if (U->isString()) {
      Value *Less = emitCompare(tok::less, V, Acc, T);
      Acc = IsMin
                ? B.CreateSelect(Less, V, Acc)
                : B.CreateSelect(emitCompare(tok::greater, V, Acc, T), V, Acc);
    } else {
      Value *Better = emitCompare(IsMin ? tok::less : tok::greater, V, Acc, T);
      Acc = B.CreateSelect(Better, V, Acc);
    }
  }
  return Acc;
}

AppendArgs IRGenFunction::prepareAppendArgs(const CallExpr *E) {
  IRGenFunction &IGF = *this;
  AppendArgs A;
  const auto &Args = E->args();
  if (E->hasEllipsis()) {
    A.Spread = IGF.emitExpr(Args[1]);
    A.SpreadIsString = under(Args[1]->getType())->isString();
    return A;
  }
  for (unsigned I = 1; I < Args.size(); ++I)
    A.Vals.push_back(
        IGF.emitCopyToTemp(IGF.emitExpr(Args[I]), Args[I]->getType()));
  return A;
}

/// s = append(s, ...) given the evaluated old slice:
///   newlen = len + n
///   if uint(newlen) > uint(cap) { runtime.growslice(&out, ptr, len, cap,
///                                  newlen, elemsize, hasptrs) }
///   copy the new elements to ptr[len:newlen]
Value *IRGenFunction::emitAppendTo(Value *S, const lang::SliceType *ST,
                                   AppendArgs &A) {
  IRGenFunction &IGF = *this;
  auto &B = IGF.B;
  const lang::Type *ET = ST->getElement();
  llvm::Type *ELT = IGM.getLLVMType(ET);
  uint64_t ES = IGM.getSize(ET);
  Value *Ptr = B.CreateExtractValue(S, 0, "old.ptr");
  Value *Len = B.CreateExtractValue(S, 1, "old.len");
  Value *Cap = B.CreateExtractValue(S, 2, "old.cap");
  Value *N;
  if (A.Spread)
    N = A.SpreadIsString ? IGF.stringLen(A.Spread)
                         : B.CreateExtractValue(A.Spread, 1);
  else
    N = B.getInt64(A.Vals.size());
  if (!A.Spread && A.Vals.empty())
    return S;
  Value *NewLen = B.CreateAdd(Len, N, "newlen");
  BasicBlock *Grow = IGF.newBlock("append.grow");
  BasicBlock *Cont = IGF.newBlock("append.cont");
  BasicBlock *Before = B.GetInsertBlock();
  B.CreateCondBr(B.CreateICmpUGT(NewLen, Cap), Grow, Cont);
  IGF.emitBlock(Grow);
  Value *Out = IGF.createTemp(IGM.SliceTy, "grown");
  IGF.callRuntime(RuntimeFn::growslice,
                  {Out, Ptr, Len, Cap, NewLen, B.getInt64(ES),
                   B.getInt1(IGM.hasPointers(ET))});
  Value *GrownSlice = B.CreateLoad(IGM.SliceTy, Out);
  Value *GPtr = B.CreateExtractValue(GrownSlice, 0);
  Value *GCap = B.CreateExtractValue(GrownSlice, 2);
  BasicBlock *GrowEnd = B.GetInsertBlock();
  IGF.emitBlock(Cont);
  PHINode *PtrPhi = B.CreatePHI(IGM.Ptr, 2, "ptr");
  PtrPhi->addIncoming(Ptr, Before);
  PtrPhi->addIncoming(GPtr, GrowEnd);
  PHINode *CapPhi = B.CreatePHI(IGM.I64, 2, "cap");
  CapPhi->addIncoming(Cap, Before);
  CapPhi->addIncoming(GCap, GrowEnd);
  if (A.Spread) {
    Value *Src = A.SpreadIsString ? IGF.stringPtr(A.Spread)
                                  : B.CreateExtractValue(A.Spread, 0);
    Value *Dst = B.CreateInBoundsGEP(ELT, PtrPhi, Len);
    B.CreateMemMove(Dst, MaybeAlign(1), Src, MaybeAlign(1),
                    B.CreateMul(N, B.getInt64(ES)));
  } else {
    for (unsigned I = 0; I < A.Vals.size(); ++I) {
      Value *Idx = B.CreateAdd(Len, B.getInt64(I));
      IGF.emitStore(A.Vals[I], B.CreateInBoundsGEP(ELT, PtrPhi, Idx), ET);
    }
  }
  return IGF.makeSlice(PtrPhi, NewLen, CapPhi);
}

Value *IRGenFunction::emitAppend(const CallExpr *E) {
  Value *S = emitExpr(E->args()[0]);
  AppendArgs A = prepareAppendArgs(E);
  setLoc(E->getLoc());
  return emitAppendTo(S, cast<lang::SliceType>(under(E->getType())), A);
}

Value *IRGenFunction::emitBuiltinCall(const CallExpr *E) {
  const auto &Args = E->args();
  switch (E->getBuiltin()) {
  case BuiltinKind::Len:
  case BuiltinKind::Cap: {
    bool IsLen = E->getBuiltin() == BuiltinKind::Len;
    const lang::Type *U = under(Args[0]->getType());
    if (auto *PT = dyn_cast<lang::PointerType>(U))
      U = under(PT->getElement());
    if (auto *AT = dyn_cast<lang::ArrayType>(U)) {
      // Not a constant: the operand calls or receives, which happens.
      if (lang::containsCallOrReceive(Args[0]))
        emitExpr(Args[0]);
      return B.getInt64(AT->getLength());
    }
    Value *V = emitExpr(Args[0]);
    setLoc(E->getLoc());
    if (U->isString())
      return stringLen(V);
    if (isa<lang::SliceType>(U))
      return B.CreateExtractValue(V, IsLen ? 1 : 2, IsLen ? "len" : "cap");
    if (isa<lang::MapType>(U))
      return emitMapLen(V);
    if (isa<lang::ChanType>(U))
      return callRuntime(IsLen ? RuntimeFn::chanlen : RuntimeFn::chancap, {V},
                         IsLen ? "len" : "cap");
    internalError("len/cap of unsupported type");
  }
  case BuiltinKind::Make: {
    const lang::Type *T = E->getTypeArg();
    if (auto *MT = dyn_cast<lang::MapType>(under(T)))
      return emitMakeMap(MT, Args.size() > 1 ? Args[1] : nullptr);
    if (isa<lang::ChanType>(under(T)))
      return emitMakeChan(E);
    auto *ST = cast<lang::SliceType>(under(T));
    Value *Len = indexToI64(emitExpr(Args[1]), Args[1]->getType());
    Value *Cap = Args.size() > 2
                     ? indexToI64(emitExpr(Args[2]), Args[2]->getType())
                     : Len;
    setLoc(E->getLoc());
    // if len < 0 { panicmakeslicelen() }; if cap < len { panicmakeslicecap() }
    emitPanicIf(B.CreateICmpSLT(Len, B.getInt64(0)),
                RuntimeFn::panicmakeslicelen);
    if (Args.size() > 2)
      emitPanicIf(B.CreateICmpSLT(Cap, Len), RuntimeFn::panicmakeslicecap);
    const lang::Type *ET = ST->getElement();
    // A constant-size make that escape analysis keeps in the frame.
    auto *ConstCap = dyn_cast<ConstantInt>(Cap);
    if (E->isNonEscaping() && ConstCap && isa<ConstantInt>(Len) &&
        ConstCap->getZExtValue() * IGM.getSize(ET) <= MaxFrameAllocation)
      return makeSlice(emitAllocation(E, IGM.getLLVMType(ET),
                                      ConstCap->getZExtValue(),
                                      IGM.hasPointers(ET), "makeslice"),
                       Len, Cap);
    Value *Data = callRuntime(
        RuntimeFn::makeslice,
        {Len, Cap, B.getInt64(IGM.getSize(ET)), B.getInt1(IGM.hasPointers(ET))},
        "makeslice");
    return makeSlice(Data, Len, Cap);
  }
  case BuiltinKind::New:
    setLoc(E->getLoc());
    return emitAllocation(E, IGM.getLLVMType(E->getTypeArg()), 1,
                          IGM.hasPointers(E->getTypeArg()), "new");
  case BuiltinKind::Append:
    return emitAppend(E);
  case BuiltinKind::Copy: {
    // n = min(len(dst), len(src)); memmove(dst.ptr, src.ptr, n*elemsize)
    Value *Dst = emitExpr(Args[0]);
    Value *Src = emitExpr(Args[1]);
    setLoc(E->getLoc());
    bool SrcIsString = under(Args[1]->getType())->isString();
    auto *ST = cast<lang::SliceType>(under(Args[0]->getType()));
    Value *DL = B.CreateExtractValue(Dst, 1);
    Value *SL = SrcIsString ? stringLen(Src) : B.CreateExtractValue(Src, 1);
    Value *N = B.CreateSelect(B.CreateICmpSLT(DL, SL), DL, SL, "n");
    uint64_t ES = IGM.getSize(ST->getElement());
    Value *DstPtr = B.CreateExtractValue(Dst, 0);
    Value *SrcPtr = SrcIsString ? stringPtr(Src) : B.CreateExtractValue(Src, 0);
    Value *Bytes = B.CreateMul(N, B.getInt64(ES));
    B.CreateMemMove(DstPtr, MaybeAlign(1), SrcPtr, MaybeAlign(1), Bytes);
    return N;
  }
  case BuiltinKind::Delete:
    emitMapDelete(E);
    return nullptr;
  case BuiltinKind::Close: {
    Value *Ch = emitExpr(Args[0]);
    setLoc(E->getLoc());
    callRuntime(RuntimeFn::closechan, {Ch});
    return nullptr;
  }
  case BuiltinKind::Clear: {
    Value *V = emitExpr(Args[0]);
    setLoc(E->getLoc());
    const lang::Type *U = under(Args[0]->getType());
    if (auto *MT = dyn_cast<lang::MapType>(U)) {
      emitMapClear(MT, V);
      return nullptr;
    }
    auto *ST = cast<lang::SliceType>(U);
    Value *Bytes = B.CreateMul(B.CreateExtractValue(V, 1),
                               B.getInt64(IGM.getSize(ST->getElement())));
    B.CreateMemSet(B.CreateExtractValue(V, 0), B.getInt8(0), Bytes,
                   MaybeAlign(1));
    return nullptr;
  }
  case BuiltinKind::Min:
  case BuiltinKind::Max:
    return emitMinMax(E, E->getBuiltin() == BuiltinKind::Min);
  case BuiltinKind::Recover: {
    // Only a deferred function's own recover() (CanRecover, from its
    // prologue) may stop a panic.
    setLoc(E->getLoc());
    Value *Eligible = CanRecover ? CanRecover : B.getFalse();
    return callRuntime(RuntimeFn::gorecover, {Eligible}, "recovered");
  }
  case BuiltinKind::Panic: {
    // Sema converted the operand to interface{}.
    Value *V = emitExpr(Args[0]);
    setLoc(E->getLoc());
    callRuntime(RuntimeFn::gopanic,
                {B.CreateExtractValue(V, 0), B.CreateExtractValue(V, 1)});
    B.CreateUnreachable();
    return nullptr;
  }
  case BuiltinKind::Print:
  case BuiltinKind::Println:
    emitPrint(E, E->getBuiltin() == BuiltinKind::Println);
    return nullptr;
  }
  internalError("unknown builtin");
}

/// The parameter types of the package function E calls.
static ArrayRef<lang::Type *> pkgFuncParams(const CallExpr *E) {
  return cast<SignatureType>(lang::skipParens(E->getCallee())->getType())
      ->getParams();
}

Value *IRGenFunction::emitPackageCall(const CallExpr *E) {
  const auto &Args = E->args();
  auto stringArgs = [&](Value *S) {
    return std::pair<Value *, Value *>(stringPtr(S), stringLen(S));
  };
  // fmt's printers return (n int, err error); gm's never fail.
  auto printResults = [&](Value *N) -> Value * {
    auto *TT = dyn_cast<TupleType>(E->getType());
    if (!TT)
      return nullptr;
    auto *STy = cast<StructType>(IGM.getLLVMType(TT));
    Value *R = createTemp(STy, "fmt.results");
    B.CreateStore(Constant::getNullValue(STy), R);
    B.CreateStore(N, B.CreateStructGEP(STy, R, 0));
    return R;
  };
  switch (E->getPkgFunc()) {
  case PkgFunc::FmtPrintln:
  case PkgFunc::FmtPrint:
  case PkgFunc::FmtSprint:
  case PkgFunc::FmtSprintln: {
    Value *N;
    SmallVector<Value *, 1> None;
    Value *Arr = emitAnyArgs(E, {}, None, N);
    setLoc(E->getLoc());
    RuntimeFn F;
    switch (E->getPkgFunc()) {
    case PkgFunc::FmtPrintln:
      F = RuntimeFn::fmt_Println;
      break;
    case PkgFunc::FmtPrint:
      F = RuntimeFn::fmt_Print;
      break;
    case PkgFunc::FmtSprintln:
      F = RuntimeFn::fmt_Sprintln;
      break;
    default:
      F = RuntimeFn::fmt_Sprint;
      break;
    }
    Value *R = callRuntime(F, {Arr, N});
    if (R->getType()->isIntegerTy())
      return printResults(R);
    return R;
  }
  case PkgFunc::FmtPrintf:
  case PkgFunc::FmtSprintf:
  case PkgFunc::FmtErrorf: {
    Value *N;
    SmallVector<Value *, 1> Leading;
    Value *Arr = emitAnyArgs(E, pkgFuncParams(E).take_front(1), Leading, N);
    Value *Fmt = Leading[0];
    setLoc(E->getLoc());
    auto [P, L] = stringArgs(Fmt);
    if (E->getPkgFunc() == PkgFunc::FmtErrorf)
      return callRuntime(RuntimeFn::fmt_Errorf,
                         {IGM.getTypeDesc(E->getType()), P, L, Arr, N});
    if (E->getPkgFunc() == PkgFunc::FmtSprintf)
      return callRuntime(RuntimeFn::fmt_Sprintf, {P, L, Arr, N});
    return printResults(callRuntime(RuntimeFn::fmt_Printf, {P, L, Arr, N}));
  }
  case PkgFunc::FmtFprintln:
  case PkgFunc::FmtFprint:
  case PkgFunc::FmtFprintf: {
    // (n, err) = w.Write(p), where p shares the bytes of the fresh string
    // s = fmt.Sprint*(...): nothing else sees them, so no copy. As in Go,
    // the arguments are formatted before a nil w panics.
    // The io.Writer (whose one method is Write), and Fprintf's format.
    bool Printf = E->getPkgFunc() == PkgFunc::FmtFprintf;
    ArrayRef<lang::Type *> Params = pkgFuncParams(E);
    const lang::Type *Writer = Params[0];
    SmallVector<Value *, 2> Leading;
    Value *N;
    Value *Arr = emitAnyArgs(E, Params.take_front(Printf ? 2 : 1), Leading, N);
    Value *W = Leading[0], *S;
    setLoc(E->getLoc());
    if (Printf) {
      auto [P, L] = stringArgs(Leading[1]);
      S = callRuntime(RuntimeFn::fmt_Sprintf, {P, L, Arr, N});
    } else {
      S = callRuntime(E->getPkgFunc() == PkgFunc::FmtFprintln
                          ? RuntimeFn::fmt_Sprintln
                          : RuntimeFn::fmt_Sprint,
                      {Arr, N});
    }
    auto *WI = cast<lang::InterfaceType>(under(Writer));
    const lang::InterfaceMethod &Write = WI->getMethods()[0];
    const FunctionABI &ABI = IGM.getIfaceMethodABI(Write.Sig);
    SmallVector<Value *, 4> CallArgs;
    Value *Results = emitResultsSlot(ABI, CallArgs);
    Value *Word;
    Value *Callee = emitItabMethod(W, WI, 0, Word);
    CallArgs.push_back(Word);
    Value *Len = stringLen(S);
    CallArgs.push_back(emitCopyToTemp(makeSlice(stringPtr(S), Len, Len),
                                      Write.Sig->getParams()[0]));
    return finishCall(B.CreateCall(ABI.FnTy, Callee, CallArgs), ABI, Results,
                      E);
  }
  case PkgFunc::SortInts:
  case PkgFunc::SortStrings: {
    Value *S = emitExpr(Args[0]);
    setLoc(E->getLoc());
    callRuntime(E->getPkgFunc() == PkgFunc::SortInts ? RuntimeFn::sort_Ints
                                                     : RuntimeFn::sort_Strings,
                {B.CreateExtractValue(S, 0), B.CreateExtractValue(S, 1),
                 B.CreateExtractValue(S, 2)});
    return nullptr;
  }
  case PkgFunc::SortFloat64s: {
    Value *S = emitExpr(Args[0]);
    setLoc(E->getLoc());
    callRuntime(RuntimeFn::sort_Float64s,
                {B.CreateExtractValue(S, 0), B.CreateExtractValue(S, 1),
                 B.CreateExtractValue(S, 2)});
    return nullptr;
  }
  case PkgFunc::SortIntsAreSorted:
  case PkgFunc::SortStringsAreSorted:
  case PkgFunc::SortFloat64sAreSorted: {
    Value *S = emitExpr(Args[0]);
    setLoc(E->getLoc());
    RuntimeFn F = E->getPkgFunc() == PkgFunc::SortIntsAreSorted
                      ? RuntimeFn::sort_IntsAreSorted
                  : E->getPkgFunc() == PkgFunc::SortStringsAreSorted
                      ? RuntimeFn::sort_StringsAreSorted
                      : RuntimeFn::sort_Float64sAreSorted;
    return callRuntime(F,
                       {B.CreateExtractValue(S, 0), B.CreateExtractValue(S, 1),
                        B.CreateExtractValue(S, 2)});
  }
  case PkgFunc::SortSearchInts: {
    Value *S = emitExpr(Args[0]);
    Value *X = emitExpr(Args[1]);
    setLoc(E->getLoc());
    return callRuntime(RuntimeFn::sort_SearchInts,
                       {B.CreateExtractValue(S, 0), B.CreateExtractValue(S, 1),
                        B.CreateExtractValue(S, 2), X});
  }
  case PkgFunc::SortSlice:
  case PkgFunc::SortSliceStable:
  case PkgFunc::SortSliceIsSorted: {
    // The slice and the less function value; the runtime calls less through
    // the adapter.
    auto *ST = dyn_cast<lang::SliceType>(under(Args[0]->getType()));
    Value *S = emitExpr(Args[0]);
    Value *Less = emitExpr(Args[1]);
    setLoc(E->getLoc());
    Function *Call = IGM.getFuncValueAdapter(
        cast<SignatureType>(Args[1]->getType()->getUnderlying()),
        literalCallee(Args[1]));
    if (!ST) {
      // An `any` (Sema converted whatever was not a slice): the runtime
      // finds the slice, or panics as Go's reflect does.
      RuntimeFn F = E->getPkgFunc() == PkgFunc::SortSlice
                        ? RuntimeFn::sort_SliceAny
                    : E->getPkgFunc() == PkgFunc::SortSliceStable
                        ? RuntimeFn::sort_SliceStableAny
                        : RuntimeFn::sort_SliceIsSortedAny;
      Value *R = callRuntime(F, {B.CreateExtractValue(S, 0),
                                 B.CreateExtractValue(S, 1), Less, Call});
      return F == RuntimeFn::sort_SliceIsSortedAny ? R : nullptr;
    }
    if (E->getPkgFunc() == PkgFunc::SortSliceIsSorted)
      return callRuntime(RuntimeFn::sort_SliceIsSorted,
                         {B.CreateExtractValue(S, 1), Less, Call});
    callRuntime(E->getPkgFunc() == PkgFunc::SortSlice
                    ? RuntimeFn::sort_Slice
                    : RuntimeFn::sort_SliceStable,
                {B.CreateExtractValue(S, 0), B.CreateExtractValue(S, 1),
                 B.getInt64(IGM.getSize(ST->getElement())), Less, Call});
    return nullptr;
  }
  case PkgFunc::SortSort:
  case PkgFunc::SortStable:
  case PkgFunc::SortIsSorted: {
    Value *Data = emitExpr(Args[0]);
    setLoc(E->getLoc());
    RuntimeFn F = E->getPkgFunc() == PkgFunc::SortSort ? RuntimeFn::sort_Sort
                  : E->getPkgFunc() == PkgFunc::SortStable
                      ? RuntimeFn::sort_Stable
                      : RuntimeFn::sort_IsSorted;
    Value *R = callRuntime(
        F, {B.CreateExtractValue(Data, 0), B.CreateExtractValue(Data, 1)});
    return F == RuntimeFn::sort_IsSorted ? R : nullptr;
  }
  case PkgFunc::SortReverse: {
    Value *Data = emitExpr(Args[0]);
    setLoc(E->getLoc());
    return callRuntime(RuntimeFn::sort_Reverse,
                       {IGM.getTypeDesc(E->getType()),
                        B.CreateExtractValue(Data, 0),
                        B.CreateExtractValue(Data, 1)});
  }
  case PkgFunc::SortSearch: {
    Value *N = emitExpr(Args[0]);
    Value *Pred = emitExpr(Args[1]);
    setLoc(E->getLoc());
    Function *Call = IGM.getFuncValueAdapter(
        cast<SignatureType>(Args[1]->getType()->getUnderlying()),
        literalCallee(Args[1]));
    return callRuntime(RuntimeFn::sort_Search, {N, Pred, Call});
  }
  case PkgFunc::MathNaN:
    return ConstantFP::getNaN(B.getDoubleTy());
  case PkgFunc::MathInf: {
    Value *Sign = indexToI64(emitExpr(Args[0]), Args[0]->getType());
    return B.CreateSelect(B.CreateICmpSGE(Sign, B.getInt64(0)),
                          ConstantFP::getInfinity(B.getDoubleTy(), false),
                          ConstantFP::getInfinity(B.getDoubleTy(), true));
  }
  case PkgFunc::MathIsNaN: {
    Value *F = emitExpr(Args[0]);
    return B.CreateFCmpUNO(F, F);
  }
  case PkgFunc::MathIsInf: {
    Value *F = emitExpr(Args[0]);
    Value *Sign = indexToI64(emitExpr(Args[1]), Args[1]->getType());
    Value *PosInf =
        B.CreateFCmpOEQ(F, ConstantFP::getInfinity(B.getDoubleTy(), false));
    Value *NegInf =
        B.CreateFCmpOEQ(F, ConstantFP::getInfinity(B.getDoubleTy(), true));
    // sign > 0: +Inf; sign < 0: -Inf; sign == 0: either.
    Value *IsPos = B.CreateICmpSGT(Sign, B.getInt64(0));
    Value *IsNeg = B.CreateICmpSLT(Sign, B.getInt64(0));
    Value *Either = B.CreateOr(PosInf, NegInf);
    return B.CreateSelect(IsPos, PosInf, B.CreateSelect(IsNeg, NegInf, Either));
  }
  case PkgFunc::MathCopysign: {
    Value *X = emitExpr(Args[0]);
    Value *Y = emitExpr(Args[1]);
    return emitMathCall(Intrinsic::copysign, {X, Y});
  }
  case PkgFunc::MathSqrt:
    return emitMathCall(Intrinsic::sqrt, {emitExpr(Args[0])});
  case PkgFunc::MathAbs:
    return emitMathCall(Intrinsic::fabs, {emitExpr(Args[0])});
  case PkgFunc::MathFloor:
    return emitMathCall(Intrinsic::floor, {emitExpr(Args[0])});
  case PkgFunc::RuntimeMapStats:
    return emitMapStats(E);
  case PkgFunc::UnsafeSizeof:
  case PkgFunc::UnsafeAlignof:
  case PkgFunc::UnsafeOffsetof:
    break; // constants: emitExpr folds them before reaching here
  }
  internalError("unknown package function");
}

//===----------------------------------------------------------------------===//
// Conversions
//===----------------------------------------------------------------------===//

Value *IRGenFunction::emitConversion(const CallExpr *E) {
  const Expr *X = E->args()[0];
  auto *ST = dyn_cast<lang::SliceType>(under(E->getType()));
  if (ST && X->isConstant() && X->getValue().isString()) {
    // []byte("lit"), []rune("lit"): as Go lowers them, a new array of
    // exactly the bytes or runes (cap == len), in the frame if it does not
    // escape.
    StringRef S = X->getValue().getString();
    bool Runes = under(ST->getElement())->getKind() == lang::Type::Int32;
    SmallVector<Constant *, 32> Elems;
    if (Runes) {
      for (size_t Pos = 0; Pos < S.size();) {
        auto [R, W] = decodeRuneAt(S, Pos);
        Elems.push_back(B.getInt32(uint32_t(R)));
        Pos += W;
      }
    } else {
      for (char C : S)
        Elems.push_back(B.getInt8(uint8_t(C)));
    }
    uint64_t N = Elems.size();
    if (N == 0)
      return makeSlice(getZeroBase(IGM), B.getInt64(0), B.getInt64(0));
    llvm::Type *ET = Runes ? IGM.I32 : IGM.I8;
    setLoc(E->getLoc());
    Value *Data = emitAllocation(E, ET, N, false, "lit");
    B.CreateStore(ConstantArray::get(ArrayType::get(ET, N), Elems), Data);
    return makeSlice(Data, B.getInt64(N), B.getInt64(N));
  }
  Value *V = emitExpr(X);
  setLoc(E->getLoc());
  if (E->getType()->isInterface())
    return emitToInterface(V, X->getType(), E->getType(), E);
  return emitConvert(V, X->getType(), E->getType(), E->isNonEscaping());
}

Value *IRGenFunction::emitConvert(Value *V, const lang::Type *From,
                                  const lang::Type *To, bool InFrame) {
  const lang::Type *F = under(From), *T = under(To);
  if (T->isInterface())
    return emitToInterface(V, From, To, /*Site=*/nullptr);
  llvm::Type *TT = IGM.getLLVMType(To);
  // A result that does not escape may be built in a frame buffer (Go's
  // tmpBuf) when it fits; the runtime decides.
  auto tmpBuf = [&](llvm::Type *Elem) -> Value * {
    if (!InFrame)
      return ConstantPointerNull::get(IGM.Ptr);
    return createTemp(ArrayType::get(Elem, abi::TmpBufElems), "tmpbuf");
  };
  if (T->isString() && !F->isString()) {
    if (F->isInteger()) // string(rune): runtime.intstring(int64(r))
      return callRuntime(RuntimeFn::intstring, {indexToI64(V, F)}, "str");
    auto *ST = cast<lang::SliceType>(F);
    bool Runes = under(ST->getElement())->getKind() == lang::Type::Int32;
    return callRuntime(Runes ? RuntimeFn::slicerunetostring
                             : RuntimeFn::slicebytetostring,
                       {tmpBuf(IGM.I8), B.CreateExtractValue(V, 0),
                        B.CreateExtractValue(V, 1)},
                       "str");
  }
  if (F->isString() && isa<lang::SliceType>(T)) {
    bool Runes = under(cast<lang::SliceType>(T)->getElement())->getKind() ==
                 lang::Type::Int32;
    Value *Out = createTemp(IGM.SliceTy, "conv");
    callRuntime(
        Runes ? RuntimeFn::stringtoslicerune : RuntimeFn::stringtoslicebyte,
        {Out, tmpBuf(Runes ? IGM.I32 : IGM.I8), stringPtr(V), stringLen(V)});
    return B.CreateLoad(IGM.SliceTy, Out);
  }
  if (isa<lang::SliceType>(F) && isa<lang::PointerType>(T)) {
    // (*[N]E)(s): if uint(len(s)) < N { panicSliceConvert(N, len(s)) };
    // then s's data pointer, which is nil for a nil s (N == 0 only).
    auto *AT =
        cast<lang::ArrayType>(under(cast<lang::PointerType>(T)->getElement()));
    if (uint64_t Length = AT->getLength()) {
      Value *N = B.getInt64(Length);
      Value *Len = B.CreateExtractValue(V, 1, "len");
      emitPanicIf(B.CreateICmpULT(Len, N, "short"),
                  RuntimeFn::panicSliceConvert, {N, Len});
    }
    return B.CreateExtractValue(V, 0, "arrptr");
  }
  llvm::Type *VT = V->getType();
  if (VT == TT)
    return V;
  if (VT->isIntegerTy() && TT->isIntegerTy())
    return B.CreateIntCast(V, TT, IGM.isSigned(From));
  if (VT->isIntegerTy() && TT->isFloatingPointTy())
    return IGM.isSigned(From) ? B.CreateSIToFP(V, TT) : B.CreateUIToFP(V, TT);
  if (VT->isFloatingPointTy() && TT->isIntegerTy())
    // Out-of-range values are implementation-defined in Go; saturate rather
    // than produce poison.
    return B.CreateIntrinsic(IGM.isSigned(To) ? Intrinsic::fptosi_sat
                                              : Intrinsic::fptoui_sat,
                             {TT, VT}, {V});
  if (VT->isFloatingPointTy() && TT->isFloatingPointTy())
    return B.CreateFPCast(V, TT);
  if (IGM.isAggregate(From) && IGM.isAggregate(To))
    return V; // identical underlying types
  internalError("unsupported conversion from " + typeString(From) + " to " +
                typeString(To));
}

bool gm::irgen::sameSafeExpr(const Expr *A, const Expr *B) {
  A = skipParens(A);
  B = skipParens(B);
  if (A->getKind() != B->getKind())
    return false;
  if (A->getMode() == Expr::Constant && B->getMode() == Expr::Constant)
    return A->getValue() == B->getValue() && A->getType() == B->getType();
  if (auto *IA = dyn_cast<IdentExpr>(A)) {
    auto *IB = cast<IdentExpr>(B);
    return IA->getDecl() && IA->getDecl() == IB->getDecl() &&
           isa<VarDecl>(IA->getDecl());
  }
  if (auto *SA = dyn_cast<SelectorExpr>(A)) {
    auto *SB = cast<SelectorExpr>(B);
    if (SA->getSelKind() != SelectorExpr::Field ||
        SB->getSelKind() != SelectorExpr::Field ||
        SA->path().size() != SB->path().size())
      return false;
    for (unsigned I = 0; I < SA->path().size(); ++I)
      if (SA->path()[I].Index != SB->path()[I].Index ||
          SA->path()[I].Deref != SB->path()[I].Deref)
        return false;
    return sameSafeExpr(SA->getBase(), SB->getBase());
  }
  return false;
}
