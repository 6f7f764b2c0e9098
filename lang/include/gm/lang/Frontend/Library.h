//===- Library.h - gm's library packages written in gm ----------*- C++ -*-===//
//
// Where the front end finds the source of an imported package of gm's own
// library (strings, unicode/utf8, ...). Packages built into the compiler
// (fmt, sort, ...) are Sema's, not listed here.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_FRONTEND_LIBRARY_H
#define GM_LANG_FRONTEND_LIBRARY_H

#include "llvm/ADT/StringRef.h"
#include <optional>

namespace gm::lang {

struct LibraryPackage {
  llvm::StringRef FileName; // "runtime/std/strings/strings.gm"
  llvm::StringRef Source;
};

/// The library package with this import path, if gm's library has one.
std::optional<LibraryPackage> findLibraryPackage(llvm::StringRef ImportPath);

} // namespace gm::lang

#endif // GM_LANG_FRONTEND_LIBRARY_H
