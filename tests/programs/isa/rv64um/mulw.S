/*
 * rv64um/mulw.S
 *
 * mulw: low 32 bits of the product of the low words, sign-extended;
 * the upper halves of the sources are ignored.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, mulw, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, mulw, 0x1, 0x1, 0x1)
        TEST_RR_OP(4, mulw, 0x15, 0x3, 0x7)
        TEST_RR_OP(5, mulw, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(6, mulw, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(7, mulw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff)
        TEST_RR_OP(8, mulw, 0xffffffff80000000, 0x80000000, 0xffffffffffffffff)
        TEST_RR_OP(9, mulw, 0xffffffff80000000, 0xffffffff80000000, 0x1)
        TEST_RR_OP(10, mulw, 0x1, 0x7fffffff, 0x7fffffff)
        TEST_RR_OP(11, mulw, 0xffffffff80000000, 0x7fffffff, 0xffffffff80000000)
        TEST_RR_OP(12, mulw, 0x78, 0x14, 0x6)
        TEST_RR_OP(13, mulw, 0xffffffffffffff88, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(14, mulw, 0xffffffffffffff88, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(15, mulw, 0x78, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(16, mulw, 0x1e, 0x123456780000000f, 0xfedcba9800000002)
        TEST_RR_OP(17, mulw, 0x2, 0xfffffffe, 0xffffffff)
        TEST_RR_OP(18, mulw, 0xe, 0x0000000500000007, 0x0000000700000002)
        TEST_RR_OP(19, mulw, 0xff7f, 0xaaaaaaab, 0x0002fe7d)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(20, mulw, 0x8f, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(21, mulw, 0xffffffffffffffbf, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(22, mulw, 0xa9, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(23, mulw, 0x0, 0xb)
        TEST_RR_ZEROSRC2(24, mulw, 0x0, 0xd)
        TEST_RR_ZEROSRC12(25, mulw, 0x0)
        TEST_RR_ZERODEST(26, mulw, 0xd, 0xb)

TEST_PASSFAIL
