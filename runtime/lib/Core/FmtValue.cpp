//===- FmtValue.cpp - fmt's walk over operands (fmt/print.go) -------------===//
//
// printArg and printValue decide how each operand prints, following Go 1.19's
// print.go: basic kinds go to the scalar formatters, composite values are
// walked through their TypeDesc ([1 2 3], {1 2}, {A:1 B:2} with %+v,
// map[k:v]), a non-nil pointer to an array, slice, struct or map prints as
// &{...} at the top level only, other pointers print as 0x... addresses, and a
// verb that does not fit the operand produces %!verb(type=value).
//
// Known gap: Go's handleMethods calls a String() or Error() method that the
// operand's type defines (fmt.Stringer / error). TypeDesc carries no method
// table, so gm prints such values by their structure instead.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/UTF8.h"

#include <cstring>

namespace gm::rt {
namespace {

template <typename T> T load(const void *P) {
  T V;
  std::memcpy(&V, P, sizeof(T));
  return V;
}

bool isSignedInt(TypeKind K) {
  return K == TypeKind::Int || K == TypeKind::Int8 || K == TypeKind::Int16 ||
         K == TypeKind::Int32 || K == TypeKind::Int64;
}

bool isUnsignedInt(TypeKind K) {
  return K == TypeKind::Uint || K == TypeKind::Uint8 || K == TypeKind::Uint16 ||
         K == TypeKind::Uint32 || K == TypeKind::Uint64 ||
         K == TypeKind::Uintptr;
}

} // namespace

/// reflect.Value.Int() / Uint() of an integer value, as a uint64 carrying
/// the sign-extended (or zero-extended) bits.
uint64_t loadIntegerBits(const TypeDesc *T, const void *Data) {
  switch (T->Kind) {
  case TypeKind::Int8:
    return uint64_t(int64_t(load<int8_t>(Data)));
  case TypeKind::Int16:
    return uint64_t(int64_t(load<int16_t>(Data)));
  case TypeKind::Int32:
    return uint64_t(int64_t(load<int32_t>(Data)));
  case TypeKind::Uint8:
    return load<uint8_t>(Data);
  case TypeKind::Uint16:
    return load<uint16_t>(Data);
  case TypeKind::Uint32:
    return load<uint32_t>(Data);
  default:
    return load<uint64_t>(Data);
  }
}

void Printer::badVerb(int32_t Verb) {
  Buf += "%!";
  writeRune(Verb);
  Buf += '(';
  if (Current.Type && Current.Type->Kind != TypeKind::Nil) {
    Buf += Current.Type->Name;
    Buf += '=';
    printValue(Current.Type, Current.Data, 'v', 0);
  } else {
    Buf += "<nil>";
  }
  Buf += ')';
}

void Printer::fmtBool(bool V, int32_t Verb) {
  if (Verb == 't' || Verb == 'v')
    fmtBoolean(V);
  else
    badVerb(Verb);
}

// fmt0x64 formats a uint64 in hexadecimal, with or without the 0x prefix.
void Printer::fmt0x64(uint64_t V, bool Leading0x) {
  bool Sharp = F.Sharp;
  F.Sharp = Leading0x;
  fmtInteger(V, 16, false, 'v', LDigits);
  F.Sharp = Sharp;
}

void Printer::fmtIntegerVerb(uint64_t V, bool IsSigned, int32_t Verb) {
  switch (Verb) {
  case 'v':
    if (F.SharpV && !IsSigned)
      fmt0x64(V, true);
    else
      fmtInteger(V, 10, IsSigned, Verb, LDigits);
    return;
  case 'd':
    fmtInteger(V, 10, IsSigned, Verb, LDigits);
    return;
  case 'b':
    fmtInteger(V, 2, IsSigned, Verb, LDigits);
    return;
  case 'o':
  case 'O':
    fmtInteger(V, 8, IsSigned, Verb, LDigits);
    return;
  case 'x':
    fmtInteger(V, 16, IsSigned, Verb, LDigits);
    return;
  case 'X':
    fmtInteger(V, 16, IsSigned, Verb, UDigits);
    return;
  case 'c':
    fmtC(V);
    return;
  case 'q':
    fmtQc(V);
    return;
  case 'U':
    fmtUnicode(V);
    return;
  default:
    badVerb(Verb);
  }
}

void Printer::fmtFloatVerb(double V, int Size, int32_t Verb) {
  switch (Verb) {
  case 'v':
    fmtFloat(V, Size, 'g', -1);
    return;
  case 'b':
  case 'g':
  case 'G':
  case 'x':
  case 'X':
    fmtFloat(V, Size, Verb, -1);
    return;
  case 'f':
  case 'e':
  case 'E':
    fmtFloat(V, Size, Verb, 6);
    return;
  case 'F':
    fmtFloat(V, Size, 'f', 6);
    return;
  default:
    badVerb(Verb);
  }
}

void Printer::fmtString(const uint8_t *S, int64_t Len, int32_t Verb) {
  switch (Verb) {
  case 'v':
    if (F.SharpV)
      fmtQ(S, Len);
    else
      fmtS(S, Len);
    return;
  case 's':
    fmtS(S, Len);
    return;
  case 'x':
    fmtSbx(S, Len, LDigits);
    return;
  case 'X':
    fmtSbx(S, Len, UDigits);
    return;
  case 'q':
    fmtQ(S, Len);
    return;
  default:
    badVerb(Verb);
  }
}

void Printer::fmtBytes(const uint8_t *B, int64_t Len, bool IsNil, int32_t Verb,
                       const char *TypeString) {
  switch (Verb) {
  case 'v':
  case 'd':
    if (F.SharpV) {
      Buf += TypeString;
      if (IsNil) {
        Buf += "(nil)";
        return;
      }
      Buf += '{';
      for (int64_t I = 0; I < Len; ++I) {
        if (I > 0)
          Buf += ", ";
        fmt0x64(B[I], true);
      }
      Buf += '}';
    } else {
      Buf += '[';
      for (int64_t I = 0; I < Len; ++I) {
        if (I > 0)
          Buf += ' ';
        fmtInteger(B[I], 10, false, Verb, LDigits);
      }
      Buf += ']';
    }
    return;
  case 's':
    fmtS(B, Len);
    return;
  case 'x':
    fmtSbx(B, Len, LDigits);
    return;
  case 'X':
    fmtSbx(B, Len, UDigits);
    return;
  case 'q':
    fmtQ(B, Len);
    return;
  }
  // Other verbs print element by element (only reached from printArg).
  printValue(Current.Type, Current.Data, Verb, 0);
}

void Printer::fmtPointer(const TypeDesc *T, const void *Data, int32_t Verb) {
  uintptr_t U;
  switch (T->Kind) {
  case TypeKind::Pointer:
  case TypeKind::Map:
    U = uintptr_t(load<void *>(Data));
    break;
  case TypeKind::Slice:
    U = uintptr_t(load<GoSlice>(Data).Data);
    break;
  default:
    badVerb(Verb);
    return;
  }
  switch (Verb) {
  case 'v':
    if (F.SharpV) {
      Buf += '(';
      Buf += T->Name;
      Buf += ")(";
      if (U == 0)
        Buf += "nil";
      else
        fmt0x64(U, true);
      Buf += ')';
    } else if (U == 0) {
      pad("<nil>", 5);
    } else {
      fmt0x64(U, !F.Sharp);
    }
    return;
  case 'p':
    fmt0x64(U, !F.Sharp);
    return;
  case 'b':
  case 'o':
  case 'd':
  case 'x':
  case 'X':
    fmtIntegerVerb(U, false, Verb);
    return;
  default:
    badVerb(Verb);
  }
}

void Printer::printArg(AnyValue Arg, int32_t Verb) {
  Current = Arg;
  const TypeDesc *T = Arg.Type;
  if (!T || T->Kind == TypeKind::Nil) {
    if (Verb == 'T' || Verb == 'v')
      pad("<nil>", 5);
    else
      badVerb(Verb);
    return;
  }
  if (Verb == 'T') {
    fmtS(reinterpret_cast<const uint8_t *>(T->Name),
         int64_t(std::strlen(T->Name)));
    return;
  }
  if (Verb == 'p') {
    fmtPointer(T, Arg.Data, 'p');
    return;
  }
  // Go's type switch sends exactly []byte (not named byte slices) to
  // fmtBytes; everything else prints by reflection.
  if (T->Kind == TypeKind::Slice && !T->Named &&
      T->Elem->Kind == TypeKind::Uint8 && !T->Elem->Named) {
    auto S = load<GoSlice>(Arg.Data);
    fmtBytes(static_cast<const uint8_t *>(S.Data), S.Len, S.Data == nullptr,
             Verb, "[]byte");
    return;
  }
  printValue(T, Arg.Data, Verb, 0);
}

void Printer::printValue(const TypeDesc *T, const void *Data, int32_t Verb,
                         int Depth) {
  Current = {T, Data};
  TypeKind K = T->Kind;
  if (isSignedInt(K)) {
    fmtIntegerVerb(loadIntegerBits(T, Data), true, Verb);
    return;
  }
  if (isUnsignedInt(K)) {
    fmtIntegerVerb(loadIntegerBits(T, Data), false, Verb);
    return;
  }
  switch (K) {
  case TypeKind::Nil:
    if (Depth == 0)
      Buf += "<invalid reflect.Value>";
    else if (Verb == 'v')
      Buf += "<nil>";
    else
      badVerb(Verb);
    return;
  case TypeKind::Bool:
    fmtBool(load<bool>(Data), Verb);
    return;
  case TypeKind::Float32:
    fmtFloatVerb(double(load<float>(Data)), 32, Verb);
    return;
  case TypeKind::Float64:
    fmtFloatVerb(load<double>(Data), 64, Verb);
    return;
  case TypeKind::String: {
    auto S = load<GoString>(Data);
    fmtString(S.Data, S.Len, Verb);
    return;
  }
  case TypeKind::Map:
    printMap(T, Data, Verb, Depth);
    return;
  case TypeKind::Struct: {
    if (F.SharpV)
      Buf += T->Name;
    Buf += '{';
    for (uint32_t I = 0; I < T->NumFields; ++I) {
      const StructFieldDesc &Field = T->Fields[I];
      if (I > 0) {
        if (F.SharpV)
          Buf += ", ";
        else
          Buf += ' ';
      }
      if ((F.PlusV || F.SharpV) && Field.Name && Field.Name[0]) {
        Buf += Field.Name;
        Buf += ':';
      }
      printValue(Field.Type, static_cast<const char *>(Data) + Field.Offset,
                 Verb, Depth + 1);
    }
    Buf += '}';
    return;
  }
  case TypeKind::Array:
  case TypeKind::Slice: {
    const char *Elems;
    int64_t Len;
    bool IsNil = false;
    if (K == TypeKind::Slice) {
      auto S = load<GoSlice>(Data);
      Elems = static_cast<const char *>(S.Data);
      Len = S.Len;
      IsNil = S.Data == nullptr;
    } else {
      Elems = static_cast<const char *>(Data);
      Len = int64_t(T->Len);
    }
    if ((Verb == 's' || Verb == 'q' || Verb == 'x' || Verb == 'X') &&
        T->Elem->Kind == TypeKind::Uint8) {
      fmtBytes(reinterpret_cast<const uint8_t *>(Elems), Len, IsNil, Verb,
               T->Name);
      return;
    }
    if (F.SharpV) {
      Buf += T->Name;
      if (IsNil) {
        Buf += "(nil)";
        return;
      }
      Buf += '{';
      for (int64_t I = 0; I < Len; ++I) {
        if (I > 0)
          Buf += ", ";
        printValue(T->Elem, Elems + I * int64_t(T->Elem->Size), Verb,
                   Depth + 1);
      }
      Buf += '}';
      return;
    }
    Buf += '[';
    for (int64_t I = 0; I < Len; ++I) {
      if (I > 0)
        Buf += ' ';
      printValue(T->Elem, Elems + I * int64_t(T->Elem->Size), Verb, Depth + 1);
    }
    Buf += ']';
    return;
  }
  case TypeKind::Pointer: {
    const void *Pointee = load<const void *>(Data);
    if (Depth == 0 && Pointee) {
      TypeKind EK = T->Elem->Kind;
      if (EK == TypeKind::Array || EK == TypeKind::Slice ||
          EK == TypeKind::Struct || EK == TypeKind::Map) {
        Buf += '&';
        printValue(T->Elem, Pointee, Verb, Depth + 1);
        return;
      }
    }
    fmtPointer(T, Data, Verb);
    return;
  }
  default:
    Buf += "?";
    return;
  }
}

} // namespace gm::rt
