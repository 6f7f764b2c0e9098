//===- MapLowering.cpp - Every map form onto Go's runtime entry points ----===//
//
// This file is the whole story of how gm lowers maps; read it top to bottom.
// It follows Go 1.19's compiler (cmd/compile/internal/walk: walkMakeMap,
// walkIndexMap, mapfast, walkRange, isMapClear) and calls the runtime through
// the declarations derived from gm/runtime/RuntimeFunctions.def.
//
// 1. Map types. Each map type gets one internal abi::MapType constant,
//    @"type.map[K]V", holding the key/elem sizes, the bucket size, the flags
//    (indirect key/elem, reflexive key, need-key-update) and the key type's
//    hasher and equal function (section 2).
//
// 2. Hash and equality of keys. Plain-memory keys use the runtime's
//    memhash32/memhash64/memhash and memequal32/memequal64/memequal;
//    strings strhash/strequal; floats f32hash/f64hash (NaN hashes randomly,
//    +0 and -0 hash alike). Structs and arrays get a generated function that
//    hashes field by field, skipping padding (never "zero the padding and
//    compare bytes"). The equal functions double as == on structs/arrays.
//
// 3. Choosing the entry points: abi::mapFast() decides, the same function
//    the gm-map-inline pass uses.
//
//      family     access1/2              assign                delete
//      Fast32     mapaccess{1,2}_fast32  mapassign_fast32      mapdelete_fast32
//      Fast64     mapaccess{1,2}_fast64  mapassign_fast64      mapdelete_fast64
//      Fast64Ptr  mapaccess{1,2}_fast64  mapassign_fast64ptr   mapdelete_fast64
//      FastStr    mapaccess{1,2}_faststr mapassign_faststr mapdelete_faststr
//      Slow       mapaccess{1,2}(&key)   mapassign(&key)       mapdelete(&key)
//      Slow, elem > MaxZeroSize: mapaccess{1,2}_fat(&key, &zero)
//
// 4. One function per form below, each with the shape it emits. The last
//    of them, runtime.MapStats (emitMapStats), is gm's own introspection
//    form under `import "gm/runtime"`, not Go.
//
// 5. The map runtime (gmc -fmap-runtime=classic|swiss, IRGenOptions). Both
//    export the same entry points and the lowering is the same, as Go 1.24's
//    is Go 1.23's; only what Go's compiler changed between them follows the
//    choice: the maptype's BucketSize (a bucket or a group), the iterator's
//    size, and the largest constant hint for makemap_small. The module
//    records the choice (emitMapRuntimeChoice).
//
// Every runtime call carries the !dbg location of its .gm expression.
//
//===----------------------------------------------------------------------===//

#include "IRGenFunction.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include <cstddef>
#include <iterator>

using namespace llvm;
using namespace gm;
using namespace gm::irgen;
namespace tok = gm::lang::tok;

static const lang::Type *under(const lang::Type *T) {
  return T->getUnderlying();
}

//===----------------------------------------------------------------------===//
// Key classification
//===----------------------------------------------------------------------===//

bool IRGenModule::isPlainMemory(const lang::Type *T) {
  const lang::Type *U = under(T);
  switch (U->getKind()) {
  case lang::Type::Bool:
  case lang::Type::Int:
  case lang::Type::Int8:
  case lang::Type::Int16:
  case lang::Type::Int32:
  case lang::Type::Int64:
  case lang::Type::Uint:
  case lang::Type::Uint8:
  case lang::Type::Uint16:
  case lang::Type::Uint32:
  case lang::Type::Uint64:
  case lang::Type::Uintptr:
  case lang::Type::Pointer:
  case lang::Type::Chan: // pointer-shaped: Go's mapfast takes fast64ptr
    return true;
  case lang::Type::Array:
    return isPlainMemory(cast<lang::ArrayType>(U)->getElement());
  case lang::Type::Struct: {
    // Plain only without padding: the field sizes add up to the size.
    uint64_t Sum = 0;
    for (const lang::StructField &F : cast<lang::StructType>(U)->getFields()) {
      if (!isPlainMemory(F.Ty))
        return false;
      Sum += getSize(F.Ty);
    }
    return Sum == getSize(T);
  }
  default:
    return false; // floats (NaN, -0), strings, ...
  }
}

/// Whether T is or holds an interface: its hash then depends on dynamic
/// types, which may hold NaN or be unhashable.
static bool containsInterface(const lang::Type *T) {
  const lang::Type *U = under(T);
  if (U->isInterface())
    return true;
  if (auto *AT = dyn_cast<lang::ArrayType>(U))
    return containsInterface(AT->getElement());
  if (auto *ST = dyn_cast<lang::StructType>(U))
    for (const lang::StructField &F : ST->getFields())
      if (containsInterface(F.Ty))
        return true;
  return false;
}

bool IRGenModule::isReflexive(const lang::Type *T) {
  const lang::Type *U = under(T);
  if (U->isFloat() || U->isInterface())
    return false;
  if (auto *AT = dyn_cast<lang::ArrayType>(U))
    return isReflexive(AT->getElement());
  if (auto *ST = dyn_cast<lang::StructType>(U)) {
    for (const lang::StructField &F : ST->getFields())
      if (!isReflexive(F.Ty))
        return false;
  }
  return true;
}

/// Overwriting an entry must also store the key: +0.0 replaces -0.0 and an
/// equal string may have a different backing array (Go's needkeyupdate).
static bool needKeyUpdate(const lang::Type *T) {
  const lang::Type *U = under(T);
  if (U->isFloat() || U->isString() || U->isInterface())
    return true;
  if (auto *AT = dyn_cast<lang::ArrayType>(U))
    return needKeyUpdate(AT->getElement());
  if (auto *ST = dyn_cast<lang::StructType>(U)) {
    for (const lang::StructField &F : ST->getFields())
      if (needKeyUpdate(F.Ty))
        return true;
  }
  return false;
}

abi::MapFastKind IRGenModule::getMapFast(const lang::MapType *MT) {
  abi::MapKeyClass C;
  C.KeySize = getSize(MT->getKey());
  C.ElemSize = getSize(MT->getValue());
  C.KeyIsPlainMemory = isPlainMemory(MT->getKey());
  C.KeyHasPointers = hasPointers(MT->getKey());
  C.KeyIsString = under(MT->getKey())->isString();
  return abi::mapFast(C, DL.getPointerSize());
}

//===----------------------------------------------------------------------===//
// Hashers and equal functions
//===----------------------------------------------------------------------===//

namespace {
/// Builds a generated hasher or equal function body.
struct HelperBuilder {
  IRGenModule &IGM;
  Function *Fn;
  IRBuilder<> B;
  HelperBuilder(IRGenModule &IGM, Function *Fn)
      : IGM(IGM), Fn(Fn), B(BasicBlock::Create(IGM.Ctx, "entry", Fn)) {}
};
} // namespace

/// A call that repeats the callee's zeroext result attribute (bool).
static CallInst *callHelper(IRBuilder<> &B, Function *F,
                            ArrayRef<Value *> Args) {
  CallInst *CI = B.CreateCall(F, Args);
  if (F->hasRetAttribute(Attribute::ZExt))
    CI->addRetAttr(Attribute::ZExt);
  return CI;
}

static Function *createHelper(IRGenModule &IGM, FunctionType *FTy,
                              const Twine &Name, bool ReturnsBool) {
  Function *Fn =
      Function::Create(FTy, GlobalValue::InternalLinkage, Name, &IGM.M);
  Fn->addFnAttr(Attribute::NoUnwind);
  Fn->addFnAttr(Attribute::WillReturn);
  if (ReturnsBool)
    Fn->addRetAttr(Attribute::ZExt);
  for (unsigned I = 0; I < 2; ++I)
    if (FTy->getParamType(I)->isPointerTy()) {
      Fn->addParamAttr(I, Attribute::NoCapture);
      Fn->addParamAttr(I, Attribute::ReadOnly);
    }
  return Fn;
}

Function *IRGenModule::getHasher(const lang::Type *K) {
  auto It = Hashers.find(K);
  if (It != Hashers.end())
    return It->second;
  const lang::Type *U = under(K);
  uint64_t Size = getSize(K);
  Function *Fn = nullptr;
  // Runtime hashers that already have the HashFn signature.
  if (auto *I = dyn_cast<lang::InterfaceType>(U))
    Fn = Runtime.get(I->isEmpty() ? RuntimeFn::nilinterhash
                                  : RuntimeFn::interhash);
  else if (U->isString())
    Fn = Runtime.get(RuntimeFn::strhash);
  else if (U->getKind() == lang::Type::Float32)
    Fn = Runtime.get(RuntimeFn::f32hash);
  else if (U->getKind() == lang::Type::Float64)
    Fn = Runtime.get(RuntimeFn::f64hash);
  else if (isPlainMemory(K) && Size == 4)
    Fn = Runtime.get(RuntimeFn::memhash32);
  else if (isPlainMemory(K) && Size == 8)
    Fn = Runtime.get(RuntimeFn::memhash64);
  if (Fn)
    return Hashers[K] = Fn;

  auto *FTy = FunctionType::get(I64, {Ptr, I64}, false);
  Fn = createHelper(*this, FTy, "type..hash." + lang::typeString(K), false);
  Hashers[K] = Fn;
  HelperBuilder H(*this, Fn);
  IRBuilder<> &B = H.B;
  Value *P = Fn->getArg(0), *Seed = Fn->getArg(1);
  if (isPlainMemory(K)) {
    // hash(p, h) = runtime.memhash(p, h, size)
    Value *R = B.CreateCall(Runtime.get(RuntimeFn::memhash),
                            {P, Seed, B.getInt64(Size)});
    B.CreateRet(R);
    return Fn;
  }
  if (auto *AT = dyn_cast<lang::ArrayType>(U)) {
    // for i := 0; i < N; i++ { h = hash_elem(&p[i], h) }
    Function *EH = getHasher(AT->getElement());
    llvm::Type *ET = getLLVMType(AT->getElement());
    BasicBlock *Entry = B.GetInsertBlock();
    BasicBlock *Loop = BasicBlock::Create(Ctx, "loop", Fn);
    BasicBlock *Done = BasicBlock::Create(Ctx, "done", Fn);
    B.CreateCondBr(B.getInt1(AT->getLength() > 0), Loop, Done);
    B.SetInsertPoint(Loop);
    PHINode *I = B.CreatePHI(I64, 2, "i");
    PHINode *Hh = B.CreatePHI(I64, 2, "h");
    I->addIncoming(B.getInt64(0), Entry);
    Hh->addIncoming(Seed, Entry);
    Value *NH = B.CreateCall(EH, {B.CreateInBoundsGEP(ET, P, I), Hh});
    Value *NI = B.CreateAdd(I, B.getInt64(1));
    I->addIncoming(NI, Loop);
    Hh->addIncoming(NH, Loop);
    B.CreateCondBr(B.CreateICmpULT(NI, B.getInt64(AT->getLength())), Loop,
                   Done);
    B.SetInsertPoint(Done);
    PHINode *R = B.CreatePHI(I64, 2);
    R->addIncoming(Seed, Entry);
    R->addIncoming(NH, Loop);
    B.CreateRet(R);
    return Fn;
  }
  // Structs: field by field; runs of adjacent plain-memory fields are hashed
  // with one memhash over exactly their bytes (padding is never read).
  auto *ST = cast<lang::StructType>(U);
  Value *Hh = Seed;
  unsigned N = ST->getNumFields();
  for (unsigned I = 0; I < N;) {
    const lang::Type *FT = ST->getField(I).Ty;
    uint64_t Off = getFieldOffset(ST, I);
    if (getSize(FT) == 0) {
      ++I;
      continue;
    }
    if (isPlainMemory(FT)) {
      uint64_t End = Off + getSize(FT);
      unsigned J = I + 1;
      while (J < N && isPlainMemory(ST->getField(J).Ty) &&
             getFieldOffset(ST, J) == End) {
        End += getSize(ST->getField(J).Ty);
        ++J;
      }
      Value *FP = B.CreateConstInBoundsGEP1_64(I8, P, Off);
      uint64_t Run = End - Off;
      if (J == I + 1 && (Run == 4 || Run == 8)) // memhash32 / memhash64
        Hh = B.CreateCall(getHasher(FT), {FP, Hh});
      else
        Hh = B.CreateCall(Runtime.get(RuntimeFn::memhash),
                          {FP, Hh, B.getInt64(Run)});
      I = J;
      continue;
    }
    Value *FP = B.CreateConstInBoundsGEP1_64(I8, P, Off);
    Hh = B.CreateCall(getHasher(FT), {FP, Hh});
    ++I;
  }
  B.CreateRet(Hh);
  return Fn;
}

Function *IRGenModule::getEqualFn(const lang::Type *T) {
  auto It = EqualFns.find(T);
  if (It != EqualFns.end())
    return It->second;
  const lang::Type *U = under(T);
  uint64_t Size = getSize(T);
  Function *Fn = nullptr;
  if (auto *I = dyn_cast<lang::InterfaceType>(U))
    Fn = Runtime.get(I->isEmpty() ? RuntimeFn::nilinterequal
                                  : RuntimeFn::interequal);
  else if (U->isString())
    Fn = Runtime.get(RuntimeFn::strequal);
  else if (U->getKind() == lang::Type::Float32)
    Fn = Runtime.get(RuntimeFn::f32equal);
  else if (U->getKind() == lang::Type::Float64)
    Fn = Runtime.get(RuntimeFn::f64equal);
  else if (isPlainMemory(T) && Size == 4)
    Fn = Runtime.get(RuntimeFn::memequal32);
  else if (isPlainMemory(T) && Size == 8)
    Fn = Runtime.get(RuntimeFn::memequal64);
  if (Fn)
    return EqualFns[T] = Fn;

  auto *FTy = FunctionType::get(I1, {Ptr, Ptr}, false);
  Fn = createHelper(*this, FTy, "type..eq." + lang::typeString(T), true);
  EqualFns[T] = Fn;
  HelperBuilder H(*this, Fn);
  IRBuilder<> &B = H.B;
  Value *P = Fn->getArg(0), *Q = Fn->getArg(1);
  if (isPlainMemory(T)) {
    // eq(p, q) = runtime.memequal(p, q, size)
    if (Size == 0) {
      B.CreateRet(B.getTrue());
      return Fn;
    }
    B.CreateRet(callHelper(B, Runtime.get(RuntimeFn::memequal),
                           {P, Q, B.getInt64(Size)}));
    return Fn;
  }
  BasicBlock *False = BasicBlock::Create(Ctx, "ne", Fn);
  if (auto *AT = dyn_cast<lang::ArrayType>(U)) {
    // for i := 0; i < N; i++ { if !eq_elem(&p[i], &q[i]) { return false } }
    Function *EE = getEqualFn(AT->getElement());
    llvm::Type *ET = getLLVMType(AT->getElement());
    BasicBlock *Entry = B.GetInsertBlock();
    BasicBlock *Loop = BasicBlock::Create(Ctx, "loop", Fn);
    BasicBlock *Next = BasicBlock::Create(Ctx, "next", Fn);
    BasicBlock *True = BasicBlock::Create(Ctx, "eq", Fn);
    B.CreateCondBr(B.getInt1(AT->getLength() > 0), Loop, True);
    B.SetInsertPoint(Loop);
    PHINode *I = B.CreatePHI(I64, 2, "i");
    I->addIncoming(B.getInt64(0), Entry);
    Value *E = callHelper(
        B, EE, {B.CreateInBoundsGEP(ET, P, I), B.CreateInBoundsGEP(ET, Q, I)});
    B.CreateCondBr(E, Next, False);
    B.SetInsertPoint(Next);
    Value *NI = B.CreateAdd(I, B.getInt64(1));
    I->addIncoming(NI, Next);
    B.CreateCondBr(B.CreateICmpULT(NI, B.getInt64(AT->getLength())), Loop,
                   True);
    B.SetInsertPoint(True);
    B.CreateRet(B.getTrue());
    B.SetInsertPoint(False);
    B.CreateRet(B.getFalse());
    return Fn;
  }
  // Structs: compare field by field, stopping at the first difference.
  auto *ST = cast<lang::StructType>(U);
  for (unsigned I = 0, N = ST->getNumFields(); I < N; ++I) {
    const lang::Type *FT = ST->getField(I).Ty;
    if (getSize(FT) == 0)
      continue;
    uint64_t Off = getFieldOffset(ST, I);
    Value *FP = B.CreateConstInBoundsGEP1_64(I8, P, Off);
    Value *FQ = B.CreateConstInBoundsGEP1_64(I8, Q, Off);
    const lang::Type *FU = under(FT);
    Value *E;
    if (FU->isFloat() || (FU->isInteger() || FU->isBoolean() ||
                          FU->getKind() == lang::Type::Pointer ||
                          FU->getKind() == lang::Type::Chan)) {
      llvm::Type *LT = getLLVMType(FT);
      Value *A = B.CreateLoad(LT, FP), *C = B.CreateLoad(LT, FQ);
      E = LT->isFloatingPointTy() ? B.CreateFCmpOEQ(A, C)
                                  : B.CreateICmpEQ(A, C);
    } else {
      E = callHelper(B, getEqualFn(FT), {FP, FQ});
    }
    BasicBlock *Next = BasicBlock::Create(Ctx, "next", Fn);
    B.CreateCondBr(E, Next, False);
    B.SetInsertPoint(Next);
  }
  B.CreateRet(B.getTrue());
  B.SetInsertPoint(False);
  B.CreateRet(B.getFalse());
  return Fn;
}

//===----------------------------------------------------------------------===//
// The maptype descriptor
//===----------------------------------------------------------------------===//

Constant *IRGenModule::getMapTypeDesc(const lang::MapType *MT) {
  auto It = MapTypeDescs.find(MT);
  if (It != MapTypeDescs.end())
    return It->second;
  // @"type.map[K]V" = internal constant %gm.MapType {
  //     hasher, equal, typedesc K, typedesc V, sizeof K, sizeof V,
  //     key slot, elem slot, bucket size, flags, bucket has pointers }
  auto *GV =
      new GlobalVariable(M, MapTypeTy, true, GlobalValue::InternalLinkage,
                         nullptr, "type." + lang::typeString(MT));
  GV->setAlignment(Align(8));
  MapTypeDescs[MT] = GV;

  const lang::Type *K = MT->getKey(), *V = MT->getValue();
  uint64_t KeyTypeSize = getSize(K), ElemTypeSize = getSize(V);
  uint32_t Flags = 0;
  uint64_t KeySlot = KeyTypeSize, ElemSlot = ElemTypeSize;
  if (KeyTypeSize > abi::MaxKeySize) {
    KeySlot = DL.getPointerSize();
    Flags |= abi::MapIndirectKey;
  }
  if (ElemTypeSize > abi::MaxElemSize) {
    ElemSlot = DL.getPointerSize();
    Flags |= abi::MapIndirectElem;
  }
  if (isReflexive(K))
    Flags |= abi::MapReflexiveKey;
  if (needKeyUpdate(K))
    Flags |= abi::MapNeedKeyUpdate;
  if (containsInterface(K))
    Flags |= abi::MapHashMightPanic;
  bool BucketHasPointers =
      hasPointers(K) || hasPointers(V) ||
      (Flags & (abi::MapIndirectKey | abi::MapIndirectElem));
  uint64_t BucketSize =
      abi::mapTableUnitSize(Opts.MapRuntime, KeySlot, ElemSlot);
  if (BucketSize > UINT16_MAX)
    internalError("bucket of " + lang::typeString(MT) + " is too large");
  GV->setInitializer(ConstantStruct::get(
      MapTypeTy,
      {getHasher(K), getEqualFn(K), getTypeDesc(K), getTypeDesc(V),
       ConstantInt::get(I64, KeyTypeSize), ConstantInt::get(I64, ElemTypeSize),
       ConstantInt::get(I8, KeySlot), ConstantInt::get(I8, ElemSlot),
       ConstantInt::get(I16, BucketSize), ConstantInt::get(I32, Flags),
       ConstantInt::get(I8, BucketHasPointers ? 1 : 0),
       ConstantAggregateZero::get(ArrayType::get(I8, 7))}));
  return GV;
}

//===----------------------------------------------------------------------===//
// Entry-point calls
//===----------------------------------------------------------------------===//

/// The key as the fast entry points take it: i32 (fast32), i64 (fast64),
/// ptr (fast64ptr assign), { ptr, i64 } (faststr). Key is the key's value
/// (scalars, strings) or its address (structs and arrays).
static Value *fastKeyArg(IRGenFunction &IGF, const lang::Type *K, Value *Key,
                         llvm::Type *Want) {
  auto &B = IGF.B;
  if (IGF.IGM.isAggregate(K))
    return B.CreateLoad(Want, Key, "key");
  if (Key->getType() == Want)
    return Key;
  if (Key->getType()->isPointerTy() && Want->isIntegerTy())
    return B.CreatePtrToInt(Key, Want);
  return B.CreateBitOrPointerCast(Key, Want);
}

/// The key by address, for the generic entry points.
static Value *keyAddr(IRGenFunction &IGF, const lang::Type *K, Value *Key) {
  if (IGF.IGM.isAggregate(K))
    return Key;
  Value *Tmp = IGF.createTemp(K, "key");
  IGF.B.CreateStore(Key, Tmp);
  return Tmp;
}

/// A zero value for mapaccess{1,2}_fat (elems over MaxZeroSize bytes).
static Constant *getFatZero(IRGenModule &IGM, uint64_t Size) {
  std::string Name = ("gm.zero." + Twine(Size)).str();
  if (auto *GV = IGM.M.getNamedGlobal(Name))
    return GV;
  auto *Ty = ArrayType::get(IGM.I8, Size);
  auto *GV = new GlobalVariable(IGM.M, Ty, true, GlobalValue::InternalLinkage,
                                ConstantAggregateZero::get(Ty), Name);
  GV->setAlignment(Align(8));
  return GV;
}

Value *IRGenFunction::emitMapAccessCall(const lang::MapType *MT, Value *Map,
                                        Value *Key, bool Two, Value **Ok) {
  Constant *TypeDesc = IGM.getMapTypeDesc(MT);
  const lang::Type *K = MT->getKey();
  CallInst *CI;
  switch (IGM.getMapFast(MT)) {
  case abi::MapFastKind::Fast32:
  case abi::MapFastKind::Fast32Ptr:
    // p = runtime.mapaccess1_fast32(&type, m, uint32(k))
    CI = callRuntime(Two ? RuntimeFn::mapaccess2_fast32
                         : RuntimeFn::mapaccess1_fast32,
                     {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.I32)});
    break;
  case abi::MapFastKind::Fast64:
  case abi::MapFastKind::Fast64Ptr:
    // p = runtime.mapaccess1_fast64(&type, m, uint64(k))  (pointer keys too)
    CI = callRuntime(Two ? RuntimeFn::mapaccess2_fast64
                         : RuntimeFn::mapaccess1_fast64,
                     {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.I64)});
    break;
  case abi::MapFastKind::FastStr:
    // p = runtime.mapaccess1_faststr(&type, m, k.ptr, k.len)
    CI = callRuntime(Two ? RuntimeFn::mapaccess2_faststr
                         : RuntimeFn::mapaccess1_faststr,
                     {TypeDesc, Map, stringPtr(Key), stringLen(Key)});
    break;
  case abi::MapFastKind::Slow: {
    uint64_t ElemSize = IGM.getSize(MT->getValue());
    if (ElemSize > abi::MaxZeroSize) {
      // p = runtime.mapaccess1_fat(&type, m, &k, &zero)
      CI = callRuntime(
          Two ? RuntimeFn::mapaccess2_fat : RuntimeFn::mapaccess1_fat,
          {TypeDesc, Map, keyAddr(*this, K, Key), getFatZero(IGM, ElemSize)});
    } else {
      // p = runtime.mapaccess1(&type, m, &k)
      CI = callRuntime(Two ? RuntimeFn::mapaccess2 : RuntimeFn::mapaccess1,
                       {TypeDesc, Map, keyAddr(*this, K, Key)});
    }
    break;
  }
  }
  if (!Two)
    return CI;
  // { elem, ok } = mapaccess2*(...)
  *Ok = B.CreateICmpNE(B.CreateExtractValue(CI, 1), B.getInt8(0), "ok");
  return B.CreateExtractValue(CI, 0, "elem");
}

Value *IRGenFunction::emitMapAssignSlot(const lang::MapType *MT, Value *Map,
                                        Value *Key) {
  Constant *TypeDesc = IGM.getMapTypeDesc(MT);
  const lang::Type *K = MT->getKey();
  switch (IGM.getMapFast(MT)) {
  case abi::MapFastKind::Fast32:
    // p = runtime.mapassign_fast32(&type, m, uint32(k))
    return callRuntime(RuntimeFn::mapassign_fast32,
                       {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.I32)},
                       "slot");
  case abi::MapFastKind::Fast32Ptr:
    return callRuntime(RuntimeFn::mapassign_fast32ptr,
                       {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.Ptr)},
                       "slot");
  case abi::MapFastKind::Fast64:
    // p = runtime.mapassign_fast64(&type, m, uint64(k))
    return callRuntime(RuntimeFn::mapassign_fast64,
                       {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.I64)},
                       "slot");
  case abi::MapFastKind::Fast64Ptr:
    // p = runtime.mapassign_fast64ptr(&type, m, unsafe.Pointer(k))
    return callRuntime(RuntimeFn::mapassign_fast64ptr,
                       {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.Ptr)},
                       "slot");
  case abi::MapFastKind::FastStr:
    // p = runtime.mapassign_faststr(&type, m, k.ptr, k.len)
    return callRuntime(RuntimeFn::mapassign_faststr,
                       {TypeDesc, Map, stringPtr(Key), stringLen(Key)}, "slot");
  case abi::MapFastKind::Slow:
    // p = runtime.mapassign(&type, m, &k)
    return callRuntime(RuntimeFn::mapassign,
                       {TypeDesc, Map, keyAddr(*this, K, Key)}, "slot");
  }
  llvm_unreachable("covered switch");
}

void IRGenFunction::emitMapDeleteCall(const lang::MapType *MT, Value *Map,
                                      Value *Key) {
  Constant *TypeDesc = IGM.getMapTypeDesc(MT);
  const lang::Type *K = MT->getKey();
  switch (IGM.getMapFast(MT)) {
  case abi::MapFastKind::Fast32:
  case abi::MapFastKind::Fast32Ptr:
    callRuntime(RuntimeFn::mapdelete_fast32,
                {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.I32)});
    return;
  case abi::MapFastKind::Fast64:
  case abi::MapFastKind::Fast64Ptr:
    callRuntime(RuntimeFn::mapdelete_fast64,
                {TypeDesc, Map, fastKeyArg(*this, K, Key, IGM.I64)});
    return;
  case abi::MapFastKind::FastStr:
    callRuntime(RuntimeFn::mapdelete_faststr,
                {TypeDesc, Map, stringPtr(Key), stringLen(Key)});
    return;
  case abi::MapFastKind::Slow:
    callRuntime(RuntimeFn::mapdelete, {TypeDesc, Map, keyAddr(*this, K, Key)});
    return;
  }
}

static const lang::MapType *mapTypeOf(const Expr *M) {
  return cast<lang::MapType>(under(M->getType()));
}

//===----------------------------------------------------------------------===//
// Forms
//===----------------------------------------------------------------------===//

Value *IRGenFunction::emitMakeMap(const lang::MapType *MT, const Expr *Hint) {
  // make(map[K]V), make(map[K]V, c) with constant c <= 8:
  //   h = runtime.makemap_small()
  // make(map[K]V, n):
  //   h = runtime.makemap(&type.map[K]V, n < 0 ? 0 : int64(n), nil)
  if (!Hint || (Hint->getMode() == Expr::Constant && Hint->getValue().isInt() &&
                Hint->getValue().getInt().getExtValue() <=
                    abi::mapSmallHintMax(IGM.Opts.MapRuntime))) {
    setLoc(Hint ? Hint->getLoc() : SMLoc());
    return callRuntime(RuntimeFn::makemap_small, {}, "map");
  }
  Value *N = indexToI64(emitExpr(Hint), Hint->getType());
  if (!isa<ConstantInt>(N))
    N = B.CreateSelect(B.CreateICmpSLT(N, B.getInt64(0)), B.getInt64(0), N,
                       "hint");
  return callRuntime(
      RuntimeFn::makemap,
      {IGM.getMapTypeDesc(MT), N, ConstantPointerNull::get(IGM.Ptr)}, "map");
}

//===----------------------------------------------------------------------===//
// Map slots under -race
//===----------------------------------------------------------------------===//
//
// The entry point that returns a slot has already told ThreadSanitizer that
// it read or wrote the map (the runtime's Core/Race.h), as Go's runtime tells
// its race detector; Go does not instrument the copy in or out of the slot,
// so a racy m[k] is one report naming two map entry points. The copies gmc
// emits are therefore !nosanitize under -race.

IRGenFunction::SlotAccessMark IRGenFunction::beginSlotAccess() {
  BasicBlock *BB = B.GetInsertBlock();
  return {BB, BB->empty() ? nullptr : &BB->back()};
}

void IRGenFunction::endSlotAccess(SlotAccessMark Mark) {
  if (!IGM.Opts.Race || B.GetInsertBlock() != Mark.Block)
    return;
  auto It =
      Mark.Last ? std::next(Mark.Last->getIterator()) : Mark.Block->begin();
  MDNode *Empty = MDNode::get(B.getContext(), {});
  for (Instruction &I : make_range(It, Mark.Block->end()))
    if (isa<LoadInst, StoreInst, MemIntrinsic>(I))
      I.setMetadata(LLVMContext::MD_nosanitize, Empty);
}

Value *IRGenFunction::emitSlotLoad(Value *Slot, const lang::Type *T) {
  SlotAccessMark Mark = beginSlotAccess();
  // Structs and arrays are copied out at once: the slot may move when the
  // map grows.
  Value *V = emitCopyToTemp(emitLoad(Slot, T), T);
  endSlotAccess(Mark);
  return V;
}

void IRGenFunction::emitSlotStore(Value *V, Value *Slot, const lang::Type *T) {
  SlotAccessMark Mark = beginSlotAccess();
  emitStore(V, Slot, T);
  endSlotAccess(Mark);
}

Value *IRGenFunction::emitMapIndex(const IndexExpr *E) {
  // v := m[k]   =>   v = *runtime.mapaccess1*(&type, m, k)
  const lang::MapType *MT = mapTypeOf(E->getBase());
  Value *Map = emitExpr(E->getBase());
  Value *Key = emitExpr(E->getIndex());
  setLoc(E->getLoc());
  Value *Elem = emitMapAccessCall(MT, Map, Key, false, nullptr);
  return emitSlotLoad(Elem, MT->getValue());
}

Value *IRGenFunction::emitMapAccess2(const IndexExpr *E, Value *&Ok) {
  // v, ok := m[k]   =>   p, ok = runtime.mapaccess2*(&type, m, k); v = *p
  const lang::MapType *MT = mapTypeOf(E->getBase());
  Value *Map = emitExpr(E->getBase());
  Value *Key = emitExpr(E->getIndex());
  setLoc(E->getLoc());
  return emitSlotLoad(emitMapAccessCall(MT, Map, Key, true, &Ok),
                      MT->getValue());
}

/// Matches `append(m[k], ...)` for the map store m[k].
static const CallExpr *matchAppendToSelf(const IndexExpr *LHS,
                                         const Expr *RHS) {
  auto *CE = dyn_cast<CallExpr>(skipParens(RHS));
  if (!CE || CE->getCallKind() != CallExpr::Builtin ||
      CE->getBuiltin() != BuiltinKind::Append || CE->args().empty())
    return nullptr;
  auto *Arg0 = dyn_cast<IndexExpr>(skipParens(CE->args()[0]));
  if (!Arg0 || !Arg0->isMapIndex())
    return nullptr;
  if (!sameSafeExpr(Arg0->getBase(), LHS->getBase()) ||
      !sameSafeExpr(Arg0->getIndex(), LHS->getIndex()))
    return nullptr;
  return CE;
}

void IRGenFunction::emitMapStore(const IndexExpr *LHS, const Expr *RHS) {
  const lang::MapType *MT = mapTypeOf(LHS->getBase());
  Value *Map = emitExpr(LHS->getBase());
  Value *Key =
      emitCopyToTemp(emitExpr(LHS->getIndex()), LHS->getIndex()->getType());
  if (const CallExpr *Append = matchAppendToSelf(LHS, RHS)) {
    // m[k] = append(m[k], x...)   =>   one mapassign:
    //   p = runtime.mapassign*(&type, m, k); *p = append(*p, x...)
    AppendArgs A = prepareAppendArgs(Append);
    setLoc(LHS->getLoc());
    Value *Slot = emitMapAssignSlot(MT, Map, Key);
    Value *Old = emitSlotLoad(Slot, MT->getValue());
    setLoc(Append->getLoc());
    Value *New =
        emitAppendTo(Old, cast<lang::SliceType>(under(MT->getValue())), A);
    emitSlotStore(New, Slot, MT->getValue());
    return;
  }
  // m[k] = v   =>   v evaluated first; p = runtime.mapassign*(&type, m, k);
  //                 *p = v
  Value *V = emitExpr(RHS);
  V = emitCopyToTemp(V, RHS->getType());
  setLoc(LHS->getLoc());
  Value *Slot = emitMapAssignSlot(MT, Map, Key);
  emitSlotStore(V, Slot, MT->getValue());
}

void IRGenFunction::emitMapOpAssign(const IndexExpr *LHS, tok::TokenKind Op,
                                    const Expr *RHS) {
  const lang::MapType *MT = mapTypeOf(LHS->getBase());
  const lang::Type *VT = MT->getValue();
  Value *Map = emitExpr(LHS->getBase());
  Value *Key =
      emitCopyToTemp(emitExpr(LHS->getIndex()), LHS->getIndex()->getType());
  Value *R = emitExpr(RHS);
  setLoc(LHS->getLoc());
  if (Op == tok::slash || Op == tok::percent) {
    // m[k] /= v, m[k] %= v: a division by zero must panic before the key
    // is inserted:
    //   t = *runtime.mapaccess1*(&type, m, k) / v
    //   *runtime.mapassign*(&type, m, k) = t
    Value *Old =
        emitSlotLoad(emitMapAccessCall(MT, Map, Key, false, nullptr), VT);
    Value *New = emitBinaryOp(Op, Old, R, VT, RHS->getType());
    Value *Slot = emitMapAssignSlot(MT, Map, Key);
    emitSlotStore(New, Slot, VT);
    return;
  }
  // m[k] op= v   =>   p = runtime.mapassign*(&type, m, k); *p = *p op v
  Value *Slot = emitMapAssignSlot(MT, Map, Key);
  Value *Old = emitSlotLoad(Slot, VT);
  Value *New = emitBinaryOp(Op, Old, R, VT, RHS->getType());
  emitSlotStore(New, Slot, VT);
}

void IRGenFunction::emitMapIncDec(const IndexExpr *LHS, bool Inc) {
  // m[k]++   =>   p = runtime.mapassign*(&type, m, k); *p = *p + 1
  const lang::MapType *MT = mapTypeOf(LHS->getBase());
  const lang::Type *VT = MT->getValue();
  Value *Map = emitExpr(LHS->getBase());
  Value *Key =
      emitCopyToTemp(emitExpr(LHS->getIndex()), LHS->getIndex()->getType());
  setLoc(LHS->getLoc());
  Value *Slot = emitMapAssignSlot(MT, Map, Key);
  Value *Old = emitSlotLoad(Slot, VT);
  Value *One = VT->isFloat() ? ConstantFP::get(Old->getType(), 1.0)
                             : ConstantInt::get(Old->getType(), 1);
  emitSlotStore(emitBinaryOp(Inc ? tok::plus : tok::minus, Old, One, VT, VT),
                Slot, VT);
}

void IRGenFunction::emitMapDelete(const CallExpr *E) {
  // delete(m, k)   =>   runtime.mapdelete*(&type, m, k)
  const lang::MapType *MT = mapTypeOf(E->args()[0]);
  Value *Map = emitExpr(E->args()[0]);
  Value *Key = emitExpr(E->args()[1]);
  setLoc(E->getLoc());
  emitMapDeleteCall(MT, Map, Key);
}

void IRGenFunction::emitMapClear(const lang::MapType *MT, Value *Map) {
  // clear(m)   =>   runtime.mapclear(&type, m)
  callRuntime(RuntimeFn::mapclear, {IGM.getMapTypeDesc(MT), Map});
}

Value *IRGenFunction::emitMapStats(const CallExpr *E) {
  // s := runtime.MapStats(m)      ("gm/runtime", not Go)
  //   %s = alloca abi::MapStats                 ; runtime.Stats, same layout
  //   runtime.mapstats(&type.map[K]V, m, %s)    ; nil m: all zeros
  //   s = *%s
  // runtime.Stats is an aggregate, so the slot itself is the value (callers
  // copy it out, as they do any struct).
  const Expr *M = E->args()[0];
  const lang::MapType *MT = mapTypeOf(M);
  const lang::Type *StatsT = E->getType();
  // The front end declares runtime.Stats field for field as abi::MapStats;
  // check that the layouts agree rather than trusting it.
  static constexpr uint64_t Offsets[] = {
      offsetof(abi::MapStats, Count),
      offsetof(abi::MapStats, B),
      offsetof(abi::MapStats, Buckets),
      offsetof(abi::MapStats, OverflowBuckets),
      offsetof(abi::MapStats, NOverflow),
      offsetof(abi::MapStats, OldBucketsRemaining),
      offsetof(abi::MapStats, OldBuckets),
      offsetof(abi::MapStats, LoadFactor),
      offsetof(abi::MapStats, ChainLengthHistogram)};
  auto *ST = dyn_cast<lang::StructType>(under(StatsT));
  if (!ST || ST->getNumFields() != std::size(Offsets) ||
      IGM.getSize(StatsT) != sizeof(abi::MapStats) ||
      IGM.getAlign(StatsT) != alignof(abi::MapStats))
    internalError("runtime.Stats does not match abi::MapStats");
  for (unsigned I = 0; I < std::size(Offsets); ++I)
    if (IGM.getFieldOffset(ST, I) != Offsets[I])
      internalError("runtime.Stats." + ST->getFields()[I].Name +
                    " is not at its abi::MapStats offset");
  Value *Map = emitExpr(M);
  AllocaInst *Slot = createTemp(StatsT, "mapstats");
  setLoc(E->getLoc());
  callRuntime(RuntimeFn::mapstats, {IGM.getMapTypeDesc(MT), Map, Slot});
  return emitLoad(Slot, StatsT, "stats");
}

Value *IRGenFunction::emitMapLen(Value *Map) {
  // len(m)   =>   m == nil ? 0 : m.count     (count is HMap's first word)
  static_assert(offsetof(abi::HMap, Count) == 0 &&
                    offsetof(abi::SwissMap, Count) == 0,
                "len(m) loads word 0 of both runtimes' maps");
  BasicBlock *Start = B.GetInsertBlock();
  BasicBlock *Load = newBlock("maplen.load");
  BasicBlock *End = newBlock("maplen.end");
  B.CreateCondBr(B.CreateIsNull(Map), End, Load);
  emitBlock(Load);
  Value *Count = B.CreateLoad(IGM.I64, Map, "count");
  emitBlock(End);
  PHINode *Phi = B.CreatePHI(IGM.I64, 2, "len");
  Phi->addIncoming(B.getInt64(0), Start);
  Phi->addIncoming(Count, Load);
  return Phi;
}

bool IRGenFunction::isMapClearIdiom(const RangeStmt *S) {
  // for k := range m { delete(m, k) }, with a reflexive key type (a NaN key
  // could never be found to delete), is clear(m) -- Go's isMapClear. Only
  // with k declared by the loop: `for k = range m` leaves k set to the last
  // key, which clearing would not.
  const Decl *KeyDecl = rangeKeyOnlyVar(S);
  if (!KeyDecl || !S->isDefine())
    return false;
  const auto &Body = S->getBody()->body();
  if (Body.size() != 1)
    return false;
  auto *ES = dyn_cast<ExprStmt>(Body[0]);
  auto *CE = ES ? dyn_cast<CallExpr>(skipParens(ES->getExpr())) : nullptr;
  if (!CE || CE->getCallKind() != CallExpr::Builtin ||
      CE->getBuiltin() != BuiltinKind::Delete || CE->args().size() != 2)
    return false;
  auto *DelKey = dyn_cast<IdentExpr>(skipParens(CE->args()[1]));
  if (!DelKey || DelKey->getDecl() != KeyDecl)
    return false;
  if (!sameSafeExpr(CE->args()[0], S->getRangeExpr()))
    return false;
  return IGM.isReflexive(mapTypeOf(S->getRangeExpr())->getKey());
}

void IRGenFunction::emitMapRange(const RangeStmt *S) {
  const lang::MapType *MT = mapTypeOf(S->getRangeExpr());
  setLoc(S->getLoc());
  if (isMapClearIdiom(S)) {
    // for k := range m { delete(m, k) }   =>   runtime.mapclear(&type, m)
    Value *Map = emitExpr(S->getRangeExpr());
    setLoc(S->getLoc());
    emitMapClear(MT, Map);
    return;
  }
  // var it hiter                                   (zeroed)
  // runtime.mapiterinit(&type, m, &it)
  // for ; it.key != nil; runtime.mapiternext(&it) {
  //   k, v = *it.key, *it.elem
  //   body
  // }
  Value *Map = emitExpr(S->getRangeExpr());
  setLoc(S->getLoc());
  AllocaInst *It = createTemp(IGM.HIterTy, "hiter");
  B.CreateMemSet(It, B.getInt8(0), abi::mapIterSize(IGM.Opts.MapRuntime),
                 MaybeAlign(8));
  callRuntime(RuntimeFn::mapiterinit, {IGM.getMapTypeDesc(MT), Map, It});

  auto declare = [&](const Expr *E, const VarDecl *VD) -> Value * {
    if (!E)
      return nullptr;
    if (auto *I = dyn_cast<IdentExpr>(skipParens(E)))
      if (I->isBlank())
        return nullptr;
    if (S->isDefine())
      return VD ? declareLoopVar(VD) : nullptr;
    return nullptr;
  };
  Value *KeyAddr = declare(S->getKey(), S->getKeyVar());
  Value *ValAddr = declare(S->getValue(), S->getValueVar());
  auto isUsed = [&](const Expr *E) {
    if (!E)
      return false;
    if (auto *I = dyn_cast<IdentExpr>(skipParens(E)))
      return !I->isBlank();
    return true;
  };

  BasicBlock *Cond = newBlock("maprange.cond");
  BasicBlock *Body = newBlock("maprange.body");
  BasicBlock *Next = newBlock("maprange.next");
  BasicBlock *Exit = newBlock("maprange.end");
  BreakTargets[S] = Exit;
  ContinueTargets[S] = Next;
  emitBlock(Cond);
  static_assert(offsetof(abi::HIter, Key) == 0 &&
                    offsetof(abi::HIter, Elem) == 8 &&
                    offsetof(abi::SwissIter, Key) == 0 &&
                    offsetof(abi::SwissIter, Elem) == 8,
                "key and elem pointers lead the iterator of both runtimes");
  Value *KeyPtr = B.CreateLoad(IGM.Ptr, It, "it.key");
  B.CreateCondBr(B.CreateIsNull(KeyPtr), Exit, Body);
  emitBlock(Body);
  // As a tuple assignment: both left-hand sides first (in `for k, a[k] =
  // range m`, a[k] with the k of before), then the loads, then the stores.
  Value *KeyDst = nullptr, *ValDst = nullptr;
  if (isUsed(S->getKey()) && (KeyAddr || !S->isDefine()))
    KeyDst = KeyAddr ? iterationVarAddr(S->getKeyVar()) : emitAddr(S->getKey());
  if (isUsed(S->getValue()) && (ValAddr || !S->isDefine()))
    ValDst =
        ValAddr ? iterationVarAddr(S->getValueVar()) : emitAddr(S->getValue());
  Value *K = KeyDst ? emitSlotLoad(KeyPtr, MT->getKey()) : nullptr;
  Value *V = nullptr;
  if (ValDst) {
    Value *ElemPtr = B.CreateLoad(
        IGM.Ptr, B.CreateConstInBoundsGEP1_64(IGM.I8, It, 8), "it.elem");
    V = emitSlotLoad(ElemPtr, MT->getValue());
  }
  if (KeyDst)
    emitStore(K, KeyDst, MT->getKey());
  if (ValDst)
    emitStore(V, ValDst, MT->getValue());
  emitBlockStmt(S->getBody());
  emitBlock(Next);
  setLoc(S->getLoc());
  callRuntime(RuntimeFn::mapiternext, {It});
  B.CreateBr(Cond);
  emitBlock(Exit);
}

Value *IRGenFunction::emitMapLiteral(const CompositeLitExpr *E) {
  const lang::MapType *MT = cast<lang::MapType>(under(E->getType()));
  const auto &Elems = E->elements();
  uint64_t N = Elems.size();
  setLoc(E->getLoc());
  // m = make(map[K]V, n)
  Value *Map;
  if (N <= uint64_t(abi::mapSmallHintMax(IGM.Opts.MapRuntime)))
    Map = callRuntime(RuntimeFn::makemap_small, {}, "map");
  else
    Map = callRuntime(RuntimeFn::makemap,
                      {IGM.getMapTypeDesc(MT), B.getInt64(N),
                       ConstantPointerNull::get(IGM.Ptr)},
                      "map");
  bool AllStatic = N > 25 && !IGM.isAggregate(MT->getKey()) &&
                   !IGM.isAggregate(MT->getValue());
  for (const CompositeElement &El : Elems)
    if (!AllStatic || El.Key->getMode() != Expr::Constant ||
        El.Value->getMode() != Expr::Constant) {
      AllStatic = false;
      break;
    }
  if (AllStatic) {
    // More than 25 constant entries: two constant arrays and a loop.
    //   @keys = [n x K] [...]; @vals = [n x V] [...]
    //   for i := 0; i < n; i++ { *mapassign*(&type, m, keys[i]) = vals[i] }
    SmallVector<Constant *, 32> Keys, Vals;
    for (const CompositeElement &El : Elems) {
      Keys.push_back(cast<Constant>(emitExpr(El.Key)));
      Vals.push_back(cast<Constant>(emitExpr(El.Value)));
    }
    llvm::Type *KT = IGM.getLLVMType(MT->getKey());
    llvm::Type *VT = IGM.getLLVMType(MT->getValue());
    auto *KArr = llvm::ArrayType::get(KT, N),
         *VArr = llvm::ArrayType::get(VT, N);
    auto *KG =
        new GlobalVariable(IGM.M, KArr, true, GlobalValue::PrivateLinkage,
                           ConstantArray::get(KArr, Keys), "maplit.keys");
    auto *VG =
        new GlobalVariable(IGM.M, VArr, true, GlobalValue::PrivateLinkage,
                           ConstantArray::get(VArr, Vals), "maplit.vals");
    BasicBlock *Pre = B.GetInsertBlock();
    BasicBlock *Loop = newBlock("maplit.loop");
    BasicBlock *Done = newBlock("maplit.done");
    B.CreateBr(Loop);
    emitBlock(Loop);
    PHINode *I = B.CreatePHI(IGM.I64, 2, "i");
    I->addIncoming(B.getInt64(0), Pre);
    Value *K =
        B.CreateLoad(KT, B.CreateInBoundsGEP(KArr, KG, {B.getInt64(0), I}));
    Value *V =
        B.CreateLoad(VT, B.CreateInBoundsGEP(VArr, VG, {B.getInt64(0), I}));
    Value *Slot = emitMapAssignSlot(MT, Map, K);
    B.CreateStore(V, Slot);
    Value *NI = B.CreateAdd(I, B.getInt64(1));
    I->addIncoming(NI, B.GetInsertBlock());
    B.CreateCondBr(B.CreateICmpULT(NI, B.getInt64(N)), Loop, Done);
    emitBlock(Done);
    return Map;
  }
  // Up to 25 entries (or non-constant ones): sequential assigns.
  //   *mapassign*(&type, m, k1) = v1; ...
  for (const CompositeElement &El : Elems) {
    Value *K = emitCopyToTemp(emitExpr(El.Key), MT->getKey());
    Value *V = emitCopyToTemp(emitExpr(El.Value), MT->getValue());
    setLoc(El.Key->getLoc());
    Value *Slot = emitMapAssignSlot(MT, Map, K);
    emitStore(V, Slot, MT->getValue());
  }
  return Map;
}

//===----------------------------------------------------------------------===//
// The map runtime
//===----------------------------------------------------------------------===//

void IRGenModule::emitMapRuntimeChoice() {
  // !{i32 1, !"gm.map-runtime", !"swiss"}: Error, so that llvm-link refuses
  // to mix modules of both runtimes; gm-map-inline reads it.
  abi::MapRuntime R = Opts.MapRuntime;
  M.addModuleFlag(Module::Error, abi::MapRuntimeModuleFlag,
                  MDString::get(Ctx, abi::mapRuntimeName(R)));
  // @gm.map_runtime = internal constant ptr @gm_map_runtime_swiss, kept by
  // llvm.used: only the matching runtime library defines the marker, so an
  // object linked against the other one fails to link, naming it.
  auto *Marker = new GlobalVariable(M, I8, /*isConstant=*/true,
                                    GlobalValue::ExternalLinkage, nullptr,
                                    abi::mapRuntimeMarkerSymbol(R));
  auto *Ref = new GlobalVariable(M, Ptr, /*isConstant=*/true,
                                 GlobalValue::InternalLinkage, Marker,
                                 "gm.map_runtime");
  appendToUsed(M, {Ref});
}
