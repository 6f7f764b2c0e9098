#!/usr/bin/env python3
"""Go 1.19's own test programs, run through gmc: a measurement, not a test.

Go's test/ directory (Debian's golang-1.19-src, /usr/share/go-1.19/test)
holds single-file programs whose first comment says how Go checks them.
Two kinds use nothing but the language and its output:

  // run         must compile, exit 0, and print exactly <name>.out (or
                 nothing when there is no .out file);
  // errorcheck  must be rejected, with an error on each line that carries
                 an `// ERROR "regexp"` comment matching each regexp, and
                 on no other line (Go's test/run.go; here with gmc -e).

This script runs each of them through gmc (the source copied to a .gm
file; nothing is copied into the repository) and reports how many pass,
and why the others do not: the first "not supported in gm" construct, or
the first mismatch. It never fails on the figures.

    test/gotests/run.py [--gmc build/bin/gmc] [--go-test DIR] [--kind run|errorcheck]
                        [--list] [--filter REGEX]
"""
import argparse
import collections
import warnings
import glob
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Go's errorcheck compiles one file with `go tool compile`, which allows
# bodyless functions (they may be assembly) and a main package without
# main (that is the linker's error); gmc, like `go build`, reports both.
LINKER_ERRORS = {"missing function body",
                 "function main is undeclared in the main package"}

# Tests whose Go 1.19 expectations gm departs from on purpose.
KNOWN = {
    "closure2.go": "relies on Go 1.19's shared loop variables; gm follows Go 1.22",
    "escape.go": "relies on Go 1.19's shared loop variables (&v in range_escapes2); gm follows Go 1.22",
}
REPO = os.path.dirname(os.path.dirname(HERE))

ERROR_COMMENT = re.compile(r"//\s*(?:GC_)?ERROR\s+(.*)$")
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`')
DIAG = re.compile(r"^[^:]*:(\d+):(\d+): error: (.*)$")


def header(path):
    """The test's action line: the first comment that is not a build tag."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("//go:build") or line.startswith("// +build"):
                continue
            return line
    return ""


def tests(root):
    out = []
    for path in sorted(glob.glob(os.path.join(root, "*.go")) +
                       glob.glob(os.path.join(root, "*", "*.go"))):
        if ".dir" in path or "/fixedbugs/" in path:
            continue
        h = header(path)
        if h == "// run":
            out.append(("run", path))
        elif h == "// errorcheck":
            out.append(("errorcheck", path))
    return out


def go_regexp(rx):
    # Go's RE2 syntax, as far as these tests use it, is Python's.
    return re.compile(rx)


def expected_errors(path):
    want = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            m = ERROR_COMMENT.search(line)
            # run.go: a doubled comment marker disables the line's ERROR.
            if not m or "////" in line:
                continue
            rxs = []
            for q in QUOTED.finditer(m.group(1)):
                text = q.group(1) if q.group(1) is not None else q.group(2)
                if q.group(1) is not None:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")  # \. is not a Go escape either
                        text = bytes(text, "utf-8").decode("unicode_escape")
                # LINE, LINE+1, LINE-2: that line of the test file, as
                # run.go expands it (the file is t.gm here).
                text = re.sub(r"LINE(?:([+-])(\d+))?",
                              lambda m: "t.gm:%d" % (n + (int(m.group(2)) * (1 if m.group(1) == "+" else -1) if m.group(1) else 0)),
                              text)
                rxs.append(text)
            want[n] = rxs
    return want


def unsupported(text):
    m = re.search(r"error: (.* is not supported in gm)", text)
    return m.group(1) if m else None


def normalize_unsupported(msg):
    # "import \"os/exec\" is not supported in gm" -> the construct's kind.
    msg = re.sub(r'"[^"]*"', '"..."', msg)
    msg = re.sub(r"\b\w+\.\w+ is not supported", "a library member is not supported", msg)
    return msg


def run_test(gmc, path, work):
    src = os.path.join(work, "t.gm")
    with open(path, "rb") as f, open(src, "wb") as g:
        g.write(f.read())
    exe = os.path.join(work, "t")
    try:
        c = subprocess.run([gmc, "-O1", src, "-o", exe], capture_output=True,
                           timeout=120)
    except subprocess.TimeoutExpired:
        return "fail", "gmc timed out"
    err = c.stderr.decode("utf-8", "replace")
    if c.returncode != 0:
        u = unsupported(err)
        if u:
            return "unsupported", normalize_unsupported(u)
        first = next((l for l in err.splitlines() if "error:" in l), err.strip()[:200])
        return "rejected", re.sub(r"^[^:]*:\d+:\d+: ", "", first)
    try:
        r = subprocess.run([exe], capture_output=True, timeout=60, cwd=work)
    except subprocess.TimeoutExpired:
        return "fail", "timed out"
    want_path = path[:-3] + ".out"
    want = open(want_path, "rb").read() if os.path.exists(want_path) else b""
    got = r.stdout + r.stderr
    if r.returncode != 0:
        return "fail", "exit %d: %s" % (r.returncode, got.decode("utf-8", "replace").strip().splitlines()[:1])
    if got != want:
        return "fail", "output differs"
    return "pass", ""


def errorcheck_test(gmc, path, work):
    src = os.path.join(work, "t.gm")
    with open(path, "rb") as f, open(src, "wb") as g:
        g.write(f.read())
    try:
        # Relative, as run.go names the file in messages (LINE).
        c = subprocess.run([gmc, "-e", "-fsyntax-only", "t.gm"], cwd=work,
                           capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "fail", "gmc timed out"
    err = c.stderr.decode("utf-8", "replace")
    if "internal compiler error" in err or c.returncode not in (0, 1):
        return "fail", "gmc crashed (exit %d)" % c.returncode
    got = collections.defaultdict(list)
    last = None
    for line in err.splitlines():
        # A tab-indented line continues the message before it, as run.go
        # reads Go's (the "\tx (variable of type I) ..." detail lines).
        if line.startswith("\t") and last is not None:
            got[last][-1] += "\n" + line
            continue
        last = None
        m = DIAG.match(line)
        if m and m.group(3) not in LINKER_ERRORS:
            last = int(m.group(1))
            got[last].append(m.group(3))
    u = next((m for ms in got.values() for m in ms if m.endswith("is not supported in gm")), None)
    if u:
        return "unsupported", normalize_unsupported(u)
    want = expected_errors(path)
    for line, rxs in sorted(want.items()):
        msgs = list(got.get(line, []))
        for rx in rxs:
            try:
                pat = go_regexp(rx)
            except re.error:
                pat = re.compile(re.escape(rx))
            hit = next((m for m in msgs if pat.search(m)), None)
            if hit is None:
                return "fail", "line %d: no error matching %r (got %r)" % (line, rx, msgs[:2])
            msgs.remove(hit)
    for line in sorted(got):
        if line not in want:
            return "fail", "line %d: unexpected error %r" % (line, got[line][0])
    return "pass", ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gmc", default=os.path.join(REPO, "build", "bin", "gmc"))
    ap.add_argument("--go-test", default="/usr/share/go-1.19/test")
    ap.add_argument("--kind", choices=["run", "errorcheck"], action="append")
    ap.add_argument("--filter", help="only tests whose path matches this regex")
    ap.add_argument("--list", action="store_true", help="print every test's result")
    args = ap.parse_args()
    if not os.path.isdir(args.go_test):
        print("no Go test directory at %s (install golang-1.19-src)" % args.go_test)
        return 0
    kinds = args.kind or ["run", "errorcheck"]
    results = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as work:
        for kind, path in tests(args.go_test):
            if kind not in kinds or (args.filter and not re.search(args.filter, path)):
                continue
            fn = run_test if kind == "run" else errorcheck_test
            status, why = fn(args.gmc, path, work)
            name = os.path.relpath(path, args.go_test)
            if status == "fail" and name in KNOWN:
                status, why = "differs", KNOWN[name]
            results[kind].append((name, status, why))
            if args.list:
                print("%-10s %-11s %-40s %s" % (kind, status, name, why))
    for kind in kinds:
        rs = results[kind]
        by = collections.Counter(s for _, s, _ in rs)
        supported = len(rs) - by["unsupported"]
        print("// %s: %d programs; %d use only what gm supports, of which %d pass "
              "(%d rejected by gmc, %d fail, %d differ on purpose)" % (
                  kind, len(rs), supported, by["pass"], by["rejected"], by["fail"],
                  by["differs"]))
        reasons = collections.Counter(w for _, s, w in rs if s == "unsupported")
        for why, n in reasons.most_common(8):
            print("    %3d first need: %s" % (n, why))
    return 0


if __name__ == "__main__":
    sys.exit(main())
