; At the start of the default pipelines (as gmc registers it, here via -gm-map-inline-at-start) the pass runs from -O1 up, and the rest of the pipeline folds the constant maptype into the inlined code; at -O0 it does not run.
; RUN: opt -load-pass-plugin=%gm_plugin -gm-map-inline-at-start -passes='default<O2>' -S %s | FileCheck %s --check-prefix=O2
; RUN: opt -load-pass-plugin=%gm_plugin -gm-map-inline-at-start -passes='default<O1>' -S %s | FileCheck %s --check-prefix=O2
; RUN: opt -load-pass-plugin=%gm_plugin -gm-map-inline-at-start -passes='default<O0>' -S %s | FileCheck %s --check-prefix=OFF
; Without the flag the plugin only provides -passes=gm-map-inline.
; RUN: opt -load-pass-plugin=%gm_plugin -passes='default<O2>' -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; O2-LABEL: define {{.*}}i64 @sum(
; O2:         @gm_map_hashkey
; O2:         call {{.*}}@runtime.mapaccess1_fast64({{.*}}) #[[SLOW:[0-9]+]]
; O2-NOT:     call
; O2:       ret i64
; O2-NOT:   define {{.*}}@gm.fastpath.
; O2:       attributes #[[SLOW]] = { cold {{.*}}"gm-map-slowpath" }

; OFF-LABEL: define {{.*}}i64 @sum(
; OFF:         call {{.*}}@runtime.mapaccess1_fast64(
; OFF-NOT:     gm_map_hashkey
; OFF-NOT:     gm.fastpath
define i64 @sum(ptr %m, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s1, %loop ]
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %i)
  %v = load i64, ptr %p
  %s1 = add i64 %s, %v
  %i1 = add i64 %i, 1
  %done = icmp eq i64 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %s1
}

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
