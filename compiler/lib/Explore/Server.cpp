//===- Server.cpp - gmc explore's HTTP server
//------------------------------===//
//
//   GET  /               the page (embedded)
//   GET  /explorer.js    the page's script: CodeMirror 6 and explorer.js,
//                        bundled by esbuild at build time (embedded)
//   GET  /api/initial    the program to open, the options the page offers
//   POST /api/compile    {source, opt, inline, cpu, map_runtime,
//                         debug_metadata}
//                        -> compileForView's object (CompileView.h)
//   POST /api/run        {source, opt, inline, cpu, map_runtime}
//                        -> {ok, output, exit_code, timed_out, ...}
//
// The server binds 127.0.0.1 only and answers only requests whose Host is
// that address or localhost (no DNS rebinding); the POSTs must be JSON, which
// a cross-site form cannot send. Compiles and runs happen one at a time, each
// in a forked child under limits (Sandbox.h). Nothing is read from disk
// after start-up but the temporary files of a run.
//
//===----------------------------------------------------------------------===//

#include "Assets.h"
#include "gm/Driver/Driver.h"
#include "gm/Explore/CompileView.h"
#include "gm/Explore/Explore.h"
#include "gm/Explore/Sandbox.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <httplib.h>

#include <mutex>
#include <unistd.h>

using namespace llvm;
using namespace gm::explore;

namespace {

constexpr size_t MaxSourceBytes = 256 << 10;
/// What separates the compile child's JSON from anything else it printed.
constexpr StringLiteral ResultMarker = "\n\x01gm-explore-result\x01\n";

const Limits CompileLimits = {/*WallSeconds=*/30, /*CPUSeconds=*/30,
                              /*MemoryBytes=*/4ull << 30,
                              /*OutputBytes=*/64 << 20};
/// The link runs clang++ and ld; they need more than the program.
const Limits BuildLimits = {/*WallSeconds=*/60, /*CPUSeconds=*/60,
                            /*MemoryBytes=*/4ull << 30,
                            /*OutputBytes=*/1 << 20};
const Limits RunLimits = {/*WallSeconds=*/10, /*CPUSeconds=*/10,
                          /*MemoryBytes=*/1ull << 30,
                          /*OutputBytes=*/1 << 20};

/// The CPUs the page offers; "native" is this machine's.
const char *const TargetCPUs[] = {"x86-64", "x86-64-v2", "x86-64-v3",
                                  "x86-64-v4", "native"};

/// A JSON string of S: json::Value keeps only valid UTF-8, and a program's
/// output may be anything.
std::string utf8(StringRef S) {
  return json::isUTF8(S) ? S.str() : json::fixUTF8(S);
}

void replyJSON(httplib::Response &Res, json::Value V, int Status = 200) {
  std::string S;
  raw_string_ostream OS(S);
  OS << V;
  OS.flush();
  Res.status = Status;
  Res.set_content(S, "application/json");
}

void replyError(httplib::Response &Res, int Status, StringRef Msg) {
  replyJSON(Res, json::Object{{"ok", false}, {"error", utf8(Msg)}}, Status);
}

/// A request's fields, checked; false (with the reply written) if invalid.
bool parseRequest(const httplib::Request &Req, httplib::Response &Res,
                  ViewRequest &Out) {
  if (Req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    replyError(Res, 415, "requests must be application/json");
    return false;
  }
  Expected<json::Value> V = json::parse(Req.body);
  if (!V) {
    replyError(Res, 400, "invalid JSON: " + toString(V.takeError()));
    return false;
  }
  const json::Object *O = V->getAsObject();
  std::optional<StringRef> Source = O ? O->getString("source") : std::nullopt;
  if (!Source) {
    replyError(Res, 400, "missing \"source\"");
    return false;
  }
  if (Source->size() > MaxSourceBytes) {
    replyError(Res, 413, "source larger than 256 KiB");
    return false;
  }
  Out.Source = Source->str();
  if (std::optional<int64_t> Opt = O->getInteger("opt")) {
    if (*Opt < 0 || *Opt > 3) {
      replyError(Res, 400, "\"opt\" must be 0 to 3");
      return false;
    }
    Out.OptLevel = unsigned(*Opt);
  }
  if (std::optional<bool> Inline = O->getBoolean("inline"))
    Out.MapInline = *Inline;
  if (std::optional<bool> Dbg = O->getBoolean("debug_metadata"))
    Out.DebugMetadata = *Dbg;
  if (std::optional<StringRef> Map = O->getString("map_runtime")) {
    if (*Map == gm::abi::mapRuntimeName(gm::abi::MapRuntime::Swiss))
      Out.MapRuntime = gm::abi::MapRuntime::Swiss;
    else if (*Map == gm::abi::mapRuntimeName(gm::abi::MapRuntime::Classic))
      Out.MapRuntime = gm::abi::MapRuntime::Classic;
    else {
      replyError(Res, 400, "\"map_runtime\" must be classic or swiss");
      return false;
    }
  }
  if (std::optional<StringRef> CPU = O->getString("cpu")) {
    if (!llvm::is_contained(TargetCPUs, *CPU)) {
      replyError(Res, 400, "unknown \"cpu\"");
      return false;
    }
    Out.CPU = CPU->str();
  }
  return true;
}

/// compileForView in a child; its JSON comes back on the child's stdout.
json::Value compileInChild(const ViewRequest &R) {
  ChildResult C = runInChild(
      [&] {
        return runOnCompilerStack([&] {
          json::Object Result = compileForView(R);
          outs() << ResultMarker << json::Value(std::move(Result));
          outs().flush();
          return 0;
        });
      },
      CompileLimits);
  size_t At = C.Output.rfind(ResultMarker.str());
  if (C.ExitCode == 0 && !C.TimedOut && At != std::string::npos) {
    Expected<json::Value> V =
        json::parse(StringRef(C.Output).drop_front(At + ResultMarker.size()));
    if (V) {
      if (json::Object *O = V->getAsObject())
        if (At != 0)
          (*O)["compiler_output"] = utf8(StringRef(C.Output).take_front(At));
      return std::move(*V);
    }
    consumeError(V.takeError());
  }
  std::string Why = C.TimedOut ? "the compile took longer than 30 s"
                    : C.OutputTruncated
                        ? "the compile's output exceeded its limit"
                        : "the compiler failed (exit status " +
                              std::to_string(C.ExitCode) + ")";
  return json::Object{
      {"ok", false},
      {"internal_error", Why},
      {"compiler_output", utf8(StringRef(C.Output).take_front(64 << 10))}};
}

json::Value buildAndRun(const ViewRequest &R, const ExploreOptions &EO,
                        const std::string &Argv0) {
  SmallString<128> Dir;
  if (sys::fs::createUniqueDirectory("gm-explore", Dir))
    return json::Object{{"ok", false},
                        {"error", "cannot create a temporary directory"}};
  SmallString<128> Src(Dir), Exe(Dir);
  sys::path::append(Src, "prog.gm");
  sys::path::append(Exe, "prog");
  auto Cleanup = make_scope_exit([&] {
    sys::fs::remove(Src);
    sys::fs::remove(Exe);
    sys::fs::remove(Dir);
  });
  {
    std::error_code EC;
    raw_fd_ostream OS(Src, EC);
    if (EC)
      return json::Object{{"ok", false}, {"error", "cannot write the program"}};
    OS << R.Source;
  }
  ChildResult Build = runInChild(
      [&] {
        // Relative names, so that diagnostics read prog.gm:L:C.
        if (chdir(Dir.c_str()) != 0)
          return 1;
        gm::driver::DriverOptions Opts;
        Opts.Input = "prog.gm";
        Opts.Output = "prog";
        Opts.OptLevel = R.OptLevel;
        Opts.CPU = R.CPU;
        Opts.MapRuntime = R.MapRuntime;
        Opts.CXX = EO.CXX;
        Opts.MapInline = R.MapInline ? gm::driver::MapInlineMode::On
                                     : gm::driver::MapInlineMode::Off;
        return runOnCompilerStack(
            [&] { return gm::driver::runCompiler(Opts, Argv0.c_str()); });
      },
      BuildLimits);
  if (Build.ExitCode != 0 || Build.TimedOut)
    return json::Object{{"ok", false},
                        {"stage", "build"},
                        {"output", utf8(Build.Output)},
                        {"exit_code", Build.ExitCode},
                        {"timed_out", Build.TimedOut}};
  ChildResult Run = runProgram({std::string(Exe)}, RunLimits);
  return json::Object{{"ok", true},
                      {"stage", "run"},
                      {"build_output", utf8(Build.Output)},
                      {"output", utf8(Run.Output)},
                      {"exit_code", Run.ExitCode},
                      {"timed_out", Run.TimedOut},
                      {"output_truncated", Run.OutputTruncated},
                      {"wall_ms", Run.WallMs},
                      {"max_rss_kib", Run.MaxRSSKiB},
                      {"limits", json::Object{
                                     {"wall_seconds", RunLimits.WallSeconds},
                                     {"cpu_seconds", RunLimits.CPUSeconds},
                                     {"memory_bytes", RunLimits.MemoryBytes},
                                     {"output_bytes", RunLimits.OutputBytes},
                                 }}};
}

} // namespace

int gm::explore::runExplorer(const ExploreOptions &EO, const char *Argv0) {
  std::string Initial = getDefaultProgram().str();
  std::string InitialName = "prog.gm";
  if (!EO.InputFile.empty()) {
    auto Buf = MemoryBuffer::getFile(EO.InputFile, /*IsText=*/true);
    if (!Buf) {
      errs() << "gmc: error: cannot open '" << EO.InputFile
             << "': " << Buf.getError().message() << "\n";
      return 1;
    }
    if ((*Buf)->getBufferSize() > MaxSourceBytes) {
      errs() << "gmc: error: '" << EO.InputFile
             << "' is larger than the explorer's 256 KiB limit\n";
      return 1;
    }
    Initial = (*Buf)->getBuffer().str();
    InitialName = sys::path::filename(EO.InputFile).str();
  }
  if (EO.Port > 65535) {
    errs() << "gmc: error: invalid port " << EO.Port << " (1 to 65535)\n";
    return 1;
  }
  gm::driver::initializeNativeTarget();
  if (!EO.ExportPath.empty())
    return exportPage(EO, Initial, InitialName);

  httplib::Server Svr;
  Svr.set_payload_max_length(MaxSourceBytes + (64 << 10));
  int Port = 0;
  std::string HostPort;
  // Only this machine's own names for the server: a page elsewhere that
  // rebinds its DNS name to 127.0.0.1 sends its own Host and is refused.
  Svr.set_pre_routing_handler(
      [&](const httplib::Request &Req, httplib::Response &Res) {
        std::string Host = Req.get_header_value("Host");
        if (Host != "127.0.0.1:" + std::to_string(Port) &&
            Host != "localhost:" + std::to_string(Port)) {
          Res.status = 403;
          Res.set_content("forbidden host\n", "text/plain");
          return httplib::Server::HandlerResponse::Handled;
        }
        Res.set_header("X-Content-Type-Options", "nosniff");
        Res.set_header("Content-Security-Policy",
                       "default-src 'self'; style-src 'self' 'unsafe-inline'");
        Res.set_header("Cache-Control", "no-store");
        return httplib::Server::HandlerResponse::Unhandled;
      });
  Svr.Get("/", [](const httplib::Request &, httplib::Response &Res) {
    Res.set_content(getIndexHtml().str(), "text/html; charset=utf-8");
  });
  Svr.Get("/explorer.js", [](const httplib::Request &, httplib::Response &Res) {
    Res.set_content(getExplorerJs().str(), "text/javascript; charset=utf-8");
  });
  Svr.Get("/api/initial", [&](const httplib::Request &,
                              httplib::Response &Res) {
    json::Array CPUs;
    for (const char *C : TargetCPUs)
      CPUs.push_back(C);
    replyJSON(
        Res,
        json::Object{
            {"source", Initial},
            {"file_name", InitialName},
            {"cpus", std::move(CPUs)},
            {"map_runtimes",
             json::Array{gm::abi::mapRuntimeName(gm::abi::MapRuntime::Classic),
                         gm::abi::mapRuntimeName(gm::abi::MapRuntime::Swiss)}},
            {"version", gm::driver::getVersionString()}});
  });
  // One compile or run at a time: the machine's cores are the limit anyway,
  // and a burst of edits must not fork a child per keystroke.
  std::mutex Busy;
  Svr.Post("/api/compile",
           [&](const httplib::Request &Req, httplib::Response &Res) {
             ViewRequest R;
             if (!parseRequest(Req, Res, R))
               return;
             R.FileName = InitialName;
             std::lock_guard<std::mutex> Lock(Busy);
             replyJSON(Res, compileInChild(R));
           });
  std::string Argv0Str = Argv0;
  Svr.Post("/api/run",
           [&](const httplib::Request &Req, httplib::Response &Res) {
             ViewRequest R;
             if (!parseRequest(Req, Res, R))
               return;
             std::lock_guard<std::mutex> Lock(Busy);
             replyJSON(Res, buildAndRun(R, EO, Argv0Str));
           });

  if (EO.Port == 0) {
    Port = Svr.bind_to_any_port("127.0.0.1");
  } else {
    Port = int(EO.Port);
    if (!Svr.bind_to_port("127.0.0.1", Port))
      Port = -1;
  }
  if (Port <= 0) {
    errs() << "gmc: error: cannot listen on 127.0.0.1"
           << (EO.Port ? ":" + std::to_string(EO.Port) : std::string()) << "\n";
    return 1;
  }
  outs() << "gmc explore: serving " << InitialName
         << " at http://127.0.0.1:" << Port << "/ (Ctrl-C to stop)\n";
  outs().flush();
  return Svr.listen_after_bind() ? 0 : 1;
}
