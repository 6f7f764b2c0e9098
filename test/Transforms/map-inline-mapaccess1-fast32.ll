; gm-map-inline replaces runtime.mapaccess1_fast32 (v := m[k] on a 4-byte key) with its inline fast path; the runtime call stays only on the cold slow path.
; This file's CHECK lines follow the IR of the fast path in runtime/fastpath/MapFastPath.cpp; update them when that code changes on purpose.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline -pass-remarks-analysis=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int32]int16" = internal constant %MapType { ptr @runtime.memhash32, ptr @runtime.memequal32, ptr null, ptr null, i64 4, i64 2, i8 4, i8 2, i16 64, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @lookup(ptr %m, i32 %k)
; Nil map: the zero value.
; CHECK:         icmp eq ptr %m, null
; hashWriting (flags bit 4), then oldbuckets (offset 24): the runtime.
; CHECK:         [[FLAGS:%.*]] = load atomic i8, ptr {{%.*}} monotonic
; CHECK-NEXT:    and i8 [[FLAGS]], 4
; CHECK:         getelementptr inbounds i8, ptr %m, i64 24
; B == 0: count == 0 is the zero value (the one bucket may not exist yet); otherwise the bucket is scanned without hashing up to emptyRest (0), skipping emptyOne (1).
; CHECK:         [[B:%.*]] = load i8, ptr {{%.*}}
; CHECK-NEXT:    icmp eq i8 [[B]], 0
; CHECK:         load i64, ptr %m
; CHECK:         switch i8 {{%.*}}, label {{%.*}} [
; CHECK-NEXT:      i8 0, label
; CHECK-NEXT:      i8 1, label
; CHECK:         icmp eq i32 {{%.*}}, %k
; Otherwise: hash, select the bucket (64 bytes, folded from the maptype), compute the tophash, match it in all 8 slots at once, compare the key of each match.
; The 4-byte key fills both halves of the word it is hashed as.
; CHECK:         mul nuw i64 {{%.*}}, 4294967297
; CHECK:         load i64, ptr @gm_map_hashkey
; CHECK:         mul i64 {{%.*}}, 64
; CHECK:         add nuw nsw i{{[0-9]+}} {{%.*}}, 5
; CHECK:         mul nuw i64 {{%.*}}, 72340172838076673
; CHECK:         call {{.*}}i64 @llvm.cttz.i64(
; CHECK:         icmp eq i32 {{%.*}}, %k
; No match, no emptyRest, and an overflow bucket: the runtime, cold.
; CHECK:         call noundef ptr @runtime.mapaccess1_fast32(ptr noundef {{(nonnull )?}}@"type.map[int32]int16", ptr noundef nonnull %m, i32 noundef %k) #[[SLOW:[0-9]+]]
; CHECK:         phi ptr {{.*}}@gm.fastpath.zero
; CHECK-NOT:   call {{.*}}@runtime.mapaccess1_fast32
; CHECK:       }
; No fast-path function is left behind.
; CHECK-NOT:   define {{.*}}@gm.fastpath.
; CHECK:       attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }
define ptr @lookup(ptr %m, i32 %k) {
entry:
  %r = call ptr @runtime.mapaccess1_fast32(ptr @"type.map[int32]int16", ptr %m, i32 %k)
  ret ptr %r
}

; REMARK: remark: <unknown>:0:0: inlined fast path of runtime.mapaccess1_fast32 for map[int32]int16
; REMARK: remark: <unknown>:0:0: fast path of runtime.mapaccess1_fast32: {{[0-9]+}} IR instructions inlined, 1 out-of-line runtime call(s) on the slow path

declare noundef ptr @runtime.mapaccess1_fast32(ptr noundef, ptr noundef, i32 noundef)
declare noundef i64 @runtime.memhash32(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal32(ptr noundef, ptr noundef)
