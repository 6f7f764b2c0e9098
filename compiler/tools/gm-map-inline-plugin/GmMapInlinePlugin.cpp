//===- GmMapInlinePlugin.cpp - gm-map-inline as an opt plugin -------------===//
//
//   opt -load-pass-plugin=build/lib/GmMapInline.so -passes=gm-map-inline x.ll
//
// runs the pass on any module. With -gm-map-inline-at-start it also runs at
// the start of the default pipelines (-passes='default<O2>'), as in gmc.
//
//===----------------------------------------------------------------------===//

#include "gm/Transforms/MapInline.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

static cl::opt<bool> AtPipelineStart(
    "gm-map-inline-at-start",
    cl::desc("Also run gm-map-inline at the start of the default pipelines "
             "from -O1 up, as gmc does"),
    cl::init(false));

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "GmMapInline", "0.1", [](PassBuilder &PB) {
            if (AtPipelineStart)
              gm::registerMapInlinePass(PB);
            else
              gm::registerMapInlinePipelineParsing(PB);
          }};
}
