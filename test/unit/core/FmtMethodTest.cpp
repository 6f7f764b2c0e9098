//===- FmtMethodTest.cpp - fmt and panic call String and Error methods ----===//
//
// TypeDescs whose ErrorMethod/StringMethod slots point to hand-written thunks
// (gmc emits the real ones). The expectations are Go 1.19's output for the Go
// program quoted next to each group.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace coretest;

namespace {

template <typename T> T load(const void *P) {
  T V;
  std::memcpy(&V, P, sizeof(T));
  return V;
}

// type C int
// func (c C) String() string { return fmt.Sprintf("%d°C", int(c)) }
GoString cString(const void *Recv) {
  return str(std::to_string(load<int64_t>(Recv)) + "°C");
}
TypeDesc makeC() {
  TypeDesc T = basic(TypeKind::Int, 8, "main.C", true);
  T.StringMethod = cString;
  return T;
}
const TypeDesc CT = makeC();
Eface C(int64_t V) { return ref(&CT, box(V)); }

// type E struct{ N int }
// func (e E) Error() string  { return "E" + strconv.Itoa(e.N) }
// func (e E) String() string { return "unused" }
GoString eError(const void *Recv) {
  return str("E" + std::to_string(load<int64_t>(Recv)));
}
GoString eString(const void *) { return str("unused"); }
const StructFieldDesc EFields[] = {{"N", &IntT, 0, true}};
TypeDesc makeE() {
  TypeDesc T = structOf("main.E", true, EFields, 1, 8);
  T.ErrorMethod = eError;
  T.StringMethod = eString;
  return T;
}
const TypeDesc ET = makeE();

// type P struct{ X int }
// func (p *P) String() string { if p == nil { return "nil P" }; return "P" }
GoString pString(const void *Recv) {
  return str(load<const void *>(Recv) ? "P" : "nil P");
}
const StructFieldDesc PFields[] = {{"X", &IntT, 0, true}};
const TypeDesc PT = structOf("main.P", true, PFields, 1, 8);
TypeDesc makePPtr() {
  TypeDesc T = pointerTo(&PT, "*main.P");
  T.StringMethod = pString;
  return T;
}
const TypeDesc PPtrT = makePPtr();

// type H struct { Pub C; priv C; L []C }
struct HVal {
  int64_t Pub, Priv;
  GoSlice L;
};
const TypeDesc CSliceT = sliceOf(&CT, "[]main.C");
const StructFieldDesc HFields[] = {
    {"Pub", &CT, 0, true}, {"priv", &CT, 8, false}, {"L", &CSliceT, 16, true}};
const TypeDesc HT = structOf("main.H", true, HFields, 3, 40);

// type Bad int
// func (b Bad) String() string { panic("oops") }
GoString badString(const void *) {
  gopanic(S("oops"));
  __builtin_unreachable();
}
TypeDesc makeBad() {
  TypeDesc T = basic(TypeKind::Int, 8, "main.Bad", true);
  T.StringMethod = badString;
  return T;
}
const TypeDesc BadT = makeBad();

// type Idx int
// func (i Idx) Error() string { return fmt.Sprint([]int{}[i]) }
GoString idxError(const void *Recv) {
  panicIndex(load<int64_t>(Recv), 0);
  __builtin_unreachable();
}
TypeDesc makeIdx() {
  TypeDesc T = basic(TypeKind::Int, 8, "main.Idx", true);
  T.ErrorMethod = idxError;
  return T;
}
const TypeDesc IdxT = makeIdx();

// A *P whose String method dereferences it: func (p *Q) String() string {
// return fmt.Sprint(p.X) } called with a nil *Q.
GoString qString(const void *Recv) {
  if (!load<const void *>(Recv))
    panicmem();
  return str("Q");
}
TypeDesc makeQPtr() {
  TypeDesc T = pointerTo(&PT, "*main.Q");
  T.StringMethod = qString;
  return T;
}
const TypeDesc QPtrT = makeQPtr();

// type F int
// func (f F) String() string { var p *struct{ A, B int }; return p.B }
// where gmc relies on the hardware: the load faults and the SIGSEGV handler
// raises the panic.
__attribute__((noinline, no_sanitize("undefined"))) GoString
faultString(const void *) {
  volatile int64_t *P = nullptr;
  (void)P[1];
  return str("unreachable");
}
TypeDesc makeF() {
  TypeDesc T = basic(TypeKind::Int, 8, "main.F", true);
  T.StringMethod = faultString;
  return T;
}
const TypeDesc FT = makeF();

} // namespace

// c := C(21)
// fmt.Sprintf("%v|%s|%d|%q|%x|%6v|%-6s|%+v|%#v|%T", c, c, c, c, c, c, c, c,
//             c, c)
TEST(FmtMethods, StringerVerbs) {
  EXPECT_EQ(sprintf("%v|%s|%d|%q|%x|%6v|%-6s|%+v|%#v|%T",
                    {C(21), C(21), C(21), C(21), C(21), C(21), C(21), C(21),
                     C(21), C(21)}),
            "21°C|21°C|21|\"21°C\"|3231c2b043|  21°C|21°C  |21°C|21|main.C");
  // fmt.Sprint(c, c, "x", c); fmt.Sprintf("%t", c)
  EXPECT_EQ(sprint({C(1), C(2), S("x"), C(3)}), "1°C 2°Cx3°C");
  EXPECT_EQ(sprintf("%t", {C(1)}), "%!t(main.C=1)");
  // fmt.Sprintf("%d", c, c): the leftover operand is printed with %v.
  EXPECT_EQ(sprintf("%d", {C(1), C(2)}), "1%!(EXTRA main.C=2°C)");
}

// fmt.Sprint(E{3}); fmt.Sprintf("%s %d %#v", E{3}, E{3}, E{3})
TEST(FmtMethods, ErrorBeforeString) {
  Eface E3 = ref(&ET, box(int64_t(3)));
  EXPECT_EQ(sprint({E3}), "E3");
  EXPECT_EQ(sprintf("%s %d %#v", {E3, E3, E3}), "E3 {3} main.E{N:3}");
}

// p := &P{1}; var np *P
// fmt.Sprint(p, np, P{1}); fmt.Sprintf("%d", p)
TEST(FmtMethods, PointerReceiver) {
  Eface P1 = ref(&PPtrT, box(box(int64_t(1))));
  Eface NP = ref(&PPtrT, box(static_cast<const void *>(nullptr)));
  Eface PV = ref(&PT, box(int64_t(1)));
  EXPECT_EQ(sprint({P1, NP, PV}), "P nil P {1}");
  EXPECT_EQ(sprintf("%d", {P1}), "&{1}");
}

// h := H{Pub: 1, priv: 2, L: []C{3}}
// fmt.Sprint(h, []C{4, 5}); fmt.Sprintf("%+v %d", h, h)
TEST(FmtMethods, NestedValuesAndUnexportedFields) {
  Eface H = ref(&HT, box(HVal{1, 2, sliceValue<int64_t>({3})}));
  Eface L = ref(&CSliceT, box(sliceValue<int64_t>({4, 5})));
  EXPECT_EQ(sprint({H, L}), "{1°C 2 [3°C]} [4°C 5°C]");
  EXPECT_EQ(sprintf("%+v %d", {H, H}), "{Pub:1°C priv:2 L:[3°C]} {1 2 [3]}");
}

// fmt.Sprint(Bad(1)); fmt.Sprintf("[%5s]", Bad(1)); fmt.Sprint(Idx(4))
// var q *Q; fmt.Sprintf("[%5v]", q)
TEST(FmtMethods, PanickingMethods) {
  Eface Bad = ref(&BadT, box(int64_t(1)));
  EXPECT_EQ(sprint({Bad}), "%!v(PANIC=String method: oops)");
  EXPECT_EQ(sprintf("[%5s]", {Bad}), "[%!s(PANIC=String method: oops)]");
  EXPECT_EQ(sprint({ref(&IdxT, box(int64_t(4)))}),
            "%!v(PANIC=Error method: runtime error: index out of range [4] "
            "with length 0)");
  Eface NilQ = ref(&QPtrT, box(static_cast<const void *>(nullptr)));
  EXPECT_EQ(sprintf("[%5v]", {NilQ}), "[<nil>]");
  // Output continues normally after a caught panic.
  EXPECT_EQ(sprint({Bad, C(1)}), "%!v(PANIC=String method: oops) 1°C");
}

TEST(FmtMethods, CallCatchingPanic) {
  GoString Result;
  PanicValue Caught;
  const void *Recv = box(int64_t(7));
  ASSERT_TRUE(callCatchingPanic(cString, Recv, Result, Caught));
  EXPECT_EQ(toStd(Result), "7°C");
  ASSERT_FALSE(callCatchingPanic(idxError, Recv, Result, Caught));
  EXPECT_EQ(Caught.Value.Type, nullptr);
  EXPECT_EQ(Caught.Text, "runtime error: index out of range [7] with length 0");
  EXPECT_STREQ(Caught.GoType, "runtime.boundsError");
  ASSERT_FALSE(callCatchingPanic(badString, Recv, Result, Caught));
  ASSERT_EQ(Caught.Value.Type, &StringT);
  EXPECT_EQ(toStd(load<GoString>(Caught.Value.Data)), "oops");
}

TEST(FmtMethodsDeathTest, PanicValues) {
  auto Code = testing::ExitedWithCode(2);
  // panic(E{7}); panic(C(5)): the method's result, unquoted.
  EXPECT_EXIT(gopanic(ref(&ET, box(int64_t(7)))), Code,
              "^panic: E7\n\ngoroutine 1 \\[running\\]:\n");
  EXPECT_EXIT(gopanic(C(5)), Code, "^panic: 5°C\n\n");
  // A method that panics while panic() prints the value.
  EXPECT_EXIT(gopanic(ref(&BadT, box(int64_t(1)))), Code,
              "^fatal error: panic while printing panic value: oops\n");
  EXPECT_EXIT(gopanic(ref(&IdxT, box(int64_t(1)))), Code,
              "^fatal error: panic while printing panic value: type "
              "runtime\\.boundsError\n");
}

// fmt.Sprint(F(1), F(2)): a fault inside a String method is caught like any
// other panic, from the signal handler, and the handler works again after.
TEST(FmtMethodsDeathTest, FaultInMethod) {
  EXPECT_EXIT(
      {
        initRuntime();
        std::string Out = sprint({ref(&FT, box(int64_t(1))), C(2)}) + "|" +
                          sprint({ref(&FT, box(int64_t(3)))});
        ::write(2, Out.data(), Out.size());
        ::_exit(0);
      },
      testing::ExitedWithCode(0),
      // Not anchored at the start: under ASan, a warning about the
      // siglongjmp out of the signal handler comes first.
      "%!v\\(PANIC=String method: runtime error: invalid memory address or "
      "nil pointer dereference\\) 2°C\\|%!v\\(PANIC=String method: runtime "
      "error: invalid memory address or nil pointer dereference\\)$");
}
