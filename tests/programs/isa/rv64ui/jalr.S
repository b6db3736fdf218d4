/*
 * rv64ui/jalr.S
 *
 * jalr: target = (rs1 + sign-extended imm12) with bit 0 cleared;
 * rd = pc + 4.  Checks the link value, positive and negative offsets at
 * the limits of the immediate, rd == rs1 (the old rs1 is the target), the
 * cleared low bit, and jalr x0 (no link).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Link value and target.
test_2:
        li TESTNUM, 2
        la a2, 1f
        jalr a1, 0(a2)
2:      j fail
1:      la a3, 2b
        bne a1, a3, fail

        # Offsets are added to rs1, at both ends of the 12-bit range.
test_3:
        li TESTNUM, 3
        la a2, 1f - 2044
        jalr x0, 2044(a2)
        j fail
1:
test_4:
        li TESTNUM, 4
        la a2, 1f + 2048
        jalr x0, -2048(a2)
        j fail
1:

        # rd == rs1: the jump uses the old value, then rd gets the link.
test_5:
        li TESTNUM, 5
        la a1, 1f
        jalr a1, 0(a1)
2:      j fail
1:      la a3, 2b
        bne a1, a3, fail

        # Bit 0 of the sum is cleared (rs1 odd, or rs1 + odd offset).
test_6:
        li TESTNUM, 6
        la a2, 1f
        addi a2, a2, 1
        jalr x0, 0(a2)
        j fail
1:
test_7:
        li TESTNUM, 7
        la a2, 1f
        addi a2, a2, -1
        jalr x0, 1(a2)
        j fail
1:
test_8:
        li TESTNUM, 8
        la a2, 1f
        jalr x0, 1(a2)
        j fail
1:

        # Call and return through ra.
test_9:
        li TESTNUM, 9
        li a4, 0
        la a2, 1f
        jalr ra, 0(a2)
        j 2f
1:      li a4, 9
        jalr x0, 0(ra)
2:      li t6, 9
        bne a4, t6, fail

TEST_PASSFAIL
