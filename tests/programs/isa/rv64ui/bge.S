/*
 * rv64ui/bge.S
 *
 * bge: branch if rs1 >= rs2 as signed 64-bit integers.
 * Every pair is tried with a forward and a backward branch; a taken
 * branch must reach its target, a branch not taken must fall through.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_BR2_OP_TAKEN(2, bge, 0x0, 0x0)
        TEST_BR2_OP_TAKEN(3, bge, 0x1, 0x1)
        TEST_BR2_OP_TAKEN(4, bge, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(5, bge, 0x0, 0x1)
        TEST_BR2_OP_TAKEN(6, bge, 0x1, 0x0)
        TEST_BR2_OP_NOTTAKEN(7, bge, 0xffffffffffffffff, 0x1)
        TEST_BR2_OP_TAKEN(8, bge, 0x1, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(9, bge, 0xffffffffffffffff, 0x0)
        TEST_BR2_OP_TAKEN(10, bge, 0x0, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(11, bge, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_TAKEN(12, bge, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(13, bge, 0x8000000000000000, 0x0)
        TEST_BR2_OP_TAKEN(14, bge, 0x0, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(15, bge, 0x0000000100000000, 0x0)
        TEST_BR2_OP_NOTTAKEN(16, bge, 0x0, 0x0000000100000000)
        TEST_BR2_OP_TAKEN(17, bge, 0xffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(18, bge, 0x8000000000000001, 0x1)
        TEST_BR2_OP_NOTTAKEN(19, bge, 0x8000000000000000, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(20, bge, 0xffffffffffffffff, 0x8000000000000000)

        # x0 as an operand reads zero.
test_21:
        li TESTNUM, 21
        li a1, -1
        bge x0, a1, 1f
        j fail
1:
test_22:
        li TESTNUM, 22
        li a2, 1
        bge a2, x0, 1f
        j fail
1:

        # A branch writes no register: the operands are unchanged.
        TEST_CASE(23, a1, 0x5a, li a1, 0x5a; li a2, 0x5a; bge a1, a2, 1f; 1: nop)

TEST_PASSFAIL
