//===- EscapeAnalysis.h - which allocations may live on the stack -*- C++
//-*-===//
//
// Go decides, for every value a function allocates, whether it can live in
// the function's frame or must go to the heap because something may still
// refer to it after the frame is gone. gm makes the same decision, with the
// same model (a graph of where values flow, solved once per function, callees
// first, each function summarised by how its parameters leak):
//
//   * address-taken and captured local variables ("moved to heap: x");
//   * new(T), &T{...}, []T{...}, make([]T, n) and function literals
//     ("... escapes to heap" / "... does not escape");
//   * parameters of pointer-holding type ("leaking param: p",
//     "leaking param: p to result ~r0 level=0", "p does not escape").
//
// The analysis runs on the checked AST and marks what may be stack
// allocated (VarDecl::isNonEscaping, Expr::isNonEscaping); IR generation
// allocates everything else on the GC heap, as it does when the analysis
// does not run. `gmc -m` prints the decisions in the words of Go's
// -gcflags=-m.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_SEMA_ESCAPEANALYSIS_H
#define GM_LANG_SEMA_ESCAPEANALYSIS_H

#include "llvm/Support/SMLoc.h"
#include <cstdint>
#include <string>
#include <vector>

namespace gm::lang {

class CompilationUnit;

/// Go's limit for an allocation it makes implicitly in a frame (new, a
/// literal, make with constant sizes): larger ones go to the heap. The
/// analysis decides with it and IR generation allocates with it.
inline constexpr uint64_t MaxImplicitStackBytes = 64 * 1024;

/// One decision, as `gmc -m` prints it.
struct EscapeDecision {
  llvm::SMLoc Loc;
  std::string Message;
};

/// Analyses every function of CU and marks the allocations that do not
/// escape. With Report, appends the decisions about the main package's
/// functions, sorted by position.
void analyzeEscapes(CompilationUnit &CU,
                    std::vector<EscapeDecision> *Report = nullptr);

} // namespace gm::lang

#endif // GM_LANG_SEMA_ESCAPEANALYSIS_H
