/* The host target's runtime: printing for `print`/`write`, and `main`
 * calling the program's `main(): i32`. Output is buffered by stdio and
 * flushed at exit, so a crash loses it: tests see only what a clean run prints. */
#define TSUKI_HOST 1
#include "tsuki.h"
#include <stdio.h>
#include <inttypes.h>

void tsk_print_i32(int32_t v) { printf("%" PRId32 "\n", v); }
void tsk_print_u32(uint32_t v) { printf("%" PRIu32 "\n", v); }
void tsk_print_i64(int64_t v) { printf("%" PRId64 "\n", v); }
void tsk_print_u64(uint64_t v) { printf("%" PRIu64 "\n", v); }
void tsk_print_bool(bool v) { fputs(v ? "true\n" : "false\n", stdout); }
void tsk_print_str(const char *s) { printf("%s\n", s); }
void tsk_write(const char *s) { fputs(s, stdout); }

int32_t TSUKI_MAIN(void);
int main(void) { int32_t status = TSUKI_MAIN(); fflush(stdout); return (int)status; }
