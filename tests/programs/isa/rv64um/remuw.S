/*
 * rv64um/remuw.S
 *
 * remuw: unsigned 32-bit remainder of the low words, sign-extended.
 * x remuw 0 = sign-extended low word of x.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, remuw, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, remuw, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, remuw, 0x3, 0x3, 0x7)
        TEST_RR_OP(5, remuw, 0x0, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(6, remuw, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(7, remuw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff)
        TEST_RR_OP(8, remuw, 0xffffffff80000000, 0x80000000, 0xffffffffffffffff)
        TEST_RR_OP(9, remuw, 0x0, 0xffffffff80000000, 0x1)
        TEST_RR_OP(10, remuw, 0x0, 0x7fffffff, 0x7fffffff)
        TEST_RR_OP(11, remuw, 0x7fffffff, 0x7fffffff, 0xffffffff80000000)
        TEST_RR_OP(12, remuw, 0x2, 0x14, 0x6)
        TEST_RR_OP(13, remuw, 0x2, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(14, remuw, 0x14, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(15, remuw, 0xffffffffffffffec, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(16, remuw, 0x1, 0x123456780000000f, 0xfedcba9800000002)
        TEST_RR_OP(17, remuw, 0xfffffffffffffffe, 0xfffffffe, 0xffffffff)
        TEST_RR_OP(18, remuw, 0x1, 0x0000000500000007, 0x0000000700000002)
        TEST_RR_OP(19, remuw, 0xd5ab, 0xaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(20, remuw, 0x0, 0x0, 0x0)
        TEST_RR_OP(21, remuw, 0x1, 0x1, 0x0)
        TEST_RR_OP(22, remuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(23, remuw, 0xffffffff80000000, 0x80000000, 0x0)
        TEST_RR_OP(24, remuw, 0x7fffffff, 0x7fffffff, 0x0)
        TEST_RR_OP(25, remuw, 0xffffffff89abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR_OP(26, remuw, 0x12345678, 0x12345678, 0xffffffff00000000)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(27, remuw, 0x2, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(28, remuw, 0xd, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(29, remuw, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(30, remuw, 0x0, 0xb)
        TEST_RR_ZEROSRC2(31, remuw, 0xd, 0xd)
        TEST_RR_ZEROSRC12(32, remuw, 0x0)
        TEST_RR_ZERODEST(33, remuw, 0xd, 0xb)

TEST_PASSFAIL
