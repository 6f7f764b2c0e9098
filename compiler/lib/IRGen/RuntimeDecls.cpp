//===- RuntimeDecls.cpp - Runtime declarations derived from the .def ------===//
//
// The runtime's entry points are listed once, with their C++ signatures, in
// gm/runtime/RuntimeFunctions.def. This file turns each row into an LLVM
// declaration with a small type-trait mapping that reproduces what clang-19
// emits for the same C++ declaration on x86-64 (SysV):
//
//   C++ type                      LLVM                         attributes
//   T* (any pointer)              ptr                          see PtrTraits
//   int64_t/uint64_t/uintptr_t    i64
//   uint32_t                      i32
//   bool (param / return)         i1                           zeroext
//   double                        double
//   GoString (param)              ptr, i64                     (two registers)
//   Eface (param)                 ptr, ptr
//   GoString (return)             { ptr, i64 }
//   MapAccess2Result (return)     { ptr, i8 }
//   MapAccessKResult (return)     { ptr, ptr }
//   SelectResult (return)         { i64, i8 }
//   Eface (return)                { ptr, ptr }
//   DecodeRuneResult (return)     { i32, i64 }
//
// A type the table does not know fails to compile (no primary template), so
// a new row with a new C++ type cannot silently get a wrong declaration.
//
// Function attributes: every entry point but the RFMayPanic ones is nounwind
// (a panic unwinds into the caller's landing pad); RFNoReturn ones are
// noreturn and cold; the others are willreturn; RFReadOnly ones only read
// memory; RFAllocates ones (mallocgc) are allocation functions (noalias
// result, allockind, allocsize). Map accesses are never readnone/readonly: they
// read the map and may allocate (mapassign) or panic.
//
//===----------------------------------------------------------------------===//

#include "RuntimeDecls.h"
#include "gm/runtime/ABI.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/Module.h"
#include <type_traits>

using namespace llvm;
using namespace gm;
using namespace gm::abi;

namespace {

/// The attributes of one lowered parameter.
struct ParamAttrs {
  bool NonNull = false;
  bool NoCapture = false;
  bool ReadOnly = false;
  bool ZeroExt = false;
};

struct Lowered {
  SmallVector<Type *, 8> Params;
  SmallVector<ParamAttrs, 8> Attrs;
};

// Pointer parameters: what is true of the pointee for every entry point that
// takes it.
template <typename T> struct PtrTraits {
  // Default for pointers to writable memory: may be null, may be captured
  // (e.g. the key of mapassign_fast64ptr is stored into the bucket).
  static constexpr ParamAttrs attrs() { return {}; }
};
template <typename T> struct PtrTraits<const T> {
  // Read-only inputs (keys by address, Eface arrays, byte/rune data) are
  // only read and never retained.
  static constexpr ParamAttrs attrs() { return {false, true, true, false}; }
};
template <> struct PtrTraits<const abi::MapType> {
  // The maptype descriptor: always a constant emitted by gmc; mapiterinit
  // keeps it in the iterator, so it is not nocapture.
  static constexpr ParamAttrs attrs() { return {true, false, true, false}; }
};
template <> struct PtrTraits<const abi::TypeDesc> {
  // Type descriptors are constants gmc emits; the runtime keeps them (a
  // channel its element type, the itab cache its pair), and an interface's
  // dynamic type may be null.
  static constexpr ParamAttrs attrs() { return {false, false, true, false}; }
};
template <> struct PtrTraits<HMap> {
  // A map may be nil (reads of nil maps are legal); iterators retain it.
  static constexpr ParamAttrs attrs() { return {}; }
};
template <> struct PtrTraits<HIter> {
  static constexpr ParamAttrs attrs() { return {true, true, false, false}; }
};
template <> struct PtrTraits<GoSlice> {
  static constexpr ParamAttrs attrs() { return {true, true, false, false}; }
};
template <> struct PtrTraits<abi::MapStats> {
  static constexpr ParamAttrs attrs() { return {true, true, false, false}; }
};
template <> struct PtrTraits<int64_t> {
  // sort.Ints sorts in place; the slice is not retained.
  static constexpr ParamAttrs attrs() { return {false, true, false, false}; }
};
template <> struct PtrTraits<GoString> {
  static constexpr ParamAttrs attrs() { return {false, true, false, false}; }
};

/// Parameter lowering. No primary definition: unknown types do not compile.
template <typename T> struct ParamLowering;

template <typename T> struct ParamLowering<T *> {
  static void append(LLVMContext &C, Lowered &L) {
    L.Params.push_back(PointerType::get(C, 0));
    L.Attrs.push_back(PtrTraits<T>::attrs());
  }
};
template <typename T> struct IntParam {
  static void append(LLVMContext &C, Lowered &L) {
    L.Params.push_back(IntegerType::get(C, sizeof(T) * 8));
    L.Attrs.push_back({});
  }
};
template <> struct ParamLowering<int64_t> : IntParam<int64_t> {};
template <> struct ParamLowering<uint64_t> : IntParam<uint64_t> {};
template <> struct ParamLowering<uint32_t> : IntParam<uint32_t> {};
template <> struct ParamLowering<int32_t> : IntParam<int32_t> {};
static_assert(std::is_same_v<uintptr_t, uint64_t> ||
                  std::is_same_v<uintptr_t, unsigned long>,
              "uintptr_t lowers as a 64-bit integer");
template <> struct ParamLowering<bool> {
  static void append(LLVMContext &C, Lowered &L) {
    L.Params.push_back(Type::getInt1Ty(C));
    ParamAttrs A;
    A.ZeroExt = true;
    L.Attrs.push_back(A);
  }
};
template <> struct ParamLowering<double> {
  static void append(LLVMContext &C, Lowered &L) {
    L.Params.push_back(Type::getDoubleTy(C));
    L.Attrs.push_back({});
  }
};
// Two-word structs travel as two scalars (SysV classifies both eightbytes as
// INTEGER).
static_assert(sizeof(GoString) == 16 && sizeof(Eface) == 16 &&
                  sizeof(Iface) == 16,
              "two-word structs are passed in two registers");
template <> struct ParamLowering<GoString> {
  static void append(LLVMContext &C, Lowered &L) {
    L.Params.push_back(PointerType::get(C, 0));
    L.Params.push_back(Type::getInt64Ty(C));
    L.Attrs.push_back({});
    L.Attrs.push_back({});
  }
};
template <> struct ParamLowering<Eface> {
  static void append(LLVMContext &C, Lowered &L) {
    L.Params.push_back(PointerType::get(C, 0));
    L.Params.push_back(PointerType::get(C, 0));
    L.Attrs.push_back({});
    L.Attrs.push_back({});
  }
};
template <> struct ParamLowering<Iface> : ParamLowering<Eface> {};

/// Return lowering: the LLVM type and whether it is a zeroext bool.
template <typename T> struct RetLowering;
template <> struct RetLowering<void> {
  static Type *get(LLVMContext &C) { return Type::getVoidTy(C); }
  static constexpr bool ZeroExt = false;
};
template <typename T> struct RetLowering<T *> {
  static Type *get(LLVMContext &C) { return PointerType::get(C, 0); }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<int64_t> {
  static Type *get(LLVMContext &C) { return Type::getInt64Ty(C); }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<uint64_t> {
  static Type *get(LLVMContext &C) { return Type::getInt64Ty(C); }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<uint32_t> {
  static Type *get(LLVMContext &C) { return Type::getInt32Ty(C); }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<int32_t> {
  static Type *get(LLVMContext &C) { return Type::getInt32Ty(C); }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<double> {
  static Type *get(LLVMContext &C) { return Type::getDoubleTy(C); }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<bool> {
  static Type *get(LLVMContext &C) { return Type::getInt1Ty(C); }
  static constexpr bool ZeroExt = true;
};
static_assert(sizeof(MapAccess2Result) == 16 &&
                  offsetof(MapAccess2Result, Ok) == 8,
              "MapAccess2Result is returned as { ptr, i8 }");
template <> struct RetLowering<MapAccess2Result> {
  static Type *get(LLVMContext &C) {
    return StructType::get(PointerType::get(C, 0), Type::getInt8Ty(C));
  }
  static constexpr bool ZeroExt = false;
};
static_assert(sizeof(SelectResult) == 16 && offsetof(SelectResult, RecvOK) == 8,
              "SelectResult is returned as { i64, i8 }");
template <> struct RetLowering<SelectResult> {
  static Type *get(LLVMContext &C) {
    return StructType::get(Type::getInt64Ty(C), Type::getInt8Ty(C));
  }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<MapAccessKResult> {
  static Type *get(LLVMContext &C) {
    return StructType::get(PointerType::get(C, 0), PointerType::get(C, 0));
  }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<Eface> {
  static Type *get(LLVMContext &C) {
    return StructType::get(PointerType::get(C, 0), PointerType::get(C, 0));
  }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<Iface> {
  static Type *get(LLVMContext &C) {
    return StructType::get(PointerType::get(C, 0), PointerType::get(C, 0));
  }
  static constexpr bool ZeroExt = false;
};
template <> struct RetLowering<GoString> {
  static Type *get(LLVMContext &C) {
    return StructType::get(PointerType::get(C, 0), Type::getInt64Ty(C));
  }
  static constexpr bool ZeroExt = false;
};
static_assert(sizeof(DecodeRuneResult) == 16 &&
                  offsetof(DecodeRuneResult, Next) == 8,
              "DecodeRuneResult is returned as { i32, i64 }");
template <> struct RetLowering<DecodeRuneResult> {
  static Type *get(LLVMContext &C) {
    return StructType::get(Type::getInt32Ty(C), Type::getInt64Ty(C));
  }
  static constexpr bool ZeroExt = false;
};

/// Splits a C++ function type into return and parameter lowering.
template <typename F> struct Signature;
template <typename R, typename... Ps> struct Signature<R(Ps...)> {
  static FunctionType *get(LLVMContext &C, Lowered &L, bool &RetZExt) {
    (ParamLowering<std::remove_cv_t<Ps>>::append(C, L), ...);
    RetZExt = RetLowering<R>::ZeroExt;
    return FunctionType::get(RetLowering<R>::get(C), L.Params, false);
  }
};

struct Row {
  const char *Symbol;
  FunctionType *(*Build)(LLVMContext &, Lowered &, bool &);
  unsigned Props;
};

const Row Rows[] = {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  {Symbol, &Signature<Ret Params>::get, Props},
#include "gm/runtime/RuntimeFunctions.def"
};
static_assert(sizeof(Rows) / sizeof(Rows[0]) ==
                  unsigned(gm::irgen::RuntimeFn::NumRuntimeFns),
              "one row per entry point");

} // namespace

namespace gm::irgen {

StringRef getRuntimeSymbol(RuntimeFn F) { return Rows[unsigned(F)].Symbol; }

FunctionType *getStringMethodType(LLVMContext &C) {
  Lowered L;
  bool RetZExt = false;
  return Signature<std::remove_pointer_t<abi::StringMethodFn>>::get(C, L,
                                                                    RetZExt);
}

Function *RuntimeDecls::declare(Module &M, RuntimeFn F) {
  const Row &R = Rows[unsigned(F)];
  if (Function *Existing = M.getFunction(R.Symbol))
    return Existing;
  LLVMContext &C = M.getContext();
  Lowered L;
  bool RetZExt = false;
  FunctionType *FT = R.Build(C, L, RetZExt);
  Function *Fn =
      Function::Create(FT, GlobalValue::ExternalLinkage, R.Symbol, &M);
  // A panic unwinds through the caller to its defers (IRGenDefer.cpp).
  if (!(R.Props & abi::RFMayPanic))
    Fn->addFnAttr(Attribute::NoUnwind);
  if (R.Props & abi::RFNoReturn) {
    Fn->addFnAttr(Attribute::NoReturn);
    Fn->addFnAttr(Attribute::Cold);
  } else {
    Fn->addFnAttr(Attribute::WillReturn);
  }
  if (R.Props & abi::RFReadOnly)
    Fn->setOnlyReadsMemory();
  if (R.Props & abi::RFAllocates) {
    // Like malloc: store-to-load forwarding through a closure object then
    // finds the code pointer it holds, and an unused allocation goes away.
    Fn->addRetAttr(Attribute::NoAlias);
    Fn->addFnAttr(
        Attribute::get(C, Attribute::AllocKind,
                       uint64_t(AllocFnKind::Alloc | AllocFnKind::Zeroed)));
    Fn->addFnAttr(Attribute::getWithAllocSizeArgs(C, 0, std::nullopt));
    Fn->addFnAttr("alloc-family", "gm_gc");
  }
  if (RetZExt)
    Fn->addRetAttr(Attribute::ZExt);
  for (unsigned I = 0, E = L.Attrs.size(); I != E; ++I) {
    const ParamAttrs &A = L.Attrs[I];
    Fn->addParamAttr(I, Attribute::NoUndef);
    if (A.NonNull)
      Fn->addParamAttr(I, Attribute::NonNull);
    if (A.NoCapture)
      Fn->addParamAttr(I, Attribute::NoCapture);
    if (A.ReadOnly)
      Fn->addParamAttr(I, Attribute::ReadOnly);
    if (A.ZeroExt)
      Fn->addParamAttr(I, Attribute::ZExt);
  }
  return Fn;
}

Function *RuntimeDecls::get(RuntimeFn F) {
  Function *&Slot = Cache[unsigned(F)];
  if (!Slot)
    Slot = declare(M, F);
  return Slot;
}

} // namespace gm::irgen
