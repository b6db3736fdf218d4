/*
 * rv64ui/sub.S
 *
 * sub: rd = rs1 - rs2, wrapping modulo 2^64.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, sub, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, sub, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, sub, 0xfffffffffffffffc, 0x3, 0x7)
        TEST_RR_OP(5, sub, 0x8000, 0x0, 0xffffffffffff8000)
        TEST_RR_OP(6, sub, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(7, sub, 0x8000000000008000, 0x8000000000000000, 0xffffffffffff8000)
        TEST_RR_OP(8, sub, 0xffffffffffff8001, 0x0, 0x7fff)
        TEST_RR_OP(9, sub, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(10, sub, 0x7fffffffffff8000, 0x7fffffffffffffff, 0x7fff)
        TEST_RR_OP(11, sub, 0x7fffffffffff8001, 0x8000000000000000, 0x7fff)
        TEST_RR_OP(12, sub, 0x8000000000007fff, 0x7fffffffffffffff, 0xffffffffffff8000)
        TEST_RR_OP(13, sub, 0x1, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(14, sub, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(15, sub, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(16, sub, 0x8000000000000002, 0x1, 0x7fffffffffffffff)
        TEST_RR_OP(17, sub, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0x1)
        TEST_RR_OP(18, sub, 0x8000000000000001, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(19, sub, 0xfffffffe, 0xffffffff, 0x1)
        TEST_RR_OP(20, sub, 0x7ffffffe, 0x7fffffff, 0x1)
        TEST_RR_OP(21, sub, 0x02468acf13579bdf, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(22, sub, 0xeff1eff1eff1eff1, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(23, sub, 0x2, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(24, sub, 0x12, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(25, sub, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(26, sub, 0xfffffffffffffff5, 0xb)
        TEST_RR_ZEROSRC2(27, sub, 0xd, 0xd)
        TEST_RR_ZEROSRC12(28, sub, 0x0)
        TEST_RR_ZERODEST(29, sub, 0xd, 0xb)

TEST_PASSFAIL
