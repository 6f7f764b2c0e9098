//===- StringTest.cpp - String runtime: concat, compare, conversions ------===//
//
// Expectations are Go 1.19's results for the quoted Go expressions.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include <gtest/gtest.h>

using namespace coretest;

TEST(String, Concat) {
  EXPECT_EQ(toStd(concatstring2(str("foo"), str("bar"))), "foobar");
  EXPECT_EQ(toStd(concatstring2(str(""), str("bar"))), "bar");
  EXPECT_EQ(toStd(concatstring2(str("foo"), str(""))), "foo");
  EXPECT_EQ(concatstring2(str(""), str("")).Len, 0);
}

TEST(String, Compare) {
  EXPECT_EQ(cmpstring(str("a"), str("b")), -1);
  EXPECT_EQ(cmpstring(str("b"), str("a")), 1);
  EXPECT_EQ(cmpstring(str("ab"), str("ab")), 0);
  EXPECT_EQ(cmpstring(str("ab"), str("abc")), -1);
  EXPECT_EQ(cmpstring(str(""), str("")), 0);
  // Bytes compare unsigned: "\xff" > "a".
  EXPECT_EQ(cmpstring(str("\xff"), str("a")), 1);
}

TEST(String, IntString) {
  // fmt.Printf("%q %q %q\n", string(rune(65)), string(rune(-1)),
  //            string(rune(0x10FFFF)))  ->  "A" "�" "\U0010ffff"
  EXPECT_EQ(toStd(intstring(65)), "A");
  EXPECT_EQ(toStd(intstring(-1)), "\xEF\xBF\xBD");
  EXPECT_EQ(toStd(intstring(0x10FFFF)), "\xF4\x8F\xBF\xBF");
  EXPECT_EQ(toStd(intstring(0xD800)), "\xEF\xBF\xBD");
  EXPECT_EQ(toStd(intstring(int64_t(1) << 32 | 65)), "\xEF\xBF\xBD");
  EXPECT_EQ(toStd(intstring(0x4e16)), "\xE4\xB8\x96");
}

// A result that does not escape is built in gmc's frame buffer when it
// fits, with Go's capacity (32), the rest of the buffer cleared.
TEST(String, ConversionsIntoFrameBuffer) {
  uint8_t Buf[gm::abi::TmpBufElems];
  std::memset(Buf, 0xAA, sizeof(Buf));
  GoSlice Out;
  stringtoslicebyte(&Out, Buf, str("hi"));
  EXPECT_EQ(Out.Data, Buf);
  EXPECT_EQ(Out.Len, 2);
  EXPECT_EQ(Out.Cap, gm::abi::TmpBufElems);
  EXPECT_EQ(Buf[31], 0);
  stringtoslicebyte(&Out, Buf, str(std::string(33, 'x')));
  EXPECT_NE(Out.Data, Buf); // too long: the heap, size-class capacity
  EXPECT_EQ(Out.Cap, 48);
  int32_t Runes[gm::abi::TmpBufElems];
  stringtoslicerune(&Out, Runes, str("h\xC3\xA9"));
  EXPECT_EQ(Out.Data, Runes);
  EXPECT_EQ(Out.Len, 2);
  EXPECT_EQ(Runes[1], 0xE9);
  GoString S =
      slicebytetostring(Buf, reinterpret_cast<const uint8_t *>("ok"), 2);
  EXPECT_EQ(S.Data, Buf);
  EXPECT_EQ(toStd(S), "ok");
}

TEST(String, Conversions) {
  const uint8_t Bytes[] = {'h', 'i'};
  EXPECT_EQ(toStd(slicebytetostring(nullptr, Bytes, 2)), "hi");
  EXPECT_EQ(slicebytetostring(nullptr, nullptr, 0).Len, 0);

  // string([]rune{0x41, -1, 0xD800, 0x10FFFF, 0x110000})
  //   -> "A��\U0010ffff�"
  const int32_t Runes[] = {0x41, -1, 0xD800, 0x10FFFF, 0x110000};
  EXPECT_EQ(toStd(slicerunetostring(nullptr, Runes, 5)),
            "A\xEF\xBF\xBD\xEF\xBF\xBD\xF4\x8F\xBF\xBF\xEF\xBF\xBD");

  // []byte(s) gets its capacity rounded to the size class (33 -> 48).
  GoSlice Out;
  stringtoslicebyte(&Out, nullptr, str(std::string(33, 'x')));
  EXPECT_EQ(Out.Len, 33);
  EXPECT_EQ(Out.Cap, 48);
  EXPECT_EQ(static_cast<char *>(Out.Data)[32], 'x');

  // r := []rune("a\xffé\xe2\x82"); fmt.Println(r, len(r))
  //   -> [97 65533 233 65533 65533] 5
  stringtoslicerune(&Out, nullptr, str("a\xff\xC3\xA9\xE2\x82"));
  ASSERT_EQ(Out.Len, 5);
  EXPECT_EQ(Out.Cap, 6); // 20 bytes -> 24-byte size class.
  auto *R = static_cast<int32_t *>(Out.Data);
  EXPECT_EQ(std::vector<int32_t>(R, R + 5),
            (std::vector<int32_t>{97, 65533, 233, 65533, 65533}));
}

// for i, c := range "a\xffé\xe2\x82\xf0\x9f\x98\x80\xc0\x80" {
//   fmt.Print(i, ":", c, " ") }
// -> 0:97 1:65533 2:233 4:65533 5:65533 6:128512 10:65533 11:65533
TEST(String, DecodeRuneInvalidUTF8) {
  GoString S = str("a\xff\xC3\xA9\xE2\x82\xF0\x9F\x98\x80\xC0\x80");
  std::vector<std::pair<int64_t, int32_t>> Got;
  for (int64_t I = 0; I < S.Len;) {
    DecodeRuneResult R = decoderune(S, I);
    Got.push_back({I, R.Rune});
    I = R.Next;
  }
  EXPECT_EQ(Got, (std::vector<std::pair<int64_t, int32_t>>{{0, 97},
                                                           {1, 65533},
                                                           {2, 233},
                                                           {4, 65533},
                                                           {5, 65533},
                                                           {6, 128512},
                                                           {10, 65533},
                                                           {11, 65533}}));
}

TEST(String, DecodeRuneEdgeCases) {
  auto Decode = [](const char *Bytes, size_t Len) {
    DecodeRuneResult R =
        decoderune({reinterpret_cast<const uint8_t *>(Bytes), int64_t(Len)}, 0);
    return std::make_pair(R.Rune, R.Next);
  };
  using RW = std::pair<int32_t, int64_t>;
  EXPECT_EQ(Decode("\xED\xA0\x80", 3), RW(0xFFFD, 1));     // Surrogate.
  EXPECT_EQ(Decode("\xE0\x80\x80", 3), RW(0xFFFD, 1));     // Overlong.
  EXPECT_EQ(Decode("\xF4\x90\x80\x80", 4), RW(0xFFFD, 1)); // > U+10FFFF.
  EXPECT_EQ(Decode("\xF4\x8F\xBF\xBF", 4), RW(0x10FFFF, 4));
  EXPECT_EQ(Decode("\xEF\xBF\xBD", 3), RW(0xFFFD, 3)); // A real U+FFFD.
  EXPECT_EQ(Decode("\x80", 1), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xC2\x80", 2), RW(0x80, 2));
  EXPECT_EQ(Decode("\0", 1), RW(0, 1));
}

// Boundaries of each sequence length, with utf8.DecodeRuneInString's results:
// for _, s := range []string{"\xC0\x80", "\xC1\xBF", "\xC2", "\xDF\xBF",
//     "\xE0\xA0\x80", "\xE0\x9F\xBF", "\xED\x9F\xBF", "\xEE\x80\x80",
//     "\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80", "\xF5\x80\x80\x80",
//     "\xF8\x88\x80\x80\x80", "\xFF", "\xE2\x82a", "\xF0\x9F\x98"} {
//   r, n := utf8.DecodeRuneInString(s); fmt.Printf("%#x %d | ", r, n) }
TEST(String, DecodeRuneBoundaries) {
  auto Decode = [](const std::string &Bytes) {
    DecodeRuneResult R =
        decoderune({reinterpret_cast<const uint8_t *>(Bytes.data()),
                    int64_t(Bytes.size())},
                   0);
    return std::make_pair(R.Rune, R.Next);
  };
  using RW = std::pair<int32_t, int64_t>;
  EXPECT_EQ(Decode("\xC0\x80"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xC1\xBF"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xC2"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xDF\xBF"), RW(0x7FF, 2));
  EXPECT_EQ(Decode("\xE0\xA0\x80"), RW(0x800, 3));
  EXPECT_EQ(Decode("\xE0\x9F\xBF"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xED\x9F\xBF"), RW(0xD7FF, 3));
  EXPECT_EQ(Decode("\xEE\x80\x80"), RW(0xE000, 3));
  EXPECT_EQ(Decode("\xF0\x8F\xBF\xBF"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xF0\x90\x80\x80"), RW(0x10000, 4));
  EXPECT_EQ(Decode("\xF5\x80\x80\x80"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xF8\x88\x80\x80\x80"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xFF"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode(std::string("\xE2\x82") + "a"), RW(0xFFFD, 1));
  EXPECT_EQ(Decode("\xF0\x9F\x98"), RW(0xFFFD, 1));
}

// for _, r := range []rune{-1, 0xD800, 0x110000, 0x7FF, 0x800, 0xFFFF,
//     0x10000} { fmt.Printf("%q ", string(r)) }
// -> "\ufffd" "\ufffd" "\ufffd" "\u07ff" "\u0800" "\uffff" "\U00010000"
//    (as bytes: EF BF BD x3, DF BF, E0 A0 80, EF BF BF, F0 90 80 80)
TEST(String, EncodeRuneBoundaries) {
  EXPECT_EQ(toStd(intstring(-1)), "\xEF\xBF\xBD");
  EXPECT_EQ(toStd(intstring(0xD800)), "\xEF\xBF\xBD");
  EXPECT_EQ(toStd(intstring(0x110000)), "\xEF\xBF\xBD");
  EXPECT_EQ(toStd(intstring(0x7FF)), "\xDF\xBF");
  EXPECT_EQ(toStd(intstring(0x800)), "\xE0\xA0\x80");
  EXPECT_EQ(toStd(intstring(0xFFFF)), "\xEF\xBF\xBF");
  EXPECT_EQ(toStd(intstring(0x10000)), "\xF0\x90\x80\x80");
}
