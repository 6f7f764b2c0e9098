namespace t {
bool both(bool, bool);
void set(int *, bool);
using Pred = bool (*)(void *, long);
} // namespace t
