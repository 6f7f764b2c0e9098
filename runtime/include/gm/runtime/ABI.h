//===- gm/runtime/ABI.h - The compiler/runtime contract ---------*- C++ -*-===//
//
// This is the ONE place where the contract between gmc and the gm runtime is
// written down: the map layout (hmap, buckets, iterator), the maptype
// descriptor, the type descriptors that fmt walks, and, through
// RuntimeFunctions.def, every entry point's symbol and C++ signature.
//
// The runtime includes it to define those things; the compiler includes it to
// emit matching IR (it derives LLVM types from the C++ types below and checks
// the sizes with static_assert / DataLayout). Nothing else may restate a
// layout constant.
//
// The map follows Go 1.19-1.23 (runtime/map.go): a hash table of 2^B buckets,
// each holding 8 key/elem slots, chained through overflow buckets, grown
// incrementally when the load factor exceeds 6.5.
//
//===----------------------------------------------------------------------===//

#ifndef GM_RUNTIME_ABI_H
#define GM_RUNTIME_ABI_H

#include <cstddef>
#include <cstdint>

namespace gm::abi {

//===----------------------------------------------------------------------===//
// Map constants
//===----------------------------------------------------------------------===//

/// log2 of the number of key/elem slots in one bucket.
inline constexpr unsigned BucketCntBits = 3;
/// Slots per bucket.
inline constexpr unsigned BucketCnt = 1u << BucketCntBits;

/// Maximum average load of a bucket that triggers growth, as the fraction
/// LoadFactorNum / LoadFactorDen (6.5, Go's measured sweet spot).
inline constexpr unsigned LoadFactorNum = 13;
inline constexpr unsigned LoadFactorDen = 2;

/// Keys and elems larger than this are stored out of line, as pointers.
inline constexpr unsigned MaxKeySize = 128;
inline constexpr unsigned MaxElemSize = 128;

/// Elems larger than this have no room in the runtime's shared zero value;
/// the compiler passes its own zero value to mapaccess{1,2}_fat.
inline constexpr unsigned MaxZeroSize = 1024;

/// Special tophash values. Real tophashes are >= MinTopHash.
enum TopHash : uint8_t {
  /// This slot and every later slot (and overflow bucket) is empty.
  EmptyRest = 0,
  /// This slot is empty; later slots may not be.
  EmptyOne = 1,
  /// The entry was evacuated to the first half of the new table.
  EvacuatedX = 2,
  /// The entry was evacuated to the second half of the new table.
  EvacuatedY = 3,
  /// The slot was empty when its bucket was evacuated.
  EvacuatedEmpty = 4,
  /// Smallest tophash of a live entry.
  MinTopHash = 5,
};

/// HMap::Flags bits.
enum HMapFlags : uint8_t {
  /// There may be an iterator using Buckets.
  FlagIterator = 1,
  /// There may be an iterator using OldBuckets.
  FlagOldIterator = 2,
  /// A goroutine is writing to the map (misuse detection).
  FlagHashWriting = 4,
  /// The current growth is to a table of the same size.
  FlagSameSizeGrow = 8,
};

/// MapType::Flags bits.
enum MapTypeFlags : uint32_t {
  /// Buckets hold pointers to keys rather than keys.
  MapIndirectKey = 1,
  /// Buckets hold pointers to elems rather than elems.
  MapIndirectElem = 2,
  /// k == k for every key (false for floats: NaN != NaN).
  MapReflexiveKey = 4,
  /// Overwriting must also store the key (+0.0 vs -0.0).
  MapNeedKeyUpdate = 8,
  /// The hasher can panic: interface keys, hashed by their dynamic type,
  /// which may be unhashable. Lookups then hash even in an empty map, so
  /// that they panic as assignments do (Go's hashMightPanic).
  MapHashMightPanic = 16,
};

//===----------------------------------------------------------------------===//
// Language value layouts
//===----------------------------------------------------------------------===//

/// A Go string: a pointer to immutable bytes and a length.
struct GoString {
  const uint8_t *Data;
  int64_t Len;
};

/// A Go slice.
struct GoSlice {
  void *Data;
  int64_t Len;
  int64_t Cap;
};

/// The (elem, ok) pair returned by mapaccess2*. Returned in two registers.
struct MapAccess2Result {
  void *Elem;
  bool Ok;
};

/// The (key, elem) pair returned by mapaccessK.
struct MapAccessKResult {
  void *Key;
  void *Elem;
};

//===----------------------------------------------------------------------===//
// Goroutines, channels and select (runtime/lib/Sched)
//===----------------------------------------------------------------------===//

/// A channel. Opaque to the compiler: a value of channel type is a pointer to
/// one (null for the nil channel), made by makechan.
struct HChan;

/// The body of a goroutine: `go f(x, y)` evaluates f, x and y into a record on
/// the heap and starts a goroutine that calls Fn(Record), a thunk gmc emits
/// that makes the call.
using GoroutineFn = void (*)(void *Record);

/// One case of a select statement, as selectgo takes them: the send cases
/// first, then the receive cases. Elem points to the value to send, or to
/// where a received value goes (null to discard it). A case on a nil channel
/// is never ready, as in Go.
struct SelectCase {
  HChan *Chan;
  void *Elem;
};

/// What selectgo chose: the index of the case in its array, or -1 when it
/// did not block and no case was ready (the select's default); and, for a
/// receive, whether a value was received (false: the channel was closed).
struct SelectResult {
  int64_t Index;
  bool RecvOK;
};

//===----------------------------------------------------------------------===//
// Type descriptors, method tables and interface values
//===----------------------------------------------------------------------===//

enum class TypeKind : uint8_t {
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  String,
  Pointer,
  Array,
  Slice,
  Struct,
  Map,
  /// The untyped nil passed as an `any` argument (prints as <nil>).
  Nil,
  /// A function value: a pointer to a funcval (prints as its address).
  Func,
  /// An interface type (a field, element or key of this type holds an Eface
  /// when Methods is empty, an Iface otherwise).
  Interface,
  /// A channel: a pointer to the runtime's channel (prints as its address).
  /// Elem is the element type; the direction does not matter at run time.
  Chan,
};

/// Values of at most this many bytes travel in an interface's data word
/// (TypeDirectIface below). gmc's escape analysis states the same bound as
/// lang::InterfaceWordBytes, and IRGen checks that the two agree.
inline constexpr uint64_t MaxDirectIfaceSize = sizeof(void *);

/// TypeDesc::Flags bits.
enum TypeDescFlags : uint8_t {
  /// Values of the type travel in an interface's data word itself rather
  /// than boxed: every type of at most one word. (Go stores only
  /// pointer-shaped values so, because its collector must know which words
  /// are pointers; the conservative collector gm uses does not, so gm also
  /// spares the allocation for ints, floats and small structs.)
  TypeDirectIface = 1,
  /// Defined (named) type: %v of a struct prints the same either way, but
  /// panic(v) prints "main.T{...}" only for named ones.
  TypeNamed = 2,
};

struct TypeDesc;

/// Hashes the value at Key with Seed.
using HashFn = uintptr_t (*)(const void *Key, uintptr_t Seed);
/// Reports whether the values at A and B are equal.
using EqualFn = bool (*)(const void *A, const void *B);

struct StructFieldDesc {
  /// Field name, NUL-terminated.
  const char *Name;
  const TypeDesc *Type;
  uint64_t Offset;
  /// The name starts with an upper-case letter. fmt calls String and Error
  /// methods only on values reached through exported fields (Go's reflect
  /// cannot call methods on the others).
  bool Exported;
};

/// One method of a type's method set, or of an interface type. Tables are
/// sorted by Name (strcmp), so that matching a type against an interface is
/// one merge of two sorted lists.
struct MethodDesc {
  /// "Error"; an unexported name is qualified by its package path
  /// ("main.m"), since unexported methods of different packages differ.
  const char *Name;
  /// The method's type without receiver, as %T prints it ("func() string"):
  /// identical types print identically.
  const char *Signature;
  /// For a concrete type, the function an itab holds for it: it takes the
  /// interface's data word (see TypeDirectIface) where the method takes its
  /// receiver, then the method's parameters. Null in an interface's table.
  void *Fn;
};

/// A type's `String() string`, `Error() string` or `GoString() string`
/// method, called through a thunk gmc emits. Receiver points to a value of the
/// descriptor's type (for a pointer type, to the pointer); the thunk follows
/// embedded fields to the method's receiver, copies it as the call requires,
/// and returns the method's result.
using StringMethodFn = GoString (*)(const void *Receiver);

/// How the runtime calls a gm function value `func(i, j int) bool` (sort's
/// less) or `func(i int) bool` (sort.Search's predicate): through an adapter
/// gmc emits, which passes the funcval in the closure register.
using SortLessFn = bool (*)(void *FuncValue, int64_t I, int64_t J);
using SortPredFn = bool (*)(void *FuncValue, int64_t I);

struct MapType;

/// Describes one Go type at run time. gmc emits exactly one per type in a
/// program, so two descriptors are the same type if and only if they are the
/// same address (interface comparisons and type switches rely on it).
struct TypeDesc {
  uint64_t Size;
  /// The type as Go's %T prints it ("main.T", "[]int"), NUL-terminated.
  const char *Name;
  TypeKind Kind;
  /// TypeDescFlags.
  uint8_t Flags;
  uint8_t Align;
  uint32_t NumFields;
  /// Pointee, array/slice element or map elem.
  const TypeDesc *Elem;
  /// Map key.
  const TypeDesc *Key;
  /// Array length.
  uint64_t Len;
  /// Struct fields, NumFields of them.
  const StructFieldDesc *Fields;
  /// For maps: the map's descriptor (iteration for printing).
  const MapType *Map;
  /// Error() string in the type's method set, or null. fmt and panic call it
  /// in preference to String.
  StringMethodFn ErrorMethod;
  /// String() string in the type's method set, or null.
  StringMethodFn StringMethod;
  /// GoString() string in the type's method set, or null (used by %#v).
  StringMethodFn GoStringMethod;
  /// Hash and equality of two values of the type; null for types that are
  /// not comparable (what interface hashing and == panic on).
  HashFn Hash;
  EqualFn Equal;
  /// The method set (concrete types) or the methods (interface types),
  /// NumMethods of them, sorted by name.
  const MethodDesc *Methods;
  uint32_t NumMethods;
};

/// The method table of one (interface, concrete type) pair: Fun[i] is the
/// concrete type's method for Inter->Methods[i]. gmc emits the pairs it
/// sees converted; assertions to interfaces build the others at run time.
struct Itab {
  const TypeDesc *Inter;
  const TypeDesc *Type;
  /// Inter->NumMethods entries (declared with one, allocated with all).
  void *Fun[1];
};

/// A value of an empty interface type (interface{}, any): its dynamic type,
/// null for the nil interface, and its data word, which is the value itself
/// when the type is TypeDirectIface and otherwise points to a copy of it.
struct Eface {
  const TypeDesc *Type;
  void *Data;
};

/// A value of a non-empty interface type: the itab of its interface and
/// dynamic type (null for the nil interface), and the data word as in Eface.
struct Iface {
  const Itab *Tab;
  void *Data;
};

/// Where the value an interface holds is: in its data word or behind it.
inline const void *interfaceValuePointer(const TypeDesc *T, void *const &Data) {
  return (T->Flags & TypeDirectIface) ? static_cast<const void *>(&Data) : Data;
}

//===----------------------------------------------------------------------===//
// Map layout
//===----------------------------------------------------------------------===//

/// The per-map-type descriptor. gmc emits one internal constant per map type
/// (named like "type.map[int64]int64").
struct MapType {
  HashFn Hasher;
  EqualFn Equal;
  const TypeDesc *Key;
  const TypeDesc *Elem;
  /// Size of the key and elem types themselves.
  uint64_t KeyTypeSize;
  uint64_t ElemTypeSize;
  /// Size of one key/elem slot in a bucket: the type size, or the size of a
  /// pointer when stored indirectly.
  uint8_t KeySize;
  uint8_t ElemSize;
  /// Size of one table unit of the runtime the module was compiled for
  /// (mapTableUnitSize): a classic bucket, including tophash and the
  /// overflow pointer, or a Swiss group. Each runtime checks it, so that a
  /// maptype of the other runtime stops the program at its first map.
  uint16_t BucketSize;
  /// MapTypeFlags.
  uint32_t Flags;
  /// Nonzero when a bucket can contain pointers (keys, elems, or indirect
  /// slots). Pointer-free buckets are allocated as GC-atomic memory.
  uint8_t BucketHasPointers;
  uint8_t Reserved[7];
};

/// Byte offset of the first key in a bucket (after tophash[BucketCnt]).
inline constexpr uint64_t BucketKeysOffset = BucketCnt;

/// Bucket layout for a given key and elem slot size: tophash[8], then 8 keys,
/// then 8 elems, then the overflow pointer. With 8 slots every array stays
/// 8-byte aligned, so no padding is ever needed on 64-bit targets.
inline constexpr uint64_t bucketElemsOffset(uint64_t KeySlotSize) {
  return BucketKeysOffset + BucketCnt * KeySlotSize;
}
inline constexpr uint64_t bucketOverflowOffset(uint64_t KeySlotSize,
                                               uint64_t ElemSlotSize) {
  return bucketElemsOffset(KeySlotSize) + BucketCnt * ElemSlotSize;
}
inline constexpr uint64_t bucketSize(uint64_t KeySlotSize,
                                     uint64_t ElemSlotSize) {
  return bucketOverflowOffset(KeySlotSize, ElemSlotSize) + sizeof(void *);
}
static_assert(bucketSize(8, 8) == 144, "map[int64]int64 bucket is 144 bytes");

/// Memory for overflow buckets of maps whose buckets hold no pointers: the GC
/// does not scan such buckets, so their overflow buckets are kept alive here.
struct MapExtra {
  /// Overflow buckets of HMap::Buckets (a GC-visible array of pointers).
  void **Overflow;
  int64_t OverflowLen;
  int64_t OverflowCap;
  /// Overflow buckets of HMap::OldBuckets.
  void **OldOverflow;
  int64_t OldOverflowLen;
  int64_t OldOverflowCap;
  /// The next free preallocated overflow bucket.
  void *NextOverflow;
};

/// A map header. A Go map value is a pointer to one.
struct HMap {
  /// Live entries. Must be first: len(m) is a single load.
  int64_t Count;
  /// HMapFlags.
  uint8_t Flags;
  /// log2 of the bucket count.
  uint8_t B;
  /// Approximate number of overflow buckets (exact below B=16).
  uint16_t NOverflow;
  /// Per-map hash seed.
  uint32_t Hash0;
  /// Array of 2^B buckets.
  void *Buckets;
  /// Previous bucket array, half the size, non-null only while growing.
  void *OldBuckets;
  /// Old buckets below this index have been evacuated.
  uintptr_t NEvacuate;
  /// Lazily allocated; see MapExtra.
  MapExtra *Extra;
};
static_assert(offsetof(HMap, Count) == 0, "len(m) loads the first word");
static_assert(sizeof(HMap) == 48, "hmap layout changed");

/// A map iterator. gmc allocates one zeroed on the stack per range loop and
/// stops when Key becomes null.
struct HIter {
  /// Current key, or null when iteration is done. Must be first.
  void *Key;
  /// Current elem. Must be second.
  void *Elem;
  const MapType *Type;
  HMap *Map;
  /// Bucket array at iterator start.
  void *Buckets;
  /// Current bucket.
  void *BucketPtr;
  /// Keep overflow buckets of pointer-free maps alive while iterating.
  void **Overflow;
  void **OldOverflow;
  /// Bucket iteration started at.
  uintptr_t StartBucket;
  /// Slot offset to start at in each bucket (randomised).
  uint8_t Offset;
  /// Already wrapped around from the end of the bucket array.
  bool Wrapped;
  /// B at iterator start.
  uint8_t B;
  /// Next slot to look at in the current bucket.
  uint8_t I;
  uint8_t Pad[4];
  /// Index of the current bucket.
  uintptr_t Bucket;
  /// While growing: only yield entries of the old bucket that belong here.
  uintptr_t CheckBucket;
};
static_assert(offsetof(HIter, Key) == 0 && offsetof(HIter, Elem) == 8,
              "gmc reads key and elem pointers from the iterator");
static_assert(sizeof(HIter) == 96, "hiter layout changed");

/// What mapstats reports (gm's extension; Go has no such thing).
struct MapStats {
  int64_t Count;
  int64_t B;
  int64_t Buckets;
  /// Overflow buckets reachable from the current (and old) bucket arrays.
  int64_t OverflowBuckets;
  /// NOverflow as the runtime counts it (approximate above B=16).
  int64_t NOverflow;
  /// Old buckets not yet evacuated (0 when not growing).
  int64_t OldBucketsRemaining;
  int64_t OldBuckets;
  /// Count / Buckets.
  double LoadFactor;
  /// ChainLengthHistogram[i]: buckets whose chain holds i+1 buckets; the
  /// last entry counts chains of 8 or more.
  int64_t ChainLengthHistogram[8];
};

/// Results of decoderune: the rune and the index after it.
struct DecodeRuneResult {
  int32_t Rune;
  int64_t Next;
};

/// Which slice-bounds message runtime.panicSliceBounds prints (Go's wording,
/// with x and y substituted).
enum SliceBoundsCode : int64_t {
  /// "slice bounds out of range [:x] with length y"
  SliceAlen = 0,
  /// "slice bounds out of range [:x] with capacity y"
  SliceAcap = 1,
  /// "slice bounds out of range [x:y]"
  SliceB = 2,
  /// "slice bounds out of range [::x] with length y"
  Slice3Alen = 3,
  /// "slice bounds out of range [::x] with capacity y"
  Slice3Acap = 4,
  /// "slice bounds out of range [:x:y]"
  Slice3B = 5,
  /// "slice bounds out of range [x:y:]"
  Slice3C = 6,
};

/// Properties of an entry point that the compiler turns into IR attributes.
enum RuntimeFunctionProps : unsigned {
  RFNone = 0,
  /// Never returns (panics, fatal errors, os.Exit).
  RFNoReturn = 1,
  /// Only reads memory reachable from its arguments (no writes, no allocation).
  RFReadOnly = 2,
  /// May panic, that is unwind into the caller's defers (not nounwind).
  RFMayPanic = 4,
  /// Returns fresh zeroed memory of its first argument's size (noalias, an
  /// allocation function LLVM may see through or remove when unused).
  RFAllocates = 8,
};

/// Which family of map entry points serves a map type: Go's mapfast(). The
/// compiler's lowering and the gm-map-inline pass both decide with this one
/// function.
enum class MapFastKind : uint8_t {
  /// Generic entry points, key passed by address.
  Slow,
  /// 4-byte pointer-free plain-memory keys.
  Fast32,
  /// 4-byte keys holding a pointer (32-bit targets only).
  Fast32Ptr,
  /// 8-byte pointer-free plain-memory keys.
  Fast64,
  /// 8-byte keys holding a pointer (assign only; access and delete use the
  /// fast64 entry points).
  Fast64Ptr,
  /// string keys.
  FastStr,
};

/// The facts about a map's key and elem that choose its entry points.
struct MapKeyClass {
  uint64_t KeySize;
  uint64_t ElemSize;
  /// Equality is bytewise and the key has no padding (integers, pointers, and
  /// arrays/structs of them; not floats, not strings).
  bool KeyIsPlainMemory;
  /// The key holds a pointer.
  bool KeyHasPointers;
  /// The key is exactly a string.
  bool KeyIsString;
};

inline constexpr MapFastKind mapFast(const MapKeyClass &C,
                                     unsigned PointerSize = sizeof(void *)) {
  if (C.ElemSize > MaxElemSize)
    return MapFastKind::Slow;
  if (C.KeyIsString)
    return MapFastKind::FastStr;
  if (!C.KeyIsPlainMemory)
    return MapFastKind::Slow;
  if (C.KeySize == 4) {
    if (!C.KeyHasPointers)
      return MapFastKind::Fast32;
    return PointerSize == 4 ? MapFastKind::Fast32Ptr : MapFastKind::Slow;
  }
  if (C.KeySize == 8) {
    if (!C.KeyHasPointers)
      return MapFastKind::Fast64;
    return PointerSize == 8 ? MapFastKind::Fast64Ptr : MapFastKind::Slow;
  }
  return MapFastKind::Slow;
}

/// Symbols the compiler defines and the runtime's main() calls: package-level
/// variable initialisation, then the program.
inline constexpr const char *ProgramInitSymbol = "main.init";

/// Elements of the frame buffer that gmc passes to a string<->slice
/// conversion whose result does not escape (Go's tmpBuf, 32 bytes, and
/// [32]rune): a result that fits is built there, with this capacity.
inline constexpr int64_t TmpBufElems = 32;
inline constexpr const char *ProgramMainSymbol = "main.main";

/// The per-process hash key (4 words), seeded by a runtime constructor before
/// main and never written after. The fast paths that gm-map-inline inlines
/// read it; the pass marks those loads !invariant.load so that they leave
/// loops. Written as a macro so that the runtime can use it in an asm label.
#define GM_MAP_HASHKEY_SYMBOL "gm_map_hashkey"
inline constexpr const char *MapHashKeySymbol = GM_MAP_HASHKEY_SYMBOL;

} // namespace gm::abi

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

namespace gm::rt {
using namespace gm::abi;

// Each entry point is declared under its C++ name with the symbol Go uses.
#define GM_RUNTIME_FUNCTION(Name, Symbol, Ret, Params, Props)                  \
  Ret Name Params asm(Symbol);
#include "gm/runtime/RuntimeFunctions.def"
} // namespace gm::rt

//===----------------------------------------------------------------------===//
// Swiss map layout (Go 1.24's map, runtime/lib/Swiss; issue 18)
//===----------------------------------------------------------------------===//
//
// The second map runtime: groups of 8 slots behind one control word, tables
// of at most 1024 slots, and a directory of tables indexed by the top bits of
// the hash (extendible hashing). It takes the same MapType as the classic
// map and derives its group layout from the slot sizes alone. Its C++ API is
// gm::rt::swiss (runtime/lib/Swiss/Swiss.h); libgmrt_swiss.a exports it under
// the entry points of RuntimeFunctions.def, where an HMap * is a SwissMap *
// and an HIter * a SwissIter * (gmc -fmap-runtime=swiss).

namespace gm::abi {

/// log2 of the slots in a group, and the slots themselves.
inline constexpr unsigned SwissGroupSlotsBits = 3;
inline constexpr unsigned SwissGroupSlots = 1u << SwissGroupSlotsBits;

/// A group starts with its control word: byte I describes slot I. A full
/// slot's byte is its key's H2, top bit clear; the two markers have the top
/// bit set, so "not full" is one bit per byte.
inline constexpr uint64_t SwissCtrlWordBytes = 8;
enum SwissCtrl : uint8_t {
  /// Never used since the table was made or cleared: a probe stops here.
  SwissCtrlEmpty = 0x80,
  /// A tombstone: deleted from a group that was full, so probes for keys
  /// further along the sequence must continue past it.
  SwissCtrlDeleted = 0xFE,
};

/// The hash is split in two: its low SwissH2Bits (H2) go into the control
/// byte, the rest (H1) picks the first group to probe. The directory takes
/// its index from the top bits.
inline constexpr unsigned SwissH2Bits = 7;
inline constexpr uintptr_t SwissH2Mask = (uintptr_t(1) << SwissH2Bits) - 1;

/// A table may fill at most 7/8 of its slots (live entries plus tombstones)
/// before it is rebuilt, grown or split: every probe sequence then still
/// ends in a group with an empty slot.
inline constexpr unsigned SwissMaxLoadNum = 7;
inline constexpr unsigned SwissMaxLoadDen = 8;

/// The largest table. A full table of this capacity splits in two rather
/// than doubling, which bounds the work of any one insert.
inline constexpr unsigned SwissMaxTableCapacity = 1024;

/// Alignment that a slot of Size bytes can need at most. A Go type's size is
/// a multiple of its alignment, a power of two of at most 8, so the lowest
/// set bit of the size (capped at 8) never falls short of it: the maptype's
/// sizes fix the layout without alignments.
inline constexpr uint64_t swissSlotAlign(uint64_t Size) {
  uint64_t LowBit = Size & (~Size + 1);
  return LowBit == 0 ? 1 : LowBit > 8 ? 8 : LowBit;
}
inline constexpr uint64_t swissAlignUp(uint64_t N, uint64_t Align) {
  return (N + Align - 1) & ~(Align - 1);
}

/// A slot holds the key, then the elem: a hit reads one place. KeySlotSize
/// and ElemSlotSize are MapType::KeySize and MapType::ElemSize (a pointer
/// when stored indirectly).
inline constexpr uint64_t swissElemOffset(uint64_t KeySlotSize,
                                          uint64_t ElemSlotSize) {
  return swissAlignUp(KeySlotSize, swissSlotAlign(ElemSlotSize));
}
inline constexpr uint64_t swissSlotSize(uint64_t KeySlotSize,
                                        uint64_t ElemSlotSize) {
  uint64_t KeyAlign = swissSlotAlign(KeySlotSize);
  uint64_t ElemAlign = swissSlotAlign(ElemSlotSize);
  return swissAlignUp(swissElemOffset(KeySlotSize, ElemSlotSize) + ElemSlotSize,
                      KeyAlign > ElemAlign ? KeyAlign : ElemAlign);
}
/// Group layout: the control word, then SwissGroupSlots slots. Slots need
/// at most 8-byte alignment and the control word is 8 bytes, so groups laid
/// end to end keep every control word and slot aligned.
inline constexpr uint64_t swissGroupSize(uint64_t KeySlotSize,
                                         uint64_t ElemSlotSize) {
  return SwissCtrlWordBytes +
         SwissGroupSlots * swissSlotSize(KeySlotSize, ElemSlotSize);
}
static_assert(swissGroupSize(8, 8) == 136,
              "map[int64]int64 group is 136 bytes, as in Go 1.24");
static_assert(swissSlotSize(4, 8) == 16 && swissElemOffset(4, 8) == 8,
              "an int32 key is padded to its int64 elem");
static_assert(swissSlotSize(16, 8) == 24, "map[string]int64 slot");
static_assert(swissSlotSize(3, 2) == 6 && swissElemOffset(3, 2) == 4,
              "[3]byte key, int16 elem");
static_assert(swissSlotSize(8, 0) == 8, "map[int64]struct{} slot");
static_assert(swissGroupSize(8, 8) % 8 == 0 && swissGroupSize(3, 2) % 8 == 0,
              "groups keep their control words 8-byte aligned");

/// One table: an open-addressed hash table of Capacity slots in
/// Capacity / SwissGroupSlots groups.
struct SwissTable {
  /// Full slots.
  uint16_t Used;
  /// Slots, a power of two from SwissGroupSlots to SwissMaxTableCapacity.
  uint16_t Capacity;
  /// Empty slots an insert may still fill before the table must be
  /// replaced: the 7/8 budget less Used less the tombstones.
  uint16_t GrowthLeft;
  /// Top bits of the hash shared by every key here; the table fills
  /// 2^(GlobalDepth - LocalDepth) consecutive directory entries.
  uint8_t LocalDepth;
  uint8_t Pad;
  /// The first directory entry pointing here, or -1 once the table was
  /// replaced (grown, rebuilt or split). Iterators holding a replaced table
  /// look its keys up again in the live map.
  int64_t Index;
  /// Capacity / SwissGroupSlots groups of swissGroupSize() bytes.
  void *Groups;
  /// Groups - 1: probe positions are taken modulo the group count.
  uint64_t GroupMask;
};
static_assert(sizeof(SwissTable) == 32, "Swiss table layout changed");

/// A Swiss map header. A map value is a pointer to one.
struct SwissMap {
  /// Live entries. Must be first: len(m) is a single load.
  int64_t Count;
  /// Per-map hash seed, drawn again whenever the map becomes empty.
  uintptr_t Seed;
  /// DirLen == 0: the small map's only group (null until the first insert).
  /// Otherwise an array of DirLen SwissTable pointers.
  void *Directory;
  /// 0 while the map is small, else 2^GlobalDepth.
  int64_t DirLen;
  /// How many top bits of the hash index the directory.
  uint8_t GlobalDepth;
  /// Toggled by each write while it runs (misuse detection).
  uint8_t Writing;
  /// Some table may hold a tombstone: clear must visit it even when empty.
  uint8_t TombstonesPossible;
  uint8_t Pad[5];
  /// Counts clear(m) calls, so that iterators can tell one happened.
  uint64_t ClearSeq;
};
static_assert(offsetof(SwissMap, Count) == 0, "len(m) loads the first word");
static_assert(sizeof(SwissMap) == 48, "Swiss map header layout changed");

/// A Swiss map iterator. Like HIter, zeroed by its owner, and iteration is
/// done when Key becomes null.
struct SwissIter {
  /// Current key, or null when done. Must be first.
  void *Key;
  /// Current elem. Must be second.
  void *Elem;
  const MapType *Type;
  /// Null when the map was nil or empty at the start.
  SwissMap *Map;
  /// Random rotations of the slot order within each table and of the
  /// directory order.
  uint64_t EntryOffset;
  uint64_t DirOffset;
  /// SwissMap::ClearSeq at the start.
  uint64_t ClearSeq;
  /// Directory position (before DirOffset), or -1 when the map was small at
  /// the start and the iterator walks that group.
  int64_t DirIdx;
  /// The table being walked, kept even after the map replaces it.
  SwissTable *Table;
  /// When DirIdx is -1, the small map's group.
  void *Group;
  /// Position within the table (before EntryOffset): group * 8 + slot.
  uint64_t EntryIdx;
  /// GlobalDepth as of the last step: the directory may double meanwhile.
  uint8_t GlobalDepth;
  uint8_t Pad[7];
};
static_assert(offsetof(SwissIter, Key) == 0 && offsetof(SwissIter, Elem) == 8,
              "range loops read key and elem pointers from the iterator");
static_assert(sizeof(SwissIter) == 96, "Swiss iterator layout changed");

//===----------------------------------------------------------------------===//
// Choosing the map runtime
//===----------------------------------------------------------------------===//

/// The map runtime a module is compiled for (gmc -fmap-runtime=). Both
/// export the same entry points, so nothing in a call tells them apart;
/// three things do:
///   * the module flag MapRuntimeModuleFlag (MDString mapRuntimeName),
///     behaviour Error, so that linking IR of both runtimes fails and
///     gm-map-inline inlines only the fast paths of the module's runtime;
///   * a reference from every module to mapRuntimeMarkerSymbol, which only
///     the matching runtime library defines: an object linked against the
///     other library is an undefined-symbol link error;
///   * MapType::BucketSize (mapTableUnitSize), which each runtime checks.
enum class MapRuntime : uint8_t { Classic, Swiss };

inline constexpr const char *MapRuntimeModuleFlag = "gm.map-runtime";
inline constexpr const char *mapRuntimeName(MapRuntime R) {
  return R == MapRuntime::Swiss ? "swiss" : "classic";
}

#define GM_MAP_RUNTIME_CLASSIC_SYMBOL "gm_map_runtime_classic"
#define GM_MAP_RUNTIME_SWISS_SYMBOL "gm_map_runtime_swiss"
inline constexpr const char *mapRuntimeMarkerSymbol(MapRuntime R) {
  return R == MapRuntime::Swiss ? GM_MAP_RUNTIME_SWISS_SYMBOL
                                : GM_MAP_RUNTIME_CLASSIC_SYMBOL;
}

/// MapType::BucketSize for each runtime.
inline constexpr uint64_t mapTableUnitSize(MapRuntime R, uint64_t KeySlotSize,
                                           uint64_t ElemSlotSize) {
  return R == MapRuntime::Swiss ? swissGroupSize(KeySlotSize, ElemSlotSize)
                                : bucketSize(KeySlotSize, ElemSlotSize);
}

/// make(map[K]V, n) with a constant n up to this calls makemap_small: one
/// classic bucket (Go 1.19) or one small Swiss group (Go 1.24).
inline constexpr int64_t mapSmallHintMax(MapRuntime R) {
  return R == MapRuntime::Swiss ? SwissGroupSlots : BucketCnt;
}

/// The range loop's iterator, which gmc allocates zeroed.
inline constexpr uint64_t mapIterSize(MapRuntime R) {
  return R == MapRuntime::Swiss ? sizeof(SwissIter) : sizeof(HIter);
}
static_assert(sizeof(SwissIter) % 8 == 0 && sizeof(HIter) % 8 == 0 &&
                  alignof(SwissIter) == 8 && alignof(HIter) == 8,
              "gmc allocates iterators as arrays of i64");

} // namespace gm::abi

#endif // GM_RUNTIME_ABI_H
