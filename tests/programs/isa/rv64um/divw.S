/*
 * rv64um/divw.S
 *
 * divw: signed 32-bit division of the low words, result sign-extended.
 * Division by zero gives -1; -2^31 / -1 gives -2^31.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, divw, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(3, divw, 0x1, 0x1, 0x1)
        TEST_RR_OP(4, divw, 0x0, 0x3, 0x7)
        TEST_RR_OP(5, divw, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(6, divw, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(7, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff)
        TEST_RR_OP(8, divw, 0xffffffff80000000, 0x80000000, 0xffffffffffffffff)
        TEST_RR_OP(9, divw, 0xffffffff80000000, 0xffffffff80000000, 0x1)
        TEST_RR_OP(10, divw, 0x1, 0x7fffffff, 0x7fffffff)
        TEST_RR_OP(11, divw, 0x0, 0x7fffffff, 0xffffffff80000000)
        TEST_RR_OP(12, divw, 0x3, 0x14, 0x6)
        TEST_RR_OP(13, divw, 0xfffffffffffffffd, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(14, divw, 0xfffffffffffffffd, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(15, divw, 0x3, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(16, divw, 0x7, 0x123456780000000f, 0xfedcba9800000002)
        TEST_RR_OP(17, divw, 0x2, 0xfffffffe, 0xffffffff)
        TEST_RR_OP(18, divw, 0x3, 0x0000000500000007, 0x0000000700000002)
        TEST_RR_OP(19, divw, 0xffffffffffffe380, 0xaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(20, divw, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(21, divw, 0xffffffffffffffff, 0x1, 0x0)
        TEST_RR_OP(22, divw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(23, divw, 0xffffffffffffffff, 0x80000000, 0x0)
        TEST_RR_OP(24, divw, 0xffffffffffffffff, 0x7fffffff, 0x0)
        TEST_RR_OP(25, divw, 0xffffffffffffffff, 0x0123456789abcdef, 0x0)
        TEST_RR_OP(26, divw, 0xffffffffffffffff, 0x12345678, 0xffffffff00000000)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(27, divw, 0x1, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(28, divw, 0xfffffffffffffffe, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(29, divw, 0x1, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(30, divw, 0x0, 0xb)
        TEST_RR_ZEROSRC2(31, divw, 0xffffffffffffffff, 0xd)
        TEST_RR_ZEROSRC12(32, divw, 0xffffffffffffffff)
        TEST_RR_ZERODEST(33, divw, 0xd, 0xb)

TEST_PASSFAIL
