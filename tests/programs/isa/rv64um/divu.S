/*
 * rv64um/divu.S
 *
 * divu: unsigned division.  Division by zero gives 2^64-1.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, divu, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(3, divu, 0x1, 0x1, 0x1)
        TEST_RR_OP(4, divu, 0x0, 0x3, 0x7)
        TEST_RR_OP(5, divu, 0x2, 0x7, 0x3)
        TEST_RR_OP(6, divu, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, divu, 0x0, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, divu, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, divu, 0x0, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, divu, 0x8000000000000000, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, divu, 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, divu, 0x0, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, divu, 0x1, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, divu, 0x0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, divu, 0xe0, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, divu, 0x3, 0x14, 0x6)
        TEST_RR_OP(17, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, divu, 0x0, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, divu, 0x0, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, divu, 0x1, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, divu, 0x1, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, divu, 0x00003900475cd957, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, divu, 0x0, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)
        TEST_RR_OP(24, divu, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR_OP(25, divu, 0xffffffffffffffff, 0x1, 0x0)
        TEST_RR_OP(26, divu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(27, divu, 0xffffffffffffffff, 0x8000000000000000, 0x0)
        TEST_RR_OP(28, divu, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(29, divu, 0xffffffffffffffff, 0x0123456789abcdef, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(30, divu, 0x1, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(31, divu, 0x0, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(32, divu, 0x1, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(33, divu, 0x0, 0xb)
        TEST_RR_ZEROSRC2(34, divu, 0xffffffffffffffff, 0xd)
        TEST_RR_ZEROSRC12(35, divu, 0xffffffffffffffff)
        TEST_RR_ZERODEST(36, divu, 0xd, 0xb)

TEST_PASSFAIL
