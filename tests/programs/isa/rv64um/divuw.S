/*
 * rv64um/divuw.S
 *
 * divuw: unsigned 32-bit division of the low words, result sign-extended
 * (so a quotient with bit 31 set is negative).  Division by zero gives -1.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, divuw, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(3, divuw, 0x1, 0x1, 0x1)
        TEST_RR_OP(4, divuw, 0x0, 0x3, 0x7)
        TEST_RR_OP(5, divuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(6, divuw, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(7, divuw, 0x0, 0xffffffff80000000, 0xffffffffffffffff)
        TEST_RR_OP(8, divuw, 0x0, 0x80000000, 0xffffffffffffffff)
        TEST_RR_OP(9, divuw, 0xffffffff80000000, 0xffffffff80000000, 0x1)
        TEST_RR_OP(10, divuw, 0x1, 0x7fffffff, 0x7fffffff)
        TEST_RR_OP(11, divuw, 0x0, 0x7fffffff, 0xffffffff80000000)
        TEST_RR_OP(12, divuw, 0x3, 0x14, 0x6)
        TEST_RR_OP(13, divuw, 0x2aaaaaa7, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(14, divuw, 0x0, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(15, divuw, 0x0, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(16, divuw, 0x7, 0x123456780000000f, 0xfedcba9800000002)
        TEST_RR_OP(17, divuw, 0x0, 0xfffffffe, 0xffffffff)
        TEST_RR_OP(18, divuw, 0x3, 0x0000000500000007, 0x0000000700000002)
        TEST_RR_OP(19, divuw, 0x3900, 0xaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(20, divuw, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(21, divuw, 0xffffffffffffffff, 0x1, 0x0)
        TEST_RR_OP(22, divuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(23, divuw, 0xffffffffffffffff, 0x80000000, 0x0)
        TEST_RR_OP(24, divuw, 0xffffffffffffffff, 0x7fffffff, 0x0)
        TEST_RR_OP(25, divuw, 0xffffffffffffffff, 0x0123456789abcdef, 0x0)
        TEST_RR_OP(26, divuw, 0xffffffffffffffff, 0x12345678, 0xffffffff00000000)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(27, divuw, 0x1, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(28, divuw, 0x0, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(29, divuw, 0x1, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(30, divuw, 0x0, 0xb)
        TEST_RR_ZEROSRC2(31, divuw, 0xffffffffffffffff, 0xd)
        TEST_RR_ZEROSRC12(32, divuw, 0xffffffffffffffff)
        TEST_RR_ZERODEST(33, divuw, 0xd, 0xb)

TEST_PASSFAIL
