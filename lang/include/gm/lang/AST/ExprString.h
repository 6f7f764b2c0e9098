//===- ExprString.h - expressions and statements as Go prints them -*- C++ -*-//
//
// Go's diagnostics quote operands and statements back in a normalized
// form; these print the AST the same way.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_AST_EXPRSTRING_H
#define GM_LANG_AST_EXPRSTRING_H

#include <string>

namespace gm::lang {

class Expr;
class Stmt;

/// Go's ExprString: `m[k]`, `f(x, y)`, `[]int{…}`.
std::string exprString(const Expr *E);

/// A simple statement as Go's parser prints one used as a value:
/// `x++`, `c <- v`, `a, b := 1, 2`, `assignment (x) = (5)`.
std::string stmtString(const Stmt *S);

} // namespace gm::lang

#endif // GM_LANG_AST_EXPRSTRING_H
