/*
 * rv64um/remu.S
 *
 * remu: unsigned remainder.  x remu 0 = x.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, remu, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, remu, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, remu, 0x3, 0x3, 0x7)
        TEST_RR_OP(5, remu, 0x1, 0x7, 0x3)
        TEST_RR_OP(6, remu, 0x0, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, remu, 0x1, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, remu, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, remu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, remu, 0x0, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, remu, 0x0, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, remu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, remu, 0x0, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, remu, 0x0123456789abcdef, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, remu, 0xf0, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, remu, 0x2, 0x14, 0x6)
        TEST_RR_OP(17, remu, 0x2, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, remu, 0x14, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, remu, 0xffffffffffffffec, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, remu, 0x0, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, remu, 0x0, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, remu, 0x00023930, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, remu, 0x0002fe7d, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)
        TEST_RR_OP(24, remu, 0x0, 0x0, 0x0)
        TEST_RR_OP(25, remu, 0x1, 0x1, 0x0)
        TEST_RR_OP(26, remu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(27, remu, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(28, remu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(29, remu, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(30, remu, 0x2, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(31, remu, 0xd, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(32, remu, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(33, remu, 0x0, 0xb)
        TEST_RR_ZEROSRC2(34, remu, 0xd, 0xd)
        TEST_RR_ZEROSRC12(35, remu, 0x0)
        TEST_RR_ZERODEST(36, remu, 0xd, 0xb)

TEST_PASSFAIL
