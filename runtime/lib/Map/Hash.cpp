//===- Hash.cpp - Key hashing and equality for the map --------------------===//
//
// Go's alg.go and hash64.go for gm: the hash and equality primitives from
// which gmc builds every key type's MapType::Hasher and MapType::Equal.
//
// Every hash takes a per-map seed (HMap::Hash0) and mixes in a per-process
// random key (gm_map_hashkey, see HashMix.h), so an attacker who does not
// know both cannot choose keys that collide (hash flooding).
//
//   memhash32/64   HashMix.h: two folded 64x64->128 multiplies.
//   memhash        hashBytes below: wyhash/rapidhash-class, three independent
//   strhash          lanes of folded multiplies over 48-byte blocks, and
//                    overlapping loads for short inputs (no byte loops).
//   f32hash/f64hash  +0 and -0 hash alike; NaN hashes to a random value, so
//                    NaN keys spread out instead of piling into one chain.
//
// Also here: the per-thread fastrand generator (wyrand) used by the map for
// seeds, iterator start positions and NaN hashes.
//
//===----------------------------------------------------------------------===//

#include "Map/MapInternal.h"

#include <sys/random.h>

#include <cmath>
#include <cstring>

using namespace gm::abi;

/// Fixed odd constants (digits of pi) until seedHashKey runs. C linkage comes
/// from the declaration in HashMix.h.
uint64_t gm_map_hashkey[4] = {0x243f6a8885a308d3ull, 0x13198a2e03707345ull,
                              0xa4093822299f31d1ull, 0x082efa98ec4e6c89ull | 1};

namespace {

void fillRandom(void *Buf, size_t Len) {
  auto *P = static_cast<uint8_t *>(Buf);
  while (Len) {
    ssize_t N = getrandom(P, Len, 0);
    if (N <= 0)
      break; // Keep whatever is there: still valid, just not secret.
    P += N;
    Len -= static_cast<size_t>(N);
  }
}

/// Priority 101: before the static initialisers of any other translation unit
/// (which might build maps).
__attribute__((constructor(101))) void seedHashKey() {
  uint64_t Key[4];
  std::memcpy(Key, gm_map_hashkey, sizeof Key);
  fillRandom(Key, sizeof Key);
  for (uint64_t &W : Key)
    W |= 1;
  std::memcpy(gm_map_hashkey, Key, sizeof Key);
}

struct RandState {
  uint64_t S = 0;
  bool Seeded = false;
};
thread_local RandState Rand;

} // namespace

namespace gm::rt::maps {

uint64_t fastrand64() {
  RandState &R = Rand;
  if (__builtin_expect(!R.Seeded, 0)) {
    fillRandom(&R.S, sizeof R.S);
    R.S ^= reinterpret_cast<uintptr_t>(&R); // Distinct even if getrandom fails.
    R.Seeded = true;
  }
  // wyrand: a Weyl sequence through one folded multiply.
  R.S += 0xa0761d6478bd642full;
  return foldedMultiply(R.S, R.S ^ 0xe7037ed1a0b428dbull);
}

uint32_t fastrand() { return static_cast<uint32_t>(fastrand64() >> 32); }

uintptr_t hashBytes(const void *Data, uintptr_t Len, uintptr_t Seed) {
  const uint8_t *P = static_cast<const uint8_t *>(Data);
  const uint64_t *K = gm_map_hashkey;
  uint64_t S = foldedMultiply(Seed ^ K[0], K[1]) ^ Len;
  uint64_t A, B;
  if (Len <= 16) {
    if (Len >= 4) {
      // Two overlapping pairs of 4-byte loads cover 4..16 bytes.
      uintptr_t Mid = (Len >> 3) << 2;
      A = (uint64_t(load32(P)) << 32) | load32(P + Mid);
      B = (uint64_t(load32(P + Len - 4)) << 32) | load32(P + Len - 4 - Mid);
    } else if (Len > 0) {
      A = (uint64_t(P[0]) << 16) | (uint64_t(P[Len >> 1]) << 8) | P[Len - 1];
      B = 0;
    } else {
      A = B = 0;
    }
  } else {
    uintptr_t I = Len;
    if (I > 48) {
      uint64_t S1 = S, S2 = S;
      do {
        S = foldedMultiply(load64(P) ^ K[1], load64(P + 8) ^ S);
        S1 = foldedMultiply(load64(P + 16) ^ K[2], load64(P + 24) ^ S1);
        S2 = foldedMultiply(load64(P + 32) ^ K[3], load64(P + 40) ^ S2);
        P += 48;
        I -= 48;
      } while (I > 48);
      S ^= S1 ^ S2;
    }
    if (I > 16) {
      S = foldedMultiply(load64(P) ^ K[2], load64(P + 8) ^ S);
      if (I > 32)
        S = foldedMultiply(load64(P + 16) ^ K[2], load64(P + 24) ^ S);
    }
    // The last 16 bytes, overlapping what came before.
    A = load64(P + I - 16);
    B = load64(P + I - 8);
  }
  A ^= K[1];
  B ^= S;
  __uint128_t M = static_cast<__uint128_t>(A) * B;
  A = static_cast<uint64_t>(M);
  B = static_cast<uint64_t>(M >> 64);
  return static_cast<uintptr_t>(foldedMultiply(A ^ K[0] ^ Len, B ^ K[1]));
}

} // namespace gm::rt::maps

namespace gm::rt {
using namespace maps;

uintptr_t memhash(const void *P, uintptr_t Seed, uintptr_t Size) {
  return hashBytes(P, Size, Seed);
}

uintptr_t memhash32(const void *P, uintptr_t Seed) {
  uint32_t V;
  std::memcpy(&V, P, 4);
  return hashMix32(V, Seed);
}

uintptr_t memhash64(const void *P, uintptr_t Seed) {
  uint64_t V;
  std::memcpy(&V, P, 8);
  return hashMix64(V, Seed);
}

uintptr_t strhash(const void *P, uintptr_t Seed) {
  const auto *S = static_cast<const GoString *>(P);
  return hashBytes(S->Data, static_cast<uintptr_t>(S->Len), Seed);
}

uintptr_t f32hash(const void *P, uintptr_t Seed) {
  float F;
  std::memcpy(&F, P, 4);
  if (F == 0)
    return hashMix32(0, Seed); // +0 and -0.
  if (F != F)
    return hashMix64(fastrand64(), Seed); // NaN: random.
  uint32_t V;
  std::memcpy(&V, &F, 4);
  return hashMix32(V, Seed);
}

uintptr_t f64hash(const void *P, uintptr_t Seed) {
  double F;
  std::memcpy(&F, P, 8);
  if (F == 0)
    return hashMix64(0, Seed); // +0 and -0.
  if (F != F)
    return hashMix64(fastrand64(), Seed); // NaN: random.
  uint64_t V;
  std::memcpy(&V, &F, 8);
  return hashMix64(V, Seed);
}

bool memequal(const void *A, const void *B, uintptr_t Size) {
  return bytesEqual(A, B, Size);
}

bool memequal32(const void *A, const void *B) {
  uint32_t X, Y;
  std::memcpy(&X, A, 4);
  std::memcpy(&Y, B, 4);
  return X == Y;
}

bool memequal64(const void *A, const void *B) {
  uint64_t X, Y;
  std::memcpy(&X, A, 8);
  std::memcpy(&Y, B, 8);
  return X == Y;
}

bool strequal(const void *A, const void *B) {
  return stringsEqual(*static_cast<const GoString *>(A),
                      *static_cast<const GoString *>(B));
}

bool f32equal(const void *A, const void *B) {
  float X, Y;
  std::memcpy(&X, A, 4);
  std::memcpy(&Y, B, 4);
  return X == Y;
}

bool f64equal(const void *A, const void *B) {
  double X, Y;
  std::memcpy(&X, A, 8);
  std::memcpy(&Y, B, 8);
  return X == Y;
}

} // namespace gm::rt
