//===- Parser.cpp - gm recursive-descent parser ---------------------------===//
//
// Follows the structure and the messages of Go's
// cmd/compile/internal/syntax parser. See Parser.h.
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Parse/Parser.h"
#include "gm/lang/AST/ExprString.h"

using namespace gm::lang;

/// Counts nesting; past MaxDepth it reports once and makes the parser stop.
struct Parser::DepthGuard {
  Parser &P;
  explicit DepthGuard(Parser &P) : P(P) {
    if (++P.Depth > MaxDepth && !P.TooDeep) {
      P.TooDeep = true;
      P.Diags.report(P.Tok.Loc, diag::err_too_deep) << MaxDepth;
      P.HadError = true;
    }
  }
  ~DepthGuard() { --P.Depth; }
  bool tooDeep() const { return P.TooDeep; }
};

Parser::Parser(Lexer &L, DiagnosticEngine &Diags, CompilationUnit &CU,
               Package *Pkg)
    : Lex(L), Diags(Diags), CU(CU), Pkg(Pkg) {
  ErrorsAtStart = Diags.numErrors();
  SyntaxErrorsAtStart = Diags.numSyntaxErrors();
  LexErrorsAtStart = L.numErrors();
  next();
}

DiagnosticBuilder Parser::report(llvm::SMLoc Loc, diag::Kind K) {
  // Past the nesting limit the parser only unwinds (every token is EOF):
  // nothing it finds then is the user's error.
  return DiagnosticBuilder(TooDeep ? nullptr : &Diags, Loc, K);
}

void Parser::next() {
  PrevTok = Tok;
  if (TooDeep) {
    Tok.Kind = tok::eof;
    Tok.Text = "";
    return;
  }
  Tok = Lex.lex();
}

bool Parser::got(tok::TokenKind K) {
  if (Tok.is(K)) {
    next();
    return true;
  }
  return false;
}

std::string Parser::tokenDesc() const {
  switch (Tok.Kind) {
  case tok::eof:
    return "EOF";
  case tok::semi:
    if (Tok.Text == "\n")
      return "newline";
    if (Tok.Text.empty())
      return "EOF";
    return "semicolon";
  case tok::identifier:
    return Tok.Text.str();
  case tok::int_literal:
  case tok::float_literal:
  case tok::imaginary_literal:
  case tok::rune_literal:
  case tok::string_literal:
    return "literal " + Tok.Text.str();
  case tok::comma:
    return "comma";
  default:
    // Go 1.19 names a keyword bare ("unexpected case"); later Go versions
    // say "keyword case".
    return Tok.Text.str();
  }
}

static const char *lineStart(const char *P, const char *Min) {
  while (P > Min && P[-1] != '\n')
    --P;
  return P;
}

void Parser::syntaxErrorAt(llvm::SMLoc Loc, llvm::StringRef Msg) {
  HadError = true;
  const char *LS = Loc.getPointer()
                       ? lineStart(Loc.getPointer(), Lex.getBufferStart())
                       : nullptr;
  if (LS && LS == LastErrorLine)
    return; // Go reports one syntax error per line.
  // Nor one at the end of the file after an earlier one: an unexpected EOF
  // then follows from the first error.
  if (Tok.is(tok::eof) && Diags.numSyntaxErrors() > SyntaxErrorsAtStart)
    return;
  LastErrorLine = LS;
  if (Msg.starts_with("in ") || Msg.starts_with("at ") ||
      Msg.starts_with("after "))
    report(Loc, diag::err_syntax_unexpected)
        << tokenDesc() << (" " + Msg.str());
  else if (Msg.starts_with("expecting "))
    report(Loc, diag::err_syntax_unexpected)
        << tokenDesc() << (", " + Msg.str());
  else if (Msg.empty())
    report(Loc, diag::err_syntax_unexpected) << tokenDesc() << "";
  else
    report(Loc, diag::err_syntax) << Msg;
}

void Parser::syntaxError(llvm::StringRef Msg) { syntaxErrorAt(Tok.Loc, Msg); }

void Parser::notSupported(llvm::SMLoc Loc, llvm::StringRef Feature) {
  HadError = true;
  if (!QuietUnsupported)
    report(Loc, diag::err_not_supported) << Feature;
}

static std::string expecting(tok::TokenKind K) {
  switch (K) {
  case tok::comma:
    return "comma";
  case tok::semi:
    return "semicolon or newline";
  default:
    return tok::getSpelling(K).str();
  }
}

bool Parser::want(tok::TokenKind K, llvm::StringRef Context) {
  if (got(K))
    return true;
  std::string Msg = "expecting " + expecting(K);
  if (!Context.empty())
    Msg += " " + Context.str();
  syntaxError(Msg);
  advance({});
  return false;
}

void Parser::advance(std::initializer_list<tok::TokenKind> Follow) {
  // Skip to the end of the current statement or declaration, keeping
  // braces balanced. Stops before a ';' or '}' at depth 0 (or a follow
  // token), so the caller's list parsing can resynchronize.
  int Braces = 0, Parens = 0;
  while (Tok.isNot(tok::eof)) {
    if (Braces == 0 && Parens == 0) {
      for (tok::TokenKind F : Follow)
        if (Tok.is(F))
          return;
      if (Tok.is(tok::semi) || Tok.is(tok::r_brace))
        return;
    }
    if (Tok.is(tok::l_brace))
      ++Braces;
    else if (Tok.is(tok::r_brace))
      --Braces;
    else if (Tok.is(tok::l_paren) || Tok.is(tok::l_square))
      ++Parens;
    else if ((Tok.is(tok::r_paren) || Tok.is(tok::r_square)) && Parens > 0)
      --Parens;
    next();
  }
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

bool Parser::parseFile() {
  if (!Pkg) {
    Pkg = CU.addPackage("main", /*Buffer=*/0);
    CU.setPackageOrder({Pkg});
  }
  // package clause
  if (Tok.isNot(tok::kw_package)) {
    syntaxError("package statement must be first");
    return false;
  }
  next();
  if (Tok.is(tok::identifier)) {
    Pkg->setName(Tok.Text);
    Pkg->setLoc(Tok.Loc);
    next();
  } else {
    syntaxError("expecting name");
  }
  if (Tok.isNot(tok::eof))
    want(tok::semi, "after package clause");

  bool SeenDecl = false;
  while (Tok.isNot(tok::eof)) {
    Token LoopStart = Tok;
    if (Tok.is(tok::kw_import)) {
      if (SeenDecl)
        syntaxError("imports must appear before other declarations");
      parseImportDecl();
    } else {
      SeenDecl = true;
      parseTopLevelDecl();
    }
    if (Tok.isNot(tok::eof) && !got(tok::semi)) {
      syntaxError("after top level declaration");
      advance({tok::kw_func, tok::kw_var, tok::kw_const, tok::kw_type,
               tok::kw_import});
      got(tok::semi);
      if (Tok.is(tok::r_brace))
        next();
    }
    if (Tok.Loc == LoopStart.Loc && Tok.Kind == LoopStart.Kind) {
      if (Tok.is(tok::r_brace) || Tok.is(tok::eof))
        break;
      next(); // always make progress
    }
  }
  if (Diags.numSyntaxErrors() == SyntaxErrorsAtStart)
    for (llvm::SMLoc L : MissingBodies) {
      report(L, diag::err_missing_func_body);
      ++CheckableErrors;
    }
  // Lexical errors alone leave a complete tree, which Go type-checks; any
  // error of the parser's own, or a "syntax error" of the lexer's, does not.
  unsigned Errors = Diags.numErrors() - ErrorsAtStart;
  return !HadError &&
         Errors == Lex.numErrors() - LexErrorsAtStart + CheckableErrors &&
         Diags.numSyntaxErrors() == SyntaxErrorsAtStart;
}

void Parser::parseImportDecl() {
  next(); // import
  if (got(tok::l_paren)) {
    parseDeclGroup("expecting semicolon, newline, or )",
                   [&] { parseImportSpec(); });
    return;
  }
  parseImportSpec();
}

void Parser::parseImportSpec() {
  llvm::SMLoc Loc = Tok.Loc;
  std::string Name;
  if (Tok.is(tok::identifier) || Tok.is(tok::period)) {
    Name = Tok.Text.str();
    next();
  }
  if (Tok.isNot(tok::string_literal)) {
    syntaxError("missing import path; require quoted string");
    advance({tok::r_paren});
    return;
  }
  std::string Path;
  if (!Lexer::decodeString(Tok.Text, Path))
    Path = Tok.Text.str();
  llvm::SMLoc PathLoc = Tok.Loc;
  next();
  if (!Name.empty()) {
    notSupported(Loc, "renamed import");
    return;
  }
  // The package name is the last path element.
  llvm::StringRef PkgName = llvm::StringRef(Path).rsplit('/').second;
  if (PkgName.empty())
    PkgName = Path;
  auto *D = CU.create<ImportDecl>(PathLoc, PkgName, Path);
  Pkg->Imports.push_back(D);
}

void Parser::parseTopLevelDecl() {
  switch (Tok.Kind) {
  case tok::kw_const:
    parseConstDecl(Pkg->GlobalConstsAndTypes, true);
    return;
  case tok::kw_var:
    parseVarDecl(Pkg->GlobalVars, true);
    return;
  case tok::kw_type:
    parseTypeDecl(Pkg->GlobalConstsAndTypes);
    return;
  case tok::kw_func:
    if (FuncDecl *F = parseFuncDecl())
      Pkg->Funcs.push_back(F);
    return;
  default:
    if (Tok.is(tok::semi) && Tok.Text == ";") {
      return; // empty declaration
    }
    if (Tok.is(tok::l_brace) && !Pkg->Funcs.empty() &&
        !Pkg->Funcs.back()->getBody())
      // The opening { of a function on the line after its signature.
      syntaxError("unexpected semicolon or newline before {");
    else
      syntaxError("non-declaration statement outside function body");
    advance({tok::kw_func, tok::kw_var, tok::kw_const, tok::kw_type});
    return;
  }
}

void Parser::parseConstDecl(std::vector<Decl *> &Out, bool Global) {
  next(); // const
  Expr *PrevType = nullptr, *PrevInit0 = nullptr;
  std::vector<Expr *> PrevValues;
  if (got(tok::l_paren)) {
    int64_t Iota = 0;
    parseDeclGroup("after const declaration", [&] {
      parseConstSpec(Out, Iota++, PrevType, PrevInit0, PrevValues);
    });
    return;
  }
  parseConstSpec(Out, 0, PrevType, PrevInit0, PrevValues);
}

void Parser::parseConstSpec(std::vector<Decl *> &Out, int64_t Iota,
                            Expr *&PrevType, Expr *&PrevInit0,
                            std::vector<Expr *> &PrevValues) {
  std::vector<ConstDecl *> Names;
  do {
    if (Tok.isNot(tok::identifier)) {
      syntaxError("expecting name");
      advance({tok::r_paren});
      return;
    }
    Names.push_back(CU.create<ConstDecl>(Tok.Loc, Tok.Text));
    next();
  } while (got(tok::comma));
  Expr *TypeSyntax = nullptr;
  std::vector<Expr *> Values;
  if (Tok.isNot(tok::equal) && Tok.isNot(tok::semi) && Tok.isNot(tok::r_paren))
    TypeSyntax = parseType();
  if (got(tok::equal)) {
    Values = parseExprList();
    PrevType = TypeSyntax;
    PrevValues = Values;
  } else if (TypeSyntax || PrevValues.empty()) {
    // `const x int` or a first spec without values: a type-checking error
    // in Go 1.19 (the rest is still checked), worded as types2 words it.
    report(Names.front()->getLoc(), diag::err_const_missing_init)
        << Names.front()->getName();
    ++CheckableErrors;
  } else {
    // Implicit repetition of the previous spec's type and values.
    TypeSyntax = PrevType;
    Values = PrevValues;
  }
  for (size_t I = 0; I < Names.size(); ++I) {
    ConstDecl *C = Names[I];
    C->setIota(Iota);
    C->setTypeSyntax(TypeSyntax);
    C->setInit(I < Values.size() ? Values[I] : nullptr);
    Out.push_back(C);
  }
  // Count mismatches are Sema's ("missing init expr", "extra init expr"):
  // record the extra values on the last name via a null-init marker.
  if (Values.size() > Names.size()) {
    report(Values[Names.size()]->getLoc(), diag::err_extra_init_expr);
    HadError = true;
  } else if (Values.size() < Names.size() && !Values.empty()) {
    report(Names[Values.size()]->getLoc(), diag::err_missing_init_expr)
        << Names[Values.size()]->getName();
    ++CheckableErrors;
  }
}

void Parser::parseVarDecl(std::vector<VarSpec *> &Out, bool Global) {
  next(); // var
  if (got(tok::l_paren)) {
    parseDeclGroup("after var declaration", [&] {
      if (VarSpec *S = parseVarSpec(Global))
        Out.push_back(S);
    });
    return;
  }
  if (VarSpec *S = parseVarSpec(Global))
    Out.push_back(S);
}

VarSpec *Parser::parseVarSpec(bool Global) {
  llvm::SMLoc Loc = Tok.Loc;
  std::vector<VarDecl *> Names;
  do {
    if (Tok.isNot(tok::identifier)) {
      syntaxError("expecting name");
      advance({tok::r_paren});
      return nullptr;
    }
    Names.push_back(CU.create<VarDecl>(
        Tok.Loc, Tok.Text, Global ? VarDecl::Global : VarDecl::Local));
    next();
  } while (got(tok::comma));
  Expr *TypeSyntax = nullptr;
  std::vector<Expr *> Values;
  if (got(tok::equal)) {
    Values = parseExprList();
  } else {
    TypeSyntax = parseType();
    if (got(tok::equal))
      Values = parseExprList();
  }
  auto *S =
      CU.create<VarSpec>(Loc, std::move(Names), TypeSyntax, std::move(Values));
  for (VarDecl *V : S->names())
    V->setSpec(S);
  return S;
}

void Parser::parseTypeDecl(std::vector<Decl *> &Out) {
  next(); // type
  if (got(tok::l_paren)) {
    parseDeclGroup("after type declaration", [&] {
      if (TypeDecl *T = parseTypeSpec())
        Out.push_back(T);
    });
    return;
  }
  if (TypeDecl *T = parseTypeSpec())
    Out.push_back(T);
}

TypeDecl *Parser::parseTypeSpec() {
  if (Tok.isNot(tok::identifier)) {
    syntaxError("expecting name");
    advance({tok::r_paren});
    return nullptr;
  }
  llvm::SMLoc Loc = Tok.Loc;
  llvm::StringRef Name = Tok.Text;
  next();
  if (Tok.is(tok::l_square)) {
    // `type T[P any] ...` (generic) or `type T [N]E` (array).
    llvm::SMLoc L = Tok.Loc;
    next();
    if (Tok.is(tok::identifier)) {
      Token Save = Tok;
      next();
      if (Tok.is(tok::identifier) || Tok.is(tok::comma) || Tok.is(tok::tilde) ||
          Tok.is(tok::kw_interface)) {
        // `type List[T any] ...`: a generic type.
        std::vector<TypeParamSpec> Params;
        if (!parseTypeParams(Params, &Save)) {
          advance({tok::r_paren});
          return nullptr;
        }
        Expr *T = tryType();
        if (!T) {
          syntaxError("in type declaration");
          advance({tok::r_paren});
          return nullptr;
        }
        auto *D = CU.create<TypeDecl>(Loc, Name, T, false);
        D->typeParams() = std::move(Params);
        return D;
      }
      if (Tok.isNot(tok::r_square)) {
        notSupported(L, "type parameter");
        advance({tok::r_paren});
        return nullptr;
      }
      // `[N]E` with a named length: parse the rest as an array type.
      next();
      auto *Len = CU.create<IdentExpr>(Save.Loc, Save.Text);
      Expr *Elem = parseType();
      auto *A = CU.create<ArrayTypeExpr>(L, Len, false, Elem);
      return CU.create<TypeDecl>(Loc, Name, A, false);
    }
    // Re-parse as an array or slice type starting after '['.
    Expr *Len = nullptr;
    bool Ellipsis = false;
    if (Tok.is(tok::ellipsis)) {
      Ellipsis = true;
      next();
    } else if (Tok.isNot(tok::r_square)) {
      ++ExprLev;
      Len = parseExpr();
      --ExprLev;
    }
    want(tok::r_square);
    Expr *Elem = parseType();
    auto *A = CU.create<ArrayTypeExpr>(L, Len, Ellipsis, Elem);
    return CU.create<TypeDecl>(Loc, Name, A, false);
  }
  bool Alias = got(tok::equal);
  llvm::SMLoc TypeLoc = Tok.Loc;
  Expr *T = tryType();
  if (!T) {
    // Go: "unexpected newline in type declaration".
    syntaxError("in type declaration");
    advance({tok::r_paren});
    T = CU.create<BadExpr>(TypeLoc);
  }
  return CU.create<TypeDecl>(Loc, Name, T, Alias);
}

FuncDecl *Parser::parseFuncDecl() {
  llvm::SMLoc FuncLoc = Tok.Loc;
  next(); // func
  std::unique_ptr<FuncDecl::ReceiverSyntax> Recv;
  if (Tok.is(tok::l_paren)) {
    llvm::SMLoc RLoc = Tok.Loc;
    std::vector<ParamSpec> Rs;
    if (!parseParameters(Rs, false))
      return nullptr;
    if (Rs.size() != 1 || Rs[0].Names.size() > 1) {
      report(RLoc, Rs.empty() ? diag::err_syntax : diag::err_syntax)
          << (Rs.empty() ? "method has no receiver"
                         : "method has multiple receivers");
      HadError = true;
    } else {
      Recv = std::make_unique<FuncDecl::ReceiverSyntax>();
      if (!Rs[0].Names.empty()) {
        Recv->Name = Rs[0].Names[0].first;
        Recv->NameLoc = Rs[0].Names[0].second;
      }
      Recv->TypeSyntax = Rs[0].TypeSyntax;
    }
  }
  if (Tok.isNot(tok::identifier)) {
    syntaxError("expecting name or (");
    advance({tok::kw_func});
    return nullptr;
  }
  auto *F = CU.create<FuncDecl>(Tok.Loc, Tok.Text);
  F->setFuncKeywordLoc(FuncLoc);
  next();
  if (Tok.is(tok::l_square)) {
    if (Recv) {
      syntaxError("method must have no type parameters");
      advance({tok::kw_func});
      return nullptr;
    }
    if (!parseTypeParams(F->typeParams())) {
      advance({tok::kw_func});
      return nullptr;
    }
  }
  F->setReceiverSyntax(std::move(Recv));
  FuncTypeExpr *Sig = parseSignature(FuncLoc);
  if (!Sig)
    return nullptr;
  F->setTypeSyntax(Sig);
  if (Tok.is(tok::l_brace)) {
    int Saved = ExprLev;
    ExprLev = 0;
    F->setBody(parseBlock());
    ExprLev = Saved;
  } else if (Pkg && !Pkg->isMain()) {
    // A library package declares functions that the C++ runtime implements
    // (Go's library does the same for its assembly).
  } else {
    // A type-checking error in Go, reported (at the end of the file) only
    // if there is no syntax error; the rest of the file is still checked.
    MissingBodies.push_back(F->getLoc());
  }
  return F;
}

FuncTypeExpr *Parser::parseSignature(llvm::SMLoc Loc) {
  std::vector<ParamSpec> Params, Results;
  if (Tok.isNot(tok::l_paren)) {
    syntaxError("expecting (");
    advance({tok::kw_func});
    return nullptr;
  }
  if (!parseParameters(Params, true))
    return nullptr;
  if (Tok.is(tok::l_paren)) {
    if (!parseParameters(Results, false))
      return nullptr;
  } else if (Tok.isNot(tok::l_brace) && Tok.isNot(tok::semi) &&
             Tok.isNot(tok::r_paren) && Tok.isNot(tok::comma) &&
             Tok.isNot(tok::r_square) && Tok.isNot(tok::equal) &&
             Tok.isNot(tok::r_brace) && Tok.isNot(tok::eof) &&
             Tok.isNot(tok::string_literal)) {
    ParamSpec R;
    R.Loc = Tok.Loc;
    R.TypeSyntax = parseType();
    Results.push_back(std::move(R));
  }
  return CU.create<FuncTypeExpr>(Loc, std::move(Params), std::move(Results));
}

/// Parses `(a, b int, c string)` or `(int, string)` or `(xs ...int)`. As in
/// Go, a list is first parsed as a list of (name? type) entries and then
/// grouped: if any entry has a name and a type, every entry must have one.
bool Parser::parseParameters(std::vector<ParamSpec> &Out, bool AllowVariadic) {
  DepthGuard G(*this);
  if (G.tooDeep())
    return false;
  next(); // (
  struct Entry {
    Token Name; // identifier if present
    Expr *Ty;   // type, or null when only a name was given
    bool Variadic;
    llvm::SMLoc Loc;
  };
  std::vector<Entry> Entries;
  while (Tok.isNot(tok::r_paren) && Tok.isNot(tok::eof)) {
    Entry E{Token(), nullptr, false, Tok.Loc};
    if (Tok.is(tok::identifier)) {
      Token Name = Tok;
      next();
      if (Tok.is(tok::period)) {
        // qualified type name pkg.T
        next();
        Expr *Base = CU.create<IdentExpr>(Name.Loc, Name.Text);
        llvm::SMLoc SL = Tok.Loc;
        llvm::StringRef Sel = Tok.Text;
        if (!want(tok::identifier))
          return false;
        E.Ty = CU.create<SelectorExpr>(Name.Loc, Base, Sel, SL);
      } else if (Tok.is(tok::comma) || Tok.is(tok::r_paren)) {
        E.Name = Name; // a lone name: a name or a type, decided below
      } else {
        E.Name = Name;
        if (got(tok::ellipsis))
          E.Variadic = true;
        E.Ty = parseType();
      }
    } else {
      if (got(tok::ellipsis))
        E.Variadic = true;
      E.Ty = parseType();
    }
    Entries.push_back(E);
    if (!got(tok::comma)) {
      if (Tok.isNot(tok::r_paren)) {
        syntaxError("expecting comma or )");
        advance({tok::r_paren});
        got(tok::r_paren);
        return false;
      }
    }
  }
  if (!want(tok::r_paren))
    return false;

  bool Named = false;
  for (const Entry &E : Entries)
    if (E.Name.is(tok::identifier) && E.Ty)
      Named = true;
  if (!Named) {
    // All entries are types.
    for (const Entry &E : Entries) {
      ParamSpec P;
      P.Loc = E.Loc;
      P.Variadic = E.Variadic;
      P.TypeSyntax =
          E.Ty ? E.Ty : CU.create<IdentExpr>(E.Name.Loc, E.Name.Text);
      Out.push_back(std::move(P));
    }
  } else {
    // Group names: `a, b int` -> one spec with two names.
    ParamSpec Cur;
    for (const Entry &E : Entries) {
      if (!E.Name.is(tok::identifier)) {
        syntaxErrorAt(E.Loc, "mixed named and unnamed parameters");
        return false;
      }
      if (Cur.Names.empty())
        Cur.Loc = E.Loc;
      Cur.Names.push_back({E.Name.Text.str(), E.Name.Loc});
      if (E.Ty) {
        Cur.TypeSyntax = E.Ty;
        Cur.Variadic = E.Variadic;
        Out.push_back(std::move(Cur));
        Cur = ParamSpec();
      }
    }
    if (!Cur.Names.empty()) {
      syntaxErrorAt(Cur.Loc, "mixed named and unnamed parameters");
      return false;
    }
  }
  for (size_t I = 0; I < Out.size(); ++I) {
    if (!Out[I].Variadic)
      continue;
    if (!AllowVariadic || I + 1 != Out.size() || Out[I].Names.size() > 1) {
      report(Out[I].Loc, diag::err_variadic_not_last);
      HadError = true;
      return false;
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

Expr *Parser::parseType() {
  llvm::SMLoc Loc = Tok.Loc;
  Expr *T = tryType();
  if (!T) {
    syntaxError("expecting type");
    advance({tok::r_paren, tok::comma});
    return CU.create<BadExpr>(Loc);
  }
  return T;
}

Expr *Parser::tryType() {
  DepthGuard G(*this);
  if (G.tooDeep())
    return CU.create<BadExpr>(Tok.Loc);
  llvm::SMLoc Loc = Tok.Loc;
  switch (Tok.Kind) {
  case tok::star: {
    next();
    return CU.create<StarExpr>(Loc, parseType());
  }
  case tok::l_square:
    return parseArrayOrSliceType();
  case tok::kw_map:
    return parseMapType();
  case tok::kw_struct:
    return parseStructType();
  case tok::kw_func: {
    next();
    FuncTypeExpr *F = parseSignature(Tok.Loc);
    if (!F)
      return CU.create<BadExpr>(Loc);
    return F;
  }
  case tok::kw_interface:
    return parseInterfaceType();
  case tok::kw_chan: {
    // chan T, chan<- T
    next();
    ChanType::Dir D = got(tok::arrow) ? ChanType::SendOnly : ChanType::Both;
    return CU.create<ChanTypeExpr>(Loc, D, parseChanElem());
  }
  case tok::arrow: {
    // <-chan T
    next();
    if (!want(tok::kw_chan))
      return CU.create<BadExpr>(Loc);
    return CU.create<ChanTypeExpr>(Loc, ChanType::RecvOnly, parseChanElem());
  }
  case tok::identifier:
    return parseTypeName();
  case tok::l_paren: {
    next();
    Expr *T = parseType();
    want(tok::r_paren);
    return CU.create<ParenExpr>(Loc, T);
  }
  default:
    return nullptr;
  }
}

Expr *Parser::parseChanElem() {
  llvm::SMLoc Loc = Tok.Loc;
  if (Expr *T = tryType())
    return T;
  syntaxError("missing channel element type");
  return CU.create<BadExpr>(Loc);
}

Expr *Parser::parseTypeName() {
  Expr *X = CU.create<IdentExpr>(Tok.Loc, Tok.Text);
  next();
  if (Tok.is(tok::period)) {
    next();
    llvm::SMLoc SL = Tok.Loc;
    llvm::StringRef Sel = Tok.Text;
    if (!want(tok::identifier))
      return CU.create<BadExpr>(X->getLoc());
    X = CU.create<SelectorExpr>(X->getLoc(), X, Sel, SL);
  }
  if (Tok.is(tok::l_square)) {
    // A generic type's instance: List[int], Pair[K, V].
    llvm::SMLoc Loc = Tok.Loc;
    next();
    std::vector<Expr *> Args;
    do {
      if (Tok.is(tok::r_square))
        break;
      Args.push_back(parseType());
    } while (got(tok::comma));
    if (Args.empty()) {
      syntaxError("expecting type");
      advance({tok::r_square});
      got(tok::r_square);
      return CU.create<BadExpr>(Loc);
    }
    if (!want(tok::r_square))
      return CU.create<BadExpr>(Loc);
    if (Args.size() == 1)
      return CU.create<IndexExpr>(X->getLoc(), X, Args[0]);
    return CU.create<InstantiateExpr>(X->getLoc(), X, std::move(Args));
  }
  return X;
}

Expr *Parser::parseArrayOrSliceType() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // [
  if (got(tok::r_square))
    return CU.create<ArrayTypeExpr>(Loc, nullptr, false, parseType());
  Expr *Len = nullptr;
  bool Ellipsis = false;
  if (Tok.is(tok::ellipsis)) {
    Ellipsis = true;
    next();
  } else {
    ++ExprLev;
    Len = parseExpr();
    --ExprLev;
  }
  if (!want(tok::r_square))
    return CU.create<BadExpr>(Loc);
  return CU.create<ArrayTypeExpr>(Loc, Len, Ellipsis, parseType());
}

Expr *Parser::parseMapType() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // map
  if (!want(tok::l_square))
    return CU.create<BadExpr>(Loc);
  Expr *Key = parseType();
  if (!want(tok::r_square))
    return CU.create<BadExpr>(Loc);
  Expr *Val = parseType();
  return CU.create<MapTypeExpr>(Loc, Key, Val);
}

bool Parser::parseTypeParams(std::vector<TypeParamSpec> &Out,
                             const Token *First) {
  if (!First) {
    next(); // [
    if (Tok.is(tok::r_square)) {
      syntaxError("empty type parameter list");
      return false;
    }
  }
  while (Tok.isNot(tok::r_square)) {
    TypeParamSpec Spec;
    // Names, then the group's constraint: `K, V any` or `K comparable`.
    bool MoreNames = true;
    if (First) {
      // A generic type's first name, read while telling it from an array.
      Spec.Names.push_back({First->Text.str(), First->Loc});
      First = nullptr;
      MoreNames = got(tok::comma);
    }
    while (MoreNames) {
      if (Tok.isNot(tok::identifier)) {
        syntaxError("expecting type parameter name");
        return false;
      }
      Spec.Names.push_back({Tok.Text.str(), Tok.Loc});
      next();
      MoreNames = got(tok::comma);
    }
    if (Tok.is(tok::r_square)) {
      syntaxError("missing type constraint");
      return false;
    }
    Spec.Constraint = parseConstraint();
    Out.push_back(std::move(Spec));
    if (!got(tok::comma))
      break;
  }
  return want(tok::r_square);
}

Expr *Parser::parseConstraint() {
  // term { "|" term }, term = [ "~" ] Type.
  llvm::SMLoc Loc = Tok.Loc;
  std::vector<UnionTypeExpr::Term> Terms;
  do {
    bool Tilde = got(tok::tilde);
    Terms.push_back({Tilde, parseType()});
  } while (got(tok::pipe));
  if (Terms.size() == 1 && !Terms[0].Tilde)
    return Terms[0].Type;
  return CU.create<UnionTypeExpr>(Loc, std::move(Terms));
}

Expr *Parser::finishQualifiedName(const Token &Name) {
  Expr *T = CU.create<IdentExpr>(Name.Loc, Name.Text);
  if (got(tok::period)) {
    llvm::SMLoc SL = Tok.Loc;
    llvm::StringRef Sel = Tok.Text;
    if (want(tok::identifier))
      T = CU.create<SelectorExpr>(Name.Loc, T, Sel, SL);
  }
  return T;
}

bool Parser::finishBraceListItem(const Token &LoopStart) {
  if (!got(tok::semi) && Tok.isNot(tok::r_brace)) {
    syntaxError("expecting semicolon, newline, or }");
    advance({});
    got(tok::semi);
  }
  if (Tok.Loc == LoopStart.Loc && Tok.Kind == LoopStart.Kind) {
    if (Tok.is(tok::r_brace) || Tok.is(tok::eof))
      return false;
    next(); // always make progress
  }
  return true;
}

Expr *Parser::parseInterfaceType() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // interface
  if (!want(tok::l_brace))
    return CU.create<BadExpr>(Loc);
  std::vector<InterfaceElem> Elems;
  bool Bad = false;
  while (Tok.isNot(tok::r_brace) && Tok.isNot(tok::eof)) {
    Token LoopStart = Tok;
    InterfaceElem El;
    El.Loc = Tok.Loc;
    if (Tok.is(tok::identifier)) {
      Token Name = Tok;
      next();
      if (Tok.is(tok::l_paren)) {
        El.Name = Name.Text.str();
        El.Sig = parseSignature(Tok.Loc);
        if (!El.Sig)
          Bad = true;
      } else {
        Expr *T = finishQualifiedName(Name);
        El.Embedded = T;
        if (got(tok::pipe)) {
          // A union starting with a type name: int | string.
          std::vector<UnionTypeExpr::Term> Terms = {{false, T}};
          do {
            bool Tilde = got(tok::tilde);
            Terms.push_back({Tilde, parseType()});
          } while (got(tok::pipe));
          El.Embedded = CU.create<UnionTypeExpr>(El.Loc, std::move(Terms));
        }
      }
    } else if (Tok.is(tok::tilde) || Tok.is(tok::l_square) ||
               Tok.is(tok::star) || Tok.is(tok::kw_map) ||
               Tok.is(tok::kw_func) || Tok.is(tok::kw_struct) ||
               Tok.is(tok::kw_interface) || Tok.is(tok::l_paren)) {
      El.Embedded = parseConstraint();
    }
    if (!El.Sig && !El.Embedded) {
      if (!Bad)
        syntaxError("expecting method or interface name");
      Bad = true;
      advance({});
      if (!got(tok::semi) && Tok.isNot(tok::r_brace))
        next(); // always make progress
      continue;
    }
    Elems.push_back(std::move(El));
    if (!finishBraceListItem(LoopStart))
      break;
  }
  want(tok::r_brace);
  if (Bad)
    return CU.create<BadExpr>(Loc);
  return CU.create<InterfaceTypeExpr>(Loc, std::move(Elems));
}

Expr *Parser::parseStructType() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // struct
  if (!want(tok::l_brace))
    return CU.create<BadExpr>(Loc);
  std::vector<FieldSpec> Fields;
  while (Tok.isNot(tok::r_brace) && Tok.isNot(tok::eof)) {
    Token LoopStart = Tok;
    FieldSpec F;
    F.Loc = Tok.Loc;
    if (Tok.is(tok::star)) {
      // embedded *T
      F.TypeSyntax = parseType();
    } else if (Tok.is(tok::identifier)) {
      Token Name = Tok;
      next();
      if (Tok.is(tok::period) || Tok.is(tok::semi) || Tok.is(tok::r_brace) ||
          Tok.is(tok::string_literal)) {
        // embedded T or pkg.T
        F.TypeSyntax = finishQualifiedName(Name);
      } else {
        F.Names.push_back({Name.Text.str(), Name.Loc});
        while (got(tok::comma)) {
          if (Tok.isNot(tok::identifier)) {
            syntaxError("expecting name");
            break;
          }
          F.Names.push_back({Tok.Text.str(), Tok.Loc});
          next();
        }
        F.TypeSyntax = parseType();
      }
    } else {
      syntaxError("expecting field name or embedded type");
      advance({});
      if (Tok.is(tok::semi))
        next();
      continue;
    }
    if (Tok.is(tok::string_literal)) {
      notSupported(Tok.Loc, "struct tag");
      next();
    }
    Fields.push_back(std::move(F));
    if (!finishBraceListItem(LoopStart))
      break;
  }
  want(tok::r_brace);
  return CU.create<StructTypeExpr>(Loc, std::move(Fields));
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

BlockStmt *Parser::parseBlock() {
  llvm::SMLoc Loc = Tok.Loc;
  DepthGuard G(*this);
  if (!want(tok::l_brace))
    return CU.create<BlockStmt>(Loc, std::vector<Stmt *>(), Loc);
  std::vector<Stmt *> Body = parseStmtList();
  llvm::SMLoc RLoc = Tok.Loc;
  if (Tok.isNot(tok::r_brace)) {
    syntaxError("expecting }");
    advance({});
  }
  got(tok::r_brace);
  return CU.create<BlockStmt>(Loc, std::move(Body), RLoc);
}

std::vector<Stmt *> Parser::parseStmtList() {
  std::vector<Stmt *> List;
  while (Tok.isNot(tok::eof) && Tok.isNot(tok::r_brace) &&
         Tok.isNot(tok::kw_case) && Tok.isNot(tok::kw_default)) {
    Token LoopStart = Tok;
    if (Tok.is(tok::semi)) {
      next();
      continue;
    }
    Stmt *S = parseStmt();
    if (S)
      List.push_back(S);
    // A statement ends with ';' (explicit or inserted) or before '}'; not
    // before `case` (Go: "unexpected case at end of statement").
    if (Tok.is(tok::semi)) {
      next();
    } else if (Tok.isNot(tok::r_brace) && Tok.isNot(tok::eof)) {
      syntaxError("at end of statement");
      advance({});
      got(tok::semi);
    }
    if (Tok.Loc == LoopStart.Loc && Tok.Kind == LoopStart.Kind) {
      if (Tok.is(tok::r_brace) || Tok.is(tok::eof))
        break;
      next(); // always make progress
    }
  }
  return List;
}

Stmt *Parser::parseStmt() {
  DepthGuard G(*this);
  if (G.tooDeep())
    return nullptr;
  llvm::SMLoc Loc = Tok.Loc;
  switch (Tok.Kind) {
  case tok::l_brace:
    return parseBlock();
  case tok::kw_var:
  case tok::kw_const:
  case tok::kw_type:
    return parseDeclStmt();
  case tok::kw_if:
    return parseIfStmt();
  case tok::kw_for:
    return parseForStmt();
  case tok::kw_switch:
    return parseSwitchStmt();
  case tok::kw_return:
    return parseReturnStmt();
  case tok::kw_break:
  case tok::kw_continue:
  case tok::kw_fallthrough:
  case tok::kw_goto:
    return parseBranchStmt();
  case tok::kw_go:
  case tok::kw_defer: {
    bool IsGo = Tok.is(tok::kw_go);
    const char *Keyword = IsGo ? "go" : "defer";
    next();
    Expr *X = parseExpr();
    // Go's parser: the operand must be a call, written without parentheses;
    // a non-call is made one so that the type checker reports it too.
    Expr *Inner = skipParens(X);
    if (Inner != X) {
      report(X->getLoc(), diag::err_defer_parenthesized) << Keyword;
      ++CheckableErrors;
      X = Inner;
    }
    if (!llvm::isa<CallExpr>(X) && !llvm::isa<BadExpr>(X)) {
      report(X->getLoc(), diag::err_defer_not_call) << Keyword;
      ++CheckableErrors;
      X = CU.create<CallExpr>(X->getLoc(), X, std::vector<Expr *>(), false,
                              X->getLoc());
    }
    if (IsGo)
      return CU.create<GoStmt>(Loc, X);
    return CU.create<DeferStmt>(Loc, X);
  }
  case tok::kw_select:
    return parseSelectStmt();
  case tok::semi:
    return CU.create<EmptyStmt>(Loc);
  case tok::r_brace:
    return CU.create<EmptyStmt>(Loc);
  case tok::identifier: {
    // A labeled statement?
    Token Name = Tok;
    std::vector<Expr *> LHS = parseExprList();
    if (LHS.size() == 1 && Tok.is(tok::colon) && llvm::isa<IdentExpr>(LHS[0]) &&
        PrevTok.Loc == Name.Loc) {
      next(); // :
      if (Tok.is(tok::r_brace))
        return CU.create<LabeledStmt>(Loc, Name.Text,
                                      CU.create<EmptyStmt>(Tok.Loc));
      Stmt *S = parseStmt();
      if (!S)
        S = CU.create<EmptyStmt>(Tok.Loc);
      return CU.create<LabeledStmt>(Loc, Name.Text, S);
    }
    return parseSimpleStmt(&LHS, false);
  }
  default:
    return parseSimpleStmt(nullptr, false);
  }
}

DeclStmt *Parser::parseDeclStmt() {
  auto *D = CU.create<DeclStmt>(Tok.Loc);
  switch (Tok.Kind) {
  case tok::kw_var:
    parseVarDecl(D->varSpecs(), false);
    break;
  case tok::kw_const:
    parseConstDecl(D->otherDecls(), false);
    break;
  default:
    parseTypeDecl(D->otherDecls());
    break;
  }
  return D;
}

static bool isAssignOp(tok::TokenKind K) {
  switch (K) {
  case tok::plusequal:
  case tok::minusequal:
  case tok::starequal:
  case tok::slashequal:
  case tok::percentequal:
  case tok::ampequal:
  case tok::pipeequal:
  case tok::caretequal:
  case tok::shlequal:
  case tok::shrequal:
  case tok::ampcaretequal:
    return true;
  default:
    return false;
  }
}

Stmt *Parser::parseSimpleStmt(std::vector<Expr *> *LHSIn, bool RangeOk) {
  llvm::SMLoc Loc = Tok.Loc;
  if (RangeOk && Tok.is(tok::kw_range)) {
    // for range x
    next();
    Expr *X = parseExpr();
    return CU.create<RangeStmt>(Loc, nullptr, nullptr, tok::eof, X, nullptr);
  }
  std::vector<Expr *> LHS;
  if (LHSIn)
    LHS = std::move(*LHSIn);
  else
    LHS = parseExprList();
  if (!LHS.empty())
    Loc = LHS[0]->getLoc();

  switch (Tok.Kind) {
  case tok::plusplus:
  case tok::minusminus: {
    bool Inc = Tok.is(tok::plusplus);
    llvm::SMLoc OpLoc = Tok.Loc;
    if (LHS.size() > 1) {
      syntaxError("expecting := or = or comma");
      advance({});
      return nullptr;
    }
    next();
    return CU.create<IncDecStmt>(OpLoc, LHS[0], Inc);
  }
  case tok::arrow: {
    // ch <- v
    if (LHS.size() > 1) {
      syntaxError("expecting := or = or comma");
      advance({});
      return nullptr;
    }
    next();
    Expr *V = parseExpr();
    return CU.create<SendStmt>(Loc, LHS[0], V);
  }
  case tok::equal:
  case tok::colonequal: {
    tok::TokenKind Op = Tok.Kind;
    llvm::SMLoc OpLoc = Tok.Loc;
    next();
    if (RangeOk && Tok.is(tok::kw_range)) {
      next();
      Expr *X = parseExpr();
      auto *R = CU.create<RangeStmt>(
          Loc, LHS[0], LHS.size() > 1 ? LHS[1] : nullptr, Op, X, nullptr);
      // Not a syntax error in Go: its type checker reports it.
      if (LHS.size() > 2)
        R->setExtra(LHS[2]);
      return R;
    }
    std::vector<Expr *> RHS = parseExprList();
    return CU.create<AssignStmt>(OpLoc, Op, std::move(LHS), std::move(RHS));
  }
  default:
    if (isAssignOp(Tok.Kind)) {
      tok::TokenKind Op = Tok.Kind;
      llvm::SMLoc OpLoc = Tok.Loc;
      if (LHS.size() > 1) {
        syntaxError("expecting := or = or comma");
        advance({});
        return nullptr;
      }
      next();
      std::vector<Expr *> RHS;
      RHS.push_back(parseExpr());
      return CU.create<AssignStmt>(OpLoc, Op, std::move(LHS), std::move(RHS));
    }
    if (LHS.size() > 1) {
      syntaxError("expecting := or = or comma");
      advance({});
      return nullptr;
    }
    return CU.create<ExprStmt>(Loc, LHS[0]);
  }
}

void Parser::parseHeader(Stmt *&Init, Expr *&Cond, Stmt **Post, bool IsFor,
                         bool IsSwitch, Stmt **Range) {
  Init = nullptr;
  Cond = nullptr;
  if (Tok.is(tok::l_brace)) {
    if (!IsFor && !IsSwitch)
      syntaxError("missing condition in if statement");
    return;
  }
  int Saved = ExprLev;
  ExprLev = -1;
  Stmt *S = nullptr;
  if (Tok.isNot(tok::semi)) {
    if (Tok.is(tok::kw_var)) {
      syntaxError("var declaration not allowed in " +
                  std::string(IsFor      ? "for"
                              : IsSwitch ? "switch"
                                         : "if") +
                  " initializer");
      advance({tok::l_brace});
      ExprLev = Saved;
      return;
    }
    S = parseSimpleStmt(nullptr, IsFor);
    if (S && llvm::isa<RangeStmt>(S)) {
      *Range = S;
      ExprLev = Saved;
      return;
    }
  }
  llvm::SMLoc SemiLoc = Tok.Loc;
  bool HaveSemi = false;
  bool IsNewline = false;
  if (Tok.is(tok::semi)) {
    HaveSemi = true;
    IsNewline = Tok.Text == "\n";
    next();
    if (IsFor) {
      Init = S;
      S = nullptr;
      if (Tok.isNot(tok::semi)) {
        if (Tok.is(tok::l_brace)) {
          syntaxError("expecting for loop condition");
          ExprLev = Saved;
          return;
        }
        Cond = parseExpr();
      }
      if (!want(tok::semi, "after for loop condition")) {
        ExprLev = Saved;
        return;
      }
      if (Tok.isNot(tok::l_brace)) {
        Stmt *P = parseSimpleStmt(nullptr, false);
        if (auto *A = llvm::dyn_cast_or_null<AssignStmt>(P))
          if (A->isDefine())
            syntaxErrorAt(A->getLoc(),
                          "cannot declare in post statement of for loop");
        *Post = P;
      }
      ExprLev = Saved;
      return;
    }
    Init = S;
    S = nullptr;
    if (Tok.isNot(tok::l_brace)) {
      // A switch's tag after an init may still bind: `switch a := f();
      // t := x.(type)`.
      if (IsSwitch) {
        S = parseSimpleStmt(nullptr, false);
      } else {
        Expr *E = parseExpr();
        S = CU.create<ExprStmt>(E->getLoc(), E);
      }
    }
  }
  ExprLev = Saved;
  // S is the condition / tag.
  auto *TypeGuard = llvm::dyn_cast_or_null<AssignStmt>(S);
  auto IsGuard = [](Expr *E) {
    auto *G = llvm::dyn_cast<TypeAssertExpr>(E);
    return G && G->isTypeSwitchGuard();
  };
  if (IsSwitch && TypeGuard && TypeGuard->isDefine() &&
      TypeGuard->rhs().size() == 1 && IsGuard(TypeGuard->rhs()[0]) &&
      TypeGuard->lhs().size() == 1 &&
      llvm::isa<IdentExpr>(TypeGuard->lhs()[0])) {
    // switch v := x.(type)
    Cond = TypeGuard->rhs()[0];
    auto *Id = llvm::cast<IdentExpr>(TypeGuard->lhs()[0]);
    TypeSwitchBindName = Id->getName().str();
    TypeSwitchBindLoc = Id->getLoc();
  } else if (S) {
    if (auto *ES = llvm::dyn_cast<ExprStmt>(S)) {
      Cond = ES->getExpr();
    } else {
      syntaxErrorAt(S->getLoc(), "cannot use " + stmtString(S) + " as value");
    }
  } else if (!IsFor && !IsSwitch && HaveSemi) {
    // Go: `if x` then a newline reads as a missing '{'; `if x;` as a
    // missing condition. Either at the semicolon.
    syntaxErrorAt(SemiLoc,
                  IsNewline ? "unexpected newline, expecting { after if clause"
                            : "missing condition in if statement");
  }
}

Stmt *Parser::parseIfStmt() {
  DepthGuard G(*this);
  llvm::SMLoc Loc = Tok.Loc;
  next(); // if
  Stmt *Init;
  Expr *Cond;
  parseHeader(Init, Cond, nullptr, false, false, nullptr);
  if (Tok.isNot(tok::l_brace)) {
    syntaxError("expecting { after if clause");
    advance({tok::l_brace});
    if (Tok.isNot(tok::l_brace))
      return nullptr;
  }
  BlockStmt *Then = parseBlock();
  Stmt *Else = nullptr;
  if (got(tok::kw_else)) {
    if (Tok.is(tok::kw_if))
      Else = parseIfStmt();
    else if (Tok.is(tok::l_brace))
      Else = parseBlock();
    else {
      syntaxError("else must be followed by if or statement block");
      advance({});
    }
  }
  if (!Cond)
    Cond = CU.create<BadExpr>(Loc);
  return CU.create<IfStmt>(Loc, Init, Cond, Then, Else);
}

Stmt *Parser::parseForStmt() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // for
  Stmt *Init = nullptr, *Post = nullptr, *Range = nullptr;
  Expr *Cond = nullptr;
  if (Tok.isNot(tok::l_brace))
    parseHeader(Init, Cond, &Post, true, false, &Range);
  if (Tok.isNot(tok::l_brace)) {
    syntaxError("expecting { after for clause");
    advance({tok::l_brace});
    if (Tok.isNot(tok::l_brace))
      return nullptr;
  }
  BlockStmt *Body = parseBlock();
  if (auto *R = llvm::dyn_cast_or_null<RangeStmt>(Range)) {
    auto *WithBody =
        CU.create<RangeStmt>(R->getLoc(), R->getKey(), R->getValue(),
                             R->getAssignTok(), R->getRangeExpr(), Body);
    WithBody->setExtra(R->getExtra());
    return WithBody;
  }
  return CU.create<ForStmt>(Loc, Init, Cond, Post, Body);
}

Stmt *Parser::parseSwitchStmt() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // switch
  Stmt *Init = nullptr;
  Expr *Tag = nullptr;
  TypeSwitchBindName.clear();
  if (Tok.isNot(tok::l_brace))
    parseHeader(Init, Tag, nullptr, false, true, nullptr);
  std::string BindName = std::move(TypeSwitchBindName);
  llvm::SMLoc BindLoc = TypeSwitchBindLoc;
  TypeSwitchBindName.clear();
  if (Tok.isNot(tok::l_brace)) {
    syntaxError("missing { after switch clause"); // Go's own wording
    advance({tok::l_brace});
    if (Tok.isNot(tok::l_brace))
      return nullptr;
  }
  next(); // {
  std::vector<CaseClause> Clauses;
  while (Tok.is(tok::kw_case) || Tok.is(tok::kw_default)) {
    CaseClause C;
    C.Loc = Tok.Loc;
    if (got(tok::kw_default)) {
      C.IsDefault = true;
    } else {
      next();
      C.Values = parseExprList();
    }
    want(tok::colon);
    C.Body = parseStmtList();
    Clauses.push_back(std::move(C));
  }
  llvm::SMLoc RLoc = parseCaseBlockEnd();
  auto *Sw = CU.create<SwitchStmt>(Loc, Init, Tag, std::move(Clauses), RLoc);
  if (!BindName.empty())
    Sw->setBind(BindName, BindLoc);
  return Sw;
}

/// The `}` that closes the clauses of a switch or select; its location.
llvm::SMLoc Parser::parseCaseBlockEnd() {
  llvm::SMLoc RLoc = Tok.Loc;
  if (Tok.isNot(tok::r_brace)) {
    syntaxError("expecting case or default or }");
    advance({});
  }
  got(tok::r_brace);
  return RLoc;
}

Stmt *Parser::parseSelectStmt() {
  // Each case is any simple statement, as in Go's parser; the type checker
  // tells a send, a receive and an assignment of a receive from the rest.
  llvm::SMLoc Loc = Tok.Loc;
  next(); // select
  if (Tok.isNot(tok::l_brace)) {
    syntaxError("expecting {");
    advance({tok::l_brace});
    if (Tok.isNot(tok::l_brace))
      return nullptr;
  }
  next(); // {
  std::vector<CommClause> Clauses;
  while (Tok.is(tok::kw_case) || Tok.is(tok::kw_default)) {
    CommClause C;
    C.Loc = Tok.Loc;
    if (!got(tok::kw_default)) {
      next(); // case
      C.Comm = parseSimpleStmt(nullptr, false);
      if (!C.Comm)
        C.Comm = CU.create<BadStmt>(C.Loc);
    }
    want(tok::colon);
    C.Body = parseStmtList();
    Clauses.push_back(std::move(C));
  }
  llvm::SMLoc RLoc = parseCaseBlockEnd();
  return CU.create<SelectStmt>(Loc, std::move(Clauses), RLoc);
}

Stmt *Parser::parseReturnStmt() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // return
  std::vector<Expr *> Results;
  if (Tok.isNot(tok::semi) && Tok.isNot(tok::r_brace))
    Results = parseExprList();
  return CU.create<ReturnStmt>(Loc, std::move(Results));
}

Stmt *Parser::parseBranchStmt() {
  llvm::SMLoc Loc = Tok.Loc;
  tok::TokenKind K = Tok.Kind;
  next();
  llvm::StringRef Label;
  llvm::SMLoc LabelLoc;
  if (K != tok::kw_fallthrough && Tok.is(tok::identifier)) {
    Label = Tok.Text;
    LabelLoc = Tok.Loc;
    next();
  } else if (K == tok::kw_goto) {
    syntaxError("expecting name");
    return nullptr;
  }
  return CU.create<BranchStmt>(Loc, K, Label, LabelLoc);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Expr *Parser::parseExpression() { return parseExpr(); }

Expr *Parser::parseExpr() { return parseBinaryExpr(1); }

std::vector<Expr *> Parser::parseExprList() {
  std::vector<Expr *> List;
  List.push_back(parseExpr());
  while (got(tok::comma))
    List.push_back(parseExpr());
  return List;
}

static int precedence(tok::TokenKind K) {
  switch (K) {
  case tok::pipepipe:
    return 1;
  case tok::ampamp:
    return 2;
  case tok::equalequal:
  case tok::exclaimequal:
  case tok::less:
  case tok::lessequal:
  case tok::greater:
  case tok::greaterequal:
    return 3;
  case tok::plus:
  case tok::minus:
  case tok::pipe:
  case tok::caret:
    return 4;
  case tok::star:
  case tok::slash:
  case tok::percent:
  case tok::shl:
  case tok::shr:
  case tok::amp:
  case tok::ampcaret:
    return 5;
  default:
    return 0;
  }
}

Expr *Parser::parseBinaryExpr(int Prec) {
  DepthGuard G(*this);
  if (G.tooDeep())
    return CU.create<BadExpr>(Tok.Loc);
  Expr *X = parseUnaryExpr();
  unsigned Chain = 0;
  for (;;) {
    int P = precedence(Tok.Kind);
    if (P < Prec)
      return X;
    tok::TokenKind Op = Tok.Kind;
    llvm::SMLoc OpLoc = Tok.Loc;
    next();
    // A left-deep chain nests like parentheses for later recursive passes.
    if (++Chain + Depth > MaxDepth && !TooDeep) {
      TooDeep = true;
      HadError = true;
      Diags.report(OpLoc, diag::err_too_deep) << MaxDepth;
      return X;
    }
    Expr *Y = parseBinaryExpr(P + 1);
    X = CU.create<BinaryExpr>(X->getLoc(), Op, X, Y);
    llvm::cast<BinaryExpr>(X)->setOpLoc(OpLoc);
  }
}

Expr *Parser::parseUnaryExpr() {
  DepthGuard G(*this);
  if (G.tooDeep())
    return CU.create<BadExpr>(Tok.Loc);
  llvm::SMLoc Loc = Tok.Loc;
  switch (Tok.Kind) {
  case tok::plus:
  case tok::minus:
  case tok::exclaim:
  case tok::caret:
  case tok::amp: {
    tok::TokenKind Op = Tok.Kind;
    next();
    return CU.create<UnaryExpr>(Loc, Op, parseUnaryExpr());
  }
  case tok::star:
    next();
    return CU.create<StarExpr>(Loc, parseUnaryExpr());
  case tok::arrow: {
    // A receive `<-x`, or a channel type `<-chan T`: then, as Go's parser
    // does, the `<-` re-associates with the `chan` keywords it reaches
    // (`<-chan chan<- T` is `<-chan <-chan T`).
    next();
    Expr *X = parseUnaryExpr();
    auto *CT = llvm::dyn_cast<ChanTypeExpr>(X);
    if (!CT)
      return CU.create<UnaryExpr>(Loc, tok::arrow, X);
    CT->setLoc(Loc);
    ChanType::Dir D = ChanType::SendOnly;
    Expr *T = CT;
    while (D == ChanType::SendOnly) {
      auto *C = llvm::dyn_cast<ChanTypeExpr>(T);
      if (!C)
        break;
      D = C->getDir();
      if (D == ChanType::RecvOnly)
        syntaxErrorAt(C->getLoc(), "unexpected <-, expecting chan");
      C->setDir(ChanType::RecvOnly);
      T = C->getElem();
    }
    if (D == ChanType::SendOnly) {
      // `<-chan<- int`: Go names the element as written.
      const char *Start = T->getLoc().getPointer();
      const char *End = PrevTok.Loc.getPointer() + PrevTok.Text.size();
      syntaxErrorAt(T->getLoc(), "unexpected " +
                                     llvm::StringRef(Start, End - Start).str() +
                                     ", expecting chan");
    }
    return CT;
  }
  default:
    return parsePrimaryExpr(nullptr);
  }
}

Expr *Parser::parseOperand() {
  llvm::SMLoc Loc = Tok.Loc;
  switch (Tok.Kind) {
  case tok::identifier: {
    auto *E = CU.create<IdentExpr>(Loc, Tok.Text);
    next();
    return E;
  }
  case tok::int_literal:
  case tok::float_literal:
  case tok::rune_literal:
  case tok::string_literal: {
    auto *E = CU.create<BasicLitExpr>(Loc, Tok.Kind, Tok.Text);
    E->setBad(Tok.Bad);
    next();
    return E;
  }
  case tok::imaginary_literal:
    notSupported(Loc, "complex number");
    next();
    return CU.create<BadExpr>(Loc);
  case tok::l_paren: {
    next();
    ++ExprLev;
    Expr *X = parseExpr();
    --ExprLev;
    want(tok::r_paren);
    return CU.create<ParenExpr>(Loc, X);
  }
  case tok::kw_func:
    return parseFuncLit();
  case tok::l_square:
  case tok::kw_map:
  case tok::kw_struct:
  case tok::kw_chan:
  case tok::kw_interface:
  case tok::star:
    return tryType();
  default:
    syntaxError("expecting expression");
    advance({tok::r_paren, tok::r_square, tok::comma, tok::colon});
    return CU.create<BadExpr>(Loc);
  }
}

Expr *Parser::parseFuncLit() {
  llvm::SMLoc Loc = Tok.Loc;
  next(); // func
  FuncTypeExpr *Sig = parseSignature(Loc);
  if (!Sig)
    return CU.create<BadExpr>(Loc);
  if (Tok.is(tok::l_brace)) {
    // The literal's own FuncDecl; Sema names it (main.func1, ...).
    auto *F = CU.create<FuncDecl>(Loc, "");
    F->setTypeSyntax(Sig);
    int Saved = ExprLev;
    ExprLev = 0;
    F->setBody(parseBlock());
    ExprLev = Saved;
    return CU.create<FuncLitExpr>(Loc, F);
  }
  return Sig; // a func type in expression position (conversion)
}

static bool isTypeSyntax(const Expr *E) {
  switch (E->getKind()) {
  case Expr::ArrayTypeE:
  case Expr::MapTypeE:
  case Expr::StructTypeE:
    return true;
  default:
    return false;
  }
}

Expr *Parser::parsePrimaryExpr(Expr *X) {
  if (!X)
    X = parseOperand();
  unsigned Chain = 0;
  for (;;) {
    if (++Chain + Depth > MaxDepth && !TooDeep) {
      TooDeep = true;
      HadError = true;
      Diags.report(Tok.Loc, diag::err_too_deep) << MaxDepth;
      return X;
    }
    llvm::SMLoc Loc = Tok.Loc;
    switch (Tok.Kind) {
    case tok::period: {
      next();
      if (Tok.is(tok::identifier)) {
        X = CU.create<SelectorExpr>(X->getLoc(), X, Tok.Text, Tok.Loc);
        next();
        continue;
      }
      if (Tok.is(tok::l_paren)) {
        next();
        Expr *TypeSyntax = nullptr;
        if (!got(tok::kw_type))
          TypeSyntax = parseType();
        want(tok::r_paren);
        X = CU.create<TypeAssertExpr>(Loc, X, TypeSyntax);
        continue;
      }
      syntaxError("expecting name or (");
      advance({});
      return CU.create<BadExpr>(Loc);
    }
    case tok::l_square: {
      next();
      ++ExprLev;
      Expr *Idx[3] = {nullptr, nullptr, nullptr};
      unsigned NColons = 0;
      if (Tok.isNot(tok::colon))
        Idx[0] = parseExpr();
      if (Tok.is(tok::comma) && Idx[0]) {
        // F[int, string]: type arguments.
        std::vector<Expr *> Args = {Idx[0]};
        while (got(tok::comma) && Tok.isNot(tok::r_square))
          Args.push_back(parseType());
        --ExprLev;
        if (!want(tok::r_square))
          return CU.create<BadExpr>(Loc);
        X = CU.create<InstantiateExpr>(X->getLoc(), X, std::move(Args));
        continue;
      }
      while (Tok.is(tok::colon) && NColons < 2) {
        ++NColons;
        next();
        if (Tok.isNot(tok::colon) && Tok.isNot(tok::r_square))
          Idx[NColons] = parseExpr();
      }
      --ExprLev;
      if (!want(tok::r_square))
        return CU.create<BadExpr>(Loc);
      if (NColons == 0) {
        if (!Idx[0]) {
          syntaxErrorAt(Loc, "expecting operand");
          return CU.create<BadExpr>(Loc);
        }
        X = CU.create<IndexExpr>(X->getLoc(), X, Idx[0]);
      } else {
        if (NColons == 2 && (!Idx[1] || !Idx[2])) {
          syntaxErrorAt(Loc, !Idx[1] ? "middle index required in 3-index slice"
                                     : "final index required in 3-index slice");
          return CU.create<BadExpr>(Loc);
        }
        X = CU.create<SliceExpr>(X->getLoc(), X, Idx[0], Idx[1], Idx[2]);
      }
      continue;
    }
    case tok::l_paren:
      X = parseCallOrConversion(X);
      continue;
    case tok::l_brace: {
      const Expr *T = skipParens(X);
      bool ComplitOK = false;
      switch (T->getKind()) {
      case Expr::Ident:
      case Expr::Selector:
        ComplitOK = ExprLev >= 0;
        break;
      case Expr::Index:
      case Expr::InstantiateE:
        ComplitOK = ExprLev >= 0; // a generic type's instance
        break;
      default:
        ComplitOK = isTypeSyntax(T);
      }
      if (!ComplitOK)
        return X;
      X = parseCompositeLit(X);
      continue;
    }
    default:
      return X;
    }
  }
}

Expr *Parser::parseCallOrConversion(Expr *Fn) {
  DepthGuard G(*this);
  llvm::SMLoc Loc = Tok.Loc;
  next(); // (
  ++ExprLev;
  std::vector<Expr *> Args;
  bool Ellipsis = false;
  while (Tok.isNot(tok::r_paren) && Tok.isNot(tok::eof)) {
    // make([]int, n) and new(T) take types: parse a type where an
    // expression cannot start.
    Args.push_back(parseExpr());
    if (got(tok::ellipsis))
      Ellipsis = true;
    if (!got(tok::comma)) {
      if (Tok.isNot(tok::r_paren)) {
        syntaxError("in argument list; possibly missing comma or )");
        --ExprLev;
        advance({tok::r_paren});
        got(tok::r_paren);
        return CU.create<CallExpr>(Fn->getLoc(), Fn, std::move(Args), Ellipsis,
                                   Tok.Loc);
      }
    }
  }
  --ExprLev;
  llvm::SMLoc RLoc = Tok.Loc;
  want(tok::r_paren);
  auto *Call =
      CU.create<CallExpr>(Fn->getLoc(), Fn, std::move(Args), Ellipsis, RLoc);
  Call->setLParenLoc(Loc);
  return Call;
}

Expr *Parser::parseCompositeLit(Expr *Type) {
  DepthGuard G(*this);
  llvm::SMLoc Loc = Tok.Loc;
  auto *Lit = CU.create<CompositeLitExpr>(Type ? Type->getLoc() : Loc, Type);
  Lit->setLBraceLoc(Loc);
  next(); // {
  ++ExprLev;
  while (Tok.isNot(tok::r_brace) && Tok.isNot(tok::eof)) {
    if (G.tooDeep())
      break;
    CompositeElement E;
    E.Value = parseElement();
    if (Tok.is(tok::colon)) {
      E.ColonLoc = Tok.Loc;
      next();
      E.Key = E.Value;
      E.Value = parseElement();
    }
    Lit->elements().push_back(E);
    if (!got(tok::comma)) {
      if (Tok.isNot(tok::r_brace)) {
        syntaxError("in composite literal; possibly missing comma or }");
        // As Go: skip to the literal's '}', across newlines.
        advance({tok::r_brace});
        while (got(tok::semi))
          advance({tok::r_brace});
        break;
      }
    }
  }
  --ExprLev;
  Lit->setRBraceLoc(Tok.Loc);
  want(tok::r_brace);
  return Lit;
}

Expr *Parser::parseElement() {
  if (Tok.is(tok::l_brace))
    return parseCompositeLit(nullptr);
  return parseExpr();
}
