/*
 * rv64um/div.S
 *
 * div: signed division rounding towards zero.  Division by zero gives -1
 * (all ones); the overflow case -2^63 / -1 gives -2^63.  No traps.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, div, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(3, div, 0x1, 0x1, 0x1)
        TEST_RR_OP(4, div, 0x0, 0x3, 0x7)
        TEST_RR_OP(5, div, 0x2, 0x7, 0x3)
        TEST_RR_OP(6, div, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, div, 0xffffffffffffffff, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, div, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, div, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, div, 0x8000000000000000, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, div, 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, div, 0x0, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, div, 0x1, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, div, 0x0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, div, 0xffffffffffffffff, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, div, 0x3, 0x14, 0x6)
        TEST_RR_OP(17, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, div, 0xfffffffffffffffd, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, div, 0x3, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, div, 0x1, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, div, 0x1, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, div, 0xffffe37fdc519355, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, div, 0x0, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)
        TEST_RR_OP(24, div, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(25, div, 0xffffffffffffffff, 0x1, 0x0)
        TEST_RR_OP(26, div, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(27, div, 0xffffffffffffffff, 0x8000000000000000, 0x0)
        TEST_RR_OP(28, div, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(29, div, 0xffffffffffffffff, 0x0123456789abcdef, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(30, div, 0x1, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(31, div, 0xfffffffffffffffe, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(32, div, 0x1, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(33, div, 0x0, 0xb)
        TEST_RR_ZEROSRC2(34, div, 0xffffffffffffffff, 0xd)
        TEST_RR_ZEROSRC12(35, div, 0xffffffffffffffff)
        TEST_RR_ZERODEST(36, div, 0xd, 0xb)

TEST_PASSFAIL
