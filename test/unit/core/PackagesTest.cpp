//===- PackagesTest.cpp - strconv, sort, strings, os ----------------------===//
//
// Expectations are Go 1.19's output for the quoted Go code.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include <gtest/gtest.h>

#include <climits>
#include <unistd.h>

using namespace coretest;

// fmt.Println(strconv.Quote("hi\n\"x\"\\ \x01 日本 \xff \u2028 \U0010ffff
// \u00a0"))
TEST(Strconv, Quote) {
  EXPECT_EQ(toStd(strconv_Quote(str("hi\n\"x\"\\ \x01 \xE6\x97\xA5\xE6\x9C\xAC "
                                    "\xff \xE2\x80\xA8 \xF4\x8F\xBF\xBF "
                                    "\xC2\xA0"))),
            "\"hi\\n\\\"x\\\"\\\\ \\x01 \xE6\x97\xA5\xE6\x9C\xAC \\xff "
            "\\u2028 \\U0010ffff \\u00a0\"");
  EXPECT_EQ(toStd(strconv_Quote(str(""))), "\"\"");
}

// s := []string{"b", "", "ab", "a", "B", "é"}; sort.Strings(s)
// fmt.Printf("%q\n", s)  ->  ["" "B" "a" "ab" "b" "é"]
TEST(Sort, Strings) {
  GoString S[] = {str("b"), str(""),  str("ab"),
                  str("a"), str("B"), str("\xC3\xA9")};
  sort_Strings(S, 6, 6);
  std::vector<std::string> Got;
  for (GoString G : S)
    Got.push_back(toStd(G));
  EXPECT_EQ(Got,
            (std::vector<std::string>{"", "B", "a", "ab", "b", "\xC3\xA9"}));
}

// n := []int{5, -1, 3, math.MaxInt64, math.MinInt64, 0}; sort.Ints(n)
TEST(Sort, Ints) {
  int64_t N[] = {5, -1, 3, INT64_MAX, INT64_MIN, 0};
  sort_Ints(N, 6, 6);
  EXPECT_EQ(std::vector<int64_t>(N, N + 6),
            (std::vector<int64_t>{INT64_MIN, -1, 0, 3, 5, INT64_MAX}));
}

// The runtime's helpers of gm's package strings (runtime/std/strings).
TEST(Strings, IndexByteAndBytesToString) {
  EXPECT_EQ(strings_indexByte(str("chicken"), 'k'), 4);
  EXPECT_EQ(strings_indexByte(str("chicken"), 'x'), -1);
  EXPECT_EQ(strings_indexByte(str(""), 'a'), -1);
  // Only the low byte counts: gm passes a byte widened to int.
  EXPECT_EQ(strings_indexByte(str("a\xff"
                                  "b"),
                              0x1ff),
            1);
  uint8_t Bytes[] = {'g', 'm', '!'};
  GoString S = strings_bytesToString(Bytes, 2, 3);
  EXPECT_EQ(S.Data, Bytes); // shared, not copied
  EXPECT_EQ(toStd(S), "gm");
}

// fmt.Print("out"); os.Exit(3): stdout is flushed, the status is 3. (stdout
// is sent to stderr so that the death test can see it.)
TEST(OsDeathTest, ExitFlushesStdout) {
  EXPECT_EXIT(
      {
        ::dup2(2, 1);
        Eface Args[] = {S("out")};
        fmt_Print(Args, 1);
        os_Exit(3);
      },
      testing::ExitedWithCode(3), "^out$");
  // os.Exit(0)
  EXPECT_EXIT(os_Exit(0), testing::ExitedWithCode(0), "");
}
