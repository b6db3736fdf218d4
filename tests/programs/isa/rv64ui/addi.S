/*
 * rv64ui/addi.S
 *
 * addi: rd = rs1 + sign-extended 12-bit immediate, wrapping modulo 2^64.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, addi, 0x0, 0x0, 0)
        TEST_IMM_OP(3, addi, 0x2, 0x1, 1)
        TEST_IMM_OP(4, addi, 0xa, 0x3, 7)
        TEST_IMM_OP(5, addi, 0xfffffffffffff800, 0x0, -2048)
        TEST_IMM_OP(6, addi, 0x8000000000000000, 0x8000000000000000, 0)
        TEST_IMM_OP(7, addi, 0x7ffffffffffff800, 0x8000000000000000, -2048)
        TEST_IMM_OP(8, addi, 0x7ff, 0x0, 2047)
        TEST_IMM_OP(9, addi, 0x7fffffffffffffff, 0x7fffffffffffffff, 0)
        TEST_IMM_OP(10, addi, 0x80000000000007fe, 0x7fffffffffffffff, 2047)
        TEST_IMM_OP(11, addi, 0x80000000000007ff, 0x8000000000000000, 2047)
        TEST_IMM_OP(12, addi, 0x7ffffffffffff7ff, 0x7fffffffffffffff, -2048)
        TEST_IMM_OP(13, addi, 0xffffffffffffffff, 0x0, -1)
        TEST_IMM_OP(14, addi, 0x0, 0xffffffffffffffff, 1)
        TEST_IMM_OP(15, addi, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
        TEST_IMM_OP(16, addi, 0x80000000, 0x7fffffff, 1)
        TEST_IMM_OP(17, addi, 0x0000000100000000, 0xffffffff, 1)
        TEST_IMM_OP(18, addi, 0x0123456789abc844, 0x0123456789abcdef, -1451)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(19, addi, 0x0123456789abcccc, 0x0123456789abcdef, -291)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(20, addi, 0xfffffffffffffedd, -291)
        TEST_IMM_ZERODEST(21, addi, 0x0123456789abcdef, -291)

TEST_PASSFAIL
