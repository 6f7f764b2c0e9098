#!/usr/bin/env python3
"""Size sweep of issue 21's inputs (bench/compile/gen_stress.py): for each
kind and size, the CPU time (user + sys, median of --runs) of gmc -O0, gmc -O2
and go build (Go 1.19) building an executable from the same file, in the same
run, and the ratios gmc / go build. Doubling the size should at most double
each time. A benchmark: it reports, it never fails on the figures.

    bench/compile/sweep.py [--gmc build/bin/gmc] [--runs 3]
                           [--kinds maplit,longline,strswitch,funcs]
                           [--scale 1.0]

--scale multiplies every size (0.25 for a quick look). Prints a Markdown
table for docs/benchmarks-compile.md.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIZES = {  # the sizes are the largest of each row
    "maplit": [25000, 50000, 100000],
    "longline": [50000, 100000, 200000],
    "strswitch": [2500, 5000, 10000],
    "funcs": [5000, 10000, 20000],
}


def cpu_seconds(cmd, cwd):
    """User + sys seconds of cmd and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr.decode()[:2000]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gmc", default=os.path.join(ROOT, "build/bin/gmc"))
    ap.add_argument("--go", default=os.environ.get("GO", "/usr/lib/go-1.19/bin/go"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--kinds", default=",".join(SIZES))
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gm-sweep-")
    godir = os.path.join(work, "go")
    os.makedirs(godir)
    with open(os.path.join(godir, "go.mod"), "w") as f:
        f.write("module sweep\n\ngo 1.19\n")
    env = dict(os.environ, GOCACHE=os.path.join(work, "gocache"),
               GOFLAGS="-mod=mod", GO111MODULE="on")
    os.environ.update(env)
    print(f"gmc: {a.gmc}; go: {a.go}; {a.runs} runs each, median CPU "
          "seconds (user + sys), executables (gmc links, as go build does)\n")
    print("| input | size | gmc -O0 | gmc -O2 | go build | -O0 / go | -O2 / go |")
    print("|---|---|---|---|---|---|---|")
    for kind in a.kinds.split(","):
        for size in SIZES[kind]:
            n = max(1, int(size * a.scale))
            src = subprocess.run(
                [sys.executable, os.path.join(HERE, "gen_stress.py"), kind, str(n)],
                check=True, capture_output=True, text=True).stdout
            gm = os.path.join(work, "prog.gm")
            with open(gm, "w") as f:
                f.write(src)
            times = {"O0": [], "O2": [], "go": []}
            for run in range(a.runs):
                # go build caches the package: a new comment each run.
                with open(os.path.join(godir, "main.go"), "w") as f:
                    f.write(src + f"// run {run}\n")
                if run == 0:  # warm the standard library's cache
                    cpu_seconds([a.go, "build", "-o", "prog", "."], godir)
                    with open(os.path.join(godir, "main.go"), "a") as f:
                        f.write("// again\n")
                times["O0"].append(cpu_seconds([a.gmc, "-O0", gm, "-o", "p0"], work))
                times["O2"].append(cpu_seconds([a.gmc, "-O2", gm, "-o", "p2"], work))
                times["go"].append(cpu_seconds([a.go, "build", "-o", "prog", "."], godir))
            m = {k: statistics.median(v) for k, v in times.items()}
            print(f"| {kind} | {n} | {m['O0']:.2f} | {m['O2']:.2f} | {m['go']:.2f} "
                  f"| {m['O0'] / m['go']:.2f} | {m['O2'] / m['go']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
