//===- MapFuzzer.cpp - libFuzzer target for the map runtime ---------------===//
//
// Interprets the input as a sequence of map operations (insert, delete,
// lookup, bulk insert across growth, clear, and up to two iterators advanced
// while the map changes) and runs them against both the runtime's map and a
// std::unordered_map model. After every step it checks:
//   * count, contents and elems against the model;
//   * the bucket structure: every live slot's tophash is topHash(hash of its
//     key), it sits in the bucket its hash selects (old or new array), no key
//     appears twice, evacuated old buckets hold only evacuation marks,
//     nothing but emptyRest follows an emptyRest, hashWriting is clear, and
//     NOverflow counts the overflow buckets exactly (B < 16);
//   * Go's iteration guarantees: a key present when the iterator started and
//     never deleted is produced exactly once; only keys in the map are
//     produced, with their live elem; an iterator stops after mapclear
//     unless entries were added since.
//
// The first input byte picks the key flavour: int64 through the fast64 entry
// points, int64 through the generic ones, a weak hasher (16 distinct hashes)
// with scanned buckets, int32 keys, or string keys.
//
// Built with GM_FUZZ_SWISS (gm-swiss-fuzzer), the same operations drive the
// Swiss map through its entry points (lib/Swiss/SwissEntry.cpp), and the
// structure is checked by swiss::checkInvariants (control bytes, probe
// reachability, directory runs, counts) instead of the bucket walk.
//
//   ninja gm-map-fuzzer && ./bin/gm-map-fuzzer -max_len=4096
//   ninja gm-swiss-fuzzer && ./bin/gm-swiss-fuzzer -max_len=4096
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include "Map/MapInternal.h"
#ifdef GM_FUZZ_SWISS
#include "Swiss/Swiss.h"
#endif

#include <gc/gc.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>

using namespace gm::abi;
using namespace gm::rt;
using namespace gm::rt::maps;

namespace {

#ifdef GM_FUZZ_SWISS
constexpr MapRuntime Runtime = MapRuntime::Swiss;
#else
constexpr MapRuntime Runtime = MapRuntime::Classic;
#endif

constexpr MapType makeType(HashFn Hasher, EqualFn Equal, uint64_t KeySize,
                           uint32_t Flags, bool Ptrs) {
  MapType T{};
  T.Hasher = Hasher;
  T.Equal = Equal;
  T.KeyTypeSize = KeySize;
  T.ElemTypeSize = 8;
  T.KeySize = uint8_t(KeySize);
  T.ElemSize = 8;
  T.BucketSize = uint16_t(mapTableUnitSize(Runtime, KeySize, 8));
  T.Flags = Flags;
  T.BucketHasPointers = Ptrs;
  return T;
}

uintptr_t weakHash(const void *P, uintptr_t Seed) {
  int64_t K;
  std::memcpy(&K, P, 8);
  int64_t Folded = K & 15;
  return memhash64(&Folded, Seed);
}

constexpr MapType Int64T =
    makeType(memhash64, memequal64, 8, MapReflexiveKey, false);
constexpr MapType WeakT =
    makeType(weakHash, memequal64, 8, MapReflexiveKey, true);
constexpr MapType Int32T =
    makeType(memhash32, memequal32, 4, MapReflexiveKey, false);
constexpr MapType StrT =
    makeType(strhash, strequal, 16, MapReflexiveKey | MapNeedKeyUpdate, true);

enum Flavour { Fast64, Generic64, Weak, Fast32, Str, NumFlavours };

constexpr int KeySpace = 4096;
std::string *StrKeys; // "k0".."k4095", never freed.

struct MapUnderTest {
  Flavour F;
  const MapType *T;
  HMap *H;

  GoString str(int64_t K) const {
    const std::string &S = StrKeys[K];
    return {reinterpret_cast<const uint8_t *>(S.data()), int64_t(S.size())};
  }

  int64_t *assign(int64_t K) {
    switch (F) {
    case Fast64:
    case Weak:
      return static_cast<int64_t *>(mapassign_fast64(T, H, uint64_t(K)));
    case Generic64:
      return static_cast<int64_t *>(mapassign(T, H, &K));
    case Fast32:
      return static_cast<int64_t *>(mapassign_fast32(T, H, uint32_t(K)));
    default:
      return static_cast<int64_t *>(mapassign_faststr(T, H, str(K)));
    }
  }
  MapAccess2Result access(int64_t K) {
    switch (F) {
    case Fast64:
    case Weak:
      return mapaccess2_fast64(T, H, uint64_t(K));
    case Generic64:
      return mapaccess2(T, H, &K);
    case Fast32:
      return mapaccess2_fast32(T, H, uint32_t(K));
    default: {
      GoString G = str(K);
      // Alternate between the fast and generic string lookups.
      return (K & 1) ? mapaccess2(T, H, &G) : mapaccess2_faststr(T, H, G);
    }
    }
  }
  void remove(int64_t K) {
    switch (F) {
    case Fast64:
    case Weak:
      return mapdelete_fast64(T, H, uint64_t(K));
    case Generic64:
      return mapdelete(T, H, &K);
    case Fast32:
      return mapdelete_fast32(T, H, uint32_t(K));
    default: {
      GoString G = str(K);
      return (K & 1) ? mapdelete(T, H, &G) : mapdelete_faststr(T, H, G);
    }
    }
  }
  /// The model key stored at a key slot.
  int64_t keyAt(const void *Slot) const {
    switch (F) {
    case Fast32: {
      int32_t V;
      std::memcpy(&V, Slot, 4);
      return V;
    }
    case Str: {
      GoString G;
      std::memcpy(&G, Slot, sizeof G);
      return std::strtoll(
          std::string(reinterpret_cast<const char *>(G.Data) + 1,
                      size_t(G.Len - 1))
              .c_str(),
          nullptr, 10);
    }
    default: {
      int64_t V;
      std::memcpy(&V, Slot, 8);
      return V;
    }
    }
  }
};

[[noreturn]] void fail(const char *What, long A = 0, long B = 0) {
  std::fprintf(stderr, "map invariant violated: %s (%ld, %ld)\n", What, A, B);
  std::abort();
}
#define CHECK(C, ...)                                                          \
  do {                                                                         \
    if (!(C))                                                                  \
      fail(#C, ##__VA_ARGS__);                                                 \
  } while (0)

using Model = std::unordered_map<int64_t, int64_t>;

#ifndef GM_FUZZ_SWISS
/// Walks one bucket chain, checking slots against their position.
void checkChain(const MapUnderTest &M, void *B, uintptr_t Bucket,
                uintptr_t Mask, const Model &Ref,
                std::unordered_set<int64_t> &Seen, int64_t &Overflows) {
  const MapType *T = M.T;
  bool Rest = false;
  for (bool First = true; B; B = overflowOf(T, B), First = false) {
    if (!First)
      ++Overflows;
    for (uintptr_t I = 0; I < BucketCnt; ++I) {
      uint8_t Top = tophashes(B)[I];
      if (Rest)
        CHECK(Top == EmptyRest, long(Bucket), long(I));
      if (Top == EmptyRest) {
        Rest = true;
        continue;
      }
      if (Top == EmptyOne)
        continue;
      CHECK(Top >= MinTopHash, long(Top));
      void *K = keySlot(T, B, I);
      uintptr_t Hash = T->Hasher(K, M.H->Hash0);
      CHECK(topHash(Hash) == Top);
      CHECK((Hash & Mask) == Bucket, long(Hash & Mask), long(Bucket));
      int64_t Key = M.keyAt(K);
      CHECK(Seen.insert(Key).second, long(Key));
      auto It = Ref.find(Key);
      CHECK(It != Ref.end(), long(Key));
      CHECK(*static_cast<int64_t *>(elemSlot(T, B, I)) == It->second,
            long(Key));
    }
  }
}

#endif

#ifdef GM_FUZZ_SWISS
/// The Swiss map's own invariants, then its contents against the model
/// (with the count equal, nothing else is in the map).
void checkMap(const MapUnderTest &M, const Model &Ref) {
  auto *SM = reinterpret_cast<SwissMap *>(M.H);
  if (const char *Broken = swiss::checkInvariants(M.T, SM)) {
    std::fprintf(stderr, "swiss map invariant violated: %s\n", Broken);
    std::abort();
  }
  CHECK(SM->Count == int64_t(Ref.size()), long(SM->Count), long(Ref.size()));
  for (const auto &KV : Ref) {
    MapAccess2Result R = const_cast<MapUnderTest &>(M).access(KV.first);
    CHECK(R.Ok, long(KV.first));
    CHECK(*static_cast<int64_t *>(R.Elem) == KV.second, long(KV.first));
  }
}
#else
void checkMap(const MapUnderTest &M, const Model &Ref) {
  HMap *H = M.H;
  const MapType *T = M.T;
  CHECK(H->Count == int64_t(Ref.size()), long(H->Count), long(Ref.size()));
  CHECK(!(H->Flags & FlagHashWriting));
  std::unordered_set<int64_t> Seen;
  int64_t Overflows = 0;
  if (H->Buckets)
    for (uintptr_t I = 0; I < bucketShift(H->B); ++I)
      checkChain(M, bucketAt(T, H->Buckets, I), I, bucketMask(H->B), Ref, Seen,
                 Overflows);
  if (H->B < 16)
    CHECK(H->NOverflow == Overflows, long(H->NOverflow), long(Overflows));
  if (H->OldBuckets) {
    uintptr_t N = oldBucketCount(H);
    CHECK(H->NEvacuate < N);
    for (uintptr_t I = 0; I < N; ++I) {
      void *B = bucketAt(T, H->OldBuckets, I);
      if (isEvacuated(B)) {
        // Links may have been cleared; check what is still reachable.
        for (; B; B = overflowOf(T, B))
          for (uintptr_t J = 0; J < BucketCnt; ++J) {
            uint8_t Top = tophashes(B)[J];
            CHECK(Top == EvacuatedX || Top == EvacuatedY ||
                      Top == EvacuatedEmpty,
                  long(I), long(Top));
          }
      } else {
        CHECK(I >= H->NEvacuate, long(I), long(H->NEvacuate));
        int64_t Ignored = 0;
        checkChain(M, B, I, N - 1, Ref, Seen, Ignored);
      }
    }
  } else {
    CHECK(!(H->Flags & FlagSameSizeGrow));
  }
  CHECK(Seen.size() == Ref.size(), long(Seen.size()), long(Ref.size()));
}
#endif

/// One iterator's bookkeeping. The HIter itself lives in GC memory so the
/// collector sees the arrays it holds.
struct IterState {
  bool Active = false;
  /// mapclear ran and nothing was inserted since.
  bool Cleared = false;
  std::unordered_set<int64_t> AtStart, EverDeleted, Seen;
};

void checkProduced(const MapUnderTest &M, HIter *It, IterState &S,
                   const Model &Ref) {
  int64_t K = M.keyAt(It->Key);
  CHECK(S.Seen.insert(K).second || S.EverDeleted.count(K), long(K));
  auto R = Ref.find(K);
  CHECK(R != Ref.end(), long(K));
  CHECK(*static_cast<int64_t *>(It->Elem) == R->second, long(K));
}

void finishIter(IterState &S) {
  for (int64_t K : S.AtStart)
    if (!S.EverDeleted.count(K))
      CHECK(S.Seen.count(K), long(K));
  S = IterState();
}

} // namespace

// Boehm GC scans the real stack only; ASan's fake stack would hide locals.
extern "C" const char *__asan_default_options() {
  return "detect_stack_use_after_return=0";
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  GC_INIT();
  StrKeys = new std::string[KeySpace];
  for (int I = 0; I < KeySpace; ++I)
    StrKeys[I] = "k" + std::to_string(I);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size < 2)
    return 0;
  size_t Pos = 0;
  auto Next = [&]() -> unsigned { return Pos < Size ? Data[Pos++] : 0; };

  MapUnderTest M;
  M.F = Flavour(Next() % NumFlavours);
  static const MapType *Types[] = {&Int64T, &Int64T, &WeakT, &Int32T, &StrT};
  M.T = Types[M.F];
  unsigned HintByte = Next();
  HMap *H = (HintByte & 1) ? makemap_small()
                           : makemap(M.T, int64_t(HintByte) * 4, nullptr);
  M.H = H;
  Model Ref;
  int64_t Counter = 0;
  // Key range: small ranges make collisions, deletes and re-inserts likely.
  int64_t Range = (HintByte & 2) ? 64 : KeySpace;

  auto *Iters = static_cast<HIter *>(GC_MALLOC(2 * sizeof(HIter)));
  IterState States[2];

  auto insert = [&](int64_t K) {
    *M.assign(K) = ++Counter;
    Ref[K] = Counter;
    // An entry added after a clear may be produced by an older iterator.
    for (IterState &S : States)
      S.Cleared = false;
  };
  auto erase = [&](int64_t K) {
    M.remove(K);
    if (Ref.erase(K))
      for (IterState &S : States)
        if (S.Active)
          S.EverDeleted.insert(K);
  };

  while (Pos < Size) {
    unsigned Op = Next();
    int64_t K = int64_t((Next() << 8 | Next()) % Range);
    switch (Op % 8) {
    case 0:
    case 1:
      insert(K);
      break;
    case 2:
      erase(K);
      break;
    case 3: {
      MapAccess2Result R = M.access(K);
      auto It = Ref.find(K);
      CHECK(R.Ok == (It != Ref.end()), long(K));
      CHECK(*static_cast<int64_t *>(R.Elem) ==
                (It == Ref.end() ? 0 : It->second),
            long(K));
      break;
    }
    case 4: { // Bulk insert: drives growth.
      for (int64_t I = 0, N = 1 + (Op >> 3) * 4; I < N; ++I)
        insert((K + I * 7) % Range);
      break;
    }
    case 5: { // Start or advance an iterator.
      unsigned W = Op >> 7;
      IterState &S = States[W];
      HIter *It = &Iters[W];
      if (!S.Active) {
        S.Active = true;
        for (auto &KV : Ref)
          S.AtStart.insert(KV.first);
        *It = HIter{};
        mapiterinit(M.T, H, It);
      } else {
        mapiternext(It);
      }
      if (S.Cleared) {
        // Cleared, and nothing inserted since: the iterator is over.
        CHECK(It->Key == nullptr);
        S = IterState();
      } else if (!It->Key) {
        finishIter(S);
      } else {
        checkProduced(M, It, S, Ref);
      }
      break;
    }
    case 6:
      if ((Op >> 3) % 4 == 0) {
        mapclear(M.T, H);
        for (IterState &S : States)
          if (S.Active) {
            S.Cleared = true;
            for (auto &KV : Ref)
              S.EverDeleted.insert(KV.first);
          }
        Ref.clear();
      } else {
        erase(K);
        insert((K + 1) % Range);
      }
      break;
    case 7:
      if ((Op >> 3) % 8 == 0)
        GC_gcollect();
      break;
    }
    checkMap(M, Ref);
  }
  return 0;
}
