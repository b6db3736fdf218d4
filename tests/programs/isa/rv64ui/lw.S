/*
 * rv64ui/lw.S
 *
 * lw: load an aligned word and sign-extend it (an RV64 lw of 0x80000000
 * gives 0xffffffff80000000).
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, lw, 0xffffffffc874650a, -16, tdat)
        TEST_LD_OP(3, lw, 0x084003a9, -12, tdat)
        TEST_LD_OP(4, lw, 0xffffffffbc4b3555, -8, tdat)
        TEST_LD_OP(5, lw, 0x1fbca827, -4, tdat)
        TEST_LD_OP(6, lw, 0xffffffffa5c88367, 0, tdat)
        TEST_LD_OP(7, lw, 0x14d19957, 4, tdat)
        TEST_LD_OP(8, lw, 0xffffffff847ce4ee, 8, tdat)
        TEST_LD_OP(9, lw, 0x1333145c, 12, tdat)

        # The base register is also the destination.
        TEST_CASE(10, a1, 0x14d19957, la a1, tdat; lw a1, 4(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(11, a4, 0xffffffffa5c88367, la a1, tdat - 8; lw a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(12, lw, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0x0a, 0x65, 0x74, 0xc8, 0xa9, 0x03, 0x40, 0x08
        .byte 0x55, 0x35, 0x4b, 0xbc, 0x27, 0xa8, 0xbc, 0x1f
tdat:
        .byte 0x67, 0x83, 0xc8, 0xa5, 0x57, 0x99, 0xd1, 0x14
        .byte 0xee, 0xe4, 0x7c, 0x84, 0x5c, 0x14, 0x33, 0x13
TEST_DATA_END
