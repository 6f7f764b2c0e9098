//===- AsanOptions.cpp - AddressSanitizer defaults for runtime tests ------===//
//
// Linked into every runtime unit-test binary (gm_add_runtime_unittest). Under
// ASan a local whose address is taken may live on ASan's "fake stack", heap
// memory the collector does not scan, so that objects only it references
// would be freed: the tests run without fake stacks, as gm programs do.
//
//===----------------------------------------------------------------------===//

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
extern "C" const char *__asan_default_options() {
  return "detect_stack_use_after_return=0";
}
#endif
#endif
