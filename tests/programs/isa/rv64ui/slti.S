/*
 * rv64ui/slti.S
 *
 * slti: rd = 1 if rs1 < sign-extended immediate, signed comparison.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, slti, 0x0, 0x0, 0)
        TEST_IMM_OP(3, slti, 0x0, 0x1, 1)
        TEST_IMM_OP(4, slti, 0x1, 0x3, 7)
        TEST_IMM_OP(5, slti, 0x0, 0x7, 3)
        TEST_IMM_OP(6, slti, 0x0, 0x0, -2048)
        TEST_IMM_OP(7, slti, 0x1, 0x8000000000000000, 0)
        TEST_IMM_OP(8, slti, 0x1, 0x8000000000000000, -2048)
        TEST_IMM_OP(9, slti, 0x1, 0x0, 2047)
        TEST_IMM_OP(10, slti, 0x0, 0x7fffffffffffffff, 0)
        TEST_IMM_OP(11, slti, 0x0, 0x7fffffffffffffff, 2047)
        TEST_IMM_OP(12, slti, 0x1, 0x8000000000000000, 2047)
        TEST_IMM_OP(13, slti, 0x0, 0x7fffffffffffffff, -2048)
        TEST_IMM_OP(14, slti, 0x0, 0x0, -1)
        TEST_IMM_OP(15, slti, 0x1, 0xffffffffffffffff, 1)
        TEST_IMM_OP(16, slti, 0x0, 0xffffffffffffffff, -1)
        TEST_IMM_OP(17, slti, 0x0, 0x7ff, 2047)
        TEST_IMM_OP(18, slti, 0x0, 0x800, 2047)
        TEST_IMM_OP(19, slti, 0x0, 0xfffffffffffff800, -2048)
        TEST_IMM_OP(20, slti, 0x1, 0xfffffffffffff7ff, -2048)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(21, slti, 0x0, 0x0123456789abcdef, -291)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(22, slti, 0x0, -291)
        TEST_IMM_ZERODEST(23, slti, 0x0123456789abcdef, -291)

TEST_PASSFAIL
