/*
 * rv64ui/subw.S
 *
 * subw: 32-bit subtract of the low words, result sign-extended to 64 bits.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, subw, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, subw, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, subw, 0xfffffffffffffffc, 0x3, 0x7)
        TEST_RR_OP(5, subw, 0x8000, 0x0, 0xffffffffffff8000)
        TEST_RR_OP(6, subw, 0xffffffff80000000, 0xffffffff80000000, 0x0)
        TEST_RR_OP(7, subw, 0xffffffff80008000, 0xffffffff80000000, 0xffffffffffff8000)
        TEST_RR_OP(8, subw, 0xffffffffffff8001, 0x0, 0x7fff)
        TEST_RR_OP(9, subw, 0x7fffffff, 0x7fffffff, 0x0)
        TEST_RR_OP(10, subw, 0x7fff8000, 0x7fffffff, 0x7fff)
        TEST_RR_OP(11, subw, 0x7fff8001, 0xffffffff80000000, 0x7fff)
        TEST_RR_OP(12, subw, 0xffffffff80007fff, 0x7fffffff, 0xffffffffffff8000)
        TEST_RR_OP(13, subw, 0x1, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(14, subw, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(15, subw, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(16, subw, 0xffffffff80000002, 0x1, 0x7fffffff)
        TEST_RR_OP(17, subw, 0x7ffffffe, 0x7fffffff, 0x1)
        TEST_RR_OP(18, subw, 0xe, 0x123456780000000f, 0xfedcba9800000001)
        TEST_RR_OP(19, subw, 0x0, 0xaaaaaaaa00000000, 0x5555555500000000)
        TEST_RR_OP(20, subw, 0x0, 0xffffffff, 0xffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(21, subw, 0x2, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(22, subw, 0x12, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(23, subw, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(24, subw, 0xfffffffffffffff5, 0xb)
        TEST_RR_ZEROSRC2(25, subw, 0xd, 0xd)
        TEST_RR_ZEROSRC12(26, subw, 0x0)
        TEST_RR_ZERODEST(27, subw, 0xd, 0xb)

TEST_PASSFAIL
