//===- ConstantValueTest.cpp - exact constant arithmetic ------------------===//

#include "gm/lang/ConstantValue.h"
#include "LangTestUtil.h"
#include "gm/lang/Type.h"
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
}

} // namespace
