//===- SwissDifferentialTest.cpp - Random operations against a model ------===//
//
// Millions of random assigns, deletes, lookups and clears on the Swiss map
// and on std::unordered_map, over several key and elem sizes (4, 8, 16-byte
// strings, 3-byte keys with 2-byte elems, indirect keys and elems, empty
// elems). The key range changes every phase, so that maps stay small, grow,
// split and shrink by turns. After each phase the map's invariants are
// checked and the map is iterated against the model.
//
//===----------------------------------------------------------------------===//

#include "SwissTestUtil.h"

#include <deque>
#include <random>
#include <string>
#include <unordered_map>

using namespace swisstest;

namespace {

/// How one map type's keys and elems are made from integers and read back.
struct Config {
  const char *Name;
  const MapType *T;
  /// Writes the key for Id into Buf (at least KeyTypeSize bytes).
  void (*MakeKey)(uint64_t Id, void *Buf);
  /// The Id of a stored key.
  uint64_t (*IdOf)(const void *Key);
  /// Low bytes of a value that the elem holds (0: the elem is empty).
  unsigned ElemWidth;
};

uint64_t load(const void *P, unsigned Width) {
  uint64_t V = 0;
  std::memcpy(&V, P, Width);
  return V;
}
uint64_t truncate(uint64_t V, unsigned Width) {
  return Width >= 8 ? V : V & ((uint64_t(1) << (8 * Width)) - 1);
}

//--- int32 and int64 keys.
void makeInt32(uint64_t Id, void *Buf) {
  uint32_t K = uint32_t(Id);
  std::memcpy(Buf, &K, 4);
}
uint64_t int32Id(const void *K) { return load(K, 4); }
void makeInt64(uint64_t Id, void *Buf) { std::memcpy(Buf, &Id, 8); }
uint64_t int64Id(const void *K) { return load(K, 8); }

//--- string keys: "k<Id>" padded to a length that depends on Id, kept alive
//--- in a pool for the whole test (a deque: short strings keep their bytes
//--- inside the std::string, which must therefore never move).
std::deque<std::string> &stringPool() {
  static std::deque<std::string> Pool;
  return Pool;
}
void makeString(uint64_t Id, void *Buf) {
  std::deque<std::string> &Pool = stringPool();
  while (Pool.size() <= Id) {
    size_t N = Pool.size();
    Pool.push_back("k" + std::to_string(N) + std::string(N % 23, '.'));
  }
  GoString S = gmtest::gs(Pool[Id]);
  std::memcpy(Buf, &S, sizeof S);
}
uint64_t stringId(const void *K) {
  GoString S;
  std::memcpy(&S, K, sizeof S);
  return std::stoull(std::string(reinterpret_cast<const char *>(S.Data) + 1,
                                 size_t(S.Len - 1)));
}

//--- [3]byte keys with int16 elems: 6-byte slots, byte-aligned keys.
uintptr_t hash3(const void *P, uintptr_t Seed) {
  return gm::rt::memhash(P, Seed, 3);
}
bool equal3(const void *A, const void *B) { return std::memcmp(A, B, 3) == 0; }
constexpr MapType Key3Map =
    makeMapType(hash3, equal3, 3, 2, MapReflexiveKey, false);
void make3(uint64_t Id, void *Buf) { std::memcpy(Buf, &Id, 3); }
uint64_t id3(const void *K) { return load(K, 3); }

//--- indirect keys and elems ([25]int64 -> [40]int64).
void makeBig(uint64_t Id, void *Buf) {
  gmtest::BigKey K{};
  K.W[0] = int64_t(Id);
  K.W[24] = ~int64_t(Id);
  std::memcpy(Buf, &K, sizeof K);
}
uint64_t bigId(const void *K) { return load(K, 8); }

//--- map[int64]struct{}: a set.
constexpr MapType SetMap = makeMapType(gm::rt::memhash64, gm::rt::memequal64, 8,
                                       0, MapReflexiveKey, false);

/// Runs Ops random operations on a Swiss map of C's type and on a model.
void runDifferential(const Config &C, uint64_t Seed, int64_t Ops) {
  SCOPED_TRACE(C.Name);
  const MapType *T = C.T;
  std::mt19937_64 Rng(Seed);
  std::unordered_map<uint64_t, uint64_t> Model;
  SwissMap *M = makeMap(T, int64_t(Rng() % 2 ? 0 : Rng() % 5000));
  alignas(8) uint8_t Key[sizeof(gmtest::BigKey)];
  const uint64_t Ranges[] = {8, 16, 100, 2000, 50000, 300000};
  const int64_t PhaseOps = 100000;
  int64_t Checked = 0;
  for (int64_t Phase = 0; Phase * PhaseOps < Ops; ++Phase) {
    uint64_t Range = Ranges[Rng() % 6];
    for (int64_t I = 0; I < PhaseOps; ++I) {
      uint64_t Id = Rng() % Range;
      C.MakeKey(Id, Key);
      unsigned Op = unsigned(Rng() % 1000);
      if (Op < 450) {
        uint64_t V = truncate(Rng(), C.ElemWidth);
        std::memcpy(assign(T, M, Key), &V, C.ElemWidth);
        Model[Id] = V;
      } else if (Op < 700) {
        erase(T, M, Key);
        Model.erase(Id);
      } else if (Op < 999 || Rng() % 64) {
        void *E = lookup(T, M, Key);
        auto It = Model.find(Id);
        ASSERT_EQ(E != nullptr, It != Model.end())
            << "phase " << Phase << " op " << I << " id " << Id;
        if (E)
          ASSERT_EQ(load(E, C.ElemWidth), It->second) << "id " << Id;
      } else {
        clear(T, M);
        Model.clear();
      }
    }
    ASSERT_EQ(M->Count, int64_t(Model.size())) << "phase " << Phase;
    const char *Error = checkInvariants(T, M);
    ASSERT_EQ(Error, nullptr) << Error << " after phase " << Phase;

    // Iteration produces the model exactly.
    std::unordered_map<uint64_t, uint64_t> Seen;
    SwissIter It;
    for (iterInit(T, M, &It); It.Key; iterNext(&It)) {
      uint64_t Id = C.IdOf(It.Key);
      ASSERT_TRUE(Seen.emplace(Id, load(It.Elem, C.ElemWidth)).second)
          << "produced twice: " << Id;
    }
    ASSERT_EQ(Seen, Model) << "iteration after phase " << Phase;
    Checked += PhaseOps;
  }
  EXPECT_GE(Checked, Ops);
}

const Config Configs[] = {
    {"map[int32]int32", &gmtest::Int32Map, makeInt32, int32Id, 4},
    {"map[int64]int64", &gmtest::Int64Map, makeInt64, int64Id, 8},
    {"map[string]int64", &gmtest::StrMap, makeString, stringId, 8},
    {"map[[3]byte]int16", &Key3Map, make3, id3, 2},
    {"map[[25]int64][40]int64", &gmtest::BigMap, makeBig, bigId, 8},
    {"map[int64]struct{}", &SetMap, makeInt64, int64Id, 0},
};

class SwissDifferential : public ::testing::TestWithParam<Config> {};

TEST_P(SwissDifferential, MatchesUnorderedMap) {
  ASSERT_TRUE(gcReady());
  // 4M operations per type, 24M in all.
  runDifferential(GetParam(), 0x5eed + GetParam().T->KeySize, 4000000);
}

INSTANTIATE_TEST_SUITE_P(KeyAndElemSizes, SwissDifferential,
                         ::testing::ValuesIn(Configs),
                         [](const ::testing::TestParamInfo<Config> &Info) {
                           std::string Name;
                           for (const char *P = Info.param.Name; *P; ++P)
                             Name +=
                                 std::isalnum(static_cast<unsigned char>(*P))
                                     ? *P
                                     : '_';
                           return Name;
                         });

} // namespace
