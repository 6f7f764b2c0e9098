//===- Export.cpp - gmc explore --export: the page as one file ------------===//
//
// The served page, with two changes: the script is inline instead of loaded
// from /explorer.js, and before it a `window.gmExploreExport = {initial,
// options, result}` carries what /api/initial and /api/compile would have
// answered. The page sees it and shows that compile without a server.
//
//===----------------------------------------------------------------------===//

#include "Assets.h"
#include "gm/Driver/Driver.h"
#include "gm/Explore/CompileView.h"
#include "gm/Explore/Explore.h"
#include "gm/Explore/Sandbox.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace gm::explore;
using gm::abi::mapRuntimeName;

namespace {

/// Text that can sit inside <script>: no "</" may end the element early.
std::string forScriptElement(StringRef JS) {
  std::string Out;
  Out.reserve(JS.size());
  for (size_t I = 0; I < JS.size(); ++I) {
    Out += JS[I];
    // "<\/" means "</" in a string or a regular expression, which is the
    // only place a "</" can be in a script.
    if (JS[I] == '<' && I + 1 < JS.size() && JS[I + 1] == '/')
      Out += '\\';
  }
  return Out;
}

} // namespace

int gm::explore::exportPage(const ExploreOptions &EO, const std::string &Source,
                            const std::string &FileName) {
  ViewRequest R;
  R.Source = Source;
  R.FileName = FileName;
  R.OptLevel = EO.OptLevel;
  R.MapInline = EO.MapInline;
  R.CPU = EO.CPU;
  R.MapRuntime = EO.MapRuntime;
  json::Object Result;
  runOnCompilerStack([&] {
    Result = compileForView(R);
    return 0;
  });
  json::Value Data = json::Object{
      {"initial", json::Object{{"source", Source},
                               {"file_name", FileName},
                               {"cpus", json::Array{EO.CPU}},
                               {"map_runtimes",
                                json::Array{mapRuntimeName(EO.MapRuntime)}},
                               {"version", gm::driver::getVersionString()}}},
      {"options", json::Object{{"opt", EO.OptLevel},
                               {"inline", EO.MapInline},
                               {"cpu", EO.CPU},
                               {"map_runtime", mapRuntimeName(EO.MapRuntime)},
                               {"debug_metadata", false}}},
      {"result", std::move(Result)}};
  std::string DataText;
  raw_string_ostream(DataText) << Data;

  StringRef Page = getIndexHtml();
  StringRef ScriptTag = "<script src=\"/explorer.js\"></script>";
  size_t At = Page.find(ScriptTag);
  if (At == StringRef::npos) {
    errs() << "gmc: internal error: the embedded page has no script tag\n";
    return 70;
  }
  std::error_code EC;
  ToolOutputFile Out(EO.ExportPath, EC, sys::fs::OF_Text);
  if (EC) {
    errs() << "gmc: error: cannot open '" << EO.ExportPath
           << "': " << EC.message() << "\n";
    return 1;
  }
  Out.os() << Page.take_front(At)
           << "<script>window.gmExploreExport = " << forScriptElement(DataText)
           << ";</script>\n<script>" << forScriptElement(getExplorerJs())
           << "</script>" << Page.drop_front(At + ScriptTag.size());
  Out.keep();
  // A program with errors still exports: the page shows them.
  return 0;
}
