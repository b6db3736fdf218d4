/*
 * rv64ui/bltu.S
 *
 * bltu: branch if rs1 < rs2 as unsigned 64-bit integers.
 * Every pair is tried with a forward and a backward branch; a taken
 * branch must reach its target, a branch not taken must fall through.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_BR2_OP_NOTTAKEN(2, bltu, 0x0, 0x0)
        TEST_BR2_OP_NOTTAKEN(3, bltu, 0x1, 0x1)
        TEST_BR2_OP_NOTTAKEN(4, bltu, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_TAKEN(5, bltu, 0x0, 0x1)
        TEST_BR2_OP_NOTTAKEN(6, bltu, 0x1, 0x0)
        TEST_BR2_OP_NOTTAKEN(7, bltu, 0xffffffffffffffff, 0x1)
        TEST_BR2_OP_TAKEN(8, bltu, 0x1, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(9, bltu, 0xffffffffffffffff, 0x0)
        TEST_BR2_OP_TAKEN(10, bltu, 0x0, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(11, bltu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_TAKEN(12, bltu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(13, bltu, 0x8000000000000000, 0x0)
        TEST_BR2_OP_TAKEN(14, bltu, 0x0, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(15, bltu, 0x0000000100000000, 0x0)
        TEST_BR2_OP_TAKEN(16, bltu, 0x0, 0x0000000100000000)
        TEST_BR2_OP_TAKEN(17, bltu, 0xffffffff, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(18, bltu, 0x8000000000000001, 0x1)
        TEST_BR2_OP_TAKEN(19, bltu, 0x8000000000000000, 0xffffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(20, bltu, 0xffffffffffffffff, 0x8000000000000000)

        # x0 as an operand reads zero.
test_21:
        li TESTNUM, 21
        li a1, -1
        bltu x0, a1, 1f
        j fail
1:
test_22:
        li TESTNUM, 22
        li a2, 1
        bltu a2, x0, 2f
        j 1f
2:      j fail
1:

        # A branch writes no register: the operands are unchanged.
        TEST_CASE(23, a1, 0x5a, li a1, 0x5a; li a2, 0x5a; bltu a1, a2, 1f; 1: nop)

TEST_PASSFAIL
