/*
 * rv64ui/lwu.S
 *
 * lwu: load an aligned word and zero-extend it.
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, lwu, 0x9f0137b2, -16, tdat)
        TEST_LD_OP(3, lwu, 0x325395ab, -12, tdat)
        TEST_LD_OP(4, lwu, 0xca334b54, -8, tdat)
        TEST_LD_OP(5, lwu, 0x45dc56b3, -4, tdat)
        TEST_LD_OP(6, lwu, 0xdd74feeb, 0, tdat)
        TEST_LD_OP(7, lwu, 0x271f809f, 4, tdat)
        TEST_LD_OP(8, lwu, 0xc85fb73b, 8, tdat)
        TEST_LD_OP(9, lwu, 0x3f93c1fb, 12, tdat)

        # The base register is also the destination.
        TEST_CASE(10, a1, 0x271f809f, la a1, tdat; lwu a1, 4(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(11, a4, 0xdd74feeb, la a1, tdat - 8; lwu a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(12, lwu, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0xb2, 0x37, 0x01, 0x9f, 0xab, 0x95, 0x53, 0x32
        .byte 0x54, 0x4b, 0x33, 0xca, 0xb3, 0x56, 0xdc, 0x45
tdat:
        .byte 0xeb, 0xfe, 0x74, 0xdd, 0x9f, 0x80, 0x1f, 0x27
        .byte 0x3b, 0xb7, 0x5f, 0xc8, 0xfb, 0xc1, 0x93, 0x3f
TEST_DATA_END
