//===- FastPathBitcode.cpp - The embedded gm-fastpath.bc ------------------===//
//
// gm-fastpath.bc (built by this directory's CMakeLists.txt) is assembled into
// .rodata with .incbin; GM_FASTPATH_BC_PATH is its absolute path. The object
// is rebuilt whenever the bitcode changes (OBJECT_DEPENDS).
//
//===----------------------------------------------------------------------===//

#include "gm/Transforms/FastPathBitcode.h"

// 16-byte aligned: the bitcode reader wants at least 4.
asm(".pushsection .rodata.gm_fastpath_bc,\"a\",@progbits\n"
    ".p2align 4\n"
    ".globl gm_fastpath_bc_begin\n"
    ".hidden gm_fastpath_bc_begin\n"
    "gm_fastpath_bc_begin:\n"
    ".incbin \"" GM_FASTPATH_BC_PATH "\"\n"
    ".globl gm_fastpath_bc_end\n"
    ".hidden gm_fastpath_bc_end\n"
    "gm_fastpath_bc_end:\n"
    ".popsection\n");

extern "C" const char gm_fastpath_bc_begin[];
extern "C" const char gm_fastpath_bc_end[];

llvm::StringRef gm::getFastPathBitcode() {
  return llvm::StringRef(gm_fastpath_bc_begin,
                         gm_fastpath_bc_end - gm_fastpath_bc_begin);
}
