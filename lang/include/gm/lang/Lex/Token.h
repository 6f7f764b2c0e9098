//===- Token.h - gm tokens --------------------------------------*- C++ -*-===//

#ifndef GM_LANG_LEX_TOKEN_H
#define GM_LANG_LEX_TOKEN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

namespace gm::lang {

namespace tok {
enum TokenKind : unsigned short {
#define TOK(NAME, SPELLING) NAME,
#include "gm/lang/Lex/TokenKinds.def"
  NumTokens
};
/// "+", "func", "name", "literal", ... as Go's parser names tokens.
llvm::StringRef getSpelling(TokenKind K);
/// Debug name of the kind ("plus", "kw_func").
llvm::StringRef getName(TokenKind K);
} // namespace tok

struct Token {
  tok::TokenKind Kind = tok::eof;
  llvm::SMLoc Loc;
  /// The source text; for a semicolon inserted at a newline or EOF it is
  /// "\n" or "" (Go prints those as "newline" and "EOF").
  llvm::StringRef Text;
  /// A literal during whose lexing an error was reported (in the literal, or
  /// in the whitespace and comments just before it). Type checking, which
  /// runs after lexical errors as in Go, treats it as invalid without more
  /// errors.
  bool Bad = false;

  bool is(tok::TokenKind K) const { return Kind == K; }
  bool isNot(tok::TokenKind K) const { return Kind != K; }
  template <typename... Ts> bool isOneOf(tok::TokenKind K, Ts... Ks) const {
    if constexpr (sizeof...(Ts) == 0)
      return is(K);
    else
      return is(K) || isOneOf(Ks...);
  }
  bool isLiteral() const {
    return Kind >= tok::int_literal && Kind <= tok::string_literal;
  }
  /// True for a semicolon the lexer inserted (newline or EOF).
  bool isAutoSemi() const { return Kind == tok::semi && Text != ";"; }
};

} // namespace gm::lang

#endif // GM_LANG_LEX_TOKEN_H
