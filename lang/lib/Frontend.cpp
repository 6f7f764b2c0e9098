//===- Frontend.cpp - gm front-end entry points ---------------------------===//
//
// parseAndCheck runs the layers in order: the lexer and parser build the
// AST; if the file has no syntax errors, Sema checks and annotates it
// (lexical errors, such as an unknown escape, do not stop it, as in Go).
// Diagnostics are buffered and printed sorted by position, capped at 10
// errors, as Go's compiler does.
//
// Under -ftime-report (llvm::TimePassesIsEnabled) each layer is timed in the
// "gm front end" group. The parser pulls tokens from the lexer as it goes,
// so lexing is timed by a separate lexer-only pass over the buffer, run only
// for the report; "Parsing" includes lexing.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Frontend.h"
#include "Sema.h"
#include "gm/lang/AST.h"
#include "gm/lang/Diagnostic.h"
#include "gm/lang/Lexer.h"
#include "gm/lang/Parser.h"
#include "llvm/Pass.h" // llvm::TimePassesIsEnabled, set by gmc -ftime-report
#include "llvm/Support/Timer.h"

using namespace gm::lang;

std::unique_ptr<CompilationUnit>
gm::lang::parseAndCheck(llvm::SourceMgr &SM, DiagnosticEngine &Diags) {
  auto CU = std::make_unique<CompilationUnit>();
  CU->setSourceMgr(&SM);
  unsigned Buffer = SM.getMainFileID();
  if (Buffer == 0 || Buffer > SM.getNumBuffers())
    return nullptr;
  const char *Group = "gm-frontend", *GroupDesc = "gm front end";
  bool Time = llvm::TimePassesIsEnabled;
  if (Time) {
    llvm::NamedRegionTimer T("lex", "Lexing (separate pass, for this report)",
                             Group, GroupDesc);
    DiagnosticEngine Quiet(SM, llvm::nulls());
    Quiet.setPrintDiagnostics(false);
    Lexer Lex(SM, Buffer, Quiet);
    while (Lex.lex().isNot(tok::eof))
      ;
  }
  unsigned ErrorsBefore = Diags.numErrors();
  Diags.beginBuffering();
  bool ParsedOK;
  {
    llvm::NamedRegionTimer T("parse", "Parsing (including lexing)", Group,
                             GroupDesc, Time);
    Lexer Lex(SM, Buffer, Diags);
    Parser P(Lex, Diags, *CU);
    ParsedOK = P.parseFile();
  }
  // As in Go's compiler, a file whose only errors are lexical (an unknown
  // escape, not a "syntax error") is still type-checked: parseFile says so.
  if (ParsedOK) {
    llvm::NamedRegionTimer T("check", "Type checking", Group, GroupDesc, Time);
    Sema S(*CU, Diags);
    S.check();
  }
  Diags.flush();
  if (Diags.numErrors() != ErrorsBefore)
    return nullptr;
  return CU;
}
