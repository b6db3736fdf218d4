/* printf.c - kernel formatted output on the console, and panic. */
#include <stdarg.h>
#include "kernel.h"
#include "pvops.h"

#define PRINTBUF 128

/* A small output buffer so the console sees whole chunks rather than single characters. */
struct outbuf {
    char buf[PRINTBUF];
    size_t n;
};

/* out_flush: hand the buffered characters to the console. */
static void out_flush(struct outbuf *o)
{
    if (o->n)
        pv_ops.console_write(o->buf, o->n);
    o->n = 0;
}

/* out_char: append one character. */
static void out_char(struct outbuf *o, char c)
{
    if (o->n == PRINTBUF)
        out_flush(o);
    o->buf[o->n++] = c;
}

/* out_num: append x in base 10 or 16, signed if sgn, padded to width with pad. */
static void out_num(struct outbuf *o, uint64_t x, int base, int sgn, int width, char pad)
{
    char digits[24];
    int n = 0, neg = sgn && (int64_t)x < 0;
    if (neg)
        x = -x;
    do {
        digits[n++] = "0123456789abcdef"[x % base];
        x /= base;
    } while (x);
    if (neg)
        digits[n++] = '-';
    while (width-- > n)
        out_char(o, pad);
    while (n)
        out_char(o, digits[--n]);
}

/* vkprintf: %d %u %x %p %s %c, with an optional 'l' and a zero-padded width (%08x). */
void vkprintf(const char *fmt, va_list ap)
{
    struct outbuf o = { .n = 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out_char(&o, *fmt);
            continue;
        }
        char pad = ' ';
        int width = 0, lng = 0;
        if (*++fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        if (*fmt == 'l')
            lng = 1, fmt++;
        switch (*fmt) {
        case 'd':
            out_num(&o, lng ? va_arg(ap, long) : va_arg(ap, int), 10, 1, width, pad);
            break;
        case 'u':
            out_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, 0, width, pad);
            break;
        case 'x':
            out_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, 0, width, pad);
            break;
        case 'p':
            out_char(&o, '0');
            out_char(&o, 'x');
            out_num(&o, (uint64_t)va_arg(ap, void *), 16, 0, width, pad);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s; s++)
                out_char(&o, *s);
            break;
        }
        case 'c':
            out_char(&o, (char)va_arg(ap, int));
            break;
        default:
            out_char(&o, '%');
            out_char(&o, *fmt);
            if (!*fmt)
                fmt--;
        }
    }
    out_flush(&o);
}

/* kprintf: formatted output to the console. */
void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vkprintf(fmt, ap);
    va_end(ap);
}

/* panic: report a fatal kernel error and power off with a failure status. */
void panic(const char *fmt, ...)
{
    va_list ap;
    kprintf("kernel panic: ");
    va_start(ap, fmt);
    vkprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    pv_ops.shutdown(1);
}
