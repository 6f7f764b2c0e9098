//===- Library.cpp - gm's library packages, built in ----------------------===//
//
// The packages of gm's library that are written in gm (runtime/std) are
// embedded in the front end at build time, so that gmc needs no search path
// and an installed gmc cannot pick up a stale copy.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Frontend/Library.h"

using namespace gm::lang;

namespace {
struct Entry {
  const char *Path;
  const char *FileName;
  const char *Source;
};
const Entry Packages[] = {
#define GM_LIBRARY_PACKAGE(Path, FileName, Source) {Path, FileName, Source},
#include "LibrarySources.inc"
#undef GM_LIBRARY_PACKAGE
};
} // namespace

std::optional<LibraryPackage>
gm::lang::findLibraryPackage(llvm::StringRef ImportPath) {
  for (const Entry &E : Packages)
    if (ImportPath == E.Path)
      return LibraryPackage{E.FileName, E.Source};
  return std::nullopt;
}
