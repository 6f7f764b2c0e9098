//===- FmtCompositeTest.cpp - fmt of slices, arrays, structs, pointers ----===//
//
// Composite operands built by hand (TypeDescs as gmc emits them) and printed
// through fmt_Sprintf/fmt_Sprint/fmt_Println; the expectations are Go 1.19's
// output for the Go program quoted next to each group.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include "Core/Panic.h"

#include <gtest/gtest.h>

using namespace coretest;

namespace {

// type P struct{ X, Y int }
struct PVal {
  int64_t X, Y;
};
const StructFieldDesc PFields[] = {{"X", &IntT, 0, true},
                                   {"Y", &IntT, 8, true}};
const TypeDesc PT = structOf("main.P", true, PFields, 2, 16);
const TypeDesc PPtrT = pointerTo(&PT, "*main.P");

// type T struct { Name string; Age int; Tags []string; Pos P; Ptr *P }
struct TVal {
  GoString Name;
  int64_t Age;
  GoSlice Tags;
  PVal Pos;
  PVal *Ptr;
};
const TypeDesc StringSliceT = sliceOf(&StringT, "[]string");
const StructFieldDesc TFields[] = {{"Name", &StringT, 0, true},
                                   {"Age", &IntT, 16, true},
                                   {"Tags", &StringSliceT, 24, true},
                                   {"Pos", &PT, 48, true},
                                   {"Ptr", &PPtrT, 64, true}};
const TypeDesc TT = structOf("main.T", true, TFields, 5, 72);

// type E struct{}
const TypeDesc ET = structOf("main.E", true, nullptr, 0, 0);

const TypeDesc IntSliceT = sliceOf(&IntT, "[]int");
const TypeDesc IntArray3T = arrayOf(&IntT, 3, "[3]int");
const TypeDesc IntSlicePtrT = pointerTo(&IntSliceT, "*[]int");
const TypeDesc IntArray3PtrT = pointerTo(&IntArray3T, "*[3]int");
const TypeDesc ByteSliceT = sliceOf(&Uint8T, "[]uint8");
const TypeDesc BytesT = sliceOf(&Uint8T, "main.Bytes", /*Named=*/true);
const TypeDesc ByteArray2T = arrayOf(&Uint8T, 2, "[2]uint8");
const TypeDesc IntSliceSliceT = sliceOf(&IntSliceT, "[][]int");
const TypeDesc IntArray2T = arrayOf(&IntT, 2, "[2]int");
const TypeDesc IntArray2x2T = arrayOf(&IntArray2T, 2, "[2][2]int");
const TypeDesc PSliceT = sliceOf(&PT, "[]main.P");
const TypeDesc Float64SliceT = sliceOf(&Float64T, "[]float64");
const TypeDesc BoolSliceT = sliceOf(&BoolT, "[]bool");

Eface val(const TypeDesc &T, const void *Data) { return ref(&T, Data); }

GoSlice bytesOf(const char *S) {
  GoString G = str(std::string(S));
  return {const_cast<uint8_t *>(G.Data), G.Len, G.Len};
}

} // namespace

// s := []int{1, 2, 3}; var ns []int; es := []int{}; a := [3]int{1, 2, 3}
// p := P{1, 2}
TEST(FmtComposite, SlicesArraysStructs) {
  const auto *SV = box(sliceValue<int64_t>({1, 2, 3}));
  const auto *NS = box(GoSlice{nullptr, 0, 0});
  const auto *ES = box(sliceValue<int64_t>({}));
  const auto *A = box(std::array<int64_t, 3>{1, 2, 3});
  const auto *P = box(PVal{1, 2});
  // fmt.Sprint(s, ns, es, a, p)
  EXPECT_EQ(sprint({val(IntSliceT, SV), val(IntSliceT, NS), val(IntSliceT, ES),
                    val(IntArray3T, A), val(PT, P)}),
            "[1 2 3] [] [] [1 2 3] {1 2}");
  // fmt.Printf("%v|%+v|%d|%x|%5d|%-3v|\n", s, p, a, s, s, s)
  EXPECT_EQ(
      sprintf("%v|%+v|%d|%x|%5d|%-3v|",
              {val(IntSliceT, SV), val(PT, P), val(IntArray3T, A),
               val(IntSliceT, SV), val(IntSliceT, SV), val(IntSliceT, SV)}),
      "[1 2 3]|{X:1 Y:2}|[1 2 3]|[1 2 3]|[    1     2     3]|[1   2   3  ]|");
  // fmt.Print(p, s, "x", a, "\n")
  EXPECT_EQ(sprint({val(PT, P), val(IntSliceT, SV), S("x"), val(IntArray3T, A),
                    S("\n")}),
            "{1 2} [1 2 3]x[1 2 3]\n");
}

TEST(FmtComposite, PointersAtTopLevel) {
  PVal PV{1, 2};
  const auto *PP = box(&PV);
  auto S = sliceValue<int64_t>({1, 2, 3});
  const auto *SP = box(&S);
  std::array<int64_t, 3> A{1, 2, 3};
  const auto *AP = box(&A);
  // fmt.Printf("%v %+v\n", &p, &p)
  EXPECT_EQ(sprintf("%v %+v", {val(PPtrT, PP), val(PPtrT, PP)}),
            "&{1 2} &{X:1 Y:2}");
  // fmt.Printf("%v\n", &s)
  EXPECT_EQ(sprintf("%v", {val(IntSlicePtrT, SP)}), "&[1 2 3]");
  // fmt.Printf("%v\n", &a)
  EXPECT_EQ(sprintf("%v", {val(IntArray3PtrT, AP)}), "&[1 2 3]");
  // var np *P; fmt.Printf("%v %+v %d\n", np, np, np)
  const auto *NP = box(static_cast<PVal *>(nullptr));
  EXPECT_EQ(
      sprintf("%v %+v %d", {val(PPtrT, NP), val(PPtrT, NP), val(PPtrT, NP)}),
      "<nil> <nil> 0");
  // %p and %v of a non-nil pointer print its address in hex with 0x.
  char Expected[32];
  std::snprintf(Expected, sizeof(Expected), "%#lx",
                static_cast<unsigned long>(reinterpret_cast<uintptr_t>(&PV)));
  EXPECT_EQ(sprintf("%p", {val(PPtrT, PP)}), Expected);
  // fmt.Printf("%#p", &p) leaves out the 0x.
  EXPECT_EQ(sprintf("%#p", {val(PPtrT, PP)}), Expected + 2);
  // fmt.Printf("%p", 1)
  EXPECT_EQ(sprintf("%p", {I(1)}), "%!p(int=1)");
  // Inside a struct, a pointer prints as an address, not as &{...}.
  TVal T{str("bob"), 30, {nullptr, 0, 0}, {3, 4}, &PV};
  std::string Got = sprintf("%v", {val(TT, box(T))});
  EXPECT_EQ(Got, std::string("{bob 30 [] {3 4} ") + Expected + "}");
}

// t := T{"bob", 30, []string{"a", "b"}, P{3, 4}, nil}
TEST(FmtComposite, NestedStruct) {
  GoString Tags[] = {str("a"), str("b")};
  TVal T{str("bob"), 30, {Tags, 2, 2}, {3, 4}, nullptr};
  // fmt.Printf("%v\n", t)
  EXPECT_EQ(sprintf("%v", {val(TT, box(T))}), "{bob 30 [a b] {3 4} <nil>}");
  // fmt.Printf("%+v\n", T{"bob", 30, nil, P{3, 4}, nil})
  TVal T2{str("bob"), 30, {nullptr, 0, 0}, {3, 4}, nullptr};
  EXPECT_EQ(sprintf("%+v", {val(TT, box(T2))}),
            "{Name:bob Age:30 Tags:[] Pos:{X:3 Y:4} Ptr:<nil>}");
  // fmt.Printf("%t\n", p)
  EXPECT_EQ(sprintf("%t", {val(PT, box(PVal{1, 2}))}),
            "{%!t(int=1) %!t(int=2)}");
  // fmt.Printf("%v %+v\n", E{}, []P{{1, 2}, {3, 4}})
  EXPECT_EQ(sprintf("%v %+v",
                    {val(ET, box(0)),
                     val(PSliceT, box(sliceValue<PVal>({{1, 2}, {3, 4}})))}),
            "{} [{X:1 Y:2} {X:3 Y:4}]");
  // fmt.Printf("%v %v\n", [][]int{{1}, {2, 3}}, [2][2]int{{1, 2}, {3, 4}})
  GoSlice Inner[] = {sliceValue<int64_t>({1}), sliceValue<int64_t>({2, 3})};
  EXPECT_EQ(sprintf("%v %v", {val(IntSliceSliceT, box(GoSlice{Inner, 2, 2})),
                              val(IntArray2x2T,
                                  box(std::array<int64_t, 4>{1, 2, 3, 4}))}),
            "[[1] [2 3]] [[1 2] [3 4]]");
}

TEST(FmtComposite, ByteSlices) {
  const auto *Hi = box(bytesOf("hi"));
  Eface BS = val(ByteSliceT, Hi);
  // fmt.Printf("%s|%q|%x|%X|% x|%v|%d\n", []byte("hi") x7)
  EXPECT_EQ(sprintf("%s|%q|%x|%X|% x|%v|%d", {BS, BS, BS, BS, BS, BS, BS}),
            "hi|\"hi\"|6869|6869|68 69|[104 105]|[104 105]");
  // fmt.Printf("%s|%v|%x\n", Bytes("hi"), Bytes("hi"), [2]byte{1, 255})
  EXPECT_EQ(sprintf("%s|%v|%x",
                    {val(BytesT, Hi), val(BytesT, Hi),
                     val(ByteArray2T, box(std::array<uint8_t, 2>{1, 255}))}),
            "hi|[104 105]|01ff");
  // fmt.Printf("%c\n", []byte("hi"))
  EXPECT_EQ(sprintf("%c", {BS}), "[h i]");
}

TEST(FmtComposite, ElementVerbs) {
  GoString AB[] = {str("a"), str("b")};
  const auto *SS = box(GoSlice{AB, 2, 2});
  // fmt.Printf("%s|%q\n", []string{"a", "b"}, []string{"a", "b"})
  EXPECT_EQ(sprintf("%s|%q", {val(StringSliceT, SS), val(StringSliceT, SS)}),
            "[a b]|[\"a\" \"b\"]");
  // fmt.Printf("%d\n", []string{"a"})
  EXPECT_EQ(sprintf("%d", {val(StringSliceT, box(GoSlice{AB, 1, 1}))}),
            "[%!d(string=a)]");
  // fmt.Printf("%s\n", []int{1})
  EXPECT_EQ(sprintf("%s", {val(IntSliceT, box(sliceValue<int64_t>({1})))}),
            "[%!s(int=1)]");
  // fmt.Printf("%v\n", []float64{1.5, 1e21, 0.1})
  const auto *FS = box(sliceValue<double>({1.5, 1e21, 0.1}));
  EXPECT_EQ(sprintf("%v", {val(Float64SliceT, FS)}), "[1.5 1e+21 0.1]");
  // fmt.Printf("%6.2f\n", []float64{1.5, 2})
  EXPECT_EQ(
      sprintf("%6.2f", {val(Float64SliceT, box(sliceValue<double>({1.5, 2})))}),
      "[  1.50   2.00]");
  // fmt.Printf("%v\n", []bool{true, false})
  EXPECT_EQ(
      sprintf("%v", {val(BoolSliceT, box(sliceValue<bool>({true, false})))}),
      "[true false]");
}

TEST(FmtComposite, GoSyntax) {
  // fmt.Printf("%#v\n", p)
  EXPECT_EQ(sprintf("%#v", {val(PT, box(PVal{1, 2}))}), "main.P{X:1, Y:2}");
  // fmt.Printf("%#v\n", []int{1, 2})
  EXPECT_EQ(sprintf("%#v", {val(IntSliceT, box(sliceValue<int64_t>({1, 2})))}),
            "[]int{1, 2}");
  // fmt.Printf("%#v %#v\n", "q", ns)
  EXPECT_EQ(
      sprintf("%#v %#v", {S("q"), val(IntSliceT, box(GoSlice{nullptr, 0, 0}))}),
      "\"q\" []int(nil)");
}

TEST(FmtComposite, PrintlnWritesToStdout) {
  // fmt.Println(1, "a", 2.5)
  Eface Args[] = {I(1), S("a"), F64(2.5)};
  testing::internal::CaptureStdout();
  int64_t N = fmt_Println(Args, 3);
  // fmt.Print("x", 1, 2) and fmt.Printf("%d|", 7)
  Eface PArgs[] = {S("x"), I(1), I(2)};
  N += fmt_Print(PArgs, 3);
  Eface FArgs[] = {I(7)};
  N += fmt_Printf(str("%d|"), FArgs, 1);
  flushStdout();
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "1 a 2.5\nx1 2"
                                                    "7|");
  EXPECT_EQ(N, 14);
}
