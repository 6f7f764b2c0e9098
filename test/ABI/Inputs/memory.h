// Three words: too big for registers on x86-64, so returned through a hidden
// pointer and passed by value in memory.
namespace t {
struct Triple {
  long A, B, C;
};
Triple make(long);
long sum(Triple);
} // namespace t
