//===- gm/Explore/Sandbox.h - Limited child processes -----------*- C++ -*-===//
//
// The explorer compiles and runs what a page sends; each of those happens in
// a forked child with resource limits (CPU, address space, file size, no
// core) and a wall-clock deadline after which the child's process group is
// killed, so that no input can hang or exhaust the server.
//
//===----------------------------------------------------------------------===//

#ifndef GM_EXPLORE_SANDBOX_H
#define GM_EXPLORE_SANDBOX_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>

namespace gm::explore {

struct Limits {
  unsigned WallSeconds = 10;
  unsigned CPUSeconds = 10;
  /// Address space of the child (RLIMIT_AS).
  unsigned long long MemoryBytes = 2ull << 30;
  /// Bytes of output kept; the child is killed when it writes more.
  size_t OutputBytes = 1 << 20;
};

struct ChildResult {
  /// What the child wrote to stdout and stderr (one stream, interleaved).
  std::string Output;
  /// The exit code, or 128+signal when killed by a signal.
  int ExitCode = 0;
  /// Killed at the deadline or by the CPU limit (SIGXCPU).
  bool TimedOut = false;
  bool OutputTruncated = false;
  /// Wall time in milliseconds.
  double WallMs = 0;
  /// Peak resident set of the child in KiB (getrusage).
  long MaxRSSKiB = 0;
};

/// Runs Work in a forked child under L; what Work writes to fd 1 and 2 comes
/// back in Output, and its return value is the exit code.
ChildResult runInChild(llvm::function_ref<int()> Work, const Limits &L);

/// Runs Work on a thread with the stack the compiler needs for deep nesting
/// (lang::CompilerStackBytes, as gmc's own main does); returns its result.
int runOnCompilerStack(llvm::function_ref<int()> Work);

/// Executes Argv[0] with Argv under L, standard input empty.
ChildResult runProgram(llvm::ArrayRef<std::string> Argv, const Limits &L);

} // namespace gm::explore

#endif // GM_EXPLORE_SANDBOX_H
