//===- Runtime.h - Shared internals of the language runtime -----*- C++ -*-===//
//
// Internal to lib/Core: the stdout buffer, stderr output, string allocation
// and the process set-up main() performs. Entry points that generated code
// calls are declared in gm/runtime/ABI.h, not here.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_CORE_RUNTIME_H
#define GM_RUNTIME_CORE_RUNTIME_H

#include "gm/runtime/ABI.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace gm::rt {

/// A typed pointer to a value the runtime only reads: what fmt and panic
/// walk.
struct ValueRef {
  const TypeDesc *Type;
  const void *Data;
};

/// The value an interface holds. For a direct type the pointer is into E
/// itself, so E must outlive the result.
inline ValueRef valueRef(const Eface &E) {
  return {E.Type, E.Type ? interfaceValuePointer(E.Type, E.Data) : nullptr};
}

/// The dynamic type of a non-empty interface value, null for nil.
inline const TypeDesc *dynamicType(const Iface &I) {
  return I.Tab ? I.Tab->Type : nullptr;
}

/// The value held by the interface stored at Slot, an interface of type
/// IfaceT (an Eface or, with methods, an Iface): its dynamic type (null for
/// nil) and where the value is, which may be inside *Slot.
inline ValueRef interfaceValueAt(const TypeDesc *IfaceT, const void *Slot) {
  const auto &E = *static_cast<const Eface *>(Slot);
  const TypeDesc *T = IfaceT->NumMethods
                          ? dynamicType(*static_cast<const Iface *>(Slot))
                          : E.Type;
  return {T, T ? interfaceValuePointer(T, E.Data) : nullptr};
}

/// Descriptors of the runtime's own types (runtime errors, fmt.Errorf's
/// errors, sort.Reverse's result), laid out as gmc lays out its own
/// (Iface.cpp).
const TypeDesc &runtimeStringType();
/// *Elem, named Name, with method table Methods: a pointer lives in the
/// data word and compares by address.
TypeDesc runtimePointerType(const char *Name, const TypeDesc *Elem,
                            const MethodDesc *Methods, uint32_t NumMethods);

/// The itab of interface type Inter for concrete type T, built on first use
/// and cached; null when T lacks one of Inter's methods (Iface.cpp).
const Itab *findItab(const TypeDesc *Inter, const TypeDesc *T);

struct GoPanic;
struct PanicCatcher;

/// What the runtime keeps per goroutine rather than per thread: a goroutine
/// that parks may resume on another thread (Panic.cpp owns the fields).
struct GoroutineLocals {
  /// The panics in flight, newest first (Go's gp._panic).
  GoPanic *Panics;
  /// The deferred call whose recover() may stop the current panic.
  const void *ArmedEntry;
  /// The innermost callCatchingPanic in progress.
  PanicCatcher *InnermostCatcher;
};

/// -race: the ThreadSanitizer ignores in force in the running context (a
/// goroutine, or a thread's scheduler), which a panic must end (Race.h).
struct RaceIgnoreCounts {
  uint32_t Accesses;
  uint32_t Sync;
};
RaceIgnoreCounts &raceIgnoreCounts();

/// The running goroutine's (Sched/Scheduler.cpp).
GoroutineLocals &goroutineLocals();

/// The running goroutine's number, as tracebacks print it (main is 1).
int64_t currentGoroutineId();

/// Appends to the stdout buffer (fmt's output). The buffer is written out
/// when it fills, before any stderr output, and by flushStdout() (exit,
/// os.Exit, panics, fatal errors); on a terminal it is not buffered at all.
void writeStdout(const char *Data, size_t Len);

/// Writes to stderr (print/println and panic messages), unbuffered as in Go,
/// after flushing stdout so that the two streams interleave as Go's do.
void writeStderr(const char *Data, size_t Len);
inline void writeStderr(const std::string &S) {
  writeStderr(S.data(), S.size());
}

/// Flushes stdout and ends the process with Code, like os.Exit.
[[noreturn]] void exitProcess(int Code);

/// A new GC-allocated (pointer-free) Go string holding a copy of Data.
GoString newString(const char *Data, size_t Len);
inline GoString newString(const std::string &S) {
  return newString(S.data(), S.size());
}

/// Go's roundupsize(): the malloc size class a request of Size bytes gets.
uint64_t roundUpSize(uint64_t Size);

/// The print builtin's spellings (see Print.cpp), appended to Out.
void appendPrintInt(std::string &Out, int64_t V);
void appendPrintUint(std::string &Out, uint64_t V);
void appendPrintHex(std::string &Out, uint64_t V);
void appendPrintFloat(std::string &Out, double V);

/// For hardware faults, which gm does not unwind (Panic.cpp): ends the
/// program the way Go's runtime does for an unrecovered panic, after any
/// panics still in flight:
/// flushes stdout, writes "panic: " + Text + "\n", the optional SignalLine
/// ("[signal SIGSEGV: ...]"), a blank line, "goroutine 1 [running]:" and a
/// backtrace to stderr, and exits with status 2. Under callCatchingPanic
/// (Panic.h) the panic unwinds to the catcher instead, as a value of GoType.
[[noreturn]] void dieWithPanic(const std::string &Text,
                               const std::string &SignalLine = "",
                               const char *GoType = "runtime.errorString");

/// Same for Go's throw(): Prefix (Go's "runtime: ..." lines, if any), then
/// "fatal error: " + Text, a blank line and the backtrace; exit status 2.
[[noreturn]] void dieWithFatalError(const std::string &Text,
                                    const std::string &Prefix = "");

/// Initialises the collector, raises the stack limit and installs the SIGSEGV
/// handler that turns nil dereferences into Go's panic. Called by main().
void initRuntime();
/// Records main()'s arguments for package os.
void setCommandLine(int Argc, char **Argv);
/// Starts the monotonic clock of package time.
void recordStartTime();

/// Runs the program: main.init, main.main, then flushes stdout and exits
/// (never returns).
int runProgram(void (*Init)(), void (*Main)());

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_RUNTIME_H
