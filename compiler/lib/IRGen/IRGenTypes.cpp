//===- IRGenTypes.cpp - gm types to LLVM types ----------------------------===//
//
//   gm type                      LLVM type
//   bool                         i1 (one byte in memory)
//   intN/uintN, int/uint/uintptr iN (int, uint, uintptr: i64)
//   float32, float64             float, double
//   string                       { ptr, i64 }            (abi::GoString)
//   []T                          { ptr, i64, i64 }       (abi::GoSlice)
//   *T, map[K]V                  ptr (a map is a pointer to abi::HMap)
//   func(...) ...                ptr (to a funcval, see IRGenClosure.cpp)
//   interfaces                   { ptr, ptr }            (abi::Eface/Iface:
//                                type or itab, then the data word)
//   [N]T                         [N x T]
//   struct{...}                  { fields... } with natural alignment, which
//                                is Go's layout on 64-bit targets
//   named types                  their underlying type
//
//===----------------------------------------------------------------------===//

#include "IRGenModule.h"
#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

static_assert(
    sizeof(abi::GoString) == 16 && sizeof(abi::GoSlice) == 24,
    "string and slice layouts are { ptr, i64 } and { ptr, i64, i64 }");

llvm::Type *IRGenModule::getLLVMType(const lang::Type *T) {
  T = T->getUnderlying();
  auto It = TypeCache.find(T);
  if (It != TypeCache.end())
    return It->second;
  llvm::Type *R = nullptr;
  switch (T->getKind()) {
  case lang::Type::Bool:
  case lang::Type::UntypedBool:
    R = I1;
    break;
  case lang::Type::Int8:
  case lang::Type::Uint8:
    R = I8;
    break;
  case lang::Type::Int16:
  case lang::Type::Uint16:
    R = I16;
    break;
  case lang::Type::Int32:
  case lang::Type::Uint32:
  case lang::Type::UntypedRune:
    R = I32;
    break;
  case lang::Type::Int:
  case lang::Type::Int64:
  case lang::Type::Uint:
  case lang::Type::Uint64:
  case lang::Type::Uintptr:
  case lang::Type::UntypedInt:
    R = I64;
    break;
  case lang::Type::Float32:
    R = llvm::Type::getFloatTy(Ctx);
    break;
  case lang::Type::Float64:
  case lang::Type::UntypedFloat:
    R = llvm::Type::getDoubleTy(Ctx);
    break;
  case lang::Type::String:
  case lang::Type::UntypedString:
    R = StringTy;
    break;
  case lang::Type::UntypedNil:
  case lang::Type::Pointer:
  case lang::Type::Map:
  case lang::Type::Chan:      // a pointer to the runtime's abi::HChan
  case lang::Type::Signature: // a pointer to a funcval (IRGenClosure.cpp)
    R = Ptr;
    break;
  case lang::Type::Slice:
    R = SliceTy;
    break;
  case lang::Type::Interface:
    R = IfaceTy;
    break;
  case lang::Type::Array: {
    auto *AT = cast<lang::ArrayType>(T);
    R = llvm::ArrayType::get(getLLVMType(AT->getElement()), AT->getLength());
    break;
  }
  case lang::Type::Struct: {
    auto *ST = cast<lang::StructType>(T);
    SmallVector<llvm::Type *, 8> Fields;
    for (const lang::StructField &F : ST->getFields())
      Fields.push_back(getLLVMType(F.Ty));
    R = llvm::StructType::get(Ctx, Fields);
    break;
  }
  case lang::Type::Tuple: {
    auto *TT = cast<lang::TupleType>(T);
    SmallVector<llvm::Type *, 4> Elems;
    for (lang::Type *E : TT->getElements())
      Elems.push_back(getLLVMType(E));
    R = llvm::StructType::get(Ctx, Elems);
    break;
  }
  default:
    internalError("no LLVM type for gm type " + lang::typeString(T));
  }
  TypeCache[T] = R;
  return R;
}

bool IRGenModule::isAggregate(const lang::Type *T) const {
  auto K = T->getUnderlying()->getKind();
  return K == lang::Type::Struct || K == lang::Type::Array;
}

uint64_t IRGenModule::getSize(const lang::Type *T) {
  return DL.getTypeAllocSize(getLLVMType(T));
}

uint64_t IRGenModule::getAlign(const lang::Type *T) {
  return DL.getABITypeAlign(getLLVMType(T)).value();
}

uint64_t IRGenModule::getFieldOffset(const lang::StructType *T, unsigned I) {
  auto *ST = cast<llvm::StructType>(getLLVMType(T));
  return DL.getStructLayout(ST)->getElementOffset(I);
}

bool IRGenModule::hasPointers(const lang::Type *T) {
  T = T->getUnderlying();
  switch (T->getKind()) {
  case lang::Type::String:
  case lang::Type::Slice:
  case lang::Type::Pointer:
  case lang::Type::Map:
  case lang::Type::Chan:
  case lang::Type::Signature:
  case lang::Type::Interface:
  case lang::Type::UntypedNil:
  case lang::Type::UntypedString:
    return true;
  case lang::Type::Array: {
    auto *AT = cast<lang::ArrayType>(T);
    return AT->getLength() != 0 && hasPointers(AT->getElement());
  }
  case lang::Type::Struct:
    for (const lang::StructField &F : cast<lang::StructType>(T)->getFields())
      if (hasPointers(F.Ty))
        return true;
    return false;
  default:
    return false;
  }
}

bool IRGenModule::isSigned(const lang::Type *T) {
  switch (T->getUnderlying()->getKind()) {
  case lang::Type::Int:
  case lang::Type::Int8:
  case lang::Type::Int16:
  case lang::Type::Int32:
  case lang::Type::Int64:
  case lang::Type::UntypedInt:
  case lang::Type::UntypedRune:
    return true;
  default:
    return false;
  }
}

llvm::Constant *IRGenModule::getZero(const lang::Type *T) {
  return Constant::getNullValue(getLLVMType(T));
}
