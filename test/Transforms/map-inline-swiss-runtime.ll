; A module compiled for the Swiss map runtime (module flag gm.map-runtime =
; "swiss") keeps its map calls: the embedded fast paths read the classic
; map's header and buckets, which a Swiss map does not have. Each call gets a
; missed remark saying why. A flag that names no runtime is an error, never
; a guess.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: sed 's/!"swiss"/!"bucket"/' %s > %t.bad.ll
; RUN: not opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %t.bad.ll 2>&1 | FileCheck %s --check-prefix=BAD

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
; BucketSize 136: the Swiss group of map[int64]int64.
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 136, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @lookup(ptr %m, i64 %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
; CHECK-NEXT:    ret ptr %p
define ptr @lookup(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @store(ptr %m, i64 %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
; CHECK-NEXT:    ret ptr %p
define ptr @store(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}
; CHECK-NOT: gm.fastpath

; REMARK: remark: <unknown>:0:0: runtime.mapaccess1_fast64 not inlined: swiss runtime: fast path not inlined yet
; REMARK: remark: <unknown>:0:0: runtime.mapassign_fast64 not inlined: swiss runtime: fast path not inlined yet

; BAD: error: gm-map-inline: module flag 'gm.map-runtime' names no known map runtime (expected "classic" or "swiss")

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapassign_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)

!llvm.module.flags = !{!0}
!0 = !{i32 1, !"gm.map-runtime", !"swiss"}
