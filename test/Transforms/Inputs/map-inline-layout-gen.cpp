//===- map-inline-layout-gen.cpp - ABI.h's layout as a FileCheck test -----===//
//
// Prints an IR test for map-inline-layout.test: a maptype for map[int64]int64
// built from gm::abi::MapType itself (as bytes), calls of the access and
// assign entry points, and CHECK lines whose every offset and constant is
// computed here from ABI.h. The inlined bitcode must use exactly them.
//
//===----------------------------------------------------------------------===//

#include "gm/runtime/ABI.h"

#include <cstddef>
#include <cstdio>
#include <cstring>

using namespace gm::abi;

static_assert(offsetof(HMap, Count) == 0, "the CHECK for count loads %m");

int main() {
  MapType T;
  std::memset(&T, 0, sizeof(T));
  T.KeyTypeSize = T.KeySize = 8;
  T.ElemTypeSize = T.ElemSize = 8;
  T.BucketSize = bucketSize(8, 8);
  T.Flags = MapReflexiveKey;
  unsigned char Bytes[sizeof(MapType)];
  std::memcpy(Bytes, &T, sizeof(T));

  std::printf("target datalayout = \"e-m:e-p270:32:32-p271:32:32-p272:64:64-"
              "i64:64-i128:128-f80:128-n8:16:32:64-S128\"\n"
              "target triple = \"x86_64-pc-linux-gnu\"\n\n");
  // The hasher pointer, then the rest of the descriptor's bytes.
  static_assert(offsetof(MapType, Hasher) == 0, "hasher first");
  std::printf("@\"type.map[int64]int64\" = internal constant <{ ptr, [%zu x "
              "i8] }> <{ ptr @runtime.memhash64, [%zu x i8] c\"",
              sizeof(Bytes) - sizeof(void *), sizeof(Bytes) - sizeof(void *));
  for (size_t I = sizeof(void *); I < sizeof(Bytes); ++I)
    std::printf("\\%02X", Bytes[I]);
  std::printf("\" }>, align 8\n\n");

  const char *Fns[] = {"access", "mapaccess1_fast64", "assign",
                       "mapassign_fast64"};
  for (int I = 0; I < 4; I += 2)
    std::printf("define ptr @%s(ptr %%m, i64 %%k) {\n"
                "  %%p = call ptr @runtime.%s(ptr @\"type.map[int64]int64\", "
                "ptr %%m, i64 %%k)\n  ret ptr %%p\n}\n\n",
                Fns[I], Fns[I + 1]);
  std::printf("declare noundef i64 @runtime.memhash64(ptr noundef, "
              "i64 noundef)\n");
  std::printf("declare noundef ptr @runtime.mapaccess1_fast64(ptr noundef, "
              "ptr noundef, i64 noundef)\n"
              "declare noundef ptr @runtime.mapassign_fast64(ptr noundef, "
              "ptr noundef, i64 noundef)\n\n");

  auto HMapField = [](const char *What, size_t Off) {
    std::printf("; CHECK-DAG: getelementptr inbounds i8, ptr %%m, i64 %zu\n"
                ";   (%s)\n",
                Off, What);
  };
  auto InBucket = [](const char *What, unsigned long long Off) {
    std::printf("; CHECK-DAG: getelementptr inbounds i8, ptr {{%%.*}}, "
                "i64 %llu\n;   (%s)\n",
                Off, What);
  };
  std::printf("; CHECK-LABEL: define ptr @access(\n");
  std::printf("; CHECK-DAG: load i64, ptr %%m\n;   (HMap::Count)\n");
  HMapField("HMap::Flags", offsetof(HMap, Flags));
  HMapField("HMap::B", offsetof(HMap, B));
  HMapField("HMap::Hash0", offsetof(HMap, Hash0));
  HMapField("HMap::Buckets", offsetof(HMap, Buckets));
  HMapField("HMap::OldBuckets", offsetof(HMap, OldBuckets));
  std::printf("; CHECK-DAG: and i8 {{%%.*}}, %d\n;   (FlagHashWriting)\n",
              int(FlagHashWriting));
  std::printf("; CHECK-DAG: mul i64 {{%%.*}}, %llu\n;   (bucketSize)\n",
              (unsigned long long)bucketSize(8, 8));
  std::printf("; CHECK-DAG: i8 %d, label\n;   (EmptyRest)\n", int(EmptyRest));
  std::printf("; CHECK-DAG: i8 %d, label\n;   (EmptyOne)\n", int(EmptyOne));
  InBucket("BucketKeysOffset", BucketKeysOffset);
  InBucket("bucketElemsOffset", bucketElemsOffset(8));
  InBucket("bucketOverflowOffset", bucketOverflowOffset(8, 8));

  std::printf("; CHECK-LABEL: define ptr @assign(\n");
  HMapField("HMap::NOverflow", offsetof(HMap, NOverflow));
  std::printf("; CHECK-DAG: xor i8 {{%%.*}}, %d\n;   (set hashWriting)\n",
              int(FlagHashWriting));
  std::printf("; CHECK-DAG: and i8 {{%%.*}}, %d\n;   (clear hashWriting)\n",
              int(int8_t(~FlagHashWriting)));
  std::printf("; CHECK-DAG: mul i64 {{%%.*}}, %u\n;   (LoadFactorNum)\n",
              LoadFactorNum);
  std::printf("; CHECK-DAG: add nuw nsw i{{[0-9]+}} {{%%.*}}, %d\n;   (MinTopHash)\n",
              int(MinTopHash));
  InBucket("bucketElemsOffset", bucketElemsOffset(8));
  InBucket("bucketOverflowOffset", bucketOverflowOffset(8, 8));
  return 0;
}
