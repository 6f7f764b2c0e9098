; Running the pass twice changes nothing the second time: the slow-path calls it leaves carry "gm-map-slowpath" and are never inlined again.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S -preserve-ll-uselistorder < %s > %t.once.ll
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S -preserve-ll-uselistorder < %t.once.ll > %t.twice.ll
; RUN: diff %t.once.ll %t.twice.ll
; RUN: opt -load-pass-plugin=%gm_plugin -passes='gm-map-inline,gm-map-inline' -S -preserve-ll-uselistorder < %s > %t.both.ll
; RUN: diff %t.once.ll %t.both.ll
; RUN: FileCheck %s < %t.twice.ll
; The second run has nothing to report as inlined.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output < %t.once.ll -pass-remarks=gm-map-inline 2>&1 | count 0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define i64 @update(ptr %m, i64 %k)
; CHECK-COUNT-1: call {{.*}}@runtime.mapaccess1_fast64(
; CHECK-COUNT-2: call {{.*}}@runtime.mapassign_fast64(
; CHECK-NOT:     call {{.*}}@runtime.map
; CHECK:       }
define i64 @update(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  %v = load i64, ptr %p
  %v1 = add i64 %v, 1
  %q = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  store i64 %v1, ptr %q
  ret i64 %v1
}

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapassign_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
