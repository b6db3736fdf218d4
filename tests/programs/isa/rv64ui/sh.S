/*
 * rv64ui/sh.S
 *
 * sh: store the low halfword of rs2 to an aligned address.
 * Each store is read back (round trip, with the signed and the unsigned
 * load of that width), and the enclosing doubleword is checked to show
 * which bytes the store wrote.  Offsets are negative, zero and positive.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Round trips.
        TEST_ST_OP(2, lh, sh, 0xffffffffffff912d, -16, tdat)
        TEST_ST_OP(3, lhu, sh, 0x36df, -14, tdat)
        TEST_ST_OP(4, lh, sh, 0xffffffffffffd35a, -12, tdat)
        TEST_ST_OP(5, lhu, sh, 0x6b9b, -10, tdat)
        TEST_ST_OP(6, lh, sh, 0xffffffffffff80f0, -8, tdat)
        TEST_ST_OP(7, lhu, sh, 0x47a3, -6, tdat)
        TEST_ST_OP(8, lh, sh, 0xffffffffffffc865, -4, tdat)
        TEST_ST_OP(9, lhu, sh, 0x5380, -2, tdat)
        TEST_ST_OP(10, lh, sh, 0xffffffffffffc0b0, 0, tdat)
        TEST_ST_OP(11, lhu, sh, 0x3311, 2, tdat)
        TEST_ST_OP(12, lh, sh, 0xffffffffffffb1a1, 4, tdat)
        TEST_ST_OP(13, lhu, sh, 0x2ea4, 6, tdat)
        TEST_ST_OP(14, lh, sh, 0xfffffffffffff849, 8, tdat)
        TEST_ST_OP(15, lhu, sh, 0x1ee7, 10, tdat)
        TEST_ST_OP(16, lh, sh, 0xffffffffffffc0f1, 12, tdat)
        TEST_ST_OP(17, lhu, sh, 0x454c, 14, tdat)

        # Only the addressed bytes change: store junk-topped values and
        # check the whole doubleword around them.
        TEST_ST_DWORD(18, sh, 0xfedcba987654ba97, -8, tdat, -8, 0x5380c86547a3ba97)
        TEST_ST_DWORD(19, sh, 0xfedcba9876545475, -6, tdat, -8, 0x5380c8655475ba97)
        TEST_ST_DWORD(20, sh, 0xfedcba9876547653, -4, tdat, -8, 0x538076535475ba97)
        TEST_ST_DWORD(21, sh, 0xfedcba9876541031, -2, tdat, -8, 0x103176535475ba97)

        # Storing the base register itself stores the address.
        TEST_CASE(22, a4, 0, la a1, tdat; sh a1, 0(a1); lhu a4, 0(a1); la a2, tdat; sub a4, a4, a2; slli a4, a4, 48)

        # x0 as the source stores zero.
        TEST_CASE(23, a4, 0, la a1, tdat; li a4, -1; sh a4, 0(a1); sh x0, 0(a1); lhu a4, 0(a1))

TEST_PASSFAIL

TEST_DATA_BEGIN
        .align 4
tdat_lo:
        .dword 0xeeeeeeeeeeeeeeee
        .dword 0xeeeeeeeeeeeeeeee
tdat:
        .dword 0xeeeeeeeeeeeeeeee
        .dword 0xeeeeeeeeeeeeeeee
TEST_DATA_END
