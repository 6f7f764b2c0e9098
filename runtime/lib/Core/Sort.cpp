//===- Sort.cpp - sort.Slice and the sorts that take a comparator ---------===//
//
// sort.Slice is not stable, so which of two equal elements comes first is
// whatever Go's algorithm leaves there, and programs print it. To print the
// same, gm sorts as Go 1.19 does: pattern-defeating quicksort with the same
// pivot choices, the same partitions, the same "random" pattern breaking and
// the same fallbacks, making the same sequence of less and swap calls. (The
// comparator may have side effects too.) The algorithm follows Go 1.19's
// sort package; the code is gm's own.
//
// The comparator is a gm function value; the runtime calls it through a
// small adapter gmc emits (IRGenModule::getSortLessAdapter), since C++ cannot
// pass a closure context in the `nest` register.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Runtime.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <numeric>
#include <vector>

namespace gm::rt {
namespace {

/// Go's bits.Len: the number of bits needed to represent X.
unsigned bitLength(uint64_t X) { return X ? 64 - __builtin_clzll(X) : 0; }

/// The data being sorted and its order, as Go's lessSwap: Less(i, j) and
/// Swap(i, j) on element indices.
template <typename LessFn, typename SwapFn> struct Sorter {
  LessFn Less;
  SwapFn Swap;

  enum Hint { Unknown, Increasing, Decreasing };

  void insertionSort(int64_t A, int64_t B) {
    for (int64_t I = A + 1; I < B; ++I)
      for (int64_t J = I; J > A && Less(J, J - 1); --J)
        Swap(J, J - 1);
  }

  void siftDown(int64_t Lo, int64_t Hi, int64_t First) {
    int64_t Root = Lo;
    for (;;) {
      int64_t Child = 2 * Root + 1;
      if (Child >= Hi)
        return;
      if (Child + 1 < Hi && Less(First + Child, First + Child + 1))
        ++Child;
      if (!Less(First + Root, First + Child))
        return;
      Swap(First + Root, First + Child);
      Root = Child;
    }
  }

  void heapSort(int64_t A, int64_t B) {
    int64_t First = A, Hi = B - A;
    for (int64_t I = (Hi - 1) / 2; I >= 0; --I)
      siftDown(I, Hi, First);
    for (int64_t I = Hi - 1; I >= 0; --I) {
      Swap(First, First + I);
      siftDown(0, I, First);
    }
  }

  /// Orders the pair (X, Y) so that data[X] <= data[Y], counting swaps.
  void order2(int64_t &X, int64_t &Y, int &Swaps) {
    if (Less(Y, X)) {
      ++Swaps;
      std::swap(X, Y);
    }
  }

  int64_t median(int64_t X, int64_t Y, int64_t Z, int &Swaps) {
    order2(X, Y, Swaps);
    order2(Y, Z, Swaps);
    order2(X, Y, Swaps);
    return Y;
  }

  int64_t choosePivot(int64_t A, int64_t B, Hint &H) {
    const int64_t ShortestNinther = 50;
    const int MaxSwaps = 4 * 3;
    int64_t L = B - A;
    int Swaps = 0;
    int64_t I = A + L / 4 * 1, J = A + L / 4 * 2, K = A + L / 4 * 3;
    if (L >= 8) {
      if (L >= ShortestNinther) {
        // Tukey's ninther: each of the three is the median of its
        // neighbourhood.
        I = median(I - 1, I, I + 1, Swaps);
        J = median(J - 1, J, J + 1, Swaps);
        K = median(K - 1, K, K + 1, Swaps);
      }
      J = median(I, J, K, Swaps);
    }
    H = Swaps == 0 ? Increasing : Swaps == MaxSwaps ? Decreasing : Unknown;
    return J;
  }

  void reverseRange(int64_t A, int64_t B) {
    for (int64_t I = A, J = B - 1; I < J; ++I, --J)
      Swap(I, J);
  }

  /// A few steps of insertion sort; true if data[A:B] ends up sorted.
  bool partialInsertionSort(int64_t A, int64_t B) {
    const int MaxSteps = 5;
    const int64_t ShortestShifting = 50;
    int64_t I = A + 1;
    for (int Step = 0; Step < MaxSteps; ++Step) {
      while (I < B && !Less(I, I - 1))
        ++I;
      if (I == B)
        return true;
      if (B - A < ShortestShifting)
        return false;
      Swap(I, I - 1);
      // Shift the smaller one left. (Down to index 1, not A + 1: Go 1.19
      // does so, and the swaps must be the same.)
      if (I - A >= 2)
        for (int64_t J = I - 1; J >= 1; --J) {
          if (!Less(J, J - 1))
            break;
          Swap(J, J - 1);
        }
      // Shift the greater one right.
      if (B - I >= 2)
        for (int64_t J = I + 1; J < B; ++J) {
          if (!Less(J, J - 1))
            break;
          Swap(J, J - 1);
        }
    }
    return false;
  }

  void breakPatterns(int64_t A, int64_t B) {
    int64_t Length = B - A;
    if (Length < 8)
      return;
    uint64_t Random = uint64_t(Length); // xorshift64, seeded by the length
    uint64_t Modulus = uint64_t(1) << bitLength(uint64_t(Length));
    for (int64_t Idx = A + (Length / 4) * 2 - 1;
         Idx <= A + (Length / 4) * 2 + 1; ++Idx) {
      Random ^= Random << 13;
      Random ^= Random >> 17;
      Random ^= Random << 5;
      int64_t Other = int64_t(Random & (Modulus - 1));
      if (Other >= Length)
        Other -= Length;
      Swap(Idx, A + Other);
    }
  }

  /// Partitions data[A:B] around data[Pivot]; returns the pivot's new index
  /// and whether nothing had to move.
  int64_t partition(int64_t A, int64_t B, int64_t Pivot, bool &Already) {
    Swap(A, Pivot);
    int64_t I = A + 1, J = B - 1;
    while (I <= J && Less(I, A))
      ++I;
    while (I <= J && !Less(J, A))
      --J;
    if (I > J) {
      Swap(J, A);
      Already = true;
      return J;
    }
    Swap(I, J);
    ++I;
    --J;
    for (;;) {
      while (I <= J && Less(I, A))
        ++I;
      while (I <= J && !Less(J, A))
        --J;
      if (I > J)
        break;
      Swap(I, J);
      ++I;
      --J;
    }
    Swap(J, A);
    Already = false;
    return J;
  }

  /// Elements equal to data[Pivot] first, then the greater ones (there are
  /// no smaller ones in data[A:B]).
  int64_t partitionEqual(int64_t A, int64_t B, int64_t Pivot) {
    Swap(A, Pivot);
    int64_t I = A + 1, J = B - 1;
    for (;;) {
      while (I <= J && !Less(A, I))
        ++I;
      while (I <= J && Less(A, J))
        --J;
      if (I > J)
        return I;
      Swap(I, J);
      ++I;
      --J;
    }
  }

  void pdqsort(int64_t A, int64_t B, int Limit) {
    const int64_t MaxInsertion = 12;
    bool WasBalanced = true, WasPartitioned = true;
    for (;;) {
      int64_t Length = B - A;
      if (Length <= MaxInsertion)
        return insertionSort(A, B);
      if (Limit == 0)
        return heapSort(A, B);
      if (!WasBalanced) {
        breakPatterns(A, B);
        --Limit;
      }
      Hint H;
      int64_t Pivot = choosePivot(A, B, H);
      if (H == Decreasing) {
        reverseRange(A, B);
        Pivot = (B - 1) - (Pivot - A);
        H = Increasing;
      }
      if (WasBalanced && WasPartitioned && H == Increasing &&
          partialInsertionSort(A, B))
        return;
      // Many duplicates: the pivot equals the element before the range.
      if (A > 0 && !Less(A - 1, Pivot)) {
        A = partitionEqual(A, B, Pivot);
        continue;
      }
      bool Already;
      int64_t Mid = partition(A, B, Pivot, Already);
      WasPartitioned = Already;
      int64_t LeftLen = Mid - A, RightLen = B - Mid;
      int64_t BalanceThreshold = Length / 8;
      if (LeftLen < RightLen) {
        WasBalanced = LeftLen >= BalanceThreshold;
        pdqsort(A, Mid, Limit);
        A = Mid + 1;
      } else {
        WasBalanced = RightLen >= BalanceThreshold;
        pdqsort(Mid + 1, B, Limit);
        B = Mid;
      }
    }
  }

  void sort(int64_t N) { pdqsort(0, N, int(bitLength(uint64_t(N)))); }
};

template <typename LessFn, typename SwapFn>
Sorter<LessFn, SwapFn> makeSorter(LessFn Less, SwapFn Swap) {
  return {Less, Swap};
}

/// Swaps two elements of Size bytes in place.
void swapBytes(uint8_t *A, uint8_t *B, uint64_t Size) {
  uint8_t Tmp[64];
  while (Size) {
    uint64_t N = std::min<uint64_t>(Size, sizeof(Tmp));
    std::memcpy(Tmp, A, N);
    std::memcpy(A, B, N);
    std::memcpy(B, Tmp, N);
    A += N;
    B += N;
    Size -= N;
  }
}

bool lessFloat64(double A, double B) {
  // Go's Float64Slice.Less: NaNs first.
  return A < B || (std::isnan(A) && !std::isnan(B));
}

} // namespace

/// Sorts Len elements of Size bytes at Base with Go's order of less and
/// swap calls; Size is a compile-time constant for the common sizes, so
/// that a swap is a few moves rather than a memcpy loop (Go's reflect
/// swapper specializes the same way).
template <uint64_t Size>
void sortElements(uint8_t *Base, int64_t Len, uint64_t DynSize, void *Less,
                  SortLessFn Call) {
  uint64_t ElemSize = Size ? Size : DynSize;
  makeSorter([&](int64_t I, int64_t J) { return Call(Less, I, J); },
             [&](int64_t I, int64_t J) {
               uint8_t *A = Base + I * ElemSize, *B = Base + J * ElemSize;
               if constexpr (Size != 0) {
                 uint8_t Tmp[Size];
                 std::memcpy(Tmp, A, Size);
                 std::memcpy(A, B, Size);
                 std::memcpy(B, Tmp, Size);
               } else {
                 swapBytes(A, B, ElemSize);
               }
             })
      .sort(Len);
}

void sort_Slice(void *Data, int64_t Len, uint64_t ElemSize, void *Less,
                SortLessFn Call) {
  auto *Base = static_cast<uint8_t *>(Data);
  switch (ElemSize) {
  case 4:
    return sortElements<4>(Base, Len, ElemSize, Less, Call);
  case 8:
    return sortElements<8>(Base, Len, ElemSize, Less, Call);
  case 16:
    return sortElements<16>(Base, Len, ElemSize, Less, Call);
  case 24:
    return sortElements<24>(Base, Len, ElemSize, Less, Call);
  default:
    return sortElements<0>(Base, Len, ElemSize, Less, Call);
  }
}

void sort_SliceStable(void *Data, int64_t Len, uint64_t ElemSize, void *Less,
                      SortLessFn Call) {
  // Every stable sort gives the same order: sort indices (the elements stay
  // where less(i, j) finds them), then move the elements once.
  std::vector<int64_t> Order(size_t(Len > 0 ? Len : 0)), Tmp(Order.size());
  std::iota(Order.begin(), Order.end(), 0);
  // Bottom-up merge sort; on a tie the left run's index goes first.
  for (int64_t Width = 1; Width < Len; Width *= 2) {
    for (int64_t Lo = 0; Lo < Len; Lo += 2 * Width) {
      int64_t Mid = std::min(Lo + Width, Len),
              Hi = std::min(Lo + 2 * Width, Len);
      int64_t I = Lo, J = Mid, K = Lo;
      while (I < Mid && J < Hi)
        Tmp[K++] = Call(Less, Order[J], Order[I]) ? Order[J++] : Order[I++];
      while (I < Mid)
        Tmp[K++] = Order[I++];
      while (J < Hi)
        Tmp[K++] = Order[J++];
    }
    Order.swap(Tmp);
  }
  auto *Base = static_cast<uint8_t *>(Data);
  std::vector<uint8_t> Copy(Base, Base + Len * ElemSize);
  for (int64_t I = 0; I < Len; ++I)
    std::memcpy(Base + I * ElemSize, Copy.data() + Order[I] * ElemSize,
                ElemSize);
}

bool sort_SliceIsSorted(int64_t Len, void *Less, SortLessFn Call) {
  for (int64_t I = Len - 1; I > 0; --I)
    if (Call(Less, I, I - 1))
      return false;
  return true;
}

namespace {

/// reflect's name for the kind of T, as its ValueError messages print it.
const char *reflectKindName(const TypeDesc *T) {
  switch (T->Kind) {
  case TypeKind::Bool:
    return "bool";
  case TypeKind::Int:
    return "int";
  case TypeKind::Int8:
    return "int8";
  case TypeKind::Int16:
    return "int16";
  case TypeKind::Int32:
    return "int32";
  case TypeKind::Int64:
    return "int64";
  case TypeKind::Uint:
    return "uint";
  case TypeKind::Uint8:
    return "uint8";
  case TypeKind::Uint16:
    return "uint16";
  case TypeKind::Uint32:
    return "uint32";
  case TypeKind::Uint64:
    return "uint64";
  case TypeKind::Uintptr:
    return "uintptr";
  case TypeKind::Float32:
    return "float32";
  case TypeKind::Float64:
    return "float64";
  case TypeKind::String:
    return "string";
  case TypeKind::Pointer:
    return "ptr";
  case TypeKind::Array:
    return "array";
  case TypeKind::Slice:
    return "slice";
  case TypeKind::Struct:
    return "struct";
  case TypeKind::Map:
    return "map";
  case TypeKind::Func:
    return "func";
  case TypeKind::Interface:
    return "interface";
  case TypeKind::Chan:
    return "chan";
  case TypeKind::Nil:
    break;
  }
  return "invalid";
}

/// Go's panic from reflect when Method is called on a value of the wrong
/// kind: the value is a *reflectlite.ValueError.
[[noreturn]] void panicReflectKind(const char *Method, const TypeDesc *T) {
  std::string Msg = std::string("reflect: call of ") + Method + " on ";
  Msg += T && T->Kind != TypeKind::Nil
             ? std::string(reflectKindName(T)) + " Value"
             : std::string("zero Value");
  panicPlainError(Msg.c_str(), "*reflectlite.ValueError");
}

/// The slice header an `any` holds, or Go's Swapper panic.
const GoSlice &sliceInAny(const Eface &X) {
  if (!X.Type || X.Type->Kind != TypeKind::Slice)
    panicReflectKind("Swapper", X.Type);
  return *static_cast<const GoSlice *>(interfaceValuePointer(X.Type, X.Data));
}

} // namespace

void sort_SliceAny(Eface X, void *Less, SortLessFn Call) {
  const GoSlice &S = sliceInAny(X);
  sort_Slice(S.Data, S.Len, X.Type->Elem->Size, Less, Call);
}

void sort_SliceStableAny(Eface X, void *Less, SortLessFn Call) {
  const GoSlice &S = sliceInAny(X);
  sort_SliceStable(S.Data, S.Len, X.Type->Elem->Size, Less, Call);
}

bool sort_SliceIsSortedAny(Eface X, void *Less, SortLessFn Call) {
  // Go asks only for the length, which reflect gives for more than slices.
  const TypeDesc *T = X.Type;
  const void *Value = T ? interfaceValuePointer(T, X.Data) : nullptr;
  int64_t Len = 0;
  switch (T ? T->Kind : TypeKind::Nil) {
  case TypeKind::Slice:
    Len = static_cast<const GoSlice *>(Value)->Len;
    break;
  case TypeKind::String:
    Len = static_cast<const GoString *>(Value)->Len;
    break;
  case TypeKind::Array:
    Len = int64_t(T->Len);
    break;
  case TypeKind::Map: {
    auto *M = *static_cast<HMap *const *>(Value);
    Len = M ? M->Count : 0;
    break;
  }
  case TypeKind::Chan:
    Len = chanlen(*static_cast<HChan *const *>(Value));
    break;
  default:
    panicReflectKind("reflect.Value.Len", T);
  }
  return sort_SliceIsSorted(Len, Less, Call);
}

int64_t sort_Search(int64_t N, void *Pred, SortPredFn Call) {
  // The smallest i in [0, n) with f(i) true, assuming f is monotone; n if
  // none. The same probes as Go's.
  int64_t I = 0, J = N;
  while (I < J) {
    int64_t H = int64_t(uint64_t(I + J) >> 1);
    if (!Call(Pred, H))
      I = H + 1;
    else
      J = H;
  }
  return I;
}

int64_t sort_SearchInts(const int64_t *Data, int64_t Len, int64_t Cap,
                        int64_t X) {
  return std::lower_bound(Data, Data + Len, X) - Data;
}

void sort_Float64s(double *Data, int64_t Len, int64_t Cap) {
  // ±0 and NaNs are told apart when printed: sort as Go does.
  makeSorter(
      [&](int64_t I, int64_t J) { return lessFloat64(Data[I], Data[J]); },
      [&](int64_t I, int64_t J) { std::swap(Data[I], Data[J]); })
      .sort(Len);
}

void sort_sortInts(int64_t *Data, int64_t Len, int64_t Cap) {
  sort_Ints(Data, Len, Cap);
}

void sort_sortFloat64s(double *Data, int64_t Len, int64_t Cap) {
  sort_Float64s(Data, Len, Cap);
}

void sort_sortStrings(GoString *Data, int64_t Len, int64_t Cap) {
  sort_Strings(Data, Len, Cap);
}

bool sort_IntsAreSorted(const int64_t *Data, int64_t Len, int64_t Cap) {
  return std::is_sorted(Data, Data + Len);
}

bool sort_Float64sAreSorted(const double *Data, int64_t Len, int64_t Cap) {
  for (int64_t I = Len - 1; I > 0; --I)
    if (lessFloat64(Data[I], Data[I - 1]))
      return false;
  return true;
}

bool sort_StringsAreSorted(const GoString *Data, int64_t Len, int64_t Cap) {
  for (int64_t I = Len - 1; I > 0; --I)
    if (cmpstring(Data[I], Data[I - 1]) < 0)
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// sort.Interface: Sort, Stable, IsSorted, Reverse
//===----------------------------------------------------------------------===//

namespace {

/// sort.Interface's methods, in its itab's (name) order: Len, Less, Swap.
/// They are gm methods called with the data word; a gm bool result is
/// only defined in its low bit.
struct SortData {
  void *Word;
  int64_t (*LenFn)(void *);
  uint8_t (*LessFn)(void *, int64_t, int64_t);
  void (*SwapFn)(void *, int64_t, int64_t);

  explicit SortData(Iface Data) : Word(Data.Data) {
    if (!Data.Tab)
      panicmem(); // a nil sort.Interface: Go's nil dereference
    LenFn = reinterpret_cast<int64_t (*)(void *)>(Data.Tab->Fun[0]);
    LessFn = reinterpret_cast<uint8_t (*)(void *, int64_t, int64_t)>(
        Data.Tab->Fun[1]);
    SwapFn =
        reinterpret_cast<void (*)(void *, int64_t, int64_t)>(Data.Tab->Fun[2]);
  }
  int64_t len() const { return LenFn(Word); }
  bool less(int64_t I, int64_t J) const { return LessFn(Word, I, J) & 1; }
  void swap(int64_t I, int64_t J) const { SwapFn(Word, I, J); }
};

/// sort.Reverse's result: the data, with Less reversed.
struct Reversed {
  Iface Data;
};

int64_t reversedLen(void *W) {
  return SortData(static_cast<Reversed *>(W)->Data).len();
}
uint8_t reversedLess(void *W, int64_t I, int64_t J) {
  return SortData(static_cast<Reversed *>(W)->Data).less(J, I);
}
void reversedSwap(void *W, int64_t I, int64_t J) {
  SortData(static_cast<Reversed *>(W)->Data).swap(I, J);
}

const MethodDesc ReversedMethods[] = {
    {"Len", "func() int", reinterpret_cast<void *>(&reversedLen)},
    {"Less", "func(int, int) bool", reinterpret_cast<void *>(&reversedLess)},
    {"Swap", "func(int, int)", reinterpret_cast<void *>(&reversedSwap)},
};

} // namespace

void sort_Sort(Iface Data) {
  SortData D(Data);
  makeSorter([&](int64_t I, int64_t J) { return D.less(I, J); },
             [&](int64_t I, int64_t J) { D.swap(I, J); })
      .sort(D.len());
}

void sort_Stable(Iface Data) {
  // The order a stable sort leaves is unique: merge-sort the indices with
  // Less on the untouched data, then move the elements there with Swap.
  SortData D(Data);
  int64_t N = D.len();
  std::vector<int64_t> Order(size_t(N > 0 ? N : 0)), Tmp(Order.size());
  std::iota(Order.begin(), Order.end(), 0);
  for (int64_t Width = 1; Width < N; Width *= 2) {
    for (int64_t Lo = 0; Lo < N; Lo += 2 * Width) {
      int64_t Mid = std::min(Lo + Width, N), Hi = std::min(Lo + 2 * Width, N);
      int64_t I = Lo, J = Mid, K = Lo;
      while (I < Mid && J < Hi)
        Tmp[K++] = D.less(Order[J], Order[I]) ? Order[J++] : Order[I++];
      while (I < Mid)
        Tmp[K++] = Order[I++];
      while (J < Hi)
        Tmp[K++] = Order[J++];
    }
    Order.swap(Tmp);
  }
  // At[p]: the original index of the element now at p; Pos its inverse.
  std::vector<int64_t> At(Order.size()), Pos(Order.size());
  std::iota(At.begin(), At.end(), 0);
  std::iota(Pos.begin(), Pos.end(), 0);
  for (int64_t K = 0; K < N; ++K) {
    int64_t From = Pos[Order[K]];
    if (From == K)
      continue;
    D.swap(K, From);
    int64_t Displaced = At[K];
    At[From] = Displaced;
    Pos[Displaced] = From;
    At[K] = Order[K];
    Pos[Order[K]] = K;
  }
}

bool sort_IsSorted(Iface Data) {
  SortData D(Data);
  for (int64_t I = D.len() - 1; I > 0; --I)
    if (D.less(I, I - 1))
      return false;
  return true;
}

Iface sort_Reverse(const TypeDesc *Interface, Iface Data) {
  // *sort.reverse, a struct embedding the sort.Interface gmc passes (so
  // that fmt can print it, as &{...}).
  static StructFieldDesc Field;
  static TypeDesc Struct, ReversedType;
  if (!ReversedType.Name) {
    Field = {"Interface", Interface, 0, true};
    Struct.Size = sizeof(Reversed);
    Struct.Name = "sort.reverse";
    Struct.Kind = TypeKind::Struct;
    Struct.Flags = TypeNamed;
    Struct.Align = alignof(Reversed);
    Struct.Fields = &Field;
    Struct.NumFields = 1;
    ReversedType = runtimePointerType("*sort.reverse", &Struct, ReversedMethods,
                                      std::size(ReversedMethods));
  }
  auto *R = static_cast<Reversed *>(mallocgc(sizeof(Reversed), true));
  R->Data = Data;
  return {findItab(Interface, &ReversedType), R};
}

} // namespace gm::rt
