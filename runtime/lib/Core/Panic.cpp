//===- Panic.cpp - Panics, recover and fatal errors -----------------------===//
//
// A panic unwinds, as a foreign exception, to the landing pads gmc emits in
// functions with defers (see "Defer and recover" below and docs/runtime.md).
// One that no deferred call recovers ends the program the way an
// unrecovered Go panic does:
//
//   panic: runtime error: index out of range [5] with length 3
//   <blank line>
//   goroutine 1 [running]:
//   main.main()
//   ...
//
// on stderr after stdout has been flushed, exit status 2. The first line is
// Go's exactly (tests compare it); the frames are gm's own, named by dladdr
// (gmc links programs with -rdynamic so that main.* symbols are visible).
//
// The one exception is a String or Error method that fmt or panic() calls:
// Go's fmt recovers its panics and prints "%!v(PANIC=String method: ...)",
// and panic() turns them into "fatal error: panic while printing panic
// value". callCatchingPanic provides that: it records a catch point
// (sigsetjmp), and a panic raised below it jumps back there with its value.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Race.h"
#include "Core/Runtime.h"

#include <gc/gc.h>

#include <csetjmp>
#include <cstring>
#include <dlfcn.h>
#include <execinfo.h>
#include <iterator>
#include <map>
#include <mutex>
#include <unistd.h>
#include <unwind.h>
#include <vector>

namespace gm::rt {

/// A callCatchingPanic in progress. They nest: a String method may call fmt,
/// which calls another String method.
struct PanicCatcher {
  sigjmp_buf Env;
  PanicCatcher *Prev;
  PanicValue *Caught;
};
namespace {

PanicCatcher *&innermostCatcher() { return goroutineLocals().InnermostCatcher; }

/// Hands P to the innermost catcher, if any; returns only if there is none.
void unwindToCatcher(PanicValue P) {
  PanicCatcher *C = innermostCatcher();
  if (!C)
    return;
  innermostCatcher() = C->Prev;
  *C->Caught = std::move(P);
  raceEndIgnores();
  // Also leaves the SIGSEGV handler when the panic is a fault; the saved
  // signal mask is restored with the registers.
  siglongjmp(C->Env, 1);
}

/// Appends "goroutine N [running]:" and one "name()" line per frame of the
/// calling program, skipping the runtime's own C++ frames.
void appendTraceback(std::string &Out) {
  Out += "goroutine " + std::to_string(currentGoroutineId()) + " [running]:\n";
  void *Frames[64];
  int N = ::backtrace(Frames, 64);
  for (int I = 0; I < N; ++I) {
    Dl_info Info;
    const char *Name = nullptr;
    uintptr_t Offset = 0;
    // A return address, less one, lies in the call: a call to a noreturn
    // panic is often a function's last instruction, and its return address
    // is then the first byte past the function (as Go's traceback knows).
    uintptr_t PC = uintptr_t(Frames[I]);
    if (::dladdr(reinterpret_cast<void *>(PC - 1), &Info) && Info.dli_sname) {
      Name = Info.dli_sname;
      Offset = PC - uintptr_t(Info.dli_saddr);
    }
    // Leave out the runtime: its Go-named entry points (hidden by Go's
    // traceback too), mangled C++ names and functions without a dynamic
    // symbol.
    if (!Name || std::strncmp(Name, "_Z", 2) == 0 ||
        std::strncmp(Name, "runtime.", 8) == 0 ||
        std::strstr(Name, "_interceptor_")) // -race's backtrace()
      continue;
    if (std::strcmp(Name, "main") == 0 ||
        std::strncmp(Name, "__libc_start", 12) == 0)
      break; // Below the program.
    Out += Name;
    Out += "(...)\n\t+";
    appendPrintHex(Out, Offset);
    Out += '\n';
  }
}

/// Go's printpanicval: how panic(v) shows v.
void appendPanicValue(std::string &Out, ValueRef V) {
  const TypeDesc *T = V.Type;
  if (!T || T->Kind == TypeKind::Nil) {
    Out += "nil";
    return;
  }
  // Named basic types print as Name(value); unnamed ones bare.
  bool Wrap = T->Flags & TypeNamed;
  const char *P = static_cast<const char *>(V.Data);
  auto Open = [&](bool Quote) {
    if (!Wrap)
      return;
    Out += T->Name;
    Out += Quote ? "(\"" : "(";
  };
  auto Close = [&](bool Quote) {
    if (Wrap)
      Out += Quote ? "\")" : ")";
  };
  auto Load = [&](auto Zero) {
    decltype(Zero) X;
    std::memcpy(&X, P, sizeof(X));
    return X;
  };
  switch (T->Kind) {
  case TypeKind::Bool:
    Open(false);
    Out += Load(bool()) ? "true" : "false";
    Close(false);
    return;
  case TypeKind::Int:
  case TypeKind::Int64:
    Open(false);
    appendPrintInt(Out, Load(int64_t()));
    Close(false);
    return;
  case TypeKind::Int8:
    Open(false);
    appendPrintInt(Out, Load(int8_t()));
    Close(false);
    return;
  case TypeKind::Int16:
    Open(false);
    appendPrintInt(Out, Load(int16_t()));
    Close(false);
    return;
  case TypeKind::Int32:
    Open(false);
    appendPrintInt(Out, Load(int32_t()));
    Close(false);
    return;
  case TypeKind::Uint:
  case TypeKind::Uint64:
  case TypeKind::Uintptr:
    Open(false);
    appendPrintUint(Out, Load(uint64_t()));
    Close(false);
    return;
  case TypeKind::Uint8:
    Open(false);
    appendPrintUint(Out, Load(uint8_t()));
    Close(false);
    return;
  case TypeKind::Uint16:
    Open(false);
    appendPrintUint(Out, Load(uint16_t()));
    Close(false);
    return;
  case TypeKind::Uint32:
    Open(false);
    appendPrintUint(Out, Load(uint32_t()));
    Close(false);
    return;
  case TypeKind::Float32:
    Open(false);
    appendPrintFloat(Out, Load(float()));
    Close(false);
    return;
  case TypeKind::Float64:
    Open(false);
    appendPrintFloat(Out, Load(double()));
    Close(false);
    return;
  case TypeKind::String: {
    Open(true);
    auto S = Load(GoString());
    Out.append(reinterpret_cast<const char *>(S.Data), size_t(S.Len));
    Close(true);
    return;
  }
  case TypeKind::Pointer:
  case TypeKind::Map:
  case TypeKind::Func:
  case TypeKind::Chan:
    // Pointer-shaped values are stored in the interface word itself.
    Out += '(';
    Out += T->Name;
    Out += ") ";
    appendPrintHex(Out, uint64_t(uintptr_t(Load((void *)nullptr))));
    return;
  default:
    // Everything else is boxed: Go prints the box's address.
    Out += '(';
    Out += T->Name;
    Out += ") ";
    appendPrintHex(Out, uint64_t(uintptr_t(V.Data)));
    return;
  }
}

/// The panic value's Error() or String(), for panic(v): Go prints that text
/// as it is. A method that panics itself is a fatal error in Go.
std::string callPanicValueMethod(StringMethodFn Method, const void *Data) {
  GoString Result;
  PanicValue Inner;
  if (callCatchingPanic(Method, Data, Result, Inner))
    return std::string(reinterpret_cast<const char *>(Result.Data),
                       size_t(Result.Len));
  // Go's preprintpanics: a string panic shows its text, anything else only
  // its type.
  std::string Msg = "panic while printing panic value: ";
  const TypeDesc *T = Inner.Value.Type;
  if (T && T->Kind == TypeKind::String && !(T->Flags & TypeNamed)) {
    GoString S;
    std::memcpy(&S, Inner.Value.Data, sizeof(S));
    Msg.append(reinterpret_cast<const char *>(S.Data), size_t(S.Len));
  } else if (T) {
    Msg += "type ";
    Msg += T->Kind == TypeKind::Nil ? "nil" : T->Name;
  } else if (Inner.GoType) {
    Msg += "type ";
    Msg += Inner.GoType;
  } else {
    Msg += Inner.Text;
  }
  dieWithFatalError(Msg);
}

} // namespace

/// One panic in flight (Go's _panic). The unwind header comes first: the
/// landing pads gmc emits receive its address as the exception pointer.
struct GoPanic {
  _Unwind_Exception Header;
  PanicValue Value;
  /// "[signal SIGSEGV: ...]" for a fault.
  std::string SignalLine;
  /// The panic that was in flight when this one started.
  GoPanic *Link = nullptr;
  bool Recovered = false;
  bool Aborted = false;
};

namespace {

/// The panics in flight, newest first (Go's gp._panic).
GoPanic *&panics() { return goroutineLocals().Panics; }
/// The entry point of the deferred call a landing pad is making for a
/// panic: only that function's recover() stops it (Go: recover called
/// directly by the deferred function).
const void *&armedEntry() { return goroutineLocals().ArmedEntry; }

/// "GM\0GOPAN": gm's exception class, foreign to C++.
constexpr uint64_t GoPanicClass = 0x474d00474f50414eULL;

GoPanic *newPanic(PanicValue P) {
  // Uncollectable: the collector must see the value it holds, and panics
  // are few.
  void *Mem = GC_MALLOC_UNCOLLECTABLE(sizeof(GoPanic));
  auto *G = new (Mem) GoPanic();
  G->Value = std::move(P);
  G->Link = panics();
  panics() = G;
  return G;
}

/// What "panic: " prints for P.
std::string panicText(const PanicValue &P) {
  if (!P.Value.Type)
    return P.Text;
  ValueRef V = valueRef(P.Value);
  std::string Text;
  StringMethodFn Method = nullptr;
  if (V.Type)
    Method = V.Type->ErrorMethod ? V.Type->ErrorMethod : V.Type->StringMethod;
  if (Method)
    Text = callPanicValueMethod(Method, V.Data);
  else
    appendPanicValue(Text, V);
  return Text;
}

/// Go's printpanics: the panics in flight, oldest first, each recovered one
/// marked, then the newest one's signal line and the traceback; exit 2.
[[noreturn]] void dieWithPanics() {
  std::vector<GoPanic *> Chain;
  for (GoPanic *G = panics(); G; G = G->Link)
    Chain.push_back(G);
  std::vector<std::string> Texts;
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It)
    Texts.push_back(panicText((*It)->Value));
  flushStdout();
  std::string Out;
  for (size_t I = 0; I < Texts.size(); ++I) {
    if (I)
      Out += '\t';
    Out += "panic: " + Texts[I];
    if (Chain[Chain.size() - 1 - I]->Recovered)
      Out += " [recovered]";
    Out += '\n';
  }
  if (!Chain.empty() && !Chain.front()->SignalLine.empty())
    Out += Chain.front()->SignalLine + "\n";
  Out += '\n';
  appendTraceback(Out);
  writeStderr(Out);
  exitProcess(2);
}

/// Unwinds to the nearest gm frame with defers; with none left, the panic
/// ends the program.
[[noreturn]] void raise(GoPanic *G) {
  // The runtime frames it leaves end no ignores of theirs (Race.h).
  raceEndIgnores();
  std::memset(&G->Header, 0, sizeof(G->Header));
  G->Header.exception_class = GoPanicClass;
  _Unwind_RaiseException(&G->Header);
  dieWithPanics();
}

[[noreturn]] void startPanic(PanicValue P) {
  unwindToCatcher(P);
  raise(newPanic(std::move(P)));
}

/// panic(nil)'s value while it is in flight: "panic: nil" in Go 1.19.
const TypeDesc NilPanicType = [] {
  TypeDesc T = {};
  T.Name = "nil";
  T.Kind = TypeKind::Nil;
  return T;
}();

/// A runtime error's own Error(): its text, stored as the (boxed) value.
/// Also the method of the runtime error types' tables, which itabs call
/// with the data word.
GoString runtimeErrorText(const void *Data) {
  return *static_cast<const GoString *>(Data);
}
void runtimeErrorMarker(const void *) {}

/// The methods of the runtime's error types: error's Error and
/// runtime.Error's RuntimeError, so that recover()'s value asserts to both.
const MethodDesc RuntimeErrorMethods[] = {
    {"Error", "func() string", reinterpret_cast<void *>(&runtimeErrorText)},
    {"RuntimeError", "func()", reinterpret_cast<void *>(&runtimeErrorMarker)},
};

/// What recover() returns for P: the value panic(v) was given, or for the
/// runtime's own panics an error whose Error() is the message (of Go's
/// type, as %T prints it), or a plain string.
Eface recoveredValue(const PanicValue &P) {
  if (P.Value.Type == &NilPanicType)
    return {nullptr, nullptr}; // Go 1.19: recover() returns panic(nil)'s nil.
  if (P.Value.Type)
    return P.Value;
  // Goroutines recover at once; descriptors are made once, never moved.
  static std::mutex ErrorTypesLock;
  static std::map<std::string, TypeDesc> ErrorTypes;
  const TypeDesc &StringType = runtimeStringType();
  auto *Text =
      static_cast<GoString *>(mallocgc(sizeof(GoString), /*HasPointers=*/true));
  *Text = newString(P.Text);
  if (!P.GoType)
    return {&StringType, Text};
  std::lock_guard<std::mutex> Guard(ErrorTypesLock);
  auto [It, New] = ErrorTypes.try_emplace(P.GoType);
  TypeDesc &T = It->second;
  if (New) {
    T = StringType;
    T.Name = It->first.c_str();
    T.Flags = TypeNamed;
    T.ErrorMethod = runtimeErrorText;
    T.Methods = RuntimeErrorMethods;
    T.NumMethods = std::size(RuntimeErrorMethods);
  }
  return {&T, Text};
}

} // namespace

bool callCatchingPanic(StringMethodFn Method, const void *Receiver,
                       GoString &Result, PanicValue &Caught) {
  PanicCatcher C;
  C.Prev = innermostCatcher();
  C.Caught = &Caught;
  if (sigsetjmp(C.Env, /*savemask=*/1) != 0)
    return false; // unwindToCatcher already popped C.
  innermostCatcher() = &C;
  Result = Method(Receiver);
  innermostCatcher() = C.Prev;
  return true;
}

void dieWithPanic(const std::string &Text, const std::string &SignalLine,
                  const char *GoType) {
  PanicValue P;
  P.Text = Text;
  P.GoType = GoType;
  unwindToCatcher(P);
  // A fault is not recoverable in gm (see the file comment): the panic ends
  // the program, after those already in flight.
  GoPanic *G = newPanic(std::move(P));
  G->SignalLine = SignalLine;
  dieWithPanics();
}

void dieWithFatalError(const std::string &Text, const std::string &Prefix) {
  flushStdout();
  std::string Out = Prefix + "fatal error: " + Text + "\n\n";
  appendTraceback(Out);
  writeStderr(Out);
  exitProcess(2);
}

void panicRuntimeError(const char *Msg, const char *GoType) {
  PanicValue P;
  P.Text = std::string("runtime error: ") + Msg;
  P.GoType = GoType;
  startPanic(std::move(P));
}

void panicPlainError(const char *Msg, const char *GoType) {
  PanicValue P;
  P.Text = Msg;
  P.GoType = GoType;
  startPanic(std::move(P));
}

void panicGoString(const char *Msg) {
  PanicValue P;
  P.Text = Msg;
  startPanic(std::move(P));
}

void fatalError(const char *Msg) { dieWithFatalError(Msg); }

void gopanic(Eface V) {
  // The value outlives the frame that panics (recover returns it), which
  // may have boxed it on its stack: a boxed value is copied to the heap.
  PanicValue P;
  P.Value = V;
  if (!V.Type)
    P.Value.Type = &NilPanicType;
  else if (!(V.Type->Flags & TypeDirectIface) && V.Data) {
    uint64_t Size = V.Type->Size;
    void *Copy = mallocgc(Size ? Size : 1, /*HasPointers=*/true);
    std::memcpy(Copy, V.Data, Size);
    P.Value.Data = Copy;
  }
  startPanic(std::move(P));
}

//===----------------------------------------------------------------------===//
// Defer and recover: the entry points of gmc's landing pads
//===----------------------------------------------------------------------===//

void panicland(void *Exc, void *Handling) {
  // The frame was running defers for another panic when this one reached
  // it: that one is aborted (Go prints it, but it no longer runs).
  if (Handling && Handling != Exc)
    static_cast<GoPanic *>(Handling)->Aborted = true;
}

void armrecover(void *Entry) { armedEntry() = Entry; }

void forwardrecover(void *From, void *To) {
  if (armedEntry() == From)
    armedEntry() = To;
}

bool canrecover(void *Self) {
  if (armedEntry() != Self)
    return false;
  armedEntry() = nullptr;
  return true;
}

bool panicrecovered(void *Exc) {
  armedEntry() = nullptr;
  auto *G = static_cast<GoPanic *>(Exc);
  if (!G->Recovered)
    return false;
  // Go's recovery: the panic leaves the list with the panics it aborted.
  panics() = G->Link;
  while (panics() && panics()->Aborted)
    panics() = panics()->Link;
  return true;
}

void continuepanic(void *Exc) {
  armedEntry() = nullptr;
  raise(static_cast<GoPanic *>(Exc));
}

Eface gorecover(bool Eligible) {
  GoPanic *G = panics();
  if (!Eligible || !G || G->Recovered)
    return {nullptr, nullptr};
  G->Recovered = true;
  return recoveredValue(G->Value);
}

void panicIndex(int64_t X, int64_t Y) {
  std::string Msg = "index out of range [";
  appendPrintInt(Msg, X);
  Msg += ']';
  if (X >= 0) {
    Msg += " with length ";
    appendPrintInt(Msg, Y);
  }
  panicRuntimeError(Msg.c_str(), "runtime.boundsError");
}

void panicSliceBounds(int64_t Code, int64_t X, int64_t Y) {
  // Go's boundsErrorFmt and, for negative x, boundsNegErrorFmt (which leave
  // out y). "%x" and "%y" stand for the two operands.
  static const char *const Formats[] = {
      "slice bounds out of range [:%x] with length %y",
      "slice bounds out of range [:%x] with capacity %y",
      "slice bounds out of range [%x:%y]",
      "slice bounds out of range [::%x] with length %y",
      "slice bounds out of range [::%x] with capacity %y",
      "slice bounds out of range [:%x:%y]",
      "slice bounds out of range [%x:%y:]",
  };
  static const char *const NegFormats[] = {
      "slice bounds out of range [:%x]",  "slice bounds out of range [:%x]",
      "slice bounds out of range [%x:]",  "slice bounds out of range [::%x]",
      "slice bounds out of range [::%x]", "slice bounds out of range [:%x:]",
      "slice bounds out of range [%x::]",
  };
  if (Code < 0 || Code > Slice3C)
    fatalError("panicSliceBounds: bad code");
  const char *Format = X < 0 ? NegFormats[Code] : Formats[Code];
  std::string Msg;
  for (const char *P = Format; *P; ++P) {
    if (P[0] == '%' && (P[1] == 'x' || P[1] == 'y')) {
      appendPrintInt(Msg, P[1] == 'x' ? X : Y);
      ++P;
      continue;
    }
    Msg += *P;
  }
  panicRuntimeError(Msg.c_str(), "runtime.boundsError");
}

void panicSliceConvert(int64_t X, int64_t Y) {
  // Go 1.19's boundsErrorFmt[boundsConvert]; x is the array length.
  std::string Msg = "cannot convert slice with length ";
  appendPrintInt(Msg, Y);
  Msg += " to pointer to array with length ";
  appendPrintInt(Msg, X);
  panicRuntimeError(Msg.c_str(), "runtime.boundsError");
}

void panicdivide() { panicRuntimeError("integer divide by zero"); }

void panicshift() { panicRuntimeError("negative shift amount"); }

void panicmem() {
  panicRuntimeError("invalid memory address or nil pointer dereference");
}

void panicwrap(GoString Msg) {
  dieWithPanic(
      std::string(reinterpret_cast<const char *>(Msg.Data), size_t(Msg.Len)),
      "", "runtime.plainError");
}

void panicmakeslicelen() { panicRuntimeError("makeslice: len out of range"); }

void panicmakeslicecap() { panicRuntimeError("makeslice: cap out of range"); }

} // namespace gm::rt
