//===- Diagnostic.cpp - gm diagnostics engine -----------------------------===//

#include "gm/lang/Diagnostic.h"
#include "gm/lang/Type.h"
#include <algorithm>

using namespace gm::lang;

namespace {
struct DiagInfo {
  DiagnosticEngine::Level L;
  const char *Format;
};
const DiagInfo DiagTable[] = {
#define DIAG(ID, LEVEL, MSG) {DiagnosticEngine::LEVEL, MSG},
#include "gm/lang/DiagnosticKinds.def"
};
} // namespace

DiagnosticBuilder::~DiagnosticBuilder() {
  if (Engine)
    Engine->emit(Loc, K, Args);
}

DiagnosticBuilder &DiagnosticBuilder::operator<<(const Type *T) {
  Args.push_back(typeString(T, /*Qualify=*/false));
  return *this;
}

DiagnosticEngine::Level DiagnosticEngine::getLevel(diag::Kind K) {
  return DiagTable[K].L;
}

llvm::StringRef DiagnosticEngine::getFormat(diag::Kind K) {
  return DiagTable[K].Format;
}

std::string DiagnosticEngine::formatMessage(llvm::StringRef Format,
                                            llvm::ArrayRef<std::string> Args) {
  std::string Out;
  for (size_t I = 0; I < Format.size(); ++I) {
    char C = Format[I];
    if (C == '%' && I + 1 < Format.size() && Format[I + 1] >= '0' &&
        Format[I + 1] <= '9') {
      unsigned N = Format[++I] - '0';
      if (N < Args.size())
        Out += Args[N];
      continue;
    }
    Out += C;
  }
  return Out;
}

void DiagnosticEngine::emit(llvm::SMLoc Loc, diag::Kind K,
                            llvm::ArrayRef<std::string> Args) {
  Level L = getLevel(K);
  std::string Msg = formatMessage(getFormat(K), Args);
  if (L == Error)
    ++NumErrors;
  Messages.push_back(Msg);
  llvm::SMLoc SortLoc = Loc;
  if (L == Note && !Queue.empty())
    SortLoc = Queue.back().SortLoc;
  Pending P{Loc, SortLoc, unsigned(Queue.size()), L, std::move(Msg)};
  if (Buffering) {
    Queue.push_back(std::move(P));
    return;
  }
  print(P);
}

void DiagnosticEngine::print(const Pending &P) {
  if (!PrintDiagnostics)
    return;
  if (LimitReached)
    return;
  if (P.L == Error && ErrorLimit && Printed >= ErrorLimit) {
    LimitReached = true;
    OS << "error: too many errors\n";
    return;
  }
  if (P.L == Error)
    ++Printed;
  llvm::SourceMgr::DiagKind DK = P.L == Error     ? llvm::SourceMgr::DK_Error
                                 : P.L == Warning ? llvm::SourceMgr::DK_Warning
                                                  : llvm::SourceMgr::DK_Note;
  // Messages with extra lines ("have (...)\n\twant (...)") print the caret
  // under the first line only, as clang does for multi-line text.
  SM.PrintMessage(OS, P.Loc, DK, P.Msg);
}

void DiagnosticEngine::flush() {
  Buffering = false;
  std::sort(Queue.begin(), Queue.end(), [](const Pending &A, const Pending &B) {
    const char *PA = A.SortLoc.getPointer();
    const char *PB = B.SortLoc.getPointer();
    if (PA != PB)
      return std::less<const char *>()(PA, PB);
    return A.Seq < B.Seq;
  });
  // Go reports one error per line at most for the same message; drop exact
  // duplicates (same location and text) that recovery can produce.
  const Pending *Prev = nullptr;
  for (const Pending &P : Queue) {
    if (Prev && Prev->Loc == P.Loc && Prev->Msg == P.Msg)
      continue;
    print(P);
    Prev = &P;
  }
  Queue.clear();
}
