//===- Fmt.cpp - Printf's format parser, Print, Println; fmt entry points -===//
//
// doPrintf is a port of Go 1.19's: flags "#0+- ", width and precision (also
// from '*' operands), explicit argument indexes "%[2]d", and Go's in-band
// error reports: %!d(string=hi) for a verb that does not fit its operand,
// %!v(MISSING), %!(EXTRA int=1, string=x), %!(NOVERB), %!(BADWIDTH),
// %!(BADPREC), %!v(BADINDEX). Print inserts a space between operands when
// neither is a string; Println always, and ends with a newline.
//
// fmt.Print* write to the stdout buffer (see Output.cpp); Sprint* return a
// new string.
//
//===----------------------------------------------------------------------===//

#include "Core/Fmt.h"
#include "Core/Runtime.h"
#include "Core/UTF8.h"

namespace gm::rt {
namespace {

/// fmt's tooLarge: widths and precisions are capped to keep buffers sane.
bool tooLarge(int64_t X) {
  constexpr int64_t Max = 1000000;
  return X > Max || X < -Max;
}

/// fmt's parsenum: a decimal number at Format[Start..End).
bool parseNum(const uint8_t *Format, int64_t Start, int64_t End, int &Num,
              int64_t &NewI) {
  Num = 0;
  bool IsNum = false;
  if (Start >= End) {
    NewI = End;
    return false;
  }
  NewI = Start;
  for (; NewI < End && Format[NewI] >= '0' && Format[NewI] <= '9'; ++NewI) {
    if (tooLarge(Num)) {
      // Overflow: a crazy long number; Go skips the rest of the format.
      Num = 0;
      NewI = End;
      return false;
    }
    Num = Num * 10 + int(Format[NewI] - '0');
    IsNum = true;
  }
  return IsNum;
}

/// fmt's intFromArg: a '*' width or precision operand, which must be an
/// integer that fits in int.
bool intFromArg(const AnyValue *Args, int64_t NumArgs, int64_t &ArgNum,
                int &Num) {
  Num = 0;
  bool IsInt = false;
  if (ArgNum < NumArgs) {
    const TypeDesc *T = Args[ArgNum].Type;
    if (T) {
      switch (T->Kind) {
      case TypeKind::Int:
      case TypeKind::Int8:
      case TypeKind::Int16:
      case TypeKind::Int32:
      case TypeKind::Int64: {
        auto N = int64_t(loadIntegerBits(T, Args[ArgNum].Data));
        if (!tooLarge(N)) {
          Num = int(N);
          IsInt = true;
        }
        break;
      }
      case TypeKind::Uint:
      case TypeKind::Uint8:
      case TypeKind::Uint16:
      case TypeKind::Uint32:
      case TypeKind::Uint64:
      case TypeKind::Uintptr: {
        uint64_t N = loadIntegerBits(T, Args[ArgNum].Data);
        if (N <= 1000000) {
          Num = int(N);
          IsInt = true;
        }
        break;
      }
      default:
        break;
      }
    }
    ++ArgNum;
  }
  return IsInt;
}

/// fmt's parseArgNumber: "[n]" at the start of Format; Wid is its length.
bool parseArgNumber(const uint8_t *Format, int64_t Len, int &Index,
                    int64_t &Wid) {
  if (Len < 3) {
    Index = 0;
    Wid = 1;
    return false;
  }
  for (int64_t I = 1; I < Len; ++I) {
    if (Format[I] == ']') {
      int Width;
      int64_t NewI;
      bool Ok = parseNum(Format, 1, I, Width, NewI);
      if (!Ok || NewI != I) {
        Index = 0;
        Wid = I + 1;
        return false;
      }
      Index = Width - 1; // Argument numbers are one-indexed.
      Wid = I + 1;
      return true;
    }
  }
  Index = 0;
  Wid = 1;
  return false;
}

bool isStringKind(const AnyValue &A) {
  return A.Type && A.Type->Kind == TypeKind::String;
}

} // namespace

void Printer::writeRune(int32_t R) {
  char Enc[UTFMax];
  Buf.append(Enc, size_t(encodeRune(Enc, R)));
}

// fmt's argNumber: returns whether the previous item was an index "[n]".
bool Printer::argNumber(int64_t &ArgNum, const uint8_t *Format, int64_t Len,
                        int64_t &I, int64_t NumArgs) {
  if (Len <= I || Format[I] != '[')
    return false;
  Reordered = true;
  int Index;
  int64_t Wid;
  bool Ok = parseArgNumber(Format + I, Len - I, Index, Wid);
  if (Ok && Index >= 0 && Index < NumArgs) {
    ArgNum = Index;
    I += Wid;
    return true;
  }
  GoodArgNum = false;
  I += Wid;
  return Ok;
}

void Printer::doPrintf(const uint8_t *Format, int64_t End, const AnyValue *Args,
                       int64_t NumArgs) {
  int64_t ArgNum = 0;
  bool AfterIndex = false; // The previous item was an index like [3].
  Reordered = false;
  for (int64_t I = 0; I < End;) {
    GoodArgNum = true;
    int64_t LastI = I;
    while (I < End && Format[I] != '%')
      ++I;
    if (I > LastI)
      Buf.append(reinterpret_cast<const char *>(Format + LastI),
                 size_t(I - LastI));
    if (I >= End)
      break;
    ++I; // Skip '%'.

    clearFlags();
    // Flags, and the fast path of a simple verb right after them.
    bool Printed = false;
    for (; I < End; ++I) {
      uint8_t C = Format[I];
      bool IsFlag = true;
      switch (C) {
      case '#':
        F.Sharp = true;
        break;
      case '0':
        F.Zero = !F.Minus; // Only allow zero padding to the left.
        break;
      case '+':
        F.Plus = true;
        break;
      case '-':
        F.Minus = true;
        F.Zero = false; // Do not pad with zeros to the right.
        break;
      case ' ':
        F.Space = true;
        break;
      default:
        IsFlag = false;
        break;
      }
      if (IsFlag)
        continue;
      if (C >= 'a' && C <= 'z' && ArgNum < NumArgs) {
        if (C == 'v') {
          F.SharpV = F.Sharp;
          F.Sharp = false;
          F.PlusV = F.Plus;
          F.Plus = false;
        }
        printArg(Args[ArgNum], C);
        ++ArgNum;
        ++I;
        Printed = true;
      }
      break;
    }
    if (Printed)
      continue;

    // Argument index, then width.
    AfterIndex = argNumber(ArgNum, Format, End, I, NumArgs);
    if (I < End && Format[I] == '*') {
      ++I;
      F.WidPresent = intFromArg(Args, NumArgs, ArgNum, Wid);
      if (!F.WidPresent)
        Buf += "%!(BADWIDTH)";
      if (Wid < 0) {
        Wid = -Wid;
        F.Minus = true;
        F.Zero = false;
      }
      AfterIndex = false;
    } else {
      F.WidPresent = parseNum(Format, I, End, Wid, I);
      if (AfterIndex && F.WidPresent) // "%[3]2d"
        GoodArgNum = false;
    }

    // Precision.
    if (I + 1 < End && Format[I] == '.') {
      ++I;
      if (AfterIndex) // "%[3].2d"
        GoodArgNum = false;
      AfterIndex = argNumber(ArgNum, Format, End, I, NumArgs);
      if (I < End && Format[I] == '*') {
        ++I;
        F.PrecPresent = intFromArg(Args, NumArgs, ArgNum, Prec);
        if (Prec < 0) {
          Prec = 0;
          F.PrecPresent = false;
        }
        if (!F.PrecPresent)
          Buf += "%!(BADPREC)";
        AfterIndex = false;
      } else {
        F.PrecPresent = parseNum(Format, I, End, Prec, I);
        if (!F.PrecPresent) {
          Prec = 0;
          F.PrecPresent = true;
        }
      }
    }

    if (!AfterIndex)
      AfterIndex = argNumber(ArgNum, Format, End, I, NumArgs);

    if (I >= End) {
      Buf += "%!(NOVERB)";
      break;
    }

    int32_t Verb = Format[I];
    int Size = 1;
    if (Verb >= RuneSelf) {
      RuneAndWidth RW = decodeRune(Format + I, End - I);
      Verb = RW.Rune;
      Size = RW.Width;
    }
    I += Size;

    if (Verb == '%') {
      Buf += '%'; // Absorbs no operand and ignores width and precision.
    } else if (!GoodArgNum) {
      Buf += "%!";
      writeRune(Verb);
      Buf += "(BADINDEX)";
    } else if (ArgNum >= NumArgs) {
      Buf += "%!";
      writeRune(Verb);
      Buf += "(MISSING)";
    } else {
      if (Verb == 'v') {
        F.SharpV = F.Sharp;
        F.Sharp = false;
        F.PlusV = F.Plus;
        F.Plus = false;
      }
      printArg(Args[ArgNum], Verb);
      ++ArgNum;
    }
  }

  // Leftover operands, unless the format used explicit indexes.
  if (!Reordered && ArgNum < NumArgs) {
    clearFlags();
    Buf += "%!(EXTRA ";
    for (int64_t I = ArgNum; I < NumArgs; ++I) {
      if (I > ArgNum)
        Buf += ", ";
      const TypeDesc *T = Args[I].Type;
      if (!T || T->Kind == TypeKind::Nil) {
        Buf += "<nil>";
        continue;
      }
      Buf += T->Name;
      Buf += '=';
      printArg(Args[I], 'v');
    }
    Buf += ')';
  }
}

void Printer::doPrint(const AnyValue *Args, int64_t NumArgs) {
  bool PrevString = false;
  for (int64_t I = 0; I < NumArgs; ++I) {
    bool IsString = isStringKind(Args[I]);
    // Add a space between two non-string operands.
    if (I > 0 && !IsString && !PrevString)
      Buf += ' ';
    printArg(Args[I], 'v');
    PrevString = IsString;
  }
}

void Printer::doPrintln(const AnyValue *Args, int64_t NumArgs) {
  for (int64_t I = 0; I < NumArgs; ++I) {
    if (I > 0)
      Buf += ' ';
    printArg(Args[I], 'v');
  }
  Buf += '\n';
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

int64_t fmt_Println(const AnyValue *Args, int64_t NumArgs) {
  Printer P;
  P.doPrintln(Args, NumArgs);
  writeStdout(P.Buf.data(), P.Buf.size());
  return int64_t(P.Buf.size());
}

int64_t fmt_Print(const AnyValue *Args, int64_t NumArgs) {
  Printer P;
  P.doPrint(Args, NumArgs);
  writeStdout(P.Buf.data(), P.Buf.size());
  return int64_t(P.Buf.size());
}

int64_t fmt_Printf(GoString Format, const AnyValue *Args, int64_t NumArgs) {
  Printer P;
  P.doPrintf(Format.Data, Format.Len, Args, NumArgs);
  writeStdout(P.Buf.data(), P.Buf.size());
  return int64_t(P.Buf.size());
}

GoString fmt_Sprintf(GoString Format, const AnyValue *Args, int64_t NumArgs) {
  Printer P;
  P.doPrintf(Format.Data, Format.Len, Args, NumArgs);
  return newString(P.Buf);
}

GoString fmt_Sprint(const AnyValue *Args, int64_t NumArgs) {
  Printer P;
  P.doPrint(Args, NumArgs);
  return newString(P.Buf);
}

} // namespace gm::rt
