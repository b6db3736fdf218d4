/* string.c - the memory and string routines the kernel (and GCC's generated code) needs. */
#include "kernel.h"

/* memset: fill n bytes at dst with c; 64 bytes an iteration when dst is 8-byte aligned
 * (pages are zeroed on every page fault and page-table allocation). */
void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    if (((uintptr_t)d & 7) == 0) {
        uint64_t v = (uint8_t)c * 0x0101010101010101UL, *q = dst;
        for (; n >= 64; n -= 64, q += 8) {
            q[0] = v; q[1] = v; q[2] = v; q[3] = v;
            q[4] = v; q[5] = v; q[6] = v; q[7] = v;
        }
        for (; n >= 8; n -= 8)
            *q++ = v;
        d = (uint8_t *)q;
    }
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

/* memcpy: copy n bytes from src to dst (no overlap); 64 bytes an iteration when both are
 * 8-byte aligned (fork copies whole pages). */
void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
        uint64_t *q = dst;
        const uint64_t *p = src;
        for (; n >= 64; n -= 64, q += 8, p += 8) {
            uint64_t a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3];
            uint64_t a4 = p[4], a5 = p[5], a6 = p[6], a7 = p[7];
            q[0] = a0; q[1] = a1; q[2] = a2; q[3] = a3;
            q[4] = a4; q[5] = a5; q[6] = a6; q[7] = a7;
        }
        for (; n >= 8; n -= 8)
            *q++ = *p++;
        d = (uint8_t *)q;
        s = (const uint8_t *)p;
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

/* memmove: copy n bytes from src to dst; the ranges may overlap. */
void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

/* strlen: length of the NUL-terminated string s. */
size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

/* strcmp: compare two NUL-terminated strings. */
int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (uint8_t)*a - (uint8_t)*b;
}

/* strncmp: compare at most n characters. */
int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (uint8_t)*a - (uint8_t)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

/* strlcpy: copy src into dst of size n (n > 0), always NUL-terminated; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    size_t k = len < n - 1 ? len : n - 1;
    memcpy(dst, src, k);
    dst[k] = 0;
    return len;
}
