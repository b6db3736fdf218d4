/*
 * rv64ui/jal.S
 *
 * jal: rd = pc + 4, pc = pc + sign-extended 21-bit offset.  Checks the link
 * value, forward and backward jumps, offsets that need the high immediate
 * bits (a far target across a 256 KiB gap), and that jal x0 links nothing.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Link register = address of the instruction after the jal.
test_2:
        li TESTNUM, 2
        li a1, 0
        jal a1, 1f
2:      j fail
1:      la a2, 2b
        bne a1, a2, fail

        # Backward jump.
test_3:
        li TESTNUM, 3
        j 2f
1:      j 3f
2:      jal x0, 1b
        j fail
3:

        # jal x0 writes no register.
        TEST_CASE(4, x0, 0, jal x0, 1f; 1: nop)

        # rd = ra (the usual call), then return through it.
test_5:
        li TESTNUM, 5
        li a4, 0
        jal ra, 1f
        j 2f
1:      li a4, 5
        ret
2:      li t6, 5
        bne a4, t6, fail

        # Far forward then far backward: exercises immediate bits 19..12.
test_6:
        li TESTNUM, 6
        jal a1, far_target
far_back:
        la a2, far_back
        bne a1, a2, fail
        j 1f
        .skip 0x40000
far_target:
        jal x0, far_back
1:

TEST_PASSFAIL
