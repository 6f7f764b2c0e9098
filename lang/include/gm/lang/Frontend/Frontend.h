//===- Frontend.h - gm front-end entry points -------------------*- C++ -*-===//
//
// The driver's whole view of the front end: parse and check one buffer,
// dump the result. A non-null CompilationUnit is valid and fully annotated
// (see AST.h); IR generation needs no further semantic analysis.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_FRONTEND_FRONTEND_H
#define GM_LANG_FRONTEND_FRONTEND_H

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>

namespace gm::lang {

class CompilationUnit;
class DiagnosticEngine;

/// Lexes, parses and type-checks the main buffer of SM. Reports errors via
/// Diags. Returns null when there was any error. Never crashes on any input.
/// Without RequireMain (gmc -fsyntax-only), a file of another package than
/// main is checked as a library package, as `go vet` would.
std::unique_ptr<CompilationUnit> parseAndCheck(llvm::SourceMgr &SM,
                                               DiagnosticEngine &Diags,
                                               bool RequireMain = true);

/// The stack the parser, Sema, IR generation and LLVM need for the deepest
/// nesting the parser accepts (Parser::MaxDepth): tools run them on a thread
/// with this much stack (reserved; pages are touched only as used). Clang
/// does the same, on a smaller scale, for its 8 MiB.
constexpr unsigned CompilerStackBytes = 512u << 20;

/// Readable tree, for `gmc -ast-dump`.
void dumpAST(const CompilationUnit &CU, llvm::raw_ostream &OS);

} // namespace gm::lang

#endif // GM_LANG_FRONTEND_FRONTEND_H
