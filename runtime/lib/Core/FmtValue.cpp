//===- FmtValue.cpp - Formatting an operand by its type -------------------===//
//
// An operand arrives as (TypeDesc, pointer to its bytes). Scalars go to the
// formatter for their kind; composites are walked through the TypeDesc:
//   slices and arrays   [1 2 3]            %#v: []int{1, 2, 3}
//   structs             {1 2}, %+v {A:1 B:2}, %#v main.T{A:1, B:2}
//   maps                map[k:v ...] with sorted keys (FmtMap.cpp)
//   pointers            &{...} for a non-nil pointer to a composite, but only
//                       for the operand itself; deeper pointers and pointers
//                       to scalars print as 0x... addresses
// A verb that does not apply to the value prints "%!verb(type=value)".
// Only unnamed []byte operands get the byte-string treatment for %v/%d; the
// string verbs (%s %q %x %X) apply to every byte slice or array.
//
// Methods (Go's handleMethods): for %v %s %q %x %X a value whose method set
// has Error() string or String() string (Error first) is printed as the
// method's result under the verb; %#v uses GoString() string instead. This
// applies to the operand and to every value inside it, except below an
// unexported struct field and inside a "%!verb(...)" report. A method that
// panics prints "%!v(PANIC=String method: <panic value>)", or "<nil>" when
// the value is a nil pointer.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Panic.h"
#include "Core/UTF8.h"

#include <cstring>

namespace gm::rt {
namespace {

template <typename T> T loadAs(const void *P) {
  T V;
  std::memcpy(&V, P, sizeof(T));
  return V;
}

enum class IntClass { None, Signed, Unsigned };

IntClass classifyInteger(TypeKind K) {
  switch (K) {
  case TypeKind::Int:
  case TypeKind::Int8:
  case TypeKind::Int16:
  case TypeKind::Int32:
  case TypeKind::Int64:
    return IntClass::Signed;
  case TypeKind::Uint:
  case TypeKind::Uint8:
  case TypeKind::Uint16:
  case TypeKind::Uint32:
  case TypeKind::Uint64:
  case TypeKind::Uintptr:
    return IntClass::Unsigned;
  default:
    return IntClass::None;
  }
}

bool isComposite(TypeKind K) {
  return K == TypeKind::Array || K == TypeKind::Slice ||
         K == TypeKind::Struct || K == TypeKind::Map;
}

bool isByteStringVerb(int32_t Verb) {
  return Verb == 's' || Verb == 'q' || Verb == 'x' || Verb == 'X';
}

} // namespace

uint64_t loadIntegerBits(const TypeDesc *T, const void *Data) {
  switch (T->Kind) {
  case TypeKind::Int8:
    return uint64_t(int64_t(loadAs<int8_t>(Data)));
  case TypeKind::Uint8:
    return loadAs<uint8_t>(Data);
  case TypeKind::Int16:
    return uint64_t(int64_t(loadAs<int16_t>(Data)));
  case TypeKind::Uint16:
    return loadAs<uint16_t>(Data);
  case TypeKind::Int32:
    return uint64_t(int64_t(loadAs<int32_t>(Data)));
  case TypeKind::Uint32:
    return loadAs<uint32_t>(Data);
  default: // The 64-bit kinds: int, int64, uint, uint64, uintptr.
    return loadAs<uint64_t>(Data);
  }
}

void Formatter::appendRune(int32_t R) {
  char Enc[UTFMax];
  Out.append(Enc, size_t(encodeRune(Enc, R)));
}

bool Formatter::formatWithMethod(const TypeDesc *T, const void *Data,
                                 int32_t Verb) {
  if (Erroring || InUnexportedField)
    return false;
  StringMethodFn Method;
  const char *MethodName;
  if (Spec.GoSyntax) {
    Method = T->GoStringMethod;
    MethodName = "GoString";
  } else if (Verb != 'v' && Verb != 's' && Verb != 'q' && Verb != 'x' &&
             Verb != 'X') {
    return false;
  } else if (T->ErrorMethod) {
    Method = T->ErrorMethod;
    MethodName = "Error";
  } else {
    Method = T->StringMethod;
    MethodName = "String";
  }
  if (!Method)
    return false;
  // %#v prints GoString's result as it is; the others apply the verb.
  auto Emit = [&](GoString S) {
    if (Spec.GoSyntax)
      formatText(S.Data, S.Len);
    else
      formatStringVerb(S.Data, S.Len, Verb);
  };
  GoString Result;
  if (Panicking) {
    // Go re-panics here; gm lets the panic go to the outer catcher.
    Emit(Method(Data));
    return true;
  }
  PanicValue Caught;
  if (callCatchingPanic(Method, Data, Result, Caught)) {
    Emit(Result);
    return true;
  }
  // A nil pointer is the likeliest cause; Go prints it as <nil>.
  if (T->Kind == TypeKind::Pointer && !loadAs<const void *>(Data)) {
    appendPadded("<nil>", 5);
    return true;
  }
  FormatSpec Saved = Spec;
  Spec = FormatSpec();
  Out += "%!";
  appendRune(Verb);
  Out += "(PANIC=";
  Out += MethodName;
  Out += " method: ";
  Panicking = true;
  if (Caught.Value.Type)
    formatOperand(valueRef(Caught.Value), 'v');
  else
    Out += Caught.Text;
  Panicking = false;
  Out += ')';
  Spec = Saved;
  return true;
}

void Formatter::reportBadVerb(int32_t Verb) {
  ValueRef Culprit = Operand;
  Out += "%!";
  appendRune(Verb);
  Out += '(';
  if (Culprit.Type && Culprit.Type->Kind != TypeKind::Nil) {
    Out += Culprit.Type->Name;
    Out += '=';
    bool SavedErroring = Erroring;
    Erroring = true;
    formatValue(Culprit.Type, Culprit.Data, 'v', /*Nested=*/false);
    Erroring = SavedErroring;
  } else {
    Out += "<nil>";
  }
  Out += ')';
}

void Formatter::formatBoolVerb(bool V, int32_t Verb) {
  if (Verb == 'v' || Verb == 't')
    formatBool(V);
  else
    reportBadVerb(Verb);
}

void Formatter::formatHexAddress(uint64_t Address, bool WithPrefix) {
  bool SavedAlternate = Spec.Alternate;
  Spec.Alternate = WithPrefix;
  formatInteger(Address, /*Signed=*/false, 16, /*Upper=*/false, false);
  Spec.Alternate = SavedAlternate;
}

void Formatter::formatIntegerVerb(uint64_t Bits, bool Signed, int32_t Verb) {
  switch (Verb) {
  case 'v':
    // Go syntax shows unsigned integers in hex: uint(10) is 0xa.
    if (Spec.GoSyntax && !Signed)
      formatHexAddress(Bits, true);
    else
      formatInteger(Bits, Signed, 10, false, false);
    return;
  case 'd':
    return formatInteger(Bits, Signed, 10, false, false);
  case 'b':
    return formatInteger(Bits, Signed, 2, false, false);
  case 'o':
    return formatInteger(Bits, Signed, 8, false, false);
  case 'O':
    return formatInteger(Bits, Signed, 8, false, /*OctalPrefix=*/true);
  case 'x':
    return formatInteger(Bits, Signed, 16, false, false);
  case 'X':
    return formatInteger(Bits, Signed, 16, true, false);
  case 'c':
    return formatChar(Bits);
  case 'q':
    return formatQuotedChar(Bits);
  case 'U':
    return formatCodePoint(Bits);
  default:
    return reportBadVerb(Verb);
  }
}

void Formatter::formatFloatVerb(double V, int BitSize, int32_t Verb) {
  switch (Verb) {
  case 'v':
    return formatFloat(V, BitSize, 'g', -1);
  case 'b':
  case 'g':
  case 'G':
  case 'x':
  case 'X':
    return formatFloat(V, BitSize, char(Verb), -1);
  case 'e':
  case 'E':
  case 'f':
    return formatFloat(V, BitSize, char(Verb), 6);
  case 'F':
    return formatFloat(V, BitSize, 'f', 6);
  default:
    return reportBadVerb(Verb);
  }
}

void Formatter::formatStringVerb(const uint8_t *S, int64_t Len, int32_t Verb) {
  switch (Verb) {
  case 'v':
    return Spec.GoSyntax ? formatQuotedText(S, Len) : formatText(S, Len);
  case 's':
    return formatText(S, Len);
  case 'q':
    return formatQuotedText(S, Len);
  case 'x':
  case 'X':
    return formatHexText(S, Len, Verb == 'X');
  default:
    return reportBadVerb(Verb);
  }
}

void Formatter::formatByteSliceVerb(const uint8_t *B, int64_t Len, bool IsNil,
                                    int32_t Verb, const char *TypeName) {
  if (Verb == 'v' || Verb == 'd') {
    if (Spec.GoSyntax) {
      Out += TypeName;
      if (IsNil) {
        Out += "(nil)";
        return;
      }
      Out += '{';
      for (int64_t I = 0; I < Len; ++I) {
        if (I > 0)
          Out += ", ";
        formatHexAddress(B[I], true);
      }
      Out += '}';
      return;
    }
    Out += '[';
    for (int64_t I = 0; I < Len; ++I) {
      if (I > 0)
        Out += ' ';
      formatInteger(B[I], false, 10, false, false);
    }
    Out += ']';
    return;
  }
  if (isByteStringVerb(Verb))
    return formatStringVerb(B, Len, Verb);
  // Any other verb applies to each byte in turn.
  formatSequence(Operand.Type, Operand.Data, Verb);
}

void Formatter::formatAddressVerb(const TypeDesc *T, const void *Data,
                                  int32_t Verb) {
  uint64_t Address;
  if (T->Kind == TypeKind::Pointer || T->Kind == TypeKind::Map ||
      T->Kind == TypeKind::Func || T->Kind == TypeKind::Chan)
    Address = uint64_t(uintptr_t(loadAs<const void *>(Data)));
  else if (T->Kind == TypeKind::Slice)
    Address = uint64_t(uintptr_t(loadAs<GoSlice>(Data).Data));
  else
    return reportBadVerb(Verb);

  switch (Verb) {
  case 'v':
    if (Spec.GoSyntax) {
      Out += '(';
      Out += T->Name;
      Out += ")(";
      if (Address == 0)
        Out += "nil";
      else
        formatHexAddress(Address, true);
      Out += ')';
    } else if (Address == 0) {
      appendPadded("<nil>", 5);
    } else {
      formatHexAddress(Address, !Spec.Alternate);
    }
    return;
  case 'p':
    return formatHexAddress(Address, !Spec.Alternate);
  case 'b':
  case 'o':
  case 'd':
  case 'x':
  case 'X':
    return formatIntegerVerb(Address, false, Verb);
  default:
    return reportBadVerb(Verb);
  }
}

void Formatter::formatOperand(ValueRef Arg, int32_t Verb) {
  Operand = Arg;
  const TypeDesc *T = Arg.Type;
  if (!T || T->Kind == TypeKind::Nil) {
    if (Verb == 'v' || Verb == 'T')
      appendPadded("<nil>", 5);
    else
      reportBadVerb(Verb);
    return;
  }
  if (Verb == 'T')
    return formatText(reinterpret_cast<const uint8_t *>(T->Name),
                      int64_t(std::strlen(T->Name)));
  if (Verb == 'p')
    return formatAddressVerb(T, Arg.Data, 'p');
  // %w that Errorf did not take for wrapping (elsewhere, a second one, or
  // not an error): Go's bad verb.
  if (Verb == 'w')
    return reportBadVerb(Verb);
  if (formatWithMethod(T, Arg.Data, Verb))
    return;
  // Exactly []byte: not a named slice type, not a slice of a named byte.
  if (T->Kind == TypeKind::Slice && !(T->Flags & TypeNamed) &&
      T->Elem->Kind == TypeKind::Uint8 && !(T->Elem->Flags & TypeNamed)) {
    auto S = loadAs<GoSlice>(Arg.Data);
    return formatByteSliceVerb(static_cast<const uint8_t *>(S.Data), S.Len,
                               S.Data == nullptr, Verb, "[]byte");
  }
  formatValue(T, Arg.Data, Verb, /*Nested=*/false);
}

void Formatter::formatSequence(const TypeDesc *T, const void *Data,
                               int32_t Verb) {
  const char *Elems;
  int64_t Len;
  bool IsNil = false;
  if (T->Kind == TypeKind::Slice) {
    auto S = loadAs<GoSlice>(Data);
    Elems = static_cast<const char *>(S.Data);
    Len = S.Len;
    IsNil = S.Data == nullptr;
  } else {
    Elems = static_cast<const char *>(Data);
    Len = int64_t(T->Len);
  }
  const TypeDesc *Elem = T->Elem;
  if (Elem->Kind == TypeKind::Uint8 && isByteStringVerb(Verb))
    return formatByteSliceVerb(reinterpret_cast<const uint8_t *>(Elems), Len,
                               IsNil, Verb, T->Name);
  const char *Separator = " ";
  char Close = ']';
  if (Spec.GoSyntax) {
    Out += T->Name;
    if (IsNil) {
      Out += "(nil)";
      return;
    }
    Out += '{';
    Separator = ", ";
    Close = '}';
  } else {
    Out += '[';
  }
  for (int64_t I = 0; I < Len; ++I) {
    if (I > 0)
      Out += Separator;
    formatValue(Elem, Elems + I * int64_t(Elem->Size), Verb, /*Nested=*/true);
  }
  Out += Close;
}

void Formatter::formatStruct(const TypeDesc *T, const void *Data,
                             int32_t Verb) {
  if (Spec.GoSyntax)
    Out += T->Name;
  Out += '{';
  bool ShowNames = Spec.GoSyntax || Spec.FieldNames;
  for (uint32_t I = 0; I < T->NumFields; ++I) {
    const StructFieldDesc &Field = T->Fields[I];
    if (I > 0)
      Out += Spec.GoSyntax ? ", " : " ";
    if (ShowNames && Field.Name && Field.Name[0]) {
      Out += Field.Name;
      Out += ':';
    }
    bool SavedInUnexported = InUnexportedField;
    InUnexportedField |= !Field.Exported;
    formatValue(Field.Type, static_cast<const char *>(Data) + Field.Offset,
                Verb, /*Nested=*/true);
    InUnexportedField = SavedInUnexported;
  }
  Out += '}';
}

void Formatter::formatValue(const TypeDesc *T, const void *Data, int32_t Verb,
                            bool Nested) {
  // The operand itself was offered to its methods by formatOperand.
  if (Nested && formatWithMethod(T, Data, Verb))
    return;
  Operand = {T, Data};
  switch (classifyInteger(T->Kind)) {
  case IntClass::Signed:
    return formatIntegerVerb(loadIntegerBits(T, Data), true, Verb);
  case IntClass::Unsigned:
    return formatIntegerVerb(loadIntegerBits(T, Data), false, Verb);
  case IntClass::None:
    break;
  }
  switch (T->Kind) {
  case TypeKind::Nil:
    // A nil interface inside a composite prints as <nil>.
    if (!Nested)
      Out += "<invalid reflect.Value>";
    else if (Verb == 'v')
      Out += "<nil>";
    else
      reportBadVerb(Verb);
    return;
  case TypeKind::Bool:
    return formatBoolVerb(loadAs<bool>(Data), Verb);
  case TypeKind::Float32:
    return formatFloatVerb(double(loadAs<float>(Data)), 32, Verb);
  case TypeKind::Float64:
    return formatFloatVerb(loadAs<double>(Data), 64, Verb);
  case TypeKind::String: {
    auto S = loadAs<GoString>(Data);
    return formatStringVerb(S.Data, S.Len, Verb);
  }
  case TypeKind::Map:
    return formatMap(T, Data, Verb);
  case TypeKind::Struct:
    return formatStruct(T, Data, Verb);
  case TypeKind::Array:
  case TypeKind::Slice:
    return formatSequence(T, Data, Verb);
  case TypeKind::Pointer: {
    const void *Target = loadAs<const void *>(Data);
    if (!Nested && Target && isComposite(T->Elem->Kind)) {
      Out += '&';
      return formatValue(T->Elem, Target, Verb, /*Nested=*/true);
    }
    return formatAddressVerb(T, Data, Verb);
  }
  case TypeKind::Func:
  case TypeKind::Chan:
    return formatAddressVerb(T, Data, Verb);
  case TypeKind::Interface: {
    ValueRef Held = interfaceValueAt(T, Data);
    if (Held.Type)
      return formatValue(Held.Type, Held.Data, Verb, /*Nested=*/true);
    if (Spec.GoSyntax) {
      Out += T->Name;
      Out += "(nil)";
    } else {
      Out += "<nil>";
    }
    return;
  }
  default:
    Out += '?';
    return;
  }
}

} // namespace gm::rt
