/*
 * rv64ui/sltu.S
 *
 * sltu: rd = 1 if rs1 < rs2 as unsigned 64-bit integers, else 0.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, sltu, 0x0, 0x0, 0x0)
        TEST_RR_OP(3, sltu, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, sltu, 0x1, 0x3, 0x7)
        TEST_RR_OP(5, sltu, 0x0, 0x7, 0x3)
        TEST_RR_OP(6, sltu, 0x1, 0x0, 0xffffffffffff8000)
        TEST_RR_OP(7, sltu, 0x0, 0x8000000000000000, 0x0)
        TEST_RR_OP(8, sltu, 0x1, 0x8000000000000000, 0xffffffffffff8000)
        TEST_RR_OP(9, sltu, 0x1, 0x0, 0x7fff)
        TEST_RR_OP(10, sltu, 0x0, 0x7fffffffffffffff, 0x0)
        TEST_RR_OP(11, sltu, 0x0, 0x7fffffffffffffff, 0x7fff)
        TEST_RR_OP(12, sltu, 0x0, 0x8000000000000000, 0x7fff)
        TEST_RR_OP(13, sltu, 0x1, 0x7fffffffffffffff, 0xffffffffffff8000)
        TEST_RR_OP(14, sltu, 0x1, 0x0, 0xffffffffffffffff)
        TEST_RR_OP(15, sltu, 0x0, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(16, sltu, 0x0, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP(17, sltu, 0x0, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR_OP(18, sltu, 0x1, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP(19, sltu, 0x0, 0x80000000, 0x7fffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(20, sltu, 0x0, 0xd, 0xb)
        TEST_RR_SRC2_EQ_DEST(21, sltu, 0x1, 0xd, 0xfffffffffffffffb)
        TEST_RR_SRC12_EQ_DEST(22, sltu, 0x0, 0xd)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(23, sltu, 0x1, 0xb)
        TEST_RR_ZEROSRC2(24, sltu, 0x0, 0xd)
        TEST_RR_ZEROSRC12(25, sltu, 0x0)
        TEST_RR_ZERODEST(26, sltu, 0xd, 0xb)

TEST_PASSFAIL
