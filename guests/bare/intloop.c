/*
 * intloop - a tight integer loop: shifts, xors, adds and one data-dependent
 * branch per iteration (a xorshift64 generator folded into an accumulator).
 * ITERS is chosen so the run retires about 50 million instructions; the
 * result depends on every iteration, so no iteration can be optimised away.
 */
#include "bare.h"

#define ITERS 4000000UL

int main(void)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL;     /* xorshift state, never zero */
    uint64_t acc = 0;

    for (uint64_t i = 0; i < ITERS; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (x & 1)
            acc += x ^ i;
        else
            acc ^= x >> 3;
    }
    uart_puts("intloop iters=");
    uart_putdec(ITERS);
    uart_puts(" result=");
    uart_puthex(acc, 16);
    uart_putc('\n');
    return 0;
}
