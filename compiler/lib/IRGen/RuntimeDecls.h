//===- RuntimeDecls.h - LLVM declarations of runtime entry points -*- C++
//-*-===//
//
// Every call gmc emits into the runtime goes through RuntimeDecls: the
// declaration of each entry point is derived from the C++ signature in
// gm/runtime/RuntimeFunctions.def (see RuntimeDecls.cpp), so the IR can never
// drift from what the runtime defines.
//
//===----------------------------------------------------------------------===//

#ifndef GM_IRGEN_RUNTIMEDECLS_H
#define GM_IRGEN_RUNTIMEDECLS_H

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

namespace gm::irgen {

/// One enumerator per GM_RUNTIME_FUNCTION row, named after its C++ name.
enum class RuntimeFn : unsigned {
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props) Name,
#include "gm/runtime/RuntimeFunctions.def"
  NumRuntimeFns
};

/// The symbol ("runtime.mapaccess1_fast64") of an entry point.
llvm::StringRef getRuntimeSymbol(RuntimeFn F);

/// The LLVM type of an abi::StringMethodFn (the String/Error thunks gmc
/// emits for type descriptors), lowered as clang lowers the C++ type.
llvm::FunctionType *getStringMethodType(llvm::LLVMContext &C);

/// Declares runtime entry points in a module on first use.
class RuntimeDecls {
public:
  explicit RuntimeDecls(llvm::Module &M) : M(M) {}

  /// The declaration of F, with its attributes (created on first use).
  llvm::Function *get(RuntimeFn F);

  /// Builds the declaration of F in M (used by get and by unit tests).
  static llvm::Function *declare(llvm::Module &M, RuntimeFn F);

private:
  llvm::Module &M;
  llvm::Function *Cache[unsigned(RuntimeFn::NumRuntimeFns)] = {};
};

} // namespace gm::irgen

#endif // GM_IRGEN_RUNTIMEDECLS_H
