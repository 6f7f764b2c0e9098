//===- SourceLocation.cpp - line and column of a location -----------------===//

#include "gm/lang/Basic/SourceLocation.h"

std::pair<unsigned, unsigned>
gm::lang::getLineAndColumn(const llvm::SourceMgr &SM, llvm::SMLoc Loc) {
  if (!Loc.isValid())
    return {0, 0};
  unsigned Buffer = SM.FindBufferContainingLoc(Loc);
  if (!Buffer)
    return {0, 0};
  // The buffer's line table (built once, on first use) gives both the line
  // and where it starts. SourceMgr::FindLineNumber would not do: it computes
  // the column too, by the backward scan this avoids.
  const auto &Info = SM.getBufferInfo(Buffer);
  unsigned Line = Info.getLineNumber(Loc.getPointer());
  const char *LineStart = Info.getPointerForLineNumber(Line);
  if (!LineStart)
    return {Line, 0};
  return {Line, unsigned(Loc.getPointer() - LineStart) + 1};
}
