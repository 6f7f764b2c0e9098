//===- Diagnostic.cpp - gm diagnostics engine -----------------------------===//

#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/AST/Type.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Unicode.h"
#include <algorithm>

using namespace gm::lang;

namespace {
struct DiagInfo {
  DiagnosticEngine::Level L;
  const char *Format;
};
const DiagInfo DiagTable[] = {
#define DIAG(ID, LEVEL, MSG) {DiagnosticEngine::LEVEL, MSG},
#include "gm/lang/Basic/DiagnosticKinds.def"
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

bool DiagnosticEngine::isFollowOnError(llvm::StringRef Msg) {
  for (llvm::StringRef Marker : {"invalid operand", "invalid type"}) {
    size_t At = Msg.find(Marker);
    if (At != llvm::StringRef::npos && At > 0)
      return true;
  }
  return false;
}

void DiagnosticEngine::emit(llvm::SMLoc Loc, diag::Kind K,
                            llvm::ArrayRef<std::string> Args) {
  Level L = getLevel(K);
  std::string Msg = formatMessage(getFormat(K), Args);
  // As Go's type checker does: once an error is out, a message that mentions
  // an invalid operand or type (not as its first words) follows from it.
  if (L == Error)
    DroppedLastError = NumErrors && isFollowOnError(Msg);
  if (DroppedLastError && L != Warning)
    return; // with the notes that belong to it
  if (L == Error) {
    ++NumErrors;
    if (llvm::StringRef(Msg).starts_with("syntax error"))
      ++NumSyntaxErrors;
  }
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
  llvm::SMDiagnostic D = SM.GetMessage(P.Loc, DK, P.Msg);
  D.print(nullptr, OS); // colors only where OS supports them
  // SMDiagnostic prints no caret under a line with non-ASCII bytes (it
  // cannot tell their width). Go source is UTF-8, so print it here.
  llvm::StringRef Line = D.getLineContents();
  if (D.getColumnNo() >= 0 && llvm::any_of(Line, [](char C) {
        return static_cast<unsigned char>(C) >= 0x80;
      }))
    OS << std::string(displayColumn(Line, D.getColumnNo()), ' ') << "^\n";
}

unsigned DiagnosticEngine::displayColumn(llvm::StringRef Line,
                                         unsigned ByteColumn) {
  // As SMDiagnostic prints the line: tabs expanded to stops of 8, each
  // character as wide as the terminal shows it (at least 1, so that a caret
  // after an unprintable or invalid byte still moves right).
  constexpr unsigned TabStop = 8;
  unsigned Col = 0;
  llvm::StringRef Prefix = Line.take_front(ByteColumn);
  for (size_t I = 0; I < Prefix.size();) {
    unsigned char C = Prefix[I];
    if (C == '\t') {
      Col = (Col / TabStop + 1) * TabStop;
      ++I;
      continue;
    }
    unsigned Len = std::max(1u, unsigned(llvm::getNumBytesForUTF8(C)));
    Len = std::min<size_t>(Len, Prefix.size() - I);
    int Width = llvm::sys::unicode::columnWidthUTF8(Prefix.substr(I, Len));
    Col += Width > 0 ? unsigned(Width) : 1;
    I += Len;
  }
  return Col;
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
