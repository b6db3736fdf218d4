/*
 * nano_sys.c - nanobenchmarks of one privileged round trip each, in the
 * spirit of Adams & Agesen 2006 (ANCHORS.md [AA06]) and lmbench:
 *
 *   syscall    getpid() in a loop: the null system call
 *   mmio_in    SYS_kbench KB_MMIO_IN: the kernel reads the UART line-status
 *              register N times (AA06 `in`)
 *   csr_write  SYS_kbench KB_CSR_WRITE: the kernel writes sie N times
 *              (AA06 cr8wr)
 *   ptemod     SYS_kbench KB_PTEMOD: the kernel rewrites the PTE of one of
 *              our pages and fences it, N times (AA06 ptemod)
 *   callret    a call to a function the compiler may not inline or clone
 *   exc        ebreak in U-mode: a user exception round trip (AA06 divzero)
 *
 * The kbench workloads report the kernel's own loop cycles (the SYS_kbench
 * return value) as `cycles`, and the whole system call seen from user space
 * as `total_cycles`.
 */
#include "ulib.h"
#include "programs.h"

int syscall_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 10000);
    long pid = getpid();
    if (is_err(pid))
        die("syscall", "getpid failed", pid);
    long diff = 0;

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++)
        diff |= getpid() ^ pid;
    uint64_t t1 = rdcycle();

    if (diff)
        die("syscall", "getpid changed", diff);
    bench_print("syscall", n, t1 - t0, 0);
    return 0;
}

/* Run SYS_kbench op n times with arg and print its BENCH line. */
static int kbench_run(const char *name, long op, unsigned long n, long arg)
{
    uint64_t t0 = rdcycle();
    long k = kbench(op, (long)n, arg);
    uint64_t t1 = rdcycle();
    if (k < 0)
        die(name, "kbench failed", k);
    bench_print(name, n, (uint64_t)k, " total_cycles=%lu", (unsigned long)(t1 - t0));
    return 0;
}

int mmio_in_main(int argc, char **argv)
{
    return kbench_run("mmio_in", KB_MMIO_IN, arg_count(argc, argv, 1, 10000), 0);
}

int csr_write_main(int argc, char **argv)
{
    return kbench_run("csr_write", KB_CSR_WRITE, arg_count(argc, argv, 1, 10000), 0);
}

/* KB_PTEMOD's arg: the user address of a mapped page whose PTE the kernel
 * rewrites (with the same value) and fences. */
int ptemod_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 10000);
    volatile uint64_t *page = map_touched("ptemod", PAGE_SIZE);
    page[0] = 0x5054454d4f44ULL;
    kbench_run("ptemod", KB_PTEMOD, n, (long)page);
    if (page[0] != 0x5054454d4f44ULL)
        die("ptemod", "page content changed", 0);
    return 0;
}

/* noipa: not inlined, not cloned, no interprocedural assumptions, so each
 * iteration is a real jal + ret. */
__attribute__((noipa)) static long callee(long x)
{
    return x + 1;
}

int callret_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 100000);
    long x = 0;

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++)
        x = callee(x);
    uint64_t t1 = rdcycle();

    if ((unsigned long)x != n)
        die("callret", "wrong result", x);
    bench_print("callret", n, t1 - t0, 0);
    return 0;
}

/*
 * exc: abi.h has no way to register a user trap handler, so this relies on
 * the kernel's rule for a U-mode breakpoint: count it and resume at the next
 * instruction (sepc + 4).  Each iteration is one exception round trip
 * through the kernel's trap path.  (-march has no C extension, so ebreak
 * is 4 bytes.)
 */
int exc_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 10000);

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++)
        BREAKPOINT();
    uint64_t t1 = rdcycle();

    bench_print("exc", n, t1 - t0, " kind=ebreak");
    return 0;
}
