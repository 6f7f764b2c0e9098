//===- IfaceTest.cpp - Interface hash/equality, itabs and assertions ------===//
//
// The runtime half of interfaces (runtime/lib/Core/Iface.cpp), called with
// hand-built TypeDescs, itabs and method tables the way gmc emits them: hash
// and equality of interface values by dynamic type (map keys and ==), the
// itabs that assertions to interface types build at run time, and Go 1.19's
// panic texts for the failures (each quoted with the Go code that prints it).
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

using namespace coretest;

namespace {

const char *const Trailer = "\n\ngoroutine 1 \\[running\\]:\n";

/// S with every regex metacharacter escaped.
std::string quote(const std::string &S) {
  std::string R;
  for (char C : S) {
    if (std::strchr("\\^$.|?*+()[]{}", C))
      R += '\\';
    R += C;
  }
  return R;
}

/// Go's first lines for panic(Msg), anchored, Msg taken literally.
std::string panicText(const std::string &Msg) {
  return "^panic: " + quote(Msg) + Trailer;
}

TypeDesc withAlg(TypeDesc T, HashFn Hash, EqualFn Equal) {
  T.Hash = Hash;
  T.Equal = Equal;
  return T;
}

// Comparable types carry Hash/Equal as gmc emits them.
const TypeDesc IntK =
    withAlg(basic(TypeKind::Int, 8, "int"), memhash64, memequal64);
// type MyInt int: the same size and bits as int, another type.
const TypeDesc MyIntK =
    withAlg(basic(TypeKind::Int, 8, "main.MyInt", true), memhash64, memequal64);
const TypeDesc StrK =
    withAlg(basic(TypeKind::String, 16, "string"), strhash, strequal);
const TypeDesc F64K =
    withAlg(basic(TypeKind::Float64, 8, "float64"), f64hash, f64equal);
// []int: not comparable, so no Hash/Equal.
const TypeDesc IntSliceK = sliceOf(&IntK, "[]int");

// type S struct{ F float64; G int }: 16 bytes, boxed in an interface.
struct SVal {
  double F;
  int64_t G;
};
uintptr_t sHash(const void *P, uintptr_t Seed) {
  const auto *V = static_cast<const SVal *>(P);
  return memhash64(&V->G, f64hash(&V->F, Seed));
}
bool sEqual(const void *A, const void *B) {
  const auto *X = static_cast<const SVal *>(A);
  const auto *Y = static_cast<const SVal *>(B);
  return X->F == Y->F && X->G == Y->G;
}
const StructFieldDesc SFields[] = {{"F", &F64K, 0, true},
                                   {"G", &IntK, 8, true}};
const TypeDesc SK =
    withAlg(structOf("main.S", true, SFields, 2, 16), sHash, sEqual);

const double NaN = std::numeric_limits<double>::quiet_NaN();

Eface intIface(int64_t V) { return ref(&IntK, box(V)); }
Eface myIntIface(int64_t V) { return ref(&MyIntK, box(V)); }
Eface strIface(const char *V) { return ref(&StrK, box(str(std::string(V)))); }
Eface f64Iface(double V) { return ref(&F64K, box(V)); }
Eface sIface(double F, int64_t G) { return ref(&SK, box(SVal{F, G})); }
Eface intSliceIface() {
  return ref(&IntSliceK, box(sliceValue<int64_t>({1, 2})));
}

uintptr_t hashE(const Eface &E, uintptr_t Seed = 42) {
  return nilinterhash(&E, Seed);
}
bool eqE(const Eface &A, const Eface &B) { return nilinterequal(&A, &B); }

void *word(int64_t V) { return reinterpret_cast<void *>(intptr_t(V)); }

} // namespace

//===----------------------------------------------------------------------===//
// Hash and equality of empty interfaces (map[any]V keys, any == any)
//===----------------------------------------------------------------------===//

TEST(IfaceHash, DirectIntsHashAndCompareByValue) {
  Eface A = intIface(7), B = intIface(7), C = intIface(8);
  // The int travels in the data word itself.
  ASSERT_EQ(A.Data, word(7));
  EXPECT_TRUE(eqE(A, B));
  EXPECT_TRUE(eqE(A, A));
  EXPECT_FALSE(eqE(A, C));
  EXPECT_EQ(hashE(A), hashE(B));
  EXPECT_NE(hashE(A), hashE(C));
  // The seed matters, and the interface mixes the value's hash, so that
  // any(7) does not hash like the int 7 itself.
  EXPECT_NE(hashE(A, 1), hashE(A, 2));
  int64_t Seven = 7;
  EXPECT_NE(hashE(A), memhash64(&Seven, 42));
}

TEST(IfaceHash, BoxedStringsCompareByContents) {
  // Two boxes with the same contents: equal values, not equal pointers.
  Eface A = strIface("hello"), B = strIface("hello"), C = strIface("world");
  ASSERT_NE(A.Data, B.Data);
  EXPECT_TRUE(eqE(A, B));
  EXPECT_FALSE(eqE(A, C));
  EXPECT_EQ(hashE(A), hashE(B));
  EXPECT_NE(hashE(A), hashE(C));
  Eface Empty1 = strIface(""), Empty2 = strIface("");
  EXPECT_TRUE(eqE(Empty1, Empty2));
  EXPECT_FALSE(eqE(Empty1, A));
}

TEST(IfaceHash, SameBitsDifferentTypesAreUnequal) {
  // var a, b any = 7, MyInt(7); a == b  ->  false
  Eface A = intIface(7), B = myIntIface(7);
  ASSERT_EQ(A.Data, B.Data);
  EXPECT_FALSE(eqE(A, B));
  EXPECT_FALSE(eqE(B, A));
  // As in Go, the hash is the value's, not the type's: the two collide and
  // only the equality tells them apart.
  EXPECT_EQ(hashE(A), hashE(B));
  // Types that differ are unequal before their values are looked at, even
  // when one of them is not comparable (no panic).
  Eface S = intSliceIface();
  EXPECT_FALSE(eqE(A, S));
  EXPECT_FALSE(eqE(S, A));
  // int 0 and the nil interface both have a zero data word.
  EXPECT_FALSE(eqE(intIface(0), Nil()));
  EXPECT_FALSE(eqE(Nil(), intIface(0)));
}

TEST(IfaceHash, NilInterface) {
  Eface N1 = Nil(), N2 = Nil();
  EXPECT_TRUE(eqE(N1, N2));
  EXPECT_TRUE(eqE(N1, N1));
  // Go's nilinterhash: `if t == nil { return h }`: the seed itself.
  for (uintptr_t Seed : {uintptr_t(0), uintptr_t(1), uintptr_t(0xdeadbeef)})
    EXPECT_EQ(nilinterhash(&N1, Seed), Seed);
  // Whatever the data word holds: the type word alone makes it nil.
  Eface Odd = {nullptr, word(1234)};
  EXPECT_EQ(nilinterhash(&Odd, 99), 99u);
  EXPECT_TRUE(eqE(Odd, N1));
}

TEST(IfaceHash, NaNIsNeverEqualAndHashesRandomly) {
  // k := any(math.NaN()); k == k  ->  false
  Eface A = f64Iface(NaN), B = f64Iface(NaN);
  EXPECT_FALSE(eqE(A, A));
  EXPECT_FALSE(eqE(A, B));
  // f64hash gives each hash of a NaN a random value, so that NaN keys do not
  // pile up in one bucket; through the interface too.
  std::set<uintptr_t> Hashes;
  for (int I = 0; I < 8; ++I)
    Hashes.insert(hashE(A));
  EXPECT_GE(Hashes.size(), 2u);
  // +0 and -0: equal, and hashed alike, although their bits differ.
  Eface Pos = f64Iface(0.0), Neg = f64Iface(-0.0);
  ASSERT_NE(Pos.Data, Neg.Data);
  EXPECT_TRUE(eqE(Pos, Neg));
  EXPECT_EQ(hashE(Pos), hashE(Neg));
  // A boxed struct holding a NaN is not equal to itself either.
  Eface SN = sIface(NaN, 1);
  EXPECT_FALSE(eqE(SN, SN));
}

//===----------------------------------------------------------------------===//
// efaceeq: the values of two interfaces whose type words gmc found equal
//===----------------------------------------------------------------------===//

TEST(IfaceEq, EfaceeqDirectAndIndirect) {
  // Direct: the data words hold the values.
  EXPECT_TRUE(efaceeq(&IntK, word(5), word(5)));
  EXPECT_FALSE(efaceeq(&IntK, word(5), word(6)));
  // The type's Equal decides, not the bits: +0 == -0, NaN != NaN.
  Eface Pos = f64Iface(0.0), Neg = f64Iface(-0.0);
  EXPECT_TRUE(efaceeq(&F64K, Pos.Data, Neg.Data));
  Eface N = f64Iface(NaN);
  EXPECT_FALSE(efaceeq(&F64K, N.Data, N.Data));

  // Indirect: the data words point to boxes.
  Eface A = strIface("abc"), B = strIface("abc"), C = strIface("abd");
  EXPECT_TRUE(efaceeq(&StrK, A.Data, B.Data));
  EXPECT_TRUE(efaceeq(&StrK, A.Data, A.Data));
  EXPECT_FALSE(efaceeq(&StrK, A.Data, C.Data));
  Eface S1 = sIface(1.5, 2), S2 = sIface(1.5, 2), S3 = sIface(1.5, 3);
  EXPECT_TRUE(efaceeq(&SK, S1.Data, S2.Data));
  EXPECT_FALSE(efaceeq(&SK, S1.Data, S3.Data));
  // Go compares boxed values with the type's equal function even when both
  // data words are the same box:
  //   var i any = S{math.NaN(), 1}; fmt.Println(i == i)  ->  false
  Eface SN = sIface(NaN, 1);
  EXPECT_FALSE(efaceeq(&SK, SN.Data, SN.Data));
}

//===----------------------------------------------------------------------===//
// Non-empty interfaces: the dynamic type comes from the itab
//===----------------------------------------------------------------------===//

namespace {

// type K interface{ M() int }
const MethodDesc KMethods[] = {{"M", "func() int", nullptr}};
TypeDesc makeInterface(const char *Name, const MethodDesc *Methods,
                       uint32_t N) {
  TypeDesc T = withAlg(basic(TypeKind::Interface, 16, Name, true), interhash,
                       interequal);
  T.Methods = Methods;
  T.NumMethods = N;
  return T;
}
const TypeDesc KI = makeInterface("main.K", KMethods, 1);

// func (x int-shaped) M() int { return int(x) * 10 }: the itab thunk takes
// the data word.
int64_t timesTen(void *Word) { return int64_t(intptr_t(Word)) * 10; }

// The itabs gmc would emit for K with int-shaped main.T and main.MyInt.
TypeDesc withMethods(TypeDesc T, const MethodDesc *Methods, uint32_t N) {
  T.Methods = Methods;
  T.NumMethods = N;
  return T;
}
const MethodDesc TKMethods[] = {{"M", "func() int", (void *)timesTen}};
const TypeDesc TK = withMethods(
    withAlg(basic(TypeKind::Int, 8, "main.T", true), memhash64, memequal64),
    TKMethods, 1);
const TypeDesc MyIntM = withMethods(MyIntK, TKMethods, 1);
const Itab TabKT = {&KI, &TK, {(void *)timesTen}};
const Itab TabKMyInt = {&KI, &MyIntM, {(void *)timesTen}};
// type Sl []int with M: a dynamic type that is not comparable.
const TypeDesc SlK = withMethods(sliceOf(&IntK, "main.Sl", true), TKMethods, 1);
const Itab TabKSl = {&KI, &SlK, {(void *)timesTen}};
Iface slIface() {
  return {&TabKSl, const_cast<void *>(box(sliceValue<int64_t>({1})))};
}

uintptr_t hashI(const Iface &I, uintptr_t Seed = 42) {
  return interhash(&I, Seed);
}
bool eqI(const Iface &A, const Iface &B) { return interequal(&A, &B); }

} // namespace

TEST(IfaceHash, NonEmptyInterfaceThroughItab) {
  Iface A = {&TabKT, word(3)}, B = {&TabKT, word(3)}, C = {&TabKT, word(4)};
  // The thunk in the itab is what an interface call reaches.
  EXPECT_EQ(reinterpret_cast<int64_t (*)(void *)>(A.Tab->Fun[0])(A.Data), 30);
  EXPECT_TRUE(eqI(A, B));
  EXPECT_FALSE(eqI(A, C));
  EXPECT_EQ(hashI(A), hashI(B));
  EXPECT_NE(hashI(A), hashI(C));
  EXPECT_NE(hashI(A, 1), hashI(A, 2));
  // An Iface hashes as the Eface of its dynamic type and data word does.
  Eface E = {&TK, word(3)};
  EXPECT_EQ(hashI(A), nilinterhash(&E, 42));
  // Same bits, another dynamic type (another itab): unequal.
  Iface M = {&TabKMyInt, word(3)};
  EXPECT_FALSE(eqI(A, M));
  EXPECT_FALSE(eqI(M, A));
  // The nil interface: no itab.
  Iface N1 = {nullptr, nullptr}, N2 = {nullptr, nullptr};
  EXPECT_TRUE(eqI(N1, N2));
  EXPECT_FALSE(eqI(N1, A));
  EXPECT_FALSE(eqI(A, N1));
  EXPECT_EQ(interhash(&N1, 77), 77u);
  // Types that differ are unequal without comparing values (no panic).
  Iface S = slIface();
  EXPECT_FALSE(eqI(A, S));
}

//===----------------------------------------------------------------------===//
// Unhashable and uncomparable dynamic types
//===----------------------------------------------------------------------===//

TEST(IfaceDeathTest, UnhashableDynamicType) {
  auto Code = testing::ExitedWithCode(2);
  // m := map[any]int{}; m[[]int{1, 2}] = 1
  //   panic: runtime error: hash of unhashable type []int
  EXPECT_EXIT(
      {
        Eface S = intSliceIface();
        hashE(S);
      },
      Code, panicText("runtime error: hash of unhashable type []int"));
  // m := map[K]int{}; m[Sl{1}] = 1
  EXPECT_EXIT(
      {
        Iface S = slIface();
        hashI(S);
      },
      Code, panicText("runtime error: hash of unhashable type main.Sl"));
}

TEST(IfaceDeathTest, UncomparableDynamicType) {
  auto Code = testing::ExitedWithCode(2);
  // var a, b any = []int{1, 2}, []int{1, 2}; _ = a == b
  //   panic: runtime error: comparing uncomparable type []int
  const std::string Want =
      panicText("runtime error: comparing uncomparable type []int");
  EXPECT_EXIT(
      {
        Eface A = intSliceIface();
        Eface B = intSliceIface();
        efaceeq(A.Type, A.Data, B.Data);
      },
      Code, Want);
  // The same through a map key comparison, and with one and the same box.
  EXPECT_EXIT(
      {
        Eface A = intSliceIface();
        Eface B = intSliceIface();
        eqE(A, B);
      },
      Code, Want);
  EXPECT_EXIT(
      {
        Eface A = intSliceIface();
        eqE(A, A);
      },
      Code, Want);
}

//===----------------------------------------------------------------------===//
// Itabs built at run time (x.(I) for x of an empty interface)
//===----------------------------------------------------------------------===//

namespace {

// type I interface { M() int; N(int) string }
const MethodDesc IMethods[] = {{"M", "func() int", nullptr},
                               {"N", "func(int) string", nullptr}};
const TypeDesc II = makeInterface("main.I", IMethods, 2);
// type J interface{ m() }: an unexported name is qualified by its package.
const MethodDesc JMethods[] = {{"main.m", "func()", nullptr}};
const TypeDesc JI = makeInterface("main.J", JMethods, 1);

void tA(void *) {}
int64_t tM(void *Word) { return int64_t(intptr_t(Word)) + 1; }
GoString tN(void *, int64_t X) { return str(X == 1 ? "one" : "other"); }
bool tZ(void *) { return true; }
void tLowerM(void *) {}
GoString uM(void *) { return str("u"); }
int64_t vM(void *) { return 0; }

// type T int with A, M, N, Z and m: I's methods interleaved with others,
// every table sorted by name (strcmp: upper case before "main.").
const MethodDesc TMethods[] = {{"A", "func()", (void *)tA},
                               {"M", "func() int", (void *)tM},
                               {"N", "func(int) string", (void *)tN},
                               {"Z", "func() bool", (void *)tZ},
                               {"main.m", "func()", (void *)tLowerM}};
const TypeDesc TT = withMethods(
    withAlg(basic(TypeKind::Int, 8, "main.T", true), memhash64, memequal64),
    TMethods, 5);
// type U with M() string: the name matches, the signature does not.
const MethodDesc UMethods[] = {{"M", "func() string", (void *)uM},
                               {"N", "func(int) string", (void *)tN}};
const TypeDesc UT =
    withMethods(basic(TypeKind::Int, 8, "main.U", true), UMethods, 2);
// type V with M only.
const MethodDesc VMethods[] = {{"M", "func() int", (void *)vM}};
const TypeDesc VT =
    withMethods(basic(TypeKind::Int, 8, "main.V", true), VMethods, 1);
// A type of package lib with its own unexported m: not J's m.
const MethodDesc LibMethods[] = {{"lib.m", "func()", (void *)tLowerM}};
const TypeDesc LibT =
    withMethods(basic(TypeKind::Int, 8, "lib.L", true), LibMethods, 1);

} // namespace

TEST(Itab, BuiltFromSortedMethodTables) {
  const Itab *Tab = assertE2I2(&II, &TT);
  ASSERT_NE(Tab, nullptr);
  EXPECT_EQ(Tab->Inter, &II);
  EXPECT_EQ(Tab->Type, &TT);
  // Fun follows the interface's order, picking T's M and N.
  EXPECT_EQ(Tab->Fun[0], (void *)tM);
  EXPECT_EQ(Tab->Fun[1], (void *)tN);
  EXPECT_EQ(reinterpret_cast<int64_t (*)(void *)>(Tab->Fun[0])(word(41)), 42);
  EXPECT_EQ(toStd(reinterpret_cast<GoString (*)(void *, int64_t)>(Tab->Fun[1])(
                word(0), 1)),
            "one");
  // Unexported methods match by qualified name.
  const Itab *TabJ = assertE2I2(&JI, &TT);
  ASSERT_NE(TabJ, nullptr);
  EXPECT_EQ(TabJ->Fun[0], (void *)tLowerM);
  EXPECT_EQ(assertE2I2(&JI, &LibT), nullptr);
  // assertE2I returns the same itab when the type has the methods.
  EXPECT_EQ(assertE2I(&II, &TT), Tab);
}

TEST(Itab, SignatureMismatchOrMissingMethodYieldsNull) {
  // U's M has the name but not the type.
  EXPECT_EQ(assertE2I2(&II, &UT), nullptr);
  // V lacks N.
  EXPECT_EQ(assertE2I2(&II, &VT), nullptr);
  // A type without methods, and the nil interface (no dynamic type).
  EXPECT_EQ(assertE2I2(&II, &IntK), nullptr);
  EXPECT_EQ(assertE2I2(&II, nullptr), nullptr);
  // The answer is cached too: still null the second time.
  EXPECT_EQ(assertE2I2(&II, &UT), nullptr);
}

TEST(Itab, CachedPerPair) {
  const Itab *First = assertE2I2(&KI, &TT);
  ASSERT_NE(First, nullptr);
  EXPECT_EQ(First->Fun[0], (void *)tM);
  EXPECT_EQ(assertE2I2(&KI, &TT), First);
  EXPECT_EQ(assertE2I(&KI, &TT), First);
  // Another pair, another itab.
  const Itab *Other = assertE2I2(&KI, &MyIntM);
  ASSERT_NE(Other, nullptr);
  EXPECT_NE(Other, First);
  EXPECT_EQ(Other->Type, &MyIntM);
  EXPECT_EQ(assertE2I2(&KI, &MyIntM), Other);
}

TEST(IfaceDeathTest, AssertE2IPanics) {
  auto Code = testing::ExitedWithCode(2);
  // var x any; _ = x.(I)
  EXPECT_EXIT(assertE2I(&II, nullptr), Code,
              panicText("interface conversion: interface is nil, not main.I"));
  // var x any = 0; _ = x.(I)
  EXPECT_EXIT(assertE2I(&II, &IntK), Code,
              panicText("interface conversion: int is not main.I: missing "
                        "method M"));
  EXPECT_EXIT(assertE2I(&II, &VT), Code,
              panicText("interface conversion: main.V is not main.I: missing "
                        "method N"));
  // A method of the right name and the wrong type is missing too.
  EXPECT_EXIT(assertE2I(&II, &UT), Code,
              panicText("interface conversion: main.U is not main.I: missing "
                        "method M"));
  // The name is unqualified in the message.
  EXPECT_EXIT(assertE2I(&JI, &LibT), Code,
              panicText("interface conversion: lib.L is not main.J: missing "
                        "method m"));
}

TEST(IfaceDeathTest, AssertE2IMissingMethodOnT) {
  // type T struct{}; func (T) N(int) string; var x any = T{}; _ = x.(I)
  //   panic: interface conversion: main.T is not main.I: missing method M
  static const MethodDesc NOnly[] = {{"N", "func(int) string", (void *)tN}};
  static const TypeDesc T =
      withMethods(structOf("main.T", true, nullptr, 0, 0), NOnly, 1);
  EXPECT_EXIT(assertE2I(&II, &T), testing::ExitedWithCode(2),
              panicText("interface conversion: main.T is not main.I: missing "
                        "method M"));
}

TEST(IfaceDeathTest, PanicDotTypeE) {
  auto Code = testing::ExitedWithCode(2);
  static const TypeDesc AnyT = basic(TypeKind::Interface, 16, "interface {}");
  // var x any = "s"; _ = x.(int)
  EXPECT_EXIT(panicdottypeE(&StrK, &IntK, &AnyT), Code,
              panicText("interface conversion: interface {} is string, not "
                        "int"));
  // var x any; _ = x.(int)
  EXPECT_EXIT(panicdottypeE(nullptr, &IntK, &AnyT), Code,
              panicText("interface conversion: interface {} is nil, not int"));
  // var k K = T(1); _ = k.(MyInt)  (a non-empty interface names itself)
  EXPECT_EXIT(panicdottypeE(&TK, &MyIntK, &KI), Code,
              panicText("interface conversion: main.K is main.T, not "
                        "main.MyInt"));
  // Two types both named main.T (declared in different functions).
  EXPECT_EXIT(panicdottypeE(&TK, &TT, &AnyT), Code,
              panicText("interface conversion: interface {} is main.T, not "
                        "main.T (types from different scopes)"));
}
