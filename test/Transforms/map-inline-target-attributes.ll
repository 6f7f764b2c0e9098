; The inlined code takes the caller's target-cpu/target-features (and none when the caller has none): the callers' attributes come out exactly as they went in, and nothing linked in keeps the bitcode's x86-64 baseline.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @skylake(
; CHECK-SAME:    ptr %m, i64 %k) #[[SKYLAKE:[0-9]+]] {
; CHECK:         @gm_map_hashkey
define ptr @skylake(ptr %m, i64 %k) #0 {
  %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @plain(ptr %m, i64 %k) {
; CHECK:         @gm_map_hashkey
define ptr @plain(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @generic(
; CHECK-SAME:    ptr %m, i64 %k) #[[GENERIC:[0-9]+]] {
; CHECK:         @gm_map_hashkey
define ptr @generic(ptr %m, i64 %k) #1 {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK: declare void @_ZN2gm2rt10fatalErrorEPKc(ptr noundef) local_unnamed_addr #[[FATAL:[0-9]+]]
; CHECK-DAG: attributes #[[SKYLAKE]] = { "target-cpu"="skylake" "target-features"="+avx2,+bmi,+bmi2,+cx8,+sse4.2" "tune-cpu"="skylake" }
; CHECK-DAG: attributes #[[GENERIC]] = { "target-cpu"="x86-64" }
; CHECK-DAG: attributes #[[FATAL]] = { noreturn "no-trapping-math"="true" "stack-protector-buffer-size"="8" }
; CHECK-NOT: "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87"

attributes #0 = { "target-cpu"="skylake" "target-features"="+avx2,+bmi,+bmi2,+cx8,+sse4.2" "tune-cpu"="skylake" }
attributes #1 = { "target-cpu"="x86-64" }

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapassign_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
