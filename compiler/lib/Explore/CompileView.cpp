//===- CompileView.cpp - One compile, every view of it --------------------===//
//
//   source --parseAndCheck--> diagnostics (file:L:C lines, parsed back)
//          --generateIR (-g)--> "ir_O0"          (printed, see below)
//          --optimizeModule--> "ir_before_inline" / "ir_after_inline"
//                              (snapshots around gm-map-inline, diffed)
//                          --> "ir_optimized", remarks (all passes, main file)
//          --emitMachineCode--> "asm" (.loc directives read, then dropped)
//
// Every pane comes with "lines": for each of its lines, the source line it
// came from (0: none). IR is printed with an AssemblyAnnotationWriter that
// writes a marker line "; @gmloc N" before each instruction, N being the
// outermost inlinedAt location of its !dbg when that is in the program's own
// file; the markers are then taken out. Assembly is linked through its .loc
// directives for the program's file.
//
//===----------------------------------------------------------------------===//

#include "gm/Explore/CompileView.h"
#include "gm/Driver/Driver.h"
#include "gm/IRGen/IRGen.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Frontend/Frontend.h"
#include "gm/lang/Sema/EscapeAnalysis.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/AssemblyAnnotationWriter.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Support/FormattedStream.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Target/TargetMachine.h"

#include <algorithm>
#include <map>
#include <optional>

using namespace llvm;
using namespace gm;
using namespace gm::explore;

namespace {

constexpr StringLiteral LocMarker = "; @gmloc ";
/// Remarks beyond this many are dropped (a large program at -O2 has many).
constexpr size_t MaxRemarks = 2000;

/// A pane: its text and, per line, the source line it came from.
struct Pane {
  std::string Text;
  std::vector<unsigned> Lines;
};

/// The source line an instruction came from, if it is in the main file.
class MainFileLines {
public:
  explicit MainFileLines(const Module &M) {
    for (const DICompileUnit *CU : M.debug_compile_units()) {
      File = CU->getFilename().str();
      Dir = CU->getDirectory().str();
      break;
    }
  }
  unsigned lineOf(const DILocation *L) const {
    if (!L)
      return 0;
    while (const DILocation *Outer = L->getInlinedAt())
      L = Outer;
    return isMain(L->getFilename(), L->getDirectory()) ? L->getLine() : 0;
  }
  unsigned lineOf(const Function &F) const {
    const DISubprogram *SP = F.getSubprogram();
    if (!SP)
      return 0;
    return isMain(SP->getFilename(), SP->getDirectory()) ? SP->getLine() : 0;
  }
  bool isMain(StringRef F, StringRef D) const { return F == File && D == Dir; }
  StringRef file() const { return File; }

private:
  std::string File, Dir;
};

class LocAnnotator : public AssemblyAnnotationWriter {
public:
  explicit LocAnnotator(const MainFileLines &Main) : Main(Main) {}
  void emitFunctionAnnot(const Function *F,
                         formatted_raw_ostream &OS) override {
    if (unsigned L = Main.lineOf(*F))
      OS << LocMarker << L << "\n";
  }
  void emitInstructionAnnot(const Instruction *I,
                            formatted_raw_ostream &OS) override {
    if (unsigned L = Main.lineOf(I->getDebugLoc().get()))
      OS << LocMarker << L << "\n";
  }

private:
  const MainFileLines &Main;
};

/// Drops what -g adds to the text but a reader of the lowering does not need:
/// `, !dbg !N` attachments, debug records, and the metadata table.
std::string stripDebugText(StringRef Line, bool &Drop) {
  StringRef T = Line.ltrim();
  Drop = T.starts_with("#dbg_") || (T.starts_with("!") && T.contains(" = ")) ||
         T.starts_with("declare void @llvm.dbg.");
  if (Drop)
    return "";
  static const Regex DbgAttachment(",? !dbg ![0-9]+");
  std::string S = Line.str();
  while (DbgAttachment.match(S))
    S = DbgAttachment.sub("", S);
  return S;
}

Pane printModule(const Module &M, bool DebugMetadata) {
  MainFileLines Main(M);
  LocAnnotator Annotator(Main);
  std::string Raw;
  raw_string_ostream OS(Raw);
  M.print(OS, &Annotator);
  OS.flush();
  Pane P;
  unsigned Pending = 0;
  SmallVector<StringRef, 0> Lines;
  StringRef(Raw).split(Lines, '\n');
  for (StringRef Line : Lines) {
    if (Line.starts_with(LocMarker)) {
      to_integer(Line.drop_front(LocMarker.size()), Pending);
      continue;
    }
    std::string Text = Line.str();
    if (!DebugMetadata) {
      bool Drop;
      Text = stripDebugText(Line, Drop);
      if (Drop) {
        Pending = 0;
        continue;
      }
    }
    P.Text += Text;
    P.Text += '\n';
    P.Lines.push_back(Pending);
    Pending = 0;
  }
  return P;
}

/// The assembly without its directives for debug info and unwinding, each
/// line linked through the .loc in force for the program's file.
Pane linkAssembly(StringRef Asm, StringRef MainFile) {
  Pane P;
  std::map<unsigned, bool> FileIsMain;
  unsigned Current = 0;
  bool InDebugSection = false;
  SmallVector<StringRef, 0> Lines;
  Asm.split(Lines, '\n');
  for (StringRef Line : Lines) {
    StringRef T = Line.trim();
    SmallVector<StringRef, 6> Words;
    T.split(Words, ' ', -1, false);
    if (T.starts_with(".file\t") || T.starts_with(".file ")) {
      // .file N "dir" "name" [md5 ...]
      SmallVector<StringRef, 6> Parts;
      T.drop_front(6).split(Parts, '"');
      unsigned N;
      if (!T.drop_front(6).ltrim().consumeInteger(10, N) && Parts.size() >= 2) {
        StringRef Name = Parts.size() >= 4 ? Parts[3] : Parts[1];
        FileIsMain[N] = Name == MainFile;
      }
      continue;
    }
    if (T.starts_with(".loc\t") || T.starts_with(".loc ")) {
      StringRef Rest = T.drop_front(5).ltrim();
      unsigned N = 0, L = 0;
      if (!Rest.consumeInteger(10, N) && !Rest.ltrim().consumeInteger(10, L))
        Current = FileIsMain[N] ? L : 0;
      continue;
    }
    if (T.starts_with(".section")) {
      InDebugSection = T.contains(".debug_");
      if (InDebugSection)
        continue;
    }
    if (T.starts_with(".text") || T.starts_with(".data") ||
        T.starts_with(".bss"))
      InDebugSection = false;
    if (InDebugSection || T.starts_with(".cfi_") || T.starts_with(".Ltmp") ||
        T.starts_with(".Lfunc_end") || T.starts_with(".Ldebug") ||
        T.starts_with(".Lcu_") || T.starts_with(".Lsec_end") ||
        T.starts_with(".Linfo_string") || T.starts_with(".Lline_table"))
      continue;
    P.Text += Line.str();
    P.Text += '\n';
    // Labels and directives belong to no line.
    bool IsCode = !T.empty() && !T.ends_with(":") && !T.starts_with(".") &&
                  !T.starts_with("#");
    P.Lines.push_back(IsCode ? Current : 0);
  }
  return P;
}

/// A JSON string of S: json::Value keeps only valid UTF-8, and program text
/// or output may be anything.
std::string utf8(StringRef S) {
  return json::isUTF8(S) ? S.str() : json::fixUTF8(S);
}

json::Array toJSON(const std::vector<unsigned> &V) {
  json::Array A;
  for (unsigned X : V)
    A.push_back(X);
  return A;
}

json::Object paneJSON(const Pane &P) {
  return json::Object{{"text", utf8(P.Text)}, {"lines", toJSON(P.Lines)}};
}

/// One remark, as the page lists it.
struct RemarkRecord {
  unsigned Line = 0, Col = 0;
  std::string Kind; // passed, missed, analysis
  std::string Pass, Name, Message, Callee;
};

/// Collects remarks of every pass (analyses of gm-map-inline only: the
/// others' are many and rarely about maps), for the program's own file.
struct RemarkCollector : DiagnosticHandler {
  std::string MainFile;
  std::vector<RemarkRecord> Remarks;
  bool Truncated = false;

  bool isAnalysisRemarkEnabled(StringRef PassName) const override {
    return PassName == "gm-map-inline";
  }
  bool isMissedOptRemarkEnabled(StringRef) const override { return true; }
  bool isPassedOptRemarkEnabled(StringRef) const override { return true; }
  bool isAnyRemarkEnabled() const override { return true; }

  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    auto *Opt = dyn_cast<DiagnosticInfoOptimizationBase>(&DI);
    if (!Opt)
      return DI.getSeverity() != DS_Error;
    if (!Opt->isEnabled())
      return true;
    RemarkRecord R;
    if (isa<OptimizationRemark>(Opt))
      R.Kind = "passed";
    else if (isa<OptimizationRemarkMissed>(Opt))
      R.Kind = "missed";
    else if (isa<OptimizationRemarkAnalysis>(Opt))
      R.Kind = "analysis";
    else
      return true;
    auto *Loc = dyn_cast<DiagnosticInfoWithLocationBase>(Opt);
    if (!Loc || !Loc->isLocationAvailable())
      return true;
    StringRef File;
    Loc->getLocation(File, R.Line, R.Col);
    if (File != MainFile)
      return true;
    if (Remarks.size() >= MaxRemarks) {
      Truncated = true;
      return true;
    }
    R.Pass = Opt->getPassName().str();
    R.Name = Opt->getRemarkName().str();
    R.Message = Opt->getMsg();
    for (const DiagnosticInfoOptimizationBase::Argument &A : Opt->getArgs())
      if (A.Key == "Callee")
        R.Callee = A.Val;
    Remarks.push_back(std::move(R));
    return true;
  }
};

/// Diagnostics as the front end prints them (`file:L:C: error: msg`, each
/// possibly followed by source and caret lines), parsed back.
json::Array parseDiagnostics(StringRef Text, StringRef FileName) {
  json::Array Out;
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (StringRef Line : Lines) {
    if (!Line.consume_front(FileName) || !Line.consume_front(":"))
      continue;
    unsigned L = 0, C = 0;
    if (Line.consumeInteger(10, L) || !Line.consume_front(":") ||
        Line.consumeInteger(10, C) || !Line.consume_front(": "))
      continue;
    auto [Severity, Message] = Line.split(": ");
    Out.push_back(json::Object{{"line", L},
                               {"col", C},
                               {"severity", Severity.str()},
                               {"message", utf8(Message)}});
  }
  return Out;
}

bool isMapEntryPoint(StringRef Name) {
  return Name.starts_with("runtime.map") || Name.starts_with("runtime.makemap");
}

/// Per source line, the map entry points its unoptimized IR calls.
std::map<unsigned, std::vector<std::string>> mapCallsByLine(const Module &M) {
  MainFileLines Main(M);
  std::map<unsigned, std::vector<std::string>> Calls;
  for (const Function &F : M)
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB)
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (const Function *Callee = CB->getCalledFunction())
            if (isMapEntryPoint(Callee->getName()))
              if (unsigned L = Main.lineOf(I.getDebugLoc().get()))
                Calls[L].push_back(Callee->getName().str());
  return Calls;
}

/// Each map operation's fate: the entry point, and whether gm-map-inline
/// inlined its fast path, and if not, why.
json::Array mapBadges(const std::map<unsigned, std::vector<std::string>> &Calls,
                      const std::vector<RemarkRecord> &Remarks,
                      bool InlineEnabled) {
  json::Array Out;
  for (const auto &[Line, Entries] : Calls) {
    // Each entry point call on a line takes one remark about it, in order.
    std::vector<bool> Used(Remarks.size());
    for (const std::string &Entry : Entries) {
      json::Object B{{"line", Line}, {"entry", Entry}};
      std::optional<size_t> Found;
      for (size_t I = 0; I < Remarks.size(); ++I) {
        const RemarkRecord &R = Remarks[I];
        if (!Used[I] && R.Line == Line && R.Pass == "gm-map-inline" &&
            R.Callee == Entry && R.Kind != "analysis") {
          Found = I;
          break;
        }
      }
      if (Found) {
        Used[*Found] = true;
        const RemarkRecord &R = Remarks[*Found];
        bool Inlined = R.Kind == "passed";
        B["inlined"] = Inlined;
        if (!Inlined) {
          StringRef Why = R.Message;
          size_t At = Why.find("not inlined: ");
          B["reason"] =
              At == StringRef::npos ? Why.str() : Why.drop_front(At + 13).str();
        }
      } else {
        B["inlined"] = false;
        B["reason"] = InlineEnabled ? "no inlinable fast path for this entry"
                                    : "map inlining is off";
      }
      Out.push_back(std::move(B));
    }
  }
  return Out;
}

} // namespace

std::vector<unsigned> gm::explore::changedLines(StringRef Before,
                                                StringRef After) {
  SmallVector<StringRef, 0> A, B;
  Before.split(A, '\n');
  After.split(B, '\n');
  // Functions are diffed with their namesake: a line diff over the whole
  // module would be quadratic in its size.
  auto Sections = [](ArrayRef<StringRef> L) {
    StringMap<std::pair<size_t, size_t>> S;
    for (size_t I = 0; I < L.size(); ++I) {
      if (!L[I].starts_with("define "))
        continue;
      size_t J = I;
      while (J < L.size() && L[J] != "}")
        ++J;
      StringRef Name = L[I].substr(L[I].find('@')).split('(').first;
      S[Name] = {I, std::min(J + 1, L.size())};
      I = J;
    }
    return S;
  };
  StringMap<std::pair<size_t, size_t>> SA = Sections(A);
  std::vector<unsigned> Changed;
  for (size_t I = 0; I < B.size(); ++I) {
    if (!B[I].starts_with("define "))
      continue;
    size_t End = I;
    while (End < B.size() && B[End] != "}")
      ++End;
    End = std::min(End + 1, B.size());
    StringRef Name = B[I].substr(B[I].find('@')).split('(').first;
    auto It = SA.find(Name);
    size_t N = End - I;
    if (It == SA.end() ||
        N * (It->second.second - It->second.first) > 16u << 20) {
      // New (a linked fast path) or too large to diff: all of it is marked.
      for (size_t K = I; K < End; ++K)
        Changed.push_back(unsigned(K));
      I = End - 1;
      continue;
    }
    // Longest common subsequence of the two bodies' lines.
    size_t M0 = It->second.first, M = It->second.second - M0;
    std::vector<std::vector<unsigned short>> T(
        N + 1, std::vector<unsigned short>(M + 1, 0));
    for (size_t X = N; X-- > 0;)
      for (size_t Y = M; Y-- > 0;)
        T[X][Y] = B[I + X] == A[M0 + Y] ? T[X + 1][Y + 1] + 1
                                        : std::max(T[X + 1][Y], T[X][Y + 1]);
    size_t X = 0, Y = 0;
    while (X < N) {
      if (Y < M && B[I + X] == A[M0 + Y]) {
        ++X;
        ++Y;
      } else if (Y < M && T[X][Y + 1] >= T[X + 1][Y]) {
        ++Y;
      } else {
        Changed.push_back(unsigned(I + X));
        ++X;
      }
    }
    I = End - 1;
  }
  return Changed;
}

json::Object gm::explore::compileForView(const ViewRequest &Req) {
  json::Object Result;
  SourceMgr SM;
  SM.AddNewSourceBuffer(
      MemoryBuffer::getMemBufferCopy(Req.Source, Req.FileName), SMLoc());

  std::string DiagText;
  raw_string_ostream DiagOS(DiagText);
  lang::DiagnosticEngine Diags(SM, DiagOS);
  std::unique_ptr<lang::CompilationUnit> CU =
      lang::parseAndCheck(SM, Diags, /*RequireMain=*/true);
  DiagOS.flush();
  Result["diagnostics"] = parseDiagnostics(DiagText, Req.FileName);
  Result["diagnostics_text"] = utf8(DiagText);
  if (!CU || Diags.hasErrors()) {
    Result["ok"] = false;
    return Result;
  }
  lang::analyzeEscapes(*CU, nullptr);

  driver::DriverOptions Opts;
  Opts.Input = Req.FileName;
  Opts.OptLevel = Req.OptLevel;
  Opts.CPU = Req.CPU;
  Opts.DebugInfo = true;
  Opts.MapRuntime = Req.MapRuntime;
  Opts.MapInline =
      Req.MapInline ? driver::MapInlineMode::On : driver::MapInlineMode::Off;
  // -fmap-inline at -O0 inlines into optnone functions too; the page's
  // switch means "the pass runs", at every level.
  std::string Err;
  std::unique_ptr<TargetMachine> TM = driver::createTargetMachine(Opts, Err);
  if (!TM) {
    Result["ok"] = false;
    Result["diagnostics"] = json::Array{json::Object{{"line", 0},
                                                     {"col", 0},
                                                     {"severity", "error"},
                                                     {"message", utf8(Err)}}};
    return Result;
  }

  LLVMContext Ctx;
  auto Collector = std::make_unique<RemarkCollector>();
  Collector->MainFile = Req.FileName;
  RemarkCollector &Remarks = *Collector;
  Ctx.setDiagnosticHandler(std::move(Collector));

  irgen::IRGenOptions IOpts;
  IOpts.DebugInfo = true;
  IOpts.Optimized = Opts.OptLevel > 0;
  IOpts.MainFileName = Req.FileName;
  IOpts.MapRuntime = Req.MapRuntime;
  irgen::IRGenResult IR = irgen::generateIR(*CU, SM, Ctx, TM->getTargetTriple(),
                                            TM->createDataLayout(), IOpts);
  if (!IR.Module) {
    Result["ok"] = false;
    Result["internal_error"] = utf8(IR.Error);
    return Result;
  }
  Module &M = *IR.Module;
  Result["ir_O0"] = paneJSON(printModule(M, Req.DebugMetadata));
  auto Calls = mapCallsByLine(M);

  std::optional<Pane> BeforeInline, AfterInline;
  driver::optimizeModule(M, *TM, Opts, [&](PassInstrumentationCallbacks &PIC) {
    auto IsMapInline = [](StringRef PassID) {
      return PassID.contains("MapInlinePass");
    };
    auto ModuleOf = [](Any IR) -> const Module * {
      if (const Module *const *MP = llvm::any_cast<const Module *>(&IR))
        return *MP;
      return nullptr;
    };
    PIC.registerBeforeNonSkippedPassCallback(
        [&, IsMapInline, ModuleOf](StringRef PassID, Any IR) {
          if (IsMapInline(PassID))
            if (const Module *Mod = ModuleOf(IR))
              BeforeInline = printModule(*Mod, Req.DebugMetadata);
        });
    PIC.registerAfterPassCallback(
        [&, IsMapInline, ModuleOf](StringRef PassID, Any IR,
                                   const PreservedAnalyses &) {
          if (IsMapInline(PassID))
            if (const Module *Mod = ModuleOf(IR))
              AfterInline = printModule(*Mod, Req.DebugMetadata);
        });
  });
  if (BeforeInline && AfterInline) {
    json::Object After = paneJSON(*AfterInline);
    After["changed"] =
        toJSON(changedLines(BeforeInline->Text, AfterInline->Text));
    Result["ir_after_inline"] = std::move(After);
  }
  Result["ir_optimized"] = paneJSON(printModule(M, Req.DebugMetadata));

  SmallString<0> Asm;
  raw_svector_ostream AsmOS(Asm);
  if (driver::emitMachineCode(M, *TM, /*Assembly=*/true, AsmOS))
    Result["asm"] = paneJSON(linkAssembly(Asm, Req.FileName));

  json::Array RemarkList;
  for (const RemarkRecord &R : Remarks.Remarks)
    RemarkList.push_back(json::Object{{"line", R.Line},
                                      {"col", R.Col},
                                      {"kind", R.Kind},
                                      {"pass", R.Pass},
                                      {"name", R.Name},
                                      {"message", utf8(R.Message)}});
  Result["remarks"] = std::move(RemarkList);
  Result["remarks_truncated"] = Remarks.Truncated;
  Result["map_badges"] =
      mapBadges(Calls, Remarks.Remarks, driver::isMapInlineEnabled(Opts));
  Result["ok"] = true;
  return Result;
}
