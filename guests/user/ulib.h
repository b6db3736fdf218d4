/*
 * ulib.h - the tiny runtime of pyvirt's user image (guests/user/).
 *
 * The user image is one multi-call program: the kernel loads it into every
 * process, and crt0.S's _start dispatches on argv[0] (main.c) to one of the
 * programs listed in programs.h.  This header holds everything the programs
 * share: the system-call stubs (one per call of include/abi.h), string and
 * memory helpers, a line-buffered printf, the hart counters, and the helpers
 * that print BENCH lines (bench.c).  No libc: nothing here is from a library.
 */
#ifndef ULIB_H
#define ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "abi.h"

#define PAGE_SIZE 4096UL

/* ------------------------------------------------------------------------
 * System calls (abi.h): ecall with a7 = number, arguments in a0..a5, result
 * in a0; a negative result is -errno.  Every stub returns the raw result.
 * ------------------------------------------------------------------------ */
#ifndef ULIB_ARCH_OVERRIDE     /* (a host build for debugging supplies its own) */
static inline long syscall6(long n, long a0, long a1, long a2, long a3, long a4, long a5)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a3 __asm__("a3") = a3;
    register long r_a4 __asm__("a4") = a4;
    register long r_a5 __asm__("a5") = a5;
    register long r_a7 __asm__("a7") = n;
    __asm__ volatile("ecall"
                     : "+r"(r_a0)
                     : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
                     : "memory");
    return r_a0;
}

static inline long syscall0(long n)
{
    register long r_a0 __asm__("a0");
    register long r_a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "=r"(r_a0) : "r"(r_a7) : "memory");
    return r_a0;
}

static inline long syscall3(long n, long a0, long a1, long a2)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
    return r_a0;
}
#endif

/* True when a raw result is an error (-4095..-1). */
static inline int is_err(long r) { return r < 0 && r > -4096; }

static inline long write(int fd, const void *buf, unsigned long len)
{ return syscall3(SYS_write, fd, (long)buf, (long)len); }
void exit(int status) __attribute__((noreturn));         /* flushes stdout first (printf.c) */
static inline long getpid(void) { return syscall0(SYS_getpid); }
static inline long yield(void) { return syscall0(SYS_yield); }
static inline long sbrk(long increment) { return syscall3(SYS_sbrk, increment, 0, 0); }
static inline long mmap(unsigned long len, int prot) { return syscall3(SYS_mmap, (long)len, prot, 0); }
static inline long munmap(void *addr, unsigned long len)
{ return syscall3(SYS_munmap, (long)addr, (long)len, 0); }
void flush(void);
/* fork() flushes printf's buffer first, so the child does not inherit half a line. */
static inline long fork(void) { flush(); return syscall0(SYS_fork); }
static inline long wait(int *status) { return syscall3(SYS_wait, (long)status, 0, 0); }
static inline long exec(const char *name, char *const argv[])
{ return syscall3(SYS_exec, (long)name, (long)argv, 0); }
static inline long open(const char *path, int flags) { return syscall3(SYS_open, (long)path, flags, 0); }
static inline long read(int fd, void *buf, unsigned long len)
{ return syscall3(SYS_read, fd, (long)buf, (long)len); }
static inline long close(int fd) { return syscall3(SYS_close, fd, 0, 0); }
static inline long unlink(const char *path) { return syscall3(SYS_unlink, (long)path, 0, 0); }
static inline long pipe(int fds[2]) { return syscall3(SYS_pipe, (long)fds, 0, 0); }
static inline long gettime(struct abi_time *t) { return syscall3(SYS_time, (long)t, 0, 0); }
static inline long kbench(long op, long iterations, long arg)
{ return syscall3(SYS_kbench, op, iterations, arg); }
static inline long disk(long op, long driver, unsigned long lba, unsigned long count, void *buf)
{ return syscall6(SYS_disk, op, driver, (long)lba, (long)count, (long)buf, 0); }

/* ------------------------------------------------------------------------
 * Hart counters, read directly from U-mode (the kernel sets scounteren.CY,
 * TM and IR).  cycle and instret count every privilege level, so a span
 * measured in U-mode includes the kernel's work inside it.
 * ------------------------------------------------------------------------ */
#ifndef ULIB_ARCH_OVERRIDE
static inline uint64_t rdcycle(void)
{
    uint64_t v;
    __asm__ volatile("csrr %0, cycle" : "=r"(v));
    return v;
}

static inline uint64_t rdtime(void)             /* mtime: 10 MHz on QEMU virt and pyvirt */
{
    uint64_t v;
    __asm__ volatile("csrr %0, time" : "=r"(v));
    return v;
}

static inline uint64_t rdinstret(void)
{
    uint64_t v;
    __asm__ volatile("csrr %0, instret" : "=r"(v));
    return v;
}

/* A U-mode breakpoint exception (4 bytes: the image has no C extension). */
#define BREAKPOINT() __asm__ volatile("ebreak" ::: "memory")
#endif

/* A 64-bit LCG (Knuth's MMIX constants): deterministic data and addresses. */
static inline uint64_t lcg64(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state;
}

/* ------------------------------------------------------------------------
 * string.c
 * ------------------------------------------------------------------------ */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
/* The part of path after its last '/'. */
const char *basename(const char *path);
/* Parse a whole decimal (or 0x-prefixed hex) number; 0 on success, -1 if s
 * is empty, has any other character or overflows 64 bits. */
int parse_ulong(const char *s, unsigned long *out);

/* ------------------------------------------------------------------------
 * printf.c: %d %i %u %x %X %s %c %p %%, with flags '-' '0', a width, and
 * the length modifiers l, ll, z.  printf() buffers a line and writes it with
 * one write(1, ...) at '\n' (or when the buffer fills); exit() flushes.
 * ------------------------------------------------------------------------ */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void flush(void);

/* ------------------------------------------------------------------------
 * bench.c: the BENCH line and argument helpers shared by the workloads.
 * ------------------------------------------------------------------------ */
/* Print `BENCH name=NAME iters=N cycles=C per_iter=X[.XX]` followed by the
 * optional extra fields (extra_fmt, printf style, each field " key=value";
 * NULL for none) and a newline.  per_iter = cycles / iters with two
 * decimals (0.00 when iters is 0). */
void bench_print(const char *name, uint64_t iters, uint64_t cycles, const char *extra_fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Format a / b with two decimals ("123.45") into buf (at least 32 bytes). */
char *fixed2(char *buf, uint64_t a, uint64_t b);
/* argv[idx] as a positive number, or dflt when argc <= idx.  A malformed or
 * zero argument prints "<prog>: bad argument '<arg>'" and exits with 2. */
unsigned long arg_count(int argc, char **argv, int idx, unsigned long dflt);
/* The same, but zero is allowed. */
unsigned long arg_ulong(int argc, char **argv, int idx, unsigned long dflt);
/* Print "<prog>: <msg> (err=<r>)" and exit with status 1. */
void die(const char *prog, const char *msg, long r) __attribute__((noreturn));
/* Map len bytes of anonymous read/write memory and touch every page of it
 * (so the faults happen now, not inside a timed loop); dies on failure. */
void *map_touched(const char *prog, unsigned long len);

#endif /* ULIB_H */
