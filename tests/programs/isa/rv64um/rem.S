/*
 * rv64um/rem.S
 *
 * rem: signed remainder; its sign follows the dividend.  x rem 0 = x;
 * the overflow case -2^63 rem -1 = 0.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, rem, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, rem, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, rem, 0x3, 0x3, 0x7)
        TEST_RR_OP(5, rem, 0x1, 0x7, 0x3)
        TEST_RR_OP(6, rem, 0x0, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, rem, 0x0, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, rem, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, rem, 0x0, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, rem, 0x0, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, rem, 0x0, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, rem, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, rem, 0x0, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, rem, 0x0123456789abcdef, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, rem, 0xffffffffffffffff, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, rem, 0x2, 0x14, 0x6)
        TEST_RR_OP(17, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, rem, 0x2, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, rem, 0x0, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, rem, 0x0, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, rem, 0xfffffffffffd642a, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, rem, 0x0002fe7d, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)
        TEST_RR_OP(24, rem, 0x0, 0x0, 0x0)
        TEST_RR_OP(25, rem, 0x1, 0x1, 0x0)
        TEST_RR_OP(26, rem, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(27, rem, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(28, rem, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(29, rem, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(30, rem, 0x2, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(31, rem, 0x3, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(32, rem, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(33, rem, 0x0, 0xb)
        TEST_RR_ZEROSRC2(34, rem, 0xd, 0xd)
        TEST_RR_ZEROSRC12(35, rem, 0x0)
        TEST_RR_ZERODEST(36, rem, 0xd, 0xb)

TEST_PASSFAIL
