//===- gm/Transforms/MapInline.h - The gm-map-inline pass --------*- C++
//-*-===//
//
// Inlines the fast path of the fixed-width map entry points
// (runtime.mapaccess{1,2}_fast{32,64}, runtime.mapassign_fast{32,64}[ptr]).
// See compiler/lib/Transforms/MapInline.cpp and docs/inlining.md.
//
//===----------------------------------------------------------------------===//

#ifndef GM_TRANSFORMS_MAPINLINE_H
#define GM_TRANSFORMS_MAPINLINE_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace gm {

/// A module pass: it links fast-path functions into the module, then inlines
/// them at each eligible call.
struct MapInlinePass : llvm::PassInfoMixin<MapInlinePass> {
  /// IntoOptNone also inlines into optnone functions: -fmap-inline at -O0,
  /// where every function is optnone (pipeline text "gm-map-inline<optnone>").
  explicit MapInlinePass(bool IntoOptNone = false) : IntoOptNone(IntoOptNone) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &AM);

private:
  bool IntoOptNone;
};

/// Makes "gm-map-inline" and "gm-map-inline<optnone>" parseable pipeline
/// elements, and runs the pass at the start of every default pipeline from
/// -O1 up (at -O0 too when AtO0: gmc -fmap-inline -O0).
void registerMapInlinePass(llvm::PassBuilder &PB, bool AtO0 = false);

/// Only the pipeline-text names (what `opt -passes=` needs).
void registerMapInlinePipelineParsing(llvm::PassBuilder &PB);

} // namespace gm

#endif // GM_TRANSFORMS_MAPINLINE_H
