//===- HashMix.h - The map's 32/64-bit key hash, inlinable ------*- C++ -*-===//
//
// The hash of 4- and 8-byte keys (memhash32/memhash64), as inline functions.
// Two parties compute it and must agree bit for bit:
//
//   * the runtime (Hash.cpp defines runtime.memhash32/64 on top of these), and
//   * the gm-map-inline pass, whose fast path is compiled from C++ that
//     includes this header.
//
// This header is self-contained: it depends only on gm/runtime/ABI.h (for the
// fixed-width types) and on one global, the per-process hash key.
//
// The per-process seed
// --------------------
//   extern "C" uint64_t gm_map_hashkey[4];
// is defined in Hash.cpp. It is filled from getrandom(2) by a constructor that
// runs before main (priority 101, before ordinary static initialisers), and
// never changes afterwards. Every word is odd (the low bit is forced to 1) so
// that multiplying by it never collapses to zero. Read it directly, or through
// gm::rt::hashKey(I). Until the constructor runs it holds fixed, valid
// constants, so hashing before main is well defined (just not secret).
//
// The per-map seed is HMap::Hash0, passed widened to uintptr_t, exactly as Go
// passes uintptr(h.hash0) to t.hasher.
//
// The mix
// -------
// foldedMultiply(A, B) is the 128-bit product of A and B with its two halves
// xored together (the "mum" of wyhash/rapidhash). Two rounds of it spread
// every input bit over every output bit, so both the low bits (the bucket
// index) and the top byte (the tophash) are well distributed:
//
//   H1 = fold((V ^ K[0]), (Seed ^ K[1]))
//   H  = fold((H1 ^ K[2]), (Width ^ K[3]))      Width = 4 or 8
//
// That is two MULs, a few XORs and no branches.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_MAP_HASHMIX_H
#define GM_RUNTIME_MAP_HASHMIX_H

#include "gm/runtime/ABI.h"

/// The per-process hash key; see the file comment.
/// Hidden: it is always linked statically into the program, so the runtime
/// and inlined fast paths load it PC-relative instead of through the GOT.
extern "C" __attribute__((visibility("hidden")))
uint64_t gm_map_hashkey[4] asm(GM_MAP_HASHKEY_SYMBOL);

namespace gm::rt {

/// Word I (0..3) of the per-process hash key.
inline uint64_t hashKey(unsigned I) { return gm_map_hashkey[I & 3]; }

/// The 128-bit product of A and B, high and low halves xored together.
inline uint64_t foldedMultiply(uint64_t A, uint64_t B) {
  __uint128_t P = static_cast<__uint128_t>(A) * B;
  return static_cast<uint64_t>(P) ^ static_cast<uint64_t>(P >> 64);
}

/// The hash of the 8-byte key V under the per-map seed Seed (memhash64).
inline uintptr_t hashMix64(uint64_t V, uintptr_t Seed) {
  uint64_t H = foldedMultiply(V ^ gm_map_hashkey[0], Seed ^ gm_map_hashkey[1]);
  return static_cast<uintptr_t>(
      foldedMultiply(H ^ gm_map_hashkey[2], 8 ^ gm_map_hashkey[3]));
}

/// The hash of the 4-byte key V under the per-map seed Seed (memhash32).
/// The key is duplicated into both halves so it meets both multiplicand halves.
inline uintptr_t hashMix32(uint32_t V, uintptr_t Seed) {
  uint64_t W = (static_cast<uint64_t>(V) << 32) | V;
  uint64_t H = foldedMultiply(W ^ gm_map_hashkey[0], Seed ^ gm_map_hashkey[1]);
  return static_cast<uintptr_t>(
      foldedMultiply(H ^ gm_map_hashkey[2], 4 ^ gm_map_hashkey[3]));
}

} // namespace gm::rt

#endif // GM_RUNTIME_MAP_HASHMIX_H
