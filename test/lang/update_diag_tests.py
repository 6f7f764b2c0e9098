#!/usr/bin/env python3
"""Regenerates the checks of the diagnostic tests in test/lang/.

Each diagnostic test is a program followed by a generated tail:

    // Go 1.19 (go build) reports:
    // GO: <Go's own messages for the same file>
    // gm differs: <why, when gm intentionally differs>   (kept as written)

    // CHECK: {{.*}}name.gm:L:C: error: <gmc's message>
    // CHECK-NEXT: <each tab-indented "name.gm:L:C: x refers to" line>

This script reruns gmc and Go 1.19 on the program part of every test whose
RUN line is `not %gmc -fsyntax-only %s ...` and rewrites the tail. Review
the diff: any difference between the GO and CHECK lines must be deliberate.

    test/lang/update_diag_tests.py build/bin/gmc [test/lang/foo.gm ...]
"""
import glob
import os
import re
import subprocess
import sys

GO = "/usr/lib/go-1.19/bin/go"
MARK = "\n// Go 1.19 (go build) reports:"


def update(gmc, path, workdir):
    text = open(path).read()
    if "// RUN: not %gmc -fsyntax-only %s" not in text or MARK not in text:
        return
    body, tail = text.split(MARK, 1)
    body += "\n"
    differs = [l for l in tail.splitlines() if l.startswith("// gm differs:")]
    name = os.path.splitext(os.path.basename(path))[0]
    gm = subprocess.run([gmc, "-fsyntax-only", path], capture_output=True,
                        text=True)
    gofile = os.path.join(workdir, name + ".go")
    open(gofile, "w").write(body)
    env = dict(os.environ, GOCACHE=os.path.join(workdir, "cache"),
               HOME=workdir, GOFLAGS="")
    go = subprocess.run([GO, "build", "-gcflags=-e", "-o", os.devnull,
                         gofile], capture_output=True, text=True, env=env,
                        cwd=workdir)
    out = [MARK.strip()]
    for l in go.stderr.splitlines():
        if l.startswith("#"):
            continue
        out.append("// GO: " + l.replace(workdir + "/", "").replace("./", ""))
    out += differs
    out.append("")
    in_error = False
    for l in gm.stderr.splitlines():
        m = re.match(r".*\.gm:(\d+):(\d+): error: (.*)", l)
        if m:
            # A position inside the message ("first at file:L:C") names
            # the file as gmc was given it.
            msg = re.sub(r"\S*/(%s\.gm:)" % re.escape(name), r"{{.*}}\1",
                         m.group(3))
            out.append("// CHECK: {{.*}}%s.gm:%s:%s: error: %s"
                       % (name, m.group(1), m.group(2), msg))
            in_error = True
            continue
        # The chain of a cycle: tab-indented positions, as Go prints them.
        m = re.match(r"\t.*\.gm:(\d+):(\d+): (.*)", l)
        if in_error and m:
            out.append("// CHECK-NEXT: {{^[[:blank:]].*}}%s.gm:%s:%s: %s"
                       % (name, m.group(1), m.group(2), m.group(3)))
            continue
        in_error = False
    if "error: too many errors" in gm.stderr:
        out.append("// CHECK: {{^}}error: too many errors")
    open(path, "w").write(body + "\n".join(out) + "\n")


def main():
    gmc = sys.argv[1]
    paths = sys.argv[2:] or sorted(
        glob.glob(os.path.join(os.path.dirname(__file__), "*.gm")))
    workdir = "/tmp/gm-update-diag-tests"
    os.makedirs(workdir, exist_ok=True)
    for p in paths:
        update(gmc, os.path.abspath(p), workdir)


if __name__ == "__main__":
    main()
