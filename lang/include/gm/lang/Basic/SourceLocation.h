//===- SourceLocation.h - line and column of a location ---------*- C++ -*-===//
//
// llvm::SourceMgr::getLineAndColumn finds the line in the buffer's line table
// but the column by scanning back to the previous newline, so asking for the
// column of every token of a 1 MB line (as debug locations and remarks do)
// took time quadratic in the line's length. Here the line's start comes from
// the same table, and each lookup costs a binary search.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_BASIC_SOURCELOCATION_H
#define GM_LANG_BASIC_SOURCELOCATION_H

#include "llvm/Support/SourceMgr.h"
#include <utility>

namespace gm::lang {

/// The line and byte column (both counted from 1, as Go counts them) of Loc,
/// or (0, 0) when Loc is invalid or in no buffer of SM.
std::pair<unsigned, unsigned> getLineAndColumn(const llvm::SourceMgr &SM,
                                               llvm::SMLoc Loc);

} // namespace gm::lang

#endif
