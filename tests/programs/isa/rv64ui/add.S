/*
 * rv64ui/add.S
 *
 * add: rd = rs1 + rs2, wrapping modulo 2^64 (no overflow trap).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, add, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, add, 0x2, 0x1, 0x1)
        TEST_RR_OP(4, add, 0xa, 0x3, 0x7)
        TEST_RR_OP(5, add, 0xffffffffffff8000, 0x0, 0xffffffffffff8000)
        TEST_RR_OP(6, add, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(7, add, 0x7fffffffffff8000, 0x8000000000000000, 0xffffffffffff8000)
        TEST_RR_OP(8, add, 0x7fff, 0x0, 0x7fff)
        TEST_RR_OP(9, add, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(10, add, 0x8000000000007ffe, 0x7fffffffffffffff, 0x7fff)
        TEST_RR_OP(11, add, 0x8000000000007fff, 0x8000000000000000, 0x7fff)
        TEST_RR_OP(12, add, 0x7fffffffffff7fff, 0x7fffffffffffffff, 0xffffffffffff8000)
        TEST_RR_OP(13, add, 0xffffffffffffffff, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(14, add, 0x0, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(15, add, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(16, add, 0x8000000000000000, 0x1, 0x7fffffffffffffff)
        TEST_RR_OP(17, add, 0x8000000000000000, 0x7fffffffffffffff, 0x1)
        TEST_RR_OP(18, add, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(19, add, 0x0000000100000000, 0xffffffff, 0x1)
        TEST_RR_OP(20, add, 0x80000000, 0x7fffffff, 0x1)
        TEST_RR_OP(21, add, 0xffffffffffffffff, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(22, add, 0x0e100e100e100e0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(23, add, 0x18, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(24, add, 0x8, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(25, add, 0x1a, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(26, add, 0xb, 0xb)
        TEST_RR_ZEROSRC2(27, add, 0xd, 0xd)
        TEST_RR_ZEROSRC12(28, add, 0x0)
        TEST_RR_ZERODEST(29, add, 0xd, 0xb)

TEST_PASSFAIL
