#!/usr/bin/env python3
"""Regenerates the expected-output lines of test/Run/*.gm from Go 1.19.

Go is the oracle: each .gm file is copied to a temporary main.go and run with
`go run`. Its stdout becomes `// CHECK:`/`// CHECK-NEXT:` lines (full lines,
strict whitespace, so
no space follows the colon); if the program exits non-zero, the first line of its
stderr becomes a `// STDERR:` line. Existing generated lines are replaced.

    test/Run/Inputs/update_run_checks.py [--go PATH] test/Run/foo.gm ...
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

GENERATED = re.compile(r"^// (CHECK|CHECK-NEXT|CHECK-EMPTY|STDERR)(:|$)")
MARKER = "// Expected output (generated from Go 1.19; do not edit):"


def escape(line):
    # FileCheck treats [[ ]] and {{ }} specially.
    return re.sub(r"\[\[|\{\{",
                  lambda m: "{{\\[\\[}}" if m.group(0) == "[[" else "{{\\{\\{}}",
                  line)


def run_go(go, path):
    d = tempfile.mkdtemp()
    try:
        shutil.copy(path, os.path.join(d, "main.go"))
        env = dict(os.environ, GO111MODULE="off")
        p = subprocess.run([go, "build", "-o", os.path.join(d, "prog"),
                            "main.go"], cwd=d, env=env,
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"{path}: go build failed:\n{p.stderr}")
        p = subprocess.run([os.path.join(d, "prog")], cwd=d,
                           capture_output=True, text=True)
        return p.stdout, p.stderr, p.returncode
    finally:
        shutil.rmtree(d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--go", default="/usr/lib/go-1.19/bin/go")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    for path in args.files:
        out, err, rc = run_go(args.go, path)
        with open(path) as f:
            lines = [l.rstrip("\n") for l in f]
        lines = [l for l in lines if not GENERATED.match(l) and l != MARKER]
        while lines and lines[-1] == "":
            lines.pop()
        lines += ["", MARKER]
        first = True
        for l in out.split("\n")[:-1] if out else []:
            if l == "":
                lines.append("// CHECK-EMPTY:")
            else:
                lines.append(("// CHECK:" if first else "// CHECK-NEXT:")
                             + escape(l))
            first = False
        if rc != 0:
            lines.append("// STDERR:" + escape(err.split("\n")[0]))
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{path}: {len(out.splitlines())} lines, exit {rc}")


if __name__ == "__main__":
    main()
