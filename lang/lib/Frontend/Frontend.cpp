//===- Frontend.cpp - gm front-end entry points ---------------------------===//
//
// parseAndCheck runs the layers in order: the lexer and parser build the
// AST; if the file has no syntax errors, Sema checks and annotates it
// (lexical errors, such as an unknown escape, do not stop it, as in Go).
// The packages of gm's library that the file imports (runtime/std, built in)
// are parsed and checked with it, each before its importers: the program
// is compiled whole, so library calls can be inlined like any other.
// Diagnostics are buffered and printed sorted by position, capped at 10
// errors, as Go's compiler does.
//
// Under -ftime-report (llvm::TimePassesIsEnabled) each layer is timed in the
// "gm front end" group. The parser pulls tokens from the lexer as it goes,
// so lexing is timed by a separate lexer-only pass over the buffer, run only
// for the report; "Parsing" includes lexing.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Frontend/Frontend.h"
#include "../Sema/Sema.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Frontend/Library.h"
#include "gm/lang/Lex/Lexer.h"
#include "gm/lang/Parse/Parser.h"
#include "llvm/Pass.h" // llvm::TimePassesIsEnabled, set by gmc -ftime-report
#include "llvm/Support/Timer.h"

using namespace gm::lang;

/// Parses the library packages that P imports and, first, those they import,
/// appending each to Order after its own imports. Loaded maps an import path
/// to its package (null while its imports are being loaded: a cycle).
static bool loadImports(Package &P, llvm::SourceMgr &SM, CompilationUnit &CU,
                        DiagnosticEngine &Diags,
                        llvm::StringMap<Package *> &Loaded,
                        std::vector<Package *> &Order) {
  for (ImportDecl *I : P.Imports) {
    auto It = Loaded.find(I->getPath());
    if (It != Loaded.end()) {
      if (!It->second) {
        Diags.report(I->getLoc(), diag::err_import_cycle);
        return false;
      }
      I->setImported(It->second);
      continue;
    }
    std::optional<LibraryPackage> Lib = findLibraryPackage(I->getPath());
    if (!Lib)
      continue; // built into Sema, or an unsupported import it reports
    Loaded[I->getPath()] = nullptr;
    unsigned Buffer = SM.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBuffer(Lib->Source, Lib->FileName),
        llvm::SMLoc());
    Package *Imported = CU.addPackage(I->getPath(), Buffer);
    Lexer Lex(SM, Buffer, Diags);
    Parser Parse(Lex, Diags, CU, Imported);
    if (!Parse.parseFile() ||
        !loadImports(*Imported, SM, CU, Diags, Loaded, Order))
      return false;
    Loaded[I->getPath()] = Imported;
    I->setImported(Imported);
    Order.push_back(Imported);
  }
  return true;
}

std::unique_ptr<CompilationUnit>
gm::lang::parseAndCheck(llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                        bool RequireMain) {
  unsigned Buffer = SM.getMainFileID();
  if (Buffer == 0 || Buffer > SM.getNumBuffers())
    return nullptr;
  auto CU = std::make_unique<CompilationUnit>();
  CU->setSourceMgr(&SM);
  CU->setRequireMain(RequireMain);
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
  Package *Main = CU->addPackage("main", Buffer);
  bool ParsedOK;
  std::vector<Package *> Order;
  {
    llvm::NamedRegionTimer T("parse", "Parsing (including lexing)", Group,
                             GroupDesc, Time);
    Lexer Lex(SM, Buffer, Diags);
    Parser P(Lex, Diags, *CU, Main);
    ParsedOK = P.parseFile();
    // The library packages it imports, each after those it imports.
    if (ParsedOK) {
      llvm::StringMap<Package *> Loaded;
      ParsedOK = loadImports(*Main, SM, *CU, Diags, Loaded, Order);
    }
    Order.push_back(Main);
    CU->setPackageOrder(Order);
  }
  // As in Go's compiler, a file whose only errors are lexical (an unknown
  // escape, not a "syntax error") is still type-checked: parseFile says so.
  if (ParsedOK) {
    llvm::NamedRegionTimer T("check", "Type checking", Group, GroupDesc, Time);
    // Every package's Sema stays alive: instances of a library package's
    // generic functions are made and checked by that package's Sema.
    std::vector<std::unique_ptr<Sema>> Semas;
    std::map<const Package *, Sema *> Owners;
    for (Package *P : Order) {
      Semas.push_back(std::make_unique<Sema>(*CU, *P, Diags));
      Owners[P] = Semas.back().get();
      Semas.back()->setOwners(&Owners);
      Semas.back()->check();
      if (Diags.numErrors() != ErrorsBefore)
        break; // a library package with errors is gm's bug, reported as is
    }
  }
  Diags.flush();
  if (Diags.numErrors() != ErrorsBefore)
    return nullptr;
  return CU;
}
