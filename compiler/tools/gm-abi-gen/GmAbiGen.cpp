//===- GmAbiGen.cpp - The runtime ABI as Clang lowers it ------------------===//
//
// gm-abi-gen parses a C++ header (gm/runtime/ABI.h) with Clang's own front
// end, for a given target, and writes what the compiler must know to call
// into and share memory with code compiled from that header:
//
//  * every function declared in --functions-namespace (the
//    GM_RUNTIME_FUNCTION rows), as the LLVM declaration Clang's CodeGen
//    would emit for it: function type, and return/parameter attributes
//    (zeroext, noundef, aggregates split in registers, sret, byval, ...);
//    plus, for each IR argument, the C++ parameter it carries;
//  * every function-pointer alias in --records-namespace, as its LLVM type;
//  * every record in --records-namespace: size, alignment and field offsets
//    from ASTContext::getASTRecordLayout.
//
// Nothing here knows a calling convention: CodeGenerator::GetAddrOfGlobal
// declares the function exactly as clang would, and the argument mapping
// follows the CGFunctionInfo that produced it.
//
// The output is a C++ fragment of aggregate initializers, included by
// compiler/lib/IRGen/RuntimeABI.cpp (see docs/runtime.md, "The ABI").
//
//===----------------------------------------------------------------------===//

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/AST/RecordLayout.h"
#include "clang/CodeGen/CGFunctionInfo.h"
#include "clang/CodeGen/CodeGenABITypes.h"
#include "clang/CodeGen/ModuleBuilder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRPrintingPasses.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::CodeGen;
using namespace llvm;

namespace {

cl::OptionCategory GenCategory("gm-abi-gen options");

cl::opt<std::string> TargetTriple("target", cl::desc("Target triple"),
                                  cl::Required, cl::cat(GenCategory));
cl::opt<std::string> OutputFile("o", cl::desc("Output file (default stdout)"),
                                cl::value_desc("file"), cl::init("-"),
                                cl::cat(GenCategory));
cl::opt<std::string>
    FunctionsNamespace("functions-namespace",
                       cl::desc("Namespace whose functions are lowered"),
                       cl::init("gm::rt"), cl::cat(GenCategory));
cl::opt<std::string>
    RecordsNamespace("records-namespace",
                     cl::desc("Namespace whose records and function-pointer "
                              "aliases are described"),
                     cl::init("gm::abi"), cl::cat(GenCategory));
cl::opt<std::string> ResourceDir("resource-dir",
                                 cl::desc("Clang's resource directory"),
                                 cl::init(GM_CLANG_RESOURCE_DIR),
                                 cl::cat(GenCategory));

/// Prints T in LLVM syntax with every struct written out literally, so that
/// the output parses in any module without type definitions.
void printLiteralType(raw_ostream &OS, llvm::Type *T) {
  if (auto *ST = dyn_cast<llvm::StructType>(T)) {
    if (ST->isPacked())
      OS << '<';
    OS << '{';
    ListSeparator Sep(",");
    for (llvm::Type *E : ST->elements()) {
      OS << Sep << ' ';
      printLiteralType(OS, E);
    }
    OS << (ST->getNumElements() ? " }" : "}");
    if (ST->isPacked())
      OS << '>';
    return;
  }
  if (auto *AT = dyn_cast<llvm::ArrayType>(T)) {
    OS << '[' << AT->getNumElements() << " x ";
    printLiteralType(OS, AT->getElementType());
    OS << ']';
    return;
  }
  if (auto *FT = dyn_cast<llvm::FunctionType>(T)) {
    printLiteralType(OS, FT->getReturnType());
    OS << " (";
    ListSeparator Sep;
    for (llvm::Type *P : FT->params()) {
      OS << Sep;
      printLiteralType(OS, P);
    }
    OS << ')';
    return;
  }
  T->print(OS);
}

std::string literalType(llvm::Type *T) {
  std::string S;
  raw_string_ostream OS(S);
  printLiteralType(OS, T);
  return S;
}

/// Attributes in LLVM syntax, type attributes with literal types.
std::string attributesText(AttributeSet Attrs) {
  std::string S;
  raw_string_ostream OS(S);
  ListSeparator Sep(" ");
  for (Attribute A : Attrs) {
    OS << Sep;
    if (A.isTypeAttribute()) {
      OS << Attribute::getNameFromAttrKind(A.getKindAsEnum()) << '(';
      printLiteralType(OS, A.getValueAsType());
      OS << ')';
    } else {
      OS << A.getAsString();
    }
  }
  return S;
}

/// The LLVM declaration of F without function attributes: what a caller
/// must match.
std::string declarationText(const Function &F) {
  std::string S;
  raw_string_ostream OS(S);
  AttributeList AL = F.getAttributes();
  OS << "declare ";
  if (std::string Ret = attributesText(AL.getRetAttrs()); !Ret.empty())
    OS << Ret << ' ';
  printLiteralType(OS, F.getReturnType());
  OS << " @";
  printLLVMNameWithoutPrefix(OS, F.getName());
  OS << '(';
  ListSeparator Sep;
  for (unsigned I = 0, E = F.arg_size(); I != E; ++I) {
    OS << Sep;
    printLiteralType(OS, F.getFunctionType()->getParamType(I));
    if (std::string A = attributesText(AL.getParamAttrs(I)); !A.empty())
      OS << ' ' << A;
  }
  OS << ')';
  return S;
}

/// For each IR argument of a function lowered as FI, the index of the C++
/// parameter it carries, or -1 (sret pointer, padding). Follows the
/// argument layout of Clang's ClangToLLVMArgMapping.
std::optional<SmallVector<int, 8>> irArgumentSources(const CGFunctionInfo &FI) {
  SmallVector<int, 8> Sources;
  const ABIArgInfo &Ret = FI.getReturnInfo();
  bool SRet = Ret.isIndirect() && !Ret.getInAllocaSRet();
  if (SRet && !Ret.isSRetAfterThis())
    Sources.push_back(-1);
  unsigned ParamNo = 0;
  for (const CGFunctionInfoArgInfo &Arg : FI.arguments()) {
    const ABIArgInfo &AI = Arg.info;
    if (AI.getPaddingType())
      Sources.push_back(-1);
    unsigned Count = 0;
    switch (AI.getKind()) {
    case ABIArgInfo::Extend:
    case ABIArgInfo::Direct: {
      auto *ST = dyn_cast<llvm::StructType>(AI.getCoerceToType());
      Count = AI.isDirect() && AI.getCanBeFlattened() && ST
                  ? ST->getNumElements()
                  : 1;
      break;
    }
    case ABIArgInfo::Indirect:
    case ABIArgInfo::IndirectAliased:
      Count = 1;
      break;
    case ABIArgInfo::Ignore:
    case ABIArgInfo::InAlloca:
      Count = 0;
      break;
    case ABIArgInfo::CoerceAndExpand:
      for (llvm::Type *T : AI.getCoerceAndExpandTypeSequence())
        if (!ABIArgInfo::isPaddingForCoerceAndExpand(T))
          ++Count;
      break;
    case ABIArgInfo::Expand:
      return std::nullopt; // Not produced for C++ on the targets gm uses.
    }
    Sources.append(Count, int(ParamNo));
    if (SRet && Ret.isSRetAfterThis() && ParamNo == 0)
      Sources.push_back(-1);
    ++ParamNo;
  }
  return Sources;
}

/// Whether D is declared directly in the namespace spelled QualifiedName.
bool isDirectlyIn(const Decl *D, StringRef QualifiedName) {
  const auto *NS = dyn_cast<NamespaceDecl>(D->getDeclContext());
  return NS && NS->getQualifiedNameAsString() == QualifiedName;
}

/// Every declaration of DC and its nested namespaces, in source order.
void collectDecls(const DeclContext *DC, SmallVectorImpl<const Decl *> &Out) {
  for (const Decl *D : DC->decls()) {
    Out.push_back(D);
    if (const auto *Inner = dyn_cast<DeclContext>(D))
      if (isa<NamespaceDecl, LinkageSpecDecl>(Inner))
        collectDecls(Inner, Out);
  }
}

class ABIConsumer : public ASTConsumer {
public:
  ABIConsumer(CompilerInstance &CI, raw_ostream &OS) : CI(CI), OS(OS) {
    Gen.reset(CreateLLVMCodeGen(
        CI.getDiagnostics(), "gm-abi-gen", &CI.getVirtualFileSystem(),
        CI.getHeaderSearchOpts(), CI.getPreprocessorOpts(), CI.getCodeGenOpts(),
        LLVMCtx));
  }

  void Initialize(ASTContext &Ctx) override { Gen->Initialize(Ctx); }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    SmallVector<const Decl *, 256> Decls;
    collectDecls(Ctx.getTranslationUnitDecl(), Decls);
    OS << "// Generated by gm-abi-gen for " << TargetTriple
       << ". Do not edit.\n\n";
    emitFunctions(Decls);
    emitFunctionTypes(Ctx, Decls);
    emitRecords(Ctx, Decls);
  }

private:
  /// One row per function: C++ name, declaration, C++ parameter of each IR
  /// argument.
  void emitFunctions(ArrayRef<const Decl *> Decls) {
    OS << "#ifdef GM_ABI_FUNCTION\n";
    for (const Decl *D : Decls) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !isDirectlyIn(FD, FunctionsNamespace) || FD->isTemplated() ||
          isa<CXXMethodDecl>(FD))
        continue;
      Function *F = declare(FD);
      CanQual<FunctionProtoType> Proto = FD->getType()
                                             ->getCanonicalTypeUnqualified()
                                             .castAs<FunctionProtoType>();
      const CGFunctionInfo &FI =
          CodeGen::arrangeFreeFunctionType(Gen->CGM(), Proto);
      std::optional<SmallVector<int, 8>> Sources = irArgumentSources(FI);
      if (!Sources || Sources->size() != F->arg_size())
        return fail(FD, "cannot map its IR arguments to its parameters");
      OS << "// " << FD->getReturnType().getAsString() << ' ' << FD->getName()
         << '(';
      ListSeparator ParamSep;
      for (const ParmVarDecl *P : FD->parameters())
        OS << ParamSep << P->getType().getAsString();
      OS << ")\nGM_ABI_FUNCTION(" << FD->getName() << ", \"";
      OS.write_escaped(declarationText(*F)) << "\", \"";
      ListSeparator Sep(" ");
      for (int S : *Sources)
        OS << Sep << S;
      OS << "\")\n";
    }
    OS << "#undef GM_ABI_FUNCTION\n#endif\n\n";
  }

  /// One row per function-pointer alias: its name and LLVM function type.
  void emitFunctionTypes(ASTContext &Ctx, ArrayRef<const Decl *> Decls) {
    OS << "#ifdef GM_ABI_FUNCTION_TYPE\n";
    for (const Decl *D : Decls) {
      const auto *TD = dyn_cast<TypedefNameDecl>(D);
      if (!TD || !isDirectlyIn(TD, RecordsNamespace))
        continue;
      QualType T = TD->getUnderlyingType().getCanonicalType();
      const auto *Ptr = T->getAs<clang::PointerType>();
      if (!Ptr || !Ptr->getPointeeType()->getAs<FunctionProtoType>())
        continue;
      // Lowered as clang lowers a function of that type: declare one.
      Function *F = declareProbe(Ctx, TD->getName(), Ptr->getPointeeType());
      auto *FT = F->getFunctionType();
      OS << "GM_ABI_FUNCTION_TYPE(" << TD->getName() << ", \"";
      OS.write_escaped(literalType(FT)) << "\")\n";
    }
    OS << "#undef GM_ABI_FUNCTION_TYPE\n#endif\n\n";
  }

  /// Per record: GM_ABI_RECORD(Name, Size, Align), then one GM_ABI_FIELD
  /// (Record, Field, Offset) per field. Bytes; bit-fields by their bit
  /// offset's byte.
  void emitRecords(ASTContext &Ctx, ArrayRef<const Decl *> Decls) {
    OS << "#ifdef GM_ABI_RECORD\n";
    for (const Decl *D : Decls) {
      const auto *RD = dyn_cast<RecordDecl>(D);
      if (!RD || !isDirectlyIn(RD, RecordsNamespace) ||
          !RD->isCompleteDefinition() || RD->isDependentType() ||
          RD->getName().empty())
        continue;
      const ASTRecordLayout &L = Ctx.getASTRecordLayout(RD);
      OS << "GM_ABI_RECORD(" << RD->getName() << ", "
         << L.getSize().getQuantity() << ", " << L.getAlignment().getQuantity()
         << ")\n";
      for (const FieldDecl *FD : RD->fields()) {
        uint64_t Bits = L.getFieldOffset(FD->getFieldIndex());
        OS << "GM_ABI_FIELD(" << RD->getName() << ", " << FD->getName() << ", "
           << Bits / Ctx.getCharWidth() << ")\n";
      }
    }
    OS << "#undef GM_ABI_RECORD\n#undef GM_ABI_FIELD\n#endif\n";
  }

  /// Clang's declaration of an extern "C++" function of type FnType, made
  /// up in the translation unit under a reserved name.
  Function *declareProbe(ASTContext &Ctx, StringRef Name, QualType FnType) {
    TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
    auto *FD = FunctionDecl::Create(
        Ctx, TU, SourceLocation(), SourceLocation(),
        DeclarationName(&Ctx.Idents.get(("__gm_abi_probe_" + Name).str())),
        FnType, /*TInfo=*/nullptr, SC_Extern);
    SmallVector<ParmVarDecl *, 4> Params;
    for (QualType P : FnType->castAs<FunctionProtoType>()->param_types())
      Params.push_back(ParmVarDecl::Create(Ctx, FD, SourceLocation(),
                                           SourceLocation(), nullptr, P,
                                           nullptr, SC_None, nullptr));
    FD->setParams(Params);
    return declare(FD);
  }

  Function *declare(const FunctionDecl *FD) {
    return cast<Function>(
        Gen->GetAddrOfGlobal(GlobalDecl(FD), /*isForDefinition=*/false)
            ->stripPointerCasts());
  }

  void fail(const Decl *D, StringRef Why) {
    DiagnosticsEngine &DE = CI.getDiagnostics();
    DE.Report(D->getLocation(),
              DE.getCustomDiagID(DiagnosticsEngine::Error, "gm-abi-gen: %0"))
        << Why;
  }

  CompilerInstance &CI;
  raw_ostream &OS;
  LLVMContext LLVMCtx;
  std::unique_ptr<CodeGenerator> Gen;
};

class ABIAction : public ASTFrontendAction {
public:
  explicit ABIAction(raw_ostream &OS) : OS(OS) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    return std::make_unique<ABIConsumer>(CI, OS);
  }

private:
  raw_ostream &OS;
};

class ABIActionFactory : public tooling::FrontendActionFactory {
public:
  explicit ABIActionFactory(raw_ostream &OS) : OS(OS) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ABIAction>(OS);
  }

private:
  raw_ostream &OS;
};

} // namespace

int main(int argc, const char **argv) {
  auto Parser = tooling::CommonOptionsParser::create(
      argc, argv, GenCategory, cl::OneOrMore,
      "Writes the LLVM lowering of a C++ ABI header's functions and the "
      "layout of its records, as Clang computes them for --target.\n");
  if (!Parser) {
    errs() << Parser.takeError();
    return 1;
  }
  if (Parser->getSourcePathList().size() != 1) {
    errs() << "gm-abi-gen: expected exactly one header\n";
    return 1;
  }
  std::error_code EC;
  ToolOutputFile Out(OutputFile, EC, sys::fs::OF_Text);
  if (EC) {
    errs() << "gm-abi-gen: " << OutputFile << ": " << EC.message() << '\n';
    return 1;
  }
  tooling::ClangTool Tool(Parser->getCompilations(),
                          Parser->getSourcePathList());
  // The header is parsed as a C++ source for the requested target; the
  // resource directory is clang-19's, since this tool is not installed
  // next to it.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-x", "c++", "--target=" + TargetTriple, "-resource-dir", ResourceDir},
      tooling::ArgumentInsertPosition::BEGIN));
  ABIActionFactory Factory(Out.os());
  if (int RC = Tool.run(&Factory))
    return RC;
  Out.keep();
  return 0;
}
