//===- Packages.cpp - strconv, sort, strings and os functions -------------===//
//
// The library functions that the C++ runtime provides besides fmt: sort's
// (sort is built into gmc) and those that gm's library packages written in
// gm (runtime/std: strings, strconv, os, time) declare without a body. Slices
// arrive as (data, len, cap).
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Panic.h"
#include "Core/Runtime.h"
#include "Sched/Scheduler.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>
#include <unistd.h>

namespace gm::rt {
namespace {

bool lessString(const GoString &A, const GoString &B) {
  return cmpstring(A, B) < 0;
}

} // namespace

//===----------------------------------------------------------------------===//
// strconv
//===----------------------------------------------------------------------===//

GoString strconv_quoteToASCII(GoString S) {
  std::string Out;
  appendQuote(Out, S.Data, S.Len, /*ASCIIOnly=*/true);
  return newString(Out);
}

GoString strconv_quoteRune(int32_t R, int64_t ASCIIOnly) {
  std::string Out;
  appendQuoteRune(Out, R, ASCIIOnly != 0);
  return newString(Out);
}

GoString strconv_formatFloat(double V, int64_t Fmt, int64_t Prec,
                             int64_t BitSize) {
  std::string Out;
  appendFloat(Out, V, char(Fmt), int(std::max<int64_t>(-1, Prec)),
              int(BitSize));
  return newString(Out);
}

//===----------------------------------------------------------------------===//
// sort
//===----------------------------------------------------------------------===//

void sort_Ints(int64_t *Data, int64_t Len, int64_t Cap) {
  std::sort(Data, Data + Len);
}

void sort_Strings(GoString *Data, int64_t Len, int64_t Cap) {
  std::sort(Data, Data + Len, lessString);
}

//===----------------------------------------------------------------------===//
// strings
//===----------------------------------------------------------------------===//

int64_t strings_indexByte(GoString S, int64_t C) {
  if (S.Len == 0)
    return -1;
  const void *P = std::memchr(S.Data, int(C & 0xff), size_t(S.Len));
  return P ? static_cast<const uint8_t *>(P) - S.Data : -1;
}

GoString strings_bytesToString(uint8_t *Data, int64_t Len, int64_t Cap) {
  return {Data, Len};
}

//===----------------------------------------------------------------------===//
// os
//===----------------------------------------------------------------------===//

void os_Exit(int64_t Code) { exitProcess(int(Code)); }

namespace {
int ArgCount;
char **ArgValues;
} // namespace

void setCommandLine(int Argc, char **Argv) {
  ArgCount = Argc;
  ArgValues = Argv;
}

int64_t os_argCount() { return ArgCount; }

int64_t os_write(int64_t Fd, uint8_t *Data, int64_t Len, int64_t Cap) {
  const char *P = reinterpret_cast<const char *>(Data);
  if (Fd == STDOUT_FILENO) {
    writeStdout(P, size_t(Len));
    return Len;
  }
  if (Fd == STDERR_FILENO) {
    writeStderr(P, size_t(Len));
    return Len;
  }
  int64_t Done = 0;
  while (Done < Len) {
    ssize_t N = ::write(int(Fd), P + Done, size_t(Len - Done));
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return -int64_t(errno);
    }
    Done += N;
  }
  return Done;
}

int64_t os_read(int64_t Fd, uint8_t *Data, int64_t Len, int64_t Cap) {
  // What the program printed so far appears before it waits for input (a
  // prompt), as with Go's unbuffered stdout.
  if (Fd == STDIN_FILENO)
    flushStdout();
  for (;;) {
    ssize_t N = ::read(int(Fd), Data, size_t(Len));
    if (N >= 0)
      return N;
    if (errno != EINTR)
      return -int64_t(errno);
  }
}

GoString os_errnoText(int64_t E) {
  // Go's syscall.Errno texts are strerror's, starting in lower case.
  std::string Text = std::strerror(int(E));
  if (!Text.empty() && Text[0] >= 'A' && Text[0] <= 'Z' &&
      !(Text.size() > 1 && Text[1] >= 'A' && Text[1] <= 'Z'))
    Text[0] = char(Text[0] - 'A' + 'a');
  return newString(Text);
}

namespace {
int64_t clockNano(clockid_t Clock) {
  timespec TS;
  clock_gettime(Clock, &TS);
  return int64_t(TS.tv_sec) * 1000000000 + TS.tv_nsec;
}
int64_t StartMono;
} // namespace

void recordStartTime() { StartMono = clockNano(CLOCK_MONOTONIC); }

int64_t time_wallNano() { return clockNano(CLOCK_REALTIME); }

int64_t time_monoNano() { return clockNano(CLOCK_MONOTONIC) - StartMono; }

void time_sleep(int64_t Nanos) {
  // The goroutine sleeps, not its thread (Sched/Scheduler.cpp).
  sched::sleep(Nanos);
}

GoString os_arg(int64_t I) {
  // argv outlives the program and is never written: no copy needed.
  const char *A = ArgValues[I];
  return {reinterpret_cast<const uint8_t *>(A), int64_t(std::strlen(A))};
}

} // namespace gm::rt
