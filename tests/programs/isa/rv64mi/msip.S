/*
 * rv64mi/msip.S
 *
 * The CLINT software interrupt: writing 1 / 0 to the msip register of
 * hart 0 sets / clears mip.MSIP, which is read-only through the CSR.  With
 * mie.MSIE and mstatus.MIE set, a pending MSIP interrupts M-mode with
 * mcause = interrupt | 3.
 */
#include "test_macros.h"

#define SET_MSIP(v) li t0, CLINT_MSIP; li t1, v; sw t1, 0(t0)

TEST_CODE_BEGIN

        TEST_CASE(2, a4, 0, csrr a4, mip; andi a4, a4, MIP_MSIP)
        TEST_CASE(3, a4, MIP_MSIP, SET_MSIP(1); 1: csrr a4, mip; andi a4, a4, MIP_MSIP; beqz a4, 1b)
        # The register reads back what was written.
        TEST_CASE(4, a4, 1, li t0, CLINT_MSIP; lw a4, 0(t0))
        # Read-only in mip.
        TEST_CASE(5, a4, MIP_MSIP, li a1, MIP_MSIP; csrc mip, a1; csrr a4, mip; andi a4, a4, MIP_MSIP)
        TEST_CASE(6, a4, 0, SET_MSIP(0); 1: csrr a4, mip; andi a4, a4, MIP_MSIP; bnez a4, 1b)

        # Raising MSIP with the interrupt enabled traps.
test_7:
        li TESTNUM, 7
        li t0, MIP_MSIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        EXPECT_TRAP(CAUSE_IRQ(IRQ_M_SOFT), 2f)
        SET_MSIP(1)
1:      wfi
        j 1b
2:      SET_MSIP(0)
        csrw mie, zero

        # An interrupt taken from U-mode: M-level interrupts are always
        # enabled below M, whatever mstatus.MIE says.
test_8:
        li TESTNUM, 8
        li t0, MIP_MSIP
        csrw mie, t0
        SET_MSIP(1)
        EXPECT_TRAP(CAUSE_IRQ(IRQ_M_SOFT), 2f)
        GOTO_PRIV(PRV_U, 1f)            # MPIE = 0, so MIE = 0 in U
1:      j 1b
2:      CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_U << 11)
        SET_MSIP(0)
        csrw mie, zero

TEST_PASSFAIL
