#!/usr/bin/env python3
"""Benchmark gm's maps against Go 1.19 and the best C++ hash maps.

One command builds every workload in bench/workloads/ with `gmc -O2`,
`gmc -O2 -fno-map-inline`, `gmc -O2 -fmap-runtime=swiss` (Go 1.24's Swiss
map, issue 18) and `go build`, builds the C++ yardsticks
(bench/cpp/maps_bench.cpp on std::unordered_map, absl::flat_hash_map and
boost::unordered_flat_map), runs them all alternating, checks that every
implementation prints the same checksum, and writes docs/benchmarks.md and
docs/benchmarks.svg. See bench/README.md for the method.

    python3 bench/run.py --quick      # under 2 minutes on 2 cores
    python3 bench/run.py              # the full run, under 15 minutes

Benchmarks report; they never fail. The exit code is non-zero only when the
harness itself cannot run (no Go, no workloads).
"""

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORKLOADS = os.path.join(BENCH, "workloads")

K, M = 1 << 10, 1 << 20
SIZE_NAMES = {1 << 6: "64", K: "1K", 4 * K: "4K", 64 * K: "64K", 256 * K: "256K",
              M: "1M", 16 * M: "16M"}

# The implementations, in report column order. kind: how it is built.
IMPLS = [
    ("gmc", "gmc -O2", "gm"),
    ("gmc-noinline", "gmc -O2 -fno-map-inline", "gm"),
    ("gmc-swiss", "gmc -O2 -fmap-runtime=swiss", "gm"),
    ("go", "Go 1.19", "go"),
    ("std", "std::unordered_map", "cpp"),
    ("absl", "absl::flat_hash_map", "cpp"),
    ("boost", "boost::unordered_flat_map", "cpp"),
]
IMPL_TITLE = {i: t for i, t, _ in IMPLS}
IMPL_KIND = {i: k for i, _, k in IMPLS}

PATTERNS = {0: "sequential", 1: "random", 2: "upper bits"}


class Config:
    """One measured point: a workload, its constants and its op count."""

    def __init__(self, family, workload, params, n, reps, ops, variant="",
                 impls=None):
        self.family = family      # table title, e.g. "int64 lookup hit"
        self.workload = workload  # bench/workloads/<workload>.gm
        self.params = dict(params, N=n, Reps=reps)
        self.n = n
        self.reps = reps
        self.ops = ops            # map operations with Reps = reps
        self.variant = variant    # row label beside the size, e.g. "16 B"
        self.impls = impls        # the implementations to run (None: all)
        self.results = {}         # impl -> dict (see measure())
        self.notes = []

    def runs(self, impl):
        return self.impls is None or impl in self.impls

    @property
    def row(self):
        size = SIZE_NAMES.get(self.n, str(self.n))
        return f"{self.variant} {size}".strip() if self.variant else size

    @property
    def key(self):
        return f"{self.family} / {self.row}"


def reps_for(n, target):
    return max(1, round(target / n))


def make_configs(quick, huge):
    """The workload matrix of issue 9. Quick mode keeps the int64 points at
    1K and 64K and one 64K point of a few other families; the full mode
    covers 1K, 64K and 1M (16M with --huge).

    Operations per run: about 1M (quick) or 2M (full) for inserts and
    deletes (one build of the map from 1M entries on), four times that for
    lookups and iteration, which take a few ns each in maps of up to 64K
    entries (4M from 1M entries on): long enough that the measured part of
    each run dwarfs the noise of the subtracted baseline."""
    unit = 1 * M if quick else 2 * M
    out = []

    def add(family, workload, params, n, fast, variant=""):
        if fast:
            target = 4 * unit if n <= 64 * K else 4 * M
        else:
            target = unit if n <= 64 * K else n
        reps = reps_for(n, target)
        out.append(Config(family, workload, params, n, reps, reps * n,
                          variant))

    sizes = [K, 64 * K] if quick else [K, 64 * K, M]
    # Issue 9 lists every int64 operation at 16M too; --huge adds them all.
    big = sizes + ([16 * M] if huge and not quick else [])
    rnd = {"Pattern": 1}
    for n in big:
        add("int64 insert, growing map", "int64_insert",
            dict(rnd, Presize="false"), n, False)
        add("int64 lookup hit", "int64_lookup", dict(rnd, Hit="true"), n,
            True)
    for n in ([64 * K] if quick else big):
        add("int64 insert, presized map", "int64_insert",
            dict(rnd, Presize="true"), n, False)
        add("int64 lookup miss", "int64_lookup", dict(rnd, Hit="false"), n,
            True)
        if not quick:
            add("int64 delete + reinsert", "int64_delete", rnd, n, False)
        add("int64 iterate", "int64_iterate", rnd, n, True)
    if not quick:
        for pat in (0, 2):
            for n in (64 * K, M):
                add(f"int64 insert, growing map, {PATTERNS[pat]} keys",
                    "int64_insert", {"Pattern": pat, "Presize": "false"}, n,
                    False)
                add(f"int64 lookup hit, {PATTERNS[pat]} keys",
                    "int64_lookup", {"Pattern": pat, "Hit": "true"}, n, True)
        for n in sizes:
            add("int32 insert, growing map", "int32_insert", rnd, n, False)
            add("int32 lookup hit", "int32_lookup", dict(rnd, Hit="true"), n,
                True)
    for n in ([64 * K] if quick else [K, 64 * K]):
        for kl in ((16,) if quick else (8, 16, 32, 100)):
            add("string lookup hit", "string_lookup",
                {"KeyLen": kl, "Hit": "true"}, n, True, variant=f"{kl} B,")
    if not quick:
        for kl in (8, 16, 32, 100):
            add("string insert, growing map", "string_insert",
                {"KeyLen": kl}, 64 * K, False, variant=f"{kl} B,")
    hot_ops = 4 * unit
    out.append(Config("hot 64-entry map, m[k] += 1", "hot_small", {}, 64,
                      hot_ops, hot_ops))
    words = 256 * K if quick else M
    wreps = 4 if quick else 2
    out.append(Config(
        "word frequency", "wordfreq", {"Words": words}, 4096, wreps,
        wreps * words,
        variant=f"{SIZE_NAMES.get(words, words)} words, vocabulary"))
    return out + make_loop_configs(quick)


# Issue 5's non-map workloads run on gmc -O2 and Go only: no map, so neither
# the inlining pass nor the C++ maps have anything to say about them.
LOOP_IMPLS = ("gmc", "go")


def make_loop_configs(quick):
    """Issue 5: "Generated code: for non-map loops (arithmetic, slices,
    strings), equal to or faster than Go 1.19 on the same source". One
    operation is one loop iteration (arith) or one element (sieve: a slot,
    strings: a byte); about 0.2-0.5 s of gmc time per run in full mode."""
    scale = 1 if quick else 2
    return [
        Config("loop: integer arithmetic", "loop_arith", {}, 1,
               scale * 50 * M, scale * 50 * M, variant="LCG steps,",
               impls=LOOP_IMPLS),
        Config("loop: slices (sieve + prefix sums)", "loop_sieve", {},
               256 * K, scale * 200, scale * 200 * 256 * K,
               variant="slots,", impls=LOOP_IMPLS),
        Config("loop: strings (build + scan)", "loop_strings", {}, 64 * K,
               scale * 400, scale * 400 * 64 * K, variant="bytes,",
               impls=LOOP_IMPLS),
    ]


def make_mem_configs(quick, huge):
    """Reps = 1 builds of one map, for peak RSS in bytes per entry."""
    # Not below 1M: ru_maxrss of a child starts from the forked harness's
    # own RSS (~20 MB), which would hide a smaller map.
    sizes = [M] + ([16 * M] if huge and not quick else [])
    out = []
    for n in sizes:
        out.append(Config("int64 growing map", "int64_insert",
                          {"Pattern": 1, "Presize": "false"}, n, 1, n))
    if not quick:
        out.append(Config("int64 presized map", "int64_insert",
                          {"Pattern": 1, "Presize": "true"}, M, 1, M))
        out.append(Config("int32 growing map", "int32_insert",
                          {"Pattern": 1}, M, 1, M))
        out.append(Config("string (16 B) growing map", "string_insert",
                          {"KeyLen": 16}, M, 1, M))
    return out


def make_callgrind_configs():
    """Small workloads for instruction counts: 128K operations each."""
    ops = 128 * K
    rnd = {"Pattern": 1}
    specs = [
        ("int64 insert, growing map", "int64_insert",
         dict(rnd, Presize="false")),
        ("int64 insert, presized map", "int64_insert",
         dict(rnd, Presize="true")),
        ("int64 lookup hit", "int64_lookup", dict(rnd, Hit="true")),
        ("int64 lookup miss", "int64_lookup", dict(rnd, Hit="false")),
        ("int64 assign, existing key", "int64_lookup",
         dict(rnd, Hit="true", Assign="true")),
        ("int64 delete + reinsert", "int64_delete", rnd),
        ("int64 iterate", "int64_iterate", rnd),
        ("int32 lookup hit", "int32_lookup", dict(rnd, Hit="true")),
        ("string lookup hit", "string_lookup", {"KeyLen": 16, "Hit": "true"}),
    ]
    out = [Config(f, w, p, K, ops // K, ops,
                  variant="16 B," if w.startswith("string") else "")
           for f, w, p in specs]
    out.append(Config("hot 64-entry map, m[k] += 1", "hot_small", {}, 64,
                      ops, ops))
    # The same loops without their map operation: the loop (and make)
    # overhead that OVERHEAD subtracts.
    for f, w, p in OVERHEAD_BASELINES:
        out.append(Config(f, w, dict(p, MapOp="false"), K, ops // K, ops))
    return out


# Loop overhead baselines for callgrind, and which rows they apply to: the
# cost of the map operation alone is Ir(row) - Ir(baseline).
OVERHEAD_BASELINES = [
    ("loop overhead: lookup loop", "int64_lookup",
     {"Pattern": 1, "Hit": "true"}),
    ("loop overhead: presized insert loop", "int64_insert",
     {"Pattern": 1, "Presize": "true"}),
]
OVERHEAD = {
    "int64 lookup hit": "loop overhead: lookup loop",
    "int64 lookup miss": "loop overhead: lookup loop",
    "int64 assign, existing key": "loop overhead: lookup loop",
    "int64 insert, presized map": "loop overhead: presized insert loop",
}


# --- Sources and builds -----------------------------------------------------

def template_consts(workload):
    with open(os.path.join(WORKLOADS, workload + ".gm")) as f:
        text = f.read()
    consts = dict(re.findall(r"^const (\w+) = (\S+)", text, re.M))
    return text, consts


def instantiate(workload, params):
    """The workload's source with `const NAME = ...` lines replaced."""
    text, consts = template_consts(workload)
    for name, value in params.items():
        pat = re.compile(rf"^const {name} = \S+", re.M)
        if not pat.search(text):
            raise SystemExit(f"{workload}.gm has no 'const {name} = ...'")
        text = pat.sub(f"const {name} = {value}", text, count=1)
    return text


def all_params(workload, params):
    """Every constant of the workload (template defaults, then params): what
    the C++ yardstick is given, so that it computes the same thing."""
    _, consts = template_consts(workload)
    consts.update({k: str(v) for k, v in params.items()})
    return consts


class Builder:
    """Builds each (implementation, source) once, content-addressed."""

    def __init__(self, args, workdir):
        self.args = args
        self.dir = os.path.join(workdir, "bin")
        os.makedirs(self.dir, exist_ok=True)
        self.cache = {}
        self.errors = {}
        self.commands = {}  # kind -> an example command, for the report
        self.env = dict(os.environ, GOCACHE=os.path.join(workdir, "gocache"),
                        GO111MODULE="off", GOFLAGS="")

    def _name(self, impl, workload, params, cg):
        tag = "_".join(f"{k}{v}" for k, v in sorted(params.items()))
        return f"{workload}.{tag}.{impl}{'.v3' if cg else ''}"

    def build(self, impl, workload, params, cg=False):
        """Returns the argv that runs this variant, or None (see errors).
        cg: for callgrind, which (3.19) cannot decode AVX-512, so gmc
        targets x86-64-v3 instead of the host CPU."""
        kind = IMPL_KIND[impl]
        if kind == "cpp":
            if not self.args.cpp_bin:
                return None
            return [self.args.cpp_bin, impl, workload] + [
                f"{k}={v}" for k, v in all_params(workload, params).items()]
        if kind == "gm" and not self.args.gmc:
            return None
        name = self._name(impl, workload, params, cg)
        if name in self.cache:
            return self.cache[name]
        src = os.path.join(self.dir, name + (".go" if kind == "go" else ".gm"))
        exe = os.path.join(self.dir, name)
        with open(src, "w") as f:
            f.write(instantiate(workload, params))
        if kind == "go":
            cmd = [self.args.go, "build", "-o", exe, src]
        else:
            cmd = [self.args.gmc, "-O2"]
            if impl == "gmc-noinline":
                cmd.append("-fno-map-inline")
            if impl == "gmc-swiss":
                cmd.append("-fmap-runtime=swiss")
            if cg:
                cmd.append("-mcpu=x86-64-v3")
            cmd += ["-o", exe, src]
        if not cg:
            self.commands.setdefault(impl, cmd)
        try:
            p = subprocess.run(cmd, env=self.env, capture_output=True,
                               text=True, timeout=300)
            ok = p.returncode == 0 and os.path.exists(exe)
            err = (p.stderr or p.stdout).strip()
        except (OSError, subprocess.TimeoutExpired) as e:
            ok, err = False, str(e)
        if ok and cg and kind == "gm":
            # valgrind 3.19 cannot read clang-19's DWARF 5 (strx, addrx,
            # rnglistx forms); symbols are enough for instruction counts.
            subprocess.run(["strip", "-g", exe], capture_output=True)
        if not ok:
            self.errors[(impl, workload)] = err.splitlines()[:3] or [
                "failed"]
            exe = None
        self.cache[name] = [exe] if exe else None
        return self.cache[name]


def build_cpp(args, workdir):
    """Builds gm-cpp-mapbench: in the given CMake build tree if there is one
    (by default gmc's), otherwise in a standalone configure of bench/ in
    build-bench/ (ignored by git, kept between runs)."""
    if args.cpp_bin:
        return args.cpp_bin, None
    tree = args.cmake_build
    if tree and os.path.exists(os.path.join(tree, "CMakeCache.txt")):
        cmd = ["cmake", "--build", tree, "--target", "gm-cpp-mapbench"]
        exe = os.path.join(tree, "bin", "gm-cpp-mapbench")
    else:
        tree = os.path.join(ROOT, "build-bench")
        gen = ["-G", "Ninja"] if shutil.which("ninja") else []
        conf = ["cmake", "-S", BENCH, "-B", tree] + gen
        p = subprocess.run(conf, capture_output=True, text=True)
        if p.returncode != 0:
            return None, "cmake configure failed: " + p.stderr[-300:]
        cmd = ["cmake", "--build", tree, "--target", "gm-cpp-mapbench"]
        exe = os.path.join(tree, "bin", "gm-cpp-mapbench")
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(exe):
        return None, "C++ build failed: " + (p.stdout + p.stderr)[-400:]
    return exe, None


# --- Running ----------------------------------------------------------------

# Which field of run_once's result each --clock reads.
CLOCK_FIELDS = {"wall": 0, "cpu": 2, "user": 4}


def run_once(argv, outdir, timeout):
    """Runs argv; returns (seconds, maxrss_bytes, cpu_seconds, stdout,
    user_seconds) or raises RuntimeError. Timing is wall time around
    fork/exec/wait4; the CPU times are the child's rusage."""
    with tempfile.TemporaryFile(dir=outdir) as out, \
            tempfile.TemporaryFile(dir=outdir) as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=err)
        # A blocking wait4 (no polling that would steal CPU from the run),
        # with a timer that kills a runaway.
        killer = threading.Timer(timeout, p.kill)
        killer.start()
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        killer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        if dt >= timeout:
            raise RuntimeError(f"timed out after {timeout} s")
        out.seek(0)
        text = out.read().decode(errors="replace").strip()
        if p.returncode != 0:
            err.seek(0)
            msg = err.read().decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"exit {p.returncode}: {' '.join(msg[:2])}")
        return (dt, ru.ru_maxrss * 1024, ru.ru_utime + ru.ru_stime, text,
                ru.ru_utime)


def measure(cfg, cmds, base_cmds, runs, base_runs, workdir, timeout, log,
            clock=0):
    """A/B/C... alternating: every round runs each implementation once
    (measured, then baseline), rotating the order each round."""
    impls = [i for i in cmds if cmds[i] and base_cmds.get(i)]
    samples = {i: [] for i in impls}
    base = {i: [] for i in impls}
    outs, base_outs, failed = {}, {}, {}
    for rnd in range(runs):
        order = impls[rnd % len(impls):] + impls[:rnd % len(impls)] \
            if impls else []
        for i in order:
            if i in failed:
                continue
            try:
                samples[i].append(run_once(cmds[i], workdir, timeout))
                if rnd < base_runs:
                    base[i].append(run_once(base_cmds[i], workdir, timeout))
            except RuntimeError as e:
                failed[i] = str(e)
    for i in impls:
        r = {}
        if i in failed:
            r["error"] = failed[i]
        if samples[i] and base[i]:
            # clock: 0 wall time, 2 CPU time (user + sys, all threads),
            # 4 user time alone.
            # The fastest baseline: other load only ever adds time.
            b = min(s[clock] for s in base[i])
            per_op = [(s[clock] - b) / cfg.ops * 1e9 for s in samples[i]]
            r.update(
                ns=statistics.median(per_op), ns_min=min(per_op),
                ns_max=max(per_op), wall=[s[0] for s in samples[i]],
                base_wall=[s[0] for s in base[i]],
                cpu=[s[2] for s in samples[i]],
                rss=max(s[1] for s in samples[i]),
                base_rss=max(s[1] for s in base[i]))
            outs[i] = samples[i][0][3]
            base_outs[i] = base[i][0][3]
        cfg.results[i] = r
    check_checksums(cfg, outs, base_outs)
    log(cfg)


def check_checksums(cfg, outs, base_outs):
    for what, o in (("measured", outs), ("baseline", base_outs)):
        if len(set(o.values())) > 1:
            groups = {}
            for i, text in o.items():
                groups.setdefault(text, []).append(i)
            cfg.notes.append(f"CHECKSUM MISMATCH ({what}): " + "; ".join(
                f"{','.join(v)}: {k!r}" for k, v in groups.items()))
    cfg.checksum = next(iter(outs.values()), None)


def callgrind(cfg, cmds, base_cmds, workdir, timeout):
    """Instructions per operation: (Ir(Reps) - Ir(0)) / ops."""
    # Go: valgrind 3.19 decodes neither RDTSCP (runtime.cputicks) nor
    # survives the async-preemption signals under callgrind.
    env = dict(os.environ, GODEBUG="cpu.rdtscp=off,asyncpreemptoff=1")

    def ir(argv, out=None):
        out = out or os.path.join(workdir, "callgrind.out")
        p = subprocess.run(["valgrind", "--tool=callgrind",
                            f"--callgrind-out-file={out}"] + argv,
                           capture_output=True, text=True, timeout=timeout,
                           env=env)
        m = re.search(r"Collected : (\d+)", p.stderr)
        if p.returncode != 0 or not m or "checksum" not in p.stdout:
            bad = [l for l in p.stderr.splitlines()
                   if "unhandled" in l or "Illegal" in l or "ssertion" in l]
            raise RuntimeError((bad or p.stderr.strip().splitlines()[-1:]
                                or ["failed"])[0])
        return int(m.group(1))

    for i in cmds:
        if not cmds[i] or not base_cmds.get(i):
            continue
        prof = os.path.join(workdir, f"callgrind.{i}.out")
        base_prof = os.path.join(workdir, f"callgrind.{i}.base.out")
        try:
            cfg.results[i] = {"ir": (ir(cmds[i], prof) -
                                     ir(base_cmds[i], base_prof)) / cfg.ops}
            if i in PROFILED:
                cfg.results[i]["top"] = top_functions(prof, base_prof,
                                                      cfg.ops)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            cfg.results[i] = {"error": str(e)}


PROFILED = ("gmc", "gmc-noinline", "go")


def function_costs(profile):
    """Self cost (Ir) per function in a callgrind profile."""
    p = subprocess.run(["callgrind_annotate", "--auto=no", "--threshold=100",
                        profile],
                       capture_output=True, text=True)
    cost = {}
    for line in p.stdout.splitlines():
        m = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)(?: \[.*\])?$",
                     line)
        if not m or m.group(2) == "PROGRAM TOTALS":
            continue
        name = m.group(2)
        # "file:function": the first single colon ends the file name.
        cut = re.search(r"(?<!:):(?!:)", name)
        if cut:
            name = name[cut.end():]
        cost[name] = cost.get(name, 0) + int(m.group(1).replace(",", ""))
    return cost


def top_functions(profile, base_profile, ops, n=6):
    """The functions with the most instructions per operation (self cost,
    the Reps = 0 run subtracted): where the time goes, for the report."""
    cost = function_costs(profile)
    for name, c in function_costs(base_profile).items():
        cost[name] = cost.get(name, 0) - c
    top = sorted(cost.items(), key=lambda kv: -kv[1])[:n]
    return [(name, c / ops) for name, c in top if c / ops >= 0.05]


# --- Report -----------------------------------------------------------------

def fmt_ns(r):
    if not r or "ns" not in r:
        return "—" if not r or "error" not in r else "fail"
    return (f"{r['ns']:.3g} ({r['ns_min']:.3g}–{r['ns_max']:.3g})")


def ratio(cfg, a, b, key="ns"):
    ra, rb = cfg.results.get(a, {}), cfg.results.get(b, {})
    if key in ra and key in rb and rb[key] > 0 and ra[key] > 0:
        return ra[key] / rb[key]
    return None


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}"


RATIOS = [("gmc/Go", "gmc", "go"), ("inline on/off", "gmc", "gmc-noinline"),
          ("gmc/absl", "gmc", "absl"), ("gmc/boost", "gmc", "boost"),
          ("swiss/classic", "gmc-swiss", "gmc"),
          ("swiss/boost", "gmc-swiss", "boost")]


def goals(configs):
    """Issue 9's goals, evaluated on the configurations that they name."""
    rows = []

    def check(what, cfg, a, b, bound):
        x = ratio(cfg, a, b)
        if x is None:
            verdict = "not measured"
        elif x <= bound:
            verdict = "met"
        else:
            verdict = f"missed by {100 * (x / bound - 1):.0f}%"
        rows.append((what, cfg.key, bound, x, verdict))

    for c in configs:
        rnd = c.params.get("Pattern") == 1
        if c.family in ("int64 insert, growing map",
                        "int64 insert, presized map", "int64 lookup hit",
                        "int64 lookup miss") and rnd:
            if c.n <= 64 * K:
                check("gmc -O2 / Go ≤ 0.80", c, "gmc", "go", 0.80)
            elif c.n == M:
                check("gmc -O2 / Go ≤ 0.95", c, "gmc", "go", 0.95)
    for c in configs:
        if c.impls == LOOP_IMPLS:
            check("gmc -O2 / Go ≤ 1.00 (issue 5, non-map loops)", c, "gmc",
                  "go", 1.0)
    for c in configs:
        if c.family == "hot 64-entry map, m[k] += 1" or (
                c.family in ("int64 lookup hit", "int32 lookup hit")
                and c.n <= K):
            check("inline on / off ≤ 0.85", c, "gmc", "gmc-noinline", 0.85)
    for c in configs:
        if c.family in ("int64 lookup hit", "int32 lookup hit",
                        "string lookup hit") and c.n <= 64 * K:
            check("gmc / absl ≤ 1.5", c, "gmc", "absl", 1.5)
            check("gmc / boost ≤ 1.5", c, "gmc", "boost", 1.5)
    return rows


def machine_info():
    info = {}
    try:
        out = subprocess.run(["lscpu"], capture_output=True,
                             text=True).stdout
        for key in ("Model name", "CPU(s)", "Thread(s) per core",
                    "L2 cache", "L3 cache"):
            m = re.search(rf"^{re.escape(key)}:\s*(.+)$", out, re.M)
            if m:
                info[key] = m.group(1).strip()
    except OSError:
        pass
    info["kernel"] = platform.release()
    try:
        with open("/proc/meminfo") as f:
            info["memory"] = f.readline().split(":")[1].strip()
    except OSError:
        pass
    return info


def tool_versions(args):
    def first_line(cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=30)
            return (p.stdout or p.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "unavailable"

    def deb(pkg):
        return first_line(["dpkg-query", "-W", "-f=${Version}", pkg])

    gmc = "not found"
    if args.gmc:
        gmc = f"{first_line([args.gmc, '--version'])} (`{args.gmc}`"
        cache = os.path.join(os.path.dirname(os.path.dirname(args.gmc)),
                             "CMakeCache.txt")
        try:
            with open(cache) as f:
                m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", f.read(), re.M)
            gmc += f", {m.group(1) or 'no'} build" if m else ""
        except OSError:
            pass
        gmc += ")"
    return {
        "gmc": gmc,
        "go": first_line([args.go, "version"]),
        "c++": first_line(["clang++-19", "--version"]),
        "absl": deb("libabsl-dev"),
        "boost": deb("libboost1.81-dev"),
        "valgrind": first_line(["valgrind", "--version"]),
    }


def write_failures(w, rows, label):
    """The notes and failed runs of a table's rows, under the table."""
    for c in rows:
        for n in c.notes:
            w(f"\n**{label(c)}: {n}**")
        for i, r in c.results.items():
            if "error" in r:
                w(f"\n{label(c)}, {IMPL_TITLE[i]}: run failed: "
                  f"`{r['error'][:200]}`")


SEE_ALSO = ("Also: the runtime's entry points called directly against the "
            "C++ maps (Google Benchmark), in "
            "[benchmarks-micro.md](benchmarks-micro.md) "
            "(`bench/micro/run.py`); cache lines per hit at 1M entries, in "
            "[runtime.md](runtime.md#cache-lines-per-lookup-at-1m-entries) "
            "(`bench/cachelines.sh`); every int64 workload at 16M entries, in "
            "[benchmarks-16m.md](benchmarks-16m.md) (`bench/run.py --huge "
            "--only 16M --clock user`); compile times against go build, in "
            "[benchmarks-compile.md](benchmarks-compile.md) "
            "(`bench/compile/run.sh`); interfaces (dispatch, type switches, "
            "assertions, `map[any]int`) against Go 1.19, in "
            "[benchmarks-interfaces.md](benchmarks-interfaces.md) "
            "(`bench/interfaces/run.py`); goroutines, channels, `sync` and "
            "`-race` against Go 1.19, in "
            "[benchmarks-concurrency.md](benchmarks-concurrency.md) "
            "(`bench/concurrency/run.py`).\n")


def cg_table_head(w, first):
    """Header of a callgrind table: one column per implementation, then the
    inline on/off ratio."""
    w(f"| {first} | " + " | ".join(t for _, t, _ in IMPLS) + " | inline on/off |")
    w("|" + "---|" * (2 + len(IMPLS)))


def write_markdown(path, args, configs, mem, cg, builder, info, versions,
                   load, elapsed, svg_ok, cpp_error):
    L = []
    w = L.append
    rel_svg = os.path.relpath(args.svg, os.path.dirname(path))
    w("# Benchmarks: gm maps against Go 1.19 and C++ hash maps\n")
    w("Generated by `bench/run.py` (see `bench/README.md` for the method). "
      "Do not edit by hand: rerun\n")
    w(f"    {' '.join(shlex.quote(a) for a in args.argv)}\n")
    w(SEE_ALSO)
    w(f"Mode: **{'quick' if args.quick else 'full'}**, "
      f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
      f"{elapsed / 60:.1f} min. "
      f"{args.runs} runs per implementation and point, alternating, "
      f"with {args.base_runs} baseline runs each.\n")
    w("## Machine and tools\n")
    w("| | |\n|---|---|")
    for k, v in info.items():
        w(f"| {k} | {v} |")
    w(f"| load average (start → end) | {load[0]:.2f} → {load[1]:.2f} |")
    for k, v in versions.items():
        w(f"| {k} | {v} |")
    w("")
    w("Build commands (one example each; the harness substitutes the "
      "`const` lines of the workload into a copy):\n")
    w("```sh")
    for impl, cmd in builder.commands.items():
        w(" ".join(shlex.quote(c) for c in cmd).replace(builder.dir, "$W"))
    w("cmake --build <tree> --target gm-cpp-mapbench  "
      "# clang++-19 -O2 -march=x86-64-v3")
    w("# run: $W/<exe>, or: gm-cpp-mapbench {std|absl|boost} WORKLOAD "
      "N=... Reps=... (every .gm constant)")
    w("```\n")
    ncpu = os.cpu_count() or 1
    # One benchmark process runs at a time: a load of 1 is this run itself.
    if max(load) > 1 + 0.25 * ncpu:
        w(f"**Warning:** the load average reached {max(load):.1f} on "
          f"{ncpu} CPUs during this run: other work shared the machine, so "
          "the wall times are noisy and may be inflated. Prefer the ratios "
          "and the callgrind counts, or rerun on a quiet machine.\n")
    if cpp_error:
        w(f"**C++ yardsticks unavailable:** {cpp_error}\n")
    if not args.gmc:
        w("**gmc was not found**: the gmc columns are empty. Build it and "
          "rerun.\n")
    if builder.errors:
        w("### Build failures\n")
        for (impl, wl), err in sorted(builder.errors.items()):
            w(f"- {IMPL_TITLE[impl]}, `{wl}.gm`: `{' '.join(err)[:300]}`")
        w("")

    w("## Goals of issues 9 and 5\n")
    w("Ratios of medians (lower is better for gm).\n")
    rows = goals(configs)
    w("| goal | points met | worst point | worst ratio | verdict |")
    w("|---|---|---|---|---|")
    for goal in dict.fromkeys(r[0] for r in rows):
        gr = [r for r in rows if r[0] == goal and r[3] is not None]
        if not gr:
            w(f"| {goal} | — | — | — | not measured |")
            continue
        worst = max(gr, key=lambda r: r[3] / r[2])
        met = sum(r[3] <= r[2] for r in gr)
        verdict = "met" if met == len(gr) else worst[4]
        w(f"| {goal} | {met} of {len(gr)} | {worst[1]} | "
          f"{worst[3]:.2f} | {verdict} |")
    w("\nEvery point:\n")
    w("| goal | workload | ratio | verdict |\n|---|---|---|---|")
    for what, key, bound, x, verdict in rows:
        w(f"| {what} | {key} | {fmt_ratio(x)} | {verdict} |")
    w("")

    w("## Time per operation\n")
    w(f"Nanoseconds per map operation ({args.clock} time): median over the "
      "runs, (min–max), "
      "after subtracting the fastest baseline run (same program, "
      "`Reps = 0`). Ratios are of medians; below 1 means gmc is faster.\n")
    if args.clock == "user":
        w("User time leaves out the kernel's work, above all the page faults "
          "that first touch the map's memory, whose cost on this VM varies "
          "by up to ten times from run to run. It counts the work of every "
          "thread of the process, such as Go's concurrent GC workers on the "
          "other core, which wall time would partly hide.\n")
    if svg_ok:
        w(f"![time per operation against map size]({rel_svg})\n")
    families = []
    for c in configs:
        if c.family not in families and c.impls is None:
            families.append(c.family)
    head = ("| size | " + " | ".join(t for _, t, _ in IMPLS) + " | " +
            " | ".join(r[0] for r in RATIOS) + " |")
    for fam in families:
        rows = [c for c in configs if c.family == fam]
        w(f"### {fam}\n")
        consts = ", ".join(f"{k} = {v}" for k, v in rows[0].params.items()
                           if k not in ("N", "Reps"))
        w(f"`{rows[0].workload}.gm`" + (f", {consts}" if consts else "") +
          "\n")
        w(head)
        w("|" + "---|" * (1 + len(IMPLS) + len(RATIOS)))
        for c in rows:
            cells = [fmt_ns(c.results.get(i)) for i, _, _ in IMPLS]
            rat = [fmt_ratio(ratio(c, a, b)) for _, a, b in RATIOS]
            w(f"| {c.row} ({c.ops:,} ops) | " + " | ".join(cells) + " | " +
              " | ".join(rat) + " |")
        write_failures(w, rows, lambda c: c.row)
        w("")

    loops = [c for c in configs if c.impls == LOOP_IMPLS]
    if loops:
        w("## Non-map loops: gmc -O2 against Go 1.19 (issue 5)\n")
        w("The same sources (`bench/workloads/loop_*.gm`) built by `gmc -O2` "
          "and `go build`: nanoseconds per operation, median over the runs "
          "(min–max), baseline (`Reps = 0`) subtracted. Below 1 means gmc "
          "is faster; the goal is at most 1.00.\n")
        w("| workload | operations | gmc -O2 | Go 1.19 | gmc/Go |")
        w("|---|---|---|---|---|")
        for c in loops:
            w(f"| {c.family} (`{c.workload}.gm`) | {c.ops:,} {c.variant[:-1]} "
              f"| {fmt_ns(c.results.get('gmc'))} "
              f"| {fmt_ns(c.results.get('go'))} "
              f"| {fmt_ratio(ratio(c, 'gmc', 'go'))} |")
        write_failures(w, loops, lambda c: c.family)
        w("")

    if mem:
        w("## Peak RSS in bytes per entry\n")
        w("(peak RSS of one build of the map − peak RSS of the same program "
          "without it) / entries, from `wait4` rusage. Includes "
          "the old buckets kept during growth and any garbage the collector "
          "has not returned.\n")
        w("| map | " + " | ".join(t for _, t, _ in IMPLS) + " |")
        w("|" + "---|" * (1 + len(IMPLS)))
        for c in mem:
            cells = []
            for i, _, _ in IMPLS:
                r = c.results.get(i, {})
                if "rss" in r:
                    cells.append(f"{(r['rss'] - r['base_rss']) / c.n:.1f}")
                else:
                    cells.append("—")
            w(f"| {c.family}, {c.row} | " + " | ".join(cells) + " |")
        w("")

    if cg:
        w("## Instructions per operation (callgrind)\n")
        w("`valgrind --tool=callgrind`: (Ir with `Reps = R` − Ir with "
          "`Reps = 0`) / operations, at 1K entries (64 for the hot map). "
          "Deterministic up to the per-process hash seed, so CI can gate "
          "on these, e.g. instructions per lookup with gm-map-inline.\n")
        cg_table_head(w, "workload")
        for c in cg:
            cells = []
            for i, _, _ in IMPLS:
                r = c.results.get(i, {})
                cells.append(f"{r['ir']:.1f}" if "ir" in r else
                             ("fail" if "error" in r else "—"))
            w(f"| {c.family}, {c.row} | " + " | ".join(cells) + " | " +
              fmt_ratio(ratio(c, "gmc", "gmc-noinline", "ir")) + " |")
        w("")
        by_family = {c.family: c for c in cg}
        rows = [(c, by_family.get(OVERHEAD[c.family])) for c in cg
                if c.family in OVERHEAD]
        rows = [(c, b) for c, b in rows if b]
        if rows:
            w("### The map operation alone\n")
            w("Each row above minus the same loop with its map operation "
              "replaced by arithmetic on the key (`MapOp = false`): the "
              "loop overhead, and for the presized insert also the `make`, "
              "subtracted. \"inline on/off\" is issue 7's measure: at most "
              "0.70 means the inlined fast path executes at least 30% fewer "
              "instructions than the runtime call.\n")
            cg_table_head(w, "operation")
            for c, b in rows:
                cells, net = [], {}
                for i, _, _ in IMPLS:
                    r, rb = c.results.get(i, {}), b.results.get(i, {})
                    if "ir" in r and "ir" in rb:
                        net[i] = r["ir"] - rb["ir"]
                        cells.append(f"{net[i]:.1f}")
                    else:
                        cells.append("—")
                on_off = (net["gmc"] / net["gmc-noinline"]
                          if net.get("gmc-noinline", 0) > 0 and "gmc" in net
                          else None)
                w(f"| {c.family} | " + " | ".join(cells) + " | " +
                  fmt_ratio(on_off) + " |")
            w("")
        w("### Where the instructions go\n")
        w("Self cost per operation of the top functions (Ir with `Reps = R` "
          "− Ir with `Reps = 0`, per function; code that the inliner moved "
          "into `main.main` is counted there). Use this to see why a goal is "
          "missed.\n")
        for c in cg:
            tops = [(i, c.results.get(i, {}).get("top")) for i in PROFILED]
            tops = [(i, t) for i, t in tops if t]
            if not tops:
                continue
            w(f"**{c.family}, {c.row}**\n")
            w("| " + " | ".join(IMPL_TITLE[i] for i, _ in tops) + " |")
            w("|" + "---|" * len(tops))
            for k in range(max(len(t) for _, t in tops)):
                cells = []
                for _, t in tops:
                    if k < len(t):
                        name = t[k][0].replace("|", "\\|")
                        if len(name) > 60:
                            name = name[:57] + "..."
                        cells.append(f"{t[k][1]:.1f} `{name}`")
                    else:
                        cells.append("")
                w("| " + " | ".join(cells) + " |")
            w("")
    text = "\n".join(L).rstrip() + "\n"
    if args.callgrind_only and os.path.exists(path):
        text = splice_callgrind_section(path, text, args)
    with open(path, "w") as f:
        f.write(text)


CG_HEADING = "## Instructions per operation (callgrind)"


def splice_callgrind_section(path, fresh, args):
    """--callgrind-only: replace only the callgrind section of an existing
    report, so that its timing tables (from a full run) stay."""
    with open(path) as f:
        old = f.read()
    if CG_HEADING not in old or CG_HEADING not in fresh:
        return fresh
    section = fresh[fresh.index(CG_HEADING):]
    cmd = " ".join(shlex.quote(a) for a in args.argv)
    section = section.replace(
        CG_HEADING + "\n",
        CG_HEADING + "\n\n" + "This section was regenerated on its own "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}) by\n\n"
        f"    {cmd}\n", 1)
    start = old.index(CG_HEADING)
    nxt = old.find("\n## ", start + len(CG_HEADING))
    rest = old[nxt + 1:] if nxt >= 0 else ""
    return old[:start] + section.rstrip() + "\n" + ("\n" + rest if rest else "")


def write_plot(path, configs, workdir):
    """One panel per family measured at two sizes or more: ns/op against
    entries, log-log, one line per implementation."""
    if not shutil.which("gnuplot"):
        return False
    fams = []
    for c in configs:
        if c.family not in fams:
            fams.append(c.family)
    fams = [f for f in fams
            if len({c.n for c in configs if c.family == f}) >= 2][:8]
    if not fams:
        return False
    cols = (len(fams) + 1) // 2
    script = [
        f"set terminal svg size {max(2, cols) * 500},{800 if len(fams) > 1 else 420} "
        'dynamic noenhanced font "sans,11"',
        f'set output "{path}"',
        'set datafile missing "NaN"',
        f"set multiplot layout {2 if len(fams) > 1 else 1},{cols} "
        'title "gm maps: time per operation against map size (log-log)"',
        "set logscale xy",
        "set xtics (" + ", ".join(f'"{v}" {k}' for k, v in
                                  sorted(SIZE_NAMES.items())) + ")",
        'set xlabel "entries"', 'set ylabel "ns / op"', "set grid",
        'set key top left box opaque font ",8"',
        # gmc red (dashed without inlining), the Swiss runtime orange, Go
        # blue, C++ grey/green/purple.
        "set linetype 1 lc rgb '#d62728' lw 2 pt 7",
        "set linetype 2 lc rgb '#d62728' lw 1 dt 2 pt 6",
        "set linetype 3 lc rgb '#ff7f0e' lw 2 pt 9",
        "set linetype 4 lc rgb '#1f77b4' lw 2 pt 5",
        "set linetype 5 lc rgb '#7f7f7f' lw 1 pt 4",
        "set linetype 6 lc rgb '#2ca02c' lw 1 pt 8",
        "set linetype 7 lc rgb '#9467bd' lw 1 pt 10",
    ]
    for fi, fam in enumerate(fams):
        data = os.path.join(workdir, f"plot{fi}.dat")
        rows = sorted((c for c in configs if c.family == fam),
                      key=lambda c: c.n)
        with open(data, "w") as f:
            for c in rows:
                vals = [c.results.get(i, {}).get("ns") for i, _, _ in IMPLS]
                f.write(f"{c.n} " + " ".join(
                    "NaN" if v is None or v <= 0 else f"{v:.4g}"
                    for v in vals) + "\n")
        plots = [f'"{data}" using 1:{k + 2} with linespoints lt {k + 1} '
                 f'title "{t}"' for k, (_, t, _) in enumerate(IMPLS)]
        lo, hi = rows[0].n, rows[-1].n
        script.append(f"set xrange [{lo / 2}:{hi * 2}]")
        script.append(f'set title "{fam}"')
        script.append("plot " + ", ".join(plots))
    script.append("unset multiplot")
    p = subprocess.run(["gnuplot"], input="\n".join(script), text=True,
                       capture_output=True)
    return p.returncode == 0 and os.path.exists(path)


# --- Driver -----------------------------------------------------------------

def find_gmc():
    for d in ("build", "build-cg"):
        p = os.path.join(ROOT, d, "bin", "gmc")
        if os.access(p, os.X_OK):
            return p
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="fewer sizes and operations: under 2 minutes")
    ap.add_argument("--huge", action="store_true",
                    help="add 16M-entry points (full mode; slow, ~2 GB)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--base-runs", type=int, default=None,
                    help="baseline runs per point (default 3, quick 2)")
    ap.add_argument("--gmc", default=None,
                    help="gmc binary (default: build/bin/gmc, "
                         "build-cg/bin/gmc); 'none' to skip gmc")
    ap.add_argument("--go", default="/usr/lib/go-1.19/bin/go")
    ap.add_argument("--cpp-bin", default=None,
                    help="a prebuilt gm-cpp-mapbench; 'none' to skip C++")
    ap.add_argument("--cmake-build", default=None,
                    help="CMake tree to build gm-cpp-mapbench in (default: "
                         "the one gmc lives in, else a standalone tree)")
    ap.add_argument("--only", default=None,
                    help="regex on 'family / size' to select points")
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--callgrind-only", action="store_true",
                    help="only the instruction counts (no timing, no RSS)")
    ap.add_argument("--clock", choices=("wall", "cpu", "user"),
                    default="wall",
                    help="wall time (default); user+sys CPU time, which "
                         "is less disturbed by other load on the machine "
                         "but counts Go's GC threads on other cores; or "
                         "user time alone, which also leaves out the "
                         "kernel's page faults (their cost varies tenfold "
                         "on a VM: use it for --huge)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel builds")
    ap.add_argument("--workdir", default=None,
                    help="where binaries go (default: a temp dir)")
    ap.add_argument("--md", default=os.path.join(ROOT, "docs",
                                                 "benchmarks.md"))
    ap.add_argument("--svg", default=os.path.join(ROOT, "docs",
                                                  "benchmarks.svg"))
    ap.add_argument("--json", default=None, help="also dump raw results")
    args = ap.parse_args()
    args.argv = ["python3", "bench/run.py"] + sys.argv[1:]
    if args.base_runs is None:
        args.base_runs = 2 if args.quick else 3
    args.base_runs = min(args.base_runs, args.runs)
    if args.gmc == "none":
        args.gmc = None
    elif args.gmc is None:
        args.gmc = find_gmc()
    if not os.access(args.go, os.X_OK):
        sys.exit(f"run.py: Go not found at {args.go}")
    workdir = args.workdir or tempfile.mkdtemp(prefix="gm-bench-")
    os.makedirs(workdir, exist_ok=True)
    t_start = time.time()
    load0 = os.getloadavg()[0]

    def say(msg):
        print(f"[{time.time() - t_start:6.1f}s] {msg}", flush=True)

    say(f"work dir {workdir}; gmc: {args.gmc or 'not found'}")
    configs = make_configs(args.quick, args.huge)
    mem = make_mem_configs(args.quick, args.huge)
    cg = [] if args.no_callgrind or not shutil.which("valgrind") \
        else make_callgrind_configs()
    if args.quick and cg:
        keep = ("int64 lookup hit", "hot 64-entry map, m[k] += 1",
                "loop overhead: lookup loop")
        cg = [c for c in cg if c.family in keep]
    if args.callgrind_only:
        configs, mem = [], []
    if args.only:
        rx = re.compile(args.only)
        configs = [c for c in configs if rx.search(c.key)]
        mem = [c for c in mem if rx.search(c.key)]
        cg = [c for c in cg if rx.search(c.key)]

    cpp_error = None
    if args.cpp_bin == "none":
        args.cpp_bin, cpp_error = None, "skipped (--cpp-bin none)"
    elif not any(c.runs("std") for c in configs + mem + cg):
        args.cpp_bin = None  # The selected points do not run C++.
    else:
        if args.cmake_build is None and args.gmc:
            tree = os.path.dirname(os.path.dirname(args.gmc))
            if os.path.exists(os.path.join(tree, "CMakeCache.txt")):
                args.cmake_build = tree
        args.cpp_bin, cpp_error = build_cpp(args, workdir)
        say(f"C++ yardsticks: {args.cpp_bin or cpp_error}")

    # Build everything first (in parallel), then measure on a quiet machine.
    builder = Builder(args, workdir)
    jobs = []
    for c in configs + mem + cg:
        base = dict(c.params, Reps=0)
        for impl, _, kind in IMPLS:
            if kind != "cpp" and (kind == "go" or args.gmc) and c.runs(impl):
                jobs.append((impl, c.workload, c.params, c in cg))
                jobs.append((impl, c.workload, base, c in cg))
    # Deduplicate while keeping order; gm and Go builds are independent.
    seen, uniq = set(), []
    for j in jobs:
        k = (j[0], j[1], tuple(sorted(j[2].items())), j[3])
        if k not in seen:
            seen.add(k)
            uniq.append(j)
    say(f"building {len(uniq)} programs ({args.jobs} at a time)")
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        list(ex.map(lambda j: builder.build(*j), uniq))
    for (impl, wl), err in builder.errors.items():
        say(f"build failed: {impl} {wl}: {err[0][:160]}")

    def cmds_for(c, reps, cg=False):
        p = dict(c.params, Reps=reps)
        return {i: builder.build(i, c.workload, p, cg) for i, _, _ in IMPLS
                if c.runs(i)}

    def log(c):
        parts = []
        for i, _, _ in IMPLS:
            r = c.results.get(i, {})
            parts.append(f"{i}={r['ns']:.3g}" if "ns" in r else f"{i}=-")
        extra = f"  [{'; '.join(c.notes)}]" if c.notes else ""
        say(f"{c.key}: ns/op " + " ".join(parts) + extra)

    timeout = 120 if args.quick else 600
    say(f"measuring {len(configs)} points")
    for c in configs:
        measure(c, cmds_for(c, c.reps), cmds_for(c, 0), args.runs,
                args.base_runs, workdir, timeout, log,
                CLOCK_FIELDS[args.clock])
    say(f"peak RSS: {len(mem)} points")
    for c in mem:
        measure(c, cmds_for(c, c.reps), cmds_for(c, 0), 1, 1, workdir,
                timeout, lambda c: None)
    if cg:
        say(f"callgrind: {len(cg)} points")
        for c in cg:
            callgrind(c, cmds_for(c, c.reps, True), cmds_for(c, 0, True),
                      workdir, timeout)
            say(f"callgrind {c.key}: " + " ".join(
                f"{i}={r['ir']:.1f}" if "ir" in r else f"{i}=-"
                for i, r in c.results.items()))

    os.makedirs(os.path.dirname(os.path.abspath(args.md)), exist_ok=True)
    # The plot shows timings, which --callgrind-only leaves as they were.
    svg_ok = (not args.callgrind_only and
              write_plot(os.path.abspath(args.svg), configs, workdir))
    if not svg_ok:
        say("no plot: no family measured at two sizes, or no gnuplot")
    write_markdown(args.md, args, configs, mem, cg, builder, machine_info(),
                   tool_versions(args), (load0, os.getloadavg()[0]),
                   time.time() - t_start, svg_ok, cpp_error)
    if args.json:
        with open(args.json, "w") as f:
            json.dump([{"key": c.key, "workload": c.workload,
                        "params": c.params, "ops": c.ops,
                        "results": c.results, "notes": c.notes}
                       for c in configs + mem + cg], f, indent=1)
    say(f"wrote {args.md}" + (f" and {args.svg}" if svg_ok else ""))
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
