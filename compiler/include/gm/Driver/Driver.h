//===- gm/Driver/Driver.h - The gmc compilation pipeline --------*- C++ -*-===//
//
// Everything gmc does after parsing its command line: read the source, run
// the front end, generate and verify IR, optimise with the standard
// PassBuilder pipelines (plus gm-map-inline), emit IR/bitcode/assembly/an
// object, and link an executable with the runtime libraries found next to
// the gmc binary (<bindir>/../lib).
//
// Exit codes: 0 success; 1 user error (bad flags, unreadable input,
// diagnostics, link failure); 70 internal compiler error (with a bug-report
// message). `gmc run` returns the program's own exit code.
//
//===----------------------------------------------------------------------===//

#ifndef GM_DRIVER_DRIVER_H
#define GM_DRIVER_DRIVER_H

#include "gm/runtime/ABI.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
class PassInstrumentationCallbacks;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace gm::driver {

enum class Action {
  Link,       // an executable (default)
  Object,     // -c
  Assembly,   // -S
  SyntaxOnly, // -fsyntax-only
  ASTDump,    // -ast-dump
};

enum class MapInlineMode { Default, On, Off };

struct DriverOptions {
  std::string Input;
  /// Empty: derived from the input name; "-": stdout.
  std::string Output;
  Action Act = Action::Link;
  /// -emit-llvm: textual IR with -S, bitcode with -c.
  bool EmitLLVM = false;
  unsigned OptLevel = 0;
  bool DebugInfo = false;
  /// Target CPU ("native" by default).
  std::string CPU = "native";
  /// The C++ driver used to link (default: clang++-19 found at configure).
  std::string CXX;
  MapInlineMode MapInline = MapInlineMode::Default;
  /// -Rpass=, -Rpass-missed=, -Rpass-analysis= regular expressions.
  std::string RemarksPassed, RemarksMissed, RemarksAnalysis;
  bool SaveOptRecord = false;
  /// -e: report every error (Go's -e); by default the first 10, as Go.
  bool AllErrors = false;
  /// Escape analysis decides which allocations stay in their frame
  /// (-fno-escape-analysis: none); -m prints its decisions.
  bool EscapeAnalysis = true;
  bool PrintEscapes = false;
  /// -race: instrument with ThreadSanitizer and link libgmrt_race.a; reports
  /// name .gm lines, so it implies line tables (-g).
  bool Race = false;
  /// -fmap-runtime=: the map the program is compiled for and linked with
  /// (libgmrt.a or libgmrt_swiss.a, with -race their _race variants).
  abi::MapRuntime MapRuntime = abi::MapRuntime::Classic;
  /// gmc run: build to a temporary file, run it with RunArgs.
  bool Run = false;
  std::vector<std::string> RunArgs;
};

/// The default C++ driver for linking.
const char *getDefaultCXX();
/// "gmc version 0.1.0 (LLVM 19.x.y)".
std::string getVersionString();

/// Runs the whole pipeline; returns the process exit code. Argv0 locates
/// the runtime libraries.
int runCompiler(const DriverOptions &Opts, const char *Argv0);

// The pipeline's steps, for tools that drive it in-process (gmc explore).

/// Registers the native target, its assembly printer and parser (idempotent).
void initializeNativeTarget();

/// The target machine for Opts.CPU and Opts.OptLevel; null with Err set for
/// an unknown CPU.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const DriverOptions &Opts, std::string &Err);

/// Runs Opts' optimisation pipeline (with gm-map-inline when enabled) on M.
/// Instrument, when given, adds pass instrumentation callbacks (the explorer
/// snapshots the module around gm-map-inline).
void optimizeModule(
    llvm::Module &M, llvm::TargetMachine &TM, const DriverOptions &Opts,
    llvm::function_ref<void(llvm::PassInstrumentationCallbacks &)> Instrument =
        nullptr);

/// Emits M as assembly (Assembly) or an object file; false if the target
/// cannot.
bool emitMachineCode(llvm::Module &M, llvm::TargetMachine &TM, bool Assembly,
                     llvm::raw_pwrite_stream &OS);

/// Whether gm-map-inline runs for Opts (-fmap-inline/-fno-map-inline, else
/// from -O1 up).
bool isMapInlineEnabled(const DriverOptions &Opts);

} // namespace gm::driver

#endif // GM_DRIVER_DRIVER_H
