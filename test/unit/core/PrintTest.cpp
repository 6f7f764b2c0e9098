//===- PrintTest.cpp - The print/println builtins write Go's formats ------===//
//
// Expectations are Go 1.19's stderr for the quoted program lines.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <unistd.h>

using namespace coretest;

namespace {

template <typename Fn> std::string stderrOf(Fn F) {
  testing::internal::CaptureStderr();
  F();
  return testing::internal::GetCapturedStderr();
}

} // namespace

// print(1.5, " ", -0.1, " ", 0.0, " ", math.Copysign(0, -1), " ", 1e100,
//   " ", 123456789.0, " ", math.NaN(), " ", math.Inf(1), " ", math.Inf(-1),
//   " ", 5e-324, " ", float32(0.1), "\n")
// print(9.999999999, " ", 0.99999999, "\n")
TEST(Print, Floats) {
  std::string Out = stderrOf([] {
    for (double D : {1.5, -0.1, 0.0, -0.0, 1e100, 123456789.0, double(NAN),
                     double(INFINITY), -double(INFINITY), 5e-324, double(0.1f),
                     9.999999999, 0.99999999}) {
      printfloat(D);
      printsp();
    }
  });
  EXPECT_EQ(Out, "+1.500000e+000 -1.000000e-001 +0.000000e+000 "
                 "-0.000000e+000 +1.000000e+100 +1.234568e+008 NaN +Inf -Inf "
                 "+4.940656e-324 +1.000000e-001 +1.000000e+001 "
                 "+1.000000e+000 ");
}

// The print builtin does not convert exactly: these are values whose printed
// digits differ from the correctly rounded ones, as Go 1.19 prints them.
// for _, b := range []uint64{0x4020f92d01c0ca60, 0x40b979d51eb851ec,
//     0x40846ad72474538f, 0x41827af208000000, 0x3fddfdde1c806947,
//     0x411e0c9d00000000} { print(math.Float64frombits(b), " ") }
// print(float32(3.4028235e38), " ", 1e-310, " ", 1.7976931348623157e308)
TEST(Print, FloatsDigitsAsGoComputesThem) {
  std::string Out = stderrOf([] {
    for (uint64_t Bits : {0x4020f92d01c0ca60ull, 0x40b979d51eb851ecull,
                          0x40846ad72474538full, 0x41827af208000000ull,
                          0x3fddfdde1c806947ull, 0x411e0c9d00000000ull}) {
      double D;
      std::memcpy(&D, &Bits, sizeof(D));
      printfloat(D);
      printsp();
    }
    printfloat(double(3.4028235e38f));
    printsp();
    printfloat(1e-310);
    printsp();
    printfloat(1.7976931348623157e308);
  });
  EXPECT_EQ(Out, "+8.486672e+000 +6.521832e+003 +6.533550e+002 "
                 "+3.875591e+007 +4.686198e-001 +4.923273e+005 "
                 "+3.402823e+038 +1.000000e-310 +1.797693e+308");
}

// print(-5, " ", int64(math.MinInt64), " ", uint64(math.MaxUint64), " ",
//   true, " ", false, "\n")
// println(1, "a", 2.5, true); println()
TEST(Print, IntsBoolsStrings) {
  std::string Out = stderrOf([] {
    printint(-5);
    printsp();
    printint(INT64_MIN);
    printsp();
    printuint(UINT64_MAX);
    printsp();
    printbool(true);
    printsp();
    printbool(false);
    printnl();
    printint(1);
    printsp();
    printstring(str("a"));
    printsp();
    printfloat(2.5);
    printsp();
    printbool(true);
    printnl();
    printnl();
  });
  EXPECT_EQ(Out, "-5 -9223372036854775808 18446744073709551615 true false\n"
                 "1 a +2.500000e+000 true\n\n");
}

// var p *int; println(p)  ->  0x0; slices print as [len/cap]0xaddr.
TEST(Print, PointersAndSlices) {
  EXPECT_EQ(stderrOf([] { printpointer(nullptr); }), "0x0");
  EXPECT_EQ(
      stderrOf([] { printpointer(reinterpret_cast<void *>(0xc000012345)); }),
      "0xc000012345");
  EXPECT_EQ(stderrOf([] {
              printslice(reinterpret_cast<void *>(0xc00001c030), 2, 4);
            }),
            "[2/4]0xc00001c030");
}

// fmt.Print("a"); print(1); fmt.Print("b") with 2>&1 shows "a1b", as in Go
// (whose stdout is unbuffered): stderr output flushes stdout first.
TEST(PrintDeathTest, InterleavesWithStdout) {
  EXPECT_EXIT(
      {
        ::dup2(2, 1);
        Eface A[] = {S("a")};
        fmt_Print(A, 1);
        printint(1);
        A[0] = S("b");
        fmt_Print(A, 1);
        os_Exit(0);
      },
      testing::ExitedWithCode(0), "^a1b$");
}
