/*
 * rv64ui/or.S
 *
 * or: bitwise OR of two registers.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP(3, or, 0xfff0fff0fff0fff0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
        TEST_RR_OP(4, or, 0x0fff0fff0fff0fff, 0x00ff00ff00ff00ff, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP(5, or, 0xf0fff0fff0fff0ff, 0xf00ff00ff00ff00f, 0xf0f0f0f0f0f0f0f0)
        TEST_RR_OP(6, or, 0xffffffffffffffff, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(7, or, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(8, or, 0xffffffffffffffff, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(9, or, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(10, or, 0xf, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(11, or, 0xffffffffffffffff, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(12, or, 0xd, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(13, or, 0xb, 0xb)
        TEST_RR_ZEROSRC2(14, or, 0xd, 0xd)
        TEST_RR_ZEROSRC12(15, or, 0x0)
        TEST_RR_ZERODEST(16, or, 0xd, 0xb)

TEST_PASSFAIL
