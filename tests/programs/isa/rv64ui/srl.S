/*
 * rv64ui/srl.S
 *
 * srl: shift right logical by rs2[5:0] (zeros shifted in); upper bits of rs2 ignored.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, srl, 0x1, 0x1, 0x0)
        TEST_RR_OP(3, srl, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, srl, 0x0, 0x1, 0x7)
        TEST_RR_OP(5, srl, 0x0, 0x1, 0xe)
        TEST_RR_OP(6, srl, 0x0, 0x1, 0x14)
        TEST_RR_OP(7, srl, 0x0, 0x1, 0x1f)
        TEST_RR_OP(8, srl, 0x0, 0x1, 0x20)
        TEST_RR_OP(9, srl, 0x0, 0x1, 0x21)
        TEST_RR_OP(10, srl, 0x0, 0x1, 0x3f)
        TEST_RR_OP(11, srl, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(12, srl, 0x7fffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(13, srl, 0x01ffffffffffffff, 0xffffffffffffffff, 0x7)
        TEST_RR_OP(14, srl, 0x0003ffffffffffff, 0xffffffffffffffff, 0xe)
        TEST_RR_OP(15, srl, 0x00000fffffffffff, 0xffffffffffffffff, 0x14)
        TEST_RR_OP(16, srl, 0x00000001ffffffff, 0xffffffffffffffff, 0x1f)
        TEST_RR_OP(17, srl, 0xffffffff, 0xffffffffffffffff, 0x20)
        TEST_RR_OP(18, srl, 0x7fffffff, 0xffffffffffffffff, 0x21)
        TEST_RR_OP(19, srl, 0x1, 0xffffffffffffffff, 0x3f)
        TEST_RR_OP(20, srl, 0x2121212121212121, 0x2121212121212121, 0x0)
        TEST_RR_OP(21, srl, 0x1090909090909090, 0x2121212121212121, 0x1)
        TEST_RR_OP(22, srl, 0x0042424242424242, 0x2121212121212121, 0x7)
        TEST_RR_OP(23, srl, 0x0000848484848484, 0x2121212121212121, 0xe)
        TEST_RR_OP(24, srl, 0x0000021212121212, 0x2121212121212121, 0x14)
        TEST_RR_OP(25, srl, 0x42424242, 0x2121212121212121, 0x1f)
        TEST_RR_OP(26, srl, 0x21212121, 0x2121212121212121, 0x20)
        TEST_RR_OP(27, srl, 0x10909090, 0x2121212121212121, 0x21)
        TEST_RR_OP(28, srl, 0x0, 0x2121212121212121, 0x3f)
        TEST_RR_OP(29, srl, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(30, srl, 0x4000000000000000, 0x8000000000000000, 0x1)
        TEST_RR_OP(31, srl, 0x0100000000000000, 0x8000000000000000, 0x7)
        TEST_RR_OP(32, srl, 0x0002000000000000, 0x8000000000000000, 0xe)
        TEST_RR_OP(33, srl, 0x0000080000000000, 0x8000000000000000, 0x14)
        TEST_RR_OP(34, srl, 0x0000000100000000, 0x8000000000000000, 0x1f)
        TEST_RR_OP(35, srl, 0x80000000, 0x8000000000000000, 0x20)
        TEST_RR_OP(36, srl, 0x40000000, 0x8000000000000000, 0x21)
        TEST_RR_OP(37, srl, 0x1, 0x8000000000000000, 0x3f)
        TEST_RR_OP(38, srl, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR_OP(39, srl, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 0x1)
        TEST_RR_OP(40, srl, 0x0002468acf13579b, 0x0123456789abcdef, 0x7)
        TEST_RR_OP(41, srl, 0x0000048d159e26af, 0x0123456789abcdef, 0xe)
        TEST_RR_OP(42, srl, 0x000000123456789a, 0x0123456789abcdef, 0x14)
        TEST_RR_OP(43, srl, 0x02468acf, 0x0123456789abcdef, 0x1f)
        TEST_RR_OP(44, srl, 0x01234567, 0x0123456789abcdef, 0x20)
        TEST_RR_OP(45, srl, 0x0091a2b3, 0x0123456789abcdef, 0x21)
        TEST_RR_OP(46, srl, 0x0, 0x0123456789abcdef, 0x3f)
        TEST_RR_OP(47, srl, 0x0123456789abcdef, 0x0123456789abcdef, 0xffffffffffffffc0)
        TEST_RR_OP(48, srl, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 0xffffffffffffffc1)
        TEST_RR_OP(49, srl, 0x0002468acf13579b, 0x0123456789abcdef, 0xffffffffffffffc7)
        TEST_RR_OP(50, srl, 0x0000048d159e26af, 0x0123456789abcdef, 0xffffffffffffffce)
        TEST_RR_OP(51, srl, 0x0, 0x0123456789abcdef, 0xffffffffffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(52, srl, 0x0002468acf13579b, 0x0123456789abcdef, 0x7)
        TEST_RR_SRC2_EQ_DEST(53, srl, 0x002468acf13579bd, 0x0123456789abcdef, 0xffffffffffffffc3)
        TEST_RR_SRC12_EQ_DEST(54, srl, 0x246, 0x0123456789abcdef)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(55, srl, 0x0, 0x7)
        TEST_RR_ZEROSRC2(56, srl, 0x0123456789abcdef, 0x0123456789abcdef)
        TEST_RR_ZEROSRC12(57, srl, 0x0)
        TEST_RR_ZERODEST(58, srl, 0x0123456789abcdef, 0x7)

TEST_PASSFAIL
