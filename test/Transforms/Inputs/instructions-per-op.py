#!/usr/bin/env python3
"""Instructions per map operation of a bench/ workload, under callgrind.

Builds WORKLOAD with gmc -O2 and with gmc -O2 -fno-map-inline, runs each
under valgrind --tool=callgrind with Reps = R and Reps = 0 (the setup), and
prints (Ir(R) - Ir(0)) / (R * N) for both and their ratio. Instruction counts
do not depend on machine load, so bounds on them can be checked in CI; a
bound that is exceeded makes the exit status 1.

  instructions-per-op.py --gmc GMC --workload F.gm --set Hit=true ...
      [--max-inline X] [--max-ratio Y]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def instantiate(src, out, consts):
    text = open(src).read()
    for name, value in consts.items():
        text, n = re.subn(rf"^const {name} = \S+", f"const {name} = {value}",
                          text, flags=re.M)
        if n != 1:
            sys.exit(f"instructions-per-op: no 'const {name}' in {src}")
    with open(out, "w") as f:
        f.write(text)


def instructions(argv, workdir):
    out = os.path.join(workdir, "callgrind.out")
    p = subprocess.run(["valgrind", "--tool=callgrind",
                        f"--callgrind-out-file={out}"] + argv,
                       capture_output=True, text=True, timeout=600)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m or "checksum" not in p.stdout:
        sys.exit(f"instructions-per-op: {argv[0]} failed under callgrind:\n"
                 + p.stderr[-2000:])
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gmc", required=True)
    ap.add_argument("--workload", required=True)
    ap.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE")
    ap.add_argument("--max-inline", type=float)
    ap.add_argument("--max-ratio", type=float)
    args = ap.parse_args()
    consts = dict(kv.split("=", 1) for kv in args.set)
    n, reps = int(consts.get("N", "1024")), int(consts.get("Reps", "16"))
    consts.setdefault("N", str(n))
    consts["Reps"] = str(reps)
    per_op = {}
    with tempfile.TemporaryDirectory() as work:
        for name, flags in (("inline", []), ("call", ["-fno-map-inline"])):
            counts = []
            for r in (reps, 0):
                src = os.path.join(work, f"{name}{r}.gm")
                exe = src[:-3]
                instantiate(args.workload, src, dict(consts, Reps=str(r)))
                # x86-64-v3: valgrind 3.19 decodes no AVX-512, which the
                # default -mcpu=native may use.
                subprocess.run([args.gmc, "-O2", "-mcpu=x86-64-v3", *flags,
                                src, "-o", exe], check=True)
                counts.append(instructions([exe], work))
            per_op[name] = (counts[0] - counts[1]) / (reps * n)
    ratio = per_op["inline"] / per_op["call"]
    print(f"inline {per_op['inline']:.1f} call {per_op['call']:.1f} "
          f"ratio {ratio:.3f}")
    failed = False
    if args.max_inline is not None and per_op["inline"] > args.max_inline:
        print(f"FAIL: {per_op['inline']:.1f} instructions per operation "
              f"with gm-map-inline, bound {args.max_inline}")
        failed = True
    if args.max_ratio is not None and ratio > args.max_ratio:
        print(f"FAIL: inline/call ratio {ratio:.3f}, bound {args.max_ratio}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
