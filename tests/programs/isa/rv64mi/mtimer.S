/*
 * rv64mi/mtimer.S
 *
 * The CLINT machine timer: mip.MTIP = (mtime >= mtimecmp), read-only in
 * mip, cleared by moving mtimecmp into the future.  A pending and enabled
 * MTIP interrupts M-mode (mcause = interrupt | 7) once mstatus.MIE is set,
 * right after the CSR write that sets it; wfi wakes up for a pending
 * enabled interrupt even with MIE = 0 (and then no trap is taken).
 * Only orderings are checked, never how long anything took.
 */
#include "test_macros.h"

/* a0 = mtime + delta; mtimecmp = a0 */
#define ARM_TIMER(delta) \
        li t0, CLINT_MTIME; ld a0, 0(t0); li t1, delta; add a0, a0, t1; \
        li t0, CLINT_MTIMECMP; sd a0, 0(t0)

#define SET_MTIMECMP(value) \
        li t0, CLINT_MTIMECMP; li t1, value; sd t1, 0(t0)

TEST_CODE_BEGIN

        # mtimecmp in the far future: MTIP clear.
        TEST_CASE(2, a4, 0, SET_MTIMECMP(-1); csrr a4, mip; andi a4, a4, MIP_MTIP)

        # mtimecmp = 0 (already passed): MTIP set.
        TEST_CASE(3, a4, MIP_MTIP, SET_MTIMECMP(0); csrr a4, mip; andi a4, a4, MIP_MTIP)

        # MTIP is read-only in mip: a CSR write cannot clear it.
        TEST_CASE(4, a4, MIP_MTIP, li a1, MIP_MTIP; csrc mip, a1; csrr a4, mip; andi a4, a4, MIP_MTIP)

        # Moving mtimecmp into the future clears it again.
        TEST_CASE(5, a4, 0, SET_MTIMECMP(-1); csrr a4, mip; andi a4, a4, MIP_MTIP)

        # mtime advances: after the deadline passes MTIP rises, and mtime is
        # then at or beyond mtimecmp.
test_6:
        li TESTNUM, 6
        ARM_TIMER(1000)
1:      csrr a4, mip
        andi a4, a4, MIP_MTIP
        beqz a4, 1b
        li t0, CLINT_MTIME
        ld a1, 0(t0)
        bltu a1, a0, fail

        # Pending (mtimecmp = 0) and enabled in mie, but MIE = 0: no trap.
        # Setting MIE takes the interrupt before the next instruction.
test_7:
        li TESTNUM, 7
        SET_MTIMECMP(0)
        li t0, MIP_MTIP
        csrs mie, t0
        EXPECT_TRAP(CAUSE_IRQ(IRQ_M_TIMER), 2f)
        nop
        csrsi mstatus, MSTATUS_MIE
1:      j fail
2:      CHECK_MTRAP_ADDR(TI_EPC, 1b)
        CHECK_MTRAP_STATUS(MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP)
        CHECK_MTRAP(TI_TVAL, 0)
        SET_MTIMECMP(-1)

        # A future deadline, waited for with wfi and MIE = 1: the interrupt
        # arrives (wfi may also return early, hence the loop).
test_8:
        li TESTNUM, 8
        ARM_TIMER(2000)
        EXPECT_TRAP(CAUSE_IRQ(IRQ_M_TIMER), 2f)
        csrsi mstatus, MSTATUS_MIE
1:      wfi
        j 1b
2:      li t0, CLINT_MTIME
        ld a1, 0(t0)
        bltu a1, a0, fail               # not before the deadline
        SET_MTIMECMP(-1)

        # wfi with MIE = 0 still wakes up on a pending enabled interrupt,
        # without a trap (the env handler would fail on one).
test_9:
        li TESTNUM, 9
        ARM_TIMER(2000)
1:      wfi
        csrr a4, mip
        andi a4, a4, MIP_MTIP
        beqz a4, 1b
        SET_MTIMECMP(-1)
        csrw mie, zero

TEST_PASSFAIL
