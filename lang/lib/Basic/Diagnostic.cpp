//===- Diagnostic.cpp - gm diagnostics engine -----------------------------===//

#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/AST/Type.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Unicode.h"
#include "llvm/Support/WithColor.h"
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
  llvm::SMDiagnostic Full = SM.GetMessage(P.Loc, DK, P.Msg);
  const llvm::SMDiagnostic *D = &Full;
  // A long line (generated code, minified input) is shown clipped around
  // the caret, as clang does, so that ten errors on a 1 MB line do not print
  // 10 MB. The location printed is still the real column.
  llvm::SMDiagnostic Clipped;
  std::string ClippedLine;
  if (Full.getColumnNo() >= 0 &&
      Full.getLineContents().size() > MaxShownLineBytes) {
    unsigned Column;
    ClippedLine = clipLine(Full.getLineContents(), Full.getColumnNo(), Column);
    Clipped = llvm::SMDiagnostic(SM, Full.getLoc(), Full.getFilename(),
                                 Full.getLineNo(), Column, DK,
                                 Full.getMessage(), ClippedLine, {});
    {
      llvm::WithColor Loc(OS, llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
      Loc << Full.getFilename() << ':' << Full.getLineNo() << ':'
          << Full.getColumnNo() + 1 << ": ";
    }
    D = &Clipped;
  }
  D->print(nullptr, OS, /*ShowColors=*/true, /*ShowKindLabel=*/true,
           /*ShowLocation=*/D == &Full); // colors only where OS has them
  // SMDiagnostic prints no caret under a line with non-ASCII bytes (it
  // cannot tell their width). Go source is UTF-8, so print it here.
  llvm::StringRef Line = D->getLineContents();
  if (D->getColumnNo() >= 0 && llvm::any_of(Line, [](char C) {
        return static_cast<unsigned char>(C) >= 0x80;
      }))
    OS << std::string(displayColumn(Line, D->getColumnNo()), ' ') << "^\n";
}

std::string DiagnosticEngine::clipLine(llvm::StringRef Line,
                                       unsigned ByteColumn,
                                       unsigned &ClippedColumn) {
  constexpr llvm::StringLiteral Ellipsis = "...";
  constexpr size_t Context = MaxShownLineBytes / 2;
  size_t Column = std::min<size_t>(ByteColumn, Line.size());
  size_t Begin = Column > Context ? Column - Context : 0;
  size_t End = std::min(Line.size(), Column + Context);
  // Cut between characters, not inside a UTF-8 sequence.
  auto isContinuation = [&](size_t I) {
    return I < Line.size() &&
           (static_cast<unsigned char>(Line[I]) & 0xC0) == 0x80;
  };
  while (Begin < Column && isContinuation(Begin))
    ++Begin;
  while (End > Column && isContinuation(End))
    --End;
  std::string Out;
  if (Begin > 0)
    Out += Ellipsis;
  ClippedColumn = unsigned(Out.size() + (Column - Begin));
  Out += Line.slice(Begin, End);
  if (End < Line.size())
    Out += Ellipsis;
  return Out;
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
