//===- Driver.cpp - The gmc compilation pipeline --------------------------===//
//
//   source --parseAndCheck--> AST --analyzeEscapes--> AST (stack allocations
//          marked) --generateIR--> Module (verified)
//          --PassBuilder O0..O3 (+ gm-map-inline)--> Module
//          --TargetMachine--> .ll / .bc / .s / .o --clang++--> executable
//
//===----------------------------------------------------------------------===//

#include "gm/Driver/Driver.h"
#include "gm/IRGen/IRGen.h"
#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Basic/SourceLocation.h"
#include "gm/lang/Frontend/Frontend.h"
#include "gm/lang/Sema/EscapeAnalysis.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMRemarkStreamer.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/PassTimingInfo.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Transforms/Instrumentation/ThreadSanitizer.h"

#ifdef GM_HAVE_MAP_INLINE
#include "gm/Transforms/MapInline.h"
#endif

using namespace llvm;
using namespace gm;
using namespace gm::driver;

#ifndef GM_DEFAULT_CXX
#define GM_DEFAULT_CXX "clang++-19"
#endif
#ifndef GM_VERSION_STRING
#define GM_VERSION_STRING "0.1.0"
#endif

const char *gm::driver::getDefaultCXX() { return GM_DEFAULT_CXX; }

std::string gm::driver::getVersionString() {
  return "gmc version " GM_VERSION_STRING " (LLVM " LLVM_VERSION_STRING ")";
}

namespace {

/// -ftime-report, as clang's: time every optimisation pass (new pass manager)
/// and every code generation pass (legacy pass manager) through LLVM's
/// -time-passes machinery, plus the driver's own phases, and print the
/// tables to stderr. It is defined here rather than in gmc.cpp so that it is
/// the driver's alone; setting it only turns on llvm::TimePassesIsEnabled.
cl::opt<bool> TimeReport(
    "ftime-report",
    cl::desc("Print the time spent in each compilation phase and pass"));

constexpr int ExitUserError = 1;

constexpr StringLiteral PhaseGroup = "gmc";
constexpr StringLiteral PhaseGroupDesc = "gmc phases";

/// Times one phase of the driver under -ftime-report.
struct PhaseTimer : NamedRegionTimer {
  PhaseTimer(StringRef Name, StringRef Desc)
      : NamedRegionTimer(Name, Desc, PhaseGroup, PhaseGroupDesc, TimeReport) {}
};

/// Prints the -ftime-report tables when runCompiler returns, by any path.
struct TimeReportPrinter {
  TimeReportPrinter() {
    if (TimeReport)
      TimePassesIsEnabled = true;
  }
  ~TimeReportPrinter() {
    if (!TimeReport)
      return;
    // Every group (passes, code generation, the driver's phases), once:
    // cleared so that LLVM's shutdown does not print them again.
    TimerGroup::printAll(errs());
    TimerGroup::clearAll();
  }
};
constexpr int ExitInternalError = 70;

int error(const Twine &Msg) {
  WithColor::error(errs(), "gmc") << Msg << "\n";
  return ExitUserError;
}

int internalError(const Twine &Msg) {
  errs() << "gmc: internal compiler error: " << Msg << "\n"
         << "PLEASE submit a bug report to the gm maintainers and include "
            "the source file and the gmc command line.\n";
  return ExitInternalError;
}

/// Prints optimisation remarks selected by -Rpass* as
/// `file.gm:L:C: remark: message [-Rpass=name]`.
struct RemarkHandler : DiagnosticHandler {
  std::optional<Regex> Passed, Missed, Analysis;

  bool isAnalysisRemarkEnabled(StringRef PassName) const override {
    return Analysis && Analysis->match(PassName);
  }
  bool isMissedOptRemarkEnabled(StringRef PassName) const override {
    return Missed && Missed->match(PassName);
  }
  bool isPassedOptRemarkEnabled(StringRef PassName) const override {
    return Passed && Passed->match(PassName);
  }
  bool isAnyRemarkEnabled() const override {
    return Passed || Missed || Analysis;
  }

  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    auto *Opt = dyn_cast<DiagnosticInfoOptimizationBase>(&DI);
    if (!Opt) {
      if (DI.getSeverity() == DS_Error) {
        DiagnosticPrinterRawOStream DP(errs());
        errs() << "gmc: error: ";
        DI.print(DP);
        errs() << "\n";
        return true;
      }
      return DI.getSeverity() == DS_Remark; // drop other remarks
    }
    if (!Opt->isEnabled())
      return true;
    StringRef Flag = "-Rpass";
    if (isa<OptimizationRemarkMissed>(Opt))
      Flag = "-Rpass-missed";
    else if (isa<OptimizationRemarkAnalysis>(Opt))
      Flag = "-Rpass-analysis";
    else if (!isa<OptimizationRemark>(Opt))
      return true;
    auto *Loc = dyn_cast<DiagnosticInfoWithLocationBase>(Opt);
    if (Loc && Loc->isLocationAvailable()) {
      errs() << Loc->getLocationStr() << ": ";
    } else {
      errs() << "gmc: ";
    }
    errs() << "remark: " << Opt->getMsg() << " [" << Flag << "="
           << Opt->getPassName() << "]\n";
    return true;
  }
};

/// The directory holding libgmrt.a: <dir of gmc>/../lib.
std::string getRuntimeLibDir(const char *Argv0) {
  static int Anchor;
  std::string Exe = sys::fs::getMainExecutable(Argv0, &Anchor);
  SmallString<256> Dir(sys::path::parent_path(Exe));
  sys::path::append(Dir, "..", "lib");
  SmallString<256> Real;
  if (!sys::fs::real_path(Dir, Real))
    return std::string(Real);
  return std::string(Dir);
}

std::string replaceExtension(StringRef Input, StringRef Ext) {
  SmallString<256> Name(sys::path::filename(Input));
  sys::path::replace_extension(Name, Ext);
  return std::string(Name);
}

} // namespace

std::unique_ptr<TargetMachine>
gm::driver::createTargetMachine(const DriverOptions &Opts, std::string &Err) {
  std::string TripleStr = sys::getDefaultTargetTriple();
  const Target *T = TargetRegistry::lookupTarget(TripleStr, Err);
  if (!T)
    return nullptr;
  std::string CPU = Opts.CPU;
  std::string Features;
  if (!CPU.empty() && CPU != "native") {
    // Reject an unknown -mcpu= before LLVM prints its own warnings.
    std::unique_ptr<MCSubtargetInfo> STI(
        T->createMCSubtargetInfo(TripleStr, "", ""));
    if (STI && !STI->isCPUStringValid(CPU)) {
      Err = "unknown target CPU '" + CPU + "'";
      return nullptr;
    }
  }
  if (CPU.empty() || CPU == "native") {
    CPU = sys::getHostCPUName().str();
    SubtargetFeatures F;
    for (auto &KV : sys::getHostCPUFeatures())
      F.AddFeature(KV.first(), KV.second);
    Features = F.getString();
  }
  TargetOptions TO;
  CodeGenOptLevel OL = Opts.OptLevel == 0   ? CodeGenOptLevel::None
                       : Opts.OptLevel == 1 ? CodeGenOptLevel::Less
                       : Opts.OptLevel == 2 ? CodeGenOptLevel::Default
                                            : CodeGenOptLevel::Aggressive;
  std::unique_ptr<TargetMachine> TM(T->createTargetMachine(
      TripleStr, CPU, Features, TO, Reloc::PIC_, std::nullopt, OL));
  if (!TM)
    Err = "cannot create a target machine for " + TripleStr;
  if (!Err.empty())
    return nullptr;
  return TM;
}

bool gm::driver::isMapInlineEnabled(const DriverOptions &Opts) {
  switch (Opts.MapInline) {
  case MapInlineMode::On:
    return true;
  case MapInlineMode::Off:
    return false;
  case MapInlineMode::Default:
    return Opts.OptLevel >= 1;
  }
  return false;
}

void gm::driver::optimizeModule(
    Module &M, TargetMachine &TM, const DriverOptions &Opts,
    function_ref<void(PassInstrumentationCallbacks &)> Instrument) {
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PipelineTuningOptions PTO;
  // With -ftime-report (TimePassesIsEnabled) the standard instrumentation
  // times each pass; it prints its table when it goes out of scope.
  PassInstrumentationCallbacks PIC;
  StandardInstrumentations SI(M.getContext(), /*DebugLogging=*/false);
  SI.registerCallbacks(PIC, &MAM);
  if (Instrument)
    Instrument(PIC);
  PassBuilder PB(&TM, PTO, std::nullopt, &PIC);
#ifdef GM_HAVE_MAP_INLINE
  if (isMapInlineEnabled(Opts))
    gm::registerMapInlinePass(PB, /*AtO0=*/Opts.OptLevel == 0);
#endif
  if (Opts.Race) {
    // As clang -fsanitize=thread: instrument last, after the optimizer has
    // removed what it can, at every level.
    PB.registerOptimizerLastEPCallback(
        [](ModulePassManager &MPM, OptimizationLevel) {
          MPM.addPass(ModuleThreadSanitizerPass());
          MPM.addPass(createModuleToFunctionPassAdaptor(ThreadSanitizerPass()));
        });
  }
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  OptimizationLevel OL = Opts.OptLevel == 0   ? OptimizationLevel::O0
                         : Opts.OptLevel == 1 ? OptimizationLevel::O1
                         : Opts.OptLevel == 2 ? OptimizationLevel::O2
                                              : OptimizationLevel::O3;
  ModulePassManager MPM = Opts.OptLevel == 0
                              ? PB.buildO0DefaultPipeline(OL)
                              : PB.buildPerModuleDefaultPipeline(OL);
  MPM.run(M, MAM);
}

namespace {

bool writeFile(StringRef Path, function_ref<bool(raw_pwrite_stream &)> Write,
               bool Binary, std::string &Err) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC,
                     Binary ? sys::fs::OF_None : sys::fs::OF_TextWithCRLF);
  if (EC) {
    Err = "cannot open '" + Path.str() + "': " + EC.message();
    return false;
  }
  if (!Write(Out.os())) {
    Err = "cannot emit code for this target";
    return false;
  }
  Out.keep();
  return true;
}

bool emitCode(Module &M, TargetMachine &TM, CodeGenFileType Kind,
              raw_pwrite_stream &OS) {
  legacy::PassManager PM;
  if (TM.addPassesToEmitFile(PM, OS, nullptr, Kind))
    return false;
  PhaseTimer T("codegen", "Code generation");
  PM.run(M);
  return true;
}

} // namespace

bool gm::driver::emitMachineCode(Module &M, TargetMachine &TM, bool Assembly,
                                 raw_pwrite_stream &OS) {
  return emitCode(M, TM,
                  Assembly ? CodeGenFileType::AssemblyFile
                           : CodeGenFileType::ObjectFile,
                  OS);
}

void gm::driver::initializeNativeTarget() {
  InitializeNativeTarget();
  InitializeNativeTargetAsmPrinter();
  InitializeNativeTargetAsmParser();
}

int gm::driver::runCompiler(const DriverOptions &Opts, const char *Argv0) {
  initializeNativeTarget();
  TimeReportPrinter TimeReportAtExit;

  if (Opts.Input.empty())
    return error("no input files");

  // Read the source.
  auto BufOrErr = MemoryBuffer::getFileOrSTDIN(Opts.Input, /*IsText=*/true);
  if (!BufOrErr)
    return error("cannot open '" + Opts.Input +
                 "': " + BufOrErr.getError().message());
  SourceMgr SM;
  SM.AddNewSourceBuffer(std::move(*BufOrErr), SMLoc());

  // Front end.
  lang::DiagnosticEngine Diags(SM, errs());
  if (Opts.AllErrors)
    Diags.setErrorLimit(0);
  std::unique_ptr<lang::CompilationUnit> CU = [&] {
    PhaseTimer T("frontend", "Front end (parse, check)");
    // -fsyntax-only checks any package; a program must be package main.
    return lang::parseAndCheck(SM, Diags,
                               /*RequireMain=*/Opts.Act != Action::SyntaxOnly);
  }();
  if (!CU || Diags.hasErrors())
    return ExitUserError;
  if (Opts.EscapeAnalysis && Opts.Act != Action::ASTDump) {
    PhaseTimer T("escape", "Escape analysis");
    std::vector<lang::EscapeDecision> Decisions;
    lang::analyzeEscapes(*CU, Opts.PrintEscapes ? &Decisions : nullptr);
    // Go's -m format: file:line:col: decision.
    for (const lang::EscapeDecision &D : Decisions) {
      auto [Line, Col] = gm::lang::getLineAndColumn(SM, D.Loc);
      errs() << SM.getMemoryBuffer(SM.FindBufferContainingLoc(D.Loc))
                    ->getBufferIdentifier()
             << ":" << Line << ":" << Col << ": " << D.Message << "\n";
    }
  }
  if (Opts.Act == Action::SyntaxOnly)
    return 0;
  if (Opts.Act == Action::ASTDump) {
    lang::dumpAST(*CU, outs());
    return 0;
  }

  // Target.
  std::string Err;
  std::unique_ptr<TargetMachine> TM = createTargetMachine(Opts, Err);
  if (!TM)
    return error(Err);

  // IR generation.
  LLVMContext Ctx;
  auto Handler = std::make_unique<RemarkHandler>();
  auto makeRegex = [&](const std::string &Pattern,
                       std::optional<Regex> &Out) -> bool {
    if (Pattern.empty())
      return true;
    Regex R(Pattern);
    std::string RErr;
    if (!R.isValid(RErr)) {
      error("invalid regular expression '" + Pattern + "': " + RErr);
      return false;
    }
    Out.emplace(Pattern);
    return true;
  };
  if (!makeRegex(Opts.RemarksPassed, Handler->Passed) ||
      !makeRegex(Opts.RemarksMissed, Handler->Missed) ||
      !makeRegex(Opts.RemarksAnalysis, Handler->Analysis))
    return ExitUserError;
  Ctx.setDiagnosticHandler(std::move(Handler));

  irgen::IRGenOptions IOpts;
  IOpts.DebugInfo = Opts.DebugInfo;
  IOpts.Race = Opts.Race;
  IOpts.MapRuntime = Opts.MapRuntime;
  IOpts.Optimized = Opts.OptLevel > 0;
  IOpts.MainFileName = Opts.Input;
  irgen::IRGenResult R = [&] {
    PhaseTimer T("irgen", "IR generation");
    return irgen::generateIR(*CU, SM, Ctx, TM->getTargetTriple(),
                             TM->createDataLayout(), IOpts);
  }();
  if (!R.Module)
    return internalError(R.Error);
  Module &M = *R.Module;
  if (Opts.Race) {
    // ThreadSanitizerPass instruments only functions that ask for it.
    for (Function &F : M)
      if (!F.isDeclaration())
        F.addFnAttr(Attribute::SanitizeThread);
  }

  // Optimisation, with the optional YAML remark record.
  std::unique_ptr<ToolOutputFile> RemarksFile;
  if (Opts.SaveOptRecord) {
    std::string Base = Opts.Output.empty() || Opts.Output == "-"
                           ? replaceExtension(Opts.Input, "")
                           : Opts.Output;
    SmallString<256> YamlPath(Base);
    if (Opts.Act != Action::Link)
      sys::path::replace_extension(YamlPath, "");
    YamlPath += ".opt.yaml";
    auto FileOrErr =
        setupLLVMOptimizationRemarks(Ctx, YamlPath, "", "yaml", false);
    if (!FileOrErr)
      return error(toString(FileOrErr.takeError()));
    RemarksFile = std::move(*FileOrErr);
  }
  {
    PhaseTimer T("optimize", "Optimization (PassBuilder pipeline)");
    optimizeModule(M, *TM, Opts);
  }
  if (verifyModule(M, &errs()))
    return internalError("module does not verify after optimisation");
  if (RemarksFile)
    RemarksFile->keep();

  // Outputs other than an executable.
  if (Opts.Act == Action::Object || Opts.Act == Action::Assembly) {
    bool Asm = Opts.Act == Action::Assembly;
    std::string Out = Opts.Output;
    if (Out.empty())
      Out = replaceExtension(Opts.Input, Opts.EmitLLVM ? (Asm ? "ll" : "bc")
                                                       : (Asm ? "s" : "o"));
    bool Ok = writeFile(
        Out,
        [&](raw_pwrite_stream &OS) {
          if (Opts.EmitLLVM) {
            if (Asm)
              M.print(OS, nullptr);
            else
              WriteBitcodeToFile(M, OS);
            return true;
          }
          return emitCode(M, *TM,
                          Asm ? CodeGenFileType::AssemblyFile
                              : CodeGenFileType::ObjectFile,
                          OS);
        },
        !Asm, Err);
    return Ok ? 0 : error(Err);
  }

  // An executable: object to a temporary file, then link.
  if (Opts.EmitLLVM)
    return error("-emit-llvm requires -S or -c");
  if (Opts.Output == "-")
    return error("cannot write an executable to standard output");
  SmallString<128> ObjPath;
  int FD;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("gmc", "o", FD, ObjPath))
    return error("cannot create a temporary file: " + EC.message());
  FileRemover ObjRemover(ObjPath);
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    if (!emitCode(M, *TM, CodeGenFileType::ObjectFile, OS))
      return error("cannot emit an object file for this target");
  }

  std::string ExePath = Opts.Output;
  SmallString<128> TmpExe;
  FileRemover ExeRemover;
  if (Opts.Run) {
    if (std::error_code EC =
            sys::fs::createTemporaryFile("gmc-run", "", TmpExe))
      return error("cannot create a temporary file: " + EC.message());
    ExePath = std::string(TmpExe);
    ExeRemover.setFile(TmpExe);
  } else if (ExePath.empty()) {
    ExePath = replaceExtension(Opts.Input, "");
  }

  std::string CXX = Opts.CXX.empty() ? getDefaultCXX() : Opts.CXX;
  ErrorOr<std::string> CXXPath = std::string(CXX);
  if (StringRef(CXX).contains('/')) {
    if (!sys::fs::can_execute(CXX))
      CXXPath = std::make_error_code(std::errc::no_such_file_or_directory);
  } else {
    CXXPath = sys::findProgramByName(CXX);
  }
  if (!CXXPath)
    return error("cannot find the C++ driver '" + CXX +
                 "' for linking (use --cc=)");
  std::string LibDir = getRuntimeLibDir(Argv0);
  SmallString<256> MainLib(LibDir), RtLib(LibDir);
  sys::path::append(MainLib, "libgmrt_main.a");
  // The map runtime the module was compiled for; -race: the variant that
  // reports to ThreadSanitizer (Core/Race.h).
  bool Swiss = Opts.MapRuntime == abi::MapRuntime::Swiss;
  sys::path::append(RtLib, Twine("libgmrt") + (Swiss ? "_swiss" : "") +
                               (Opts.Race ? "_race" : "") + ".a");
  if (!sys::fs::exists(RtLib) || !sys::fs::exists(MainLib))
    return error("cannot find the gm runtime libraries in '" + LibDir + "'");
  std::vector<std::string> ArgStrs = {
      *CXXPath, "-o", ExePath, std::string(ObjPath), std::string(MainLib),
      std::string(RtLib), "-lgc",
      // Goroutine stack switching (runtime/lib/Sched), linked statically.
      "-l:libboost_context.a", "-lpthread",
      // Panics name main.* frames through
      // dladdr (runtime/lib/Core/Panic.cpp).
      "-rdynamic"};
  if (Opts.DebugInfo)
    ArgStrs.push_back("-g");
  if (Opts.Race)
    ArgStrs.push_back("-fsanitize=thread");
#ifdef GM_LINK_SANITIZERS
  // This gmc's runtime libraries are instrumented (GM_ENABLE_SANITIZERS).
  if (Opts.Race)
    return error("-race is not available in a gmc built with sanitizers");
  ArgStrs.push_back("-fsanitize=address,undefined");
#endif
  std::vector<StringRef> Args(ArgStrs.begin(), ArgStrs.end());
  std::string ExecErr;
  int RC;
  {
    PhaseTimer T("link", "Linking (external C++ driver, wall time)");
    RC = sys::ExecuteAndWait(*CXXPath, Args, std::nullopt, {}, 0, 0, &ExecErr);
  }
  if (RC != 0)
    return error("linking failed" +
                 (ExecErr.empty() ? std::string() : ": " + ExecErr));
  if (!Opts.Run)
    return 0;

  // gmc run: execute and pass the exit code through.
  std::vector<StringRef> RunArgv = {ExePath};
  for (const std::string &A : Opts.RunArgs)
    RunArgv.push_back(A);
  outs().flush();
  int ProgRC =
      sys::ExecuteAndWait(ExePath, RunArgv, std::nullopt, {}, 0, 0, &ExecErr);
  if (ProgRC < 0)
    return error("running the program failed" +
                 (ExecErr.empty() ? std::string() : ": " + ExecErr));
  return ProgRC;
}
