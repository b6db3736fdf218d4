/*
 * rv64ua/lrsc.S
 *
 * lr.d/sc.d and lr.w/sc.w.  LR loads (lr.w sign-extends) and registers a
 * reservation; SC stores and writes 0 to rd only while the reservation is
 * valid, otherwise it writes a non-zero code and leaves memory alone.  Any
 * SC, successful or not, ends the reservation.  Only spec-mandated
 * outcomes are checked: SC with no reservation at all must fail, SC right
 * after a matching LR is expected to succeed (an emulator with no other
 * harts has no reason to fail it; the retry loop below tolerates spurious
 * failures anyway).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # No LR has executed yet: sc.d fails (rd != 0), memory unchanged.
test_2:
        li TESTNUM, 2
        la a3, lr_dat
        li a2, 0x1111
        sc.d a4, a2, (a3)
        beqz a4, fail
        ld a5, 0(a3)
        li t6, 0x0123456789abcdef
        bne a5, t6, fail

        # lr.d returns the doubleword; sc.d then succeeds and stores.
test_3:
        li TESTNUM, 3
        la a3, lr_dat
        lr.d a4, (a3)
        li t6, 0x0123456789abcdef
        bne a4, t6, fail
        li a2, 0x2222
        sc.d a4, a2, (a3)
        bnez a4, fail
        ld a5, 0(a3)
        li t6, 0x2222
        bne a5, t6, fail

        # The successful sc.d consumed the reservation: a second sc.d fails.
test_4:
        li TESTNUM, 4
        la a3, lr_dat
        li a2, 0x3333
        sc.d a4, a2, (a3)
        beqz a4, fail
        ld a5, 0(a3)
        li t6, 0x2222
        bne a5, t6, fail

        # lr.w sign-extends the word it loads.
test_5:
        li TESTNUM, 5
        la a3, lr_dat
        li a1, 0x80000001
        sw a1, 8(a3)
        addi a0, a3, 8
        lr.w a4, (a0)
        li t6, 0xffffffff80000001
        bne a4, t6, fail

        # ... and the matching sc.w writes only that word.
        li a2, 0xfedcba9876543210
        sc.w a4, a2, (a0)
        bnez a4, fail
        ld a5, 8(a3)
        li t6, 0x0123456776543210
        bne a5, t6, fail

        # A failed sc.w does not write either.
test_6:
        li TESTNUM, 6
        la a3, lr_dat
        addi a0, a3, 8
        li a2, 0x99
        sc.w a4, a2, (a0)
        beqz a4, fail
        ld a5, 8(a3)
        li t6, 0x0123456776543210
        bne a5, t6, fail

        # The usual atomic-increment loop: 100 increments land.
test_7:
        li TESTNUM, 7
        la a3, lr_dat
        sd zero, 16(a3)
        addi a0, a3, 16
        li a1, 100
1:      lr.d.aq a4, (a0)
        addi a4, a4, 1
        sc.d.rl a5, a4, (a0)
        bnez a5, 1b
        addi a1, a1, -1
        bnez a1, 1b
        ld a4, 16(a3)
        li t6, 100
        bne a4, t6, fail

        # rd of sc may equal rs2: the value is read before the status is written.
test_8:
        li TESTNUM, 8
        la a3, lr_dat
        lr.d a4, (a3)
        li a2, 0x4444
        sc.d a2, a2, (a3)
        bnez a2, fail
        ld a5, 0(a3)
        li t6, 0x4444
        bne a5, t6, fail

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 3
lr_dat:
        .dword 0x0123456789abcdef
        .dword 0x0123456789abcdef
        .dword 0
TEST_DATA_END
