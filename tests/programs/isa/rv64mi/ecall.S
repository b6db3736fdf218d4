/*
 * rv64mi/ecall.S
 *
 * ecall raises environment-call-from-U/S/M (causes 8, 9, 11) depending on
 * the privilege it executes in.  Into M-mode: mepc = the ecall itself,
 * mtval = 0, mstatus.MPP = the privilege the trap came from, MPIE = the
 * MIE before the trap, MIE = 0.  c.ebreak/ebreak are in ebreak.S.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_TRAP(2, PRV_U, CAUSE_USER_ECALL, ecall)
        CHECK_MTRAP(TI_TVAL, 0)
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_U << 11)

        TEST_TRAP(3, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)
        CHECK_MTRAP(TI_TVAL, 0)
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_S << 11)

        TEST_TRAP(4, PRV_M, CAUSE_MACHINE_ECALL, ecall)
        CHECK_MTRAP(TI_TVAL, 0)
        CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_M << 11)

        # From M with MIE=1: the trap saves MIE in MPIE and clears MIE.
        # (mie = 0, so enabling MIE lets no interrupt in.)
test_5:
        li TESTNUM, 5
        EXPECT_TRAP(CAUSE_MACHINE_ECALL, 1f)
        csrsi mstatus, MSTATUS_MIE
        ecall
        j fail
1:      CHECK_MTRAP_STATUS(MSTATUS_MIE | MSTATUS_MPIE, MSTATUS_MPIE)

        # ... and with MIE=0, MPIE becomes 0.
test_6:
        li TESTNUM, 6
        EXPECT_TRAP(CAUSE_MACHINE_ECALL, 1f)
        csrci mstatus, MSTATUS_MIE
        ecall
        j fail
1:      CHECK_MTRAP_STATUS(MSTATUS_MIE | MSTATUS_MPIE, 0)

        # The registers survive the round trip (the handler preserves them).
        TEST_CASE(7, a4, 0x1234, li a4, 0x1234; EXPECT_TRAP(CAUSE_MACHINE_ECALL, 1f); ecall; j fail; 1: nop)

TEST_PASSFAIL
