#ifndef GOVPACK_CFUZZERDRIVER_H
#define GOVPACK_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>
/* libFuzzer's entry for programs that have their own main (compiler-rt, LLVM 11+). */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
#endif
