#!/usr/bin/env python3
"""Interfaces: gmc -O2 against Go 1.19.

Builds each workload in this directory with `gmc -O2` and with Go 1.19, runs
the two binaries alternately (--runs times each), checks that they print the
same line, and reports the median user+system seconds and their ratio;
--callgrind dispatch,mapany_int adds instruction counts. With --md, writes
the tables as Markdown. Benchmarks report; they never fail. The harness is
bench/gmvsgo.py.

    python3 bench/interfaces/run.py [--runs 5] [--callgrind dispatch,mapany_int] \
        [--md docs/benchmarks-interfaces.md]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import gmvsgo  # noqa: E402

TITLE = "Interfaces: gmc against Go 1.19"
WORKLOADS = ["dispatch", "typeswitch", "mapany_int", "mapany_string", "assert"]

if __name__ == "__main__":
    sys.exit(gmvsgo.main(TITLE, HERE, WORKLOADS, __doc__))
