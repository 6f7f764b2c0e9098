//===- gm/Explore/CompileView.h - One compile, every view of it -*- C++ -*-===//
//
// What the explorer's /compile answers: the program's diagnostics, its IR
// before any pass, around gm-map-inline and after the pipeline, its
// assembly, the remarks, each map operation's fate, and for every line of
// every pane the source line it came from (from !dbg and .loc).
//
//===----------------------------------------------------------------------===//

#ifndef GM_EXPLORE_COMPILEVIEW_H
#define GM_EXPLORE_COMPILEVIEW_H

#include "gm/runtime/ABI.h"
#include "llvm/Support/JSON.h"
#include <string>

namespace gm::explore {

struct ViewRequest {
  std::string Source;
  /// The name diagnostics and debug info give the program.
  std::string FileName = "prog.gm";
  unsigned OptLevel = 2;
  bool MapInline = true;
  std::string CPU = "x86-64";
  /// -fmap-runtime=: the map the program is compiled for.
  abi::MapRuntime MapRuntime = abi::MapRuntime::Classic;
  /// Keep !dbg attachments, debug records and metadata in the IR panes.
  bool DebugMetadata = false;
};

/// Compiles R in this process and describes the result as the JSON object
/// documented in docs/explorer.md. Never fails: errors become diagnostics.
llvm::json::Object compileForView(const ViewRequest &R);

/// The lines of After that a line diff against Before marks as new or
/// changed (0-based), function by function.
std::vector<unsigned> changedLines(llvm::StringRef Before,
                                   llvm::StringRef After);

} // namespace gm::explore

#endif // GM_EXPLORE_COMPILEVIEW_H
