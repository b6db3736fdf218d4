/*
 * rv64ui/lb.S
 *
 * lb: load a byte and sign-extend it to 64 bits.
 * Loads from a 32-byte table through a base pointing at its middle, with
 * negative, zero and positive offsets, elements of both signs, a base
 * register that is also the destination, and x0 as destination.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_LD_OP(2, lb, 0xffffffffffffffca, -16, tdat)
        TEST_LD_OP(3, lb, 0x6b, -15, tdat)
        TEST_LD_OP(4, lb, 0xffffffffffffffe8, -14, tdat)
        TEST_LD_OP(5, lb, 0x59, -13, tdat)
        TEST_LD_OP(6, lb, 0xffffffffffffffc9, -12, tdat)
        TEST_LD_OP(7, lb, 0x33, -11, tdat)
        TEST_LD_OP(8, lb, 0xffffffffffffffdd, -10, tdat)
        TEST_LD_OP(9, lb, 0x38, -9, tdat)
        TEST_LD_OP(10, lb, 0xffffffffffffffbe, -8, tdat)
        TEST_LD_OP(11, lb, 0x29, -7, tdat)
        TEST_LD_OP(12, lb, 0xffffffffffffffe9, -6, tdat)
        TEST_LD_OP(13, lb, 0x6, -5, tdat)
        TEST_LD_OP(14, lb, 0xffffffffffffff98, -4, tdat)
        TEST_LD_OP(15, lb, 0x68, -3, tdat)
        TEST_LD_OP(16, lb, 0xffffffffffffffab, -2, tdat)
        TEST_LD_OP(17, lb, 0x75, -1, tdat)
        TEST_LD_OP(18, lb, 0xffffffffffffff9e, 0, tdat)
        TEST_LD_OP(19, lb, 0x68, 1, tdat)
        TEST_LD_OP(20, lb, 0xffffffffffffffdb, 2, tdat)
        TEST_LD_OP(21, lb, 0x48, 3, tdat)
        TEST_LD_OP(22, lb, 0xffffffffffffffe0, 4, tdat)
        TEST_LD_OP(23, lb, 0x31, 5, tdat)
        TEST_LD_OP(24, lb, 0xffffffffffffffbd, 6, tdat)
        TEST_LD_OP(25, lb, 0x51, 7, tdat)
        TEST_LD_OP(26, lb, 0xffffffffffffffeb, 8, tdat)
        TEST_LD_OP(27, lb, 0x4e, 9, tdat)
        TEST_LD_OP(28, lb, 0xffffffffffffffec, 10, tdat)
        TEST_LD_OP(29, lb, 0xd, 11, tdat)
        TEST_LD_OP(30, lb, 0xffffffffffffffc0, 12, tdat)
        TEST_LD_OP(31, lb, 0x52, 13, tdat)
        TEST_LD_OP(32, lb, 0xffffffffffffffbf, 14, tdat)
        TEST_LD_OP(33, lb, 0x5c, 15, tdat)

        # The base register is also the destination.
        TEST_CASE(34, a1, 0x68, la a1, tdat; lb a1, 1(a1))
        # Base address formed from a different offset: (tdat - 8) + 8.
        TEST_CASE(35, a4, 0xffffffffffffff9e, la a1, tdat - 8; lb a4, 8(a1))

        # x0 as destination: the load happens, the value is dropped.
        TEST_LD_ZERODEST(36, lb, 0, tdat)

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .byte 0xca, 0x6b, 0xe8, 0x59, 0xc9, 0x33, 0xdd, 0x38
        .byte 0xbe, 0x29, 0xe9, 0x06, 0x98, 0x68, 0xab, 0x75
tdat:
        .byte 0x9e, 0x68, 0xdb, 0x48, 0xe0, 0x31, 0xbd, 0x51
        .byte 0xeb, 0x4e, 0xec, 0x0d, 0xc0, 0x52, 0xbf, 0x5c
TEST_DATA_END
