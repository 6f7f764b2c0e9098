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

#include "Core/Runtime.h"

#include <string>

namespace gm::rt {

/// "panic: runtime error: <Msg>" (index out of range, nil dereference, ...).
/// GoType is the Go type of the panic value, which only shows when a String
/// or Error method panics while panic() prints its value.
[[noreturn]] void panicRuntimeError(const char *Msg,
                                    const char *GoType = "runtime.errorString");

/// "panic: <Msg>" for runtime errors Go prints without the "runtime error: "
/// prefix ("assignment to entry in nil map", "interface conversion: ...").
[[noreturn]] void panicPlainError(const char *Msg,
                                  const char *GoType = "runtime.plainError");

/// "panic: <Msg>" where Go's library code panics with a string value
/// (strconv, strings).
[[noreturn]] void panicGoString(const char *Msg);

/// A panic in flight, as a PanicCatcher receives it.
struct PanicValue {
  /// The operand of panic(v), a boxed value copied to the heap; Type is null
  /// for panics the runtime raises itself.
  Eface Value = {nullptr, nullptr};
  /// Runtime panics: the text Go's error value's Error() returns.
  std::string Text;
  /// Runtime panics: the Go type of the value ("runtime.boundsError"), or
  /// null when Go panics with a plain string.
  const char *GoType = nullptr;
};

/// Calls Method(Receiver), storing its result in Result, and returns true.
/// If the call panics, the panic stops here instead of ending the program:
/// returns false with the panic in Caught. This is the only recover gm has;
/// fmt and panic() use it around String and Error methods, as Go's do. It
/// unwinds with siglongjmp, so a panicking method's frames are abandoned
/// (their heap memory leaks; gm frames hold no other resources).
bool callCatchingPanic(StringMethodFn Method, const void *Receiver,
                       GoString &Result, PanicValue &Caught);

/// "fatal error: <Msg>": unrecoverable errors such as concurrent map writes.
[[noreturn]] void fatalError(const char *Msg);

/// Writes out everything fmt has buffered for stdout.
void flushStdout();

} // namespace gm::rt

#endif // GM_RUNTIME_CORE_PANIC_H
