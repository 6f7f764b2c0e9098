//===- Lookup.cpp - Go's field and method lookup --------------------------===//

#include "gm/lang/AST/Lookup.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

using namespace gm::lang;

Selection gm::lang::lookupFieldOrMethod(const Type *T, llvm::StringRef Name,
                                        const Package *From) {
  // Another package's unexported names are invisible, as if absent.
  bool Restricted = From && !isExportedName(Name);
  // One type to search at the current depth.
  struct Entry {
    const Type *T;
    bool IsPtr;    // the value of type T is reached through a pointer to it
    bool Indirect; // some pointer was followed on the way here
    bool Multiple; // reached by several paths at this depth
    llvm::SmallVector<FieldStep, 2> Path;
  };
  bool IsPtr = false;
  if (auto *P = llvm::dyn_cast<PointerType>(T)) {
    T = P->getElement();
    IsPtr = true;
  }
  Selection R;
  if (llvm::isa<PointerType>(T->getUnderlying()))
    return R;
  std::vector<Entry> Current = {{T, IsPtr, IsPtr, false, {}}};
  llvm::SmallPtrSet<const Type *, 8> Seen;
  while (!Current.empty()) {
    std::vector<Entry> Next;
    unsigned Found = 0;
    for (Entry &E : Current) {
      // An interface's methods (x's own type, or an embedded field's); a
      // pointer to an interface has none.
      if (auto *I = llvm::dyn_cast<InterfaceType>(E.T->getUnderlying())) {
        int Index = I->findMethod(Name, Restricted ? From : nullptr);
        if (Index >= 0 && !E.IsPtr) {
          Found += E.Multiple ? 2 : 1;
          R.K = Selection::InterfaceMethod;
          R.Iface = I;
          R.MethodIndex = unsigned(Index);
          R.Path = E.Path;
          R.Indirect = E.Indirect;
        }
        if (llvm::isa<NamedType>(E.T))
          Seen.insert(E.T);
        continue;
      }
      if (auto *N = llvm::dyn_cast<NamedType>(E.T)) {
        if (!Seen.insert(N).second)
          continue; // Already searched, at a shallower depth.
        FuncDecl *M = N->findMethod(Name);
        if (M && Restricted && M->getPackage() != From)
          M = nullptr;
        if (M) {
          Found += E.Multiple ? 2 : 1;
          R.K = Selection::Method;
          R.M = M;
          R.Path = E.Path;
          R.HolderIsPointer = E.IsPtr;
          R.Indirect = E.Indirect;
          continue;
        }
      }
      // Field types as written, for messages; paths do not depend on it.
      auto *ST = llvm::dyn_cast<StructType>(E.T->getUnderlyingAsWritten());
      if (!ST)
        continue;
      for (unsigned I = 0; I < ST->getNumFields(); ++I) {
        const StructField &F = ST->getField(I);
        if (F.Name == Name && !(Restricted && F.Pkg != From)) {
          Found += E.Multiple ? 2 : 1;
          R.K = Selection::Field;
          R.Path = E.Path;
          R.Path.push_back({I, E.IsPtr});
          R.FieldTy = F.Ty;
          R.Indirect = E.Indirect;
          continue;
        }
        if (!F.Embedded)
          continue;
        Entry NE{F.Ty, false, E.Indirect, E.Multiple, E.Path};
        NE.Path.push_back({I, E.IsPtr});
        if (auto *P = llvm::dyn_cast<PointerType>(F.Ty)) {
          NE.T = P->getElement();
          NE.IsPtr = NE.Indirect = true;
        }
        // One named type embedded twice at this depth: its members are
        // reached by two paths, so selecting one is ambiguous.
        auto Dup = llvm::find_if(Next, [&](const Entry &X) {
          return X.T == NE.T && llvm::isa<NamedType>(NE.T);
        });
        if (Dup != Next.end())
          Dup->Multiple = true;
        else
          Next.push_back(std::move(NE));
      }
    }
    if (Found == 1)
      return R;
    if (Found > 1) {
      Selection Amb;
      Amb.K = Selection::Ambiguous;
      return Amb;
    }
    Current = std::move(Next);
  }
  return Selection();
}

MissingMethod gm::lang::findMissingMethod(const Type *V,
                                          const InterfaceType *I) {
  MissingMethod R;
  for (const InterfaceMethod &Want : I->getMethods()) {
    Selection Sel = lookupFieldOrMethod(V, Want.Name, Want.Pkg);
    const Type *Have = nullptr;
    bool PtrRecv = false;
    // As written (byte, parameter names), for "have M(p []byte) int".
    if (Sel.K == Selection::Method) {
      Have = Sel.M->getTypeAsWritten();
      PtrRecv = Sel.M->hasPointerReceiver() && !Sel.Indirect;
    } else if (Sel.K == Selection::InterfaceMethod) {
      Have = Sel.Iface->getMethods()[Sel.MethodIndex].SigAsWritten;
    }
    R.Want = &Want;
    if (!Have) {
      R.K = MissingMethod::Missing;
      return R;
    }
    if (Have->getCanonical() != Want.Sig->getCanonical()) {
      R.K = MissingMethod::WrongType;
      R.Have = Have;
      return R;
    }
    if (PtrRecv) {
      R.K = MissingMethod::PointerReceiver;
      return R;
    }
  }
  return MissingMethod();
}
