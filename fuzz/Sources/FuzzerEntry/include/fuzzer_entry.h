#ifndef FUZZER_ENTRY_H
#define FUZZER_ENTRY_H
// The fuzzer's entry point is in entry.c; nothing to import from Swift.
#endif
