/*
 * rv64um/mulhsu.S
 *
 * mulhsu: high 64 bits of the product of signed rs1 and unsigned rs2.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, mulhsu, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, mulhsu, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, mulhsu, 0x0, 0x3, 0x7)
        TEST_RR_OP(5, mulhsu, 0x0, 0x7, 0x3)
        TEST_RR_OP(6, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, mulhsu, 0x0, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, mulhsu, 0xffffffffffffffff, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, mulhsu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, mulhsu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, mulhsu, 0x0121fa00ad77d742, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, mulhsu, 0xfffeb49923cc0953, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, mulhsu, 0x0, 0x14, 0x6)
        TEST_RR_OP(17, mulhsu, 0xffffffffffffffff, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, mulhsu, 0x13, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, mulhsu, 0xffffffffffffffec, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, mulhsu, 0x0, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, mulhsu, 0x1, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, mulhsu, 0xffffffffffff0081, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, mulhsu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(24, mulhsu, 0x0, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(25, mulhsu, 0xc, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(26, mulhsu, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(27, mulhsu, 0x0, 0xb)
        TEST_RR_ZEROSRC2(28, mulhsu, 0x0, 0xd)
        TEST_RR_ZEROSRC12(29, mulhsu, 0x0)
        TEST_RR_ZERODEST(30, mulhsu, 0xd, 0xb)

TEST_PASSFAIL
