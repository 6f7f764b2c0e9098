//===- Lexer.h - gm lexer ---------------------------------------*- C++ -*-===//
//
// Turns a source buffer into Go tokens, with Go's automatic semicolon
// insertion: a newline (or EOF, or a comment spanning lines) after an
// identifier, a literal, one of the keywords break/continue/fallthrough/
// return, or one of ++ -- ) ] } becomes a semicolon token whose text is
// "\n" (or "" at EOF).
//
// Malformed input (invalid UTF-8, NUL bytes, bad escapes or digits) is
// reported with located errors; the lexer always makes progress.
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_LEX_LEXER_H
#define GM_LANG_LEX_LEXER_H

#include "gm/lang/Basic/Diagnostic.h"
#include "gm/lang/Lex/Token.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/Support/SourceMgr.h"
#include <string>

namespace gm::lang {

class Lexer {
public:
  Lexer(llvm::SourceMgr &SM, unsigned BufferID, DiagnosticEngine &Diags);
  Lexer(llvm::StringRef Buffer, DiagnosticEngine &Diags);

  /// The next token.
  Token lex();
  /// Errors this lexer has reported.
  unsigned numErrors() const { return NumErrors; }
  const char *getBufferStart() const { return BufStart; }

  // Literal decoding. The lexer has validated the text, so these never fail
  // on a token it produced (they return false on malformed text).

  /// Value of an int literal ("0x_1F", "0o17", "017", "1_000").
  static bool decodeInt(llvm::StringRef Text, llvm::APInt &Result);
  /// Value of a float literal (decimal or hexadecimal), in IEEE quad.
  static bool decodeFloat(llvm::StringRef Text, llvm::APFloat &Result);
  /// Bytes of an interpreted or raw string literal (quotes included).
  static bool decodeString(llvm::StringRef Text, std::string &Result);
  /// Code point of a rune literal (quotes included).
  static bool decodeRune(llvm::StringRef Text, uint32_t &Result);
  /// Decodes the UTF-8 sequence that Text begins with; returns its length,
  /// or 0 if it is invalid or truncated.
  static unsigned decodeUTF8(llvm::StringRef Text, uint32_t &CP);

private:
  void init();
  void error(const char *P, diag::Kind K) { Diags.report(loc(P), K); }
  llvm::SMLoc loc(const char *P) { return llvm::SMLoc::getFromPointer(P); }
  Token make(tok::TokenKind K, const char *Start);
  Token lexToken();
  /// Skips whitespace and comments; returns true if a newline was crossed.
  bool skipSpace();
  void lexIdentifier();
  tok::TokenKind lexNumber(bool SeenPoint);
  void lexString();
  void lexRawString();
  void skipLiteralChar();
  void lexRune();
  /// Lexes one escape after '\'; returns false on error.
  bool lexEscape(char Quote);
  /// Decodes a UTF-8 sequence at Cur; returns its length (0 if invalid).
  unsigned decodeUTF8(const char *P, uint32_t &CP) const;

  DiagnosticEngine &Diags;
  const char *BufStart;
  const char *BufEnd;
  const char *Cur;
  bool InsertSemi = false;
  unsigned NumErrors = 0;
};

} // namespace gm::lang

#endif // GM_LANG_LEX_LEXER_H
