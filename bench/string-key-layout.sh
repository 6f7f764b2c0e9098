#!/usr/bin/env bash
# Where the key bytes live, against what the map costs (issue 9: gmc on
# 100-byte string lookups at 64K entries is the point closest to the 1.5x
# absl goal, and about 1.7x Go; bench/README.md has the findings).
#
#   bench/string-key-layout.sh [N [KEYLEN [REPS [RUNS]]]]
#                                   # defaults: 65536 100 64 5
#
# Builds bench/workloads/string_lookup.gm twice, with Contiguous = false (every
# key and probe allocated on its own, as in bench/run.py) and true (all keys
# cut out of one string, all probes out of another), by gmc -O2 and by Go
# 1.19, and prints the median user seconds of RUNS alternating runs of each.
# The same lookups and the same map in both layouts: a difference between
# them is the memory the key bytes occupy, not the map's code.
#
# A benchmark, not a test: it never fails on the figures.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-65536}
KEYLEN=${2:-100}
REPS=${3:-64}
RUNS=${4:-5}
GMC=${GMC:-$ROOT/build/bin/gmc}
GO=${GO:-/usr/lib/go-1.19/bin/go}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export GOCACHE=$W/gocache GO111MODULE=off

for layout in false true; do
  sed -e "s/^const N = .*/const N = $N/" \
      -e "s/^const KeyLen = .*/const KeyLen = $KEYLEN/" \
      -e "s/^const Reps = .*/const Reps = $REPS/" \
      -e "s/^const Contiguous = .*/const Contiguous = $layout/" \
      "$ROOT/bench/workloads/string_lookup.gm" > "$W/$layout.gm"
  cp "$W/$layout.gm" "$W/$layout.go"
  "$GMC" -O2 "$W/$layout.gm" -o "$W/$layout.gmc"
  "$GO" build -o "$W/$layout.goexe" "$W/$layout.go"
  a=$("$W/$layout.gmc")
  b=$("$W/$layout.goexe")
  [ "$a" = "$b" ] || { echo "checksums differ: $a / $b" >&2; exit 1; }
done

for i in $(seq "$RUNS"); do
  for exe in false.gmc false.goexe true.gmc true.goexe; do
    /usr/bin/time -f "$exe %U" -a -o "$W/times" "$W/$exe" > /dev/null
  done
done
echo "string_lookup N=$N KeyLen=$KEYLEN Reps=$REPS, median user s of $RUNS runs"
python3 - "$W/times" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    name, sec = line.split()
    t.setdefault(name, []).append(float(sec))
med = {k: statistics.median(v) for k, v in t.items()}
for layout, label in (("false", "one allocation per key"),
                      ("true", "keys packed in two strings")):
    g, o = med[layout + ".gmc"], med[layout + ".goexe"]
    print(f"{label:28} gmc {g:.2f}  go {o:.2f}  gmc/go {g / o:.2f}")
PY
