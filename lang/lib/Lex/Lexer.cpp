//===- Lexer.cpp - gm lexer -----------------------------------------------===//
//
// A port of the structure of Go's cmd/compile/internal/syntax scanner:
// numbers are scanned permissively (any digits, '_' separators) and then
// validated, so the messages match Go's ("invalid digit '8' in octal
// literal", "'_' must separate successive digits", ...).
//
//===----------------------------------------------------------------------===//

#include "gm/lang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Error.h"
#include <algorithm>
#include <iterator>

using namespace gm::lang;

llvm::StringRef tok::getSpelling(TokenKind K) {
  static const char *const Spellings[] = {
#define TOK(NAME, SPELLING) SPELLING,
#include "gm/lang/Lex/TokenKinds.def"
  };
  return K < NumTokens ? Spellings[K] : "?";
}

llvm::StringRef tok::getName(TokenKind K) {
  static const char *const Names[] = {
#define TOK(NAME, SPELLING) #NAME,
#include "gm/lang/Lex/TokenKinds.def"
  };
  return K < NumTokens ? Names[K] : "?";
}

Lexer::Lexer(llvm::SourceMgr &SM, unsigned BufferID, DiagnosticEngine &Diags)
    : Diags(Diags) {
  const llvm::MemoryBuffer *B = SM.getMemoryBuffer(BufferID);
  BufStart = Cur = B->getBufferStart();
  BufEnd = B->getBufferEnd();
  init();
}

Lexer::Lexer(llvm::StringRef Buffer, DiagnosticEngine &Diags) : Diags(Diags) {
  BufStart = Cur = Buffer.begin();
  BufEnd = Buffer.end();
  init();
}

void Lexer::init() {
  // A leading byte order mark is ignored, as in Go.
  if (BufEnd - Cur >= 3 && (unsigned char)Cur[0] == 0xEF &&
      (unsigned char)Cur[1] == 0xBB && (unsigned char)Cur[2] == 0xBF)
    Cur += 3;
}

static bool isLetter(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}

namespace {
struct RuneRange {
  uint32_t Lo, Hi;
};
#include "LetterRanges.inc"
} // namespace

template <size_t N>
static bool inRanges(const RuneRange (&Ranges)[N], uint32_t C) {
  const RuneRange *It =
      std::upper_bound(std::begin(Ranges), std::end(Ranges), C,
                       [](uint32_t V, const RuneRange &R) { return V < R.Lo; });
  return It != std::begin(Ranges) && C <= std::prev(It)->Hi;
}

// Go's unicode.IsLetter and unicode.IsDigit for non-ASCII code points (the
// tables come from Go 1.19, see scripts/gen-rune-ranges.go letters).
static bool isUnicodeLetter(uint32_t C) { return inRanges(LetterRanges, C); }
static bool isUnicodeDigit(uint32_t C) { return inRanges(DigitRanges, C); }

/// Go's %#U: "U+20AC '€'", without the quoted character if strconv.IsPrint
/// rejects it.
static std::string runeDescription(uint32_t C) {
  char Buf[16];
  snprintf(Buf, sizeof(Buf), "U+%04X", C);
  std::string Out = Buf;
  bool Print = C < 0x80 ? (C >= 0x20 && C < 0x7f)
                        : isUnicodeLetter(C) || isUnicodeDigit(C) ||
                              inRanges(OtherPrintRanges, C);
  char UTF8[UNI_MAX_UTF8_BYTES_PER_CODE_POINT + 1] = {};
  char *P = UTF8;
  if (Print && llvm::ConvertCodePointToUTF8(C, P))
    Out += " '" + std::string(UTF8, P) + "'";
  return Out;
}

/// The keyword spelled Text, or tok::identifier. Length and first letter
/// are compared first, so most identifiers are told apart without a memcmp.
static tok::TokenKind keywordOrIdentifier(llvm::StringRef Text) {
#define KEYWORD(NAME, SPELLING)                                                \
  if (Text.size() == sizeof(SPELLING) - 1 && Text[0] == SPELLING[0] &&         \
      Text == SPELLING)                                                        \
    return tok::kw_##NAME;
#include "gm/lang/Lex/TokenKinds.def"
  return tok::identifier;
}

static bool isDecimal(char C) { return C >= '0' && C <= '9'; }
static bool isHex(char C) {
  return isDecimal(C) || (C >= 'a' && C <= 'f') || (C >= 'A' && C <= 'F');
}
static char lower(char C) { return C | ('x' - 'X'); }

unsigned Lexer::decodeUTF8(const char *P, uint32_t &CP) const {
  return decodeUTF8(llvm::StringRef(P, size_t(BufEnd - P)), CP);
}

unsigned Lexer::decodeUTF8(llvm::StringRef Text, uint32_t &CP) {
  if (Text.empty())
    return 0;
  const auto *S = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  const auto *E = S + Text.size();
  unsigned Len = llvm::getNumBytesForUTF8(*S);
  if (Len == 0 || S + Len > E || !llvm::isLegalUTF8Sequence(S, S + Len))
    return 0;
  llvm::UTF32 Out;
  llvm::UTF32 *OutP = &Out;
  const llvm::UTF8 *In = S;
  if (llvm::ConvertUTF8toUTF32(&In, S + Len, &OutP, OutP + 1,
                               llvm::strictConversion) != llvm::conversionOK)
    return 0;
  CP = Out;
  return Len;
}

Token Lexer::make(tok::TokenKind K, const char *Start) {
  Token T;
  T.Kind = K;
  T.Loc = loc(Start);
  T.Text = llvm::StringRef(Start, Cur - Start);
  switch (K) {
  case tok::identifier:
  case tok::int_literal:
  case tok::float_literal:
  case tok::imaginary_literal:
  case tok::rune_literal:
  case tok::string_literal:
  case tok::kw_break:
  case tok::kw_continue:
  case tok::kw_fallthrough:
  case tok::kw_return:
  case tok::plusplus:
  case tok::minusminus:
  case tok::r_paren:
  case tok::r_square:
  case tok::r_brace:
    InsertSemi = true;
    break;
  default:
    InsertSemi = false;
  }
  return T;
}

bool Lexer::skipSpace() {
  bool Newline = false;
  while (Cur < BufEnd) {
    char C = *Cur;
    if (C == '\n') {
      Newline = true;
      if (InsertSemi)
        return true;
      ++Cur;
    } else if (C == ' ' || C == '\t' || C == '\r') {
      ++Cur;
    } else if (C == '/' && Cur + 1 < BufEnd && Cur[1] == '/') {
      // A line comment ends at the newline, which is lexed next.
      while (Cur < BufEnd && *Cur != '\n') {
        if (*Cur == 0)
          error(Cur, diag::err_nul_char);
        else if ((unsigned char)*Cur >= 0x80) {
          uint32_t CP;
          unsigned L = decodeUTF8(Cur, CP);
          if (!L) {
            error(Cur, diag::err_invalid_utf8);
            ++Cur;
            continue;
          }
          Cur += L;
          continue;
        }
        ++Cur;
      }
    } else if (C == '/' && Cur + 1 < BufEnd && Cur[1] == '*') {
      const char *Start = Cur;
      Cur += 2;
      bool Closed = false, SawNewline = false;
      while (Cur < BufEnd) {
        if (*Cur == '*' && Cur + 1 < BufEnd && Cur[1] == '/') {
          Cur += 2;
          Closed = true;
          break;
        }
        if (*Cur == '\n')
          SawNewline = true;
        if (*Cur == 0)
          error(Cur, diag::err_nul_char);
        if ((unsigned char)*Cur >= 0x80) {
          uint32_t CP;
          unsigned L = decodeUTF8(Cur, CP);
          if (!L) {
            error(Cur, diag::err_invalid_utf8);
            ++Cur;
          } else {
            Cur += L;
          }
          continue;
        }
        ++Cur;
      }
      if (!Closed)
        error(Start, diag::err_comment_not_terminated);
      if (SawNewline || !Closed) {
        Newline = true;
        if (InsertSemi)
          return true;
      }
    } else {
      break;
    }
  }
  return Newline;
}

Token Lexer::lex() {
  unsigned ErrorsBefore = Diags.numErrors();
  Token T = lexToken();
  unsigned New = Diags.numErrors() - ErrorsBefore;
  NumErrors += New;
  T.Bad = T.isLiteral() && New != 0;
  return T;
}

Token Lexer::lexToken() {
  for (;;) {
    const char *Before = Cur;
    bool Newline = skipSpace();
    if (Newline && InsertSemi) {
      // The semicolon stands at the newline (or the comment holding one).
      const char *P = Cur < BufEnd && *Cur == '\n' ? Cur : Before;
      if (Cur < BufEnd && *Cur == '\n')
        ++Cur;
      InsertSemi = false;
      Token T;
      T.Kind = tok::semi;
      T.Loc = loc(P);
      T.Text = "\n";
      return T;
    }
    if (Cur >= BufEnd) {
      if (InsertSemi) {
        InsertSemi = false;
        Token T;
        T.Kind = tok::semi;
        T.Loc = loc(BufEnd);
        T.Text = "";
        return T;
      }
      Token T;
      T.Kind = tok::eof;
      T.Loc = loc(BufEnd);
      T.Text = "";
      return T;
    }

    const char *Start = Cur;
    char C = *Cur;
    if (isLetter(C) || (unsigned char)C >= 0x80) {
      if ((unsigned char)C >= 0x80) {
        uint32_t CP;
        unsigned L = decodeUTF8(Cur, CP);
        if (!L) {
          error(Cur, diag::err_invalid_utf8);
          ++Cur;
          continue;
        }
        if (CP == 0xFEFF) {
          error(Cur, diag::err_bom_not_first);
          Cur += L;
          continue;
        }
        // As in Go's scanner, any other non-ASCII character starts an
        // identifier, reported unless it is a letter.
        if (isUnicodeDigit(CP))
          Diags.report(loc(Cur), diag::err_ident_starts_with_digit)
              << runeDescription(CP);
        else if (!isUnicodeLetter(CP))
          Diags.report(loc(Cur), diag::err_invalid_char_ident)
              << runeDescription(CP);
        Cur += L;
      }
      lexIdentifier();
      return make(keywordOrIdentifier(llvm::StringRef(Start, Cur - Start)),
                  Start);
    }
    if (isDecimal(C) || (C == '.' && Cur + 1 < BufEnd && isDecimal(Cur[1]))) {
      tok::TokenKind K = lexNumber(false);
      return make(K, Start);
    }
    ++Cur;
    auto Next = [&](char X) {
      if (Cur < BufEnd && *Cur == X) {
        ++Cur;
        return true;
      }
      return false;
    };
    switch (C) {
    case '"':
      lexString();
      return make(tok::string_literal, Start);
    case '`':
      lexRawString();
      return make(tok::string_literal, Start);
    case '\'':
      lexRune();
      return make(tok::rune_literal, Start);
    case '(':
      return make(tok::l_paren, Start);
    case ')':
      return make(tok::r_paren, Start);
    case '[':
      return make(tok::l_square, Start);
    case ']':
      return make(tok::r_square, Start);
    case '{':
      return make(tok::l_brace, Start);
    case '}':
      return make(tok::r_brace, Start);
    case ',':
      return make(tok::comma, Start);
    case ';':
      return make(tok::semi, Start);
    case '.':
      if (Cur + 1 < BufEnd && Cur[0] == '.' && Cur[1] == '.') {
        Cur += 2;
        return make(tok::ellipsis, Start);
      }
      return make(tok::period, Start);
    case ':':
      return make(Next('=') ? tok::colonequal : tok::colon, Start);
    case '+':
      if (Next('+'))
        return make(tok::plusplus, Start);
      return make(Next('=') ? tok::plusequal : tok::plus, Start);
    case '-':
      if (Next('-'))
        return make(tok::minusminus, Start);
      return make(Next('=') ? tok::minusequal : tok::minus, Start);
    case '*':
      return make(Next('=') ? tok::starequal : tok::star, Start);
    case '/':
      return make(Next('=') ? tok::slashequal : tok::slash, Start);
    case '%':
      return make(Next('=') ? tok::percentequal : tok::percent, Start);
    case '&':
      if (Next('&'))
        return make(tok::ampamp, Start);
      if (Next('^'))
        return make(Next('=') ? tok::ampcaretequal : tok::ampcaret, Start);
      return make(Next('=') ? tok::ampequal : tok::amp, Start);
    case '|':
      if (Next('|'))
        return make(tok::pipepipe, Start);
      return make(Next('=') ? tok::pipeequal : tok::pipe, Start);
    case '^':
      return make(Next('=') ? tok::caretequal : tok::caret, Start);
    case '<':
      if (Next('-'))
        return make(tok::arrow, Start);
      if (Next('<'))
        return make(Next('=') ? tok::shlequal : tok::shl, Start);
      return make(Next('=') ? tok::lessequal : tok::less, Start);
    case '>':
      if (Next('>'))
        return make(Next('=') ? tok::shrequal : tok::shr, Start);
      return make(Next('=') ? tok::greaterequal : tok::greater, Start);
    case '=':
      return make(Next('=') ? tok::equalequal : tok::equal, Start);
    case '!':
      return make(Next('=') ? tok::exclaimequal : tok::exclaim, Start);
    case '~':
      return make(tok::tilde, Start);
    case 0:
      error(Start, diag::err_nul_char);
      continue;
    default: {
      // Go: "invalid character U+0040 '@'" (the quote only if printable).
      char Buf[24];
      if (C > 0x20 && C < 0x7f)
        snprintf(Buf, sizeof(Buf), "U+%04X '%c'", (unsigned)C, C);
      else
        snprintf(Buf, sizeof(Buf), "U+%04X", (unsigned)(unsigned char)C);
      Diags.report(loc(Start), diag::err_invalid_char) << Buf;
      continue;
    }
    }
  }
}

void Lexer::lexIdentifier() {
  while (Cur < BufEnd) {
    char C = *Cur;
    if (isLetter(C) || isDecimal(C)) {
      ++Cur;
      continue;
    }
    if ((unsigned char)C < 0x80)
      break;
    uint32_t CP;
    unsigned L = decodeUTF8(Cur, CP);
    if (!L) {
      error(Cur, diag::err_invalid_utf8);
      ++Cur;
      continue;
    }
    if (CP == 0xFEFF)
      break; // reported by lex()
    // Go's identifiers are letters, digits and '_'; Go's scanner reports any
    // other character but keeps it in the identifier.
    if (!isUnicodeLetter(CP) && !isUnicodeDigit(CP))
      Diags.report(loc(Cur), diag::err_invalid_char_ident)
          << runeDescription(CP);
    Cur += L;
  }
}

static const char *litName(char Prefix) {
  switch (Prefix) {
  case 'x':
    return "hexadecimal";
  case 'o':
  case '0':
    return "octal";
  case 'b':
    return "binary";
  default:
    return "decimal";
  }
}

/// Index of the first '_' that does not separate digits, or -1 (Go's
/// invalidSep).
static int invalidSep(llvm::StringRef X) {
  char X1 = ' ', D = '.';
  size_t I = 0;
  if (X.size() >= 2 && X[0] == '0') {
    X1 = lower(X[1]);
    if (X1 == 'x' || X1 == 'o' || X1 == 'b') {
      D = '0';
      I = 2;
    }
  }
  for (; I < X.size(); ++I) {
    char P = D;
    D = X[I];
    if (D == '_') {
      if (P != '0')
        return int(I);
    } else if (isDecimal(D) || (X1 == 'x' && isHex(D))) {
      D = '0';
    } else {
      if (P == '_')
        return int(I) - 1;
      D = '.';
    }
  }
  if (D == '_')
    return int(X.size()) - 1;
  return -1;
}

tok::TokenKind Lexer::lexNumber(bool SeenPoint) {
  const char *Start = Cur;
  int Base = 10;
  char Prefix = 0;
  int DigSep = 0;
  const char *Invalid = nullptr;
  tok::TokenKind K = tok::int_literal;

  auto Digits = [&](int B) {
    int DS = 0;
    if (B <= 10) {
      char Max = char('0' + B);
      while (Cur < BufEnd && (isDecimal(*Cur) || *Cur == '_')) {
        int D = 1;
        if (*Cur == '_')
          D = 2;
        else if (*Cur >= Max && !Invalid)
          Invalid = Cur;
        DS |= D;
        ++Cur;
      }
    } else {
      while (Cur < BufEnd && (isHex(*Cur) || *Cur == '_')) {
        DS |= *Cur == '_' ? 2 : 1;
        ++Cur;
      }
    }
    return DS;
  };

  if (*Cur != '.') {
    if (*Cur == '0') {
      ++Cur;
      char L = Cur < BufEnd ? lower(*Cur) : 0;
      if (L == 'x') {
        ++Cur;
        Base = 16;
        Prefix = 'x';
      } else if (L == 'o') {
        ++Cur;
        Base = 8;
        Prefix = 'o';
      } else if (L == 'b') {
        ++Cur;
        Base = 2;
        Prefix = 'b';
      } else {
        Base = 8;
        Prefix = '0';
        DigSep = 1; // the leading 0
      }
    }
    DigSep |= Digits(Base);
    if (Cur < BufEnd && *Cur == '.') {
      if (Prefix == 'o' || Prefix == 'b')
        Diags.report(loc(Cur), diag::err_invalid_radix_point)
            << litName(Prefix);
      ++Cur;
      SeenPoint = true;
    }
  } else {
    ++Cur; // '.'
    SeenPoint = true;
  }
  if (SeenPoint) {
    K = tok::float_literal;
    DigSep |= Digits(Base);
  }
  if ((DigSep & 1) == 0)
    Diags.report(loc(Cur), diag::err_no_digits) << litName(Prefix);

  char E = Cur < BufEnd ? lower(*Cur) : 0;
  if (E == 'e' || E == 'p') {
    if (E == 'e' && Prefix != 0 && Prefix != '0')
      Diags.report(loc(Cur), diag::err_syntax)
          << "'e' exponent requires decimal mantissa";
    else if (E == 'p' && Prefix != 'x')
      Diags.report(loc(Cur), diag::err_syntax)
          << "'p' exponent requires hexadecimal mantissa";
    ++Cur;
    K = tok::float_literal;
    if (Cur < BufEnd && (*Cur == '+' || *Cur == '-'))
      ++Cur;
    int DS = Digits(10);
    DigSep |= DS;
    if ((DS & 1) == 0)
      error(Cur, diag::err_exponent_no_digits);
  } else if (Prefix == 'x' && K == tok::float_literal) {
    error(Cur, diag::err_hex_mantissa_exponent);
  }
  if (Cur < BufEnd && *Cur == 'i') {
    K = tok::imaginary_literal;
    ++Cur;
  }
  if (K == tok::int_literal && Invalid) {
    Diags.report(loc(Invalid), diag::err_invalid_digit)
        << (std::string("'") + *Invalid + "'") << litName(Prefix);
  }
  if (DigSep & 2) {
    int I = invalidSep(llvm::StringRef(Start, Cur - Start));
    if (I >= 0)
      error(Start + I, diag::err_underscore_separator);
  }
  return K;
}

bool Lexer::lexEscape(char Quote) {
  // Cur is just past the backslash.
  if (Cur >= BufEnd) {
    error(Cur, diag::err_escape_not_terminated);
    return false;
  }
  char C = *Cur;
  int N = 0;
  uint32_t Base = 0, Max = 0;
  const char *Kind = "";
  switch (C) {
  case 'a':
  case 'b':
  case 'f':
  case 'n':
  case 'r':
  case 't':
  case 'v':
  case '\\':
    ++Cur;
    return true;
  case '0':
  case '1':
  case '2':
  case '3':
  case '4':
  case '5':
  case '6':
  case '7':
    N = 3, Base = 8, Max = 255, Kind = "octal";
    break;
  case 'x':
    ++Cur;
    N = 2, Base = 16, Max = 255, Kind = "hexadecimal";
    break;
  case 'u':
    ++Cur;
    N = 4, Base = 16, Max = 0x10FFFF, Kind = "Unicode";
    break;
  case 'U':
    ++Cur;
    N = 8, Base = 16, Max = 0x10FFFF, Kind = "Unicode";
    break;
  default:
    if (C == Quote) {
      ++Cur;
      return true;
    }
    error(Cur, diag::err_unknown_escape);
    return false;
  }
  uint32_t X = 0;
  for (int I = 0; I < N; ++I) {
    if (Cur >= BufEnd) {
      error(Cur, diag::err_escape_not_terminated);
      return false;
    }
    char D = *Cur;
    unsigned V = 16;
    if (isDecimal(D))
      V = D - '0';
    else if (lower(D) >= 'a' && lower(D) <= 'f')
      V = lower(D) - 'a' + 10;
    if (V >= Base) {
      std::string Desc;
      if ((unsigned char)D >= 0x20 && (unsigned char)D < 0x7f)
        Desc = std::string("'") + D + "'";
      else {
        char Buf[16];
        snprintf(Buf, sizeof(Buf), "U+%04X", (unsigned)(unsigned char)D);
        Desc = Buf;
      }
      if (D == Quote || D == '\n')
        error(Cur, diag::err_escape_not_terminated);
      else
        Diags.report(loc(Cur), diag::err_escape_invalid_digit) << Desc << Kind;
      return false;
    }
    X = X * Base + V;
    ++Cur;
  }
  if (X > Max && Base == 8) {
    Diags.report(loc(Cur), diag::err_octal_escape_range) << uint64_t(X);
    return false;
  }
  if (X > Max || (X >= 0xD800 && X < 0xE000)) {
    char Buf[16];
    snprintf(Buf, sizeof(Buf), "U+%04X", X);
    Diags.report(loc(Cur), diag::err_escape_out_of_range) << Buf;
    return false;
  }
  return true;
}

void Lexer::lexString() {
  const char *Start = Cur - 1;
  while (true) {
    if (Cur >= BufEnd) {
      error(Start, diag::err_string_not_terminated);
      return;
    }
    char C = *Cur;
    if (C == '"') {
      ++Cur;
      return;
    }
    if (C == '\n') {
      error(Cur, diag::err_newline_in_string);
      return;
    }
    if (C == '\\') {
      ++Cur;
      lexEscape('"');
      continue;
    }
    skipLiteralChar();
  }
}

/// Steps over one character of a string literal's body, reporting NUL bytes
/// and invalid UTF-8 where they stand.
void Lexer::skipLiteralChar() {
  auto C = static_cast<unsigned char>(*Cur);
  if (C == 0) {
    error(Cur, diag::err_nul_char);
    ++Cur;
    return;
  }
  if (C >= 0x80) {
    uint32_t CP;
    unsigned L = decodeUTF8(Cur, CP);
    if (!L) {
      error(Cur, diag::err_invalid_utf8);
      ++Cur;
      return;
    }
    Cur += L;
    return;
  }
  ++Cur;
}

void Lexer::lexRawString() {
  const char *Start = Cur - 1;
  while (true) {
    if (Cur >= BufEnd) {
      error(Start, diag::err_raw_string_not_terminated);
      return;
    }
    char C = *Cur;
    if (C == '`') {
      ++Cur;
      return;
    }
    skipLiteralChar();
  }
}

void Lexer::lexRune() {
  const char *Start = Cur - 1;
  unsigned N = 0;
  bool OK = true;
  while (true) {
    if (Cur >= BufEnd) {
      if (OK)
        error(Start, diag::err_rune_not_terminated);
      return;
    }
    char C = *Cur;
    if (C == '\'') {
      if (OK) {
        if (N == 0)
          error(Start + 1, diag::err_empty_rune);
        else if (N != 1)
          error(Start, diag::err_rune_too_long);
      }
      ++Cur;
      return;
    }
    if (C == '\n') {
      if (OK)
        Diags.report(loc(Cur), diag::err_syntax) << "newline in rune literal";
      return;
    }
    ++N;
    if (C == '\\') {
      ++Cur;
      if (!lexEscape('\''))
        OK = false;
      continue;
    }
    if (C == 0) {
      error(Cur, diag::err_nul_char);
      OK = false;
      ++Cur;
      continue;
    }
    if ((unsigned char)C >= 0x80) {
      uint32_t CP;
      unsigned L = decodeUTF8(Cur, CP);
      if (!L) {
        error(Cur, diag::err_invalid_utf8);
        OK = false;
        ++Cur;
        continue;
      }
      Cur += L;
      continue;
    }
    ++Cur;
  }
}

//===----------------------------------------------------------------------===//
// Literal decoding
//===----------------------------------------------------------------------===//

bool Lexer::decodeInt(llvm::StringRef Text, llvm::APInt &Result) {
  std::string Digits;
  for (char C : Text)
    if (C != '_')
      Digits += C;
  llvm::StringRef S(Digits);
  unsigned Radix = 10;
  if (S.size() >= 2 && S[0] == '0') {
    char L = lower(S[1]);
    if (L == 'x')
      Radix = 16, S = S.drop_front(2);
    else if (L == 'o')
      Radix = 8, S = S.drop_front(2);
    else if (L == 'b')
      Radix = 2, S = S.drop_front(2);
    else
      Radix = 8, S = S.drop_front(1);
  }
  if (S.empty()) {
    Result = llvm::APInt(64, 0);
    return Radix == 8; // "0"
  }
  // Bits needed: at most 4 per digit; keep one sign bit spare.
  llvm::APInt V;
  if (S.getAsInteger(Radix, V))
    return false;
  Result = V.zext(V.getBitWidth() + 1);
  return true;
}

bool Lexer::decodeFloat(llvm::StringRef Text, llvm::APFloat &Result) {
  std::string Clean;
  for (char C : Text)
    if (C != '_')
      Clean += C;
  llvm::APFloat F(llvm::APFloat::IEEEquad());
  auto St = F.convertFromString(Clean, llvm::APFloat::rmNearestTiesToEven);
  if (!St) {
    llvm::consumeError(St.takeError());
    return false;
  }
  Result = F;
  return true;
}

static void appendUTF8(std::string &Out, uint32_t CP) {
  char Buf[8];
  char *P = Buf;
  if (!llvm::ConvertCodePointToUTF8(CP, P))
    return;
  Out.append(Buf, P);
}

/// Decodes the escape at S[I] (just past '\'); advances I.
static bool decodeEscape(llvm::StringRef S, size_t &I, std::string &Out,
                         uint32_t *RuneOut) {
  if (I >= S.size())
    return false;
  char C = S[I++];
  auto Emit = [&](uint32_t V, bool IsByte) {
    if (RuneOut)
      *RuneOut = V;
    else if (IsByte)
      Out += char(V);
    else
      appendUTF8(Out, V);
  };
  switch (C) {
  case 'a':
    Emit('\a', true);
    return true;
  case 'b':
    Emit('\b', true);
    return true;
  case 'f':
    Emit('\f', true);
    return true;
  case 'n':
    Emit('\n', true);
    return true;
  case 'r':
    Emit('\r', true);
    return true;
  case 't':
    Emit('\t', true);
    return true;
  case 'v':
    Emit('\v', true);
    return true;
  case '\\':
  case '\'':
  case '"':
    Emit(uint32_t(C), true);
    return true;
  default:
    break;
  }
  unsigned N, Base;
  bool IsByte = true;
  if (C >= '0' && C <= '7') {
    N = 3, Base = 8;
    --I;
  } else if (C == 'x') {
    N = 2, Base = 16;
  } else if (C == 'u') {
    N = 4, Base = 16, IsByte = false;
  } else if (C == 'U') {
    N = 8, Base = 16, IsByte = false;
  } else {
    return false;
  }
  if (I + N > S.size())
    return false;
  unsigned V = 0;
  if (S.substr(I, N).getAsInteger(Base, V))
    return false;
  I += N;
  Emit(V, IsByte);
  return true;
}

bool Lexer::decodeString(llvm::StringRef Text, std::string &Result) {
  Result.clear();
  if (Text.size() < 2)
    return false;
  if (Text.front() == '`') {
    for (char C : Text.drop_front().drop_back())
      if (C != '\r')
        Result += C;
    return true;
  }
  llvm::StringRef S = Text.drop_front().drop_back();
  for (size_t I = 0; I < S.size();) {
    if (S[I] != '\\') {
      Result += S[I++];
      continue;
    }
    ++I;
    if (!decodeEscape(S, I, Result, nullptr))
      return false;
  }
  return true;
}

bool Lexer::decodeRune(llvm::StringRef Text, uint32_t &Result) {
  if (Text.size() < 3)
    return false;
  llvm::StringRef S = Text.drop_front().drop_back();
  if (S[0] == '\\') {
    size_t I = 1;
    std::string Dummy;
    return decodeEscape(S, I, Dummy, &Result) && I == S.size();
  }
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(S.data());
  unsigned Len = llvm::getNumBytesForUTF8(*P);
  if (Len != S.size())
    return false;
  llvm::UTF32 Out;
  llvm::UTF32 *OutP = &Out;
  if (llvm::ConvertUTF8toUTF32(&P, P + Len, &OutP, OutP + 1,
                               llvm::strictConversion) != llvm::conversionOK)
    return false;
  Result = Out;
  return true;
}
