/*
 * rv64ui/sllw.S
 *
 * sllw: shift the low word left by rs2[4:0], sign-extend the 32-bit result.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, sllw, 0x1, 0x1, 0x0)
        TEST_RR_OP(3, sllw, 0x2, 0x1, 0x1)
        TEST_RR_OP(4, sllw, 0x80, 0x1, 0x7)
        TEST_RR_OP(5, sllw, 0x4000, 0x1, 0xe)
        TEST_RR_OP(6, sllw, 0xffffffff80000000, 0x1, 0x1f)
        TEST_RR_OP(7, sllw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(8, sllw, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(9, sllw, 0xffffffffffffff80, 0xffffffffffffffff, 0x7)
        TEST_RR_OP(10, sllw, 0xffffffffffffc000, 0xffffffffffffffff, 0xe)
        TEST_RR_OP(11, sllw, 0xffffffff80000000, 0xffffffffffffffff, 0x1f)
        TEST_RR_OP(12, sllw, 0x21212121, 0x21212121, 0x0)
        TEST_RR_OP(13, sllw, 0x42424242, 0x21212121, 0x1)
        TEST_RR_OP(14, sllw, 0xffffffff90909080, 0x21212121, 0x7)
        TEST_RR_OP(15, sllw, 0x48484000, 0x21212121, 0xe)
        TEST_RR_OP(16, sllw, 0xffffffff80000000, 0x21212121, 0x1f)
        TEST_RR_OP(17, sllw, 0xffffffff80000000, 0xffffffff80000000, 0x0)
        TEST_RR_OP(18, sllw, 0x0, 0xffffffff80000000, 0x1)
        TEST_RR_OP(19, sllw, 0x0, 0xffffffff80000000, 0x7)
        TEST_RR_OP(20, sllw, 0x0, 0xffffffff80000000, 0xe)
        TEST_RR_OP(21, sllw, 0x0, 0xffffffff80000000, 0x1f)
        TEST_RR_OP(22, sllw, 0x76543210, 0xfedcba9876543210, 0x0)
        TEST_RR_OP(23, sllw, 0xffffffffeca86420, 0xfedcba9876543210, 0x1)
        TEST_RR_OP(24, sllw, 0x2a190800, 0xfedcba9876543210, 0x7)
        TEST_RR_OP(25, sllw, 0x0c840000, 0xfedcba9876543210, 0xe)
        TEST_RR_OP(26, sllw, 0x0, 0xfedcba9876543210, 0x1f)
        TEST_RR_OP(27, sllw, 0x21212121, 0x21212121, 0xffffffffffffffe0)
        TEST_RR_OP(28, sllw, 0x42424242, 0x21212121, 0xffffffffffffffe1)
        TEST_RR_OP(29, sllw, 0xffffffff90909080, 0x21212121, 0xffffffffffffffe7)
        TEST_RR_OP(30, sllw, 0x48484000, 0x21212121, 0xffffffffffffffee)
        TEST_RR_OP(31, sllw, 0xffffffff80000000, 0x21212121, 0xffffffffffffffff)
        TEST_RR_OP(32, sllw, 0xffffffff80000000, 0x8000000180000001, 0x1f)
        TEST_RR_OP(33, sllw, 0x7fffffff, 0xffffffff7fffffff, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(34, sllw, 0xffffffffd5e6f780, 0x0123456789abcdef, 0x7)
        TEST_RR_SRC2_EQ_DEST(35, sllw, 0x4d5e6f78, 0x0123456789abcdef, 0xffffffffffffffe3)
        TEST_RR_SRC12_EQ_DEST(36, sllw, 0xffffffffe6f78000, 0x0123456789abcdef)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(37, sllw, 0x0, 0x7)
        TEST_RR_ZEROSRC2(38, sllw, 0xffffffff89abcdef, 0x0123456789abcdef)
        TEST_RR_ZEROSRC12(39, sllw, 0x0)
        TEST_RR_ZERODEST(40, sllw, 0x0123456789abcdef, 0x7)

TEST_PASSFAIL
