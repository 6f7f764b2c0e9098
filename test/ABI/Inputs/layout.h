// Padding, packing, and a field that a test adds with -DGROWN.
namespace t {
struct Padded {
  char Tag;
  long Value;
  short Small;
};
struct __attribute__((packed)) Packed {
  char Tag;
  int Value;
};
struct Header {
  long Count;
#ifdef GROWN
  int Extra;
#endif
  unsigned char Flags;
  void *Buckets;
};
Packed take(Packed);
} // namespace t
