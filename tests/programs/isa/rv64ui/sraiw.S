/*
 * rv64ui/sraiw.S
 *
 * sraiw: shift the low word right arithmetically by a 5-bit immediate,
 * sign-extend the result.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, sraiw, 0x1, 0x1, 0)
        TEST_IMM_OP(3, sraiw, 0x0, 0x1, 1)
        TEST_IMM_OP(4, sraiw, 0x0, 0x1, 7)
        TEST_IMM_OP(5, sraiw, 0x0, 0x1, 14)
        TEST_IMM_OP(6, sraiw, 0x0, 0x1, 31)
        TEST_IMM_OP(7, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 0)
        TEST_IMM_OP(8, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 1)
        TEST_IMM_OP(9, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 7)
        TEST_IMM_OP(10, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 14)
        TEST_IMM_OP(11, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 31)
        TEST_IMM_OP(12, sraiw, 0x21212121, 0x21212121, 0)
        TEST_IMM_OP(13, sraiw, 0x10909090, 0x21212121, 1)
        TEST_IMM_OP(14, sraiw, 0x00424242, 0x21212121, 7)
        TEST_IMM_OP(15, sraiw, 0x8484, 0x21212121, 14)
        TEST_IMM_OP(16, sraiw, 0x0, 0x21212121, 31)
        TEST_IMM_OP(17, sraiw, 0xffffffff80000000, 0xffffffff80000000, 0)
        TEST_IMM_OP(18, sraiw, 0xffffffffc0000000, 0xffffffff80000000, 1)
        TEST_IMM_OP(19, sraiw, 0xffffffffff000000, 0xffffffff80000000, 7)
        TEST_IMM_OP(20, sraiw, 0xfffffffffffe0000, 0xffffffff80000000, 14)
        TEST_IMM_OP(21, sraiw, 0xffffffffffffffff, 0xffffffff80000000, 31)
        TEST_IMM_OP(22, sraiw, 0x76543210, 0xfedcba9876543210, 0)
        TEST_IMM_OP(23, sraiw, 0x3b2a1908, 0xfedcba9876543210, 1)
        TEST_IMM_OP(24, sraiw, 0x00eca864, 0xfedcba9876543210, 7)
        TEST_IMM_OP(25, sraiw, 0x0001d950, 0xfedcba9876543210, 14)
        TEST_IMM_OP(26, sraiw, 0x0, 0xfedcba9876543210, 31)
        TEST_IMM_OP(27, sraiw, 0xffffffffffffffff, 0x8000000180000001, 31)
        TEST_IMM_OP(28, sraiw, 0x7fffffff, 0xffffffff7fffffff, 0)
        TEST_IMM_OP(29, sraiw, 0xffffffffffffffff, 0xffffffff, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(30, sraiw, 0xfffffffffffff6e5, 0x01234567fedcba98, 13)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(31, sraiw, 0x0, 13)
        TEST_IMM_ZERODEST(32, sraiw, 0x01234567fedcba98, 13)

TEST_PASSFAIL
