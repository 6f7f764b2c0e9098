#!/usr/bin/env python3
"""Random map-workload programs for differential testing against Go.

generate(seed) returns a gm program (also valid Go 1.19) that runs straight-line
and looped insert/update/delete/lookup/comma-ok/len/range operations on maps of
several key and elem types, and prints only order-independent digests: range
results are summed (commutative), everything else is folded into `sink` in
program order. `python3 gen_maps.py SEED` prints one program.
"""
import random
import sys

PRELUDE = '''package main

import (
	"fmt"
	"strconv"
)

type SK struct {
	a, b int32
}

type GK struct {
	s string
	n int
}

var sink uint64

func mix(h, x uint64) uint64 { return (h ^ x) * 1099511628211 }

func hs(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = mix(h, uint64(s[i]))
	}
	return h
}

func hsl(s []int) uint64 {
	h := uint64(len(s))
	for i, v := range s {
		h += uint64(v) * uint64(i+1)
	}
	return h
}

func hInt(k int) uint64      { return uint64(k) * 0x9e3779b97f4a7c15 }
func hI32(k int32) uint64    { return uint64(k) * 0x9e3779b97f4a7c15 }
func hStr(k string) uint64   { return hs(k) }
func hA2(k [2]int32) uint64  { return uint64(k[0])*1000003 + uint64(k[1]) }
func hSK(k SK) uint64        { return uint64(k.a)*7919 - uint64(k.b) }
func hGK(k GK) uint64        { return hs(k.s)*31 + uint64(k.n) }
func hF(k float64) uint64    { return uint64(int64(k * 16)) }
func kInt(i int) int         { return i*7 - 50 }
func kI32(i int) int32       { return int32(i*13 - 100) }
func kStr(i int) string      { return "k" + strconv.Itoa(i) }
func kA2(i int) [2]int32     { return [2]int32{int32(i % 7), int32(i / 7)} }
func kSK(i int) SK           { return SK{int32(i / 5), int32(-i)} }
func kGK(i int) GK           { return GK{"g" + strconv.Itoa(i%9), i / 9} }
func kF(i int) float64       { return float64(i)/4 - 3 }
func vStr(i int) string      { return "v" + strconv.Itoa(i%50) }
'''

# name: (Go type, key-from-int function, hash function, literal maker)
KEYS = {
    "int": ("int", "kInt", "hInt", lambda r: str(r.randint(-60, 300))),
    "int32": ("int32", "kI32", "hI32", lambda r: str(r.randint(-100, 400))),
    "string": ("string", "kStr", "hStr", lambda r: '"k%d"' % r.randint(0, 80)),
    "a2": ("[2]int32", "kA2", "hA2", lambda r: "[2]int32{%d, %d}" % (r.randint(0, 6), r.randint(0, 9))),
    "sk": ("SK", "kSK", "hSK", lambda r: "SK{%d, %d}" % (r.randint(0, 9), -r.randint(0, 50))),
    "gk": ("GK", "kGK", "hGK", lambda r: 'GK{"g%d", %d}' % (r.randint(0, 8), r.randint(0, 6))),
    "float": ("float64", "kF", "hF", lambda r: "%g" % (r.randint(-16, 40) / 4)),
}
ELEMS = {"int": ("int", "uint64(%s)"), "string": ("string", "hs(%s)"), "slice": ("[]int", "hsl(%s)")}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []
        self.maps = []  # (name, keykind, elemkind)
        self.initialized = set()
        self.depth = 1
        self.tmp = 0
        self.loop_n = 0

    def emit(self, s):
        self.lines.append("\t" * self.depth + s)

    def key(self, kind, loopvar):
        _, kfn, _, lit = KEYS[kind]
        r = self.r
        if loopvar and r.random() < 0.8:
            return "%s(%s)" % (kfn, r.choice([loopvar, "%s*3+1" % loopvar, "%s%%%d" % (loopvar, r.randint(2, 40)),
                                                "%s/2" % loopvar]))
        if r.random() < 0.5:
            return "%s(%d)" % (kfn, r.randint(0, 60))
        return lit(r)

    def ival(self, loopvar):
        c = self.r.randint(-5, 1000)
        return "%s*%d+%d" % (loopvar, self.r.randint(1, 9), c) if loopvar else str(c)

    def value(self, elem, loopvar):
        v = self.ival(loopvar)
        if elem == "int":
            return v
        if elem == "string":
            return "vStr(%s)" % v
        return "[]int{%s, %d}" % (v, self.r.randint(0, 9))

    def hv(self, elem, expr):
        return ELEMS[elem][1] % expr

    def hk(self, kind, expr):
        return "%s(%s)" % (KEYS[kind][2], expr)

    def write_op(self, m, kind, elem, lv):
        r = self.r
        k = self.key(kind, lv)
        x = r.random()
        if x < 0.45:
            self.emit("%s[%s] = %s" % (m, k, self.value(elem, lv)))
        elif x < 0.75:
            if elem == "int":
                op = r.choice(["+= %s" % self.ival(lv), "-= %s" % self.ival(lv), "*= 3", "^= %s" % self.ival(lv),
                               "/= %d" % r.randint(1, 5), "%%= %d" % r.randint(1, 97), "++", "--", "|= 1", "<<= 1"])
                self.emit("%s[%s]%s%s" % (m, k, "" if op in ("++", "--") else " ", op))
            elif elem == "string" and self.loop_n <= 1000:
                self.emit('%s[%s] += "%s"' % (m, k, r.choice("abc")))
            elif elem == "slice":
                self.emit("%s[%s] = append(%s[%s], %s)" % (m, k, m, k, self.ival(lv)))
        else:
            self.emit("delete(%s, %s)" % (m, k))

    def read_op(self, m, kind, elem, lv):
        r = self.r
        k = self.key(kind, lv)
        x = r.random()
        if x < 0.4:
            self.emit("sink = mix(sink, %s)" % self.hv(elem, "%s[%s]" % (m, k)))
        elif x < 0.8:
            self.emit("if v, ok := %s[%s]; ok {" % (m, k))
            self.emit("\tsink = mix(sink, %s)" % self.hv(elem, "v"))
            self.emit("} else {")
            self.emit("\tsink = mix(sink, 7)")
            self.emit("}")
        else:
            self.emit("sink = mix(sink, uint64(len(%s)))" % m)

    def range_op(self, m, kind, elem):
        r = self.r
        x = r.random()
        self.tmp += 1
        if x < 0.5 or m not in self.initialized:
            d = "d%d" % self.tmp
            self.emit("%s := uint64(0)" % d)
            self.emit("for k, v := range %s {" % m)
            self.emit("\t%s += %s*31 + %s" % (d, self.hk(kind, "k"), self.hv(elem, "v")))
            self.emit("}")
            self.emit('fmt.Println("range %s", len(%s), %s)' % (m, m, d))
        elif x < 0.75:
            self.emit("for k := range %s {" % m)
            self.emit("\tif %s%%%d == 0 {" % (self.hk(kind, "k"), r.randint(2, 5)))
            self.emit("\t\tdelete(%s, k)" % m)
            self.emit("\t}")
            self.emit("}")
        elif x < 0.9:
            self.emit("for k, v := range %s {" % m)
            upd = {"int": "v*2 + 1", "string": 'v + "u"', "slice": "append(v, len(v))"}[elem]
            self.emit("\t%s[k] = %s" % (m, upd))
            self.emit("}")
        else:
            self.emit("for k := range %s {" % m)
            self.emit("\tdelete(%s, k)" % m)
            self.emit("}")

    def stmt(self, lv):
        r = self.r
        m, kind, elem = r.choice(self.maps)
        x = r.random()
        if m not in self.initialized:
            if x < 0.3:
                self.read_op(m, kind, elem, lv)
            elif lv is None:
                self.init_map(m, kind, elem)
            return
        if x < 0.03 and lv is None:
            self.init_map(m, kind, elem)
        elif x < 0.55:
            self.write_op(m, kind, elem, lv)
        elif x < 0.85:
            self.read_op(m, kind, elem, lv)
        elif lv is None:
            self.range_op(m, kind, elem)
        else:
            self.write_op(m, kind, elem, lv)

    def init_map(self, m, kind, elem):
        kt, vt = KEYS[kind][0], ELEMS[elem][0]
        r = self.r.random()
        if r < 0.4:
            self.emit("%s = make(map[%s]%s)" % (m, kt, vt))
        elif r < 0.7:
            self.emit("%s = make(map[%s]%s, %d)" % (m, kt, vt, self.r.choice([0, 5, 8, 9, 100, 5000])))
        else:
            keys = {}
            for _ in range(self.r.choice([1, 3, 10, 30])):
                keys[self.key(kind, None)] = self.value(elem, None)
            # Go rejects duplicate constant keys: keep the first of each value.
            uniq = {}
            for k, v in keys.items():
                uniq.setdefault(self.canon(kind, k), (k, v))
            body = ", ".join("%s: %s" % kv for kv in uniq.values())
            self.emit("%s = map[%s]%s{%s}" % (m, kt, vt, body))
        self.initialized.add(m)

    def canon(self, kind, k):
        """Evaluates a constant key expression, to detect duplicates."""
        if "(" not in k:
            return float(k) if kind == "float" else k
        fn, arg = k[:-1].split("(")
        i = int(arg)
        return {"kInt": lambda: str(i * 7 - 50), "kI32": lambda: str(i * 13 - 100), "kStr": lambda: '"k%d"' % i,
                "kA2": lambda: "[2]int32{%d, %d}" % (i % 7, i // 7), "kSK": lambda: "SK{%d, %d}" % (i // 5, -i),
                "kGK": lambda: 'GK{"g%d", %d}' % (i % 9, i // 9), "kF": lambda: i / 4 - 3}[fn]()

    def loop(self):
        r = self.r
        n = self.loop_n = r.choice([3, 10, 100, 1000, 5000, 30000])
        self.emit("for i := 0; i < %d; i++ {" % n)
        self.depth += 1
        for _ in range(r.randint(1, 4 if n > 1000 else 6)):
            if r.random() < 0.2:
                self.emit("if i%%%d == %d {" % (r.randint(2, 5), r.randint(0, 1)))
                self.depth += 1
                self.stmt("i")
                self.depth -= 1
                self.emit("}")
            else:
                self.stmt("i")
        self.depth -= 1
        self.loop_n = 0
        self.emit("}")

    def program(self):
        r = self.r
        for n in range(r.randint(1, 4)):
            kind = r.choice(list(KEYS))
            elem = r.choices(list(ELEMS), weights=[6, 2, 2])[0]
            m = "m%d" % n
            self.maps.append((m, kind, elem))
            self.emit("var %s map[%s]%s" % (m, KEYS[kind][0], ELEMS[elem][0]))
            if r.random() < 0.8:
                self.init_map(m, kind, elem)
        for _ in range(r.randint(5, 30)):
            if r.random() < 0.3:
                self.loop()
            else:
                self.stmt(None)
            if r.random() < 0.15:
                self.emit('fmt.Println("sink", sink)')
        for m, kind, elem in self.maps:
            self.range_digest(m, kind, elem)
        self.emit('fmt.Println("sink", sink)')
        return PRELUDE + "\nfunc main() {\n" + "\n".join(self.lines) + "\n}\n"

    def range_digest(self, m, kind, elem):
        self.tmp += 1
        d = "d%d" % self.tmp
        self.emit("%s := uint64(0)" % d)
        self.emit("for k, v := range %s {" % m)
        self.emit("\t%s += %s*31 + %s" % (d, self.hk(kind, "k"), self.hv(elem, "v")))
        self.emit("}")
        self.emit('fmt.Println("final %s", len(%s), %s)' % (m, m, d))
        self.emit("if len(%s) < 12 {" % m)
        self.emit("\tfmt.Println(%s)" % m)
        self.emit("}")


def generate(seed):
    return Gen(seed).program()


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
