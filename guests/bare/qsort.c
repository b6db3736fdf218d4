/*
 * qsort - quicksort (median of three, insertion sort for short ranges) of
 * N pseudo-random 32-bit integers from an LCG, ROUNDS times with fresh data.
 *
 * Self-checks after every sort: the array is non-decreasing, and its sum and
 * xor are unchanged (the sort is a permutation).  The result is a hash of
 * every sorted array, so it equals sorting the same data on the host.
 */
#include "bare.h"

#define N       16384
#define ROUNDS  12
#define SMALL   16              /* ranges shorter than this use insertion sort */

static uint32_t a[N];

static void insertion_sort(uint32_t *v, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t x = v[i];
        long j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static inline void swap(uint32_t *v, long i, long j)
{
    uint32_t t = v[i];
    v[i] = v[j];
    v[j] = t;
}

/* Sort v[lo..hi] (inclusive).  Recurses on the smaller part and loops on
 * the larger, so the stack depth is at most log2(N) frames. */
static void quicksort(uint32_t *v, long lo, long hi)
{
    while (hi - lo + 1 >= SMALL) {
        long mid = lo + (hi - lo) / 2;
        /* median of three into v[mid]; v[lo] <= v[mid] <= v[hi] */
        if (v[mid] < v[lo])
            swap(v, mid, lo);
        if (v[hi] < v[lo])
            swap(v, hi, lo);
        if (v[hi] < v[mid])
            swap(v, hi, mid);
        uint32_t pivot = v[mid];
        long i = lo, j = hi;
        for (;;) {              /* Hoare partition */
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap(v, i, j);
            i++;
            j--;
        }
        if (j - lo < hi - j) {
            quicksort(v, lo, j);
            lo = j + 1;
        } else {
            quicksort(v, j + 1, hi);
            hi = j;
        }
    }
    insertion_sort(v, lo, hi);
}

int main(void)
{
    uint64_t seed = 42;
    uint64_t result = 0;

    for (int r = 0; r < ROUNDS; r++) {
        uint64_t sum = 0;
        uint32_t xr = 0;
        for (long i = 0; i < N; i++) {
            a[i] = (uint32_t)(lcg64(&seed) >> 32);
            sum += a[i];
            xr ^= a[i];
        }

        quicksort(a, 0, N - 1);

        uint64_t h = 0;
        for (long i = 0; i < N; i++) {
            if (i > 0 && a[i - 1] > a[i])
                return fail("qsort", "not sorted", 1);
            sum -= a[i];
            xr ^= a[i];
            h = h * 31 + a[i];
        }
        if (sum != 0 || xr != 0)
            return fail("qsort", "not a permutation", 2);
        result = (result ^ h) * 0x100000001b3ULL;
    }

    uart_puts("qsort n=");
    uart_putdec(N);
    uart_puts(" rounds=");
    uart_putdec(ROUNDS);
    uart_puts(" min=");
    uart_puthex(a[0], 8);
    uart_puts(" max=");
    uart_puthex(a[N - 1], 8);
    uart_puts(" result=");
    uart_puthex(result, 16);
    uart_putc('\n');
    return 0;
}
