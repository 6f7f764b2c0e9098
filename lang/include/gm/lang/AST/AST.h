//===- AST.h - gm abstract syntax tree --------------------------*- C++ -*-===//
//
// The data model shared by the parser, Sema, the dumper and IR generation.
//
// The parser builds the tree and makes no semantic decisions. Sema then
// annotates it in place; after a successful check, IR generation can rely on
// the following without any further analysis:
//
//  * Types are canonical: uint8 and int32, never the aliases byte and rune,
//    which only getTypeAsWritten() keeps, for diagnostics (see Type.h).
//  * Every value Expr has getType() set to its final type. Untyped constants
//    have been converted to the type they are used as, and an expression
//    assigned, passed, returned, compared or stored has exactly the type of
//    its destination (nil included). The only exception are the `...any`
//    arguments of the fmt and print functions and panic's argument: each
//    keeps its own type (untyped constants take their default type; an
//    untyped nil, which print and println reject, is the nil interface).
//  * Every constant expression has getValue() set (exact, see
//    ConstantValue.h), in the representation of its final type.
//  * IdentExpr::getDecl() is the resolved declaration (null for `_`).
//  * Builtins and the functions of packages built into gmc are identified
//    by BuiltinKind and PkgFunc enums; a call of a library package written
//    in gm is an ordinary CallKind::Function call; conversions are CallExpr
//    with CallKind::Conversion.
//  * Every package-level declaration and every function knows its Package;
//    CompilationUnit::getPackages() lists the packages in initialization
//    order, the main package last.
//  * Selectors are resolved: struct field paths with automatic dereferences,
//    methods with the receiver adjustment (&x or *p) to apply.
//  * Composite literals have their type, keyed struct fields resolved to
//    indices, array indices computed, elided types filled in (an elided
//    `&T{...}` element is an explicit UnaryExpr &).
//  * Assignments, IncDec and range statements carry their form (comma-ok map
//    read, map op-assign, range over int/slice/array/string/map).
//  * Package-level var initialization order is Package::InitOrder.
//  * break/continue/fallthrough point at their target statement.
//
// Node memory is owned by the CompilationUnit. Like the SMLocs in it, the
// names and literal text of expressions are slices of the source buffer,
// which must outlive the unit.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_AST_AST_H
#define GM_LANG_AST_AST_H

#include "gm/lang/AST/ConstantValue.h"
#include "gm/lang/AST/Type.h"
#include "gm/lang/Lex/Token.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace gm::lang {

class Decl;
class FuncDecl;
class Package;
class Stmt;
class BlockStmt;
class VarDecl;

/// Base of every node; owned by a CompilationUnit.
class Node {
public:
  virtual ~Node() = default;
  llvm::SMLoc getLoc() const { return Loc; }
  void setLoc(llvm::SMLoc L) { Loc = L; }

protected:
  explicit Node(llvm::SMLoc Loc) : Loc(Loc) {}

private:
  llvm::SMLoc Loc;
};

//===----------------------------------------------------------------------===//
// Builtins and package functions
//===----------------------------------------------------------------------===//

enum class BuiltinKind {
  Len,
  Cap,
  Make,
  New,
  Append,
  Copy,
  Delete,
  Clear,
  Close,
  Min,
  Max,
  Panic,
  Print,
  Println,
  Recover,
};
llvm::StringRef getBuiltinName(BuiltinKind K);

/// The standard-library packages gm knows, plus GmRuntime ("gm/runtime"),
/// gm's own introspection package, which is not Go (see docs/language.md,
/// "Extensions beyond Go").
enum class PackageKind { Fmt, Sort, Math, Unsafe, GmRuntime };
llvm::StringRef getPackagePath(PackageKind P);

/// Package functions, by package. Constants (math.MaxInt64, math.Pi, ...)
/// are ordinary ConstDecls.
enum class PkgFunc {
  FmtPrintln,
  FmtPrintf,
  FmtSprintf,
  FmtSprint,
  FmtSprintln,
  FmtErrorf,
  FmtPrint,
  /// fmt.Fprintln, Fprint and Fprintf: formatted as Sprint*, then written
  /// with one call of the io.Writer's Write method.
  FmtFprintln,
  FmtFprint,
  FmtFprintf,
  SortInts,
  SortStrings,
  SortFloat64s,
  SortIntsAreSorted,
  SortStringsAreSorted,
  SortFloat64sAreSorted,
  SortSearchInts,
  /// sort.Slice, SliceStable and SliceIsSorted take `x any` in Go; gm takes
  /// any slice (the call's signature is func(S, func(i, j int) bool)).
  SortSlice,
  SortSliceStable,
  SortSliceIsSorted,
  SortSearch,
  SortSort,
  SortStable,
  SortIsSorted,
  SortReverse,
  MathNaN,
  MathInf,
  MathIsNaN,
  MathIsInf,
  MathCopysign,
  MathSqrt,
  MathAbs,
  MathFloor,
  /// unsafe.Sizeof, Alignof and Offsetof: constants (Go's gc layout).
  UnsafeSizeof,
  UnsafeAlignof,
  UnsafeOffsetof,
  /// runtime.MapStats(m) of "gm/runtime": takes any map, returns
  /// runtime.Stats (abi::MapStats field for field).
  RuntimeMapStats,
};
/// "fmt.Println".
llvm::StringRef getPkgFuncName(PkgFunc F);

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr : public Node {
public:
  enum Kind {
    Bad,
    Ident,
    BasicLit,
    CompositeLit,
    Selector,
    Index,
    Slice,
    Call,
    Star,
    Unary,
    Binary,
    Paren,
    FuncLit,
    // Type syntax; appears where a type is expected or as the callee of a
    // conversion / type of a composite literal. Never evaluated.
    ArrayTypeE,
    MapTypeE,
    ChanTypeE,
    StructTypeE,
    FuncTypeE,
    InterfaceTypeE,
    TypeAssertE,
    ImplicitConvE,
    UnionTypeE,
    InstantiateE,
  };

  /// What the expression denotes, set by Sema.
  enum Mode {
    NoValue,  // call of a function without results
    Value,    // a value (Type is its type)
    Constant, // a constant value (getValue() is valid)
    TypeExpr, // denotes a type (Type is that type)
    Builtin,  // names a builtin function
    Package,  // names an imported package
    Invalid,
  };

  Kind getKind() const { return K; }
  /// The canonical type (uint8, never byte; see Type.h).
  Type *getType() const { return Ty ? Ty->getCanonical() : nullptr; }
  /// The type with the alias spelling the source used, for diagnostics.
  Type *getTypeAsWritten() const { return Ty; }
  void setType(Type *T) { Ty = T; }
  Mode getMode() const { return M; }
  void setMode(Mode Md) { M = Md; }
  bool isConstant() const { return M == Constant; }
  /// The constant value (None unless Sema made this a constant).
  const ConstantValue &getValue() const;
  void setValue(ConstantValue V);
  /// Set by escape analysis on an allocating expression (new(T), &T{...}
  /// on the UnaryExpr, []T{...}, make([]T, n), a function literal with
  /// captures) whose allocation may live in the function's frame.
  bool isNonEscaping() const { return NonEscaping; }
  void setNonEscaping(bool N = true) { NonEscaping = N; }

protected:
  Expr(Kind K, llvm::SMLoc Loc) : Node(Loc), K(K) {}

private:
  Kind K;
  bool NonEscaping = false;
  Mode M = Invalid;
  Type *Ty = nullptr;
  /// Allocated only for constants: most expressions never have a value,
  /// and a ConstantValue is large and not trivial to construct.
  std::unique_ptr<ConstantValue> Val;
};

class BadExpr : public Expr {
public:
  explicit BadExpr(llvm::SMLoc Loc) : Expr(Bad, Loc) {}
  static bool classof(const Expr *E) { return E->getKind() == Bad; }
};

class IdentExpr : public Expr {
public:
  /// Name is a slice of the source buffer (see CompilationUnit).
  IdentExpr(llvm::SMLoc Loc, llvm::StringRef Name)
      : Expr(Ident, Loc), Name(Name) {}
  llvm::StringRef getName() const { return Name; }
  bool isBlank() const { return Name == "_"; }
  /// The resolved declaration; null for `_` and for `nil`'s typed uses.
  Decl *getDecl() const { return D; }
  void setDecl(Decl *Dc) { D = Dc; }
  static bool classof(const Expr *E) { return E->getKind() == Ident; }

private:
  llvm::StringRef Name;
  Decl *D = nullptr;
};

class BasicLitExpr : public Expr {
public:
  /// Text is a slice of the source buffer (see CompilationUnit).
  BasicLitExpr(llvm::SMLoc Loc, tok::TokenKind LitKind, llvm::StringRef Text)
      : Expr(BasicLit, Loc), LitKind(LitKind), Text(Text) {}
  tok::TokenKind getLitKind() const { return LitKind; }
  /// The literal as written.
  llvm::StringRef getText() const { return Text; }
  /// The lexer reported an error in it (Go's BasicLit.Bad).
  bool isBad() const { return Bad; }
  void setBad(bool B) { Bad = B; }
  static bool classof(const Expr *E) { return E->getKind() == BasicLit; }

private:
  tok::TokenKind LitKind;
  llvm::StringRef Text;
  bool Bad = false;
};

/// One element of a composite literal: `Value`, `Key: Value`.
struct CompositeElement {
  Expr *Key = nullptr; // null when absent
  Expr *Value = nullptr;
  /// Struct literals: the field index (keyed or positional).
  int FieldIndex = -1;
  /// Array and slice literals: the element index.
  uint64_t Index = 0;
  /// The ':' of a keyed element.
  llvm::SMLoc ColonLoc;
};

class CompositeLitExpr : public Expr {
public:
  CompositeLitExpr(llvm::SMLoc Loc, Expr *TypeSyntax)
      : Expr(CompositeLit, Loc), TypeSyntax(TypeSyntax) {}
  /// The literal's type as written; null when elided inside an outer
  /// literal. Use getType() for the resolved type.
  Expr *getTypeSyntax() const { return TypeSyntax; }
  std::vector<CompositeElement> &elements() { return Elements; }
  const std::vector<CompositeElement> &elements() const { return Elements; }
  llvm::SMLoc getRBraceLoc() const { return RBrace; }
  void setRBraceLoc(llvm::SMLoc L) { RBrace = L; }
  /// The '{', where Go places the literal in -m output.
  llvm::SMLoc getLBraceLoc() const { return LBrace; }
  void setLBraceLoc(llvm::SMLoc L) { LBrace = L; }
  /// For slices: the length (max index + 1).
  uint64_t getLength() const { return Length; }
  void setLength(uint64_t L) { Length = L; }
  static bool classof(const Expr *E) { return E->getKind() == CompositeLit; }

private:
  Expr *TypeSyntax;
  std::vector<CompositeElement> Elements;
  llvm::SMLoc LBrace, RBrace;
  uint64_t Length = 0;
};

/// One step of a field selection: optionally dereference a pointer, then
/// take field Index of the struct.
struct FieldStep {
  unsigned Index;
  bool Deref;
};

class FuncLitExpr;

class SelectorExpr : public Expr {
public:
  enum SelKind {
    Unresolved,
    Field,         // Base.f (through Path)
    Method,        // Base.m as a callee
    PackageMember, // pkg.Name (Member is the PkgFuncDecl or ConstDecl)
    /// T.M or (*T).M: a function whose first parameter is the receiver
    /// (Base is the type; getMethod() and path() as for Method).
    MethodExpr,
    /// x.M for a method of an interface (x's type, or an embedded field's
    /// reached through path()): called through the itab; as a value, a
    /// closure holding the interface value.
    InterfaceMethod,
    /// I.M for an interface type I: a function taking the interface value
    /// first (getInterface() and getMethodIndex() as for InterfaceMethod).
    InterfaceMethodExpr,
  };
  /// How the receiver is adjusted before a method call.
  enum RecvAdjust { None, AddrOf, Deref };

  /// Name is a slice of the source buffer (see CompilationUnit).
  SelectorExpr(llvm::SMLoc Loc, Expr *Base, llvm::StringRef Name,
               llvm::SMLoc NameLoc)
      : Expr(Selector, Loc), Base(Base), Name(Name), NameLoc(NameLoc) {}
  Expr *getBase() const { return Base; }
  void setBase(Expr *B) { Base = B; }
  llvm::StringRef getName() const { return Name; }
  llvm::SMLoc getNameLoc() const { return NameLoc; }

  SelKind getSelKind() const { return SK; }
  void setSelKind(SelKind S) { SK = S; }
  /// Field: the full path (embedded fields first). Method: the path to the
  /// embedded value holding the method (empty for a direct method).
  llvm::SmallVector<FieldStep, 2> &path() { return Path; }
  const llvm::SmallVector<FieldStep, 2> &path() const { return Path; }
  FuncDecl *getMethod() const { return MethodDecl; }
  void setMethod(FuncDecl *M) { MethodDecl = M; }
  /// InterfaceMethod: the interface type and the method's index in it.
  const InterfaceType *getInterface() const { return Iface; }
  unsigned getMethodIndex() const { return MethodIndex; }
  void setInterfaceMethod(const InterfaceType *I, unsigned Index) {
    Iface = I;
    MethodIndex = Index;
  }
  RecvAdjust getRecvAdjust() const { return Adjust; }
  void setRecvAdjust(RecvAdjust A) { Adjust = A; }
  Decl *getMember() const { return Member; }
  void setMember(Decl *D) { Member = D; }
  /// A function of a package built into gmc used as a value: the literal
  /// that calls it (math.Sqrt => func(x float64) float64 {...}).
  FuncLitExpr *getValueWrapper() const { return ValueWrapper; }
  void setValueWrapper(FuncLitExpr *L) { ValueWrapper = L; }
  static bool classof(const Expr *E) { return E->getKind() == Selector; }

private:
  Expr *Base;
  llvm::StringRef Name;
  llvm::SMLoc NameLoc;
  SelKind SK = Unresolved;
  llvm::SmallVector<FieldStep, 2> Path;
  FuncDecl *MethodDecl = nullptr;
  const InterfaceType *Iface = nullptr;
  unsigned MethodIndex = 0;
  RecvAdjust Adjust = None;
  Decl *Member = nullptr;
  FuncLitExpr *ValueWrapper = nullptr;
};

class IndexExpr : public Expr {
public:
  enum IndexKind {
    Unresolved,
    Array,
    PointerToArray,
    SliceIdx,
    StringIdx,
    Map,
    /// F[T]: a generic function's instance as a value (getInstance()).
    FuncInstance
  };
  IndexExpr(llvm::SMLoc Loc, Expr *Base, Expr *Idx)
      : Expr(Index, Loc), Base(Base), Idx(Idx) {}
  Expr *getBase() const { return Base; }
  Expr *getIndex() const { return Idx; }
  void setBase(Expr *E) { Base = E; }
  void setIndex(Expr *E) { Idx = E; }
  IndexKind getIndexKind() const { return IK; }
  void setIndexKind(IndexKind K) { IK = K; }
  bool isMapIndex() const { return IK == Map; }
  FuncDecl *getInstance() const { return Instance; }
  void setInstance(FuncDecl *F) {
    IK = FuncInstance;
    Instance = F;
  }
  static bool classof(const Expr *E) { return E->getKind() == Index; }

private:
  Expr *Base;
  Expr *Idx;
  IndexKind IK = Unresolved;
  FuncDecl *Instance = nullptr;
};

class SliceExpr : public Expr {
public:
  enum SliceKind { Unresolved, Array, PointerToArray, SliceOfSlice, String };
  SliceExpr(llvm::SMLoc Loc, Expr *Base, Expr *Low, Expr *High, Expr *Max)
      : Expr(Slice, Loc), Base(Base), Low(Low), High(High), Max(Max) {}
  Expr *getBase() const { return Base; }
  Expr *getLow() const { return Low; }
  Expr *getHigh() const { return High; }
  Expr *getMax() const { return Max; }
  void setBase(Expr *E) { Base = E; }
  void setLow(Expr *E) { Low = E; }
  void setHigh(Expr *E) { High = E; }
  void setMax(Expr *E) { Max = E; }
  SliceKind getSliceKind() const { return SK; }
  void setSliceKind(SliceKind K) { SK = K; }
  static bool classof(const Expr *E) { return E->getKind() == Slice; }

private:
  Expr *Base, *Low, *High, *Max;
  SliceKind SK = Unresolved;
};

class CallExpr : public Expr {
public:
  enum CallKind {
    Unresolved,
    Function,        // a top-level func (getFunc())
    Method,          // Callee is a SelectorExpr with SelKind Method
    Builtin,         // getBuiltin()
    Package,         // getPkgFunc()
    Conversion,      // T(x): getArgs()[0] converted to getType()
    FuncValue,       // a call through a function value (the callee's value)
    InterfaceMethod, // Callee is a SelectorExpr with SelKind InterfaceMethod
  };
  CallExpr(llvm::SMLoc Loc, Expr *Callee, std::vector<Expr *> Args,
           bool HasEllipsis, llvm::SMLoc RParen)
      : Expr(Call, Loc), Callee(Callee), Args(std::move(Args)),
        HasEllipsis(HasEllipsis), RParen(RParen) {}
  Expr *getCallee() const { return Callee; }
  void setCallee(Expr *E) { Callee = E; }
  std::vector<Expr *> &args() { return Args; }
  const std::vector<Expr *> &args() const { return Args; }
  /// f(xs...): the last argument is passed as the variadic slice itself.
  bool hasEllipsis() const { return HasEllipsis; }
  llvm::SMLoc getRParenLoc() const { return RParen; }
  /// The '(', where Go places the call in -m output.
  llvm::SMLoc getLParenLoc() const {
    return LParen.isValid() ? LParen : getLoc();
  }
  void setLParenLoc(llvm::SMLoc L) { LParen = L; }

  CallKind getCallKind() const { return CK; }
  void setCallKind(CallKind K) { CK = K; }
  FuncDecl *getFunc() const { return Fn; }
  void setFunc(FuncDecl *F) { Fn = F; }
  BuiltinKind getBuiltin() const { return BK; }
  void setBuiltin(BuiltinKind K) { BK = K; }
  PkgFunc getPkgFunc() const { return PF; }
  void setPkgFunc(PkgFunc F) { PF = F; }
  /// For make/new: the type argument (args()[0] is the type syntax).
  Type *getTypeArg() const { return TypeArg; }
  void setTypeArg(Type *T) { TypeArg = T ? T->getCanonical() : T; }
  /// The callee's signature for Function, Method and Package calls: args()
  /// match its parameters one to one, except for variadic functions, whose
  /// trailing arguments each have the element type (unless hasEllipsis()),
  /// and for f(g()), where the single argument is a multi-value call whose
  /// TupleType elements are the arguments. A call of a multi-result
  /// function has TupleType type; a call without results has mode NoValue.
  SignatureType *getSignature() const { return Sig; }
  void setSignature(SignatureType *S) {
    Sig = S ? llvm::cast<SignatureType>(S->getCanonical()) : S;
  }
  static bool classof(const Expr *E) { return E->getKind() == Call; }

private:
  Expr *Callee;
  std::vector<Expr *> Args;
  bool HasEllipsis;
  llvm::SMLoc LParen, RParen;
  CallKind CK = Unresolved;
  FuncDecl *Fn = nullptr;
  BuiltinKind BK = BuiltinKind::Len;
  PkgFunc PF = PkgFunc::FmtPrintln;
  Type *TypeArg = nullptr;
  SignatureType *Sig = nullptr;
};

/// `*X`: a dereference, or a pointer type in type context.
class StarExpr : public Expr {
public:
  StarExpr(llvm::SMLoc Loc, Expr *X) : Expr(Star, Loc), X(X) {}
  Expr *getOperand() const { return X; }
  void setOperand(Expr *E) { X = E; }
  static bool classof(const Expr *E) { return E->getKind() == Star; }

private:
  Expr *X;
};

/// + - ! ^ & applied to an operand, and the receive `<-c` (tok::arrow),
/// whose type is the channel's element type.
class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMLoc Loc, tok::TokenKind Op, Expr *X)
      : Expr(Unary, Loc), Op(Op), X(X) {}
  tok::TokenKind getOp() const { return Op; }
  Expr *getOperand() const { return X; }
  void setOperand(Expr *E) { X = E; }
  bool isReceive() const { return Op == tok::arrow; }
  /// `v, ok := <-c`: the receive also yields whether a value came.
  bool isCommaOk() const { return CommaOk; }
  void setCommaOk(bool V = true) { CommaOk = V; }
  static bool classof(const Expr *E) { return E->getKind() == Unary; }

private:
  tok::TokenKind Op;
  Expr *X;
  bool CommaOk = false;
};

/// Arithmetic, comparison, logical and shift operators. For comparisons
/// both operands have the same type (getLHS()->getType()); for shifts the
/// RHS has an unsigned or signed integer type of its own.
class BinaryExpr : public Expr {
public:
  BinaryExpr(llvm::SMLoc Loc, tok::TokenKind Op, Expr *L, Expr *R)
      : Expr(Binary, Loc), Op(Op), L(L), R(R) {}
  tok::TokenKind getOp() const { return Op; }
  Expr *getLHS() const { return L; }
  Expr *getRHS() const { return R; }
  void setLHS(Expr *E) { L = E; }
  void setRHS(Expr *E) { R = E; }
  bool isComparison() const;
  bool isShift() const { return Op == tok::shl || Op == tok::shr; }
  /// The operator's position (getLoc() is the start of the LHS).
  llvm::SMLoc getOpLoc() const { return OpLoc; }
  void setOpLoc(llvm::SMLoc L) { OpLoc = L; }
  static bool classof(const Expr *E) { return E->getKind() == Binary; }

private:
  tok::TokenKind Op;
  Expr *L, *R;
  llvm::SMLoc OpLoc;
};

/// `(X)`; kept so messages can print the source form. Same type and value
/// as X.
class ParenExpr : public Expr {
public:
  ParenExpr(llvm::SMLoc Loc, Expr *X) : Expr(Paren, Loc), X(X) {}
  Expr *getInner() const { return X; }
  void setInner(Expr *E) { X = E; }
  static bool classof(const Expr *E) { return E->getKind() == Paren; }

private:
  Expr *X;
};

/// `func(params) results { body }`. The literal's parameters, results and
/// body live in a FuncDecl of their own (not in CompilationUnit::Funcs),
/// whose getOuter() is the function the literal appears in.
class FuncLitExpr : public Expr {
public:
  FuncLitExpr(llvm::SMLoc Loc, FuncDecl *Fn) : Expr(FuncLit, Loc), Fn(Fn) {}
  FuncDecl *getFunc() const { return Fn; }
  static bool classof(const Expr *E) { return E->getKind() == FuncLit; }

private:
  FuncDecl *Fn;
};

/// `[N]T`, `[...]T` (Len null, IsEllipsis) or `[]T` (Len null).
class ArrayTypeExpr : public Expr {
public:
  ArrayTypeExpr(llvm::SMLoc Loc, Expr *Len, bool IsEllipsis, Expr *Elem)
      : Expr(ArrayTypeE, Loc), Len(Len), IsEllipsis(IsEllipsis), Elem(Elem) {}
  Expr *getLen() const { return Len; }
  bool isEllipsis() const { return IsEllipsis; }
  bool isSlice() const { return !Len && !IsEllipsis; }
  Expr *getElem() const { return Elem; }
  static bool classof(const Expr *E) { return E->getKind() == ArrayTypeE; }

private:
  Expr *Len;
  bool IsEllipsis;
  Expr *Elem;
};

class MapTypeExpr : public Expr {
public:
  MapTypeExpr(llvm::SMLoc Loc, Expr *Key, Expr *Value)
      : Expr(MapTypeE, Loc), Key(Key), Value(Value) {}
  Expr *getKey() const { return Key; }
  Expr *getValueType() const { return Value; }
  static bool classof(const Expr *E) { return E->getKind() == MapTypeE; }

private:
  Expr *Key, *Value;
};

/// `chan T`, `chan<- T` or `<-chan T`. The parser re-associates `<-` in
/// expressions (`<-chan int(nil)` aside), so Dir may change after creation.
class ChanTypeExpr : public Expr {
public:
  ChanTypeExpr(llvm::SMLoc Loc, ChanType::Dir D, Expr *Elem)
      : Expr(ChanTypeE, Loc), D(D), Elem(Elem) {}
  ChanType::Dir getDir() const { return D; }
  void setDir(ChanType::Dir Dir) { D = Dir; }
  Expr *getElem() const { return Elem; }
  static bool classof(const Expr *E) { return E->getKind() == ChanTypeE; }

private:
  ChanType::Dir D;
  Expr *Elem;
};

/// One field declaration line `A, B T` or an embedded field `T` / `*T`.
struct FieldSpec {
  std::vector<std::pair<std::string, llvm::SMLoc>> Names; // empty: embedded
  Expr *TypeSyntax = nullptr;
  llvm::SMLoc Loc;
};

class StructTypeExpr : public Expr {
public:
  StructTypeExpr(llvm::SMLoc Loc, std::vector<FieldSpec> Fields)
      : Expr(StructTypeE, Loc), Fields(std::move(Fields)) {}
  const std::vector<FieldSpec> &fields() const { return Fields; }
  static bool classof(const Expr *E) { return E->getKind() == StructTypeE; }

private:
  std::vector<FieldSpec> Fields;
};

/// One parameter group `a, b int`, or an unnamed `int`, or `xs ...int`.
struct ParamSpec {
  std::vector<std::pair<std::string, llvm::SMLoc>> Names; // may be empty
  Expr *TypeSyntax = nullptr;
  bool Variadic = false;
  llvm::SMLoc Loc;
};

class FuncTypeExpr : public Expr {
public:
  FuncTypeExpr(llvm::SMLoc Loc, std::vector<ParamSpec> Params,
               std::vector<ParamSpec> Results)
      : Expr(FuncTypeE, Loc), Params(std::move(Params)),
        Results(std::move(Results)) {}
  const std::vector<ParamSpec> &params() const { return Params; }
  const std::vector<ParamSpec> &results() const { return Results; }
  static bool classof(const Expr *E) { return E->getKind() == FuncTypeE; }

private:
  std::vector<ParamSpec> Params, Results;
};

/// One line of an interface type: a method `M(int) string`, or an embedded
/// interface (Sig null, Embedded its type name).
struct InterfaceElem {
  std::string Name;
  llvm::SMLoc Loc;
  FuncTypeExpr *Sig = nullptr;
  Expr *Embedded = nullptr;
};

/// `interface { M(); io.Reader }`.
class InterfaceTypeExpr : public Expr {
public:
  InterfaceTypeExpr(llvm::SMLoc Loc, std::vector<InterfaceElem> Elems)
      : Expr(InterfaceTypeE, Loc), Elems(std::move(Elems)) {}
  const std::vector<InterfaceElem> &elems() const { return Elems; }
  static bool classof(const Expr *E) { return E->getKind() == InterfaceTypeE; }

private:
  std::vector<InterfaceElem> Elems;
};

/// A constraint's type set `~int | ~float64 | string` (or one `~T`).
class UnionTypeExpr : public Expr {
public:
  struct Term {
    bool Tilde;
    Expr *Type;
  };
  UnionTypeExpr(llvm::SMLoc Loc, std::vector<Term> Terms)
      : Expr(UnionTypeE, Loc), Terms(std::move(Terms)) {}
  const std::vector<Term> &terms() const { return Terms; }
  static bool classof(const Expr *E) { return E->getKind() == UnionTypeE; }

private:
  std::vector<Term> Terms;
};

/// `F[int, string]`: a generic function with explicit type arguments (one
/// type argument parses as an IndexExpr, which Sema tells apart).
class InstantiateExpr : public Expr {
public:
  InstantiateExpr(llvm::SMLoc Loc, Expr *Base, std::vector<Expr *> Args)
      : Expr(InstantiateE, Loc), Base(Base), Args(std::move(Args)) {}
  Expr *getBase() const { return Base; }
  const std::vector<Expr *> &args() const { return Args; }
  /// The instance, once Sema has made it.
  FuncDecl *getInstance() const { return Instance; }
  void setInstance(FuncDecl *F) { Instance = F; }
  static bool classof(const Expr *E) { return E->getKind() == InstantiateE; }

private:
  Expr *Base;
  std::vector<Expr *> Args;
  FuncDecl *Instance = nullptr;
};

/// For `X[A]` (an IndexExpr) or `X[A, B]` (an InstantiateExpr): X, with
/// the bracketed expressions in Args; null for any other expression.
inline Expr *splitInstantiation(Expr *E, std::vector<Expr *> &Args) {
  if (auto *IE = llvm::dyn_cast<IndexExpr>(E)) {
    Args = {IE->getIndex()};
    return IE->getBase();
  }
  if (auto *IE = llvm::dyn_cast<InstantiateExpr>(E)) {
    Args = IE->args();
    return IE->getBase();
  }
  return nullptr;
}

/// A conversion the language makes implicitly, which Sema inserts so that
/// IR generation sees every one: a value assigned, passed, returned or
/// stored as an interface (the only kind so far). Its type is the target.
class ImplicitConvExpr : public Expr {
public:
  ImplicitConvExpr(Expr *Sub) : Expr(ImplicitConvE, Sub->getLoc()), Sub(Sub) {}
  Expr *getSub() const { return Sub; }
  static bool classof(const Expr *E) { return E->getKind() == ImplicitConvE; }

private:
  Expr *Sub;
};

/// `x.(T)`, or a type switch's guard `x.(type)` (no type).
class TypeAssertExpr : public Expr {
public:
  TypeAssertExpr(llvm::SMLoc Loc, Expr *X, Expr *TypeSyntax)
      : Expr(TypeAssertE, Loc), X(X), TypeSyntax(TypeSyntax) {}
  Expr *getX() const { return X; }
  Expr *getTypeSyntax() const { return TypeSyntax; }
  bool isTypeSwitchGuard() const { return !TypeSyntax; }
  /// `v, ok := x.(T)`: the expression also yields ok.
  bool isCommaOk() const { return CommaOk; }
  void setCommaOk(bool V = true) { CommaOk = V; }
  static bool classof(const Expr *E) { return E->getKind() == TypeAssertE; }

private:
  Expr *X;
  Expr *TypeSyntax;
  bool CommaOk = false;
};

/// Strips ParenExprs.
Expr *skipParens(Expr *E);
const Expr *skipParens(const Expr *E);
/// Whether evaluating E calls a function (a conversion is no call) or
/// receives from a channel. Then len(E) and cap(E) of an array are not
/// constants and a range over E evaluates it, as Go's spec says; otherwise
/// neither evaluates E at all.
bool containsCallOrReceive(const Expr *E);

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

class Decl : public Node {
public:
  enum Kind { Var, Const, TypeName, Func, Import, Builtin, PackageFunc, Nil };
  Kind getKind() const { return K; }
  llvm::StringRef getName() const { return Name; }
  /// Only for function literals, which Sema names ("main.func1").
  void setName(llvm::StringRef N) { Name = N.str(); }
  /// The canonical type (uint8, never byte; see Type.h).
  Type *getType() const { return Ty ? Ty->getCanonical() : nullptr; }
  /// The type with the alias spelling the source used, for diagnostics.
  Type *getTypeAsWritten() const { return Ty; }
  void setType(Type *T) { Ty = T; }
  bool isUsed() const { return Used; }
  void setUsed(bool U = true) { Used = U; }
  /// Package-level (or universe/package-member) rather than local.
  bool isGlobal() const { return Global; }
  void setGlobal(bool G) { Global = G; }
  /// The package declaring it: set for package-level declarations and for
  /// every function (methods and literals too); null for the rest.
  const Package *getPackage() const { return Pkg; }
  void setPackage(const Package *P) { Pkg = P; }

protected:
  Decl(Kind K, llvm::SMLoc Loc, llvm::StringRef Name)
      : Node(Loc), K(K), Name(Name.str()) {}

private:
  Kind K;
  std::string Name;
  Type *Ty = nullptr;
  const Package *Pkg = nullptr;
  bool Used = false;
  bool Global = false;
};

/// Go's rule: a name is exported if it begins with an upper-case letter.
bool isExportedName(llvm::StringRef Name);

class VarSpec;

class VarDecl : public Decl {
public:
  enum VarKind { Local, Global, Param, Result, Receiver };
  VarDecl(llvm::SMLoc Loc, llvm::StringRef Name, VarKind VK)
      : Decl(Var, Loc, Name), VK(VK) {
    setGlobal(VK == Global);
  }
  VarKind getVarKind() const { return VK; }
  void setVarKind(VarKind K) {
    VK = K;
    setGlobal(K == Global);
  }
  /// The declaring `var` spec, if declared by one.
  VarSpec *getSpec() const { return Spec; }
  void setSpec(VarSpec *S) { Spec = S; }
  /// Whether `&v` is taken anywhere (or a pointer method is called on it):
  /// such a variable must live in memory that outlives its frame.
  bool isAddressTaken() const { return AddrTaken; }
  void setAddressTaken() { AddrTaken = true; }
  /// Whether a function literal refers to it. Captured variables are
  /// shared by reference, so they are also address-taken.
  bool isCaptured() const { return Captured; }
  void setCaptured() {
    Captured = true;
    AddrTaken = true;
  }
  /// Set by escape analysis: although its address is taken, the variable
  /// may live in its function's frame (nothing refers to it afterwards).
  bool isNonEscaping() const { return NonEscaping; }
  void setNonEscaping(bool N = true) { NonEscaping = N; }
  /// Whether IR generation must allocate it on the GC heap.
  bool needsHeap() const { return AddrTaken && !NonEscaping; }
  static bool classof(const Decl *D) { return D->getKind() == Var; }

private:
  VarKind VK;
  VarSpec *Spec = nullptr;
  bool AddrTaken = false;
  bool Captured = false;
  bool NonEscaping = false;
};

class ConstDecl : public Decl {
public:
  ConstDecl(llvm::SMLoc Loc, llvm::StringRef Name) : Decl(Const, Loc, Name) {}
  const ConstantValue &getValue() const { return Value; }
  void setValue(ConstantValue V) { Value = std::move(V); }
  /// The value of iota in its spec (-1 for predeclared constants).
  int64_t getIota() const { return Iota; }
  void setIota(int64_t I) { Iota = I; }
  /// The initializer as written (shared with an earlier spec under implicit
  /// repetition); Type syntax likewise.
  Expr *getInit() const { return Init; }
  void setInit(Expr *E) { Init = E; }
  Expr *getTypeSyntax() const { return TypeSyntax; }
  void setTypeSyntax(Expr *E) { TypeSyntax = E; }
  static bool classof(const Decl *D) { return D->getKind() == Const; }

private:
  ConstantValue Value;
  int64_t Iota = -1;
  Expr *Init = nullptr;
  Expr *TypeSyntax = nullptr;
};

/// `type T U` (a defined type, getType() is its NamedType) or `type T = U`
/// (an alias, getType() is U), or a predeclared type name.
/// One group of a type parameter list: `K, V any`.
struct TypeParamSpec {
  std::vector<std::pair<std::string, llvm::SMLoc>> Names;
  Expr *Constraint = nullptr;
};

class TypeDecl : public Decl {
public:
  TypeDecl(llvm::SMLoc Loc, llvm::StringRef Name, Expr *TypeSyntax,
           bool IsAlias)
      : Decl(TypeName, Loc, Name), TypeSyntax(TypeSyntax), IsAlias(IsAlias) {}
  Expr *getTypeSyntax() const { return TypeSyntax; }
  bool isAlias() const { return IsAlias; }
  /// A generic type `type List[T any] ...`: its type parameters.
  std::vector<TypeParamSpec> &typeParams() { return TypeParams; }
  const std::vector<TypeParamSpec> &typeParams() const { return TypeParams; }
  bool isGeneric() const { return !TypeParams.empty(); }
  static bool classof(const Decl *D) { return D->getKind() == TypeName; }

private:
  Expr *TypeSyntax;
  bool IsAlias;
  std::vector<TypeParamSpec> TypeParams;
};

class FuncDecl : public Decl {
public:
  FuncDecl(llvm::SMLoc Loc, llvm::StringRef Name) : Decl(Func, Loc, Name) {}

  /// Receiver syntax as parsed (null for plain functions).
  struct ReceiverSyntax {
    std::string Name; // may be empty or "_"
    llvm::SMLoc NameLoc;
    Expr *TypeSyntax = nullptr; // T or *T
  };
  ReceiverSyntax *getReceiverSyntax() { return RecvSyntax.get(); }
  void setReceiverSyntax(std::unique_ptr<ReceiverSyntax> R) {
    RecvSyntax = std::move(R);
  }
  bool isMethod() const { return RecvSyntax != nullptr; }
  FuncTypeExpr *getTypeSyntax() const { return FTy; }
  void setTypeSyntax(FuncTypeExpr *F) { FTy = F; }
  BlockStmt *getBody() const { return Body; }
  void setBody(BlockStmt *B) { Body = B; }

  // Set by Sema.
  /// The receiver variable (always present for methods, possibly unnamed).
  VarDecl *getReceiver() const { return Recv; }
  void setReceiver(VarDecl *V) { Recv = V; }
  /// The receiver's base type T (for both T and *T receivers).
  NamedType *getReceiverBase() const { return RecvBase; }
  void setReceiverBase(NamedType *T) { RecvBase = T; }
  bool hasPointerReceiver() const { return PtrRecv; }
  void setPointerReceiver(bool P) { PtrRecv = P; }
  /// One VarDecl per parameter and per result (unnamed ones get "" names;
  /// results are named when the source names them).
  std::vector<VarDecl *> &params() { return Params; }
  const std::vector<VarDecl *> &params() const { return Params; }
  std::vector<VarDecl *> &results() { return Results; }
  const std::vector<VarDecl *> &results() const { return Results; }
  bool hasNamedResults() const { return NamedResults; }
  void setNamedResults(bool N) { NamedResults = N; }
  /// The signature without the receiver (also getType()).
  SignatureType *getSignature() const {
    return llvm::cast_or_null<SignatureType>(getType());
  }
  /// "main", "T.String", "(*T).Set", "main.func1" (as Go's backtraces
  /// print them after "main.").
  std::string getQualifiedName() const;

  /// Function literals: the function the literal appears in (null for a
  /// literal in a package-level initializer and for declared functions).
  FuncDecl *getOuter() const { return Outer; }
  bool isLiteral() const { return Literal; }
  void setLiteral(FuncDecl *Enclosing) {
    Literal = true;
    Outer = Enclosing;
  }
  /// Function literals: the variables of enclosing functions it refers to,
  /// directly or through a nested literal, in order of first reference.
  std::vector<VarDecl *> &captures() { return Captures; }
  const std::vector<VarDecl *> &captures() const { return Captures; }
  /// The literals directly nested in this function, numbered by Sema.
  unsigned nextLiteralNumber() { return ++NumLiterals; }
  /// Has a defer statement.
  bool hasDefer() const { return HasDefer; }
  void setHasDefer() { HasDefer = true; }
  /// Calls recover() itself (it may stop a panic only if it is the
  /// deferred function).
  bool callsRecover() const { return CallsRecover; }
  void setCallsRecover() { CallsRecover = true; }
  /// The literal Sema wraps a deferred builtin or package call in: not a
  /// deferred function of the program's (`defer recover()` recovers
  /// nothing).
  bool isDeferWrapper() const { return DeferWrapper; }
  void setDeferWrapper() { DeferWrapper = true; }
  /// Has a goto statement (a defer may then run more than once without
  /// being in a loop).
  bool hasGoto() const { return HasGoto; }
  void setHasGoto() { HasGoto = true; }

  /// Generic functions: `[K comparable, V any]` as written, and the `func`
  /// keyword's position (an instance is parsed again from there).
  using TypeParamSpec = gm::lang::TypeParamSpec;
  std::vector<TypeParamSpec> &typeParams() { return TypeParamSpecs; }
  const std::vector<TypeParamSpec> &typeParams() const {
    return TypeParamSpecs;
  }
  bool isGeneric() const {
    return (!TypeParamSpecs.empty() || GenericMethod) && !Origin;
  }
  /// A method of a generic type (`func (s *Stack[T]) Push(x T)`), made
  /// for each of the type's instances.
  void setGenericMethod() { GenericMethod = true; }
  bool isGenericMethod() const { return GenericMethod; }
  llvm::SMLoc getFuncKeywordLoc() const { return FuncKeywordLoc; }
  void setFuncKeywordLoc(llvm::SMLoc L) { FuncKeywordLoc = L; }
  /// Instances: the generic function and the type arguments.
  const FuncDecl *getOrigin() const { return Origin; }
  llvm::ArrayRef<Type *> getTypeArgs() const { return TypeArgs; }
  void setInstanceOf(const FuncDecl *G, std::vector<Type *> Args) {
    Origin = G;
    TypeArgs = std::move(Args);
  }
  bool isInstance() const { return Origin != nullptr; }

  static bool classof(const Decl *D) { return D->getKind() == Func; }

private:
  std::unique_ptr<ReceiverSyntax> RecvSyntax;
  FuncTypeExpr *FTy = nullptr;
  BlockStmt *Body = nullptr;
  VarDecl *Recv = nullptr;
  NamedType *RecvBase = nullptr;
  bool PtrRecv = false;
  std::vector<VarDecl *> Params, Results;
  bool NamedResults = false;
  bool Literal = false;
  FuncDecl *Outer = nullptr;
  std::vector<VarDecl *> Captures;
  unsigned NumLiterals = 0;
  bool HasDefer = false;
  bool CallsRecover = false;
  bool DeferWrapper = false;
  bool HasGoto = false;
  std::vector<TypeParamSpec> TypeParamSpecs;
  bool GenericMethod = false;
  llvm::SMLoc FuncKeywordLoc;
  const FuncDecl *Origin = nullptr;
  std::vector<Type *> TypeArgs;
};

class ImportDecl : public Decl {
public:
  ImportDecl(llvm::SMLoc Loc, llvm::StringRef Name, llvm::StringRef Path)
      : Decl(Import, Loc, Name), Path(Path.str()) {}
  llvm::StringRef getPath() const { return Path; }
  /// For a package built into gm (fmt, sort, ...).
  PackageKind getBuiltinPackage() const { return BuiltinPkg; }
  void setBuiltinPackage(PackageKind P) { BuiltinPkg = P; }
  /// For a package written in gm (strings, unicode/utf8, ...): the checked
  /// package, whose exported declarations the selector pkg.Name finds.
  const Package *getImported() const { return Imported; }
  void setImported(const Package *P) { Imported = P; }
  static bool classof(const Decl *D) { return D->getKind() == Import; }

private:
  std::string Path;
  PackageKind BuiltinPkg = PackageKind::Fmt;
  const Package *Imported = nullptr;
};

/// A predeclared function (len, append, ...).
class BuiltinDecl : public Decl {
public:
  BuiltinDecl(llvm::StringRef Name, BuiltinKind BK)
      : Decl(Builtin, llvm::SMLoc(), Name), BK(BK) {
    setGlobal(true);
  }
  BuiltinKind getBuiltin() const { return BK; }
  static bool classof(const Decl *D) { return D->getKind() == Builtin; }

private:
  BuiltinKind BK;
};

/// A function of an imported package (fmt.Println, ...).
class PkgFuncDecl : public Decl {
public:
  PkgFuncDecl(llvm::StringRef Name, PkgFunc F)
      : Decl(PackageFunc, llvm::SMLoc(), Name), F(F) {
    setGlobal(true);
  }
  PkgFunc getPkgFunc() const { return F; }
  static bool classof(const Decl *D) { return D->getKind() == PackageFunc; }

private:
  PkgFunc F;
};

/// The predeclared `nil`.
class NilDecl : public Decl {
public:
  NilDecl() : Decl(Nil, llvm::SMLoc(), "nil") { setGlobal(true); }
  static bool classof(const Decl *D) { return D->getKind() == Nil; }
};

/// `var a, b T = x, y` (one spec). Values may be empty (zero values), one
/// value per name, or a single value for two or more names: a multi-value
/// call (TupleType), or, for exactly two names, the comma-ok map read
/// `var v, ok = m[k]` (an IndexExpr of Map kind; ok is bool or T).
class VarSpec : public Node {
public:
  VarSpec(llvm::SMLoc Loc, std::vector<VarDecl *> Names, Expr *TypeSyntax,
          std::vector<Expr *> Values)
      : Node(Loc), Names(std::move(Names)), TypeSyntax(TypeSyntax),
        Values(std::move(Values)) {}
  std::vector<VarDecl *> &names() { return Names; }
  const std::vector<VarDecl *> &names() const { return Names; }
  Expr *getTypeSyntax() const { return TypeSyntax; }
  std::vector<Expr *> &values() { return Values; }
  const std::vector<VarDecl *> &getNames() const { return Names; }
  const std::vector<Expr *> &getValues() const { return Values; }

private:
  std::vector<VarDecl *> Names;
  Expr *TypeSyntax;
  std::vector<Expr *> Values;
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt : public Node {
public:
  enum Kind {
    BadS,
    Empty,
    ExprS,
    DeclS,
    Assign,
    IncDec,
    Block,
    If,
    For,
    Range,
    Switch,
    Return,
    Branch,
    Labeled,
    Defer,
    Go,
    Send,
    Select,
  };
  Kind getKind() const { return K; }

protected:
  Stmt(Kind K, llvm::SMLoc Loc) : Node(Loc), K(K) {}

private:
  Kind K;
};

class BadStmt : public Stmt {
public:
  explicit BadStmt(llvm::SMLoc Loc) : Stmt(BadS, Loc) {}
  static bool classof(const Stmt *S) { return S->getKind() == BadS; }
};

class EmptyStmt : public Stmt {
public:
  explicit EmptyStmt(llvm::SMLoc Loc) : Stmt(Empty, Loc) {}
  static bool classof(const Stmt *S) { return S->getKind() == Empty; }
};

class ExprStmt : public Stmt {
public:
  ExprStmt(llvm::SMLoc Loc, Expr *E) : Stmt(ExprS, Loc), E(E) {}
  Expr *getExpr() const { return E; }
  void setExpr(Expr *X) { E = X; }
  static bool classof(const Stmt *S) { return S->getKind() == ExprS; }

private:
  Expr *E;
};

/// A local `var`, `const` or `type` declaration. Only the var specs need
/// code; constants and types are fully resolved.
class DeclStmt : public Stmt {
public:
  explicit DeclStmt(llvm::SMLoc Loc) : Stmt(DeclS, Loc) {}
  std::vector<VarSpec *> &varSpecs() { return Vars; }
  const std::vector<VarSpec *> &varSpecs() const { return Vars; }
  std::vector<Decl *> &otherDecls() { return Others; }
  const std::vector<Decl *> &otherDecls() const { return Others; }
  static bool classof(const Stmt *S) { return S->getKind() == DeclS; }

private:
  std::vector<VarSpec *> Vars;
  std::vector<Decl *> Others;
};

/// `=`, `:=` and `op=`. For `:=`, newVars() parallels the LHS: the VarDecl
/// declared by that name, or null when the name is reused or `_`.
///
/// Forms (set by Sema):
///  * Plain: N = N values, Go's parallel semantics (all RHS and index
///    operands evaluated before any store).
///  * MultiValue: N LHS = one call returning an N-tuple.
///  * CommaOkAssert: `v, ok = x.(T)` (RHS is a comma-ok TypeAssertExpr).
///  * CommaOkRecv: `v, ok = <-c` (RHS is a comma-ok receive UnaryExpr).
///  * CommaOkMap: `v, ok = m[k]` / `v, ok := m[k]` (RHS is an IndexExpr of
///    Map kind; ok's type is the LHS's type, bool or named bool).
///  * OpAssign: `x op= y` (getOp() is the binary operator, e.g. tok::plus);
///    isMapOpAssign() when x is a map index (evaluate the key once).
class AssignStmt : public Stmt {
public:
  enum Form {
    Plain,
    MultiValue,
    CommaOkMap,
    CommaOkAssert,
    CommaOkRecv,
    OpAssign
  };
  AssignStmt(llvm::SMLoc Loc, tok::TokenKind AssignTok, std::vector<Expr *> L,
             std::vector<Expr *> R)
      : Stmt(Assign, Loc), AssignTok(AssignTok), L(std::move(L)),
        R(std::move(R)) {}
  /// tok::equal, tok::colonequal or an op-assign token (tok::plusequal...).
  tok::TokenKind getAssignTok() const { return AssignTok; }
  bool isDefine() const { return AssignTok == tok::colonequal; }
  /// For OpAssign, the binary operator (tok::plus for +=).
  tok::TokenKind getOp() const;
  std::vector<Expr *> &lhs() { return L; }
  std::vector<Expr *> &rhs() { return R; }
  const std::vector<Expr *> &lhs() const { return L; }
  const std::vector<Expr *> &rhs() const { return R; }
  std::vector<VarDecl *> &newVars() { return NewVars; }
  const std::vector<VarDecl *> &newVars() const { return NewVars; }
  Form getForm() const { return F; }
  void setForm(Form Fm) { F = Fm; }
  bool isMapOpAssign() const;
  static bool classof(const Stmt *S) { return S->getKind() == Assign; }

private:
  tok::TokenKind AssignTok;
  std::vector<Expr *> L, R;
  std::vector<VarDecl *> NewVars;
  Form F = Plain;
};

/// `x++` / `x--`; isMapIndex() when x is a map index (one mapassign).
class IncDecStmt : public Stmt {
public:
  IncDecStmt(llvm::SMLoc Loc, Expr *X, bool IsInc)
      : Stmt(IncDec, Loc), X(X), IsInc(IsInc) {}
  Expr *getExpr() const { return X; }
  void setExpr(Expr *E) { X = E; }
  bool isInc() const { return IsInc; }
  bool isMapIndex() const;
  static bool classof(const Stmt *S) { return S->getKind() == IncDec; }

private:
  Expr *X;
  bool IsInc;
};

class BlockStmt : public Stmt {
public:
  BlockStmt(llvm::SMLoc Loc, std::vector<Stmt *> Body, llvm::SMLoc RBrace)
      : Stmt(Block, Loc), Body(std::move(Body)), RBrace(RBrace) {}
  std::vector<Stmt *> &body() { return Body; }
  const std::vector<Stmt *> &body() const { return Body; }
  llvm::SMLoc getRBraceLoc() const { return RBrace; }
  static bool classof(const Stmt *S) { return S->getKind() == Block; }

private:
  std::vector<Stmt *> Body;
  llvm::SMLoc RBrace;
};

class IfStmt : public Stmt {
public:
  IfStmt(llvm::SMLoc Loc, Stmt *Init, Expr *Cond, BlockStmt *Then, Stmt *Else)
      : Stmt(If, Loc), Init(Init), Cond(Cond), Then(Then), Else(Else) {}
  Stmt *getInit() const { return Init; }
  Expr *getCond() const { return Cond; }
  void setCond(Expr *E) { Cond = E; }
  BlockStmt *getThen() const { return Then; }
  /// Null, an IfStmt or a BlockStmt.
  Stmt *getElse() const { return Else; }
  static bool classof(const Stmt *S) { return S->getKind() == If; }

private:
  Stmt *Init;
  Expr *Cond;
  BlockStmt *Then;
  Stmt *Else;
};

/// `for init; cond; post {}`, `for cond {}`, `for {}`.
class ForStmt : public Stmt {
public:
  ForStmt(llvm::SMLoc Loc, Stmt *Init, Expr *Cond, Stmt *Post, BlockStmt *Body)
      : Stmt(For, Loc), Init(Init), Cond(Cond), Post(Post), Body(Body) {}
  Stmt *getInit() const { return Init; }
  Expr *getCond() const { return Cond; }
  void setCond(Expr *E) { Cond = E; }
  Stmt *getPost() const { return Post; }
  BlockStmt *getBody() const { return Body; }
  static bool classof(const Stmt *S) { return S->getKind() == For; }

private:
  Stmt *Init;
  Expr *Cond;
  Stmt *Post;
  BlockStmt *Body;
};

/// `for k, v := range x` / `for k, v = range x` / `for range x`. Loop
/// variables follow Go 1.22: one per iteration (IRGen gives an escaping
/// one a fresh cell each iteration).
class RangeStmt : public Stmt {
public:
  enum RangeKind {
    Unresolved,
    Int,            // range n: k is 0..n-1 of n's type
    Slice,          // k int, v elem
    Array,          // k int, v elem (x is evaluated once, as a copy if v used)
    PointerToArray, // range over *[N]T
    String,         // k byte offset (int), v rune (decoded UTF-8)
    Map,            // k key, v value (mapiterinit/mapiternext)
    Chan,           // k the received values (chanrecv2 until closed)
  };
  RangeStmt(llvm::SMLoc Loc, Expr *Key, Expr *Value, tok::TokenKind AssignTok,
            Expr *X, BlockStmt *Body)
      : Stmt(Range, Loc), Key(Key), Value(Value), AssignTok(AssignTok), X(X),
        Body(Body) {}
  /// Null when absent; `_` is an IdentExpr without decl.
  Expr *getKey() const { return Key; }
  Expr *getValue() const { return Value; }
  /// The third of too many iteration variables (`for a, b, c := range x`),
  /// kept so that Sema can report it as Go's type checker does; the rest of
  /// the list is dropped.
  Expr *getExtra() const { return Extra; }
  void setExtra(Expr *E) { Extra = E; }
  /// tok::colonequal, tok::equal, or tok::eof for `for range x`.
  tok::TokenKind getAssignTok() const { return AssignTok; }
  bool isDefine() const { return AssignTok == tok::colonequal; }
  Expr *getRangeExpr() const { return X; }
  void setRangeExpr(Expr *E) { X = E; }
  BlockStmt *getBody() const { return Body; }
  RangeKind getRangeKind() const { return RK; }
  void setRangeKind(RangeKind K) { RK = K; }
  /// For `:=`: the declared variables (null for absent or `_`).
  VarDecl *getKeyVar() const { return KeyVar; }
  VarDecl *getValueVar() const { return ValueVar; }
  void setKeyVar(VarDecl *V) { KeyVar = V; }
  void setValueVar(VarDecl *V) { ValueVar = V; }
  static bool classof(const Stmt *S) { return S->getKind() == Range; }

private:
  Expr *Key, *Value;
  Expr *Extra = nullptr;
  tok::TokenKind AssignTok;
  Expr *X;
  BlockStmt *Body;
  RangeKind RK = Unresolved;
  VarDecl *KeyVar = nullptr, *ValueVar = nullptr;
};

struct CaseClause {
  llvm::SMLoc Loc;
  bool IsDefault = false;
  /// Each converted to the tag's type (bool for a tagless switch).
  std::vector<Expr *> Values;
  std::vector<Stmt *> Body;
  /// The clause ends in `fallthrough` (to the next clause in source order).
  bool Fallthrough = false;
  /// Type switches: the types of Values (null for `nil`), and the clause's
  /// own variable `v` of `switch v := x.(type)`.
  std::vector<Type *> Types;
  VarDecl *Bound = nullptr;
};

/// `switch init; tag { case ...: }`. A tagless switch has getTag() null and
/// compares each case value (bool) against true. Clauses are tested in
/// source order; default runs when none match, wherever it appears.
/// A type switch has a TypeAssertExpr guard `x.(type)` as its tag, case
/// values that are types (or nil), and optionally binds `v :=`.
class SwitchStmt : public Stmt {
public:
  SwitchStmt(llvm::SMLoc Loc, Stmt *Init, Expr *Tag,
             std::vector<CaseClause> Clauses, llvm::SMLoc RBrace)
      : Stmt(Switch, Loc), Init(Init), Tag(Tag), Clauses(std::move(Clauses)),
        RBrace(RBrace) {}
  Stmt *getInit() const { return Init; }
  Expr *getTag() const { return Tag; }
  void setTag(Expr *E) { Tag = E; }
  std::vector<CaseClause> &clauses() { return Clauses; }
  const std::vector<CaseClause> &clauses() const { return Clauses; }
  llvm::SMLoc getRBraceLoc() const { return RBrace; }
  bool isTypeSwitch() const {
    auto *G = llvm::dyn_cast_or_null<TypeAssertExpr>(Tag);
    return G && G->isTypeSwitchGuard();
  }
  /// `switch v := x.(type)`: v's name and position (empty name: none).
  llvm::StringRef getBindName() const { return BindName; }
  llvm::SMLoc getBindLoc() const { return BindLoc; }
  void setBind(llvm::StringRef Name, llvm::SMLoc Loc) {
    BindName = Name.str();
    BindLoc = Loc;
  }
  static bool classof(const Stmt *S) { return S->getKind() == Switch; }

private:
  Stmt *Init;
  Expr *Tag;
  std::string BindName;
  llvm::SMLoc BindLoc;
  std::vector<CaseClause> Clauses;
  llvm::SMLoc RBrace;
};

class ReturnStmt : public Stmt {
public:
  ReturnStmt(llvm::SMLoc Loc, std::vector<Expr *> Results)
      : Stmt(Return, Loc), Results(std::move(Results)) {}
  /// Empty for a bare return (named results are returned as they are),
  /// one multi-value call, or one value per result.
  std::vector<Expr *> &results() { return Results; }
  const std::vector<Expr *> &results() const { return Results; }
  FuncDecl *getFunc() const { return Fn; }
  void setFunc(FuncDecl *F) { Fn = F; }
  static bool classof(const Stmt *S) { return S->getKind() == Return; }

private:
  std::vector<Expr *> Results;
  FuncDecl *Fn = nullptr;
};

/// break, continue, fallthrough and goto.
class BranchStmt : public Stmt {
public:
  BranchStmt(llvm::SMLoc Loc, tok::TokenKind Tok, llvm::StringRef Label,
             llvm::SMLoc LabelLoc)
      : Stmt(Branch, Loc), Tok(Tok), Label(Label.str()), LabelLoc(LabelLoc) {}
  tok::TokenKind getTok() const { return Tok; }
  llvm::StringRef getLabel() const { return Label; }
  llvm::SMLoc getLabelLoc() const { return LabelLoc; }
  /// break: the For/Range/Switch statement to leave; continue: the
  /// For/Range to continue; fallthrough: the SwitchStmt; goto: the
  /// LabeledStmt.
  Stmt *getTarget() const { return Target; }
  void setTarget(Stmt *S) { Target = S; }
  static bool classof(const Stmt *S) { return S->getKind() == Branch; }

private:
  tok::TokenKind Tok;
  std::string Label;
  llvm::SMLoc LabelLoc;
  Stmt *Target = nullptr;
};

/// `defer f(args)` and `go f(args)`. The function value (or receiver) and
/// the arguments are evaluated here; the call runs when the function returns
/// or panics (defer) or in a new goroutine (go). Sema wraps a builtin or
/// package call in a function literal taking its evaluated arguments (Go's
/// deferwrap), so getCall() is always a Function, Method or FuncValue call.
class CallStmt : public Stmt {
public:
  Expr *getExpr() const { return Call; }
  void setExpr(Expr *E) { Call = E; }
  /// After Sema: the call to defer or start.
  CallExpr *getCall() const { return llvm::dyn_cast<CallExpr>(Call); }
  bool isGo() const { return getKind() == Go; }
  /// "defer" or "go", as Go's messages name the statement.
  const char *getKeyword() const { return isGo() ? "go" : "defer"; }
  static bool classof(const Stmt *S) {
    return S->getKind() == Defer || S->getKind() == Go;
  }

protected:
  CallStmt(Kind K, llvm::SMLoc Loc, Expr *Call) : Stmt(K, Loc), Call(Call) {}

private:
  Expr *Call;
};

class DeferStmt : public CallStmt {
public:
  DeferStmt(llvm::SMLoc Loc, Expr *Call) : CallStmt(Defer, Loc, Call) {}
  /// Inside a loop of its function: each execution needs its own record.
  bool isInLoop() const { return InLoop; }
  void setInLoop(bool L) { InLoop = L; }
  static bool classof(const Stmt *S) { return S->getKind() == Defer; }

private:
  bool InLoop = false;
};

/// `go f(args)`: everything evaluated goes into a heap record that the new
/// goroutine's thunk reads.
class GoStmt : public CallStmt {
public:
  GoStmt(llvm::SMLoc Loc, Expr *Call) : CallStmt(Go, Loc, Call) {}
  static bool classof(const Stmt *S) { return S->getKind() == Go; }
};

/// `ch <- v`. After Sema, v has the channel's element type.
class SendStmt : public Stmt {
public:
  SendStmt(llvm::SMLoc Loc, Expr *Chan, Expr *Value)
      : Stmt(Send, Loc), Chan(Chan), Value(Value) {}
  Expr *getChan() const { return Chan; }
  Expr *getValue() const { return Value; }
  void setChan(Expr *E) { Chan = E; }
  void setValue(Expr *E) { Value = E; }
  static bool classof(const Stmt *S) { return S->getKind() == Send; }

private:
  Expr *Chan, *Value;
};

/// One clause of a select: `case c <- v:`, `case <-c:`, `case v := <-c:`,
/// `case v, ok = <-c:` or `default:`. Comm is a SendStmt, an ExprStmt of a
/// receive, or an AssignStmt (Plain, or CommaOkRecv) whose RHS is one
/// receive; null for default.
struct CommClause {
  llvm::SMLoc Loc;
  Stmt *Comm = nullptr;
  std::vector<Stmt *> Body;
  bool isDefault() const { return !Comm; }
  /// The receive (UnaryExpr `<-c`) of a receive clause, else null.
  UnaryExpr *getRecv() const;
  SendStmt *getSend() const { return llvm::dyn_cast_or_null<SendStmt>(Comm); }
};

/// `select { ... }`. IR generation gives the runtime the send cases first,
/// in source order, then the receive cases; `break` leaves the select.
class SelectStmt : public Stmt {
public:
  SelectStmt(llvm::SMLoc Loc, std::vector<CommClause> Clauses,
             llvm::SMLoc RBrace)
      : Stmt(Select, Loc), Clauses(std::move(Clauses)), RBrace(RBrace) {}
  std::vector<CommClause> &clauses() { return Clauses; }
  const std::vector<CommClause> &clauses() const { return Clauses; }
  llvm::SMLoc getRBraceLoc() const { return RBrace; }
  static bool classof(const Stmt *S) { return S->getKind() == Select; }

private:
  std::vector<CommClause> Clauses;
  llvm::SMLoc RBrace;
};

class LabeledStmt : public Stmt {
public:
  LabeledStmt(llvm::SMLoc Loc, llvm::StringRef Label, Stmt *S)
      : Stmt(Labeled, Loc), Label(Label.str()), S(S) {}
  llvm::StringRef getLabel() const { return Label; }
  Stmt *getStmt() const { return S; }
  void setStmt(Stmt *St) { S = St; }
  bool isUsed() const { return Used; }
  void setUsed() { Used = true; }
  static bool classof(const Stmt *S) { return S->getKind() == Labeled; }

private:
  std::string Label;
  Stmt *S;
  bool Used = false;
};

//===----------------------------------------------------------------------===//
// Compilation unit
//===----------------------------------------------------------------------===//

/// One source file: owns its nodes, its types and, through them, all
/// constant values. Its SourceMgr, which holds the source text that node
/// locations and names point into, must outlive it.
/// One package of the program, from one source file: the user's `main`, or
/// a library package written in gm (runtime/std/<path>/<name>.gm) that it
/// imports directly or indirectly.
class Package {
public:
  Package(llvm::StringRef Path, unsigned Buffer)
      : Path(Path.str()), Buffer(Buffer) {}
  /// The import path ("main" for the main package, "unicode/utf8").
  llvm::StringRef getPath() const { return Path; }
  /// The name of the package clause ("utf8").
  llvm::StringRef getName() const { return Name; }
  void setName(llvm::StringRef N) { Name = N.str(); }
  llvm::SMLoc getLoc() const { return Loc; }
  void setLoc(llvm::SMLoc L) { Loc = L; }
  bool isMain() const { return Path == "main"; }
  /// The SourceMgr buffer of its file.
  unsigned getBuffer() const { return Buffer; }

  /// Imports in source order.
  std::vector<ImportDecl *> Imports;
  /// Top-level var specs in source order.
  std::vector<VarSpec *> GlobalVars;
  /// Top-level constants and types in source order.
  std::vector<Decl *> GlobalConstsAndTypes;
  /// Functions and methods in source order.
  std::vector<FuncDecl *> Funcs;
  /// After Sema: the package-level var specs in Go's initialization order
  /// (dependency order, ties broken by declaration order). Specs without
  /// initializers are included (zero values need no code).
  std::vector<VarSpec *> InitOrder;
  /// After Sema: `func main()` (main package only).
  FuncDecl *MainFunc = nullptr;

  /// After Sema: the package-level declaration Name, or null. Importers
  /// see only the exported ones.
  Decl *lookupMember(llvm::StringRef Name) const {
    auto It = Members.find(Name);
    return It == Members.end() ? nullptr : It->second;
  }
  void addMember(llvm::StringRef Name, Decl *D) { Members[Name] = D; }

private:
  std::string Path;
  std::string Name;
  llvm::SMLoc Loc;
  unsigned Buffer;
  llvm::StringMap<Decl *> Members;
};

/// The whole program: its packages, which share one arena and one
/// TypeContext (a type of package strings is the same object wherever it
/// is used).
class CompilationUnit {
public:
  CompilationUnit();
  ~CompilationUnit();
  CompilationUnit(const CompilationUnit &) = delete;
  CompilationUnit &operator=(const CompilationUnit &) = delete;

  /// A new node, allocated in the unit's arena and destroyed with it.
  template <typename T, typename... Args> T *create(Args &&...A) {
    auto *N = new (Alloc.Allocate<T>()) T(std::forward<Args>(A)...);
    Nodes.push_back(N);
    return N;
  }

  TypeContext &getTypes() { return Types; }
  const TypeContext &getTypes() const { return Types; }

  /// The source manager holding the buffers (for line:column of locations).
  const llvm::SourceMgr *getSourceMgr() const { return SM; }
  void setSourceMgr(const llvm::SourceMgr *S) { SM = S; }
  /// (line, column) of Loc, or (0, 0) when unknown.
  std::pair<unsigned, unsigned> getLineAndColumn(llvm::SMLoc Loc) const;

  /// A new package; the unit owns it.
  Package *addPackage(llvm::StringRef Path, unsigned Buffer) {
    Pkgs.push_back(std::make_unique<Package>(Path, Buffer));
    return Pkgs.back().get();
  }
  /// The packages in initialization order (each after those it imports);
  /// set by the front end once all are loaded. The main package is last.
  llvm::ArrayRef<Package *> getPackages() const { return InitOrderPkgs; }
  void setPackageOrder(std::vector<Package *> Order) {
    InitOrderPkgs = std::move(Order);
  }
  Package &getMainPackage() const { return *InitOrderPkgs.back(); }

  /// After Sema: every defined type (package level and local).
  std::vector<NamedType *> NamedTypes;

  /// Whether the user's file must be package main with func main (to be a
  /// program); without, another package is checked as a library.
  bool requiresMain() const { return RequireMain; }
  void setRequireMain(bool R) { RequireMain = R; }

private:
  /// Node memory. Nodes lists every node, for the destructor; a deque, so
  /// that it grows without copying.
  llvm::BumpPtrAllocator Alloc;
  std::deque<Node *> Nodes;
  TypeContext Types;
  std::vector<std::unique_ptr<Package>> Pkgs;
  std::vector<Package *> InitOrderPkgs;
  const llvm::SourceMgr *SM = nullptr;
  bool RequireMain = true;
};

} // namespace gm::lang

#endif // GM_LANG_AST_AST_H
