//===- Assets.cpp - The explorer's embedded page --------------------------===//

#include "Assets.h"

using namespace llvm;

namespace {
#include "ExploreAssets.inc"

StringRef asString(const unsigned char *Data, size_t Size) {
  return StringRef(reinterpret_cast<const char *>(Data), Size);
}
} // namespace

StringRef gm::explore::getIndexHtml() {
  return asString(IndexHtml, sizeof IndexHtml);
}
StringRef gm::explore::getExplorerJs() {
  return asString(ExplorerJs, sizeof ExplorerJs);
}
StringRef gm::explore::getDefaultProgram() {
  return asString(DefaultProgram, sizeof DefaultProgram);
}
