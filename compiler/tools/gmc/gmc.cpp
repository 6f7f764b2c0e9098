//===- gmc.cpp - The gm compiler driver -----------------------------------===//
//
//   gmc file.gm [-o out]          build an executable
//   gmc run [flags] file.gm args  build to a temporary file and run it
//   gmc -c / -S [-emit-llvm]      object, assembly, bitcode, textual IR
//   gmc explore [file.gm] [--port N]   the live explorer page
//
// A subcommand (run, explore) may come after gmc's own options:
// `gmc -O2 run file.gm` is `gmc run -O2 file.gm`.
//
// Options follow clang's spelling; see `gmc --help`. The pipeline itself is
// in compiler/lib/Driver.
//
//===----------------------------------------------------------------------===//

#include "gm/Driver/Driver.h"
#include "gm/lang/Frontend/Frontend.h"
#ifdef GM_HAVE_EXPLORE
#include "gm/Explore/Explore.h"
#endif
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

using namespace llvm;
using namespace gm::driver;

static cl::OptionCategory GmcCat("gmc options");

static cl::opt<std::string> InputFile(cl::Positional, cl::desc("<file.gm>"),
                                      cl::cat(GmcCat));
static cl::opt<std::string> OutputFile("o", cl::desc("Write output to <file>"),
                                       cl::value_desc("file"), cl::cat(GmcCat));
static cl::opt<bool> CompileOnly("c", cl::desc("Compile to an object file"),
                                 cl::cat(GmcCat));
static cl::opt<bool> AssembleOnly("S", cl::desc("Compile to assembly"),
                                  cl::cat(GmcCat));
static cl::opt<bool>
    EmitLLVM("emit-llvm",
             cl::desc("Emit LLVM IR (text with -S, bitcode with -c)"),
             cl::cat(GmcCat));
static cl::opt<bool> SyntaxOnly("fsyntax-only",
                                cl::desc("Only parse and type-check"),
                                cl::cat(GmcCat));
static cl::opt<bool> ASTDump("ast-dump", cl::desc("Print the checked AST"),
                             cl::cat(GmcCat));
static cl::opt<char>
    OptLevel("O", cl::desc("Optimization level: -O0 (default), -O1, -O2, -O3"),
             cl::Prefix, cl::init('0'), cl::cat(GmcCat));
static cl::opt<bool>
    Race("race",
         cl::desc("Detect data races with ThreadSanitizer, as go build "
                  "-race (reports on stderr, exit status 66); implies -g"),
         cl::cat(GmcCat));
static cl::opt<bool> Debug("g", cl::desc("Generate DWARF debug information"),
                           cl::cat(GmcCat));
static cl::opt<std::string> MCPU("mcpu",
                                 cl::desc("Target CPU (default: native)"),
                                 cl::value_desc("cpu"), cl::cat(GmcCat));
static cl::opt<std::string> MArch("march",
                                  cl::desc("Target CPU, as -mcpu (x86)"),
                                  cl::value_desc("cpu"), cl::cat(GmcCat));
static cl::opt<std::string> CC("cc", cl::desc("C++ driver used for linking"),
                               cl::value_desc("path"),
                               cl::init(getDefaultCXX()), cl::cat(GmcCat));
static cl::opt<bool> MapInline("fmap-inline",
                               cl::desc("Inline map fast paths (also at -O0)"),
                               cl::cat(GmcCat));
static cl::opt<bool> NoMapInline("fno-map-inline",
                                 cl::desc("Do not inline map fast paths"),
                                 cl::cat(GmcCat));
static cl::opt<std::string>
    RPass("Rpass", cl::desc("Report optimizations by passes matching <regex>"),
          cl::value_desc("regex"), cl::cat(GmcCat));
static cl::opt<std::string> RPassMissed(
    "Rpass-missed",
    cl::desc("Report missed optimizations by passes matching <regex>"),
    cl::value_desc("regex"), cl::cat(GmcCat));
static cl::opt<std::string>
    RPassAnalysis("Rpass-analysis",
                  cl::desc("Report analyses by passes matching <regex>"),
                  cl::value_desc("regex"), cl::cat(GmcCat));
static cl::opt<bool>
    SaveOptRecord("fsave-optimization-record",
                  cl::desc("Write optimization remarks to <output>.opt.yaml"),
                  cl::cat(GmcCat));

static cl::opt<bool>
    AllErrors("e",
              cl::desc("Report all errors, not just the first 10 (Go's -e)"),
              cl::cat(GmcCat));

static cl::opt<bool>
    PrintEscapes("m",
                 cl::desc("Print escape analysis decisions (Go's -gcflags=-m)"),
                 cl::cat(GmcCat));
static cl::opt<bool> NoEscapeAnalysis(
    "fno-escape-analysis",
    cl::desc("Allocate every new, literal, make and address-taken variable "
             "on the heap"),
    cl::cat(GmcCat));

static cl::opt<gm::abi::MapRuntime>
    MapRuntimeOpt("fmap-runtime",
                  cl::desc("The map runtime to compile and link for"),
                  cl::values(clEnumValN(gm::abi::MapRuntime::Classic, "classic",
                                        "Go 1.19's bucket map (default)"),
                             clEnumValN(gm::abi::MapRuntime::Swiss, "swiss",
                                        "Go 1.24's Swiss table map")),
                  cl::init(gm::abi::MapRuntime::Classic), cl::cat(GmcCat));

static cl::opt<unsigned>
    Port("port",
         cl::desc("gmc explore: the port on 127.0.0.1 (default: a free one)"),
         cl::value_desc("N"), cl::init(0), cl::cat(GmcCat));

static cl::opt<std::string> ExportPath(
    "export",
    cl::desc(
        "gmc explore: write the page as one self-contained HTML file "
        "(compiled with -O, -fno-map-inline, -mcpu, -fmap-runtime) instead "
        "of serving"),
    cl::value_desc("file.html"), cl::cat(GmcCat));

static void printVersion(raw_ostream &OS) { OS << getVersionString() << "\n"; }

/// Whether Arg is an option that takes the next argument as its value
/// (`-o out`), by asking the option registry.
static bool takesSeparateValue(StringRef Arg) {
  if (!Arg.consume_front("-") || Arg.contains('='))
    return false;
  Arg.consume_front("-");
  StringMap<cl::Option *> &Opts = cl::getRegisteredOptions();
  auto It = Opts.find(Arg);
  return It != Opts.end() &&
         It->second->getValueExpectedFlag() == cl::ValueRequired &&
         It->second->getFormattingFlag() != cl::Prefix;
}

/// Where the subcommand (run, explore) is: among the arguments before the
/// first positional one, not as an option's value. 0 if there is none.
static int findSubcommand(int argc, char **argv) {
  for (int I = 1; I < argc; ++I) {
    StringRef A = argv[I];
    if (A == "run" || A == "explore")
      return I;
    if (!A.starts_with("-") || A == "-")
      return 0; // the input file: no subcommand
    if (takesSeparateValue(A))
      ++I;
  }
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  setBugReportMsg("PLEASE submit a bug report to the gm maintainers and "
                  "include the crash backtrace, the source file and the gmc "
                  "command line.\n");
  cl::HideUnrelatedOptions(GmcCat);
  cl::SetVersionPrinter(printVersion);

  // `gmc [flags] run [flags] file.gm [program args]`: flags up to the first
  // .gm file belong to gmc, everything after it to the program.
  int Sub = findSubcommand(argc, argv);
  StringRef Subcommand = Sub ? StringRef(argv[Sub]) : StringRef();
  bool Run = Subcommand == "run";
  std::vector<std::string> RunArgs;
  std::vector<const char *> Args = {argv[0]};
  bool SeenInput = false;
  for (int I = 1; I < argc; ++I) {
    if (I == Sub)
      continue;
    StringRef A = argv[I];
    if (Run && SeenInput) {
      RunArgs.push_back(argv[I]);
      continue;
    }
    Args.push_back(argv[I]);
    if (takesSeparateValue(A) && I + 1 < argc) {
      Args.push_back(argv[++I]);
      continue;
    }
    if (!A.starts_with("-") || A == "-")
      SeenInput = true;
  }

  if (!cl::ParseCommandLineOptions(
          int(Args.size()), Args.data(),
          "gm compiler\n\n"
          "  gmc file.gm [-o out]\n"
          "  gmc run [options] file.gm [args...]\n"
          "  gmc explore [file.gm] [--port N | --export page.html]\n",
          &errs()))
    return 1;

  if (Subcommand == "explore") {
#ifdef GM_HAVE_EXPLORE
    gm::explore::ExploreOptions EO;
    EO.InputFile = InputFile;
    EO.Port = Port;
    EO.CXX = CC;
    EO.ExportPath = ExportPath;
    // The exported page shows one compile: gmc's own options choose it.
    if (OptLevel.getNumOccurrences()) {
      if (OptLevel < '0' || OptLevel > '3') {
        errs() << "gmc: error: invalid optimization level '-O" << OptLevel
               << "'\n";
        return 1;
      }
      EO.OptLevel = OptLevel - '0';
    }
    EO.MapInline = !NoMapInline;
    EO.MapRuntime = MapRuntimeOpt;
    if (!MCPU.empty())
      EO.CPU = MCPU;
    else if (!MArch.empty())
      EO.CPU = MArch;
    return gm::explore::runExplorer(EO, argv[0]);
#else
    errs() << "gmc: error: this gmc was built without the explorer (it needs "
              "libcpp-httplib-dev, esbuild and the page's npm packages: run "
              "scripts/bootstrap.sh and reconfigure)\n";
    return 1;
#endif
  }
  if (Port.getNumOccurrences() || ExportPath.getNumOccurrences()) {
    errs() << "gmc: error: --port and --export apply to 'gmc explore' only\n";
    return 1;
  }

  DriverOptions Opts;
  Opts.Input = InputFile;
  Opts.Output = OutputFile;
  Opts.EmitLLVM = EmitLLVM;
  Opts.DebugInfo = Debug || Race;
  Opts.Race = Race;
  Opts.MapRuntime = MapRuntimeOpt;
  Opts.CXX = CC;
  Opts.Run = Run;
  Opts.RunArgs = RunArgs;
  Opts.RemarksPassed = RPass;
  Opts.RemarksMissed = RPassMissed;
  Opts.RemarksAnalysis = RPassAnalysis;
  Opts.SaveOptRecord = SaveOptRecord;
  Opts.AllErrors = AllErrors;
  Opts.PrintEscapes = PrintEscapes;
  Opts.EscapeAnalysis = !NoEscapeAnalysis;
  if (OptLevel < '0' || OptLevel > '3') {
    errs() << "gmc: error: invalid optimization level '-O" << OptLevel << "'\n";
    return 1;
  }
  Opts.OptLevel = OptLevel - '0';
  if (!MCPU.empty())
    Opts.CPU = MCPU;
  else if (!MArch.empty())
    Opts.CPU = MArch;
  if (MapInline && NoMapInline) {
    errs() << "gmc: error: -fmap-inline and -fno-map-inline are exclusive\n";
    return 1;
  }
  Opts.MapInline = MapInline     ? MapInlineMode::On
                   : NoMapInline ? MapInlineMode::Off
                                 : MapInlineMode::Default;
  if (CompileOnly && AssembleOnly) {
    errs() << "gmc: error: -c and -S are exclusive\n";
    return 1;
  }
  if (SyntaxOnly)
    Opts.Act = Action::SyntaxOnly;
  else if (ASTDump)
    Opts.Act = Action::ASTDump;
  else if (CompileOnly)
    Opts.Act = Action::Object;
  else if (AssembleOnly)
    Opts.Act = Action::Assembly;
  if (Run && Opts.Act != Action::Link) {
    errs() << "gmc: error: 'gmc run' builds and runs an executable; "
              "-c/-S/-fsyntax-only/-ast-dump do not apply\n";
    return 1;
  }
  if (Opts.EmitLLVM && Opts.Act == Action::Link) {
    errs() << "gmc: error: -emit-llvm requires -S or -c\n";
    return 1;
  }
  // Deep nesting recurses through every layer; the main thread's 8 MiB
  // would end it long before the parser's limit does.
  int Status = 1;
  llvm::thread Compiler(std::optional<unsigned>(gm::lang::CompilerStackBytes),
                        [&] { Status = runCompiler(Opts, argv[0]); });
  Compiler.join();
  return Status;
}
