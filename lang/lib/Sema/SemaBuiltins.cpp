//===- SemaBuiltins.cpp - builtin and package function calls --------------===//
//
// Builtins have irregular signatures (types as arguments, generic element
// types), so each is checked by hand, following go/types' builtins.go and
// its messages. Package functions have ordinary signatures (set up in
// Sema::setupPackages) except for the `...any` parameters of fmt, whose
// arguments keep their own (defaulted) types.
//
//===----------------------------------------------------------------------===//

#include "Sema.h"

using namespace gm::lang;

/// A make/len/cap-style size: integer (or an untyped constant representable
/// as int), non-negative when constant.
bool Sema::checkSizeArg(Expr *E, llvm::StringRef Builtin, int64_t *ConstVal) {
  if (!checkValue(E))
    return false;
  Type *T = E->getType();
  if (E->isConstant() && T->isUntyped()) {
    if (!T->isNumeric()) {
      diag(E->getLoc(), diag::err_cannot_convert_implicit)
          << exprString(E) << describe(E) << "int";
      return false;
    }
    ConstantValue IV = E->getValue().toIntExact();
    if (!IV.isValid()) {
      diag(E->getLoc(), diag::err_make_size_truncated)
          << exprString(E) << describe(E);
      return false;
    }
    if (!convertUntyped(E, types().getIntType()))
      return false;
  } else if (!T->isInteger()) {
    diag(E->getLoc(), diag::err_index_not_integer)
        << exprString(E) << describe(E);
    return false;
  }
  if (E->isConstant()) {
    const llvm::APSInt &V = E->getValue().getInt();
    if (V.isNegative()) {
      diag(E->getLoc(), diag::err_index_negative)
          << exprString(E) << describe(E);
      return false;
    }
    if (ConstVal)
      *ConstVal = V.getActiveBits() > 62 ? INT64_MAX : V.getSExtValue();
  }
  return true;
}

void Sema::checkBuiltinCall(CallExpr *E, BuiltinKind K) {
  E->setCallKind(CallExpr::Builtin);
  E->setBuiltin(K);
  auto &Args = E->args();
  llvm::StringRef Name = getBuiltinName(K);
  auto Fail = [&]() { setInvalid(E); };
  auto ArgCount = [&](size_t Min, size_t Max) {
    if (Args.size() < Min || Args.size() > Max) {
      for (Expr *A : Args)
        if (!llvm::isa<ArrayTypeExpr, MapTypeExpr>(A))
          checkExpr(A);
      diag(Args.size() < Min ? E->getLoc() : Args[Max]->getLoc(),
           diag::err_builtin_arg_count)
          << (Args.size() < Min ? "not enough" : "too many") << (exprString(E))
          << unsigned(Min) << unsigned(Args.size());
      return false;
    }
    return true;
  };
  if (E->hasEllipsis() && K != BuiltinKind::Append) {
    diag(E->getLoc(), diag::err_syntax)
        << ("invalid use of ... with built-in " + Name.str());
    for (Expr *A : Args)
      checkExpr(A);
    return Fail();
  }
  Type *Int = types().getIntType();
  switch (K) {
  case BuiltinKind::Len:
  case BuiltinKind::Cap: {
    if (!ArgCount(1, 1) || !checkValue(Args[0]))
      return Fail();
    Expr *X = Args[0];
    Type *U = X->getType()->getUnderlying();
    if (auto *P = llvm::dyn_cast<PointerType>(U))
      if (llvm::isa<ArrayType>(P->getElement()->getUnderlying()))
        U = P->getElement()->getUnderlying();
    bool OK = false;
    if (K == BuiltinKind::Len && U->isString()) {
      OK = true;
      if (X->isConstant()) {
        uint64_t N = X->getValue().getString().size();
        convertUntyped(X, types().getStringType());
        setConstant(E, Int, ConstantValue::getInt(int64_t(N)));
        return;
      }
    } else if (auto *A = llvm::dyn_cast<ArrayType>(U)) {
      if (!containsCallOrReceive(X)) {
        setConstant(E, Int, ConstantValue::getInt(int64_t(A->getLength())));
        return;
      }
      OK = true;
    } else if (llvm::isa<SliceType>(U)) {
      OK = true;
    } else if (K == BuiltinKind::Len && llvm::isa<MapType>(U)) {
      OK = true;
    } else if (llvm::isa<ChanType>(U)) {
      OK = true;
    }
    if (!OK) {
      diag(X->getLoc(), diag::err_builtin_invalid_arg)
          << exprString(X) << describe(X) << Name;
      return Fail();
    }
    E->setMode(Expr::Value);
    E->setType(Int);
    return;
  }
  case BuiltinKind::Make: {
    if (Args.empty()) {
      diag(E->getLoc(), diag::err_builtin_arg_count)
          << "not enough" << exprString(E) << 1u << 0u;
      return Fail();
    }
    Type *T = resolveTypeAsWritten(Args[0]);
    if (T->isInvalid()) {
      for (size_t I = 1; I < Args.size(); ++I)
        checkExpr(Args[I]);
      return Fail();
    }
    E->setTypeArg(T);
    Type *U = T->getUnderlying();
    size_t Min, Max;
    if (llvm::isa<SliceType>(U)) {
      Min = 2;
      Max = 3;
    } else if (llvm::isa<MapType, ChanType>(U)) {
      Min = 1;
      Max = 2;
    } else {
      diag(Args[0]->getLoc(), diag::err_make_type) << exprString(Args[0]);
      for (size_t I = 1; I < Args.size(); ++I)
        checkExpr(Args[I]);
      return Fail();
    }
    if (Args.size() < Min || Args.size() > Max) {
      for (size_t I = 1; I < Args.size(); ++I)
        checkExpr(Args[I]);
      diag(E->getLoc(), diag::err_make_args)
          << exprString(E) << unsigned(Min) << unsigned(Max)
          << unsigned(Args.size());
      return Fail();
    }
    int64_t Sizes[2] = {-1, -1};
    bool OK = true;
    for (size_t I = 1; I < Args.size(); ++I)
      if (!checkSizeArg(Args[I], "make", &Sizes[I - 1]))
        OK = false;
    if (OK && Sizes[0] >= 0 && Sizes[1] >= 0 && Sizes[0] > Sizes[1]) {
      diag(Args[1]->getLoc(), diag::err_make_len_gt_cap);
      OK = false;
    }
    if (!OK)
      return Fail();
    E->setMode(Expr::Value);
    E->setType(T);
    return;
  }
  case BuiltinKind::Close: {
    if (!ArgCount(1, 1) || !checkValue(Args[0]))
      return Fail();
    Expr *X = Args[0];
    auto *CT = llvm::dyn_cast<ChanType>(X->getType()->getUnderlying());
    if (!CT || !CT->canSend()) {
      diag(X->getLoc(),
           CT ? diag::err_close_recv_only : diag::err_close_non_chan)
          << exprString(X) << describe(X);
      return Fail();
    }
    E->setMode(Expr::NoValue);
    E->setType(types().getTuple({}));
    return;
  }
  case BuiltinKind::New: {
    if (!ArgCount(1, 1))
      return Fail();
    Type *T = resolveTypeAsWritten(Args[0]);
    if (T->isInvalid())
      return Fail();
    E->setTypeArg(T);
    E->setMode(Expr::Value);
    E->setType(types().getPointer(T));
    return;
  }
  case BuiltinKind::Append: {
    if (Args.empty()) {
      diag(E->getLoc(), diag::err_builtin_arg_count)
          << "not enough" << exprString(E) << 1u << 0u;
      return Fail();
    }
    bool OK = true;
    for (Expr *A : Args)
      if (!checkValue(A))
        OK = false;
    if (!OK)
      return Fail();
    Expr *S = Args[0];
    // The element type as written: "as byte value in argument to append".
    auto *ST = llvm::dyn_cast<SliceType>(
        S->getTypeAsWritten()->getUnderlyingAsWritten());
    if (!ST) {
      if (S->getType()->getKind() == Type::UntypedNil)
        diag(S->getLoc(), diag::err_append_first_arg) << "nil"
                                                      << "untyped nil";
      else
        diag(S->getLoc(), diag::err_append_first_arg)
            << exprString(S) << describe(S);
      return Fail();
    }
    Type *Elem = ST->getElement();
    if (E->hasEllipsis()) {
      if (Args.size() != 2) {
        // As a call of func(S, ...T) S, in Go's words: at the last
        // argument when there are too few, at the first extra one when
        // there are too many.
        std::string Have;
        for (size_t I = 0; I < Args.size(); ++I)
          Have += (I ? ", " : "") + argumentTypeString(Args[I]);
        std::string Want = typeString(S->getTypeAsWritten(), false) + ", ..." +
                           typeString(Elem, false);
        bool TooFew = Args.size() < 2;
        diag(TooFew ? Args.back()->getLoc() : Args[2]->getLoc(),
             TooFew ? diag::err_not_enough_args : diag::err_too_many_args)
            << "append" << Have << Want;
        return Fail();
      }
      Expr *X = Args[1];
      // append([]byte, string...) is allowed.
      if (Elem->getUnderlying()->getKind() == Type::Uint8 &&
          X->getType()->isString()) {
        defaultConvert(X);
      } else if (!assignTo(X,
                           llvm::isa<NamedType>(S->getType())
                               ? types().getSlice(Elem)
                               : S->getTypeAsWritten(),
                           "append")) {
        return Fail();
      }
    } else {
      for (size_t I = 1; I < Args.size(); ++I)
        if (!assignTo(Args[I], Elem, "argument to append"))
          OK = false;
      if (!OK)
        return Fail();
    }
    E->setMode(Expr::Value);
    E->setType(S->getTypeAsWritten());
    return;
  }
  case BuiltinKind::Copy: {
    if (!ArgCount(2, 2))
      return Fail();
    bool A0 = checkValue(Args[0]);
    bool A1 = checkValue(Args[1]);
    if (!A0 || !A1)
      return Fail();
    Expr *D = Args[0], *S = Args[1];
    auto *DT = llvm::dyn_cast<SliceType>(D->getType()->getUnderlying());
    Type *SU = S->getType()->getUnderlying();
    auto *STy = llvm::dyn_cast<SliceType>(SU);
    bool ByteString =
        DT && DT->getElement()->getUnderlying()->getKind() == Type::Uint8 &&
        SU->isString();
    if (DT && SU->isString() && !ByteString) {
      // Go takes a string source as []byte: the element types differ.
      diag(D->getLoc(), diag::err_copy_mismatch)
          << exprString(D) << describe(D) << exprString(S) << describe(S)
          << llvm::cast<SliceType>(
                 D->getTypeAsWritten()->getUnderlyingAsWritten())
                 ->getElement()
          << types().getByteType();
      return Fail();
    }
    if (!DT || (!STy && !ByteString)) {
      diag(E->getLoc(), diag::err_copy_args)
          << exprString(D) << describe(D) << exprString(S) << describe(S);
      return Fail();
    }
    if (ByteString) {
      defaultConvert(S);
    } else if (DT->getElement() != STy->getElement()) {
      auto ElemAsWritten = [](Expr *X) {
        return llvm::cast<SliceType>(
                   X->getTypeAsWritten()->getUnderlyingAsWritten())
            ->getElement();
      };
      diag(D->getLoc(), diag::err_copy_mismatch)
          << exprString(D) << describe(D) << exprString(S) << describe(S)
          << ElemAsWritten(D) << ElemAsWritten(S);
      return Fail();
    }
    E->setMode(Expr::Value);
    E->setType(Int);
    return;
  }
  case BuiltinKind::Delete: {
    if (!ArgCount(2, 2))
      return Fail();
    if (!checkValue(Args[0]))
      return Fail();
    auto *M = llvm::dyn_cast<MapType>(
        Args[0]->getTypeAsWritten()->getUnderlyingAsWritten());
    if (!M) {
      checkExpr(Args[1]);
      diag(Args[0]->getLoc(), diag::err_delete_not_map)
          << exprString(Args[0]) << describe(Args[0]);
      return Fail();
    }
    if (!checkValue(Args[1], M->getKey()) ||
        !assignTo(Args[1], M->getKey(), "argument to delete"))
      return Fail();
    E->setMode(Expr::NoValue);
    E->setType(types().getTuple({}));
    return;
  }
  case BuiltinKind::Clear: {
    if (!ArgCount(1, 1) || !checkValue(Args[0]))
      return Fail();
    Type *U = Args[0]->getType()->getUnderlying();
    if (!llvm::isa<MapType, SliceType>(U)) {
      diag(Args[0]->getLoc(), diag::err_clear_arg)
          << exprString(Args[0]) << describe(Args[0]);
      return Fail();
    }
    E->setMode(Expr::NoValue);
    E->setType(types().getTuple({}));
    return;
  }
  case BuiltinKind::Min:
  case BuiltinKind::Max: {
    if (Args.empty()) {
      diag(E->getRParenLoc(), diag::err_builtin_arg_count)
          << "not enough" << exprString(E) << 1u << 0u;
      return Fail();
    }
    bool OK = true;
    for (Expr *A : Args)
      if (!checkValue(A))
        OK = false;
    if (!OK)
      return Fail();
    // The common type: the first typed operand's, else the widest untyped.
    // Messages spell it as the source did (byte, rune).
    Type *T = nullptr, *TAsWritten = nullptr;
    for (Expr *A : Args)
      if (!A->getType()->isUntyped()) {
        T = A->getType();
        TAsWritten = A->getTypeAsWritten();
        break;
      }
    for (Expr *A : Args) {
      if (!A->getType()->isOrdered()) {
        diag(A->getLoc(), diag::err_minmax_ordered)
            << exprString(A) << describe(A);
        return Fail();
      }
    }
    if (T) {
      for (Expr *A : Args) {
        if (A->getType()->isUntyped()) {
          if (!convertUntyped(A, T))
            return Fail();
        } else if (A->getType() != T) {
          diag(A->getLoc(), diag::err_mismatched_types)
              << exprString(E) << TAsWritten << A->getTypeAsWritten();
          return Fail();
        }
      }
    } else {
      // All untyped constants: pick the highest kind.
      T = Args[0]->getType();
      for (Expr *A : Args)
        if (A->getType()->getKind() == Type::UntypedFloat)
          T = A->getType();
        else if (A->getType()->getKind() == Type::UntypedRune &&
                 T->getKind() == Type::UntypedInt)
          T = A->getType();
      for (Expr *A : Args)
        if (A->getType()->isString() != T->isString()) {
          diag(A->getLoc(), diag::err_mismatched_types)
              << exprString(E) << T << A->getType();
          return Fail();
        }
      for (Expr *A : Args)
        convertUntyped(A, T);
    }
    bool AllConst = true;
    for (Expr *A : Args)
      AllConst &= A->isConstant();
    if (AllConst) {
      ConstantValue Best = Args[0]->getValue();
      for (size_t I = 1; I < Args.size(); ++I) {
        ConstantValue V = Args[I]->getValue();
        ConstantValue A = Best, B = V;
        if (A.isFloat() || B.isFloat()) {
          A = A.toFloat();
          B = B.toFloat();
        }
        bool Less = ConstantValue::compare(tok::less, B, A);
        if (K == BuiltinKind::Min ? Less
                                  : ConstantValue::compare(tok::greater, B, A))
          Best = V;
      }
      setConstant(E, T, Best);
      return;
    }
    E->setMode(Expr::Value);
    E->setType(T);
    return;
  }
  case BuiltinKind::Panic: {
    if (!ArgCount(1, 1) || !checkValue(Args[0]))
      return Fail();
    if (!assignTo(Args[0], types().getEmptyInterface(), "argument to panic"))
      return Fail();
    E->setMode(Expr::NoValue);
    E->setType(types().getTuple({}));
    return;
  }
  case BuiltinKind::Recover:
    if (!ArgCount(0, 0))
      return Fail();
    if (CurFunc)
      CurFunc->setCallsRecover();
    E->setMode(Expr::Value);
    E->setType(types().getEmptyInterface());
    return;
  case BuiltinKind::Print:
  case BuiltinKind::Println: {
    bool OK = true;
    for (Expr *A : Args) {
      if (!checkValue(A)) {
        OK = false;
        continue;
      }
      // Go 1.19 says "argument to println", without "built-in".
      if (A->getType()->getKind() == Type::UntypedNil) {
        diag(A->getLoc(), diag::err_use_of_untyped_nil)
            << ("argument to " + Name.str());
        OK = false;
        continue;
      }
      if (!defaultConvert(A, "argument to " + Name.str()))
        OK = false;
    }
    if (!OK)
      return Fail();
    E->setMode(Expr::NoValue);
    E->setType(types().getTuple({}));
    return;
  }
  }
}

void Sema::checkPkgCall(CallExpr *E, PkgFuncDecl *F) {
  E->setCallKind(CallExpr::Package);
  E->setPkgFunc(F->getPkgFunc());
  auto *Sig = llvm::cast<SignatureType>(F->getType());
  if (F->getPkgFunc() == PkgFunc::RuntimeMapStats) {
    checkMapStatsCall(E, Sig);
    return;
  }
  if (F->getPkgFunc() == PkgFunc::UnsafeSizeof ||
      F->getPkgFunc() == PkgFunc::UnsafeAlignof ||
      F->getPkgFunc() == PkgFunc::UnsafeOffsetof) {
    checkUnsafeCall(E, F->getPkgFunc());
    return;
  }
  if (F->getPkgFunc() == PkgFunc::SortSlice ||
      F->getPkgFunc() == PkgFunc::SortSliceStable ||
      F->getPkgFunc() == PkgFunc::SortSliceIsSorted) {
    checkSortSliceCall(E, F, Sig);
    return;
  }
  // As written: messages say `...any`, as Go's do.
  checkArgs(E, llvm::cast<SignatureType>(F->getTypeAsWritten()),
            getPkgFuncName(F->getPkgFunc()));
}

/// unsafe.Sizeof(x), Alignof(x), Offsetof(x.f): constants of type uintptr
/// (x is not evaluated), with Go's gc layout on amd64.
void Sema::checkUnsafeCall(CallExpr *E, PkgFunc F) {
  auto &Args = E->args();
  llvm::StringRef Name = getPkgFuncName(F);
  if (!checkOneArgument(E, Name))
    return;
  Expr *X = Args[0];
  Type *Uintptr = types().getBasic(Type::Uintptr);
  if (F == PkgFunc::UnsafeOffsetof) {
    auto *Sel = llvm::dyn_cast<SelectorExpr>(skipParens(X));
    if (!Sel) {
      checkExpr(X);
      diag(X->getLoc(), diag::err_offsetof_not_selector) << exprString(X);
      setInvalid(E);
      return;
    }
    checkSelector(Sel, /*IsCallee=*/false);
    if (Sel->getMode() == Expr::Invalid) {
      setInvalid(E);
      return;
    }
    if (Sel->getSelKind() != SelectorExpr::Field) {
      diag(X->getLoc(), diag::err_offsetof_method) << exprString(X);
      setInvalid(E);
      return;
    }
    // The offset within the struct that holds the field, added up through
    // embedded fields; not through a pointer, which leaves the struct.
    uint64_t Offset = 0;
    Type *Cur = Sel->getBase()->getType();
    const auto &Path = Sel->path();
    for (size_t I = 0; I < Path.size(); ++I) {
      if (Path[I].Deref) {
        if (I != 0) {
          diag(X->getLoc(), diag::err_offsetof_through_pointer)
              << Sel->getName() << Sel->getBase()->getTypeAsWritten();
          setInvalid(E);
          return;
        }
        Cur = llvm::cast<PointerType>(Cur->getUnderlying())->getElement();
      }
      auto *ST = llvm::cast<StructType>(Cur->getUnderlying());
      Offset += goOffsetof(ST, Path[I].Index);
      Cur = ST->getField(Path[I].Index).Ty;
    }
    setConstant(E, Uintptr,
                ConstantValue::getInt(llvm::APSInt::getUnsigned(Offset)));
    return;
  }
  if (!checkValue(X) || !defaultConvert(X, ("argument to " + Name).str())) {
    setInvalid(E);
    return;
  }
  uint64_t V = F == PkgFunc::UnsafeSizeof ? goSizeof(X->getType())
                                          : goAlignof(X->getType());
  setConstant(E, Uintptr, ConstantValue::getInt(llvm::APSInt::getUnsigned(V)));
}

/// sort.Slice(x, less) and its kin: Go's x is `any`, which gm has only as a
/// slice here; the call gets the signature func(S, func(i, j int) bool) for
/// the slice type S at hand.
void Sema::checkSortSliceCall(CallExpr *E, PkgFuncDecl *F,
                              SignatureType *Declared) {
  auto &Args = E->args();
  llvm::StringRef Name = getPkgFuncName(F->getPkgFunc());
  if (Args.size() != 2 || E->hasEllipsis()) {
    checkArgs(E, Declared, Name); // reports the count or the `...`
    setInvalid(E);
    return;
  }
  Type *Less = Declared->getParams()[1];
  bool OK = checkValue(Args[0]);
  OK &= checkValue(Args[1], Less);
  if (!OK) {
    setInvalid(E);
    return;
  }
  Type *S = Args[0]->getType();
  // Go takes any value and checks at run time that it is a slice (a panic
  // from reflect's Swapper otherwise); gm does the same with the value
  // converted to any, and specializes the swap when the slice type is known.
  if (!llvm::isa<SliceType>(S->getUnderlying())) {
    S = types().getAnyType();
    if (!assignTo(Args[0], S, ("argument to " + Name).str())) {
      setInvalid(E);
      return;
    }
  }
  if (!assignTo(Args[1], Less, ("argument to " + Name).str())) {
    setInvalid(E);
    return;
  }
  TupleType *R = Declared->getResults();
  E->setSignature(types().getSignature({S, Less}, R, false));
  if (R->size() == 0) {
    E->setMode(Expr::NoValue);
    E->setType(R);
  } else {
    E->setMode(Expr::Value);
    E->setType(R->getElement(0));
  }
}

/// runtime.MapStats(m) ("gm/runtime", not Go): one argument of any map type;
/// the result is the predeclared runtime.Stats. The call gets the signature
/// func(M) runtime.Stats for the map type M at hand.
bool Sema::checkOneArgument(CallExpr *E, llvm::StringRef Name) {
  auto &Args = E->args();
  if (Args.size() == 1 && !E->hasEllipsis())
    return true;
  for (Expr *A : Args)
    checkExpr(A);
  if (E->hasEllipsis() && Args.size() == 1)
    diag(E->getLoc(), diag::err_cannot_use_ellipsis) << Name.str();
  else
    diag(Args.empty() ? E->getLoc() : Args[1]->getLoc(),
         diag::err_builtin_arg_count)
        << (Args.empty() ? "not enough" : "too many") << exprString(E) << 1u
        << unsigned(Args.size());
  setInvalid(E);
  return false;
}

void Sema::checkMapStatsCall(CallExpr *E, SignatureType *Declared) {
  auto &Args = E->args();
  if (!checkOneArgument(E, getPkgFuncName(PkgFunc::RuntimeMapStats)))
    return;
  if (!checkValue(Args[0])) {
    setInvalid(E);
    return;
  }
  Type *M = Args[0]->getType();
  if (!llvm::isa<MapType>(M->getUnderlying())) {
    diag(Args[0]->getLoc(), diag::err_delete_not_map)
        << exprString(Args[0]) << describe(Args[0]);
    setInvalid(E);
    return;
  }
  TupleType *R = Declared->getResults();
  E->setSignature(types().getSignature({M}, R, false));
  E->setMode(Expr::Value);
  E->setType(R->getElement(0));
}
