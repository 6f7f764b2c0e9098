//===- Signal.cpp - Process set-up: GC, stack limit, SIGSEGV --------------===//
//
// Go turns a fault on a small address into the run-time panic
//
//   panic: runtime error: invalid memory address or nil pointer dereference
//   [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x...]
//
// so gmc can rely on the hardware for nil checks. (A SIGFPE, which gmc's
// explicit divisor checks should make impossible, reports a zero divisor.) The
// handler runs on an alternate stack so that it also catches stack exhaustion,
// which Go reports as "fatal error: stack overflow". Go's goroutine stacks grow
// to 1 GB; the main thread's stack limit is raised as far as the hard limit
// allows so that deep recursion fails late, as it does in Go.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <gc/gc.h>

#include <csignal>
#include <cstdlib>
#include <sys/resource.h>
#include <ucontext.h>

namespace gm::rt {
namespace {

/// Go reports faults below this address as nil dereferences.
constexpr uintptr_t NilPageLimit = 0x1000;
/// A fault this close to the stack pointer is taken to be stack exhaustion.
constexpr uintptr_t StackGuardDistance = 256 * 1024;
/// Go's maximum goroutine stack size (runtime/debug.SetMaxStack default).
constexpr rlim_t GoMaxStack = 1000000000;

uintptr_t faultPC(void *Context) {
#if defined(__x86_64__)
  return uintptr_t(
      static_cast<ucontext_t *>(Context)->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return uintptr_t(static_cast<ucontext_t *>(Context)->uc_mcontext.pc);
#else
  return 0;
#endif
}

uintptr_t faultSP(void *Context) {
#if defined(__x86_64__)
  return uintptr_t(
      static_cast<ucontext_t *>(Context)->uc_mcontext.gregs[REG_RSP]);
#elif defined(__aarch64__)
  return uintptr_t(static_cast<ucontext_t *>(Context)->uc_mcontext.sp);
#else
  return 0;
#endif
}

void onFault(int Sig, siginfo_t *Info, void *Context) {
  auto Addr = uintptr_t(Info->si_addr);
  uintptr_t PC = faultPC(Context);
  uintptr_t SP = faultSP(Context);
  bool IsSegv = Sig == SIGSEGV;
  std::string SignalLine;
  if (Sig == SIGSEGV)
    SignalLine = "[signal SIGSEGV: segmentation violation code=";
  else if (Sig == SIGFPE)
    SignalLine = "[signal SIGFPE: floating-point exception code=";
  else
    SignalLine = "[signal SIGBUS: bus error code=";
  appendPrintHex(SignalLine, uint64_t(Info->si_code));
  SignalLine += " addr=";
  appendPrintHex(SignalLine, Addr);
  SignalLine += " pc=";
  appendPrintHex(SignalLine, PC);
  SignalLine += ']';

  // gmc checks divisors explicitly; a hardware divide fault is a safety net
  // that reports what Go reports for a zero divisor.
  if (Sig == SIGFPE)
    dieWithPanic("runtime error: integer divide by zero", SignalLine);
  if (Addr < NilPageLimit)
    dieWithPanic("runtime error: invalid memory address or nil pointer "
                 "dereference",
                 SignalLine);
  if (IsSegv && SP != 0 && Addr < SP + StackGuardDistance &&
      Addr + StackGuardDistance > SP) {
    std::string Prefix = "runtime: goroutine stack exceeds 1000000000-byte "
                         "limit\nruntime: sp=";
    appendPrintHex(Prefix, SP);
    Prefix += '\n';
    dieWithFatalError("stack overflow", Prefix);
  }
  std::string Prefix = "unexpected fault address ";
  appendPrintHex(Prefix, Addr);
  Prefix += '\n';
  dieWithFatalError("fault\n" + SignalLine, Prefix);
}

void raiseStackLimit() {
  struct rlimit Limit;
  if (::getrlimit(RLIMIT_STACK, &Limit) != 0)
    return;
  rlim_t Want = GoMaxStack;
  if (Limit.rlim_max != RLIM_INFINITY && Limit.rlim_max < Want)
    Want = Limit.rlim_max;
  if (Limit.rlim_cur != RLIM_INFINITY && Limit.rlim_cur < Want) {
    Limit.rlim_cur = Want;
    ::setrlimit(RLIMIT_STACK, &Limit);
  }
}

} // namespace

void initRuntime() {
  GC_INIT();
  // The collector's warnings ("Repeated allocation of very large block")
  // would end up on the program's stderr, which Go's does not have.
  GC_set_warn_proc(GC_ignore_warn_proc);
  raiseStackLimit();

  static char AltStack[64 * 1024];
  stack_t SS = {};
  SS.ss_sp = AltStack;
  SS.ss_size = sizeof(AltStack);
  ::sigaltstack(&SS, nullptr);

  struct sigaction SA = {};
  SA.sa_sigaction = onFault;
  SA.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&SA.sa_mask);
  ::sigaction(SIGSEGV, &SA, nullptr);
  ::sigaction(SIGBUS, &SA, nullptr);
  ::sigaction(SIGFPE, &SA, nullptr);
}

int runProgram(void (*Init)(), void (*Main)()) {
  if (Init)
    Init();
  Main();
  // Go's program ends when main returns, whatever its goroutines do:
  // _exit, as exit's destructors would race with them.
  exitProcess(0);
}

} // namespace gm::rt
