/*
 * rv64ui/srai.S
 *
 * srai: shift right arithmetic by a 6-bit immediate (0..63).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, srai, 0x1, 0x1, 0)
        TEST_IMM_OP(3, srai, 0x0, 0x1, 1)
        TEST_IMM_OP(4, srai, 0x0, 0x1, 7)
        TEST_IMM_OP(5, srai, 0x0, 0x1, 14)
        TEST_IMM_OP(6, srai, 0x0, 0x1, 20)
        TEST_IMM_OP(7, srai, 0x0, 0x1, 31)
        TEST_IMM_OP(8, srai, 0x0, 0x1, 32)
        TEST_IMM_OP(9, srai, 0x0, 0x1, 33)
        TEST_IMM_OP(10, srai, 0x0, 0x1, 63)
        TEST_IMM_OP(11, srai, 0xffffffffffffffff, 0xffffffffffffffff, 0)
        TEST_IMM_OP(12, srai, 0xffffffffffffffff, 0xffffffffffffffff, 1)
        TEST_IMM_OP(13, srai, 0xffffffffffffffff, 0xffffffffffffffff, 7)
        TEST_IMM_OP(14, srai, 0xffffffffffffffff, 0xffffffffffffffff, 14)
        TEST_IMM_OP(15, srai, 0xffffffffffffffff, 0xffffffffffffffff, 20)
        TEST_IMM_OP(16, srai, 0xffffffffffffffff, 0xffffffffffffffff, 31)
        TEST_IMM_OP(17, srai, 0xffffffffffffffff, 0xffffffffffffffff, 32)
        TEST_IMM_OP(18, srai, 0xffffffffffffffff, 0xffffffffffffffff, 33)
        TEST_IMM_OP(19, srai, 0xffffffffffffffff, 0xffffffffffffffff, 63)
        TEST_IMM_OP(20, srai, 0x2121212121212121, 0x2121212121212121, 0)
        TEST_IMM_OP(21, srai, 0x1090909090909090, 0x2121212121212121, 1)
        TEST_IMM_OP(22, srai, 0x0042424242424242, 0x2121212121212121, 7)
        TEST_IMM_OP(23, srai, 0x0000848484848484, 0x2121212121212121, 14)
        TEST_IMM_OP(24, srai, 0x0000021212121212, 0x2121212121212121, 20)
        TEST_IMM_OP(25, srai, 0x42424242, 0x2121212121212121, 31)
        TEST_IMM_OP(26, srai, 0x21212121, 0x2121212121212121, 32)
        TEST_IMM_OP(27, srai, 0x10909090, 0x2121212121212121, 33)
        TEST_IMM_OP(28, srai, 0x0, 0x2121212121212121, 63)
        TEST_IMM_OP(29, srai, 0x8000000000000000, 0x8000000000000000, 0)
        TEST_IMM_OP(30, srai, 0xc000000000000000, 0x8000000000000000, 1)
        TEST_IMM_OP(31, srai, 0xff00000000000000, 0x8000000000000000, 7)
        TEST_IMM_OP(32, srai, 0xfffe000000000000, 0x8000000000000000, 14)
        TEST_IMM_OP(33, srai, 0xfffff80000000000, 0x8000000000000000, 20)
        TEST_IMM_OP(34, srai, 0xffffffff00000000, 0x8000000000000000, 31)
        TEST_IMM_OP(35, srai, 0xffffffff80000000, 0x8000000000000000, 32)
        TEST_IMM_OP(36, srai, 0xffffffffc0000000, 0x8000000000000000, 33)
        TEST_IMM_OP(37, srai, 0xffffffffffffffff, 0x8000000000000000, 63)
        TEST_IMM_OP(38, srai, 0x0123456789abcdef, 0x0123456789abcdef, 0)
        TEST_IMM_OP(39, srai, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 1)
        TEST_IMM_OP(40, srai, 0x0002468acf13579b, 0x0123456789abcdef, 7)
        TEST_IMM_OP(41, srai, 0x0000048d159e26af, 0x0123456789abcdef, 14)
        TEST_IMM_OP(42, srai, 0x000000123456789a, 0x0123456789abcdef, 20)
        TEST_IMM_OP(43, srai, 0x02468acf, 0x0123456789abcdef, 31)
        TEST_IMM_OP(44, srai, 0x01234567, 0x0123456789abcdef, 32)
        TEST_IMM_OP(45, srai, 0x0091a2b3, 0x0123456789abcdef, 33)
        TEST_IMM_OP(46, srai, 0x0, 0x0123456789abcdef, 63)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(47, srai, 0xfffff6e5d4c3b2a1, 0xfedcba9876543210, 13)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(48, srai, 0x0, 13)
        TEST_IMM_ZERODEST(49, srai, 0xfedcba9876543210, 13)

TEST_PASSFAIL
