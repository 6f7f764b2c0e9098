//===- DebugInfo.cpp - DWARF for gm programs ------------------------------===//
//
// gm types in DWARF, as Go's own compiler describes them:
//   string  -> struct string { uint8 *str; int len; }
//   []T     -> struct []T { T *array; int len; int cap; }
//   map     -> pointer to an opaque "hmap"
//   named   -> a typedef-free description of the underlying type, named T
//
//===----------------------------------------------------------------------===//

#include "DebugInfo.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace gm;
using namespace gm::irgen;

DebugInfo::DebugInfo(IRGenModule &IGM)
    : IGM(IGM), Full(IGM.Opts.DebugInfo), DIB(IGM.M) {
  SmallString<256> Path(IGM.Opts.MainFileName);
  sys::fs::make_absolute(Path);
  File =
      DIB.createFile(sys::path::filename(Path), sys::path::parent_path(Path));
  CU = DIB.createCompileUnit(
      dwarf::DW_LANG_Go, File, "gmc", IGM.Opts.Optimized, "", 0, "",
      Full ? DICompileUnit::FullDebug : DICompileUnit::NoDebug);
  if (Full) {
    IGM.M.addModuleFlag(Module::Warning, "Dwarf Version", 5);
    IGM.M.addModuleFlag(Module::Warning, "Debug Info Version",
                        DEBUG_METADATA_VERSION);
  } else {
    IGM.M.addModuleFlag(Module::Warning, "Debug Info Version",
                        DEBUG_METADATA_VERSION);
  }
}

void DebugInfo::finalize() { DIB.finalize(); }

DIFile *DebugInfo::getFile(const lang::FuncDecl *FD) {
  const lang::Package *P = FD ? FD->getPackage() : nullptr;
  if (!P || P->isMain() || !P->getBuffer())
    return File;
  DIFile *&F = LibraryFiles[P];
  if (!F) {
    StringRef Id =
        IGM.SM.getMemoryBuffer(P->getBuffer())->getBufferIdentifier();
    F = DIB.createFile(sys::path::filename(Id), sys::path::parent_path(Id));
  }
  return F;
}

DISubprogram *DebugInfo::createFunction(Function *Fn, const lang::FuncDecl *FD,
                                        StringRef Name, SMLoc Loc,
                                        bool Artificial) {
  unsigned Line = IGM.getLineCol(Loc).first;
  SmallVector<Metadata *, 8> Types;
  Types.push_back(nullptr);
  if (Full && FD) {
    if (auto *Sig = FD->getSignature()) {
      if (Sig->getResults() && Sig->getResults()->size() == 1)
        Types[0] = getType(Sig->getResults()->getElement(0));
      for (lang::Type *P : Sig->getParams())
        Types.push_back(getType(P));
    }
  }
  auto *STy = DIB.createSubroutineType(DIB.getOrCreateTypeArray(Types));
  DINode::DIFlags Flags = DINode::FlagPrototyped;
  if (Artificial)
    Flags |= DINode::FlagArtificial;
  DISubprogram::DISPFlags SPFlags = DISubprogram::SPFlagDefinition;
  if (IGM.Opts.Optimized)
    SPFlags |= DISubprogram::SPFlagOptimized;
  DIFile *F = getFile(FD);
  auto *SP = DIB.createFunction(F, Name, Fn->getName(), F, Line, STy, Line,
                                Flags, SPFlags);
  Fn->setSubprogram(SP);
  return SP;
}

DILocation *DebugInfo::getLocation(SMLoc Loc, DIScope *Scope) {
  auto [Line, Col] = IGM.getLineCol(Loc);
  return DILocation::get(IGM.Ctx, Line, Col, Scope);
}

void DebugInfo::declareVariable(IRBuilder<> &B, Value *Addr,
                                const lang::VarDecl *VD, DIScope *Scope,
                                unsigned ArgNo, bool Indirect) {
  if (!Full || VD->getName().empty() || VD->getName() == "_")
    return;
  unsigned Line = IGM.getLineCol(VD->getLoc()).first;
  DIType *Ty = getType(VD->getType());
  DILocalVariable *Var =
      ArgNo ? DIB.createParameterVariable(Scope, VD->getName(), ArgNo,
                                          Scope->getFile(), Line, Ty, true)
            : DIB.createAutoVariable(Scope, VD->getName(), Scope->getFile(),
                                     Line, Ty, true);
  SmallVector<uint64_t, 1> Ops;
  if (Indirect)
    Ops.push_back(dwarf::DW_OP_deref);
  DIB.insertDeclare(Addr, Var, DIB.createExpression(Ops),
                    getLocation(VD->getLoc(), Scope), B.GetInsertBlock());
}

DIType *DebugInfo::getType(const lang::Type *T) {
  auto It = Types.find(T);
  if (It != Types.end())
    return It->second;
  DIType *R = nullptr;
  const lang::Type *U = T->getUnderlying();
  std::string Name = lang::typeString(T);
  uint64_t Bits = IGM.getSize(T) * 8;
  auto basic = [&](unsigned Enc) {
    return DIB.createBasicType(Name, Bits, Enc);
  };
  switch (U->getKind()) {
  case lang::Type::Bool:
    R = DIB.createBasicType(Name, 8, dwarf::DW_ATE_boolean);
    break;
  case lang::Type::Int:
  case lang::Type::Int8:
  case lang::Type::Int16:
  case lang::Type::Int32:
  case lang::Type::Int64:
    R = basic(dwarf::DW_ATE_signed);
    break;
  case lang::Type::Uint8:
    R = basic(dwarf::DW_ATE_unsigned_char);
    break;
  case lang::Type::Uint:
  case lang::Type::Uint16:
  case lang::Type::Uint32:
  case lang::Type::Uint64:
  case lang::Type::Uintptr:
    R = basic(dwarf::DW_ATE_unsigned);
    break;
  case lang::Type::Float32:
  case lang::Type::Float64:
    R = basic(dwarf::DW_ATE_float);
    break;
  case lang::Type::String: {
    auto *U8 = DIB.createBasicType("uint8", 8, dwarf::DW_ATE_unsigned_char);
    auto *P = DIB.createPointerType(U8, 64);
    auto *I = DIB.createBasicType("int", 64, dwarf::DW_ATE_signed);
    Metadata *Els[] = {DIB.createMemberType(CU, "str", File, 0, 64, 64, 0,
                                            DINode::FlagZero, P),
                       DIB.createMemberType(CU, "len", File, 0, 64, 64, 64,
                                            DINode::FlagZero, I)};
    R = DIB.createStructType(CU, Name, File, 0, 128, 64, DINode::FlagZero,
                             nullptr, DIB.getOrCreateArray(Els));
    break;
  }
  case lang::Type::Slice: {
    auto *ST = cast<lang::SliceType>(U);
    auto *P = DIB.createPointerType(getType(ST->getElement()), 64);
    auto *I = DIB.createBasicType("int", 64, dwarf::DW_ATE_signed);
    Metadata *Els[] = {DIB.createMemberType(CU, "array", File, 0, 64, 64, 0,
                                            DINode::FlagZero, P),
                       DIB.createMemberType(CU, "len", File, 0, 64, 64, 64,
                                            DINode::FlagZero, I),
                       DIB.createMemberType(CU, "cap", File, 0, 64, 64, 128,
                                            DINode::FlagZero, I)};
    R = DIB.createStructType(CU, Name, File, 0, 192, 64, DINode::FlagZero,
                             nullptr, DIB.getOrCreateArray(Els));
    break;
  }
  case lang::Type::Pointer: {
    // Cycles (type T struct { next *T }) end at the struct's forward decl.
    auto *Pointee = getType(cast<lang::PointerType>(U)->getElement());
    R = DIB.createPointerType(Pointee, 64, 0, std::nullopt, Name);
    break;
  }
  case lang::Type::Interface: {
    auto *Word = DIB.createPointerType(nullptr, 64);
    SmallVector<Metadata *, 2> Els{
        DIB.createMemberType(CU, "_type", File, 0, 64, 64, 0, DINode::FlagZero,
                             Word),
        DIB.createMemberType(CU, "data", File, 0, 64, 64, 64, DINode::FlagZero,
                             Word)};
    R = DIB.createStructType(CU, Name, File, 0, 128, 64, DINode::FlagZero,
                             nullptr, DIB.getOrCreateArray(Els));
    break;
  }
  case lang::Type::Signature: {
    // A pointer to the funcval (code pointer, then the closure's context).
    auto *FuncVal =
        DIB.createStructType(CU, "funcval", File, 0, 64, 64, DINode::FlagZero,
                             nullptr, DIB.getOrCreateArray({}));
    R = DIB.createPointerType(FuncVal, 64, 0, std::nullopt, Name);
    break;
  }
  case lang::Type::Chan: {
    auto *HChan =
        DIB.createStructType(CU, "hchan", File, 0, 0, 64, DINode::FlagZero,
                             nullptr, DIB.getOrCreateArray({}));
    R = DIB.createPointerType(HChan, 64, 0, std::nullopt, Name);
    break;
  }
  case lang::Type::Map: {
    auto *HMap =
        DIB.createStructType(CU, "hmap", File, 0, 48 * 8, 64, DINode::FlagZero,
                             nullptr, DIB.getOrCreateArray({}));
    R = DIB.createPointerType(HMap, 64, 0, std::nullopt, Name);
    break;
  }
  case lang::Type::Array: {
    auto *AT = cast<lang::ArrayType>(U);
    Metadata *Sub[] = {DIB.getOrCreateSubrange(0, AT->getLength())};
    R = DIB.createArrayType(Bits, IGM.getAlign(T) * 8,
                            getType(AT->getElement()),
                            DIB.getOrCreateArray(Sub));
    break;
  }
  case lang::Type::Struct: {
    auto *ST = cast<lang::StructType>(U);
    auto *Fwd = DIB.createReplaceableCompositeType(dwarf::DW_TAG_structure_type,
                                                   Name, CU, File, 0);
    Types[T] = Fwd;
    SmallVector<Metadata *, 8> Els;
    for (unsigned I = 0, E = ST->getNumFields(); I != E; ++I) {
      const lang::StructField &F = ST->getField(I);
      Els.push_back(DIB.createMemberType(
          CU, F.Name, File, 0, IGM.getSize(F.Ty) * 8, IGM.getAlign(F.Ty) * 8,
          IGM.getFieldOffset(ST, I) * 8, DINode::FlagZero, getType(F.Ty)));
    }
    auto *Real = DIB.createStructType(CU, Name, File, 0, Bits,
                                      IGM.getAlign(T) * 8, DINode::FlagZero,
                                      nullptr, DIB.getOrCreateArray(Els));
    Fwd->replaceAllUsesWith(Real);
    R = Real;
    break;
  }
  default:
    R = DIB.createUnspecifiedType(Name);
    break;
  }
  Types[T] = R;
  return R;
}
