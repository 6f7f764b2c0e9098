; Guards that assign alone has, and those the maptype decides: a B=0 map whose bucket is not allocated yet goes to the runtime (which allocates it); a maptype with indirect elems (which mapFast() never sends here) or with a hasher other than memhash64 (which the runtime would call) always goes to the runtime; the checks fold away for the maptypes the fast path serves.
; RUN: opt -load-pass-plugin=%gm_plugin -passes='gm-map-inline,instcombine,simplifycfg' -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
%HMap = type { i64, i8, i8, i16, i32, ptr, ptr, i64, ptr }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }
@bucket = internal constant [144 x i8] zeroinitializer
@lazy = internal constant %HMap { i64 0, i8 0, i8 0, i16 0, i32 0, ptr null, ptr null, i64 0, ptr null }
@"type.map[int64][200]int8" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 200, i8 8, i8 8, i16 144, i32 6, i8 1, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @assign_lazy(
; CHECK-NEXT:    load atomic i8
; CHECK-NEXT:    call noundef ptr @runtime.mapassign_fast64(ptr noundef nonnull @"type.map[int64]int64", ptr noundef {{.*}}, i64 noundef %k) #[[SLOW:[0-9]+]]
; CHECK-NEXT:    ret ptr
define ptr @assign_lazy(i64 %k) {
  %p = call ptr @runtime.mapassign_fast64(ptr @"type.map[int64]int64", ptr @lazy, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @access_indirect(
; CHECK:         call noundef ptr @runtime.mapaccess1_fast64(ptr noundef nonnull @"type.map[int64][200]int8", ptr noundef nonnull %m, i64 noundef %k) #[[SLOW]]
; CHECK-NOT:     @gm_map_hashkey
; CHECK:       ret ptr
define ptr @access_indirect(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64][200]int8", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @access_custom_hasher(
; CHECK:         call noundef ptr @runtime.mapaccess1_fast64(ptr noundef nonnull @"type.map[main.T]int64", ptr noundef nonnull %m, i64 noundef %k) #[[SLOW]]
; CHECK-NOT:     @gm_map_hashkey
; CHECK:       ret ptr
@"type.map[main.T]int64" = internal constant %MapType { ptr @"main.T.hash", ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }
declare i64 @"main.T.hash"(ptr, i64)
define ptr @access_custom_hasher(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[main.T]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK: attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare { ptr, i8 } @runtime.mapaccess2_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef ptr @runtime.mapassign_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
