//===- Assets.h - The explorer's embedded page -----------------*- C++ -*-===//
//
// The files the explorer serves, embedded at build time (CMakeLists.txt,
// EmbedAssets.cmake): nothing is read from disk to serve the page.
//
//===----------------------------------------------------------------------===//

#ifndef GM_EXPLORE_ASSETS_H
#define GM_EXPLORE_ASSETS_H

#include "llvm/ADT/StringRef.h"

namespace gm::explore {

/// web/index.html.
llvm::StringRef getIndexHtml();
/// web/src/main.js with CodeMirror, bundled by esbuild.
llvm::StringRef getExplorerJs();
/// examples/explore.gm: the program the page opens without one.
llvm::StringRef getDefaultProgram();

} // namespace gm::explore

#endif // GM_EXPLORE_ASSETS_H
