//===- Type.h - gm types ----------------------------------------*- C++ -*-===//
//
// The type system of gm, a subset of Go's. Types are created by, owned by and
// uniqued in a TypeContext, so two structurally identical types are the same
// pointer: isIdentical(A, B) is A == B. Named types are the exception (each
// declaration makes a distinct one), exactly as in Go.
//
// Sizes: int, uint and uintptr are 64 bits; IR generation maps every kind to
// its LLVM type and owns layout.
//
// Alias spelling: Go's messages print `byte` and `rune` where the source
// wrote them, although they are uint8 and int32. TypeContext therefore also
// makes "sugared" types: the basic types byte and rune, and the composites
// built from them ([]byte, map[rune]bool, ...). Each sugared type points at
// its canonical type (the one built from uint8 and int32); all semantic
// questions are asked of canonical types, and Expr::getType() and
// Decl::getType() only ever return canonical ones. The sugared type survives
// only for diagnostics (getTypeAsWritten()).
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_AST_TYPE_H
#define GM_LANG_AST_TYPE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gm::lang {

class Package;

class FuncDecl;
class TypeDecl;

class Type {
public:
  enum Kind {
    // Basic typed kinds (BasicType).
    Bool,
    Int,
    Int8,
    Int16,
    Int32, // also rune
    Int64,
    Uint,
    Uint8, // also byte
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    String,
    // Untyped constant kinds (BasicType).
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
    /// The type of erroneous expressions; never survives a successful check.
    Invalid,
    FirstBasic = Bool,
    LastBasic = Invalid,
    // Composite kinds.
    Pointer,
    Slice,
    Array,
    Map,
    Chan,
    Struct,
    Named,
    Signature,
    Tuple,
    Interface,
    /// A generic function's type parameter, in its generic signature only
    /// (instances see their type arguments).
    TypeParam,
  };

  Kind getKind() const { return K; }

  /// The type without alias spelling: uint8 for byte, []int32 for []rune.
  const Type *getCanonical() const { return Canonical ? Canonical : this; }
  Type *getCanonical() { return Canonical ? Canonical : this; }
  bool isCanonical() const { return !Canonical; }

  /// The underlying type (itself unless Named). Named types are always
  /// canonical and so is their underlying type; a sugared unnamed type is
  /// its own (sugared) underlying type.
  const Type *getUnderlying() const;
  Type *getUnderlying();
  /// Like getUnderlying, but a defined type's underlying type keeps the
  /// alias spelling of its declaration (`type S struct{ b byte }`); only
  /// for deriving types that messages print.
  const Type *getUnderlyingAsWritten() const;
  Type *getUnderlyingAsWritten();

  // Predicates on the underlying type.
  bool isBoolean() const;
  bool isInteger() const;  // typed or untyped integer or rune
  bool isUnsigned() const; // typed unsigned integer
  bool isFloat() const;    // typed or untyped float
  bool isNumeric() const;
  bool isString() const;
  bool isUntyped() const;
  bool isNil() const { return getUnderlying()->K == UntypedNil; }
  bool isInterface() const { return getUnderlying()->K == Interface; }
  bool isInvalid() const { return K == Invalid; }
  bool isOrdered() const; // supports < <= > >=

  /// Bit width of a typed integer or float kind (int/uint/uintptr: 64).
  unsigned getBitWidth() const;

  virtual ~Type() = default;

protected:
  explicit Type(Kind K) : K(K) {}
  friend class TypeContext;

private:
  Kind K;
  /// Null for canonical types.
  Type *Canonical = nullptr;
};

class BasicType : public Type {
public:
  llvm::StringRef getName() const { return Name; }
  static bool classof(const Type *T) {
    return T->getKind() >= FirstBasic && T->getKind() <= LastBasic;
  }

private:
  friend class TypeContext;
  BasicType(Kind K, llvm::StringRef Name) : Type(K), Name(Name) {}
  llvm::StringRef Name;
};

class PointerType : public Type {
public:
  Type *getElement() const { return Elem; }
  static bool classof(const Type *T) { return T->getKind() == Pointer; }

private:
  friend class TypeContext;
  explicit PointerType(Type *Elem) : Type(Pointer), Elem(Elem) {}
  Type *Elem;
};

class SliceType : public Type {
public:
  Type *getElement() const { return Elem; }
  static bool classof(const Type *T) { return T->getKind() == Slice; }

private:
  friend class TypeContext;
  explicit SliceType(Type *Elem) : Type(Slice), Elem(Elem) {}
  Type *Elem;
};

class ArrayType : public Type {
public:
  Type *getElement() const { return Elem; }
  uint64_t getLength() const { return Len; }
  static bool classof(const Type *T) { return T->getKind() == Array; }

private:
  friend class TypeContext;
  ArrayType(Type *Elem, uint64_t Len) : Type(Array), Elem(Elem), Len(Len) {}
  Type *Elem;
  uint64_t Len;
};

class MapType : public Type {
public:
  Type *getKey() const { return Key; }
  Type *getValue() const { return Value; }
  static bool classof(const Type *T) { return T->getKind() == Map; }

private:
  friend class TypeContext;
  MapType(Type *Key, Type *Value) : Type(Map), Key(Key), Value(Value) {}
  Type *Key;
  Type *Value;
};

/// `chan T`, `chan<- T` (send-only) or `<-chan T` (receive-only). A value
/// is a pointer to the runtime's channel (abi::HChan), null for nil.
class ChanType : public Type {
public:
  enum Dir { Both, SendOnly, RecvOnly };
  Type *getElement() const { return Elem; }
  Dir getDir() const { return D; }
  bool canSend() const { return D != RecvOnly; }
  bool canRecv() const { return D != SendOnly; }
  static bool classof(const Type *T) { return T->getKind() == Chan; }

private:
  friend class TypeContext;
  ChanType(Type *Elem, Dir D) : Type(Chan), Elem(Elem), D(D) {}
  Type *Elem;
  Dir D;
};

struct StructField {
  std::string Name; // for an embedded field, the type's name
  Type *Ty;
  bool Embedded = false;
  /// For an unexported name, the package that declared it: only that
  /// package may select it, and such fields of different packages differ.
  const Package *Pkg = nullptr;
  bool operator<(const StructField &O) const;
};

class StructType : public Type {
public:
  llvm::ArrayRef<StructField> getFields() const { return Fields; }
  unsigned getNumFields() const { return Fields.size(); }
  const StructField &getField(unsigned I) const { return Fields[I]; }
  /// Index of the directly declared field Name, or -1.
  int findField(llvm::StringRef Name) const;
  static bool classof(const Type *T) { return T->getKind() == Struct; }

private:
  friend class TypeContext;
  explicit StructType(std::vector<StructField> Fields)
      : Type(Struct), Fields(std::move(Fields)) {}
  std::vector<StructField> Fields;
};

/// A defined type `type T U`. Its underlying type is set once resolved;
/// methods are attached by Sema as it sees them.
class NamedType : public Type {
public:
  llvm::StringRef getName() const { return Name; }
  /// "main.T" for user types (as %T prints them).
  std::string getQualifiedName() const;
  Type *getUnderlyingType() const { return Underlying; }
  Type *getUnderlyingTypeAsWritten() const { return UnderlyingAsWritten; }
  void setUnderlying(Type *U) {
    Underlying = U ? U->getCanonical() : U;
    UnderlyingAsWritten = U;
  }
  TypeDecl *getDecl() const { return Decl; }

  llvm::ArrayRef<FuncDecl *> getMethods() const { return Methods; }
  void addMethod(FuncDecl *M) { Methods.push_back(M); }
  FuncDecl *findMethod(llvm::StringRef Name) const;

  static bool classof(const Type *T) { return T->getKind() == Named; }

private:
  friend class TypeContext;
  NamedType(llvm::StringRef Name, TypeDecl *Decl)
      : Type(Named), Name(Name.str()), Decl(Decl) {}
  std::string Name;
  TypeDecl *Decl;
  Type *Underlying = nullptr;
  Type *UnderlyingAsWritten = nullptr;
  std::vector<FuncDecl *> Methods;
};

class TupleType : public Type {
public:
  llvm::ArrayRef<Type *> getElements() const { return Elems; }
  unsigned size() const { return Elems.size(); }
  Type *getElement(unsigned I) const { return Elems[I]; }
  static bool classof(const Type *T) { return T->getKind() == Tuple; }

private:
  friend class TypeContext;
  explicit TupleType(std::vector<Type *> Elems)
      : Type(Tuple), Elems(std::move(Elems)) {}
  std::vector<Type *> Elems;
};

/// A function signature. For a variadic function the last parameter has
/// slice type []T, as in Go. Results is a (possibly empty) tuple.
/// Parameter names are sugar: messages print `func(s string) int` as Go
/// does, and the canonical signature has no names.
class SignatureType : public Type {
public:
  llvm::ArrayRef<Type *> getParams() const { return Params; }
  TupleType *getResults() const { return Results; }
  bool isVariadic() const { return Variadic; }
  /// One name per parameter and per result when the source named them
  /// (sugared signatures only); empty otherwise.
  llvm::ArrayRef<std::string> getParamNames() const { return ParamNames; }
  llvm::ArrayRef<std::string> getResultNames() const { return ResultNames; }
  static bool classof(const Type *T) { return T->getKind() == Signature; }

private:
  friend class TypeContext;
  SignatureType(std::vector<Type *> Params, TupleType *Results, bool Variadic,
                std::vector<std::string> ParamNames,
                std::vector<std::string> ResultNames)
      : Type(Signature), Params(std::move(Params)), Results(Results),
        Variadic(Variadic), ParamNames(std::move(ParamNames)),
        ResultNames(std::move(ResultNames)) {}
  std::vector<Type *> Params;
  TupleType *Results;
  bool Variadic;
  std::vector<std::string> ParamNames, ResultNames;
};

/// One method of an interface type.
struct InterfaceMethod {
  std::string Name;
  /// Canonical (no parameter names); the sugared one is for messages.
  SignatureType *Sig;
  SignatureType *SigAsWritten;
  /// For an unexported name, the package that declared it (as for fields).
  const Package *Pkg = nullptr;
  bool operator<(const InterfaceMethod &O) const;
};

/// An interface type: its complete method set, embedded interfaces
/// flattened in, sorted by name. Two interface types with the same method
/// set are identical, so the TypeContext uniques them by it. The empty
/// interface also has a sugared form, `any`, which messages print as such.
class InterfaceType : public Type {
public:
  llvm::ArrayRef<InterfaceMethod> getMethods() const { return Methods; }
  unsigned getNumMethods() const { return Methods.size(); }
  bool isEmpty() const { return Methods.empty(); }
  /// Index of method Name visible from package From (any, if null), or -1.
  int findMethod(llvm::StringRef Name, const Package *From = nullptr) const;
  /// The sugared empty interface spelled `any`.
  bool isAnyAlias() const { return AnyAlias; }

  /// Constraints: a type set `~int | string` (empty: all types) and
  /// `comparable`. Such an interface is only a constraint, never the type
  /// of a value.
  struct Term {
    bool Tilde;
    Type *Ty;
  };
  llvm::ArrayRef<Term> getTerms() const { return Terms; }
  bool isComparableConstraint() const { return Comparable; }
  bool isConstraintOnly() const { return !Terms.empty() || Comparable; }
  static bool classof(const Type *T) { return T->getKind() == Interface; }

private:
  friend class TypeContext;
  InterfaceType(std::vector<InterfaceMethod> Methods, bool AnyAlias)
      : Type(Interface), Methods(std::move(Methods)), AnyAlias(AnyAlias) {}
  std::vector<InterfaceMethod> Methods;
  bool AnyAlias;
  std::vector<Term> Terms;
  bool Comparable = false;
};

/// A type parameter of a generic function (see Type::TypeParam).
class TypeParamType : public Type {
public:
  llvm::StringRef getName() const { return Name; }
  unsigned getIndex() const { return Index; }
  InterfaceType *getConstraint() const { return Constraint; }
  void setConstraint(InterfaceType *C) { Constraint = C; }
  static bool classof(const Type *T) { return T->getKind() == TypeParam; }

private:
  friend class TypeContext;
  TypeParamType(llvm::StringRef Name, unsigned Index)
      : Type(TypeParam), Name(Name.str()), Index(Index) {}
  std::string Name;
  unsigned Index;
  InterfaceType *Constraint = nullptr;
};

/// Creates, owns and uniques types.
class TypeContext {
public:
  TypeContext();
  ~TypeContext();
  TypeContext(const TypeContext &) = delete;
  TypeContext &operator=(const TypeContext &) = delete;

  BasicType *getBasic(Type::Kind K) { return Basics[K]; }
  BasicType *getBoolType() { return getBasic(Type::Bool); }
  BasicType *getIntType() { return getBasic(Type::Int); }
  BasicType *getStringType() { return getBasic(Type::String); }
  BasicType *getInvalidType() { return getBasic(Type::Invalid); }
  /// The aliases byte and rune: sugared uint8 and int32.
  BasicType *getByteType() { return Byte; }
  BasicType *getRuneType() { return Rune; }

  PointerType *getPointer(Type *Elem);
  SliceType *getSlice(Type *Elem);
  ArrayType *getArray(Type *Elem, uint64_t Len);
  MapType *getMap(Type *Key, Type *Value);
  ChanType *getChan(Type *Elem, ChanType::Dir D);
  StructType *getStruct(std::vector<StructField> Fields);
  TupleType *getTuple(std::vector<Type *> Elems);
  SignatureType *getSignature(std::vector<Type *> Params, TupleType *Results,
                              bool Variadic,
                              std::vector<std::string> ParamNames = {},
                              std::vector<std::string> ResultNames = {});
  /// The interface type with these methods (sorted and uniqued here).
  InterfaceType *getInterface(std::vector<InterfaceMethod> Methods);
  InterfaceType *getEmptyInterface() const { return EmptyInterface; }
  /// A constraint with a type set or `comparable` (never uniqued).
  InterfaceType *createConstraint(std::vector<InterfaceMethod> Methods,
                                  std::vector<InterfaceType::Term> Terms,
                                  bool Comparable);
  TypeParamType *createTypeParam(llvm::StringRef Name, unsigned Index);
  /// `any`: the empty interface, spelled so in messages.
  InterfaceType *getAnyType() { return AnyAlias; }
  /// The predeclared `error` (set up by Sema's universe).
  NamedType *getErrorType() const { return ErrorType; }
  void setErrorType(NamedType *T) { ErrorType = T; }
  /// Types of the packages built into gmc (fmt.Stringer), one per program
  /// although each package's Sema declares them.
  NamedType *getPackageType(llvm::StringRef QualifiedName) const {
    auto It = PackageTypes.find(QualifiedName.str());
    return It == PackageTypes.end() ? nullptr : It->second;
  }
  void addPackageType(NamedType *T) { PackageTypes[T->getName().str()] = T; }
  /// Never uniqued: each call makes a distinct defined type.
  NamedType *createNamed(llvm::StringRef Name, TypeDecl *Decl);

private:
  /// Links a new composite to its canonical form when built from sugar.
  template <typename T> T *own(T *New, Type *Canonical);

  BasicType *Basics[Type::LastBasic + 1];
  BasicType *Byte, *Rune;
  InterfaceType *EmptyInterface, *AnyAlias;
  NamedType *ErrorType = nullptr;
  std::map<std::string, NamedType *> PackageTypes;
  std::vector<std::unique_ptr<Type>> Owned;
  std::map<Type *, PointerType *> Pointers;
  std::map<Type *, SliceType *> Slices;
  std::map<std::pair<Type *, uint64_t>, ArrayType *> Arrays;
  std::map<std::pair<Type *, Type *>, MapType *> Maps;
  std::map<std::pair<Type *, int>, ChanType *> Chans;
  std::map<std::vector<StructField>, StructType *> Structs;
  std::map<std::vector<Type *>, TupleType *> Tuples;
  std::map<std::tuple<std::vector<Type *>, TupleType *, bool,
                      std::vector<std::string>, std::vector<std::string>>,
           SignatureType *>
      Signatures;
  std::map<std::vector<std::tuple<std::string, const Package *, Type *>>,
           InterfaceType *>
      Interfaces;
};

/// Prints T exactly as Go's %T verb does: "main.T", "[]int",
/// "map[string]int", "*main.T", "[3]int", "struct { A int; B string }".
/// A sugared type prints its alias names ("[]byte"); %T, which IR
/// generation prints, only ever sees canonical types.
/// Untyped kinds print as Go's checker names them ("untyped int"). With
/// Qualify false, defined types print unqualified ("T"), as Go's compiler
/// prints them in messages about the package being compiled.
std::string typeString(const Type *T, bool Qualify = true);

/// The default type of an untyped constant kind (int, rune->int32, float64,
/// string, bool); T itself for typed kinds.
Type *defaultType(TypeContext &Ctx, Type *T);

/// Go's gc layout on amd64, as unsafe.Sizeof, Alignof and Offsetof report it:
/// fields at their alignment, a struct's size rounded up to its alignment,
/// and a struct ending in a zero-size field one byte longer (gc does not let
/// a pointer to that field point past the struct).
uint64_t goSizeof(const Type *T);
uint64_t goAlignof(const Type *T);
uint64_t goOffsetof(const StructType *S, unsigned Field);

/// Whether nil is a value of T: pointers, slices, maps, channels, functions
/// and interfaces.
inline bool hasNilValue(const Type *T) {
  T = T->getUnderlying();
  return llvm::isa<PointerType, SliceType, MapType, ChanType, SignatureType,
                   InterfaceType>(T);
}

/// Go's comparability (== and !=): not slices, maps or funcs, and arrays and
/// structs only of comparable elements.
bool isComparable(const Type *T);
/// A value of at most this many bytes is stored in an interface's data word
/// itself, a larger one boxed (the runtime's TypeDirectIface; IRGen checks
/// the two bounds agree). Escape analysis decides where boxes live with it.
inline constexpr uint64_t InterfaceWordBytes = 8;
inline bool fitsInInterfaceWord(const Type *T) {
  return goSizeof(T) <= InterfaceWordBytes;
}

/// Whether T is a valid map key type (comparable and not untyped).
inline bool isValidMapKey(const Type *T) { return isComparable(T); }
/// Identity, assignability and convertibility accept sugared types and
/// answer for their canonical forms.
bool isIdentical(const Type *A, const Type *B);
/// Go's assignability of a value of type V to a variable of type T. For
/// untyped constants this only checks the kinds; representability of the
/// value is checked separately (see ConstantValue::representable).
bool isAssignableTo(const Type *V, const Type *T);
/// Go's conversion rules T(x) for a non-constant x of type V.
bool isConvertible(const Type *V, const Type *T);

/// Why a type does not implement an interface (Go's missingMethod).
struct MissingMethod {
  enum Kind { None, Missing, PointerReceiver, WrongType };
  Kind K = None;
  /// The interface's method concerned.
  const InterfaceMethod *Want = nullptr;
  /// WrongType: the signature V has instead.
  const Type *Have = nullptr;
  explicit operator bool() const { return K != None; }
};
/// Go's "T satisfies C": T implements C's methods, is in its type set and,
/// for comparable, is comparable. Why not, in Go's words, in Reason.
/// CName is the constraint as the program names it (for the message).
bool satisfies(const Type *T, const InterfaceType *C, const Type *CName,
               std::string &Reason);

/// The first method of I (by name) that V's method set lacks, if any.
MissingMethod findMissingMethod(const Type *V, const InterfaceType *I);
inline bool implements(const Type *V, const InterfaceType *I) {
  return !findMissingMethod(V, I);
}

} // namespace gm::lang

#endif // GM_LANG_AST_TYPE_H
