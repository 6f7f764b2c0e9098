//===- ConstantValueTest.cpp - exact constant arithmetic ------------------===//

#include "gm/lang/AST/ConstantValue.h"
#include "LangTestUtil.h"
#include "gm/lang/AST/Type.h"
#include "gtest/gtest.h"

using namespace gm::lang;
using namespace gm::lang::test;

namespace {

TEST(ConstantValueTest, Representable) {
  TypeContext Ctx;
  ConstantValue R;
  EXPECT_TRUE(
      ConstantValue::getInt(255).representable(Ctx.getBasic(Type::Uint8), R));
  EXPECT_FALSE(
      ConstantValue::getInt(256).representable(Ctx.getBasic(Type::Uint8), R));
  EXPECT_FALSE(
      ConstantValue::getInt(-1).representable(Ctx.getBasic(Type::Uint64), R));
  EXPECT_TRUE(
      ConstantValue::getInt(-128).representable(Ctx.getBasic(Type::Int8), R));
  EXPECT_FALSE(
      ConstantValue::getInt(128).representable(Ctx.getBasic(Type::Int8), R));
  bool Truncated = false;
  llvm::APFloat Half(llvm::APFloat::IEEEquad(), "1.5");
  EXPECT_FALSE(ConstantValue::getFloat(Half).representable(Ctx.getIntType(), R,
                                                           &Truncated));
  EXPECT_TRUE(Truncated);
  llvm::APFloat Two(llvm::APFloat::IEEEquad(), "2.0");
  ASSERT_TRUE(ConstantValue::getFloat(Two).representable(Ctx.getIntType(), R));
  EXPECT_TRUE(R.isInt());
  EXPECT_EQ(R.getInt().getSExtValue(), 2);
  llvm::APFloat Huge(llvm::APFloat::IEEEquad(), "1e400");
  EXPECT_FALSE(ConstantValue::getFloat(Huge).representable(
      Ctx.getBasic(Type::Float64), R));
  // float32 rounding.
  llvm::APFloat Third(llvm::APFloat::IEEEquad(), "0.1");
  ASSERT_TRUE(ConstantValue::getFloat(Third).representable(
      Ctx.getBasic(Type::Float32), R));
  EXPECT_EQ(&R.getFloat().getSemantics(), &llvm::APFloat::IEEEsingle());
}

TEST(ConstantValueTest, ExactIntegerArithmetic) {
  bool DivZ, Ov;
  // 1 << 100 >> 98 == 4 exactly.
  ConstantValue Big =
      ConstantValue::shift(tok::shl, ConstantValue::getInt(1), 100, Ov);
  ASSERT_FALSE(Ov);
  ConstantValue Back = ConstantValue::shift(tok::shr, Big, 98, Ov);
  EXPECT_EQ(Back.getInt().getSExtValue(), 4);
  ConstantValue Sum = ConstantValue::binaryOp(
      tok::minus, Big, ConstantValue::getInt(1), DivZ, Ov);
  EXPECT_EQ(Sum.toString(), "1267650600228229401496703205375");
  // Truncating division and remainder, as Go.
  EXPECT_EQ(ConstantValue::binaryOp(tok::slash, ConstantValue::getInt(-7),
                                    ConstantValue::getInt(2), DivZ, Ov)
                .getInt()
                .getSExtValue(),
            -3);
  EXPECT_EQ(ConstantValue::binaryOp(tok::percent, ConstantValue::getInt(-7),
                                    ConstantValue::getInt(2), DivZ, Ov)
                .getInt()
                .getSExtValue(),
            -1);
  EXPECT_FALSE(ConstantValue::binaryOp(tok::slash, ConstantValue::getInt(1),
                                       ConstantValue::getInt(0), DivZ, Ov)
                   .isValid());
  EXPECT_TRUE(DivZ);
  // Beyond 512 bits: overflow.
  ConstantValue TooBig =
      ConstantValue::shift(tok::shl, ConstantValue::getInt(1), 600, Ov);
  EXPECT_TRUE(Ov);
  EXPECT_FALSE(TooBig.isValid());
}

TEST(ConstantValueTest, UnsignedComplement) {
  bool Ov;
  // ^uint8(1) == 254, ^1 == -2 for untyped/signed.
  EXPECT_EQ(ConstantValue::unaryOp(tok::caret, ConstantValue::getInt(1), 8, Ov)
                .getInt()
                .getSExtValue(),
            254);
  EXPECT_EQ(ConstantValue::unaryOp(tok::caret, ConstantValue::getInt(1), 0, Ov)
                .getInt()
                .getSExtValue(),
            -2);
}

TEST(ConstantValueTest, FloatExactness) {
  bool DivZ, Ov;
  // 0.1 + 0.2 == 0.3 holds for Go's exact constants (not for float64).
  auto F = [](const char *S) {
    return ConstantValue::getFloat(llvm::APFloat(llvm::APFloat::IEEEquad(), S));
  };
  ConstantValue Sum =
      ConstantValue::binaryOp(tok::plus, F("0.1"), F("0.2"), DivZ, Ov);
  ConstantValue R1, R2;
  TypeContext Ctx;
  ASSERT_TRUE(Sum.representable(Ctx.getBasic(Type::Float64), R1));
  ASSERT_TRUE(F("0.3").representable(Ctx.getBasic(Type::Float64), R2));
  EXPECT_TRUE(R1.getFloat().bitwiseIsEqual(R2.getFloat()));
  EXPECT_EQ(F("1e400").toString(), "1e+400");
  EXPECT_EQ(F("1.5").toString(), "1.5");
}

ConstantValue lit(const char *S) {
  ConstantValue V = ConstantValue::getFloatFromLiteral(S);
  EXPECT_TRUE(V.isValid()) << S;
  return V;
}

ConstantValue op(tok::TokenKind Op, const ConstantValue &L,
                 const ConstantValue &R) {
  bool DivZ = false, Ov = false;
  ConstantValue V =
      ConstantValue::binaryOp(Op, L.toFloat(), R.toFloat(), DivZ, Ov);
  EXPECT_FALSE(DivZ);
  EXPECT_FALSE(Ov);
  return V;
}

/// The float64 (or float32) bits of V as Go rounds it when it is assigned.
uint64_t bits(const ConstantValue &V, Type::Kind K = Type::Float64) {
  TypeContext Ctx;
  ConstantValue R;
  EXPECT_TRUE(V.representable(Ctx.getBasic(K), R));
  return R.getFloat().bitcastToAPInt().getZExtValue();
}

// Expected values are what Go 1.19 prints for math.Float64bits(x) with
// `var x float64 = <constant>`.
TEST(ConstantValueTest, ExactRationals) {
  ConstantValue Sum = op(tok::plus, lit("0.1"), lit("0.2"));
  EXPECT_TRUE(ConstantValue::compare(tok::equalequal, Sum, lit("0.3")));
  EXPECT_TRUE(Sum == lit("0.3"));
  EXPECT_TRUE(Sum.getDenominator() == 10u);
  EXPECT_TRUE(Sum.getNumerator() == 3u);
  // 1/3*3 == 1, from ints promoted to floats.
  ConstantValue Third =
      op(tok::slash, ConstantValue::getInt(1), ConstantValue::getInt(3));
  ConstantValue One = op(tok::star, Third, ConstantValue::getInt(3));
  EXPECT_TRUE(ConstantValue::compare(tok::equalequal, One,
                                     ConstantValue::getInt(1).toFloat()));
  ConstantValue IV = One.toIntExact();
  ASSERT_TRUE(IV.isInt());
  EXPECT_EQ(IV.getInt().getSExtValue(), 1);
  EXPECT_FALSE(Third.toIntExact().isValid());
  // Ordering and signs.
  EXPECT_TRUE(ConstantValue::compare(tok::less, lit("0.1"), Third));
  bool Ov;
  ConstantValue NegThird = ConstantValue::unaryOp(tok::minus, Third, 0, Ov);
  EXPECT_TRUE(ConstantValue::compare(tok::less, NegThird, lit("0.1")));
  EXPECT_TRUE(op(tok::plus, NegThird, Third).isZero());
  EXPECT_EQ(op(tok::minus, lit("0.25"), lit("1")).toString(), "-0.75");
  // Literal forms.
  EXPECT_TRUE(lit("0x1p-2") == lit("0.25"));
  EXPECT_TRUE(lit("0x_1.8p1") == lit("3"));
  EXPECT_TRUE(lit("1_000.5e-1") == lit("100.05"));
  EXPECT_TRUE(lit(".5") == lit("5e-1"));
  EXPECT_TRUE(lit("0.0").isZero());
  EXPECT_FALSE(ConstantValue::getFloatFromLiteral("1e1000000").isValid());
}

TEST(ConstantValueTest, BigExponents) {
  bool DivZ = false, Ov = false;
  // Far outside float64 and quad range, still exact.
  ConstantValue Big = op(tok::star, lit("1e300"), lit("1e300"));
  EXPECT_EQ(Big.toString(), "1e+600");
  EXPECT_TRUE(op(tok::slash, Big, lit("1e300")) == lit("1e300"));
  EXPECT_TRUE(op(tok::star, lit("1e-400"), lit("1e400")) ==
              ConstantValue::getInt(1).toFloat());
  // Beyond MaxRatBits go/constant works in 512-bit floats; Go 1.19 says
  // true to all of these.
  EXPECT_TRUE(op(tok::slash, lit("1e5000"), lit("1e4999")) == lit("10"));
  EXPECT_TRUE(op(tok::slash, lit("1e1300"), lit("1e1299")) == lit("10"));
  EXPECT_TRUE(op(tok::star, lit("1e1300"), lit("1e-1300")) == lit("1"));
  EXPECT_TRUE(
      op(tok::minus, op(tok::plus, lit("1e1300"), lit("1")), lit("1e1300"))
          .isZero());
  EXPECT_TRUE(op(tok::star, op(tok::slash, lit("1e1300"), lit("3")),
                 lit("3")) == lit("1e1300"));
  EXPECT_TRUE(op(tok::star, op(tok::slash, lit("1e600"), lit("3")), lit("3")) ==
              lit("1e600"));
  EXPECT_EQ(lit("1e5000").toString(), "1e+5000");
  EXPECT_EQ(
      ConstantValue::unaryOp(tok::minus, lit("2.5e-5000"), 0, Ov).toString(),
      "-2.5e-5000");
  // Beyond float64: not representable, whatever the rounding.
  TypeContext Ctx;
  ConstantValue R;
  EXPECT_FALSE(Big.representable(Ctx.getBasic(Type::Float64), R));
  EXPECT_FALSE(lit("1e39").representable(Ctx.getBasic(Type::Float32), R));
  // Tiny values round to zero in float64 but are not zero constants.
  ConstantValue Tiny = lit("1e-5000");
  EXPECT_FALSE(Tiny.isZero());
  EXPECT_EQ(bits(Tiny), 0u);
  EXPECT_EQ(Tiny.toString(), "1e-5000");
  ConstantValue Inv =
      ConstantValue::binaryOp(tok::slash, lit("1").toFloat(), Tiny, DivZ, Ov);
  EXPECT_FALSE(DivZ);
  EXPECT_TRUE(Inv == lit("1e5000"));
  // Exponents beyond MaxExpBits are constant overflow.
  ConstantValue Huge = lit("1e9000");
  Huge = ConstantValue::binaryOp(tok::star, Huge, Huge, DivZ, Ov);
  ASSERT_FALSE(Ov);
  Huge = ConstantValue::binaryOp(tok::star, Huge, Huge, DivZ, Ov);
  EXPECT_TRUE(Ov);
  EXPECT_FALSE(Huge.isValid());
}

TEST(ConstantValueTest, CorrectRounding) {
  EXPECT_EQ(bits(lit("0.1")), 0x3FB999999999999AULL);
  EXPECT_EQ(bits(lit("0.1"), Type::Float32), 0x3DCCCCCDULL);
  // Ties to even: 1 + 2^-53 -> 1; 1 + 3*2^-53 -> 1 + 2^-51.
  EXPECT_EQ(bits(lit("0x1.00000000000008p0")), 0x3FF0000000000000ULL);
  EXPECT_EQ(bits(lit("0x1.00000000000018p0")), 0x3FF0000000000002ULL);
  // Just above the tie, by far less than a quad ulp: rounding through quad
  // would give 1.0 (double rounding); Go gives 1 + 2^-52.
  ConstantValue AboveTie =
      op(tok::plus, lit("0x1.00000000000008p0"), lit("0x1p-150"));
  EXPECT_EQ(bits(AboveTie), 0x3FF0000000000001ULL);
  // Subnormals: 2^-1075 is a tie between 0 and 2^-1074.
  EXPECT_EQ(bits(lit("0x1p-1075")), 0u);
  EXPECT_EQ(bits(lit("0x1.8p-1075")), 1u);
  EXPECT_EQ(bits(lit("4.9406564584124654e-324")), 1u);
  // float32: 16777217 is a tie between 16777216 and 16777218.
  EXPECT_EQ(bits(lit("16777217.0"), Type::Float32), 0x4B800000ULL);
  EXPECT_EQ(bits(lit("16777219.0"), Type::Float32), 0x4B800002ULL);
  // The largest values round down; beyond half an ulp they overflow.
  EXPECT_EQ(bits(lit("0x1.fffffffffffffp1023")), 0x7FEFFFFFFFFFFFFFULL);
  EXPECT_EQ(bits(lit("0x1.fffffffffffff7p1023")), 0x7FEFFFFFFFFFFFFFULL);
  TypeContext Ctx;
  ConstantValue R;
  EXPECT_FALSE(lit("0x1.fffffffffffff8p1023")
                   .representable(Ctx.getBasic(Type::Float64), R));
  // Typed float64 constants hold the rounded value: float64(0.1) +
  // float64(0.2) is their exact sum rounded once more (Go prints
  // 0.30000000000000004 for it).
  ConstantValue R2;
  ASSERT_TRUE(lit("0.1").representable(Ctx.getBasic(Type::Float64), R));
  ASSERT_TRUE(lit("0.2").representable(Ctx.getBasic(Type::Float64), R2));
  EXPECT_FALSE(R == lit("0.1"));
  EXPECT_EQ(bits(op(tok::plus, R, R2)), 0x3FD3333333333334ULL);
  EXPECT_EQ(bits(op(tok::plus, R, lit("0.2"))), 0x3FD3333333333333ULL);
}

TEST(ConstantValueTest, FloatToInteger) {
  TypeContext Ctx;
  ConstantValue R;
  bool Truncated = false;
  EXPECT_FALSE(lit("2.5").representable(Ctx.getIntType(), R, &Truncated));
  EXPECT_TRUE(Truncated);
  // Go reports every failing float -> integer constant as truncated.
  Truncated = false;
  EXPECT_FALSE(
      lit("300.0").representable(Ctx.getBasic(Type::Uint8), R, &Truncated));
  EXPECT_TRUE(Truncated);
  Truncated = false;
  EXPECT_FALSE(lit("1e100").representable(Ctx.getIntType(), R, &Truncated));
  EXPECT_TRUE(Truncated);
  ASSERT_TRUE(lit("1e18").representable(Ctx.getBasic(Type::Int64), R));
  EXPECT_EQ(R.getInt().getSExtValue(), 1000000000000000000LL);
  bool Ov = false;
  ConstantValue MinI64 =
      ConstantValue::unaryOp(tok::minus, lit("0x1p63"), 0, Ov);
  ASSERT_TRUE(MinI64.representable(Ctx.getBasic(Type::Int64), R));
  EXPECT_EQ(R.getInt().getSExtValue(), INT64_MIN);
  EXPECT_FALSE(lit("0x1p63").representable(Ctx.getBasic(Type::Int64), R));
  ASSERT_TRUE(lit("0x1p63").representable(Ctx.getBasic(Type::Uint64), R));
  // An int promoted to float and back is exact at any size.
  bool Ovf = false;
  ConstantValue Big =
      ConstantValue::shift(tok::shl, ConstantValue::getInt(3), 400, Ovf);
  ConstantValue Back = Big.toFloat().toIntExact();
  ASSERT_TRUE(Back.isInt());
  EXPECT_TRUE(Back.getInt() == Big.getInt());
}

// Go: "constant 300 overflows uint8" / "cannot use 300 (untyped int
// constant) as uint8 value in variable declaration (overflows)".
TEST(ConstantValueTest, OverflowDiagnostics) {
  EXPECT_EQ(checkBody("var u uint8 = 300\n_ = u"),
            "cannot use 300 (untyped int constant) as uint8 value in variable "
            "declaration (overflows)\n");
  EXPECT_EQ(checkBody("const c uint8 = 255\n_ = c + 1"),
            "c + 1 (constant 256 of type uint8) overflows uint8\n");
  EXPECT_EQ(checkBody("_ = uint8(300)"),
            "cannot convert 300 (untyped int constant) to type uint8\n");
  EXPECT_EQ(checkBody("var x uint8\n_ = x + 300"),
            "300 (untyped int constant) overflows uint8\n");
  EXPECT_EQ(checkBody("_ = 1 << 600"), "constant shift overflow\n");
  EXPECT_EQ(checkBody("var i int = 1.5\n_ = i"),
            "cannot use 1.5 (untyped float constant) as int value in variable "
            "declaration (truncated)\n");
  EXPECT_EQ(checkBody("const big = 1 << 100\nvar i int = big >> 98\n_ = i"),
            "");
  EXPECT_EQ(checkBody("_ = 1 / 0"), "invalid operation: division by zero\n");
  // Go 1.19's wording for float constants converted to integers.
  EXPECT_EQ(checkBody("var b uint8 = 300.0\n_ = b"),
            "cannot use 300.0 (untyped float constant 300) as uint8 value in "
            "variable declaration (truncated)\n");
  EXPECT_EQ(checkBody("_ = int(2.5)"),
            "cannot convert 2.5 (untyped float constant) to type int\n");
  EXPECT_EQ(checkBody("_ = int64(1e19)"),
            "cannot convert 1e19 (untyped float constant "
            "10000000000000000000) to type int64\n");
  EXPECT_EQ(checkBody("_ = 1.0 / 0.0"),
            "invalid operation: division by zero\n");
  EXPECT_EQ(checkBody("const c = 1 / 1e-5000\n_ = c / 1e5000"), "");
}

} // namespace
