/*
 * rv64ui/xor.S
 *
 * xor: bitwise exclusive OR of two registers.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, xor, 0xf00ff00ff00ff00f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP(3, xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
        TEST_RR_OP(4, xor, 0x0ff00ff00ff00ff0, 0x00ff00ff00ff00ff, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP(5, xor, 0x00ff00ff00ff00ff, 0xf00ff00ff00ff00f, 0xf0f0f0f0f0f0f0f0)
        TEST_RR_OP(6, xor, 0xffffffffffffffff, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(7, xor, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(8, xor, 0xffffffffffffffff, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(9, xor, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(10, xor, 0x6, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(11, xor, 0xfffffffffffffff6, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(12, xor, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(13, xor, 0xb, 0xb)
        TEST_RR_ZEROSRC2(14, xor, 0xd, 0xd)
        TEST_RR_ZEROSRC12(15, xor, 0x0)
        TEST_RR_ZERODEST(16, xor, 0xd, 0xb)

TEST_PASSFAIL
