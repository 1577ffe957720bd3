/* What gcc may call on its own in freestanding code (struct copies, large
 * zero fills): memcpy, memmove, memset, memcmp. Part of the compiler's
 * runtime, linked into every kernel or user object. */
#include <stddef.h>

/* memcpy and memset are the string instructions: four bytes a step, then the
 * remainder (i386: the direction flag is clear in C code, System V ABI). */
void *memcpy(void *dst, const void *src, size_t n) {
    void *d = dst;
    const void *s = src;
    size_t words = n >> 2, rest = n & 3;
    __asm__ volatile("rep movsl\n\tmovl %3, %%ecx\n\trep movsb"
                     : "+D"(d), "+S"(s), "+c"(words) : "r"(rest) : "memory");
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) while (n--) *d++ = *s++;
    else while (n--) d[n] = s[n];
    return dst;
}

void *memset(void *dst, int v, size_t n) {
    void *d = dst;
    unsigned int pattern = (unsigned char)v * 0x01010101u;
    size_t words = n >> 2, rest = n & 3;
    __asm__ volatile("rep stosl\n\tmovl %3, %%ecx\n\trep stosb"
                     : "+D"(d), "+c"(words), "+a"(pattern) : "r"(rest) : "memory");
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}
