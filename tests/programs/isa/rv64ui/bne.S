/*
 * rv64ui/bne.S
 *
 * bne: branch if rs1 != rs2 (all 64 bits compared).
 * Every pair is tried with a forward and a backward branch; a taken
 * branch must reach its target, a branch not taken must fall through.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_BR2_OP_NOTTAKEN(2, bne, 0x0, 0x0)
        TEST_BR2_OP_NOTTAKEN(3, bne, 0x1, 0x1)
        TEST_BR2_OP_NOTTAKEN(4, bne, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(5, bne, 0x0, 0x1)
        TEST_BR2_OP_TAKEN(6, bne, 0x1, 0x0)
        TEST_BR2_OP_TAKEN(7, bne, 0xffffffffffffffff, 0x1)
        TEST_BR2_OP_TAKEN(8, bne, 0x1, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(9, bne, 0xffffffffffffffff, 0x0)
        TEST_BR2_OP_TAKEN(10, bne, 0x0, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(11, bne, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_TAKEN(12, bne, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(13, bne, 0x8000000000000000, 0x0)
        TEST_BR2_OP_TAKEN(14, bne, 0x0, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(15, bne, 0x0000000100000000, 0x0)
        TEST_BR2_OP_TAKEN(16, bne, 0x0, 0x0000000100000000)
        TEST_BR2_OP_TAKEN(17, bne, 0xffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(18, bne, 0x8000000000000001, 0x1)
        TEST_BR2_OP_TAKEN(19, bne, 0x8000000000000000, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(20, bne, 0xffffffffffffffff, 0x8000000000000000)

        # x0 as an operand reads zero.
test_21:
        li TESTNUM, 21
        li a1, -1
        bne x0, a1, 1f
        j fail
1:
test_22:
        li TESTNUM, 22
        li a2, 1
        bne a2, x0, 1f
        j fail
1:

        # A branch writes no register: the operands are unchanged.
        TEST_CASE(23, a1, 0x5a, li a1, 0x5a; li a2, 0x5a; bne a1, a2, 1f; 1: nop)

TEST_PASSFAIL
