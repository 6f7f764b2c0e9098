// Two-word structs: passed and returned in two registers.
namespace t {
struct Str {
  const char *Data;
  long Len;
};
struct PtrBool {
  void *P;
  bool Ok;
};
Str concat(Str, Str);
PtrBool lookup(const void *Key);
} // namespace t
