/*
 * rv64ui/sb.S
 *
 * sb: store the low byte of rs2; other bytes of memory are untouched.
 * Each store is read back (round trip, with the signed and the unsigned
 * load of that width), and the enclosing doubleword is checked to show
 * which bytes the store wrote.  Offsets are negative, zero and positive.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        # Round trips.
        TEST_ST_OP(2, lb, sb, 0xffffffffffffff8b, -16, tdat)
        TEST_ST_OP(3, lbu, sb, 0x66, -15, tdat)
        TEST_ST_OP(4, lb, sb, 0xffffffffffffffb4, -14, tdat)
        TEST_ST_OP(5, lbu, sb, 0x3c, -13, tdat)
        TEST_ST_OP(6, lb, sb, 0xffffffffffffffb5, -12, tdat)
        TEST_ST_OP(7, lbu, sb, 0x7, -11, tdat)
        TEST_ST_OP(8, lb, sb, 0xffffffffffffffa4, -10, tdat)
        TEST_ST_OP(9, lbu, sb, 0x1e, -9, tdat)
        TEST_ST_OP(10, lb, sb, 0xffffffffffffffdc, -8, tdat)
        TEST_ST_OP(11, lbu, sb, 0x4c, -7, tdat)
        TEST_ST_OP(12, lb, sb, 0xffffffffffffffc4, -6, tdat)
        TEST_ST_OP(13, lbu, sb, 0x6a, -5, tdat)
        TEST_ST_OP(14, lb, sb, 0xffffffffffffff82, -4, tdat)
        TEST_ST_OP(15, lbu, sb, 0x31, -3, tdat)
        TEST_ST_OP(16, lb, sb, 0xfffffffffffffff0, -2, tdat)
        TEST_ST_OP(17, lbu, sb, 0x35, -1, tdat)
        TEST_ST_OP(18, lb, sb, 0xffffffffffffffaa, 0, tdat)
        TEST_ST_OP(19, lbu, sb, 0x37, 1, tdat)
        TEST_ST_OP(20, lb, sb, 0xffffffffffffff84, 2, tdat)
        TEST_ST_OP(21, lbu, sb, 0x70, 3, tdat)
        TEST_ST_OP(22, lb, sb, 0xffffffffffffffc7, 4, tdat)
        TEST_ST_OP(23, lbu, sb, 0x70, 5, tdat)
        TEST_ST_OP(24, lb, sb, 0xfffffffffffffff5, 6, tdat)
        TEST_ST_OP(25, lbu, sb, 0x3b, 7, tdat)
        TEST_ST_OP(26, lb, sb, 0xffffffffffffffb1, 8, tdat)
        TEST_ST_OP(27, lbu, sb, 0x25, 9, tdat)
        TEST_ST_OP(28, lb, sb, 0xffffffffffffffda, 10, tdat)
        TEST_ST_OP(29, lbu, sb, 0x1e, 11, tdat)
        TEST_ST_OP(30, lb, sb, 0xffffffffffffffcc, 12, tdat)
        TEST_ST_OP(31, lbu, sb, 0x34, 13, tdat)
        TEST_ST_OP(32, lb, sb, 0xffffffffffffffb3, 14, tdat)
        TEST_ST_OP(33, lbu, sb, 0x63, 15, tdat)

        # Only the addressed bytes change: store junk-topped values and
        # check the whole doubleword around them.
        TEST_ST_DWORD(34, sb, 0xfedcba987654ba97, -8, tdat, -8, 0x35f031826ac44c97)
        TEST_ST_DWORD(35, sb, 0xfedcba9876544566, -7, tdat, -8, 0x35f031826ac46697)
        TEST_ST_DWORD(36, sb, 0xfedcba9876545475, -6, tdat, -8, 0x35f031826a756697)
        TEST_ST_DWORD(37, sb, 0xfedcba9876546744, -5, tdat, -8, 0x35f0318244756697)
        TEST_ST_DWORD(38, sb, 0xfedcba9876547653, -4, tdat, -8, 0x35f0315344756697)
        TEST_ST_DWORD(39, sb, 0xfedcba9876540122, -3, tdat, -8, 0x35f0225344756697)
        TEST_ST_DWORD(40, sb, 0xfedcba9876541031, -2, tdat, -8, 0x3531225344756697)
        TEST_ST_DWORD(41, sb, 0xfedcba9876542300, -1, tdat, -8, 0x0031225344756697)

        # Storing the base register itself stores the address.
        TEST_CASE(42, a4, 0, la a1, tdat; sb a1, 0(a1); lbu a4, 0(a1); la a2, tdat; sub a4, a4, a2; slli a4, a4, 56)

        # x0 as the source stores zero.
        TEST_CASE(43, a4, 0, la a1, tdat; li a4, -1; sb a4, 0(a1); sb x0, 0(a1); lbu a4, 0(a1))

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
