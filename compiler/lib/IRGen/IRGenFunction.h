//===- IRGenFunction.h - Per-function IR generation state -------*- C++ -*-===//
//
// IRGenFunction generates the body of one function. Its members are split by
// construct: prologue, epilogue, checks and calls in IRGenFunction.cpp,
// statements in IRGenStmt.cpp, expressions in IRGenExpr.cpp, and every map
// form in MapLowering.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GM_IRGEN_IRGENFUNCTION_H
#define GM_IRGEN_IRGENFUNCTION_H

#include "IRGenModule.h"
#include "gm/lang/Sema/EscapeAnalysis.h"

namespace gm::irgen {

// The AST vocabulary IR generation is written in. Named one by one: a
// using-directive would make names like StructType ambiguous with LLVM's.
using gm::lang::AssignStmt;
using gm::lang::BinaryExpr;
using gm::lang::BlockStmt;
using gm::lang::BranchStmt;
using gm::lang::BuiltinKind;
using gm::lang::CallExpr;
using gm::lang::CaseClause;
using gm::lang::CompositeElement;
using gm::lang::CompositeLitExpr;
using gm::lang::ConstantValue;
using gm::lang::ConstDecl;
using gm::lang::Decl;
using gm::lang::DeclStmt;
using gm::lang::Expr;
using gm::lang::ExprStmt;
using gm::lang::FieldStep;
using gm::lang::ForStmt;
using gm::lang::FuncDecl;
using gm::lang::GoStmt;
using gm::lang::IdentExpr;
using gm::lang::IfStmt;
using gm::lang::IncDecStmt;
using gm::lang::IndexExpr;
using gm::lang::LabeledStmt;
using gm::lang::NilDecl;
using gm::lang::ParenExpr;
using gm::lang::PkgFunc;
using gm::lang::RangeStmt;
using gm::lang::ReturnStmt;
using gm::lang::SelectorExpr;
using gm::lang::SelectStmt;
using gm::lang::SendStmt;
using gm::lang::SignatureType;
using gm::lang::skipParens;
using gm::lang::SliceExpr;
using gm::lang::StarExpr;
using gm::lang::Stmt;
using gm::lang::SwitchStmt;
using gm::lang::TupleType;
using gm::lang::typeString;
using gm::lang::UnaryExpr;
using gm::lang::VarDecl;
using gm::lang::VarSpec;

/// Whether two expressions certainly denote the same storage (Go's
/// samesafeexpr): the same variables, constants and field selections. The
/// range idioms (map clear, array clear) and `m[k] = append(m[k], ...)`
/// rely on it.
bool sameSafeExpr(const lang::Expr *A, const lang::Expr *B);

/// The key variable of `for k := range x` / `for k = range x` with no value
/// variable (or `_`), which the range idioms require; null otherwise.
const lang::VarDecl *rangeKeyOnlyVar(const lang::RangeStmt *S);

/// What a defer or go statement evaluated, for the call made later: the
/// values (receiver or function value first) with their types, and the
/// callee when it is known statically.
struct SuspendedCall {
  llvm::SmallVector<llvm::Value *, 8> Vals;
  llvm::SmallVector<const lang::Type *, 8> Types;
  const lang::FuncDecl *Target = nullptr;
  bool ThroughValue = false;
};

/// The extra arguments of append, evaluated before the slice may grow.
struct AppendArgs {
  llvm::SmallVector<llvm::Value *, 4> Vals;
  llvm::Value *Spread = nullptr; // append(s, t...): a slice or a string
  bool SpreadIsString = false;
};

class IRGenFunction {
public:
  IRGenFunction(IRGenModule &IGM, llvm::Function *Fn);

  IRGenModule &IGM;
  llvm::Function *Fn;
  llvm::IRBuilder<> B;
  /// The function being generated (null for main.init).
  const lang::FuncDecl *FD = nullptr;

  void emitFunction(const lang::FuncDecl *FD);
  /// Starts a body without a FuncDecl (main.init, hashers).
  void startSynthetic();
  void finishSynthetic();

  //===--- Helpers (IRGenFunction.cpp) ------------------------------------===//
  llvm::BasicBlock *newBlock(const llvm::Twine &Name);
  /// Makes BB the insertion point (appending it to the function).
  void emitBlock(llvm::BasicBlock *BB);
  /// Whether the current block already ends in a terminator.
  bool isTerminated() const;
  /// An alloca in the entry block.
  llvm::AllocaInst *createTemp(llvm::Type *Ty, const llvm::Twine &Name = "");
  llvm::AllocaInst *createTemp(const lang::Type *T,
                               const llvm::Twine &Name = "");
  /// Storage for a local variable: an alloca, or a GC allocation when its
  /// address escapes. Zero-initialised.
  llvm::Value *createVar(const lang::VarDecl *VD);
  llvm::Value *getVarAddr(const lang::VarDecl *VD);
  /// Loop variables, one per iteration (Go 1.22). Only a variable that
  /// escapes (captured or address-taken) can tell, so only such a variable
  /// gets a fresh heap cell per iteration; its current address is then kept
  /// in a slot (promoted to SSA by mem2reg).
  /// Declares VD (createVar) as a loop variable.
  llvm::Value *declareLoopVar(const lang::VarDecl *VD);
  /// Keeps the address of an escaping VD in a slot; false if VD does not
  /// escape.
  bool makePerIteration(const lang::VarDecl *VD);
  /// The address of VD for a new iteration of a range loop.
  llvm::Value *iterationVarAddr(const lang::VarDecl *VD);
  /// Before the post statement of a 3-clause for: moves an escaping VD to
  /// a fresh cell holding its current value.
  void renewLoopVar(const lang::VarDecl *VD);
  void setLoc(llvm::SMLoc L);

  /// Stores a value of gm type T (scalar value, or aggregate pointer).
  void emitStore(llvm::Value *V, llvm::Value *Addr, const lang::Type *T);
  /// Loads a value of gm type T (aggregates: returns Addr itself).
  llvm::Value *emitLoad(llvm::Value *Addr, const lang::Type *T,
                        const llvm::Twine &Name = "");
  /// A fresh temporary holding a copy of V (aggregates) or V (scalars).
  llvm::Value *emitCopyToTemp(llvm::Value *V, const lang::Type *T);
  void emitZero(llvm::Value *Addr, const lang::Type *T);
  /// A runtime call carrying the current !dbg location.
  llvm::CallInst *callRuntime(RuntimeFn F, llvm::ArrayRef<llvm::Value *> Args,
                              const llvm::Twine &Name = "");
  /// GC allocation of one T (zeroed).
  llvm::Value *emitNew(const lang::Type *T);
  /// Memory for Count values of Ty allocated by Site (new, &T{}, a
  /// literal's backing array or closure, make): in the frame if escape
  /// analysis marked Site and it is at most MaxFrameAllocation bytes, else
  /// on the GC heap. Zeroed either way.
  llvm::Value *emitAllocation(const lang::Expr *Site, llvm::Type *Ty,
                              uint64_t Count, bool HasPointers,
                              const llvm::Twine &Name);
  /// Go's limit for an implicit stack allocation (the escape analysis's).
  static constexpr uint64_t MaxFrameAllocation = lang::MaxImplicitStackBytes;

  /// Panics (runtime.panicmem) when P is nil.
  void emitNilCheck(llvm::Value *P);
  /// Panics as Go's (*T).M wrapper of a value method does when P is nil.
  void emitValueMethodNilCheck(llvm::Value *P, const lang::FuncDecl *Method);
  /// Panics with panicIndex(I, Len) unless 0 <= I < Len (unsigned compare).
  void emitBoundsCheck(llvm::Value *I, llvm::Value *Len, bool IndexSigned);
  /// Calls a noreturn runtime function in a cold block when Cond holds.
  void emitPanicIf(llvm::Value *Cond, RuntimeFn F,
                   llvm::ArrayRef<llvm::Value *> Args = {});
  /// Converts an integer index of any width to i64.
  llvm::Value *indexToI64(llvm::Value *V, const lang::Type *T);

  //===--- Statements (IRGenStmt.cpp) -------------------------------------===//
  void emitStmt(const lang::Stmt *S);
  void emitBlockStmt(const lang::BlockStmt *BS);
  void emitAssign(const lang::AssignStmt *S);
  void emitIncDec(const lang::IncDecStmt *S);
  void emitIf(const lang::IfStmt *S);
  void emitFor(const lang::ForStmt *S);
  void emitRange(const lang::RangeStmt *S);
  /// The array-clear idiom `for i := range a { a[i] = zero }` (Go's
  /// arrayClear), lowered to one memset.
  bool isArrayClearIdiom(const lang::RangeStmt *S);
  void emitArrayClear(const lang::RangeStmt *S);
  void emitSwitch(const lang::SwitchStmt *S);
  void emitReturn(const lang::ReturnStmt *S);
  /// Returns Vals (the results, as the ABI returns them).
  void emitReturnValues(llvm::ArrayRef<llvm::Value *> Vals,
                        llvm::ArrayRef<const lang::Type *> Types);
  void emitBranch(const lang::BranchStmt *S);
  /// The block a labeled statement starts (goto's target).
  llvm::BasicBlock *getLabelBlock(const lang::LabeledStmt *L);
  void emitVarSpec(const lang::VarSpec *VS);

  //===--- Expressions (IRGenExpr.cpp) ------------------------------------===//
  llvm::Value *emitExpr(const lang::Expr *E);
  /// The address of an addressable expression.
  llvm::Value *emitAddr(const lang::Expr *E);
  llvm::Value *emitConstant(const lang::ConstantValue &V, const lang::Type *T);
  llvm::Value *emitBinary(const lang::BinaryExpr *E);
  llvm::Value *emitBinaryOp(lang::tok::TokenKind Op, llvm::Value *L,
                            llvm::Value *R, const lang::Type *T,
                            const lang::Type *RTy);
  llvm::Value *emitCompare(lang::tok::TokenKind Op, llvm::Value *L,
                           llvm::Value *R, const lang::Type *T);
  llvm::Value *emitShift(lang::tok::TokenKind Op, llvm::Value *X,
                         llvm::Value *S, const lang::Type *XT,
                         const lang::Type *ST);
  llvm::Value *emitDivRem(lang::tok::TokenKind Op, llvm::Value *L,
                          llvm::Value *R, const lang::Type *T);
  llvm::Value *emitUnary(const lang::UnaryExpr *E);
  llvm::Value *emitCall(const lang::CallExpr *E);
  /// Calls a gm function; returns the scalar result, or the address of the
  /// results struct for multi-result/aggregate calls.
  llvm::Value *emitFunctionCall(const lang::CallExpr *E);
  /// The receiver argument of a call of (or method value of) Sel's method:
  /// a pointer for a pointer receiver, else a callee-owned copy.
  llvm::Value *emitReceiverArg(const lang::SelectorExpr *Sel, llvm::SMLoc Loc);
  /// The address of the embedded field that Path selects in BaseVal (a
  /// value of type RT: its address if an aggregate, else a pointer),
  /// nil-checking each pointer followed; RT becomes the field's type.
  llvm::Value *followEmbeddedPath(llvm::Value *BaseVal, const lang::Type *&RT,
                                  llvm::ArrayRef<lang::FieldStep> Path,
                                  llvm::SMLoc Loc);
  /// Recv (of type RT, or its address if RecvIsAddr) as Callee's receiver
  /// argument: &x for a pointer method, a copy of *p for a value method.
  llvm::Value *adjustReceiver(llvm::Value *Recv, bool RecvIsAddr,
                              const lang::Type *RT,
                              const lang::FuncDecl *Callee, llvm::SMLoc Loc);
  /// Appends E's arguments as a callee of signature Sig takes them
  /// (variadic ones packed into a slice).
  void emitCallArgs(const lang::CallExpr *E, const lang::SignatureType *Sig,
                    llvm::SmallVectorImpl<llvm::Value *> &Args);
  /// Appends the results struct a call of CABI returns into (a temporary),
  /// if it has one; returns it or null.
  llvm::Value *emitResultsSlot(const FunctionABI &CABI,
                               llvm::SmallVectorImpl<llvm::Value *> &Args);
  /// Adds the ABI attributes to CI and returns the call's value as
  /// emitFunctionCall does.
  llvm::Value *finishCall(llvm::CallInst *CI, const FunctionABI &CABI,
                          llvm::Value *Results, const lang::CallExpr *E);
  llvm::Value *emitBuiltinCall(const lang::CallExpr *E);
  llvm::Value *emitPackageCall(const lang::CallExpr *E);
  llvm::Value *emitConversion(const lang::CallExpr *E);
  /// InFrame: escape analysis found that the result does not escape, so a
  /// string/slice conversion may build it in a frame buffer.
  llvm::Value *emitConvert(llvm::Value *V, const lang::Type *From,
                           const lang::Type *To, bool InFrame = false);
  llvm::Value *emitCompositeLit(const lang::CompositeLitExpr *E);
  /// Initialises the struct/array literal E in Addr.
  void emitCompositeInto(const lang::CompositeLitExpr *E, llvm::Value *Addr);
  llvm::Value *emitIndex(const lang::IndexExpr *E);
  llvm::Value *emitSliceExpr(const lang::SliceExpr *E);
  llvm::Value *emitSelector(const lang::SelectorExpr *E);
  /// The address of a field selection's struct and field, following Path.
  llvm::Value *emitFieldAddr(const lang::SelectorExpr *E);
  llvm::Value *emitAppend(const lang::CallExpr *E);
  AppendArgs prepareAppendArgs(const lang::CallExpr *E);
  /// append(S, A...) given the evaluated old slice S.
  llvm::Value *emitAppendTo(llvm::Value *S, const lang::SliceType *ST,
                            AppendArgs &A);
  /// Go's ...any arguments of fmt and friends: an array of abi::Eface.
  /// The arguments before them (fmt.Fprintf's io.Writer and format), one
  /// per type in LeadingTypes, are evaluated first into Leading, converted
  /// to those types; fmt.Fprintf(f()) takes them from f's results too.
  llvm::Value *emitAnyArgs(const lang::CallExpr *E,
                           llvm::ArrayRef<const lang::Type *> LeadingTypes,
                           llvm::SmallVectorImpl<llvm::Value *> &Leading,
                           llvm::Value *&Count);
  /// V, of type From, as a value of type To where assignment converts:
  /// V itself unless To is an interface type From is not.
  llvm::Value *emitAssignConvert(llvm::Value *V, const lang::Type *From,
                                 const lang::Type *To);

  //===--- Interfaces (IRGenInterface.cpp) --------------------------------===//
  /// V (of type From: concrete, interface or nil) as a value of interface
  /// type To. A boxed value is allocated by Site (see emitAllocation).
  llvm::Value *emitToInterface(llvm::Value *V, const lang::Type *From,
                               const lang::Type *To, const lang::Expr *Site);
  /// The data word holding V of concrete type T (boxing it if needed).
  llvm::Value *emitInterfaceWord(llvm::Value *V, const lang::Type *T,
                                 const lang::Expr *Site);
  /// The value of type T a data word holds (aggregates: its address).
  llvm::Value *emitInterfaceDataValue(llvm::Value *Word, const lang::Type *T);
  /// The dynamic type descriptor of an interface value (null for nil).
  llvm::Value *emitDynamicType(llvm::Value *Iface, const lang::Type *IfaceT);
  /// x.(T); with OkOut, the comma-ok form (OkOut receives the i1).
  llvm::Value *emitTypeAssert(const lang::TypeAssertExpr *E,
                              llvm::Value **OkOut = nullptr);
  /// The itab entry for method Index of I in Iface (nil-checked), and the
  /// data word to pass it.
  llvm::Value *emitItabMethod(llvm::Value *Iface, const lang::InterfaceType *I,
                              unsigned Index, llvm::Value *&Word);
  llvm::Value *emitInterfaceCall(const lang::CallExpr *E);
  /// The interface value whose method Sel selects: x, or the embedded
  /// interface field that Sel's path leads to.
  llvm::Value *emitInterfaceReceiver(const lang::SelectorExpr *Sel);
  /// x == y for two interface values of type T (i1).
  llvm::Value *emitInterfaceEq(llvm::Value *L, llvm::Value *R,
                               const lang::Type *T);
  /// A type switch.
  void emitTypeSwitch(const lang::SwitchStmt *S);
  /// One case of a switch and the body it selects.
  struct SwitchCase {
    const lang::Expr *Value;
    llvm::BasicBlock *Body;
  };
  /// A switch's tests (Test(clause, i) for its i-th case) in source order,
  /// then its bodies, each entered by Enter (a type switch binds v there).
  /// Consecutive cases that Searchable accepts (constants, which may be
  /// tested in any order) go to Search as one run when the run is long
  /// enough to pay; Search branches to NoMatch when none matches.
  void emitSwitchClauses(
      const lang::SwitchStmt *S, llvm::StringRef Kind,
      llvm::function_ref<llvm::Value *(const lang::CaseClause &, unsigned)>
          Test,
      llvm::function_ref<void(const lang::CaseClause &)> Enter,
      llvm::function_ref<bool(const lang::Expr *)> Searchable = nullptr,
      llvm::function_ref<void(llvm::ArrayRef<SwitchCase>,
                              llvm::BasicBlock *NoMatch)>
          Search = nullptr);
  /// Go's binary search for a string Tag among constant cases, sorted by
  /// length and then bytes (IRGenStringSwitch.cpp).
  void emitStringSwitchSearch(llvm::Value *Tag,
                              llvm::ArrayRef<SwitchCase> Cases,
                              llvm::BasicBlock *NoMatch);
  void emitPrint(const lang::CallExpr *E, bool Ln);
  llvm::Value *emitMinMax(const lang::CallExpr *E, bool IsMin);
  /// String helpers.
  llvm::Value *emitStringEq(llvm::Value *L, llvm::Value *R);
  llvm::Value *stringPtr(llvm::Value *S);
  llvm::Value *stringLen(llvm::Value *S);
  llvm::Value *makeString(llvm::Value *Ptr, llvm::Value *Len);
  llvm::Value *makeSlice(llvm::Value *Ptr, llvm::Value *Len, llvm::Value *Cap);
  /// Address of element I of an array at Addr / slice data at Ptr.
  llvm::Value *elemAddr(llvm::Type *ElemTy, llvm::Value *Base, llvm::Value *I);
  llvm::Value *emitMathCall(llvm::Intrinsic::ID ID,
                            llvm::ArrayRef<llvm::Value *> Args);

  //===--- Function values (IRGenClosure.cpp) -----------------------------===//
  /// A function literal's value: a static funcval without captures, else a
  /// GC-allocated closure of the captured variables' addresses.
  llvm::Value *emitFuncLit(const lang::FuncLitExpr *E);
  /// x.M as a value: a closure holding the receiver, evaluated now.
  llvm::Value *emitMethodValue(const lang::SelectorExpr *E);
  /// x.M as a value for a method of an interface.
  llvm::Value *emitInterfaceMethodValue(const lang::SelectorExpr *E);
  /// A call through a function value (nil-checked).
  llvm::Value *emitFuncValueCall(const lang::CallExpr *E);
  /// In a literal's prologue: binds each captured variable to its address
  /// in the closure Context.
  void bindCaptures(const lang::FuncDecl *Lit, llvm::Value *Context);

  //===--- defer and recover (IRGenDefer.cpp) -----------------------------===//
  /// In the prologue of a function with defers: the list head.
  void beginDefers();
  void emitDefer(const lang::DeferStmt *S);
  /// What a defer or go statement evaluates at once (the function value or
  /// receiver, then the arguments).
  SuspendedCall emitSuspendedCallOperands(const lang::CallStmt *S);
  /// The function that makes SC's call later from a record of type RecTy
  /// whose field FirstField holds SC's first value: a defer record's call
  /// (nest parameter, recover() armed through it) or a goroutine's body.
  llvm::Function *emitSuspendedCallThunk(const llvm::Twine &Name,
                                         llvm::StructType *RecTy,
                                         unsigned FirstField,
                                         const SuspendedCall &SC,
                                         bool ForDefer);
  /// After the body: the deferred-return block and the landing pad; turns
  /// the calls that may unwind into invokes.
  void finishDefers();

  //===--- Channels, go and select (IRGenChan.cpp) ------------------------===//
  llvm::Value *emitMakeChan(const lang::CallExpr *E);
  /// <-c into Dst (null: the value is dropped); with Ok, the comma-ok form
  /// (Ok receives the i1).
  void emitChanRecvInto(const lang::UnaryExpr *E, llvm::Value *Dst,
                        llvm::Value **Ok = nullptr);
  /// <-c as a value (aggregates: the address of a temporary).
  llvm::Value *emitChanRecv(const lang::UnaryExpr *E,
                            llvm::Value **Ok = nullptr);
  void emitSend(const lang::SendStmt *S);
  void emitGo(const lang::GoStmt *S);
  void emitSelect(const lang::SelectStmt *S);
  void emitChanRange(const lang::RangeStmt *S);

  //===--- Maps (MapLowering.cpp) -----------------------------------------===//
  llvm::Value *emitMakeMap(const lang::MapType *MT, const lang::Expr *Hint);
  llvm::Value *emitMapLiteral(const lang::CompositeLitExpr *E);
  /// m[k] as an rvalue.
  llvm::Value *emitMapIndex(const lang::IndexExpr *E);
  /// v, ok := m[k]: returns the elem pointer, sets Ok (i1).
  llvm::Value *emitMapAccess2(const lang::IndexExpr *E, llvm::Value *&Ok);
  /// The slot of m[k] for a store (mapassign*).
  llvm::Value *emitMapAssignSlot(const lang::MapType *MT, llvm::Value *Map,
                                 llvm::Value *Key);
  void emitMapStore(const lang::IndexExpr *LHS, const lang::Expr *RHS);
  void emitMapOpAssign(const lang::IndexExpr *LHS, lang::tok::TokenKind Op,
                       const lang::Expr *RHS);
  void emitMapIncDec(const lang::IndexExpr *LHS, bool Inc);
  void emitMapDelete(const lang::CallExpr *E);
  void emitMapClear(const lang::MapType *MT, llvm::Value *Map);
  llvm::Value *emitMapLen(llvm::Value *Map);
  /// runtime.MapStats(m) of "gm/runtime" (not Go): the runtime.Stats value.
  llvm::Value *emitMapStats(const lang::CallExpr *E);
  void emitMapRange(const lang::RangeStmt *S);
  /// The range-delete idiom `for k := range m { delete(m, k) }`.
  bool isMapClearIdiom(const lang::RangeStmt *S);
  /// Calls the access1/access2/assign/delete entry point of MT's family.
  /// The loads and stores of a map slot, !nosanitize under -race.
  struct SlotAccessMark {
    llvm::BasicBlock *Block;
    llvm::Instruction *Last;
  };
  SlotAccessMark beginSlotAccess();
  void endSlotAccess(SlotAccessMark Mark);
  llvm::Value *emitSlotLoad(llvm::Value *Slot, const lang::Type *T);
  void emitSlotStore(llvm::Value *V, llvm::Value *Slot, const lang::Type *T);
  llvm::Value *emitMapAccessCall(const lang::MapType *MT, llvm::Value *Map,
                                 llvm::Value *Key, bool Two, llvm::Value **Ok);
  void emitMapDeleteCall(const lang::MapType *MT, llvm::Value *Map,
                         llvm::Value *Key);

  //===--- Per-function state ---------------------------------------------===//
  llvm::DenseMap<const lang::VarDecl *, llvm::Value *> Locals;
  /// Per-iteration loop variables: the slot holding the current address.
  llvm::DenseMap<const lang::VarDecl *, llvm::AllocaInst *> VarSlots;
  /// Break and continue targets of loops and switches.
  llvm::DenseMap<const lang::Stmt *, llvm::BasicBlock *> BreakTargets;
  llvm::DenseMap<const lang::Stmt *, llvm::BasicBlock *> ContinueTargets;
  llvm::DenseMap<const lang::LabeledStmt *, llvm::BasicBlock *> LabelBlocks;
  /// The body block of the next switch clause (fallthrough).
  llvm::BasicBlock *FallthroughTarget = nullptr;
  llvm::Value *SRetPtr = nullptr;
  const FunctionABI *ABI = nullptr;
  llvm::BasicBlock *EntryBB = nullptr;
  /// Result variables' storage (named or not), in order.
  llvm::SmallVector<llvm::Value *, 4> ResultAddrs;
  /// Functions with defers: the slot heading the list of defer records,
  /// the panic whose defers this frame is running, and the block every
  /// return goes through.
  llvm::AllocaInst *DeferHead = nullptr;
  llvm::AllocaInst *HandlingPanic = nullptr;
  llvm::BasicBlock *DeferReturnBB = nullptr;
  unsigned NumDefers = 0;
  /// go statements so far (their thunks are named .gocall<N>).
  unsigned NumGos = 0;
  /// Functions that call recover(): whether this call is the deferred call
  /// a panic armed (i1), from the prologue.
  llvm::Value *CanRecover = nullptr;
};

} // namespace gm::irgen

#endif // GM_IRGEN_IRGENFUNCTION_H
