//===- Output.cpp - Buffered stdout, unbuffered stderr --------------------===//
//
// Go's os.Stdout is unbuffered; gm buffers fmt's output instead, because a
// write(2) per Println dominates the run time of printing loops. The
// difference is invisible:
//   - every way a program ends flushes the buffer first (normal return,
//     os.Exit, panic, fatal error, the signal handler);
//   - every write to stderr flushes it first, so with both streams on one
//     file (2>&1) the interleaving is Go's;
//   - on a terminal stdout is not buffered at all, so output appears when
//     the program prints it.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <cerrno>
#include <cstring>
#include <mutex>
#include <unistd.h>

namespace gm::rt {
namespace {

constexpr size_t StdoutBufferSize = 64 * 1024;
char StdoutBuffer[StdoutBufferSize];
size_t StdoutUsed = 0;
/// -1 until the first write, then whether stdout is a terminal.
int StdoutIsTerminal = -1;

void writeAll(int Fd, const char *Data, size_t Len) {
  while (Len > 0) {
    ssize_t N = ::write(Fd, Data, Len);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return; // Nowhere to report it; Go would also drop the output.
    }
    Data += N;
    Len -= size_t(N);
  }
}

/// Goroutines on several threads print at once: each write is whole, as
/// each of Go's is one write(2). Never destroyed, as threads may still
/// print while the process exits.
std::mutex &OutputLock = *new std::mutex;

void flushLocked() {
  size_t Used = StdoutUsed;
  StdoutUsed = 0;
  writeAll(STDOUT_FILENO, StdoutBuffer, Used);
}

} // namespace

void flushStdout() {
  std::lock_guard<std::mutex> L(OutputLock);
  flushLocked();
}

void writeStdout(const char *Data, size_t Len) {
  if (Len == 0)
    return; // An empty Go slice may have no data pointer at all.
  std::lock_guard<std::mutex> L(OutputLock);
  if (StdoutIsTerminal < 0)
    StdoutIsTerminal = ::isatty(STDOUT_FILENO) ? 1 : 0;
  if (StdoutIsTerminal) {
    writeAll(STDOUT_FILENO, Data, Len);
    return;
  }
  if (StdoutUsed + Len > StdoutBufferSize) {
    flushLocked();
    if (Len > StdoutBufferSize / 2) {
      writeAll(STDOUT_FILENO, Data, Len);
      return;
    }
  }
  std::memcpy(StdoutBuffer + StdoutUsed, Data, Len);
  StdoutUsed += Len;
}

void writeStderr(const char *Data, size_t Len) {
  std::lock_guard<std::mutex> L(OutputLock);
  flushLocked();
  writeAll(STDERR_FILENO, Data, Len);
}

void exitProcess(int Code) {
  // The lock is kept: no other goroutine prints after the end.
  OutputLock.lock();
  flushLocked();
  ::_exit(Code);
}

} // namespace gm::rt
