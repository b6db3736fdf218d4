/*
 * nano_mem.c - memory-management nanobenchmarks:
 *
 *   pgfault  mmap N fresh pages, then touch each once (one store): each
 *            touch is a demand-paging fault; per_iter = cycles per fault
 *            (lmbench lat_pagefault, AA06 pgfault)
 *   mmap     N times: mmap a region of P pages, store to the first T of
 *            them, munmap it (lmbench lat_mmap)
 */
#include "ulib.h"
#include "programs.h"

int pgfault_main(int argc, char **argv)
{
    unsigned long pages = arg_count(argc, argv, 1, 1000);
    long r = mmap(pages * PAGE_SIZE, PROT_READ | PROT_WRITE);
    if (is_err(r) || r == 0)
        die("pgfault", "mmap failed", r);
    volatile uint64_t *base = (volatile uint64_t *)r;
    const unsigned long stride = PAGE_SIZE / sizeof(uint64_t);

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < pages; i++)
        base[i * stride] = i + 1;
    uint64_t t1 = rdcycle();

    /* each page is private and was zero-filled */
    for (unsigned long i = 0; i < pages; i++)
        if (base[i * stride] != i + 1 || base[i * stride + stride - 1] != 0)
            die("pgfault", "page content wrong", (long)i);
    long u = munmap((void *)base, pages * PAGE_SIZE);
    if (u != 0)
        die("pgfault", "munmap failed", u);
    bench_print("pgfault", pages, t1 - t0, 0);
    return 0;
}

int mmap_main(int argc, char **argv)
{
    unsigned long n = arg_count(argc, argv, 1, 1000);
    unsigned long pages = arg_count(argc, argv, 2, 16);
    unsigned long touched = arg_ulong(argc, argv, 3, 1);
    if (touched > pages)
        touched = pages;
    unsigned long len = pages * PAGE_SIZE;
    long bad = 0;

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < n; i++) {
        long r = mmap(len, PROT_READ | PROT_WRITE);
        if (is_err(r) || r == 0) {
            bad = r ? r : -1;
            break;
        }
        volatile uint64_t *p = (volatile uint64_t *)r;
        for (unsigned long k = 0; k < touched; k++)
            p[k * (PAGE_SIZE / sizeof(uint64_t))] = i;
        long u = munmap((void *)r, len);
        if (u != 0) {
            bad = u;
            break;
        }
    }
    uint64_t t1 = rdcycle();

    if (bad)
        die("mmap", "mmap/munmap failed", bad);
    bench_print("mmap", n, t1 - t0, " pages=%lu touched=%lu", pages, touched);
    return 0;
}
