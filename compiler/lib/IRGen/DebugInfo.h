//===- DebugInfo.h - DWARF for gm programs ----------------------*- C++ -*-===//
//
// Every function gets a DISubprogram and every instruction a DILocation, so
// that optimisation remarks and backtraces point at .gm lines. Without -g the
// compile unit is NoDebug (locations are tracked, no DWARF is emitted); with
// -g it is FullDebug and locals and parameters are described with their
// types, so gdb can `break file.gm:12`, `next` and `print x`.
//
//===----------------------------------------------------------------------===//

#ifndef GM_IRGEN_DEBUGINFO_H
#define GM_IRGEN_DEBUGINFO_H

#include "IRGenModule.h"

namespace gm::irgen {

class DebugInfo {
public:
  explicit DebugInfo(IRGenModule &IGM);
  void finalize();

  bool isFull() const { return Full; }

  llvm::DISubprogram *createFunction(llvm::Function *Fn,
                                     const lang::FuncDecl *FD,
                                     llvm::StringRef Name, llvm::SMLoc Loc,
                                     bool Artificial);
  llvm::DILocation *getLocation(llvm::SMLoc Loc, llvm::DIScope *Scope);
  /// Describes a local or parameter living at Addr (Indirect: Addr holds a
  /// pointer to the variable).
  void declareVariable(llvm::IRBuilder<> &B, llvm::Value *Addr,
                       const lang::VarDecl *VD, llvm::DIScope *Scope,
                       unsigned ArgNo, bool Indirect);
  llvm::DIType *getType(const lang::Type *T);

private:
  /// The file of FD's package (the main file for null).
  llvm::DIFile *getFile(const lang::FuncDecl *FD);

  IRGenModule &IGM;
  bool Full;
  llvm::DIBuilder DIB;
  llvm::DIFile *File;
  llvm::DICompileUnit *CU;
  llvm::DenseMap<const lang::Type *, llvm::DIType *> Types;
  llvm::DenseMap<const lang::Package *, llvm::DIFile *> LibraryFiles;
};

} // namespace gm::irgen

#endif // GM_IRGEN_DEBUGINFO_H
