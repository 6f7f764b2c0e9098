; A call whose type differs from the runtime ABI's (a fixture declaring runtime.mapaccess1_fast64 with a 32-bit key) is left alone, with a missed remark, rather than inlined with the wrong key width.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @lookup(ptr %m, i32 %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i32 %k)
define ptr @lookup(ptr %m, i32 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i32 %k)
  ret ptr %p
}
; CHECK-NOT: gm.fastpath

; REMARK: remark: <unknown>:0:0: runtime.mapaccess1_fast64 not inlined: the call's type differs from the runtime ABI's

declare ptr @runtime.mapaccess1_fast64(ptr, ptr, i32)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
