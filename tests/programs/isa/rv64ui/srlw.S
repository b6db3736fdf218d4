/*
 * rv64ui/srlw.S
 *
 * srlw: shift the low word right logically by rs2[4:0], sign-extend the
 * 32-bit result (so a shift by 0 of a word with bit 31 set is negative).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_RR_OP(2, srlw, 0x1, 0x1, 0x0)
        TEST_RR_OP(3, srlw, 0x0, 0x1, 0x1)
        TEST_RR_OP(4, srlw, 0x0, 0x1, 0x7)
        TEST_RR_OP(5, srlw, 0x0, 0x1, 0xe)
        TEST_RR_OP(6, srlw, 0x0, 0x1, 0x1f)
        TEST_RR_OP(7, srlw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR_OP(8, srlw, 0x7fffffff, 0xffffffffffffffff, 0x1)
        TEST_RR_OP(9, srlw, 0x01ffffff, 0xffffffffffffffff, 0x7)
        TEST_RR_OP(10, srlw, 0x0003ffff, 0xffffffffffffffff, 0xe)
        TEST_RR_OP(11, srlw, 0x1, 0xffffffffffffffff, 0x1f)
        TEST_RR_OP(12, srlw, 0x21212121, 0x21212121, 0x0)
        TEST_RR_OP(13, srlw, 0x10909090, 0x21212121, 0x1)
        TEST_RR_OP(14, srlw, 0x00424242, 0x21212121, 0x7)
        TEST_RR_OP(15, srlw, 0x8484, 0x21212121, 0xe)
        TEST_RR_OP(16, srlw, 0x0, 0x21212121, 0x1f)
        TEST_RR_OP(17, srlw, 0xffffffff80000000, 0xffffffff80000000, 0x0)
        TEST_RR_OP(18, srlw, 0x40000000, 0xffffffff80000000, 0x1)
        TEST_RR_OP(19, srlw, 0x01000000, 0xffffffff80000000, 0x7)
        TEST_RR_OP(20, srlw, 0x00020000, 0xffffffff80000000, 0xe)
        TEST_RR_OP(21, srlw, 0x1, 0xffffffff80000000, 0x1f)
        TEST_RR_OP(22, srlw, 0x76543210, 0xfedcba9876543210, 0x0)
        TEST_RR_OP(23, srlw, 0x3b2a1908, 0xfedcba9876543210, 0x1)
        TEST_RR_OP(24, srlw, 0x00eca864, 0xfedcba9876543210, 0x7)
        TEST_RR_OP(25, srlw, 0x0001d950, 0xfedcba9876543210, 0xe)
        TEST_RR_OP(26, srlw, 0x0, 0xfedcba9876543210, 0x1f)
        TEST_RR_OP(27, srlw, 0x21212121, 0x21212121, 0xffffffffffffffe0)
        TEST_RR_OP(28, srlw, 0x10909090, 0x21212121, 0xffffffffffffffe1)
        TEST_RR_OP(29, srlw, 0x00424242, 0x21212121, 0xffffffffffffffe7)
        TEST_RR_OP(30, srlw, 0x8484, 0x21212121, 0xffffffffffffffee)
        TEST_RR_OP(31, srlw, 0x0, 0x21212121, 0xffffffffffffffff)
        TEST_RR_OP(32, srlw, 0x1, 0x8000000180000001, 0x1f)
        TEST_RR_OP(33, srlw, 0x7fffffff, 0xffffffff7fffffff, 0x0)

        # Destination register is also a source.
        TEST_RR_SRC1_EQ_DEST(34, srlw, 0x0113579b, 0x0123456789abcdef, 0x7)
        TEST_RR_SRC2_EQ_DEST(35, srlw, 0x113579bd, 0x0123456789abcdef, 0xffffffffffffffe3)
        TEST_RR_SRC12_EQ_DEST(36, srlw, 0x00011357, 0x0123456789abcdef)

        # x0 reads as zero and ignores writes.
        TEST_RR_ZEROSRC1(37, srlw, 0x0, 0x7)
        TEST_RR_ZEROSRC2(38, srlw, 0xffffffff89abcdef, 0x0123456789abcdef)
        TEST_RR_ZEROSRC12(39, srlw, 0x0)
        TEST_RR_ZERODEST(40, srlw, 0x0123456789abcdef, 0x7)

TEST_PASSFAIL
