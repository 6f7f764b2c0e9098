//===- maps_bench.cpp - gm's map workloads on the best C++ hash maps ------===//
//
// The C++ yardsticks for bench/run.py: every workload in bench/workloads/*.gm
// written once as a template over the map, and instantiated for
// std::unordered_map, absl::flat_hash_map and boost::unordered_flat_map. Key
// sequences, operation counts and the printed checksum are exactly those of
// the .gm program, so the harness checks all six implementations (gmc with
// and without gm-map-inline, Go 1.19, std, absl, boost) against each other.
//
// Two ways to run it:
//
//   Process mode (what bench/run.py uses, the same method as for gm and Go):
//     gm-cpp-mapbench absl int64_lookup N=65536 Reps=16 Pattern=1 Hit=true
//   builds the keys and the map, runs the measured loop Reps times, and
//   prints the .gm program's checksum line. The harness times the whole
//   process with Reps = R and Reps = 0 and subtracts.
//
//   Google Benchmark mode (for interactive work on one machine):
//     gm-cpp-mapbench [--benchmark_filter=...]
//   runs a registered subset (int64 insert/lookup, hot map) with setup
//   outside the timed loop and reports items (map operations) per second.
//
// String keys are std::string_view into storage that outlives the map: a Go
// map[string]V stores the 16-byte string header and never copies the bytes,
// and string_view is the C++ equivalent. Lookups use find(), never
// operator[], because Go's v := m[k] does not insert.
//
//===----------------------------------------------------------------------===//

#include <absl/container/flat_hash_map.h>
#include <benchmark/benchmark.h>
#include <boost/unordered/unordered_flat_map.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

template <class K, class V> using StdMap = std::unordered_map<K, V>;
template <class K, class V> using AbslMap = absl::flat_hash_map<K, V>;
template <class K, class V> using BoostMap = boost::unordered_flat_map<K, V>;

/// The .gm programs' constants, with the same defaults.
struct Params {
  int64_t N = 1024;
  int64_t Reps = 1;
  int Pattern = 1; // 0 sequential, 1 random, 2 upper bits only
  bool Presize = false;
  bool Hit = true;
  bool Assign = false; // int64_lookup: m[k] = v instead of v := m[k]
  bool MapOp = true;   // false: the loop without its map operation
  int KeyLen = 16;
  int64_t Words = 262144;
};

/// Go's fmt.Println of the checksum and one more integer.
std::string line(uint64_t S, int64_t X) {
  return "checksum " + std::to_string(S) + " " + std::to_string(X) + "\n";
}
std::string line(uint64_t S) { return "checksum " + std::to_string(S) + "\n"; }

uint64_t lcg(uint64_t X) {
  return X * 6364136223846793005ull + 1442695040888963407ull;
}

/// makeKeys in int64_*.gm: n distinct keys; Hit and miss sets are disjoint.
std::vector<int64_t> makeKeys(int64_t N, int Pattern, bool Hit) {
  std::vector<int64_t> Keys(N);
  uint64_t X = Hit ? 1 : 2;
  for (int64_t I = 0; I < N; ++I) {
    int64_t J = Hit ? I : I + N;
    switch (Pattern) {
    case 0:
      Keys[I] = J;
      break;
    case 1:
      X = lcg(X);
      Keys[I] = static_cast<int64_t>(Hit ? (X | 1) : (X & ~uint64_t(1)));
      break;
    default:
      Keys[I] = J << 32;
    }
  }
  return Keys;
}

/// key32 in int32_*.gm: a bijection on 32 bits.
int32_t key32(int64_t I, int Pattern) {
  if (Pattern == 0)
    return static_cast<int32_t>(I);
  uint32_t H = static_cast<uint32_t>(I) * 0x9E3779B1u;
  H ^= H >> 16;
  H *= 0x85EBCA6Bu;
  H ^= H >> 13;
  return static_cast<int32_t>(H);
}

/// makeKey in string_*.gm: KeyLen-8 bytes of 'k', then 8 letters a..p.
std::string makeKey(int64_t I, int KeyLen) {
  std::string B(KeyLen, 'k');
  uint32_t H = static_cast<uint32_t>(I) * 0x9E3779B1u;
  H ^= H >> 16;
  H *= 0x85EBCA6Bu;
  H ^= H >> 13;
  for (int J = KeyLen - 1; J >= KeyLen - 8; --J) {
    B[J] = static_cast<char>('a' + (H & 15));
    H >>= 4;
  }
  return B;
}

template <class M, class K> auto lookup(const M &Map, const K &Key) {
  auto It = Map.find(Key);
  return It == Map.end() ? typename M::mapped_type() : It->second;
}

// Each workload: the constructor is the setup (the Reps = 0 baseline), run()
// is the measured loop, finish() prints what the .gm program prints.

/// The measured loop of int64_lookup.gm and int32_lookup.gm: v := m[k] on
/// every probe, or m[k] = v with Assign, or (MapOp = false) the loop alone.
template <class MapT, class KeyT>
uint64_t probeLoop(const Params &P, MapT &M, const std::vector<KeyT> &Probe,
                   int64_t Reps) {
  using Elem = typename MapT::mapped_type;
  uint64_t S = 0;
  for (int64_t R = 0; R < Reps; ++R)
    for (int64_t I = 0; I < P.N; ++I) {
      if (!P.MapOp)
        S = S * 3 + static_cast<uint64_t>(Probe[I]);
      else if (P.Assign)
        M[Probe[I]] = static_cast<Elem>(R + I);
      else
        S = S * 3 + static_cast<uint64_t>(lookup(M, Probe[I]));
    }
  return S;
}

/// What those workloads print: the checksum plus the last probe's elem, and
/// len(m).
template <class MapT, class KeyT>
std::string probeResult(uint64_t S, const MapT &M,
                        const std::vector<KeyT> &Probe) {
  return line(S + static_cast<uint64_t>(lookup(M, Probe.back())), M.size());
}

template <template <class, class> class Map> struct Int64Insert {
  static constexpr const char *Name = "int64_insert";
  Params P;
  std::vector<int64_t> Keys;
  explicit Int64Insert(const Params &P)
      : P(P), Keys(makeKeys(P.N, P.Pattern, true)) {}
  uint64_t run(int64_t Reps) {
    uint64_t S = 0;
    for (int64_t R = 0; R < Reps; ++R) {
      Map<int64_t, int64_t> M;
      if (P.Presize)
        M.reserve(P.N);
      for (int64_t I = 0; I < P.N; ++I) {
        if (P.MapOp)
          M[Keys[I]] = I;
        else
          S = S * 3 + static_cast<uint64_t>(Keys[I]);
      }
      S += M.size() + static_cast<uint64_t>(lookup(M, Keys[R % P.N]));
    }
    return S;
  }
  std::string finish(uint64_t S) {
    for (int64_t K : Keys)
      S += static_cast<uint64_t>(K);
    return line(S);
  }
};

template <template <class, class> class Map> struct Int64Lookup {
  static constexpr const char *Name = "int64_lookup";
  Params P;
  std::vector<int64_t> Keys, Probe;
  Map<int64_t, int64_t> M;
  explicit Int64Lookup(const Params &P)
      : P(P), Keys(makeKeys(P.N, P.Pattern, true)),
        Probe(P.Hit ? Keys : makeKeys(P.N, P.Pattern, false)) {
    for (int64_t I = 0; I < P.N; ++I)
      M[Keys[I]] = I + 1;
  }
  uint64_t run(int64_t Reps) { return probeLoop(P, M, Probe, Reps); }
  std::string finish(uint64_t S) { return probeResult(S, M, Probe); }
};

template <template <class, class> class Map> struct Int64Delete {
  static constexpr const char *Name = "int64_delete";
  Params P;
  std::vector<int64_t> Keys;
  Map<int64_t, int64_t> M;
  explicit Int64Delete(const Params &P)
      : P(P), Keys(makeKeys(P.N, P.Pattern, true)) {
    for (int64_t I = 0; I < P.N; ++I)
      M[Keys[I]] = I;
  }
  uint64_t run(int64_t Reps) {
    for (int64_t R = 0; R < Reps; ++R)
      for (int64_t I = 0; I < P.N; ++I) {
        int64_t K = Keys[I];
        M.erase(K);
        M[K] = R + I;
      }
    return 0;
  }
  std::string finish(uint64_t S) {
    for (int64_t K : Keys)
      S += static_cast<uint64_t>(lookup(M, K));
    return line(S, M.size());
  }
};

template <template <class, class> class Map> struct Int64Iterate {
  static constexpr const char *Name = "int64_iterate";
  Params P;
  std::vector<int64_t> Keys;
  Map<int64_t, int64_t> M;
  explicit Int64Iterate(const Params &P)
      : P(P), Keys(makeKeys(P.N, P.Pattern, true)) {
    for (int64_t I = 0; I < P.N; ++I)
      M[Keys[I]] = I;
  }
  uint64_t run(int64_t Reps) {
    uint64_t S = 0;
    for (int64_t R = 0; R < Reps; ++R)
      for (const auto &KV : M)
        S += static_cast<uint64_t>(KV.first) ^ static_cast<uint64_t>(KV.second);
    return S;
  }
  std::string finish(uint64_t S) { return line(S, M.size()); }
};

template <template <class, class> class Map> struct Int32Insert {
  static constexpr const char *Name = "int32_insert";
  Params P;
  std::vector<int32_t> Keys;
  explicit Int32Insert(const Params &P) : P(P), Keys(P.N) {
    for (int64_t I = 0; I < P.N; ++I)
      Keys[I] = key32(I, P.Pattern);
  }
  uint64_t run(int64_t Reps) {
    uint64_t S = 0;
    for (int64_t R = 0; R < Reps; ++R) {
      Map<int32_t, int32_t> M;
      for (int64_t I = 0; I < P.N; ++I)
        M[Keys[I]] = static_cast<int32_t>(I);
      S += M.size() + static_cast<uint64_t>(lookup(M, Keys[R % P.N]));
    }
    return S;
  }
  std::string finish(uint64_t S) {
    for (int32_t K : Keys)
      S += static_cast<uint32_t>(K);
    return line(S);
  }
};

template <template <class, class> class Map> struct Int32Lookup {
  static constexpr const char *Name = "int32_lookup";
  Params P;
  std::vector<int32_t> Keys, Probe;
  Map<int32_t, int32_t> M;
  explicit Int32Lookup(const Params &P) : P(P), Keys(P.N), Probe(P.N) {
    for (int64_t I = 0; I < P.N; ++I) {
      Keys[I] = key32(I, P.Pattern);
      Probe[I] = P.Hit ? Keys[I] : key32(P.N + I, P.Pattern);
    }
    for (int64_t I = 0; I < P.N; ++I)
      M[Keys[I]] = static_cast<int32_t>(I) + 1;
  }
  uint64_t run(int64_t Reps) { return probeLoop(P, M, Probe, Reps); }
  std::string finish(uint64_t S) { return probeResult(S, M, Probe); }
};

template <template <class, class> class Map> struct StringInsert {
  static constexpr const char *Name = "string_insert";
  Params P;
  std::vector<std::string> Keys;
  explicit StringInsert(const Params &P) : P(P), Keys(P.N) {
    for (int64_t I = 0; I < P.N; ++I)
      Keys[I] = makeKey(I, P.KeyLen);
  }
  uint64_t run(int64_t Reps) {
    uint64_t S = 0;
    for (int64_t R = 0; R < Reps; ++R) {
      Map<std::string_view, int64_t> M;
      for (int64_t I = 0; I < P.N; ++I)
        M[Keys[I]] = I;
      S += M.size() +
           static_cast<uint64_t>(lookup(M, std::string_view(Keys[R % P.N])));
    }
    return S;
  }
  std::string finish(uint64_t S) {
    for (const std::string &K : Keys)
      S += static_cast<unsigned char>(K.back());
    return line(S);
  }
};

template <template <class, class> class Map> struct StringLookup {
  static constexpr const char *Name = "string_lookup";
  Params P;
  std::vector<std::string> Keys, Probe;
  Map<std::string_view, int64_t> M;
  explicit StringLookup(const Params &P) : P(P), Keys(P.N), Probe(P.N) {
    for (int64_t I = 0; I < P.N; ++I) {
      Keys[I] = makeKey(I, P.KeyLen);
      Probe[I] = makeKey(P.Hit ? I : P.N + I, P.KeyLen);
    }
    for (int64_t I = 0; I < P.N; ++I)
      M[Keys[I]] = I + 1;
  }
  uint64_t run(int64_t Reps) {
    uint64_t S = 0;
    for (int64_t R = 0; R < Reps; ++R)
      for (int64_t I = 0; I < P.N; ++I)
        S += static_cast<uint64_t>(lookup(M, std::string_view(Probe[I])));
    return S;
  }
  std::string finish(uint64_t S) { return line(S, M.size()); }
};

template <template <class, class> class Map> struct HotSmall {
  static constexpr const char *Name = "hot_small";
  Params P;
  std::vector<int64_t> Keys;
  Map<int64_t, int64_t> M;
  uint64_t X = 1;
  explicit HotSmall(const Params &P) : P(P), Keys(64) {
    for (int I = 0; I < 64; ++I) {
      X = lcg(X);
      Keys[I] = static_cast<int64_t>(X | 1);
    }
    for (int64_t K : Keys)
      M[K] = 0;
  }
  uint64_t run(int64_t Reps) {
    for (int64_t R = 0; R < Reps; ++R) {
      X = lcg(X);
      M[Keys[X >> 58]] += 1;
    }
    return 0;
  }
  std::string finish(uint64_t S) {
    for (int I = 0; I < 64; ++I)
      S += static_cast<uint64_t>(lookup(M, Keys[I])) * (I + 1);
    return line(S, M.size());
  }
};

template <template <class, class> class Map> struct WordFreq {
  static constexpr const char *Name = "wordfreq";
  Params P;
  std::string Text;
  explicit WordFreq(const Params &P) : P(P) {
    const uint64_t V = static_cast<uint64_t>(P.N);
    std::vector<std::string> Vocab(V);
    uint64_t X = 3;
    for (uint64_t I = 0; I < V; ++I) {
      X = lcg(X);
      int N = 3 + static_cast<int>(X >> 61);
      std::string W(N, ' ');
      for (int J = 0; J < N; ++J) {
        X = lcg(X);
        W[J] = static_cast<char>('a' + (X >> 60));
      }
      Vocab[I] = W;
    }
    Text.reserve(P.Words * 11);
    for (int64_t I = 0; I < P.Words; ++I) {
      X = lcg(X);
      uint64_t A = (X >> 40) % V;
      uint64_t B = ((X >> 16) & 0xFFFFFF) % V;
      Text += Vocab[A * B / V];
      Text += ' ';
    }
  }
  uint64_t run(int64_t Reps) {
    uint64_t S = 0;
    std::string_view T(Text);
    for (int64_t R = 0; R < Reps; ++R) {
      Map<std::string_view, int64_t> M;
      size_t Start = 0;
      for (size_t I = 0; I < T.size(); ++I)
        if (T[I] == ' ') {
          M[T.substr(Start, I - Start)]++;
          Start = I + 1;
        }
      for (const auto &KV : M)
        S += KV.first.size() * static_cast<uint64_t>(KV.second);
      S += M.size();
    }
    return S;
  }
  std::string finish(uint64_t S) { return line(S, Text.size()); }
};

template <template <template <class, class> class> class W,
          template <class, class> class Map>
int runProcess(const Params &P) {
  W<Map> Work(P);
  uint64_t S = Work.run(P.Reps);
  std::string Out = Work.finish(S);
  std::fwrite(Out.data(), 1, Out.size(), stdout);
  return 0;
}

template <template <template <class, class> class> class W>
int dispatchMap(const std::string &MapName, const Params &P) {
  if (MapName == "std")
    return runProcess<W, StdMap>(P);
  if (MapName == "absl")
    return runProcess<W, AbslMap>(P);
  if (MapName == "boost")
    return runProcess<W, BoostMap>(P);
  std::fprintf(stderr, "unknown map '%s' (std, absl, boost)\n",
               MapName.c_str());
  return 2;
}

int dispatch(const std::string &MapName, const std::string &Workload,
             const Params &P) {
  if (Workload == "int64_insert")
    return dispatchMap<Int64Insert>(MapName, P);
  if (Workload == "int64_lookup")
    return dispatchMap<Int64Lookup>(MapName, P);
  if (Workload == "int64_delete")
    return dispatchMap<Int64Delete>(MapName, P);
  if (Workload == "int64_iterate")
    return dispatchMap<Int64Iterate>(MapName, P);
  if (Workload == "int32_insert")
    return dispatchMap<Int32Insert>(MapName, P);
  if (Workload == "int32_lookup")
    return dispatchMap<Int32Lookup>(MapName, P);
  if (Workload == "string_insert")
    return dispatchMap<StringInsert>(MapName, P);
  if (Workload == "string_lookup")
    return dispatchMap<StringLookup>(MapName, P);
  if (Workload == "hot_small")
    return dispatchMap<HotSmall>(MapName, P);
  if (Workload == "wordfreq")
    return dispatchMap<WordFreq>(MapName, P);
  std::fprintf(stderr, "unknown workload '%s'\n", Workload.c_str());
  return 2;
}

bool parseBool(const char *S) { return std::strcmp(S, "true") == 0; }

/// NAME=VALUE, with the names of the .gm programs' constants.
bool parseParam(const char *Arg, Params &P) {
  const char *Eq = std::strchr(Arg, '=');
  if (!Eq)
    return false;
  std::string Name(Arg, Eq);
  const char *V = Eq + 1;
  if (Name == "N")
    P.N = std::atoll(V);
  else if (Name == "Reps")
    P.Reps = std::atoll(V);
  else if (Name == "Pattern")
    P.Pattern = std::atoi(V);
  else if (Name == "Presize")
    P.Presize = parseBool(V);
  else if (Name == "Hit")
    P.Hit = parseBool(V);
  else if (Name == "Assign")
    P.Assign = parseBool(V);
  else if (Name == "MapOp")
    P.MapOp = parseBool(V);
  else if (Name == "KeyLen")
    P.KeyLen = std::atoi(V);
  else if (Name == "Words")
    P.Words = std::atoll(V);
  else
    return false;
  return true;
}

// Google Benchmark mode: setup outside the timed loop, one Reps = 1 pass of
// the workload per iteration, items = map operations.
template <template <template <class, class> class> class W,
          template <class, class> class Map>
void registerOne(const char *MapName, const Params &P, int64_t OpsPerRep,
                 const std::string &Suffix) {
  std::string Name = std::string(W<Map>::Name) + Suffix + "/" + MapName + "/" +
                     std::to_string(P.N);
  benchmark::RegisterBenchmark(
      Name.c_str(), [P, OpsPerRep](benchmark::State &State) {
        W<Map> Work(P);
        for (auto _ : State)
          benchmark::DoNotOptimize(Work.run(1));
        State.SetItemsProcessed(State.iterations() * OpsPerRep);
      });
}

template <template <template <class, class> class> class W>
void registerMaps(const Params &P, int64_t OpsPerRep,
                  const std::string &Suffix) {
  registerOne<W, StdMap>("std", P, OpsPerRep, Suffix);
  registerOne<W, AbslMap>("absl", P, OpsPerRep, Suffix);
  registerOne<W, BoostMap>("boost", P, OpsPerRep, Suffix);
}

void registerGoogleBenchmarks() {
  for (int64_t N : {int64_t(1) << 10, int64_t(1) << 16, int64_t(1) << 20}) {
    Params P;
    P.N = N;
    registerMaps<Int64Insert>(P, N, "_grow");
    registerMaps<Int64Lookup>(P, N, "_hit");
    P.Hit = false;
    registerMaps<Int64Lookup>(P, N, "_miss");
  }
  Params Hot;
  Hot.N = 64;
  // One run(1) is a single update: too short to time alone, but Google
  // Benchmark batches iterations, so this is fine.
  registerMaps<HotSmall>(Hot, 1, "");
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc >= 3 && Argv[1][0] != '-') {
    Params P;
    for (int I = 3; I < Argc; ++I)
      if (!parseParam(Argv[I], P)) {
        std::fprintf(stderr, "bad parameter '%s'\n", Argv[I]);
        return 2;
      }
    return dispatch(Argv[1], Argv[2], P);
  }
  registerGoogleBenchmarks();
  benchmark::Initialize(&Argc, Argv);
  if (benchmark::ReportUnrecognizedArguments(Argc, Argv)) {
    std::fprintf(stderr,
                 "usage: %s MAP WORKLOAD [NAME=VALUE...]\n"
                 "       %s [--benchmark_...]\n",
                 Argv[0], Argv[0]);
    return 2;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
