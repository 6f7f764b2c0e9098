; gm-map-inline replaces runtime.mapassign_fast64ptr (m[k] = v on a pointer key) with its inline fast path: existing keys, and new keys that fit the first bucket; hashWriting is set and cleared as the runtime does.
; This file's CHECK lines follow the IR of the fast path in runtime/fastpath/MapFastPath.cpp; update them when that code changes on purpose.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline -pass-remarks-analysis=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[*int]string" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 16, i8 8, i8 16, i16 208, i32 4, i8 1, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @store(ptr %m, ptr %k)
; Nil map: the runtime, which panics.
; CHECK:         icmp eq ptr %m, null
; hashWriting already set, growing, buckets not allocated: the runtime.
; CHECK:         [[FLAGS:%.*]] = load atomic i8, ptr [[FLAGSP:%.*]] monotonic
; CHECK-NEXT:    and i8 [[FLAGS]], 4
; CHECK:         getelementptr inbounds i8, ptr %m, i64 24
; CHECK:         getelementptr inbounds i8, ptr %m, i64 16
; CHECK:         load i64, ptr @gm_map_hashkey
; Set hashWriting after hashing.
; CHECK:         [[F1:%.*]] = load atomic i8, ptr [[FLAGSP]] monotonic
; CHECK-NEXT:    [[F2:%.*]] = xor i8 [[F1]], 4
; CHECK-NEXT:    store atomic i8 [[F2]], ptr [[FLAGSP]] monotonic
; The bucket, the key's tophash, and the slots whose tophash matches.
; CHECK:         mul i64 {{%.*}}, 208
; CHECK:         add nuw nsw i{{[0-9]+}} {{%.*}}, 5
; CHECK:         mul nuw i64 {{%.*}}, 72340172838076673
; CHECK:         call noundef ptr @runtime.mapassign_fast64ptr(ptr noundef {{(nonnull )?}}@"type.map[*int]string", ptr noundef {{(nonnull )?}}%m, ptr noundef %k) #[[SLOW:[0-9]+]]
; Existing key: the concurrent-writer check, then clear hashWriting.
; CHECK:         call {{.*}}i64 @llvm.cttz.i64(
; CHECK:         icmp eq ptr {{%.*}}, %k
; CHECK:         call void @_ZN2gm2rt10fatalErrorEPKc(ptr noundef nonnull @.str)
; CHECK:         and i8 {{%.*}}, -5
; New key: load factor (13/2 per bucket) and overflow-bucket count, else the runtime with hashWriting cleared.
; CHECK:         mul i64 {{%.*}}, 13
; CHECK:         load i16, ptr
; CHECK:         and i8 {{%.*}}, -5
; CHECK-NEXT:    store atomic i8
; CHECK-NEXT:    call noundef ptr @runtime.mapassign_fast64ptr(ptr noundef {{(nonnull )?}}@"type.map[*int]string", ptr noundef nonnull %m, ptr noundef %k) #[[SLOW]]
; Insert into the first free slot: tophash, key, count+1.
; CHECK:         call {{.*}}i64 @llvm.cttz.i64(
; CHECK:         store i8
; CHECK:         store ptr %k
; CHECK:         [[C:%.*]] = load i64, ptr %m
; CHECK-NEXT:    [[C1:%.*]] = add nsw i64 [[C]], 1
; CHECK-NEXT:    store i64 [[C1]], ptr %m
; CHECK:         call void @_ZN2gm2rt10fatalErrorEPKc(ptr noundef nonnull @.str)
; CHECK:         phi ptr
; CHECK-NOT:   call {{.*}}@runtime.mapassign_fast64ptr
; CHECK:       }
; CHECK-NOT:   define {{.*}}@gm.fastpath.
; CHECK:       attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }
define ptr @store(ptr %m, ptr %k) {
entry:
  %p = call ptr @runtime.mapassign_fast64ptr(ptr @"type.map[*int]string", ptr %m, ptr %k)
  ret ptr %p
}

; REMARK: remark: <unknown>:0:0: inlined fast path of runtime.mapassign_fast64ptr for map[*int]string
; REMARK: remark: <unknown>:0:0: fast path of runtime.mapassign_fast64ptr: {{[0-9]+}} IR instructions inlined, 2 out-of-line runtime call(s) on the slow path

declare noundef ptr @runtime.mapassign_fast64ptr(ptr noundef, ptr noundef, ptr noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
