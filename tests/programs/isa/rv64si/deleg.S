/*
 * rv64si/deleg.S
 *
 * Trap delegation.  With a medeleg bit set, that exception from S or U
 * goes to the S handler: scause/sepc/stval are written, sstatus.SPP =
 * the previous privilege, SPIE = old SIE, SIE = 0, and the M CSRs are
 * untouched.  The same exception in M-mode still traps to M (traps never
 * go to a lower privilege).  With a mideleg bit set, that interrupt goes
 * to S; an S-level interrupt taken in U is enabled regardless of SIE,
 * while in S it needs SIE.
 */
#include "test_macros.h"

/* From M: continue at `target` in S-mode with SIE = `sie`. */
#define GOTO_S_WITH_SIE(sie, target) \
        csrci sstatus, MSTATUS_SIE; \
        .if sie; csrsi sstatus, MSTATUS_SIE; .endif; \
        GOTO_PRIV(PRV_S, target)

TEST_CODE_BEGIN

        li t0, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_ILLEGAL_INSTRUCTION) | (1 << CAUSE_BREAKPOINT)
        csrw medeleg, t0

        # U ecall -> S handler (scause 8, stval 0, SPP = U), not M (the M
        # handler fails on any trap it was not told to expect).
test_2:
        li TESTNUM, 2
        EXPECT_STRAP(CAUSE_USER_ECALL, 2f)
        GOTO_PRIV(PRV_U, 1f)
1:      ecall
        j fail
        # The S handler resumes here in S-mode; ecall back to M.
2:      EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
4:      ecall
        j fail
3:      CHECK_STRAP_ADDR(TI_EPC, 1b)
        CHECK_STRAP(TI_TVAL, 0)
        CHECK_STRAP_STATUS(MSTATUS_SPP, 0)
        CHECK_MTRAP_ADDR(TI_EPC, 4b)    # M saw only the S ecall

        # Illegal instruction in S -> S handler, stval = encoding, SPP = S,
        # and SPIE records SIE = 1.
test_3:
        li TESTNUM, 3
        EXPECT_STRAP(CAUSE_ILLEGAL_INSTRUCTION, 2f)
        GOTO_S_WITH_SIE(1, 1f)
1:      csrr a4, mscratch               # M CSR: illegal in S
        j fail
2:      EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:      CHECK_STRAP_ADDR(TI_EPC, 1b)
        CHECK_STRAP_TVAL_INSN(1b)
        CHECK_STRAP_STATUS(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE)

        # The same exception in M-mode is not delegated.
test_4:
        li TESTNUM, 4
        EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 2f)
1:      .word 0x0000000b
        j fail
2:      CHECK_MTRAP_ADDR(TI_EPC, 1b)

        # Breakpoint from U -> S.
test_5:
        li TESTNUM, 5
        EXPECT_STRAP(CAUSE_BREAKPOINT, 2f)
        GOTO_PRIV(PRV_U, 1f)
1:      ebreak
        j fail
2:      EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:      CHECK_STRAP_ADDR(TI_EPC, 1b)

        # Not delegated: S ecall goes to M even though U ecall is delegated.
        TEST_TRAP(6, PRV_S, CAUSE_SUPERVISOR_ECALL, ecall)

        csrw medeleg, zero

        # Interrupts: delegate SSIP.  Pending in mip, enabled in sie.
        li t0, MIP_SSIP
        csrw mideleg, t0
        csrw mie, t0

        # In S with SIE = 0: not taken.  (The ecall proves we got past.)
test_7:
        li TESTNUM, 7
        li t0, MIP_SSIP
        csrs mip, t0
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        GOTO_S_WITH_SIE(0, 1f)
1:      nop
4:      ecall
2:      CHECK_MTRAP_ADDR(TI_EPC, 4b)

        # In S with SIE = 1: taken by the S handler, cause = interrupt | 1.
test_8:
        li TESTNUM, 8
        EXPECT_STRAP(CAUSE_IRQ(IRQ_S_SOFT), 2f)
        GOTO_S_WITH_SIE(1, 1f)
1:      j 1b
2:      CHECK_STRAP_STATUS(MSTATUS_SPP | MSTATUS_SPIE, MSTATUS_SPP | MSTATUS_SPIE)
        csrci sip, MIP_SSIP             # S may clear SSIP
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:      csrr a4, mip
        andi a4, a4, MIP_SSIP
        bnez a4, fail

        # In U with SIE = 0: taken anyway (S interrupts are enabled in U).
test_9:
        li TESTNUM, 9
        li t0, MIP_SSIP
        csrs mip, t0
        csrci sstatus, MSTATUS_SIE
        EXPECT_STRAP(CAUSE_IRQ(IRQ_S_SOFT), 2f)
        GOTO_PRIV(PRV_U, 1f)
1:      j 1b
2:      CHECK_STRAP_STATUS(MSTATUS_SPP, 0)
        csrci sip, MIP_SSIP
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 3f)
        ecall
3:

        # Not delegated: SSIP in S with SIE = 0 traps to M (an M-level
        # interrupt is always enabled below M).
test_10:
        li TESTNUM, 10
        csrw mideleg, zero
        li t0, MIP_SSIP
        csrs mip, t0
        EXPECT_TRAP(CAUSE_IRQ(IRQ_S_SOFT), 2f)
        GOTO_S_WITH_SIE(0, 1f)
1:      j 1b
2:      CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_S << 11)
        li t0, MIP_SSIP
        csrc mip, t0
        csrw mie, zero

TEST_PASSFAIL
