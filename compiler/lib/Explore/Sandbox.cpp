//===- Sandbox.cpp - Limited child processes ------------------------------===//
//
//   parent                         child (own process group)
//   pipe, fork ------------------> stdout+stderr -> pipe, stdin </dev/null,
//                                  setrlimit(CPU, AS, FSIZE, CORE), work
//   poll the pipe until EOF, the
//   deadline or the output cap;
//   then kill(-pgid) and wait4
//
// Killing the whole group also ends what the child started (the linker, the
// program's threads).
//
//===----------------------------------------------------------------------===//

#include "gm/Explore/Sandbox.h"
#include "gm/lang/Frontend/Frontend.h"

#include "llvm/Support/thread.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace gm::explore;

namespace {

void setLimit(int Resource, rlim_t Value) {
  struct rlimit RL = {Value, Value};
  setrlimit(Resource, &RL);
}

/// In the child: the limits, the standard streams, its own process group.
void enterChild(int WriteFD, const Limits &L) {
  setpgid(0, 0);
  int Null = open("/dev/null", O_RDONLY);
  if (Null >= 0) {
    dup2(Null, 0);
    close(Null);
  }
  dup2(WriteFD, 1);
  dup2(WriteFD, 2);
  // Nothing else of the server's (its listening socket, its connections)
  // reaches the child.
  close_range(3, ~0U, 0);
  // SIGXCPU at the soft limit (reported as out of time); SIGKILL a second
  // later if the child catches it.
  struct rlimit CPU = {L.CPUSeconds, L.CPUSeconds + 1};
  setrlimit(RLIMIT_CPU, &CPU);
  setLimit(RLIMIT_AS, L.MemoryBytes);
  setLimit(RLIMIT_CORE, 0);
  // Temporary objects and executables are well under this.
  setLimit(RLIMIT_FSIZE, 256ull << 20);
}

ChildResult superviseChild(pid_t Pid, int ReadFD, const Limits &L,
                           std::chrono::steady_clock::time_point Start) {
  ChildResult R;
  auto Deadline = Start + std::chrono::seconds(L.WallSeconds);
  bool Killed = false;
  char Buf[65536];
  for (;;) {
    auto Now = std::chrono::steady_clock::now();
    if (Now >= Deadline) {
      R.TimedOut = true;
      break;
    }
    int Wait = int(
        std::chrono::duration_cast<std::chrono::milliseconds>(Deadline - Now)
            .count());
    struct pollfd P = {ReadFD, POLLIN, 0};
    int N = poll(&P, 1, Wait);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      continue; // the deadline check above ends the loop
    ssize_t Got = read(ReadFD, Buf, sizeof Buf);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      break; // EOF: the child and everything it started closed the pipe
    size_t Room = L.OutputBytes - R.Output.size();
    if (size_t(Got) > Room) {
      R.Output.append(Buf, Room);
      R.OutputTruncated = true;
      break;
    }
    R.Output.append(Buf, size_t(Got));
  }
  if (R.TimedOut || R.OutputTruncated) {
    kill(-Pid, SIGKILL);
    Killed = true;
  }
  close(ReadFD);
  int Status = 0;
  struct rusage Usage = {};
  // A child that closed its output can still be running: the deadline
  // holds until it exits.
  for (;;) {
    pid_t Done = wait4(Pid, &Status, Killed ? 0 : WNOHANG, &Usage);
    if (Done == Pid || (Done < 0 && errno != EINTR))
      break;
    if (!Killed && std::chrono::steady_clock::now() >= Deadline) {
      R.TimedOut = true;
      kill(-Pid, SIGKILL);
      Killed = true;
      continue;
    }
    if (!Killed)
      usleep(5000);
  }
  // Anything the child left behind in its group goes too.
  if (!Killed)
    kill(-Pid, SIGKILL);
  R.WallMs = std::chrono::duration<double, std::milli>(
                 std::chrono::steady_clock::now() - Start)
                 .count();
  R.MaxRSSKiB = Usage.ru_maxrss;
  if (WIFEXITED(Status))
    R.ExitCode = WEXITSTATUS(Status);
  else if (WIFSIGNALED(Status))
    R.ExitCode = 128 + WTERMSIG(Status);
  // The CPU limit and the deadline are equal for a busy loop: whichever
  // fires first, the child ran out of time.
  if (WIFSIGNALED(Status) && WTERMSIG(Status) == SIGXCPU)
    R.TimedOut = true;
  return R;
}

ChildResult forkAndSupervise(llvm::function_ref<int()> Body, const Limits &L) {
  int FDs[2];
  if (pipe2(FDs, O_CLOEXEC) != 0) {
    ChildResult R;
    R.ExitCode = 127;
    R.Output = "explorer: cannot create a pipe\n";
    return R;
  }
  // What the parent buffered must not be written twice.
  fflush(nullptr);
  auto Start = std::chrono::steady_clock::now();
  pid_t Pid = fork();
  if (Pid < 0) {
    close(FDs[0]);
    close(FDs[1]);
    ChildResult R;
    R.ExitCode = 127;
    R.Output = "explorer: cannot fork\n";
    return R;
  }
  if (Pid == 0) {
    close(FDs[0]);
    enterChild(FDs[1], L);
    int RC = Body();
    fflush(nullptr);
    _exit(RC);
  }
  close(FDs[1]);
  // Both sides set the group, so that a kill right after fork finds it.
  setpgid(Pid, Pid);
  return superviseChild(Pid, FDs[0], L, Start);
}

} // namespace

ChildResult gm::explore::runInChild(llvm::function_ref<int()> Work,
                                    const Limits &L) {
  return forkAndSupervise(Work, L);
}

int gm::explore::runOnCompilerStack(llvm::function_ref<int()> Work) {
  int Result = 1;
  llvm::thread T(std::optional<unsigned>(gm::lang::CompilerStackBytes),
                 [&] { Result = Work(); });
  T.join();
  return Result;
}

ChildResult gm::explore::runProgram(llvm::ArrayRef<std::string> Argv,
                                    const Limits &L) {
  // Built before fork: the child only calls async-signal-safe functions.
  std::vector<char *> Args;
  for (const std::string &A : Argv)
    Args.push_back(const_cast<char *>(A.c_str()));
  Args.push_back(nullptr);
  return forkAndSupervise(
      [&] {
        execv(Args[0], Args.data());
        static const char Msg[] = "explorer: cannot execute the program\n";
        ssize_t Ignored = write(2, Msg, sizeof Msg - 1);
        (void)Ignored;
        return 127;
      },
      L);
}
