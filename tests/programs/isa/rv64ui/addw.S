/*
 * rv64ui/addw.S
 *
 * addw: 32-bit add of the low words, result sign-extended to 64 bits;
 * the upper halves of the sources are ignored.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, addw, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, addw, 0x2, 0x1, 0x1)
        TEST_RR_OP(4, addw, 0xa, 0x3, 0x7)
        TEST_RR_OP(5, addw, 0xffffffffffff8000, 0x0, 0xffffffffffff8000)
        TEST_RR_OP(6, addw, 0xffffffff80000000, 0xffffffff80000000, 0x0)
        TEST_RR_OP(7, addw, 0x7fff8000, 0xffffffff80000000, 0xffffffffffff8000)
        TEST_RR_OP(8, addw, 0x7fff, 0x0, 0x7fff)
        TEST_RR_OP(9, addw, 0x7fffffff, 0x7fffffff, 0x0)
        TEST_RR_OP(10, addw, 0xffffffff80007ffe, 0x7fffffff, 0x7fff)
        TEST_RR_OP(11, addw, 0xffffffff80007fff, 0xffffffff80000000, 0x7fff)
        TEST_RR_OP(12, addw, 0x7fff7fff, 0x7fffffff, 0xffffffffffff8000)
        TEST_RR_OP(13, addw, 0xffffffffffffffff, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(14, addw, 0x0, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(15, addw, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(16, addw, 0xffffffff80000000, 0x1, 0x7fffffff)
        TEST_RR_OP(17, addw, 0xffffffff80000000, 0x7fffffff, 0x1)
        TEST_RR_OP(18, addw, 0x10, 0x123456780000000f, 0xfedcba9800000001)
        TEST_RR_OP(19, addw, 0x0, 0xaaaaaaaa00000000, 0x5555555500000000)
        TEST_RR_OP(20, addw, 0xfffffffffffffffe, 0xffffffff, 0xffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(21, addw, 0x18, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(22, addw, 0x8, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(23, addw, 0x1a, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(24, addw, 0xb, 0xb)
        TEST_RR_ZEROSRC2(25, addw, 0xd, 0xd)
        TEST_RR_ZEROSRC12(26, addw, 0x0)
        TEST_RR_ZERODEST(27, addw, 0xd, 0xb)

TEST_PASSFAIL
