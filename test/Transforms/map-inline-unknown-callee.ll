; Calls the pass has no fast path for are left alone: indirect calls, other functions, map operations other than access/assign (silently), and generic or string-key entry points (with a missed remark giving the reason).
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }
@"type.map[float64]int64" = internal constant %MapType { ptr @runtime.f64hash, ptr @runtime.f64equal, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 0, i8 0, [7 x i8] zeroinitializer }
@"type.map[int64][200]int8" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 200, i8 8, i8 8, i16 144, i32 6, i8 1, [7 x i8] zeroinitializer }
@"type.map[string]int64" = internal constant %MapType { ptr @runtime.strhash, ptr @runtime.strequal, ptr null, ptr null, i64 16, i64 8, i8 16, i8 8, i16 208, i32 4, i8 1, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @indirect(ptr %f, ptr %m, i64 %k)
; CHECK-NEXT:    %p = call ptr %f(ptr @"type.map[int64]int64", ptr %m, i64 %k)
define ptr @indirect(ptr %f, ptr %m, i64 %k) {
  %p = call ptr %f(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @other_function(ptr %m, i64 %k)
; CHECK-NEXT:    %p = call ptr @main.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
define ptr @other_function(ptr %m, i64 %k) {
  %p = call ptr @main.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define void @delete(ptr %m, i64 %k)
; CHECK-NEXT:    call void @runtime.mapdelete_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
define void @delete(ptr %m, i64 %k) {
  call void @runtime.mapdelete_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret void
}

; CHECK-LABEL: define ptr @float_key(ptr %m, ptr %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1(ptr @"type.map[float64]int64", ptr %m, ptr %k)
define ptr @float_key(ptr %m, ptr %k) {
  %p = call ptr @runtime.mapaccess1(ptr @"type.map[float64]int64", ptr %m, ptr %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @big_elem(ptr %m, ptr %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapassign(ptr @"type.map[int64][200]int8", ptr %m, ptr %k)
define ptr @big_elem(ptr %m, ptr %k) {
  %p = call ptr @runtime.mapassign(ptr @"type.map[int64][200]int8", ptr %m, ptr %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @string_key(ptr %m, ptr %s, i64 %n)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1_faststr(ptr @"type.map[string]int64", ptr %m, ptr %s, i64 %n)
define ptr @string_key(ptr %m, ptr %s, i64 %n) {
  %p = call ptr @runtime.mapaccess1_faststr(ptr @"type.map[string]int64", ptr %m, ptr %s, i64 %n)
  ret ptr %p
}
; Nothing was linked in.
; CHECK-NOT: gm.fastpath
; CHECK-NOT: gm_map_hashkey

; Only the map access/assign calls are reported, each with its reason.
; REMARK-NOT: indirect
; REMARK-NOT: mapdelete
; REMARK: remark: <unknown>:0:0: runtime.mapaccess1 not inlined: generic key type float64: no fast path
; REMARK-NEXT: remark: <unknown>:0:0: runtime.mapassign not inlined: elem 200 bytes: no fast path
; REMARK-NEXT: remark: <unknown>:0:0: runtime.mapaccess1_faststr not inlined: string keys: no inline fast path
; REMARK-NOT: remark

declare noundef ptr @main.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare void @runtime.mapdelete_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapaccess1(ptr noundef, ptr noundef, ptr noundef)
declare noundef ptr @runtime.mapassign(ptr noundef, ptr noundef, ptr noundef)
declare noundef ptr @runtime.mapaccess1_faststr(ptr noundef, ptr noundef, ptr, i64)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
declare noundef i64 @runtime.f64hash(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.f64equal(ptr noundef, ptr noundef)
declare noundef i64 @runtime.strhash(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.strequal(ptr noundef, ptr noundef)
