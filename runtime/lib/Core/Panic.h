//===- Panic.h - Panics and fatal errors inside the runtime -----*- C++ -*-===//
//
// Internal to the runtime: how runtime code (the map included) reports Go's
// run-time panics and fatal errors. Output and exit codes follow Go: the
// message, a blank line, "goroutine 1 [running]:" and a backtrace, on stderr
// after stdout has been flushed; exit status 2.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_CORE_PANIC_H
#define GM_RUNTIME_CORE_PANIC_H

namespace gm::rt {

/// "panic: runtime error: <Msg>" (index out of range, nil dereference, ...).
[[noreturn]] void panicRuntimeError(const char *Msg);

/// "panic: <Msg>" for runtime errors Go prints without the "runtime error: "
/// prefix ("assignment to entry in nil map").
[[noreturn]] void panicPlainError(const char *Msg);

/// "fatal error: <Msg>": unrecoverable errors such as concurrent map writes.
[[noreturn]] void fatalError(const char *Msg);

/// Writes out everything fmt has buffered for stdout.
void flushStdout();

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_PANIC_H
