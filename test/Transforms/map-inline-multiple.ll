; Many calls across functions share one linked copy of each fast path and one zero value; only the fast paths needed are linked, and none survives inlining.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }
@"type.map[int64]bool" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 1, i8 8, i8 1, i16 88, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK: @gm.fastpath.zero = internal constant [128 x i8] zeroinitializer
; CHECK-NOT: @gm.fastpath.zero{{.+}} =

; CHECK-LABEL: define i64 @f(
; CHECK-COUNT-2: call noundef ptr @runtime.mapaccess1_fast64(
; CHECK-NOT:     call
; CHECK:       ret i64
define i64 @f(ptr %a, ptr %b, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %a, i64 %k)
  %v = load i64, ptr %p
  %q = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %b, i64 %v)
  %w = load i64, ptr %q
  ret i64 %w
}

; map[int64]bool: 8 tophash bytes, 8 keys, 8 one-byte elems, an overflow pointer.
; CHECK-LABEL: define i1 @g(
; CHECK:         mul i64 {{%.*}}, 88
; CHECK:         call { ptr, i8 } @runtime.mapaccess2_fast64(
; CHECK:       ret i1
define i1 @g(ptr %m, i64 %k) {
  %r = call { ptr, i8 } @runtime.mapaccess2_fast64(ptr @"type.map[int64]bool", ptr %m, i64 %k)
  %ok = extractvalue { ptr, i8 } %r, 1
  %b = trunc i8 %ok to i1
  ret i1 %b
}

; CHECK-NOT: define {{.*}}@gm.fastpath.
; The assign fast path was not needed, so its fatal-error path was not linked.
; CHECK-NOT: fatalError

; REMARK-COUNT-2: inlined fast path of runtime.mapaccess1_fast64 for map[int64]int64
; REMARK-NEXT:    inlined fast path of runtime.mapaccess2_fast64 for map[int64]bool

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare { ptr, i8 } @runtime.mapaccess2_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
