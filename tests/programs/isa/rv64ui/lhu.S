/*
 * rv64ui/lhu.S
 *
 * lhu: load an aligned halfword and zero-extend it.
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, lhu, 0xeee9, -16, tdat)
        TEST_LD_OP(3, lhu, 0x3e27, -14, tdat)
        TEST_LD_OP(4, lhu, 0xecc3, -12, tdat)
        TEST_LD_OP(5, lhu, 0x3cad, -10, tdat)
        TEST_LD_OP(6, lhu, 0xaafa, -8, tdat)
        TEST_LD_OP(7, lhu, 0x7143, -6, tdat)
        TEST_LD_OP(8, lhu, 0x960c, -4, tdat)
        TEST_LD_OP(9, lhu, 0x3673, -2, tdat)
        TEST_LD_OP(10, lhu, 0x9641, 0, tdat)
        TEST_LD_OP(11, lhu, 0x515d, 2, tdat)
        TEST_LD_OP(12, lhu, 0xf4d4, 4, tdat)
        TEST_LD_OP(13, lhu, 0x2c7f, 6, tdat)
        TEST_LD_OP(14, lhu, 0xe7bc, 8, tdat)
        TEST_LD_OP(15, lhu, 0x736f, 10, tdat)
        TEST_LD_OP(16, lhu, 0x9080, 12, tdat)
        TEST_LD_OP(17, lhu, 0x6b6e, 14, tdat)

        # The base register is also the destination.
        TEST_CASE(18, a1, 0x515d, la a1, tdat; lhu a1, 2(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(19, a4, 0x9641, la a1, tdat - 8; lhu a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(20, lhu, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0xe9, 0xee, 0x27, 0x3e, 0xc3, 0xec, 0xad, 0x3c
        .byte 0xfa, 0xaa, 0x43, 0x71, 0x0c, 0x96, 0x73, 0x36
tdat:
        .byte 0x41, 0x96, 0x5d, 0x51, 0xd4, 0xf4, 0x7f, 0x2c
        .byte 0xbc, 0xe7, 0x6f, 0x73, 0x80, 0x90, 0x6e, 0x6b
TEST_DATA_END
