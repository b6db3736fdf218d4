/*
 * rv64ui/addiw.S
 *
 * addiw: 32-bit add of the low word and the immediate, result sign-extended
 * (addiw rd, rs, 0 is sext.w).
 */
#include "test_macros.h"

TEST_CODE_BEGIN

        TEST_IMM_OP(2, addiw, 0x0, 0x0, 0)
        TEST_IMM_OP(3, addiw, 0x2, 0x1, 1)
        TEST_IMM_OP(4, addiw, 0xa, 0x3, 7)
        TEST_IMM_OP(5, addiw, 0xfffffffffffff800, 0x0, -2048)
        TEST_IMM_OP(6, addiw, 0xffffffff80000000, 0xffffffff80000000, 0)
        TEST_IMM_OP(7, addiw, 0x7ffff800, 0xffffffff80000000, -2048)
        TEST_IMM_OP(8, addiw, 0x7ff, 0x0, 2047)
        TEST_IMM_OP(9, addiw, 0x7fffffff, 0x7fffffff, 0)
        TEST_IMM_OP(10, addiw, 0xffffffff800007fe, 0x7fffffff, 2047)
        TEST_IMM_OP(11, addiw, 0xffffffff800007ff, 0xffffffff80000000, 2047)
        TEST_IMM_OP(12, addiw, 0x7ffff7ff, 0x7fffffff, -2048)
        TEST_IMM_OP(13, addiw, 0xffffffffffffffff, 0x0, -1)
        TEST_IMM_OP(14, addiw, 0x0, 0xffffffffffffffff, 1)
        TEST_IMM_OP(15, addiw, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
        TEST_IMM_OP(16, addiw, 0xffffffff80000000, 0x7fffffff, 1)
        TEST_IMM_OP(17, addiw, 0x14, 0x123456780000000f, 5)
        TEST_IMM_OP(18, addiw, 0x7fffffff, 0xaaaaaaaa7ffffffe, 1)
        TEST_IMM_OP(19, addiw, 0xffffffffffffffff, 0xffffffff, 0)

        # Destination register is also the source.
        TEST_IMM_SRC1_EQ_DEST(20, addiw, 0xffffffff89abcccc, 0x0123456789abcdef, -291)

        # x0 reads as zero and ignores writes.
        TEST_IMM_ZEROSRC1(21, addiw, 0xfffffffffffffedd, -291)
        TEST_IMM_ZERODEST(22, addiw, 0x0123456789abcdef, -291)

TEST_PASSFAIL
