/*
 * printf.c - formatted output of the user image.
 *
 * One formatter (vsnprintf-style, emitting through a callback) serves both
 * snprintf and printf.  printf appends to a per-process line buffer that is
 * written to fd 1 with a single write() at every '\n' or when it fills, so a
 * line is one system call and lines of different processes do not mix.
 * exit() flushes the buffer; fork() (ulib.h) flushes it before the child
 * could inherit a copy.
 */
#include "ulib.h"

struct sink {
    void (*put)(struct sink *, char);
    char *buf;          /* snprintf: destination */
    size_t size, len;   /* capacity, characters produced so far */
};

/* Emit v in base 10 or 16 with the given width, padding and sign. */
static void put_num(struct sink *k, uint64_t v, int base, int upper, int neg,
                    int width, int zero, int left)
{
    char tmp[24];
    int n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        tmp[n++] = digits[v % (uint64_t)base];
        v /= (uint64_t)base;
    } while (v);
    int len = n + neg;
    if (neg && zero)
        k->put(k, '-');
    if (!left)
        for (; width > len; width--)
            k->put(k, zero ? '0' : ' ');
    if (neg && !zero)
        k->put(k, '-');
    while (n)
        k->put(k, tmp[--n]);
    if (left)
        for (; width > len; width--)
            k->put(k, ' ');
}

static void format(struct sink *k, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            k->put(k, *fmt);
            continue;
        }
        fmt++;
        int zero = 0, left = 0, width = 0, lng = 0;
        for (;; fmt++) {
            if (*fmt == '0')
                zero = 1;
            else if (*fmt == '-')
                left = 1;
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l' || *fmt == 'z') {
            lng = 1;
            fmt++;
        }
        if (left)
            zero = 0;
        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t v = lng ? va_arg(ap, long) : va_arg(ap, int);
            uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
            put_num(k, u, 10, 0, v < 0, width, zero, left);
            break;
        }
        case 'u':
            put_num(k, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, 0, 0,
                    width, zero, left);
            break;
        case 'x':
        case 'X':
            put_num(k, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16,
                    *fmt == 'X', 0, width, zero, left);
            break;
        case 'p':
            k->put(k, '0');
            k->put(k, 'x');
            put_num(k, (uintptr_t)va_arg(ap, void *), 16, 0, 0, width, zero, left);
            break;
        case 'c':
            k->put(k, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            int len = (int)strlen(s);
            if (!left)
                for (; width > len; width--)
                    k->put(k, ' ');
            while (*s)
                k->put(k, *s++);
            if (left)
                for (; width > len; width--)
                    k->put(k, ' ');
            break;
        }
        case '%':
            k->put(k, '%');
            break;
        case '\0':
            return;
        default:            /* unknown conversion: print it as is */
            k->put(k, '%');
            k->put(k, *fmt);
            break;
        }
    }
}

/* ---- snprintf ---------------------------------------------------------- */

static void put_buf(struct sink *k, char c)
{
    if (k->len + 1 < k->size)
        k->buf[k->len] = c;
    k->len++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink k = { put_buf, buf, size, 0 };
    format(&k, fmt, ap);
    if (size)
        buf[k.len < size ? k.len : size - 1] = '\0';
    return (int)k.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- printf: line-buffered on fd 1 ------------------------------------- */

#define OUT_SIZE 256
static char out_buf[OUT_SIZE];
static size_t out_len;

void flush(void)
{
    size_t off = 0;
    while (off < out_len) {
        long r = write(1, out_buf + off, out_len - off);
        if (r <= 0)
            break;              /* nowhere to report it: drop the rest */
        off += (size_t)r;
    }
    out_len = 0;
}

static void put_out(struct sink *k, char c)
{
    out_buf[out_len++] = c;
    k->len++;
    if (c == '\n' || out_len == OUT_SIZE)
        flush();
}

int vprintf(const char *fmt, va_list ap)
{
    struct sink k = { put_out, 0, 0, 0 };
    format(&k, fmt, ap);
    return (int)k.len;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void exit(int status)
{
    flush();
    syscall3(SYS_exit, status, 0, 0);
    for (;;)                    /* SYS_exit does not return */
        ;
}
