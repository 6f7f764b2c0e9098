//===- gm/IRGen/IRGen.h - Checked gm AST to LLVM IR -------------*- C++ -*-===//
//
// The one entry point of IR generation. The input is a CompilationUnit that
// the front end has checked (parseAndCheck returned it non-null); the output
// is a verified llvm::Module defining `main.init` and `main.main`, which the
// runtime's C main() calls.
//
// IR generation never reports user errors: anything unexpected in the AST is
// an internal compiler error, reported through IRGenResult::Error.
//
//===----------------------------------------------------------------------===//

#ifndef GM_IRGEN_IRGEN_H
#define GM_IRGEN_IRGEN_H

#include "gm/runtime/ABI.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/TargetParser/Triple.h"
#include <memory>
#include <string>

namespace gm::lang {
class CompilationUnit;
} // namespace gm::lang

namespace gm::irgen {

struct IRGenOptions {
  /// Emit DWARF (-g): line tables, subprograms, locals and parameters.
  bool DebugInfo = false;
  /// Recorded in the DICompileUnit (-O1 and above).
  bool Optimized = false;
  /// The main source file as named on the command line.
  std::string MainFileName;
  /// -race: the loads and stores of map slots carry !nosanitize (the map
  /// entry point reports the access, as Go's runtime does).
  bool Race = false;
  /// The map runtime the module is for (gmc -fmap-runtime=): the maptypes'
  /// table layout, makemap_small's bound and the iterator's size follow it,
  /// and the module records it (abi::MapRuntimeModuleFlag).
  abi::MapRuntime MapRuntime = abi::MapRuntime::Classic;
};

struct IRGenResult {
  std::unique_ptr<llvm::Module> Module;
  /// Non-empty on an internal error (verifier failure, unexpected AST).
  std::string Error;
};

/// Lowers CU (checked, from SM's main buffer) into a new module for target
/// T with layout DL. The module is verified before it is returned.
IRGenResult generateIR(const lang::CompilationUnit &CU,
                       const llvm::SourceMgr &SM, llvm::LLVMContext &Ctx,
                       const llvm::Triple &T, const llvm::DataLayout &DL,
                       const IRGenOptions &Opts);

} // namespace gm::irgen

#endif // GM_IRGEN_IRGEN_H
