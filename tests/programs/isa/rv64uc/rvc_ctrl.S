/*
 * rv64uc/rvc_ctrl.S
 *
 * Compressed control transfer: c.j, c.jr, c.jalr, c.beqz, c.bnez.
 * c.jalr links pc + 2 (the length of the compressed instruction), not
 * pc + 4; c.jalr ra jumps to the old ra; c.beqz/c.bnez test all 64 bits.
 * Also: 32-bit instructions at addresses that are 2 mod 4, including one
 * that straddles a 4 KiB boundary, execute normally once C is present.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # c.j forwards and backwards.
test_2:
        li TESTNUM, 2
        c.j 2f
1:      c.j 3f
2:      c.j 1b
        j fail
3:

        # c.jr jumps to rs1 and links nothing.
test_3:
        li TESTNUM, 3
        la a1, 1f
        li ra, 0
        c.jr a1
        j fail
1:      bnez ra, fail

        # c.jalr links the address of the next (compressed-size) instruction.
test_4:
        li TESTNUM, 4
        la a1, 1f
        c.jalr a1
2:      j fail
1:      la a2, 2b
        bne ra, a2, fail
        addi a2, a2, -2                 # c.jalr itself is 2 bytes long
        la a3, 2b - 2
        bne a2, a3, fail

        # c.jalr ra: the target is the old ra, then ra is overwritten.
test_5:
        li TESTNUM, 5
        la ra, 1f
        c.jalr ra
2:      j fail
1:      la a2, 2b
        bne ra, a2, fail

        # c.beqz / c.bnez, taken and not taken, forwards and backwards.
test_6:
        li TESTNUM, 6
        li a1, 0
        c.beqz a1, 2f
        j fail
1:      c.j 3f
2:      c.beqz a1, 1b
        j fail
3:
test_7:
        li TESTNUM, 7
        li a1, 0x100000000              # nonzero only above bit 31
        c.beqz a1, 1f
        c.bnez a1, 2f
1:      j fail
2:
test_8:
        li TESTNUM, 8
        li a1, 0x8000000000000000
        c.bnez a1, 2f
        j fail
1:      c.j 3f
2:      c.bnez a1, 1b
        j fail
3:
test_9:
        li TESTNUM, 9
        li a1, 0
        c.bnez a1, 1f
        c.j 2f
1:      j fail
2:

        # A call/return built from c.jalr and c.jr.
test_10:
        li TESTNUM, 10
        li a4, 0
        la a1, 1f
        c.jalr a1
        c.j 2f
1:      li a4, 10
        c.jr ra
2:      li t6, 10
        bne a4, t6, fail

        # 32-bit instructions at 2-mod-4 addresses, one straddling a page.
test_11:
        li TESTNUM, 11
        li a4, 0
        j straddle
straddle_back:
        li t6, 3
        bne a4, t6, fail

TEST_PASSFAIL

        /* Explicit 32-bit encodings where the layout depends on them. */
        .balign 4096
        .skip 4096 - 6
straddle:
        c.nop                           # page offset 0xffa
        .option push
        .option norvc
        addi a4, a4, 1                  # 0xffc: 4-byte aligned
        .option pop
        c.nop                           # 0x000 of the next page
        .option push
        .option norvc
        j 1f                            # 0x002
        .skip 4096 - 8                  # up to 0xffe
1:      addi a4, a4, 1                  # 0xffe: straddles into the next page
        addi a4, a4, 1                  # 0x002
        j straddle_back
        .option pop
