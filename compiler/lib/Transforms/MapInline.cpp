//===- MapInline.cpp - Inline the fast path of fixed-width map ops --------===//
//
// gm-map-inline replaces calls of the fixed-width map entry points
//
//   runtime.mapaccess1_fast32/64   runtime.mapaccess2_fast32/64
//   runtime.mapassign_fast32/64    runtime.mapassign_fast64ptr (fast32ptr)
//
// with their fast path, inline; the runtime call survives only on the slow
// path. The fast paths are not built here: they are C++ next to the runtime
// (runtime/fastpath/MapFastPath.cpp), compiled by clang-19 to bitcode that is
// embedded in this library (gm::getFastPathBitcode()). That keeps one source
// of truth for the map's layout and decisions, as PostgreSQL's JIT does with
// the server's own bitcode.
//
// For each eligible call the pass
//   1. parses the embedded bitcode (once per run, only when there is work),
//      and checks its triple and datalayout against the module's;
//   2. links the fast-path function gm.fastpath.<entry> into the module with
//      llvm::Linker (LinkOnlyNeeded), made internal and stripped of debug info
//      and module flags;
//   3. gives it the caller's target-cpu/target-features, marks its runtime
//      call cold and "gm-map-slowpath", points the call at it and inlines it
//      with InlineFunction; every inlined instruction gets the call's !dbg.
// Finally it deletes whatever the link brought in and nothing uses any more.
//
// Before (gmc -O2, `v := m[k]` with m map[int64]int64):
//
//   %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64",
//                                            ptr %m, i64 %k), !dbg !12
//   %v = load i64, ptr %p
//
// After (condensed; every instruction carries !dbg !12):
//
//   entry:                                   ; nil map, count == 0: zero value
//     %isnil = icmp eq ptr %m, null          ; hashWriting, oldbuckets != nil:
//     ...                                    ;   the runtime
//     %b0 = icmp eq i8 %B, 0                 ; B == 0: scan the one bucket
//     br i1 %b0, label %scan, label %hash    ;   without hashing
//   hash:
//     %h = ... @gm_map_hashkey ...           ; the runtime's hashMix64
//     %bucket = getelementptr i8, ptr %buckets, i64 (%h & mask) * 144
//     %tops = load i64, ptr %bucket          ; 8 tophash bytes; SWAR-match the
//     ...                                    ;   key's tophash, compare keys
//   nomatch:                                 ; emptyRest or no overflow: miss
//     br i1 %certain, label %done, label %slow
//   slow:                                    ; growing, writer, overflow chain
//     %r = call ptr @runtime.mapaccess1_fast64(...) #cold "gm-map-slowpath"
//     br label %done
//   done:
//     %p = phi ptr [ %elem, %hit ], [ @gm.fastpath.zero, %miss ], [ %r, %slow ]
//     %v = load i64, ptr %p
//
// Matching invariants (all checked below, with a missed remark otherwise):
//   * the fast path is the module's map runtime's (module flag
//     "gm.map-runtime", abi::MapRuntimeModuleFlag; absent means classic):
//     gm.fastpath.* for the classic map, gm.swissfastpath.*
//     (SwissFastPath.cpp) for the Swiss map; a flag naming no runtime is an
//     error;
//   * the callee is a declared runtime.mapaccess*/mapassign* symbol of
//     RuntimeFunctions.def that has a function gm.fastpath.* in the bitcode;
//   * the call's function type equals the fast path's (which clang derived
//     from the same ABI.h declaration);
//   * the maptype argument is a constant global (so the maptype loads of the
//     fast path fold after inlining);
//   * the map's keys are not interfaces (hasher runtime.nilinterhash or
//     runtime.interhash, or MapHashMightPanic in the flags): those hash by
//     their dynamic type, which may panic, and so must be hashed even by a
//     lookup in an empty map, where every fast path returns without hashing
//     (gmc calls the generic entry points for them anyway);
//   * the caller is not optnone (unless the pass runs as "<optnone>");
//   * the call is not itself a slow-path call left by an earlier run
//     ("gm-map-slowpath" attribute), which makes the pass idempotent.
//
// The pass runs at the start of the default pipelines (registerMapInlinePass)
// so that the rest of the pipeline optimizes the inlined code with its
// caller: it folds B==0 and nil maps that are known, merges the header loads
// of nearby operations on one map, and hoists address arithmetic out of loops
// (not the header loads: the slow-path call may write memory).
//
//===----------------------------------------------------------------------===//

#include "gm/Transforms/MapInline.h"
#include "gm/Transforms/FastPathBitcode.h"

#include "gm/runtime/ABI.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <optional>

using namespace llvm;

#define DEBUG_TYPE "gm-map-inline"

STATISTIC(NumInlined, "Map operations whose fast path was inlined");
STATISTIC(NumInlinedAccess, "Inlined mapaccess fast paths");
STATISTIC(NumInlinedAssign, "Inlined mapassign fast paths");
STATISTIC(NumInlinedInstrs, "IR instructions added by inlined fast paths");
STATISTIC(NumSkippedMapType,
          "Map calls skipped: maptype not a constant global");
STATISTIC(NumSkippedInterfaceKey,
          "Map calls skipped: interface key hashed by dynamic type");
STATISTIC(NumSkippedNoFastPath,
          "Map calls skipped: entry point has no fast path");
STATISTIC(NumSkippedOptNone, "Map calls skipped: caller is optnone");
STATISTIC(NumSkippedRace,
          "Map calls skipped: caller is instrumented for -race");
STATISTIC(NumSkippedSignature, "Map calls skipped: call type differs from ABI");
STATISTIC(NumSkippedBitcode,
          "Map calls skipped: bitcode unusable (target, link)");
STATISTIC(NumSkippedInlineFailed, "Map calls skipped: InlineFunction failed");

namespace {

/// Call-site attribute on the runtime call of an inlined slow path. Such calls
/// are never candidates again.
constexpr StringLiteral SlowPathAttr = "gm-map-slowpath";

/// A call the pass may rewrite, and what it found out about it.
struct Candidate {
  CallBase *Call;
  /// "runtime.mapaccess1_fast64".
  StringRef Entry;
  /// "map[int64]int64" when the maptype's name tells.
  std::string MapName;
};

/// The map entry points gmc calls for `m[k]`, `v, ok := m[k]` and `m[k] = v`
/// (the family this pass is about; delete, iteration etc. are not).
bool isAccessOrAssignEntry(StringRef Symbol) {
  static const StringSet<> Entries = [] {
    StringSet<> S;
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  if (StringRef(Symbol).starts_with("runtime.mapaccess") ||                    \
      StringRef(Symbol).starts_with("runtime.mapassign"))                      \
    S.insert(Symbol);
#include "gm/runtime/RuntimeFunctions.def"
    return S;
  }();
  return Entries.contains(Symbol);
}

/// The fast path of Entry for the module's map runtime.
std::string fastPathName(StringRef Entry, gm::abi::MapRuntime Runtime) {
  StringRef Prefix = Runtime == gm::abi::MapRuntime::Swiss
                         ? gm::SwissFastPathPrefix
                         : gm::FastPathPrefix;
  return (Prefix + Entry.drop_front(gm::RuntimePrefix.size())).str();
}

/// gmc names each maptype "type.map[K]V"; the remarks quote "map[K]V".
std::string mapTypeName(const GlobalVariable &MT) {
  StringRef Name = MT.getName();
  if (!Name.consume_front("type.") || !Name.starts_with("map["))
    return "";
  return Name.str();
}

/// Reads a field of a constant maptype through ABI.h's layout, when the
/// module's pointers are the host's (the layout ABI.h describes).
std::optional<uint64_t> readMapTypeField(const GlobalVariable &MT,
                                         uint64_t Offset, unsigned Bits,
                                         const DataLayout &DL) {
  if (!MT.hasDefinitiveInitializer() || DL.getPointerSize() != sizeof(void *))
    return std::nullopt;
  Type *Ty = IntegerType::get(MT.getContext(), Bits);
  Constant *C = ConstantFoldLoadFromConst(
      const_cast<Constant *>(MT.getInitializer()), Ty, APInt(64, Offset), DL);
  if (auto *CI = dyn_cast_or_null<ConstantInt>(C))
    return CI->getZExtValue();
  return std::nullopt;
}

/// The runtime's hashers of interface keys, runtime.nilinterhash and
/// runtime.interhash: they hash a key by its dynamic type.
bool isInterfaceHasher(StringRef Symbol) {
  static const StringSet<> Hashers = [] {
    StringSet<> S;
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  if (StringRef(#Name) == "nilinterhash" || StringRef(#Name) == "interhash")   \
    S.insert(Symbol);
#include "gm/runtime/RuntimeFunctions.def"
    return S;
  }();
  return Hashers.contains(Symbol);
}

/// Whether a constant maptype describes interface keys (or keys holding
/// interfaces): its hasher is one of the runtime's interface hashers, or its
/// flags say that hashing may panic.
bool hasInterfaceKey(const GlobalVariable &MT, const DataLayout &DL) {
  if (auto Flags =
          readMapTypeField(MT, offsetof(gm::abi::MapType, Flags), 32, DL);
      Flags && (*Flags & gm::abi::MapHashMightPanic))
    return true;
  if (!MT.hasDefinitiveInitializer() || DL.getPointerSize() != sizeof(void *))
    return false;
  Constant *Hasher = ConstantFoldLoadFromConst(
      const_cast<Constant *>(MT.getInitializer()),
      PointerType::getUnqual(MT.getContext()),
      APInt(64, offsetof(gm::abi::MapType, Hasher)), DL);
  auto *Fn = dyn_cast_or_null<Function>(Hasher ? Hasher->stripPointerCasts()
                                               : nullptr);
  return Fn && isInterfaceHasher(Fn->getName());
}

/// Why the runtime has no fast path for a call of Entry (a generic or string
/// entry point), for the missed remark.
std::string noFastPathReason(StringRef Entry, const GlobalVariable *MT,
                             const DataLayout &DL) {
  if (Entry.contains("faststr"))
    return "string keys: no inline fast path";
  if (MT) {
    if (auto ElemSize = readMapTypeField(
            *MT, offsetof(gm::abi::MapType, ElemTypeSize), 64, DL);
        ElemSize && *ElemSize > gm::abi::MaxElemSize)
      return "elem " + std::to_string(*ElemSize) + " bytes: no fast path";
    StringRef Name = MT->getName();
    if (Name.consume_front("type.map[")) {
      // The key type runs to the matching ']'.
      unsigned Depth = 1;
      for (size_t I = 0; I < Name.size(); ++I) {
        if (Name[I] == '[')
          ++Depth;
        else if (Name[I] == ']' && --Depth == 0)
          return ("generic key type " + Name.take_front(I) + ": no fast path")
              .str();
      }
    }
  }
  return "generic entry point: no fast path";
}

/// Whether code compiled for the bitcode's target may run in M: the same
/// architecture, OS, environment and object format (the vendor is irrelevant),
/// and the same datalayout.
bool isCompatibleTarget(const Module &Bitcode, const Module &M,
                        std::string &Why) {
  Triple B(Bitcode.getTargetTriple()), T(M.getTargetTriple());
  if (B.getArch() != T.getArch() || B.getSubArch() != T.getSubArch() ||
      B.getOS() != T.getOS() || B.getEnvironment() != T.getEnvironment() ||
      B.getObjectFormat() != T.getObjectFormat()) {
    Why = "fast-path bitcode is for target '" + B.str() + "', module is for '" +
          T.str() + "'";
    return false;
  }
  if (Bitcode.getDataLayout() != M.getDataLayout()) {
    Why = "fast-path bitcode has datalayout '" + Bitcode.getDataLayoutStr() +
          "', module has '" + M.getDataLayoutStr() + "'";
    return false;
  }
  return true;
}

/// The embedded bitcode, parsed into M's context. Linking consumes the module,
/// so each run parses its own copy (a few kilobytes).
Expected<std::unique_ptr<Module>> loadFastPaths(LLVMContext &Ctx) {
  MemoryBufferRef Buf(gm::getFastPathBitcode(), "gm-fastpath.bc");
  auto ModOrErr = parseBitcodeFile(Buf, Ctx);
  if (!ModOrErr)
    return ModOrErr.takeError();
  Module &Src = **ModOrErr;
  // The inlined code takes the call site's location; module flags (PIC level,
  // uwtable, ...) are the module's business, not the fast paths'.
  StripDebugInfo(Src);
  for (StringRef MD : {"llvm.module.flags", "llvm.ident"})
    if (NamedMDNode *N = Src.getNamedMetadata(MD))
      Src.eraseNamedMetadata(N);
  return ModOrErr;
}

/// Emits a missed remark for C and counts it.
void missed(OptimizationRemarkEmitter &ORE, const Candidate &C, StringRef Name,
            const Twine &Why, Statistic &Stat) {
  ++Stat;
  LLVM_DEBUG(dbgs() << "skip: " << C.Entry << " in "
                    << C.Call->getFunction()->getName() << ": " << Why << "\n");
  ORE.emit([&] {
    return OptimizationRemarkMissed(DEBUG_TYPE, Name, C.Call)
           << ore::NV("Callee", C.Entry) << " not inlined: " << Why.str();
  });
}

/// Copies the caller's target attributes to the fast path, so that the code
/// inlined is the code the caller's target allows (the fast paths use nothing
/// beyond baseline integer instructions, so any target of the right
/// architecture can run them).
void adoptTargetAttributes(Function &FastPath, const Function &Caller) {
  for (StringRef Kind : {"target-cpu", "target-features", "tune-cpu"}) {
    if (Caller.hasFnAttribute(Kind))
      FastPath.addFnAttr(Caller.getFnAttribute(Kind));
    else
      FastPath.removeFnAttr(Kind);
  }
}

/// Turns a freshly linked fast path into an inlining-only helper: internal,
/// and its runtime calls (the slow path) cold and marked.
unsigned prepareFastPath(Function &FastPath) {
  FastPath.setLinkage(GlobalValue::InternalLinkage);
  FastPath.setVisibility(GlobalValue::DefaultVisibility);
  FastPath.setDSOLocal(true);
  // The bitcode is C++ built without exceptions, so clang marked it all
  // nounwind; but its calls may panic (an assignment to a nil map), and a
  // panic unwinds to the caller's defers. Inlined at an invoke, such calls
  // must become invokes too.
  FastPath.removeFnAttr(Attribute::NoUnwind);
  unsigned SlowCalls = 0;
  for (Instruction &I : instructions(FastPath)) {
    if (auto *CB = dyn_cast<CallBase>(&I)) {
      Function *Callee = CB->getCalledFunction();
      if (!Callee || !Callee->isIntrinsic()) {
        CB->removeFnAttr(Attribute::NoUnwind);
        // gmc's own declarations of runtime entries say which may panic;
        // the runtime's C++ internals (panicPlainError) get no promise.
        if (Callee && Callee->isDeclaration() &&
            !Callee->getName().starts_with(gm::RuntimePrefix))
          Callee->removeFnAttr(Attribute::NoUnwind);
      }
    }
    // The hash key never changes once gm code runs: saying so lets LICM take
    // its loads (and the arithmetic on them) out of the caller's loops.
    if (auto *Load = dyn_cast<LoadInst>(&I)) {
      auto *GV = dyn_cast<GlobalVariable>(
          getUnderlyingObject(Load->getPointerOperand()));
      if (GV && GV->getName() == gm::abi::MapHashKeySymbol)
        Load->setMetadata(LLVMContext::MD_invariant_load,
                          MDNode::get(Load->getContext(), {}));
      continue;
    }
    auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || !CB->getCalledFunction() ||
        !CB->getCalledFunction()->getName().starts_with(gm::RuntimePrefix))
      continue;
    CB->addFnAttr(Attribute::Cold);
    CB->addFnAttr(Attribute::NoInline);
    CB->addFnAttr(Attribute::get(CB->getContext(), SlowPathAttr));
    ++SlowCalls;
  }
  return SlowCalls;
}

/// The map runtime M was compiled for: the module flag gmc sets
/// (abi::MapRuntimeModuleFlag), classic when absent (IR written by hand for
/// the classic runtime's tests). Null when the flag names neither runtime.
std::optional<gm::abi::MapRuntime> getModuleMapRuntime(const Module &M) {
  using gm::abi::MapRuntime;
  Metadata *Flag = M.getModuleFlag(gm::abi::MapRuntimeModuleFlag);
  if (!Flag)
    return MapRuntime::Classic;
  auto *Name = dyn_cast<MDString>(Flag);
  for (MapRuntime R : {MapRuntime::Classic, MapRuntime::Swiss})
    if (Name && Name->getString() == gm::abi::mapRuntimeName(R))
      return R;
  return std::nullopt;
}

/// Finds the calls this pass is about, emitting missed remarks for those it
/// must leave alone.
SmallVector<Candidate, 16> collectCandidates(
    Module &M, bool IntoOptNone,
    function_ref<OptimizationRemarkEmitter &(Function &)> GetORE) {
  SmallVector<Candidate, 16> Result;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      Function *Callee = CB->getCalledFunction();
      if (!Callee) {
        LLVM_DEBUG(if (!isa<InlineAsm>(CB->getCalledOperand())) dbgs()
                   << "skip: indirect call in " << F.getName() << "\n");
        continue;
      }
      if (!isAccessOrAssignEntry(Callee->getName()))
        continue;
      if (CB->hasFnAttr(SlowPathAttr)) {
        LLVM_DEBUG(dbgs() << "skip: slow path of an inlined "
                          << Callee->getName() << " in " << F.getName()
                          << "\n");
        continue;
      }
      Candidate C{CB, Callee->getName(), ""};
      auto *MT = dyn_cast<GlobalVariable>(
          CB->arg_empty() ? nullptr
                          : CB->getArgOperand(0)->stripPointerCasts());
      if (MT)
        C.MapName = mapTypeName(*MT);
      if (F.hasOptNone() && !IntoOptNone) {
        missed(GetORE(F), C, "OptNone", "caller is optnone", NumSkippedOptNone);
        continue;
      }
      // Under -race each entry point reports its access of the map header
      // to ThreadSanitizer (the runtime's Core/Race.h); an inlined fast path
      // would hide the map from the race detector.
      if (F.hasFnAttribute(Attribute::SanitizeThread)) {
        missed(GetORE(F), C, "Race", "-race: map operations stay calls",
               NumSkippedRace);
        continue;
      }
      if (!MT || !MT->isConstant()) {
        missed(GetORE(F), C, "NonConstantMapType",
               "maptype is not a constant global", NumSkippedMapType);
        continue;
      }
      if (hasInterfaceKey(*MT, M.getDataLayout())) {
        missed(GetORE(F), C, "InterfaceKey",
               "interface key: hashed by dynamic type, no fast path",
               NumSkippedInterfaceKey);
        continue;
      }
      Result.push_back(std::move(C));
    }
  }
  return Result;
}

/// Deletes what linking brought into M that nothing uses after inlining
/// (the fast-path functions, their zero value, unused declarations).
void eraseUnusedLinked(Module &M,
                       const SmallPtrSetImpl<GlobalValue *> &Before) {
  bool Erased = true;
  while (Erased) {
    Erased = false;
    for (GlobalValue &GV : make_early_inc_range(M.global_values())) {
      if (Before.contains(&GV) || !GV.use_empty())
        continue;
      if (!GV.isDeclaration() && !GV.hasLocalLinkage())
        continue;
      GV.eraseFromParent();
      Erased = true;
    }
  }
}

/// The pass. Returns whether it changed M.
bool inlineMapFastPaths(
    Module &M, bool IntoOptNone,
    function_ref<OptimizationRemarkEmitter &(Function &)> GetORE) {
  std::optional<gm::abi::MapRuntime> MapRt = getModuleMapRuntime(M);
  if (!MapRt) {
    // Guessing would inline one runtime's layout into the other's maps.
    M.getContext().emitError(
        Twine("gm-map-inline: module flag '") + gm::abi::MapRuntimeModuleFlag +
        "' names no known map runtime (expected \"classic\" or \"swiss\")");
    return false;
  }
  SmallVector<Candidate, 16> Candidates =
      collectCandidates(M, IntoOptNone, GetORE);
  if (Candidates.empty()) {
    LLVM_DEBUG(dbgs() << "skip: no eligible map calls in " << M.getName()
                      << "\n");
    return false;
  }

  auto SrcOrErr = loadFastPaths(M.getContext());
  if (!SrcOrErr) {
    std::string Err = toString(SrcOrErr.takeError());
    for (const Candidate &C : Candidates)
      missed(GetORE(*C.Call->getFunction()), C, "BadBitcode",
             "cannot read the fast-path bitcode: " + Err, NumSkippedBitcode);
    return false;
  }
  std::unique_ptr<Module> Src = std::move(*SrcOrErr);
  if (std::string Why; !isCompatibleTarget(*Src, M, Why)) {
    for (const Candidate &C : Candidates)
      missed(GetORE(*C.Call->getFunction()), C, "TargetMismatch", Why,
             NumSkippedBitcode);
    return false;
  }

  // Keep the calls that have a fast path of their exact type, and declare
  // those fast paths in M so that LinkOnlyNeeded links exactly them.
  SmallVector<Candidate, 16> Eligible;
  StringSet<> Needed;
  for (Candidate &C : Candidates) {
    std::string Name = fastPathName(C.Entry, *MapRt);
    Function *SrcFn = Src->getFunction(Name);
    if (!SrcFn || SrcFn->isDeclaration()) {
      auto *MT = dyn_cast<GlobalVariable>(
          C.Call->getArgOperand(0)->stripPointerCasts());
      missed(GetORE(*C.Call->getFunction()), C, "NoFastPath",
             noFastPathReason(C.Entry, MT, M.getDataLayout()),
             NumSkippedNoFastPath);
      continue;
    }
    if (SrcFn->getFunctionType() != C.Call->getFunctionType()) {
      missed(GetORE(*C.Call->getFunction()), C, "Signature",
             "the call's type differs from the runtime ABI's",
             NumSkippedSignature);
      continue;
    }
    if (Function *Existing = M.getFunction(Name);
        Existing && Existing->getFunctionType() != SrcFn->getFunctionType()) {
      missed(GetORE(*C.Call->getFunction()), C, "NameClash",
             "the module already has a different " + Name, NumSkippedSignature);
      continue;
    }
    Needed.insert(Name);
    Eligible.push_back(std::move(C));
  }
  if (Eligible.empty()) {
    LLVM_DEBUG(dbgs() << "skip: no call has a usable fast path\n");
    return false;
  }

  SmallPtrSet<GlobalValue *, 32> Before;
  for (GlobalValue &GV : M.global_values())
    Before.insert(&GV);
  bool NeedLink = false;
  for (const auto &Entry : Needed) {
    Function *SrcFn = Src->getFunction(Entry.getKey());
    Function *Existing = M.getFunction(Entry.getKey());
    if (!Existing) {
      Function::Create(SrcFn->getFunctionType(), GlobalValue::ExternalLinkage,
                       Entry.getKey(), M);
      NeedLink = true;
    } else if (Existing->isDeclaration()) {
      NeedLink = true;
    }
  }
  if (NeedLink &&
      Linker::linkModules(M, std::move(Src), Linker::Flags::LinkOnlyNeeded)) {
    // The linker reported through the context; leave the calls alone.
    for (const Candidate &C : Eligible)
      missed(GetORE(*C.Call->getFunction()), C, "LinkFailed",
             "linking the fast-path bitcode failed", NumSkippedBitcode);
    eraseUnusedLinked(M, Before);
    return true;
  }

  // Declarations the link brought in do not carry the bitcode's target.
  for (Function &F : M)
    if (F.isDeclaration() && !Before.contains(&F))
      for (StringRef Kind : {"target-cpu", "target-features", "tune-cpu"})
        F.removeFnAttr(Kind);

  StringMap<unsigned> SlowCallsOf;
  for (const auto &Entry : Needed)
    SlowCallsOf[Entry.getKey()] =
        prepareFastPath(*M.getFunction(Entry.getKey()));

  for (const Candidate &C : Eligible) {
    CallBase *CB = C.Call;
    Function &Caller = *CB->getFunction();
    std::string Name = fastPathName(C.Entry, *MapRt);
    Function *FastPath = M.getFunction(Name);
    Function *Runtime = CB->getCalledFunction();
    adoptTargetAttributes(*FastPath, Caller);

    // The call disappears when inlined: say where it was first.
    DiagnosticLocation Loc(CB->getDebugLoc());
    BasicBlock *Block = CB->getParent();
    OptimizationRemarkEmitter &ORE = GetORE(Caller);
    // InlineFunction folds what the constant maptype decides while cloning,
    // so measure what it really added rather than the fast path's size.
    // Counting walks the whole caller, which is quadratic in the number of
    // map operations of a function: do it only for the size remark and the
    // statistics, never in an ordinary compile.
    const bool Measure = ORE.allowExtraAnalysis(DEBUG_TYPE) ||
                         AreStatisticsEnabled() || DebugFlag;
    unsigned InstrsBefore = Measure ? Caller.getInstructionCount() : 0;
    CB->setCalledFunction(FastPath);
    InlineFunctionInfo IFI;
    InlineResult Res = InlineFunction(*CB, IFI, /*MergeAttributes=*/true);
    if (!Res.isSuccess()) {
      CB->setCalledFunction(Runtime);
      missed(GetORE(Caller), C, "InlineFailed",
             Twine("InlineFunction failed: ") + Res.getFailureReason(),
             NumSkippedInlineFailed);
      continue;
    }
    // The call itself went away.
    unsigned Instrs =
        Measure ? Caller.getInstructionCount() + 1 - InstrsBefore : 0;
    unsigned SlowCalls = SlowCallsOf[Name];
    ++NumInlined;
    ++(C.Entry.starts_with("runtime.mapassign") ? NumInlinedAssign
                                                : NumInlinedAccess);
    NumInlinedInstrs += Instrs;
    LLVM_DEBUG(dbgs() << "inlined " << C.Entry << " into " << Caller.getName()
                      << " (" << Instrs << " instructions)\n");
    ORE.emit([&] {
      OptimizationRemark R(DEBUG_TYPE, "Inlined", Loc, Block);
      R << "inlined fast path of " << ore::NV("Callee", C.Entry);
      if (!C.MapName.empty())
        R << " for " << ore::NV("MapType", C.MapName);
      if (*MapRt == gm::abi::MapRuntime::Swiss)
        R << " (swiss runtime)";
      return R;
    });
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(DEBUG_TYPE, "FastPathSize", Loc, Block)
             << "fast path of " << ore::NV("Callee", C.Entry) << ": "
             << ore::NV("Instructions", Instrs) << " IR instructions inlined, "
             << ore::NV("SlowCalls", SlowCalls)
             << " out-of-line runtime call(s) on the slow path";
    });
  }

  eraseUnusedLinked(M, Before);
  return true;
}

} // namespace

PreservedAnalyses gm::MapInlinePass::run(Module &M,
                                         ModuleAnalysisManager &MAM) {
  // Remarks go through per-function emitters made on demand; they are not
  // cached analyses, so the rewriting cannot invalidate them under our feet.
  DenseMap<Function *, std::unique_ptr<OptimizationRemarkEmitter>> OREs;
  auto GetORE = [&](Function &F) -> OptimizationRemarkEmitter & {
    auto &ORE = OREs[&F];
    if (!ORE)
      ORE = std::make_unique<OptimizationRemarkEmitter>(&F);
    return *ORE;
  };
  if (!inlineMapFastPaths(M, IntoOptNone, GetORE))
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

void gm::registerMapInlinePipelineParsing(PassBuilder &PB) {
  // -print-after=, -print-before= and -filter-passes= name passes by their
  // pipeline name; the instrumentation knows the class name only if told.
  if (PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks())
    PIC->addClassToPassName(MapInlinePass::name(), "gm-map-inline");
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "gm-map-inline") {
          MPM.addPass(MapInlinePass());
          return true;
        }
        if (Name == "gm-map-inline<optnone>") {
          MPM.addPass(MapInlinePass(/*IntoOptNone=*/true));
          return true;
        }
        return false;
      });
}

void gm::registerMapInlinePass(PassBuilder &PB, bool AtO0) {
  registerMapInlinePipelineParsing(PB);
  // Pipeline start: everything after it (SROA, InstCombine, GVN, LICM, ...)
  // optimizes the inlined code with the caller's.
  PB.registerPipelineStartEPCallback([AtO0](ModulePassManager &MPM,
                                            OptimizationLevel Level) {
    if (Level == OptimizationLevel::O0 && !AtO0)
      return;
    MPM.addPass(MapInlinePass(/*IntoOptNone=*/Level == OptimizationLevel::O0));
  });
}
