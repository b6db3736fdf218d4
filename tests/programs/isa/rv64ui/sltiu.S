/*
 * rv64ui/sltiu.S
 *
 * sltiu: rd = 1 if rs1 < sign-extended immediate, compared as unsigned
 * (so sltiu rd, rs, 1 is seqz and -1 compares as 2^64-1).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, sltiu, 0x0, 0x0, 0)
        TEST_IMM_OP(3, sltiu, 0x0, 0x1, 1)
        TEST_IMM_OP(4, sltiu, 0x1, 0x3, 7)
        TEST_IMM_OP(5, sltiu, 0x0, 0x7, 3)
        TEST_IMM_OP(6, sltiu, 0x1, 0x0, -2048)
        TEST_IMM_OP(7, sltiu, 0x0, 0x8000000000000000, 0)
        TEST_IMM_OP(8, sltiu, 0x1, 0x8000000000000000, -2048)
        TEST_IMM_OP(9, sltiu, 0x1, 0x0, 2047)
        TEST_IMM_OP(10, sltiu, 0x0, 0x7fffffffffffffff, 0)
        TEST_IMM_OP(11, sltiu, 0x0, 0x7fffffffffffffff, 2047)
        TEST_IMM_OP(12, sltiu, 0x0, 0x8000000000000000, 2047)
        TEST_IMM_OP(13, sltiu, 0x1, 0x7fffffffffffffff, -2048)
        TEST_IMM_OP(14, sltiu, 0x1, 0x0, -1)
        TEST_IMM_OP(15, sltiu, 0x0, 0xffffffffffffffff, 1)
        TEST_IMM_OP(16, sltiu, 0x0, 0xffffffffffffffff, -1)
        TEST_IMM_OP(17, sltiu, 0x0, 0x7ff, 2047)
        TEST_IMM_OP(18, sltiu, 0x0, 0x800, 2047)
        TEST_IMM_OP(19, sltiu, 0x0, 0xfffffffffffff800, -2048)
        TEST_IMM_OP(20, sltiu, 0x1, 0xfffffffffffff7ff, -2048)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(21, sltiu, 0x1, 0x0123456789abcdef, -291)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(22, sltiu, 0x1, -291)
        TEST_IMM_ZERODEST(23, sltiu, 0x0123456789abcdef, -291)

TEST_PASSFAIL
