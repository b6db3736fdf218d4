/*
 * rv64ui/and.S
 *
 * and: bitwise AND of two registers.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP(3, and, 0x00f000f000f000f0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
        TEST_RR_OP(4, and, 0x000f000f000f000f, 0x00ff00ff00ff00ff, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP(5, and, 0xf000f000f000f000, 0xf00ff00ff00ff00f, 0xf0f0f0f0f0f0f0f0)
        TEST_RR_OP(6, and, 0x0, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(7, and, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(8, and, 0x0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(9, and, 0x0, 0x8000000000000000, 0x7fffffffffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(10, and, 0x9, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(11, and, 0x9, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(12, and, 0xd, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(13, and, 0x0, 0xb)
        TEST_RR_ZEROSRC2(14, and, 0x0, 0xd)
        TEST_RR_ZEROSRC12(15, and, 0x0)
        TEST_RR_ZERODEST(16, and, 0xd, 0xb)

TEST_PASSFAIL
