/*
 * rv64ui/blt.S
 *
 * blt: branch if rs1 < rs2 as signed 64-bit integers.
 * Every pair is tried with a forward and a backward branch; a taken
 * branch must reach its target, a branch not taken must fall through.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_BR2_OP_NOTTAKEN(2, blt, 0x0, 0x0)
        TEST_BR2_OP_NOTTAKEN(3, blt, 0x1, 0x1)
        TEST_BR2_OP_NOTTAKEN(4, blt, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(5, blt, 0x0, 0x1)
        TEST_BR2_OP_NOTTAKEN(6, blt, 0x1, 0x0)
        TEST_BR2_OP_TAKEN(7, blt, 0xffffffffffffffff, 0x1)
        TEST_BR2_OP_NOTTAKEN(8, blt, 0x1, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(9, blt, 0xffffffffffffffff, 0x0)
        TEST_BR2_OP_NOTTAKEN(10, blt, 0x0, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(11, blt, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(12, blt, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(13, blt, 0x8000000000000000, 0x0)
        TEST_BR2_OP_NOTTAKEN(14, blt, 0x0, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(15, blt, 0x0000000100000000, 0x0)
        TEST_BR2_OP_TAKEN(16, blt, 0x0, 0x0000000100000000)
        TEST_BR2_OP_NOTTAKEN(17, blt, 0xffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(18, blt, 0x8000000000000001, 0x1)
        TEST_BR2_OP_TAKEN(19, blt, 0x8000000000000000, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(20, blt, 0xffffffffffffffff, 0x8000000000000000)

        # x0 as an operand reads zero.
test_21:
        li TESTNUM, 21
        li a1, -1
        blt x0, a1, 2f
        j 1f
2:      j fail
1:
test_22:
        li TESTNUM, 22
        li a2, 1
        blt a2, x0, 2f
        j 1f
2:      j fail
1:

        # A branch writes no register: the operands are unchanged.
        TEST_CASE(23, a1, 0x5a, li a1, 0x5a; li a2, 0x5a; blt a1, a2, 1f; 1: nop)

TEST_PASSFAIL
