/*
 * rv64ui/sd.S
 *
 * sd: store a doubleword to an aligned address.
 * Each store is read back (round trip, with the signed and the unsigned
 * load of that width), and the enclosing doubleword is checked to show
 * which bytes the store wrote.  Offsets are negative, zero and positive.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Round trips.
        TEST_ST_OP(2, ld, sd, 0x8ad757b6173beda4, -16, tdat)
        TEST_ST_OP(3, ld, sd, 0x7dfa7c26d7946374, -8, tdat)
        TEST_ST_OP(4, ld, sd, 0xec5a800d99b73cf9, 0, tdat)
        TEST_ST_OP(5, ld, sd, 0x076202fd366ef2b9, 8, tdat)

        # The full doubleword is written.
        TEST_ST_DWORD(6, sd, 0x0123456789abcdef, -8, tdat, -8, 0x0123456789abcdef)

        # Storing the base register itself stores the address.
        TEST_CASE(7, a4, 0, la a1, tdat; sd a1, 0(a1); ld a4, 0(a1); la a2, tdat; sub a4, a4, a2; slli a4, a4, 0)

        # x0 as the source stores zero.
        TEST_CASE(8, a4, 0, la a1, tdat; li a4, -1; sd a4, 0(a1); sd x0, 0(a1); ld a4, 0(a1))

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
