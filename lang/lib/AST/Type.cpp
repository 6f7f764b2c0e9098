//===- Type.cpp - gm types ------------------------------------------------===//

#include "gm/lang/AST/Type.h"
#include "gm/lang/AST/AST.h"
#include <algorithm>

using namespace gm::lang;

const Type *Type::getUnderlying() const {
  const Type *T = this;
  // A named type's underlying type is never named (Sema resolves chains).
  if (auto *N = llvm::dyn_cast<NamedType>(T))
    return N->getUnderlyingType() ? N->getUnderlyingType() : T;
  return T;
}

Type *Type::getUnderlying() {
  return const_cast<Type *>(static_cast<const Type *>(this)->getUnderlying());
}

const Type *Type::getUnderlyingAsWritten() const {
  if (auto *N = llvm::dyn_cast<NamedType>(this))
    return N->getUnderlyingTypeAsWritten() ? N->getUnderlyingTypeAsWritten()
                                           : this;
  return this;
}

Type *Type::getUnderlyingAsWritten() {
  return const_cast<Type *>(
      static_cast<const Type *>(this)->getUnderlyingAsWritten());
}

bool Type::isBoolean() const {
  Kind U = getUnderlying()->K;
  return U == Bool || U == UntypedBool;
}

bool Type::isInteger() const {
  Kind U = getUnderlying()->K;
  return (U >= Int && U <= Uintptr) || U == UntypedInt || U == UntypedRune;
}

bool Type::isUnsigned() const {
  Kind U = getUnderlying()->K;
  return U >= Uint && U <= Uintptr;
}

bool Type::isFloat() const {
  Kind U = getUnderlying()->K;
  return U == Float32 || U == Float64 || U == UntypedFloat;
}

bool Type::isNumeric() const { return isInteger() || isFloat(); }

bool Type::isString() const {
  Kind U = getUnderlying()->K;
  return U == String || U == UntypedString;
}

bool Type::isUntyped() const { return K >= UntypedBool && K <= UntypedNil; }

bool Type::isOrdered() const { return isNumeric() || isString(); }

unsigned Type::getBitWidth() const {
  switch (getUnderlying()->K) {
  case Int8:
  case Uint8:
    return 8;
  case Int16:
  case Uint16:
    return 16;
  case Int32:
  case Uint32:
  case Float32:
    return 32;
  default:
    return 64;
  }
}

bool StructField::operator<(const StructField &O) const {
  if (Name != O.Name)
    return Name < O.Name;
  if (Ty != O.Ty)
    return std::less<Type *>()(Ty, O.Ty);
  if (Pkg != O.Pkg)
    return std::less<const Package *>()(Pkg, O.Pkg);
  return Embedded < O.Embedded;
}

int StructType::findField(llvm::StringRef Name) const {
  for (unsigned I = 0, E = Fields.size(); I != E; ++I)
    if (Fields[I].Name == Name)
      return I;
  return -1;
}

std::string NamedType::getQualifiedName() const {
  // Go's %T qualifies package-level and local defined types alike. Types of
  // an imported package (runtime.Stats) carry their qualifier in Name.
  // The universe's error has no package.
  // (An instance's name, List[main.T], has dots only in its arguments.)
  if (llvm::StringRef(Name).split('[').first.contains('.') || !Decl)
    return Name;
  const Package *P = Decl ? Decl->getPackage() : nullptr;
  return (P ? P->getName() : llvm::StringRef("main")).str() + "." + Name;
}

FuncDecl *NamedType::findMethod(llvm::StringRef N) const {
  for (FuncDecl *M : Methods)
    if (M->getName() == N)
      return M;
  return nullptr;
}

TypeContext::TypeContext() {
  static const char *const Names[] = {
      "bool",        "int",          "int8",          "int16",
      "int32",       "int64",        "uint",          "uint8",
      "uint16",      "uint32",       "uint64",        "uintptr",
      "float32",     "float64",      "string",        "untyped bool",
      "untyped int", "untyped rune", "untyped float", "untyped string",
      "untyped nil", "invalid type"};
  static_assert(sizeof(Names) / sizeof(Names[0]) == Type::LastBasic + 1,
                "one name per basic kind");
  for (unsigned K = 0; K <= Type::LastBasic; ++K) {
    auto *B = new BasicType(Type::Kind(K), Names[K]);
    Owned.emplace_back(B);
    Basics[K] = B;
  }
  Byte = new BasicType(Type::Uint8, "byte");
  Byte->Canonical = Basics[Type::Uint8];
  Owned.emplace_back(Byte);
  Rune = new BasicType(Type::Int32, "rune");
  Rune->Canonical = Basics[Type::Int32];
  Owned.emplace_back(Rune);
  EmptyInterface = getInterface({});
  AnyAlias = new InterfaceType({}, /*AnyAlias=*/true);
  AnyAlias->Canonical = EmptyInterface;
  Owned.emplace_back(AnyAlias);
}

template <typename T> T *TypeContext::own(T *New, Type *Canonical) {
  Owned.emplace_back(New);
  if (Canonical != New)
    New->Canonical = Canonical;
  return New;
}

TypeContext::~TypeContext() = default;

// Each constructor uniques on the components as given, so []byte and
// []uint8 are distinct objects; the sugared one points at the canonical one.
// The canonical form is computed before the slot is taken: building it may
// insert into the same map.

PointerType *TypeContext::getPointer(Type *Elem) {
  auto It = Pointers.find(Elem);
  if (It != Pointers.end())
    return It->second;
  Type *C = Elem->isCanonical() ? nullptr : getPointer(Elem->getCanonical());
  auto *P = new PointerType(Elem);
  Pointers[Elem] = P;
  return own(P, C ? C : P);
}

SliceType *TypeContext::getSlice(Type *Elem) {
  auto It = Slices.find(Elem);
  if (It != Slices.end())
    return It->second;
  Type *C = Elem->isCanonical() ? nullptr : getSlice(Elem->getCanonical());
  auto *P = new SliceType(Elem);
  Slices[Elem] = P;
  return own(P, C ? C : P);
}

ArrayType *TypeContext::getArray(Type *Elem, uint64_t Len) {
  auto It = Arrays.find({Elem, Len});
  if (It != Arrays.end())
    return It->second;
  Type *C = Elem->isCanonical() ? nullptr : getArray(Elem->getCanonical(), Len);
  auto *P = new ArrayType(Elem, Len);
  Arrays[{Elem, Len}] = P;
  return own(P, C ? C : P);
}

MapType *TypeContext::getMap(Type *Key, Type *Value) {
  auto It = Maps.find({Key, Value});
  if (It != Maps.end())
    return It->second;
  Type *C = Key->isCanonical() && Value->isCanonical()
                ? nullptr
                : getMap(Key->getCanonical(), Value->getCanonical());
  auto *P = new MapType(Key, Value);
  Maps[{Key, Value}] = P;
  return own(P, C ? C : P);
}

ChanType *TypeContext::getChan(Type *Elem, ChanType::Dir D) {
  auto It = Chans.find({Elem, D});
  if (It != Chans.end())
    return It->second;
  Type *C = Elem->isCanonical() ? nullptr : getChan(Elem->getCanonical(), D);
  auto *P = new ChanType(Elem, D);
  Chans[{Elem, D}] = P;
  return own(P, C ? C : P);
}

static bool allCanonical(llvm::ArrayRef<Type *> Types) {
  for (Type *T : Types)
    if (T && !T->isCanonical())
      return false;
  return true;
}

static std::vector<Type *> canonicalOf(llvm::ArrayRef<Type *> Types) {
  std::vector<Type *> Out;
  for (Type *T : Types)
    Out.push_back(T ? T->getCanonical() : T);
  return Out;
}

StructType *TypeContext::getStruct(std::vector<StructField> Fields) {
  auto It = Structs.find(Fields);
  if (It != Structs.end())
    return It->second;
  Type *C = nullptr;
  std::vector<StructField> CFields = Fields;
  bool Sugared = false;
  for (StructField &F : CFields)
    if (F.Ty && !F.Ty->isCanonical()) {
      F.Ty = F.Ty->getCanonical();
      Sugared = true;
    }
  if (Sugared)
    C = getStruct(std::move(CFields));
  auto *P = new StructType(Fields);
  Structs[std::move(Fields)] = P;
  return own(P, C ? C : P);
}

TupleType *TypeContext::getTuple(std::vector<Type *> Elems) {
  auto It = Tuples.find(Elems);
  if (It != Tuples.end())
    return It->second;
  Type *C = allCanonical(Elems) ? nullptr : getTuple(canonicalOf(Elems));
  auto *P = new TupleType(Elems);
  Tuples[std::move(Elems)] = P;
  return own(P, C ? C : P);
}

SignatureType *TypeContext::getSignature(std::vector<Type *> Params,
                                         TupleType *Results, bool Variadic,
                                         std::vector<std::string> ParamNames,
                                         std::vector<std::string> ResultNames) {
  auto Key =
      std::make_tuple(Params, Results, Variadic, ParamNames, ResultNames);
  auto It = Signatures.find(Key);
  if (It != Signatures.end())
    return It->second;
  Type *C = nullptr;
  if (!allCanonical(Params) || (Results && !Results->isCanonical()) ||
      !ParamNames.empty() || !ResultNames.empty())
    C = getSignature(canonicalOf(Params),
                     Results ? llvm::cast<TupleType>(Results->getCanonical())
                             : Results,
                     Variadic);
  auto *P = new SignatureType(std::move(Params), Results, Variadic,
                              std::move(ParamNames), std::move(ResultNames));
  Signatures[std::move(Key)] = P;
  return own(P, C ? C : P);
}

bool InterfaceMethod::operator<(const InterfaceMethod &O) const {
  if (Name != O.Name)
    return Name < O.Name;
  return std::less<const Package *>()(Pkg, O.Pkg);
}

int InterfaceType::findMethod(llvm::StringRef Name, const Package *From) const {
  bool Restricted = From && !isExportedName(Name);
  for (unsigned I = 0, E = Methods.size(); I != E; ++I)
    if (Methods[I].Name == Name && !(Restricted && Methods[I].Pkg != From))
      return I;
  return -1;
}

InterfaceType *TypeContext::getInterface(std::vector<InterfaceMethod> Methods) {
  std::sort(Methods.begin(), Methods.end());
  std::vector<std::tuple<std::string, const Package *, Type *>> Key;
  for (InterfaceMethod &M : Methods) {
    M.Sig = llvm::cast<SignatureType>(M.Sig->getCanonical());
    if (!M.SigAsWritten)
      M.SigAsWritten = M.Sig;
    Key.emplace_back(M.Name, M.Pkg, M.Sig);
  }
  auto It = Interfaces.find(Key);
  if (It != Interfaces.end())
    return It->second;
  auto *I = new InterfaceType(std::move(Methods), /*AnyAlias=*/false);
  Interfaces[std::move(Key)] = I;
  Owned.emplace_back(I);
  return I;
}

InterfaceType *
TypeContext::createConstraint(std::vector<InterfaceMethod> Methods,
                              std::vector<InterfaceType::Term> Terms,
                              bool Comparable) {
  std::sort(Methods.begin(), Methods.end());
  for (InterfaceMethod &M : Methods) {
    M.Sig = llvm::cast<SignatureType>(M.Sig->getCanonical());
    if (!M.SigAsWritten)
      M.SigAsWritten = M.Sig;
  }
  auto *I = new InterfaceType(std::move(Methods), /*AnyAlias=*/false);
  I->Terms = std::move(Terms);
  I->Comparable = Comparable;
  Owned.emplace_back(I);
  return I;
}

TypeParamType *TypeContext::createTypeParam(llvm::StringRef Name,
                                            unsigned Index) {
  auto *T = new TypeParamType(Name, Index);
  Owned.emplace_back(T);
  return T;
}

NamedType *TypeContext::createNamed(llvm::StringRef Name, TypeDecl *Decl) {
  auto *N = new NamedType(Name, Decl);
  Owned.emplace_back(N);
  return N;
}

static void printType(const Type *T, std::string &Out, unsigned Depth, bool Q) {
  if (!T) {
    Out += "<nil>";
    return;
  }
  // %T prints uint8 for byte, as Go's reflection does.
  if (Q)
    T = T->getCanonical();
  if (Depth > 64) {
    Out += "...";
    return;
  }
  switch (T->getKind()) {
  case Type::Pointer:
    Out += '*';
    printType(llvm::cast<PointerType>(T)->getElement(), Out, Depth + 1, Q);
    return;
  case Type::Slice:
    Out += "[]";
    printType(llvm::cast<SliceType>(T)->getElement(), Out, Depth + 1, Q);
    return;
  case Type::Array: {
    auto *A = llvm::cast<ArrayType>(T);
    Out += '[';
    Out += std::to_string(A->getLength());
    Out += ']';
    printType(A->getElement(), Out, Depth + 1, Q);
    return;
  }
  case Type::Map: {
    auto *M = llvm::cast<MapType>(T);
    Out += "map[";
    printType(M->getKey(), Out, Depth + 1, Q);
    Out += ']';
    printType(M->getValue(), Out, Depth + 1, Q);
    return;
  }
  case Type::Chan: {
    // As Go prints them: `chan (<-chan int)` needs its parentheses, which
    // `chan<- chan int` and `<-chan <-chan int` do not.
    auto *C = llvm::cast<ChanType>(T);
    auto *EC = llvm::dyn_cast<ChanType>(C->getElement());
    bool Parens = C->getDir() == ChanType::Both && EC &&
                  EC->getDir() == ChanType::RecvOnly;
    Out += C->getDir() == ChanType::SendOnly   ? "chan<- "
           : C->getDir() == ChanType::RecvOnly ? "<-chan "
                                               : "chan ";
    if (Parens)
      Out += '(';
    printType(C->getElement(), Out, Depth + 1, Q);
    if (Parens)
      Out += ')';
    return;
  }
  case Type::Struct: {
    auto *S = llvm::cast<StructType>(T);
    if (S->getNumFields() == 0) {
      Out += "struct {}";
      return;
    }
    Out += "struct { ";
    bool First = true;
    for (const StructField &F : S->getFields()) {
      if (!First)
        Out += "; ";
      First = false;
      if (!F.Embedded) {
        Out += F.Name;
        Out += ' ';
      }
      printType(F.Ty, Out, Depth + 1, Q);
    }
    Out += " }";
    return;
  }
  case Type::Named: {
    // Messages name the main package's types bare and others' qualified
    // (strings.Builder), as Go does in package main.
    auto *N = llvm::cast<NamedType>(T);
    const Package *P = N->getDecl() ? N->getDecl()->getPackage() : nullptr;
    Out += (Q || (P && !P->isMain())) && N->getDecl() ? N->getQualifiedName()
                                                      : N->getName().str();
    return;
  }
  case Type::Tuple: {
    auto *Tu = llvm::cast<TupleType>(T);
    Out += '(';
    for (unsigned I = 0; I < Tu->size(); ++I) {
      if (I)
        Out += ", ";
      printType(Tu->getElement(I), Out, Depth + 1, Q);
    }
    Out += ')';
    return;
  }
  case Type::Signature: {
    auto *S = llvm::cast<SignatureType>(T);
    Out += "func(";
    auto Params = S->getParams();
    auto Names = S->getParamNames();
    for (unsigned I = 0; I < Params.size(); ++I) {
      if (I)
        Out += ", ";
      if (I < Names.size())
        Out += Names[I] + " ";
      if (S->isVariadic() && I + 1 == Params.size()) {
        Out += "...";
        if (auto *Sl = llvm::dyn_cast<SliceType>(Params[I]))
          printType(Sl->getElement(), Out, Depth + 1, Q);
        continue;
      }
      printType(Params[I], Out, Depth + 1, Q);
    }
    Out += ')';
    TupleType *R = S->getResults();
    auto RNames = S->getResultNames();
    if (!RNames.empty() && R) {
      Out += " (";
      for (unsigned I = 0; I < R->size(); ++I) {
        Out += (I ? ", " : "") + RNames[I] + " ";
        printType(R->getElement(I), Out, Depth + 1, Q);
      }
      Out += ')';
    } else if (R && R->size() == 1) {
      Out += ' ';
      printType(R->getElement(0), Out, Depth + 1, Q);
    } else if (R && R->size() > 1) {
      Out += ' ';
      printType(R, Out, Depth + 1, Q);
    }
    return;
  }
  case Type::TypeParam:
    Out += llvm::cast<TypeParamType>(T)->getName();
    return;
  case Type::Interface: {
    auto *I = llvm::cast<InterfaceType>(T);
    if (I->isAnyAlias()) {
      Out += "any";
      return;
    }
    if (I->isConstraintOnly() && I->getMethods().empty()) {
      // As Go prints a constraint: comparable, ~int | string.
      if (I->isComparableConstraint() && I->getTerms().empty()) {
        Out += "comparable";
        return;
      }
      bool First = true;
      for (const InterfaceType::Term &Tm : I->getTerms()) {
        if (!First)
          Out += " | ";
        First = false;
        if (Tm.Tilde)
          Out += '~';
        printType(Tm.Ty, Out, Depth + 1, Q);
      }
      return;
    }
    if (I->isEmpty()) {
      Out += "interface {}";
      return;
    }
    Out += "interface { ";
    bool First = true;
    for (const InterfaceMethod &M : I->getMethods()) {
      if (!First)
        Out += "; ";
      First = false;
      Out += M.Name;
      // The signature without its "func".
      std::string Sig;
      printType(Q ? M.Sig : M.SigAsWritten, Sig, Depth + 1, Q);
      Out += llvm::StringRef(Sig).drop_front(4).str();
    }
    Out += " }";
    return;
  }
  default:
    Out += llvm::cast<BasicType>(T)->getName();
    return;
  }
}

std::string gm::lang::typeString(const Type *T, bool Qualify) {
  std::string Out;
  printType(T, Out, 0, Qualify);
  return Out;
}

Type *gm::lang::defaultType(TypeContext &Ctx, Type *T) {
  switch (T->getKind()) {
  case Type::UntypedBool:
    return Ctx.getBasic(Type::Bool);
  case Type::UntypedInt:
    return Ctx.getBasic(Type::Int);
  case Type::UntypedRune:
    return Ctx.getBasic(Type::Int32);
  case Type::UntypedFloat:
    return Ctx.getBasic(Type::Float64);
  case Type::UntypedString:
    return Ctx.getBasic(Type::String);
  default:
    return T;
  }
}

static bool isComparableImpl(const Type *T, unsigned Depth) {
  if (Depth > 100)
    return true;
  const Type *U = T->getUnderlying();
  switch (U->getKind()) {
  case Type::Slice:
  case Type::Map:
  case Type::Signature:
  case Type::Tuple:
  case Type::Invalid:
    return false;
  case Type::Array:
    return isComparableImpl(llvm::cast<ArrayType>(U)->getElement(), Depth + 1);
  case Type::Struct:
    for (const StructField &F : llvm::cast<StructType>(U)->getFields())
      if (!isComparableImpl(F.Ty, Depth + 1))
        return false;
    return true;
  default:
    return true;
  }
}

bool gm::lang::isComparable(const Type *T) { return isComparableImpl(T, 0); }

bool gm::lang::isIdentical(const Type *A, const Type *B) {
  return A->getCanonical() == B->getCanonical();
}

bool gm::lang::isAssignableTo(const Type *V, const Type *T) {
  V = V->getCanonical();
  T = T->getCanonical();
  if (V == T)
    return true;
  if (V->isInvalid() || T->isInvalid())
    return true; // already diagnosed
  const Type *VU = V->getUnderlying(), *TU = T->getUnderlying();
  if (auto *I = llvm::dyn_cast<InterfaceType>(TU)) {
    // Untyped constants convert to their default type first; nil is the
    // nil interface.
    if (V->getKind() == Type::UntypedNil)
      return true;
    if (V->isUntyped()) {
      return I->isEmpty(); // no basic type has methods
    }
    return implements(V, I);
  }
  if (V->isUntyped()) {
    switch (V->getKind()) {
    case Type::UntypedNil:
      return hasNilValue(TU);
    case Type::UntypedBool:
      return TU->isBoolean();
    case Type::UntypedString:
      return TU->getKind() == Type::String;
    default: // numeric: representability is checked on the value
      return TU->isNumeric() && !TU->isUntyped();
    }
  }
  // Identical underlying types and at least one of them not named.
  if (VU == TU && (!llvm::isa<NamedType>(V) || !llvm::isa<NamedType>(T)))
    return true;
  // A bidirectional channel to a channel type with an identical element,
  // at least one of the two not named.
  if (auto *VC = llvm::dyn_cast<ChanType>(VU))
    if (auto *TC = llvm::dyn_cast<ChanType>(TU))
      return VC->getDir() == ChanType::Both &&
             VC->getElement() == TC->getElement() &&
             (!llvm::isa<NamedType>(V) || !llvm::isa<NamedType>(T));
  return false;
}

bool gm::lang::isConvertible(const Type *V, const Type *T) {
  V = V->getCanonical();
  T = T->getCanonical();
  if (isAssignableTo(V, T))
    return true;
  const Type *VU = V->getUnderlying(), *TU = T->getUnderlying();
  if (VU == TU)
    return true;
  // Unnamed pointer types with identical base underlying types.
  if (auto *VP = llvm::dyn_cast<PointerType>(V))
    if (auto *TP = llvm::dyn_cast<PointerType>(T))
      if (VP->getElement()->getUnderlying() ==
          TP->getElement()->getUnderlying())
        return true;
  if (VU->isNumeric() && TU->isNumeric())
    return true;
  // Go 1.17: a slice to a pointer to an array of its element type.
  if (auto *S = llvm::dyn_cast<SliceType>(VU))
    if (auto *P = llvm::dyn_cast<PointerType>(TU))
      if (auto *A = llvm::dyn_cast<ArrayType>(P->getElement()->getUnderlying()))
        return isIdentical(S->getElement(), A->getElement());
  if (TU->getKind() == Type::String) {
    if (VU->isInteger())
      return true;
    if (auto *S = llvm::dyn_cast<SliceType>(VU)) {
      Type::Kind EK = S->getElement()->getUnderlying()->getKind();
      return EK == Type::Uint8 || EK == Type::Int32;
    }
  }
  if (VU->isString()) {
    if (auto *S = llvm::dyn_cast<SliceType>(TU)) {
      Type::Kind EK = S->getElement()->getUnderlying()->getKind();
      return EK == Type::Uint8 || EK == Type::Int32;
    }
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Go's gc layout (unsafe.Sizeof, Alignof, Offsetof)
//===----------------------------------------------------------------------===//

static uint64_t roundUp(uint64_t X, uint64_t A) { return (X + A - 1) / A * A; }

uint64_t gm::lang::goAlignof(const Type *T) {
  T = T->getUnderlying();
  if (auto *A = llvm::dyn_cast<ArrayType>(T))
    return goAlignof(A->getElement());
  if (auto *S = llvm::dyn_cast<StructType>(T)) {
    uint64_t Max = 1;
    for (const StructField &F : S->getFields())
      Max = std::max(Max, goAlignof(F.Ty));
    return Max;
  }
  if (llvm::isa<SliceType, InterfaceType>(T) || T->isString())
    return 8;
  // Everything else is aligned to its size, between 1 and the word.
  return std::clamp<uint64_t>(goSizeof(T), 1, 8);
}

uint64_t gm::lang::goOffsetof(const StructType *S, unsigned Field) {
  uint64_t Offset = 0;
  for (unsigned I = 0;; ++I) {
    const Type *FT = S->getField(I).Ty;
    Offset = roundUp(Offset, goAlignof(FT));
    if (I == Field)
      return Offset;
    Offset += goSizeof(FT);
  }
}

uint64_t gm::lang::goSizeof(const Type *T) {
  T = T->getUnderlying();
  switch (T->getKind()) {
  case Type::Bool:
  case Type::Int8:
  case Type::Uint8:
    return 1;
  case Type::Int16:
  case Type::Uint16:
    return 2;
  case Type::Int32:
  case Type::Uint32:
  case Type::Float32:
    return 4;
  case Type::String:
  case Type::Interface:
    return 16;
  case Type::Slice:
    return 24;
  case Type::Array: {
    auto *A = llvm::cast<ArrayType>(T);
    return A->getLength() * goSizeof(A->getElement());
  }
  case Type::Struct: {
    auto *S = llvm::cast<StructType>(T);
    unsigned N = S->getNumFields();
    if (N == 0)
      return 0;
    uint64_t LastOffset = goOffsetof(S, N - 1);
    uint64_t Last = goSizeof(S->getField(N - 1).Ty);
    if (Last == 0 && LastOffset > 0)
      Last = 1;
    return roundUp(LastOffset + Last, goAlignof(S));
  }
  default: // int, uint, uintptr, 64-bit numbers, pointers, maps, funcs
    return 8;
  }
}

bool gm::lang::satisfies(const Type *T, const InterfaceType *C,
                         const Type *CName, std::string &Reason) {
  std::string TS = typeString(T, false);
  std::string CS = typeString(CName, false);
  if (C->isComparableConstraint() && (!isComparable(T) || T->isInterface())) {
    Reason = TS + " does not implement comparable";
    return false;
  }
  if (!C->getTerms().empty()) {
    bool In = false;
    for (const InterfaceType::Term &Tm : C->getTerms())
      if (Tm.Tilde ? isIdentical(T->getUnderlying(), Tm.Ty->getUnderlying())
                   : isIdentical(T, Tm.Ty))
        In = true;
    if (!In) {
      Reason = TS + " does not implement " + CS + " (" + TS + " missing in " +
               typeString(C, false) + ")";
      return false;
    }
  }
  if (MissingMethod MM = findMissingMethod(T, C)) {
    Reason = TS + " does not implement " + CS + " (missing " + MM.Want->Name +
             " method)";
    return false;
  }
  return true;
}
