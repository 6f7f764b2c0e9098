; The inlined fast path carries the .gm call site's location on every instruction (the bitcode has no debug info of its own), and the remarks point at the .gm line.
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -disable-output %s -pass-remarks=gm-map-inline -pass-remarks-analysis=gm-map-inline 2>&1 | FileCheck %s --check-prefix=REMARK
; Every instruction of @lookup has a !dbg (a switch has it after its cases).
; RUN: opt -load-pass-plugin=%gm_plugin -passes=gm-map-inline -S %s | sed -n '/^define i64 @lookup/,/^}/p' | grep -E '^  [%a-z]' | grep -v '^  switch ' | not grep -v '!dbg'

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%MapType = type { ptr, ptr, ptr, ptr, i64, i64, i8, i8, i16, i32, i8, [7 x i8] }
@"type.map[int64]int64" = internal constant %MapType { ptr @runtime.memhash64, ptr @runtime.memequal64, ptr null, ptr null, i64 8, i64 8, i8 8, i8 8, i16 144, i32 4, i8 0, [7 x i8] zeroinitializer }

; CHECK-LABEL: define i64 @lookup(ptr %m, i64 %k) !dbg
; CHECK:         icmp eq ptr %m, null, !dbg [[CALL:![0-9]+]]
; CHECK:         switch i8
; CHECK:         ], !dbg [[CALL]]
; CHECK:         load i64, ptr @gm_map_hashkey, align 16, !dbg [[CALL]]
; CHECK:         call noundef ptr @runtime.mapaccess1_fast64({{.*}}) #{{[0-9]+}}, !dbg [[CALL]]
; CHECK:         %v = load i64, ptr {{%.*}}, align 8, !dbg [[USE:![0-9]+]]
; No debug info came from the bitcode.
; CHECK-NOT:   DICompileUnit(language: DW_LANG_C_plus_plus
; CHECK-DAG:   [[CALL]] = !DILocation(line: 7, column: 9, scope: [[SP:![0-9]+]])
; CHECK-DAG:   [[SP]] = distinct !DISubprogram(name: "lookup"
define i64 @lookup(ptr %m, i64 %k) !dbg !5 {
  %p = call ptr @runtime.mapaccess1_fast64(ptr @"type.map[int64]int64", ptr %m, i64 %k), !dbg !8
  %v = load i64, ptr %p, align 8, !dbg !9
  ret i64 %v, !dbg !9
}

; REMARK: remark: prog.gm:7:9: inlined fast path of runtime.mapaccess1_fast64 for map[int64]int64
; REMARK: remark: prog.gm:7:9: fast path of runtime.mapaccess1_fast64: {{[0-9]+}} IR instructions inlined

declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, ptr noundef, i64 noundef)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "gmc", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "prog.gm", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "lookup", scope: !1, file: !1, line: 5, type: !6, scopeLine: 5, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 7, column: 9, scope: !5)
!9 = !DILocation(line: 8, column: 2, scope: !5)
declare noundef i64 @runtime.memhash64(ptr noundef, i64 noundef)
declare noundef zeroext i1 @runtime.memequal64(ptr noundef, ptr noundef)
