/*
 * rv64ui/bgeu.S
 *
 * bgeu: branch if rs1 >= rs2 as unsigned 64-bit integers.
 * Every pair is tried with a forward and a backward branch; a taken
 * branch must reach its target, a branch not taken must fall through.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_BR2_OP_TAKEN(2, bgeu, 0x0, 0x0)
        TEST_BR2_OP_TAKEN(3, bgeu, 0x1, 0x1)
        TEST_BR2_OP_TAKEN(4, bgeu, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(5, bgeu, 0x0, 0x1)
        TEST_BR2_OP_TAKEN(6, bgeu, 0x1, 0x0)
        TEST_BR2_OP_TAKEN(7, bgeu, 0xffffffffffffffff, 0x1)
        TEST_BR2_OP_NOTTAKEN(8, bgeu, 0x1, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(9, bgeu, 0xffffffffffffffff, 0x0)
        TEST_BR2_OP_NOTTAKEN(10, bgeu, 0x0, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(11, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(12, bgeu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(13, bgeu, 0x8000000000000000, 0x0)
        TEST_BR2_OP_NOTTAKEN(14, bgeu, 0x0, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(15, bgeu, 0x0000000100000000, 0x0)
        TEST_BR2_OP_NOTTAKEN(16, bgeu, 0x0, 0x0000000100000000)
        TEST_BR2_OP_NOTTAKEN(17, bgeu, 0xffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(18, bgeu, 0x8000000000000001, 0x1)
        TEST_BR2_OP_NOTTAKEN(19, bgeu, 0x8000000000000000, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(20, bgeu, 0xffffffffffffffff, 0x8000000000000000)

        # x0 as an operand reads zero.
test_21:
        li TESTNUM, 21
        li a1, -1
        bgeu x0, a1, 2f
        j 1f
2:      j fail
1:
test_22:
        li TESTNUM, 22
        li a2, 1
        bgeu a2, x0, 1f
        j fail
1:

        # A branch writes no register: the operands are unchanged.
        TEST_CASE(23, a1, 0x5a, li a1, 0x5a; li a2, 0x5a; bgeu a1, a2, 1f; 1: nop)

TEST_PASSFAIL
