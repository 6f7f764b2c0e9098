//===- RuntimeDecls.cpp - Runtime declarations as clang lowers them ------===//
//
// The runtime's entry points are listed once, with their C++ signatures, in
// gm/runtime/RuntimeFunctions.def. gm-abi-gen lowers each row with clang's
// own CodeGen for the module's target (RuntimeABI.h), so the LLVM type and
// the ABI attributes of a declaration are exactly clang's: which struct is
// split into two registers, which is returned through sret, which bool is
// zeroext, what is noundef. For example, on x86-64 Linux
//
//   GM_RUNTIME_FUNCTION(mapaccess2_faststr, ..., MapAccess2Result,
//                       (const MapType *, HMap *, GoString), RFNone)
//
// is declared as
//
//   declare { ptr, i8 } @runtime.mapaccess2_faststr(
//       ptr noundef nonnull readonly, ptr noundef, ptr, i64) #0
//
// What clang cannot know is added here: what the runtime does with the
// memory its pointer parameters point to (PtrTraits, by pointee type), and
// the Props of the row as function attributes: every entry point but the
// RFMayPanic ones is nounwind (a panic unwinds into the caller's landing
// pad); RFNoReturn ones are noreturn and cold; the others are willreturn;
// RFReadOnly ones only read memory; RFAllocates ones (mallocgc) are
// allocation functions (noalias result, allockind, allocsize). Map accesses
// are never readnone/readonly: they read the map and may allocate
// (mapassign) or panic.
//
//===----------------------------------------------------------------------===//

#include "RuntimeDecls.h"
#include "RuntimeABI.h"
#include "gm/runtime/ABI.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/SourceMgr.h"
#include <type_traits>

using namespace llvm;
using namespace gm;
using namespace gm::abi;

namespace {

/// What the runtime does with the memory behind one pointer parameter.
struct PointerAttrs {
  bool NonNull = false;
  bool NoCapture = false;
  bool ReadOnly = false;
};

// What is true of the pointee for every entry point that takes it.
template <typename T> struct PtrTraits {
  // Default for pointers to writable memory: may be null, may be captured
  // (e.g. the key of mapassign_fast64ptr is stored into the bucket).
  static constexpr PointerAttrs attrs() { return {}; }
};
template <typename T> struct PtrTraits<const T> {
  // Read-only inputs (keys by address, Eface arrays, byte/rune data) are
  // only read and never retained.
  static constexpr PointerAttrs attrs() { return {false, true, true}; }
};
template <> struct PtrTraits<const abi::MapType> {
  // The maptype descriptor: always a constant emitted by gmc; mapiterinit
  // keeps it in the iterator, so it is not nocapture.
  static constexpr PointerAttrs attrs() { return {true, false, true}; }
};
template <> struct PtrTraits<const abi::TypeDesc> {
  // Type descriptors are constants gmc emits; the runtime keeps them (a
  // channel its element type, the itab cache its pair), and an interface's
  // dynamic type may be null.
  static constexpr PointerAttrs attrs() { return {false, false, true}; }
};
template <> struct PtrTraits<HMap> {
  // A map may be nil (reads of nil maps are legal); iterators retain it.
  static constexpr PointerAttrs attrs() { return {}; }
};
template <> struct PtrTraits<HIter> {
  static constexpr PointerAttrs attrs() { return {true, true, false}; }
};
template <> struct PtrTraits<GoSlice> {
  static constexpr PointerAttrs attrs() { return {true, true, false}; }
};
template <> struct PtrTraits<abi::MapStats> {
  static constexpr PointerAttrs attrs() { return {true, true, false}; }
};
template <> struct PtrTraits<int64_t> {
  // sort.Ints sorts in place; the slice is not retained.
  static constexpr PointerAttrs attrs() { return {false, true, false}; }
};
template <> struct PtrTraits<GoString> {
  static constexpr PointerAttrs attrs() { return {false, true, false}; }
};

template <typename T> constexpr PointerAttrs pointerAttrs() {
  if constexpr (std::is_pointer_v<T>)
    return PtrTraits<std::remove_pointer_t<T>>::attrs();
  else
    return {};
}

/// PointerAttrs of each C++ parameter of a signature (empty ones for
/// non-pointers).
template <typename F> struct ParamPointerAttrs;
template <typename R, typename... Ps> struct ParamPointerAttrs<R(Ps...)> {
  static constexpr PointerAttrs Attrs[sizeof...(Ps) + 1] = {
      pointerAttrs<std::remove_cv_t<Ps>>()..., {}};
};

struct Row {
  const char *Symbol;
  const PointerAttrs *ParamAttrs;
  unsigned Props;
};

const Row Rows[] = {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  {Symbol, ParamPointerAttrs<Ret Params>::Attrs, Props},
#include "gm/runtime/RuntimeFunctions.def"
};
static_assert(std::size(Rows) == unsigned(gm::irgen::RuntimeFn::NumRuntimeFns),
              "one row per entry point");

const irgen::RuntimeABI &runtimeABI(const Module &M) {
  Triple T(M.getTargetTriple());
  if (const irgen::RuntimeABI *ABI = irgen::RuntimeABI::get(T))
    return *ABI;
  report_fatal_error(Twine("gmc has no runtime ABI tables for target '") +
                     M.getTargetTriple() + "'");
}

/// Clang's declaration of a runtime entry point, parsed from its text in the
/// generated table into a scratch module of M's context. Its type and
/// attribute list belong to the context, so they outlive the module.
std::unique_ptr<Module> parseDeclaration(const Module &M,
                                         StringRef Declaration) {
  SMDiagnostic Err;
  std::unique_ptr<Module> Parsed =
      parseAssemblyString(Declaration, Err, M.getContext());
  if (!Parsed)
    report_fatal_error(Twine("bad generated runtime declaration: ") +
                       Err.getMessage());
  return Parsed;
}

} // namespace

namespace gm::irgen {

StringRef getRuntimeSymbol(RuntimeFn F) { return Rows[unsigned(F)].Symbol; }

FunctionType *getStringMethodType(const Module &M) {
  StringRef Text = runtimeABI(M).functionType("StringMethodFn");
  SMDiagnostic Err;
  Type *T = parseType(Text, Err, M);
  if (!T || !isa<FunctionType>(T))
    report_fatal_error(Twine("bad generated StringMethodFn type: ") + Text);
  return cast<FunctionType>(T);
}

Function *RuntimeDecls::declare(Module &M, RuntimeFn F) {
  const Row &R = Rows[unsigned(F)];
  if (Function *Existing = M.getFunction(R.Symbol))
    return Existing;
  LLVMContext &C = M.getContext();
  const irgen::RuntimeABI::Function &ABIFn =
      runtimeABI(M).Functions[unsigned(F)];
  std::unique_ptr<Module> Clang = parseDeclaration(M, ABIFn.Declaration);
  const Function &ClangFn = *Clang->begin();
  Function *Fn = Function::Create(ClangFn.getFunctionType(),
                                  GlobalValue::ExternalLinkage, R.Symbol, &M);
  Fn->setAttributes(ClangFn.getAttributes());
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
  // Pointer parameters: apply what the runtime does with their memory to the
  // IR argument that carries each.
  SmallVector<StringRef, 8> Sources;
  StringRef(ABIFn.ArgSources).split(Sources, ' ', -1, /*KeepEmpty=*/false);
  assert(Sources.size() == Fn->arg_size() && "stale generated table");
  for (unsigned I = 0, E = Sources.size(); I != E; ++I) {
    int Param = -1;
    if (Sources[I].getAsInteger(10, Param) || Param < 0 ||
        !Fn->getArg(I)->getType()->isPointerTy())
      continue;
    const PointerAttrs &A = R.ParamAttrs[Param];
    if (A.NonNull)
      Fn->addParamAttr(I, Attribute::NonNull);
    if (A.NoCapture)
      Fn->addParamAttr(I, Attribute::NoCapture);
    if (A.ReadOnly)
      Fn->addParamAttr(I, Attribute::ReadOnly);
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
