/*
 * rv64um/mulh.S
 *
 * mulh: high 64 bits of the signed x signed 128-bit product.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, mulh, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, mulh, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, mulh, 0x0, 0x3, 0x7)
        TEST_RR_OP(5, mulh, 0x0, 0x7, 0x3)
        TEST_RR_OP(6, mulh, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, mulh, 0xffffffffffffffff, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, mulh, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, mulh, 0x0, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, mulh, 0xffffffffffffffff, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, mulh, 0xc000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, mulh, 0xfffeb49923cc0953, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, mulh, 0xfffeb49923cc0953, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, mulh, 0x0, 0x14, 0x6)
        TEST_RR_OP(17, mulh, 0xffffffffffffffff, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, mulh, 0xffffffffffffffff, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, mulh, 0x0, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, mulh, 0x0, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, mulh, 0x1, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, mulh, 0xffffffffffff0081, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, mulh, 0xffffffffffff0081, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(24, mulh, 0x0, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(25, mulh, 0xffffffffffffffff, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(26, mulh, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(27, mulh, 0x0, 0xb)
        TEST_RR_ZEROSRC2(28, mulh, 0x0, 0xd)
        TEST_RR_ZEROSRC12(29, mulh, 0x0)
        TEST_RR_ZERODEST(30, mulh, 0xd, 0xb)

TEST_PASSFAIL
