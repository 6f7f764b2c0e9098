#!/usr/bin/env bash
# Cache lines touched per lookup hit in a map of 1M int64 keys (issue 3).
#
#   bench/cachelines.sh [N [REPS]]        # defaults: N=1048576 REPS=2
#
# Builds bench/workloads/int64_lookup.gm (Pattern=1 random keys, Hit=true)
# with gmc -O2, gmc -O2 -fno-map-inline and Go 1.19 into a temp dir, runs
# them and the C++ yardsticks (gm-cpp-mapbench std|absl|boost) under
# cachegrind's cache simulator with Reps=REPS and Reps=0, and prints
#   (D1 read misses(REPS) - D1 read misses(0)) / (REPS*N)
# and the same for LL read misses. The Reps=0 run is the setup (keys, map
# build), so what remains is the lookup loop alone. The row "loop only" is
# the same gmc loop with MapOp=false: the misses of streaming through the
# probe slice (1/8 line per hit), which every row includes.
#
# The caches are explicit and small so that the figure does not depend on
# the host and the 38 MB of buckets can never stay cached. Override with
# CG_D1=... CG_LL=...; GMC, GO, CPP_MAPBENCH select the tools.
#
# A benchmark, not a test: a variant that fails to build or run prints n/a,
# and the exit status is non-zero only without valgrind or with REPS < 1.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1048576}
REPS=${2:-2}
GMC=${GMC:-$ROOT/build/bin/gmc}
GO=${GO:-/usr/lib/go-1.19/bin/go}
CPP=${CPP_MAPBENCH:-$ROOT/build/bin/gm-cpp-mapbench}
D1=${CG_D1:-32768,8,64}
LL=${CG_LL:-1048576,16,64}
WORKLOAD=$ROOT/bench/workloads/int64_lookup.gm

command -v valgrind >/dev/null || { echo "cachelines: no valgrind" >&2; exit 2; }
[ "$REPS" -ge 1 ] 2>/dev/null || { echo "cachelines: REPS must be >= 1" >&2; exit 2; }
TMP=$(mktemp -d /tmp/gm-cachelines.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# The workload with its `const NAME = ...` lines replaced, as bench/run.py
# instantiates it. $1: output file; the rest: NAME=VALUE.
instantiate() {
  local out=$1 expr=() kv
  shift
  for kv in "$@"; do
    expr+=(-e "s/^const ${kv%%=*} = [^ ]*/const ${kv%%=*} = ${kv#*=}/")
  done
  sed "${expr[@]}" "$WORKLOAD" >"$out"
}

# build NAME KIND REPS [extra consts...]: prints the argv file's path, or
# nothing when the build fails.
build() {
  local name=$1 kind=$2 reps=$3
  shift 3
  local exe=$TMP/$name.r$reps
  case $kind in
  gmc | gmc-noinline)
    instantiate "$exe.gm" N=$N Reps=$reps Pattern=1 Hit=true "$@"
    # x86-64-v3: valgrind 3.19 cannot decode the host's AVX-512.
    local flags=(-O2 -mcpu=x86-64-v3)
    [ "$kind" = gmc-noinline ] && flags+=(-fno-map-inline)
    # gmc may be mid-rebuild by someone else: retry for a while.
    local try
    for try in 1 2 3; do
      "$GMC" "${flags[@]}" -o "$exe" "$exe.gm" 2>"$exe.err" && break
      rm -f "$exe"
      sleep 20
    done
    [ -x "$exe" ] || return 0
    # valgrind 3.19 cannot read clang-19's DWARF 5; symbols are enough.
    strip -g "$exe"
    echo "$exe" >"$exe.argv"
    ;;
  go)
    mkdir -p "$exe.src"
    instantiate "$exe.src/main.go" N=$N Reps=$reps Pattern=1 Hit=true
    (cd "$exe.src" && GO111MODULE=off GOFLAGS= GOCACHE=$TMP/gocache \
      "$GO" build -o "$exe" main.go) 2>"$exe.err" || return 0
    echo "$exe" >"$exe.argv"
    ;;
  std | absl | boost)
    [ -x "$CPP" ] || return 0
    printf '%s\n' "$CPP" "$kind" int64_lookup N=$N Reps=$reps Pattern=1 \
      Hit=true >"$exe.argv"
    ;;
  esac
  echo "$exe.argv"
}

# Read misses of one run: "D1mr DLmr" from cachegrind's summary line, or
# nothing when the run fails.
misses() {
  local argv out=$TMP/cg.$RANDOM$RANDOM
  mapfile -t argv <"$1"
  # Go: valgrind 3.19 decodes no RDTSCP and trips over async preemption.
  GODEBUG=cpu.rdtscp=off,asyncpreemptoff=1 valgrind --tool=cachegrind \
    --cache-sim=yes --D1="$D1" --LL="$LL" --I1=32768,8,64 \
    --cachegrind-out-file="$out" "${argv[@]}" >"$out.stdout" 2>"$out.stderr"
  grep -q checksum "$out.stdout" || return 0
  # events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
  awk '/^summary:/ { print $6, $7 }' "$out"
}

echo "int64_lookup: N=$N, Pattern=1 (random), Hit=true, Reps=$REPS minus Reps=0"
echo "cachegrind: D1=$D1 LL=$LL (size,assoc,line); read misses per hit"
echo
printf '%-28s %14s %14s\n' implementation "D1 misses/hit" "LL misses/hit"
printf '%-28s %14s %14s\n' ---------------------------- -------------- --------------
for row in "gmc:gmc -O2 (inlined)" "gmc-noinline:gmc -O2 -fno-map-inline" \
  "go:Go 1.19" "absl:absl::flat_hash_map" "boost:boost::unordered_flat_map" \
  "std:std::unordered_map" "loop:loop only (gmc, MapOp=false)"; do
  impl=${row%%:*} title=${row#*:} extra=()
  if [ "$impl" = loop ]; then impl=gmc extra=(MapOp=false); fi
  a=$(build "${row%%:*}" "$impl" "$REPS" "${extra[@]}")
  b=$(build "${row%%:*}" "$impl" 0 "${extra[@]}")
  ma= mb=
  [ -n "$a" ] && [ -n "$b" ] && ma=$(misses "$a") && mb=$(misses "$b")
  if [ -z "$ma" ] || [ -z "$mb" ]; then
    printf '%-28s %14s %14s\n' "$title" n/a n/a
    continue
  fi
  awk -v t="$title" -v a="$ma" -v b="$mb" -v ops=$((REPS * N)) 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    printf "%-28s %14.3f %14.3f\n", t, (x[1] - y[1]) / ops, (x[2] - y[2]) / ops
  }'
done
