#!/usr/bin/env python3
"""Generate the inputs of issue 21 on which gmc was superlinear in their size
(see bench/compile/sweep.py, which times them against go build). Each kind
takes a size N; the program is deterministic and valid Go as well as gm:

  maplit     var m = map[int]int{0: 0, 1: 2, ...} with N constant keys
  longline   N short statements on one line, separated by semicolons
  strswitch  a switch on a string with N constant cases
  funcs      N small functions, all called from main
  nesting    N levels each of parentheses, blocks, ifs and composite
             literals (the robustness side of the issue)
  nesting-parens, nesting-blocks, nesting-ifs, nesting-lits
             N levels of one of them (docs/language.md gives the limits)

    python3 bench/compile/gen_stress.py maplit 20000 > m.gm
"""
import sys


def maplit(n):
    keys = ", ".join(f"{i}: {2 * i}" for i in range(n))
    return f"""package main

import "fmt"

var m = map[int]int{{{keys}}}

func main() {{
	fmt.Println(len(m), m[{n - 1}])
}}
"""


def longline(n):
    body = "; ".join(f"x += {i % 7}; y ^= x" if i % 2 else f"x -= y & {i % 5}"
                     for i in range(n))
    return f"""package main

import "fmt"

func main() {{
	x, y := 1, 2
	{body}
	fmt.Println(x, y)
}}
"""


def strswitch(n):
    cases = "\n".join(f'\tcase "k{i * 7919 % (10 * n)}":\n\t\treturn {i}'
                      for i in range(n))
    return f"""package main

import "fmt"

func lookup(s string) int {{
	switch s {{
{cases}
	}}
	return -1
}}

func main() {{
	fmt.Println(lookup("k0"), lookup("k{7919 % (10 * n)}"), lookup("none"))
}}
"""


def funcs(n):
    defs = "\n".join(f"""func f{i}(a, b int) int {{
	if a > b {{
		return a - b + {i}
	}}
	return b*2 + a + {i}
}}
""" for i in range(n))
    calls = "\n".join(f"\ts += f{i}(s&{i % 31}, {i % 17})" for i in range(n))
    return f"""package main

import "fmt"

{defs}
func main() {{
	s := 0
{calls}
	fmt.Println(s)
}}
"""


def nested(n):
    return {
        "parens": "(" * n + "1" + ")" * n,
        "blocks": "{" * n + "x++" + "}" * n,
        "ifs": "".join("if x >= 0 {\n" for _ in range(n)) + "x++\n" + "}\n" * n,
        "lits": "[]any{" * n + "1" + "}" * n,
    }


def nesting(n):
    d = nested(n)
    return f"""package main

import "fmt"

func main() {{
	x := {d["parens"]}
	{d["blocks"]}
	{d["ifs"]}
	v := {d["lits"]}
	fmt.Println(x, len(v))
}}
"""


def nesting_one(kind):
    # One construct alone, in the same function shape (the documented limits
    # in docs/language.md are for this shape).
    def gen(n):
        d = nested(n)
        stmt = {"parens": f"x := {d['parens']}",
                "blocks": f"x := 0\n\t{d['blocks']}",
                "ifs": f"x := 0\n{d['ifs']}",
                "lits": f"v := {d['lits']}\n\tx := len(v)"}[kind]
        return f"package main\n\nfunc main() {{\n\t{stmt}\n\tprintln(x)\n}}\n"
    return gen


KINDS = {"maplit": maplit, "longline": longline, "strswitch": strswitch,
         "funcs": funcs, "nesting": nesting}
for _kind in ("parens", "blocks", "ifs", "lits"):
    KINDS["nesting-" + _kind] = nesting_one(_kind)

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in KINDS:
        sys.exit("usage: gen_stress.py {%s} N" % "|".join(KINDS))
    sys.stdout.write(KINDS[sys.argv[1]](int(sys.argv[2])))
