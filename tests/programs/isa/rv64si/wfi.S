/*
 * rv64si/wfi.S
 *
 * wfi and mstatus.TW.  With TW = 1, wfi in S-mode raises illegal
 * instruction (mtval = encoding) since nothing could wake it; in M-mode it
 * is unaffected.  With TW = 0, wfi in S waits, and returns once an enabled
 * interrupt is pending even if it is globally disabled (then no trap).
 * With S-mode present, wfi in U-mode with nothing pending is illegal.
 * Wake-ups use SSIP, pending in mip and enabled in mie/sie.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        li t0, MSTATUS_TW
        csrs mstatus, t0

        TEST_ILLEGAL(2, PRV_S, wfi)

        # M-mode wfi with TW = 1: SSIP pending and enabled in mie, MIE = 0:
        # wfi returns, no trap.
        li t0, MIP_SSIP
        csrs mip, t0
        csrs mie, t0
        TEST_CASE(3, x0, 0, wfi)

        # TW = 0, SSIP delegated, SIE = 0 in S: wfi returns, no trap.
        li t0, MSTATUS_TW
        csrc mstatus, t0
        li t0, MIP_SSIP
        csrw mideleg, t0
        csrci sstatus, MSTATUS_SIE
        TEST_NO_TRAP(4, PRV_S, wfi)

        li t0, MIP_SSIP
        csrc mip, t0
        csrw mie, zero
        csrw mideleg, zero

        # U-mode wfi, nothing pending: illegal.
        TEST_ILLEGAL(5, PRV_U, wfi)

TEST_PASSFAIL
