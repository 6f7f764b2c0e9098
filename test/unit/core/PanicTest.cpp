//===- PanicTest.cpp - Panics: Go's messages, stdout first, exit status 2 -===//
//
// Each death test checks the first line Go 1.19 prints for the quoted Go
// code, the blank line and the goroutine header, and exit status 2.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

using namespace coretest;

namespace {

const char *const Trailer = "\n\ngoroutine 1 \\[running\\]:\n";

std::string panicRegex(const std::string &FirstLine) {
  return "^panic: " + FirstLine + Trailer;
}

// type T struct{ A, B int }
const StructFieldDesc TFields[] = {{"A", &IntT, 0, true},
                                   {"B", &IntT, 8, true}};
const TypeDesc TT = structOf("main.T", true, TFields, 2, 16);
const TypeDesc TPtrT = pointerTo(&TT, "*main.T");
const TypeDesc IntSliceT = sliceOf(&IntT, "[]int");
const TypeDesc MyBoolT = basic(TypeKind::Bool, 1, "main.MyBool", true);
const TypeDesc MyUint8T = basic(TypeKind::Uint8, 1, "main.MyUint8", true);

} // namespace

TEST(PanicDeathTest, PanicValues) {
  auto Code = testing::ExitedWithCode(2);
  // panic("boom")
  EXPECT_EXIT(gopanic(S("boom")), Code, panicRegex("boom"));
  // panic("multi\nline")
  EXPECT_EXIT(gopanic(S("multi\nline")), Code, panicRegex("multi\nline"));
  // panic(42); panic(int8(-3)); panic(uint(7))
  EXPECT_EXIT(gopanic(I(42)), Code, panicRegex("42"));
  EXPECT_EXIT(gopanic(I8(-3)), Code, panicRegex("-3"));
  EXPECT_EXIT(gopanic(U(7)), Code, panicRegex("7"));
  // panic(1.5); panic(float32(0.1))
  EXPECT_EXIT(gopanic(F64(1.5)), Code, panicRegex("\\+1\\.500000e\\+000"));
  EXPECT_EXIT(gopanic(F32(0.1f)), Code, panicRegex("\\+1\\.000000e-001"));
  // panic(true)
  EXPECT_EXIT(gopanic(B(true)), Code, panicRegex("true"));
  // panic(nil)  (Go 1.19)
  EXPECT_EXIT(gopanic(Nil()), Code, panicRegex("nil"));
  // type MyInt int; panic(MyInt(5))
  EXPECT_EXIT(gopanic(MyInt(5)), Code, panicRegex("main\\.MyInt\\(5\\)"));
  // type MyStr string; panic(MyStr("x"))
  EXPECT_EXIT(gopanic(MyStr("x")), Code, panicRegex("main\\.MyStr\\(\"x\"\\)"));
  // type MyFloat float64; panic(MyFloat(2))
  EXPECT_EXIT(gopanic(MyFloat(2)), Code,
              panicRegex("main\\.MyFloat\\(\\+2\\.000000e\\+000\\)"));
  // type MyBool bool; panic(MyBool(false)); type MyUint8 uint8
  EXPECT_EXIT(gopanic(ref(&MyBoolT, box(false))), Code,
              panicRegex("main\\.MyBool\\(false\\)"));
  EXPECT_EXIT(gopanic(ref(&MyUint8T, box(uint8_t(200)))), Code,
              panicRegex("main\\.MyUint8\\(200\\)"));
  // panic(T{1, 2})  ->  panic: (main.T) 0xc000018090
  EXPECT_EXIT(gopanic(ref(&TT, box(std::array<int64_t, 2>{1, 2}))), Code,
              panicRegex("\\(main\\.T\\) 0x[0-9a-f]+"));
  // panic(&T{1, 2})  ->  panic: (*main.T) 0xc000018090
  EXPECT_EXIT(gopanic(ref(&TPtrT, box(reinterpret_cast<void *>(0x1234)))), Code,
              panicRegex("\\(\\*main\\.T\\) 0x1234"));
  // panic([]int{1})  ->  panic: ([]int) 0xc0000a2000
  EXPECT_EXIT(gopanic(ref(&IntSliceT, box(sliceValue<int64_t>({1})))), Code,
              panicRegex("\\(\\[\\]int\\) 0x[0-9a-f]+"));
}

TEST(PanicDeathTest, RuntimeErrors) {
  auto Code = testing::ExitedWithCode(2);
  // s := []int{1, 2, 3}; i := 5; _ = s[i]
  EXPECT_EXIT(panicIndex(5, 3), Code,
              panicRegex("runtime error: index out of range \\[5\\] with "
                         "length 3"));
  // i := -1; _ = s[i]
  EXPECT_EXIT(panicIndex(-1, 3), Code,
              panicRegex("runtime error: index out of range \\[-1\\]"));
  // s := make([]int, 2); _ = (*[3]int)(s)
  EXPECT_EXIT(panicSliceConvert(3, 2), Code,
              panicRegex("runtime error: cannot convert slice with length 2 "
                         "to pointer to array with length 3"));
  // x := 0; _ = 1 / x
  EXPECT_EXIT(panicdivide(), Code,
              panicRegex("runtime error: integer divide by zero"));
  // n := -1; _ = 1 << n
  EXPECT_EXIT(panicshift(), Code,
              panicRegex("runtime error: negative shift amount"));
  EXPECT_EXIT(panicmem(), Code,
              panicRegex("runtime error: invalid memory address or nil "
                         "pointer dereference"));
  // s[1:j] with j := 5, len 3 ... one case per code, Go's wording.
  const char *const Expected[] = {
      "slice bounds out of range \\[:5\\] with length 3",
      "slice bounds out of range \\[:5\\] with capacity 3",
      "slice bounds out of range \\[5:3\\]",
      "slice bounds out of range \\[::5\\] with length 3",
      "slice bounds out of range \\[::5\\] with capacity 3",
      "slice bounds out of range \\[:5:3\\]",
      "slice bounds out of range \\[5:3:\\]",
  };
  for (int64_t Code2 = SliceAlen; Code2 <= Slice3C; ++Code2)
    EXPECT_EXIT(panicSliceBounds(Code2, 5, 3), Code,
                panicRegex(std::string("runtime error: ") + Expected[Code2]));
  // s[i:] with i := -1 and friends: negative x leaves out y.
  const char *const Negative[] = {
      "slice bounds out of range \\[:-1\\]",
      "slice bounds out of range \\[:-1\\]",
      "slice bounds out of range \\[-1:\\]",
      "slice bounds out of range \\[::-1\\]",
      "slice bounds out of range \\[::-1\\]",
      "slice bounds out of range \\[:-1:\\]",
      "slice bounds out of range \\[-1::\\]",
  };
  for (int64_t Code2 = SliceAlen; Code2 <= Slice3C; ++Code2)
    EXPECT_EXIT(panicSliceBounds(Code2, -1, 3), Code,
                panicRegex(std::string("runtime error: ") + Negative[Code2]));
}

TEST(PanicDeathTest, InternalInterface) {
  auto Code = testing::ExitedWithCode(2);
  // var m map[string]int; m["a"] = 1
  EXPECT_EXIT(panicPlainError("assignment to entry in nil map"), Code,
              panicRegex("assignment to entry in nil map"));
  EXPECT_EXIT(panicRuntimeError("hash of unhashable type []int"), Code,
              panicRegex("runtime error: hash of unhashable type \\[\\]int"));
  EXPECT_EXIT(fatalError("concurrent map writes"), Code,
              "^fatal error: concurrent map writes\n\ngoroutine 1 "
              "\\[running\\]:\n");
}

// fmt.Print("before"); panic("after"): stdout is written out first. (Both
// streams go to stderr here so that their order can be checked.)
TEST(PanicDeathTest, StdoutFlushedFirst) {
  EXPECT_EXIT(
      {
        ::dup2(2, 1);
        Eface Args[] = {S("before\n")};
        fmt_Print(Args, 1);
        gopanic(S("after"));
      },
      testing::ExitedWithCode(2), "^before\npanic: after\n");
  EXPECT_EXIT(
      {
        ::dup2(2, 1);
        Eface Args[] = {S("out")};
        fmt_Println(Args, 1);
        os_Exit(3);
      },
      testing::ExitedWithCode(3), "^out\n$");
}

// Under ASan the signal handler's non-returning exit draws a warning from
// ASan before the panic text, so the message cannot be anchored there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GM_SIGNAL_MSG_START ""
#endif
#endif
#ifndef GM_SIGNAL_MSG_START
#define GM_SIGNAL_MSG_START "^"
#endif

// These faults are deliberate: they reach the runtime's signal handlers, so
// UBSan must not intercept them first.
__attribute__((noinline, no_sanitize("undefined"))) static void
loadThroughNil() {
  volatile int64_t *P = nullptr;
  (void)P[1];
}

__attribute__((noinline, no_sanitize("undefined"))) static void divideByZero() {
  // Both operands volatile: with a constant dividend an optimising compiler
  // may compute 1 / x without a divide instruction.
  volatile int64_t One = 1;
  volatile int64_t Zero = 0;
  volatile int64_t R = One / Zero;
  (void)R;
}

// var p *T; println(p.A)
//   panic: runtime error: invalid memory address or nil pointer dereference
//   [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x46072e]
TEST(PanicDeathTest, NilDereferenceSignal) {
  EXPECT_EXIT(
      {
        initRuntime();
        loadThroughNil();
      },
      testing::ExitedWithCode(2),
      GM_SIGNAL_MSG_START
      "panic: runtime error: invalid memory address or nil pointer "
      "dereference\n\\[signal SIGSEGV: segmentation violation code=0x1 "
      "addr=0x8 pc=0x[0-9a-f]+\\]\n\ngoroutine 1 \\[running\\]:\n");
}

// A hardware divide fault (gmc checks divisors, so this is a safety net).
TEST(PanicDeathTest, DivideSignal) {
  EXPECT_EXIT(
      {
        initRuntime();
        divideByZero();
      },
      testing::ExitedWithCode(2),
      GM_SIGNAL_MSG_START
      "panic: runtime error: integer divide by zero\n\\[signal SIGFPE: "
      "floating-point exception code=0x1 addr=0x[0-9a-f]+ pc=0x[0-9a-f]+\\]\n\n"
      "goroutine 1 \\[running\\]:\n");
}

namespace {
int recurse(volatile int *P) {
  volatile char Pad[512];
  Pad[0] = char(*P);
  if (*P == 0) // Never true; keeps the compiler from seeing endless recursion.
    return 0;
  return recurse(P) + Pad[0];
}
} // namespace

TEST(PanicDeathTest, StackOverflow) {
  EXPECT_EXIT(
      {
        // Keep the test quick: cap the stack at 16 MB so that initRuntime
        // cannot raise it to Go's 1 GB.
        struct rlimit Limit;
        Limit.rlim_cur = Limit.rlim_max = 16 << 20;
        ::setrlimit(RLIMIT_STACK, &Limit);
        initRuntime();
        volatile int X = 1;
        recurse(&X);
      },
      testing::ExitedWithCode(2),
      "^runtime: goroutine stack exceeds 1000000000-byte limit\n");
}
