/*
 * rv64si/time.S
 *
 * The time CSR mirrors the CLINT mtime register, and mcounteren.TM /
 * scounteren.TM gate it below M like the other counters: S needs
 * mcounteren.TM, U needs both.  M-mode always reads it.  Values are only
 * compared for ordering.
 * Not for QEMU `spike`, whose harts have no time CSR (rdtime traps there).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        csrw mcounteren, zero
        csrw scounteren, zero

        # mtime <= time <= mtime, read in that order.
test_2:
        li TESTNUM, 2
        li t0, CLINT_MTIME
        ld a1, 0(t0)
        csrr a4, time
        ld a2, 0(t0)
        bltu a4, a1, fail
        bltu a2, a4, fail

        TEST_ILLEGAL(3, PRV_S, csrr a4, time)
        TEST_ILLEGAL(4, PRV_U, csrr a4, time)

        li t0, COUNTEREN_TM
        csrw mcounteren, t0
        TEST_NO_TRAP(5, PRV_S, csrr a4, time)
        TEST_ILLEGAL(6, PRV_U, csrr a4, time)

        li t0, COUNTEREN_TM
        csrw scounteren, t0
        TEST_NO_TRAP(7, PRV_U, csrr a4, time)

        # time is read-only.
        TEST_ILLEGAL(8, PRV_M, csrw time, zero)

TEST_PASSFAIL
