/*
 * rv64ui/slli.S
 *
 * slli: shift left logical by a 6-bit immediate (0..63).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, slli, 0x1, 0x1, 0)
        TEST_IMM_OP(3, slli, 0x2, 0x1, 1)
        TEST_IMM_OP(4, slli, 0x80, 0x1, 7)
        TEST_IMM_OP(5, slli, 0x4000, 0x1, 14)
        TEST_IMM_OP(6, slli, 0x00100000, 0x1, 20)
        TEST_IMM_OP(7, slli, 0x80000000, 0x1, 31)
        TEST_IMM_OP(8, slli, 0x0000000100000000, 0x1, 32)
        TEST_IMM_OP(9, slli, 0x0000000200000000, 0x1, 33)
        TEST_IMM_OP(10, slli, 0x8000000000000000, 0x1, 63)
        TEST_IMM_OP(11, slli, 0xffffffffffffffff, 0xffffffffffffffff, 0)
        TEST_IMM_OP(12, slli, 0xfffffffffffffffe, 0xffffffffffffffff, 1)
        TEST_IMM_OP(13, slli, 0xffffffffffffff80, 0xffffffffffffffff, 7)
        TEST_IMM_OP(14, slli, 0xffffffffffffc000, 0xffffffffffffffff, 14)
        TEST_IMM_OP(15, slli, 0xfffffffffff00000, 0xffffffffffffffff, 20)
        TEST_IMM_OP(16, slli, 0xffffffff80000000, 0xffffffffffffffff, 31)
        TEST_IMM_OP(17, slli, 0xffffffff00000000, 0xffffffffffffffff, 32)
        TEST_IMM_OP(18, slli, 0xfffffffe00000000, 0xffffffffffffffff, 33)
        TEST_IMM_OP(19, slli, 0x8000000000000000, 0xffffffffffffffff, 63)
        TEST_IMM_OP(20, slli, 0x2121212121212121, 0x2121212121212121, 0)
        TEST_IMM_OP(21, slli, 0x4242424242424242, 0x2121212121212121, 1)
        TEST_IMM_OP(22, slli, 0x9090909090909080, 0x2121212121212121, 7)
        TEST_IMM_OP(23, slli, 0x4848484848484000, 0x2121212121212121, 14)
        TEST_IMM_OP(24, slli, 0x1212121212100000, 0x2121212121212121, 20)
        TEST_IMM_OP(25, slli, 0x9090909080000000, 0x2121212121212121, 31)
        TEST_IMM_OP(26, slli, 0x2121212100000000, 0x2121212121212121, 32)
        TEST_IMM_OP(27, slli, 0x4242424200000000, 0x2121212121212121, 33)
        TEST_IMM_OP(28, slli, 0x8000000000000000, 0x2121212121212121, 63)
        TEST_IMM_OP(29, slli, 0x8000000000000000, 0x8000000000000000, 0)
        TEST_IMM_OP(30, slli, 0x0, 0x8000000000000000, 1)
        TEST_IMM_OP(31, slli, 0x0, 0x8000000000000000, 7)
        TEST_IMM_OP(32, slli, 0x0, 0x8000000000000000, 14)
        TEST_IMM_OP(33, slli, 0x0, 0x8000000000000000, 20)
        TEST_IMM_OP(34, slli, 0x0, 0x8000000000000000, 31)
        TEST_IMM_OP(35, slli, 0x0, 0x8000000000000000, 32)
        TEST_IMM_OP(36, slli, 0x0, 0x8000000000000000, 33)
        TEST_IMM_OP(37, slli, 0x0, 0x8000000000000000, 63)
        TEST_IMM_OP(38, slli, 0x0123456789abcdef, 0x0123456789abcdef, 0)
        TEST_IMM_OP(39, slli, 0x02468acf13579bde, 0x0123456789abcdef, 1)
        TEST_IMM_OP(40, slli, 0x91a2b3c4d5e6f780, 0x0123456789abcdef, 7)
        TEST_IMM_OP(41, slli, 0xd159e26af37bc000, 0x0123456789abcdef, 14)
        TEST_IMM_OP(42, slli, 0x56789abcdef00000, 0x0123456789abcdef, 20)
        TEST_IMM_OP(43, slli, 0xc4d5e6f780000000, 0x0123456789abcdef, 31)
        TEST_IMM_OP(44, slli, 0x89abcdef00000000, 0x0123456789abcdef, 32)
        TEST_IMM_OP(45, slli, 0x13579bde00000000, 0x0123456789abcdef, 33)
        TEST_IMM_OP(46, slli, 0x8000000000000000, 0x0123456789abcdef, 63)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(47, slli, 0x68acf13579bde000, 0x0123456789abcdef, 13)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(48, slli, 0x0, 13)
        TEST_IMM_ZERODEST(49, slli, 0x0123456789abcdef, 13)

TEST_PASSFAIL
