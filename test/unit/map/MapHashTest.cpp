//===- MapHashTest.cpp - Hash quality, seeding and flooding resistance ----===//

#include "MapTestUtil.h"

#include <gtest/gtest.h>

#include <random>

using namespace gmtest;

namespace {

/// For NSamples random inputs of Bytes bytes, flips each input bit and checks
/// that every output bit flips with probability close to 1/2.
template <class HashOf>
void checkAvalanche(unsigned Bytes, unsigned NSamples, HashOf Hash,
                    unsigned MaxInputBits = 128) {
  std::mt19937_64 Rng(42);
  unsigned InBits = Bytes * 8 < MaxInputBits ? Bytes * 8 : MaxInputBits;
  std::vector<unsigned> Flips(size_t(InBits) * 64);
  std::vector<uint8_t> In(Bytes), Flipped(Bytes);
  for (unsigned S = 0; S < NSamples; ++S) {
    for (auto &B : In)
      B = uint8_t(Rng());
    uintptr_t Seed = Rng();
    uintptr_t H0 = Hash(In.data(), Seed);
    for (unsigned I = 0; I < InBits; ++I) {
      // Spread the sampled bits over the whole input.
      unsigned Bit = InBits == Bytes * 8 ? I : I * (Bytes * 8 / InBits);
      Flipped = In;
      Flipped[Bit / 8] ^= uint8_t(1u << (Bit % 8));
      uintptr_t D = H0 ^ Hash(Flipped.data(), Seed);
      for (unsigned O = 0; O < 64; ++O)
        Flips[size_t(I) * 64 + O] += (D >> O) & 1;
    }
  }
  double Worst = 0.5;
  for (unsigned F : Flips) {
    double P = double(F) / NSamples;
    if (std::abs(P - 0.5) > std::abs(Worst - 0.5))
      Worst = P;
  }
  // With 2000 samples the standard deviation is 0.011; 0.1 is 9 sigma.
  EXPECT_NEAR(Worst, 0.5, 0.1) << Bytes << "-byte input";
}

TEST(MapHash, AvalancheOfFixedWidthHashes) {
  checkAvalanche(8, 2000,
                 [](const void *P, uintptr_t S) { return memhash64(P, S); });
  checkAvalanche(4, 2000,
                 [](const void *P, uintptr_t S) { return memhash32(P, S); });
}

TEST(MapHash, AvalancheOfMemhash) {
  for (unsigned Len :
       {1u, 3u, 4u, 7u, 8u, 12u, 16u, 17u, 33u, 48u, 49u, 100u, 257u}) {
    unsigned L = Len;
    checkAvalanche(Len, 2000, [L](const void *P, uintptr_t S) {
      return memhash(P, S, L);
    });
  }
}

TEST(MapHash, AvalancheOfTheSeed) {
  std::mt19937_64 Rng(7);
  std::vector<unsigned> Flips(64 * 64);
  for (int S = 0; S < 2000; ++S) {
    uint64_t K = Rng();
    uintptr_t Seed = uint32_t(Rng()); // hash0 is 32 bits.
    uintptr_t H0 = memhash64(&K, Seed);
    for (unsigned I = 0; I < 32; ++I) {
      uintptr_t D = H0 ^ memhash64(&K, Seed ^ (uintptr_t(1) << I));
      for (unsigned O = 0; O < 64; ++O)
        Flips[I * 64 + O] += (D >> O) & 1;
    }
  }
  for (unsigned I = 0; I < 32 * 64; ++I)
    EXPECT_NEAR(double(Flips[I]) / 2000, 0.5, 0.1);
}

/// Chi-square of 2^16 sequential keys over bins chosen by Bin(hash).
template <class BinFn> double chiSquare(unsigned NBins, BinFn Bin) {
  std::vector<unsigned> Count(NBins);
  constexpr unsigned N = 1 << 16;
  for (uint64_t K = 0; K < N; ++K)
    ++Count[Bin(memhash64(&K, 12345))];
  double Expected = double(N) / NBins, Chi = 0;
  for (unsigned C : Count)
    Chi += (C - Expected) * (C - Expected) / Expected;
  return Chi;
}

TEST(MapHash, SequentialKeysSpreadOverBucketsAndTophashes) {
  // Low bits pick the bucket: 1023 degrees of freedom, mean 1023, sd 45.
  EXPECT_LT(chiSquare(1024, [](uintptr_t H) { return H & 1023; }), 1023 + 270);
  // The top byte is the tophash: 255 degrees of freedom, sd 22.6.
  EXPECT_LT(chiSquare(256, [](uintptr_t H) { return H >> 56; }), 255 + 140);
  // And strings.
  std::vector<unsigned> Count(1024);
  for (int I = 0; I < 1 << 16; ++I) {
    std::string S = "key" + std::to_string(I);
    GoString G = gs(S);
    ++Count[strhash(&G, 99) & 1023];
  }
  double Chi = 0;
  for (unsigned C : Count)
    Chi += (C - 64.0) * (C - 64.0) / 64.0;
  EXPECT_LT(Chi, 1023 + 270);
}

TEST(MapHash, SeedsDifferPerProcessAndPerMap) {
  for (unsigned I = 0; I < 4; ++I)
    EXPECT_EQ(gm::rt::hashKey(I) & 1, 1u) << "key words are odd";
  // Not the built-in fallback constants: getrandom ran before main.
  EXPECT_NE(gm_map_hashkey[0], 0x243f6a8885a308d3ull);
  EXPECT_NE(gm_map_hashkey[1], 0x13198a2e03707345ull);
  HMap *A = makemap_small(), *B = makemap_small(), *C = makemap_small();
  EXPECT_FALSE(A->Hash0 == B->Hash0 && B->Hash0 == C->Hash0);
  uint64_t K = 5;
  EXPECT_NE(memhash64(&K, 1), memhash64(&K, 2));
}

TEST(MapHash, InlineMixMatchesTheEntryPoints) {
  // The gm-map-inline pass computes hashes with HashMix.h; they must be the
  // runtime's.
  std::mt19937_64 Rng(3);
  for (int I = 0; I < 1000; ++I) {
    uint64_t K = Rng();
    uint32_t K32 = uint32_t(K);
    uintptr_t Seed = uint32_t(Rng());
    EXPECT_EQ(gm::rt::hashMix64(K, Seed), memhash64(&K, Seed));
    EXPECT_EQ(gm::rt::hashMix32(K32, Seed), memhash32(&K32, Seed));
  }
}

TEST(MapHash, LengthIsPartOfTheHash) {
  const uint8_t Zeros[32] = {};
  std::set<uintptr_t> Hashes;
  for (uintptr_t Len = 0; Len <= 32; ++Len)
    Hashes.insert(memhash(Zeros, 1, Len));
  EXPECT_EQ(Hashes.size(), 33u);
  GoString Empty{nullptr, 0};
  EXPECT_EQ(strhash(&Empty, 1), memhash(Zeros, 1, 0));
}

TEST(MapHash, EqualityPrimitives) {
  uint64_t A = 1, B = 1, C = 2;
  EXPECT_TRUE(memequal64(&A, &B));
  EXPECT_FALSE(memequal64(&A, &C));
  uint32_t X = 1, Y = 1, Z = 3;
  EXPECT_TRUE(memequal32(&X, &Y));
  EXPECT_FALSE(memequal32(&X, &Z));
  EXPECT_TRUE(memequal("abc", "abd", 2));
  EXPECT_FALSE(memequal("abc", "abd", 3));
  // An empty string's data may be null: `s == ""` compares zero bytes
  // through memequal (UBSan's nonnull check for memcmp, under -L sanitizers).
  EXPECT_TRUE(memequal(nullptr, "x", 0));
  std::string S1 = "hello", S2 = "hello", S3 = "hellO", S4 = "hell";
  GoString G1 = gs(S1), G2 = gs(S2), G3 = gs(S3), G4 = gs(S4);
  GoString E1{nullptr, 0}, E2{reinterpret_cast<const uint8_t *>("x"), 0};
  EXPECT_TRUE(strequal(&G1, &G2));
  EXPECT_FALSE(strequal(&G1, &G3));
  EXPECT_FALSE(strequal(&G1, &G4));
  EXPECT_TRUE(strequal(&E1, &E2));
}

TEST(MapHash, FloodingWithKeysCollidingUnderOneSeedDoesNotHurtOtherMaps) {
  // An attacker who knew a map's seed could pick keys that all share the low
  // 11 bits of their hash: find 10K such keys for seed 12345.
  constexpr uintptr_t FixedSeed = 12345;
  std::vector<int64_t> Keys;
  for (int64_t K = 0; Keys.size() < 10000; ++K)
    if ((memhash64(&K, FixedSeed) & 2047) == 0)
      Keys.push_back(K);

  // Under that seed they pile into one chain...
  HMap *Victim = makemap_small();
  Victim->Hash0 = uint32_t(FixedSeed);
  for (int64_t K : Keys)
    put(Victim, K, K);
  MapStats VS = stats(Int64Map, Victim);
  EXPECT_GE(VS.ChainLengthHistogram[7], 1);
  EXPECT_GT(VS.OverflowBuckets, 1000);

  // ...but a map with its own random seed spreads them as well as any keys.
  HMap *H = makemap_small();
  ASSERT_NE(H->Hash0, uint32_t(FixedSeed));
  for (int64_t K : Keys)
    put(H, K, K);
  MapStats S = stats(Int64Map, H);
  EXPECT_EQ(S.B, 11);
  for (int I = 3; I < 8; ++I)
    EXPECT_EQ(S.ChainLengthHistogram[I], 0) << "chain of " << I + 1;
  EXPECT_LT(S.OverflowBuckets, S.Buckets / 5);
  for (int64_t K : Keys)
    ASSERT_EQ(get(H, K), K);
}

} // namespace
