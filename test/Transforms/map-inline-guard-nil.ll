; Guard: a nil map. Access returns the zero value without calling the runtime; assign goes to the runtime, which panics.
; RUN: opt -load-pass-plugin=%gm_plugin -passes='gm-map-inline,instcombine,simplifycfg' -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
%HMap = type { i64, i8, i8, i16, i32, ptr, ptr, i64, ptr }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }
@bucket = internal constant [144 x i8] zeroinitializer

; CHECK-LABEL: define ptr @access_nil(
; CHECK-NEXT:    ret ptr @gm.fastpath.zero
define ptr @access_nil(i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr null, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @assign_nil(
; CHECK-NEXT:    call noundef ptr @runtime.mapassign_fast64(ptr noundef nonnull @"type.map[int64]int64", ptr noundef null, i64 noundef %k) #[[SLOW:[0-9]+]]
; CHECK-NEXT:    ret ptr
define ptr @assign_nil(i64 %k) {
  %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr null, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define { ptr, i8 } @access2_nil(
; CHECK-NEXT:    ret { ptr, i8 } { ptr @gm.fastpath.zero, i8 0 }
define { ptr, i8 } @access2_nil(i64 %k) {
  %r = call { ptr, i8 } @runtime.mapaccess2_fast64(ptr @"type.map[int64]int64", ptr null, i64 %k)
  ret { ptr, i8 } %r
}

; An empty B=0 map without a bucket: the zero value, no runtime call. (The
; atomic flags load, read before the B == 0 count check, stays.)
; CHECK-LABEL: define ptr @access_empty(
; CHECK-NOT:     call
; CHECK:         ret ptr @gm.fastpath.zero
@empty = internal constant %HMap { i64 0, i8 0, i8 0, i16 0, i32 0, ptr null, ptr null, i64 0, ptr null }
define ptr @access_empty(i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr @empty, i64 %k)
  ret ptr %p
}

; CHECK: attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare { ptr, i8 } @runtime.mapaccess2_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapassign_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
