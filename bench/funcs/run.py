#!/usr/bin/env python3
"""Function values, closures and defer: gmc -O2 against Go 1.19.

Builds each workload in this directory with `gmc -O2` and with Go 1.19, runs
the two binaries alternately (--runs times each), checks that they print the
same line, and reports the median user+system seconds and their ratio. With
--md, writes the table as Markdown. Benchmarks report; they never fail.
The harness is bench/gmvsgo.py.

    python3 bench/funcs/run.py [--runs 5] [--md docs/benchmarks-funcs.md]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import gmvsgo  # noqa: E402

TITLE = "Function values, closures and defer: gmc against Go 1.19"
WORKLOADS = ["visitor", "dispatch", "indirect", "sortslice", "defer_hot", "nodefer_hot"]

if __name__ == "__main__":
    sys.exit(gmvsgo.main(TITLE, HERE, WORKLOADS, __doc__))
