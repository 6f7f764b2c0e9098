//===- gm/Explore/Explore.h - gmc explore, the live page --------*- C++ -*-===//
//
// `gmc explore [prog.gm] [--port N]` serves, on 127.0.0.1 only, one page
// (embedded in the binary) that shows a gm program beside its -O0 IR, its IR
// after gm-map-inline, its optimized IR, its assembly and its remarks, linked
// line by line, and runs it. docs/explorer.md describes the page.
//
//===----------------------------------------------------------------------===//

#ifndef GM_EXPLORE_EXPLORE_H
#define GM_EXPLORE_EXPLORE_H

#include "gm/runtime/ABI.h"
#include <string>

namespace gm::explore {

struct ExploreOptions {
  /// The program the page opens with; empty: a built-in example.
  std::string InputFile;
  /// 0: any free port (the one chosen is printed).
  unsigned Port = 0;
  /// The C++ driver that links programs for the Run button.
  std::string CXX;
  /// --export: write one self-contained page of InputFile's view here
  /// instead of serving, compiled with the options below.
  std::string ExportPath;
  unsigned OptLevel = 2;
  bool MapInline = true;
  std::string CPU = "x86-64";
  abi::MapRuntime MapRuntime = abi::MapRuntime::Classic;
};

/// Serves the page until the process is interrupted; returns the exit code
/// (1 when the port cannot be bound or the input cannot be read).
int runExplorer(const ExploreOptions &Opts, const char *Argv0);

/// Writes the page for Source (named FileName) to Opts.ExportPath, with the
/// compile result and the script inline; returns the exit code.
int exportPage(const ExploreOptions &Opts, const std::string &Source,
               const std::string &FileName);

} // namespace gm::explore

#endif // GM_EXPLORE_EXPLORE_H
