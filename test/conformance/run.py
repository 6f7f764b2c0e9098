#!/usr/bin/env python3
"""Differential conformance tests: gm programs against Go 1.19's recorded results.

Each test is <area>/<name>.gm with <name>.out (stdout), <name>.rc (exit code)
and, when stderr is non-empty, <name>.err (its first line), all recorded from
Go 1.19. See README.md for usage.
"""
import argparse
import concurrent.futures
import difflib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
GO_DEFAULT = "/usr/lib/go-1.19/bin/go"
CONFIGS = {
    "O0": ["-O0"],
    "O2": ["-O2"],
    "O2-no-map-inline": ["-O2", "-fno-map-inline"],
    # ThreadSanitizer (gmc -race): the programs are race-free, so any report
    # fails the test. Not a default configuration (it is slow); CI runs it.
    "race": ["-O1", "-race"],
    # The same corpus against Go 1.24's Swiss map (gmc -fmap-runtime=swiss):
    # Go's output does not depend on the map's design (iteration order is
    # random in both), so the recorded results are the same. No program here
    # imports gm/runtime, the only place where the two runtimes differ.
    "swiss-O0": ["-O0", "-fmap-runtime=swiss"],
    "swiss-O2": ["-O2", "-fmap-runtime=swiss"],
    "swiss-O2-no-map-inline": ["-O2", "-fno-map-inline", "-fmap-runtime=swiss"],
    "swiss-race": ["-O1", "-race", "-fmap-runtime=swiss"],
}
DEFAULT_CONFIGS = "O0,O2,O2-no-map-inline"


# Sanitizer options for --sanitized (gmc and runtime built with
# -fsanitize=address,undefined). gmc keeps leak checking: it must not leak.
# The programs run without it, as the GC heap is exempt, and without ASan's
# fake stacks, which Boehm GC does not scan (it would free live objects).
SAN_GMC_ENV = {"ASAN_OPTIONS": "detect_leaks=1"}
SAN_PROGRAM_ENV = {
    "ASAN_OPTIONS": "detect_leaks=0:detect_stack_use_after_return=0",
}
SAN_COMMON_ENV = {"UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1"}
# Go's own panics say "runtime error:" too, so match only the sanitizers'
# headers and summaries.
SAN_REPORT = re.compile(rb"ERROR: (Address|Leak)Sanitizer|Sanitizer:DEADLYSIGNAL|"
                        rb"WARNING: ThreadSanitizer|"
                        rb"SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer")


def sanitizer_env(base, sanitized, extra):
    env = dict(base)
    if sanitized:
        for k, v in list(SAN_COMMON_ENV.items()) + list(extra.items()):
            # Ours last: a sanitizer takes the last value of a repeated flag.
            env[k] = env[k] + ":" + v if env.get(k) else v
    return env


class Result:
    def __init__(self, out, rc, err):
        self.out, self.rc, self.err = out, rc, err
        self.report = None  # a sanitizer report in stderr, under --sanitized


def first_line(data):
    text = data.decode("utf-8", "replace")
    return text.split("\n", 1)[0] if text else None


def run_exe(exe, timeout, sanitized=False):
    env = sanitizer_env(dict(os.environ, LC_ALL="C"), sanitized, SAN_PROGRAM_ENV)
    try:
        p = subprocess.run([exe], stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        return Result(e.stdout or b"", "timeout", None)
    except OSError as e:
        return Result(b"", "not runnable (%s)" % e, None)
    res = Result(p.stdout, p.returncode, first_line(p.stderr))
    # A report after the first stderr line (e.g. below a panic message) or
    # one that did not change the exit code must still fail the test.
    if sanitized and SAN_REPORT.search(p.stderr):
        res.report = p.stderr.decode("utf-8", "replace")
    return res


def go_env(tmp, modules=False):
    env = dict(os.environ, GO111MODULE="on" if modules else "off",
               CGO_ENABLED="0", GOFLAGS="", GOTOOLCHAIN="local")
    if "HOME" not in env and "GOCACHE" not in env:
        env["GOCACHE"] = os.path.join(tmp, "gocache")
    return env


# A program whose result depends on a language change after Go 1.19 says so
# with Go's own build constraint before its package clause, e.g.
# `//go:build go1.22` for per-iteration loop variables. Go 1.19 would skip
# such a file; it is built with the newer Go (--go-new) in a module of that
# language version instead.
NEW_GO_CONSTRAINT = re.compile(rb"^//go:build go1\.(\d+)\s*$", re.M)
GO_NEW_DEFAULT = "/usr/local/go/bin/go"
go_new = GO_NEW_DEFAULT


def required_go_minor(src):
    """The minor version of `//go:build go1.N` in src's header, or None."""
    with open(src, "rb") as f:
        head = f.read().split(b"\npackage ", 1)[0]
    m = NEW_GO_CONSTRAINT.search(head)
    return int(m.group(1)) if m else None


def build_go(go, src, tmp):
    """Builds src with Go into tmp; returns (exe, error text)."""
    main = os.path.join(tmp, "main.go")
    shutil.copyfile(src, main)
    exe = os.path.join(tmp, "go.exe")
    minor = required_go_minor(src)
    if minor is not None:
        with open(os.path.join(tmp, "go.mod"), "w") as f:
            f.write("module gmconformance\n\ngo 1.%d\n" % minor)
        go = go_new
    p = subprocess.run([go, "build", "-o", exe, main], capture_output=True,
                       cwd=tmp, env=go_env(tmp, modules=minor is not None))
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace")
    return exe, None


def build_gmc(gmc, flags, src, exe, sanitized=False):
    env = sanitizer_env(os.environ, sanitized, SAN_GMC_ENV)
    try:
        p = subprocess.run([gmc] + flags + [src, "-o", exe], capture_output=True,
                           timeout=300, env=env)
    except subprocess.TimeoutExpired:
        return "gmc timed out after 300 s"
    except OSError as e:
        return "cannot run gmc: %s" % e
    if p.returncode != 0 or (sanitized and SAN_REPORT.search(p.stderr)):
        return p.stderr.decode("utf-8", "replace") or "gmc exit code %d" % p.returncode
    return None


def expected(test):
    base = test[:-3]
    out = open(base + ".out", "rb").read()
    rc = int(open(base + ".rc").read().strip())
    err = None
    if os.path.exists(base + ".err"):
        err = open(base + ".err", encoding="utf-8").read().rstrip("\n")
    return Result(out, rc, err)


def record(test, res):
    base = test[:-3]
    open(base + ".out", "wb").write(res.out)
    open(base + ".rc", "w").write("%s\n" % res.rc)
    if res.err is not None:
        open(base + ".err", "w", encoding="utf-8").write(res.err + "\n")
    elif os.path.exists(base + ".err"):
        os.remove(base + ".err")


def compare(exp, got):
    """Returns a list of problems: (summary, detail)."""
    probs = []
    if exp.out != got.out:
        a = exp.out.decode("utf-8", "replace").splitlines()
        b = got.out.decode("utf-8", "replace").splitlines()
        diff = list(difflib.unified_diff(a, b, "expected", "actual", n=1, lineterm=""))
        if len(diff) > 14:
            diff = diff[:14] + ["... (%d more diff lines)" % (len(diff) - 14)]
        probs.append(("stdout differs", "\n".join("    " + d for d in diff)))
    if exp.rc != got.rc:
        probs.append(("exit code %s, expected %s" % (got.rc, exp.rc), ""))
    if exp.err != got.err:
        show = lambda e: "(empty)" if e is None else repr(e)
        probs.append(("stderr differs", "    expected: %s\n    actual:   %s" % (show(exp.err), show(got.err))))
    return probs


def check_one(args, test, config):
    """Runs one test in one configuration. Returns a list of failure messages."""
    rel = os.path.relpath(test, HERE) if test.startswith(HERE) else os.path.basename(test)
    tag = "FAIL %s [%s]: " % (rel, config)
    with tempfile.TemporaryDirectory(prefix="gmconf") as tmp:
        if config == "go":
            exe, err = build_go(args.go, test, tmp)
        else:
            exe = os.path.join(tmp, "a.out")
            err = build_gmc(args.gmc, CONFIGS[config], test, exe, args.sanitized)
        if err:
            lines = err.strip().split("\nStack dump:")[0].splitlines()
            lines = lines[:40] if SAN_REPORT.search(err.encode()) else lines[:6]
            return [tag + "compile failed\n" + "\n".join("    " + l for l in lines)]
        checked = (args.sanitized and config != "go") or config.endswith("race")
        got = run_exe(exe, args.timeout, checked)
        fails = []
        if got.report:
            fails.append(tag + "sanitizer report\n" + "\n".join(
                "    " + l for l in got.report.strip().splitlines()[:40]))
        try:
            exp = expected(test)
        except (OSError, ValueError) as e:
            return [tag + "no expected results (%s); run --regenerate" % e]
        for summary, detail in compare(exp, got):
            fails.append(tag + summary + ("\n" + detail if detail else ""))
        if args.flaky and not fails:
            again = run_exe(exe, args.timeout, checked)
            if compare(got, again):
                fails.append(tag + "flaky: output differs between two runs")
        return fails


def go_result(go, test, timeout, runs=2):
    """Go's result for test, checked for determinism over `runs` runs."""
    with tempfile.TemporaryDirectory(prefix="gmconf") as tmp:
        exe, err = build_go(go, test, tmp)
        if err:
            return None, "go build failed:\n" + err
        res = run_exe(exe, timeout)
        for _ in range(runs - 1):
            if compare(res, run_exe(exe, timeout)):
                return None, "nondeterministic under Go"
        return res, None


def regenerate(args, tests):
    bad = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futs = {pool.submit(go_result, args.go, t, args.timeout): t for t in tests}
        for fut in concurrent.futures.as_completed(futs):
            t = futs[fut]
            res, err = fut.result()
            if err:
                bad += 1
                print("ERROR %s: %s" % (os.path.relpath(t, HERE), err.strip()))
            else:
                record(t, res)
    print("%d regenerated, %d failed" % (len(tests) - bad, bad))
    return 1 if bad else 0


def fuzz(args, configs):
    import gen_maps
    seed0 = args.seed if args.seed is not None else random.randrange(1 << 30)
    print("fuzz: %d programs from seed %d" % (args.fuzz, seed0))
    regdir = args.save_dir

    def one(i):
        seed = seed0 + i
        with tempfile.TemporaryDirectory(prefix="gmfuzz") as tmp:
            src = os.path.join(tmp, "fuzz_%d.gm" % seed)
            open(src, "w").write(gen_maps.generate(seed))
            exp, err = go_result(args.go, src, args.timeout)
            if err:
                return ["GENERATOR BUG seed %d: %s" % (seed, err.strip()[:500])]
            record(src, exp)
            fails = [f for c in configs for f in check_one(args, src, c)]
            if fails:
                os.makedirs(regdir, exist_ok=True)
                for ext in (".gm", ".out", ".rc", ".err"):
                    if os.path.exists(src[:-3] + ext):
                        shutil.copy(src[:-3] + ext, regdir)
                fails.append("saved %s" % os.path.join(regdir, "fuzz_%d.gm" % seed))
            return fails

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for fails in pool.map(one, range(args.fuzz)):
            if fails:
                failed += 1
                print("\n".join(fails), flush=True)
    print("%d passed, %d failed" % (args.fuzz - failed, failed))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gmc", default=os.path.join(REPO, "build", "bin", "gmc"))
    ap.add_argument("--go", default=shutil.which("go", path="/usr/lib/go-1.19/bin") or GO_DEFAULT)
    ap.add_argument("--go-new", default=GO_NEW_DEFAULT,
                    help="the Go for programs marked //go:build go1.N (N > 19)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--configs", default=DEFAULT_CONFIGS,
                    help="comma-separated subset of %s,go (default %s)" % (",".join(CONFIGS), DEFAULT_CONFIGS))
    ap.add_argument("--filter", help="only tests whose path (e.g. maps/nan_keys.gm) matches this regex")
    ap.add_argument("--timeout", type=float, default=20, help="seconds per program run")
    ap.add_argument("--regenerate", action="store_true", help="re-derive .out/.rc/.err from Go")
    ap.add_argument("--check-go", action="store_true", help="also check the recorded files against Go")
    ap.add_argument("--sanitized", action="store_true",
                    help="gmc and its runtime are built with -fsanitize=address,undefined "
                         "(GM_ENABLE_SANITIZERS): set the sanitizer options and fail on any report")
    ap.add_argument("--flaky", action="store_true", help="run each gmc binary twice, flag differing output")
    ap.add_argument("--fuzz", type=int, metavar="N", help="run N generated map programs through Go and gmc")
    ap.add_argument("--seed", type=int, help="first fuzz seed (default: random)")
    ap.add_argument("--save-dir", default=os.path.join(HERE, "regressions"),
                    help="where --fuzz saves mismatching programs (default: regressions/)")
    ap.add_argument("--keep-going", "-k", action="store_true",
                    help="run every test even after a failure (default: stop at the first failing test)")
    args = ap.parse_args()

    global go_new
    go_new = args.go_new
    configs = [c for c in args.configs.split(",") if c]
    for c in configs:
        if c != "go" and c not in CONFIGS:
            ap.error("unknown config %r" % c)
    if args.check_go and "go" not in configs:
        configs.append("go")
    have_go = os.path.exists(args.go)
    if "go" in configs and not have_go:
        print("go not found at %s: skipping the Go check" % args.go)
        configs.remove("go")
    if (args.regenerate or args.fuzz) and not have_go:
        print("error: Go 1.19 is required (not found at %s)" % args.go)
        return 2
    if not args.regenerate and any(c != "go" for c in configs) and not os.access(args.gmc, os.X_OK):
        print("error: gmc not found at %s (use --gmc PATH)" % args.gmc)
        return 2

    if args.fuzz:
        sys.path.insert(0, HERE)
        sys.dont_write_bytecode = True
        return fuzz(args, [c for c in configs if c != "go"])

    tests = []
    for dirpath, _, files in os.walk(HERE):
        tests += [os.path.join(dirpath, f) for f in files if f.endswith(".gm")]
    tests.sort()
    if args.filter:
        tests = [t for t in tests if re.search(args.filter, os.path.relpath(t, HERE))]
    if args.regenerate:
        return regenerate(args, tests)

    stop = threading.Event()

    def one(test):
        if stop.is_set():
            return None
        fails = [f for c in configs for f in [check_one(args, test, c)] if f]
        if fails and not args.keep_going:
            stop.set()
        return len(configs) - len(fails), fails

    passed = failed = skipped = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for res in pool.map(one, tests):
            if res is None:
                skipped += 1
                continue
            passed += res[0]
            failed += len(res[1])
            for f in res[1]:
                print("\n".join(f), flush=True)
    if skipped:
        print("stopped after the first failure: %d tests not run (use --keep-going)" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
