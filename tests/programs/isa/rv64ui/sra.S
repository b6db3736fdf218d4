/*
 * rv64ui/sra.S
 *
 * sra: shift right arithmetic by rs2[5:0] (copies of bit 63 shifted in).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, sra, 0x1, 0x1, 0x0)
        TEST_RR_OP(3, sra, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, sra, 0x0, 0x1, 0x7)
        TEST_RR_OP(5, sra, 0x0, 0x1, 0xe)
        TEST_RR_OP(6, sra, 0x0, 0x1, 0x14)
        TEST_RR_OP(7, sra, 0x0, 0x1, 0x1f)
        TEST_RR_OP(8, sra, 0x0, 0x1, 0x20)
        TEST_RR_OP(9, sra, 0x0, 0x1, 0x21)
        TEST_RR_OP(10, sra, 0x0, 0x1, 0x3f)
        TEST_RR_OP(11, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(12, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(13, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x7)
        TEST_RR_OP(14, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0xe)
        TEST_RR_OP(15, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x14)
        TEST_RR_OP(16, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x1f)
        TEST_RR_OP(17, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x20)
        TEST_RR_OP(18, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x21)
        TEST_RR_OP(19, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0x3f)
        TEST_RR_OP(20, sra, 0x2121212121212121, 0x2121212121212121, 0x0)
        TEST_RR_OP(21, sra, 0x1090909090909090, 0x2121212121212121, 0x1)
        TEST_RR_OP(22, sra, 0x0042424242424242, 0x2121212121212121, 0x7)
        TEST_RR_OP(23, sra, 0x0000848484848484, 0x2121212121212121, 0xe)
        TEST_RR_OP(24, sra, 0x0000021212121212, 0x2121212121212121, 0x14)
        TEST_RR_OP(25, sra, 0x42424242, 0x2121212121212121, 0x1f)
        TEST_RR_OP(26, sra, 0x21212121, 0x2121212121212121, 0x20)
        TEST_RR_OP(27, sra, 0x10909090, 0x2121212121212121, 0x21)
        TEST_RR_OP(28, sra, 0x0, 0x2121212121212121, 0x3f)
        TEST_RR_OP(29, sra, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(30, sra, 0xc000000000000000, 0x8000000000000000, 0x1)
        TEST_RR_OP(31, sra, 0xff00000000000000, 0x8000000000000000, 0x7)
        TEST_RR_OP(32, sra, 0xfffe000000000000, 0x8000000000000000, 0xe)
        TEST_RR_OP(33, sra, 0xfffff80000000000, 0x8000000000000000, 0x14)
        TEST_RR_OP(34, sra, 0xffffffff00000000, 0x8000000000000000, 0x1f)
        TEST_RR_OP(35, sra, 0xffffffff80000000, 0x8000000000000000, 0x20)
        TEST_RR_OP(36, sra, 0xffffffffc0000000, 0x8000000000000000, 0x21)
        TEST_RR_OP(37, sra, 0xffffffffffffffff, 0x8000000000000000, 0x3f)
        TEST_RR_OP(38, sra, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR_OP(39, sra, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 0x1)
        TEST_RR_OP(40, sra, 0x0002468acf13579b, 0x0123456789abcdef, 0x7)
        TEST_RR_OP(41, sra, 0x0000048d159e26af, 0x0123456789abcdef, 0xe)
        TEST_RR_OP(42, sra, 0x000000123456789a, 0x0123456789abcdef, 0x14)
        TEST_RR_OP(43, sra, 0x02468acf, 0x0123456789abcdef, 0x1f)
        TEST_RR_OP(44, sra, 0x01234567, 0x0123456789abcdef, 0x20)
        TEST_RR_OP(45, sra, 0x0091a2b3, 0x0123456789abcdef, 0x21)
        TEST_RR_OP(46, sra, 0x0, 0x0123456789abcdef, 0x3f)
        TEST_RR_OP(47, sra, 0x0123456789abcdef, 0x0123456789abcdef, 0xffffffffffffffc0)
        TEST_RR_OP(48, sra, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 0xffffffffffffffc1)
        TEST_RR_OP(49, sra, 0x0002468acf13579b, 0x0123456789abcdef, 0xffffffffffffffc7)
        TEST_RR_OP(50, sra, 0x0000048d159e26af, 0x0123456789abcdef, 0xffffffffffffffce)
        TEST_RR_OP(51, sra, 0x0, 0x0123456789abcdef, 0xffffffffffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(52, sra, 0xfffdb97530eca864, 0xfedcba9876543210, 0x7)
        TEST_RR_SRC2_EQ_DEST(53, sra, 0xffdb97530eca8642, 0xfedcba9876543210, 0xffffffffffffffc3)
        TEST_RR_SRC12_EQ_DEST(54, sra, 0xfffffedcba987654, 0xfedcba9876543210)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(55, sra, 0x0, 0x7)
        TEST_RR_ZEROSRC2(56, sra, 0xfedcba9876543210, 0xfedcba9876543210)
        TEST_RR_ZEROSRC12(57, sra, 0x0)
        TEST_RR_ZERODEST(58, sra, 0xfedcba9876543210, 0x7)

TEST_PASSFAIL
