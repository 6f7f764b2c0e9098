//===- FrontendFuzzer.cpp - libFuzzer target over the gm front end --------===//
//
// Runs lexer, parser and Sema (parseAndCheck), escape analysis with its
// report, and the AST dumper on arbitrary bytes. The front end must never
// crash, hang or assert.
//
//   ninja gm-frontend-fuzzer
//   bin/gm-frontend-fuzzer -max_total_time=60 lang/fuzz/corpus
//
//===----------------------------------------------------------------------===//

#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Frontend/Frontend.h"
#include "gm/lang/Sema/EscapeAnalysis.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

static void checkOne(const uint8_t *Data, size_t Size) {
  llvm::SourceMgr SM;
  SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(Data), Size),
          "fuzz.gm"),
      llvm::SMLoc());
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  gm::lang::DiagnosticEngine Diags(SM, OS);
  if (auto CU = gm::lang::parseAndCheck(SM, Diags)) {
    std::vector<gm::lang::EscapeDecision> Decisions;
    gm::lang::analyzeEscapes(*CU, &Decisions);
    gm::lang::dumpAST(*CU, OS);
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  // On the stack gmc gives the front end, so that nesting up to the
  // parser's limit is checked as gmc would see it.
  llvm::thread Worker(std::optional<unsigned>(gm::lang::CompilerStackBytes),
                      [&] { checkOne(Data, Size); });
  Worker.join();
  return 0;
}
