/*
 * bench.c - what every workload shares: the BENCH line, argument parsing,
 * fatal errors and pre-faulted buffers.
 */
#include "ulib.h"

char *fixed2(char *buf, uint64_t a, uint64_t b)
{
    if (b == 0) {
        strcpy(buf, "0.00");
        return buf;
    }
    /* round to nearest hundredth without overflowing for a < 2^57 */
    uint64_t whole = a / b, rest = a % b;
    uint64_t hundredths = (rest * 100 + b / 2) / b;
    if (hundredths >= 100) {
        whole++;
        hundredths -= 100;
    }
    snprintf(buf, 32, "%lu.%02lu", (unsigned long)whole, (unsigned long)hundredths);
    return buf;
}

void bench_print(const char *name, uint64_t iters, uint64_t cycles, const char *extra_fmt, ...)
{
    char per[32];
    printf("BENCH name=%s iters=%lu cycles=%lu per_iter=%s", name, (unsigned long)iters,
           (unsigned long)cycles, fixed2(per, cycles, iters));
    if (extra_fmt) {
        va_list ap;
        va_start(ap, extra_fmt);
        vprintf(extra_fmt, ap);
        va_end(ap);
    }
    printf("\n");
}

static unsigned long arg_parse(int argc, char **argv, int idx, unsigned long dflt, int zero_ok)
{
    unsigned long v;
    if (argc <= idx)
        return dflt;
    if (parse_ulong(argv[idx], &v) != 0 || (v == 0 && !zero_ok)) {
        printf("%s: bad argument '%s'\n", basename(argv[0]), argv[idx]);
        exit(2);
    }
    return v;
}

unsigned long arg_count(int argc, char **argv, int idx, unsigned long dflt)
{
    return arg_parse(argc, argv, idx, dflt, 0);
}

unsigned long arg_ulong(int argc, char **argv, int idx, unsigned long dflt)
{
    return arg_parse(argc, argv, idx, dflt, 1);
}

void die(const char *prog, const char *msg, long r)
{
    printf("%s: %s (err=%ld)\n", prog, msg, r);
    exit(1);
}

void *map_touched(const char *prog, unsigned long len)
{
    long r = mmap(len, PROT_READ | PROT_WRITE);
    if (is_err(r) || r == 0)
        die(prog, "mmap failed", r);
    volatile char *p = (volatile char *)r;
    for (unsigned long off = 0; off < len; off += PAGE_SIZE)
        p[off] = 0;
    return (void *)r;
}
