; gm-map-inline replaces runtime.mapassign_fast32 (m[k] = v on a 4-byte key) with its inline fast path: existing keys, and new keys that fit the first bucket; hashWriting is set and cleared as the runtime does.
; This file's CHECK lines follow the IR of the fast path in runtime/fastpath/MapFastPath.cpp; update them when that code changes on purpose.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline -pass-remarks-analysis=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int32]int16" = internal constant %MapType { ptr @runtime.memhash32, ptr @runtime.memequal32, ptr null, ptr null, i64 4, i64 2, i8 4, i8 2, i16 64, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @store(ptr %m, i32 %k)
; Nil map: the runtime, which panics.
; CHECK:         icmp eq ptr %m, null
; hashWriting already set, growing, buckets not allocated: the runtime.
; CHECK:         [[FLAGS:%.*]] = load atomic i8, ptr [[FLAGSP:%.*]] monotonic
; CHECK-NEXT:    and i8 [[FLAGS]], 4
; CHECK:         getelementptr inbounds i8, ptr %m, i64 24
; CHECK:         getelementptr inbounds i8, ptr %m, i64 16
; CHECK:         mul nuw i64 {{%.*}}, 4294967297
; CHECK:         load i64, ptr @gm_map_hashkey
; Set hashWriting after hashing.
; CHECK:         [[F1:%.*]] = load atomic i8, ptr [[FLAGSP]] monotonic
; CHECK-NEXT:    [[F2:%.*]] = xor i8 [[F1]], 4
; CHECK-NEXT:    store atomic i8 [[F2]], ptr [[FLAGSP]] monotonic
; The bucket, the key's tophash, and the slots whose tophash matches.
; CHECK:         mul i64 {{%.*}}, 64
; CHECK:         add nuw nsw i{{[0-9]+}} {{%.*}}, 5
; CHECK:         mul nuw i64 {{%.*}}, 72340172838076673
; CHECK:         call noundef ptr @runtime.mapassign_fast32(ptr noundef {{(nonnull )?}}@"type.map[int32]int16", ptr noundef {{(nonnull )?}}%m, i32 noundef %k) #[[SLOW:[0-9]+]]
; Existing key: the concurrent-writer check, then clear hashWriting.
; CHECK:         call {{.*}}i64 @llvm.cttz.i64(
; CHECK:         icmp eq i32 {{%.*}}, %k
; CHECK:         call void @_ZN2gm2rt10fatalErrorEPKc(ptr noundef nonnull @.str)
; CHECK:         and i8 {{%.*}}, -5
; New key: load factor (13/2 per bucket) and overflow-bucket count, else the runtime with hashWriting cleared.
; CHECK:         mul i64 {{%.*}}, 13
; CHECK:         load i16, ptr
; CHECK:         and i8 {{%.*}}, -5
; CHECK-NEXT:    store atomic i8
; CHECK-NEXT:    call noundef ptr @runtime.mapassign_fast32(ptr noundef {{(nonnull )?}}@"type.map[int32]int16", ptr noundef nonnull %m, i32 noundef %k) #[[SLOW]]
; Insert into the first free slot: tophash, key, count+1.
; CHECK:         call {{.*}}i64 @llvm.cttz.i64(
; CHECK:         store i8
; CHECK:         store i32 %k
; CHECK:         [[C:%.*]] = load i64, ptr %m
; CHECK-NEXT:    [[C1:%.*]] = add nsw i64 [[C]], 1
; CHECK-NEXT:    store i64 [[C1]], ptr %m
; CHECK:         call void @_ZN2gm2rt10fatalErrorEPKc(ptr noundef nonnull @.str)
; CHECK:         phi ptr
; CHECK-NOT:   call {{.*}}@runtime.mapassign_fast32
; CHECK:       }
; CHECK-NOT:   define {{.*}}@gm.fastpath.
; CHECK:       attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }
define ptr @store(ptr %m, i32 %k) {
entry:
  %p = call ptr @runtime.mapassign_fast32(ptr @"type.map[int32]int16", ptr %m, i32 %k)
  ret ptr %p
}

; REMARK: remark: <unknown>:0:0: inlined fast path of runtime.mapassign_fast32 for map[int32]int16
; REMARK: remark: <unknown>:0:0: fast path of runtime.mapassign_fast32: {{[0-9]+}} IR instructions inlined, 2 out-of-line runtime call(s) on the slow path

declare noundef ptr @runtime.mapassign_fast32(ptr noundef, ptr noundef, i32 noundef)
declare noundef i64 @runtime.memhash32(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal32(ptr noundef, ptr noundef)
