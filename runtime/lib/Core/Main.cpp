//===- Main.cpp - The C entry point of every gm program -------------------===//
//
// Built into its own library, libgmrt_main.a, so that unit tests can link
// libgmrt.a without a second main(). gmc links both into programs.
//
//   main(argc, argv):
//     GC_INIT, raise the stack limit, install the SIGSEGV handler
//     record argc/argv (os.Args) and the start time (time.Now's m=)
//     main.init()   -- package-level variable initialisation (gmc)
//     main.main()   -- the program (gmc)
//     flush stdout; return 0
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"

namespace gm::rt {
// Defined by gmc; the labels are abi::ProgramInitSymbol/ProgramMainSymbol
// (checked below). main.init is weak so that a program without package
// initialisation need not define it.
[[gnu::weak]] void programInit() asm("main.init");
void programMain() asm("main.main");
} // namespace gm::rt

namespace {
constexpr bool sameString(const char *A, const char *B) {
  while (*A && *A == *B) {
    ++A;
    ++B;
  }
  return *A == *B;
}
static_assert(sameString(gm::abi::ProgramInitSymbol, "main.init") &&
                  sameString(gm::abi::ProgramMainSymbol, "main.main"),
              "Main.cpp's asm labels must name the ABI's program symbols");
} // namespace

int main(int argc, char **argv) {
  gm::rt::recordStartTime();
  gm::rt::initRuntime();
  gm::rt::setCommandLine(argc, argv);
  return gm::rt::runProgram(gm::rt::programInit, gm::rt::programMain);
}
