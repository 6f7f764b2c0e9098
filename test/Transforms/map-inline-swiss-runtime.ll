; A module compiled for the Swiss map runtime (module flag gm.map-runtime =
; "swiss") gets the Swiss map's fast paths (runtime/fastpath/SwissFastPath.cpp,
; gm.swissfastpath.*), never the classic map's: a lookup scans the small
; group without hashing, or hashes, picks the table by the hash's top bits
; and matches H2 against the first group's control word (SWAR); an
; assignment finds its key or a free slot in that group, with the Writing
; protocol around it. A flag that names no runtime is an error, never a
; guess.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: sed 's/!"swiss"/!"bucket"/' %s > %t.bad.ll
; RUN: not opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %t.bad.ll 2>&1 | FileCheck %s --check-prefix=BAD

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
; BucketSize 136: the Swiss group of map[int64]int64.
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 136, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-NOT: gm.fastpath.
; CHECK-LABEL: define ptr @lookup(ptr %m, i64 %k)
; Nil or empty: the zero value.
; CHECK:         icmp eq ptr %m, null
; CHECK:         load i64, ptr %m
; Writing set: the runtime.
; CHECK:         load atomic i8, ptr {{.*}} monotonic
; Small (DirLen == 0): every full slot's key compared, no hash.
; CHECK:         and i64 {{.*}}, -9187201950435737472
; CHECK:         load i64, ptr {{.*}}
; CHECK:         icmp eq i64 {{.*}}, %k
; A table: the hash, H1 >> 7 picks the group (136 bytes), H2 matched.
; CHECK:         @gm_map_hashkey
; CHECK:         lshr i64 {{.*}}, 7
; CHECK:         mul i64 136,
; CHECK:         mul nuw nsw i64 {{.*}}, 72340172838076673
; CHECK:         icmp eq i64 {{.*}}, %k
; The probe goes on past a full group: the runtime, as a cold call.
; CHECK:         call noundef ptr @runtime.mapaccess1_fast64(ptr noundef @"type.map[int64]int64", ptr noundef nonnull %m, i64 noundef %k) #[[SLOW:[0-9]+]]
; CHECK:         phi ptr {{.*}}@gm.swissfastpath.zero
define ptr @lookup(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @store(ptr %m, i64 %k)
; Nil or small (DirLen == 0) or Writing set: the runtime.
; CHECK:         getelementptr inbounds i8, ptr %m, i64 24
; CHECK:         load atomic i8, ptr {{.*}} monotonic
; Writing on, the first group's H2 candidates, then a free slot.
; CHECK:         store atomic i8 1, ptr {{.*}} monotonic
; CHECK:         mul nuw nsw i64 {{.*}}, 72340172838076673
; CHECK:         call noundef ptr @runtime.mapassign_fast64({{.*}}) #[[SLOW]]
; Writing found off at the end: another writer.
; CHECK:         call void @_ZN2gm2rt10fatalErrorEPKc
; CHECK:         store atomic i8 0, ptr {{.*}} monotonic
define ptr @store(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}
; CHECK: attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }

; REMARK-DAG: remark: <unknown>:0:0: inlined fast path of runtime.mapassign_fast64 for map[int64]int64 (swiss runtime)
; REMARK-DAG: remark: <unknown>:0:0: inlined fast path of runtime.mapaccess1_fast64 for map[int64]int64 (swiss runtime)

; BAD: error: gm-map-inline: module flag 'gm.map-runtime' names no known map runtime (expected "classic" or "swiss")

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapassign_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)

!llvm.module.flags = !{!0}
!0 = !{i32 1, !"gm.map-runtime", !"swiss"}
