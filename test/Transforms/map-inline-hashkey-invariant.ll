; The per-process hash key (gm::abi::MapHashKeySymbol) never changes once gm
; code runs, so the pass marks the inlined loads of it !invariant.load. The
; default pipeline then hoists them, and the arithmetic on the key alone, out
; of the loop, although the loop still calls the runtime on its slow path.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s --check-prefix=PASS
; RUN: opt -load-pass-plugin=%gm_plugin -gm-map-inline-at-start -passes='default<O2>' -S %s | FileCheck %s --check-prefix=O2

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; Every load of the key is marked; nothing else is.
; PASS-LABEL: define {{.*}}i64 @sum(
; PASS-COUNT-4: load i64, ptr {{.*}}@gm_map_hashkey{{.*}}, !invariant.load ![[EMPTY:[0-9]+]]
; PASS-NOT:     !invariant.load
; PASS:         ret i64
; PASS:       ![[EMPTY]] = !{}

; O2-LABEL: define {{.*}}i64 @sum(
; O2:       entry:
; O2-COUNT-4: load i64, ptr {{.*}}@gm_map_hashkey
; O2:         br label %loop
; O2:       loop:
; O2-NOT:     @gm_map_hashkey
; O2:         call {{.*}}@runtime.mapaccess1_fast64(
; O2-NOT:     @gm_map_hashkey
; O2:         ret i64
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

declare ptr @runtime.mapaccess1_fast64(ptr, ptr, i64)
declare i64 @runtime.memhash64(ptr, i64)
declare i1 @runtime.memequal64(ptr, ptr)
