#!/usr/bin/env python3
"""Generates FmtScalarTest.cpp: runs each case below through Go 1.19's fmt
and emits a GoogleTest expectation calling gm's fmt_Sprintf/fmt_Sprint with
the same operands. Usage: python3 GenerateFmtScalarTest.py > FmtScalarTest.cpp
"""
import re, subprocess, sys, os, tempfile

# One case per line, "kind|Go arguments": kind f calls fmt.Sprintf, p calls
# fmt.Sprint. The C++ operands are derived from the Go literals (see
# cpp_expr); a "# ---- title" line starts a new TEST.
CASES = r'''
# ---- integers
f|"%d", 42
f|"%d", -42
f|"%5d|%-5d|%05d", 42, 42, 42
f|"%+d % d %+d % d", 5, 5, -5, -5
f|"%x %X %#x %#X %o %#o %O %b %#b", 255, 255, 255, 255, 8, 8, 8, 5, 5
f|"%x", -255
f|"%08.3d|%.0d|%5.0d|", 7, 0, 0
f|"%-08d|", 3
f|"%+05d|% 05d|", 12, 12
f|"%d %d %d %d", int8(-128), int16(-32768), int32(-2147483648), int64(-9223372036854775808)
f|"%d %d %d %d %d", uint8(255), uint16(65535), uint32(4294967295), uint64(18446744073709551615), uint(18446744073709551615)
f|"%v %x", uintptr(4096), uintptr(4096)
f|"%c%c%c", 72, 0x4e16, 0x1F600
f|"%c|%c", -1, 0x110000
f|"%q %q %q %+q %#q", 'x', '\n', 0x4e16, 0x4e16, 'y'
f|"%q", 0xD800
f|"%U %#U %#U", 0x1F600, 'x', 0x7
f|"%6.3v|", 12
f|"%v %d", MyInt(5), MyInt(-5)
f|"%x %X", int8(-1), uint8(255)
f|"%#v %#v %#v", 10, uint(10), int8(-3)
# ---- bools
f|"%t %v %5t|%-6v|", true, false, true, false
f|"%d", true
# ---- strings
f|"%s|%v|%5s|%-5s|%.2s|%5.1s|", "hi", "hi", "hi", "hi", "hello", "hello"
f|"%05s|%.1s|%3s|", "ab", "日本語", "é"
f|"%x %X % x %#x %# x %#X", "hi", "hi", "hi", "hi", "hi", "hi"
f|"%.1x|%6x|%-6x|", "hello", "hi", "hi"
f|"%q", "hello\n\"world\"\\"
f|"%q %+q %#q %#q", "日本", "日本", "back`tick", "plain"
f|"%q", "\x00\x07\x08\x0c\x0d\x09\x0b\x7f\xff"
f|"%q", "\u00ad\u200b\U0001F600"
f|"%10q|%-10q|", "a", "b"
f|"%v %s", MyStr("x"), MyStr("y")
f|"%d", "str"
# ---- floats
f|"%v %v %v %v %v", 1.0, 0.1, 100.0, 1e21, 1e20
f|"%v %v %v %v", 1e-5, 1e-4, 123456.0, 1234567.0
f|"%v %v %v", 0.000001234, 3.141592653589793, 2.5e-10
f|"%v %v %v %v", math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)
f|"%v %v %v %v", float32(0.1), float32(1e21), float32(3.4028235e38), float32(16777216.0)
f|"%v %v", float32(1.0)/3.0, 1.0/3.0
f|"%f %e %g %E %G %F", 3.14159, 3.14159, 3.14159, 314159.0, 3.14159e-10, 2.0
f|"%.2f %.0f %.0f %.0f %.3e %.3g %.10g", 3.14159, 0.5, 1.5, 2.5, 123456.789, 123456.789, 1.0/3
f|"%8.3f|%-8.3f|%08.3f|%+.2f|% .2f|%+08.2f|", 3.14159, 3.14159, -3.14159, 2.0, 2.0, -2.0
f|"%5.1f|%05v|%-6v|%6v|", math.Inf(1), math.NaN(), math.Inf(-1), math.NaN()
f|"%+v|% v|%+.1e|%010.2e|", math.NaN(), math.Inf(1), 12345.0, -12345.0
f|"%#v %#g %#.3g %#e %#f %#.0f %#.0e", 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0
f|"%g %g %g %g %.3g %.1g", 1e6, 1e-5, 100000.0, 0.0001, 1.0, 0.0
f|"%e %f %g", 0.0, 0.0, 0.0
f|"%.20f", 0.1
f|"%.30e", 1e-300
f|"%f %.1f", 1e21, 1e100
f|"%v %.2f %e", float32(0.3), float32(0.3), float32(0.3)
f|"%g %g %g", 5e-324, 1.7976931348623157e308, float32(1e-45)
f|"%x %X %.3x %#x %b", 2.5, -1.0, 1.0/3, 1.0, 2.5
f|"%x %x %x %.1x %x", 0.0, 5e-324, math.Inf(-1), 0.96875, float32(0.1)
f|"%8.2x|%-10b|", 1.5, float32(1)
f|"%d", 1.5
f|"%s", 2.5
f|"%v %v", MyFloat(2.5), -0.0
f|"%6.2v|", 3.14159
# ---- errors and specials
f|"%!", 
f|"%", 
f|"%d %d", 1
f|"%d", 1, 2, "x"
f|"%z", 5
f|"%!d", 5
f|"100%%"
f|"%5%|%-5%|"
f|"%[2]d %[1]d", 1, 2
f|"%[3]d", 1, 2
f|"%[1]d %d %[1]q", 65, 66
f|"%*d|%-*d|%.*f|", 5, 1, 5, 1, 2, 3.14159
f|"%*d", "x", 1
f|"%.*d", -1, 5
f|"%[x]d", 1
f|"%d"
f|"%v %d %s", nil, nil, nil
f|"%T %T %T %T %T %T", 1, "s", 1.5, nil, MyInt(1), float32(1)
f|"%d", 
f|"%-+ #0d", 5
f|"%.d|%.f|", 12, 3.7
f|"%3c|%-3c|", 'a', 'b'
f|"%ä", 1
# ---- flag corner cases (added with the fmt rewrite)
f|"%#O %O %#o %#08x %#-8X| %08b %+.3d % .0d|", 8, -8, 0, 255, 255, 5, 7, 0
f|"%#x %#X %#.3x %#.0x %.0x %.0x %.1x", 1.0, 1.0, 1.0, 1.5, 1.5, 2.5, 0.96875
f|"%x %X %b", float32(16777216.0), -2.5e-310, -0.0
f|"%#.3g %#g %#.0g %#e %#10.4f| %#g", 0.0, 123456789.0, 5.0, 0.0, 1.0, 1e-7
f|"%08.3f|%-08.3f|% 08.2e|%+08g|%08v|%08q|", -1.5, 1.5, 3.0, 2.0, math.Inf(1), "ab"
f|"%.3g %.3g %.3g %.2g %.5g %.1g %g", 100.0, 1000.0, 0.0001234, 99.5, 123456.0, 0.05, 1e-4
f|"%v %v %v %v", 1e-7, 999999.0, 9999999.0, float32(1e-7)
f|"%6.2U|%-8U|%#U|%#U", 0x41, 0x263A, 0x110000, 0x7f
f|"%q %+q %q %q %q", "\xc0\x80", "é\x01", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\u2028"
f|"%#q %#q %#q %#+q", "tab\there", "\ufeff", "a\x7f", "é"
f|"%q %q %+q %c %c", 0x7f, 0x10FFFF, 0x10FFFF, 0xDFFF, 0x10FFFF
f|"% X|%# X|%#x|% 6x|%-6.1x|", "\x01\xab", "ab", "", "a", "ab"
f|"%5.2s|%-5.0s|%.1q|", "日本語", "x", "日本語"
f|"%5.|%-.|%+.3%|", 1, 2
f|"%[2]*[1]d|%[3]*.[2]*[1]f|%[1]*d", 12, 5, 8
f|"%[1]d %[1]x %[1]o %[1]b %[1]c", 65
f|"%!%|%[0]d|%[5]d|%[1]", 1, 2
f|"%*d|%*d", uint(3), 1, int8(-4), 2
f|"%.*d|%.*d", 1000001, 1, uint8(2), 3
# ---- Sprint / Print spacing
p|1, 2, "a", "b", 3, "c", 4.5, true, false
p|"a", 1, 2, "b"
p|nil, 1, nil
p|MyStr("x"), MyStr("y"), 1, 2
# ---- nil operands
f|"|%5v|%8v|%-8v|%08v|%8d|%-9T|%.2v|%+v|%#v|", nil, nil, nil, nil, nil, nil, nil, nil, nil
f|"%p %t %e %c %U %q %x %s", nil, nil, nil, nil, nil, nil, nil, nil
f|"%d|%v %v", 1, nil
f|"%[1]v %[1]T %[1]d", nil
p|"a", nil, "b", nil, 1
'''

GO_TYPES = {'int8':'I8','int16':'I16','int32':'I32','int64':'I64','uint':'U','uint8':'U8','uint16':'U16','uint32':'U32','uint64':'U64','uintptr':'UP','float32':'F32','float64':'F64','MyInt':'MyInt','MyStr':'MyStr','MyFloat':'MyFloat','int':'I'}

def split_args(s):
    out=[];depth=0;cur='';inq=None;esc=False
    for ch in s:
        if inq:
            cur+=ch
            if esc: esc=False
            elif ch=='\\': esc=True
            elif ch==inq: inq=None
            continue
        if ch in '"\'`': inq=ch; cur+=ch; continue
        if ch in '([{': depth+=1
        if ch in ')]}': depth-=1
        if ch==',' and depth==0:
            out.append(cur.strip()); cur=''; continue
        cur+=ch
    if cur.strip(): out.append(cur.strip())
    return out

def cpp_bytes(b):
    out='"'
    for c in b:
        if c==0x5c: out+='\\\\'
        elif c==0x22: out+='\\"'
        elif 0x20<=c<0x7f:
            out+=chr(c)
        else:
            out+='\\%03o'%c
    return out+'"'

def cpp_expr(tok, gobytes_of):
    tok=tok.strip()
    m=re.fullmatch(r'math\.NaN\(\)',tok)
    if m: return 'F64(NAN)'
    if tok=='math.Inf(1)': return 'F64(INFINITY)'
    if tok=='math.Inf(-1)': return 'F64(-INFINITY)'
    if tok=='math.Copysign(0, -1)': return 'F64(-0.0)'
    if tok=='-0.0': return 'F64(0.0)'  # Go constant -0.0 is +0
    if tok in ('true','false'): return 'B(%s)'%tok
    if tok=='nil': return 'Nil()'
    if tok.startswith('"'): return 'S(%s)'%cpp_bytes(gobytes_of(tok))
    if tok.startswith("'"): return 'I32(%s)'%gobytes_of(tok, rune=True)
    m=re.fullmatch(r'(\w+)\((.*)\)',tok)
    if m and m.group(1) in GO_TYPES:
        inner=m.group(2)
        if inner.startswith('"'): return '%s(%s)'%(GO_TYPES[m.group(1)], cpp_bytes(gobytes_of(inner)))
        if m.group(1)=='uint64' or m.group(1)=='uint': inner+='ULL'
        if inner=='-9223372036854775808': inner='INT64_MIN'
        if m.group(1)=='float32':
            if re.fullmatch(r'[\d+-]+',inner): return 'F32(%s.0f)'%inner
            return 'F32(%sf)'%inner if re.fullmatch(r'[\d.e+-]+',inner) else 'F32(%s)'%inner
        return '%s(%s)'%(GO_TYPES[m.group(1)], inner)
    if tok=='float32(1.0)/3.0': return 'F32(1.0f / 3.0f)'
    if tok=='1.0/3' or tok=='1.0/3.0': return 'F64(1.0 / 3)'
    if re.fullmatch(r'-?(0x[0-9a-fA-F]+|\d+)',tok): return 'I(%s)'%tok
    if re.fullmatch(r'-?[\d.]+(e[+-]?\d+)?',tok): return 'F64(%s)'%tok
    raise Exception('cannot convert '+tok)

cases=[]
for line in CASES.strip().split('\n'):
    if not line.strip() or line.startswith('#'):
        cases.append(('comment',line)); continue
    kind,args=line.split('|',1)
    cases.append((kind,args.strip().rstrip(',').strip()))

# Go program: print each result hex-encoded; also evaluate literal bytes.
go=['package main','','import (','\t"fmt"','\t"math"',')','','type MyInt int','type MyStr string','type MyFloat float64','','var _ = math.Pi','','func main() {']
lits=[]
for kind,args in cases:
    if kind=='comment': continue
    if kind=='f': go.append('\tfmt.Printf("%%x\\n", fmt.Sprintf(%s))'%args)
    else: go.append('\tfmt.Printf("%%x\\n", fmt.Sprint(%s))'%args)
# literal bytes
toks=[]
for kind,args in cases:
    if kind=='comment': continue
    for t in split_args(args):
        for s in re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'',t):
            toks.append(s)
for s in toks:
    if s.startswith("'"): go.append('\tfmt.Printf("%%d\\n", %s)'%s)
    else: go.append('\tfmt.Printf("%%x\\n", %s)'%s)
go.append('}')
GO = os.environ.get('GO', '/usr/lib/go-1.19/bin/go')
tmp = tempfile.mkdtemp()
open(os.path.join(tmp, 'main.go'), 'w').write('\n'.join(go) + '\n')
res = subprocess.run([GO, 'run', 'main.go'], cwd=tmp, capture_output=True,
                     text=True)
if res.returncode: print(res.stderr); sys.exit(1)
lines=res.stdout.split('\n')
nres=sum(1 for k,_ in cases if k!='comment')
results=[bytes.fromhex(l) for l in lines[:nres]]
litvals={}
for s,l in zip(toks,lines[nres:]):
    litvals[s]=l
def gobytes_of(s,rune=False):
    if rune: return litvals[s]
    return bytes.fromhex(litvals[s])

out=[]
ri=0
for kind,args in cases:
    if kind=='comment':
        t=args.strip('# -').strip()
        if t:
            if out: out.append('}\n')
            name=''.join(w.capitalize() for w in re.findall(r'[A-Za-z]+',t))
            out.append('TEST(FmtScalar, %s) {'%name)
        continue
    r=results[ri]; ri+=1
    parts=split_args(args)
    if kind=='f':
        fmtlit=parts[0]; rest=parts[1:]
        cargs=', '.join(cpp_expr(t,gobytes_of) for t in rest)
        out.append('  // fmt.Sprintf(%s)'%args)
        out.append('  EXPECT_EQ(sprintf(%s, {%s}),\n            %s);'%(cpp_bytes(gobytes_of(fmtlit)),cargs,cpp_bytes(r)))
    else:
        cargs=', '.join(cpp_expr(t,gobytes_of) for t in parts)
        out.append('  // fmt.Sprint(%s)'%args)
        out.append('  EXPECT_EQ(sprint({%s}), %s);'%(cargs,cpp_bytes(r)))
out.append('}')
HEADER='''//===- FmtScalarTest.cpp - fmt.Sprintf/Sprint of scalars vs Go 1.19 ------===//
//
// GENERATED by GenerateFmtScalarTest.py, which runs every case through Go 1.19
// and records Go's output; do not edit by hand: add a case to the script and
// run it again (python3 GenerateFmtScalarTest.py > FmtScalarTest.cpp). Each
// expectation carries the Go call that produced it.
//
//===----------------------------------------------------------------------===//

#include "CoreTestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

using namespace coretest;

'''
text = HEADER + '\n'.join(out) + '\n'
# Format like the rest of the tree when clang-format is available.
for tool in ('clang-format-19', 'clang-format-14', 'clang-format'):
    try:
        text = subprocess.run([tool, '--assume-filename=FmtScalarTest.cpp'],
                              input=text, capture_output=True, text=True,
                              cwd=os.path.dirname(os.path.abspath(__file__)),
                              check=True).stdout
        break
    except (OSError, subprocess.CalledProcessError):
        continue
sys.stdout.write(text)
