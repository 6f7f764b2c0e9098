//===- Parser.h - gm recursive-descent parser -------------------*- C++ -*-===//
//
// Builds the AST of one source file from the lexer's tokens. The parser
// makes no semantic decisions (a `T{` is a composite literal or a block by
// syntax alone, as in Go; `*p` is a StarExpr whether it is a type or a
// dereference). Constructs outside the gm subset that are valid Go syntax
// (complex literals, struct tags, renamed imports) are reported as
// `<feature> is not supported in gm` where they are parsed.
//
// On a syntax error it reports Go's message ("syntax error: unexpected X,
// expecting Y"), at most one per line, skips to the end of the statement or
// declaration and continues.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_PARSE_PARSER_H
#define GM_LANG_PARSE_PARSER_H

#include "gm/lang/AST/AST.h"
#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Lex/Lexer.h"

namespace gm::lang {

class Parser {
public:
  /// Maximum nesting of expressions, types and statements, counted in
  /// parser levels: a parenthesis or a block takes 2, an `if` or a
  /// composite literal 3, so that gm accepts 4,997 nested parentheses or
  /// blocks and 3,331 nested ifs or composite literals in a function
  /// (docs/language.md). The compiler needs CompilerStackBytes (Frontend.h)
  /// of stack for it.
  static constexpr unsigned MaxDepth = 10000;

  /// Parses into Pkg, a package of CU (for parseFile; without one, parseFile
  /// makes CU's main package).
  Parser(Lexer &L, DiagnosticEngine &Diags, CompilationUnit &CU,
         Package *Pkg = nullptr);

  /// Parses the whole file into its package. Returns false if any error was
  /// reported.
  bool parseFile();
  /// Parses a single expression (for tests).
  Expr *parseExpression();
  /// Parses the function declaration the lexer starts at (Sema parses a
  /// generic function again for each instance).
  FuncDecl *parseFuncDeclOnly() { return parseFuncDecl(); }

private:
  struct DepthGuard;

  // Token handling.
  void next();
  bool got(tok::TokenKind K);
  /// Consumes K or reports "unexpected X, expecting <What>".
  bool want(tok::TokenKind K, llvm::StringRef Context = "");
  void syntaxError(llvm::StringRef Msg);
  /// Diags.report, except that nothing is reported once the nesting limit
  /// has been reported.
  DiagnosticBuilder report(llvm::SMLoc Loc, diag::Kind K);
  void syntaxErrorAt(llvm::SMLoc Loc, llvm::StringRef Msg);
  /// Parses the specs of a parenthesised declaration group after its '(',
  /// one ParseSpec() call each, recovering at ';' and ')'; consumes the ')'.
  template <typename SpecParser>
  void parseDeclGroup(llvm::StringRef ErrorContext, SpecParser ParseSpec) {
    while (Tok.isNot(tok::eof) && Tok.isNot(tok::r_paren)) {
      Token LoopStart = Tok;
      ParseSpec();
      if (!got(tok::semi) && Tok.isNot(tok::r_paren)) {
        syntaxError(ErrorContext);
        advance({tok::r_paren});
        got(tok::semi);
      }
      if (Tok.Loc == LoopStart.Loc && Tok.Kind == LoopStart.Kind) {
        if (Tok.is(tok::r_brace) || Tok.is(tok::eof))
          break;
        next(); // always make progress
      }
    }
    want(tok::r_paren);
  }
  void notSupported(llvm::SMLoc Loc, llvm::StringRef Feature);
  llvm::SMLoc parseCaseBlockEnd();
  Stmt *parseSelectStmt();
  /// Skips tokens until one of the follow tokens at brace depth 0.
  void advance(std::initializer_list<tok::TokenKind> Follow);
  std::string tokenDesc() const;

  // Declarations.
  void parseImportDecl();
  void parseImportSpec();
  void parseTopLevelDecl();
  void parseConstDecl(std::vector<Decl *> &Out, bool Global);
  void parseVarDecl(std::vector<VarSpec *> &Out, bool Global);
  void parseTypeDecl(std::vector<Decl *> &Out);
  void parseConstSpec(std::vector<Decl *> &Out, int64_t Iota, Expr *&PrevType,
                      Expr *&PrevInit0, std::vector<Expr *> &PrevValues);
  VarSpec *parseVarSpec(bool Global);
  TypeDecl *parseTypeSpec();
  FuncDecl *parseFuncDecl();
  FuncTypeExpr *parseSignature(llvm::SMLoc Loc);
  bool parseParameters(std::vector<ParamSpec> &Out, bool AllowVariadic);

  // Types.
  Expr *parseType();
  Expr *tryType();
  Expr *parseInterfaceType();
  /// After an item of a braced list (struct fields, interface elements):
  /// its terminator, recovering from a missing one; false to stop the list
  /// (no progress since LoopStart at its closing brace or EOF).
  bool finishBraceListItem(const Token &LoopStart);
  /// The type name T or pkg.T whose first identifier, Name, is read.
  Expr *finishQualifiedName(const Token &Name);
  /// `[K comparable, V any]` of a generic function.
  /// First: a generic type's first parameter name, already read.
  bool parseTypeParams(std::vector<TypeParamSpec> &Out,
                       const Token *First = nullptr);
  /// A type parameter's constraint: a type, or a union of `~T` terms.
  Expr *parseConstraint();
  Expr *parseTypeName();
  /// A channel type's element type (Go's "missing channel element type").
  Expr *parseChanElem();
  Expr *parseArrayOrSliceType();
  Expr *parseMapType();
  Expr *parseStructType();

  // Statements.
  BlockStmt *parseBlock();
  std::vector<Stmt *> parseStmtList();
  Stmt *parseStmt();
  Stmt *parseSimpleStmt(std::vector<Expr *> *LHS, bool RangeOk);
  Stmt *parseIfStmt();
  Stmt *parseForStmt();
  Stmt *parseSwitchStmt();
  Stmt *parseReturnStmt();
  Stmt *parseBranchStmt();
  void parseHeader(Stmt *&Init, Expr *&Cond, Stmt **Post, bool IsFor,
                   bool IsSwitch, Stmt **Range);
  DeclStmt *parseDeclStmt();

  // Expressions.
  Expr *parseExpr();
  std::vector<Expr *> parseExprList();
  Expr *parseBinaryExpr(int Prec);
  Expr *parseUnaryExpr();
  Expr *parsePrimaryExpr(Expr *X);
  Expr *parseOperand();
  Expr *parseCompositeLit(Expr *Type);
  Expr *parseElement();
  Expr *parseCallOrConversion(Expr *Fn);
  Expr *parseFuncLit();

  Lexer &Lex;
  DiagnosticEngine &Diags;
  CompilationUnit &CU;
  Package *Pkg;
  Token Tok;
  Token PrevTok;
  /// < 0 in control clause headers (no bare composite literals).
  int ExprLev = 0;
  unsigned Depth = 0;
  bool TooDeep = false;
  bool HadError = false;
  /// Inside a construct already reported as not supported (a select
  /// statement, a type switch's case types, an asserted type): the parts of
  /// it are not reported again, so that one construct gives one error.
  unsigned QuietUnsupported = 0;
  /// `v` of the `switch v := x.(type)` header just parsed.
  std::string TypeSwitchBindName;
  llvm::SMLoc TypeSwitchBindLoc;
  unsigned ErrorsAtStart = 0;
  unsigned SyntaxErrorsAtStart = 0;
  unsigned LexErrorsAtStart = 0;
  /// Errors of the parser's that are not "syntax error"s: Go type-checks
  /// the file anyway (`expression in defer must be function call`).
  unsigned CheckableErrors = 0;
  /// Functions of the main package declared without a body.
  std::vector<llvm::SMLoc> MissingBodies;
  const char *LastErrorLine = nullptr;
};

} // namespace gm::lang

#endif // GM_LANG_PARSE_PARSER_H
