//===- TypeDescriptors.cpp - abi::TypeDesc constants for fmt and panic ----===//
//
// Every type passed as an `any` argument (fmt.Println(x), panic(v), ...) or
// reachable from one gets an internal constant abi::TypeDesc:
//
//   @"typedesc.main.Point" = internal constant %gm.TypeDesc {
//       i64 16, ptr @"main.Point", i8 <Kind::Struct>, i8 1 (named),
//       i8 8 (align), i32 2 (fields), ptr null, ptr null, i64 0,
//       ptr @"typedesc.main.Point.fields", ptr null }
//
// The runtime's fmt walks these to print values exactly as Go does. The
// LLVM struct types are checked against ABI.h in IRGenModule's constructor.
//
// fmt and panic call a value's Error(), String() or GoString() method, so a
// descriptor also points to a thunk (abi::StringMethodFn) for each of them
// that the type's method set has. Given the address of a value of the type,
// the thunk follows embedded fields to the method's receiver and calls it:
//
//   define internal { ptr, i64 } @"typedesc.*main.T.String"(ptr %recv) {
//     %p = load ptr, ptr %recv                ; the *T value
//     %s = call { ptr, i64 } @"main.(*T).String"(ptr %p)
//     ret { ptr, i64 } %s
//   }
//
//===----------------------------------------------------------------------===//

#include "DebugInfo.h"
#include "IRGenFunction.h"
#include "IRGenModule.h"
#include "gm/lang/AST/Lookup.h"
#include "llvm/IR/Constants.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Unicode.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

static abi::TypeKind getTypeKind(const lang::Type *T) {
  switch (T->getUnderlying()->getKind()) {
  case lang::Type::Bool:
  case lang::Type::UntypedBool:
    return abi::TypeKind::Bool;
  case lang::Type::Int:
  case lang::Type::UntypedInt:
    return abi::TypeKind::Int;
  case lang::Type::Int8:
    return abi::TypeKind::Int8;
  case lang::Type::Int16:
    return abi::TypeKind::Int16;
  case lang::Type::Int32:
  case lang::Type::UntypedRune:
    return abi::TypeKind::Int32;
  case lang::Type::Int64:
    return abi::TypeKind::Int64;
  case lang::Type::Uint:
    return abi::TypeKind::Uint;
  case lang::Type::Uint8:
    return abi::TypeKind::Uint8;
  case lang::Type::Uint16:
    return abi::TypeKind::Uint16;
  case lang::Type::Uint32:
    return abi::TypeKind::Uint32;
  case lang::Type::Uint64:
    return abi::TypeKind::Uint64;
  case lang::Type::Uintptr:
    return abi::TypeKind::Uintptr;
  case lang::Type::Float32:
    return abi::TypeKind::Float32;
  case lang::Type::Float64:
  case lang::Type::UntypedFloat:
    return abi::TypeKind::Float64;
  case lang::Type::String:
  case lang::Type::UntypedString:
    return abi::TypeKind::String;
  case lang::Type::Pointer:
    return abi::TypeKind::Pointer;
  case lang::Type::Array:
    return abi::TypeKind::Array;
  case lang::Type::Slice:
    return abi::TypeKind::Slice;
  case lang::Type::Struct:
    return abi::TypeKind::Struct;
  case lang::Type::Map:
    return abi::TypeKind::Map;
  case lang::Type::Chan:
    return abi::TypeKind::Chan;
  case lang::Type::UntypedNil:
    return abi::TypeKind::Nil;
  case lang::Type::Signature:
    return abi::TypeKind::Func;
  case lang::Type::Interface:
    return abi::TypeKind::Interface;
  default:
    internalError("no type descriptor kind for " + lang::typeString(T));
  }
}

/// Whether a field name is exported (starts with an upper-case letter).
/// Letters with a simple lower-case folding stand in for Unicode's Lu.
static bool isExportedName(StringRef Name) {
  if (Name.empty())
    return false;
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Name.data());
  llvm::UTF32 C;
  if (llvm::convertUTF8Sequence(&Begin, Begin + Name.size(), &C,
                                llvm::strictConversion) != llvm::conversionOK)
    return false;
  return llvm::sys::unicode::foldCharSimple(C) != int(C);
}

Constant *IRGenModule::getStringMethodThunk(const lang::Type *T,
                                            StringRef Name) {
  Constant *Null = ConstantPointerNull::get(Ptr);
  // An interface value is printed by its dynamic type's methods.
  if (T->isInterface())
    return Null;
  // Only a method of T's method set: a pointer-receiver method needs a
  // pointer on the way to it.
  lang::Selection Sel = lang::lookupFieldOrMethod(T, Name);
  if (Sel.K == lang::Selection::InterfaceMethod)
    return getPromotedInterfaceStringThunk(T, Name, Sel);
  if (Sel.K != lang::Selection::Method ||
      (Sel.M->hasPointerReceiver() && !Sel.Indirect))
    return Null;
  // Only `func() string` satisfies fmt.Stringer, fmt.GoStringer and error.
  const lang::FuncDecl *Method = Sel.M;
  lang::SignatureType *Sig = Method->getSignature();
  lang::TupleType *Results = Sig ? Sig->getResults() : nullptr;
  if (!Sig || !Sig->getParams().empty() || !Results || Results->size() != 1 ||
      Results->getElement(0)->getKind() != lang::Type::String)
    return Null;

  Function *Fn =
      Function::Create(getStringMethodType(M), GlobalValue::InternalLinkage,
                       "typedesc." + lang::typeString(T) + "." + Name, &M);
  Fn->addFnAttr(Attribute::NoUnwind);
  IRGenFunction IGF(*this, Fn);
  DI->createFunction(Fn, nullptr, Fn->getName(), Method->getLoc(),
                     /*Artificial=*/true);
  IGF.startSynthetic();
  IRBuilder<> &B = IGF.B;

  // Cur is the address of a value of type CurT.
  Value *Cur = Fn->getArg(0);
  const lang::Type *CurT = T;
  for (const lang::FieldStep &Step : Sel.Path) {
    if (Step.Deref) {
      Cur = B.CreateLoad(Ptr, Cur);
      IGF.emitNilCheck(Cur);
      CurT = cast<lang::PointerType>(CurT->getUnderlying())->getElement();
    }
    auto *ST = cast<lang::StructType>(CurT->getUnderlying());
    Cur = B.CreateStructGEP(getLLVMType(ST), Cur, Step.Index);
    CurT = ST->getField(Step.Index).Ty;
  }
  // Cur now holds the receiver base value, or (HolderIsPointer) a pointer
  // to it.
  Value *Recv = Sel.HolderIsPointer ? B.CreateLoad(Ptr, Cur) : Cur;
  if (!Method->hasPointerReceiver()) {
    if (Sel.HolderIsPointer) {
      if (Sel.Path.empty()) {
        IGF.emitValueMethodNilCheck(Recv, Method);
      } else {
        IGF.emitNilCheck(Recv);
      }
    }
    // The callee owns its receiver: pass a copy.
    const lang::Type *RecvT = Method->getReceiver()->getType();
    Recv = IGF.emitCopyToTemp(IGF.emitLoad(Recv, RecvT), RecvT);
  }
  B.CreateRet(B.CreateCall(getFunction(Method), {Recv}));
  return Fn;
}

Constant *IRGenModule::getPromotedInterfaceStringThunk(
    const lang::Type *T, StringRef Name, const lang::Selection &Sel) {
  // `type MyErr struct{ error }`: Error comes from the embedded interface,
  // so the thunk follows the path to it and calls through its itab.
  const lang::InterfaceMethod &IM = Sel.Iface->getMethods()[Sel.MethodIndex];
  lang::TupleType *Results = IM.Sig->getResults();
  if (!IM.Sig->getParams().empty() || Results->size() != 1 ||
      Results->getElement(0)->getKind() != lang::Type::String)
    return ConstantPointerNull::get(Ptr);
  Function *Fn =
      Function::Create(getStringMethodType(M), GlobalValue::InternalLinkage,
                       "typedesc." + lang::typeString(T) + "." + Name, &M);
  IRGenFunction IGF(*this, Fn);
  DI->createFunction(Fn, nullptr, Fn->getName(), SMLoc(), /*Artificial=*/true);
  IGF.startSynthetic();
  // Fn's argument is the address of a value of type T.
  const lang::Type *RT = T;
  Value *Base = Fn->getArg(0);
  if (!isAggregate(T))
    Base = IGF.B.CreateLoad(getLLVMType(T), Base);
  Value *Addr = IGF.followEmbeddedPath(Base, RT, Sel.Path, SMLoc());
  Value *Iface = IGF.B.CreateLoad(IfaceTy, Addr);
  Value *Word;
  Value *Callee = IGF.emitItabMethod(Iface, Sel.Iface, Sel.MethodIndex, Word);
  const FunctionABI &ABI = getIfaceMethodABI(IM.Sig);
  IGF.B.CreateRet(IGF.B.CreateCall(ABI.FnTy, Callee, {Word}));
  return Fn;
}

Constant *IRGenModule::getTypeDesc(const lang::Type *T) {
  bool IsNil = T->getUnderlying()->getKind() == lang::Type::UntypedNil;
  if (IsNil && NilTypeDesc)
    return NilTypeDesc;
  auto It = TypeDescs.find(T);
  if (It != TypeDescs.end())
    return It->second;
  std::string Name = IsNil ? "nil" : lang::typeString(T);
  // Create first, fill in after: descriptors can be recursive (*T in T).
  auto *GV =
      new GlobalVariable(M, TypeDescTy, true, GlobalValue::InternalLinkage,
                         nullptr, "typedesc." + Name);
  GV->setAlignment(Align(8));
  if (IsNil)
    NilTypeDesc = GV;
  else
    TypeDescs[T] = GV;
  GV->setInitializer(buildTypeDesc(T, GV));
  return GV;
}

Constant *IRGenModule::buildTypeDesc(const lang::Type *T, GlobalVariable *GV) {
  const lang::Type *U = T->getUnderlying();
  abi::TypeKind K = getTypeKind(T);
  bool IsNil = K == abi::TypeKind::Nil;
  Constant *Null = ConstantPointerNull::get(Ptr);
  uint64_t Size = IsNil ? 0 : getSize(T);
  uint64_t Alignment = IsNil ? 1 : getAlign(T);
  Constant *Elem = Null, *Key = Null, *Fields = Null, *Map = Null;
  uint64_t Len = 0;
  uint32_t NumFields = 0;
  switch (U->getKind()) {
  case lang::Type::Pointer:
    Elem = getTypeDesc(cast<lang::PointerType>(U)->getElement());
    break;
  case lang::Type::Slice:
    Elem = getTypeDesc(cast<lang::SliceType>(U)->getElement());
    break;
  case lang::Type::Chan: // makechan reads the element's size from Elem
    Elem = getTypeDesc(cast<lang::ChanType>(U)->getElement());
    break;
  case lang::Type::Array:
    Elem = getTypeDesc(cast<lang::ArrayType>(U)->getElement());
    Len = cast<lang::ArrayType>(U)->getLength();
    break;
  case lang::Type::Map: {
    auto *MT = cast<lang::MapType>(U);
    Key = getTypeDesc(MT->getKey());
    Elem = getTypeDesc(MT->getValue());
    Map = getMapTypeDesc(MT);
    break;
  }
  case lang::Type::Struct: {
    auto *ST = cast<lang::StructType>(U);
    NumFields = ST->getNumFields();
    SmallVector<Constant *, 8> FieldDescs;
    for (unsigned I = 0; I < NumFields; ++I) {
      const lang::StructField &F = ST->getField(I);
      FieldDescs.push_back(ConstantStruct::get(
          FieldDescTy, {getCString(F.Name), getTypeDesc(F.Ty),
                        ConstantInt::get(I64, getFieldOffset(ST, I)),
                        ConstantInt::get(I8, isExportedName(F.Name))}));
    }
    if (NumFields) {
      auto *ArrTy = ArrayType::get(FieldDescTy, NumFields);
      auto *FGV = new GlobalVariable(
          M, ArrTy, true, GlobalValue::InternalLinkage,
          ConstantArray::get(ArrTy, FieldDescs), GV->getName() + ".fields");
      FGV->setAlignment(Align(8));
      Fields = FGV;
    }
    break;
  }
  default:
    break;
  }
  std::string Name = IsNil ? "nil" : lang::typeString(T);
  Constant *ErrorMethod = IsNil ? Null : getStringMethodThunk(T, "Error");
  Constant *StringMethod = IsNil ? Null : getStringMethodThunk(T, "String");
  Constant *GoStringMethod = IsNil ? Null : getStringMethodThunk(T, "GoString");
  uint8_t Flags = 0;
  if (isa<lang::NamedType>(T))
    Flags |= abi::TypeNamed;
  if (!IsNil && isDirectIface(T))
    Flags |= abi::TypeDirectIface;
  // Interfaces hash and compare their values by dynamic type, which the
  // hasher and equal function of an interface key already do.
  Constant *Hash = Null, *Equal = Null;
  if (!IsNil && lang::isComparable(T)) {
    Hash = getHasher(T);
    Equal = getEqualFn(T);
  }
  uint32_t NumMethods = 0;
  Constant *Methods = IsNil ? Null : getMethodTable(T, NumMethods);
  return ConstantStruct::get(
      TypeDescTy,
      {ConstantInt::get(I64, Size), getCString(Name),
       ConstantInt::get(I8, uint8_t(K)), ConstantInt::get(I8, Flags),
       ConstantInt::get(I8, Alignment), ConstantInt::get(I32, NumFields), Elem,
       Key, ConstantInt::get(I64, Len), Fields, Map, ErrorMethod, StringMethod,
       GoStringMethod, Hash, Equal, Methods,
       ConstantInt::get(I32, NumMethods)});
}
