/*
 * rv64ui/sraw.S
 *
 * sraw: shift the low word right arithmetically (copies of bit 31) by
 * rs2[4:0], sign-extend the 32-bit result.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, sraw, 0x1, 0x1, 0x0)
        TEST_RR_OP(3, sraw, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, sraw, 0x0, 0x1, 0x7)
        TEST_RR_OP(5, sraw, 0x0, 0x1, 0xe)
        TEST_RR_OP(6, sraw, 0x0, 0x1, 0x1f)
        TEST_RR_OP(7, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(8, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(9, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x7)
        TEST_RR_OP(10, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0xe)
        TEST_RR_OP(11, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x1f)
        TEST_RR_OP(12, sraw, 0x21212121, 0x21212121, 0x0)
        TEST_RR_OP(13, sraw, 0x10909090, 0x21212121, 0x1)
        TEST_RR_OP(14, sraw, 0x00424242, 0x21212121, 0x7)
        TEST_RR_OP(15, sraw, 0x8484, 0x21212121, 0xe)
        TEST_RR_OP(16, sraw, 0x0, 0x21212121, 0x1f)
        TEST_RR_OP(17, sraw, 0xffffffff80000000, 0xffffffff80000000, 0x0)
        TEST_RR_OP(18, sraw, 0xffffffffc0000000, 0xffffffff80000000, 0x1)
        TEST_RR_OP(19, sraw, 0xffffffffff000000, 0xffffffff80000000, 0x7)
        TEST_RR_OP(20, sraw, 0xfffffffffffe0000, 0xffffffff80000000, 0xe)
        TEST_RR_OP(21, sraw, 0xffffffffffffffff, 0xffffffff80000000, 0x1f)
        TEST_RR_OP(22, sraw, 0x76543210, 0xfedcba9876543210, 0x0)
        TEST_RR_OP(23, sraw, 0x3b2a1908, 0xfedcba9876543210, 0x1)
        TEST_RR_OP(24, sraw, 0x00eca864, 0xfedcba9876543210, 0x7)
        TEST_RR_OP(25, sraw, 0x0001d950, 0xfedcba9876543210, 0xe)
        TEST_RR_OP(26, sraw, 0x0, 0xfedcba9876543210, 0x1f)
        TEST_RR_OP(27, sraw, 0x21212121, 0x21212121, 0xffffffffffffffe0)
        TEST_RR_OP(28, sraw, 0x10909090, 0x21212121, 0xffffffffffffffe1)
        TEST_RR_OP(29, sraw, 0x00424242, 0x21212121, 0xffffffffffffffe7)
        TEST_RR_OP(30, sraw, 0x8484, 0x21212121, 0xffffffffffffffee)
        TEST_RR_OP(31, sraw, 0x0, 0x21212121, 0xffffffffffffffff)
        TEST_RR_OP(32, sraw, 0xffffffffffffffff, 0x8000000180000001, 0x1f)
        TEST_RR_OP(33, sraw, 0x7fffffff, 0xffffffff7fffffff, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(34, sraw, 0xfffffffffffdb975, 0x01234567fedcba98, 0x7)
        TEST_RR_SRC2_EQ_DEST(35, sraw, 0xffffffffffdb9753, 0x01234567fedcba98, 0xffffffffffffffe3)
        TEST_RR_SRC12_EQ_DEST(36, sraw, 0xfffffffffffffffe, 0x01234567fedcba98)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(37, sraw, 0x0, 0x7)
        TEST_RR_ZEROSRC2(38, sraw, 0xfffffffffedcba98, 0x01234567fedcba98)
        TEST_RR_ZEROSRC12(39, sraw, 0x0)
        TEST_RR_ZERODEST(40, sraw, 0x01234567fedcba98, 0x7)

TEST_PASSFAIL
