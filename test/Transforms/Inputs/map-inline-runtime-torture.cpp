//===- map-inline-runtime-torture.cpp - Inlined fast paths on the runtime -===//
//
// A gm-like program (it defines main.main and links gmrt_main) that drives
// maps through the fast-path entry points across growth, heavy deletion,
// reinsertion and iteration while writing, and prints a transcript. Run with
// and without gm-map-inline (map-inline-exec-runtime.test), the transcripts
// must be identical: the inlined code and the runtime agree on every hash,
// bucket and decision.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include <cstdio>
#include <cstring>

using namespace gm::abi;
namespace rt = gm::rt;

namespace {

const MapType I64Map = {rt::memhash64,
                        rt::memequal64,
                        nullptr,
                        nullptr,
                        8,
                        8,
                        8,
                        8,
                        uint16_t(bucketSize(8, 8)),
                        MapReflexiveKey,
                        0,
                        {}};
const MapType I32Map = {rt::memhash32,
                        rt::memequal32,
                        nullptr,
                        nullptr,
                        4,
                        4,
                        4,
                        4,
                        uint16_t(bucketSize(4, 4)),
                        MapReflexiveKey,
                        0,
                        {}};
const MapType PtrMap = {rt::memhash64,
                        rt::memequal64,
                        nullptr,
                        nullptr,
                        8,
                        8,
                        8,
                        8,
                        uint16_t(bucketSize(8, 8)),
                        MapReflexiveKey,
                        1,
                        {}};

uint64_t keyOf(uint64_t I) { return I * 0x9e3779b97f4a7c15ull ^ (I >> 3); }

int64_t get64(void *P) {
  int64_t V;
  std::memcpy(&V, P, 8);
  return V;
}

/// Only what does not depend on the random hash seeds (overflow counts and
/// evacuation progress do).
void report(const char *What, const MapType *T, HMap *H) {
  MapStats S;
  rt::mapstats(T, H, &S);
  std::printf("%s: count=%lld B=%lld\n", What, (long long)S.Count,
              (long long)S.B);
}

void int64Map() {
  const int N = 20000;
  HMap *M = rt::makemap(&I64Map, 0, nullptr);
  long long Growths = 0;
  int64_t LastB = -1;
  for (int I = 0; I < N; ++I) {
    int64_t V = int64_t(I) * 3;
    std::memcpy(rt::mapassign_fast64(&I64Map, M, keyOf(I)), &V, 8);
    if (M->B != LastB) {
      ++Growths;
      LastB = M->B;
    }
  }
  std::printf("int64 inserted, B changed %lld times\n", Growths);
  report("int64 after insert", &I64Map, M);

  long long Hits = 0, Bad = 0, Sum = 0;
  for (int I = 0; I < N; ++I) {
    int64_t V = get64(rt::mapaccess1_fast64(&I64Map, M, keyOf(I)));
    MapAccess2Result R = rt::mapaccess2_fast64(&I64Map, M, keyOf(I));
    Hits += R.Ok;
    Bad += V != int64_t(I) * 3 || get64(R.Elem) != V;
    Sum += V;
  }
  for (int I = N; I < 2 * N; ++I) {
    MapAccess2Result R = rt::mapaccess2_fast64(&I64Map, M, keyOf(I));
    Bad += R.Ok || get64(R.Elem) != 0 ||
           get64(rt::mapaccess1_fast64(&I64Map, M, keyOf(I))) != 0;
  }
  std::printf("int64 lookups: hits=%lld bad=%lld sum=%lld\n", Hits, Bad, Sum);

  // Delete two thirds, check, then reinsert into the holes.
  for (int I = 0; I < N; ++I)
    if (I % 3)
      rt::mapdelete_fast64(&I64Map, M, keyOf(I));
  Hits = Bad = 0;
  for (int I = 0; I < N; ++I) {
    MapAccess2Result R = rt::mapaccess2_fast64(&I64Map, M, keyOf(I));
    Hits += R.Ok;
    Bad += R.Ok != (I % 3 == 0);
  }
  report("int64 after delete", &I64Map, M);
  std::printf("int64 after delete: hits=%lld bad=%lld\n", Hits, Bad);
  for (int I = 0; I < N; I += 2) {
    int64_t V = -I;
    std::memcpy(rt::mapassign_fast64(&I64Map, M, keyOf(I)), &V, 8);
  }
  Bad = 0;
  for (int I = 0; I < N; ++I) {
    int64_t Want = I % 2 == 0 ? -I : I % 3 == 0 ? I * 3 : 0;
    Bad += get64(rt::mapaccess1_fast64(&I64Map, M, keyOf(I))) != Want;
  }
  report("int64 after reinsert", &I64Map, M);
  std::printf("int64 after reinsert: bad=%lld\n", Bad);

  // Iterate while overwriting every entry and adding new ones.
  HIter It;
  std::memset(&It, 0, sizeof(It));
  long long Seen = 0, AtStart = M->Count;
  int Added = 0;
  for (rt::mapiterinit(&I64Map, M, &It); It.Key; rt::mapiternext(&It)) {
    uint64_t K;
    std::memcpy(&K, It.Key, 8);
    int64_t V = get64(It.Elem) + 1;
    std::memcpy(rt::mapassign_fast64(&I64Map, M, K), &V, 8);
    if (Added < 5000) {
      int64_t Z = 7;
      std::memcpy(rt::mapassign_fast64(&I64Map, M, keyOf(3 * N + Added++)), &Z,
                  8);
    }
    ++Seen;
  }
  // Every entry present at the start is produced; new ones may be.
  std::printf("int64 iterate-while-writing: seen >= entries at start: %s\n",
              Seen >= AtStart ? "yes" : "no");
  Bad = 0;
  for (int I = 0; I < Added; ++I)
    Bad += get64(rt::mapaccess1_fast64(&I64Map, M, keyOf(3 * N + I))) < 7;
  report("int64 after iteration", &I64Map, M);
  std::printf("int64 added during iteration: bad=%lld\n", Bad);
}

void int32Map() {
  HMap *M = rt::makemap(&I32Map, 100, nullptr);
  for (uint32_t I = 0; I < 3000; ++I) {
    uint32_t V = I ^ 0xabcd;
    std::memcpy(rt::mapassign_fast32(&I32Map, M, I * 2654435761u), &V, 4);
  }
  long long Bad = 0;
  for (uint32_t I = 0; I < 3000; ++I) {
    uint32_t V;
    std::memcpy(&V, rt::mapaccess1_fast32(&I32Map, M, I * 2654435761u), 4);
    Bad += V != (I ^ 0xabcd);
    Bad += rt::mapaccess2_fast32(&I32Map, M, I * 2654435761u + 1).Ok;
  }
  report("int32", &I32Map, M);
  std::printf("int32: bad=%lld\n", Bad);
}

void pointerMap() {
  static int64_t Objects[2000];
  HMap *M = rt::makemap_small();
  for (int I = 0; I < 2000; ++I) {
    int64_t V = I;
    std::memcpy(rt::mapassign_fast64ptr(&PtrMap, M, &Objects[I]), &V, 8);
  }
  long long Bad = 0;
  for (int I = 0; I < 2000; ++I)
    Bad += get64(rt::mapaccess1_fast64(&PtrMap, M,
                                       uint64_t(uintptr_t(&Objects[I])))) != I;
  report("pointer", &PtrMap, M);
  std::printf("pointer: bad=%lld\n", Bad);
}

void nilMap() {
  HMap *M = nullptr;
  MapAccess2Result R = rt::mapaccess2_fast64(&I64Map, M, 1);
  std::printf("nil map: ok=%d zero=%lld\n", int(R.Ok),
              (long long)get64(rt::mapaccess1_fast64(&I64Map, M, 1)));
}

} // namespace

extern "C++" void programMain() asm("main.main");
void programMain() {
  int64Map();
  int32Map();
  pointerMap();
  nilMap();
  std::fflush(stdout);
}
