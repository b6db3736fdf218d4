/*
 * tlbstress - a working set much larger than the TLB, touched at random.
 *
 *   tlbstress [accesses] [pages]          (default: 100000 1024)
 *
 * Maps PAGES pages (default 4 MiB; pyvirt's TLB has 64 entries by default)
 * and faults every one in before timing.  The timed loop makes ACCESSES
 * read-modify-writes of one 64-bit word, each at an LCG-chosen page and
 * word, so nearly every access misses the TLB and walks the page table
 * (under shadow or nested paging: the virtualized walk).  per_iter =
 * cycles per access.  `sum` hashes the final values of the accessed words
 * (a function of the arguments only).
 */
#include "ulib.h"
#include "programs.h"

int tlbstress_main(int argc, char **argv)
{
    unsigned long accesses = arg_count(argc, argv, 1, 100000);
    unsigned long pages = arg_count(argc, argv, 2, 1024);
    uint64_t *ws = map_touched("tlbstress", pages * PAGE_SIZE);
    const unsigned long words = PAGE_SIZE / sizeof(uint64_t);
    uint64_t seed = 99;

    uint64_t t0 = rdcycle();
    for (unsigned long i = 0; i < accesses; i++) {
        uint64_t r = lcg64(&seed);
        unsigned long page = (unsigned long)((r >> 32) % pages);
        unsigned long word = (unsigned long)((r >> 20) & (words - 1));
        ws[page * words + word] += r | 1;
    }
    uint64_t t1 = rdcycle();

    /* replay the addresses: a hash of the final values they hold */
    uint64_t sum = 0;
    seed = 99;
    for (unsigned long i = 0; i < accesses; i++) {
        uint64_t r = lcg64(&seed);
        unsigned long page = (unsigned long)((r >> 32) % pages);
        unsigned long word = (unsigned long)((r >> 20) & (words - 1));
        sum = (sum ^ ws[page * words + word]) * 0x100000001b3ULL;
    }
    munmap(ws, pages * PAGE_SIZE);
    bench_print("tlbstress", accesses, t1 - t0, " pages=%lu sum=0x%016lx", pages,
                (unsigned long)sum);
    return 0;
}
