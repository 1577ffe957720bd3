/* What gcc may call on its own in freestanding code (struct copies, large
 * zero fills): memcpy, memmove, memset, memcmp. Part of the compiler's
 * runtime, linked into every kernel or user object. */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
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
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)v;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}
