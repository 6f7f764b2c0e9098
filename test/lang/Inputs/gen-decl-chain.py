#!/usr/bin/env python3
"""Prints a gm program with a chain of N package-level declarations, each
referring to the next (test/lang/decl-chain-long.gm):

    vars N    var a0 = a1 + 1 ... var aN = 0 (valid: initialized aN first)
    cycle N   var a0 = a1 ... var a(N-1) = a0 (an initialization loop)
    funcs N   var x = f0(); func f0() int { return f1() } ... returning x
    types N   type T0 struct{ t T1 } ... type T(N-1) struct{ t T0 }
"""
import sys

kind, n = sys.argv[1], int(sys.argv[2])
print("package main\n")
if kind == "vars":
    for i in range(n):
        print(f"var a{i} = a{i + 1} + 1")
    print(f"var a{n} = 0")
    print("func main() { println(a0) }")
elif kind == "cycle":
    for i in range(n):
        print(f"var a{i} = a{(i + 1) % n}")
    print("func main() {}")
elif kind == "funcs":
    print("var x = f0()")
    for i in range(n):
        nxt = f"f{i + 1}()" if i + 1 < n else "x"
        print(f"func f{i}() int {{ return {nxt} }}")
    print("func main() {}")
elif kind == "types":
    for i in range(n):
        print(f"type T{i} struct{{ t T{(i + 1) % n} }}")
    print("func main() {}")
