#!/bin/sh
# Compile-time benchmark for gmc (issue 5: "gmc -O2 on a 1,000-line program
# takes under 0.5 s"). Generates an N-line map-heavy program and times
#   gmc -O2, gmc -O2 -fno-map-inline, gmc -O0 and go build (Go 1.19)
# on it, RUNS alternating runs each, and prints the median user, sys and wall
# seconds, with the spread of user time. A benchmark: it never fails on the
# figures.
#
#   bench/compile/run.sh [--gmc PATH] [--lines N] [--kind maps|core] [--runs R]
#                        [--workdir DIR]
#
# Defaults: gmc from build/bin/gmc, N=1000, kind maps (about one line in four
# a map operation; core: the language core without maps), R=5. gmc runs with -c (object
# only) and without, i.e. including the link, as `go build` does; both shown.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gmc=$root/build/bin/gmc
lines=1000
kind=maps
runs=5
work=
go=${GO:-/usr/lib/go-1.19/bin/go}
while [ $# -gt 0 ]; do
  case $1 in
    --gmc) gmc=$2; shift 2 ;;
    --lines) lines=$2; shift 2 ;;
    --kind) kind=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --workdir) work=$2; shift 2 ;;
    *) echo "usage: $0 [--gmc PATH] [--lines N] [--kind maps|core] [--runs R] [--workdir DIR]" >&2; exit 1 ;;
  esac
done
if [ -z "$work" ]; then work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/go"
python3 "$here/gen_program.py" "$lines" "$kind" > "$work/prog.gm"
cp "$work/prog.gm" "$work/go/main.go"
printf 'module compilebench\n\ngo 1.19\n' > "$work/go/go.mod"
export GOCACHE="$work/gocache" GOFLAGS=-mod=mod GO111MODULE=on

# Each configuration: a name and a command (run from $work). go build keeps
# the standard library in its cache (warmed once below) and recompiles only
# the main package: each run changes a comment in main.go, so the cached
# result of an earlier run is never reused.
set -- \
  "gmc -O2" "$gmc -O2 prog.gm -o prog.O2" \
  "gmc -O2 -fno-map-inline" "$gmc -O2 -fno-map-inline prog.gm -o prog.noinl" \
  "gmc -O0" "$gmc -O0 prog.gm -o prog.O0" \
  "gmc -O2 -c" "$gmc -O2 -c prog.gm -o prog.O2.o" \
  "gmc -O2 -c -fno-map-inline" "$gmc -O2 -c -fno-map-inline prog.gm -o prog.noinl.o" \
  "go build" "cd go && $go build -o ../prog.go ."

cd "$work"
(cd go && "$go" build -o ../prog.go .) >/dev/null    # warm-up
: > times.txt
for i in $(seq 1 "$runs"); do
  n=0
  while [ $n -lt $# ]; do
    eval "name=\${$((n + 1))}; cmd=\${$((n + 2))}"
    n=$((n + 2))
    [ "$name" = "go build" ] && echo "// run $i" >> go/main.go
    /usr/bin/time -f "%U %S %e" -o t.txt sh -c "$cmd" >/dev/null
    echo "$name|$(cat t.txt)" >> times.txt
  done
done
echo "program: $lines lines, kind $kind ($(grep -c 'm64\[\|m32\[\|ms\[' prog.gm) lines with map ops), $runs runs each, medians"
echo "gmc: $gmc"
printf '%-28s %8s %13s %8s %8s\n' configuration user 'user min-max' sys wall
n=0
while [ $n -lt $# ]; do
  eval "name=\${$((n + 1))}"
  n=$((n + 2))
  grep "^$name|" times.txt | cut -d'|' -f2 | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
cols = list(zip(*rows))
med = [statistics.median(c) for c in cols]
spread = "%.2f-%.2f" % (min(cols[0]), max(cols[0]))
print("%-28s %8.3f %13s %8.3f %8.3f" % (sys.argv[1], med[0], spread, *med[1:]))' "$name"
done
