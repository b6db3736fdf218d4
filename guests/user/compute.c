/*
 * compute.c - integer compute, the user-space macro benchmark with no
 * system calls in its timed loop.  Each round:
 *
 *   crc     generate a 16 KiB buffer from an LCG and CRC-32 it (IEEE,
 *           reflected, zlib's crc32(); table-driven), chained across rounds
 *   sort    bottom-up merge sort of 4096 LCG 32-bit integers
 *   matrix  32 x 32 integer matrix product C = A x B (mod 2^32), C fed back
 *           as the next round's A
 *
 * Buffers come from mmap and are touched before timing.  Self-checks: the
 * CRC check value of "123456789", sortedness and unchanged sum/xor after
 * every sort, a row-sum identity of every product.  The printed checksums
 * depend only on the number of rounds (argument 1, default 8).
 */
#include "ulib.h"
#include "programs.h"

#define CRC_LEN   16384
#define SORT_N    4096
#define DIM       32
#define POLY      0xEDB88320u

struct work {
    uint32_t crc_table[256];
    uint8_t  buf[CRC_LEN];
    uint32_t keys[SORT_N], tmp[SORT_N];
    uint32_t a[DIM][DIM], b[DIM][DIM], c[DIM][DIM];
    uint32_t brow[DIM];          /* brow[k] = sum_j b[k][j] */
};

static void crc_init(uint32_t *table)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t v = i;
        for (int k = 0; k < 8; k++)
            v = (v >> 1) ^ (POLY & (0u - (v & 1)));
        table[i] = v;
    }
}

static uint32_t crc32(const uint32_t *table, uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* Bottom-up merge sort of v[0..n) using tmp[0..n); the result ends in v. */
static void merge_sort(uint32_t *v, uint32_t *tmp, size_t n)
{
    uint32_t *src = v, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

static void matmul(uint32_t (*c)[DIM], uint32_t (*a)[DIM], uint32_t (*b)[DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            uint32_t s = 0;
            for (int k = 0; k < DIM; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

int compute_main(int argc, char **argv)
{
    unsigned long rounds = arg_count(argc, argv, 1, 8);
    unsigned long len = (sizeof(struct work) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    struct work *w = map_touched("compute", len);
    uint64_t seed = 1;
    uint32_t crc = 0;
    uint64_t sort_hash = 0, mat_hash = 0;

    crc_init(w->crc_table);
    if (crc32(w->crc_table, 0, (const uint8_t *)"123456789", 9) != 0xCBF43926u)
        die("compute", "crc check value", 0);
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            w->a[i][j] = (uint32_t)(lcg64(&seed) >> 32);
            w->b[i][j] = (uint32_t)(lcg64(&seed) >> 32);
        }
    for (int k = 0; k < DIM; k++) {
        uint32_t s = 0;
        for (int j = 0; j < DIM; j++)
            s += w->b[k][j];
        w->brow[k] = s;
    }

    uint64_t t0 = rdcycle();
    for (unsigned long r = 0; r < rounds; r++) {
        /* crc */
        for (size_t i = 0; i < CRC_LEN; i++)
            w->buf[i] = (uint8_t)(lcg64(&seed) >> 56);
        crc = crc32(w->crc_table, crc, w->buf, CRC_LEN);

        /* sort */
        uint64_t sum = 0;
        uint32_t xr = 0;
        for (size_t i = 0; i < SORT_N; i++) {
            uint32_t k = (uint32_t)(lcg64(&seed) >> 32);
            w->keys[i] = k;
            sum += k;
            xr ^= k;
        }
        merge_sort(w->keys, w->tmp, SORT_N);
        uint64_t h = 0;
        for (size_t i = 0; i < SORT_N; i++) {
            if (i && w->keys[i - 1] > w->keys[i])
                die("compute", "not sorted", (long)r);
            sum -= w->keys[i];
            xr ^= w->keys[i];
            h = h * 31 + w->keys[i];
        }
        if (sum || xr)
            die("compute", "sort lost elements", (long)r);
        sort_hash = (sort_hash ^ h) * 0x100000001b3ULL;

        /* matrix */
        matmul(w->c, w->a, w->b);
        int row = (int)(r % DIM);
        uint32_t lhs = 0, rhs = 0;
        for (int j = 0; j < DIM; j++)
            lhs += w->c[row][j];
        for (int k = 0; k < DIM; k++)
            rhs += w->a[row][k] * w->brow[k];
        if (lhs != rhs)
            die("compute", "matrix row-sum check", (long)r);
        memcpy(w->a, w->c, sizeof w->a);
    }
    uint64_t t1 = rdcycle();

    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            mat_hash = (mat_hash ^ w->c[i][j]) * 0x100000001b3ULL;
    bench_print("compute", rounds, t1 - t0, " crc=0x%08x sort=0x%016lx matrix=0x%016lx",
                crc, (unsigned long)sort_hash, (unsigned long)mat_hash);
    munmap(w, len);
    return 0;
}
