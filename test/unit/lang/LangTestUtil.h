//===- LangTestUtil.h - helpers for front-end unit tests --------*- C++ -*-===//

#ifndef GM_TEST_UNIT_LANG_LANGTESTUTIL_H
#define GM_TEST_UNIT_LANG_LANGTESTUTIL_H

#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Frontend/Frontend.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>

namespace gm::lang::test {

/// A source buffer with a diagnostics engine that records messages
/// instead of printing them.
struct Source {
  llvm::SourceMgr SM;
  std::string Output;
  llvm::raw_string_ostream OS{Output};
  DiagnosticEngine Diags{SM, OS};

  explicit Source(llvm::StringRef Text) {
    SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Text, "t.gm"),
                          llvm::SMLoc());
    Diags.setErrorLimit(0);
  }
  /// All messages joined by newlines.
  std::string messages() const {
    std::string S;
    for (const std::string &M : Diags.messages())
      S += M + "\n";
    return S;
  }
};

/// Checks a whole program; returns the messages ("" when it is valid).
inline std::string check(llvm::StringRef Program) {
  Source S(Program);
  auto CU = parseAndCheck(S.SM, S.Diags);
  if (CU && S.Diags.hasErrors())
    return "<unit returned despite errors>";
  if (!CU && !S.Diags.hasErrors())
    return "<no unit and no errors>";
  return S.messages();
}

/// Wraps statements in `package main; func main() { ... }`.
inline std::string checkBody(llvm::StringRef Body) {
  return check(("package main\n\nfunc main() {\n" + Body + "\n}\n").str());
}

} // namespace gm::lang::test

#endif
