/* The host target's runtime: printing for `print`/`write`, and `main`
 * calling the program's `main(): i32`. stdout is unbuffered so that what a
 * program printed before a trap (division by zero, a bad pointer) is kept. */
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
int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    return (int)TSUKI_MAIN();
}
