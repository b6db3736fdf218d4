/*
 * rv64ui/lbu.S
 *
 * lbu: load a byte and zero-extend it.
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, lbu, 0xe3, -16, tdat)
        TEST_LD_OP(3, lbu, 0x37, -15, tdat)
        TEST_LD_OP(4, lbu, 0xef, -14, tdat)
        TEST_LD_OP(5, lbu, 0x18, -13, tdat)
        TEST_LD_OP(6, lbu, 0xed, -12, tdat)
        TEST_LD_OP(7, lbu, 0x71, -11, tdat)
        TEST_LD_OP(8, lbu, 0x93, -10, tdat)
        TEST_LD_OP(9, lbu, 0x78, -9, tdat)
        TEST_LD_OP(10, lbu, 0xec, -8, tdat)
        TEST_LD_OP(11, lbu, 0x28, -7, tdat)
        TEST_LD_OP(12, lbu, 0xe0, -6, tdat)
        TEST_LD_OP(13, lbu, 0x24, -5, tdat)
        TEST_LD_OP(14, lbu, 0x82, -4, tdat)
        TEST_LD_OP(15, lbu, 0x62, -3, tdat)
        TEST_LD_OP(16, lbu, 0xd2, -2, tdat)
        TEST_LD_OP(17, lbu, 0x2d, -1, tdat)
        TEST_LD_OP(18, lbu, 0xe3, 0, tdat)
        TEST_LD_OP(19, lbu, 0x3b, 1, tdat)
        TEST_LD_OP(20, lbu, 0xe2, 2, tdat)
        TEST_LD_OP(21, lbu, 0x71, 3, tdat)
        TEST_LD_OP(22, lbu, 0xa6, 4, tdat)
        TEST_LD_OP(23, lbu, 0x7a, 5, tdat)
        TEST_LD_OP(24, lbu, 0xce, 6, tdat)
        TEST_LD_OP(25, lbu, 0x58, 7, tdat)
        TEST_LD_OP(26, lbu, 0xea, 8, tdat)
        TEST_LD_OP(27, lbu, 0x20, 9, tdat)
        TEST_LD_OP(28, lbu, 0xdc, 10, tdat)
        TEST_LD_OP(29, lbu, 0x6f, 11, tdat)
        TEST_LD_OP(30, lbu, 0x9b, 12, tdat)
        TEST_LD_OP(31, lbu, 0x6c, 13, tdat)
        TEST_LD_OP(32, lbu, 0xb8, 14, tdat)
        TEST_LD_OP(33, lbu, 0x28, 15, tdat)

        # The base register is also the destination.
        TEST_CASE(34, a1, 0x3b, la a1, tdat; lbu a1, 1(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(35, a4, 0xe3, la a1, tdat - 8; lbu a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(36, lbu, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0xe3, 0x37, 0xef, 0x18, 0xed, 0x71, 0x93, 0x78
        .byte 0xec, 0x28, 0xe0, 0x24, 0x82, 0x62, 0xd2, 0x2d
tdat:
        .byte 0xe3, 0x3b, 0xe2, 0x71, 0xa6, 0x7a, 0xce, 0x58
        .byte 0xea, 0x20, 0xdc, 0x6f, 0x9b, 0x6c, 0xb8, 0x28
TEST_DATA_END
