/*
 * rv64ui/srli.S
 *
 * srli: shift right logical by a 6-bit immediate (0..63).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, srli, 0x1, 0x1, 0)
        TEST_IMM_OP(3, srli, 0x0, 0x1, 1)
        TEST_IMM_OP(4, srli, 0x0, 0x1, 7)
        TEST_IMM_OP(5, srli, 0x0, 0x1, 14)
        TEST_IMM_OP(6, srli, 0x0, 0x1, 20)
        TEST_IMM_OP(7, srli, 0x0, 0x1, 31)
        TEST_IMM_OP(8, srli, 0x0, 0x1, 32)
        TEST_IMM_OP(9, srli, 0x0, 0x1, 33)
        TEST_IMM_OP(10, srli, 0x0, 0x1, 63)
        TEST_IMM_OP(11, srli, 0xffffffffffffffff, 0xffffffffffffffff, 0)
        TEST_IMM_OP(12, srli, 0x7fffffffffffffff, 0xffffffffffffffff, 1)
        TEST_IMM_OP(13, srli, 0x01ffffffffffffff, 0xffffffffffffffff, 7)
        TEST_IMM_OP(14, srli, 0x0003ffffffffffff, 0xffffffffffffffff, 14)
        TEST_IMM_OP(15, srli, 0x00000fffffffffff, 0xffffffffffffffff, 20)
        TEST_IMM_OP(16, srli, 0x00000001ffffffff, 0xffffffffffffffff, 31)
        TEST_IMM_OP(17, srli, 0xffffffff, 0xffffffffffffffff, 32)
        TEST_IMM_OP(18, srli, 0x7fffffff, 0xffffffffffffffff, 33)
        TEST_IMM_OP(19, srli, 0x1, 0xffffffffffffffff, 63)
        TEST_IMM_OP(20, srli, 0x2121212121212121, 0x2121212121212121, 0)
        TEST_IMM_OP(21, srli, 0x1090909090909090, 0x2121212121212121, 1)
        TEST_IMM_OP(22, srli, 0x0042424242424242, 0x2121212121212121, 7)
        TEST_IMM_OP(23, srli, 0x0000848484848484, 0x2121212121212121, 14)
        TEST_IMM_OP(24, srli, 0x0000021212121212, 0x2121212121212121, 20)
        TEST_IMM_OP(25, srli, 0x42424242, 0x2121212121212121, 31)
        TEST_IMM_OP(26, srli, 0x21212121, 0x2121212121212121, 32)
        TEST_IMM_OP(27, srli, 0x10909090, 0x2121212121212121, 33)
        TEST_IMM_OP(28, srli, 0x0, 0x2121212121212121, 63)
        TEST_IMM_OP(29, srli, 0x8000000000000000, 0x8000000000000000, 0)
        TEST_IMM_OP(30, srli, 0x4000000000000000, 0x8000000000000000, 1)
        TEST_IMM_OP(31, srli, 0x0100000000000000, 0x8000000000000000, 7)
        TEST_IMM_OP(32, srli, 0x0002000000000000, 0x8000000000000000, 14)
        TEST_IMM_OP(33, srli, 0x0000080000000000, 0x8000000000000000, 20)
        TEST_IMM_OP(34, srli, 0x0000000100000000, 0x8000000000000000, 31)
        TEST_IMM_OP(35, srli, 0x80000000, 0x8000000000000000, 32)
        TEST_IMM_OP(36, srli, 0x40000000, 0x8000000000000000, 33)
        TEST_IMM_OP(37, srli, 0x1, 0x8000000000000000, 63)
        TEST_IMM_OP(38, srli, 0x0123456789abcdef, 0x0123456789abcdef, 0)
        TEST_IMM_OP(39, srli, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 1)
        TEST_IMM_OP(40, srli, 0x0002468acf13579b, 0x0123456789abcdef, 7)
        TEST_IMM_OP(41, srli, 0x0000048d159e26af, 0x0123456789abcdef, 14)
        TEST_IMM_OP(42, srli, 0x000000123456789a, 0x0123456789abcdef, 20)
        TEST_IMM_OP(43, srli, 0x02468acf, 0x0123456789abcdef, 31)
        TEST_IMM_OP(44, srli, 0x01234567, 0x0123456789abcdef, 32)
        TEST_IMM_OP(45, srli, 0x0091a2b3, 0x0123456789abcdef, 33)
        TEST_IMM_OP(46, srli, 0x0, 0x0123456789abcdef, 63)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(47, srli, 0x0000091a2b3c4d5e, 0x0123456789abcdef, 13)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(48, srli, 0x0, 13)
        TEST_IMM_ZERODEST(49, srli, 0x0123456789abcdef, 13)

TEST_PASSFAIL
