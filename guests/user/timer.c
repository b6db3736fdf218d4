/*
 * timer.c - the cost of a timer interrupt, seen from user space.
 *
 * Method (a "detour" / time-stolen loop, as hwlat or sysjitter): the program
 * spins reading cycle and instret.  Consecutive reads normally differ by
 * the loop's own cost (base, the minimum delta seen); a delta above
 * 2 * base + 100 cycles means the hart left the loop in between - with one
 * runnable process and no system calls, that is the kernel taking a timer
 * interrupt (and deciding there is nothing else to run).  Each such gap
 * minus base is the cycles the interrupt stole.
 *
 *   iters          gaps observed (stops at the requested count, or after
 *                  max_ms of mtime, whichever is first)
 *   cycles         total cycles stolen; per_iter = cycles per interrupt
 *   instr_per_irq  instructions retired in a gap (instret counts every
 *                  privilege level), minus the loop's own
 *   period         mean cycles between two interrupts (0 if fewer than 2)
 *   base           the loop's cycles per iteration
 *
 * Arguments: [interrupts (default 10)] [max_ms (default 20)].  The time the
 * loop runs depends on the kernel's tick rate: ~interrupts / HZ seconds of
 * simulated time.
 */
#include "ulib.h"
#include "programs.h"

struct scan {
    uint64_t base, base_instr;  /* minimum delta per iteration (in/out) */
    uint64_t threshold;         /* a delta above this is a gap */
    uint64_t gaps, stolen, stolen_instr, first, last;
};

/* Spin until s->gaps == want or mtime passes deadline (checked every 1024
 * iterations), or, when want is 0, for iters iterations. */
__attribute__((noipa)) static void scan(struct scan *s, uint64_t want, uint64_t deadline,
                                        uint64_t iters)
{
    uint64_t prev = rdcycle(), prev_i = rdinstret();
    for (uint64_t k = 1;; k++) {
        uint64_t now = rdcycle(), now_i = rdinstret();
        uint64_t d = now - prev, di = now_i - prev_i;
        if (d > s->threshold) {
            s->stolen += d;
            s->stolen_instr += di;
            if (s->gaps == 0)
                s->first = now;
            s->last = now;
            if (++s->gaps == want)
                break;
        } else {
            if (d < s->base)
                s->base = d;
            if (di < s->base_instr)
                s->base_instr = di;
        }
        prev = now;
        prev_i = now_i;
        if (want == 0 && k == iters)
            break;
        if ((k & 1023) == 0 && rdtime() > deadline)
            break;
    }
}

int timer_main(int argc, char **argv)
{
    unsigned long want = arg_count(argc, argv, 1, 10);
    unsigned long max_ms = arg_count(argc, argv, 2, 20);
    struct scan s;
    memset(&s, 0, sizeof s);

    /* calibrate base with no gap counted */
    s.base = s.base_instr = ~0ULL;
    s.threshold = ~0ULL;
    scan(&s, 0, ~0ULL, 4096);
    s.threshold = 2 * s.base + 100;

    /* measure */
    s.gaps = s.stolen = s.stolen_instr = 0;
    scan(&s, want, rdtime() + max_ms * 10000ULL, 0);

    uint64_t cycles = s.stolen - s.gaps * s.base;
    uint64_t instr = s.gaps ? (s.stolen_instr - s.gaps * s.base_instr) / s.gaps : 0;
    uint64_t period = s.gaps > 1 ? (s.last - s.first) / (s.gaps - 1) : 0;
    bench_print("timer", s.gaps, cycles, " instr_per_irq=%lu period=%lu base=%lu",
                (unsigned long)instr, (unsigned long)period, (unsigned long)s.base);
    return 0;
}
