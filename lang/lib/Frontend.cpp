//===- Frontend.cpp - gm front-end entry points ---------------------------===//
//
// parseAndCheck runs the layers in order: the lexer and parser build the
// AST; if the file has no syntax errors, Sema checks and annotates it.
// Diagnostics are buffered and printed sorted by position, capped at 10
// errors, as Go's compiler does.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Frontend.h"
#include "Sema.h"
#include "gm/lang/AST.h"
#include "gm/lang/Diagnostic.h"
#include "gm/lang/Lexer.h"
#include "gm/lang/Parser.h"

using namespace gm::lang;

std::unique_ptr<CompilationUnit>
gm::lang::parseAndCheck(llvm::SourceMgr &SM, DiagnosticEngine &Diags) {
  auto CU = std::make_unique<CompilationUnit>();
  CU->setSourceMgr(&SM);
  unsigned Buffer = SM.getMainFileID();
  if (Buffer == 0 || Buffer > SM.getNumBuffers())
    return nullptr;
  unsigned ErrorsBefore = Diags.numErrors();
  Diags.beginBuffering();
  Lexer Lex(SM, Buffer, Diags);
  Parser P(Lex, Diags, *CU);
  bool ParsedOK = P.parseFile();
  if (ParsedOK && Diags.numErrors() == ErrorsBefore) {
    Sema S(*CU, Diags);
    S.check();
  }
  Diags.flush();
  if (Diags.numErrors() != ErrorsBefore)
    return nullptr;
  return CU;
}
