; optnone functions are left alone (with a missed remark) unless the pass runs as gm-map-inline<optnone>, which gmc uses for -fmap-inline at -O0, where every function is optnone.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s --check-prefix=DEFAULT
; RUN: opt -load-pass-plugin=%gm_plugin -passes='gm-map-inline<optnone>' -S %s | FileCheck %s --check-prefix=FORCED
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; DEFAULT-LABEL: define ptr @lookup(ptr %m, i64 %k)
; DEFAULT-NEXT:    %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
; DEFAULT-NEXT:    ret ptr %p
; DEFAULT-NOT:   gm.fastpath

; FORCED-LABEL: define ptr @lookup(ptr %m, i64 %k)
; FORCED:         call noundef ptr @runtime.mapaccess1_fast64({{.*}}) #[[SLOW:[0-9]+]]
; FORCED:         phi ptr {{.*}}@gm.fastpath.zero
; FORCED:       attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }
define ptr @lookup(ptr %m, i64 %k) noinline optnone {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; REMARK: remark: <unknown>:0:0: runtime.mapaccess1_fast64 not inlined: caller is optnone

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
