/*
 * rv64ui/sw.S
 *
 * sw: store the low word of rs2 to an aligned address.
 * Each store is read back (round trip, with the signed and the unsigned
 * load of that width), and the enclosing doubleword is checked to show
 * which bytes the store wrote.  Offsets are negative, zero and positive.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Round trips.
        TEST_ST_OP(2, lw, sw, 0xffffffffc38dbe31, -16, tdat)
        TEST_ST_OP(3, lwu, sw, 0x62b2bbd1, -12, tdat)
        TEST_ST_OP(4, lw, sw, 0xffffffffa51059fa, -8, tdat)
        TEST_ST_OP(5, lwu, sw, 0x780c4b16, -4, tdat)
        TEST_ST_OP(6, lw, sw, 0xffffffffe8d0ef1c, 0, tdat)
        TEST_ST_OP(7, lwu, sw, 0x5f814753, 4, tdat)
        TEST_ST_OP(8, lw, sw, 0xffffffffb2b5dbc3, 8, tdat)
        TEST_ST_OP(9, lwu, sw, 0x322b7d97, 12, tdat)

        # Only the addressed bytes change: store junk-topped values and
        # check the whole doubleword around them.
        TEST_ST_DWORD(10, sw, 0xfedcba987654ba97, -8, tdat, -8, 0x780c4b167654ba97)
        TEST_ST_DWORD(11, sw, 0xfedcba9876547653, -4, tdat, -8, 0x765476537654ba97)

        # Storing the base register itself stores the address.
        TEST_CASE(12, a4, 0, la a1, tdat; sw a1, 0(a1); lwu a4, 0(a1); la a2, tdat; sub a4, a4, a2; slli a4, a4, 32)

        # x0 as the source stores zero.
        TEST_CASE(13, a4, 0, la a1, tdat; li a4, -1; sw a4, 0(a1); sw x0, 0(a1); lwu a4, 0(a1))

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
