/*
 * rv64mi/mret.S
 *
 * mret: pc = mepc, privilege = MPP, MIE = MPIE, MPIE = 1, MPP = U (the
 * least-privileged supported mode); an mret that stays in M keeps MPRV.
 * mret is illegal below M-mode.  (Priv 1.12 also clears MPRV when mret
 * leaves M-mode; QEMU 7.2 does not, so that rule is not checked here.)
 */
#include "test_macros.h"

/* mret into `target` in M-mode with mstatus bits `set` set first. */
#define MRET_TO_M(set, target) \
        li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPRV; \
        csrc mstatus, t0; li t0, MSTATUS_MPP | (set); csrs mstatus, t0; \
        la t0, target; csrw mepc, t0; mret

TEST_CODE_BEGIN

        # MPIE=1: afterwards MIE=1, MPIE=1, MPP=U.  (mie=0: no interrupts.)
test_2:
        li TESTNUM, 2
        MRET_TO_M(MSTATUS_MPIE, 1f)
        j fail
1:      csrr a4, mstatus
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
        and a4, a4, t0
        li t6, MSTATUS_MIE | MSTATUS_MPIE
        bne a4, t6, fail
        csrci mstatus, MSTATUS_MIE

        # MPIE=0: afterwards MIE=0, MPIE=1.
test_3:
        li TESTNUM, 3
        MRET_TO_M(0, 1f)
        j fail
1:      csrr a4, mstatus
        li t0, MSTATUS_MIE | MSTATUS_MPIE
        and a4, a4, t0
        li t6, MSTATUS_MPIE
        bne a4, t6, fail

        # MPP selects the new privilege: an ecall there reports it.
        TEST_TRAP(4, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)
        TEST_TRAP(5, PRV_U, CAUSE_USER_ECALL, ecall)

        # Returning to M keeps MPRV.  (MPP = M: MPRV has no effect.)
test_6:
        li TESTNUM, 6
        MRET_TO_M(MSTATUS_MPRV, 1f)
        j fail
1:      csrr a4, mstatus
        li t0, MSTATUS_MPRV
        and a4, a4, t0
        csrc mstatus, t0
        beqz a4, fail

        # mret is privileged: illegal in S and U.
        TEST_ILLEGAL(7, PRV_S, mret)
        TEST_ILLEGAL(8, PRV_U, mret)

TEST_PASSFAIL
