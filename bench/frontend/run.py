#!/usr/bin/env python3
"""Front-end benchmark for gmc: lexing, parsing and type checking time.

Generates an N-line program (bench/compile/gen_program.py, map-heavy valid
Go) and runs `gmc -fsyntax-only -ftime-report` on it R times, then prints the
median of each row of the "gm front end" timer table (user+system and wall
seconds) and the median wall time of the whole process. Lexing is timed by
a separate lexer-only pass (the parser lexes as it goes), so "parsing only"
is parsing minus lexing. A benchmark: it never fails on the figures.

    bench/frontend/run.py [--gmc PATH] [--lines N] [--runs R]

Defaults: gmc from build/bin/gmc, N=10000, R=5.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# "   0.0305 ( 51.3%)   0.0446 ( 95.0%)   0.0751 ( 70.5%)   0.1505 ( 75.2%)  Name"
ROW = re.compile(r"^\s*(?:[\d.]+ \(\s*[\d.]+%\)\s+){2}([\d.]+) \(\s*[\d.]+%\)"
                 r"\s+([\d.]+) \(\s*[\d.]+%\)\s+(.+?)\s*$")


def frontend_table(stderr):
    """The rows of the "gm front end" table: name -> (user+sys, wall)."""
    rows, inside = {}, False
    for line in stderr.splitlines():
        if line.strip() == "gm front end":
            inside = True
            continue
        if inside and line.startswith("==="):
            if rows:
                break
            continue
        m = ROW.match(line) if inside else None
        if m:
            rows[m.group(3)] = (float(m.group(1)), float(m.group(2)))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gmc", default=os.path.join(ROOT, "build", "bin", "gmc"))
    ap.add_argument("--lines", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as work:
        prog = os.path.join(work, "prog.gm")
        with open(prog, "w") as f:
            subprocess.run([sys.executable,
                            os.path.join(ROOT, "bench", "compile",
                                          "gen_program.py"),
                            str(args.lines)], stdout=f, check=True)
        with open(prog) as f:
            lines = sum(1 for _ in f)
        samples, walls = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            r = subprocess.run([args.gmc, "-fsyntax-only", "-ftime-report",
                                prog], capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            if r.returncode != 0:
                sys.exit("gmc failed:\n" + r.stderr)
            table = frontend_table(r.stderr)
            if not table:
                sys.exit("no 'gm front end' table in gmc -ftime-report output")
            samples.append(table)

    def med(name, col):
        vals = [s[name][col] for s in samples if name in s]
        return statistics.median(vals) if vals else float("nan")

    lex, parse = "Lexing (separate pass, for this report)", \
        "Parsing (including lexing)"
    print("program: %d lines, gmc -fsyntax-only -ftime-report, median of %d"
          % (lines, args.runs))
    print("gmc: %s" % args.gmc)
    print("%-32s %10s %10s" % ("phase", "user+sys", "wall"))
    rows = [("lexing", med(lex, 0), med(lex, 1)),
            ("parsing (including lexing)", med(parse, 0), med(parse, 1)),
            ("parsing only",
             statistics.median(s[parse][0] - s[lex][0] for s in samples),
             statistics.median(s[parse][1] - s[lex][1] for s in samples)),
            ("type checking", med("Type checking", 0),
             med("Type checking", 1)),
            ("front end total (excl. lex pass)",
             statistics.median(s[parse][0] + s["Type checking"][0]
                               for s in samples),
             statistics.median(s[parse][1] + s["Type checking"][1]
                               for s in samples))]
    for name, cpu, wall in rows:
        print("%-32s %9.4fs %9.4fs" % (name, cpu, wall))
    print("%-32s %10s %9.4fs" % ("whole gmc process", "", statistics.median(walls)))


if __name__ == "__main__":
    main()
