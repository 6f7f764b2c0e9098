#!/usr/bin/env python3
"""Concurrency: goroutines, channels and sync, gmc -O2 against Go 1.19.

Each workload in this directory is one program, valid Go 1.19 and inside the
gm subset, that prints a checksum. The harness substitutes its `const` lines
(sizes), builds it with `gmc -O2` and with Go 1.19's `go build` (copied as
main.go into a temporary module), runs the binaries alternately (--runs times
each, the order swapped every round) and reports the median wall time, the
median user+system time, and the gmc/Go ratio of each (issue 17's goals are
on these ratios). Three parts:

  timed    spawn, pingpong, pipeline, mutexmap, rwcache, syncmap
  race     the three map workloads built with and without -race by both
           compilers (`gmc -O2 -race`, `go build -race`), at a smaller size,
           all four binaries (and the gmc -race one again with
           TSAN_OPTIONS=atexit_sleep_ms=0) in each round: the slowdown factors
  blocked  N goroutines blocked on one channel; peak RSS from
           `/usr/bin/time -f %M` for each N and for N = 0, the memory per
           blocked goroutine and how many fit in 24 GiB; a failing run is
           reported with its exit status and message, one whose RSS passes
           --rss-cap GiB (default 12) is killed by the harness (so that the
           kernel's OOM killer never picks another process on a shared
           machine), and for gm the largest N that runs is found by bisection

With --md, writes the tables as Markdown; the text below the marker
END_OF_GENERATED of an existing file is kept. Benchmarks report; they never
fail.

    python3 bench/concurrency/run.py [--runs 5] [--parts timed,race,blocked] \
        [--blocked-n 10000,100000,1000000] [--rss-cap 12] [--gmc build/bin/gmc] \
        [--md docs/benchmarks-concurrency.md]
"""
import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import gmvsgo  # noqa: E402

TITLE = "Concurrency: gmc against Go 1.19"

# name, what one run does, constants, goal on gmc/Go.
TIMED = [
    ("spawn", "start and join 100,000 goroutines (`sync.WaitGroup`), 4 times",
     {"N": 100000, "Reps": 4}, 1.5),
    ("pingpong", "2,000,000 round trips over two unbuffered channels",
     {"N": 2000000}, 1.5),
    ("pipeline", "5,000,000 values through 3 goroutines joined by `chan int` of capacity 128",
     {"N": 5000000, "Buf": 128}, 1.5),
    ("mutexmap", "2 goroutines × 10,000,000 `m[k]++` on a `map[int]int` (1,024 keys) under a `sync.Mutex`",
     {"N": 10000000}, 1.0),
    ("rwcache", "2 goroutines × 10,000,000 lookups under `RLock` (1,024 keys), 1 in 1,000 a write under `Lock`",
     {"N": 10000000}, 1.0),
    ("syncmap", "2 goroutines × 5,000,000 `sync.Map` `Load`s (1,024 keys), 1 in 1,000 a `Store`",
     {"N": 5000000}, 1.0),
]
# The -race part: smaller, as both race detectors slow these down 5-20x.
RACE = [("mutexmap", {"N": 2000000}), ("rwcache", {"N": 2000000}), ("syncmap", {"N": 1000000})]
NO_EXIT_SLEEP = {"TSAN_OPTIONS": "atexit_sleep_ms=0"}
BLOCKED = "blocked"
MIB24 = 24 * 1024 * 1024  # 24 GiB in KiB


def substitute(src, consts):
    for k, v in consts.items():
        src, n = re.subn(r"^const %s = .*$" % k, "const %s = %s" % (k, v), src, flags=re.M)
        if n != 1:
            raise SystemExit("no `const %s = ...` line to substitute" % k)
    return src


def build(args, tmp, name, consts, flavour):
    """Builds NAME with CONSTS as flavour gm, gm-race, go or go-race."""
    with open(os.path.join(HERE, name + ".gm")) as f:
        src = substitute(f.read(), consts)
    tag = name + "." + "_".join("%s%s" % kv for kv in consts.items())
    src_path = os.path.join(tmp, tag + ".src.gm")
    with open(src_path, "w") as f:
        f.write(src)
    exe = os.path.join(tmp, tag + "." + flavour + ".exe")
    if flavour.startswith("gm"):
        extra = ["-race"] if flavour == "gm-race" else []
        subprocess.run([args.gmc, "-O2", *extra, src_path, "-o", exe], check=True)
    else:
        mod = exe + ".d"
        os.makedirs(mod, exist_ok=True)
        with open(os.path.join(mod, "main.go"), "w") as f:
            f.write(src)
        with open(os.path.join(mod, "go.mod"), "w") as f:
            f.write(gmvsgo.GO_MOD)
        # Go 1.19's race detector needs cgo on linux/amd64.
        race = flavour == "go-race"
        env = dict(os.environ, CGO_ENABLED="1" if race else "0", GOFLAGS="", GO111MODULE="on")
        subprocess.run([args.go, "build", *(["-race"] if race else []), "-o", exe, "."],
                       cwd=mod, env=env, check=True)
    return exe


def run(exe, env=None, timeout=300):
    """Wall seconds, stdout, stderr and exit status of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=dict(os.environ, **env) if env else None)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    wall = time.perf_counter() - t0
    # communicate() reaped the child: its rusage is in RUSAGE_CHILDREN.
    return wall, out, err, p.returncode


def timed_runs(exes, runs):
    """Runs the binaries in turn, `runs` rounds, the order rotated each round."""
    res = {k: dict(wall=[], cpu=[], out=set(), rc=set(), err="") for k in exes}
    keys = list(exes)
    for r in range(runs):
        order = keys[r % len(keys):] + keys[:r % len(keys)]
        for k in order:
            before = gmvsgo.child_seconds()
            exe, env = exes[k] if isinstance(exes[k], tuple) else (exes[k], None)
            wall, out, err, rc = run(exe, env)
            res[k]["cpu"].append(gmvsgo.child_seconds() - before)
            res[k]["wall"].append(wall)
            res[k]["out"].add(out)
            res[k]["rc"].add(rc)
            if rc != 0:
                res[k]["err"] = err.decode(errors="replace").strip().splitlines()[:3]
    for v in res.values():
        v["wall_med"] = statistics.median(v["wall"])
        v["cpu_med"] = statistics.median(v["cpu"])
    return res


def part_timed(args, tmp):
    rows = []
    for name, what, consts, goal in TIMED:
        exes = {f: build(args, tmp, name, consts, f) for f in ("gm", "go")}
        res = timed_runs(exes, args.runs)
        same = res["gm"]["out"] == res["go"]["out"] and len(res["gm"]["out"]) == 1
        row = dict(name=name, what=what, consts=consts, goal=goal, res=res, same=same,
                   wall_ratio=res["gm"]["wall_med"] / res["go"]["wall_med"],
                   cpu_ratio=res["gm"]["cpu_med"] / res["go"]["cpu_med"])
        rows.append(row)
        print("%-9s wall gmc %6.3f go %6.3f gmc/go %5.2f | cpu gmc %6.3f go %6.3f gmc/go %5.2f%s"
              % (name, res["gm"]["wall_med"], res["go"]["wall_med"], row["wall_ratio"],
                 res["gm"]["cpu_med"], res["go"]["cpu_med"], row["cpu_ratio"],
                 "" if same else "  OUTPUT DIFFERS"), flush=True)
    return rows


def part_race(args, tmp):
    rows = []
    for name, consts in RACE:
        exes = {f: build(args, tmp, name, consts, f) for f in ("gm", "gm-race", "go", "go-race")}
        # TSan sleeps atexit_sleep_ms (1000 ms by default) at exit; Go's race
        # runtime does not. The same gm binary without that sleep:
        exes["gm-race0"] = (exes["gm-race"], NO_EXIT_SLEEP)
        res = timed_runs(exes, args.runs)
        outs = set().union(*(r["out"] for r in res.values()))
        row = dict(name=name, consts=consts, res=res, same=len(outs) == 1,
                   rcs=sorted(set().union(*(r["rc"] for r in res.values()))))
        for c in ("wall", "cpu"):
            row["gm_" + c] = res["gm-race"][c + "_med"] / res["gm"][c + "_med"]
            row["gm0_" + c] = res["gm-race0"][c + "_med"] / res["gm"][c + "_med"]
            row["go_" + c] = res["go-race"][c + "_med"] / res["go"][c + "_med"]
        rows.append(row)
        print("%-9s -race slowdown wall gmc %5.1fx (%5.1fx without the exit sleep) go %5.1fx | "
              "cpu gmc %5.1fx go %5.1fx%s"
              % (name, row["gm_wall"], row["gm0_wall"], row["go_wall"], row["gm_cpu"], row["go_cpu"],
                 "" if row["same"] else "  OUTPUT DIFFERS"), flush=True)
    return rows


def proc_kib(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def peak_rss(exe, cap_kib, timeout=300):
    """Peak RSS in KiB (`/usr/bin/time -f %M`), peak page tables in KiB (VmPTE,
    sampled every 50 ms), wall seconds, exit status, message. The program is
    killed once its RSS passes cap_kib, so that the machine's OOM killer,
    which may pick another process, never has to act."""
    fmt = "GMBENCH %M %e %x"
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", fmt, exe], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    child, pte, capped = None, 0, None
    while p.poll() is None:
        time.sleep(0.05)
        if child is None:
            try:
                with open("/proc/%d/task/%d/children" % (p.pid, p.pid)) as f:
                    child = int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        pte = max(pte, proc_kib(child, "VmPTE") or 0)
        rss = proc_kib(child, "VmRSS") or 0
        if rss > cap_kib or time.perf_counter() - t0 > timeout:
            capped = "stopped by the harness at %.1f GiB of RSS after %.0f s" % (
                rss / 1048576, time.perf_counter() - t0) if rss > cap_kib else \
                "no exit after %d s" % timeout
            os.kill(child, 9)
            p.wait()
            break
    err = p.stderr.read().decode(errors="replace").splitlines()
    m = None
    for line in err:
        m = re.match(r"GMBENCH (\d+) ([\d.]+) (-?\d+)", line) or m
    msg = [l for l in err if not l.startswith("GMBENCH") and
           not l.startswith("Command ") and l.strip()]
    if capped:
        return None, pte, time.perf_counter() - t0, "killed", capped
    if m is None:
        return None, pte, time.perf_counter() - t0, p.returncode, " / ".join(msg[:3])
    msg = " / ".join(msg[:3])
    if p.returncode != 0 and not msg:
        msg = "exit status %d (%s)" % (p.returncode, "killed by signal %d" % (p.returncode - 128)
                                       if p.returncode > 128 else "error")
    return int(m.group(1)), pte, float(m.group(2)), p.returncode, msg


def measure_blocked(args, tmp, flavour, n, reps):
    exe = build(args, tmp, BLOCKED, {"N": n}, flavour)
    rss, pte, wall, fails = [], [], [], []
    for _ in range(reps):
        kib, pte_kib, sec, rc, msg = peak_rss(exe, args.rss_cap * 1048576)
        if rc != 0:
            fails.append((rc, msg, kib))
            break
        rss.append(kib)
        pte.append(pte_kib)
        wall.append(sec)
    return dict(n=n, rss=statistics.median(rss) if rss else None,
                pte=statistics.median(pte) if pte else None,
                wall=statistics.median(wall) if wall else None, fail=fails[0] if fails else None)


def part_blocked(args, tmp):
    ns = [0] + [int(x) for x in args.blocked_n.split(",") if x]
    res = {"gm": {}, "go": {}}
    for n in ns:
        for f in ("gm", "go"):
            # Interleaving matters less for RSS; 3 runs each, median.
            res[f][n] = measure_blocked(args, tmp, f, n, 3)
            r = res[f][n]
            print("blocked %-2s N=%-8d %s" % (f, n, "peak RSS %d KiB, page tables %d KiB, %.2f s"
                                             % (r["rss"], r["pte"], r["wall"])
                                             if not r["fail"] else "FAILED: exit %s, %s"
                                             % (r["fail"][0], r["fail"][1])), flush=True)
    limit = None
    ok = [n for n in ns if n and not res["gm"][n]["fail"]]
    bad = [n for n in ns if n and res["gm"][n]["fail"]]
    if bad and args.bisect:
        lo, hi = max([n for n in ok if n < min(bad)] or [0]), min(bad)
        while hi - lo > max(lo // 50, 100):
            mid = (lo + hi) // 2
            r = measure_blocked(args, tmp, "gm", mid, 1)
            print("bisect gm N=%d %s" % (mid, "ok" if not r["fail"] else "fails: %s" % (r["fail"][1],)),
                  flush=True)
            lo, hi = (mid, hi) if not r["fail"] else (lo, mid)
        limit = (lo, hi)
    return dict(ns=ns, res=res, limit=limit)


def fmt_t(v):
    return "%.3f" % v


def verdict(ratio, goal):
    if ratio <= goal:
        return "met"
    return "**not met** (%.0f%% over)" % (100 * (ratio / goal - 1))


def write_md(args, command, timed, race, blocked, load_start, started):
    kept = gmvsgo.kept_text(args.md)
    load = os.getloadavg()
    f = open(args.md, "w")
    f.write("# %s\n\n" % TITLE)
    f.write("Generated by `%s` on %s in %.0f minutes; load average %.2f %.2f %.2f at the start, "
            "%.2f %.2f %.2f at the end. Every program is one source, `bench/concurrency/NAME.gm`, "
            "built by `gmc -O2` and by Go 1.19's `go build`; the binaries run alternately, "
            "%d runs each, the order swapped every round. Times are whole processes. "
            "Ratios are of medians; below 1 means gm is faster.\n\n"
            % (command, time.strftime("%Y-%m-%d"), (time.time() - started) / 60, *load_start,
               *load, args.runs))
    if timed:
        f.write("## Time: gmc against Go 1.19\n\n")
        f.write("Wall seconds are what the goals of issue 17 are on; user+system seconds "
                "(CPU) show how much of the two cores each used.\n\n")
        f.write("| workload | one run | gmc wall (s) | Go wall (s) | **gmc/Go wall** | goal | "
                "gmc CPU (s) | Go CPU (s) | gmc/Go CPU | gmc wall min–max | Go wall min–max | same output |\n")
        f.write("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|\n")
        for r in timed:
            g, o = r["res"]["gm"], r["res"]["go"]
            f.write("| `%s` | %s | %s | %s | **%.2f** | ≤ %.1f: %s | %s | %s | %.2f | %s–%s | %s–%s | %s |\n"
                    % (r["name"], r["what"], fmt_t(g["wall_med"]), fmt_t(o["wall_med"]),
                       r["wall_ratio"], r["goal"], verdict(r["wall_ratio"], r["goal"]),
                       fmt_t(g["cpu_med"]), fmt_t(o["cpu_med"]), r["cpu_ratio"],
                       fmt_t(min(g["wall"])), fmt_t(max(g["wall"])),
                       fmt_t(min(o["wall"])), fmt_t(max(o["wall"])),
                       "yes" if r["same"] else "**no**"))
        f.write("\n")
    if race:
        f.write("## `-race` slowdown\n\n")
        f.write("The map workloads at a smaller size (N per goroutine in the table), each built "
                "four ways: `gmc -O2`, `gmc -O2 -race`, `go build`, `go build -race` "
                "(`CGO_ENABLED=1`, which Go 1.19's race detector needs), and the gmc -race binary "
                "run a second time with `TSAN_OPTIONS=atexit_sleep_ms=0`; the five run in turn. "
                "Slowdown = median with -race / median without, for each compiler.\n\n")
        f.write("| workload | N | gmc (s) | gmc -race (s) | **gmc slowdown** | gmc -race, no exit sleep (s) | "
                "gmc slowdown, no exit sleep | Go (s) | Go -race (s) | **Go slowdown** | "
                "gmc/Go with -race | CPU slowdown gmc | CPU slowdown Go | exit codes | same output |\n")
        f.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
        for r in race:
            x = r["res"]
            f.write("| `%s` | %s | %s | %s | **%.1f×** | %s | %.1f× | %s | %s | **%.1f×** | %.2f | %.1f× | %.1f× | %s | %s |\n"
                    % (r["name"], "{:,}".format(r["consts"]["N"]),
                       fmt_t(x["gm"]["wall_med"]), fmt_t(x["gm-race"]["wall_med"]), r["gm_wall"],
                       fmt_t(x["gm-race0"]["wall_med"]), r["gm0_wall"],
                       fmt_t(x["go"]["wall_med"]), fmt_t(x["go-race"]["wall_med"]), r["go_wall"],
                       x["gm-race"]["wall_med"] / x["go-race"]["wall_med"],
                       r["gm_cpu"], r["go_cpu"], ", ".join(map(str, r["rcs"])),
                       "yes" if r["same"] else "**no**"))
        f.write("\n")
    if blocked:
        write_blocked(f, blocked)
    f.write("## Machine and tools\n\n| | |\n|---|---|\n")
    for k, v in gmvsgo.machine_rows(args):
        f.write("| %s | %s |\n" % (k, v))
    f.write("| memory | %s |\n" % meminfo_total())
    f.write("| vm.max_map_count | %s |\n" % read_first("/proc/sys/vm/max_map_count"))
    f.write("| gm tree | %s |\n" % git_describe())
    f.write("\n%s%s" % (gmvsgo.END_OF_GENERATED, kept if kept else "\n"))
    f.close()


def write_blocked(f, blocked):
    res, ns = blocked["res"], blocked["ns"]
    f.write("## Blocked goroutines: memory and how many\n\n")
    f.write("`blocked.gm` starts N goroutines that all wait on one channel, waits until each "
            "has started, prints, and releases them. Peak RSS from `/usr/bin/time -f %M` "
            "(median of 3 runs); per goroutine = (peak RSS − peak RSS at N = 0) / N. Page "
            "tables (`VmPTE`, sampled every 50 ms, peak) are kernel memory outside RSS, given "
            "per goroutine likewise. \"In 24 GiB\" = 24 GiB / (RSS + page tables per "
            "goroutine), the memory bound alone. A run whose RSS passes the harness's cap "
            "(`--rss-cap`, GiB) is killed and reported as failed.\n\n")
    f.write("| N | gmc peak RSS (MiB) | gmc KiB/goroutine | gmc page tables KiB/goroutine | "
            "gmc wall (s) | Go peak RSS (MiB) | Go KiB/goroutine | Go page tables KiB/goroutine | "
            "Go wall (s) | gmc/Go RSS per goroutine |\n")
    f.write("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    base = {k: res[k][0] for k in res}
    per, pte = {"gm": {}, "go": {}}, {"gm": {}, "go": {}}
    for n in ns:
        cells = []
        for k in ("gm", "go"):
            r = res[k][n]
            if r["fail"]:
                cells += ["**failed**: %s" % (r["fail"][1][:200] or "exit %s" % r["fail"][0]),
                          "–", "–", "–"]
                continue
            if n:
                per[k][n] = (r["rss"] - base[k]["rss"]) / n
                if r["pte"]:  # else the run ended before the first sample
                    pte[k][n] = (r["pte"] - base[k]["pte"]) / n
            cells += ["%.1f" % (r["rss"] / 1024), "%.2f" % per[k][n] if n else "–",
                      "%.2f" % pte[k][n] if n in pte[k] else "not sampled" if n else "–",
                      "%.2f" % r["wall"]]
        ratio = ("%.2f" % (per["gm"][n] / per["go"][n])
                 if n in per["gm"] and n in per["go"] else "–")
        f.write("| %s | %s | %s |\n" % ("{:,}".format(n), " | ".join(cells), ratio))
    f.write("\n")
    for k, label in (("gm", "gmc"), ("go", "Go 1.19")):
        if per[k]:
            n = max(per[k])
            tot = per[k][n] + pte[k].get(n, 0)
            f.write("- %s: %.2f KiB of RSS and %.2f KiB of page tables per blocked goroutine "
                    "at N = %s, so about %s in 24 GiB by memory alone.\n"
                    % (label, per[k][n], pte[k].get(n, 0), "{:,}".format(n),
                       "{:,}".format(int(MIB24 / tot))))
    if blocked["limit"]:
        lo, hi = blocked["limit"]
        f.write("- gmc: the largest N that ran is %s; %s failed (bisection to 2%%).\n"
                % ("{:,}".format(lo), "{:,}".format(hi)))
    f.write("\n")


def meminfo_total():
    try:
        with open("/proc/meminfo") as f:
            return f.readline().split(":")[1].strip()
    except OSError:
        return "?"


def read_first(path):
    try:
        with open(path) as f:
            return f.readline().strip()
    except OSError:
        return "?"


def git_describe():
    try:
        head = subprocess.run(["git", "-C", gmvsgo.REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", gmvsgo.REPO, "status", "--porcelain", "--",
                                "runtime", "compiler", "lang"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" (with uncommitted changes under runtime/, compiler/ or lang/)"
                       if dirty else "")
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gmc", default=os.path.join(gmvsgo.REPO, "build", "bin", "gmc"))
    ap.add_argument("--go", default="/usr/lib/go-1.19/bin/go")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--parts", default="timed,race,blocked")
    ap.add_argument("--only", help="timed and race workloads whose names match this regex")
    ap.add_argument("--blocked-n", default="10000,100000,1000000")
    ap.add_argument("--no-bisect", dest="bisect", action="store_false")
    ap.add_argument("--rss-cap", type=float, default=12,
                    help="GiB of RSS at which the harness kills a blocked run")
    ap.add_argument("--md", help="write the results as Markdown here")
    args = ap.parse_args()
    command = " ".join(["python3", os.path.relpath(sys.argv[0], gmvsgo.REPO)] +
                       [shlex.quote(a) for a in sys.argv[1:]])
    args.callgrind = ""  # for gmvsgo.machine_rows
    parts = set(args.parts.split(","))
    if args.only:
        global TIMED, RACE
        TIMED = [w for w in TIMED if re.search(args.only, w[0])]
        RACE = [w for w in RACE if re.search(args.only, w[0])]
    load_start, started = os.getloadavg(), time.time()
    with tempfile.TemporaryDirectory(prefix="gmconc") as tmp:
        timed = part_timed(args, tmp) if "timed" in parts else []
        race = part_race(args, tmp) if "race" in parts else []
        blocked = part_blocked(args, tmp) if "blocked" in parts else None
    if args.md:
        write_md(args, command, timed, race, blocked, load_start, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
