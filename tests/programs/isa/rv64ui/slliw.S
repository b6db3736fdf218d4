/*
 * rv64ui/slliw.S
 *
 * slliw: shift the low word left by a 5-bit immediate, sign-extend the result.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, slliw, 0x1, 0x1, 0)
        TEST_IMM_OP(3, slliw, 0x2, 0x1, 1)
        TEST_IMM_OP(4, slliw, 0x80, 0x1, 7)
        TEST_IMM_OP(5, slliw, 0x4000, 0x1, 14)
        TEST_IMM_OP(6, slliw, 0xffffffff80000000, 0x1, 31)
        TEST_IMM_OP(7, slliw, 0xffffffffffffffff, 0xffffffffffffffff, 0)
        TEST_IMM_OP(8, slliw, 0xfffffffffffffffe, 0xffffffffffffffff, 1)
        TEST_IMM_OP(9, slliw, 0xffffffffffffff80, 0xffffffffffffffff, 7)
        TEST_IMM_OP(10, slliw, 0xffffffffffffc000, 0xffffffffffffffff, 14)
        TEST_IMM_OP(11, slliw, 0xffffffff80000000, 0xffffffffffffffff, 31)
        TEST_IMM_OP(12, slliw, 0x21212121, 0x21212121, 0)
        TEST_IMM_OP(13, slliw, 0x42424242, 0x21212121, 1)
        TEST_IMM_OP(14, slliw, 0xffffffff90909080, 0x21212121, 7)
        TEST_IMM_OP(15, slliw, 0x48484000, 0x21212121, 14)
        TEST_IMM_OP(16, slliw, 0xffffffff80000000, 0x21212121, 31)
        TEST_IMM_OP(17, slliw, 0xffffffff80000000, 0xffffffff80000000, 0)
        TEST_IMM_OP(18, slliw, 0x0, 0xffffffff80000000, 1)
        TEST_IMM_OP(19, slliw, 0x0, 0xffffffff80000000, 7)
        TEST_IMM_OP(20, slliw, 0x0, 0xffffffff80000000, 14)
        TEST_IMM_OP(21, slliw, 0x0, 0xffffffff80000000, 31)
        TEST_IMM_OP(22, slliw, 0x76543210, 0xfedcba9876543210, 0)
        TEST_IMM_OP(23, slliw, 0xffffffffeca86420, 0xfedcba9876543210, 1)
        TEST_IMM_OP(24, slliw, 0x2a190800, 0xfedcba9876543210, 7)
        TEST_IMM_OP(25, slliw, 0x0c840000, 0xfedcba9876543210, 14)
        TEST_IMM_OP(26, slliw, 0x0, 0xfedcba9876543210, 31)
        TEST_IMM_OP(27, slliw, 0xffffffff80000000, 0x8000000180000001, 31)
        TEST_IMM_OP(28, slliw, 0x7fffffff, 0xffffffff7fffffff, 0)
        TEST_IMM_OP(29, slliw, 0xffffffffffffffff, 0xffffffff, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(30, slliw, 0x79bde000, 0x0123456789abcdef, 13)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(31, slliw, 0x0, 13)
        TEST_IMM_ZERODEST(32, slliw, 0x0123456789abcdef, 13)

TEST_PASSFAIL
