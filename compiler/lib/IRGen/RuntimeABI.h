//===- RuntimeABI.h - The runtime ABI per target, from clang ----*- C++ -*-===//
//
// gm-abi-gen (compiler/tools/gm-abi-gen) parses gm/runtime/ABI.h with clang
// for each target gmc emits code for, and writes RuntimeABI-<triple>.inc into
// the build tree: every runtime entry point's LLVM declaration as clang would
// emit it, the LLVM type of the function-pointer aliases, and the layout of
// every ABI record. This is the compiler's view of those tables.
//
//===----------------------------------------------------------------------===//

#ifndef GM_IRGEN_RUNTIMEABI_H
#define GM_IRGEN_RUNTIMEABI_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/TargetParser/Triple.h"
#include <cstdint>
#include <optional>

namespace gm::irgen {

struct RuntimeABI {
  /// One GM_RUNTIME_FUNCTION row, in RuntimeFunctions.def order.
  struct Function {
    /// The C++ name ("mapaccess2_faststr").
    const char *Name;
    /// Clang's declaration without function attributes, in LLVM syntax:
    /// "declare { ptr, i8 } @runtime.mapaccess2_faststr(ptr noundef, ...)".
    const char *Declaration;
    /// For each IR argument, the C++ parameter it carries, or -1 (an sret
    /// pointer, padding): "0 1 2 2" when the third parameter is split.
    const char *ArgSources;
  };
  /// A function-pointer alias of ABI.h (StringMethodFn, HashFn, ...).
  struct FunctionType {
    const char *Name;
    /// "{ ptr, i64 } (ptr)".
    const char *Type;
  };
  struct Record {
    const char *Name;
    uint64_t Size;
    uint64_t Align;
  };
  struct Field {
    const char *Record;
    const char *Name;
    uint64_t Offset;
  };

  /// The triple gm-abi-gen was run for.
  const char *TargetTriple;
  llvm::ArrayRef<Function> Functions;
  llvm::ArrayRef<FunctionType> FunctionTypes;
  llvm::ArrayRef<Record> Records;
  llvm::ArrayRef<Field> Fields;

  /// The tables for T (matched by architecture and OS), or null when gm has
  /// none for it.
  static const RuntimeABI *get(const llvm::Triple &T);

  /// The LLVM type of a function-pointer alias, in LLVM syntax.
  llvm::StringRef functionType(llvm::StringRef Name) const;
  const Record *record(llvm::StringRef Name) const;
  std::optional<uint64_t> fieldOffset(llvm::StringRef Record,
                                      llvm::StringRef Field) const;
};

} // namespace gm::irgen

#endif // GM_IRGEN_RUNTIMEABI_H
