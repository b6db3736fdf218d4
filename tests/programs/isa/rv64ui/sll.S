/*
 * rv64ui/sll.S
 *
 * sll: shift left logical by rs2[5:0]; the upper bits of rs2 are ignored.
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, sll, 0x1, 0x1, 0x0)
        TEST_RR_OP(3, sll, 0x2, 0x1, 0x1)
        TEST_RR_OP(4, sll, 0x80, 0x1, 0x7)
        TEST_RR_OP(5, sll, 0x4000, 0x1, 0xe)
        TEST_RR_OP(6, sll, 0x00100000, 0x1, 0x14)
        TEST_RR_OP(7, sll, 0x80000000, 0x1, 0x1f)
        TEST_RR_OP(8, sll, 0x0000000100000000, 0x1, 0x20)
        TEST_RR_OP(9, sll, 0x0000000200000000, 0x1, 0x21)
        TEST_RR_OP(10, sll, 0x8000000000000000, 0x1, 0x3f)
        TEST_RR_OP(11, sll, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(12, sll, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(13, sll, 0xffffffffffffff80, 0xffffffffffffffff, 0x7)
        TEST_RR_OP(14, sll, 0xffffffffffffc000, 0xffffffffffffffff, 0xe)
        TEST_RR_OP(15, sll, 0xfffffffffff00000, 0xffffffffffffffff, 0x14)
        TEST_RR_OP(16, sll, 0xffffffff80000000, 0xffffffffffffffff, 0x1f)
        TEST_RR_OP(17, sll, 0xffffffff00000000, 0xffffffffffffffff, 0x20)
        TEST_RR_OP(18, sll, 0xfffffffe00000000, 0xffffffffffffffff, 0x21)
        TEST_RR_OP(19, sll, 0x8000000000000000, 0xffffffffffffffff, 0x3f)
        TEST_RR_OP(20, sll, 0x2121212121212121, 0x2121212121212121, 0x0)
        TEST_RR_OP(21, sll, 0x4242424242424242, 0x2121212121212121, 0x1)
        TEST_RR_OP(22, sll, 0x9090909090909080, 0x2121212121212121, 0x7)
        TEST_RR_OP(23, sll, 0x4848484848484000, 0x2121212121212121, 0xe)
        TEST_RR_OP(24, sll, 0x1212121212100000, 0x2121212121212121, 0x14)
        TEST_RR_OP(25, sll, 0x9090909080000000, 0x2121212121212121, 0x1f)
        TEST_RR_OP(26, sll, 0x2121212100000000, 0x2121212121212121, 0x20)
        TEST_RR_OP(27, sll, 0x4242424200000000, 0x2121212121212121, 0x21)
        TEST_RR_OP(28, sll, 0x8000000000000000, 0x2121212121212121, 0x3f)
        TEST_RR_OP(29, sll, 0x8000000000000000, 0x8000000000000000, 0x0)
        TEST_RR_OP(30, sll, 0x0, 0x8000000000000000, 0x1)
        TEST_RR_OP(31, sll, 0x0, 0x8000000000000000, 0x7)
        TEST_RR_OP(32, sll, 0x0, 0x8000000000000000, 0xe)
        TEST_RR_OP(33, sll, 0x0, 0x8000000000000000, 0x14)
        TEST_RR_OP(34, sll, 0x0, 0x8000000000000000, 0x1f)
        TEST_RR_OP(35, sll, 0x0, 0x8000000000000000, 0x20)
        TEST_RR_OP(36, sll, 0x0, 0x8000000000000000, 0x21)
        TEST_RR_OP(37, sll, 0x0, 0x8000000000000000, 0x3f)
        TEST_RR_OP(38, sll, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR_OP(39, sll, 0x02468acf13579bde, 0x0123456789abcdef, 0x1)
        TEST_RR_OP(40, sll, 0x91a2b3c4d5e6f780, 0x0123456789abcdef, 0x7)
        TEST_RR_OP(41, sll, 0xd159e26af37bc000, 0x0123456789abcdef, 0xe)
        TEST_RR_OP(42, sll, 0x56789abcdef00000, 0x0123456789abcdef, 0x14)
        TEST_RR_OP(43, sll, 0xc4d5e6f780000000, 0x0123456789abcdef, 0x1f)
        TEST_RR_OP(44, sll, 0x89abcdef00000000, 0x0123456789abcdef, 0x20)
        TEST_RR_OP(45, sll, 0x13579bde00000000, 0x0123456789abcdef, 0x21)
        TEST_RR_OP(46, sll, 0x8000000000000000, 0x0123456789abcdef, 0x3f)
        TEST_RR_OP(47, sll, 0x0123456789abcdef, 0x0123456789abcdef, 0xffffffffffffffc0)
        TEST_RR_OP(48, sll, 0x02468acf13579bde, 0x0123456789abcdef, 0xffffffffffffffc1)
        TEST_RR_OP(49, sll, 0x91a2b3c4d5e6f780, 0x0123456789abcdef, 0xffffffffffffffc7)
        TEST_RR_OP(50, sll, 0xd159e26af37bc000, 0x0123456789abcdef, 0xffffffffffffffce)
        TEST_RR_OP(51, sll, 0x8000000000000000, 0x0123456789abcdef, 0xffffffffffffffff)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(52, sll, 0x91a2b3c4d5e6f780, 0x0123456789abcdef, 0x7)
        TEST_RR_SRC2_EQ_DEST(53, sll, 0x091a2b3c4d5e6f78, 0x0123456789abcdef, 0xffffffffffffffc3)
        TEST_RR_SRC12_EQ_DEST(54, sll, 0xe6f7800000000000, 0x0123456789abcdef)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(55, sll, 0x0, 0x7)
        TEST_RR_ZEROSRC2(56, sll, 0x0123456789abcdef, 0x0123456789abcdef)
        TEST_RR_ZEROSRC12(57, sll, 0x0)
        TEST_RR_ZERODEST(58, sll, 0x0123456789abcdef, 0x7)

TEST_PASSFAIL
