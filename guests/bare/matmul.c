/*
 * matmul - integer matrix multiply C = A x B of DIM x DIM 32-bit matrices
 * (arithmetic mod 2^32), ROUNDS times, each round feeding its product back
 * as the next A, so the final matrix is A0 x B^ROUNDS.
 *
 * Self-check: every round also verifies one row of C against the column
 * sums identity sum_j C[i][j] == sum_k A[i][k] * (sum_j B[k][j]).
 * The result is a hash of the final matrix.
 */
#include "bare.h"

#define DIM     64
#define ROUNDS  16

static uint32_t ma[DIM][DIM], mb[DIM][DIM], mc[DIM][DIM];
static uint32_t browsum[DIM];   /* browsum[k] = sum_j B[k][j] */

static void multiply(uint32_t (*c)[DIM], uint32_t (*a)[DIM], uint32_t (*b)[DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            uint32_t s = 0;
            for (int k = 0; k < DIM; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

int main(void)
{
    uint64_t seed = 7;

    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            ma[i][j] = (uint32_t)(lcg64(&seed) >> 32);
            mb[i][j] = (uint32_t)(lcg64(&seed) >> 32);
        }
    for (int k = 0; k < DIM; k++) {
        uint32_t s = 0;
        for (int j = 0; j < DIM; j++)
            s += mb[k][j];
        browsum[k] = s;
    }

    for (int r = 0; r < ROUNDS; r++) {
        multiply(mc, ma, mb);

        int i = r % DIM;
        uint32_t lhs = 0, rhs = 0;
        for (int j = 0; j < DIM; j++)
            lhs += mc[i][j];
        for (int k = 0; k < DIM; k++)
            rhs += ma[i][k] * browsum[k];
        if (lhs != rhs)
            return fail("matmul", "row-sum check", 1);

        for (int i2 = 0; i2 < DIM; i2++)
            for (int j = 0; j < DIM; j++)
                ma[i2][j] = mc[i2][j];
    }

    uint64_t h = 0;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            h = (h ^ mc[i][j]) * 0x100000001b3ULL;

    uart_puts("matmul n=");
    uart_putdec(DIM);
    uart_puts(" rounds=");
    uart_putdec(ROUNDS);
    uart_puts(" c00=");
    uart_puthex(mc[0][0], 8);
    uart_puts(" result=");
    uart_puthex(h, 16);
    uart_putc('\n');
    return 0;
}
