// SwiftPM links an executable target with `main` defined as `<target>_main`, so libFuzzer's
// own `main` is never pulled in. This is that function: it hands over to libFuzzer's driver
// (LLVMFuzzerRunDriver, in libFuzzer since LLVM 12) with the Swift callback.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int scenario_fuzzer_main(int argc, char **argv) {
  return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
