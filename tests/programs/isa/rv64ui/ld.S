/*
 * rv64ui/ld.S
 *
 * ld: load an aligned doubleword.
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, ld, 0xfc6020841df308f5, -16, tdat)
        TEST_LD_OP(3, ld, 0x778eef7290e6dfba, -8, tdat)
        TEST_LD_OP(4, ld, 0x9326b3fbba8c5c46, 0, tdat)
        TEST_LD_OP(5, ld, 0x2f132bdd475ba9b2, 8, tdat)

        # The base register is also the destination.
        TEST_CASE(6, a1, 0x2f132bdd475ba9b2, la a1, tdat; ld a1, 8(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(7, a4, 0x9326b3fbba8c5c46, la a1, tdat - 8; ld a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(8, ld, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0xf5, 0x08, 0xf3, 0x1d, 0x84, 0x20, 0x60, 0xfc
        .byte 0xba, 0xdf, 0xe6, 0x90, 0x72, 0xef, 0x8e, 0x77
tdat:
        .byte 0x46, 0x5c, 0x8c, 0xba, 0xfb, 0xb3, 0x26, 0x93
        .byte 0xb2, 0xa9, 0x5b, 0x47, 0xdd, 0x2b, 0x13, 0x2f
TEST_DATA_END
