//===- Diagnostic.h - gm diagnostics engine ---------------------*- C++ -*-===//
//
// Every user-facing message of the front end is declared once, in
// DiagnosticKinds.def, and emitted through DiagnosticEngine::report:
//
//   Diags.report(Loc, diag::err_undefined) << Name;
//
// Messages are printed clang-style through llvm::SourceMgr::PrintMessage
// (`file.gm:L:C: error: message`, the source line, a caret). Like Go's
// compiler, the engine stops printing after ErrorLimit (10) errors and then
// prints `too many errors` once.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_BASIC_DIAGNOSTIC_H
#define GM_LANG_BASIC_DIAGNOSTIC_H

#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace gm::lang {

class Type;

namespace diag {
enum Kind : unsigned {
#define DIAG(ID, LEVEL, MSG) ID,
#include "gm/lang/Basic/DiagnosticKinds.def"
  NumDiagnostics
};
} // namespace diag

class DiagnosticEngine;

/// Collects the %N arguments of one diagnostic; emits it when destroyed.
class DiagnosticBuilder {
public:
  DiagnosticBuilder(DiagnosticEngine *Engine, llvm::SMLoc Loc, diag::Kind K)
      : Engine(Engine), Loc(Loc), K(K) {}
  DiagnosticBuilder(DiagnosticBuilder &&Other)
      : Engine(Other.Engine), Loc(Other.Loc), K(Other.K),
        Args(std::move(Other.Args)) {
    Other.Engine = nullptr;
  }
  DiagnosticBuilder(const DiagnosticBuilder &) = delete;
  DiagnosticBuilder &operator=(const DiagnosticBuilder &) = delete;
  ~DiagnosticBuilder();

  DiagnosticBuilder &operator<<(llvm::StringRef S) {
    Args.push_back(S.str());
    return *this;
  }
  DiagnosticBuilder &operator<<(const char *S) {
    Args.push_back(S);
    return *this;
  }
  DiagnosticBuilder &operator<<(const std::string &S) {
    Args.push_back(S);
    return *this;
  }
  DiagnosticBuilder &operator<<(int64_t V) {
    Args.push_back(std::to_string(V));
    return *this;
  }
  DiagnosticBuilder &operator<<(int V) { return *this << int64_t(V); }
  DiagnosticBuilder &operator<<(unsigned V) { return *this << int64_t(V); }
  DiagnosticBuilder &operator<<(uint64_t V) {
    Args.push_back(std::to_string(V));
    return *this;
  }
  DiagnosticBuilder &operator<<(const llvm::APSInt &V) {
    llvm::SmallString<32> S;
    V.toString(S, 10);
    Args.push_back(std::string(S));
    return *this;
  }
  /// Types print as Go's %T prints them (see typeString).
  DiagnosticBuilder &operator<<(const Type *T);

private:
  DiagnosticEngine *Engine;
  llvm::SMLoc Loc;
  diag::Kind K;
  llvm::SmallVector<std::string, 4> Args;
};

class DiagnosticEngine {
public:
  enum Level { Error, Warning, Note };

  explicit DiagnosticEngine(llvm::SourceMgr &SM,
                            llvm::raw_ostream &OS = llvm::errs())
      : SM(SM), OS(OS) {}

  DiagnosticBuilder report(llvm::SMLoc Loc, diag::Kind K) {
    return DiagnosticBuilder(this, Loc, K);
  }

  bool hasErrors() const { return NumErrors != 0; }
  unsigned numErrors() const { return NumErrors; }
  /// Errors whose message starts with "syntax error": as in Go's compiler,
  /// only these stop the file before type checking (lexical errors do not).
  unsigned numSyntaxErrors() const { return NumSyntaxErrors; }
  /// True once the error limit was hit; the front end stops early then.
  bool hasFatalErrorOccurred() const { return LimitReached; }

  /// 0 means unlimited. Go's default (and ours) is 10.
  void setErrorLimit(unsigned Limit) { ErrorLimit = Limit; }
  /// When false, messages are counted and recorded but not printed.
  void setPrintDiagnostics(bool Print) { PrintDiagnostics = Print; }

  llvm::SourceMgr &getSourceMgr() { return SM; }

  /// While buffering, diagnostics are held back; flush() prints them sorted
  /// by position (as Go does) and applies the error limit.
  void beginBuffering() { Buffering = true; }
  void flush();

  static Level getLevel(diag::Kind K);
  static llvm::StringRef getFormat(diag::Kind K);
  /// Substitutes %0..%9 in Format with Args.
  static std::string formatMessage(llvm::StringRef Format,
                                   llvm::ArrayRef<std::string> Args);
  /// A message Go's type checker drops once an error has been reported.
  static bool isFollowOnError(llvm::StringRef Msg);

  /// Every emitted message (formatted, without location), for unit tests.
  const std::vector<std::string> &messages() const { return Messages; }

private:
  friend class DiagnosticBuilder;
  void emit(llvm::SMLoc Loc, diag::Kind K, llvm::ArrayRef<std::string> Args);

  llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
  unsigned NumErrors = 0;
  unsigned NumSyntaxErrors = 0;
  unsigned ErrorLimit = 10;
  bool LimitReached = false;
  bool DroppedLastError = false;
  bool PrintDiagnostics = true;
  std::vector<std::string> Messages;
  struct Pending {
    llvm::SMLoc Loc;
    llvm::SMLoc SortLoc; // notes sort with the error they follow
    unsigned Seq;
    Level L;
    std::string Msg;
  };
  bool Buffering = false;
  unsigned Printed = 0;
  std::vector<Pending> Queue;
  void print(const Pending &P);
  /// The terminal column of byte ByteColumn of Line, as printed.
  static unsigned displayColumn(llvm::StringRef Line, unsigned ByteColumn);

public:
  /// Longer source lines are shown clipped around the caret.
  static constexpr size_t MaxShownLineBytes = 200;
  /// About MaxShownLineBytes of Line around ByteColumn, with "..." where it
  /// was cut; ClippedColumn is ByteColumn's position in the result.
  static std::string clipLine(llvm::StringRef Line, unsigned ByteColumn,
                              unsigned &ClippedColumn);
};

} // namespace gm::lang

#endif // GM_LANG_BASIC_DIAGNOSTIC_H
