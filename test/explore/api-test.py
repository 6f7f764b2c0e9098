#!/usr/bin/env python3
"""gmc explore's HTTP API without a browser: what /api/compile and /api/run
answer, and the limits and refusals that keep the server safe.

    api-test.py <gmc>
"""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

PROGRAM = """package main

import "fmt"

func main() {
	m := make(map[int]int)
	m[1] = 10
	s := map[string]int{"a": 1}
	fmt.Println(m[1], s["a"])
}
"""

failures = 0


def check(cond, what):
    global failures
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures += 1


def request(base, path, body=None, content_type="application/json",
            host=None):
    data = None if body is None else (
        body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def main():
    gmc = sys.argv[1]
    server = subprocess.Popen([gmc, "explore"], stdout=subprocess.PIPE,
                              text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        check(m is not None, "gmc explore prints its address: " + line.strip())
        base = m.group(0).rstrip("/")

        status, page = request(base, "/")
        check(status == 200 and b"/explorer.js" in page, "GET / is the page")
        status, js = request(base, "/explorer.js")
        check(status == 200 and len(js) > 100000,
              "GET /explorer.js is the bundle (%d bytes)" % len(js))
        status, _ = request(base, "/../../etc/passwd")
        check(status == 404, "no file outside the embedded assets")
        status, _ = request(base, "/", host="evil.example:80")
        check(status == 403, "a foreign Host header is refused")

        status, body = request(base, "/api/compile",
                               {"source": PROGRAM, "opt": 2, "inline": True,
                                "cpu": "x86-64"})
        r = json.loads(body)
        check(status == 200 and r.get("ok"), "an -O2 compile succeeds")
        badges = r.get("map_badges", [])
        check({"line": 7, "entry": "runtime.mapassign_fast64",
               "inlined": True} in badges, "m[1] = 10 is an inlined assign")
        check(any(b["line"] == 9 and b["entry"] == "runtime.mapaccess1_faststr"
                  and not b["inlined"] and b.get("reason") for b in badges),
              "s[\"a\"] stays a call, with a reason")
        ir0 = r["ir_O0"]
        lines = ir0["text"].split("\n")
        linked = [lines[i] for i, src in enumerate(ir0["lines"]) if src == 7]
        check(any("@runtime.mapassign_fast64" in l for l in linked),
              "-O0 IR lines linked to line 7 call mapassign_fast64")
        check(len(ir0["lines"]) == len(lines) - 1,
              "one link per IR line")
        after = r.get("ir_after_inline")
        check(after is not None and len(after["changed"]) > 0,
              "IR after gm-map-inline with changed lines")
        asm = r["asm"]
        check(7 in asm["lines"], "assembly lines linked to line 7")
        check(".debug_" not in asm["text"], "debug sections left out of asm")
        check(any(x["pass"] == "gm-map-inline" and x["kind"] == "passed"
                  for x in r["remarks"]), "gm-map-inline remarks listed")
        check("!dbg" not in r["ir_optimized"]["text"],
              "debug attachments stripped by default")

        status, body = request(base, "/api/compile",
                               {"source": PROGRAM, "opt": 2, "inline": False})
        r = json.loads(body)
        check("ir_after_inline" not in r and not any(
            b["inlined"] for b in r["map_badges"]), "inlining off: no inlining")

        status, body = request(base, "/api/compile",
                               {"source": PROGRAM, "opt": 2,
                                "map_runtime": "swiss"})
        r = json.loads(body)
        check(r.get("ok") and "swiss" in r["ir_O0"]["text"] and
              any(b["inlined"] for b in r["map_badges"]),
              "-fmap-runtime=swiss: compiled for the Swiss map, inlined: %s"
              % r.get("map_badges"))
        status, body = request(base, "/api/run",
                               {"source": PROGRAM, "map_runtime": "swiss"})
        r = json.loads(body)
        check(r.get("ok") and r["output"] == "10 1\n",
              "run with the Swiss map runtime")
        status, _ = request(base, "/api/compile",
                            {"source": PROGRAM, "map_runtime": "hopscotch"})
        check(status == 400, "unknown map runtime refused")

        bad = PROGRAM.replace("m[1] = 10", "m[1] = \"x\"")
        status, body = request(base, "/api/compile", {"source": bad})
        r = json.loads(body)
        check(not r["ok"] and r["diagnostics"] and
              r["diagnostics"][0]["line"] == 7,
              "a type error comes back at its line: %s" % r["diagnostics"])

        status, _ = request(base, "/api/compile", {"source": "x" * 300000})
        check(status == 413, "source over 256 KiB refused")
        status, _ = request(base, "/api/compile", b"source=1",
                            content_type="application/x-www-form-urlencoded")
        check(status == 415, "non-JSON POST refused")
        status, _ = request(base, "/api/compile",
                            {"source": PROGRAM, "cpu": "pentium; rm -rf /"})
        check(status == 400, "unknown CPU refused")

        status, body = request(base, "/api/run", {"source": PROGRAM, "opt": 0})
        r = json.loads(body)
        check(r.get("ok") and r["output"] == "10 1\n" and r["exit_code"] == 0,
              "run prints the output: %r" % r.get("output"))

        loop = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n"
        status, body = request(base, "/api/run", {"source": loop, "opt": 0})
        r = json.loads(body)
        check(r.get("timed_out") and r["exit_code"] != 0,
              "an endless loop is killed at its limit")

        chatty = ('package main\n\nimport "fmt"\n\nfunc main() {\n'
                  '\tfor {\n\t\tfmt.Println("spam spam spam spam")\n\t}\n}\n')
        status, body = request(base, "/api/run", {"source": chatty})
        r = json.loads(body)
        check(r.get("output_truncated") and len(r["output"]) <= 1 << 20,
              "output is cut at 1 MiB")

        panic = ('package main\n\nfunc main() {\n\tvar m map[int]int\n'
                 '\tm[1] = 2\n}\n')
        status, body = request(base, "/api/run", {"source": panic})
        r = json.loads(body)
        check(r["exit_code"] == 2 and "assignment to entry in nil map"
              in r["output"], "a panic's message and exit status 2")
    finally:
        server.terminate()
        server.wait(timeout=10)
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
