/*
 * rv64um/mul.S
 *
 * mul: low 64 bits of the 128-bit product (same for signed and unsigned).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, mul, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, mul, 0x1, 0x1, 0x1)
        TEST_RR_OP(4, mul, 0x15, 0x3, 0x7)
        TEST_RR_OP(5, mul, 0x15, 0x7, 0x3)
        TEST_RR_OP(6, mul, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(7, mul, 0xffffffffffffffff, 0x1, 0xffffffffffffffff)
        TEST_RR_OP(8, mul, 0x1, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(9, mul, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(10, mul, 0x8000000000000000, 0x8000000000000000, 0x1)
        TEST_RR_OP(11, mul, 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP(12, mul, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(13, mul, 0x0, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(14, mul, 0x2236d88fe5618cf0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR_OP(15, mul, 0x2236d88fe5618cf0, 0xfedcba9876543210, 0x0123456789abcdef)
        TEST_RR_OP(16, mul, 0x78, 0x14, 0x6)
        TEST_RR_OP(17, mul, 0xffffffffffffff88, 0xffffffffffffffec, 0x6)
        TEST_RR_OP(18, mul, 0xffffffffffffff88, 0x14, 0xfffffffffffffffa)
        TEST_RR_OP(19, mul, 0x78, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP(20, mul, 0xfffffffe00000001, 0xffffffff, 0xffffffff)
        TEST_RR_OP(21, mul, 0x0, 0x0000000100000000, 0x0000000100000000)
        TEST_RR_OP(22, mul, 0xff7f, 0xaaaaaaaaaaaaaaab, 0x0002fe7d)
        TEST_RR_OP(23, mul, 0xff7f, 0x0002fe7d, 0xaaaaaaaaaaaaaaab)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(24, mul, 0x8f, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(25, mul, 0xffffffffffffffbf, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(26, mul, 0xa9, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(27, mul, 0x0, 0xb)
        TEST_RR_ZEROSRC2(28, mul, 0x0, 0xd)
        TEST_RR_ZEROSRC12(29, mul, 0x0)
        TEST_RR_ZERODEST(30, mul, 0xd, 0xb)

TEST_PASSFAIL
