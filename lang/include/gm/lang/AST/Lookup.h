//===- Lookup.h - Go's field and method lookup ------------------*- C++ -*-===//
//
// What a selector x.Name denotes, given the type of x: the one lookup that
// the type checker (selectors) and IR generation (the Error/String methods
// that fmt calls) share, so that they cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_AST_LOOKUP_H
#define GM_LANG_AST_LOOKUP_H

#include "gm/lang/AST/AST.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace gm::lang {

/// The result of lookupFieldOrMethod.
struct Selection {
  enum Kind { NotFound, Field, Method, InterfaceMethod, Ambiguous };
  Kind K = NotFound;
  /// Field: the embedded fields to the struct holding it, then the field.
  /// Method: the embedded fields to the value holding it. Each step may
  /// first dereference a pointer (FieldStep::Deref), as in
  /// SelectorExpr::path().
  llvm::SmallVector<FieldStep, 2> Path;
  /// Method: the method.
  FuncDecl *M = nullptr;
  /// InterfaceMethod: the interface (x's type, or an embedded field's) and
  /// the index of the method in it; Path leads to the interface value.
  const InterfaceType *Iface = nullptr;
  unsigned MethodIndex = 0;
  /// Field: its type, as written.
  Type *FieldTy = nullptr;
  /// Method: the value holding it is a pointer to the receiver base type.
  bool HolderIsPointer = false;
  /// Some pointer was followed on the way (x itself being one included).
  /// A pointer-receiver method is in the method set of x's type only then.
  bool Indirect = false;
};

/// Go's lookup of Name in a value of type T (go/types' lookupFieldOrMethod):
/// breadth first through embedded fields; a field or method hides deeper
/// ones; two at the same depth, including one type embedded twice, make the
/// selector ambiguous. A defined pointer type (type P *S) has no methods
/// and, in gm, no fields either. An unexported Name matches only the fields
/// and methods of package From (any package, if From is null).
Selection lookupFieldOrMethod(const Type *T, llvm::StringRef Name,
                              const Package *From = nullptr);

} // namespace gm::lang

#endif // GM_LANG_AST_LOOKUP_H
