/*
 * rv64si/sret.S
 *
 * sret: pc = sepc, privilege = SPP, SIE = SPIE, SPIE = 1, SPP = U.
 * Allowed in S (when TSR = 0, see tsr.S) and in M; illegal in U.
 */
#include "test_macros.h"

/* In S: sret to `target` with SPP = `spp`, SPIE = `spie`, SIE = 0. */
#define SRET_TO(spp, spie, target) \
        li t0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE; csrc sstatus, t0; \
        li t0, ((spp) << 8) | ((spie) << 5); csrs sstatus, t0; \
        la t0, target; csrw sepc, t0; sret

TEST_CODE_BEGIN

        # S -> S with SPIE = 1: SIE = 1, SPIE = 1, SPP = U afterwards.
        # (sie = 0, so SIE = 1 lets no interrupt in.)
test_2:
        li TESTNUM, 2
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        GOTO_PRIV(PRV_S, 1f)
1:      SRET_TO(PRV_S, 1, 2f)
        j fail
2:      csrr a4, sstatus
        ecall                           # still S: cause 9
        j fail
3:      li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
        and a4, a4, t0
        li t6, MSTATUS_SIE | MSTATUS_SPIE
        bne a4, t6, fail

        # S -> S with SPIE = 0: SIE = 0, SPIE = 1.
test_3:
        li TESTNUM, 3
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        GOTO_PRIV(PRV_S, 1f)
1:      csrsi sstatus, MSTATUS_SIE
        SRET_TO(PRV_S, 0, 2f)
        j fail
2:      csrr a4, sstatus
        ecall
        j fail
3:      li t0, MSTATUS_SIE | MSTATUS_SPIE
        and a4, a4, t0
        li t6, MSTATUS_SPIE
        bne a4, t6, fail

        # S -> U with SPP = U: an ecall there is a U ecall.
test_4:
        li TESTNUM, 4
        EXPECT_TRAP(CAUSE_USER_ECALL, 3f)
        GOTO_PRIV(PRV_S, 1f)
1:      SRET_TO(PRV_U, 1, 2f)
        j fail
2:      ecall
        j fail
3:      CHECK_MTRAP_ADDR(TI_EPC, 2b)

        # sret from M-mode returns to SPP (here S).
test_5:
        li TESTNUM, 5
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        SRET_TO(PRV_S, 0, 2f)
        j fail
2:      ecall
        j fail
3:      CHECK_MTRAP_ADDR(TI_EPC, 2b)

        # sret is illegal in U.
        TEST_ILLEGAL(6, PRV_U, sret)

TEST_PASSFAIL
