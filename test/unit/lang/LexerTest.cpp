//===- LexerTest.cpp - tokens, semicolon insertion, literals --------------===//

#include "gm/lang/Lex/Lexer.h"
#include "LangTestUtil.h"
#include "gtest/gtest.h"

using namespace gm::lang;
using namespace gm::lang::test;

namespace {

std::vector<Token> lexAll(Source &S) {
  Lexer L(S.SM, S.SM.getMainFileID(), S.Diags);
  std::vector<Token> Toks;
  for (unsigned I = 0; I < 10000; ++I) {
    Token T = L.lex();
    Toks.push_back(T);
    if (T.is(tok::eof))
      break;
  }
  return Toks;
}

std::string kinds(llvm::StringRef Text) {
  Source S(Text);
  std::string Out;
  for (const Token &T : lexAll(S)) {
    if (!Out.empty())
      Out += ' ';
    Out += tok::getName(T.Kind);
  }
  return Out;
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(kinds("&^= <<= >>= &^ && || <- ++ -- := ..."),
            "ampcaretequal shlequal shrequal ampcaret ampamp pipepipe arrow "
            "plusplus minusminus colonequal ellipsis eof");
}

TEST(LexerTest, Keywords) {
  EXPECT_EQ(kinds("func map range fallthrough x"),
            "kw_func kw_map kw_range kw_fallthrough identifier semi eof");
}

TEST(LexerTest, SemicolonInsertion) {
  // After identifiers, literals, ) ] }, ++ --, break/continue/return/
  // fallthrough, but not after operators.
  EXPECT_EQ(kinds("x\ny"), "identifier semi identifier semi eof");
  EXPECT_EQ(kinds("x +\ny"), "identifier plus identifier semi eof");
  EXPECT_EQ(kinds("f()\n"), "identifier l_paren r_paren semi eof");
  EXPECT_EQ(kinds("return\n"), "kw_return semi eof");
  EXPECT_EQ(kinds("i++\n"), "identifier plusplus semi eof");
  EXPECT_EQ(kinds("a[1]\n}"),
            "identifier l_square int_literal r_square semi r_brace semi eof");
  EXPECT_EQ(kinds("func\n"), "kw_func eof");
}

TEST(LexerTest, SemicolonTextAndComments) {
  Source S("x // c\ny /* a\nb */ z /* c */\n");
  auto Toks = lexAll(S);
  ASSERT_GE(Toks.size(), 6u);
  EXPECT_TRUE(Toks[1].is(tok::semi));
  EXPECT_EQ(Toks[1].Text, "\n");
  EXPECT_TRUE(Toks[1].isAutoSemi());
  // A general comment spanning lines acts as a newline.
  EXPECT_TRUE(Toks[3].is(tok::semi));
  EXPECT_TRUE(Toks[4].is(tok::identifier));
  EXPECT_EQ(Toks[4].Text, "z");
  EXPECT_TRUE(Toks[5].is(tok::semi));
  // At EOF the inserted semicolon has empty text.
  Source S2("x");
  auto T2 = lexAll(S2);
  EXPECT_TRUE(T2[1].is(tok::semi));
  EXPECT_EQ(T2[1].Text, "");
}

TEST(LexerTest, NumericLiteralForms) {
  EXPECT_EQ(kinds("42 0x_1F 0o17 017 0b1011 1_000_000"),
            "int_literal int_literal int_literal int_literal int_literal "
            "int_literal semi eof");
  EXPECT_EQ(kinds("1.5 .5 1. 1e10 1E-3 0x1p-2 0X1.8P+1 1_0.2_5"),
            "float_literal float_literal float_literal float_literal "
            "float_literal float_literal float_literal float_literal semi eof");
  EXPECT_EQ(kinds("1i"), "imaginary_literal semi eof");
}

TEST(LexerTest, DecodeInt) {
  llvm::APInt V;
  ASSERT_TRUE(Lexer::decodeInt("0x_1F", V));
  EXPECT_EQ(V.getZExtValue(), 31u);
  ASSERT_TRUE(Lexer::decodeInt("0o17", V));
  EXPECT_EQ(V.getZExtValue(), 15u);
  ASSERT_TRUE(Lexer::decodeInt("017", V));
  EXPECT_EQ(V.getZExtValue(), 15u);
  ASSERT_TRUE(Lexer::decodeInt("0b1011", V));
  EXPECT_EQ(V.getZExtValue(), 11u);
  ASSERT_TRUE(Lexer::decodeInt("1_000_000", V));
  EXPECT_EQ(V.getZExtValue(), 1000000u);
  ASSERT_TRUE(Lexer::decodeInt("0", V));
  EXPECT_EQ(V.getZExtValue(), 0u);
  ASSERT_TRUE(Lexer::decodeInt("18446744073709551616", V)); // 2^64
  EXPECT_EQ(V.getActiveBits(), 65u);
}

TEST(LexerTest, DecodeFloat) {
  llvm::APFloat F(0.0);
  ASSERT_TRUE(Lexer::decodeFloat("0x1p-2", F));
  bool LosesInfo;
  F.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &LosesInfo);
  EXPECT_EQ(F.convertToDouble(), 0.25);
  ASSERT_TRUE(Lexer::decodeFloat("1_0.2_5", F));
  F.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &LosesInfo);
  EXPECT_EQ(F.convertToDouble(), 10.25);
}

/// The diagnostics of lexing Text to the end, one per line.
static std::string lexMessages(llvm::StringRef Text) {
  Source S(Text);
  lexAll(S);
  return S.messages();
}

TEST(LexerTest, NumericLiteralErrors) {
  EXPECT_EQ(lexMessages("08"), "invalid digit '8' in octal literal\n");
  EXPECT_EQ(lexMessages("0x"), "hexadecimal literal has no digits\n");
  EXPECT_EQ(lexMessages("1__0"), "'_' must separate successive digits\n");
  EXPECT_EQ(lexMessages("0b12"), "invalid digit '2' in binary literal\n");
  EXPECT_EQ(lexMessages("0x1.5"),
            "hexadecimal mantissa requires a 'p' exponent\n");
  EXPECT_EQ(lexMessages("1e"), "exponent has no digits\n");
  EXPECT_EQ(lexMessages("0o1.2"), "invalid radix point in octal literal\n");
  EXPECT_EQ(lexMessages("1.5e3 0x1p4 09.5"), ""); // 09.5 is a valid float
}

TEST(LexerTest, Escapes) {
  std::string S;
  ASSERT_TRUE(
      Lexer::decodeString(R"("a\tb\n\\\"\x41\101\u00e9\U0001F600")", S));
  EXPECT_EQ(S, "a\tb\n\\\"AA\xC3\xA9\xF0\x9F\x98\x80");
  ASSERT_TRUE(Lexer::decodeString("`raw\\n\r\nx`", S));
  EXPECT_EQ(S, "raw\\n\nx"); // carriage returns are dropped
  uint32_t R;
  ASSERT_TRUE(Lexer::decodeRune("'\\''", R));
  EXPECT_EQ(R, uint32_t('\''));
  ASSERT_TRUE(Lexer::decodeRune("'é'", R));
  EXPECT_EQ(R, 0xE9u);
  ASSERT_TRUE(Lexer::decodeRune("'\\xff'", R));
  EXPECT_EQ(R, 0xFFu);
}

TEST(LexerTest, StringAndRuneErrors) {
  EXPECT_EQ(lexMessages(R"("\q")"), "unknown escape\n");
  EXPECT_EQ(lexMessages("'ab'"), "more than one character in rune literal\n");
  EXPECT_EQ(lexMessages("''"), "empty rune literal or unescaped '\n");
  EXPECT_EQ(lexMessages(R"("\xZZ")"),
            "invalid character 'Z' in hexadecimal escape\n");
  EXPECT_EQ(lexMessages(R"("\400")"), "octal escape value 256 > 255\n");
  EXPECT_EQ(lexMessages(R"("\U00110000")"),
            "escape is invalid Unicode code point U+110000\n");
  EXPECT_EQ(lexMessages("\"abc\n"), "newline in string\n");
  EXPECT_EQ(lexMessages("`abc"), "raw string literal not terminated\n");
  EXPECT_EQ(lexMessages("/* abc"), "comment not terminated\n");
  EXPECT_EQ(lexMessages(R"("\'")"), "unknown escape\n");
  EXPECT_EQ(lexMessages(R"('\"')"), "unknown escape\n");
}

TEST(LexerTest, InvalidInput) {
  EXPECT_EQ(lexMessages(llvm::StringRef("x\0y", 3)), "invalid NUL character\n");
  EXPECT_EQ(lexMessages("x \xff y"), "invalid UTF-8 encoding\n");
  EXPECT_EQ(lexMessages("\"\xc3\""), "invalid UTF-8 encoding\n");
  EXPECT_EQ(lexMessages("// \xff\n"), "invalid UTF-8 encoding\n");
  EXPECT_EQ(lexMessages("x \x01"), "invalid character U+0001\n");
  EXPECT_EQ(lexMessages("\xEF\xBB\xBFx"), ""); // leading BOM is fine
  EXPECT_EQ(lexMessages("x\xEF\xBB\xBF"),
            "invalid BOM in the middle of the file\n");
  EXPECT_EQ(lexMessages("héllo := 1"), ""); // Unicode identifiers
}

TEST(LexerTest, UnicodeIdentifiers) {
  // Letters of any script, and digits after the first character.
  EXPECT_EQ(lexMessages("ü π 日本 ǅ x٣ _٣"), "");
  EXPECT_EQ(kinds("a€b"), "identifier semi eof");
  EXPECT_EQ(lexMessages("a€b"), "invalid character U+20AC '€' in identifier\n");
  EXPECT_EQ(lexMessages("€"), "invalid character U+20AC '€' in identifier\n");
  EXPECT_EQ(lexMessages("٣x"),
            "identifier cannot begin with digit U+0663 '٣'\n");
  // Letter numbers and combining marks are not letters in Go.
  EXPECT_EQ(lexMessages("ⅷ"), "invalid character U+2177 'ⅷ' in identifier\n");
  EXPECT_EQ(lexMessages("e\u0301"),
            "invalid character U+0301 '\u0301' in identifier\n");
  // Not printable for Go: no quoted character.
  EXPECT_EQ(lexMessages("a\u00A0b"),
            "invalid character U+00A0 in identifier\n");
  EXPECT_EQ(lexMessages("a\u200Bb"),
            "invalid character U+200B in identifier\n");
}

} // namespace
