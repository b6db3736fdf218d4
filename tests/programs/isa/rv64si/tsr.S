/*
 * rv64si/tsr.S
 *
 * mstatus.TSR (trap sret): with TSR = 1, sret in S-mode raises illegal
 * instruction (mtval = encoding, taken in M even though nothing is
 * delegated anyway); sret in M-mode is unaffected.  With TSR = 0 sret
 * works in S.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        li t0, MSTATUS_TSR
        csrs mstatus, t0

        TEST_ILLEGAL(2, PRV_S, sret)

        # M-mode sret still works with TSR = 1 (returns to S, SPP = S).
test_3:
        li TESTNUM, 3
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        li t0, MSTATUS_SPP
        csrs sstatus, t0
        la t0, 1f
        csrw sepc, t0
        sret
        j fail
1:      ecall
2:      CHECK_MTRAP_ADDR(TI_EPC, 1b)

        # TSR = 0: sret in S returns (SPP = S after the setup below).
        li t0, MSTATUS_TSR
        csrc mstatus, t0
test_4:
        li TESTNUM, 4
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        GOTO_PRIV(PRV_S, 1f)
1:      li t0, MSTATUS_SPP
        csrs sstatus, t0
        la t0, 2f
        csrw sepc, t0
        sret
        j fail
2:      ecall
3:      CHECK_MTRAP_ADDR(TI_EPC, 2b)

TEST_PASSFAIL
