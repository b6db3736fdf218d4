/*
 * rv64ui/lh.S
 *
 * lh: load an aligned halfword and sign-extend it.
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, lh, 0xffffffffffffb74b, -16, tdat)
        TEST_LD_OP(3, lh, 0x5d56, -14, tdat)
        TEST_LD_OP(4, lh, 0xffffffffffff95c4, -12, tdat)
        TEST_LD_OP(5, lh, 0x16db, -10, tdat)
        TEST_LD_OP(6, lh, 0xffffffffffffc15e, -8, tdat)
        TEST_LD_OP(7, lh, 0x74e2, -6, tdat)
        TEST_LD_OP(8, lh, 0xffffffffffffab41, -4, tdat)
        TEST_LD_OP(9, lh, 0x5e1b, -2, tdat)
        TEST_LD_OP(10, lh, 0xfffffffffffff1e2, 0, tdat)
        TEST_LD_OP(11, lh, 0x7b4a, 2, tdat)
        TEST_LD_OP(12, lh, 0xfffffffffffff5d2, 4, tdat)
        TEST_LD_OP(13, lh, 0x7e23, 6, tdat)
        TEST_LD_OP(14, lh, 0xffffffffffffaa2f, 8, tdat)
        TEST_LD_OP(15, lh, 0x63c1, 10, tdat)
        TEST_LD_OP(16, lh, 0xffffffffffffdcda, 12, tdat)
        TEST_LD_OP(17, lh, 0x44cb, 14, tdat)

        # The base register is also the destination.
        TEST_CASE(18, a1, 0x7b4a, la a1, tdat; lh a1, 2(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(19, a4, 0xfffffffffffff1e2, la a1, tdat - 8; lh a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(20, lh, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0x4b, 0xb7, 0x56, 0x5d, 0xc4, 0x95, 0xdb, 0x16
        .byte 0x5e, 0xc1, 0xe2, 0x74, 0x41, 0xab, 0x1b, 0x5e
tdat:
        .byte 0xe2, 0xf1, 0x4a, 0x7b, 0xd2, 0xf5, 0x23, 0x7e
        .byte 0x2f, 0xaa, 0xc1, 0x63, 0xda, 0xdc, 0xcb, 0x44
TEST_DATA_END
