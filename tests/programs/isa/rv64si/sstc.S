/*
 * rv64si/sstc.S
 *
 * The Sstc supervisor timer.  With menvcfg.STCE = 1, mip.STIP is
 * (time >= stimecmp) and is read-only in mip.  S-mode may access stimecmp
 * (CSR 0x14d) only if menvcfg.STCE and mcounteren.TM are both set,
 * otherwise illegal instruction.  A delegated STIP interrupts S-mode
 * (scause = interrupt | 5); not delegated, it interrupts M-mode.
 * Only orderings of time values are checked.
 * Not for QEMU `spike`: its harts have no time CSR and hence no Sstc.
 */
#include "test_macros.h"

#define SET_STIMECMP(value) li t0, value; csrw CSR_STIMECMP, t0
#define STIP_BIT(reg)       csrr reg, mip; andi reg, reg, MIP_STIP

TEST_CODE_BEGIN

        li t0, COUNTEREN_TM
        csrw mcounteren, t0
        li t0, MENVCFG_STCE
        csrs CSR_MENVCFG, t0

        TEST_CASE(2, a4, -1, SET_STIMECMP(-1); csrr a4, CSR_STIMECMP)
        TEST_CASE(3, a4, 0, STIP_BIT(a4))
        TEST_CASE(4, a4, MIP_STIP, SET_STIMECMP(0); STIP_BIT(a4))
        # Read-only in mip while STCE = 1.
        TEST_CASE(5, a4, MIP_STIP, li a1, MIP_STIP; csrc mip, a1; STIP_BIT(a4))
        TEST_CASE(6, a4, 0, SET_STIMECMP(-1); STIP_BIT(a4))

        # S-mode access needs STCE and TM.
        TEST_NO_TRAP(7, PRV_S, csrr a4, CSR_STIMECMP; csrw CSR_STIMECMP, a4)
        csrw mcounteren, zero
        TEST_ILLEGAL(8, PRV_S, csrr a4, CSR_STIMECMP)
        li t0, COUNTEREN_TM
        csrw mcounteren, t0
        li t0, MENVCFG_STCE
        csrc CSR_MENVCFG, t0
        TEST_ILLEGAL(9, PRV_S, csrw CSR_STIMECMP, a4)
        li t0, MENVCFG_STCE
        csrs CSR_MENVCFG, t0
        TEST_ILLEGAL(10, PRV_U, csrr a4, CSR_STIMECMP)

        # Delegated: S arms its own timer and sleeps; the S handler gets it.
        li t0, MIP_STIP
        csrw mideleg, t0
        csrw mie, t0
test_11:
        li TESTNUM, 11
        csrsi sstatus, MSTATUS_SIE
        GOTO_PRIV(PRV_S, 1f)
1:      csrr a0, time
        addi a0, a0, 1000
        csrw CSR_STIMECMP, a0
        EXPECT_STRAP(CAUSE_IRQ(IRQ_S_TIMER), 3f)
2:      wfi
        j 2b
3:      csrr a1, time                   # resumed in S, SIE = 0
        bltu a1, a0, fail
        SET_STIMECMP(-1)
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 4f)
        ecall
4:      CHECK_STRAP_STATUS(MSTATUS_SPP | MSTATUS_SPIE, MSTATUS_SPP | MSTATUS_SPIE)
        STIP_BIT(a4)
        bnez a4, fail

        # Not delegated: taken in M, even from U.
        csrw mideleg, zero
test_12:
        li TESTNUM, 12
        SET_STIMECMP(0)
        EXPECT_TRAP(CAUSE_IRQ(IRQ_S_TIMER), 2f)
        GOTO_PRIV(PRV_U, 1f)
1:      j 1b
2:      CHECK_MTRAP_STATUS(MSTATUS_MPP, PRV_U << 11)
        SET_STIMECMP(-1)
        csrw mie, zero
        li t0, MENVCFG_STCE
        csrc CSR_MENVCFG, t0

TEST_PASSFAIL
