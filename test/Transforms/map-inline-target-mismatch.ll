; A module for another target than the embedded bitcode is left alone, with a missed remark: inlining x86-64 code into it would miscompile.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @lookup(ptr %m, i64 %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
; CHECK-NEXT:    ret ptr %p
define ptr @lookup(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}
; Nothing was linked in.
; CHECK-NOT: gm.fastpath
; CHECK-NOT: gm_map_hashkey

; REMARK: remark: <unknown>:0:0: runtime.mapaccess1_fast64 not inlined: fast-path bitcode is for target 'x86_64-pc-linux-gnu', module is for 'aarch64-unknown-linux-gnu'

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
