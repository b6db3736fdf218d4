/*
 * rv64ui/srliw.S
 *
 * srliw: shift the low word right logically by a 5-bit immediate,
 * sign-extend the 32-bit result.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, srliw, 0x1, 0x1, 0)
        TEST_IMM_OP(3, srliw, 0x0, 0x1, 1)
        TEST_IMM_OP(4, srliw, 0x0, 0x1, 7)
        TEST_IMM_OP(5, srliw, 0x0, 0x1, 14)
        TEST_IMM_OP(6, srliw, 0x0, 0x1, 31)
        TEST_IMM_OP(7, srliw, 0xffffffffffffffff, 0xffffffffffffffff, 0)
        TEST_IMM_OP(8, srliw, 0x7fffffff, 0xffffffffffffffff, 1)
        TEST_IMM_OP(9, srliw, 0x01ffffff, 0xffffffffffffffff, 7)
        TEST_IMM_OP(10, srliw, 0x0003ffff, 0xffffffffffffffff, 14)
        TEST_IMM_OP(11, srliw, 0x1, 0xffffffffffffffff, 31)
        TEST_IMM_OP(12, srliw, 0x21212121, 0x21212121, 0)
        TEST_IMM_OP(13, srliw, 0x10909090, 0x21212121, 1)
        TEST_IMM_OP(14, srliw, 0x00424242, 0x21212121, 7)
        TEST_IMM_OP(15, srliw, 0x8484, 0x21212121, 14)
        TEST_IMM_OP(16, srliw, 0x0, 0x21212121, 31)
        TEST_IMM_OP(17, srliw, 0xffffffff80000000, 0xffffffff80000000, 0)
        TEST_IMM_OP(18, srliw, 0x40000000, 0xffffffff80000000, 1)
        TEST_IMM_OP(19, srliw, 0x01000000, 0xffffffff80000000, 7)
        TEST_IMM_OP(20, srliw, 0x00020000, 0xffffffff80000000, 14)
        TEST_IMM_OP(21, srliw, 0x1, 0xffffffff80000000, 31)
        TEST_IMM_OP(22, srliw, 0x76543210, 0xfedcba9876543210, 0)
        TEST_IMM_OP(23, srliw, 0x3b2a1908, 0xfedcba9876543210, 1)
        TEST_IMM_OP(24, srliw, 0x00eca864, 0xfedcba9876543210, 7)
        TEST_IMM_OP(25, srliw, 0x0001d950, 0xfedcba9876543210, 14)
        TEST_IMM_OP(26, srliw, 0x0, 0xfedcba9876543210, 31)
        TEST_IMM_OP(27, srliw, 0x1, 0x8000000180000001, 31)
        TEST_IMM_OP(28, srliw, 0x7fffffff, 0xffffffff7fffffff, 0)
        TEST_IMM_OP(29, srliw, 0xffffffffffffffff, 0xffffffff, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(30, srliw, 0x0007f6e5, 0x01234567fedcba98, 13)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(31, srliw, 0x0, 13)
        TEST_IMM_ZERODEST(32, srliw, 0x01234567fedcba98, 13)

TEST_PASSFAIL
