/* counters.c - the time, cycle and instret CSRs read from S-mode: only
 * relations are printed (values depend on the machine). */
#include "sbi.h"

int main(void)
{
    con_puts("== sbi-counters ==\n");
    u64 t0 = csr_read(time), c0 = csr_read(cycle), i0 = csr_read(instret);
    int monotonic = 1;
    u64 last = t0;
    for (volatile long n = 0; n < 200000; n++) {
        if ((n & 1023) == 0) {
            u64 t = csr_read(time);
            if (t < last)
                monotonic = 0;
            last = t;
        }
    }
    u64 t1 = csr_read(time), c1 = csr_read(cycle), i1 = csr_read(instret);
    put_yes_no("time advances", t1 > t0);
    put_yes_no("time is monotonic", monotonic);
    put_yes_no("cycle advances", c1 > c0);
    put_yes_no("instret advances", i1 > i0);
    put_yes_no("instret counted the loop", i1 - i0 >= 200000);
    /* the timer deadline arithmetic a kernel does: one tick is 100 ns at 10 MHz */
    put_yes_no("time below 2^62", t1 < (1ul << 62));
    return 0;
}
