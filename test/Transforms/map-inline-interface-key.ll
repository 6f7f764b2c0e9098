; Calls on maps whose keys are hashed by their dynamic type are left alone, with a missed remark giving that reason: a maptype whose hasher is runtime.nilinterhash or runtime.interhash, or whose flags have MapHashMightPanic (16; a struct key holding an interface has its own hasher). Such a hash may panic, and Go hashes even for a lookup in an empty map, which the fast paths answer without hashing, so not even a fast entry point is inlined for them.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline -pass-remarks-missed=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
; As gmc emits them: NeedKeyUpdate | HashMightPanic = 24.
@"type.map[interface {}]int" = internal constant %MapType { ptr @runtime.nilinterhash, ptr @runtime.nilinterequal, ptr null, ptr null, i64 16, i64 8, i8 16, i8 8, i16 208, i32 24, i8 1, [7 x i8] zeroinitializer }
; The hasher alone tells (flags 0).
@"type.map[error]int" = internal constant %MapType { ptr @runtime.interhash, ptr @runtime.interequal, ptr null, ptr null, i64 16, i64 8, i8 16, i8 8, i16 208, i32 0, i8 1, [7 x i8] zeroinitializer }
; The flag alone tells, even on a fast entry point that has a fast path.
@"type.map[main.K]int64" = internal constant %MapType { ptr @type..hash.main.K, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 16, i8 1, [7 x i8] zeroinitializer }
; The control: inlined.
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define ptr @any_key(ptr %m, ptr %k)
; CHECK-NEXT:    %a = call ptr @runtime.mapassign(ptr @"type.map[interface {}]int", ptr %m, ptr %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1(ptr @"type.map[interface {}]int", ptr %m, ptr %k)
; CHECK-NEXT:    %r = call { ptr, i8 } @runtime.mapaccess2(ptr @"type.map[interface {}]int", ptr %m, ptr %k)
; CHECK-NEXT:    ret ptr %p
define ptr @any_key(ptr %m, ptr %k) {
  %a = call ptr @runtime.mapassign(ptr @"type.map[interface {}]int", ptr %m, ptr %k)
  %p = call ptr @runtime.mapaccess1(ptr @"type.map[interface {}]int", ptr %m, ptr %k)
  %r = call { ptr, i8 } @runtime.mapaccess2(ptr @"type.map[interface {}]int", ptr %m, ptr %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @error_key(ptr %m, ptr %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1(ptr @"type.map[error]int", ptr %m, ptr %k)
; CHECK-NEXT:    ret ptr %p
define ptr @error_key(ptr %m, ptr %k) {
  %p = call ptr @runtime.mapaccess1(ptr @"type.map[error]int", ptr %m, ptr %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @flagged_fast64(ptr %m, i64 %k)
; CHECK-NEXT:    %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[main.K]int64", ptr %m, i64 %k)
; CHECK-NEXT:    ret ptr %p
define ptr @flagged_fast64(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[main.K]int64", ptr %m, i64 %k)
  ret ptr %p
}

; CHECK-LABEL: define ptr @plain_fast64(ptr %m, i64 %k)
; CHECK-NOT:     call ptr @runtime.mapaccess1_fast64(
; CHECK:         call noundef ptr @runtime.mapaccess1_fast64({{.*}}) #[[SLOW:[0-9]+]]
; CHECK:       attributes #[[SLOW]] = { cold noinline "gm-map-slowpath" }
define ptr @plain_fast64(ptr %m, i64 %k) {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k)
  ret ptr %p
}

; REMARK:      remark: <unknown>:0:0: runtime.mapassign not inlined: interface key: hashed by dynamic type, no fast path
; REMARK-NEXT: remark: <unknown>:0:0: runtime.mapaccess1 not inlined: interface key: hashed by dynamic type, no fast path
; REMARK-NEXT: remark: <unknown>:0:0: runtime.mapaccess2 not inlined: interface key: hashed by dynamic type, no fast path
; REMARK-NEXT: remark: <unknown>:0:0: runtime.mapaccess1 not inlined: interface key: hashed by dynamic type, no fast path
; REMARK-NEXT: remark: <unknown>:0:0: runtime.mapaccess1_fast64 not inlined: interface key: hashed by dynamic type, no fast path
; REMARK-NEXT: remark: <unknown>:0:0: inlined fast path of runtime.mapaccess1_fast64 for map[int64]int64
; REMARK-NOT:  remark

declare noundef ptr @runtime.mapassign(ptr noundef, ptr noundef, ptr noundef)
declare noundef ptr @runtime.mapaccess1(ptr noundef, ptr noundef, ptr noundef)
declare { ptr, i8 } @runtime.mapaccess2(ptr noundef, ptr noundef, ptr noundef)
declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.nilinterhash(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.nilinterequal(ptr noundef, ptr noundef)
declare noundef i64 @runtime.interhash(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.interequal(ptr noundef, ptr noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
declare noundef i64 @type..hash.main.K(ptr noundef, i64 noundef)
