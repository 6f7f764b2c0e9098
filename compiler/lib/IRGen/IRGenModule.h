//===- IRGenModule.h - Module-level IR generation state ---------*- C++ -*-===//
//
// IRGenModule owns everything that lives at module scope: the LLVM types of
// gm types (IRGenTypes.cpp), runtime declarations (RuntimeDecls.cpp), type
// descriptors for fmt and panic (TypeDescriptors.cpp), maptype descriptors,
// hashers and equal functions (MapLowering.cpp), debug info (DebugInfo.cpp),
// and the functions and globals of the program (IRGenModule.cpp).
//
// Value representation, shared by every file of IRGen:
//  * scalars (bool i1, integers, floats, pointers, maps) are SSA values;
//  * strings { ptr, i64 } and slices { ptr, i64, i64 } are first-class
//    struct values;
//  * structs and arrays ("aggregates") are handled through memory: an
//    expression of aggregate type evaluates to a pointer to the value. The
//    pointer may alias a variable, so anything that stores it elsewhere
//    copies it (IRGenFunction::emitStore uses memmove).
//
// Calling convention between gm functions: aggregates are passed as a
// pointer to a copy the caller made (the callee owns it); a single scalar
// result is returned directly, anything else through a results struct
// (sret, first parameter). A method's receiver comes first after sret. An
// entry point called through a function value takes the funcval as a `nest`
// context parameter after sret (IRGenClosure.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef GM_IRGEN_IRGENMODULE_H
#define GM_IRGEN_IRGENMODULE_H

#include "RuntimeDecls.h"
#include "gm/IRGen/IRGen.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/AST/Lookup.h"
#include "gm/runtime/ABI.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include <map>
#include <stdexcept>

namespace gm::irgen {

/// Thrown on an internal compiler error (an AST shape IRGen does not expect);
/// caught by generateIR and turned into a bug-report message.
struct InternalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void internalError(const llvm::Twine &Msg);

class DebugInfo;

/// How a gm function's signature maps to LLVM.
struct FunctionABI {
  llvm::FunctionType *FnTy = nullptr;
  /// Results returned through a results struct passed as parameter 0.
  bool UsesSRet = false;
  /// The results struct type (when UsesSRet).
  llvm::StructType *ResultsTy = nullptr;
  bool HasReceiver = false;
  /// A function value's entry point: the closure context comes in a `nest`
  /// parameter (r10 on x86-64, as Go's closure pointer comes in rdx), after
  /// the results struct and before the receiver and parameters.
  bool HasContext = false;
  unsigned ContextArg = 0;
};

class IRGenModule {
public:
  IRGenModule(const lang::CompilationUnit &CU, const llvm::SourceMgr &SM,
              llvm::Module &M, const IRGenOptions &Opts);
  ~IRGenModule();

  const lang::CompilationUnit &CU;
  const llvm::SourceMgr &SM;
  llvm::LLVMContext &Ctx;
  llvm::Module &M;
  const llvm::DataLayout &DL;
  const IRGenOptions &Opts;
  RuntimeDecls Runtime;
  std::unique_ptr<DebugInfo> DI;

  // Frequently used LLVM types.
  llvm::IntegerType *I1, *I8, *I16, *I32, *I64;
  llvm::PointerType *Ptr;
  llvm::StructType *StringTy; // { ptr, i64 }
  llvm::StructType *SliceTy;  // { ptr, i64, i64 }
  llvm::StructType *IfaceTy;  // abi::Eface / abi::Iface { ptr, ptr }
  llvm::StructType *TypeDescTy, *FieldDescTy, *MapTypeTy, *MethodDescTy;
  /// The range loop's iterator of the module's map runtime.
  llvm::Type *HIterTy;

  /// Generates the whole program.
  void emitProgram();

  //===--- Types (IRGenTypes.cpp) -----------------------------------------===//
  llvm::Type *getLLVMType(const lang::Type *T);
  static const lang::Type *underlying(const lang::Type *T) {
    return T->getUnderlying();
  }
  bool isAggregate(const lang::Type *T) const;
  uint64_t getSize(const lang::Type *T);
  uint64_t getAlign(const lang::Type *T);
  bool hasPointers(const lang::Type *T);
  /// The byte offset of field I of struct type T.
  uint64_t getFieldOffset(const lang::StructType *T, unsigned I);
  /// Signedness of an integer type.
  static bool isSigned(const lang::Type *T);
  llvm::Constant *getZero(const lang::Type *T);

  //===--- Functions and globals (IRGenModule.cpp) ------------------------===//
  llvm::Function *getFunction(const lang::FuncDecl *FD);
  /// Gives Fn, a bodyless function of sync/atomic, a body of one LLVM
  /// atomic instruction (IRGenAtomic.cpp); false for any other function.
  bool emitAtomicIntrinsic(const lang::FuncDecl *FD, llvm::Function *Fn);
  const FunctionABI &getABI(const lang::FuncDecl *FD);
  std::string getSymbolName(const lang::FuncDecl *FD);
  /// What qualifies the symbols of the package declaring D: its import
  /// path ("main", "unicode/utf8"), as in Go.
  llvm::StringRef getSymbolPrefix(const lang::Decl *D) const;
  llvm::GlobalVariable *getGlobal(const lang::VarDecl *VD);
  /// Puts the sret and nest attributes of ABI on a function or a call.
  template <typename FnOrCall>
  void addABIAttributes(FnOrCall *X, const FunctionABI &ABI) {
    if (ABI.UsesSRet)
      X->addParamAttr(
          0, llvm::Attribute::getWithStructRetType(Ctx, ABI.ResultsTy));
    if (ABI.HasContext)
      X->addParamAttr(ABI.ContextArg, llvm::Attribute::Nest);
  }

  //===--- Function values (IRGenClosure.cpp) -----------------------------===//
  /// The entry-point ABI of every function value of signature Sig.
  const FunctionABI &getFuncValueABI(const lang::SignatureType *Sig);
  /// A constant funcval { ptr Entry } (a function value without captures).
  llvm::Constant *getStaticFuncValue(llvm::Function *Entry);
  /// The function-value entry point of a declared function: drops the
  /// context and calls it.
  llvm::Function *getFuncValueWrapper(const lang::FuncDecl *FD);
  /// The function-value entry point of T.M / (*T).M.
  llvm::Function *getMethodExprWrapper(const lang::SelectorExpr *E);
  /// The entry point of method values of M (Go's M-fm): calls M on the
  /// receiver stored in the closure after the code pointer.
  llvm::Function *getMethodValueWrapper(const lang::FuncDecl *M);
  /// A C-callable function `bool (ptr funcval, i64...)` that calls a
  /// function value of Sig (integer parameters, a bool result): how the
  /// runtime calls sort's less and sort.Search's predicate. With Known, the
  /// function value is that literal's closure, called directly.
  llvm::Function *getFuncValueAdapter(const lang::SignatureType *Sig,
                                      const lang::FuncDecl *Known = nullptr);
  /// The function-value entry point of a method of interface IfaceT: of
  /// the method value x.M (IsExpr false: the closure holds x) or of the
  /// method expression I.M.
  llvm::Function *getIfaceMethodWrapper(const lang::Type *IfaceT,
                                        unsigned Index, bool IsExpr);
  /// The closure layout of a method value of M: { ptr, receiver }.
  llvm::StructType *getMethodValueType(const lang::FuncDecl *M);
  /// The personality of landing pads (C++'s, whose catch-all clause also
  /// catches gm's foreign panic exceptions).
  llvm::Function *getPersonality();
  /// A { ptr, i64 } constant for a string literal.
  llvm::Constant *getString(llvm::StringRef S);
  /// A NUL-terminated private C string.
  llvm::Constant *getCString(llvm::StringRef S);

  //===--- Type descriptors (TypeDescriptors.cpp) -------------------------===//
  /// The abi::TypeDesc of T (for `any` arguments); T may be UntypedNil.
  llvm::Constant *getTypeDesc(const lang::Type *T);

  //===--- Interfaces (IRGenInterface.cpp) --------------------------------===//
  /// Whether values of T travel in an interface's data word itself.
  bool isDirectIface(const lang::Type *T);
  /// The ABI of an itab entry of signature Sig: the data word, then Sig's
  /// parameters.
  const FunctionABI &getIfaceMethodABI(const lang::SignatureType *Sig);
  /// One method of a type's method set.
  struct MethodSetEntry {
    std::string DescName; // abi::MethodDesc::Name
    std::string Name;
    const lang::SignatureType *Sig;
    lang::Selection Sel;
  };
  /// T's method set, sorted as abi::MethodDesc tables are.
  std::vector<MethodSetEntry> getMethodSet(const lang::Type *T);
  /// The name a method table gives Name (qualified when unexported).
  static std::string getMethodDescName(llvm::StringRef Name,
                                       const lang::Package *Pkg);
  /// The itab entry calling Entry's method with a data word of type T.
  llvm::Function *getItabThunk(const lang::Type *T,
                               const MethodSetEntry &Entry);
  /// T's abi::MethodDesc table (null if empty); Count its length.
  llvm::Constant *getMethodTable(const lang::Type *T, uint32_t &Count);
  /// The constant itab of concrete type T for interface I (IfaceT, I's
  /// type as the program names it, for its descriptor).
  llvm::Constant *getItab(const lang::Type *T, const lang::InterfaceType *I,
                          const lang::Type *IfaceT);

  //===--- Maps (MapLowering.cpp) -----------------------------------------===//
  /// The abi::MapType descriptor of a map type, "type.map[K]V".
  llvm::Constant *getMapTypeDesc(const lang::MapType *T);
  /// Records the map runtime in the module (flag and marker reference).
  void emitMapRuntimeChoice();
  /// The entry-point family for a map type (abi::mapFast).
  abi::MapFastKind getMapFast(const lang::MapType *T);
  /// Hash function of a key type: uintptr(const void *, uintptr seed).
  llvm::Function *getHasher(const lang::Type *K);
  /// Equality of two values in memory: bool(const void *, const void *).
  /// Also used for == on structs and arrays.
  llvm::Function *getEqualFn(const lang::Type *T);
  /// Whether k == k for every k of T (not for floats, or aggregates of them).
  bool isReflexive(const lang::Type *T);
  /// Whether == on T is a plain byte compare (integers, pointers, bools, and
  /// padding-free aggregates of them).
  bool isPlainMemory(const lang::Type *T);

  //===--- Source locations ----------------------------------------------===//
  std::pair<unsigned, unsigned> getLineCol(llvm::SMLoc L) const;

private:
  void emitFunctionBody(const lang::FuncDecl *FD);
  /// WordReceiver: a pointer-sized receiver (an itab entry's data word).
  FunctionABI buildABI(const lang::SignatureType *Sig,
                       const lang::Type *Receiver, bool HasContext,
                       bool WordReceiver = false);
  void emitInitFunction();
  llvm::Constant *buildTypeDesc(const lang::Type *T, llvm::GlobalVariable *GV);
  /// The abi::StringMethodFn thunk calling Name ("String", "Error" or
  /// "GoString") of T's method set, or a null pointer if T has no such
  /// `func() string` method.
  llvm::Constant *getStringMethodThunk(const lang::Type *T,
                                       llvm::StringRef Name);
  /// The same for a method promoted from an embedded interface field.
  llvm::Constant *getPromotedInterfaceStringThunk(const lang::Type *T,
                                                  llvm::StringRef Name,
                                                  const lang::Selection &Sel);

  llvm::DenseMap<const lang::Type *, llvm::Type *> TypeCache;
  llvm::DenseMap<const lang::FuncDecl *, llvm::Function *> Functions;
  /// Function literals and library functions referenced but not yet
  /// emitted.
  std::vector<const lang::FuncDecl *> PendingBodies;
  std::map<const lang::SignatureType *, FunctionABI> FuncValueABIs;
  std::map<const lang::SignatureType *, FunctionABI> IfaceMethodABIs;
  std::map<std::tuple<const lang::Type *, unsigned, bool>, llvm::Function *>
      IfaceMethodWrappers;
  std::map<std::pair<const lang::Type *, const lang::Type *>, llvm::Constant *>
      Itabs;
  llvm::DenseMap<llvm::Function *, llvm::Constant *> StaticFuncValues;
  llvm::DenseMap<const lang::FuncDecl *, llvm::Function *> FuncValueWrappers;
  llvm::DenseMap<const lang::FuncDecl *, llvm::Function *> MethodValueWrappers;
  std::map<std::pair<const lang::SignatureType *, const lang::FuncDecl *>,
           llvm::Function *>
      FuncValueAdapters;
  std::map<std::pair<const lang::FuncDecl *, const lang::Type *>,
           llvm::Function *>
      MethodExprWrappers;
  std::map<const lang::FuncDecl *, FunctionABI> ABIs;
  llvm::DenseMap<const lang::VarDecl *, llvm::GlobalVariable *> Globals;
  llvm::StringMap<llvm::Constant *> Strings;
  llvm::StringMap<llvm::Constant *> CStrings;
  llvm::DenseMap<const lang::Type *, llvm::GlobalVariable *> TypeDescs;
  llvm::GlobalVariable *NilTypeDesc = nullptr;
  llvm::DenseMap<const lang::Type *, llvm::GlobalVariable *> MapTypeDescs;
  llvm::DenseMap<const lang::Type *, llvm::Function *> Hashers;
  llvm::DenseMap<const lang::Type *, llvm::Function *> EqualFns;
};

} // namespace gm::irgen

#endif // GM_IRGEN_IRGENMODULE_H
